"""A second writer on the database the window has open (issue 11, point 6): the command line's
Excel import while the window shows the plan, and a second window on the same file under another
name or from another data folder."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import Qt

from tudanhgia.ui import file_dialogs
from tudanhgia.domain.model import MeasureStatus
from tudanhgia.services import ReportService
from tudanhgia.ui import messages
from tudanhgia.ui.app import make_application
from tudanhgia.ui.context import EditorContext
from tudanhgia.ui.limitations import LimitationsPanel
from tudanhgia.ui.measures import COL_DIRECTED_BY, COL_RESULT, COL_STATUS

ROOT = Path(__file__).resolve().parents[2]
EDIT, SHOWN = Qt.ItemDataRole.EditRole, Qt.ItemDataRole.DisplayRole


@pytest.fixture(autouse=True)
def shown(monkeypatch):
    """No modal box opens; what would have been shown is recorded."""
    out: dict[str, list[str]] = {"warn": [], "error": [], "info": []}
    for name in out:
        monkeypatch.setattr(messages, name, lambda _parent, text, name=name: out[name].append(text))
    return out


def open_plan(qtbot, db: Path) -> tuple[ReportService, EditorContext, LimitationsPanel]:
    """The window's side: its own service on `db`, the plan (sample report 2) in the limitations panel."""
    make_application()
    service = ReportService.open(db, create=False)
    ctx = EditorContext(service, 2)
    panel = LimitationsPanel(ctx)
    qtbot.addWidget(panel)
    panel.resize(1366, 768)
    panel.show()
    qtbot.waitExposed(panel)
    return service, ctx, panel


def cell(panel, row: int, col: int) -> str:
    return panel.measures.model.data(panel.measures.model.index(row, col), SHOWN)


def set_cell(panel, row: int, col: int, value) -> bool:
    return panel.measures.model.setData(panel.measures.model.index(row, col), value, EDIT)


def cli(*args, data_dir: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONIOENCODING="utf-8")
    env.pop("TUDANHGIA_DATA_DIR", None)
    return subprocess.run([sys.executable, "-m", "tudanhgia", *map(str, args), "--data-dir", str(data_dir)],
                          capture_output=True, text=True, encoding="utf-8", env=env, cwd=ROOT, timeout=120)


def department_sheet(db: Path, tmp_path: Path, measure_id: int, status: str, result: str) -> Path:
    """The measures sheet of the plan, exported by the command line and filled in by a department."""
    out = tmp_path / "bien-phap.xlsx"
    done = cli("xlsx-export", 2, "--db", db, "--out", out, data_dir=tmp_path / "cli-data")
    assert done.returncode == 0, done.stderr
    wb = openpyxl.load_workbook(out)
    ws = wb.active
    header = {ws.cell(4, c).value: c for c in range(1, ws.max_column + 1)}
    row = next(r for r in range(5, ws.max_row + 1) if ws.cell(r, header["Mã (không sửa)"]).value == f"BP-{measure_id}")
    ws.cell(row, header["Trạng thái"]).value = status
    ws.cell(row, header["Kết quả thực hiện"]).value = result
    wb.save(out)
    return out


def test_a_command_line_excel_import_survives_the_windows_next_cell_edit(qtbot, sample_db, tmp_path, shown):
    service, _ctx, panel = open_plan(qtbot, sample_db)
    measure = panel.measures.model.measure(0)
    assert cell(panel, 0, COL_STATUS) == "Đang thực hiện"
    sheet = department_sheet(sample_db, tmp_path, measure.id, "Hoàn thành", "Đã triển khai xong 100 %")
    done = cli("xlsx-import", sheet, "--db", sample_db, data_dir=tmp_path / "cli-data")
    assert done.returncode == 0, done.stderr
    assert "Đã cập nhật 1 biện pháp" in done.stdout

    # the officer, still looking at the old status, types in another cell of the same measure
    assert set_cell(panel, 0, COL_DIRECTED_BY, "Chánh Văn phòng")
    fresh = ReportService.open(sample_db, create=False)
    stored = next(m for m in fresh.get_report(2).all_measures() if m.id == measure.id)
    fresh.close()
    assert (stored.status, stored.result, stored.directed_by) == (
        MeasureStatus.DONE, "Đã triển khai xong 100 %", "Chánh Văn phòng")
    # and the window shows what the department sent, without being reopened
    qtbot.waitUntil(lambda: cell(panel, 0, COL_STATUS) == "Hoàn thành", timeout=5000)
    assert cell(panel, 0, COL_RESULT) == "Đã triển khai xong 100 %"
    assert cell(panel, 0, COL_DIRECTED_BY) == "Chánh Văn phòng"
    assert shown["warn"] == [] and shown["error"] == []
    service.close()


def test_the_window_shows_an_outside_change_without_any_edit(qtbot, sample_db, tmp_path):
    service, _ctx, panel = open_plan(qtbot, sample_db)
    measure = panel.measures.model.measure(0)
    other = ReportService.open(sample_db, create=False)  # the command line, in-process
    other.set_measure_status(measure.id, MeasureStatus.DONE, "Xong")
    other.close()
    qtbot.waitUntil(lambda: cell(panel, 0, COL_STATUS) == "Hoàn thành", timeout=5000)
    assert cell(panel, 0, COL_RESULT) == "Xong"
    service.close()


def _type_over_another_programs_change(qtbot, sample_db, monkeypatch, answer):
    from tudanhgia.ui import messages
    service, ctx, panel = open_plan(qtbot, sample_db)
    ctx.watch_outside_changes(False)  # the officer edits before the window noticed the change
    asked: list[str] = []
    monkeypatch.setattr(messages, "choose", lambda parent, text, options, cancel="": asked.append(text) or answer)
    errors: list[str] = []
    ctx.error.connect(errors.append)   # what the window shows (a message box over the window)
    measure = panel.measures.model.measure(0)
    other = ReportService.open(sample_db, create=False)
    other.set_measure_status(measure.id, MeasureStatus.DONE, "Xong")
    other.close()
    set_cell(panel, 0, COL_RESULT, "Mới làm được một nửa")
    return service, ctx, panel, measure, asked, errors


def stored_measure(sample_db, measure_id):
    fresh = ReportService.open(sample_db, create=False)
    try:
        return next(m for m in fresh.get_report(2).all_measures() if m.id == measure_id)
    finally:
        fresh.close()


def test_editing_the_field_another_program_just_changed_asks_and_taking_the_other_keeps_it(
        qtbot, sample_db, monkeypatch):
    service, ctx, panel, measure, asked, errors = _type_over_another_programs_change(qtbot, sample_db, monkeypatch, 0)
    assert len(asked) == 1 and errors == []          # one question, not a message as well
    assert f"Biện pháp BP-{measure.id} vừa được thay đổi ở nơi khác" in asked[0]
    assert "Kết quả — ở nơi khác: “Xong”; bạn vừa nhập: “Mới làm được một nửa”" in asked[0]
    stored = stored_measure(sample_db, measure.id)
    assert (stored.status, stored.result) == (MeasureStatus.DONE, "Xong")   # the other program's edit stays
    assert cell(panel, 0, COL_RESULT) == "Xong" and cell(panel, 0, COL_STATUS) == "Hoàn thành"  # refreshed
    assert ctx.undo_stack.count() == 0     # the refused edit left no undo step
    service.close()


def test_editing_the_field_another_program_just_changed_keeps_the_officers_value_when_asked_to(
        qtbot, sample_db, monkeypatch):
    service, _ctx, panel, measure, asked, _errors = _type_over_another_programs_change(
        qtbot, sample_db, monkeypatch, None)       # Escape / the default: keep what was typed
    assert len(asked) == 1
    stored = stored_measure(sample_db, measure.id)
    assert (stored.status, stored.result) == (MeasureStatus.DONE, "Mới làm được một nửa")  # the status stays theirs
    assert cell(panel, 0, COL_RESULT) == "Mới làm được một nửa" and cell(panel, 0, COL_STATUS) == "Hoàn thành"
    service.close()


# --- a second window on the same file ------------------------------------------------------------------------
def start_in(qtbot, db: Path, data_dir: Path):
    """The program started with `--db db --data-dir data_dir` (another user's folder, another account)."""
    from tudanhgia.paths import AppPaths
    from tudanhgia.ui.app import start_window
    make_application()
    session = start_window(db, AppPaths.default(data_dir), interactive=True)
    if not isinstance(session, int):
        qtbot.addWidget(session.window)
        session.attach()
    return session


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="symbolic and hard links as on Linux")
def test_a_second_window_from_another_data_folder_and_spelling_is_offered_read_only(qtbot, sample_db, tmp_path,
                                                                                   said):
    first = start_in(qtbot, sample_db, tmp_path / "user-a")
    assert not first.window.read_only
    share = tmp_path / "mapped-drive"
    share.mkdir()
    (share / "du-lieu.sqlite").symlink_to(sample_db)
    os.link(sample_db, tmp_path / "hard-link.sqlite")
    try:
        for spelling in (share / "du-lieu.sqlite", tmp_path / "hard-link.sqlite", sample_db):
            said["answers"].append(False)          # "Hủy": nothing opens
            assert start_in(qtbot, spelling, tmp_path / "user-b") == 1
            assert "đang được mở để sửa trong một cửa sổ Tự Đánh Giá khác" in said["confirm"][-1]
        said["answers"].append(True)               # "Mở chỉ đọc"
        second = start_in(qtbot, tmp_path / "hard-link.sqlite", tmp_path / "user-b")
        try:
            assert second.window.read_only == "tệp đang được mở để sửa trong một cửa sổ Tự Đánh Giá khác"
            assert second.window.read_only_banner.isVisibleTo(second.window)
            assert not second.window.db_lock.held
            assert len(second.window.service.list_reports()) == 3       # it can be read
        finally:
            second.close()
        assert start_in_locked_is_still_refused(sample_db)                # closing it freed nothing of the first
    finally:
        first.close()
    from tudanhgia.ui.db_lock import lock_database
    free = lock_database(share / "du-lieu.sqlite")                        # closed: free under every name
    assert free is not None and free.held
    free.unlock()


def start_in_locked_is_still_refused(db: Path) -> bool:
    from tudanhgia.ui.db_lock import lock_database
    return lock_database(db) is None


def test_opening_another_database_that_a_window_edits_offers_read_only(qtbot, sample_db, tmp_path, said,
                                                                        monkeypatch):
    first_db = tmp_path / "rieng.sqlite"
    shutil.copy(sample_db, first_db)
    session = start_in(qtbot, first_db, tmp_path / "user-a")
    from tudanhgia.ui.db_lock import lock_database
    elsewhere = lock_database(sample_db)                                  # another window edits it
    monkeypatch.setattr("tudanhgia.ui.file_dialogs.open_file_name", lambda *a, **k: (str(sample_db), ""))
    try:
        said["answers"].append(True)
        session.window.act_other_db.trigger()
        assert session.window.db_path == sample_db
        assert session.window.read_only == "tệp đang được mở để sửa trong một cửa sổ Tự Đánh Giá khác"
        assert lock_database(first_db) is not None                        # the first file was given back
    finally:
        session.close()
        elsewhere.unlock()


# --- the measures board's Excel import: all rows or none, and how many --------------------------------------
def test_the_boards_excel_import_says_how_many_or_that_none_was_applied(qtbot, sample_db, tmp_path, shown,
                                                                        monkeypatch):
    import datetime as dt

    from PySide6.QtCore import QSettings

    from tudanhgia.ui.board import ImportPreviewDialog, MeasuresBoard
    make_application()
    service = ReportService.open(sample_db, create=False)
    board = MeasuresBoard(service, service.list_units()[0].id, today=dt.date(2023, 8, 1),
                          settings=QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(board)
    sheet = department_sheet(sample_db, tmp_path, 1, "Hoàn thành", "Đã xong")
    monkeypatch.setattr(file_dialogs, "open_file_name", lambda *a, **k: (str(sheet), ""))

    def meanwhile(dialog):   # while the officer reads the preview, another program edits measure 1
        other = ReportService.open(sample_db, create=False)
        other.set_measure_status(1, MeasureStatus.NOT_STARTED, "Tạm dừng")
        other.close()
        return 1
    monkeypatch.setattr(ImportPreviewDialog, "exec", meanwhile)
    assert board.import_xlsx() == 0
    assert len(shown["warn"]) == 1 and "0 biện pháp được cập nhật" in shown["warn"][0]
    stored = next(m for m in service.get_report(2).all_measures() if m.id == 1)
    assert (stored.status, stored.result) == (MeasureStatus.NOT_STARTED, "Tạm dừng")

    monkeypatch.setattr(ImportPreviewDialog, "exec", lambda dialog: 1)
    assert board.import_xlsx() == 1
    assert shown["info"][-1] == "Đã cập nhật 1 biện pháp."
    stored = next(m for m in service.get_report(2).all_measures() if m.id == 1)
    assert (stored.status, stored.result) == (MeasureStatus.DONE, "Đã xong")
    service.close()
