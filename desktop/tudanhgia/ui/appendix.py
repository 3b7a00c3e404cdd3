"""The appendix table kept from an imported Word report (Report.appendix_table), editable as a grid
on the "Phụ lục số liệu" page: the header row and every cell in order, group headings and sub-rows
marked. Typing in a cell is saved like any typing (the save manager; a burst is one undo step);
rows added, removed or moved, columns added or removed, cells cleared and the table dropped are
each one step of the report's one undo history. Every change writes the whole table through
`ReportService.set_appendix_table` with the table as shown before it (another program's change is
never overwritten)."""
from __future__ import annotations

import copy
from collections.abc import Callable

from PySide6.QtCore import (QAbstractItemModel, QModelIndex, QPersistentModelIndex, QPoint, QRect, QSignalBlocker, Qt,
                            Signal)
from PySide6.QtGui import QAction, QBrush, QColor, QFont, QFontMetrics, QKeyEvent, QKeySequence, QTextCursor
from PySide6.QtWidgets import (QAbstractItemDelegate, QAbstractItemView, QApplication, QHBoxLayout, QHeaderView,
                               QLabel, QMenu, QStyle, QStyledItemDelegate, QStyleOptionViewItem, QTableWidget,
                               QTableWidgetItem, QToolButton, QVBoxLayout, QWidget)

from . import messages
from .cell_typing import commit_open_editor, watch_typing
from .context import EditorContext
from .measures_delegates import CellTextEditor, place_inside_view
from .read_only import EDIT_HINT
from ..domain.appendix import (RowKind, from_tsv, row_kind, same, squared, to_tsv, width, with_block, with_cell,
                               with_column, with_row, with_row_moved, without_column, without_row)
from ..domain.changes import Changes
from ..domain.model import AppendixTable

HEADER_BACKGROUND = QColor("#e4e7eb")
GROUP_BACKGROUND = QColor("#dbe7f5")
SUB_FOREGROUND = QColor("#4a4a4a")
MAX_COLUMN_PX = 300
HEADER_ROW = "Tiêu đề"   # the grid's label of the table's header row
EDIT_CELL, ADD_ROW, DELETE_ROW = "Sửa ô phụ lục", "Thêm dòng phụ lục", "Xóa dòng phụ lục"
MOVE_ROW = "Chuyển dòng phụ lục"
CLEAR_CELLS, ADD_COLUMN, DELETE_COLUMN = "Xóa nội dung ô phụ lục", "Thêm cột phụ lục", "Xóa cột phụ lục"
DROP_TABLE = "Bỏ bảng phụ lục đã nhập"
PASTE_CELLS = "Dán ô phụ lục"
DROP_QUESTION = ("Bỏ bảng phụ lục đã nhập từ văn bản gốc? Bảng sẽ không còn được in trong phụ lục; các chỉ tiêu "
                 "bên dưới vẫn giữ nguyên. Có thể lấy lại bằng Hoàn tác (Ctrl+Z).")


class AppendixCellEditor(CellTextEditor):
    """A cell's editor: Enter finishes, Shift+Enter or Alt+Enter starts a new line in the cell (an
    imported cell may hold two paragraphs), Tab goes on to the next cell, Esc drops the change."""

    def __init__(self, parent: QWidget | None):
        super().__init__(parent, multiline=False)
        self.setToolTip("Enter: xong; Shift+Enter: xuống dòng trong ô; Tab: sang ô sau; Esc: bỏ thay đổi")

    def keyPressEvent(self, e: QKeyEvent) -> None:
        if e.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and e.modifiers() & (
                Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.AltModifier):
            self.insertPlainText("\n")
            return
        super().keyPressEvent(e)


class CellDelegate(QStyledItemDelegate):
    """Qt's cell editing with a wrapping editor; `typed` tells about each keystroke (saved like any
    typing). The editor keeps its text and cursor when the typing is written meanwhile."""

    typed = Signal()
    EDITOR_LINES = 3
    EDITOR_MIN_WIDTH = 220

    def __init__(self, grid: AppendixGrid):
        super().__init__(grid)
        self.grid = grid

    def paint(self, painter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> None:
        super().paint(painter, option, index)
        from .spell_check import paint_cell_waves   # the committed text's unknown words, as the editor shows them
        paint_cell_waves(painter, option, index.data() or "", self.grid)

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem,
                     index: QModelIndex | QPersistentModelIndex) -> QWidget:
        editor = AppendixCellEditor(parent)
        watch_typing(editor, self.typed.emit)
        editor.finished.connect(lambda: self._finish(editor))
        editor.tabbed.connect(lambda forward: self._finish(editor, QAbstractItemDelegate.EndEditHint.EditNextItem
                                                           if forward else
                                                           QAbstractItemDelegate.EndEditHint.EditPreviousItem))
        from .undo import UndoKeys   # Ctrl+Z in the open cell: the report's one undo, not the cell's own
        keys = self.grid.window().findChild(UndoKeys)
        if keys is not None:
            editor.installEventFilter(keys)
            editor.viewport().installEventFilter(keys)
        return editor

    def _finish(self, editor: QWidget,
                hint: QAbstractItemDelegate.EndEditHint = QAbstractItemDelegate.EndEditHint.NoHint) -> None:
        self.commitData.emit(editor)
        self.closeEditor.emit(editor, hint)

    def setEditorData(self, editor: QWidget, index: QModelIndex | QPersistentModelIndex) -> None:
        if not isinstance(editor, AppendixCellEditor):
            return
        text = index.data(Qt.ItemDataRole.EditRole) or ""
        if editor.toPlainText() == text:
            return   # the typing was just written: the cursor stays where the officer is
        editor.setPlainText(text)
        if self.grid.typing_starts:   # a key opened the cell: it replaces the text, as in a spreadsheet
            editor.selectAll()
        else:
            editor.moveCursor(QTextCursor.MoveOperation.End)

    def setModelData(self, editor: QWidget, model: QAbstractItemModel,
                     index: QModelIndex | QPersistentModelIndex) -> None:
        if isinstance(editor, AppendixCellEditor):
            model.setData(index, editor.toPlainText(), Qt.ItemDataRole.EditRole)

    def updateEditorGeometry(self, editor: QWidget, option: QStyleOptionViewItem,
                             index: QModelIndex | QPersistentModelIndex) -> None:
        rect = QRect(option.rect)   # a narrow or one-line cell still gets room for a few lines
        rect.setWidth(max(rect.width(), self.EDITOR_MIN_WIDTH))
        rect.setHeight(max(rect.height(), editor.fontMetrics().lineSpacing() * self.EDITOR_LINES + 12))
        place_inside_view(editor, rect)


class AppendixGrid(QTableWidget):
    """The grid; remembers whether the cell being opened was opened by a typed key, and tells when a
    cell editor closes (Tab, Enter, Esc, a click elsewhere: Qt closes it without the delegate's signal)."""

    cell_left = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.typing_starts = False
        self.clipboard_commands: AppendixTableEditor | None = None   # the Sửa menu's Cắt… (ui/text_menu.py)

    def closeEditor(self, editor: QWidget, hint: QAbstractItemDelegate.EndEditHint) -> None:
        super().closeEditor(editor, hint)
        self.cell_left.emit()

    def edit(self, index, trigger=None, event=None):  # type: ignore[override]
        if trigger is None:   # edit(index): opened by the program
            self.typing_starts = False
            return super().edit(index)
        self.typing_starts = trigger == QAbstractItemView.EditTrigger.AnyKeyPressed
        try:
            return super().edit(index, trigger, event)
        finally:
            self.typing_starts = False


class AppendixTableEditor(QWidget):
    """The kept table's grid, its commands (buttons, right-click menu, keys) and its saving."""

    def __init__(self, ctx: EditorContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.saved: AppendixTable | None = None   # the table as stored (every row as wide as the widest)
        self.autosave = ctx.saves.register("appendix_table", self.flush, owner=self, unsaved=self._unsaved)
        self.caption = QLabel("<b>Bảng phụ lục đã nhập từ văn bản gốc</b> — được in đúng như dưới đây, "
                              "trước các chỉ tiêu bổ sung.")
        self.hint = QLabel("Gõ hoặc nhấp đúp vào ô để sửa (Enter: xong; Shift+Enter: xuống dòng trong ô). "
                           "Insert / Shift+Insert: thêm dòng dưới / trên; Ctrl+Delete: xóa dòng; Alt+↑ / Alt+↓: "
                           "chuyển dòng; Delete: xóa nội dung ô. Nhấp chuột phải để xem mọi lệnh. Dòng tô xanh là "
                           "tiêu đề nhóm, chữ nghiêng là dòng con (không có STT).")
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color: #555")
        self.hint.setProperty(EDIT_HINT, True)   # hidden on an issued report
        self.grid = AppendixGrid()
        self.grid.setWordWrap(True)
        self.grid.setAlternatingRowColors(False)
        self.grid.setSelectionMode(QAbstractItemView.SelectionMode.ContiguousSelection)
        triggers = QAbstractItemView.EditTrigger
        self.grid.setEditTriggers(triggers.DoubleClicked | triggers.EditKeyPressed | triggers.AnyKeyPressed)
        self.grid.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        rows = self.grid.verticalHeader()   # "Tiêu đề" fits when bold (the current row's): Qt sizes it regular
        bold = QFont(rows.font())
        bold.setBold(True)
        rows.setMinimumWidth(QFontMetrics(bold).horizontalAdvance(HEADER_ROW)
                             + 2 * rows.style().pixelMetric(QStyle.PixelMetric.PM_HeaderMargin) + 8)
        self.grid.horizontalHeader().setStretchLastSection(False)
        self.grid.itemChanged.connect(self._on_item_changed)
        self.grid.currentCellChanged.connect(lambda *_: self._update_actions())
        delegate = CellDelegate(self.grid)
        delegate.typed.connect(self.autosave.mark_dirty)
        self.burst = 0   # part of the typing's undo merge key: a cell's typing never merges with another cell's
        self.grid.cell_left.connect(self._cell_left)
        self.grid.clipboard_commands = self
        self.grid.setItemDelegate(delegate)
        self.grid.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.grid.customContextMenuRequested.connect(self._show_menu)

        def action(text: str, slot: Callable[[], object], keys: str = "", tip: str = "") -> QAction:
            act = QAction(text, self)
            if keys:
                act.setShortcut(QKeySequence(keys))
                act.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)   # the grid's, not an open cell's
                self.grid.addAction(act)
                tip = f"{tip or text} ({keys.replace('Ins', 'Insert').replace('Del', 'Delete')})"
            act.setToolTip(tip or text)
            act.triggered.connect(ctx.saves.guard(slot))   # what was typed is written first
            return act
        self.act_insert_above = action("Thêm dòng phía trên", lambda: self.insert_row(False), "Shift+Ins")
        self.act_insert_below = action("Thêm dòng phía dưới", lambda: self.insert_row(True), "Ins")
        self.act_delete_row = action("Xóa dòng", self.delete_row, "Ctrl+Del")
        self.act_up = action("Chuyển dòng lên", lambda: self.move_row(-1), "Alt+Up")
        self.act_down = action("Chuyển dòng xuống", lambda: self.move_row(1), "Alt+Down")
        self.act_clear = action("Xóa nội dung ô", self.clear_cells, "Del")
        self.act_add_column = action("Thêm cột bên phải", self.add_column,
                                     tip="Thêm một cột trống bên phải cột đang chọn")
        self.act_delete_column = action("Xóa cột", self.delete_column, tip="Xóa cột đang chọn (có thể hoàn tác)")
        self.act_drop = action(f"{DROP_TABLE}…", self.drop_table,
                               tip="Không in bảng đã nhập nữa (các chỉ tiêu bên dưới vẫn giữ; có thể hoàn tác)")
        buttons = QHBoxLayout()   # the same actions as the menu and the keys: enabled, locked alike
        for act in (self.act_insert_above, self.act_insert_below, self.act_delete_row, self.act_up, self.act_down,
                    self.act_add_column, self.act_delete_column, None, self.act_drop):
            if act is None:
                buttons.addStretch(1)
                continue
            button = QToolButton()
            button.setDefaultAction(act)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.caption)
        layout.addWidget(self.hint)
        layout.addWidget(self.grid, 1)
        layout.addLayout(buttons)
        ctx.changed.connect(self._on_changed)
        self.load()

    # --- showing ----------------------------------------------------------------------------------
    def load(self) -> None:
        """Show the table as stored (hidden when the report keeps none)."""
        table = self.ctx.report().appendix_table
        self.saved = squared(table) if table is not None else None
        self.setVisible(table is not None)
        self._show(self.saved)

    def _show(self, table: AppendixTable | None, current: tuple[int, int] | None = None) -> None:
        row, column = current if current is not None else (self.grid.currentRow(), self.grid.currentColumn())
        columns_before = self.grid.columnCount()
        with QSignalBlocker(self.grid):
            self.grid.setRowCount(0)
            if table is None:
                self.grid.setColumnCount(0)
                self._update_actions()
                return
            self.grid.setColumnCount(width(table))
            self.grid.setHorizontalHeaderLabels([_column_name(c) for c in range(width(table))])
            numeric = table.numeric_columns()
            for cells in (table.header, *table.rows):
                r = self.grid.rowCount()
                self.grid.insertRow(r)
                for c, text in enumerate(cells):
                    item = QTableWidgetItem(text)
                    if c in numeric and r > 0:
                        item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                    self.grid.setItem(r, c, item)
                self._style_row(r)
            self.grid.setVerticalHeaderLabels([HEADER_ROW, *(str(i) for i in range(1, len(table.rows) + 1))])
        if self.grid.columnCount() != columns_before:
            self._fit_columns()
        self.grid.resizeRowsToContents()
        if self.grid.rowCount():
            self.grid.setCurrentCell(max(0, min(row, self.grid.rowCount() - 1)),
                                     max(0, min(column, self.grid.columnCount() - 1)))
        self._update_actions()

    def _fit_columns(self) -> None:
        """Each column as wide as its text up to MAX_COLUMN_PX; the widest text's column takes the rest."""
        header = self.grid.horizontalHeader()
        self.grid.resizeColumnsToContents()
        lengths = [sum(len(self._text(r, c)) for r in range(self.grid.rowCount()))
                   for c in range(self.grid.columnCount())]
        widest = lengths.index(max(lengths)) if lengths else -1
        for c in range(self.grid.columnCount()):
            header.setSectionResizeMode(c, QHeaderView.ResizeMode.Stretch if c == widest
                                        else QHeaderView.ResizeMode.Interactive)
            if c != widest:
                self.grid.setColumnWidth(c, min(max(self.grid.columnWidth(c), 48), MAX_COLUMN_PX))

    def _style_row(self, r: int) -> None:
        """The header row shaded, a group heading bold on blue, a sub-row in italics."""
        cells = [self._text(r, c) for c in range(self.grid.columnCount())]
        kind = None if r == 0 else row_kind(cells)
        for c in range(self.grid.columnCount()):
            item = self.grid.item(r, c)
            if item is None:
                continue
            font = QFont(self.grid.font())
            font.setBold(r == 0 or kind is RowKind.GROUP)
            font.setItalic(kind is RowKind.SUB)
            item.setFont(font)
            background = HEADER_BACKGROUND if r == 0 else GROUP_BACKGROUND if kind is RowKind.GROUP else None
            item.setBackground(QBrush(background) if background is not None else QBrush())
            item.setForeground(QBrush(SUB_FOREGROUND) if kind is RowKind.SUB else QBrush())
            item.setToolTip({0: "Dòng tiêu đề của bảng"}.get(r, "") if kind is None else
                            {RowKind.GROUP: "Tiêu đề nhóm", RowKind.SUB: "Dòng con (không có STT)"}.get(kind, ""))

    def _text(self, r: int, c: int) -> str:
        item = self.grid.item(r, c)
        return item.text() if item is not None else ""

    def shown(self) -> AppendixTable:
        """The grid as a table: row 0 is the header."""
        rows = [[self._text(r, c) for c in range(self.grid.columnCount())] for r in range(self.grid.rowCount())]
        return AppendixTable(rows[0] if rows else [], rows[1:])

    def _update_actions(self) -> None:
        has = self.saved is not None
        row = self.grid.currentRow()
        body = has and row >= 1
        self.act_insert_above.setEnabled(body)
        self.act_insert_below.setEnabled(has and row >= 0)
        self.act_delete_row.setEnabled(body)
        self.act_up.setEnabled(body and row > 1)
        self.act_down.setEnabled(body and row < self.grid.rowCount() - 1)
        self.act_clear.setEnabled(has and row >= 0)
        self.act_add_column.setEnabled(has and self.grid.currentColumn() >= 0)
        self.act_delete_column.setEnabled(has and self.grid.currentColumn() >= 0 and self.grid.columnCount() > 1)
        self.act_drop.setEnabled(has)

    def _on_item_changed(self, item: QTableWidgetItem) -> None:
        with QSignalBlocker(self.grid):
            self._style_row(item.row())
        self.grid.resizeRowToContents(item.row())
        self.autosave.mark_dirty()

    def _on_changed(self, changes: Changes, initiator: object) -> None:
        if initiator is self or not changes.touches_indicators():
            return
        table = self.ctx.report().appendix_table
        if same(table, self.saved) and not self.autosave.dirty and (table is None) == self.isHidden():
            return   # another panel's change: the grid (and an open cell) stays as it is
        self.load()   # undo, redo, another program's change

    # --- the menu -----------------------------------------------------------------------------------
    def context_menu(self, pos: QPoint) -> QMenu:
        """The right-click menu at `pos` (in the grid's viewport): the cell under it becomes current."""
        index = self.grid.indexAt(pos)
        if index.isValid() and not self.grid.selectionModel().isSelected(index):
            self.grid.setCurrentCell(index.row(), index.column())
        menu = QMenu(self)
        menu.addActions([self.act_insert_above, self.act_insert_below, self.act_delete_row])
        menu.addSeparator()
        menu.addActions([self.act_up, self.act_down])
        menu.addSeparator()
        menu.addActions([self.act_clear, self.act_add_column, self.act_delete_column])
        menu.addSeparator()
        menu.addAction(self.act_drop)
        return menu

    def _show_menu(self, pos: QPoint) -> None:
        menu = self.context_menu(pos)
        menu.exec(self.grid.viewport().mapToGlobal(pos))
        menu.deleteLater()

    # --- saving ---------------------------------------------------------------------------------------
    def flush(self) -> None:
        """Write what was typed into the cells if the grid differs from what is stored: one undo
        step per burst of typing."""
        if self.saved is None:
            return
        commit_open_editor(self.grid)   # the text of a cell still being typed in
        new = self.shown()
        if same(new, self.saved):
            return
        self._write(EDIT_CELL, new, typing=True)

    def _cell_left(self) -> None:
        """Leaving a cell ends its typing's undo step: what was typed is written now, and the next
        cell's typing is a step of its own."""
        if self.autosave.dirty:
            self.autosave.flush()
        self.burst += 1

    def _write(self, label: str, new: AppendixTable | None, typing: bool = False,
               current: tuple[int, int] | None = None) -> bool:
        old = copy.deepcopy(self.saved)
        svc, rid = self.ctx.service, self.ctx.report_id
        written = copy.deepcopy(new)
        self.ctx.run(label, lambda: svc.set_appendix_table(rid, copy.deepcopy(written), old),
                     lambda: svc.set_appendix_table(rid, copy.deepcopy(old), written), initiator=self,
                     merge_key=("appendix_table", rid, self.burst) if typing else None)
        if not self.ctx.last_ok:
            return False   # refused: typing stays in the grid (written on the next try); a command did nothing
        self.saved = copy.deepcopy(new)
        if not typing:
            self.setVisible(new is not None)
            self._show(new, current)
        return True

    def _unsaved(self) -> list[tuple[str, str]]:
        table = self.shown()
        lines = ["\t".join(cells) for cells in (table.header, *table.rows)]
        return [("Bảng phụ lục đã nhập", "\n".join(lines))]

    # --- commands -----------------------------------------------------------------------------------
    def _body_row(self) -> int | None:
        """The current row as an index into the table's rows (None: none, or the header)."""
        row = self.grid.currentRow()
        return row - 1 if row >= 1 and self.saved is not None else None

    def insert_row(self, below: bool) -> None:
        if self.saved is None or self.grid.currentRow() < 0:
            return
        index = self.grid.currentRow() if below else self.grid.currentRow() - 1   # a table row index
        index = max(0, index)
        self._write(ADD_ROW, with_row(self.saved, index), current=(index + 1, max(0, self.grid.currentColumn())))

    def delete_row(self) -> None:
        index = self._body_row()
        if index is None or self.saved is None:
            return
        self._write(DELETE_ROW, without_row(self.saved, index), current=(index + 1, self.grid.currentColumn()))

    def move_row(self, delta: int) -> None:
        index = self._body_row()
        if index is None or self.saved is None or not 0 <= index + delta < len(self.saved.rows):
            return
        self._write(MOVE_ROW, with_row_moved(self.saved, index, delta),
                    current=(index + 1 + delta, self.grid.currentColumn()))

    def clear_cells(self) -> None:
        if self.saved is None:
            return
        new = self.saved
        for index in self.grid.selectedIndexes() or [self.grid.currentIndex()]:
            if index.isValid():
                new = with_cell(new, index.row() - 1 if index.row() else None, index.column(), "")
        if not same(new, self.saved):
            self._write(CLEAR_CELLS, new, current=(self.grid.currentRow(), self.grid.currentColumn()))

    # --- the clipboard (Sửa ▸ Cắt, Sao chép, Dán, Chọn tất cả and their keys while the grid has them) -------
    def clipboard_state(self) -> dict[str, bool]:
        has = self.saved is not None and self.grid.currentRow() >= 0
        writable = has and self.grid.editTriggers() != QAbstractItemView.EditTrigger.NoEditTriggers
        pasteable = bool(QApplication.clipboard().text())
        return {"cut": writable, "copy": has, "paste": writable and pasteable, "select_all": has}

    def clipboard(self, name: str) -> None:
        if not self.clipboard_state()[name]:
            return
        if name == "select_all":
            self.grid.selectAll()
        elif name == "paste":
            self.ctx.saves.guard(self.paste)()
        else:
            QApplication.clipboard().setText(to_tsv(self._selected_block()))
            if name == "cut":
                self.ctx.saves.guard(self.clear_cells)()

    def _selected_block(self) -> list[list[str]]:
        """The cells of the selection's bounding rows and columns (the current cell's without one)."""
        indexes = [i for i in self.grid.selectedIndexes() if i.isValid()] or [self.grid.currentIndex()]
        rows, columns = {i.row() for i in indexes}, {i.column() for i in indexes}
        return [[self._text(r, c) for c in range(min(columns), max(columns) + 1)]
                for r in range(min(rows), max(rows) + 1)]

    def paste(self) -> None:
        """The clipboard's cells (tabs and lines) from the current cell on: one undo step."""
        block = from_tsv(QApplication.clipboard().text())
        row, column = self.grid.currentRow(), self.grid.currentColumn()
        if self.saved is None or not block or row < 0 or column < 0:
            return
        new = with_block(self.saved, row, column, block)
        if not same(new, self.saved):
            self._write(PASTE_CELLS, new, current=(row, column))

    def add_column(self) -> None:
        column = self.grid.currentColumn()
        if self.saved is None or column < 0:
            return
        self._write(ADD_COLUMN, with_column(self.saved, column + 1), current=(self.grid.currentRow(), column + 1))

    def delete_column(self) -> None:
        column = self.grid.currentColumn()
        if self.saved is None or column < 0:
            return
        try:
            new = without_column(self.saved, column)
        except ValueError as exc:
            messages.warn(self, str(exc))
            return
        self._write(DELETE_COLUMN, new, current=(self.grid.currentRow(), max(0, column - 1)))

    def drop_table(self) -> None:
        if self.saved is None or not messages.confirm(self, DROP_QUESTION, yes="Bỏ bảng", no="Giữ bảng"):
            return
        self._write(DROP_TABLE, None)


def _column_name(c: int) -> str:
    """A, B, … Z, AA, AB: the columns named as in a spreadsheet."""
    name = ""
    c += 1
    while c:
        c, rest = divmod(c - 1, 26)
        name = chr(ord("A") + rest) + name
    return name


__all__ = ["AppendixTableEditor"]
