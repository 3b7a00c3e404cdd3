"""The layout as the printed document reads (spec nd30 H1–H8, T1–T2, B2–B9, R1–R3, C1–C7, A1–A4):
which paragraphs come out, in which order, with which numbers, labels and roles."""
from tudanhgia.domain import (Authority, CapDo, ChatLuong, ContentKind, DocDate, DocumentMeta, Indicator, LevelStyle,
                              Limitation, Measure, NumberStyle, Period, Recipient, Recipients, Report, RichText,
                              RatingScale, Section, Signer)
from tudanhgia.domain.model import ScoreBand, Scoring
from tudanhgia.domain.richtext import Footnote, Paragraph, Run
from tudanhgia.render.layout import (Appendix, Header, PageBreak, Para, RatingLine, Role, Signature, Table, Title,
                                     layout, measure_lines, render_blocks, vn_number)

T = RichText.from_plain
UNIT = "Văn phòng UBND tỉnh Quảng Ngãi"


def _report(*sections, levels=("roman", "arabic", "letter"), **kw) -> Report:
    values = dict(  # noqa: C408
        meta=DocumentMeta(parent_agency="UBND TỈNH QUẢNG NGÃI", issuing_agency="VĂN PHÒNG", number="5",
                                    symbol="BC-VP", place="Quảng Ngãi", date=DocDate(2024, 1, 5),
                                    subject="Kiểm điểm tập thể lãnh đạo năm 2023"),
                  sections=list(sections), levels=[LevelStyle(NumberStyle(x)) for x in levels],
                  signer=Signer(Authority.KT, "Chánh Văn phòng", "Phó Chánh Văn phòng", "Lê Quốc Đạt"),
                  recipients=Recipients([Recipient("Sở Nội vụ", "báo cáo")], "VT, HC-TC"), unit_name=UNIT)
    values.update(kw)
    return Report("k", Period(2023), **values)


def _paras(report) -> list[tuple[Role, str]]:
    return [(b.role, b.paragraph.text) for b in layout(report).blocks if isinstance(b, Para)]


def _body(report) -> list[tuple[Role, str]]:
    """The paragraphs between the title and the signature."""
    return _paras(report)


def test_the_frame_of_page_one_and_the_closing_block():
    blocks = layout(_report(Section("Ưu điểm", T("x")))).blocks
    assert blocks[0] == Header("UBND TỈNH QUẢNG NGÃI", "VĂN PHÒNG", "Số: 05/BC-VP",
                               "Quảng Ngãi, ngày 05 tháng 01 năm 2024", "", "")
    assert (blocks[0].national, blocks[0].motto) == ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                                                     "Độc lập - Tự do - Hạnh phúc")
    assert blocks[1] == Title("BÁO CÁO", "Kiểm điểm tập thể lãnh đạo năm 2023")
    assert blocks[-1] == Signature(["- Sở Nội vụ (báo cáo);", "- Lưu: VT, HC-TC."],
                                   ["KT. CHÁNH VĂN PHÒNG", "PHÓ CHÁNH VĂN PHÒNG"], "Lê Quốc Đạt")
    assert blocks[-1].recipients_head == "Nơi nhận:"


def test_secrecy_and_urgency_marks_reach_the_header():
    r = _report()
    r.meta.secrecy, r.meta.urgency = "MẬT", "HỎA TỐC"
    header = layout(r).blocks[0]
    assert (header.secrecy, header.urgency) == ("MẬT", "HỎA TỐC")


def test_preamble_sections_and_closing_in_order():
    r = _report(Section("Ưu điểm", T("Đoạn một.\nĐoạn hai."), children=[Section("Công tác A", T("a"))]),
                Section("Hạn chế", T("b")))
    r.meta.preamble = T("Căn cứ Kế hoạch số 12/KH-UBND;")
    r.meta.closing = T("Trên đây là báo cáo./.")
    assert _paras(r) == [
        (Role.PREAMBLE, "Căn cứ Kế hoạch số 12/KH-UBND;"),
        (Role.HEADING, "I. Ưu điểm"), (Role.BODY, "Đoạn một."), (Role.BODY, "Đoạn hai."),
        (Role.HEADING, "1. Công tác A"), (Role.BODY, "a"),
        (Role.HEADING, "II. Hạn chế"), (Role.BODY, "b"),
        (Role.CLOSING, "Trên đây là báo cáo./."),
    ]


def test_a_heading_carries_its_depth_level_style_and_section():
    r = _report(Section("Ưu điểm", id=11, children=[Section("Công tác A", id=12)]))
    first, second = [b for b in layout(r).blocks if isinstance(b, Para)]
    assert (first.depth, first.style, first.section_id) == (1, r.levels[0], 11)
    assert (second.depth, second.style, second.section_id) == (2, r.levels[1], 12)


def test_capitalised_levels_print_the_title_in_capitals():
    r = _report(Section("Ưu điểm, kết quả"), levels=())
    r.levels = [LevelStyle(NumberStyle.ROMAN, caps=True)]
    assert _paras(r) == [(Role.HEADING, "I. ƯU ĐIỂM, KẾT QUẢ")]


def test_parts_print_the_label_and_the_title_in_capitals_on_two_lines():
    r = _report(Section("Khái quát đặc điểm", id=1), Section("", T("x"), id=2), levels=("part-words", "roman"))
    blocks = [b for b in layout(r).blocks if isinstance(b, Para)]
    assert [(b.role, b.paragraph.text, b.depth, b.section_id) for b in blocks] == [
        (Role.PART_LABEL, "Phần thứ nhất", 1, 1), (Role.PART_TITLE, "KHÁI QUÁT ĐẶC ĐIỂM", 1, 1),
        (Role.PART_LABEL, "Phần thứ hai", 1, 2), (Role.BODY, "x", 0, 2)]


def test_an_untitled_item_starts_its_first_paragraph_with_its_number():
    r = _report(Section("Kết quả", children=[Section("", T("Tham mưu kịp thời.\nChi tiết."), id=5), Section("")]))
    blocks = [b for b in layout(r).blocks if isinstance(b, Para)]
    assert [(b.role, b.paragraph.text) for b in blocks] == [
        (Role.HEADING, "I. Kết quả"), (Role.ITEM, "1. Tham mưu kịp thời."), (Role.BODY, "Chi tiết."),
        (Role.ITEM, "2. ")]
    assert (blocks[1].depth, blocks[1].section_id) == (2, 5)


def test_an_unnumbered_untitled_section_is_its_body_only():
    r = _report(Section("", T("Đánh giá chung."), number_style=NumberStyle.NONE))
    assert _paras(r) == [(Role.BODY, "Đánh giá chung.")]


def _plan() -> Report:
    lims = [Limitation(T("Chậm ban hành kế hoạch.\nMột số nơi chưa làm."), T("Chủ quan một."), T("Khách quan một."),
                       measures=[Measure(measure=T("Rà soát quy trình.\nBáo cáo định kỳ."),
                                         directed_by="Chánh Văn phòng",
                                         lead_unit="Phòng HC-TC", cooperating="Các phòng", timeframe="Quý II năm 2023"),
                                 Measure(measure=T("Tập huấn."), timeframe="  ")]),
            Limitation(T("Lưu trữ chưa kịp thời.")),
            Limitation(T("Phối hợp chưa chặt chẽ."), cause_objective=T("Khách quan ba."))]
    return _report(levels=("roman", "arabic"), limitations=lims)


def test_limitations_are_lettered_under_their_section():
    r = _plan()
    r.sections = [Section("Hạn chế", content=ContentKind.LIMITATIONS, id=4)]
    blocks = [b for b in layout(r).blocks if isinstance(b, Para)]
    assert [(b.role, b.paragraph.text) for b in blocks] == [
        (Role.HEADING, "I. Hạn chế"), (Role.ITEM, "a) Chậm ban hành kế hoạch."), (Role.BODY, "Một số nơi chưa làm."),
        (Role.ITEM, "b) Lưu trữ chưa kịp thời."), (Role.ITEM, "c) Phối hợp chưa chặt chẽ.")]
    assert all(b.section_id == 4 for b in blocks)
    assert [b.depth for b in blocks if b.role is Role.ITEM] == [2, 2, 2]


def test_limitations_with_their_measures_and_labelled_fields():
    r = _plan()
    r.sections = [Section("Nội dung", content=ContentKind.LIMITATIONS_WITH_MEASURES)]
    assert _paras(r)[1:8] == [
        (Role.ITEM, "a) Chậm ban hành kế hoạch."), (Role.BODY, "Một số nơi chưa làm."),
        (Role.MEASURE_LINE, "- Biện pháp khắc phục: Rà soát quy trình."), (Role.BODY, "Báo cáo định kỳ."),
        (Role.MEASURE_LINE, "- Chỉ đạo thực hiện: Chánh Văn phòng"),
        (Role.MEASURE_LINE, "- Đơn vị tham mưu thực hiện: Phòng HC-TC"),
        (Role.MEASURE_LINE, "- Phối hợp thực hiện: Các phòng"),
    ]
    assert _paras(r)[8:11] == [(Role.MEASURE_LINE, "- Thời gian thực hiện: Quý II năm 2023"),
                               (Role.MEASURE_LINE, "- Biện pháp khắc phục: Tập huấn."),
                               (Role.ITEM, "b) Lưu trữ chưa kịp thời.")]
    r.sections[0].measure_label = "Giải pháp"
    assert (Role.MEASURE_LINE, "- Giải pháp: Tập huấn.") in _paras(r)


def test_a_measure_line_has_its_label_in_italics():
    (line,) = measure_lines(Measure(lead_unit="Phòng HC-TC"), "", 3)
    assert line.paragraph.items == (Run("- "), Run("Đơn vị tham mưu thực hiện:", italic=True), Run(" Phòng HC-TC"))
    assert (line.role, line.section_id) == (Role.MEASURE_LINE, 3)
    first = measure_lines(Measure(measure=T("Rà soát.")), "Biện pháp", None)[0]
    assert first.paragraph.items == (Run("- "), Run("Biện pháp:", italic=True), Run(" Rà soát."))
    assert measure_lines(Measure(measure=T("Rà soát.")), "", None) == []


def test_causes_are_lettered_only_for_limitations_that_have_them():
    r = _plan()
    r.sections = [Section("Nguyên nhân", content=ContentKind.CAUSES)]
    assert _paras(r)[1:] == [(Role.ITEM, "a) Chủ quan một."), (Role.BODY, "Khách quan một."),
                             (Role.ITEM, "b) Khách quan ba.")]


def test_subjective_and_objective_causes_print_as_body_text():
    r = _plan()
    r.sections = [Section("Chủ quan", content=ContentKind.CAUSES_SUBJECTIVE),
                  Section("Khách quan", content=ContentKind.CAUSES_OBJECTIVE)]
    assert _paras(r) == [(Role.HEADING, "I. Chủ quan"), (Role.BODY, "Chủ quan một."),
                         (Role.HEADING, "II. Khách quan"), (Role.BODY, "Khách quan một."),
                         (Role.BODY, "Khách quan ba.")]


def test_general_measures_are_lettered_with_the_kinds_labels():
    tasks = Section("Nhiệm vụ trọng tâm khác", content=ContentKind.MEASURES, content_label="Nội dung",
                    measure_label="Biện pháp thực hiện")
    other = Section("Khác", content=ContentKind.MEASURES)
    r = _report(tasks, other, levels=("roman",), measures=[
        Measure(T("Cải cách hành chính.\nChi tiết thêm."), T("Rà soát thủ tục."), lead_unit="Phòng KSTT",
                section=tasks),
        Measure(T("Chuyển đổi số."), section=other)])
    blocks = [b for b in layout(r).blocks if isinstance(b, Para)]
    assert [(b.role, b.paragraph.text) for b in blocks] == [
        (Role.HEADING, "I. Nhiệm vụ trọng tâm khác"), (Role.ITEM, "a) Nội dung: Cải cách hành chính."),
        (Role.BODY, "Chi tiết thêm."), (Role.MEASURE_LINE, "- Biện pháp thực hiện: Rà soát thủ tục."),
        (Role.MEASURE_LINE, "- Đơn vị tham mưu thực hiện: Phòng KSTT"),
        (Role.HEADING, "II. Khác"), (Role.ITEM, "a) Chuyển đổi số.")]
    assert blocks[1].paragraph.items[:3] == (Run("a) "), Run("Nội dung:", italic=True), Run(" Cải cách hành chính."))
    assert blocks[1].depth == 2


def test_a_self_rating_follows_the_whole_item_r1():
    item = Section("Công tác A", T("x"), rating_scale=RatingScale.CAP_DO, rating=CapDo.TOT, id=8,
                   children=[Section("Việc 1", T("y"))])
    blocks = layout(_report(item, Section("Hạn chế", T("z")))).blocks
    texts = [b.paragraph.text if isinstance(b, Para) else b for b in blocks[2:-1]]
    assert texts == ["I. Công tác A", "x", "1. Việc 1", "y", "Tự đánh giá về cấp độ thực hiện:",
                     RatingLine(["Xuất sắc", "Tốt", "Trung bình", "Kém"], 1), "II. Hạn chế", "z"]
    prompt = blocks[6]
    assert (prompt.role, prompt.section_id) == (Role.RATING_PROMPT, 8)
    item.rating = None
    assert RatingLine(["Xuất sắc", "Tốt", "Trung bình", "Kém"], None) in layout(_report(item)).blocks
    item.rating = CapDo.XUAT_SAC
    assert RatingLine(["Xuất sắc", "Tốt", "Trung bình", "Kém"], 0) in layout(_report(item)).blocks


def test_the_classification_as_four_boxes_one_ticked_r2():
    cl = Section("Đề nghị xếp loại mức chất lượng", rating_scale=RatingScale.CHAT_LUONG, rating=ChatLuong.HTT, id=9)
    blocks = [b for b in layout(_report(cl)).blocks if isinstance(b, Para)]
    assert [(b.role, b.paragraph.text) for b in blocks] == [
        (Role.HEADING, "I. Đề nghị xếp loại mức chất lượng"),
        (Role.CLASSIFICATION_OPTION, "☐ Hoàn thành xuất sắc nhiệm vụ;"),
        (Role.CLASSIFICATION_OPTION, "☒ Hoàn thành tốt nhiệm vụ;"),
        (Role.CLASSIFICATION_OPTION, "☐ Hoàn thành nhiệm vụ;"),
        (Role.CLASSIFICATION_OPTION, "☐ Không hoàn thành nhiệm vụ.")]
    assert all(b.section_id == 9 for b in blocks)


def test_the_classification_inline_where_the_kind_says_so():
    cl = Section("Đề nghị xếp loại mức chất lượng:", rating_scale=RatingScale.CHAT_LUONG, rating=ChatLuong.HT)
    r = _report(cl, classification_style="inline")
    assert _paras(r) == [(Role.HEADING, "I. Đề nghị xếp loại mức chất lượng: Hoàn thành nhiệm vụ.")]
    cl.rating = None  # nothing chosen yet: the boxes, to tick by hand
    assert [t for _, t in _paras(r)][1:] == ["☐ Hoàn thành xuất sắc nhiệm vụ;", "☐ Hoàn thành tốt nhiệm vụ;",
                                             "☐ Hoàn thành nhiệm vụ;", "☐ Không hoàn thành nhiệm vụ."]


def _scored(total_section: bool, scoring: Scoring | None) -> Report:
    items = [Section("Tiêu chí chung", T("a"), max_score=30, score=28.5, id=1),
             Section("Kết quả nhiệm vụ", T("b"), max_score=70, score=None, id=2)]
    if total_section:
        items.append(Section("Tổng điểm", content=ContentKind.SCORE_TOTAL, id=3))
    r = _report(*items, levels=("roman",), scoring=scoring)
    r.meta.closing = T("Kính báo cáo./.")
    return r


def test_each_item_prints_its_self_score_in_italics():
    blocks = [b for b in layout(_scored(False, None)).blocks if isinstance(b, Para)]
    assert [(b.role, b.paragraph.text) for b in blocks[:6]] == [
        (Role.HEADING, "I. Tiêu chí chung"), (Role.BODY, "a"), (Role.BODY, "Điểm tự chấm: 28,5/30 điểm"),
        (Role.HEADING, "II. Kết quả nhiệm vụ"), (Role.BODY, "b"), (Role.BODY, "Điểm tự chấm: …/70 điểm")]
    assert blocks[2].paragraph.items == (Run("Điểm tự chấm: 28,5/30 điểm", italic=True),)
    assert blocks[2].section_id == 1


def test_the_total_is_computed_after_the_items_when_the_kind_has_no_place_for_it_r3():
    blocks = [b for b in layout(_scored(False, None)).blocks if isinstance(b, Para)]
    assert [(b.role, b.paragraph.text, b.section_id) for b in blocks[6:]] == [
        (Role.SCORE_TOTAL, "Tổng điểm tự chấm: 28,5/100 điểm", None), (Role.CLOSING, "Kính báo cáo./.", None)]


def test_the_total_prints_where_the_kind_puts_it_with_the_pass_mark_and_band():
    bands = [ScoreBand(90, ChatLuong.HTXS), ScoreBand(70, ChatLuong.HTT), ScoreBand(50, ChatLuong.HT),
             ScoreBand(0, ChatLuong.KHT)]
    r = _scored(True, Scoring(100, 28.5, bands))
    paras = [(b.role, b.paragraph.text, b.section_id) for b in layout(r).blocks if isinstance(b, Para)]
    assert paras[6:] == [
        (Role.HEADING, "III. Tổng điểm", 3),
        (Role.SCORE_TOTAL, "Tổng điểm tự chấm: 28,5/100 điểm", 3),
        (Role.BODY, "Đối chiếu điểm chuẩn (28,5 điểm): đạt.", 3),
        (Role.BODY, "Mức xếp loại tương ứng với tổng điểm: Không hoàn thành nhiệm vụ.", 3),
        (Role.CLOSING, "Kính báo cáo./.", None)]
    r.scoring = Scoring(100, 50, bands[:3])
    texts = [t for _, t in _paras(r)]
    assert "Đối chiếu điểm chuẩn (50 điểm): chưa đạt." in texts
    assert not any(t.startswith("Mức xếp loại") for t in texts)  # below every band
    r.sections[1].score = 70
    texts = [t for _, t in _paras(r)]
    assert "Tổng điểm tự chấm: 98,5/100 điểm" in texts and "Đối chiếu điểm chuẩn (50 điểm): đạt." in texts
    assert "Mức xếp loại tương ứng với tổng điểm: Hoàn thành xuất sắc nhiệm vụ." in texts


def test_without_a_pass_mark_only_the_band_is_said():
    r = _scored(True, Scoring(100, None, [ScoreBand(0, ChatLuong.KHT)]))
    texts = [t for _, t in _paras(r)]
    assert not any(t.startswith("Đối chiếu") for t in texts)
    assert "Mức xếp loại tương ứng với tổng điểm: Không hoàn thành nhiệm vụ." in texts


def test_an_unscored_report_has_no_total():
    texts = [t for _, t in _paras(_report(Section("a", T("x"))))]
    assert texts == ["I. a", "x"]


def test_the_appendix_cites_the_number_as_the_header_prints_it():
    r = _report(appendix_title="PHỤ LỤC SỐ LIỆU")
    header, appendix = layout(r).blocks[0], layout(r).blocks[-2]
    assert header.number_line == "Số: 05/BC-VP"
    assert appendix.attached_to.startswith("(Kèm theo Báo cáo số 05/BC-VP ngày 05 tháng 01 năm 2024")
    r.meta.number = "123"
    assert layout(r).blocks[-2].attached_to.startswith("(Kèm theo Báo cáo số 123/BC-VP ")


def test_the_statistics_appendix_on_a_new_page_a1_a4():
    r = _report(Section("a", T("x")), appendix_title="PHỤ LỤC SỐ LIỆU", indicators=[
        Indicator("Số vụ việc được giải quyết", "vụ", 2, 2), Indicator("Số hồ sơ trả đúng hạn", "hồ sơ", 62224, 64690),
        Indicator("Chỉ tiêu không áp dụng", "", None, None), Indicator("Tỷ lệ", "%", 3, 0)])
    blocks = layout(r).blocks
    assert isinstance(blocks[-4], Signature)
    assert blocks[-3] == PageBreak(new_section=True)
    assert blocks[-2] == Appendix("PHỤ LỤC SỐ LIỆU",
                                  f"(Kèm theo Báo cáo số 05/BC-VP ngày 05 tháng 01 năm 2024 của {UNIT})")
    assert blocks[-1] == Table(["STT", "Chỉ tiêu", "Đơn vị tính", "Kết quả", "Trên tổng số", "Tỷ lệ"], [
        ["1", "Số vụ việc được giải quyết", "vụ", "2", "2", "100%"],
        ["2", "Số hồ sơ trả đúng hạn", "hồ sơ", "62.224", "64.690", "96,2%"],
        ["3", "Chỉ tiêu không áp dụng", "", "", "", ""],
        ["4", "Tỷ lệ", "%", "3", "0", ""]], {3, 4, 5})


def test_an_unnumbered_appendix_leaves_the_number_blank_and_names_the_agency():
    r = _report(appendix_title="PHỤ LỤC", unit_name="")
    r.meta.number, r.meta.date = "", DocDate(2024, 6)
    appendix = layout(r).blocks[-2]
    assert appendix.attached_to == ("(Kèm theo Báo cáo số \u00a0\u00a0\u00a0\u00a0\u00a0/BC-VP "
                                    "ngày \u00a0\u00a0\u00a0\u00a0 tháng 6 năm 2024 của Văn phòng)")
    assert not any(isinstance(b, (PageBreak, Appendix, Table)) for b in layout(_report()).blocks)


def test_footnotes_are_collected_in_reading_order_f1():
    p1 = Paragraph((Run("Tổng số hồ sơ"), Footnote((Run("Chi tiết tại "), Run("phụ lục", bold=True))), Run(".")))
    p2 = Paragraph((Run("Kết quả"), Footnote((Run("Số liệu đến 30/11."),))))
    r = _report(Section("a", RichText((p1,))), Section("b", RichText((p2,))))
    r.meta.preamble = RichText((Paragraph((Run("Căn cứ"), Footnote((Run("Kế hoạch số 1."),)))),))
    notes = layout(r).footnotes
    assert [n.plain for n in notes] == ["Kế hoạch số 1.", "Chi tiết tại phụ lục", "Số liệu đến 30/11."]
    assert notes[1].paragraphs[0].items == (Run("Chi tiết tại "), Run("phụ lục", bold=True))


def test_every_block_goes_to_its_backend_method():
    calls = []

    class Backend:
        def __getattr__(self, name):
            return lambda block: calls.append((name, type(block).__name__))

    r = _report(Section("a", T("x"), rating_scale=RatingScale.CAP_DO), appendix_title="PHỤ LỤC")
    render_blocks(layout(r), Backend())
    assert calls == [("header", "Header"), ("title", "Title"), ("para", "Para"), ("para", "Para"), ("para", "Para"),
                     ("rating", "RatingLine"), ("signature", "Signature"), ("page_break", "PageBreak"),
                     ("appendix", "Appendix"), ("table", "Table")]


def test_vietnamese_number_format_a4():
    assert vn_number(None) == ""
    assert vn_number(0) == "0"
    assert vn_number(100) == "100"
    assert vn_number(7.5) == "7,5"
    assert vn_number(0.25) == "0,25"
    assert vn_number(1.239) == "1,24"  # two decimals unless told
    assert vn_number(1234.5) == "1.234,5"
    assert vn_number(1234567) == "1.234.567"
    assert vn_number(96.15, 1) == "96,2" or vn_number(96.15, 1) == "96,1"  # binary rounding either way
    assert vn_number(96.1234, 1) == "96,1"
    assert vn_number(2.0, 0) == "2"
    assert vn_number(62224, 0) == "62.224"
