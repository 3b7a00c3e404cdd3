"""Versions (issue 17): snapshots, restore, the issued state and its guard over every mutating use case."""
from __future__ import annotations

import copy
import hashlib
import inspect
import sqlite3

import pytest

from tudanhgia.domain.model import AppendixTable, Indicator, Limitation, Measure, MeasureStatus
from tudanhgia.domain.period import DocDate
from tudanhgia.domain.richtext import RichText
from tudanhgia.errors import ServiceError
from tudanhgia.services import ReportService
from tudanhgia.services.versions import ReportIssued
from tudanhgia.store.versions import report_parts

PLAN, REVIEW_2023 = 2, 3


def _state(service: ReportService, report_id: int) -> dict:
    """Everything a version keeps, in a comparable form (the manifest names every part by hash)."""
    manifest, _ = report_parts(service.get_report(report_id))
    return manifest


def _body(text: str) -> RichText:
    return RichText.from_plain(text)


def test_a_version_keeps_every_part_and_reads_back_as_the_report(sample_service):
    svc = sample_service
    before = svc.get_report(PLAN)
    info = svc.save_version(PLAN, "  Dự thảo   lần 2 ")
    assert (info.number, info.name, info.reason) == (1, "Dự thảo lần 2", "manual")
    kept = svc.version_report(PLAN, 1)
    assert report_parts(kept)[0] == report_parts(before)[0]
    # the parts are what the officer wrote, not only hashes
    assert [s.body.plain for s in kept.walk()] == [s.body.plain for s in before.walk()]
    assert [m.timeframe for m in kept.all_measures()] == [m.timeframe for m in before.all_measures()]
    assert kept.meta.subject == before.meta.subject and kept.signer == before.signer


def test_a_version_needs_a_name(sample_service):
    with pytest.raises(ServiceError, match="đặt tên"):
        sample_service.save_version(PLAN, "   ")


def test_every_export_keeps_a_version(sample_service, tmp_path):
    path = sample_service.export_docx(REVIEW_2023, tmp_path / "bc.docx")
    (info,) = sample_service.list_versions(REVIEW_2023)
    assert info.reason == "export" and path.name in info.name
    assert report_parts(sample_service.version_report(REVIEW_2023, 1))[0] == _state(sample_service, REVIEW_2023)


def test_the_command_lines_export_keeps_a_version_without_the_service(sample_db, tmp_path):
    from tudanhgia.services.direct import DirectService
    from tudanhgia.services.export import export_docx
    direct = DirectService.open(sample_db)
    assert direct is not None
    export_docx(direct, REVIEW_2023, tmp_path / "bc.docx")
    direct.close()
    svc = ReportService.open(sample_db, create=False)
    try:
        (info,) = svc.list_versions(REVIEW_2023)
        assert info.reason == "export"
        assert report_parts(svc.version_report(REVIEW_2023, 1))[0] == _state(svc, REVIEW_2023)
    finally:
        svc.close()


def test_unchanged_sections_share_their_stored_part(sample_service, sample_db):
    svc = sample_service
    svc.save_version(REVIEW_2023, "Một")
    con = sqlite3.connect(sample_db)
    parts = con.execute("SELECT count(*) FROM version_blob").fetchone()[0]
    section = next(s for s in svc.get_report(REVIEW_2023).walk() if s.body.paragraphs)
    svc.write_section_body(section.id, _body("Nội dung mới của mục này."))
    svc.save_version(REVIEW_2023, "Hai")
    svc.save_version(REVIEW_2023, "Ba")   # nothing changed: no new part at all
    assert con.execute("SELECT count(*) FROM version_blob").fetchone()[0] == parts + 1
    con.close()


def _mess_up(svc: ReportService, report_id: int) -> None:
    """Change every kind of thing a version keeps."""
    report = svc.get_report(report_id)
    sections = list(report.walk())
    if report.limitations:
        lim = report.limitations[0]
        changed = copy.deepcopy(lim)
        changed.text = _body("Hạn chế đã sửa lời")
        svc.update_limitation(changed)
        svc.delete_limitation(report.limitations[-1].id)
    svc.write_section_body(sections[1].id, _body("Thay hẳn nội dung của mục."))
    free = next(s for s in sections if not s.fixed and not any(k.fixed for k in s.walk()))
    svc.delete_section(free.id)
    svc.add_section(report_id, None, 0, "Mục thêm sau")
    svc.update_meta(report_id, subject="Trích yếu đã sửa", number="99")
    svc.add_limitation(report_id, Limitation(text=_body("Hạn chế mới thêm")))
    if report.all_measures():
        svc.set_measure_status(report.all_measures()[0].id, MeasureStatus.DONE, "Đã xong")
    svc.set_indicators(report_id, [Indicator("Số đảng viên", "người", 12.0)])


@pytest.mark.parametrize("report_id", [PLAN, REVIEW_2023])
def test_restoring_the_whole_report_brings_every_part_back_and_is_a_new_version(sample_service, report_id):
    svc = sample_service
    svc.save_version(report_id, "Trình ký")
    kept = _state(svc, report_id)
    old_ids = [s.id for s in svc.get_report(report_id).walk()]
    _mess_up(svc, report_id)
    messed = _state(svc, report_id)
    assert messed != kept
    info = svc.restore_version(report_id, 1)
    assert _state(svc, report_id) == kept
    assert [s.id for s in svc.get_report(report_id).walk()] == old_ids   # under their old ids
    # what the report held before is kept first (the confirmation promises it; found by the tester)
    before = svc.list_versions(report_id)[1]
    assert (before.number, before.reason, before.name) == (2, "before-restore", "Trước khi khôi phục từ phiên bản 1")
    assert report_parts(svc.version_report(report_id, 2))[0] == messed
    assert (info.number, info.reason) == (3, "restore") and "phiên bản 1" in info.name
    assert report_parts(svc.version_report(report_id, 3))[0] == kept


def test_restoring_one_section_leaves_the_others(sample_service):
    svc = sample_service
    sections = list(svc.get_report(REVIEW_2023).walk())
    a, b = sections[1], sections[2]
    svc.save_version(REVIEW_2023, "Dự thảo")
    svc.write_section_body(a.id, _body("Sửa mục A"))
    svc.write_section_body(b.id, _body("Sửa mục B"))
    svc.restore_version(REVIEW_2023, 1, section_id=a.id)
    now = svc.get_report(REVIEW_2023)
    assert now.find(a.id).body.plain == a.body.plain
    assert now.find(b.id).body.plain == "Sửa mục B"


def test_a_deleted_section_comes_back_in_its_place(sample_service):
    svc = sample_service
    report = svc.get_report(PLAN)
    free = next(s for s in report.walk() if not s.fixed and not any(k.fixed for k in s.walk()))
    order = [s.id for s in report.walk()]
    svc.save_version(PLAN, "Trước khi xóa")
    svc.delete_section(free.id)
    svc.restore_version(PLAN, 1, section_id=free.id)
    assert [s.id for s in svc.get_report(PLAN).walk()] == order


def test_restore_state_puts_back_what_was_there_before_the_restore(sample_service):
    """The window's undo of a restore."""
    svc = sample_service
    svc.save_version(PLAN, "Cũ")
    _mess_up(svc, PLAN)
    before = svc.get_report(PLAN)
    messed = _state(svc, PLAN)
    svc.restore_version(PLAN, 1)
    svc.restore_state(before)
    assert _state(svc, PLAN) == messed


# --- the issued state ------------------------------------------------------------------------------
def _issue(svc: ReportService, report_id: int, tmp_path) -> None:
    svc.update_meta(report_id, number="12", date=DocDate(2023, 12, 15))
    svc.issue_report(report_id, tmp_path / f"ban-hanh-{report_id}.docx")


def test_issuing_needs_the_number_and_the_date(sample_service, tmp_path):
    with pytest.raises(ServiceError, match="số văn bản và ngày"):
        sample_service.issue_report(PLAN, tmp_path / "x.docx")
    assert sample_service.issued_state(PLAN) is None
    assert not (tmp_path / "x.docx").exists()


def test_issued_docx_is_recognised_and_another_is_not(sample_service, tmp_path):
    svc = sample_service
    _issue(svc, PLAN, tmp_path)
    issued = tmp_path / f"ban-hanh-{PLAN}.docx"
    event = svc.issued_state(PLAN)
    assert event.docx_sha256 == hashlib.sha256(issued.read_bytes()).hexdigest()
    assert event.number.startswith("12/") and event.date == "ngày 15 tháng 12 năm 2023"
    assert svc.list_versions(PLAN)[-1].reason == "issue"
    assert svc.check_issued_docx(PLAN, issued).matches
    # the writer is deterministic: the same content exported again is the same file
    assert svc.check_issued_docx(PLAN, svc.export_docx(PLAN, tmp_path / "lai.docx")).matches
    other = svc.export_docx(REVIEW_2023, tmp_path / "bao-cao-khac.docx")
    altered = tmp_path / "sua.docx"
    altered.write_bytes(issued.read_bytes() + b"\0")
    for path in (other, altered):
        check = svc.check_issued_docx(PLAN, path)
        assert not check.matches and "KHÔNG" in check.message


def test_unlocking_needs_a_reason_which_is_recorded(sample_service, tmp_path):
    svc = sample_service
    _issue(svc, PLAN, tmp_path)
    _issue(svc, REVIEW_2023, tmp_path)
    assert {rid: e.number.split("/")[0] for rid, e in svc.issued_reports().items()} == {PLAN: "12", REVIEW_2023: "12"}
    with pytest.raises(ServiceError, match="lý do"):
        svc.unlock_report(PLAN, "  ")
    assert svc.issued_state(PLAN) is not None
    svc.unlock_report(PLAN, "Sửa sai sót theo ý kiến của lãnh đạo")
    assert svc.issued_state(PLAN) is None
    assert [(e.action, e.reason) for e in svc.issue_history(PLAN)] == [
        ("issue", ""), ("unlock", "Sửa sai sót theo ý kiến của lãnh đạo")]
    svc.update_meta(PLAN, subject="Sửa được rồi")   # editable again
    assert list(svc.issued_reports()) == [REVIEW_2023]   # the start page's list marks it no more
    assert svc.get_report(PLAN).meta.subject == "Sửa được rồi"


# Every public method of ReportService is one of these, or the guard test below calls it.
READS = {"take_changes", "changed_elsewhere", "note_change", "open", "close", "atomic", "list_units", "get_unit",
         "find_unit", "default_unit", "list_reports", "get_report", "refresh_report", "section_snapshot",
         "limitation_snapshot", "measure_snapshot", "measures_board", "read_measure_updates", "compare_measure_sheet",
         "plan_next_period", "list_versions", "version_report", "compare_versions", "issued_state", "issued_reports",
         "issue_history",
         "check_issued_docx", "diff_docx",
         "search_reindexer", "reindex_search"}   # the search index's stale rows: no report's content
UNITS = {"save_unit", "set_default_unit"}                      # not a report's
NEW_REPORTS = {"add_report", "create_report", "copy_report", "duplicate_report", "new_from_previous",
               "plan_from_review"}                             # another report, made from the issued one
KEEPS_IT = {"export_docx", "export_drawn", "export_indicators", "export_board", "save_version", "unlock_report",
            "print_drawn"}
# only for a report in the trash, where an issued one never is (delete_report is refused below)
TRASH_ONLY = {"purge_report", "restore_report"}


def _deleted_before_issuing(svc: ReportService, rid: int):
    """A section, a limitation and a measure deleted (their snapshots kept, as the undo stack keeps
    them) before the report is issued: their restore is a mutation like any other."""
    report = svc.get_report(rid)
    free = [x for x in report.walk() if not x.fixed and not x.children]
    section = svc.section_snapshot(free[-1].id)
    svc.delete_section(free[-1].id)
    limitation = svc.limitation_snapshot(report.limitations[-1].id)
    svc.delete_limitation(report.limitations[-1].id)
    kept = [x for lim in report.limitations[:-1] for x in lim.measures] + report.measures
    assert len(kept) > 1
    measure = svc.measure_snapshot(kept[-1].id)   # not the first: _mutations edits that one
    svc.delete_measure(kept[-1].id)
    return section, limitation, measure


def _mutations(svc: ReportService, rid: int, tmp_path, deleted):
    """Each mutating method called on the issued report `rid` (the plan: sections, limitations, measures)."""
    report = svc.get_report(rid)
    s = next(x for x in report.walk() if not x.fixed)
    lim = report.limitations[0]
    m = report.all_measures()[0]
    snapshot_s, snapshot_l, snapshot_m = deleted
    changed_lim = copy.deepcopy(lim)
    changed_lim.text = _body("khác")
    changed_m = copy.deepcopy(m)
    changed_m.timeframe = "Quý IV"
    from tudanhgia.services.xlsx import ImportPreview, MeasureChange
    indicators = tmp_path / "chi-tieu.xlsx"

    def write_measures():
        with svc.repo.transaction() as tx:
            svc.write_measures(tx, [(changed_m, None)])

    def import_indicators():
        return svc.import_indicators(rid, indicators)

    def restore_state():
        other = copy.deepcopy(report)
        other.meta.subject = "khác"
        svc.restore_state(other)

    return {
        "update_report": lambda: svc.update_report(_with_subject(report, "khác")),
        "edit_report": lambda: svc.edit_report(rid, lambda r: setattr(r.meta, "subject", "khác")),
        "update_meta": lambda: svc.update_meta(rid, subject="khác"),
        "update_frame": lambda: svc.update_frame(rid, {"subject": "khác"}),
        "update_section": lambda: svc.update_section(s.id, heading="khác"),
        "write_section_body": lambda: svc.write_section_body(s.id, _body("khác")),
        "section_body_writer": lambda: svc.section_body_writer(s.id, _body("khác"))()(),
        "add_section": lambda: svc.add_section(rid, None, 0, "khác"),
        "move_section": lambda: svc.move_section(s.id, None, 0),
        "delete_section": lambda: svc.delete_section(s.id),
        "restore_section": lambda: svc.restore_section(snapshot_s),
        "add_limitation": lambda: svc.add_limitation(rid, Limitation(text=_body("khác"))),
        "update_limitation": lambda: svc.update_limitation(changed_lim),
        "delete_limitation": lambda: svc.delete_limitation(lim.id),
        "move_limitation": lambda: svc.move_limitation(lim.id, 2),
        "restore_limitation": lambda: svc.restore_limitation(*snapshot_l),
        "add_measure": lambda: svc.add_measure(rid, Measure(measure=_body("khác")), lim.id),
        "update_measure": lambda: svc.update_measure(changed_m),
        "write_measures": write_measures,
        "set_measure_status": lambda: svc.set_measure_status(m.id, MeasureStatus.DONE, "xong"),
        "delete_measure": lambda: svc.delete_measure(m.id),
        "move_measure": lambda: svc.move_measure(m.id, 1),
        "restore_measure": lambda: svc.restore_measure(*snapshot_m),
        "set_indicators": lambda: svc.set_indicators(rid, [Indicator("Chỉ tiêu", "%", 1.0)]),
        "set_appendix_table": lambda: svc.set_appendix_table(rid, AppendixTable(["Chỉ tiêu"], [["khác"]])),
        "import_indicators": import_indicators,
        "apply_measure_updates": lambda: svc.apply_measure_updates(ImportPreview(
            [MeasureChange(m.id, 5, "result", m.result, "Đã xong theo Excel")])),
        "delete_report": lambda: svc.delete_report(rid),
        "restore_version": lambda: svc.restore_version(rid, 1),
        "restore_state": restore_state,
        "issue_report": lambda: svc.issue_report(rid, tmp_path / "lan-hai.docx"),
    }, indicators


def _with_subject(report, subject):
    out = copy.deepcopy(report)
    out.meta.subject = subject
    return out


def test_every_public_method_is_classified_for_the_issued_state():
    """A new method of ReportService must be listed here (read, another report's…) or in the guard
    test's calls below, so that it cannot slip past the issued state unseen."""
    public = {n for n, _ in inspect.getmembers(ReportService, callable) if not n.startswith("_")}
    listed = READS | UNITS | NEW_REPORTS | KEEPS_IT | TRASH_ONLY | MUTATING
    assert public - listed == set(), "classify these new methods for the issued state"
    assert listed - public == set(), "these are no longer methods of ReportService"


MUTATING = {"update_report", "edit_report", "update_meta", "update_frame", "update_section", "write_section_body",
            "section_body_writer", "add_section", "move_section", "delete_section", "restore_section",
            "add_limitation", "update_limitation", "delete_limitation", "move_limitation", "restore_limitation",
            "add_measure", "update_measure", "write_measures", "set_measure_status", "delete_measure",
            "move_measure", "restore_measure", "set_indicators", "set_appendix_table", "import_indicators",
            "apply_measure_updates", "delete_report", "restore_version", "restore_state", "issue_report"}


def test_emptying_an_issued_reports_indicators_is_refused_too(sample_service, tmp_path):
    """A Core DELETE with nothing inserted after it (no ORM row to notice) is refused as well."""
    svc = sample_service
    svc.set_indicators(PLAN, [Indicator("Số đảng viên", "người", 12.0)])
    _issue(svc, PLAN, tmp_path)
    with pytest.raises(ServiceError) as refused:
        svc.set_indicators(PLAN, [])
    assert "đã ban hành" in str(refused.value)
    # a use case that forgets to touch the report: the unit of work is refused all the same
    with pytest.raises(ServiceError), svc.repo.transaction() as tx:
        tx.replace_indicators(PLAN, [])
    assert [i.name for i in svc.get_report(PLAN).indicators] == ["Số đảng viên"]


def test_every_mutating_method_refuses_an_issued_report_and_writes_nothing(sample_service, sample_db, tmp_path):
    svc = sample_service
    svc.set_indicators(PLAN, [Indicator("Số đảng viên", "người", 12.0)])
    svc.export_indicators(PLAN, tmp_path / "chi-tieu.xlsx")
    svc.save_version(PLAN, "Trước khi ban hành")
    deleted = _deleted_before_issuing(svc, PLAN)
    _issue(svc, PLAN, tmp_path)
    calls, _ = _mutations(svc, PLAN, tmp_path, deleted)
    assert set(calls) == MUTATING
    con = sqlite3.connect(sample_db)

    def dump():
        return [con.execute(f"SELECT * FROM {t} WHERE report_id = ? ORDER BY id", (PLAN,)).fetchall()
                for t in ("section", "limitation", "measure", "indicator", "recipient")] + \
               [con.execute("SELECT * FROM report WHERE id = ?", (PLAN,)).fetchall()]

    stored = dump()
    for name, call in calls.items():
        try:
            call()
        except ReportIssued as exc:
            refused = exc
        else:
            pytest.fail(f"{name} did not refuse the issued report")
        assert "đã ban hành" in str(refused) and "12/" in str(refused), name
        assert "mở khóa" in str(refused), name
        assert dump() == stored, f"{name} wrote to the issued report"
    con.close()
    # another report stays editable, and the issued one can still be read, exported and copied
    svc.update_meta(REVIEW_2023, subject="Vẫn sửa được")
    svc.export_docx(PLAN, tmp_path / "doc-lai.docx")
    svc.duplicate_report(PLAN)


def test_a_restore_unsets_links_to_rows_deleted_since(sample_service):
    """A plan made from a review points at the review's limitations, measures and report; the review
    purged after the version was kept, the restore unsets those links (as their foreign keys did)."""
    svc = sample_service
    plan = svc.plan_from_review(1)
    assert plan.source_report_id == 1 and any(lim.source_id for lim in plan.limitations)
    svc.save_version(plan.id, "Có liên kết")
    svc.delete_report(1)
    svc.purge_report(1)
    svc.restore_version(plan.id, 1)
    now = svc.get_report(plan.id)
    assert now.source_report_id is None and all(lim.source_id is None for lim in now.limitations)
    assert [lim.text.plain for lim in now.limitations] == [lim.text.plain for lim in plan.limitations]


def test_a_write_that_does_not_touch_the_report_row_is_refused_too(sample_service, tmp_path):
    """The guard looks at every row of the report a unit of work writes, not only the report's own
    row that the use cases touch: a future use case that forgets `touch` is refused all the same."""
    svc = sample_service
    _issue(svc, PLAN, tmp_path)
    measure = svc.get_report(PLAN).all_measures()[0]
    with pytest.raises(ReportIssued), svc.repo.transaction() as tx:
        tx.set_measure_status(measure.id, MeasureStatus.DONE, "Đã xong")   # no touch
    with pytest.raises(ReportIssued), svc.repo.transaction() as tx:
        tx.replace_indicators(PLAN, [Indicator("Chỉ tiêu", "%", 1.0)])
    assert svc.get_report(PLAN).all_measures()[0].status == measure.status
    assert svc.get_report(PLAN).indicators == []


def test_checking_a_device_or_a_huge_file_against_the_issued_docx_is_refused_quickly(sample_service, tmp_path):
    """`check --issued /dev/zero` read the device into memory without end (hostile input hunt)."""
    svc = sample_service
    _issue(svc, PLAN, tmp_path)
    with pytest.raises(ServiceError, match="không phải là một tệp"):
        svc.check_issued_docx(PLAN, "/dev/zero")
    huge = tmp_path / "lon.docx"
    with open(huge, "wb") as f:
        f.truncate(300 * 2**20)                 # sparse: nothing written
    with pytest.raises(ServiceError, match="quá lớn"):
        svc.check_issued_docx(PLAN, huge)


def test_a_versions_name_and_an_unlock_reason_keep_no_control_characters(sample_service, tmp_path):
    """An ESC and a bell in a version's name reached the terminal raw (hostile input hunt)."""
    svc = sample_service
    info = svc.save_version(PLAN, "\x1b[31mDự thảo\x07 lần 2")
    assert info.name == "[31mDự thảo lần 2"
    _issue(svc, PLAN, tmp_path)
    with pytest.raises(ServiceError, match="quá dài"):
        svc.unlock_report(PLAN, "Sửa " * 500)


def test_an_issued_report_keeps_the_standard_it_was_issued_in_when_its_unit_changes(sample_service, tmp_path):
    """Gap 1: the unit choosing another document standard after the issue leaves the issued report
    printing as issued (the standard in effect is frozen into the report's own setting)."""
    from tudanhgia.services.standards import set_unit_standard
    svc = sample_service
    unit_id = svc.get_report(PLAN).unit_id
    assert unit_id is not None and svc.get_report(PLAN).document_standard == ""   # follows its unit's (Nghị định 30)
    _issue(svc, PLAN, tmp_path)
    set_unit_standard(svc, unit_id, "hd05-vptw")
    # the unit's header names and signer are the report's own copies: editing the unit leaves them
    unit = svc.get_unit(unit_id)
    unit.parent_agency, unit.issuing_agency, unit.signer.name = "UBND TỈNH KHÁC", "SỞ KHÁC", "Người Khác"
    svc.save_unit(unit)
    assert svc.get_report(PLAN).standard_id == "nd30"
    again = svc.export_docx(PLAN, tmp_path / "xuat-lai.docx")
    check = svc.check_issued_docx(PLAN, again)
    assert check.matches, check.message
    # unlocking keeps it: the officer may choose the unit's again then
    svc.unlock_report(PLAN, "Sửa theo ý kiến lãnh đạo")
    assert svc.get_report(PLAN).document_standard == "nd30"
    # a report not issued follows its unit, as before
    assert svc.get_report(REVIEW_2023).unit_id != unit_id or svc.get_report(REVIEW_2023).standard_id == "hd05-vptw"


def test_a_report_issued_in_its_own_standard_keeps_it(sample_service, tmp_path):
    from tudanhgia.services.standards import set_report_standard
    svc = sample_service
    set_report_standard(svc, PLAN, "hd05-vptw")
    _issue(svc, PLAN, tmp_path)
    assert svc.get_report(PLAN).document_standard == "hd05-vptw"


def test_every_excel_export_keeps_a_version_of_each_report_it_covers(sample_service, tmp_path):
    """Gap 2: the statistics sheet keeps its report; the measures sheet keeps every report whose
    measures it lists, once each, as they were when the sheet was written."""
    svc = sample_service
    svc.export_indicators(REVIEW_2023, tmp_path / "chi-tieu.xlsx")
    (info,) = svc.list_versions(REVIEW_2023)
    assert info.reason == "export" and "chi-tieu.xlsx" in info.name
    assert report_parts(svc.version_report(REVIEW_2023, 1))[0] == _state(svc, REVIEW_2023)
    lim = svc.add_limitation(REVIEW_2023, Limitation(text=_body("Chậm báo cáo định kỳ.")))
    svc.add_measure(REVIEW_2023, Measure(measure=_body("Báo cáo đúng hạn.")), lim.id)
    rows = svc.measures_board()
    covered = {r.report_id for r in rows}
    assert len(covered) >= 2
    svc.export_board(rows, tmp_path / "bien-phap.xlsx", "Theo dõi biện pháp")
    for rid in covered:
        kept = [v for v in svc.list_versions(rid) if "bien-phap.xlsx" in v.name]
        assert [v.reason for v in kept] == ["export"], rid
        assert report_parts(svc.version_report(rid, kept[0].number))[0] == _state(svc, rid)
    others = {r.id for r in svc.list_reports()} - covered
    assert all(not any("bien-phap" in v.name for v in svc.list_versions(rid)) for rid in others)


def test_a_print_is_recorded_in_the_history_and_kept_as_a_version(sample_service):
    """Gap 2: printing goes through the service: the printed report kept as a version "In", the
    print in the report's history (the printer's name), even for an issued report (reading it)."""
    from tudanhgia.services.export import export_history
    svc = sample_service
    printed = []
    sent = svc.print_drawn(REVIEW_2023, lambda report: printed.append(report.title) or 7, "Máy in phòng HC")
    assert sent == 7 and printed == [svc.get_report(REVIEW_2023).title]
    (info,) = svc.list_versions(REVIEW_2023)
    assert (info.reason, info.name) == ("print", "In trên “Máy in phòng HC” (7 trang)")
    assert report_parts(svc.version_report(REVIEW_2023, 1))[0] == _state(svc, REVIEW_2023)
    (record,) = export_history(svc, REVIEW_2023)
    assert (record.format, record.path) == ("print", "Máy in phòng HC")
    svc.update_meta(PLAN, number="12", date=DocDate(2023, 12, 15))
    svc.issue_report(PLAN, sample_service.db.path.parent / "ban-hanh.docx")
    assert svc.print_drawn(PLAN, lambda _report: 3, "") == 3
    # the issued report printed as issued: the issue's version notes the print, no new version
    last = svc.list_versions(PLAN)[-1]
    assert last.name == "Ban hành số 12/KH-VP" and [a.name for a in last.again] == ["In (3 trang)"]


def test_a_print_that_fails_keeps_nothing(sample_service):
    from tudanhgia.services.export import export_history
    from tudanhgia.services.files import OutputError
    svc = sample_service

    def fail(_report):
        raise OutputError("Máy in không phản hồi.")
    with pytest.raises(OutputError):
        svc.print_drawn(REVIEW_2023, fail, "Máy in phòng HC")
    assert svc.list_versions(REVIEW_2023) == [] and export_history(svc, REVIEW_2023) == []


def test_checking_the_issued_file_after_an_unlock_says_the_report_may_have_changed_since(sample_service, tmp_path):
    """Gap 3: the file is still the one issued, but the report was unlocked since: say when, why, and
    that the report may no longer match it."""
    svc = sample_service
    _issue(svc, PLAN, tmp_path)
    issued = tmp_path / f"ban-hanh-{PLAN}.docx"
    svc.unlock_report(PLAN, "Sửa số liệu theo ý kiến lãnh đạo")
    unlocked = svc.issue_history(PLAN)[-1]
    check = svc.check_issued_docx(PLAN, issued)
    assert check.matches
    assert check.message.startswith("Đúng là văn bản đã ban hành số 12/")
    assert (f"Báo cáo đã được mở khóa lúc {unlocked.at:%d/%m/%Y %H:%M} (lý do: Sửa số liệu theo ý kiến lãnh đạo) "
            "nên nội dung hiện tại có thể không còn khớp với tệp này.") in check.message
    # issued again after the unlock: the new file is the current one, the old one a previous issue
    _issue(svc, PLAN, tmp_path)
    assert "mở khóa lúc" not in svc.check_issued_docx(PLAN, tmp_path / f"ban-hanh-{PLAN}.docx").message


def test_issuing_and_unlocking_move_the_reports_row_version_so_other_windows_follow(sample_service, sample_db,
                                                                                     tmp_path):
    """Gap 6: another program with the report open sees the issue and the unlock as changes (its window
    reloads and locks or unlocks), while the service that did them does not (its own writes)."""
    from tudanhgia.services.standards import set_report_standard
    svc = sample_service
    set_report_standard(svc, PLAN, "nd30")   # its own standard already: the issue has no field of its own to write
    other = ReportService.open(sample_db, create=False)
    try:
        svc.update_meta(PLAN, number="12", date=DocDate(2023, 12, 15))
        assert not other.changed_elsewhere(PLAN)   # starts watching
        svc.changed_elsewhere(PLAN)
        svc.issue_report(PLAN, tmp_path / "ban-hanh.docx")
        assert other.changed_elsewhere(PLAN) and not svc.changed_elsewhere(PLAN)
        assert not other.changed_elsewhere(PLAN)
        svc.unlock_report(PLAN, "Sửa theo ý kiến lãnh đạo")
        assert other.changed_elsewhere(PLAN) and not svc.changed_elsewhere(PLAN)
    finally:
        other.close()


def test_an_issued_report_keeps_its_standards_values_when_the_units_file_is_edited(sample_service, tmp_path,
                                                                                   monkeypatch):
    """Gap 1, the standard's file: a unit corrects a value by placing an edited copy of a standard in
    its data folder; the report issued before prints as issued (the values are frozen with it)."""
    from tudanhgia.render import standards as registry
    from tudanhgia.render.standards import shipped_standards_dir, use_user_folder
    from tudanhgia.services.standards import set_report_standard, standard_of
    registry.standards()
    monkeypatch.setattr(registry, "_REGISTRY", registry._REGISTRY)   # put back after the test
    monkeypatch.setattr(registry, "_USER_DIR", registry._USER_DIR)
    svc = sample_service
    _issue(svc, PLAN, tmp_path)
    folder = tmp_path / "standards"
    folder.mkdir()
    shipped = (shipped_standards_dir() / "nd30.toml").read_text(encoding="utf-8")
    assert "\nbody_pt = 14" in shipped
    (folder / "nd30.toml").write_text(shipped.replace("\nbody_pt = 14", "\nbody_pt = 13", 1), encoding="utf-8")
    use_user_folder(None)
    use_user_folder(folder)
    assert registry.standards().get("nd30").body_pt == 13   # the unit's edited copy is read
    assert standard_of(svc.get_report(PLAN)).body_pt == 14   # the issued report keeps the issue's
    assert svc.check_issued_docx(PLAN, svc.export_docx(PLAN, tmp_path / "lai.docx")).matches
    assert standard_of(svc.get_report(REVIEW_2023)).body_pt == 13   # the others follow the file
    # unlocked, the officer choosing the standard again (here: the unit's) prints in the file's values
    svc.unlock_report(PLAN, "Áp dụng thể thức mới của đơn vị")
    assert standard_of(svc.get_report(PLAN)).body_pt == 14
    set_report_standard(svc, PLAN, "unit")
    assert svc.get_report(PLAN).document_standard == "" and standard_of(svc.get_report(PLAN)).body_pt == 13


def test_a_copy_of_an_issued_report_follows_its_unit_again(sample_service, tmp_path):
    """What the issue froze (the standard) is the issued report's: a copy made from it is a new
    report that follows its unit's standard, as the original did before its issue."""
    from tudanhgia.services.standards import set_unit_standard
    svc = sample_service
    _issue(svc, PLAN, tmp_path)
    copies = [svc.duplicate_report(PLAN), svc.copy_report(PLAN)]
    set_unit_standard(svc, svc.get_report(PLAN).unit_id, "hd05-vptw")
    for copy_ in copies:
        stored = svc.get_report(copy_.id)
        assert (stored.document_standard, stored.issued_standard, stored.standard_id) == ("", None, "hd05-vptw")
    assert svc.get_report(PLAN).standard_id == "nd30"


def test_a_board_sheet_keeps_every_report_in_one_transaction_reading_them_together(sample_service, tmp_path,
                                                                                     monkeypatch):
    """Review of d140c6c: the measures sheet of many reports read each report and kept its version in
    a transaction of its own (104 reports: 0.48 → 1.28 s on the UI thread). Now: the export's record
    and the versions, two transactions whatever the number of reports, the sections of all of them
    read in one query."""
    from sqlalchemy import event

    from tudanhgia.services.versions import keep_exported
    svc = sample_service
    for report in svc.list_reports():   # every report with a measure, so the sheet lists them all
        lim = svc.add_limitation(report.id, Limitation(text=_body("Chậm báo cáo định kỳ.")))
        svc.add_measure(report.id, Measure(measure=_body("Báo cáo đúng hạn.")), lim.id)
    rows = svc.measures_board()
    covered = {r.report_id for r in rows}
    assert len(covered) >= 3
    transactions = []
    real = type(svc.repo).transaction

    def counted(repo, *args, **kwargs):
        transactions.append(1)
        return real(repo, *args, **kwargs)
    monkeypatch.setattr(type(svc.repo), "transaction", counted)
    engine = svc.db.engine

    def sections_read(name: str) -> list[tuple]:
        """Export the sheet as `name`: the reports whose sections it read, query by query."""
        reads: list[tuple] = []

        def seen(_conn, _cursor, statement, parameters, *_args):
            if "FROM section" in statement:
                reads.append(tuple(parameters))
        event.listen(engine, "before_cursor_execute", seen)
        try:
            svc.export_board(rows, tmp_path / name, "Theo dõi biện pháp")
        finally:
            event.remove(engine, "before_cursor_execute", seen)
        return reads

    assert sections_read("bien-phap.xlsx") == [tuple(sorted(covered))]   # one query for all of them
    assert len(transactions) == 2
    for rid in covered:
        kept = [v for v in svc.list_versions(rid) if "bien-phap.xlsx" in v.name]
        assert len(kept) == 1 and report_parts(svc.version_report(rid, kept[0].number))[0] == _state(svc, rid)
    # a report gone (purged) since the rows were read is skipped, the others kept
    keep_exported(svc, [*covered, 987654], "Xuất Excel “lan-2.xlsx”")
    assert all(svc.list_versions(rid)[-1].again[-1].name == "Xuất Excel “lan-2.xlsx”" for rid in covered)
    # the sheet again: the reports untouched since are noted without being read; the one edited
    # is read alone and kept as a new version
    edited = min(covered)
    svc.update_meta(edited, subject="về kết quả (bản sửa)")
    before = {rid: len(svc.list_versions(rid)) for rid in covered}
    assert sections_read("bien-phap-3.xlsx") == [(edited,)]
    assert {rid: len(svc.list_versions(rid)) - before[rid] for rid in covered} == \
        {rid: int(rid == edited) for rid in covered}
    assert svc.version_report(edited, svc.list_versions(edited)[-1].number).meta.subject == "về kết quả (bản sửa)"
    assert all(svc.list_versions(rid)[-1].again[-1].name == "Xuất Excel “bien-phap-3.xlsx”"
               for rid in covered - {edited})
    assert sections_read("bien-phap-4.xlsx") == []
    assert all(svc.list_versions(rid)[-1].again[-1].name == "Xuất Excel “bien-phap-4.xlsx”" for rid in covered)


def test_printing_an_unchanged_report_again_adds_no_version_but_the_latest_notes_it(sample_service, tmp_path):
    """Review of d140c6c: three prints of an unchanged report made three identical versions. Each
    print and export is still in the report's history; a report unchanged since its latest version
    adds none, that version lists them; a change makes the next print a version again."""
    from tudanhgia.services.export import export_history
    svc = sample_service
    printer = "HP LaserJet M404"
    for _ in range(3):
        svc.print_drawn(REVIEW_2023, lambda _report: 2, printer)
    (first,) = svc.list_versions(REVIEW_2023)
    assert first.name == "In trên “HP LaserJet M404” (2 trang)"
    assert [(a.name, a.reason) for a in first.again] == [("In trên “HP LaserJet M404” (2 trang)", "print")] * 2
    assert all(a.at >= first.created_at for a in first.again)
    svc.export_docx(REVIEW_2023, tmp_path / "bc.docx")
    svc.export_indicators(REVIEW_2023, tmp_path / "so-lieu.xlsx")
    (first,) = svc.list_versions(REVIEW_2023)
    assert [a.name for a in first.again][2:] == ["Xuất DOCX “bc.docx”", "Xuất Excel “so-lieu.xlsx”"]
    assert [r.format for r in export_history(svc, REVIEW_2023)] == ["print", "print", "print", "docx", "xlsx"]
    # a manual version is kept even when nothing changed (the officer named it)
    assert svc.save_version(REVIEW_2023, "Trình ký").number == 2
    svc.print_drawn(REVIEW_2023, lambda _report: 2, printer)
    assert [v.number for v in svc.list_versions(REVIEW_2023)] == [1, 2]
    assert [a.name for a in svc.list_versions(REVIEW_2023)[1].again] == ["In trên “HP LaserJet M404” (2 trang)"]
    svc.update_meta(REVIEW_2023, subject="về kết quả thực hiện năm 2023 (sửa)")
    svc.print_drawn(REVIEW_2023, lambda _report: 3, printer)
    versions = svc.list_versions(REVIEW_2023)
    assert [(v.number, v.name, v.again) for v in versions[2:]] == [(3, "In trên “HP LaserJet M404” (3 trang)", ())]
    assert svc.version_report(REVIEW_2023, 3).meta.subject == "về kết quả thực hiện năm 2023 (sửa)"
    assert svc.version_report(REVIEW_2023, 1).meta.subject != "về kết quả thực hiện năm 2023 (sửa)"
