"""Issue 13 point 9: a measure cell being edited is saved by the same autosave as the body — after
the typing pause with the cell still open, and at once by any action (Ctrl+S, a section switch)."""
from __future__ import annotations


from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from qt_keys import type_text
from test_find_replace import open_window, stored
from tudanhgia.ui.measures import COL_MEASURE, CellTextEditor


def first_measure_text(service) -> str:
    return stored(service, 2).limitations[0].measures[0].measure.plain


def test_point9_a_measure_cell_is_saved_by_the_same_autosave_as_the_body(qtbot, sample_service, tmp_path):
    w = open_window(qtbot, sample_service, tmp_path, report_id=2)
    qtbot.wait(600)   # the offscreen platform deactivates a new window once, closing an open cell editor
    before = first_measure_text(sample_service)
    panel = w.editor.panels["limitations"]
    w.editor.tabs.setCurrentWidget(panel)
    table = panel.measures
    index = table.model.index(0, COL_MEASURE)
    table.view.setCurrentIndex(index)
    table.view.setFocus()
    QTest.keyClick(table.view, Qt.Key.Key_F2)                     # edit the cell, as the officer does
    cell = next(e for e in table.view.viewport().findChildren(CellTextEditor) if e.isVisible())
    cell.moveCursor(cell.textCursor().MoveOperation.End)
    type_text(cell, " Rà soát")
    qtbot.waitUntil(lambda: first_measure_text(sample_service) == before + " Rà soát", timeout=3000)
    # written by the pause, not by the cell's closing: the cell is still open (a wall-clock bound
    # flaked on a loaded machine)
    assert table.view.state() == table.view.State.EditingState and cell.isVisible()
    type_text(cell, " hằng tháng")
    w.act_save.trigger()                                          # Ctrl+S writes it at once, cell open
    assert first_measure_text(sample_service) == before + " Rà soát hằng tháng"
    type_text(cell, ".")
    w.editor.select(w.ctx.report().sections[0].id)                # leaving for a section writes it too
    assert first_measure_text(sample_service) == before + " Rà soát hằng tháng."
