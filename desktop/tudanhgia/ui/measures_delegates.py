"""The measures table's cell editors: wrapping text (Enter, Ctrl+Enter and Tab as in a
spreadsheet), a due date with its calendar and a "no date" value, the status list; and the
delegate that gives each column its editor."""
from __future__ import annotations

import datetime as _dt

from PySide6.QtCore import QAbstractTableModel, QDate, QLocale, QModelIndex, QRect, Qt, Signal
from PySide6.QtGui import QKeyEvent, QTextCursor
from PySide6.QtWidgets import (QAbstractItemDelegate, QComboBox, QDateEdit, QLineEdit, QPlainTextEdit, QStyle,
                               QStyledItemDelegate, QStyleOptionViewItem, QWidget)

from ..domain.model import MeasureStatus
from .cell_typing import watch_typing
from . import spell_check
from .measures_model import COL_DUE, COL_STATUS, EMPTY_DATE, FIELDS, NO_DATE, RICH_FIELDS, same_as_stored

VI_LOCALE = QLocale(QLocale.Language.Vietnamese, QLocale.Country.Vietnam)


class CellTextEditor(QPlainTextEdit):
    """A wrapping editor for a cell. In `multiline` cells Enter starts a new line and Ctrl+Enter
    finishes; in one-line cells Enter finishes too. Tab (Shift+Tab) finishes and opens the next
    (previous) cell, as in a spreadsheet."""

    finished = Signal()
    tabbed = Signal(bool)   # True: on to the next cell

    def __init__(self, parent: QWidget | None, multiline: bool):
        super().__init__(parent)
        self.multiline = multiline
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        spell_check.enable(self)   # underlines and suggestions while the cell is edited
        # Tab comes to keyPressEvent instead of moving the focus (Qt would then only commit)
        self.setTabChangesFocus(False)
        self.setToolTip("Ctrl+Enter: xong; Tab: sang ô sau; Esc: bỏ thay đổi"
                        if multiline else "Enter: xong; Tab: sang ô sau; Esc: bỏ thay đổi")

    def keyPressEvent(self, e: QKeyEvent) -> None:
        if e.key() in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab) and not e.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.tabbed.emit(e.key() == Qt.Key.Key_Tab and not e.modifiers() & Qt.KeyboardModifier.ShiftModifier)
            return
        if e.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if not self.multiline or e.modifiers() & Qt.KeyboardModifier.ControlModifier:
                self.finished.emit()
                return
            if e.modifiers() & Qt.KeyboardModifier.ShiftModifier:
                self.insertPlainText("\n")  # not U+2028: every line break is a new paragraph
                return
        super().keyPressEvent(e)


class DueDateEdit(QDateEdit):
    """dd/MM/yyyy with a calendar; the clear button (or Delete on the selected date) empties it."""

    cleared = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setLocale(VI_LOCALE)
        self.setCalendarPopup(True)
        self.setDisplayFormat("dd/MM/yyyy")
        self.setDateRange(EMPTY_DATE, QDate(2999, 12, 31))
        self.setSpecialValueText(NO_DATE)
        clear = self.lineEdit().addAction(self.style().standardIcon(QStyle.StandardPixmap.SP_LineEditClearButton),
                                          QLineEdit.ActionPosition.TrailingPosition)
        clear.setToolTip("Bỏ hạn hoàn thành")
        clear.triggered.connect(self._clear_and_finish)
        self.clear_action = clear
        self.calendarWidget().setLocale(VI_LOCALE)

    def sizeHint(self):
        # Qt's hint leaves no room for the clear button inside the field
        hint = super().sizeHint()
        hint.setWidth(hint.width() + self.fontMetrics().height() + 12)
        return hint

    def due(self) -> _dt.date | None:
        d = self.date()
        return None if d == EMPTY_DATE else d.toPython()

    def set_due(self, d: _dt.date | None) -> None:
        self.setDate(QDate(d.year, d.month, d.day) if d else EMPTY_DATE)

    def _clear_and_finish(self) -> None:
        self.setDate(EMPTY_DATE)
        self.cleared.emit()

    def _calendar_at_today(self) -> None:
        # an empty date would open the calendar in January 2000: show this month instead
        calendar = self.calendarWidget()
        if self.date() == EMPTY_DATE and calendar.isVisible():
            today = QDate.currentDate()
            calendar.setCurrentPage(today.year(), today.month())

    def mousePressEvent(self, e) -> None:
        super().mousePressEvent(e)   # a click on the arrow shows the calendar
        self._calendar_at_today()

    def keyPressEvent(self, e: QKeyEvent) -> None:
        edit = self.lineEdit()
        if e.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and (
                self.date() == EMPTY_DATE or edit.selectedText() == edit.text()):
            self.setDate(EMPTY_DATE)
            return
        super().keyPressEvent(e)     # F4 or Alt+Down shows the calendar
        self._calendar_at_today()


CELL_MARGIN_X = 4   # Qt's text margin in a cell, each side


class MeasureDelegate(QStyledItemDelegate):
    """The editor each column needs: wrapping text, a date with calendar, or the status list.
    Drawing is left to Qt (wrapped text, the last line elided when a row is capped, the status
    colours from the model): no Python runs per painted cell. `typed` tells about every keystroke
    in an open text cell (it is saved like any typing)."""

    typed = Signal()

    EDITOR_LINES = 5
    EDITOR_MIN_WIDTH = 260

    # --- editing ------------------------------------------------------------------------------------------
    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: QModelIndex) -> QWidget:
        col = index.column()
        if col == COL_DUE:
            editor = DueDateEdit(parent)
            editor.cleared.connect(lambda: self._finish(editor))
            return editor
        if col == COL_STATUS:
            combo = QComboBox(parent)
            for s in MeasureStatus:
                combo.addItem(s.label, s)
            combo.activated.connect(lambda _i: self._finish(combo))
            return combo
        editor = CellTextEditor(parent, multiline=FIELDS[col] in RICH_FIELDS)
        watch_typing(editor, self.typed.emit)
        editor.finished.connect(lambda: self._finish(editor))
        editor.tabbed.connect(lambda forward: self._finish(editor, QAbstractItemDelegate.EndEditHint.EditNextItem
                                                           if forward else
                                                           QAbstractItemDelegate.EndEditHint.EditPreviousItem))
        return editor

    def _finish(self, editor: QWidget,
                hint: QAbstractItemDelegate.EndEditHint = QAbstractItemDelegate.EndEditHint.NoHint) -> None:
        self.commitData.emit(editor)
        self.closeEditor.emit(editor, hint)

    def setEditorData(self, editor: QWidget, index: QModelIndex) -> None:
        m = index.model().measure(index.row())
        if isinstance(editor, DueDateEdit):
            editor.set_due(m.due)
        elif isinstance(editor, QComboBox):
            editor.setCurrentIndex(editor.findData(m.status))
        elif isinstance(editor, CellTextEditor):
            f = FIELDS[index.column()]
            typed = editor.toPlainText()
            # what is typed says what is stored (a save while typing trimmed a space the officer just
            # typed): left alone, or the space is eaten and the cursor jumps
            if not typed or not same_as_stored(f, typed, getattr(m, f)):
                text = getattr(m, f).plain if f in RICH_FIELDS else getattr(m, f)
                if typed != text:  # re-setting would move the cursor
                    editor.setPlainText(text)
                    editor.moveCursor(QTextCursor.MoveOperation.End)

    def setModelData(self, editor: QWidget, model: QAbstractTableModel, index: QModelIndex) -> None:
        if isinstance(editor, DueDateEdit):
            model.setData(index, editor.due(), Qt.ItemDataRole.EditRole)
        elif isinstance(editor, QComboBox):
            model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)
        elif isinstance(editor, CellTextEditor):
            model.setData(index, editor.toPlainText(), Qt.ItemDataRole.EditRole)

    def updateEditorGeometry(self, editor: QWidget, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        rect = QRect(option.rect)
        if isinstance(editor, CellTextEditor):
            # a narrow or one-line cell still gets room for a few lines
            lines = editor.fontMetrics().lineSpacing() * self.EDITOR_LINES + 12
            rect.setWidth(max(rect.width(), self.EDITOR_MIN_WIDTH))
            rect.setHeight(max(rect.height(), lines))
        else:
            # the date and the status: one line at the top of the cell, wide enough for the date
            # and its clear button even in a narrow column
            hint = editor.sizeHint()
            rect.setWidth(max(rect.width(), hint.width() + 8))
            rect.setHeight(hint.height())
        place_inside_view(editor, rect)


def place_inside_view(editor: QWidget, rect: QRect) -> None:
    """A cell editor grown beyond its cell (room for a few lines) is kept inside the view."""
    area = editor.parentWidget().rect() if editor.parentWidget() else rect
    rect.setWidth(min(rect.width(), area.width()))
    rect.setHeight(min(rect.height(), area.height()))
    if rect.right() > area.right():
        rect.moveRight(area.right())
    if rect.bottom() > area.bottom():
        rect.moveBottom(area.bottom())
    rect.moveLeft(max(rect.left(), 0))
    rect.moveTop(max(rect.top(), 0))
    editor.setGeometry(rect)
