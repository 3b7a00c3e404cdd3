"""Issue 14 point 1: the appendix table kept from an imported Word report is edited in the window
("Phụ lục số liệu"): cells typed into (saved like any typing, one undo step per burst), rows added,
removed and moved by keys, buttons and the right-click menu, columns added and removed, the table
dropped after a question — each one step of Hoàn tác; locked when the report is issued; what is
edited is what the DOCX prints. The report is imported from a small Word file written in the test."""
from __future__ import annotations

import copy

import pytest
from docx import Document
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import (QAbstractItemView, QApplication, QLabel, QMenu, QTableWidgetSelectionRange,
                               QToolButton)

from appendix_docx import HEADER, ROWS, imported
from qt_keys import press, type_text
from test_save_manager import open_window as open_report_window, stored
from test_save_reliability import keep_typing
from tudanhgia.domain.model import AppendixTable, Indicator

MOD = Qt.KeyboardModifier
CTRL, ALT, SHIFT = MOD.ControlModifier, MOD.AltModifier, MOD.ShiftModifier


def open_page(qtbot, service, tmp_path, report_id):
    w = open_report_window(qtbot, service, tmp_path, report_id)
    qtbot.wait(600)   # the offscreen platform deactivates a new window once, closing an open cell editor
    panel = w.editor.panels["indicators"]
    w.editor.tabs.setCurrentWidget(panel)
    w.activateWindow()   # the window's shortcuts (Ctrl+Z) and the grid's (Insert…) work in the active window
    qtbot.waitUntil(w.isActiveWindow)
    return w, panel.kept


def grid_cells(kept) -> list[list[str]]:
    g = kept.grid
    return [[g.item(r, c).text() if g.item(r, c) else "" for c in range(g.columnCount())] for r in range(g.rowCount())]


def click(qtbot, kept, row: int, column: int) -> None:
    g = kept.grid
    qtbot.mouseClick(g.viewport(), Qt.MouseButton.LeftButton, pos=g.visualRect(g.model().index(row, column)).center())
    g.setFocus()


def open_editor(kept):
    return kept.grid.viewport().focusWidget() if kept.grid.state() == QAbstractItemView.State.EditingState else None


def edit_hints(kept) -> list[str]:
    """The hints on editing the grid that the officer sees."""
    return [label.text()[:16] for label in kept.findChildren(QLabel) if label.isVisible()
            and label.text().startswith("Gõ hoặc nhấp đúp")]


def table(service, report_id) -> AppendixTable:
    return stored(service, report_id).appendix_table


def undo_label(w) -> str:
    w._update_state()
    return w.act_undo.text()


def menu_action(qtbot, kept, row: int, column: int, text: str) -> None:
    """Right-click the cell and choose `text` in the menu that opens, as the officer does."""
    chosen = []

    def choose():
        menu = QApplication.activePopupWidget()
        if not isinstance(menu, QMenu):
            QTimer.singleShot(10, choose)
            return
        act = next(a for a in menu.actions() if a.text() == text)
        chosen.append(act.isEnabled())
        menu.setActiveAction(act)
        qtbot.keyClick(menu, Qt.Key.Key_Return)   # the menu closes and the action runs
    QTimer.singleShot(10, choose)
    g = kept.grid
    g.customContextMenuRequested.emit(g.visualRect(g.model().index(row, column)).center())
    assert chosen == [True], text


def test_the_kept_table_is_shown_cell_for_cell_with_groups_and_sub_rows_marked(qtbot, service, tmp_path):
    rid = imported(service, tmp_path)
    _w, kept = open_page(qtbot, service, tmp_path, rid)
    assert edit_hints(kept) == ["Gõ hoặc nhấp đúp"]
    rows = kept.grid.verticalHeader()      # the header row's label, bold when current, is not clipped
    bold = QFont(rows.font())
    bold.setBold(True)
    assert rows.model().headerData(0, Qt.Orientation.Vertical) == "Tiêu đề"
    assert rows.width() >= QFontMetrics(bold).horizontalAdvance("Tiêu đề") + 12   # the section's margins
    assert kept.isVisible()
    assert grid_cells(kept) == [HEADER, *ROWS]            # the header row, then every row, in order
    g = kept.grid
    assert g.verticalHeaderItem(0).text() == "Tiêu đề" and g.item(0, 1).font().bold()
    assert g.item(1, 1).font().bold() and g.item(1, 1).toolTip() == "Tiêu đề nhóm"        # "I | CÔNG TÁC…"
    assert g.item(3, 1).font().italic() and g.item(3, 1).toolTip() == "Dòng con (không có STT)"
    assert not g.item(2, 1).font().bold() and not g.item(2, 1).font().italic()   # an item "1 | Số lượt…"


def test_a_report_without_a_kept_table_shows_only_the_indicators(qtbot, service, unit, tmp_path):
    report = service.create_report("chuyen-de", "2024-H1", unit.id)
    w = open_report_window(qtbot, service, tmp_path, report.id)
    panel = w.editor.panels["indicators"]
    w.editor.tabs.setCurrentWidget(panel)
    assert not panel.kept.isVisible() and panel.table.isVisible()
    assert not panel.hint.text().startswith("<b>Chỉ tiêu bổ sung")


def test_typing_over_a_cell_is_saved_and_ctrl_z_puts_it_back(qtbot, service, tmp_path):
    rid = imported(service, tmp_path)
    w, kept = open_page(qtbot, service, tmp_path, rid)
    click(qtbot, kept, 2, 3)                       # "42", the first item's result
    type_text(kept.grid, "4")                      # a key opens the cell and replaces its text
    editor = open_editor(kept)
    assert editor is not None
    type_text(editor, "5")
    press(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: table(service, rid).rows[1][3] == "45")
    assert kept.grid.item(2, 3).text() == "45"
    assert undo_label(w) == "Hoàn tác: Sửa ô phụ lục"
    qtbot.keyClick(kept.grid, Qt.Key.Key_Z, CTRL)
    qtbot.waitUntil(lambda: table(service, rid).rows[1][3] == "42")
    assert kept.grid.item(2, 3).text() == "42"
    assert table(service, rid).rows == ROWS
    click(qtbot, kept, 3, 3)                       # "30": typed over, and Ctrl+Z while the cell is still open
    type_text(kept.grid, "3")
    type_text(open_editor(kept), "1")
    qtbot.keyClick(open_editor(kept), Qt.Key.Key_Z, CTRL)
    assert table(service, rid).rows == ROWS and kept.grid.item(3, 3).text() == "30"
    assert not w.ctx.undo_stack.canUndo()          # the cell's typing and its undo: nothing left to undo
    w.act_redo.trigger()                           # the window's Làm lại brings the typing back
    assert table(service, rid).rows[2][3] == "31" and kept.grid.item(3, 3).text() == "31"


def test_a_cell_holds_two_lines_and_the_header_is_edited_too(qtbot, service, tmp_path):
    rid = imported(service, tmp_path)
    _w, kept = open_page(qtbot, service, tmp_path, rid)
    click(qtbot, kept, 0, 4)                       # "Ghi chú" in the header row
    press(kept.grid, Qt.Key.Key_F2)                # opened for editing: the cursor after the text
    editor = open_editor(kept)
    type_text(editor, " (nếu có)")
    press(editor, Qt.Key.Key_Return, SHIFT)        # a new line inside the cell
    type_text(editor, "năm 2024")
    press(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: table(service, rid).header[4] == "Ghi chú (nếu có)\nnăm 2024")
    assert table(service, rid).rows == ROWS


def test_an_open_cell_is_stored_while_it_is_being_typed(qtbot, service, tmp_path):
    rid = imported(service, tmp_path)
    w, kept = open_page(qtbot, service, tmp_path, rid)
    click(qtbot, kept, 2, 1)
    press(kept.grid, Qt.Key.Key_F2)
    editor = open_editor(kept)
    before = kept.grid.item(2, 1).text()
    checks = keep_typing(qtbot, editor, lambda: table(service, rid).rows[1][1][len(before):])
    assert checks >= 10
    assert kept.grid.state() == QAbstractItemView.State.EditingState   # the officer is still in the cell
    assert w.ctx.undo_stack.count() == 1      # a burst of typing: one step, not one per write
    while w.ctx.undo_stack.canUndo():
        w.act_undo.trigger()
    assert table(service, rid).rows == ROWS


def test_rows_added_moved_and_removed_with_keys_each_one_undo_step(qtbot, service, tmp_path):
    rid = imported(service, tmp_path)
    w, kept = open_page(qtbot, service, tmp_path, rid)
    click(qtbot, kept, 4, 1)                                   # "- Tiếp định kỳ"
    qtbot.keyClick(kept.grid, Qt.Key.Key_Insert)                        # a blank row below it
    qtbot.waitUntil(lambda: len(table(service, rid).rows) == len(ROWS) + 1)
    assert table(service, rid).rows[4] == [""] * 5 and kept.grid.currentRow() == 5
    assert undo_label(w) == "Hoàn tác: Thêm dòng phụ lục"
    assert kept.grid.currentColumn() == 1                      # the same column, in the new row
    type_text(kept.grid, "-")
    type_text(open_editor(kept), " Tiếp đột xuất")
    press(open_editor(kept), Qt.Key.Key_Tab)                   # on to the next cell, open for typing
    qtbot.waitUntil(lambda: table(service, rid).rows[4][1] == "- Tiếp đột xuất")
    assert kept.grid.currentColumn() == 2 and open_editor(kept) is not None
    type_text(open_editor(kept), "lượt")
    press(open_editor(kept), Qt.Key.Key_Escape)                # Esc: the cell's change dropped
    assert table(service, rid).rows[4] == ["", "- Tiếp đột xuất", "", "", ""]
    assert kept.grid.item(5, 1).font().italic()                # a sub-row now: no STT
    qtbot.keyClick(kept.grid, Qt.Key.Key_Insert, SHIFT)                 # and one above the new row
    qtbot.waitUntil(lambda: len(table(service, rid).rows) == len(ROWS) + 2)
    assert table(service, rid).rows[4] == [""] * 5
    qtbot.keyClick(kept.grid, Qt.Key.Key_Delete, CTRL)                  # removed again
    qtbot.waitUntil(lambda: len(table(service, rid).rows) == len(ROWS) + 1)
    assert undo_label(w) == "Hoàn tác: Xóa dòng phụ lục"
    click(qtbot, kept, 2, 1)                                   # "1 | Số lượt tiếp công dân"
    qtbot.keyClick(kept.grid, Qt.Key.Key_Down, ALT)
    qtbot.waitUntil(lambda: table(service, rid).rows[2][1] == "Số lượt tiếp công dân")
    assert grid_cells(kept)[3][1] == "Số lượt tiếp công dân" and kept.grid.currentRow() == 3
    qtbot.keyClick(kept.grid, Qt.Key.Key_Up, ALT)
    qtbot.waitUntil(lambda: table(service, rid).rows[1][1] == "Số lượt tiếp công dân")
    assert undo_label(w) == "Hoàn tác: Chuyển dòng phụ lục"
    click(qtbot, kept, 2, 2)
    kept.grid.setRangeSelected(QTableWidgetSelectionRange(2, 2, 3, 3), True)   # "lượt 42" and "lượt 30"
    qtbot.keyClick(kept.grid, Qt.Key.Key_Delete)               # the selected cells emptied, in one step
    qtbot.waitUntil(lambda: table(service, rid).rows[1][2:4] == ["", ""])
    assert table(service, rid).rows[2][2:4] == ["", ""] and undo_label(w) == "Hoàn tác: Xóa nội dung ô phụ lục"
    while w.ctx.undo_stack.canUndo():                          # every step undone: the table as imported
        qtbot.keyClick(kept.grid, Qt.Key.Key_Z, CTRL)
    assert table(service, rid).rows == ROWS and grid_cells(kept) == [HEADER, *ROWS]


@pytest.mark.qt_log_ignore("does not support raise", "does not support grabbing")   # a popup offscreen
def test_the_right_click_menu_adds_removes_rows_and_columns_and_clears_cells(qtbot, service, tmp_path):
    rid = imported(service, tmp_path)
    w, kept = open_page(qtbot, service, tmp_path, rid)
    menu_action(qtbot, kept, 5, 1, "Thêm dòng phía trên")         # above "2 | Có lịch tiếp…"
    qtbot.waitUntil(lambda: len(table(service, rid).rows) == len(ROWS) + 1)
    assert table(service, rid).rows[4] == [""] * 5 and table(service, rid).rows[5] == ROWS[4]
    menu_action(qtbot, kept, 5, 1, "Xóa dòng")
    qtbot.waitUntil(lambda: table(service, rid).rows == ROWS)
    menu_action(qtbot, kept, 2, 3, "Thêm cột bên phải")            # after "Kết quả"
    qtbot.waitUntil(lambda: len(table(service, rid).header) == 6)
    assert table(service, rid).header == ["STT", "Chỉ tiêu", "Đơn vị tính", "Kết quả", "", "Ghi chú"]
    assert undo_label(w) == "Hoàn tác: Thêm cột phụ lục"
    assert (kept.grid.currentRow(), kept.grid.currentColumn()) == (2, 4)   # in the new column
    click(qtbot, kept, 0, 4)
    type_text(kept.grid, "N")                                            # the new column's header: typed
    type_text(open_editor(kept), "ăm 2023")
    press(open_editor(kept), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: table(service, rid).header[4] == "Năm 2023")
    menu_action(qtbot, kept, 7, 4, "Xóa nội dung ô")               # (a blank cell: nothing to do)
    menu_action(qtbot, kept, 2, 0, "Xóa nội dung ô")               # the STT "1"
    qtbot.waitUntil(lambda: table(service, rid).rows[1][0] == "")
    assert undo_label(w) == "Hoàn tác: Xóa nội dung ô phụ lục"
    menu_action(qtbot, kept, 0, 2, "Xóa cột")                      # "Đơn vị tính"
    qtbot.waitUntil(lambda: len(table(service, rid).header) == 5)
    assert table(service, rid).header == ["STT", "Chỉ tiêu", "Kết quả", "Năm 2023", "Ghi chú"]
    assert table(service, rid).rows[1] == ["", "Số lượt tiếp công dân", "42", "", ""]
    assert undo_label(w) == "Hoàn tác: Xóa cột phụ lục"
    w.act_undo.trigger()
    w.act_undo.trigger()
    assert table(service, rid).header[4] == "Năm 2023" and table(service, rid).rows[1][0] == "1"
    w.act_undo.trigger()   # the typed header
    w.act_undo.trigger()   # the column
    assert table(service, rid).header == HEADER and table(service, rid).rows == ROWS
    assert grid_cells(kept) == [HEADER, *ROWS]


@pytest.mark.qt_log_ignore("does not support raise", "does not support grabbing")   # a popup offscreen
def test_dropping_the_kept_table_asks_first_and_is_undone(qtbot, service, tmp_path, said):
    rid = imported(service, tmp_path)
    w, kept = open_page(qtbot, service, tmp_path, rid)
    said["answers"] = [False]
    button = next(b for b in kept.findChildren(QToolButton) if b.defaultAction() is kept.act_drop)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)      # "Giữ bảng": nothing happens
    assert table(service, rid).rows == ROWS and len(said["confirm"]) == 1
    said["answers"] = [True]
    menu_action(qtbot, kept, 3, 1, "Bỏ bảng phụ lục đã nhập…")
    qtbot.waitUntil(lambda: table(service, rid) is None)
    assert not kept.isVisible()
    assert undo_label(w) == "Hoàn tác: Bỏ bảng phụ lục đã nhập"
    w.act_undo.trigger()
    assert table(service, rid).rows == ROWS and kept.isVisible() and grid_cells(kept) == [HEADER, *ROWS]


def test_an_issued_report_shows_the_table_but_nothing_edits_it(qtbot, service, tmp_path, said):
    rid = imported(service, tmp_path)
    service.issue_report(rid, tmp_path / "ban-hanh.docx")
    w, kept = open_page(qtbot, service, tmp_path, rid)
    assert grid_cells(kept) == [HEADER, *ROWS]
    click(qtbot, kept, 2, 3)
    type_text(kept.grid, "9")
    qtbot.keyClick(kept.grid, Qt.Key.Key_Insert)
    qtbot.keyClick(kept.grid, Qt.Key.Key_Delete, CTRL)
    assert open_editor(kept) is None
    assert edit_hints(kept) == []        # nothing tells the officer to type into it (found by the GUI tester)
    QApplication.clipboard().setText("9\t9")
    w.edit_menu.aboutToShow.emit()       # the cells can be copied, not cut or pasted over
    assert (w.act_copy.isEnabled(), w.act_cut.isEnabled(), w.act_paste.isEnabled()) == (True, False, False)
    qtbot.keyClick(kept.grid, Qt.Key.Key_V, CTRL)
    assert not any(a.isEnabled() for a in (kept.act_insert_above, kept.act_insert_below, kept.act_delete_row,
                                           kept.act_up, kept.act_down, kept.act_clear, kept.act_add_column,
                                           kept.act_delete_column, kept.act_drop))
    kept.grid.setCurrentCell(3, 1)       # a new selection does not enable them again
    assert not kept.act_delete_row.isEnabled()
    w.flush_all()
    assert table(service, rid).rows == ROWS and grid_cells(kept) == [HEADER, *ROWS]


def test_the_docx_prints_the_edited_table_and_an_import_of_it_keeps_it(qtbot, service, tmp_path):
    from tudanhgia.services.importing import import_file
    rid = imported(service, tmp_path)
    w, kept = open_page(qtbot, service, tmp_path, rid)
    click(qtbot, kept, 2, 3)
    type_text(kept.grid, "5")
    type_text(open_editor(kept), "0")
    press(open_editor(kept), Qt.Key.Key_Return)
    click(qtbot, kept, 7, 0)                                    # "3 | Số đơn đã giải quyết"
    qtbot.keyClick(kept.grid, Qt.Key.Key_Insert)
    type_text(kept.grid, "4")
    press(open_editor(kept), Qt.Key.Key_Tab)
    type_text(open_editor(kept), "Số vụ việc chuyển cơ quan khác")
    press(open_editor(kept), Qt.Key.Key_Return)
    w.flush_all()
    edited = copy.deepcopy(ROWS)
    edited[1][3] = "50"
    edited.append(["4", "Số vụ việc chuyển cơ quan khác", "", "", ""])
    assert table(service, rid).rows == edited
    out = service.export_docx(rid, tmp_path / "da-sua.docx")
    printed = Document(str(out)).tables[-1]
    assert [[c.text for c in row.cells] for row in printed.rows] == [HEADER, *edited]
    again = import_file(service, out)                           # export → import → export
    back = service.get_report(again.report.id)
    assert back.appendix_table.header == HEADER and back.appendix_table.rows == edited
    second = Document(str(service.export_docx(back.id, tmp_path / "lan-hai.docx"))).tables[-1]
    assert [[c.text for c in row.cells] for row in second.rows] == [HEADER, *edited]


def test_the_tally_is_one_undo_step_and_leaves_the_kept_table(qtbot, service, unit, tmp_path):
    from tudanhgia.ui import forms_dialogs
    report = service.create_report("tong-hop-danh-gia-quy", "Quý I/2026", unit.id)
    kept_table = AppendixTable(copy.deepcopy(HEADER), copy.deepcopy(ROWS))
    service.set_appendix_table(report.id, kept_table)
    typed = [Indicator(i.name, i.unit, 7.0 if n == 0 else i.value, i.denominator)
             for n, i in enumerate(service.get_report(report.id).indicators)]
    typed.append(Indicator("Số công chức nghỉ hưu trong quý", "người", 1.0))   # the officer's own row
    service.set_indicators(report.id, typed)
    w, kept = open_page(qtbot, service, tmp_path, report.id)
    forms_dialogs.tally_forms(w, report.id)                     # Công cụ ▸ Tổng hợp từ phiếu cá nhân
    after = stored(service, report.id)
    assert after.indicators[0].value == 0                      # no form of the unit in that quarter
    assert after.indicators[-1].name == "Số công chức nghỉ hưu trong quý"   # not dropped
    assert after.appendix_table.rows == ROWS and grid_cells(kept) == [HEADER, *ROWS]
    assert "Bảng phụ lục đã nhập giữ nguyên" in w.statusBar().currentMessage()
    assert undo_label(w) == "Hoàn tác: Tổng hợp từ phiếu cá nhân"
    w.act_undo.trigger()
    assert [(i.name, i.value) for i in stored(service, report.id).indicators] == [(i.name, i.value) for i in typed]
    panel = w.editor.panels["indicators"]
    assert panel.table.item(0, 2).text() == "7"


def test_a_burst_typed_into_an_indicator_below_is_undone_in_one_step(qtbot, service, tmp_path, said):
    """Typing written several times (merged into one undo step) is undone and redone without the
    'changed elsewhere' refusal: the step's undo carries what the window last saw."""
    rid = imported(service, tmp_path)
    service.set_indicators(rid, [Indicator("Số buổi tiếp công dân định kỳ", "buổi", 12.0)])
    w, _kept = open_page(qtbot, service, tmp_path, rid)
    panel = w.editor.panels["indicators"]
    panel.table.setCurrentCell(0, 0)
    panel.table.editItem(panel.table.item(0, 0))
    editor = panel.table.viewport().focusWidget()
    editor.end(False)
    for ch in " của lãnh đạo":
        type_text(editor, ch)
        qtbot.wait(60)                      # slower than the maximum wait: several writes
    name = "Số buổi tiếp công dân định kỳ của lãnh đạo"
    qtbot.waitUntil(lambda: stored(service, rid).indicators[0].name == name)
    assert w.ctx.undo_stack.count() == 1
    w.act_undo.trigger()
    assert said["warn"] == [] and stored(service, rid).indicators[0].name == "Số buổi tiếp công dân định kỳ"
    w.act_redo.trigger()
    assert said["warn"] == [] and stored(service, rid).indicators[0].name == name


def test_typing_in_one_cell_then_the_next_is_one_undo_step_per_cell(qtbot, service, tmp_path):
    """Found by the GUI tester: B, Tab, C, Tab, D typed at an officer's pace became one step that
    Ctrl+Z undid all at once. Leaving a cell ends its step, whichever way (Tab, Enter, a click)."""
    rid = imported(service, tmp_path)
    w, kept = open_page(qtbot, service, tmp_path, rid)
    click(qtbot, kept, 2, 2)                       # "lượt" of the first item
    for text, leave in (("Bb", Qt.Key.Key_Tab), ("Cc", Qt.Key.Key_Tab), ("Dd", Qt.Key.Key_Return)):
        for ch in text:   # Tab opens the next cell for typing; a key opens a closed one
            type_text(open_editor(kept) or kept.grid, ch)
            qtbot.wait(100)
        qtbot.wait(300)
        press(open_editor(kept), leave)
        qtbot.wait(200)
    qtbot.waitUntil(lambda: table(service, rid).rows[1][2:5] == ["Bb", "42Cc", "Dd"])
    click(qtbot, kept, 4, 4)                       # another row: typed, left by a click elsewhere
    type_text(kept.grid, "E")
    qtbot.wait(100)
    click(qtbot, kept, 5, 1)
    qtbot.waitUntil(lambda: table(service, rid).rows[3][4] == "E")
    assert w.ctx.undo_stack.count() == 4
    seen = []
    while w.ctx.undo_stack.canUndo():
        assert undo_label(w) == "Hoàn tác: Sửa ô phụ lục"
        qtbot.keyClick(kept.grid, Qt.Key.Key_Z, CTRL)
        stored_rows = table(service, rid).rows
        seen.append((stored_rows[1][2:5], stored_rows[3][4]))
    assert seen == [(["Bb", "42Cc", "Dd"], "Lãnh đạo tiếp"), (["Bb", "42Cc", ""], "Lãnh đạo tiếp"),
                    (["Bb", "42", ""], "Lãnh đạo tiếp"), (["lượt", "42", ""], "Lãnh đạo tiếp")]


def test_the_import_review_says_the_appendix_table_is_kept(qtbot, service, tmp_path):
    """Found by the GUI tester: the review dialog said nothing of the table it keeps."""
    from appendix_docx import write_report
    from tudanhgia.ui.import_dialog import ImportReviewDialog
    dialog = ImportReviewDialog(service, write_report(tmp_path / "tiep-cong-dan.docx"))
    qtbot.addWidget(dialog)
    assert "Phụ lục: bảng 7 dòng được giữ nguyên" in dialog.summary.text()   # ROWS: seven under the header


def test_cells_are_copied_and_pasted_as_tab_separated_text_one_undo_step(qtbot, service, tmp_path):
    """Found by the GUI tester: Sửa ▸ Cắt/Sao chép/Dán were disabled while the grid had the keyboard.
    Ctrl+C copies the selected cells as a spreadsheet does (tabs and lines), Ctrl+V pastes such text
    from the current cell, one step of Hoàn tác."""
    rid = imported(service, tmp_path)
    w, kept = open_page(qtbot, service, tmp_path, rid)
    click(qtbot, kept, 3, 2)                                   # "lượt" "30" / "lượt" "12": two by two
    kept.grid.setRangeSelected(QTableWidgetSelectionRange(3, 2, 4, 3), True)
    w.edit_menu.aboutToShow.emit()
    assert w.act_copy.isEnabled() and w.act_paste.isEnabled() is bool(QApplication.clipboard().text())
    qtbot.keyClick(kept.grid, Qt.Key.Key_C, CTRL)
    assert QApplication.clipboard().text() == "lượt\t30\nlượt\t12\n"
    click(qtbot, kept, 6, 2)                                   # the last group's empty cells
    w.edit_menu.aboutToShow.emit()
    assert w.act_paste.isEnabled()
    qtbot.keyClick(kept.grid, Qt.Key.Key_V, CTRL)
    qtbot.waitUntil(lambda: table(service, rid).rows[5][2:4] == ["lượt", "30"])
    assert table(service, rid).rows[6][2:4] == ["lượt", "12"]  # "đơn/ đơn, đạt %" "18/20, đạt 90%" pasted over
    assert grid_cells(kept)[7][2:4] == ["lượt", "12"]
    assert undo_label(w) == "Hoàn tác: Dán ô phụ lục"
    w.act_undo.trigger()
    assert table(service, rid).rows == ROWS
