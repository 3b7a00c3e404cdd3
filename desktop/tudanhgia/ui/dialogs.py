"""Small dialogs of the main window: the pre-print check and the trash."""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QHBoxLayout, QLabel, QListWidget, QListWidgetItem,
                               QPushButton, QVBoxLayout)

from ..domain.completeness import Issue, Severity
from ..services import ReportService
from . import messages


class CompletenessDialog(QDialog):
    """What is missing before printing; double-click an item to go there. Drafts can still be
    exported (or issued) after confirmation: `go_on` names that button after what happens next."""

    jump = Signal(object)   # the Issue: its section, limitation, measure row or place (ui/check_jump.py)

    def __init__(self, issues: list[Issue], for_export: bool, parent=None, go_on: str = "Vẫn xuất văn bản"):
        super().__init__(parent)
        self.setWindowTitle("Kiểm tra trước khi in")
        self.resize(720, 460)
        warnings = [i for i in issues if i.severity is Severity.WARNING]
        notes = [i for i in issues if i.severity is not Severity.WARNING]
        head = (f"Còn {len(warnings)} điểm cần xem lại" if warnings else "Báo cáo đã đủ các phần bắt buộc") + \
            (f" và {len(notes)} ghi chú." if notes else ".")
        self.summary = QLabel(f"<b>{head}</b> Bấm đúp vào một dòng, hoặc chọn dòng rồi bấm “Đến chỗ cần sửa”.")
        self.summary.setWordWrap(True)
        self.list = QListWidget()
        self.list.setWordWrap(True)
        self.list.setSpacing(3)   # wrapped lines of one item apart from the next
        self.list.setAlternatingRowColors(True)
        for issue in warnings + notes:
            mark = "⚠" if issue.severity is Severity.WARNING else "ℹ"
            item = QListWidgetItem(f"{mark}  {issue.message}")
            item.setData(Qt.ItemDataRole.UserRole, issue)
            item.setToolTip(issue.message)
            self.list.addItem(item)
        self.list.itemActivated.connect(self._activated)
        buttons = QDialogButtonBox()
        self.go_button = buttons.addButton("Đến chỗ cần sửa", QDialogButtonBox.ButtonRole.ActionRole)
        self.go_button.setEnabled(False)
        self.go_button.clicked.connect(lambda: self.list.currentItem() and self._activated(self.list.currentItem()))
        self.list.currentItemChanged.connect(lambda item, _old: self.go_button.setEnabled(item is not None))
        if self.list.count():
            self.list.setCurrentRow(0)
        if for_export:
            self.export_button = buttons.addButton(go_on, QDialogButtonBox.ButtonRole.AcceptRole)
            buttons.addButton("Quay lại sửa", QDialogButtonBox.ButtonRole.RejectRole)
        else:
            buttons.addButton("Đóng", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.list, 1)
        layout.addWidget(buttons)

    def _activated(self, item: QListWidgetItem) -> None:
        self.jump.emit(item.data(Qt.ItemDataRole.UserRole))
        self.reject()


class TrashDialog(QDialog):
    """Deleted reports: restore them, or delete them for good."""

    def __init__(self, service: ReportService, parent=None):
        super().__init__(parent)
        self.service = service
        self.setWindowTitle("Thùng rác")
        self.resize(640, 400)
        self.list = QListWidget()
        restore = QPushButton("Khôi phục")
        restore.clicked.connect(self.restore)
        purge = QPushButton("Xóa hẳn…")
        purge.clicked.connect(self.purge)
        close = QPushButton("Đóng")
        close.clicked.connect(self.accept)
        row = QHBoxLayout()
        row.addWidget(restore)
        row.addWidget(purge)
        row.addStretch(1)
        row.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("Báo cáo đã xóa được giữ ở đây cho đến khi bạn xóa hẳn."))
        layout.addWidget(self.list, 1)
        layout.addLayout(row)
        self.restored: list[int] = []
        self.load()

    def load(self) -> None:
        self.list.clear()
        for r in self.service.list_reports(deleted=True):
            item = QListWidgetItem(f"{r.title} — {r.unit_name} ({r.period.label})")
            item.setData(Qt.ItemDataRole.UserRole, r.id)
            self.list.addItem(item)
        if self.list.count() == 0:
            self.list.addItem(QListWidgetItem("(Thùng rác trống)"))

    def _current(self) -> int | None:
        item = self.list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None

    def restore(self) -> None:
        report_id = self._current()
        if report_id is not None:
            self.service.restore_report(report_id)
            self.restored.append(report_id)
            self.load()

    def purge(self) -> None:
        report_id = self._current()
        if report_id is None:
            return
        if messages.confirm(self, "Xóa hẳn báo cáo này? Sau khi xóa hẳn sẽ không khôi phục được.", yes="Xóa hẳn"):
            self.service.purge_report(report_id)
            self.load()


class PlanDialog(QDialog):
    """Lập kế hoạch khắc phục từ một báo cáo kiểm điểm: the superior's conclusion and the
    limitations it adds (one per line)."""

    def __init__(self, review_title: str, limitation_count: int, parent=None):
        super().__init__(parent)
        from PySide6.QtWidgets import QFormLayout, QLineEdit, QPlainTextEdit
        self.setWindowTitle("Lập kế hoạch khắc phục")
        self.resize(680, 420)
        intro = QLabel(f"Kế hoạch được lập từ “{review_title}”: {limitation_count} hạn chế, khuyết điểm của báo cáo "
                       "trở thành các nội dung khắc phục, giữ liên kết để kỳ sau báo cáo kết quả khắc phục.")
        intro.setWordWrap(True)
        self.conclusion = QLineEdit(placeholderText="Ví dụ: Kết luận số 1621-KL/TU ngày 30/3/2023 của Ban Thường vụ "
                                                    "Tỉnh ủy")
        self.added = QPlainTextEdit()
        self.added.setPlaceholderText("Mỗi dòng một hạn chế, khuyết điểm do kết luận của cấp trên bổ sung (nếu có).")
        form = QFormLayout()
        form.addRow("Kết luận của cấp trên:", self.conclusion)
        form.addRow("Hạn chế bổ sung:", self.added)
        buttons = QDialogButtonBox()
        buttons.addButton("Lập kế hoạch", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton("Hủy", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def values(self) -> tuple[str, list[str]]:
        return self.conclusion.text().strip(), [t for t in self.added.toPlainText().splitlines() if t.strip()]
