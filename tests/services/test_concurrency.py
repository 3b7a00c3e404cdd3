"""Two writers on one database file (issue 11, point 6): the window's service and another one (the
command line, a second window). A save writes only what the officer changed, a change made
meanwhile to the same field is refused with a clear message, and the Excel import applies all its
rows in one transaction or none."""
from __future__ import annotations

import copy
import datetime as dt
import sqlite3

import openpyxl
import pytest

from tudanhgia.domain import Indicator, MeasureStatus, RichText
from tudanhgia.errors import ConcurrentChange, ServiceError, XlsxError
from tudanhgia.services import ReportService
from tudanhgia.services.xlsx import (apply_measure_updates, export_measures, measures_sheet_title,
                                     read_measure_updates, rows_for_report)
from tudanhgia.store.repository import UnitOfWork


@pytest.fixture
def two(sample_db):
    """(window, other): two services on one copy of the sample database."""
    window = ReportService.open(sample_db, create=False)
    other = ReportService.open(sample_db, create=False)
    yield window, other
    window.close()
    other.close()


def measure(service, measure_id):
    return next(m for m in service.get_report(2).all_measures() if m.id == measure_id)


def first_measure(service):
    return service.get_report(2).limitations[0].measures[0]


# --- measures and limitations: the fields the officer changed, nothing else ---------------------------------
def test_a_cell_edit_keeps_what_another_program_wrote_to_other_fields(two):
    window, other = two
    seen = first_measure(window)                       # what the window shows
    other.set_measure_status(seen.id, MeasureStatus.DONE, "Đã xong")   # e.g. the Excel import
    edited = copy.copy(seen)
    edited.lead_unit = "Phòng Tổng hợp"
    window.update_measure(edited, seen)
    stored = measure(other, seen.id)
    assert (stored.lead_unit, stored.status, stored.result) == ("Phòng Tổng hợp", MeasureStatus.DONE, "Đã xong")
    assert stored.directed_by == seen.directed_by and stored.measure == seen.measure


def test_a_change_of_the_same_field_meanwhile_is_refused_and_nothing_is_written(two):
    window, other = two
    seen = first_measure(window)
    other.set_measure_status(seen.id, MeasureStatus.DONE, "Đã xong")
    edited = copy.copy(seen)
    edited.result, edited.lead_unit = "Mới được một nửa", "Phòng Tổng hợp"
    with pytest.raises(ConcurrentChange, match=f"Biện pháp BP-{seen.id} vừa được thay đổi ở nơi khác") as caught:
        window.update_measure(edited, seen)
    assert "chưa được ghi" in str(caught.value)
    stored = measure(other, seen.id)
    assert (stored.result, stored.lead_unit) == ("Đã xong", seen.lead_unit)   # not even the other field


def test_undo_of_an_edit_writes_back_over_the_windows_own_change(two):
    window, other = two
    seen = first_measure(window)
    edited = copy.copy(seen)
    edited.directed_by = "Chánh Văn phòng"
    window.update_measure(edited, seen)
    other.set_measure_status(seen.id, MeasureStatus.DONE)      # meanwhile, another field
    window.update_measure(seen, edited)                         # Hoàn tác
    stored = measure(other, seen.id)
    assert (stored.directed_by, stored.status) == (seen.directed_by, MeasureStatus.DONE)


def test_undo_of_a_burst_of_typing_merged_into_one_step_is_not_refused(two):
    window, other = two
    seen = first_measure(window)
    typed = []
    for text in ("Phòng", "Phòng Tổng", "Phòng Tổng hợp"):   # written every quarter second while typing
        edited = copy.copy(typed[-1] if typed else seen)
        edited.lead_unit = text
        window.update_measure(edited, typed[-1] if typed else seen)
        typed.append(edited)
    window.update_measure(seen, typed[0])   # the merged step's undo carries the first edit's `before`
    assert measure(other, seen.id).lead_unit == seen.lead_unit
    other.update_measure(typed[-1], seen)   # … but another program's write in between is not hidden
    with pytest.raises(ConcurrentChange):
        window.update_measure(seen, typed[0])


def test_a_whole_object_read_before_another_write_is_refused_by_its_row_version(two):
    window, other = two
    seen = first_measure(window)
    assert seen.version >= 1
    other.set_measure_status(seen.id, MeasureStatus.DONE)
    stale = copy.copy(seen)
    stale.lead_unit = "Phòng Tổng hợp"
    with pytest.raises(ConcurrentChange):
        window.update_measure(stale)        # no `before`: the version it was read at is the check
    assert measure(other, seen.id).status is MeasureStatus.DONE
    fresh = first_measure(window)
    fresh.lead_unit = "Phòng Tổng hợp"
    window.update_measure(fresh)
    assert measure(other, seen.id).lead_unit == "Phòng Tổng hợp"


def test_every_write_counts_in_the_row_version(two):
    window, other = two
    seen = first_measure(window)
    other.set_measure_status(seen.id, MeasureStatus.DONE)
    other.set_measure_status(seen.id, MeasureStatus.IN_PROGRESS)
    assert first_measure(window).version == seen.version + 2
    report = window.get_report(2)
    section = report.sections[0]
    window.update_section(section.id, heading=section.heading, body=RichText.from_plain("Một đoạn."))
    assert window.get_report(2).sections[0].version == section.version + 1
    assert window.get_report(2).version > report.version


def test_limitation_edits_keep_the_other_programs_field(two):
    window, other = two
    seen = window.get_report(2).limitations[0]
    theirs = copy.copy(other.get_report(2).limitations[0])
    theirs.raised_by = "Kết luận số 99-KL/TU"
    other.update_limitation(theirs, other.get_report(2).limitations[0])
    mine = copy.copy(seen)
    mine.text = RichText.from_plain("Chuyển đổi số còn chậm.")
    window.update_limitation(mine, seen)
    stored = other.get_report(2).limitations[0]
    assert (stored.text.plain, stored.raised_by) == ("Chuyển đổi số còn chậm.", "Kết luận số 99-KL/TU")
    clash = copy.copy(seen)
    clash.raised_by = "Thông báo số 1-TB/TU"
    with pytest.raises(ConcurrentChange, match="Hạn chế, khuyết điểm này vừa được thay đổi"):
        window.update_limitation(clash, seen)


def test_indicators_typed_over_an_imported_appendix_are_refused(two, unit):
    window, other = two
    report = window.create_report("chuyen-de", "2024", unit.id)
    seen = window.get_report(report.id).indicators
    other.set_indicators(report.id, [Indicator("Số hồ sơ", "hồ sơ", 12.0, None)])
    typed = copy.deepcopy(seen)
    typed[0].value = 5.0
    with pytest.raises(ConcurrentChange, match="Phụ lục số liệu"):
        window.set_indicators(report.id, typed, seen)
    assert [(i.name, i.value) for i in other.get_report(report.id).indicators] == [("Số hồ sơ", 12.0)]


@pytest.fixture
def unit(two):
    from tudanhgia.domain import Authority, Signer, UnitProfile
    return two[0].save_unit(UnitProfile(name="Sở Thử nghiệm", signer=Signer(Authority.KT, "GIÁM ĐỐC", "PHÓ GIÁM ĐỐC",
                                                                             "Trần Văn B")))


# --- the document's fields ---------------------------------------------------------------------------------
def test_a_field_edit_keeps_a_field_another_program_wrote_between_read_and_write(two, monkeypatch):
    window, other = two
    original = UnitOfWork.report_head
    calls = []

    def head_then_other_writes(self, report_id):
        head = original(self, report_id)
        if not calls:  # once, between the window's look at the report and its write
            calls.append(report_id)
            other.update_meta(report_id, subject="Trích yếu do máy khác sửa")
        return head

    window.get_report(3)
    monkeypatch.setattr(UnitOfWork, "report_head", head_then_other_writes)
    window.update_meta(3, number="27")
    window.update_frame(3, {"symbol": "BC-UBND"})
    monkeypatch.undo()
    stored = other.get_report(3)
    assert (stored.meta.number, stored.meta.symbol, stored.meta.subject) == ("27", "BC-UBND",
                                                                             "Trích yếu do máy khác sửa")


def test_recipients_are_rewritten_only_when_they_changed(two):
    window, _ = two
    report = window.get_report(3)
    window.update_meta(3, number="5")
    again = window.get_report(3)
    assert [(r.text, r.purpose) for r in again.recipients.lines] == [(r.text, r.purpose)
                                                                      for r in report.recipients.lines]
    with window.repo.reading() as r:   # the same rows, not deleted and inserted again
        assert r.report_fields(3).recipients.lines == again.recipients.lines


# --- watching for another program's writes -----------------------------------------------------------------
def test_the_window_learns_of_another_programs_write_and_not_of_its_own(two):
    window, other = two
    assert window.changed_elsewhere(2) is False          # starts watching
    seen = first_measure(window)
    edited = copy.copy(seen)
    edited.lead_unit = "Phòng Tổng hợp"
    window.update_measure(edited, seen)
    assert window.changed_elsewhere(2) is False          # its own write
    other.set_measure_status(seen.id, MeasureStatus.DONE)
    assert window.changed_elsewhere(2) is True
    assert window.changed_elsewhere(2) is False          # told once
    other.set_measure_status(seen.id, MeasureStatus.IN_PROGRESS)   # another write, then the window's own
    window.update_measure(copy.copy(first_measure(window)), None)
    window.update_section(window.get_report(2).sections[0].id, body=RichText.from_plain("x"))
    assert window.changed_elsewhere(2) is True           # the other write is not hidden by the window's


# --- the Excel import: all rows in one transaction, or none ----------------------------------------------
def department_sheet(service, tmp_path, edits):
    report = service.get_report(2)
    title, subtitle = measures_sheet_title(report, today=dt.date(2023, 1, 5))
    path = export_measures(service, rows_for_report(report), tmp_path / "bien-phap.xlsx", title, subtitle)
    wb = openpyxl.load_workbook(path)
    ws = wb.active
    header = {ws.cell(4, c).value: c for c in range(1, ws.max_column + 1)}
    for code, column, value in edits:
        row = next(r for r in range(5, ws.max_row + 1) if ws.cell(r, header["Mã (không sửa)"]).value == code)
        ws.cell(row, header[column]).value = value
    wb.save(path)
    return path


EDITS = [("BP-1", "Trạng thái", "Hoàn thành"), ("BP-2", "Kết quả thực hiện", "Đã ban hành quy chế"),
         ("BP-3", "Trạng thái", "Hoàn thành"), ("BP-6", "Kết quả thực hiện", "Xong")]


def snapshot(service):
    return {m.id: (m.status, m.result, m.due, m.version) for m in service.get_report(2).all_measures()}


def test_the_import_applies_every_row_and_says_how_many(two, tmp_path):
    window, other = two
    preview = read_measure_updates(window, department_sheet(window, tmp_path, EDITS))
    assert len(preview.changes) == 4 and not preview.problems
    assert apply_measure_updates(window, preview) == 4
    stored = {m.id: m for m in other.get_report(2).all_measures()}
    assert stored[1].status is MeasureStatus.DONE and stored[3].status is MeasureStatus.DONE
    assert stored[2].result == "Đã ban hành quy chế" and stored[6].result == "Xong"
    assert window.take_changes().measures == frozenset({1, 2, 3, 6})


def test_an_import_that_fails_midway_leaves_nothing_applied(two, sample_db, tmp_path):
    window, other = two
    preview = read_measure_updates(window, department_sheet(window, tmp_path, EDITS))
    before = snapshot(other)
    # the file refuses the third row's write, and only once the first two rows (BP-1, BP-2) hold
    # the sheet's values inside the import's transaction: a write failing midway
    con = sqlite3.connect(sample_db)
    con.execute("CREATE TRIGGER refuse_bp3 BEFORE UPDATE ON measure WHEN NEW.id = 3 "
                "AND (SELECT status FROM measure WHERE id = 1) = 'hoan-thanh' "
                "AND (SELECT result FROM measure WHERE id = 2) = 'Đã ban hành quy chế' "
                "BEGIN SELECT RAISE(ABORT, 'refused midway'); END")
    con.commit()
    con.close()
    with pytest.raises(Exception, match="refused midway"):
        apply_measure_updates(window, preview)
    assert snapshot(other) == before  # two rows had been written inside the transaction, none is in the file


def test_an_import_refuses_all_rows_when_one_changed_since_the_preview(two, tmp_path):
    window, other = two
    preview = read_measure_updates(window, department_sheet(window, tmp_path, EDITS))
    other.set_measure_status(3, MeasureStatus.NOT_STARTED, "Tạm dừng")   # typed in the window meanwhile
    before = snapshot(other)
    with pytest.raises(XlsxError, match=r"vừa được sửa ở nơi khác.*0 biện pháp được cập nhật") as caught:
        apply_measure_updates(window, preview)
    assert isinstance(caught.value, ServiceError)
    assert snapshot(other) == before
    assert other.get_report(2).all_measures()[2].result == "Tạm dừng"


# --- a section's fields: heading, body, rating, score ------------------------------------------------------
def rated(service):
    """The first section of report 1 with a rating scale, as `service` reads it now."""
    return next(s for s in service.get_report(1).walk() if s.rating_scale is not None)


def free(service):
    """The first section of report 1 the officer may rename."""
    return next(s for s in service.get_report(1).walk() if not s.fixed)


def stored(service, section_id):
    return next(s for s in service.get_report(1).walk() if s.id == section_id)


THEIRS_BODY = RichText.from_plain("Đoạn do lệnh nhập ghi.")
MINE_BODY = RichText.from_plain("Đoạn cán bộ đang gõ trong cửa sổ.")


@pytest.mark.parametrize("background", [False, True], ids=["typing", "long-body-worker"])
def test_a_body_written_elsewhere_after_the_windows_read_refuses_the_windows_write(two, background):
    window, other = two
    seen = rated(window)                                   # what the window shows
    other.write_section_body(seen.id, THEIRS_BODY)              # the command line, between read and write
    with pytest.raises(ConcurrentChange) as caught:
        if background:
            window.section_body_writer(seen.id, MINE_BODY, seen)()()
        else:
            window.write_section_body(seen.id, MINE_BODY, seen)
    assert f"Mục “{seen.heading.strip()}” vừa được thay đổi ở nơi khác" in str(caught.value)
    after = stored(other, seen.id)
    assert after.body == THEIRS_BODY and after.version == seen.version + 1   # nothing written


def test_the_windows_own_body_writes_follow_one_another(two):
    window, other = two
    seen = rated(window)
    first = RichText.from_plain("Một")
    version = window.write_section_body(seen.id, first, seen)
    was = copy.copy(seen)
    was.body, was.version = first, version                 # what the window knows after its write
    window.write_section_body(seen.id, MINE_BODY, was)
    assert stored(other, seen.id).body == MINE_BODY


def test_a_body_write_keeps_another_programs_rating_of_the_section(two):
    window, other = two
    seen = rated(window)
    level = next(x for x in seen.rating_scale.levels if x is not seen.rating)
    other.update_section(seen.id, rating=level)           # another field of the same row
    window.write_section_body(seen.id, MINE_BODY, seen)
    after = stored(other, seen.id)
    assert (after.body, after.rating) == (MINE_BODY, level)


def test_a_heading_or_rating_changed_elsewhere_is_refused(two):
    window, other = two
    named = free(window)
    other.update_section(named.id, heading="Tên do nơi khác đặt")
    with pytest.raises(ConcurrentChange, match="Mục “Tên do nơi khác đặt” vừa được thay đổi ở nơi khác"):
        window.update_section(named.id, heading="Tên cán bộ sửa", before=named)
    assert stored(other, named.id).heading == "Tên do nơi khác đặt"
    seen = rated(window)
    levels = list(seen.rating_scale.levels)
    other.update_section(seen.id, rating=levels[-1])
    with pytest.raises(ConcurrentChange):
        window.update_section(seen.id, rating=levels[0], before=seen)
    assert stored(other, seen.id).rating is levels[-1]
    window.update_section(seen.id, body=MINE_BODY, before=seen)   # the body nobody else changed is written
    assert stored(other, seen.id).body == MINE_BODY


def test_undo_of_merged_heading_typing_is_not_refused_but_another_write_between_is(two):
    window, other = two
    seen = free(window)
    def done(heading):   # the section as an edit left it, seen from the version before the edit
        view = copy.copy(seen)
        view.heading = heading
        return view

    typed = ("Tên", "Tên mới", "Tên mới của mục")        # typing, written every quarter second
    for previous, text in zip((seen.heading, *typed[:-1]), typed, strict=True):
        window.update_section(seen.id, heading=text, before=done(previous))
    window.update_section(seen.id, heading=seen.heading, before=done("Tên"))   # the merged step's undo
    assert stored(other, seen.id).heading == seen.heading
    window.update_section(seen.id, heading="Tên mới", before=seen)
    other.update_section(seen.id, heading="Tên của nơi khác")
    with pytest.raises(ConcurrentChange):
        window.update_section(seen.id, heading=seen.heading, before=done("Tên mới"))
    assert stored(other, seen.id).heading == "Tên của nơi khác"


# --- the document's fields and texts -------------------------------------------------------------------
def test_a_document_field_changed_elsewhere_is_refused_and_another_field_kept(two):
    from tudanhgia.services.frame import write_frame
    window, other = two
    seen = window.get_report(2).meta
    other.update_meta(2, subject="Trích yếu do nơi khác sửa", place="Đà Nẵng")
    with pytest.raises(ConcurrentChange, match="Thông tin văn bản vừa được thay đổi ở nơi khác"):
        write_frame(window, 2, {"subject": "Trích yếu cán bộ gõ"}, seen={"subject": seen.subject})
    assert other.get_report(2).meta.subject == "Trích yếu do nơi khác sửa"
    write_frame(window, 2, {"number": "15"}, seen={"number": seen.number})   # a field nobody else changed
    assert (other.get_report(2).meta.number, other.get_report(2).meta.place) == ("15", "Đà Nẵng")
    with pytest.raises(ConcurrentChange, match="Phần mở đầu vừa được thay đổi"):
        other.update_meta(2, preamble=THEIRS_BODY)
        write_frame(window, 2, {"preamble": MINE_BODY}, seen={"preamble": seen.preamble})
    assert other.get_report(2).meta.preamble == THEIRS_BODY
