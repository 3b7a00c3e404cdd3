"""The start page with thousands of reports: the list holds what is seen (a page, more as it is
scrolled), the search waits for a pause in the typing and runs once, a report far down the list
can still be selected, and the count says how many reports match. (Speed is bench/scale.py's.)"""
from __future__ import annotations

import sqlite3

import pytest
from PySide6.QtCore import QSettings

from qt_keys import type_text
from tudanhgia.services import ReportService
from tudanhgia.ui.app import make_application
from tudanhgia.ui.main_window import MainWindow
from tudanhgia.ui.start_page import PAGE

COPIES = 1500  # each sample report copied this many times: 4,503 reports


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
    calls = []
    real = window.service.list_reports
    monkeypatch.setattr(window.service, "list_reports", lambda **kw: calls.append(kw) or real(**kw))
    window.search.setFocus()
    type_text(window.search, "lt1234-")
    qtbot.waitUntil(lambda: window.count_label.text() == "3 báo cáo")
    assert len(calls) == 1 and calls[0]["text"] == "lt1234-"
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
