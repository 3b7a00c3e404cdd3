"""Main window: the reports of the database, filterable, with the chosen report's outline."""
from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (QComboBox, QFileDialog, QHBoxLayout, QHeaderView, QLabel, QLineEdit,
                               QMainWindow, QMessageBox, QSplitter, QTreeWidget, QTreeWidgetItem,
                               QVBoxLayout, QWidget)

from .. import APP_NAME, __version__
from ..domain.completeness import SectionState, check, progress, section_state
from ..domain.model import Report
from ..paths import AppPaths
from ..services import ReportService, ServiceError

ROLE_ID = Qt.ItemDataRole.UserRole
STATE_MARK = {SectionState.EMPTY: "○", SectionState.IN_PROGRESS: "◐", SectionState.COMPLETE: "●"}


class MainWindow(QMainWindow):
    report_selected = Signal(int)

    def __init__(self, service: ReportService, paths: AppPaths | None = None, settings: QSettings | None = None):
        super().__init__()
        self.service = service
        self.paths = paths
        self.settings = settings or QSettings()
        self.setWindowTitle(f"{APP_NAME} — {service.db.path.name}")
        self.resize(1200, 760)
        self._build_actions()
        self._build_ui()
        self.refresh_filters()
        self.refresh_reports()
        geometry = self.settings.value("main/geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        state = self.settings.value("main/splitter")
        if isinstance(state, QByteArray):
            self.splitter.restoreState(state)

    # --- construction -------------------------------------------------------------------------
    def _build_actions(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu("&Tệp")
        self.act_open = QAction("&Mở cơ sở dữ liệu khác…", self)
        self.act_open.setShortcut(QKeySequence.StandardKey.Open)
        self.act_open.triggered.connect(self.choose_database)
        self.act_refresh = QAction("&Làm mới danh sách", self)
        self.act_refresh.setShortcut(QKeySequence.StandardKey.Refresh)
        self.act_refresh.triggered.connect(self.refresh_reports)
        self.act_quit = QAction("T&hoát", self)
        self.act_quit.setShortcut(QKeySequence("Ctrl+Q"))
        self.act_quit.triggered.connect(self.close)
        file_menu.addActions([self.act_open, self.act_refresh])
        file_menu.addSeparator()
        file_menu.addAction(self.act_quit)
        help_menu = bar.addMenu("Trợ &giúp")
        about = QAction("&Giới thiệu", self)
        about.triggered.connect(self.show_about)
        help_menu.addAction(about)
        tools = self.addToolBar("Công cụ")
        tools.setObjectName("main-toolbar")
        tools.addActions([self.act_open, self.act_refresh])

    def _build_ui(self) -> None:
        left = QWidget()
        lv = QVBoxLayout(left)
        filters = QHBoxLayout()
        self.search = QLineEdit(placeholderText="Tìm theo tên hoặc nội dung báo cáo…")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self.refresh_reports)
        self.unit_filter = QComboBox()
        self.kind_filter = QComboBox()
        self.period_filter = QComboBox()
        for combo in (self.unit_filter, self.kind_filter, self.period_filter):
            combo.currentIndexChanged.connect(self.refresh_reports)
        filters.addWidget(self.search, 3)
        filters.addWidget(self.unit_filter, 2)
        filters.addWidget(self.kind_filter, 2)
        filters.addWidget(self.period_filter, 1)
        lv.addLayout(filters)
        self.reports = QTreeWidget()
        self.reports.setHeaderLabels(["Báo cáo", "Kỳ", "Loại", "Cập nhật"])
        self.reports.setRootIsDecorated(True)
        self.reports.setAlternatingRowColors(True)
        self.reports.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.reports.header().setStretchLastSection(False)
        self.reports.currentItemChanged.connect(self._on_current_changed)
        lv.addWidget(self.reports)

        right = QWidget()
        rv = QVBoxLayout(right)
        self.report_title = QLabel("Chọn một báo cáo để xem dàn ý.")
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
        rv.addWidget(self.report_title)
        rv.addWidget(self.report_info)
        rv.addWidget(self.outline, 1)
        rv.addWidget(self.issues)

        self.splitter = QSplitter()
        self.splitter.addWidget(left)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(0, 4)
        self.splitter.setStretchFactor(1, 5)
        self.setCentralWidget(self.splitter)
        self.count_label = QLabel()
        self.statusBar().addPermanentWidget(self.count_label)

    # --- data ------------------------------------------------------------------------------------
    def refresh_filters(self) -> None:
        for combo in (self.unit_filter, self.kind_filter, self.period_filter):
            combo.blockSignals(True)
            combo.clear()
        self.unit_filter.addItem("Tất cả đơn vị", None)
        for u in self.service.list_units():
            self.unit_filter.addItem(u.name, u.id)
        self.kind_filter.addItem("Tất cả loại báo cáo", None)
        for family, versions in self.service.kinds.families().items():
            self.kind_filter.addItem(versions[0].name, family)
        self.period_filter.addItem("Mọi kỳ", None)
        years = sorted({r.period.year for r in self.service.list_reports()}, reverse=True)
        for y in years:
            self.period_filter.addItem(f"Năm {y}", str(y))
        for combo in (self.unit_filter, self.kind_filter, self.period_filter):
            combo.blockSignals(False)

    def refresh_reports(self) -> None:
        current = self.current_report_id()
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
        self.reports.setColumnWidth(2, min(self.reports.columnWidth(2), 220))
        self.count_label.setText(f"{len(rows)} báo cáo")
        if select is not None:
            self.reports.setCurrentItem(select)
        elif not rows:
            self.show_report(None)

    def current_report_id(self) -> int | None:
        item = self.reports.currentItem()
        return item.data(0, ROLE_ID) if item is not None else None

    def _on_current_changed(self, current: QTreeWidgetItem | None, _previous) -> None:
        report_id = current.data(0, ROLE_ID) if current is not None else None
        if report_id is None:
            return
        try:
            report = self.service.get_report(report_id)
        except ServiceError as exc:
            QMessageBox.warning(self, APP_NAME, str(exc))
            return
        self.show_report(report)
        self.report_selected.emit(report_id)

    def show_report(self, report: Report | None) -> None:
        self.outline.clear()
        if report is None:
            self.report_title.setText("Chọn một báo cáo để xem dàn ý.")
            self.report_info.setText("")
            self.issues.setText("")
            return
        self.report_title.setText(report.title)
        done, total = progress(report)
        pct = round(100 * done / total) if total else 0
        self.report_info.setText(f"{report.kind_name} (mẫu {report.kind_version}) · {report.period.label.capitalize()}"
                                 f" · {report.unit_name} · Hoàn thành {done}/{total} mục ({pct}%)")
        numbers = report.numbering()

        def add(sections, owner) -> None:
            for s in sections:
                head = s.heading or (s.body.paragraphs[0].text if s.body.paragraphs else "(mục chưa có tên)")
                text = f"{numbers[s]} {head}".strip()
                state = section_state(report, s)
                rating = ""
                if s.rating_scale is not None:
                    rating = s.rating.label if s.rating is not None else "⚠ chưa chọn"
                elif s.is_scored:
                    rating = f"{'…' if s.score is None else f'{s.score:g}'}/{s.max_score:g} điểm"
                item = QTreeWidgetItem(owner, [text, f"{STATE_MARK[state]} {state.label}", rating])
                item.setToolTip(0, text)
                item.setData(0, ROLE_ID, s.id)
                add(s.children, item)

        add(report.sections, self.outline)
        self.outline.expandAll()
        self.outline.resizeColumnToContents(1)
        self.outline.resizeColumnToContents(2)
        warnings = [i for i in check(report) if i.severity.value == "warning"]
        self.issues.setText("Không còn mục nào cần xem lại." if not warnings else
                            f"Cần xem lại ({len(warnings)}): " + " · ".join(i.message for i in warnings[:5])
                            + (" …" if len(warnings) > 5 else ""))

    # --- actions ---------------------------------------------------------------------------------
    def choose_database(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Mở cơ sở dữ liệu", str(self.service.db.path.parent),
                                              "Cơ sở dữ liệu Tự Đánh Giá (*.sqlite *.db);;Mọi tệp (*)")
        if path:
            self.open_database_requested(path)

    def open_database_requested(self, path: str) -> None:
        from ..store import DatabaseError
        try:
            service = ReportService.open(path, self.paths, create=False)
        except DatabaseError as exc:
            QMessageBox.critical(self, APP_NAME, str(exc))
            return
        old, self.service = self.service, service
        old.close()
        self.setWindowTitle(f"{APP_NAME} — {service.db.path.name}")
        self.refresh_filters()
        self.refresh_reports()

    def show_about(self) -> None:
        QMessageBox.about(self, f"Giới thiệu {APP_NAME}",
                          f"{APP_NAME} {__version__}\n\nSoạn báo cáo tự đánh giá, kiểm điểm, kế hoạch khắc phục "
                          "đúng thể thức Nghị định 30/2020/NĐ-CP.\n\nCơ sở dữ liệu: "
                          f"{self.service.db.path}")

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt API
        self.settings.setValue("main/geometry", self.saveGeometry())
        self.settings.setValue("main/splitter", self.splitter.saveState())
        super().closeEvent(event)
