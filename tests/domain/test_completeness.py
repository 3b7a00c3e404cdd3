from tudanhgia.domain import (Authority, CapDo, ChatLuong, ContentKind, LevelStyle, Limitation, NumberStyle,
                              Period, RatingScale, Recipient, Recipients, Report, RichText, Section, Signer)
from tudanhgia.domain.completeness import SectionState, check, progress, section_state


def _report(**kw) -> Report:
    rated = Section("Kết quả", rating_scale=RatingScale.CAP_DO)
    lims = Section("Hạn chế", content=ContentKind.LIMITATIONS)
    klass = Section("Đề nghị xếp loại mức chất lượng", rating_scale=RatingScale.CHAT_LUONG)
    optional = Section("Giải trình (nếu có)", optional=True)
    r = Report("k", Period(2024), sections=[rated, lims, optional, klass],
               levels=[LevelStyle(NumberStyle.ROMAN)], **kw)
    r.meta.place, r.meta.subject, r.meta.symbol = "Quảng Ngãi", "Kiểm điểm năm 2024", "BC-VP"
    r.meta.issuing_agency = "VĂN PHÒNG"
    r.meta.date = r.meta.date.__class__(2024, 12, 20)
    r.meta.closing = RichText.from_plain("Kính báo cáo./.")
    return r


def codes(r):
    return sorted(i.code for i in check(r) if i.severity.value == "warning")


def test_new_report_lists_every_gap():
    r = _report()
    assert codes(r) == ["classification-missing", "rating-missing", "recipients-missing", "section-empty",
                        "section-empty", "signer-missing"]


def test_filled_report_is_clean_and_complete():
    r = _report(signer=Signer(Authority.NONE, "", "CHÁNH VĂN PHÒNG", "Vũ Minh Tâm"),
                recipients=Recipients([Recipient("Sở Nội vụ")], "VT, HC-TC"))
    rated, _lims, optional, klass = r.sections
    rated.body = RichText.from_plain("Đã làm tốt.")
    rated.rating = CapDo.TOT
    klass.rating = ChatLuong.HTT
    r.limitations.append(Limitation(RichText.from_plain("Còn chậm.")))
    assert codes(r) == []
    assert section_state(r, optional) is SectionState.EMPTY
    assert progress(r) == (3, 4)


def test_states_follow_text_and_rating():
    r = _report()
    rated = r.sections[0]
    assert section_state(r, rated) is SectionState.EMPTY
    rated.body = RichText.from_plain("Có nội dung")
    assert section_state(r, rated) is SectionState.IN_PROGRESS  # rating not chosen yet
    rated.rating = CapDo.XUAT_SAC
    assert section_state(r, rated) is SectionState.COMPLETE


def test_the_samples_mistakes_are_flagged():
    r = _report()
    r.meta.place = "TP Quảng Ngãi"
    r.recipients = Recipients([Recipient("Sở Nội vụ")], "Lưu VT, HCTC")
    r.meta.closing = RichText.from_plain("Kính báo cáo.")
    found = {i.code for i in check(r)}
    assert {"place-abbrev", "archive-format", "closing-mark"} <= found


def test_score_out_of_range_is_flagged():
    r = _report()
    s = Section("Tiêu chí 1", max_score=10, score=12, body=RichText.from_plain("x"))
    r.sections.append(s)
    assert "score-range" in codes(r)
    s.score = 8
    assert "score-range" not in codes(r) and r.score_total() == 8


def test_negative_score_is_flagged():
    r = _report()
    s = Section("Tiêu chí 2", max_score=10, score=-2, body=RichText.from_plain("x"))
    r.sections.append(s)
    issue = next(i for i in check(r) if i.code == "score-range")
    assert issue.section is s and issue.message == "Điểm của mục “V. Tiêu chí 2” phải từ 0 đến 10."
    s.score = 0
    assert "score-range" not in codes(r)
    s.score = 10  # the maximum itself is allowed
    assert "score-range" not in codes(r)


def test_a_section_with_an_out_of_range_score_is_not_done():
    """While `score-range` warns, the section (and so its parent) stays "Đang viết", never "Đã xong"."""
    item = Section("Tiêu chí 1", max_score=10, score=12, body=RichText.from_plain("Đã thực hiện."))
    group = Section("Nhóm tiêu chí", body=RichText.from_plain("Chung."), children=[item])
    r = Report("k", Period(2024), sections=[group], levels=[LevelStyle(NumberStyle.ROMAN)])
    for score in (12, 10.5, -1, -0.5):
        item.score = score
        assert "score-range" in {i.code for i in check(r)}, score
        assert section_state(r, item) is SectionState.IN_PROGRESS, score
        assert section_state(r, group) is SectionState.IN_PROGRESS, score
    for score in (0, 7.5, 10):   # both limits are valid scores
        item.score = score
        assert "score-range" not in {i.code for i in check(r)}, score
        assert section_state(r, item) is SectionState.COMPLETE, score
        assert section_state(r, group) is SectionState.COMPLETE, score
