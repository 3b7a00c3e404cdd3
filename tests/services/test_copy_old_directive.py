"""A report copied from an earlier period: the directive its opening cited for the old report
(number and date) becomes blanks to fill, which the pre-print check asks for; a copy whose
opening still cites a document of the old period is warned about (GUI tester's b13/b24)."""
import datetime as dt

from tudanhgia.domain.citations import blank_old_directive, stale_citations
from tudanhgia.domain.period import Period
from tudanhgia.domain.richtext import RichText
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


def test_stale_citations_are_those_up_to_the_source_end():
    text = "Công văn số 1/A ngày 31/12/2020, Công văn số 2/B ngày 01/01/2021, Công văn 3/C ngày 5/6/2018."
    assert [c.number for c in stale_citations(text, Period(2020))] == ["1/A", "3/C"]
