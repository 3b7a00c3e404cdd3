"""The statistics appendix: indicator rows with name, unit, value, denominator and the rate
computed live (Vietnamese number format, as printed); above them, an imported report's kept
appendix table (ui/appendix.py), which prints first."""
from __future__ import annotations

import copy

from PySide6.QtCore import QSignalBlocker, Qt
from PySide6.QtWidgets import (QHBoxLayout, QHeaderView, QLabel, QPushButton, QSplitter, QTableWidget,
                               QTableWidgetItem, QVBoxLayout, QWidget)

from . import file_dialogs
from ..domain.model import Indicator
from ..domain.numbers import parse_number
from ..render.layout import vn_number
from ..domain.changes import Changes
from .appendix import AppendixTableEditor
from .cell_typing import TypingDelegate, commit_open_editor
from .context import EditorContext
from .read_only import keep_usable

COLUMNS = ["Chỉ tiêu", "Đơn vị tính", "Kết quả", "Trên tổng số", "Tỷ lệ"]


class IndicatorsEditor(QWidget):
    def __init__(self, ctx: EditorContext, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.saved: list[Indicator] = []
        self.autosave = ctx.saves.register("indicators", self.flush, owner=self, unsaved=self._unsaved)
        self.title = QLabel()
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.setWordWrap(True)
        self.table.itemChanged.connect(self._on_item_changed)
        delegate = TypingDelegate(self.table)   # a cell being typed in is saved like any typing
        delegate.typed.connect(self.autosave.mark_dirty)
        self.table.setItemDelegate(delegate)
        self.error = QLabel()
        self.error.setStyleSheet("color: #b00020")
        buttons = QHBoxLayout()
        for text, slot in (("Thêm chỉ tiêu", self.add_row), ("Xóa", self.remove_row), ("Lên", lambda: self.move(-1)),
                           ("Xuống", lambda: self.move(1))):
            b = QPushButton(text)
            b.clicked.connect(ctx.saves.guard(slot))  # what was typed is written first
            buttons.addWidget(b)
        buttons.addStretch(1)
        for text, slot in (("Xuất Excel…", self.export_xlsx), ("Nhập Excel…", self.import_xlsx)):
            b = QPushButton(text)
            b.clicked.connect(ctx.saves.guard(slot))
            buttons.addWidget(b)
            if slot == self.export_xlsx:
                keep_usable(b)   # exporting never changes the report: usable on an issued one
        # an imported report's appendix table, kept as written: edited above the indicators (it prints first)
        self.kept = AppendixTableEditor(ctx)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        own = QWidget()
        own_layout = QVBoxLayout(own)
        own_layout.setContentsMargins(0, 0, 0, 0)
        own_layout.addWidget(self.hint)
        own_layout.addWidget(self.table, 1)
        own_layout.addWidget(self.error)
        own_layout.addLayout(buttons)
        self.split = QSplitter(Qt.Orientation.Vertical)
        self.split.setChildrenCollapsible(False)
        self.split.addWidget(self.kept)
        self.split.addWidget(own)
        self.split.setStretchFactor(0, 3)
        self.split.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.split, 1)
        ctx.changed.connect(self._on_changed)
        self.load()

    def _show_hint(self) -> None:
        rule = ("Nhập số theo kiểu Việt Nam (1.234,5). "
                "Tỷ lệ được tính tự động = Kết quả / Trên tổng số; để trống ô không áp dụng.")
        self.hint.setText(f"<b>Chỉ tiêu bổ sung</b> (in sau bảng đã nhập). {rule}"
                          if self.ctx.report().appendix_table is not None else rule)

    def load(self) -> None:
        report = self.ctx.report()
        self.title.setText(f"<b>{report.appendix_title or 'Phụ lục số liệu'}</b>")
        self._show_hint()
        self.saved = copy.deepcopy(report.indicators)
        with QSignalBlocker(self.table):
            self.table.setRowCount(0)
            for ind in report.indicators:
                self._append(ind)
        self._refresh_rates()

    def _append(self, ind: Indicator) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        values = [ind.name, ind.unit, "" if ind.value is None else vn_number(ind.value),
                  "" if ind.denominator is None else vn_number(ind.denominator), ""]
        for col, value in enumerate(values):
            item = QTableWidgetItem(value)
            if col >= 2:
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if col == 4:
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
            self.table.setItem(row, col, item)

    def rows(self) -> list[Indicator]:
        """The table as indicators; raises ValueError with the row number for a bad number."""
        out = []
        for row in range(self.table.rowCount()):
            text = [self.table.item(row, c).text() if self.table.item(row, c) else "" for c in range(4)]
            try:
                value, denominator = parse_number(text[2]), parse_number(text[3])
            except ValueError:
                raise ValueError(f"Dòng {row + 1}: “{text[2] or text[3]}” không phải là số.") from None
            out.append(Indicator(text[0].strip(), text[1].strip(), value, denominator))
        return out

    def _refresh_rates(self) -> None:
        with QSignalBlocker(self.table):
            for row in range(self.table.rowCount()):
                try:
                    ind = self.rows()[row]
                    rate = ind.rate
                    text = "" if rate is None else f"{vn_number(rate, 1)}%"
                except ValueError:
                    text = "?"
                self.table.item(row, 4).setText(text)

    def _on_item_changed(self, _item) -> None:
        self._refresh_rates()
        self.autosave.mark_dirty()

    def flush(self, typing: bool = True) -> None:
        """Write the table if it differs from what is stored: one undo step per burst of typing
        (`typing`), or one per row added, removed or moved."""
        commit_open_editor(self.table)   # the text of a cell still being typed in
        try:
            new = self.rows()
        except ValueError as exc:
            self.error.setText(str(exc))
            return
        self.error.setText("")
        old = copy.deepcopy(self.saved)
        if [(i.name, i.unit, i.value, i.denominator) for i in new] == \
                [(i.name, i.unit, i.value, i.denominator) for i in old]:
            return
        svc, rid = self.ctx.service, self.ctx.report_id
        # what the officer saw is the table as this page last showed or wrote it, read when the step
        # runs: a burst's writes merge into one step whose undo (redo) comes after its last (first) write
        seen = lambda: copy.deepcopy(self.saved)  # noqa: E731
        self.ctx.run("Sửa phụ lục số liệu", lambda: svc.set_indicators(rid, copy.deepcopy(new), seen()),
                     lambda: svc.set_indicators(rid, copy.deepcopy(old), seen()), initiator=self,
                     merge_key=("indicators", rid) if typing else None)
        if self.ctx.last_ok:
            self.saved = copy.deepcopy(new)   # refused: the table still differs, written on the next try

    def _write_rows(self) -> None:
        """A row added, removed or moved: written at once, retried like typing if refused."""
        self.ctx.saves.write(self.autosave, lambda: self.flush(typing=False))

    def _unsaved(self) -> list[tuple[str, str]]:
        lines = []
        for row in range(self.table.rowCount()):
            cells = [self.table.item(row, c).text() if self.table.item(row, c) else "" for c in range(4)]
            lines.append("\t".join(cells))
        return [("Phụ lục số liệu (chỉ tiêu, đơn vị tính, kết quả, trên tổng số)", "\n".join(lines))]

    def _on_changed(self, changes: Changes, initiator) -> None:
        if changes.touches_indicators() and initiator is not self:  # undo, redo, an import
            if initiator is self.kept:
                self._show_hint()   # the kept table's own edit: the indicators did not change
            else:
                self.load()

    def add_row(self) -> None:
        with QSignalBlocker(self.table):
            self._append(Indicator("Chỉ tiêu mới"))
        self.table.setCurrentCell(self.table.rowCount() - 1, 0)
        self._refresh_rates()
        self._write_rows()

    def remove_row(self) -> None:
        row = self.table.currentRow()
        if row >= 0:
            self.table.removeRow(row)
            self._write_rows()

    def move(self, delta: int) -> None:
        row = self.table.currentRow()
        new = row + delta
        if row < 0 or not 0 <= new < self.table.rowCount():
            return
        items = self.rows()
        items.insert(new, items.pop(row))
        with QSignalBlocker(self.table):
            self.table.setRowCount(0)
            for ind in items:
                self._append(ind)
        self.table.setCurrentCell(new, 0)
        self._refresh_rates()
        self._write_rows()

    # --- Excel ----------------------------------------------------------------------------------
    def _settings(self):
        from PySide6.QtCore import QSettings
        window = self.window()
        return getattr(window, "settings", None) or QSettings()

    def export_xlsx(self):
        from pathlib import Path


        from ..errors import ServiceError
        from ..services import xlsx
        from ..services.files import OutputError
        from . import messages
        settings = self._settings()
        folder = settings.value("export/last_dir", str(Path.home()))
        name = xlsx.default_indicators_name(self.ctx.report())
        path, _ = file_dialogs.save_file_name(self, "Xuất phụ lục số liệu", str(Path(folder) / name),
                                              "Bảng tính Excel (*.xlsx)")
        if not path:
            return None
        settings.setValue("export/last_dir", str(Path(path).parent))
        try:
            return self.ctx.service.export_indicators(self.ctx.report_id, path)
        except (OutputError, ServiceError) as exc:
            messages.warn(self, str(exc))
            return None

    def import_xlsx(self) -> bool:
        """Read the indicators from a sheet; rows with problems are listed and nothing changes
        until the file is clean."""
        from pathlib import Path


        from ..errors import ServiceError
        from ..services import xlsx
        from . import messages
        folder = self._settings().value("export/last_dir", str(Path.home()))
        path, _ = file_dialogs.open_file_name(self, "Nhập phụ lục số liệu", folder, "Bảng tính Excel (*.xlsx)")
        if not path:
            return False
        from .import_dialog import run_in_background
        try:  # read off the window's thread (a hostile workbook takes seconds to refuse), with Hủy
            read = run_in_background(self, "Nhập phụ lục số liệu", f"Đang đọc tệp {Path(path).name}…",
                                     lambda progress: xlsx.read_indicators(path, progress))
        except ServiceError as exc:
            messages.warn(self, str(exc))
            return False
        if read is None:
            return False                 # cancelled: nothing changed
        indicators, problems = read
        blocking = [p for p in problems if p.blocking]
        if blocking:
            messages.warn(self, "Tệp chưa nhập được, không có gì bị thay đổi:\n" +
                          "\n".join(p.message_vi for p in blocking[:15]))
            return False
        old = copy.deepcopy(self.ctx.report().indicators)
        svc, rid = self.ctx.service, self.ctx.report_id
        self.ctx.run("Nhập phụ lục số liệu từ Excel", lambda: svc.set_indicators(rid, copy.deepcopy(indicators), old),
                     lambda: svc.set_indicators(rid, copy.deepcopy(old), indicators))
        return True
