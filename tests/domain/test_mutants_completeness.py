"""What the completeness view tells an officer before printing (PRODUCT: "which sections are
empty, which ratings not chosen"; spec nd30: the samples' mistakes the check must flag)."""
import pytest

from tudanhgia.domain import (Authority, CapDo, ChatLuong, ContentKind, DocDate, DocumentMeta, LevelStyle,
                              Limitation, Measure, NumberStyle, Period, Recipient, Recipients, Report, RichText,
                              RatingScale, Section, Signer)
from tudanhgia.domain.completeness import Issue, SectionState, Severity, check, progress, section_state

T = RichText.from_plain


def _meta(**kw) -> DocumentMeta:
    values = dict(number="05", symbol="BC-VP", place="Quảng Ngãi", date=DocDate(2024, 1, 5),  # noqa: C408
                  issuing_agency="VĂN PHÒNG",
                  subject="Kiểm điểm tập thể lãnh đạo năm 2023", closing=T("Kính báo cáo./."))
    values.update(kw)
    return DocumentMeta(**values)


def _report(*sections, meta=None, **kw) -> Report:
    values = dict(meta=meta or _meta(), sections=list(sections),  # noqa: C408
                  signer=Signer(Authority.KT, "Chánh Văn phòng", "Phó Chánh Văn phòng", "Lê Quốc Đạt"),
                  recipients=Recipients([Recipient("Sở Nội vụ")], "VT, HC-TC"),
                  levels=[LevelStyle(NumberStyle.ROMAN), LevelStyle(NumberStyle.ARABIC)])
    values.update(kw)
    return Report("k", Period(2023), **values)


def _codes(report) -> list[str]:
    return [i.code for i in check(report)]


def test_state_labels():
    assert [s.label for s in SectionState] == ["Chưa viết", "Đang viết", "Đã xong"]


def test_a_finished_report_has_nothing_to_review():
    r = _report(Section("Ưu điểm", T("Đã làm tốt."), rating_scale=RatingScale.CAP_DO, rating=CapDo.TOT),
                Section("Xếp loại", rating_scale=RatingScale.CHAT_LUONG, rating=ChatLuong.HTT))
    assert check(r) == []
    assert progress(r) == (2, 2)


def test_plain_sections_empty_in_progress_complete():
    r = _report()
    assert section_state(r, Section("a")) is SectionState.EMPTY
    assert section_state(r, Section("a", T("   "))) is SectionState.EMPTY
    assert section_state(r, Section("a", T("Nội dung"))) is SectionState.COMPLETE


def test_a_rated_item_is_complete_only_with_its_level_chosen():
    r = _report()
    assert section_state(r, Section("a", T("x"), rating_scale=RatingScale.CAP_DO)) is SectionState.IN_PROGRESS
    assert section_state(r, Section("a", T("x"), rating_scale=RatingScale.CAP_DO,
                                    rating=CapDo.KEM)) is SectionState.COMPLETE
    # a level chosen before anything is written: started, not finished
    assert section_state(r, Section("a", rating_scale=RatingScale.CAP_DO,
                                    rating=CapDo.TOT)) is SectionState.IN_PROGRESS


def test_a_scored_item_is_complete_with_a_score_even_zero():
    r = _report()
    assert section_state(r, Section("a", T("x"), max_score=10)) is SectionState.IN_PROGRESS
    assert section_state(r, Section("a", T("x"), max_score=10, score=0)) is SectionState.COMPLETE
    assert section_state(r, Section("a", max_score=10, score=0)) is SectionState.IN_PROGRESS


def test_the_classification_alone_is_complete_when_chosen():
    r = _report()
    cl = Section("Đề nghị xếp loại", rating_scale=RatingScale.CHAT_LUONG)
    assert section_state(r, cl) is SectionState.EMPTY
    cl.rating = ChatLuong.HT
    assert section_state(r, cl) is SectionState.COMPLETE
    with_text = Section("Xếp loại", T("Tập thể đề nghị:"), rating_scale=RatingScale.CHAT_LUONG)
    assert section_state(r, with_text) is SectionState.IN_PROGRESS


def test_a_heading_over_items_follows_its_items():
    r = _report()
    done, empty = Section("1", T("x")), Section("2")
    assert section_state(r, Section("I", children=[Section("1"), Section("2")])) is SectionState.EMPTY
    assert section_state(r, Section("I", children=[done, empty])) is SectionState.IN_PROGRESS
    assert section_state(r, Section("I", children=[done, Section("2", optional=True)])) is SectionState.COMPLETE
    assert section_state(r, Section("I", children=[done, Section("2", T("y"))])) is SectionState.COMPLETE


@pytest.mark.parametrize("content", [ContentKind.LIMITATIONS, ContentKind.LIMITATIONS_WITH_MEASURES])
def test_a_limitations_section_is_written_by_the_limitations(content):
    s = Section("Hạn chế", content=content)
    assert section_state(_report(s), s) is SectionState.EMPTY
    r = _report(s, limitations=[Limitation(T("Chậm tiến độ."))])
    assert section_state(r, s) is SectionState.COMPLETE


@pytest.mark.parametrize("content,subjective,objective,state", [
    (ContentKind.CAUSES, "", "", SectionState.EMPTY),
    (ContentKind.CAUSES, "Chủ quan.", "", SectionState.COMPLETE),
    (ContentKind.CAUSES, "", "Khách quan.", SectionState.COMPLETE),
    (ContentKind.CAUSES_SUBJECTIVE, "", "Khách quan.", SectionState.EMPTY),
    (ContentKind.CAUSES_SUBJECTIVE, "Chủ quan.", "", SectionState.COMPLETE),
    (ContentKind.CAUSES_OBJECTIVE, "Chủ quan.", "", SectionState.EMPTY),
    (ContentKind.CAUSES_OBJECTIVE, "", "Khách quan.", SectionState.COMPLETE),
])
def test_cause_sections_are_written_by_the_causes(content, subjective, objective, state):
    s = Section("Nguyên nhân", content=content)
    r = _report(s, limitations=[Limitation(T("Hạn chế không nêu nguyên nhân.")),
                                Limitation(T("Hạn chế."), T(subjective), T(objective))])
    assert section_state(r, s) is state


def test_a_measures_section_is_written_by_its_own_measures():
    s, other = Section("Nhiệm vụ", content=ContentKind.MEASURES), Section("Khác", content=ContentKind.MEASURES)
    r = _report(s, other, measures=[Measure(T("Rà soát quy chế."), section=s)])
    assert section_state(r, s) is SectionState.COMPLETE
    assert section_state(r, other) is SectionState.EMPTY


def test_the_score_total_is_complete_when_every_item_is_scored():
    a, b = Section("1", T("x"), max_score=30, score=28), Section("2", T("y"), max_score=70)
    total = Section("Tổng điểm", content=ContentKind.SCORE_TOTAL)
    r = _report(a, b, total)
    assert section_state(r, total) is SectionState.EMPTY
    b.score = 0
    assert section_state(r, total) is SectionState.COMPLETE


def test_a_follow_up_section_has_no_generated_text():
    s = Section("Kết quả khắc phục", content=ContentKind.FOLLOW_UP)
    r = _report(s, limitations=[Limitation(T("Hạn chế."))])
    assert section_state(r, s) is SectionState.EMPTY
    assert _codes(r) == ["section-empty"]
    s.body = T("Đã khắc phục.")
    assert _codes(r) == []


def test_an_empty_section_is_named_by_its_number_and_heading():
    r = _report(Section("Ưu điểm", T("x")), Section("Hạn chế"))
    (issue,) = check(r)
    assert issue == Issue("section-empty", "Mục “II. Hạn chế” chưa có nội dung.", None, r.sections[1])
    assert issue.severity is Severity.WARNING


def test_an_optional_empty_section_is_not_flagged():
    r = _report(Section("Ưu điểm", T("x")), Section("Giải trình (nếu có)", optional=True))
    assert check(r) == []


def test_an_unchosen_level_is_flagged_with_the_item_named():
    sixty = "Công tác tham mưu được thực hiện kịp thời, đúng quy định của"  # its first 60 characters
    assert len(sixty) == 60
    item = Section("", T(sixty + " pháp luật hiện hành."), rating_scale=RatingScale.CAP_DO, id=7)
    r = _report(item)
    (issue,) = check(r)
    assert (issue.code, issue.section_id, issue.section) == ("rating-missing", 7, item)
    assert issue.message == f"Mục “I. {sixty}…” chưa chọn cấp độ tự đánh giá."


def test_an_unnamed_empty_item():
    r = _report(Section("", rating_scale=RatingScale.CAP_DO, rating=CapDo.TOT, children=[Section("", T("x"))]),
                Section(""))
    assert [i.message for i in check(r)] == ["Mục “II. (mục không tên)” chưa có nội dung."]


def test_an_unchosen_classification():
    r = _report(Section("Đề nghị xếp loại mức chất lượng", rating_scale=RatingScale.CHAT_LUONG, id=3))
    assert check(r) == [Issue("classification-missing", "Chưa chọn mức xếp loại chất lượng.", 3, r.sections[0])]


def test_scores_missing_or_out_of_range():
    r = _report(Section("Tiêu chí 1", T("x"), max_score=30), Section("Tiêu chí 2", T("y"), max_score=70, score=75),
                Section("Tiêu chí 3", T("z"), max_score=7.5, score=-1), Section("Tiêu chí 4", T("w"), max_score=10,
                                                                                  score=10))
    assert [(i.code, i.message) for i in check(r)] == [
        ("score-missing", "Mục “I. Tiêu chí 1” chưa tự chấm điểm."),
        ("score-range", "Điểm của mục “II. Tiêu chí 2” phải từ 0 đến 70."),
        ("score-range", "Điểm của mục “III. Tiêu chí 3” phải từ 0 đến 7,5."),   # as printed: 7,5
    ]


def test_the_signer():
    r = _report(Section("a", T("x")), signer=Signer())
    assert check(r) == [Issue("signer-missing", "Chưa có người ký (chức vụ, họ tên).", place="meta",
                                  field="signer")]
    r.signer = Signer(Authority.NONE, "", "CHÁNH VĂN PHÒNG", " ")
    assert check(r) == [Issue("signer-name", "Chưa có họ tên người ký.", place="meta", field="signer")]
    r.signer = Signer(Authority.NONE, "", "", "Vũ Minh Tâm")
    assert check(r) == []


def test_the_recipients_and_the_archive_line_c3():
    r = _report(Section("a", T("x")), recipients=Recipients([], "VT, HC-TC"))
    assert check(r) == [Issue("recipients-missing", "Chưa có danh sách “Nơi nhận”.", place="meta",
                                  field="recipients")]
    archive = Issue("archive-format", "Dòng “Lưu” phải bắt đầu bằng “VT”, ví dụ “Lưu: VT, HC-TC.”.", place="meta",
                    field="recipients")
    for bad in ("Lưu VT, HCTC", "VTHC", "HC-TC", ""):
        r.recipients = Recipients([Recipient("Sở Nội vụ")], bad)
        assert check(r) == [archive], bad
    for good in ("VT", "VT, HC-TC", " VT ,HC-TC", "VT,HCTC"):
        r.recipients = Recipients([Recipient("Sở Nội vụ")], good)
        assert check(r) == [], good


@pytest.mark.parametrize("place", ["TP Quảng Ngãi", "TP. Quảng Ngãi", " TP Huế"])
def test_an_abbreviated_place_name_is_flagged(place):
    r = _report(Section("a", T("x")), meta=_meta(place=place))
    assert check(r) == [Issue("place-abbrev", f"Địa danh “{place}” không được viết tắt "
                                              "(viết “Quảng Ngãi” hoặc “Thành phố Quảng Ngãi”).",
                                place="meta", field="place")]


@pytest.mark.parametrize("place", ["Quảng Ngãi", "Thành phố Quảng Ngãi", "Tư Nghĩa"])
def test_a_full_place_name_passes(place):
    assert check(_report(Section("a", T("x")), meta=_meta(place=place))) == []


def test_the_document_frame():
    r = _report(Section("a", T("x")), meta=_meta(place=" ", subject="", symbol=" ", date=DocDate(None, 1, 5)))
    assert check(r) == [
        Issue("place-missing", "Chưa có địa danh ở dòng ngày tháng.", place="meta", field="place"),
        Issue("subject-missing", "Chưa có trích yếu nội dung (tên báo cáo).", place="meta", field="subject"),
        Issue("symbol-missing", "Chưa có ký hiệu văn bản (ví dụ BC-VP).", place="meta", field="symbol"),
        Issue("date-year", "Chưa có năm ở dòng ngày tháng.", place="meta", field="date"),
        Issue("date-blank", "Ngày, tháng văn bản còn để trống.", severity=Severity.INFO, place="meta", field="date"),
    ]


def test_a_draft_number_and_date_are_only_information():
    r = _report(Section("a", T("x")), meta=_meta(number=" ", date=DocDate(2024, 1)))
    assert check(r) == [
        Issue("number-blank", "Số văn bản để trống (văn thư sẽ ghi khi phát hành).", severity=Severity.INFO,
              place="meta", field="number"),
        Issue("date-blank", "Ngày, tháng văn bản còn để trống.", severity=Severity.INFO, place="meta", field="date"),
    ]


def test_the_last_sentence_must_end_with_the_closing_mark_b8():
    closing_mark = Issue("closing-mark", "Câu kết thúc nội dung văn bản phải kết thúc bằng “./.”.",
                         severity=Severity.INFO, place="closing")
    r = _report(Section("a", T("x")), meta=_meta(closing=T("Kính báo cáo./.\nTrân trọng.")))
    assert check(r) == [closing_mark]
    r.meta.closing = T("Trân trọng.\nKính báo cáo./.  ")
    assert check(r) == []
    # without a closing paragraph, the last body text counts, empty sections skipped
    r = _report(Section("a", T("Mở đầu.\nĐoạn cuối./.")), Section("b", T("x\nKết thúc"), id=8),
                meta=_meta(closing=RichText()))
    # it is the last section's text: the check goes there
    assert check(r) == [Issue("closing-mark", closing_mark.message, 8, r.sections[1], Severity.INFO)]
    r.sections[1].body = T("Kết thúc./.")
    assert check(r) == []
    r.sections.append(Section("c", optional=True))
    assert check(r) == []
    assert check(_report(Section("a", optional=True), meta=_meta(closing=RichText()))) == []


def test_progress_counts_complete_sections_of_the_whole_outline():
    r = _report(Section("I", children=[Section("1", T("x")), Section("2")]), Section("II", T("y")))
    assert progress(r) == (2, 4)
