"""The start page: reports grouped by unit, filterable by unit, kind, period and text, with the
selected report's outline, progress and what still needs a look."""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QComboBox, QGridLayout, QHBoxLayout, QHeaderView, QLabel, QLineEdit, QPushButton,
                               QSplitter, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget)

from ..domain.completeness import Severity, check, progress, section_state
from ..domain.model import Report
from ..domain.names import percent_done, section_name, state_text
from ..errors import ServiceError
from ..store.catalog import Catalog

if TYPE_CHECKING:
    from ..services import ReportService
from . import messages

ROLE_ID = Qt.ItemDataRole.UserRole


class StartPage(QWidget):
    """Reports grouped by unit, filterable by unit, kind, period and text, with an outline preview."""

    open_requested = Signal(int)

    def __init__(self, service: ReportService | None, parent=None, catalog: Catalog | None = None, kinds=None):
        super().__init__(parent)
        # until the service is attached (right after the first paint) the page shows the light catalog
        self.service = service
        self.catalog = catalog
        self.kinds = kinds if service is None else service.kinds
        self.search = QLineEdit(placeholderText="Tìm theo tên hoặc nội dung báo cáo…")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self.refresh_reports)
        self.unit_filter, self.kind_filter, self.period_filter = QComboBox(), QComboBox(), QComboBox()
        for combo in (self.unit_filter, self.kind_filter, self.period_filter):
            combo.currentIndexChanged.connect(self.refresh_reports)
        filters = QHBoxLayout()
        filters.addWidget(self.search, 3)
        filters.addWidget(self.unit_filter, 2)
        filters.addWidget(self.kind_filter, 2)
        filters.addWidget(self.period_filter, 1)

        self.reports = QTreeWidget()
        self.reports.setHeaderLabels(["Báo cáo", "Kỳ", "Loại", "Cập nhật"])
        self.reports.setAlternatingRowColors(True)
        self.reports.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.reports.header().setStretchLastSection(False)
        self.reports.currentItemChanged.connect(self._on_current_changed)
        self.reports.itemActivated.connect(self._on_activated)

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
        self.report_title.setTextFormat(Qt.TextFormat.PlainText)
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

    def refresh_filters(self) -> None:
        combos = (self.unit_filter, self.kind_filter, self.period_filter)
        keep = [c.currentData() for c in combos]
        for combo in combos:
            combo.blockSignals(True)
            combo.clear()
        self.unit_filter.addItem("Tất cả đơn vị", None)
        units = [(u.id, u.name) for u in self.service.list_units()] if self.service else self.catalog.units
        for unit_id, name in units:
            self.unit_filter.addItem(name, unit_id)
        self.kind_filter.addItem("Tất cả loại báo cáo", None)
        for family, versions in (self.kinds.families() if self.kinds is not None else {}).items():
            self.kind_filter.addItem(versions[0].name, family)
        self.period_filter.addItem("Mọi kỳ", None)
        reports = self.service.list_reports() if self.service else self.catalog.reports
        for y in sorted({r.period.year for r in reports}, reverse=True):
            self.period_filter.addItem(f"Năm {y}", str(y))
        for combo, data in zip(combos, keep, strict=True):
            index = combo.findData(data)
            combo.setCurrentIndex(max(index, 0))
            combo.blockSignals(False)

    def refresh_reports(self) -> None:
        current = self.current_report_id()
        if self.service is None:
            rows = self.catalog.reports  # filters wait for the service (a fraction of a second)
        else:
            rows = self.service.list_reports(unit_id=self.unit_filter.currentData(),
                                             kind=self.kind_filter.currentData(),
                                             period=self.period_filter.currentData(),
                                             text=self.search.text().strip() or None)
        self.reports.clear()
        groups: dict[str, QTreeWidgetItem] = {}
        select = None
        for r in rows:
            unit = r.unit_name or "(chưa gán đơn vị)"
            group = groups.get(unit)
            if group is None:
                group = QTreeWidgetItem(self.reports, [unit])
                group.setFirstColumnSpanned(True)
                font = group.font(0)
                font.setBold(True)
                group.setFont(0, font)
                groups[unit] = group
            item = QTreeWidgetItem(group, [r.title, r.period.label.capitalize(), r.kind_name,
                                           r.updated_at.strftime("%d/%m/%Y %H:%M")])
            item.setToolTip(0, r.title)
            item.setData(0, ROLE_ID, r.id)
            if r.id == current:
                select = item
        self.reports.expandAll()
        for col in (1, 2, 3):
            self.reports.resizeColumnToContents(col)
        self.reports.setColumnWidth(2, min(self.reports.columnWidth(2), 150))
        self.count_label.setText(f"{len(rows)} báo cáo")
        if select is not None:
            self.reports.setCurrentItem(select)
        elif not rows:
            self.show_report(None)
        self.open_button.setEnabled(self.current_report_id() is not None)

    def current_report_id(self) -> int | None:
        item = self.reports.currentItem()
        return item.data(0, ROLE_ID) if item is not None else None

    def select_report(self, report_id: int) -> None:
        for i in range(self.reports.topLevelItemCount()):
            group = self.reports.topLevelItem(i)
            for j in range(group.childCount()):
                if group.child(j).data(0, ROLE_ID) == report_id:
                    self.reports.setCurrentItem(group.child(j))
                    return

    def _on_current_changed(self, current, _previous) -> None:
        report_id = current.data(0, ROLE_ID) if current is not None else None
        self.open_button.setEnabled(report_id is not None and self.service is not None)
        if report_id is None or self.service is None:
            return
        try:
            self.show_report(self.service.get_report(report_id))
        except ServiceError as exc:
            messages.warn(self, str(exc))

    def attach(self, service: ReportService) -> None:
        self.service, self.kinds, self.catalog = service, service.kinds, None
        self.refresh_filters()
        self.refresh_reports()
        self._on_current_changed(self.reports.currentItem(), None)

    def _on_activated(self, item: QTreeWidgetItem, _column: int) -> None:
        report_id = item.data(0, ROLE_ID)
        if report_id is not None and self.service is not None:
            self.open_requested.emit(report_id)

    def _open_current(self) -> None:
        report_id = self.current_report_id()
        if report_id is not None:
            self.open_requested.emit(report_id)

    def show_report(self, report: Report | None) -> None:
        self.outline.clear()
        if report is None:
            self.report_title.setText("Chưa có báo cáo nào phù hợp. Bấm “Báo cáo mới…” để bắt đầu.")
            self.report_info.setText("")
            self.issues.setText("")
            return
        self.report_title.setText(report.title)
        done, total = progress(report)
        pct = percent_done(done, total)
        self.report_info.setText(f"{report.kind_name} (mẫu {report.kind_version}) · {report.period.label.capitalize()}"
                                 f" · {report.unit_name} · Hoàn thành {done}/{total} mục ({pct}%)")
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
                    rating = f"{'…' if s.score is None else f'{s.score:g}'}/{s.max_score:g} điểm"
                item = QTreeWidgetItem(owner, [text, state_text(state), rating])
                item.setToolTip(0, text)
                item.setData(0, ROLE_ID, s.id)
                add(s.children, item)

        add(report.sections, self.outline)
        self.outline.expandAll()
        self.outline.resizeColumnToContents(1)
        self.outline.resizeColumnToContents(2)
        warnings = [i for i in check(report) if i.severity is Severity.WARNING]
        self.issues.setText("Không còn mục nào cần xem lại." if not warnings else
                            f"Cần xem lại ({len(warnings)}): " + " · ".join(i.message for i in warnings[:5])
                            + (" …" if len(warnings) > 5 else ""))
