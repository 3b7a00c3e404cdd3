"""The report model as the officer meets it: signer and recipients lines (spec nd30 C2–C5), the
number line (H5), scores (R3), titles in lists, the outline's navigation and placeholders."""
import pytest

from tudanhgia.domain import (Authority, CapDo, ChatLuong, ContentKind, DocumentMeta, Indicator, LevelStyle,
                              Limitation, Measure, MeasureStatus, NumberStyle, Period, Recipient, Recipients, Report,
                              RichText, RatingScale, SECRECY_MARKS, Section, Signer, URGENCY_MARKS, UnitProfile,
                              placeholder_values, report_title, substitute)
from tudanhgia.domain.model import ScoreBand, Scoring

T = RichText.from_plain


def test_signing_authorities_c4():
    assert [(a.value, a.label) for a in Authority] == [
        ("", "Người đứng đầu ký"), ("KT.", "KT. (ký thay)"), ("TM.", "TM. (thay mặt)"), ("Q.", "Q. (quyền)"),
        ("TL.", "TL. (thừa lệnh)"), ("TUQ.", "TUQ. (thừa ủy quyền)")]


def test_secrecy_and_urgency_marks_h7_h8():
    assert SECRECY_MARKS == ("", "MẬT", "TỐI MẬT", "TUYỆT MẬT")
    assert URGENCY_MARKS == ("", "KHẨN", "THƯỢNG KHẨN", "HỎA TỐC")


def test_signature_title_lines_c4_c5():
    assert Signer(Authority.TM, "Ủy ban nhân dân", "Chủ tịch", "A").title_lines() == ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"]
    assert Signer(Authority.Q, "", "", "A").title_lines() == ["Q."]
    assert Signer(Authority.NONE, "bỏ qua", "Chánh Văn phòng", "A").title_lines() == ["CHÁNH VĂN PHÒNG"]
    assert Signer().title_lines() == []


def test_a_signer_needs_a_position_or_a_name():
    assert Signer().is_empty() and Signer(Authority.KT, "Chánh Văn phòng", " ", " ").is_empty()
    assert not Signer(position="Chánh Văn phòng").is_empty()
    assert not Signer(name="Vũ Minh Tâm").is_empty()


def test_recipient_lines_c2_c3():
    assert Recipient("Sở Nội vụ").line() == "- Sở Nội vụ;"
    assert Recipient("CT, PCT UBND tỉnh", "b/c").line() == "- CT, PCT UBND tỉnh (b/c);"
    assert Recipients().printed() == ["- Lưu: VT."]
    assert Recipients([Recipient("A")], " VT, HC-TC. ").printed() == ["- A;", "- Lưu: VT, HC-TC."]
    assert Recipients([Recipient("A")], "VT, KGVX").printed() == ["- A;", "- Lưu: VT, KGVX."]
    assert Recipients().is_empty() and not Recipients([Recipient("A")]).is_empty()


def test_defaults_of_a_new_document():
    meta = DocumentMeta()
    assert (meta.kind_name, meta.number, meta.symbol, meta.secrecy, meta.urgency) == ("BÁO CÁO", "", "", "", "")
    assert LevelStyle() == LevelStyle(NumberStyle.ARABIC, bold=True, italic=False, caps=False)
    assert Recipients().archive == "VT"
    r = Report("k", Period(2024))
    assert (r.classification_style, r.scoring, r.appendix_title) == ("checkboxes", None, "")
    assert Scoring().max_total == 100 and Scoring().pass_mark is None


@pytest.mark.parametrize("number,printed", [("5", "05"), (" 7 ", "07"), ("09", "09"), ("10", "10"), ("123", "123"),
                                           ("0", "00"), ("12a", "12a")])
def test_the_number_h5(number, printed):
    assert DocumentMeta(number=number, symbol="BC-VP").number_line() == f"Số: {printed}/BC-VP"


def test_an_unissued_number_leaves_room_h5():
    assert DocumentMeta(symbol="KH-VP").number_line() == "Số: \u00a0\u00a0\u00a0\u00a0\u00a0/KH-VP"
    assert DocumentMeta(number=" ", symbol="KH-VP").number_line("…") == "Số: …/KH-VP"


def test_new_records_start_blank():
    signer = Signer()
    assert (signer.authority, signer.authority_position, signer.position, signer.name) == (Authority.NONE, "", "", "")
    u = UnitProfile("Văn phòng")
    assert (u.parent_agency, u.issuing_agency, u.abbreviation, u.place) == ("", "", "", "")
    s = Section()
    assert (s.heading, s.body, s.content_label, s.measure_label, s.fixed, s.optional) == (
        "", RichText(), "", "", False, False)
    m = Measure()
    assert (m.directed_by, m.lead_unit, m.cooperating, m.timeframe, m.result, m.status) == (
        "", "", "", "", "", MeasureStatus.NOT_STARTED)
    assert (Limitation().raised_by, Indicator("x").unit) == ("", "")
    d = DocumentMeta()
    assert (d.parent_agency, d.issuing_agency, d.place, d.subject) == ("", "", "", "")
    r = Report("k", Period(2024))
    assert (r.kind_name, r.kind_version, r.unit_name) == ("", "", "")


def test_content_and_status_codes_of_kind_files_and_excel():
    assert [c.value for c in ContentKind] == ["limitations", "limitations-with-measures", "causes", "causes-subjective",
                                             "causes-objective", "measures", "follow-up", "score-total", "tasks"]
    assert [(s.value, s.label) for s in MeasureStatus] == [
        ("chua-thuc-hien", "Chưa thực hiện"), ("dang-thuc-hien", "Đang thực hiện"), ("hoan-thanh", "Hoàn thành")]


@pytest.mark.parametrize("text,status", [
    ("Hoàn thành", MeasureStatus.DONE), ("  đang   thực hiện ", MeasureStatus.IN_PROGRESS),
    ("chua-thuc-hien", MeasureStatus.NOT_STARTED), ("HOÀN THÀNH", MeasureStatus.DONE)])
def test_a_status_from_its_label_or_code(text, status):
    assert MeasureStatus.from_label(text) is status


def test_an_unknown_status_is_refused_in_vietnamese():
    with pytest.raises(ValueError, match="^trạng thái “Xong” không hợp lệ "
                                         r"\(Chưa thực hiện / Đang thực hiện / Hoàn thành\)$"):
        MeasureStatus.from_label("Xong")


def test_indicator_rates_a4():
    assert Indicator("a", value=2, denominator=2).rate == 100.0
    assert Indicator("a", value=1, denominator=4).rate == 25.0
    assert Indicator("a", value=0, denominator=5).rate == 0.0
    assert Indicator("a", value=None, denominator=5).rate is None
    assert Indicator("a", value=3, denominator=0).rate is None
    assert Indicator("a", value=3).rate is None


def test_score_bands_of_the_2025_form():
    s = Scoring(100, 50, [ScoreBand(50, ChatLuong.HT), ScoreBand(90, ChatLuong.HTXS), ScoreBand(70, ChatLuong.HTT)])
    assert [s.band_for(x) for x in (100, 90, 89.5, 70, 69, 50, 49.5, 0)] == [
        ChatLuong.HTXS, ChatLuong.HTXS, ChatLuong.HTT, ChatLuong.HTT, ChatLuong.HT, ChatLuong.HT, None, None]


def _outline():
    a1, a2 = Section("a1", key="a.1", id=2), Section("a2", key="a.2", id=3, children=[Section("x", id=4)])
    a = Section("A", key="a", id=1, children=[a1, a2])
    b = Section("B", key="b", id=5)
    return Report("k", Period(2024), sections=[a, b], levels=[LevelStyle(NumberStyle.ROMAN, caps=True),
                                                               LevelStyle(NumberStyle.ARABIC)]), a, a1, a2, b


def test_walking_the_outline_in_reading_order():
    r, _a, _a1, a2, _b = _outline()
    assert [s.heading for s in r.walk()] == ["A", "a1", "a2", "x", "B"]
    assert [(s.heading, d) for s, d in r.walk_with_depth()] == [("A", 1), ("a1", 2), ("a2", 2), ("x", 3), ("B", 1)]
    assert [s.heading for s in a2.walk()] == ["a2", "x"]


def test_finding_sections_and_their_neighbours():
    r, a, a1, a2, b = _outline()
    assert r.find(section_id=3) is a2 and r.find(key="b") is b and r.find(section_id=99) is None
    assert r.find(key="nothing") is None and r.find() is None
    assert r.parent_of(a2) is a and r.parent_of(a) is None and r.parent_of(a2.children[0]) is a2
    assert r.siblings_of(a1) == [a1, a2] and r.siblings_of(b) == [a, b]


def test_level_styles_beyond_the_kind_are_unnumbered_and_plain():
    r, a, _a1, _a2, _b = _outline()
    assert r.level_style(1) is r.levels[0] and r.level_style(2) is r.levels[1]
    assert r.level_style(3) == LevelStyle(NumberStyle.NONE, bold=False) == r.level_style(0)
    assert r.style_of(a, 1) is NumberStyle.ROMAN
    assert r.style_of(Section(number_style=NumberStyle.LETTER), 1) is NumberStyle.LETTER


def test_ratings_of_the_report():
    item = Section("1", rating_scale=RatingScale.CAP_DO, rating=CapDo.TOT)
    cl = Section("Xếp loại", rating_scale=RatingScale.CHAT_LUONG, rating=ChatLuong.HTT)
    r = Report("k", Period(2024), sections=[Section("I", children=[item, Section("2")]), cl])
    assert r.rated_sections() == [item] and r.classification_section is cl and r.classification is ChatLuong.HTT
    assert Report("k", Period(2024)).classification is None


def test_the_score_total_is_the_sum_capped_at_each_maximum_r3():
    r = Report("k", Period(2024), sections=[Section("a", max_score=30, score=28), Section("b", max_score=70, score=75),
                                            Section("c", max_score=10), Section("d")])
    assert r.score_total() == 28 + 70 + 0 and r.score_max() == 110
    assert Report("k", Period(2024), sections=[Section("d")]).score_total() is None
    assert Report("k", Period(2024)).score_max() is None
    assert Section(max_score=0).is_scored and not Section().is_scored
    nothing = Report("k", Period(2024), sections=[Section("a", max_score=0, score=2)])
    assert (nothing.score_total(), nothing.score_max()) == (0, 0)


def test_measures_of_the_report():
    sec = Section("Nhiệm vụ")
    m1, m2, g1, g2 = Measure(), Measure(), Measure(section=sec), Measure()
    r = Report("k", Period(2024), sections=[sec], limitations=[Limitation(measures=[m1]), Limitation(measures=[m2])],
               measures=[g1, g2])
    assert r.all_measures() == [m1, m2, g1, g2]
    assert r.general_measures_of(sec) == [g1]


def test_causes_are_subjective_then_objective():
    lim = Limitation(cause_subjective=T("Chủ quan."), cause_objective=T("Khách quan."))
    assert lim.causes.plain == "Chủ quan.\nKhách quan."


@pytest.mark.parametrize("doc_kind,subject,kind_name,title", [
    ("BÁO CÁO", "Tự đánh giá kết quả thực hiện nhiệm vụ năm 2023", "x",
     "Báo cáo tự đánh giá kết quả thực hiện nhiệm vụ năm 2023"),
    ("KẾ  HOẠCH", "  Phát huy   ưu điểm ", "x", "Kế hoạch phát huy ưu điểm"),
    ("BÁO CÁO", "", "Báo cáo chuyên đề", "Báo cáo chuyên đề năm 2023"),
    ("BÁO CÁO", " ", "", "Báo cáo năm 2023"),
    ("", "", "", "Báo cáo năm 2023"),
    ("", "Kiểm điểm", "Báo cáo kiểm điểm", "Báo cáo kiểm điểm kiểm điểm"),
])
def test_titles_in_lists_and_window_titles(doc_kind, subject, kind_name, title):
    assert report_title(doc_kind, subject, kind_name, Period(2023)) == title


def test_the_report_title_and_word_count():
    r = Report("k", Period(2023), meta=DocumentMeta(kind_name="BÁO CÁO", subject="Kiểm điểm năm 2023",
                                                    preamble=T("Căn cứ một"), closing=T("Kính báo cáo")),
               sections=[Section("Ưu điểm lớn", T("ba từ đây"), children=[Section("", T("bốn từ ở đây"))])],
               limitations=[Limitation(T("hạn chế một"), T("chủ quan"), T("khách quan"),
                                       measures=[Measure(T("nội dung"), T("biện pháp một"))])],
               measures=[Measure(T("việc chung"))])
    assert r.title == "Báo cáo kiểm điểm năm 2023"
    assert r.word_count() == 3 + 3 + 3 + 3 + 4 + 3 + 2 + 2 + 2 + 3 + 2


def test_placeholders_of_kind_texts():
    unit = UnitProfile("Văn phòng UBND tỉnh Quảng Ngãi", abbreviation="VP")
    values = placeholder_values(Period(2023, half=1), unit)
    assert values == {"year": "2023", "prev_year": "2022", "next_year": "2024", "period": "6 tháng đầu năm 2023",
                      "unit": "Văn phòng UBND tỉnh Quảng Ngãi", "abbr": "VP"}
    assert placeholder_values(Period(2023), None)["unit"] == "" and placeholder_values(Period(2023), None)["abbr"] == ""
    assert substitute("Kiểm điểm năm {year} của {unit}, {lạ}", values) == \
        "Kiểm điểm năm 2023 của Văn phòng UBND tỉnh Quảng Ngãi, {lạ}"
