"""Bảng theo dõi biện pháp khắc phục: every measure of a unit across its reports, overdue ones
highlighted relative to today, status and result editable in place, Excel out and back in."""
from __future__ import annotations

import datetime as _dt
from pathlib import Path

from PySide6.QtCore import QSettings, QSignalBlocker, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDialog, QDialogButtonBox, QHBoxLayout, QHeaderView, QLabel,
                               QLineEdit, QListWidget, QPushButton, QTableWidget, QTableWidgetItem, QVBoxLayout)

from ..domain.dates import day_text
from ..domain.deadlines import deadline_text
from ..domain.model import MeasureStatus
from ..errors import ServiceError
from . import file_dialogs, messages
from .window_layout import fit_size

COLUMNS = ["Báo cáo", "Hạn chế, khuyết điểm", "Biện pháp / nhiệm vụ", "Đơn vị chủ trì", "Thời gian thực hiện",
           "Hạn", "Trạng thái", "Kết quả thực hiện"]
STATUS_COL, RESULT_COL = 6, 7
OVERDUE = QColor("#fde2e1")
UNREAD = QColor("#fff4ce")


class MeasuresBoard(QDialog):
    def __init__(self, service, unit_id: int | None = None, parent=None, settings: QSettings | None = None,
                 today: _dt.date | None = None):
        super().__init__(parent)
        self.service = service
        self.settings = settings or getattr(parent, "settings", None) or QSettings()
        self.today = today or _dt.date.today()
        self.rows = []
        self.changed = False
        self.setWindowTitle("Bảng theo dõi biện pháp khắc phục")
        fit_size(self, 1340, 720)

        self.unit = QComboBox()
        for u in service.list_units():
            self.unit.addItem(u.name, u.id)
        if unit_id is not None:
            self.unit.setCurrentIndex(max(0, self.unit.findData(unit_id)))
        self.period = QComboBox()
        self.period.addItem("Mọi kỳ", None)
        for y in sorted({r.period.year for r in service.list_reports()}, reverse=True):
            self.period.addItem(f"Năm {y}", str(y))
        self.open_only = QCheckBox("Chưa hoàn thành")
        self.overdue_only = QCheckBox("Quá hạn")
        self.lead = QLineEdit(placeholderText="Lọc theo đơn vị chủ trì…")
        self.lead.setClearButtonEnabled(True)
        for w in (self.unit, self.period):
            w.currentIndexChanged.connect(self.reload)
        for w in (self.open_only, self.overdue_only):
            w.toggled.connect(self.reload)
        self.lead.textChanged.connect(self.reload)
        filters = QHBoxLayout()
        filters.addWidget(QLabel("Đơn vị:"))
        filters.addWidget(self.unit, 2)
        filters.addWidget(self.period)
        filters.addWidget(self.open_only)
        filters.addWidget(self.overdue_only)
        filters.addWidget(self.lead, 2)

        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.setWordWrap(True)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header = self.table.horizontalHeader()
        for col, width in enumerate((125, 215, 300, 130, 135, 95, 128, 0)):
            if width:
                self.table.setColumnWidth(col, width)
        header.setSectionResizeMode(RESULT_COL, QHeaderView.ResizeMode.Stretch)
        self.table.itemChanged.connect(self._on_item_changed)
        self.summary = QLabel()

        export = QPushButton("Xuất Excel…")
        export.clicked.connect(self.export_xlsx)
        import_ = QPushButton("Nhập Excel…")
        import_.clicked.connect(self.import_xlsx)
        close = QPushButton("Đóng")
        close.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addWidget(self.summary, 1)
        buttons.addWidget(export)
        buttons.addWidget(import_)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.reload()

    # --- data -----------------------------------------------------------------------------------
    def reload(self) -> None:
        self.rows = self.service.measures_board(self.unit.currentData(), open_only=self.open_only.isChecked(),
                                                overdue_only=self.overdue_only.isChecked(),
                                                lead_unit=self.lead.text() or None,
                                                period=self.period.currentData(), today=self.today)
        with QSignalBlocker(self.table):
            self.table.setRowCount(0)
            for row in self.rows:
                self._append(row)
        overdue = sum(r.overdue for r in self.rows)
        unread = sum(not r.deadline.understood for r in self.rows)
        self.summary.setText(f"{len(self.rows)} biện pháp · {overdue} quá hạn (so với ngày "
                             f"{day_text(self.today)})" + (f" · {unread} chưa rõ thời hạn" if unread else ""))

    def _append(self, row) -> None:
        r = self.table.rowCount()
        self.table.insertRow(r)
        m = row.measure
        limitation = f"{row.item} {row.limitation}".strip() if row.limitation else "(nhiệm vụ chung)"
        deadline = deadline_text(row.deadline, unread="⚠ chưa rõ")
        report = f"{row.period.title_label}: {row.report_title}"
        values = [report, limitation, row.task, m.lead_unit, m.timeframe, deadline, m.status.label, m.result]
        for col, value in enumerate(values):
            # long texts are cut in the cell (rows stay readable); the whole text is in the tooltip
            limit = {0: 70, 1: 160, 2: 240}.get(col)
            shown = value if limit is None or len(value) <= limit else value[:limit - 1].rstrip() + "…"
            item = QTableWidgetItem(shown)
            if shown != value:
                item.setToolTip(value)
            if col not in (RESULT_COL,):
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
            if row.overdue:
                item.setBackground(QBrush(OVERDUE))
            if col == 5 and not row.deadline.understood:
                item.setBackground(QBrush(UNREAD))
                item.setToolTip(row.deadline.note)
            elif col == 5 and row.deadline.standing:
                item.setToolTip(row.deadline.note)
            self.table.setItem(r, col, item)
        combo = QComboBox()
        for status in MeasureStatus:
            combo.addItem(status.label, status)
        combo.setCurrentIndex(list(MeasureStatus).index(m.status))
        combo.currentIndexChanged.connect(lambda _i, rr=r, c=combo: self._on_status(rr, c.currentData()))
        self.table.setCellWidget(r, STATUS_COL, combo)

    def _on_status(self, r: int, status: MeasureStatus) -> None:
        row = self.rows[r]
        self._save(row.measure.id, status, None)

    def _on_item_changed(self, item: QTableWidgetItem) -> None:
        if item.column() != RESULT_COL:
            return
        row = self.rows[item.row()]
        if item.text() != row.measure.result:
            self._save(row.measure.id, row.measure.status, item.text())

    def _save(self, measure_id: int, status: MeasureStatus, result: str | None) -> None:
        try:
            self.service.set_measure_status(measure_id, status, result)
        except ServiceError as exc:
            messages.warn(self, str(exc))
            return
        self.changed = True
        self.reload()

    # --- Excel ----------------------------------------------------------------------------------
    def export_xlsx(self) -> Path | None:

        from ..services.files import OutputError
        if not self.rows:
            messages.info(self, "Không có biện pháp nào để xuất.")
            return None
        folder = self.settings.value("export/last_dir", str(Path.home()))
        name = f"theo-doi-bien-phap-{self.today:%Y-%m-%d}.xlsx"
        path, _ = file_dialogs.save_file_name(self, "Xuất bảng theo dõi", str(Path(folder) / name),
                                              "Bảng tính Excel (*.xlsx)")
        if not path:
            return None
        self.settings.setValue("export/last_dir", str(Path(path).parent))
        title = "BẢNG THEO DÕI THỰC HIỆN BIỆN PHÁP KHẮC PHỤC HẠN CHẾ, KHUYẾT ĐIỂM"
        subtitle = f"{self.unit.currentText()} — cập nhật đến ngày {day_text(self.today)}"
        try:
            written = self.service.export_board(self.rows, path, title, subtitle)
        except (OutputError, ServiceError) as exc:
            messages.warn(self, str(exc))
            return None
        messages.info(self, f"Đã xuất bảng theo dõi:\n{written}")
        return written

    def import_xlsx(self) -> int:

        folder = self.settings.value("export/last_dir", str(Path.home()))
        path, _ = file_dialogs.open_file_name(self, "Nhập kết quả từ Excel", folder, "Bảng tính Excel (*.xlsx)")
        if not path:
            return 0
        from ..services import xlsx
        from .import_dialog import run_in_background
        try:  # the workbook read off the window's thread (a hostile one takes seconds to refuse), with Hủy
            sheet = run_in_background(self, "Nhập kết quả từ Excel", f"Đang đọc tệp {Path(path).name}…",
                                      lambda progress: xlsx.read_measure_sheet(path, progress))
            if sheet is None:
                return 0                 # cancelled: nothing read, nothing changed
            preview = self.service.compare_measure_sheet(sheet)   # the database: this thread's
        except ServiceError as exc:
            messages.warn(self, str(exc))
            return 0
        if not ImportPreviewDialog(preview, self).exec():
            return 0
        try:  # one transaction: all the file's changes, or none
            count = self.service.apply_measure_updates(preview)
        except ServiceError as exc:
            messages.warn(self, str(exc))
            self.reload()
            return 0
        self.changed = self.changed or count > 0
        self.reload()
        messages.info(self, f"Đã cập nhật {count} biện pháp.")
        return count


class ImportPreviewDialog(QDialog):
    """What an Excel file would change, and the rows that cannot be matched — nothing applied
    until the officer agrees."""

    def __init__(self, preview, parent=None):
        super().__init__(parent)
        self.setWindowTitle("Xem trước thay đổi từ tệp Excel")
        self.resize(820, 480)
        self.changes = QListWidget()
        for c in preview.changes:
            self.changes.addItem(c.describe())
        self.problems = QListWidget()
        for p in preview.problems:
            self.problems.addItem(p.message_vi)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(f"<b>{len(preview.changes)} thay đổi</b> sẽ được cập nhật "
                                f"({preview.unchanged} dòng không đổi):"))
        layout.addWidget(self.changes, 2)
        layout.addWidget(QLabel(f"<b>{len(preview.problems)} dòng không cập nhật được</b> (không có gì bị ghi):"))
        layout.addWidget(self.problems, 1)
        buttons = QDialogButtonBox()
        apply = buttons.addButton("Cập nhật", QDialogButtonBox.ButtonRole.AcceptRole)
        apply.setEnabled(bool(preview.changes))
        buttons.addButton("Hủy", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
