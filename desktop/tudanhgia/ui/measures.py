"""Measures (biện pháp) as an editable table: those of one limitation, or the general measures
listed in one section of the report.

Every accepted cell edit is one undoable command over the services; the model reloads from the
context after each change and updates only the cells that differ, so an open editor elsewhere
in the table keeps what the officer is typing."""
from __future__ import annotations

import dataclasses
import datetime as _dt
import functools

from PySide6.QtCore import (QAbstractTableModel, QDate, QLocale, QModelIndex, QObject,
                            QPersistentModelIndex, QRect, Qt, QTimer, Signal)
from PySide6.QtGui import QColor, QKeyEvent, QPalette, QTextCursor
from PySide6.QtWidgets import (QAbstractItemDelegate, QAbstractItemView, QApplication, QComboBox, QDateEdit,
                               QHBoxLayout, QHeaderView, QLabel, QLineEdit, QPlainTextEdit,
                               QSizePolicy, QStyle, QStyledItemDelegate, QStyleOptionViewItem,
                               QTableView, QToolButton, QVBoxLayout, QWidget)

from ..domain.deadlines import Deadline, format_range, is_overdue as deadline_overdue, parse_timeframe
from ..domain.model import Measure, MeasureStatus, Report
from ..domain.richtext import RichText, clean_text
from ..services.changes import Changes
from .context import EditorContext

# (field of Measure, column header)
COLUMNS: tuple[tuple[str, str], ...] = (
    ("content", "Nội dung"),
    ("measure", "Biện pháp"),
    ("directed_by", "Chỉ đạo thực hiện"),
    ("lead_unit", "Đơn vị tham mưu/chủ trì"),
    ("cooperating", "Phối hợp thực hiện"),
    ("timeframe", "Thời gian thực hiện"),
    ("due", "Hạn hoàn thành"),
    ("status", "Trạng thái"),
    ("result", "Kết quả"),
)
(COL_CONTENT, COL_MEASURE, COL_DIRECTED_BY, COL_LEAD_UNIT, COL_COOPERATING, COL_TIMEFRAME,
 COL_DUE, COL_STATUS, COL_RESULT) = range(len(COLUMNS))
FIELDS = tuple(f for f, _ in COLUMNS)

# Fields kept as RichText: several paragraphs allowed, Enter starts a new line.
RICH_FIELDS = frozenset({"content", "measure"})
TEXT_COLUMNS = frozenset(i for i, f in enumerate(FIELDS) if f not in ("due", "status"))

NO_DATE = "—"
STATUS_COLOURS = {  # (background, text); not started stays neutral
    MeasureStatus.DONE: (QColor("#d9f0dc"), QColor("#1b5e20")),
    MeasureStatus.IN_PROGRESS: (QColor("#fff0c4"), QColor("#7a4a00")),
}
OVERDUE_COLOUR = QColor("#b71c1c")
EMPTY_COLOUR = QColor("#808080")
UNREAD_COLOUR = QColor("#fff4ce")


def format_due(d: _dt.date | None) -> str:
    return d.strftime("%d/%m/%Y") if d else NO_DATE


@functools.lru_cache(maxsize=512)
def _read_timeframe(text: str) -> Deadline:
    return parse_timeframe(text)


def deadline(m: Measure) -> Deadline:
    """The picked due date, or what the officer's "Thời gian thực hiện" says (never guessed)."""
    if m.due is not None:
        return Deadline(None, m.due, True, "")
    return _read_timeframe(m.timeframe)


def cell_text(m: Measure, col: int) -> str:
    """What a cell shows: plain text, the date as dd/mm/yyyy (≈ when read from the words, ⚠ when
    the words give no date), the status label."""
    f = FIELDS[col]
    value = getattr(m, f)
    if f in RICH_FIELDS:
        return value.plain
    if f == "due":
        if value is None and m.timeframe.strip():
            d = deadline(m)
            return f"≈ {format_due(d.end)}" if d.understood and d.end else "⚠ chọn hạn"
        return format_due(value)
    if f == "status":
        return value.label
    return value


def is_overdue(m: Measure, today: _dt.date | None = None) -> bool:
    return deadline_overdue(deadline(m), m.status is MeasureStatus.DONE, today or _dt.date.today())


def owner_measures(report: Report, limitation_id: int | None, section_id: int | None) -> list[Measure]:
    """The measures an owner lists: a limitation's, or the general measures of a section."""
    if limitation_id is not None:
        lim = next((x for x in report.limitations if x.id == limitation_id), None)
        return list(lim.measures) if lim else []
    if section_id is not None:
        section = report.find(section_id)
        return report.general_measures_of(section) if section is not None else []
    return []


class MeasuresModel(QAbstractTableModel):
    """The measures of one owner; `setData` writes through `ctx.run` (one command per edit)."""

    reloaded = Signal()

    def __init__(self, ctx: EditorContext, parent: QObject | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.limitation_id: int | None = None
        self.section_id: int | None = None
        self._measures: list[Measure] = []
        ctx.changed.connect(self._on_changed)

    # --- owner and reload -------------------------------------------------------------------------
    def set_owner(self, limitation_id: int | None, section_id: int | None) -> None:
        """Show another owner's measures (the same owner stays fresh through ctx.changed)."""
        if (limitation_id, section_id) == (self.limitation_id, self.section_id):
            return
        self.limitation_id, self.section_id = limitation_id, section_id
        self.reload(force=True)

    def _on_changed(self, changes: Changes, _initiator) -> None:
        if changes.touches_limitations():
            self.reload()

    def reload(self, force: bool = False) -> None:
        """Read the owner's measures again; `reloaded` tells the view when anything differs."""
        fresh = owner_measures(self.ctx.report(), self.limitation_id, self.section_id)
        changed = force
        if force or [m.id for m in fresh] != [m.id for m in self._measures]:
            self.beginResetModel()
            self._measures = fresh
            self.endResetModel()
            changed = True
        else:
            old, self._measures = self._measures, fresh
            # only the cells that differ: the view then refreshes an open editor on exactly those
            for row, (a, b) in enumerate(zip(old, fresh)):
                for col, f in enumerate(FIELDS):
                    if getattr(a, f) != getattr(b, f):
                        idx = self.index(row, col)
                        self.dataChanged.emit(idx, idx)
                        changed = True
        if changed:
            self.reloaded.emit()

    # --- access --------------------------------------------------------------------------------------
    @property
    def measures(self) -> list[Measure]:
        return list(self._measures)

    def measure(self, row: int) -> Measure:
        return self._measures[row]

    def column_has_text(self, col: int) -> bool:
        f = FIELDS[col]
        return any(getattr(m, f) for m in self._measures)

    def row_of(self, measure_id: int | None) -> int:
        return next((i for i, m in enumerate(self._measures) if m.id == measure_id), -1)

    # --- Qt model ---------------------------------------------------------------------------------------
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._measures)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal:
            if role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(COLUMNS):
                return COLUMNS[section][1]
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return str(section + 1)
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEditable

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._measures):
            return None
        m, col = self._measures[index.row()], index.column()
        f = FIELDS[col]
        value = getattr(m, f)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return cell_text(m, col)
        if role == Qt.ItemDataRole.ToolTipRole:
            if f == "due":
                d = deadline(m)
                if is_overdue(m):
                    return f"Đã quá hạn hoàn thành ({format_due(d.end)})"
                if value is None and m.timeframe.strip():
                    if d.understood:
                        return (f"Đọc từ “Thời gian thực hiện”: {format_range(d)}. "
                                "Chọn ngày để đặt hạn hoàn thành chính xác.")
                    return d.note
                return "Chưa đặt hạn hoàn thành" if value is None else None
            if col in TEXT_COLUMNS:
                text = value.plain if f in RICH_FIELDS else value
                return text or None
            return None
        if role == Qt.ItemDataRole.BackgroundRole and f == "due" and value is None and m.timeframe.strip() \
                and not deadline(m).understood:
            return UNREAD_COLOUR  # the words give no date: the officer should pick one
        if role == Qt.ItemDataRole.BackgroundRole and f == "status":
            colours = STATUS_COLOURS.get(value)
            return colours[0] if colours else None
        if role == Qt.ItemDataRole.ForegroundRole:
            if f == "status":
                colours = STATUS_COLOURS.get(value)
                return colours[1] if colours else None
            if f == "due":
                if is_overdue(m):
                    return OVERDUE_COLOUR
                return EMPTY_COLOUR if value is None else None
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            horizontal = Qt.AlignmentFlag.AlignHCenter if f in ("due", "status") else Qt.AlignmentFlag.AlignLeft
            return int(horizontal | Qt.AlignmentFlag.AlignTop)
        return None

    def setData(self, index: QModelIndex | QPersistentModelIndex, value, role: int = Qt.ItemDataRole.EditRole) -> bool:
        """Accept an edit of one cell: text, a `date`/`QDate`/None for the due date, a `MeasureStatus`
        or its label for the status. Unchanged values write nothing (formatting is kept)."""
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or not 0 <= index.row() < len(self._measures):
            return False
        old = self._measures[index.row()]
        f = FIELDS[index.column()]
        try:
            new_value = _coerce(f, value, getattr(old, f))
        except ValueError:
            return False
        if new_value is _UNCHANGED:
            return False
        new = dataclasses.replace(old, **{f: new_value})
        before = dataclasses.replace(old)
        svc = self.ctx.service
        self.ctx.run("Sửa biện pháp", lambda: svc.update_measure(new), lambda: svc.update_measure(before))
        return True


_UNCHANGED = object()


def _coerce(field: str, value, current):
    """The typed `value` as the field's type, or _UNCHANGED when it is what is stored."""
    if field in RICH_FIELDS:
        text = clean_text("" if value is None else str(value))
        if text == current.plain or RichText.from_plain(text) == current:
            return _UNCHANGED  # same words: keep the stored runs (bold, italic, footnotes)
        return RichText.from_plain(text)
    if field == "due":
        if isinstance(value, QDate):
            value = value.toPython() if value.isValid() and value != EMPTY_DATE else None
        elif isinstance(value, str):
            value = _parse_date(value)
        elif isinstance(value, _dt.datetime):
            value = value.date()
        elif value is not None and not isinstance(value, _dt.date):
            raise ValueError(value)
        return _UNCHANGED if value == current else value
    if field == "status":
        status = value if isinstance(value, MeasureStatus) else MeasureStatus.from_label(str(value))
        return _UNCHANGED if status is current else status
    # one-line fields: printed after their label inside a sentence, so no line breaks
    text = " ".join(clean_text("" if value is None else str(value)).split())
    return _UNCHANGED if text == current else text


def _parse_date(text: str) -> _dt.date | None:
    t = text.strip()
    if not t or t == NO_DATE:
        return None
    try:
        return _dt.datetime.strptime(t, "%d/%m/%Y").date()
    except ValueError:
        raise ValueError(f"ngày “{text}” không hợp lệ (dd/mm/yyyy)") from None


# --- editors --------------------------------------------------------------------------------------
EMPTY_DATE = QDate(2000, 1, 1)   # stands for "no due date", shown as the special text "—"
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
    colours from the model): no Python runs per painted cell."""

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
            text = getattr(m, f).plain if f in RICH_FIELDS else getattr(m, f)
            if editor.toPlainText() != text:  # re-setting would move the cursor
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
        area = editor.parentWidget().rect() if editor.parentWidget() else rect
        rect.setWidth(min(rect.width(), area.width()))
        rect.setHeight(min(rect.height(), area.height()))
        if rect.right() > area.right():   # kept inside the view
            rect.moveRight(area.right())
        if rect.bottom() > area.bottom():
            rect.moveBottom(area.bottom())
        rect.moveLeft(max(rect.left(), 0))
        rect.moveTop(max(rect.top(), 0))
        editor.setGeometry(rect)


# --- the view ---------------------------------------------------------------------------------------
# Share of the free width per text column; the date and status columns get what their text needs.
WEIGHTS = {COL_CONTENT: 3.0, COL_MEASURE: 4.0, COL_DIRECTED_BY: 1.5, COL_LEAD_UNIT: 1.7,
           COL_COOPERATING: 1.6, COL_TIMEFRAME: 1.8, COL_RESULT: 1.8}
MIN_COLUMN = 80
MAX_ROW_LINES = 7


def share_width(free: int, weights: dict[int, float], minimum: int) -> dict[int, int]:
    """Split `free` pixels by weight; a column below `minimum` gets the minimum and the others
    share what is left, so the columns fill the view without a horizontal scroll bar."""
    widths: dict[int, int] = {}
    rest = dict(weights)
    while rest:
        total = sum(rest.values()) or 1
        room = free - sum(widths.values())
        small = {c for c, w in rest.items() if room * w / total < minimum}
        if not small:
            widths.update({c: int(room * w / total) for c, w in rest.items()})
            break
        for c in small:
            widths[c] = minimum
            del rest[c]
    return widths


class MeasuresView(QTableView):
    """Word-wrapped rows (at most MAX_ROW_LINES lines high, the rest in the tooltip) and columns
    that share the width whenever the view is resized."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWordWrap(True)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setAlternatingRowColors(True)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked | QAbstractItemView.EditTrigger.EditKeyPressed
                             | QAbstractItemView.EditTrigger.AnyKeyPressed
                             | QAbstractItemView.EditTrigger.SelectedClicked)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        header = self.horizontalHeader()
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setHighlightSections(False)
        header.sectionResized.connect(self._schedule_fit_rows)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.verticalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        palette = self.palette()
        for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
            # a light selection keeps the status colours and long texts readable
            palette.setColor(group, QPalette.ColorRole.Highlight, QColor("#cfe2f7"))
            palette.setColor(group, QPalette.ColorRole.HighlightedText, QColor("#000000"))
        self.setPalette(palette)
        self._fitting = False
        self.user_sized = False   # once the officer drags a column, the widths are theirs
        self._rows_timer = QTimer(self, singleShot=True, interval=0)
        self._rows_timer.timeout.connect(self.fit_rows)

    def fixed_width(self, col: int) -> int:
        fm = self.fontMetrics()
        if col == COL_DUE:
            return max(fm.horizontalAdvance("31/12/2030"), fm.horizontalAdvance("hoàn thành")) + 2 * CELL_MARGIN_X + 10
        return max(fm.horizontalAdvance(s.label) for s in MeasureStatus) + 2 * CELL_MARGIN_X + 10

    def weight(self, col: int) -> float:
        # a column nobody has filled in yet stays narrow, but wide enough to start typing
        model = self.model()
        return WEIGHTS[col] if model.column_has_text(col) else min(WEIGHTS[col], 1.0)

    def fit_columns(self) -> None:
        """Share the width: fixed columns first, then the text columns by weight."""
        if self.model() is None:
            return
        self._fitting = True
        try:
            fixed = [c for c in (COL_DUE, COL_STATUS) if not self.isColumnHidden(c)]
            free = self.viewport().width() - sum(self.fixed_width(c) for c in fixed)
            weights = {c: self.weight(c) for c in WEIGHTS if not self.isColumnHidden(c)}
            widths = {c: self.fixed_width(c) for c in fixed} | share_width(free, weights, MIN_COLUMN)
            for c, width in widths.items():
                if self.columnWidth(c) != width:
                    self.setColumnWidth(c, width)
        finally:
            self._fitting = False
        self.fit_header()
        self.fit_rows()

    def fit_header(self) -> None:
        # wrapped header labels need the height of their longest wrapped label
        header = self.horizontalHeader()
        fm = header.fontMetrics()
        height = fm.height() + 10
        for c in range(header.count()):
            if header.isSectionHidden(c):
                continue
            text = str(self.model().headerData(c, Qt.Orientation.Horizontal) or "")
            box = fm.boundingRect(QRect(0, 0, max(header.sectionSize(c) - 10, 20), 1000),
                                  int(Qt.TextFlag.TextWordWrap), text)
            height = max(height, box.height() + 10)
        if header.height() != height:
            header.setFixedHeight(height)

    def _schedule_fit_rows(self, *_args) -> None:
        if self._fitting:
            return
        if QApplication.mouseButtons() & Qt.MouseButton.LeftButton:
            self.user_sized = True  # a drag on the header, not a column being shown or hidden
        self._rows_timer.start()

    def refit(self) -> None:
        """After the data changed: widths follow the content unless the officer set them."""
        if self.user_sized:
            self.fit_rows()
        else:
            self.fit_columns()

    def fit_rows(self) -> None:
        if self.model() is None:
            return
        self.resizeRowsToContents()
        # whole lines only: Qt then ends the last one with "…" instead of showing half a line
        cap = self.fontMetrics().lineSpacing() * MAX_ROW_LINES + 2
        for r in range(self.model().rowCount()):
            if self.rowHeight(r) > cap:
                self.setRowHeight(r, cap)

    def resizeEvent(self, e) -> None:
        super().resizeEvent(e)
        if self.user_sized:
            self.fit_rows()
        else:
            self.fit_columns()


def text_button(text: str, tip: str) -> QToolButton:
    """A compact button: as wide as its words, so a narrow panel keeps room for the table."""
    button = QToolButton()
    button.setText(text)
    button.setToolTip(tip)
    button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
    button.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
    return button


class MeasuresTable(QWidget):
    """The measures of a limitation or of a section's general list, with add / delete / move."""

    def __init__(self, ctx: EditorContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.model = MeasuresModel(ctx, self)
        self.view = MeasuresView(self)
        self.view.setModel(self.model)
        self.delegate = MeasureDelegate(self.view)
        self.view.setItemDelegate(self.delegate)

        self.title = QLabel()
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.title.setStyleSheet("font-weight: bold;")
        self.title.setWordWrap(True)
        self.btn_add = text_button("Thêm biện pháp", "Thêm một biện pháp vào cuối danh sách")
        self.btn_delete = text_button("Xóa", "Xóa biện pháp đang chọn (có thể hoàn tác)")
        self.btn_up = text_button("Lên", "Chuyển biện pháp đang chọn lên trên")
        self.btn_down = text_button("Xuống", "Chuyển biện pháp đang chọn xuống dưới")
        guard = ctx.saves.guard  # every button writes what was typed first
        self.btn_add.clicked.connect(guard(self.add_measure))
        self.btn_delete.clicked.connect(guard(self.delete_measure))
        self.btn_up.clicked.connect(guard(lambda: self.move_measure(-1)))
        self.btn_down.clicked.connect(guard(lambda: self.move_measure(+1)))
        # a cell being typed in is written before any action, like every other editor
        ctx.saves.register("measures", self.commit_editing, owner=self)

        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        bar.addWidget(self.title, 1)
        for b in (self.btn_add, self.btn_delete, self.btn_up, self.btn_down):
            bar.addWidget(b)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)

        self._keep_id: int | None = None
        self.model.modelAboutToBeReset.connect(self._remember_current)
        self.model.modelReset.connect(self._restore_current)
        self.model.reloaded.connect(self._after_reload)
        self.view.selectionModel().currentRowChanged.connect(lambda *_: self._update_buttons())
        self._update_buttons()

    def commit_editing(self) -> None:
        """Write the text of an open cell editor now; the editor stays open."""
        if self.view.state() != QAbstractItemView.State.EditingState:
            return
        editor = self.view.indexWidget(self.view.currentIndex())
        if editor is not None:
            self.delegate.commitData.emit(editor)

    # --- owner ------------------------------------------------------------------------------------------
    def set_owner(self, limitation_id: int | None, section_id: int | None) -> None:
        """Show a limitation's measures, or (limitation_id None) the general measures of a section."""
        self.model.set_owner(limitation_id, section_id)

    def set_title(self, text: str) -> None:
        if self.title.text() != text:
            self.title.setText(text)

    @property
    def has_owner(self) -> bool:
        return self.model.limitation_id is not None or self.model.section_id is not None

    # --- selection --------------------------------------------------------------------------------------
    def current_row(self) -> int:
        idx = self.view.currentIndex()
        return idx.row() if idx.isValid() else -1

    def current_measure_id(self) -> int | None:
        row = self.current_row()
        return self.model.measure(row).id if 0 <= row < self.model.rowCount() else None

    def select_measure(self, measure_id: int | None, column: int | None = None) -> None:
        row = self.model.row_of(measure_id)
        if row < 0:
            return
        col = column if column is not None else self._main_column()
        idx = self.model.index(row, col)
        self.view.setCurrentIndex(idx)
        self.view.scrollTo(idx)

    def _main_column(self) -> int:
        return COL_MEASURE if self.model.limitation_id is not None else COL_CONTENT

    def _remember_current(self) -> None:
        self._keep_id = self.current_measure_id()

    def _restore_current(self) -> None:
        if self._keep_id is not None:
            self.select_measure(self._keep_id)
        self._keep_id = None

    def _after_reload(self) -> None:
        # a limitation's measures rarely have a "Nội dung" of their own: the limitation is it
        hide = self.model.limitation_id is not None and not self.model.column_has_text(COL_CONTENT)
        if self.view.isColumnHidden(COL_CONTENT) != hide:
            self.view.setColumnHidden(COL_CONTENT, hide)
        self.view.refit()
        self._update_buttons()

    def _update_buttons(self) -> None:
        row, n = self.current_row(), self.model.rowCount()
        for button, enabled in ((self.btn_add, self.has_owner), (self.btn_delete, 0 <= row < n),
                                (self.btn_up, 0 < row < n), (self.btn_down, 0 <= row < n - 1)):
            if button.isEnabled() != enabled:
                button.setEnabled(enabled)

    # --- edits (each one undoable) -------------------------------------------------------------------------
    def _siblings(self) -> list[Measure]:
        """The list the service orders this measure in: the limitation's, or all general measures."""
        report = self.ctx.report()
        if self.model.limitation_id is not None:
            return owner_measures(report, self.model.limitation_id, None)
        return list(report.measures)

    def add_measure(self, edit: bool = True) -> int | None:
        """Append an empty measure and (with `edit`) start typing its main text; returns its id."""
        if not self.has_owner:
            return None
        svc, report_id = self.ctx.service, self.ctx.report_id
        lim_id, section_id = self.model.limitation_id, self.model.section_id
        section = self.ctx.report().find(section_id) if lim_id is None else None
        if lim_id is None and section is None:
            return None
        measure = Measure(section=section)
        state: dict = {}

        def do():
            if "snapshot" in state:  # redo: the same row again, later commands refer to its id
                svc.restore_measure(*state["snapshot"])
            else:
                svc.add_measure(report_id, measure, lim_id)

        def undo():
            state["snapshot"] = svc.measure_snapshot(measure.id)
            svc.delete_measure(measure.id)

        self.ctx.run("Thêm biện pháp", do, undo)
        if measure.id is None:
            return None
        self.select_measure(measure.id)
        if edit:
            self.view.setFocus()
            self.view.edit(self.view.currentIndex())
        return measure.id

    def delete_measure(self) -> None:
        measure_id = self.current_measure_id()
        if measure_id is None:
            return
        row = self.current_row()
        svc = self.ctx.service
        state: dict = {}

        def do():
            state["snapshot"] = svc.measure_snapshot(measure_id)
            svc.delete_measure(measure_id)

        self.ctx.run("Xóa biện pháp", do, lambda: svc.restore_measure(*state["snapshot"]))
        n = self.model.rowCount()
        if n:
            self.select_measure(self.model.measure(min(row, n - 1)).id)
        self._update_buttons()

    def move_measure(self, step: int) -> None:
        """Move the selected measure one place up (-1) or down (+1) in this table."""
        row = self.current_row()
        if not 0 <= row + step < self.model.rowCount() or row < 0:
            return
        me, other = self.model.measure(row), self.model.measure(row + step)
        ids = [m.id for m in self._siblings()]
        # general measures are ordered among all the report's general measures, not per section
        old_index, target = ids.index(me.id), ids.index(other.id)
        svc = self.ctx.service
        self.ctx.run("Chuyển biện pháp lên" if step < 0 else "Chuyển biện pháp xuống",
                     lambda: svc.move_measure(me.id, target), lambda: svc.move_measure(me.id, old_index))
        self.select_measure(me.id, self.view.currentIndex().column() if self.view.currentIndex().isValid() else None)
