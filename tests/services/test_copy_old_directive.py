"""A report copied from an earlier period: the directive its opening cited for the old report
(number and date) becomes blanks to fill, which the pre-print check asks for; a copy whose
opening still cites a document of the old period is warned about (GUI tester's b13/b24)."""
import datetime as dt

from tudanhgia.domain.citations import blank_old_directive, stale_citations
from tudanhgia.domain.period import Period
from tudanhgia.domain.richtext import Paragraph, RichText, Run
from tudanhgia.services.chain import copy_report, pre_print_check
from tudanhgia.services.frame import write_frame

OPENING = ("Thực hiện chỉ đạo của Chủ tịch UBND tỉnh tại Công văn số 5294/UBND-NC ngày 30/10/2020 về việc "
           "đánh giá, xếp loại chất lượng cán bộ, công chức, viên chức năm 2020; căn cứ Nghị định "
           "30/2020/NĐ-CP, tập thể lãnh đạo Văn phòng kiểm điểm kết quả thực hiện nhiệm vụ năm 2020 như sau:")
BLANKED = ("Thực hiện chỉ đạo của Chủ tịch UBND tỉnh tại Công văn số … ngày … về việc "
           "đánh giá, xếp loại chất lượng cán bộ, công chức, viên chức năm 2026; căn cứ Nghị định "
           "30/2020/NĐ-CP, tập thể lãnh đạo Văn phòng kiểm điểm kết quả thực hiện nhiệm vụ năm 2026 như sau:")


def _report_2020(service, unit, kind="tu-danh-gia-nam", opening=OPENING):
    report = service.create_report(kind, "2020", unit.id, today=dt.date(2020, 12, 1))
    if opening is not None:
        write_frame(service, report.id, {"preamble": RichText.from_plain(opening)})
    return report


def test_copy_blanks_the_old_directive_and_check_asks_for_it(service, unit):
    old = _report_2020(service, unit)
    new = copy_report(service, old.id, "2026")   # the window's and the CLI's path
    got = service.get_report(new.id)
    assert got.meta.preamble.plain == BLANKED
    found = [i for i in pre_print_check(service, got, spelling=False) if i.place == "preamble"]
    assert [i.code for i in found] == ["placeholder"]
    assert service.get_report(old.id).meta.preamble.plain == OPENING   # the old report keeps its own


def test_only_the_directive_of_the_source_period_is_blanked():
    text = ("Căn cứ Kế hoạch số 12/KH-UBND ngày 05 tháng 01 năm 2021 của UBND tỉnh, Quyết định số 88/QĐ-UBND "
            "ngày 02/3/2015 và Luật Cán bộ, công chức; thực hiện Công văn số 77/SNV ngày 10/11/2020.")
    got = blank_old_directive(RichText.from_plain(text), Period(2020)).plain
    assert got == ("Căn cứ Kế hoạch số … ngày … của UBND tỉnh, Quyết định số 88/QĐ-UBND "
                   "ngày 02/3/2015 và Luật Cán bộ, công chức; thực hiện Công văn số … ngày ….")


def test_the_kinds_own_guidance_stays(service, unit):
    old = _report_2020(service, unit, kind="kiem-diem-tap-the-2019", opening=None)
    old_opening = service.get_report(old.id).meta.preamble.plain
    assert "Hướng dẫn số 21-HD/BTCTW ngày 20/11/2019" in old_opening
    got = service.get_report(service.copy_report(old.id, "2021").id)
    assert "Hướng dẫn số 21-HD/BTCTW ngày 20/11/2019" in got.meta.preamble.plain
    assert "old-directive" not in [i.code for i in pre_print_check(service, got, spelling=False)]
    # a 2019 source: the form's guidance, dated in the source year, is still not blanked
    assert blank_old_directive(RichText.from_plain(old_opening), Period(2019),
                               "Hướng dẫn số 21-HD/BTCTW ngày 20/11/2019").plain == old_opening


def test_check_warns_when_the_copy_still_cites_the_old_directive(service, unit):
    old = _report_2020(service, unit)
    new = service.copy_report(old.id, "2026")
    write_frame(service, new.id, {"preamble": RichText.from_plain(OPENING.replace("năm 2020", "năm 2026"))})
    issues = pre_print_check(service, service.get_report(new.id), spelling=False)
    stale = [i for i in issues if i.code == "old-directive"]
    assert len(stale) == 1 and stale[0].place == "preamble" and stale[0].severity.value == "warning"
    assert "Công văn số 5294/UBND-NC ngày 30/10/2020" in stale[0].message
    # filled with this period's directive: nothing to warn about
    write_frame(service, new.id, {"preamble": RichText.from_plain(BLANKED.replace(
        "số … ngày …", "số 812/UBND-NC ngày 28/10/2026"))})
    assert "old-directive" not in [i.code for i in pre_print_check(service, service.get_report(new.id),
                                                                   spelling=False)]
    # a duplicate of the same period is not a copy from an earlier one
    dup = service.duplicate_report(old.id)
    assert "old-directive" not in [i.code for i in pre_print_check(service, service.get_report(dup.id),
                                                                   spelling=False)]


def test_stale_citations_are_the_old_directives_before_the_new_period():
    # what the copy would blank (directive-type, the source year or the next), dated before the new period
    text = ("Công văn số 1/A ngày 31/12/2020, Công văn số 2/B ngày 01/01/2021, Công văn 3/C ngày 5/6/2018, "
            "Kế hoạch số 4/KH ngày 03/02/2022.")
    assert [c.number for c in stale_citations(text, Period(2020), before=dt.date(2022, 1, 1))] == ["1/A", "2/B"]
    assert [c.number for c in stale_citations(text, Period(2020), before=dt.date(2021, 1, 1))] == ["1/A"]


def _blank(text, year=2024, template=""):
    return blank_old_directive(RichText.from_plain(text), Period(year), template).plain


def test_only_the_citations_own_number_and_date_are_blanked():
    # the same figures elsewhere in the opening are not the citation's (found by review H1)
    assert _blank("Tổ chức 15 hội nghị theo Công văn số 15 ngày 05/11/2024") == (
        "Tổ chức 15 hội nghị theo Công văn số … ngày …")
    assert _blank("Thực hiện Kế hoạch số 12 ngày 01/12/2024 (12 nội dung)") == (
        "Thực hiện Kế hoạch số … ngày … (12 nội dung)")
    assert _blank("Thực hiện Công văn số 100/UBND-NC ngày 05/11/2024 của UBND tỉnh; Hội nghị ngày 05/11/2024 "
                  "đã thống nhất.") == (
        "Thực hiện Công văn số … ngày … của UBND tỉnh; Hội nghị ngày 05/11/2024 đã thống nhất.")
    # two directives of one date: both blanked, each in full
    assert _blank("Thực hiện Hướng dẫn số 25-HD/BTCTW ngày 09/11/2024 và Công văn số 25 ngày 09/11/2024") == (
        "Thực hiện Hướng dẫn số … ngày … và Công văn số … ngày …")


def test_the_kinds_guidance_keeps_its_date_when_a_directive_shares_it():
    text = ("Thực hiện Quy định số 366-QĐ/TW của Bộ Chính trị, Hướng dẫn số 43-HD/BTCTW ngày 31/10/2025 của Ban "
            "Tổ chức Trung ương và chỉ đạo của Tỉnh ủy tại Công văn số 1520-CV/TU ngày 31/10/2025 về việc kiểm điểm")
    assert _blank(text, 2025, "Hướng dẫn số 43-HD/BTCTW ngày 31/10/2025") == (
        "Thực hiện Quy định số 366-QĐ/TW của Bộ Chính trị, Hướng dẫn số 43-HD/BTCTW ngày 31/10/2025 của Ban "
        "Tổ chức Trung ương và chỉ đạo của Tỉnh ủy tại Công văn số … ngày … về việc kiểm điểm")


def test_blanking_keeps_the_formatting_around():
    opening = RichText((Paragraph((Run("Thực hiện "), Run("Công văn số 7/UB", bold=True),
                                   Run(" ngày 02/11/2024 của UBND."))),
                        Paragraph.plain("Công văn số 8 ngày 03/11/2024")))
    got = blank_old_directive(opening, Period(2024))
    assert got.plain == "Thực hiện Công văn số … ngày … của UBND.\nCông văn số … ngày …"
    assert got.paragraphs[0].items == (Run("Thực hiện "), Run("Công văn số …", bold=True),
                                       Run(" ngày … của UBND."))


def test_single_digit_numbers_and_a_comma_before_the_date():
    assert _blank("Thực hiện Công văn số 9 ngày 1/11/2024 của Huyện ủy") == (
        "Thực hiện Công văn số … ngày … của Huyện ủy")
    assert _blank("Thực hiện Công văn số 1234/SNV-TCBC, ngày 01/11/2024 của Sở Nội vụ") == (
        "Thực hiện Công văn số …, ngày … của Sở Nội vụ")


def test_standing_rules_are_neither_blanked_nor_warned_about(service, unit):
    text = ("Căn cứ Nghị định số 90/2020/NĐ-CP ngày 13/8/2020, Thông tư số 5/2020/TT-BNV ngày 01/10/2020, "
            "Quyết định số 88/QĐ-UBND ngày 02/3/2020, Nghị quyết số 26 ngày 01 tháng 11 năm 2020; thực hiện "
            "Công văn số 77/SNV ngày 10/11/2020, tập thể kiểm điểm năm 2020 như sau:")
    assert _blank(text, 2020) == text.replace("Công văn số 77/SNV ngày 10/11/2020", "Công văn số … ngày …")
    old = _report_2020(service, unit, opening=text)
    new = copy_report(service, old.id, "2025")
    # the laws kept, this period's directive typed: no warning at each export
    write_frame(service, new.id, {"preamble": RichText.from_plain(
        service.get_report(new.id).meta.preamble.plain.replace("số … ngày …", "số 12/SNV ngày 02/11/2025"))})
    issues = pre_print_check(service, service.get_report(new.id), spelling=False)
    assert "old-directive" not in [i.code for i in issues]
