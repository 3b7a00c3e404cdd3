"""Editors for the people on a document: the "Nơi nhận" list and the signature block.

Both are plain widgets with `value()` / `set_value()` and an `edited` signal (emitted only for
the officer's changes, never by `set_value`), so the document form and the unit profile dialog
share them."""
from __future__ import annotations

import html
from typing import ClassVar

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QAbstractItemDelegate, QAbstractItemView, QComboBox, QFormLayout, QGridLayout,
                               QHBoxLayout, QHeaderView, QLabel, QLineEdit, QPushButton, QSizePolicy, QTableWidget,
                               QTableWidgetItem, QVBoxLayout, QWidget)

from ..domain.model import Authority, Recipient, Recipients, Signer
from ..domain.text import one_line
from ..domain.unit_fields import tidy_recipients

# What the officer sees for "nothing printed here yet".
_PREVIEW_STYLE = ("QLabel { background: white; color: black; border: 1px solid #b8b8b8; padding: 6px; }")


class RecipientsEditor(QWidget):
    """The "Nơi nhận" list: one line per recipient (with an optional purpose printed in
    brackets), the closing "Lưu: VT, …" line, and a preview of the printed lines (spec C1–C3)."""

    edited = Signal()

    COL_TEXT, COL_PURPOSE = 0, 1

    def __init__(self, parent: QWidget | None = None, show_preview: bool = True):
        super().__init__(parent)
        self._loading = False

        self.table = QTableWidget(0, 2)
        self.table.setHorizontalHeaderLabels(["Nơi nhận", "Mục đích"])
        self.table.horizontalHeaderItem(self.COL_PURPOSE).setToolTip(
            "In trong ngoặc sau nơi nhận, ví dụ: báo cáo, để biết, thực hiện. Có thể để trống.")
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(self.COL_TEXT, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(self.COL_PURPOSE, QHeaderView.ResizeMode.Interactive)
        self.table.setColumnWidth(self.COL_PURPOSE, 120)
        self.table.verticalHeader().setVisible(False)
        # long recipients ("VPUB: BTV ĐU, CVP, PCVP, …") wrap instead of being cut off
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                   | QAbstractItemView.EditTrigger.EditKeyPressed
                                   | QAbstractItemView.EditTrigger.AnyKeyPressed
                                   | QAbstractItemView.EditTrigger.SelectedClicked)
        self.table.setMinimumHeight(120)
        self.table.itemChanged.connect(self._on_item_changed)
        self.table.itemSelectionChanged.connect(self._update_buttons)

        self.add_button = QPushButton("Thêm")
        self.add_button.setToolTip("Thêm một nơi nhận vào cuối danh sách")
        self.remove_button = QPushButton("Xóa")
        self.remove_button.setToolTip("Xóa nơi nhận đang chọn")
        self.up_button = QPushButton("Lên")
        self.up_button.setToolTip("Chuyển nơi nhận đang chọn lên trên")
        self.down_button = QPushButton("Xuống")
        self.down_button.setToolTip("Chuyển nơi nhận đang chọn xuống dưới")
        self.add_button.clicked.connect(self.add_line)
        self.remove_button.clicked.connect(self.remove_current)
        self.up_button.clicked.connect(lambda: self.move_current(-1))
        self.down_button.clicked.connect(lambda: self.move_current(1))
        buttons = QVBoxLayout()
        for b in (self.add_button, self.remove_button, self.up_button, self.down_button):
            buttons.addWidget(b)
        buttons.addStretch(1)

        self.archive = QLineEdit()
        self.archive.setPlaceholderText("VT, chữ viết tắt của đơn vị soạn thảo")
        self.archive.setToolTip("Dòng cuối của “Nơi nhận”, in là “- Lưu: VT, …” (văn thư và đơn vị soạn thảo).")
        self.archive.textChanged.connect(self._on_changed)
        archive_row = QHBoxLayout()
        archive_row.addWidget(QLabel("Lưu:"))
        archive_row.addWidget(self.archive, 1)

        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addWidget(self.table, 0, 0)
        grid.addLayout(buttons, 0, 1)
        grid.addLayout(archive_row, 1, 0)
        self.preview = QLabel()
        self.preview.setTextFormat(Qt.TextFormat.RichText)
        self.preview.setWordWrap(True)
        self.preview.setStyleSheet(_PREVIEW_STYLE)
        self.preview.setToolTip("Các dòng “Nơi nhận” như khi in")
        self.preview.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self.preview.setVisible(show_preview)
        grid.addWidget(self.preview, 2, 0, 1, 2)
        self.set_value(Recipients())

    # --- value ---------------------------------------------------------------------------------
    def value(self) -> Recipients:
        # a row just added and left empty is not a recipient (tidy_recipients drops it)
        return tidy_recipients(Recipients([Recipient(self._cell(row, self.COL_TEXT), self._cell(row, self.COL_PURPOSE))
                                           for row in range(self.table.rowCount())], self.archive.text()))

    def set_value(self, recipients: Recipients) -> None:
        self._loading = True
        try:
            self.table.setRowCount(0)
            for r in recipients.lines:
                self._append_row(r.text, r.purpose)
            self.archive.setText(recipients.archive)
        finally:
            self._loading = False
        self._update_buttons()
        self._update_preview()

    def commit_editing(self) -> None:
        """Take a cell still being typed into as typed (before saving or exporting)."""
        if self.table.state() != QAbstractItemView.State.EditingState:
            return
        editor = self.table.indexWidget(self.table.currentIndex())
        if editor is not None:
            self.table.commitData(editor)
            self.table.closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint)

    # --- actions -------------------------------------------------------------------------------
    def add_line(self) -> None:
        """A new empty line at the end, ready for typing."""
        row = self._append_row("", "")
        self.table.setCurrentCell(row, self.COL_TEXT)
        self.table.setFocus()
        self.table.editItem(self.table.item(row, self.COL_TEXT))
        self._update_buttons()

    def remove_current(self) -> None:
        row = self.table.currentRow()
        if row < 0:
            return
        self.table.removeRow(row)
        if self.table.rowCount():
            self.table.setCurrentCell(min(row, self.table.rowCount() - 1), self.COL_TEXT)
        self._changed()

    def move_current(self, step: int) -> None:
        row = self.table.currentRow()
        target = row + step
        if row < 0 or not 0 <= target < self.table.rowCount():
            return
        self._loading = True
        try:
            for col in (self.COL_TEXT, self.COL_PURPOSE):
                a, b = self.table.takeItem(row, col), self.table.takeItem(target, col)
                self.table.setItem(row, col, b)
                self.table.setItem(target, col, a)
        finally:
            self._loading = False
        self.table.setCurrentCell(target, self.table.currentColumn() if self.table.currentColumn() >= 0 else 0)
        self._changed()

    # --- internals -----------------------------------------------------------------------------
    def _cell(self, row: int, col: int) -> str:
        item = self.table.item(row, col)
        return item.text() if item is not None else ""

    def _append_row(self, text: str, purpose: str) -> int:
        loading, self._loading = self._loading, True
        try:
            row = self.table.rowCount()
            self.table.insertRow(row)
            item = QTableWidgetItem(text)
            item.setToolTip(text)
            self.table.setItem(row, self.COL_TEXT, item)
            self.table.setItem(row, self.COL_PURPOSE, QTableWidgetItem(purpose))
        finally:
            self._loading = loading
        return row

    def _on_item_changed(self, item: QTableWidgetItem) -> None:
        if self._loading:
            return
        if item.column() == self.COL_TEXT and item.toolTip() != item.text():
            self._loading = True  # the tooltip change is not another edit
            try:
                item.setToolTip(item.text())
            finally:
                self._loading = False
        self._changed()

    def _on_changed(self, *_args) -> None:
        if not self._loading:
            self._changed()

    def _changed(self) -> None:
        self._update_buttons()
        self._update_preview()
        self.edited.emit()

    def _update_buttons(self) -> None:
        row = self.table.currentRow()
        has = 0 <= row < self.table.rowCount() and bool(self.table.selectedItems())
        self.remove_button.setEnabled(has)
        self.up_button.setEnabled(has and row > 0)
        self.down_button.setEnabled(has and row < self.table.rowCount() - 1)

    def _update_preview(self) -> None:
        lines = "<br>".join(html.escape(line) for line in self.value().printed())
        self.preview.setText(f"<b><i>Nơi nhận:</i></b><br>{lines}")


class SignerEditor(QWidget):
    """Who signs and in what capacity (spec C4, C5, C7), with a preview of the printed lines."""

    edited = Signal()

    _POSITION_HINTS: ClassVar[dict[Authority, str]] = {
        Authority.NONE: "",
        Authority.KT: "VD: CHÁNH VĂN PHÒNG",
        Authority.TM: "VD: ỦY BAN NHÂN DÂN",
        Authority.Q: "VD: CHÁNH VĂN PHÒNG",
        Authority.TL: "VD: CHÁNH VĂN PHÒNG",
        Authority.TUQ: "VD: CHỦ TỊCH",
    }

    def __init__(self, parent: QWidget | None = None, show_preview: bool = True):
        super().__init__(parent)
        self._loading = False
        self.authority = QComboBox()
        for a in Authority:
            self.authority.addItem(a.label, a)
        self.authority.setToolTip("KT. ký thay người đứng đầu; TM. thay mặt tập thể; Q. quyền; "
                                  "TL. thừa lệnh; TUQ. thừa ủy quyền")
        self.authority_position = QLineEdit()
        self.authority_position.setToolTip("Chức vụ của người đứng đầu hoặc tên tập thể, in sau KT./TM./…")
        self.position = QLineEdit()
        self.position.setPlaceholderText("VD: PHÓ CHÁNH VĂN PHÒNG")
        self.position.setToolTip("Chức vụ của người ký, in chữ in hoa dưới dòng thẩm quyền")
        self.name = QLineEdit()
        self.name.setPlaceholderText("VD: Lê Quốc Đạt")
        self.name.setToolTip("Họ và tên người ký, không ghi học hàm, học vị")
        self.authority.currentIndexChanged.connect(self._on_authority)
        for w in (self.authority_position, self.position, self.name):
            w.textChanged.connect(self._on_changed)

        form = QFormLayout()
        form.setContentsMargins(0, 0, 0, 0)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow("Thẩm quyền ký:", self.authority)
        form.addRow("Ký thay/thay mặt cho:", self.authority_position)
        form.addRow("Chức vụ người ký:", self.position)
        form.addRow("Họ và tên:", self.name)
        self.preview = QLabel()
        self.preview.setTextFormat(Qt.TextFormat.RichText)
        self.preview.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.preview.setWordWrap(True)
        self.preview.setStyleSheet(_PREVIEW_STYLE)
        self.preview.setToolTip("Khối chữ ký như khi in")
        self.preview.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self.preview.setVisible(show_preview)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(form)
        layout.addWidget(self.preview)
        self.set_value(Signer())

    # --- value ---------------------------------------------------------------------------------
    def value(self) -> Signer:
        # the "on behalf of" text is kept even while no authority is chosen, so switching the
        # combo back and forth never throws typing away; title_lines() ignores it then
        return Signer(self.authority.currentData(), one_line(self.authority_position.text()),
                      one_line(self.position.text()), one_line(self.name.text()))

    def set_value(self, signer: Signer) -> None:
        self._loading = True
        try:
            self.authority.setCurrentIndex(max(0, self.authority.findData(signer.authority)))
            self.authority_position.setText(signer.authority_position)
            self.position.setText(signer.position)
            self.name.setText(signer.name)
        finally:
            self._loading = False
        self._update_state()

    # --- internals -----------------------------------------------------------------------------
    def _on_authority(self, _index: int) -> None:
        self._update_state()
        if not self._loading:
            self.edited.emit()

    def _on_changed(self, *_args) -> None:
        self._update_state()
        if not self._loading:
            self.edited.emit()

    def _update_state(self) -> None:
        authority = self.authority.currentData()
        self.authority_position.setEnabled(authority is not Authority.NONE)
        self.authority_position.setPlaceholderText(self._POSITION_HINTS.get(authority, ""))
        signer = self.value()
        parts = [f"<b>{html.escape(line)}</b>" for line in signer.title_lines()]
        if not parts:
            parts.append("<span style='color:#a06000'>(chưa có chức vụ người ký)</span>")
        parts.append("<br><span style='color:#808080'><i>(chữ ký, đóng dấu)</i></span><br>")
        parts.append(f"<b>{html.escape(signer.name)}</b>" if signer.name else
                     "<span style='color:#a06000'>(chưa có họ tên người ký)</span>")
        self.preview.setText("<br>".join(parts))


__all__ = ["RecipientsEditor", "SignerEditor"]
