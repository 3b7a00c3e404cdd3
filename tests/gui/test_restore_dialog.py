"""Tệp ▸ Khôi phục từ bản sao lưu…, the backups the window takes by itself, and the offer of a
backup when a damaged database is refused (issue 11, points 2 and 3), driven as an officer would."""
from __future__ import annotations

import hashlib
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtWidgets import QApplication

from tudanhgia.domain.richtext import RichText
from tudanhgia.paths import AppPaths
from tudanhgia.services import ReportService
from tudanhgia.services.backups import BackupService
from tudanhgia.ui import backups as ui_backups, messages
from tudanhgia.ui.app import make_application, start_window
from tudanhgia.ui.main_window import MainWindow
from tudanhgia.ui.restore_dialog import RestoreDialog


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def told(monkeypatch, said):
    """Every message box's text (said: warn and confirm; here error and info too)."""
    said["error"], said["info"] = [], []
    monkeypatch.setattr(messages, "error", lambda parent, text: said["error"].append(text))
    monkeypatch.setattr(messages, "info", lambda parent, text: said["info"].append(text))
    return said


@pytest.fixture
def paths(user_data_dir) -> AppPaths:
    return AppPaths.default().ensure()


@pytest.fixture
def window(qtbot, sample_db, paths, monkeypatch):
    monkeypatch.setattr(ui_backups, "OPEN_DELAY_MS", 60_000)  # the backup at open is tested on its own
    make_application()
    service = ReportService.open(sample_db, paths, create=False)
    w = MainWindow(service, paths, QSettings(str(paths.settings_file), QSettings.Format.IniFormat))
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    yield w
    w.backups.wait(10)
    w.service.close()


def click_row(qtbot, view, row: int) -> None:
    """A click on a row of a QTreeWidget or QListWidget, where the officer would click."""
    if hasattr(view, "topLevelItem"):
        rect = view.visualItemRect(view.topLevelItem(row))
    else:
        rect = view.visualItemRect(view.item(row))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def open_dialog(qtbot, window) -> RestoreDialog:
    dialog = RestoreDialog(window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def rows(dialog) -> list[list[str]]:
    return [[dialog.list.topLevelItem(i).text(c) for c in range(4)] for i in range(dialog.list.topLevelItemCount())]


def first_body_section(service, report_id):
    return next(s for s in service.get_report(report_id).walk() if s.body.plain.strip())


def test_the_menu_entry_opens_the_dialog(qtbot, window, monkeypatch):
    entries = [a.text() for a in window.menuBar().actions()[0].menu().actions()]
    assert "Khôi phục từ bản sao lưu…" in entries
    shown = []
    monkeypatch.setattr(RestoreDialog, "exec", lambda self: shown.append(self.windowTitle()) or 0)
    window.act_restore.trigger()
    assert shown == ["Khôi phục từ bản sao lưu — sample.sqlite"]


def test_backups_are_listed_with_date_reason_size_and_report_count(qtbot, window, paths, told):
    backups = BackupService(window.db_path, paths)
    first = backups.take("mo")
    window.service.create_report("ke-hoach-khac-phuc", "2031")
    second = backups.take("dinh-ky")
    dialog = open_dialog(qtbot, window)
    listed = rows(dialog)
    assert [r[1] for r in listed] == ["Định kỳ khi soạn", "Khi mở"]
    assert [r[3] for r in listed] == ["4", "3"]
    assert listed[1][0].startswith(f"{first.taken_at:%H:%M}") and f"{first.taken_at:%d/%m/%Y}" in listed[1][0]
    assert listed[0][2].endswith("KB") and listed[0][2][:-3].isdigit()
    assert second.size // 1024 - 1 <= int(listed[0][2][:-3]) <= second.size // 1024 + 1
    # the newest is selected; its reports are listed by title
    titles = [dialog.reports.item(i).text() for i in range(dialog.reports.count())]
    assert len(titles) == 4 and any(t.startswith("Báo cáo kiểm điểm tập thể năm 2020") for t in titles)
    backups.close()


def test_a_report_of_a_backup_is_shown_as_it_was_then(qtbot, window, paths, told):
    report_id = window.service.list_reports()[0].id
    section = first_body_section(window.service, report_id)
    old_words = " ".join(section.body.plain.split()[:5])
    BackupService(window.db_path, paths).take("mo")
    window.service.update_section(section.id, body=RichText.from_markup("Nội dung viết sau khi sao lưu."))
    dialog = open_dialog(qtbot, window)
    click_row(qtbot, dialog.list, 0)
    row = next(i for i in range(dialog.reports.count()) if dialog.reports.item(i).data(Qt.ItemDataRole.UserRole)
               == report_id)
    click_row(qtbot, dialog.reports, row)
    text = " ".join(dialog.preview.toPlainText().split())
    assert old_words in text and "Nội dung viết sau khi sao lưu" not in text
    assert "trong bản sao lưu lúc" in dialog.preview_title.text()


def test_restoring_asks_backs_up_the_current_state_and_reloads_the_window(qtbot, window, paths, told):
    report_id = window.service.list_reports()[0].id
    section = first_body_section(window.service, report_id)
    original = section.body
    backups = BackupService(window.db_path, paths)
    taken = backups.take("mo")
    added = window.service.create_report("ke-hoach-khac-phuc", "2031")
    window.service.update_section(section.id, body=RichText.from_markup("Viết sau bản sao lưu."))
    window.attach_service(window.service)
    assert window.count_label.text() == "4 báo cáo"
    window.open_report(report_id)
    dialog = open_dialog(qtbot, window)
    click_row(qtbot, dialog.list, 0)
    told["answers"].append(True)
    qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    assert "Khôi phục “sample.sqlite” về bản sao lưu lúc" in told["confirm"][-1]
    assert dialog.restored == taken
    # the window shows the restored data: the list, the start page, and the report itself
    assert window.count_label.text() == "3 báo cáo" and window.stack.currentWidget() is window.start
    assert added.id not in {r.id for r in window.service.list_reports()}
    assert first_body_section(window.service, report_id).body == original
    assert "Đã khôi phục bản sao lưu lúc" in told["info"][-1]
    before = [b for b in backups.available() if b.reason == "truoc-khoi-phuc"]
    assert len(before) == 1 and f"{before[0].taken_at:%H:%M}" in told["info"][-1]
    assert added.id in {r.id for r in backups.reports(before[0])}  # the replaced state can come back
    backups.close()


def test_saying_no_restores_nothing(qtbot, window, paths, told):
    BackupService(window.db_path, paths).take("mo")
    window.service.create_report("ke-hoach-khac-phuc", "2031")
    before = _sha(window.db_path)
    dialog = open_dialog(qtbot, window)
    told["answers"].append(False)
    qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    assert dialog.restored is None and len(window.service.list_reports()) == 4
    assert _sha(window.db_path) == before
    assert [b.reason for b in BackupService(window.db_path, paths).available()] == ["mo"]


def test_a_read_only_database_can_be_browsed_not_restored(qtbot, window, paths, told):
    BackupService(window.db_path, paths).take("mo")
    window.read_only = "tệp chỉ cho phép đọc"
    dialog = open_dialog(qtbot, window)
    assert dialog.list.topLevelItemCount() == 1 and dialog.reports.count() == 3
    assert not dialog.restore_button.isEnabled()
    assert "chỉ đọc" in dialog.restore_button.toolTip()


def test_backing_up_now_adds_a_row(qtbot, window, told):
    dialog = open_dialog(qtbot, window)
    assert dialog.list.topLevelItemCount() == 0
    assert "Chưa có bản sao lưu nào" in dialog.preview_title.text()
    qtbot.mouseClick(dialog.take_button, Qt.MouseButton.LeftButton)
    assert [r[1] for r in rows(dialog)] == ["Sao lưu ngay"]
    qtbot.mouseClick(dialog.take_button, Qt.MouseButton.LeftButton)  # nothing changed since
    assert dialog.list.topLevelItemCount() == 1 and "không thay đổi" in told["info"][-1]


# --- the window's own backups -------------------------------------------------------------------------
def test_the_window_backs_up_at_open_and_then_only_when_the_file_changed(qtbot, window, paths, monkeypatch):
    scheduler = window.backups
    backups = BackupService(window.db_path, paths)
    scheduler._open_timer.start(0)
    qtbot.waitUntil(lambda: [b.reason for b in backups.available()] == ["mo"], timeout=10_000)
    qtbot.waitUntil(lambda: not scheduler.busy)
    assert scheduler.timer.isActive() and scheduler.timer.interval() == 15 * 60_000
    scheduler.timer.timeout.emit()   # 15 minutes later, nothing typed: no copy at all
    qtbot.waitUntil(lambda: not scheduler.busy)
    assert scheduler.last_result is None and len(backups.available()) == 1
    window.service.create_report("ke-hoach-khac-phuc", "2031")
    scheduler.timer.timeout.emit()
    qtbot.waitUntil(lambda: len(backups.available()) == 2, timeout=10_000)
    assert [b.reason for b in backups.available()] == ["dinh-ky", "mo"]
    qtbot.waitUntil(lambda: "Đã sao lưu lúc" in window.statusBar().currentMessage())


def test_the_interval_comes_from_the_settings(qtbot, sample_db, paths, monkeypatch):
    paths.settings_file.write_text("[backups]\ninterval_minutes=5\n", encoding="utf-8")
    make_application()
    service = ReportService.open(sample_db, paths, create=False)
    w = MainWindow(service, paths, QSettings(str(paths.settings_file), QSettings.Format.IniFormat))
    qtbot.addWidget(w)
    assert w.backups.timer.interval() == 5 * 60_000
    w.service.close()


def test_the_window_keeps_working_while_a_backup_runs(qtbot, window, monkeypatch):
    """The copy runs on a worker thread: the window handles its events while it lasts."""
    release = threading.Event()
    real = BackupService.take

    def slow(self, reason="dinh-ky"):
        release.wait(20)
        return real(self, reason)
    monkeypatch.setattr(BackupService, "take", slow)
    ticks = []
    assert window.backups.start("mo")
    assert window.backups.busy and not window.backups.start("dinh-ky")  # one at a time
    QTimer.singleShot(10, lambda: ticks.append("painted"))
    qtbot.waitUntil(lambda: ticks == ["painted"], timeout=2000)
    assert window.backups.busy
    release.set()
    qtbot.waitUntil(lambda: not window.backups.busy and window.backups.last_result is not None, timeout=10_000)


def test_a_backup_that_finds_the_database_damaged_says_so_once(qtbot, window, told, monkeypatch):
    from tudanhgia.services.backups import DamagedDatabase

    def damaged(self, reason="dinh-ky"):
        raise DamagedDatabase("Bản sao của “sample.sqlite” không qua được kiểm tra toàn vẹn: cơ sở dữ liệu có "
                              "thể đã bị hỏng. Các bản sao lưu cũ vẫn được giữ nguyên.")
    monkeypatch.setattr(BackupService, "take", damaged)
    told["answers"] += [False]
    window.backups.start("mo")
    qtbot.waitUntil(lambda: len(told["confirm"]) == 1, timeout=10_000)
    assert "có thể đã bị hỏng" in told["confirm"][0] and "Khôi phục từ bản sao lưu" in told["confirm"][0]
    window.backups.start("dinh-ky")
    qtbot.waitUntil(lambda: not window.backups.busy)
    QApplication.processEvents()
    assert len(told["confirm"]) == 1


def test_a_failed_backup_is_told_and_retried(qtbot, window, told, monkeypatch):
    from tudanhgia.services.backups import BackupFailed

    def full(self, reason="dinh-ky"):
        raise BackupFailed("Ổ đĩa chứa thư mục sao lưu không đủ chỗ trống. Các bản sao lưu cũ vẫn được giữ nguyên.")
    monkeypatch.setattr(BackupService, "take", full)
    window.backups.start("mo")
    qtbot.waitUntil(lambda: len(told["warn"]) == 1, timeout=10_000)
    assert "không đủ chỗ trống" in told["warn"][0] and "thử lại sau 15 phút" in told["warn"][0]
    assert "Chưa sao lưu được" in window.statusBar().currentMessage()


# --- a damaged file at open ------------------------------------------------------------------------------
def damage(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[4096 * 2:4096 * 5] = b"\x13" * (4096 * 3)
    path.write_bytes(bytes(data))


def test_a_damaged_database_at_start_up_is_replaced_by_the_newest_good_backup(qtbot, sample_db, paths, told):
    backups = BackupService(sample_db, paths)
    taken = backups.take("mo")
    damage(sample_db)
    damaged = _sha(sample_db)
    told["answers"].append(True)
    make_application()
    session = start_window(sample_db, paths, interactive=False)
    assert not isinstance(session, int)
    qtbot.addWidget(session.window)
    session.attach()
    try:
        question = told["confirm"][0]
        assert "bị hỏng" in question and f"{taken.taken_at:%H:%M} ngày {taken.taken_at:%d/%m/%Y}" in question
        assert "gồm 3 báo cáo" in question and "sample.hong-" in question
        assert session.window.count_label.text() == "3 báo cáo"
        [aside] = [p for p in sample_db.parent.iterdir() if p.name.startswith("sample.hong-")]
        assert _sha(aside) == damaged
        assert str(aside) in told["info"][-1]
    finally:
        session.close()


def test_declining_the_backup_leaves_the_damaged_file_and_opens_nothing(qtbot, sample_db, paths, told):
    BackupService(sample_db, paths).take("mo")
    damage(sample_db)
    before = _sha(sample_db)
    told["answers"].append(False)
    make_application()
    assert start_window(sample_db, paths, interactive=False) == 2
    assert _sha(sample_db) == before and len(told["confirm"]) == 1
    assert not [p for p in sample_db.parent.iterdir() if ".hong-" in p.name]


def test_without_a_backup_the_refusal_says_so(qtbot, sample_db, paths, told):
    damage(sample_db)
    make_application()
    assert start_window(sample_db, paths, interactive=False) == 2
    assert told["confirm"] == [] and "bị hỏng" in told["error"][0]
    assert "Chưa có bản sao lưu nào của tệp này" in told["error"][0]


def test_a_newer_database_is_refused_without_an_offer(qtbot, sample_db, paths, told):
    import sqlite3
    BackupService(sample_db, paths).take("mo")
    con = sqlite3.connect(sample_db)
    con.execute("UPDATE alembic_version SET version_num = '9999_future'")
    con.commit()
    con.close()
    before = _sha(sample_db)
    make_application()
    assert start_window(sample_db, paths, interactive=False) == 2
    assert told["confirm"] == [] and "mới hơn" in told["error"][0]
    assert _sha(sample_db) == before


def test_opening_another_damaged_database_offers_its_backup(qtbot, window, sample_db_master, tmp_path, paths, told,
                                                            monkeypatch):
    other = tmp_path / "khac.sqlite"
    other.write_bytes(sample_db_master.read_bytes())
    BackupService(other, paths).take("mo")
    damage(other)
    told["answers"].append(True)
    monkeypatch.setattr("tudanhgia.ui.file_dialogs.open_file_name", lambda *a, **k: (str(other), ""))
    window.act_other_db.trigger()
    assert "bị hỏng" in told["confirm"][0]
    assert window.db_path == other and len(window.service.list_reports()) == 3
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith("khac.hong-")]


def test_a_closed_window_takes_no_more_backups_and_shows_nothing(qtbot, window, told, monkeypatch):
    from tudanhgia.services.backups import BackupFailed
    assert window.backups.timer.isActive()
    window.close()
    assert not window.backups.timer.isActive() and not window.backups._open_timer.isActive()
    assert not window.backups.start("dinh-ky")
    window.backups.done.emit(BackupFailed("Không sao lưu được."))  # one that was running when it closed
    QApplication.processEvents()
    assert told["warn"] == [] and told["confirm"] == []


def test_a_vanished_database_is_told_in_vietnamese(qtbot, window, told, tmp_path):
    window.backups.backups.db_path = tmp_path / "da-rut-usb.sqlite"
    window.backups.start("dinh-ky")
    qtbot.waitUntil(lambda: len(told["warn"]) == 1, timeout=10_000)
    assert "Không sao lưu được “da-rut-usb.sqlite”" in told["warn"][0]
    assert "unable" not in told["warn"][0] and "giữ nguyên" in told["warn"][0]


def test_the_damaged_file_is_not_held_open_while_it_is_renamed(qtbot, sample_db, paths, told, monkeypatch):
    """Windows renames no file a handle keeps open: the window's own lock is given back first,
    and taken again on the restored file."""
    from tudanhgia.store.file_lock import lock_database_file
    BackupService(sample_db, paths).take("mo")
    damage(sample_db)
    free = []
    real = BackupService.replace_damaged

    def replace(self, backup):
        lock = lock_database_file(sample_db)
        free.append(lock is not None)
        if lock is not None:
            lock.unlock()
        return real(self, backup)
    monkeypatch.setattr(BackupService, "replace_damaged", replace)
    told["answers"].append(True)
    make_application()
    session = start_window(sample_db, paths, interactive=False)
    qtbot.addWidget(session.window)
    try:
        assert free == [True]
        assert lock_database_file(sample_db) is None  # the restored file is the window's again
    finally:
        session.close()


def test_a_damaged_file_another_window_edits_is_not_replaced_from_here(qtbot, sample_db, paths, told):
    from tudanhgia.store.file_lock import lock_database_file
    BackupService(sample_db, paths).take("mo")
    damage(sample_db)
    before = _sha(sample_db)
    other = lock_database_file(sample_db)  # another window has it open
    told["answers"].append(True)  # "Mở chỉ đọc"
    make_application()
    try:
        assert start_window(sample_db, paths, interactive=True) == 2
    finally:
        other.unlock()
    assert "cửa sổ Tự Đánh Giá khác" in told["error"][0] and _sha(sample_db) == before
    assert not [p for p in sample_db.parent.iterdir() if ".hong-" in p.name]
