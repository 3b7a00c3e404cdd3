"""The start page: reports grouped by unit, filterable by unit, kind, period and text, with the
selected report's outline, progress and what still needs a look."""
from __future__ import annotations

import operator
from typing import TYPE_CHECKING

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, QTimer, Signal
from PySide6.QtGui import QFont, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QGridLayout, QHBoxLayout, QHeaderView, QLabel,
                               QLineEdit, QPushButton, QSplitter, QTreeView, QTreeWidget, QTreeWidgetItem,
                               QVBoxLayout, QWidget)

from ..errors import ServiceError
from ..store.catalog import Catalog, ReportSummary

if TYPE_CHECKING:
    from PySide6.QtCore import Qt

    from ..domain.model import Report
    from ..services import ReportService
from . import messages
from .search_worker import SearchWorker

# Qt.ItemDataRole's values: the first `from PySide6.QtCore import Qt` builds all ~90 enums of the
# Qt namespace (~18 ms), which the first paint does without (see StartPage's `first_frame`)
DISPLAY_ROLE, TOOLTIP_ROLE, FONT_ROLE, ROLE_ID = 0, 3, 6, 256
PLAIN_TEXT = 0   # Qt.TextFormat.PlainText, for the same reason
HEADERS = ("Báo cáo", "Kỳ", "Loại", "Cập nhật")
PAGE = 200          # rows added to the view at a time, as it is scrolled (fetchMore)
SEARCH_PAUSE_MS = 120  # the search runs when typing pauses this long (one search per word, not per key)
NO_UNIT = "(chưa gán đơn vị)"

_Index = QModelIndex | QPersistentModelIndex
# asked for every visible cell at each repaint: made once (combining Qt flags costs Python calls),
# on first use: (no item, a unit's heading, a report)
_FLAGS: tuple[Qt.ItemFlag, Qt.ItemFlag, Qt.ItemFlag] | None = None


def _item_flags() -> tuple[Qt.ItemFlag, Qt.ItemFlag, Qt.ItemFlag]:
    global _FLAGS
    from PySide6.QtCore import Qt
    flag = Qt.ItemFlag
    _FLAGS = (flag.NoItemFlags, flag.ItemIsEnabled, flag.ItemIsEnabled | flag.ItemIsSelectable)
    return _FLAGS


def prepare_list_model() -> None:
    """Build what the list's own model asks of Qt (the Qt namespace's enums: ~20 ms) now, when
    the window's start chooses, rather than at the first repaint that asks a line's flags."""
    if _FLAGS is None:
        _item_flags()


def _first_upper(text: str) -> str:
    """'quý III năm 2023' → 'Quý III năm 2023' (str.capitalize would lower the numeral)."""
    return text[:1].upper() + text[1:]


def _cell(entry: ReportSummary, column: int) -> str:
    """What a report's line shows in a column."""
    if column == 0:
        return entry.title
    if column == 1:
        return _first_upper(entry.period.label)
    if column == 2:
        return entry.kind_name
    return entry.updated_at.strftime("%d/%m/%Y %H:%M")


class ReportListModel(QAbstractItemModel):
    """The reports grouped by unit, as one flat list: a unit's heading row, then its reports.
    Rows reach the view a page at a time (canFetchMore/fetchMore), so a list of 10,000 reports
    costs what the visible part costs; nothing is built per row beyond the summaries."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._rows: list[ReportSummary | str] = []  # a str is a unit's heading
        self._reports: list[ReportSummary] = []   # as given to set_reports
        self._issued: dict[int, tuple[str, str]] = {}   # an issued report's id → its line's mark, its words
        self._shown = 0
        self._count = 0
        self._bold = QFont()
        self._bold.setBold(True)

    # --- content -----------------------------------------------------------------------------
    def set_reports(self, reports: list[ReportSummary], count: int | None = None,
                    issued: dict[int, tuple[str, str]] | None = None) -> None:
        """`reports` in list order; `count` when they are only the first of more (the first paint);
        `issued`: the issued ones' marks (report id → the line's prefix, 'Đã ban hành số …').
        The same lines again (a search's next key often finds the same reports) change nothing:
        no reset, no repaint of the view, the lines fetched and the scroll position kept."""
        issued = issued or {}
        count = len(reports) if count is None else count
        if (count == self._count and issued == self._issued and len(reports) == len(self._reports)
                and all(map(operator.is_, reports, self._reports))):
            return
        self._reports, self._issued = reports, issued
        groups: dict[str, list[ReportSummary | str]] = {}
        for r in reports:  # units in the order of their newest report, as the list is ordered
            unit = r.unit_name or NO_UNIT
            group = groups.get(unit)
            if group is None:
                group = groups[unit] = [unit]
            group.append(r)
        self.beginResetModel()
        self._rows = [entry for group in groups.values() for entry in group]
        self._shown = min(PAGE, len(self._rows))
        self._count = count
        self.endResetModel()

    def issued_words(self, report_id: int) -> str:
        """'Đã ban hành số 12/BC-VP ngày …' for an issued report of the list, else ''."""
        mark = self._issued.get(report_id)
        return mark[1] if mark else ""

    @property
    def report_count(self) -> int:
        return self._count

    def is_heading(self, row: int) -> bool:
        return isinstance(self._rows[row], str)

    def report_at(self, row: int) -> ReportSummary | None:
        entry = self._rows[row] if 0 <= row < self._shown else None
        return entry if isinstance(entry, ReportSummary) else None

    def row_of(self, report_id: int) -> int | None:
        """The row of a report, bringing it into the view if it is further down than fetched."""
        for row, entry in enumerate(self._rows):
            if isinstance(entry, ReportSummary) and entry.id == report_id:
                if row >= self._shown:
                    self._fetch_to(row + 1)
                return row
        return None

    def titles(self) -> list[str]:
        """Every report's title in list order (fetched or not): what scrolling down would show."""
        return [e.title for e in self._rows if isinstance(e, ReportSummary)]

    def headings(self) -> list[str]:
        return [e for e in self._rows if isinstance(e, str)]

    # --- QAbstractItemModel ----------------------------------------------------------------------
    def index(self, row: int, column: int, parent: _Index = QModelIndex()) -> QModelIndex:
        if parent.isValid() or not (0 <= row < self._shown and 0 <= column < len(HEADERS)):
            return QModelIndex()
        return self.createIndex(row, column)

    def parent(self, child=None):  # type: ignore[override]  # a flat list: nothing has a parent
        if child is None:
            return super().parent()
        return QModelIndex()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else self._shown

    def columnCount(self, parent: _Index = QModelIndex()) -> int:
        return len(HEADERS)

    def hasChildren(self, parent: _Index = QModelIndex()) -> bool:
        return not parent.isValid()

    def canFetchMore(self, parent: _Index) -> bool:
        return not parent.isValid() and self._shown < len(self._rows)

    def fetchMore(self, parent: _Index) -> None:
        if not parent.isValid():
            self._fetch_to(self._shown + PAGE)

    def _fetch_to(self, end: int) -> None:
        end = min(end, len(self._rows))
        if end > self._shown:
            self.beginInsertRows(QModelIndex(), self._shown, end - 1)
            self._shown = end
            self.endInsertRows()

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = DISPLAY_ROLE):
        from PySide6.QtCore import Qt
        if orientation == Qt.Orientation.Horizontal and role == DISPLAY_ROLE:
            return HEADERS[section]
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        none, heading, report = _FLAGS or _item_flags()
        if not index.isValid():
            return none
        return heading if isinstance(self._rows[index.row()], str) else report

    def data(self, index: _Index, role: int = DISPLAY_ROLE):
        if not index.isValid():
            return None
        entry, column = self._rows[index.row()], index.column()
        if isinstance(entry, str):
            if role == DISPLAY_ROLE and column == 0:
                return entry
            if role == FONT_ROLE:
                return self._bold
            return None
        if role == DISPLAY_ROLE:
            mark = self._issued.get(entry.id) if column == 0 else None
            return mark[0] + _cell(entry, column) if mark else _cell(entry, column)
        if role == TOOLTIP_ROLE and column == 0:
            mark = self._issued.get(entry.id)
            return f"{entry.title}\n{mark[1]} — chỉ đọc (mở khóa trong Phiên bản để sửa)." if mark else entry.title
        if role == ROLE_ID:
            return entry.id
        return None

    def copy_to(self, model: QStandardItemModel) -> None:
        """The lines the view would show, as Qt's own items in `model` (the first paint's list: a
        Python model costs the Qt namespace's enums the moment a view asks it anything, the
        header's orientation or an item's flags)."""
        model.setRowCount(self._shown)
        for row, entry in enumerate(self._rows[:self._shown]):
            if isinstance(entry, str):
                for column in range(len(HEADERS)):
                    item = QStandardItem(entry if column == 0 else "")
                    item.setFont(self._bold)
                    item.setSelectable(False)
                    item.setEditable(False)
                    model.setItem(row, column, item)
                continue
            for column in range(len(HEADERS)):
                item = QStandardItem(_cell(entry, column))
                item.setEditable(False)
                if column == 0:
                    item.setToolTip(entry.title)
                model.setItem(row, column, item)


class StartPage(QWidget):
    """Reports grouped by unit, filterable by unit, kind, period and text, with an outline preview."""

    open_requested = Signal(int)
    current_report_changed = Signal()

    def __init__(self, service: ReportService | None, parent=None, catalog: Catalog | None = None, kinds=None,
                 first_frame: bool = False):
        """`first_frame`: the list shows Qt's own copy of its lines until `use_full_model` (the
        window's start calls it right after the first paint): the same lines, without the Qt
        namespace's ~90 enums being built before the window is seen."""
        super().__init__(parent)
        # until the service is attached (right after the first paint) the page shows the light catalog
        self.service = service
        self.catalog = catalog
        self.kinds = kinds if service is None else service.kinds
        self._shown_id: int | None = None  # the report whose outline is on the right
        self.search = QLineEdit(placeholderText="Tìm theo tên hoặc nội dung báo cáo…")
        self.search.setToolTip("Gõ không dấu cũng tìm được: “ke hoach” tìm ra “kế hoạch”.\n"
                               "Chữ gõ có dấu thì tìm đúng dấu đó: “bản” không tìm ra “ban”.")
        self.search.setClearButtonEnabled(True)
        self._search_timer = QTimer(self, singleShot=True, interval=SEARCH_PAUSE_MS)
        self._search_timer.timeout.connect(self._refilter)
        self.search.textChanged.connect(self._on_search_typed)
        # the index query runs on a worker; results of a search text the box no longer holds are dropped
        self._searches = SearchWorker(self)
        self._searches.found.connect(self._on_found)
        self._generation = 0
        self.shown_generation = 0   # the list shows the answer to this filtering (bench/scale.py waits on it)
        self.unit_filter, self.kind_filter, self.period_filter = QComboBox(), QComboBox(), QComboBox()
        for combo in (self.unit_filter, self.kind_filter, self.period_filter):
            combo.currentIndexChanged.connect(self._on_filter)
            combo.currentTextChanged.connect(combo.setToolTip)
        filters = QHBoxLayout()
        filters.addWidget(self.search, 3)
        filters.addWidget(self.unit_filter, 2)
        filters.addWidget(self.kind_filter, 2)
        filters.addWidget(self.period_filter, 1)
        # "Tháng 12/2026" and "Quý III/2026" are read whole, not cut to "Quý I/20…"
        self.period_filter.setMinimumContentsLength(12)
        self.period_filter.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)

        self.model = ReportListModel(self)
        self.model.rowsInserted.connect(self._on_rows_fetched)   # a page fetched on scrolling down
        self.reports = QTreeView()
        if first_frame:
            first = QStandardItemModel(0, len(HEADERS), self)
            first.setHorizontalHeaderLabels(list(HEADERS))
            self.reports.setModel(first)
        else:
            self.reports.setModel(self.model)
        self.reports.setRootIsDecorated(False)
        self.reports.setUniformRowHeights(True)  # the view then never measures rows it does not show
        self.reports.setAlternatingRowColors(True)
        self.reports.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.reports.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.reports.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setStretchLastSection(False)
        metrics = self.reports.fontMetrics()
        self._margin = 3 * metrics.averageCharWidth()
        # widths from the texts a column holds (a few distinct ones), not from measuring every row
        header.resizeSection(2, 150)
        header.resizeSection(3, metrics.horizontalAdvance("29/11/2026 12:00") + self._margin)
        self.reports.selectionModel().currentRowChanged.connect(self._on_current_changed)
        self.reports.activated.connect(self._on_activated)
        self.buttons = QGridLayout()  # two rows: the page must fit small screens
        self.open_button = QPushButton("Mở báo cáo")
        self.open_button.clicked.connect(self._open_current)
        self.buttons.addWidget(self.open_button, 0, 0)
        left = QWidget()
        lv = QVBoxLayout(left)
        lv.addLayout(filters)
        lv.addWidget(self.reports, 1)
        lv.addLayout(self.buttons)

        self.report_title = QLabel("Chọn một báo cáo để xem dàn ý; bấm đúp để mở.")
        self.report_title.setWordWrap(True)
        self.report_title.setProperty("textFormat", PLAIN_TEXT)
        font = self.report_title.font()
        font.setPointSizeF(font.pointSizeF() * 1.2)
        font.setBold(True)
        self.report_title.setFont(font)
        self.report_info = QLabel("")
        self.report_info.setWordWrap(True)
        self.outline = QTreeWidget()
        self.outline.setHeaderLabels(["Mục", "Tình trạng", "Tự đánh giá"])
        self.outline.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.outline.header().setStretchLastSection(False)
        self.issues = QLabel("")
        self.issues.setWordWrap(True)
        right = QWidget()
        rv = QVBoxLayout(right)
        rv.addWidget(self.report_title)
        rv.addWidget(self.report_info)
        rv.addWidget(self.outline, 1)
        rv.addWidget(self.issues)

        self.splitter = QSplitter()
        self.splitter.addWidget(left)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(0, 4)
        self.splitter.setStretchFactor(1, 5)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.splitter)
        self.count_label = QLabel()
        self.refresh_filters()
        self.refresh_reports()
        if service is not None:
            self._searches.warm(service.db.path, service.list_reports())

    def refresh_filters(self) -> None:
        combos = (self.unit_filter, self.kind_filter, self.period_filter)
        keep = [c.currentData() for c in combos]
        for combo in combos:
            combo.blockSignals(True)
            combo.clear()
        self.unit_filter.addItem("Mọi đơn vị", None)   # short, as "Mọi kỳ": read whole on a small screen
        units = [(u.id, u.name) for u in self.service.list_units()] if self.service else self.catalog.units
        for unit_id, name in units:
            self.unit_filter.addItem(name, unit_id)
        self.kind_filter.addItem("Mọi loại", None)
        for family, versions in (self.kinds.families() if self.kinds is not None else {}).items():
            self.kind_filter.addItem(versions[0].name, family)
        self.period_filter.addItem("Mọi kỳ", None)
        reports = self.service.list_reports() if self.service else self.catalog.reports
        # by code: a str hashes once, a Period (a dataclass) builds a tuple per hash (10,000 lines)
        periods = set({r.period.code: r.period for r in reports}.values())
        # the first paint reads only the first lines: every year comes with them (the periods, for
        # the column's width, with the service)
        years = self.catalog.years if self.service is None and self.catalog.years is not None else \
            sorted({p.year for p in periods}, reverse=True)
        for y in years:
            self.period_filter.addItem(f"Năm {y}", str(y))
            # the year's quarters, months and halves present ("Quý I/2026", "Tháng 3/2026")
            for p in sorted((p for p in periods if p.year == y and p.code != str(y)), key=lambda p: (p.months, p.code)):
                self.period_filter.addItem(_first_upper(p.label), p.code)
        for combo in combos:   # a long unit or kind is cut in the box: its list and tooltip show it whole
            widest = max(map(combo.view().fontMetrics().horizontalAdvance, map(combo.itemText, range(combo.count()))))
            combo.view().setMinimumWidth(widest + 2 * self._margin)   # room for the list's scroll bar
        # the period column as wide as the longest period of the database (set with the filters,
        # which follow every change of the list: not measured per search)
        labels = {_first_upper(p.label) for p in periods} or {"Năm 2026"}
        metrics = self.reports.fontMetrics()
        self.reports.header().resizeSection(1, max(map(metrics.horizontalAdvance, labels)) + self._margin)
        for combo, data in zip(combos, keep, strict=True):
            index = combo.findData(data)
            combo.setCurrentIndex(max(index, 0))
            combo.blockSignals(False)

    def _on_filter(self, _index: int) -> None:
        self._refilter()

    def _on_search_typed(self) -> None:
        self._search_timer.start()  # restarted by each key: the list follows when typing pauses

    def apply_search_now(self) -> None:
        """Run a search the typing pause is still holding back, and wait for it (tests, the benchmark)."""
        if self._search_timer.isActive():
            self._refilter(wait=True)

    def refresh_reports(self) -> None:
        """Read the list again: the reports (or the selected one) may have changed."""
        self._shown_id = None
        self._refilter()

    def _refilter(self, wait: bool = False) -> None:
        """The list for the filters and the search text; the selected report stays selected.
        A search text goes to the worker (`wait`: run here instead); the list follows when it answers."""
        self._search_timer.stop()
        self._generation += 1
        text = self.search.text().strip()
        if self.service is None:
            # the first paint's lines (and the count of all); filters wait for the service (a fraction of a second)
            self._show(self.catalog.reports, self.catalog.total)
            return
        filters = {"unit_id": self.unit_filter.currentData(), "kind": self.kind_filter.currentData(),
                   "period": self.period_filter.currentData()}
        if not text or wait:
            self._show(self.service.list_reports(**filters, text=text or None))
            return
        self._searches.submit(self._generation, self.service.db.path, text, self.service.list_reports(**filters))

    def _on_found(self, answer) -> None:
        generation, rows = answer
        if generation != self._generation:
            return   # typed on (or the filters changed) since this search was asked for
        if isinstance(rows, BaseException):
            raise rows   # the error hook logs it and tells the officer
        self._show(rows)

    def _show(self, rows: list[ReportSummary], count: int | None = None) -> None:
        current = self.current_report_id()
        self.model.set_reports(rows, count, self._issued_marks())
        if self.reports.model() is not self.model:   # the first paint's copy
            self.model.copy_to(self.reports.model())
        self._span_headings(0, self.model.rowCount() - 1)
        self.count_label.setText(f"{self.model.report_count} báo cáo")
        row = self.model.row_of(current) if current is not None else None
        if row is not None:
            self.reports.setCurrentIndex(self.model.index(row, 0))
        elif not rows:
            self._shown_id = None
            self.show_report(None)
            text = self.search.text().strip()
            if text or any(c.currentData() is not None for c in (self.unit_filter, self.kind_filter,
                                                                  self.period_filter)):
                self.report_title.setText(f"Không có báo cáo nào có “{text}”." if text else
                                          "Không có báo cáo nào phù hợp với bộ lọc đã chọn.")
                self.report_info.setText("Gõ không dấu cũng tìm được; các chữ được tìm liền nhau, "
                                         "như trong văn bản." if text else "")
        self.open_button.setEnabled(self.current_report_id() is not None and self.service is not None)
        self.shown_generation = self._generation
        self.current_report_changed.emit()

    def _span_headings(self, first: int, last: int) -> None:
        """A unit's heading line across the whole list, not cut at the title column's edge (a small
        screen showed "Văn phòng UBND tỉnh …" with the rest of its line empty)."""
        root = QModelIndex()
        for row in range(first, last + 1):
            if self.model.is_heading(row):
                self.reports.setFirstColumnSpanned(row, root, True)

    def _on_rows_fetched(self, _parent, first: int, last: int) -> None:
        if self.reports.model() is self.model:
            self._span_headings(first, last)

    def _issued_marks(self) -> dict[int, tuple[str, str]]:
        """The issued reports' marks: one read of the few issue events, not one per line (the first
        paint has no service yet: its lines are marked once the list is read again)."""
        if self.service is None:
            return {}
        from ..services.versions import issued_words
        # a prefix: a title is often cut short at the column's edge, a suffix would be cut off with it
        return {rid: ("[Đã ban hành] ", f"Đã ban hành {issued_words(e)}")
                for rid, e in self.service.issued_reports().items()}

    def use_full_model(self) -> None:
        """The list's own model in the view instead of the first paint's copy, as it was left: the
        current line, the scroll position (the header keeps its columns' widths by itself)."""
        first = self.reports.model()
        if first is self.model:
            return
        bar = self.reports.verticalScrollBar()
        row, scroll = self.reports.currentIndex().row(), bar.value()
        selection = self.reports.selectionModel()
        self.reports.setModel(self.model)
        self.reports.selectionModel().currentRowChanged.connect(self._on_current_changed)
        self._span_headings(0, self.model.rowCount() - 1)
        if row >= 0:
            self.reports.setCurrentIndex(self.model.index(row, 0))
        bar.setValue(scroll)
        selection.deleteLater()
        first.deleteLater()

    def current_report_id(self) -> int | None:
        index = self.reports.currentIndex()
        report = self.model.report_at(index.row()) if index.isValid() else None
        return report.id if report is not None else None

    def shown_titles(self) -> list[str]:
        """The titles the list holds, in order (what scrolling through it shows)."""
        return self.model.titles()

    def select_report(self, report_id: int) -> None:
        row = self.model.row_of(report_id)
        if row is not None:
            self.reports.setCurrentIndex(self.model.index(row, 0))

    def _on_current_changed(self, current: QModelIndex, _previous=None) -> None:
        report = self.model.report_at(current.row()) if current.isValid() else None
        self.open_button.setEnabled(report is not None and self.service is not None)
        self.current_report_changed.emit()
        if report is None or self.service is None or report.id == self._shown_id:
            return  # the same report after a new search keeps its outline: nothing to reload
        try:
            self.show_report(self.service.get_report(report.id))
            self._shown_id = report.id
        except ServiceError as exc:
            messages.warn(self, str(exc))

    def attach(self, service: ReportService) -> None:
        self.use_full_model()   # (done already when the window's start put it there after the first paint)
        self.service, self.kinds, self.catalog = service, service.kinds, None
        self._shown_id = None
        self.refresh_filters()
        self.refresh_reports()
        self._on_current_changed(self.reports.currentIndex())
        # the first search then finds the lines made; once the list has painted (the search
        # thread's Python would hold up the paint's calls into the model)
        path, rows = service.db.path, service.list_reports()
        self.after_list_paint(lambda: self.service is service and self._searches.warm(path, rows))

    def after_list_paint(self, call) -> None:
        """`call` on the turn after the list's next paint (at once when it is not shown)."""
        view = self.reports.viewport()
        if not view.isVisible():
            call()
            return
        from .app import after_first_paint
        view.update()
        after_first_paint(view, [call])

    def _on_activated(self, index: QModelIndex) -> None:
        report = self.model.report_at(index.row()) if index.isValid() else None
        if report is not None and self.service is not None:
            self.open_requested.emit(report.id)

    def _open_current(self) -> None:
        report_id = self.current_report_id()
        if report_id is not None:
            self.open_requested.emit(report_id)

    def show_report(self, report: Report | None) -> None:
        # the domain model's modules load with the service, after the first paint (~15 ms)
        from ..domain.completeness import Severity, progress, section_state
        from ..domain.names import percent_done, section_name, state_text
        self.outline.clear()
        if report is None:
            self.report_title.setText("Chưa có báo cáo nào phù hợp. Bấm “Báo cáo mới…” để bắt đầu.")
            self.report_info.setText("")
            self.issues.setText("")
            return
        self.report_title.setText(report.title)
        done, total = progress(report)
        pct = percent_done(done, total)
        self.report_info.setText(f"{report.kind_name} (mẫu {report.kind_version}) · {_first_upper(report.period.label)}"
                                 f" · {report.unit_name} · Hoàn thành {done}/{total} mục ({pct}%)"
                                 + (f" · {issued}" if (issued := self.model.issued_words(report.id)) else ""))
        numbers = report.numbering()

        def add(sections, owner) -> None:
            for s in sections:
                head = section_name(s, empty="(mục chưa có tên)")
                text = f"{numbers[s]} {head}".strip()
                state = section_state(report, s)
                rating = ""
                if s.rating_scale is not None:
                    rating = s.rating.label if s.rating is not None else "⚠ chưa chọn"
                elif s.is_scored:
                    from ..domain.numbers import number_text   # 7,5 as everywhere
                    rating = f"{'…' if s.score is None else number_text(s.score)}/{number_text(s.max_score)} điểm"
                item = QTreeWidgetItem(owner, [text, state_text(state), rating])
                item.setToolTip(0, text)
                item.setData(0, ROLE_ID, s.id)
                add(s.children, item)

        add(report.sections, self.outline)
        self.outline.expandAll()
        self.outline.resizeColumnToContents(1)
        self.outline.resizeColumnToContents(2)
        from ..services.chain import pre_print_check   # the same warnings as F7 and the command line's check
        found = pre_print_check(self.service, report, spelling=False) if self.service is not None else []
        warnings = [i for i in found if i.severity is Severity.WARNING]
        self.issues.setText("Không còn mục nào cần xem lại." if not warnings else
                            f"Cần xem lại ({len(warnings)}): " + " · ".join(i.message for i in warnings[:5])
                            + (" …" if len(warnings) > 5 else ""))
