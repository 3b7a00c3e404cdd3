"""Nhập báo cáo có sẵn: the detected outline beside the source text; the officer fixes levels or
the kind, then confirms and the report is saved like any other."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor, QTextDocument
from PySide6.QtWidgets import (QComboBox, QDialog, QDialogButtonBox, QHBoxLayout, QLabel, QPlainTextEdit,
                               QPushButton, QSplitter, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget)

from ..domain.model import Report, Section
from ..domain.names import section_name
from ..errors import ServiceError
from . import messages

ROLE = Qt.ItemDataRole.UserRole


class ImportReviewDialog(QDialog):
    def __init__(self, service, path: str | Path, parent=None):
        from ..services.importing import read_source
        super().__init__(parent)
        self.service = service
        self.path = Path(path)
        self.document = read_source(self.path)  # ImportFailure propagates: the caller shows it
        self.result = None
        self.saved: Report | None = None
        self.setWindowTitle(f"Nhập báo cáo — {self.path.name}")
        self.resize(1300, 720)

        self.source = QPlainTextEdit(readOnly=True)
        self.source.setPlainText("\n".join(ln.text for ln in self.document.lines))
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels(["Dàn ý nhận được", "Tự đánh giá"])
        self.tree.setColumnWidth(0, 480)
        self.tree.currentItemChanged.connect(self._show_in_source)

        self.kind = QComboBox()
        self.kind.addItem("Tự nhận dạng", None)
        for k in service.kinds.all():
            self.kind.addItem(k.label, k.id)
        self.kind.currentIndexChanged.connect(self.recognise)
        self.unit = QComboBox()
        default = service.default_unit()
        for u in service.list_units():
            self.unit.addItem(u.name, u.id)
        if default is not None:
            self.unit.setCurrentIndex(max(0, self.unit.findData(default.id)))
        self.summary = QLabel(wordWrap=True)

        up = QPushButton("Lên một cấp")
        up.setToolTip("Đưa mục ra ngang cấp với mục cha của nó")
        up.clicked.connect(self.outdent)
        down = QPushButton("Xuống một cấp")
        down.setToolTip("Biến mục thành mục con của mục ngay trên nó")
        down.clicked.connect(self.indent)
        tools = QHBoxLayout()
        tools.addWidget(up)
        tools.addWidget(down)
        tools.addStretch(1)

        right = QWidget()
        rv = QVBoxLayout(right)
        form = QHBoxLayout()
        form.addWidget(QLabel("Loại báo cáo:"))
        form.addWidget(self.kind, 2)
        form.addWidget(QLabel("Đơn vị:"))
        form.addWidget(self.unit, 2)
        rv.addLayout(form)
        rv.addWidget(self.summary)
        rv.addWidget(self.tree, 1)
        rv.addLayout(tools)
        left = QWidget()
        lv = QVBoxLayout(left)
        lv.addWidget(QLabel(f"<b>Văn bản gốc</b> ({len(self.document.lines)} đoạn)"))
        lv.addWidget(self.source, 1)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setSizes([560, 740])

        buttons = QDialogButtonBox()
        self.ok = buttons.addButton("Nhập báo cáo", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton("Hủy", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addWidget(buttons)
        self.recognise()

    # --- recognition ---------------------------------------------------------------------------
    def recognise(self) -> None:
        from ..services.importing import recognise
        self.result = recognise(self.service, self.document, self.kind.currentData())
        self.refresh()

    def refresh(self, select: Section | None = None) -> None:
        report, result = self.result.report, self.result
        numbers = report.numbering()
        self.tree.clear()
        chosen = None

        def add(sections, owner):
            nonlocal chosen
            for s in sections:
                head = section_name(s, 80)
                item = QTreeWidgetItem(owner, [f"{numbers[s]} {head}".strip(),
                                               s.rating.label if s.rating else ("chưa đánh dấu" if s.rating_scale
                                                                                else "")])
                item.setData(0, ROLE, id(s))
                item.setToolTip(0, head)
                if s is select:
                    chosen = item
                add(s.children, item)

        add(report.sections, self.tree)
        self.tree.expandAll()
        if chosen is not None:
            self.tree.setCurrentItem(chosen)
        parts = [f"Loại: <b>{result.kind.label}</b> — {result.matched}/{len(result.kind.sections)} mục của mẫu "
                 f"được nhận ra; {sum(1 for _ in report.walk())} mục; {len(report.limitations)} hạn chế, "
                 f"{len(report.all_measures())} biện pháp."]
        parts += result.notes
        self.summary.setText("<br>".join(parts))

    def _section(self, item: QTreeWidgetItem | None) -> Section | None:
        if item is None:
            return None
        key = item.data(0, ROLE)
        return next((s for s in self.result.report.walk() if id(s) == key), None)

    def _show_in_source(self, item, _previous) -> None:
        s = self._section(item)
        if s is None:
            return
        needle = section_name(s, 60, ellipsis="")  # searched for in the source: no "…"
        if not needle:
            return
        cursor = self.source.document().find(needle, 0, QTextDocument.FindFlag(0))
        if not cursor.isNull():
            self.source.setTextCursor(cursor)
            self.source.centerCursor()
        else:
            self.source.moveCursor(QTextCursor.MoveOperation.Start)

    # --- fixing levels ----------------------------------------------------------------------------
    def indent(self) -> None:
        report, s = self.result.report, self._section(self.tree.currentItem())
        if s is None:
            return
        siblings = report.siblings_of(s)
        i = siblings.index(s)
        if i == 0:
            messages.info(self, "Mục đầu tiên của một cấp không thể xuống cấp: không có mục nào ở trên để làm mục cha.")
            return
        siblings.pop(i)
        siblings[i - 1].children.append(s)
        self.refresh(s)

    def outdent(self) -> None:
        report, s = self.result.report, self._section(self.tree.currentItem())
        if s is None:
            return
        parent = report.parent_of(s)
        if parent is None:
            messages.info(self, "Mục này đã ở cấp cao nhất.")
            return
        parent.children.remove(s)
        outer = report.siblings_of(parent)
        outer.insert(outer.index(parent) + 1, s)
        self.refresh(s)

    # --- saving --------------------------------------------------------------------------------
    def accept(self) -> None:
        report = self.result.report
        unit_id = self.unit.currentData()
        if unit_id is not None:
            unit = self.service.get_unit(unit_id)
            report.unit_id, report.unit_name = unit.id, unit.name
        try:
            self.saved = self.service.add_report(report)
        except ServiceError as exc:
            messages.warn(self, str(exc))
            return
        super().accept()
