"""The kept appendix table of an imported report through the service (issue 14 point 1): replaced
as a whole or dropped, its cells cleaned, another program's change never overwritten, an issued
report refused; the tally leaves it alone. The report is imported from a Word file written here."""
import copy

import pytest

from appendix_docx import HEADER, ROWS, imported
from tudanhgia.domain.model import AppendixTable, Indicator
from tudanhgia.errors import ConcurrentChange, ServiceError
from tudanhgia.services import ReportService
from tudanhgia.services.tasks import count_forms, tally_forms
from tudanhgia.services.versions import ReportIssued


def edited(rows=None, header=None) -> AppendixTable:
    return AppendixTable(copy.deepcopy(header or HEADER), copy.deepcopy(rows or ROWS))


def test_a_table_is_replaced_returned_and_dropped(service, tmp_path):
    rid = imported(service, tmp_path)
    new = edited()
    new.rows[1][3] = "45"
    old = service.set_appendix_table(rid, new)
    assert old.rows == ROWS                                    # what was stored, for the undo
    assert service.get_report(rid).appendix_table.rows[1][3] == "45"
    assert service.take_changes().touches_indicators()         # the appendix page follows
    assert service.set_appendix_table(rid, None).rows[1][3] == "45"
    assert service.get_report(rid).appendix_table is None


def test_cells_are_cleaned_like_any_typed_text(service, tmp_path):
    rid = imported(service, tmp_path)
    new = edited()
    new.rows[1][1] = "Số lượt tiếp cônǵ\x07 dân\r\nđịnh kỳ"   # a bell, CR LF, a combining accent
    service.set_appendix_table(rid, new)
    assert service.get_report(rid).appendix_table.rows[1][1] == "Số lượt tiếp cônǵ dân\nđịnh kỳ"


def test_an_empty_table_is_refused_in_vietnamese(service, tmp_path):
    rid = imported(service, tmp_path)
    with pytest.raises(ServiceError, match="Bảng phụ lục trống"):
        service.set_appendix_table(rid, AppendixTable(["", ""], []))
    assert service.get_report(rid).appendix_table.rows == ROWS


def test_another_programs_change_is_not_overwritten(service, tmp_path):
    rid = imported(service, tmp_path)
    seen = service.get_report(rid).appendix_table
    other = ReportService.open(service.db.path, create=False)
    try:
        theirs = edited()
        theirs.rows[1][3] = "43"
        other.set_appendix_table(rid, theirs, seen)            # the other window wrote first
    finally:
        other.close()
    mine = edited()
    mine.rows[1][3] = "45"
    with pytest.raises(ConcurrentChange, match="Bảng phụ lục"):
        service.set_appendix_table(rid, mine, seen)
    assert service.get_report(rid).appendix_table.rows[1][3] == "43"
    service.set_appendix_table(rid, mine)                      # without what was seen: as asked (the CLI)
    assert service.get_report(rid).appendix_table.rows[1][3] == "45"


def test_this_services_own_writes_since_count_as_seen(service, tmp_path):
    """A burst of typing merged into one undo step: its undo carries the first table as seen while
    the store holds the last one this service wrote."""
    rid = imported(service, tmp_path)
    first, second = edited(), edited()
    first.rows[1][3], second.rows[1][3] = "4", "45"
    service.set_appendix_table(rid, first, edited())
    service.set_appendix_table(rid, second, first)
    service.set_appendix_table(rid, edited(), first)           # the undo of the burst
    assert service.get_report(rid).appendix_table.rows == ROWS
    service.set_appendix_table(rid, second, first)             # its redo
    assert service.get_report(rid).appendix_table.rows[1][3] == "45"


def test_an_issued_report_refuses_every_change_of_the_table(service, tmp_path):
    rid = imported(service, tmp_path)
    service.issue_report(rid, tmp_path / "ban-hanh.docx")
    for table in (edited(), None):
        with pytest.raises(ReportIssued):
            service.set_appendix_table(rid, table)
    assert service.get_report(rid).appendix_table.rows == ROWS


def test_the_tally_keeps_the_kept_table_and_the_officers_own_rows(service, unit):
    report = service.create_report("tong-hop-danh-gia-quy", "Quý I/2026", unit.id)
    service.set_appendix_table(report.id, edited())
    own = Indicator("Số công chức nghỉ hưu trong quý", "người", 1.0)
    kinds = service.get_report(report.id).indicators
    typed = [Indicator(kinds[0].name, kinds[0].unit, 7.0), *kinds[1:], own]
    service.set_indicators(report.id, typed)
    n, counted = count_forms(service, report.id)                # nothing written yet
    assert service.get_report(report.id).indicators[0].value == 7.0
    assert n == 0 and counted[0].value == 0 and counted[-1].name == own.name and len(counted) == len(typed)
    tally_forms(service, report.id)
    after = service.get_report(report.id)
    assert after.appendix_table.header == HEADER and after.appendix_table.rows == ROWS
    assert after.indicators[0].value == 0
    assert (after.indicators[-1].name, after.indicators[-1].value) == (own.name, 1.0)


COPIED_NOTE = "Bảng phụ lục được chép từ báo cáo kỳ trước: hãy cập nhật số liệu trước khi in."
OLD_LINE = "(Kèm theo Báo cáo số 12/BC-UBND ngày 05/01/2026 của UBND xã A)"


def test_a_copy_to_the_next_period_keeps_the_rows_prints_its_own_line_and_asks_for_new_figures(service, tmp_path):
    """Found by the GUI tester: 'Từ kỳ trước' carried the officer's '(Kèm theo …)' line naming the old
    report's number and date. The copy keeps the rows (the officer updates them) and prints its own
    line; the pre-print check asks for new figures until the table is changed."""
    from tudanhgia.render.layout import Appendix, layout
    from tudanhgia.services.chain import pre_print_check
    rid = imported(service, tmp_path)
    old = service.get_report(rid)
    old.appendix_attached = OLD_LINE
    service.update_report(old)
    new_id = service.copy_report(rid).id
    new = service.get_report(new_id)
    assert new.appendix_table.header == HEADER and new.appendix_table.rows == ROWS
    attached = next(b for b in layout(new).blocks if isinstance(b, Appendix)).attached_to
    assert attached.startswith("(Kèm theo Báo cáo số") and "12/BC-UBND" not in attached
    assert next(b for b in layout(service.get_report(rid)).blocks if isinstance(b, Appendix)).attached_to == OLD_LINE
    notes = [i for i in pre_print_check(service, new, spelling=False) if i.message == COPIED_NOTE]
    assert [(i.place, i.cell) for i in notes] == [("appendix", (1, 0))]   # F7 jumps to the table's first row
    assert COPIED_NOTE not in [i.message for i in pre_print_check(service, service.get_report(rid), spelling=False)]
    figures = edited()
    figures.rows[1][3] = "51"
    service.set_appendix_table(new_id, figures)
    assert COPIED_NOTE not in [i.message for i in pre_print_check(service, service.get_report(new_id), spelling=False)]
    service.set_appendix_table(new_id, edited())   # back to the copied figures (an undo): asked again
    assert COPIED_NOTE in [i.message for i in pre_print_check(service, service.get_report(new_id), spelling=False)]


def _forms(service, unit, levels: list[str]) -> None:
    from tudanhgia.domain.ratings import ChatLuong
    for level in levels:
        form = service.create_report("danh-gia-cong-chuc-quy", "Quý I/2026", unit.id)
        service.update_section(form.classification_section.id, rating=ChatLuong(level))


def test_the_tally_puts_each_count_under_its_own_label_after_a_row_was_deleted(service, unit):
    """Rows matched by name: by place alone, deleting "Hoàn thành xuất sắc nhiệm vụ" moved every
    count below it one label up (found by the reviewer). Expected counts written by hand."""
    _forms(service, unit, ["htxs", "htt", "htt", "ht"])
    report = service.create_report("tong-hop-danh-gia-quy", "Quý I/2026", unit.id)
    kept = [ind for ind in service.get_report(report.id).indicators if ind.name != "Hoàn thành xuất sắc nhiệm vụ"]
    service.set_indicators(report.id, kept)
    _n, counted = count_forms(service, report.id)
    values = {ind.name: ind.value for ind in counted}
    assert values == {"Tổng số công chức được đánh giá": 4, "Hoàn thành xuất sắc nhiệm vụ": 1,
                      "Hoàn thành tốt nhiệm vụ": 2, "Hoàn thành nhiệm vụ": 1, "Không hoàn thành nhiệm vụ": 0}
    assert len(counted) == 5


def test_the_tally_keeps_a_renamed_kind_row_and_its_place(service, unit):
    _forms(service, unit, ["htt", "kht"])
    report = service.create_report("tong-hop-danh-gia-quy", "Quý I/2026", unit.id)
    rows = service.get_report(report.id).indicators
    rows[2] = Indicator("HT tốt nhiệm vụ", rows[2].unit)          # the officer's own wording of row 3
    service.set_indicators(report.id, rows)
    _n, counted = count_forms(service, report.id)
    assert [(ind.name, ind.value) for ind in counted] == [
        ("Tổng số công chức được đánh giá", 2), ("Hoàn thành xuất sắc nhiệm vụ", 0), ("HT tốt nhiệm vụ", 1),
        ("Hoàn thành nhiệm vụ", 0), ("Không hoàn thành nhiệm vụ", 1)]
