"""A killed export's hidden temporary file (`.tudanhgia-tam/.<name>.<computer>-<pid>.xxxxxxxx.docx.tmp`
beside the target) is removed when the program next starts, for every folder the reports were exported
to (issue 11 point 10, gap E) — before, only when the officer exported into that same folder again.
It happens off the UI thread, with the backup at open; a file of an export still running (its process
alive) or not named as ours stays."""
from __future__ import annotations

import hashlib
import os
import socket
import subprocess
import sys

from PySide6.QtCore import QSettings

from tudanhgia.services import ReportService
from tudanhgia.services.export import export_docx
from tudanhgia.ui.app import make_application
from tudanhgia.ui.main_window import MainWindow


def _computer() -> str:
    """The computer's tag in a temporary file's name (the first 8 hex digits of its name's SHA-1)."""
    return hashlib.sha1(socket.gethostname().encode("utf-8", "replace")).hexdigest()[:8]


def _dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def _left_by_a_killed_export(folder, pid: int, name: str = "BC-bao-cao") -> object:
    hidden = folder / ".tudanhgia-tam"
    hidden.mkdir(exist_ok=True)
    tmp = hidden / f".{name}.{_computer()}-{pid}.ab12cd34.docx.tmp"
    tmp.write_bytes(b"PK\x03\x04 half a document")
    return tmp


def test_the_temporary_files_of_killed_exports_go_when_the_window_starts(qtbot, sample_db, tmp_path,
                                                                         user_data_dir):
    first, second, never = tmp_path / "gui-so", tmp_path / "luu-tru", tmp_path / "khac"
    for folder in (first, second, never):
        folder.mkdir()
    service = ReportService.open(sample_db, create=False)
    export_docx(service, 1, first / "bao-cao.docx")         # the export history names these two folders
    export_docx(service, 2, second / "bc-2.docx")
    killed = [_left_by_a_killed_export(first, _dead_pid()), _left_by_a_killed_export(second, _dead_pid())]
    running = _left_by_a_killed_export(first, os.getpid(), "dang-xuat")   # an export still under way
    foreign = first / ".tudanhgia-tam" / "ghi-chu.docx.tmp"                  # not named as ours
    foreign.write_bytes(b"x")
    elsewhere = _left_by_a_killed_export(never, _dead_pid())                 # no export went there

    make_application()
    w = MainWindow(service, settings=QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(w)
    w.show()
    qtbot.waitUntil(lambda: not any(p.exists() for p in killed), timeout=15_000)
    assert (second / ".tudanhgia-tam").exists() is False     # emptied, so removed too
    assert running.exists() and foreign.exists() and elsewhere.exists()
    assert sorted(p.name for p in first.iterdir()) == [".tudanhgia-tam", "bao-cao.docx"]
    w.close()
    service.close()


def test_the_backup_at_open_does_not_wait_for_the_export_folders(qtbot, sample_db, tmp_path, user_data_dir,
                                                                 monkeypatch):
    """A folder of the export history on a network share that is gone takes long to answer: the
    backup at open is taken first, and closing the window does not wait for the clean-up."""
    import threading

    from tudanhgia.services import files
    from tudanhgia.services.backups import BackupService

    release, cleaning = threading.Event(), threading.Event()

    def slow_share(db_path):
        cleaning.set()
        release.wait(30)       # a share that answers only when the test lets it
        return []

    monkeypatch.setattr(files, "remove_export_temps", slow_share)
    service = ReportService.open(sample_db, create=False)
    make_application()
    w = MainWindow(service, settings=QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(w)
    w.show()
    qtbot.waitUntil(lambda: [b.reason for b in BackupService(w.db_path, w.backups.paths).available()] == ["mo"],
                    timeout=15_000)
    assert cleaning.wait(5)          # the clean-up did start, after the backup
    w.close()
    w.backups.wait(5)                # closing waits for a backup, not for the share
    assert w.backups._thread is None or not w.backups._thread.is_alive()
    release.set()
    service.close()
