"""The first paint (issue 9, the frozen start-up): what the first frame does not show waits until
after it, and what it shows is the same as before.

- `after_first_paint` runs its work after the window's first paint event, once;
- the real start builds no enum of the Qt namespace before the window is shown (`from PySide6.QtCore
  import Qt` builds all ~90 of them, ~18 ms), and once it is running everything is in place: the
  list's own model, the text guards, the session-end handlers, every menu action with its keys;
- the first paint's list (Qt's own items) draws the very pixels the list's model draws after it;
- the Qt values set by number before the paint are the ones meant."""
from __future__ import annotations

import os
import subprocess
import sys

from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtWidgets import QLabel

from tudanhgia.ui.app import after_first_paint, make_application
from tudanhgia.ui.main_window import MainWindow


class Painted(QLabel):
    def __init__(self, seen: list[str]):
        super().__init__("Tự Đánh Giá")
        self.seen = seen

    def paintEvent(self, event) -> None:
        super().paintEvent(event)
        self.seen.append("paint")


def test_the_work_after_the_first_paint_runs_after_it_once(qtbot):
    make_application()
    seen: list[str] = []
    w = Painted(seen)
    qtbot.addWidget(w)
    after_first_paint(w, [lambda: seen.append("later")])
    w.show()
    QTimer.singleShot(0, lambda: seen.append("zero timer"))   # what ran there before: ahead of the paint
    qtbot.waitUntil(lambda: "later" in seen)
    assert seen.index("zero timer") < seen.index("paint") < seen.index("later"), seen
    w.update()
    qtbot.waitUntil(lambda: seen.count("paint") >= 2)
    qtbot.wait(20)
    assert seen.count("later") == 1


def test_one_failing_piece_of_work_stops_none_of_the_others(qtbot, monkeypatch):
    make_application()
    hooked: list[str] = []
    monkeypatch.setattr("sys.excepthook", lambda kind, exc, tb: hooked.append(str(exc)))
    seen: list[str] = []
    w = Painted(seen)
    qtbot.addWidget(w)

    def broken() -> None:
        raise RuntimeError("hỏng")
    after_first_paint(w, [broken, lambda: seen.append("later")])
    w.show()
    qtbot.waitUntil(lambda: "later" in seen)
    assert hooked == ["hỏng"]


def test_a_window_never_painted_still_gets_the_work(qtbot, monkeypatch):
    import tudanhgia.ui.app as app
    monkeypatch.setattr(app, "FIRST_PAINT_FALLBACK_MS", 30)
    make_application()
    seen: list[str] = []
    w = Painted(seen)
    qtbot.addWidget(w)
    after_first_paint(w, [lambda: seen.append("later")])   # never shown
    qtbot.waitUntil(lambda: "later" in seen, timeout=2000)
    assert "paint" not in seen


START = """
import os, sys
os.environ["TUDANHGIA_EXIT_AFTER_SHOW"] = "1"
import PySide6.QtCore as core
import tudanhgia.ui.app as app
seen = {}
report = app._report
def spy(marker):
    from PySide6.QtWidgets import QApplication
    qapp = QApplication.instance()
    window = next(w for w in QApplication.topLevelWidgets() if type(w).__name__ == "MainWindow")
    seen[marker] = {
        "qt_namespace": "Qt" in core.__dict__,
        "own_model": window.start.reports.model() is window.start.model,
        "guards": bool(getattr(qapp, "_text_guards", False)),
        "session_end": hasattr(qapp, "_session_end"),
        "keys": {name: getattr(window, name).shortcut().toString() for name in KEYS if hasattr(window, name)},
        # a shortcut works only for an action in a widget of the window (a menu, the toolbar, the window)
        "live": all(getattr(window, name).associatedObjects() for name in KEYS if hasattr(window, name)),
        "menus": [a.text() for a in window.menuBar().actions()],
        "edit": [a.text() for a in window.edit_menu.actions() if a.text()],
    }
    report(marker)
KEYS = ("act_home", "act_new", "act_save", "act_check", "act_print", "act_export", "act_quit", "act_undo", "act_redo",
        "act_board", "act_guide", "act_find", "act_replace", "act_find_next", "act_find_prev", "act_copy")
app._report = spy
from tudanhgia.cli import main
main(["--db", sys.argv[1], "--data-dir", sys.argv[2]])
print("SEEN", repr(seen))
"""


def start(db, data_dir) -> dict:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    out = subprocess.run([sys.executable, "-c", START, str(db), str(data_dir)],
                         capture_output=True, text=True, env=env, timeout=120)
    line = next((s for s in out.stdout.splitlines() if s.startswith("SEEN ")), None)
    assert line is not None, out.stdout + out.stderr
    import ast
    return ast.literal_eval(line[5:])


def test_the_real_start_paints_without_the_qt_namespace_and_then_has_everything(sample_db, tmp_path):
    seen = start(sample_db, tmp_path / "d")
    shown, painted, ready = seen["SHOWN"], seen["PAINTED"], seen["READY"]
    assert not shown["qt_namespace"] and not painted["qt_namespace"]
    assert not shown["own_model"] and not shown["guards"]   # the first frame's copy; the guards come after it
    assert ready["qt_namespace"] and ready["own_model"] and ready["guards"] and ready["session_end"]
    # the first frame shows the menus' titles; their lines and every key follow on the next turn of the
    # event loop, before anything the officer does can reach the window
    assert shown["menus"] == ready["menus"] == ["&Tệp", "&Sửa", "&Mục", "P&hiên bản", "&Công cụ", "Trợ &giúp"]
    assert ready["edit"][:2] == ["Hoàn tác", "Làm lại"] and "Tìm…" in ready["edit"]
    assert ready["live"]
    assert ready["keys"] == {
        "act_home": "Ctrl+L", "act_new": "Ctrl+N", "act_save": "Ctrl+S", "act_check": "F7", "act_print": "Ctrl+P",
        "act_export": "Ctrl+E", "act_quit": "Ctrl+Q", "act_undo": "Ctrl+Z", "act_redo": "Ctrl+Y", "act_board": "F8",
        "act_guide": "F1", "act_find": "Ctrl+F", "act_replace": "Ctrl+H", "act_find_next": "F3",
        "act_find_prev": "Shift+F3", "act_copy": "Ctrl+C"}


def catalog_window(qtbot, sample_db, tmp_path, first_frame: bool) -> MainWindow:
    from tudanhgia.store.catalog import read_catalog
    make_application()
    w = MainWindow(None, settings=QSettings(str(tmp_path / f"{first_frame}.ini"), QSettings.Format.IniFormat),
                   catalog=read_catalog(sample_db), db_path=sample_db, first_frame=first_frame)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    return w


def test_the_first_frame_s_list_looks_exactly_like_the_list_s_own_model(qtbot, sample_db, tmp_path):
    w = catalog_window(qtbot, sample_db, tmp_path, first_frame=True)
    page = w.start
    assert page.reports.model() is not page.model
    page.reports.setCurrentIndex(page.reports.model().index(2, 0))   # a report clicked in the first frame
    before = page.reports.grab().toImage()   # the list with its header (the search box's caret blinks)
    widths = [page.reports.header().sectionSize(i) for i in range(4)]
    selected = page.current_report_id()
    page.use_full_model()
    qtbot.wait(10)
    assert page.reports.model() is page.model
    assert [page.reports.header().sectionSize(i) for i in range(4)] == widths
    assert page.current_report_id() == selected is not None
    assert page.reports.grab().toImage() == before
    # and the same as a window that never had the copy
    other = catalog_window(qtbot, sample_db, tmp_path, first_frame=False)
    other.start.reports.setCurrentIndex(other.start.model.index(2, 0))
    assert other.start.reports.grab().toImage() == before


def test_the_values_set_by_number_are_qt_s_own(qtbot, sample_db, tmp_path):
    w = catalog_window(qtbot, sample_db, tmp_path, first_frame=True)
    toolbar = w.findChild(type(w.toolbar_nav), "main-toolbar")
    assert toolbar.toolButtonStyle() == Qt.ToolButtonStyle.ToolButtonTextOnly
    assert w.start.report_title.textFormat() == Qt.TextFormat.PlainText
    for banner in (w.read_only_banner, w.save_banner):
        assert banner.label.textFormat() == Qt.TextFormat.PlainText
        assert banner.label.textInteractionFlags() == Qt.TextInteractionFlag.TextSelectableByMouse
