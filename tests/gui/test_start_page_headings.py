"""The list of reports on a small screen (issue 13 point 7): a unit's heading line runs across the
whole list, also in pages fetched as the officer scrolls down, and the filters read whole."""
from __future__ import annotations

import dataclasses

from PySide6.QtCore import QModelIndex

from test_main_window import make_window
from tudanhgia.ui.start_page import PAGE


def spanned_rows(page) -> list[int]:
    return [row for row in range(page.model.rowCount())
            if page.reports.isFirstColumnSpanned(row, QModelIndex())]


def test_a_units_heading_runs_across_the_list(qtbot, sample_service, tmp_path):
    w = make_window(qtbot, sample_service, tmp_path)
    page = w.start
    headings = [row for row in range(page.model.rowCount()) if page.model.report_at(row) is None]
    assert headings == [0]                                   # one unit, three reports
    assert spanned_rows(page) == [0]
    for text in ("không có chữ này", ""):                     # each search makes the list again
        page.search.setText(text)
        page.apply_search_now()
    assert page.model.rowCount() == 4 and spanned_rows(page) == [0]


def test_headings_in_pages_fetched_later_run_across_too(qtbot, sample_service, tmp_path):
    w = make_window(qtbot, sample_service, tmp_path)
    page = w.start
    base = sample_service.list_reports()[0]
    # 150 units of 3 reports: 600 lines, three pages
    many = [dataclasses.replace(base, id=1000 + n, unit_name=f"UBND xã số {n // 3:03d}") for n in range(450)]
    page._show(many)
    assert page.model.rowCount() < 600
    while page.model.canFetchMore(QModelIndex()):              # scrolled to the end, a page at a time
        page.model.fetchMore(QModelIndex())
    assert page.model.rowCount() == 600 and 600 % PAGE == 0
    assert spanned_rows(page) == list(range(0, 600, 4))


def test_the_filters_first_lines_are_short_and_their_lists_show_every_line_whole(qtbot, sample_service,
                                                                                  tmp_path):
    w = make_window(qtbot, sample_service, tmp_path)
    page = w.start
    assert [c.itemText(0) for c in (page.unit_filter, page.kind_filter, page.period_filter)] == [
        "Mọi đơn vị", "Mọi loại", "Mọi kỳ"]
    kinds = page.kind_filter
    metrics = kinds.view().fontMetrics()
    longest = max(metrics.horizontalAdvance(kinds.itemText(i)) for i in range(kinds.count()))
    assert kinds.view().minimumWidth() >= longest
    kinds.setCurrentIndex(kinds.count() - 1)
    assert kinds.toolTip() == kinds.itemText(kinds.count() - 1)   # the name cut in the box, whole
