"""The "Công cụ" menu's text tidy-ups (issue #16 points 4, 5): "Chuẩn hóa văn bản…" and "Chuyển mã
TCVN3/VNI…", on the text field being edited (else the section's body). Light at start-up: the
dialogs load when asked for."""
from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (QAbstractItemView, QApplication, QDialog, QHBoxLayout, QLabel, QListWidget,
                               QPlainTextEdit, QPushButton, QTextEdit, QVBoxLayout, QWidget)

from . import messages

if TYPE_CHECKING:
    from .main_window import MainWindow


def target_field(w: MainWindow) -> QTextEdit | QPlainTextEdit | None:
    """The text field the officer is in (a spell-checked one), else the body of the section shown."""
    focus = QApplication.focusWidget()
    if isinstance(focus, (QTextEdit, QPlainTextEdit)) and focus.property("tudanhgia_spell"):
        field: QTextEdit | QPlainTextEdit | None = focus
    elif getattr(w, "editor", None) is not None and w.stack.currentIndex() == 1:
        field = w.editor.page.editor
    else:
        field = None
    if field is None or field.isReadOnly() or not field.isEnabled():
        return None
    return field


def install_actions(w: MainWindow, act, menu) -> None:
    def run(name: str) -> None:
        field = target_field(w)
        if field is None:
            messages.info(w, "Hãy mở một báo cáo và đặt con trỏ vào phần văn bản cần sửa (nội dung mục, hạn chế, "
                             "biện pháp…).")
            return
        from . import text_fixes
        from ..services.text_hygiene import quotes_for
        if name == "normalize":
            text_fixes.normalize(field, quotes_for(w.ctx.report()), w)
        else:
            text_fixes.convert_legacy(field, w)

    w.act_normalize_text = act("Chuẩn hóa văn bản…", lambda: run("normalize"),
                               tip="Bỏ dấu cách thừa, dấu cách trước dấu câu và trong ngoặc, thống nhất dấu ngoặc "
                                   "kép theo thể thức, chữ tổ hợp → dựng sẵn (xem từng chỗ trước khi sửa)")
    w.act_convert_legacy = act("Chuyển mã TCVN3/VNI…", lambda: run("legacy"),
                               tip="Chuyển các đoạn gõ bằng phông chữ cũ (.VnTime, VNI-Times) sang Unicode (xem "
                                   "trước khi sửa)")
    w.act_spelling = act("Kiểm tra chính tả khi gõ", lambda: None,
                         tip="Gạch chân đỏ các từ có thể sai chính tả; bấm chuột phải vào từ để xem gợi ý")
    w.act_spelling.setCheckable(True)
    on = str(w.settings.value("spelling/as_you_type", "true")).lower() != "false"
    w.act_spelling.setChecked(on)
    # ui/spell_check.py (with the word rules, ~30 ms) is not imported before the first paint when it
    # would change nothing: it starts active, and nothing is underlined until a report is open
    if not on or f"{__package__}.spell_check" in sys.modules:
        from . import spell_check
        spell_check.set_active(on)

    def toggled(checked: bool) -> None:
        from . import spell_check
        spell_check.set_active(checked)
        w.settings.setValue("spelling/as_you_type", "true" if checked else "false")
    w.act_spelling.toggled.connect(toggled)
    w.act_unit_dictionary = act("Từ điển của đơn vị…", lambda: unit_dictionary(w),
                                tip="Các từ đã thêm bằng “Thêm vào từ điển của đơn vị”: xem, xóa bớt")
    menu.addSeparator()
    menu.addActions([w.act_spelling, w.act_unit_dictionary, w.act_normalize_text, w.act_convert_legacy])


def unit_dictionary(w: MainWindow) -> None:
    if w.service is None:
        messages.info(w, "Hãy mở một tệp dữ liệu trước.")
        return
    UnitDictionaryDialog(w.service, w).exec()


class UnitDictionaryDialog(QDialog):
    """The words the unit added to its spelling dictionary (kept in the database), to take some out."""

    def __init__(self, service, parent: QWidget | None = None):
        super().__init__(parent)
        from . import spell_check
        from ..services.spelling import dictionary_words
        self.check = spell_check.spell_check_for(service, parent)
        self.setWindowTitle("Từ điển của đơn vị")
        self.resize(420, 460)
        self.list = QListWidget()
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.list.addItems(dictionary_words(service))
        note = QLabel("Các từ này không bị gạch chân khi kiểm tra chính tả trong mọi báo cáo của tệp dữ liệu "
                      "này. Thêm từ bằng cách bấm chuột phải vào từ bị gạch chân.")
        note.setWordWrap(True)
        self.remove_button = QPushButton("Xóa từ đã chọn")
        self.remove_button.clicked.connect(self.remove_selected)
        close = QPushButton("Đóng")
        close.clicked.connect(self.accept)
        row = QHBoxLayout()
        row.addWidget(self.remove_button)
        row.addStretch(1)
        row.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addWidget(self.list, 1)
        layout.addLayout(row)
        self.list.itemSelectionChanged.connect(
            lambda: self.remove_button.setEnabled(bool(self.list.selectedItems())))
        self.remove_button.setEnabled(False)

    def remove_selected(self) -> None:
        for item in self.list.selectedItems():
            if self.check.remove_word(item.text(), self):
                self.list.takeItem(self.list.row(item))
