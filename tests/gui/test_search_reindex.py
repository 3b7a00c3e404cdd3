"""A long section's search-index row is brought up to date by the window after a pause in typing,
off the UI thread (ui/reindex.py, store/search.py): the officer's typing write of a 1 MB body does
not re-index it, and the report list then finds the words typed at its end; a key typed while a
re-index runs stops it (the key's write must not wait for it)."""
from __future__ import annotations

import sqlite3
import threading

from PySide6.QtCore import QSettings

from tudanhgia.store import search
from tudanhgia.ui import reindex
from tudanhgia.ui.app import make_application
from tudanhgia.ui.main_window import MainWindow
from qt_keys import type_text
from test_long_section_typing import big_body


def _stale(path) -> int:
    con = sqlite3.connect(path)
    try:
        return con.execute(f"SELECT count(*) FROM {search.STALE}").fetchone()[0]
    finally:
        con.close()


def _found(path, words: str) -> set[int]:
    con = sqlite3.connect(path)   # the index as it is (the report list would re-index first)
    try:
        return search.reports_matching(con, search.Query.parse(words))
    finally:
        con.close()


def _typing_in_a_long_section(qtbot, service, tmp_path):
    """A window on report 1 with a 1 MB section (the index in step), its body focused at the end."""
    report = service.get_report(1)
    section = [s for s in report.walk() if not s.children and s.body.plain][3]
    service.update_section(section.id, body=big_body())
    service.reindex_search()
    make_application()
    w = MainWindow(service, settings=QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(w)
    w.show()
    w.open_report(1)
    w.editor.select(section.id)
    edit = w.editor.page.editor
    edit.setFocus()
    edit.moveCursor(edit.textCursor().MoveOperation.End)
    return w, section, edit


def test_a_pause_in_typing_reindexes_the_long_section(qtbot, sample_service, tmp_path, monkeypatch):
    monkeypatch.setattr(reindex, "REINDEX_PAUSE_MS", 300)
    _, section, edit = _typing_in_a_long_section(qtbot, sample_service, tmp_path)
    path = sample_service.db.path
    type_text(edit, " Xquyettam")
    # written (the autosave), not re-indexed by that write
    qtbot.waitUntil(lambda: "Xquyettam" in sample_service.get_report(1).find(section.id).body.plain, timeout=3000)
    assert _stale(path) == 1 and _found(path, "xquyettam") == set()
    # the pause: re-indexed on a worker thread, the UI free meanwhile
    qtbot.waitUntil(lambda: _stale(path) == 0, timeout=5000)
    assert _found(path, "xquyettam") == {1}


def test_a_key_stops_a_reindex_under_way(qtbot, sample_service, tmp_path, monkeypatch):
    monkeypatch.setattr(reindex, "REINDEX_PAUSE_MS", 60_000)   # only the one started here
    w, _, edit = _typing_in_a_long_section(qtbot, sample_service, tmp_path)
    type_text(edit, "a")
    qtbot.waitUntil(lambda: _stale(sample_service.db.path) == 1, timeout=3000)
    started = []
    real = sample_service.search_reindexer

    def watched():
        refresh = real()
        started.append(refresh)
        return refresh
    monkeypatch.setattr(sample_service, "search_reindexer", watched)
    # the re-index holds its connection when the key comes (on a fast machine it could otherwise end
    # before the key: nothing left to stop)
    entered, go = threading.Event(), threading.Event()
    real_refresh = search.refresh_stale

    def held(con, stop=None):
        entered.set()
        go.wait(10)
        return real_refresh(con, stop)
    monkeypatch.setattr(search, "refresh_stale", held)
    reindex.start(sample_service)
    assert entered.wait(10)
    type_text(edit, "b")
    go.set()
    assert started and started[0].cancelled
    started[0].wait()
    assert _stale(sample_service.db.path) == 1   # stopped: the section waits for the next pause
    w.close()


def test_closing_the_report_reindexes_it(qtbot, sample_service, tmp_path, monkeypatch):
    monkeypatch.setattr(reindex, "REINDEX_PAUSE_MS", 60_000)
    w, section, edit = _typing_in_a_long_section(qtbot, sample_service, tmp_path)
    path = sample_service.db.path
    type_text(edit, " Xdoanket")
    w.show_start()
    assert "Xdoanket" in sample_service.get_report(1).find(section.id).body.plain   # flushed at close
    qtbot.waitUntil(lambda: _stale(path) == 0, timeout=5000)
    assert _found(path, "xdoanket") == {1}
