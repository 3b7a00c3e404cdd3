"""Measures (biện pháp) as an editable table: those of one limitation, or the general measures
listed in one section of the report — the view (columns shared by weight, rows fitted to their
text) and the panel with its buttons. The model is measures_model.py, the cell editors
measures_delegates.py."""
from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QRect, Qt, QTimer
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import (QAbstractItemView, QApplication, QHBoxLayout, QHeaderView, QLabel, QSizePolicy,
                               QTableView, QToolButton, QVBoxLayout, QWidget)

from ..domain.model import Measure, MeasureStatus
from . import commands, window_layout
from .cell_typing import commit_open_editor
from .context import EditorContext
# the model and the editors live in their own modules; their names stay importable from here
from .measures_delegates import CELL_MARGIN_X, CellTextEditor, DueDateEdit, MeasureDelegate  # noqa: F401
from .measures_model import (COL_CONTENT, COL_COOPERATING, COL_DIRECTED_BY, COL_DUE, COL_LEAD_UNIT,  # noqa: F401
                             COL_MEASURE, COL_RESULT, COL_STATUS, COL_TIMEFRAME, COLUMNS, MeasuresModel,
                             owner_measures)

# --- the view ---------------------------------------------------------------------------------------
# Share of the free width per text column; the date and status columns get what their text needs.
WEIGHTS = {COL_CONTENT: 3.0, COL_MEASURE: 4.0, COL_DIRECTED_BY: 1.5, COL_LEAD_UNIT: 1.7,
           COL_COOPERATING: 1.6, COL_TIMEFRAME: 1.8, COL_RESULT: 1.8}
MIN_COLUMN = 80
NARROW_COLUMN = 44   # on a small screen a text column may go down to this (a word or two a line)
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
        # a column is the officer's once they press on the header (a drag, a double-click on an
        # edge); the button held elsewhere (the double-click that opened the report) says nothing
        self._header_pressed = False
        header.viewport().installEventFilter(self)
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
        self._columns_restored = False
        self._restoring = False
        self._rows_timer = QTimer(self, singleShot=True, interval=0)
        self._rows_timer.timeout.connect(self.fit_rows)

    def fixed_width(self, col: int, compact: bool = False) -> int:
        """The date's and the status's width; `compact` (a narrow view): a status of two words
        may take two lines, leaving the text columns room."""
        fm = self.fontMetrics()
        if col == COL_DUE:
            return max(fm.horizontalAdvance("31/12/2030"), fm.horizontalAdvance("hoàn thành")) + 2 * CELL_MARGIN_X + 10
        texts = [w for s in MeasureStatus for w in s.label.split()] if compact else [s.label for s in MeasureStatus]
        return max(fm.horizontalAdvance(t) for t in texts) + 2 * CELL_MARGIN_X + 10

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
            weights = {c: self.weight(c) for c in WEIGHTS if not self.isColumnHidden(c)}
            compact = self.viewport().width() - sum(self.fixed_width(c) for c in fixed) < MIN_COLUMN * len(weights)
            free = self.viewport().width() - sum(self.fixed_width(c, compact) for c in fixed)
            # a narrow view keeps every column in sight (no sideways scrolling): the minimum gives way
            minimum = max(NARROW_COLUMN, min(MIN_COLUMN, free // max(len(weights), 1)))
            widths = {c: self.fixed_width(c, compact) for c in fixed} | share_width(free, weights, minimum)
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

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if obj is self.horizontalHeader().viewport():
            kind = event.type()
            if kind in (QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonDblClick):
                self._header_pressed = True
            elif kind == QEvent.Type.MouseButtonRelease:
                self._header_pressed = False
        return super().eventFilter(obj, event)

    def _schedule_fit_rows(self, *_args) -> None:
        if self._fitting:
            return
        # a drag on the header (the button still down: a release the header never saw ends it too),
        # not a column being shown or hidden
        if self._header_pressed and QApplication.mouseButtons() & Qt.MouseButton.LeftButton:
            self.user_sized = True
        if self.user_sized and not self._restoring:
            settings = window_layout.settings_of(self)
            if settings is not None:   # the next table, and the next run, open with these widths
                window_layout.save_columns(settings, self)
        self._rows_timer.start()

    def showEvent(self, e) -> None:
        super().showEvent(e)
        if self._columns_restored or self.model() is None:
            return
        self._columns_restored = True
        settings = window_layout.settings_of(self)
        widths = window_layout.saved_columns(settings, self.model().columnCount()) if settings else None
        if widths is not None:   # the widths the officer gave the columns last time
            self._restoring = True
            try:
                for c, width in enumerate(widths):
                    if width:   # 0: hidden then, its width here stays
                        self.setColumnWidth(c, width)
            finally:
                self._restoring = False
            self.user_sized = True
            self.fit_header()
            self.fit_rows()

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
        rows = range(self.model().rowCount())
        if sum(self.rowHeight(r) for r in rows) <= self.viewport().height():
            return   # every row whole fits the view (a large screen): nothing cut to "…"
        # whole lines only: Qt then ends the last one with "…" instead of showing half a line; a
        # row alone (or one of few) may take the view's height rather than leave it empty below
        line = self.fontMetrics().lineSpacing()
        share = self.viewport().height() // max(len(rows), 1)
        cap = line * max(MAX_ROW_LINES, (share - 2) // line) + 2
        for r in rows:
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
        # a cell being typed in is written like every other typing: after the pause, at the
        # latest a quarter of a second after the first key, and before any action
        self.autosave = ctx.saves.register("measures", self.commit_editing, owner=self, unsaved=self.model.unsaved)
        self.model.autosave = self.autosave
        self.delegate.typed.connect(self.autosave.mark_dirty)

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
        """Write the text of an open cell editor now (the editor stays open), and the cells the
        database refused before."""
        self.model.write_pending()
        commit_open_editor(self.view)

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
        measure_id = commands.run_add(self.ctx, "Thêm biện pháp",
                                      lambda: svc.add_measure(report_id, Measure(section=section), lim_id),
                                      commands.measure_rows(svc))
        if measure_id is None:
            return None
        self.select_measure(measure_id)
        if edit:
            self.view.setFocus()
            self.view.edit(self.view.currentIndex())
        return measure_id

    def delete_measure(self) -> None:
        measure_id = self.current_measure_id()
        if measure_id is None:
            return
        row = self.current_row()
        commands.run_delete(self.ctx, "Xóa biện pháp", measure_id, commands.measure_rows(self.ctx.service))
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
