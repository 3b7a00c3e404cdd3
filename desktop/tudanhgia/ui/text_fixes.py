"""Two tidy-ups of the text being edited, each shown change by change before anything is applied:
"Chuẩn hóa văn bản" (double spaces, a space before punctuation, spaces inside brackets, quotes as
the document standard wants, NFC: domain/hygiene.py) and "Chuyển mã TCVN3/VNI" (paragraphs typed
in the old 8-bit fonts, shown converted: services/text_hygiene.py). A paste that brings legacy
paragraphs offers the conversion at once.

Changes are made with text cursors in one edit block: formatting kept, one Ctrl+Z undoes them."""
from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QTextCursor, QTextDocument
from PySide6.QtWidgets import (QAbstractItemView, QDialog, QDialogButtonBox, QHeaderView, QLabel, QPlainTextEdit,
                               QPushButton, QTableWidget, QTableWidgetItem, QTextEdit, QVBoxLayout, QWidget)

from ..domain import hygiene
from ..domain.hygiene import Quotes
from ..services.text_hygiene import LegacyParagraph, legacy_paragraphs
from . import messages
from .qt_positions import to_qt


@dataclass(frozen=True)
class Row:
    where: str
    before: str
    after: str
    reason: str


class FixPreview(QDialog):
    """The proposed changes, each with a box to keep or leave it; "Áp dụng" makes the kept ones."""

    def __init__(self, title: str, intro: str, rows: list[Row], parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.resize(980, 520)
        self.rows = rows
        label = QLabel(intro)
        label.setWordWrap(True)
        self.table = QTableWidget(len(rows), 4)
        self.table.setHorizontalHeaderLabels(["Chỗ", "Trước", "Sau", "Lý do"])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        for i, r in enumerate(rows):
            where = QTableWidgetItem(r.where)
            where.setFlags(where.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            where.setCheckState(Qt.CheckState.Checked)
            self.table.setItem(i, 0, where)
            for col, text in ((1, r.before), (2, r.after), (3, r.reason)):
                self.table.setItem(i, col, QTableWidgetItem(text))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.ResizeToContents)
        QTimer.singleShot(0, self.table.resizeRowsToContents)   # once the columns have their widths
        buttons = QDialogButtonBox()
        self.apply_button = buttons.addButton("Áp dụng các thay đổi đã chọn", QDialogButtonBox.ButtonRole.AcceptRole)
        all_button = QPushButton("Chọn tất cả")
        none_button = QPushButton("Bỏ chọn tất cả")
        buttons.addButton(all_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(none_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton("Hủy", QDialogButtonBox.ButtonRole.RejectRole)
        all_button.clicked.connect(lambda: self._check_all(True))
        none_button.clicked.connect(lambda: self._check_all(False))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)

    def _check_all(self, on: bool) -> None:
        for i in range(self.table.rowCount()):
            self.table.item(i, 0).setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)

    def chosen(self) -> list[int]:
        return [i for i in range(self.table.rowCount())
                if self.table.item(i, 0).checkState() == Qt.CheckState.Checked]


def _blocks(doc: QTextDocument, first: int = 0, last: int | None = None) -> list[tuple[int, str]]:
    """(block number, text) of the document's paragraphs from `first` to `last` (inclusive)."""
    out = []
    block = doc.findBlockByNumber(first)
    while block.isValid() and (last is None or block.blockNumber() <= last):
        out.append((block.blockNumber(), block.text()))
        block = block.next()
    return out


def _replace(doc: QTextDocument, number: int, start: int, end: int, text: str) -> None:
    """Replace str offsets `start`…`end` of paragraph `number` (Qt counts UTF-16 units)."""
    block = doc.findBlockByNumber(number)
    own = block.text()
    cursor = QTextCursor(doc)
    cursor.setPosition(block.position() + to_qt(own, start))
    cursor.setPosition(block.position() + to_qt(own, end), QTextCursor.MoveMode.KeepAnchor)
    cursor.insertText(text)


def run_preview(dialog: FixPreview) -> list[int] | None:
    """The rows kept, None when cancelled (tests replace this)."""
    return dialog.chosen() if dialog.exec() == QDialog.DialogCode.Accepted else None


def normalize(edit: QTextEdit | QPlainTextEdit, quotes: Quotes, parent: QWidget | None = None) -> int:
    """"Chuẩn hóa văn bản" on `edit`'s text: preview, then the chosen changes; how many were made."""
    doc = edit.document()
    found = [(n, text, f) for n, text in _blocks(doc) for f in hygiene.fixes(text, quotes)]
    if not found:
        messages.info(parent, "Văn bản đã chuẩn: không có dấu cách thừa, dấu câu, dấu ngoặc hay chữ tổ hợp nào "
                              "cần sửa.")
        return 0
    rows = [Row(f"Đoạn {n + 1}", *hygiene.context(text, f), f.reason) for n, text, f in found]
    quote_note = "ngoặc kép cong “…”" if quotes == "typographic" else "ngoặc kép thẳng \"…\""
    dialog = FixPreview("Chuẩn hóa văn bản", f"{len(rows)} chỗ có thể chuẩn hóa (thể thức văn bản dùng "
                        f"{quote_note}). Phần được sửa nằm giữa hai vạch |…|, dấu cách hiện là “·”. Bỏ chọn những "
                        "chỗ muốn giữ nguyên.", rows, parent)
    chosen = run_preview(dialog)
    if not chosen:
        return 0
    by_block: dict[int, list[hygiene.Fix]] = {}
    for i in chosen:
        by_block.setdefault(found[i][0], []).append(found[i][2])
    originals = {n: text for n, text, _f in found}
    cursor = QTextCursor(doc)
    cursor.beginEditBlock()
    made = 0
    for n, block_fixes in by_block.items():
        if doc.findBlockByNumber(n).text() != originals[n]:
            continue   # changed meanwhile: left alone
        # from the end of the paragraph backwards, so every earlier offset still holds
        for f in sorted(block_fixes, key=lambda f: f.start, reverse=True):
            _replace(doc, n, f.start, f.end, f.after)
            made += 1
    cursor.endEditBlock()
    return made


def convert_legacy(edit: QTextEdit | QPlainTextEdit, parent: QWidget | None = None, first: int = 0,
                   last: int | None = None, quiet: bool = False) -> int:
    """"Chuyển mã TCVN3/VNI" on `edit`'s paragraphs `first`…`last`: the paragraphs in an old
    encoding shown converted; the chosen ones replaced. `quiet`: say nothing when none is found
    (after a paste)."""
    doc = edit.document()
    blocks = _blocks(doc, first, last)
    found: list[LegacyParagraph] = legacy_paragraphs([text for _n, text in blocks])
    if not found:
        if not quiet:
            messages.info(parent, "Không thấy đoạn nào gõ bằng bảng mã cũ (TCVN3/ABC, VNI) trong mục này.")
        return 0
    rows = [Row(f"Đoạn {blocks[p.index][0] + 1}", p.before, p.after, f"Bảng mã {p.encoding} → Unicode")
            for p in found]
    dialog = FixPreview("Chuyển mã văn bản cũ",
                        f"{len(rows)} đoạn có vẻ được gõ bằng phông chữ cũ (TCVN3/ABC hoặc VNI) nên hiện sai "
                        "dấu. Cột “Sau” là nội dung sau khi chuyển sang Unicode; bỏ chọn đoạn muốn giữ nguyên.",
                        rows, parent)
    chosen = run_preview(dialog)
    if not chosen:
        return 0
    cursor = QTextCursor(doc)
    cursor.beginEditBlock()
    for i in sorted(chosen, reverse=True):
        p = found[i]
        number = blocks[p.index][0]
        if doc.findBlockByNumber(number).text() == p.before:
            _replace(doc, number, 0, len(p.before), p.after)
    cursor.endEditBlock()
    return len(chosen)


def offer_after_paste(edit: QTextEdit, before_block: int) -> None:
    """After a paste into `edit`: offer the conversion of the pasted paragraphs in an old encoding
    (from the paragraph the paste began in to the cursor's)."""
    def check() -> None:
        last = edit.textCursor().blockNumber()
        convert_legacy(edit, edit.window(), min(before_block, last), last, quiet=True)
    QTimer.singleShot(0, edit, check)


__all__ = ["FixPreview", "Row", "convert_legacy", "normalize", "offer_after_paste", "run_preview"]
