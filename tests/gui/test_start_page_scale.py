"""The start page with thousands of reports: the list holds what is seen (a page, more as it is
scrolled), the search waits for a pause in the typing and runs once, a report far down the list
can still be selected, and the count says how many reports match. (Speed is bench/scale.py's.)"""
from __future__ import annotations

import os
import sqlite3

import pytest
from PySide6.QtCore import QSettings

from qt_keys import type_text
from tudanhgia.services import ReportService
from tudanhgia.ui.app import make_application
from tudanhgia.ui.main_window import MainWindow
from tudanhgia.ui.start_page import PAGE

COPIES = 1500  # each sample report copied this many times: 4,503 reports

# Run in a process of its own (test_start_page_scale_isolated.py): in the whole suite the process
# has crashed (SIGSEGV) while Qt deleted a window of this file at the next test's setup — a defect
# not yet found (session note), which must not take the rest of the suite down with it.
pytestmark = pytest.mark.skipif(not os.environ.get("TUDANHGIA_ISOLATED"),
                                reason="run in its own process by test_start_page_scale_isolated.py")


@pytest.fixture(scope="module")
def big_db(sample_db_master, tmp_path_factory):
    """The sample database with every report copied (in SQL: through the services this takes
    minutes) to other units and years; copy k of report r gets 'Mã lưu trữ LT{k}-{r}' in its text."""
    db = tmp_path_factory.mktemp("big") / "big.sqlite"
    db.write_bytes(sample_db_master.read_bytes())
    con = sqlite3.connect(db)
    report_cols = [r[1] for r in con.execute("PRAGMA table_info(report)") if r[1] != "id"]
    section_cols = [r[1] for r in con.execute("PRAGMA table_info(section)") if r[1] not in ("id", "report_id")]
    for i in range(1, 21):
        con.execute("INSERT INTO unit_profile (name, parent_agency, issuing_agency, abbreviation, place, "
                    "recipients_json, signer_authority, signer_authority_position, signer_position, signer_name, "
                    "archive) VALUES (?, '', '', '', '', '[]', '', '', '', '', 'VT')", (f"Đơn vị số {i:02d}",))
    cols = ", ".join(report_cols)
    unit = "'Đơn vị số ' || printf('%02d', 1 + (k % 20))"
    picked = ", ".join({"unit_name": unit, "unit_id": f"(SELECT id FROM unit_profile WHERE name = {unit})",
                        "period": "CAST(2000 + (k % 25) AS TEXT)", "period_year": "2000 + (k % 25)"}.get(c, c)
                       for c in report_cols)
    sources = [r[0] for r in con.execute("SELECT id FROM report")]
    scols = ", ".join(section_cols)
    for source in sources:
        for k in range(1, COPIES + 1):
            new = con.execute(f"INSERT INTO report ({cols}) SELECT {picked} FROM (SELECT ? AS k) JOIN report "
                              "WHERE id = ?", (k, source)).lastrowid
            con.execute(f"INSERT INTO section (report_id, {scols}) SELECT ?, {scols} FROM section "
                        "WHERE report_id = ? AND parent_id IS NULL", (new, source))
            con.execute("INSERT INTO section (report_id, position, heading, body_json, optional, fixed, "
                        "content_label, measure_label, guidance_json) VALUES (?, 99, ?, '', 0, 0, '', '', '')",
                        (new, f"Mã lưu trữ LT{k}-{source}"))
    con.commit()
    con.close()
    return db


@pytest.fixture
def window(qtbot, big_db, tmp_path):
    make_application()
    service = ReportService.open(big_db, create=False)
    w = MainWindow(service, settings=QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    yield w
    w.close()
    service.close()


def reports_in_view(w) -> int:
    model = w.start.model
    return sum(1 for row in range(model.rowCount()) if not model.is_heading(row))


def test_the_list_holds_a_page_and_more_as_it_is_scrolled(window, qtbot):
    total = 3 * (COPIES + 1)
    assert window.count_label.text() == f"{total} báo cáo"
    fetched = window.start.model.rowCount()
    assert fetched <= 2 * PAGE  # a page or two (Qt asks for one more as the view first lays out), not thousands
    assert window.start.model.index(0, 0).data() in {f"Đơn vị số {i:02d}" for i in range(1, 21)}
    bar = window.reports.verticalScrollBar()
    for _ in range(3):
        before = window.start.model.rowCount()
        bar.setValue(bar.maximum())
        qtbot.waitUntil(lambda: window.start.model.rowCount() == before + PAGE)  # noqa: B023
    assert window.start.model.rowCount() == fetched + 3 * PAGE < total
    assert len(window.start.shown_titles()) == total  # what scrolling to the end would show


def test_typing_searches_once_when_the_typing_pauses(window, qtbot, monkeypatch):
    asked = []   # the searches handed to the page's search thread
    worker = window.start._searches
    real = worker.submit
    monkeypatch.setattr(worker, "submit", lambda *args: asked.append(args[2]) or real(*args))
    window.search.setFocus()
    type_text(window.search, "lt1234-")
    qtbot.waitUntil(lambda: window.count_label.text() == "3 báo cáo")
    # one search when the typing pauses; a loaded machine may pause mid-word once, never at every key
    assert asked[-1] == "lt1234-" and len(asked) <= 2 and 1 <= worker.searches <= len(asked)
    titles = window.start.shown_titles()
    assert len(titles) == 3 and reports_in_view(window) == 3


def test_a_search_without_marks_and_a_report_far_down(window, qtbot):
    window.search.setText("ma luu tru lt777")  # "Mã lưu trữ LT777-…", and LT7770 … LT7779 do not exist
    window.start.apply_search_now()
    assert window.count_label.text() == "3 báo cáo"
    window.search.setText("")
    window.start.apply_search_now()
    far = window.service.list_reports()[-1]
    window.start.select_report(far.id)  # beyond the first page: it is brought into the view
    assert window.start.current_report_id() == far.id
    assert window.report_title.text() == far.title
    window.search.setText(f"lt{COPIES}")  # the selected report is among the results: still selected
    window.start.apply_search_now()
    assert window.start.current_report_id() in {r.id for r in window.service.list_reports(text=f"lt{COPIES}")}


def test_filters_and_show_all(window):
    window.unit_filter.setCurrentIndex(window.unit_filter.findText("Đơn vị số 07"))
    shown = window.start.shown_titles()
    expected = [r.title for r in window.service.list_reports() if r.unit_name == "Đơn vị số 07"]
    assert shown == expected and window.count_label.text() == f"{len(expected)} báo cáo"
    assert window.start.model.headings() == ["Đơn vị số 07"]
    window.unit_filter.setCurrentIndex(0)
    assert window.count_label.text() == f"{3 * (COPIES + 1)} báo cáo"


def test_a_search_that_finds_nothing_says_so(window):
    window.search.setText("chữ không có ở đâu")
    window.start.apply_search_now()
    assert window.count_label.text() == "0 báo cáo"
    assert window.report_title.text() == "Không có báo cáo nào có “chữ không có ở đâu”."
    assert "không dấu" in window.report_info.text()
    window.search.setText("")
    window.start.apply_search_now()
    window.unit_filter.setCurrentIndex(window.unit_filter.findText("Đơn vị số 07"))
    window.period_filter.setCurrentIndex(window.period_filter.findData("2002"))  # unit 07 has no 2002 copy
    assert window.count_label.text() == "0 báo cáo"
    assert window.report_title.text() == "Không có báo cáo nào phù hợp với bộ lọc đã chọn."


# --- the first paint's lines, and the search off the UI thread ------------------------------------------
def rows_of(w, n: int) -> list[str]:
    model = w.start.model
    return [model.index(r, 0).data() for r in range(n)]


@pytest.mark.parametrize("first", [PAGE, 3 * 225 + 10])   # one unit's reports, then four units'
def test_the_first_paint_shows_the_first_lines_of_the_whole_list(qtbot, big_db, tmp_path, first):
    """Painted from a few LIMITed queries, the top of the list is what the whole list shows there:
    units in the order of their newest report, each with its reports in list order."""
    from tudanhgia.store.catalog import read_catalog
    make_application()
    catalog = read_catalog(big_db, first=first)
    w = MainWindow(None, settings=QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat), catalog=catalog,
                   db_path=big_db)
    qtbot.addWidget(w)
    w.show()
    total = 3 * (COPIES + 1)
    assert len(catalog.reports) == first and w.count_label.text() == f"{total} báo cáo"
    # every year of the database in the filter (the copies' 2000-2024 hold the samples' own years)
    assert [w.period_filter.itemData(i) for i in range(1, w.period_filter.count())] == \
        [str(y) for y in range(2024, 1999, -1)]
    w.start.model._fetch_to(10 ** 6)   # every line the paint holds (the view fetched a page)
    painted = rows_of(w, w.start.model.rowCount())
    service = ReportService.open(big_db, create=False)
    try:
        w.attach_service(service)
        w.start.model._fetch_to(len(painted))
        assert rows_of(w, len(painted)) == painted
        assert len(painted) > first   # the unit headings among them
    finally:
        service.close()


def expected_titles(w, text: str) -> list[str]:
    return [r.title for r in w.service.list_reports(text=text)]


def test_a_search_answered_after_more_typing_is_dropped(window, qtbot, monkeypatch):
    import threading

    from tudanhgia.store import catalog
    real = catalog.Searcher.search
    running, gate = threading.Event(), threading.Event()

    def search(self, text, rows):
        if text == "lt1":   # the first key's search answers only once more has been typed
            running.set()
            gate.wait(10)
        return real(self, text, rows)
    monkeypatch.setattr(catalog.Searcher, "search", search)
    shown = []
    window.start.model.modelReset.connect(lambda: shown.append((window.search.text(), window.start.shown_titles())))
    window.search.setText("lt1")
    window.start._refilter()   # the typing pause over: the search goes to the worker
    assert running.wait(10)
    window.search.setText("lt1234-")
    window.start._refilter()
    gate.set()
    worker = window.start._searches
    qtbot.waitUntil(lambda: worker.searches == 2)
    qtbot.waitUntil(lambda: window.count_label.text() == "3 báo cáo")
    qtbot.wait(100)   # both answers delivered by now
    assert shown and all(titles == expected_titles(window, text) for text, titles in shown)
    assert window.start.shown_titles() == expected_titles(window, "lt1234-")


def test_typing_goes_on_while_a_search_runs(window, qtbot, monkeypatch):
    import threading
    import time

    from tudanhgia.store import catalog
    real = catalog.Searcher.search
    running, gate = threading.Event(), threading.Event()

    def search(self, text, rows):   # an index query that takes as long as the test wants
        running.set()
        gate.wait(10)
        return real(self, text, rows)
    monkeypatch.setattr(catalog.Searcher, "search", search)
    window.search.setFocus()
    started = time.monotonic()
    window.search.setText("lt1")
    window.start._refilter()
    assert running.wait(5)
    type_text(window.search, "234-")   # the keys reach the box while the search still runs
    qtbot.wait(10)
    assert window.search.text() == "lt1234-" and time.monotonic() - started < 5
    gate.set()
    qtbot.waitUntil(lambda: window.count_label.text() == "3 báo cáo")
    assert window.start.shown_titles() == expected_titles(window, "lt1234-")


def test_answers_reach_the_page_on_the_ui_thread_and_a_closed_page_gets_none(window, qtbot, monkeypatch):
    """The search thread touches no Qt object: an answer is emitted on the UI thread (a signal
    emitted from the thread raced with the page's deletion and crashed the suite), and a page
    deleted while its search runs is never called."""
    import threading

    from tudanhgia.store import catalog
    from tudanhgia.ui.search_worker import SearchWorker
    real = catalog.Searcher.search
    running, gate = threading.Event(), threading.Event()

    def search(self, text, rows):
        running.set()
        gate.wait(10)
        return real(self, text, rows)
    monkeypatch.setattr(catalog.Searcher, "search", search)
    threads = []
    worker = window.start._searches
    from PySide6.QtCore import Qt
    # a direct connection runs where the signal is emitted: it must be the UI thread
    worker.found.connect(lambda _answer: threads.append(threading.current_thread()),
                         Qt.ConnectionType.DirectConnection)
    window.search.setText("lt1")
    window.start._refilter()
    assert running.wait(10)
    gate.set()
    qtbot.waitUntil(lambda: bool(threads))
    assert threads == [threading.main_thread()]

    # a worker whose owner is deleted mid-search: its answer is dropped, nothing crashes
    from PySide6.QtWidgets import QWidget
    owner = QWidget()
    lone = SearchWorker(owner)
    got = []
    lone.found.connect(lambda answer: got.append(answer))
    running.clear()
    gate.clear()
    lone.submit(1, window.service.db.path, "lt1", window.service.list_reports())
    assert running.wait(10)
    owner.deleteLater()
    qtbot.wait(50)
    gate.set()
    qtbot.wait(200)
    assert got == []
