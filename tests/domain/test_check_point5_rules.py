"""Issue 13 point 5: the pre-print check catches what a reviewer would. Each rule is shown on a
report that is otherwise finished (nothing else to flag), so a missing rule fails here."""
import datetime as dt

import pytest

from tudanhgia.domain import (Authority, ChatLuong, ContentKind, DocDate, DocumentMeta, LevelStyle, Limitation,
                              Measure, NumberStyle, Period, RatingScale, Recipient, Recipients, Report, RichText,
                              Section, Signer)
from tudanhgia.domain.completeness import check, placeholders, previous_year_sentences
from tudanhgia.domain.model import ScoreBand, Scoring

T = RichText.from_plain


def _report(*sections, year=2025, **kw) -> Report:
    meta = DocumentMeta(parent_agency="UBND TỈNH QUẢNG NGÃI", issuing_agency="VĂN PHÒNG", number="05",
                        symbol="BC-VP", place="Quảng Ngãi", date=DocDate(year, 12, 5),
                        subject=f"Kiểm điểm tập thể lãnh đạo năm {year}",
                        preamble=T(f"Thực hiện Công văn số 12/SNV ngày 02/11/{year} của Sở Nội vụ về việc kiểm "
                                   f"điểm năm {year}, Văn phòng báo cáo như sau:"),
                        closing=T("Kính báo cáo./."))
    values = dict(meta=meta, sections=list(sections) or [Section("Kết quả", T(f"Năm {year} đã làm tốt."))],  # noqa: C408
                  signer=Signer(Authority.NONE, "", "Chánh Văn phòng", "Lê Quốc Đạt"),
                  recipients=Recipients([Recipient("Sở Nội vụ")], "VT, HC-TC"),
                  levels=[LevelStyle(NumberStyle.ROMAN), LevelStyle(NumberStyle.ARABIC)])
    values.update(kw)
    return Report("k", Period(year), **values)


def _warnings(report, code=None):
    return [i for i in check(report) if i.severity.value == "warning" and (code is None or i.code == code)]


def test_point5_the_base_report_is_clean():
    assert _warnings(_report()) == []


# --- placeholders left from the kind's template ------------------------------------------------------------
def test_point5_template_placeholders_in_the_preamble_are_flagged():
    r = _report()
    r.meta.preamble = T("Thực hiện Công văn số … ngày … của … về việc kiểm điểm năm 2025, Văn phòng báo cáo:")
    [issue] = _warnings(r, "placeholder")
    assert issue.place == "preamble"
    assert issue.message == ("Phần mở đầu còn chỗ để trống “…” chưa điền: “Thực hiện Công văn số … ngày … "
                             "của … về việc kiểm…”.")  # the sentence cut to 50 characters


@pytest.mark.parametrize("text", ["Công văn số … ngày …", "Số: ..........", "trách nhiệm: …;", "(…)",
                                  "Kết quả: ...", "ngày ... tháng ... năm"])
def test_point5_a_blank_to_fill_is_a_placeholder(text):
    assert placeholders(text)


@pytest.mark.parametrize("text", ["Các lĩnh vực: giáo dục, y tế, …", "(2.1., 2.2., …)", "v.v...",
                                  "và các nhiệm vụ khác…", "đất đai, xây dựng,... đảm bảo tin tức", "Kết quả tốt.",
                                  "Quyết định số 48/2021/QĐ-UBND"])
def test_point5_an_ellipsis_in_a_sentence_is_not_a_placeholder(text):
    assert placeholders(text) == []


def test_point5_placeholders_in_sections_limitations_and_measures_point_there():
    section = Section("Kết quả", T("Đã ban hành … văn bản."), id=7)
    measure = Measure(measure=T("Rà soát quy chế"), timeframe="Quý II năm 2026", lead_unit="…", id=31)
    lim = Limitation(T("Còn chậm."), cause_subjective=T("Chưa sâu sát; …"), measures=[measure], id=12)
    r = _report(section, limitations=[lim])
    found = {(i.section_id, i.limitation_id, i.measure_id) for i in _warnings(r, "placeholder")}
    assert found == {(7, None, None), (None, 12, None), (None, 12, 31)}


# --- classification against the score band (domain/classification.py) --------------------------------------
def test_point5_classification_above_the_score_band_is_flagged():
    klass = Section("Đề xuất xếp loại", rating_scale=RatingScale.CHAT_LUONG, rating=ChatLuong.HTXS, id=3)
    crit = Section("Tiêu chí", T("Đã làm."), max_score=100, score=86, id=2)
    r = _report(crit, klass, scoring=Scoring(100, None, [ScoreBand(90, ChatLuong.HTXS), ScoreBand(70, ChatLuong.HTT),
                                                          ScoreBand(50, ChatLuong.HT), ScoreBand(0, ChatLuong.KHT)]))
    [issue] = _warnings(r)
    assert issue.code == "classification-above-score" and issue.section_id == 3
    klass.rating = ChatLuong.HTT
    assert _warnings(r) == []


# --- measures: a deadline, no blank rows, every limitation of a plan has one ---------------------------------
def test_point5_a_measure_without_any_deadline_is_flagged():
    m = Measure(measure=T("Rà soát quy chế làm việc"), id=5)
    r = _report(limitations=[Limitation(T("Còn chậm."), measures=[m], id=1)])
    [issue] = _warnings(r)
    assert issue.code == "measure-no-deadline" and (issue.limitation_id, issue.measure_id) == (1, 5)
    assert issue.message == "Biện pháp “Rà soát quy chế làm việc” (hạn chế a) chưa có thời gian thực hiện."
    m.timeframe = "Quý II năm 2026"
    assert _warnings(r) == []


@pytest.mark.parametrize("words", ["Thường xuyên", "Hằng năm", "Thường xuyên, liên tục"])
def test_point5_a_standing_duty_is_a_deadline(words):
    r = _report(limitations=[Limitation(T("Còn chậm."), measures=[Measure(measure=T("Kiểm tra"), timeframe=words)])])
    assert [i for i in check(r) if i.code.startswith("measure")] == []   # not even a note asking for a date


def test_point5_words_without_a_deadline_are_a_note():
    m = Measure(measure=T("Kiểm tra"), timeframe="Sau khi có hướng dẫn", id=3)
    r = _report(limitations=[Limitation(T("Còn chậm."), measures=[m], id=1)])
    assert _warnings(r) == []
    [note] = [i for i in check(r) if i.code.startswith("measure")]
    assert note.code == "measure-deadline-unclear" and note.measure_id == 3
    assert note.message == ("Biện pháp “Kiểm tra” (hạn chế a): thời gian thực hiện “Sau khi có hướng dẫn” chưa nêu rõ "
                            "thời hạn (ví dụ “Quý II năm 2026”, “Trước ngày 30/6/2026” hoặc “Thường xuyên”).")


def test_point5_a_picked_date_is_a_deadline():
    m = Measure(measure=T("Kiểm tra"), due=dt.date(2026, 6, 30))
    assert _warnings(_report(limitations=[Limitation(T("Còn chậm."), measures=[m])])) == []


def test_point5_a_blank_measure_row_is_flagged_once():
    general = Section("Nhiệm vụ chung", T("Các nhiệm vụ:"), content=ContentKind.MEASURES, id=9)
    blank = Measure(section=general, id=44)
    r = _report(general, measures=[Measure(content=T("Tập huấn"), timeframe="Quý I/2026", section=general), blank])
    [issue] = _warnings(r)
    assert issue.code == "measure-blank" and (issue.section_id, issue.measure_id) == (9, 44)
    assert issue.message == "Dòng biện pháp 2 của mục “I. Nhiệm vụ chung” để trống: điền hoặc xóa dòng này."


def test_point5_a_limitation_without_a_measure_in_a_plan_is_flagged():
    plan = Section("Nhiệm vụ, giải pháp khắc phục", T("Cụ thể:"), content=ContentKind.LIMITATIONS_WITH_MEASURES)
    lim = Limitation(T("Việc tham mưu còn chậm so với yêu cầu."), id=4)
    r = _report(plan, limitations=[lim])
    [issue] = _warnings(r)
    assert issue.code == "limitation-no-measure" and issue.limitation_id == 4
    assert issue.message == ("Hạn chế a) “Việc tham mưu còn chậm so với yêu cầu.” chưa có biện pháp khắc phục "
                             "trong kế hoạch.")
    lim.measures.append(Measure(measure=T("Rà soát"), timeframe="Quý I năm 2026"))
    assert _warnings(r) == []


def test_point5_a_review_may_list_limitations_without_measures():
    r = _report(Section("Hạn chế", content=ContentKind.LIMITATIONS), limitations=[Limitation(T("Còn chậm."))])
    assert _warnings(r) == []


# --- the previous period's year copied into the next period's report ----------------------------------------
def test_point5_a_sentence_about_last_year_alone_is_flagged():
    s = Section("Kết quả", T("Năm 2025 đã làm tốt. Trong năm 2024, đơn vị đã ban hành 120 văn bản."), id=8)
    r = _report(s, year=2025)
    [issue] = _warnings(r)
    assert issue.code == "previous-year" and issue.section_id == 8
    assert issue.message == ("Mục “I. Kết quả” nói về năm 2024 (kỳ trước) mà không so sánh với năm 2025: "
                             "“Trong năm 2024, đơn vị đã ban hành 120 văn bản.” — có thể chép từ báo cáo kỳ trước.")


@pytest.mark.parametrize("sentence", [
    "Đơn vị đã ban hành 150 văn bản, tăng 25% so với năm 2024.",
    "Kết quả cao hơn cùng kỳ năm 2024.",
    "Năm 2025 ban hành 150 văn bản (năm 2024: 120 văn bản).",
    "Thực hiện Kết luận số 12-KL/TU ngày 10/3/2025 về hạn chế năm 2024.",
    "Từ năm 2024 đến nay, đơn vị duy trì giao ban hằng tuần.",
    "Thực hiện Quyết định số 48/2024/QĐ-UBND ngày 22/9/2024 của UBND tỉnh.",
    "Khắc phục hạn chế được chỉ ra năm 2024.",
    "Hoàn thành các chỉ tiêu Nghị quyết Hội nghị cán bộ, công chức năm 2024 đã đề ra.",
])
def test_point5_mentioning_last_year_legitimately_is_not_flagged(sentence):
    assert previous_year_sentences(sentence, 2025) == []


@pytest.mark.parametrize("sentence", [
    "Thực hiện Kế hoạch công tác năm 2024, đơn vị đã hoàn thành 45 nhiệm vụ.",
    "Năm 2024, Văn phòng tham mưu ban hành 1.200 văn bản.",
    "Tổng kết công tác năm 2024; triển khai nhiệm vụ.",
])
def test_point5_last_years_plan_or_results_alone_are_flagged(sentence):
    assert previous_year_sentences(sentence, 2025) == [sentence]


def test_point5_the_earlier_limitations_and_follow_up_speak_of_last_year():
    follow = Section("Kết quả khắc phục", T("Hạn chế năm 2024 về tham mưu: đã hoàn thành."),
                     content=ContentKind.FOLLOW_UP)
    carried = Limitation(T("Năm 2024 còn chậm tham mưu."), origin=Period(2024))
    assert _warnings(_report(follow, limitations=[carried], year=2025)) == []


def test_point5_headings_and_the_subject_are_checked_too():
    r = _report(Section("Kết quả công tác năm 2024", T("Năm 2025 đã làm tốt."), id=2))
    r.meta.subject = "Kiểm điểm tập thể lãnh đạo năm 2024"
    assert {(i.code, i.section_id, i.place) for i in _warnings(r)} == {("previous-year", 2, ""),
                                                                        ("previous-year", None, "meta")}


# --- the issuing unit ------------------------------------------------------------------------------------------
def test_point5_an_unset_issuing_unit_is_flagged():
    r = _report()
    r.meta.issuing_agency = " "
    [issue] = _warnings(r)
    assert issue.code == "issuing-agency-missing" and issue.place == "meta"
    assert issue.message == ("Chưa có tên cơ quan ban hành: tiêu đề văn bản sẽ in trống. Chọn đơn vị hoặc điền "
                             "ở “Thông tin văn bản”.")
