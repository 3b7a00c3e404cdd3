"""Which database the window opens: the welcome dialog on a real first run (empty or a copy of the
sample), the last used database, a vanished one, and --db, which always wins."""
import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt

from tudanhgia import cli, paths as paths_module
from tudanhgia.paths import AppPaths
from tudanhgia.ui import app as app_module
from tudanhgia.ui.app import make_application, start_window
from tudanhgia.ui.welcome import LAST_DB_KEY, WelcomeDialog

ROOT = Path(__file__).resolve().parents[2]


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def shipped(sample_db_master, tmp_path, monkeypatch) -> Path:
    """The sample as an installation ships it (a folder of its own, as inside the bundle)."""
    install = tmp_path / "install" / "sample_db"
    install.mkdir(parents=True)
    target = install / "sample.sqlite"
    target.write_bytes(sample_db_master.read_bytes())
    monkeypatch.setattr("tudanhgia.ui.welcome.shipped_sample_db", lambda: target)
    return target


@pytest.fixture
def welcome(monkeypatch, qtbot):
    """Answers the welcome dialog by clicking one of its buttons; records every dialog shown."""
    shown: list[WelcomeDialog] = []
    answer = {"button": "empty_button"}

    def exec_(self):
        shown.append(self)
        qtbot.addWidget(self)
        button = getattr(self, answer["button"])
        if button.isEnabled():
            qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        return self.result()
    monkeypatch.setattr(WelcomeDialog, "exec", exec_)
    return {"shown": shown, "answer": answer}


def start(qtbot, db=None, interactive=True):
    make_application()
    paths = AppPaths.default()
    session = start_window(db, paths, interactive=interactive)
    assert not isinstance(session, int)
    qtbot.addWidget(session.window)
    session.attach()
    return session


def settings(paths: AppPaths) -> QSettings:
    return QSettings(str(paths.settings_file), QSettings.Format.IniFormat)


def test_first_run_offers_empty_or_sample_and_empty_creates_the_default(qtbot, welcome, shipped, said):
    session = start(qtbot)
    try:
        assert len(welcome["shown"]) == 1
        dialog = welcome["shown"][0]
        assert dialog.sample_button.isEnabled()
        assert "Quảng Ngãi" in dialog.sample_button.description()
        paths = AppPaths.default()
        assert session.window.db_path == paths.database and paths.database.exists()
        assert session.window.service.list_reports() == []
        assert "tudanhgia.sqlite" in session.window.windowTitle()
    finally:
        session.close()
    # the second start: no welcome, the same database
    session = start(qtbot)
    try:
        assert len(welcome["shown"]) == 1
        assert session.window.db_path == paths.database
    finally:
        session.close()


def test_choosing_the_sample_opens_a_byte_identical_copy_in_the_data_dir(qtbot, welcome, shipped, said):
    before = (digest(shipped), shipped.stat().st_mtime_ns)
    welcome["answer"]["button"] = "sample_button"
    session = start(qtbot)
    paths = AppPaths.default()
    copy = paths.data_dir / "du-lieu-mau.sqlite"
    try:
        assert session.window.db_path == copy
        assert len(session.window.service.list_reports()) == 3
        assert "du-lieu-mau.sqlite" in session.window.windowTitle()
    finally:
        session.close()
    assert (digest(shipped), shipped.stat().st_mtime_ns) == before  # the installation is never written
    assert not Path(f"{shipped}-wal").exists()
    assert settings(paths).value(LAST_DB_KEY) == str(copy)


def test_an_existing_sample_copy_is_replaced_only_when_the_officer_agrees(qtbot, welcome, shipped, said,
                                                                          sample_db_master):
    paths = AppPaths.default().ensure()
    copy = paths.sample_copy
    copy.write_bytes(b"officer's edited copy")
    Path(f"{copy}-wal").write_bytes(b"stale log")  # would be replayed into the new copy
    welcome["answer"]["button"] = "sample_button"
    said["answers"] = [False]
    from tudanhgia.ui.welcome import start_database
    assert start_database(None, paths, settings(paths)) == copy
    assert copy.read_bytes() == b"officer's edited copy" and len(said["confirm"]) == 1
    said["answers"] = [True]
    assert start_database(None, paths, settings(paths)) == copy
    assert digest(copy) == digest(shipped) and not Path(f"{copy}-wal").exists()


def test_without_a_shipped_sample_only_the_empty_start_is_offered(qtbot, welcome, monkeypatch, tmp_path, said):
    monkeypatch.setattr("tudanhgia.ui.welcome.shipped_sample_db", lambda: tmp_path / "missing.sqlite")
    welcome["answer"]["button"] = "sample_button"  # disabled: the click does nothing, closing = empty
    session = start(qtbot)
    try:
        assert not welcome["shown"][0].sample_button.isEnabled()
        assert session.window.db_path == AppPaths.default().database
    finally:
        session.close()


def test_the_last_used_database_is_reopened(qtbot, welcome, sample_db, said):
    session = start(qtbot, db=sample_db)  # e.g. opened with --db, or File ▸ Mở cơ sở dữ liệu khác…
    session.close()
    session = start(qtbot)
    try:
        assert session.window.db_path == sample_db
        assert welcome["shown"] == [] and said["warn"] == []
        assert "sample.sqlite" in session.window.windowTitle()
    finally:
        session.close()


def test_opening_another_database_from_the_menu_is_remembered(qtbot, welcome, sample_db, said, monkeypatch):
    session = start(qtbot)
    try:
        w = session.window
        monkeypatch.setattr("tudanhgia.ui.file_dialogs.open_file_name",
                            lambda *a, **k: (str(sample_db), ""))
        w.act_other_db.trigger()
        assert w.db_path == sample_db and "sample.sqlite" in w.windowTitle()
        assert len(w.service.list_reports()) == 3
        w.service.close()
    finally:
        session.close()
    assert settings(AppPaths.default()).value(LAST_DB_KEY) == str(sample_db)


def test_the_database_lock_moves_with_the_window_to_another_database(qtbot, welcome, sample_db, said, monkeypatch):
    """"Mở cơ sở dữ liệu khác…" takes the new file's lock (refusing a file another window has
    open) and gives the old one back: a second window can then open the first database, never
    the one this window is on."""
    from tudanhgia.ui.db_lock import lock_database
    paths = AppPaths.default()
    session = start(qtbot)
    first = session.window.db_path
    try:
        w = session.window
        monkeypatch.setattr("tudanhgia.ui.file_dialogs.open_file_name",
                            lambda *a, **k: (str(sample_db), ""))
        other_window = lock_database(sample_db, paths)       # another window has the sample open
        assert other_window is not None
        said["answers"].append(False)                          # offered read-only: "Hủy"
        w.act_other_db.trigger()
        assert "chế độ chỉ đọc" in said["confirm"][-1] and w.db_path == first   # still on the first
        other_window.unlock()
        w.act_other_db.trigger()
        assert w.db_path == sample_db and len(w.service.list_reports()) == 3
        assert lock_database(sample_db, paths) is None        # now this window holds it
        again = lock_database(first, paths)                   # and gave the first one back
        assert again is not None
        again.unlock()
    finally:
        session.close()
    released = lock_database(sample_db, paths)                # closing gives the lock back
    assert released is not None
    released.unlock()


def test_after_choosing_the_sample_a_new_empty_database_can_be_made_and_is_reopened(qtbot, welcome, shipped,
                                                                                    said, monkeypatch):
    """The sample copy is remembered, so the officer needs a way to their unit's own, empty data:
    Tệp ▸ Tạo cơ sở dữ liệu mới… makes one (never over an existing file), opens it, and the next
    start reopens it."""
    welcome["answer"]["button"] = "sample_button"
    paths = AppPaths.default()
    session = start(qtbot)
    try:
        w = session.window
        assert w.db_path.name == "du-lieu-mau.sqlite" and len(w.service.list_reports()) == 3
        assert w.act_new_db in next(a.menu() for a in w.menuBar().actions() if a.text() == "&Tệp").actions()
        offered = []
        monkeypatch.setattr("tudanhgia.ui.file_dialogs.save_file_name",
                            lambda parent, caption, where, *a: offered.append(where) or (where, ""))
        w.act_new_db.trigger()
        assert offered == [str(paths.database)]              # the default place, which is still free
        assert w.db_path == paths.database and w.service.list_reports() == []
        assert "tudanhgia.sqlite" in w.windowTitle()
        before = hashlib.sha256(paths.database.read_bytes()).hexdigest()
        monkeypatch.setattr("tudanhgia.ui.file_dialogs.save_file_name",
                            lambda *a: (str(w.db_path.with_name("du-lieu-mau.sqlite")), ""))
        w.act_new_db.trigger()                                # an existing file: refused, untouched
        assert any("đã có" in text for text in said["warn"]) and w.db_path == paths.database
        assert len(reports_in(w.db_path.with_name("du-lieu-mau.sqlite"))) == 3
        assert hashlib.sha256(paths.database.read_bytes()).hexdigest() == before
    finally:
        session.close()
    assert settings(paths).value(LAST_DB_KEY) == str(paths.database)


def reports_in(path):
    from tudanhgia.services import ReportService
    service = ReportService.open(path, create=False)
    try:
        return service.list_reports()
    finally:
        service.close()


def test_a_vanished_last_database_falls_back_to_the_default_with_a_message(qtbot, welcome, sample_db, said):
    session = start(qtbot, db=sample_db)
    session.close()
    sample_db.unlink()
    session = start(qtbot)
    try:
        paths = AppPaths.default()
        assert session.window.db_path == paths.database
        assert len(said["warn"]) == 1 and str(sample_db) in said["warn"][0]
        assert "Không tìm thấy cơ sở dữ liệu dùng lần trước" in said["warn"][0]
        assert welcome["shown"] == []  # not a first run: the officer has used the program
    finally:
        session.close()
    assert settings(paths).value(LAST_DB_KEY) == str(paths.database)


def test_db_on_the_command_line_always_wins(qtbot, welcome, sample_db, tmp_path, said, monkeypatch):
    other = tmp_path / "other.sqlite"
    other.write_bytes(sample_db.read_bytes())
    session = start(qtbot, db=other)
    session.close()
    session = start(qtbot, db=sample_db)
    try:
        assert session.window.db_path == sample_db and welcome["shown"] == []
    finally:
        session.close()
    # and the command line hands --db (or nothing) to the window unchanged
    calls = []
    monkeypatch.setattr(app_module, "run_app", lambda db, paths: calls.append(db) or 0)
    assert cli.main(["--db", str(other)]) == 0 and cli.main([]) == 0
    assert calls == [other, None]


def test_fresh_start_without_interaction_never_asks(qtbot, welcome, shipped, said):
    session = start(qtbot, interactive=False)
    try:
        assert welcome["shown"] == [] and session.window.db_path == AppPaths.default().database
    finally:
        session.close()


def test_the_window_and_its_dialogs_carry_the_application_icon(qtbot):
    app = make_application()
    assert not app.windowIcon().isNull()
    assert {16, 32, 256} <= {s.width() for s in app.windowIcon().availableSizes()}
    assert (paths_module.resources_dir() / "icons" / "tudanhgia.ico").is_file()


def test_report_works_without_the_resource_module(monkeypatch, capsys):
    monkeypatch.setitem(sys.modules, "resource", None)  # as on Windows
    app_module._report("SHOWN")
    marker, when, peak, now = capsys.readouterr().out.split()
    assert marker == "SHOWN" and float(when) > 0 and int(peak) >= 0 and int(now) >= 0


def test_exit_after_show_on_a_fresh_data_dir_starts_without_any_dialog(tmp_path):
    """The smoke test of the installer: no --db, a fresh data folder, no `resource` module."""
    data = tmp_path / "fresh"
    code = ("import sys\nsys.modules['resource'] = None\n"
            "from tudanhgia.cli import main\nsys.exit(main())\n")
    env = dict(os.environ, TUDANHGIA_EXIT_AFTER_SHOW="1", TUDANHGIA_DATA_DIR=str(data), QT_QPA_PLATFORM="offscreen")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=ROOT,
                          timeout=60)
    assert proc.returncode == 0, proc.stderr[-2000:]
    lines = [line.split() for line in proc.stdout.splitlines()]
    assert [parts[0] for parts in lines] == ["SHOWN", "PAINTED", "READY"]   # PAINTED: after the first paint
    assert all(len(parts) == 4 for parts in lines)
    assert (data / "tudanhgia.sqlite").is_file()
