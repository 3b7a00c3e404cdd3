"""The measures table's model: one owner's measures (a limitation's, or the general measures of
one section) as rows, a column a field. Every accepted cell edit is one undoable command over the
services; the model reloads from the context after each change and updates only the cells that
differ, so an open editor elsewhere in the table keeps what the officer is typing."""
from __future__ import annotations

import dataclasses
import datetime as _dt
import functools

from PySide6.QtCore import QAbstractTableModel, QDate, QModelIndex, QObject, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor

from ..domain.dates import day_text, read_day
from ..domain.deadlines import Deadline, format_range, is_overdue as deadline_overdue, read_deadline
from ..domain.model import Measure, MeasureStatus, Report
from ..domain.richtext import RichText, clean_text
from ..domain.text import one_line
from ..domain.changes import Changes
from ..services.board import reading_year
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

def _shown(value) -> str:
    """A cell's value as the officer reads it in a message."""
    if value is None or value == "":
        return "(trống)"
    if isinstance(value, RichText):
        return value.plain
    if isinstance(value, MeasureStatus):
        return value.label
    if isinstance(value, _dt.date):
        return day_text(value)
    return str(value)


# Fields kept as RichText: several paragraphs allowed, Enter starts a new line.
RICH_FIELDS = frozenset({"content", "measure"})
TEXT_COLUMNS = frozenset(i for i, f in enumerate(FIELDS) if f not in ("due", "status"))

NO_DATE = "—"
EMPTY_DATE = QDate(2000, 1, 1)   # stands for "no due date" in a date editor, shown as NO_DATE
STATUS_COLOURS = {  # (background, text); not started stays neutral
    MeasureStatus.DONE: (QColor("#d9f0dc"), QColor("#1b5e20")),
    MeasureStatus.IN_PROGRESS: (QColor("#fff0c4"), QColor("#7a4a00")),
}
OVERDUE_COLOUR = QColor("#b71c1c")
EMPTY_COLOUR = QColor("#808080")
UNREAD_COLOUR = QColor("#fff4ce")


def format_due(d: _dt.date | None) -> str:
    return day_text(d) if d else NO_DATE


@functools.lru_cache(maxsize=512)
def _read(text: str, due: _dt.date | None, year: int | None) -> Deadline:
    return read_deadline(text, due, default_year=year)


def deadline(m: Measure, year: int | None = None) -> Deadline:
    """The picked due date, or what the officer's "Thời gian thực hiện" says, read as the board
    and the CLI read it (`year`: what an undated "quý II" of this report means)."""
    return _read(m.timeframe, m.due, year)


def cell_text(m: Measure, col: int, year: int | None = None) -> str:
    """What a cell shows: plain text, the date as dd/mm/yyyy (≈ when read from the words, ⚠ when
    the words give no date), a standing duty's phrase ("Thường xuyên": no date to pick), the
    status label."""
    f = FIELDS[col]
    value = getattr(m, f)
    if f in RICH_FIELDS:
        return value.plain
    if f == "due":
        if value is None and m.timeframe.strip():
            d = deadline(m, year)
            if d.standing:
                return d.standing
            return f"≈ {format_due(d.end)}" if d.understood and d.end else "⚠ chọn hạn"
        return format_due(value)
    if f == "status":
        return value.label
    return value


def is_overdue(m: Measure, today: _dt.date | None = None, year: int | None = None) -> bool:
    return deadline_overdue(deadline(m, year), m.status is MeasureStatus.DONE, today or _dt.date.today())


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
        # cells the database refused to write, by (measure id, field): (what was typed, the measure
        # with it), shown in the table and written again on the next try
        self._pending: dict[tuple[int, str], tuple[object, Measure]] = {}
        self.autosave = None   # the table's save-manager entry (MeasuresTable sets it)
        self.year: int | None = None   # what an undated deadline of the report means (as the board)
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
        report = self.ctx.report()
        fresh = owner_measures(report, self.limitation_id, self.section_id)
        self.year = reading_year(self.ctx.service, report)
        ids = {m.id for m in fresh}
        self._pending = {k: v for k, v in self._pending.items() if k[0] in ids}
        changed = force
        if force or [m.id for m in fresh] != [m.id for m in self._measures]:
            self.beginResetModel()
            self._measures = fresh
            self.endResetModel()
            changed = True
        else:
            old, self._measures = self._measures, fresh
            # only the cells that differ: the view then refreshes an open editor on exactly those
            for row, (a, b) in enumerate(zip(old, fresh, strict=True)):  # same ids, checked above
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
        if (m.id, f) in self._pending:   # typed, refused by the database: still what the officer sees
            m = self._pending[(m.id, f)][1]
        value = getattr(m, f)
        year = self.year
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return cell_text(m, col, year)
        if role == Qt.ItemDataRole.ToolTipRole:
            if f == "due":
                d = deadline(m, year)
                if is_overdue(m, year=year):
                    return f"Đã quá hạn hoàn thành ({format_due(d.end)})"
                if value is None and d.standing:
                    return f"{d.note} Có thể chọn ngày nếu muốn đặt hạn."
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
                and not deadline(m, year).understood:
            return UNREAD_COLOUR  # the words give no date: the officer should pick one
        if role == Qt.ItemDataRole.BackgroundRole and f == "status":
            colours = STATUS_COLOURS.get(value)
            return colours[0] if colours else None
        if role == Qt.ItemDataRole.ForegroundRole:
            if f == "status":
                colours = STATUS_COLOURS.get(value)
                return colours[1] if colours else None
            if f == "due":
                if is_overdue(m, year=year):
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
            if self._pending.pop((old.id, f), None) is not None:   # typed back to what is stored
                self.dataChanged.emit(index, index)
            return False
        new = dataclasses.replace(old, **{f: new_value})
        before = dataclasses.replace(old)
        svc = self.ctx.service

        def write() -> None:
            self.ctx.run("Sửa biện pháp", lambda: svc.update_measure(new, before),
                         lambda: svc.update_measure(before, new),
                         merge_key=("measure", old.id, f) if index.column() in TEXT_COLUMNS else None)
        with self.ctx.answering_clash(lambda _exc: None):   # asked below, with both values
            if self.autosave is not None:
                self.ctx.saves.write(self.autosave, write)   # typing: kept and retried if refused
            else:
                write()
        if self.ctx.last_clash:
            self._after_clash(old.id, index.column(), value, new_value)
            return False
        key = (old.id, f)
        if self.ctx.last_failed:
            self._pending[key] = (value, new)
            self.dataChanged.emit(index, index)
        elif self._pending.pop(key, None) is not None:
            self.dataChanged.emit(index, index)
        return self.ctx.last_ok

    def _after_clash(self, measure_id: int, column: int, value, typed) -> None:
        """Another program changed this measure since the table showed it (the table now shows what
        is stored): the officer chooses which value of the cell stays; the typed one is written over
        the other when kept."""
        from . import messages
        parent = self.ctx.parent_widget
        row = self.row_of(measure_id)
        f, name = COLUMNS[column]
        if row < 0:
            messages.warn(parent, f"Biện pháp BP-{measure_id} vừa bị xóa ở nơi khác, nên “{name}” bạn vừa nhập "
                                  f"(“{_shown(typed)}”) không ghi được vào đâu.")
            return
        theirs = getattr(self._measures[row], f)
        if theirs == typed or not messages.keep_typed(parent, f"Biện pháp BP-{measure_id}",
                                                      [(name, _shown(theirs), _shown(typed))]):
            return
        self.setData(self.index(row, column), value)

    def write_pending(self) -> None:
        """Try again the cells the database refused."""
        for (measure_id, f), (value, _measure) in list(self._pending.items()):
            row = self.row_of(measure_id)
            if row < 0:
                continue
            self.setData(self.index(row, FIELDS.index(f)), value)
            if self.ctx.last_failed:
                return

    def unsaved(self) -> list[tuple[str, str]]:
        """The refused cells and the cell being typed in, for saving elsewhere."""
        out = []
        for (measure_id, f), (_value, m) in self._pending.items():
            col = FIELDS.index(f)
            out.append((f"Biện pháp {self.row_of(measure_id) + 1} — {COLUMNS[col][1]}", cell_text(m, col)))
        return out


_UNCHANGED = object()


def same_as_stored(field: str, typed: str, current) -> bool:
    """Whether saving `typed` in `field` would write nothing (it says what `current` says)."""
    try:
        return _coerce(field, typed, current) is _UNCHANGED
    except ValueError:
        return False


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
    text = one_line("" if value is None else str(value))
    return _UNCHANGED if text == current else text


def _parse_date(text: str) -> _dt.date | None:
    t = text.strip()
    if not t or t == NO_DATE:
        return None
    try:
        return read_day(t)
    except ValueError:
        raise ValueError(f"ngày “{text}” không hợp lệ (dd/mm/yyyy)") from None


