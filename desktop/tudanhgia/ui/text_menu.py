"""The "Công cụ" menu's text tidy-ups (issue #16 points 4, 5): "Chuẩn hóa văn bản…" and "Chuyển mã
TCVN3/VNI…", on the text field being edited (else the section's body); and the Sửa menu's Cắt, Sao
chép, Dán, Chọn tất cả on the field that has the keyboard. Light at start-up: the dialogs load when
asked for."""
from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (QAbstractItemView, QAbstractSpinBox, QApplication, QComboBox, QDialog, QHBoxLayout,
                               QLabel, QLineEdit, QListWidget, QPlainTextEdit, QPushButton, QTextEdit, QVBoxLayout,
                               QWidget)

from . import messages
from .undo import CUTTING, PASTING

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


# --- Sửa ▸ Cắt, Sao chép, Dán, Chọn tất cả ---------------------------------------------------------------
TextField = QLineEdit | QTextEdit | QPlainTextEdit
_CLIPBOARD = (("cut", "Cắt", QKeySequence.StandardKey.Cut, "Cắt phần đã chọn vào bộ nhớ tạm (Ctrl+X)"),
              ("copy", "Sao chép", QKeySequence.StandardKey.Copy, "Sao chép phần đã chọn (Ctrl+C)"),
              ("paste", "Dán", QKeySequence.StandardKey.Paste, "Dán văn bản từ bộ nhớ tạm vào chỗ con trỏ (Ctrl+V)"),
              ("select_all", "Chọn tất cả", QKeySequence.StandardKey.SelectAll,
               "Chọn toàn bộ văn bản trong ô đang gõ (Ctrl+A)"))


def focused_field(w: QWidget) -> TextField | QAbstractSpinBox | None:
    """The text field of window `w` that has the keyboard (an editable list's line, a number's box
    too), if any; while the window is not active (its menu opened by a click that activates it), the
    one that gets the keyboard back."""
    focus = QApplication.focusWidget()
    if focus is None or focus.window() is not w:
        focus = w.focusWidget()
    if isinstance(focus, QComboBox) and focus.isEditable():
        return focus.lineEdit()
    if isinstance(focus, (QLineEdit, QTextEdit, QPlainTextEdit, QAbstractSpinBox)):
        return focus
    return None


def _state(field: TextField | QAbstractSpinBox | None) -> dict[str, bool]:
    """Which of the four the field can do now, as its own right-click menu would say."""
    if field is None:
        return dict.fromkeys(("cut", "copy", "paste", "select_all"), False)
    if isinstance(field, QAbstractSpinBox):   # its text is a number: only "Chọn tất cả" applies from here
        return {"cut": False, "copy": False, "paste": False, "select_all": True}
    writable = not field.isReadOnly() and field.isEnabled()
    if isinstance(field, QLineEdit):
        selected = field.hasSelectedText() and field.echoMode() == QLineEdit.EchoMode.Normal
        pasteable = bool(QApplication.clipboard().text())
        filled = bool(field.text())
    else:
        selected = field.textCursor().hasSelection()
        pasteable = field.canPaste()
        filled = not field.document().isEmpty()
    return {"cut": selected and writable, "copy": selected, "paste": writable and pasteable, "select_all": filled}


def clipboard_actions(w: MainWindow) -> list[QAction]:
    """The Sửa menu's Cắt, Sao chép, Dán, Chọn tất cả (made once per window, as `w.act_cut`…).
    Their keys stay the field's own (a field takes Ctrl+C… before the window's shortcut); the menu
    does what they do, through the same paste hygiene and the window's one undo history."""
    made: list[QAction] | None = getattr(w, "_clipboard_actions", None)
    if made is not None:
        return made
    made = []
    for name, text, key, tip in _CLIPBOARD:
        act = QAction(text, w)
        act.setShortcuts([QKeySequence(key)])   # not setShortcut: its overloads build the Qt namespace's enums
        act.setToolTip(tip)
        act.setStatusTip(tip)
        act.triggered.connect(lambda _c=False, name=name: run_clipboard(w, name))
        setattr(w, f"act_{name}", act)
        made.append(act)
    w._clipboard_actions = made   # type: ignore[attr-defined]
    w.edit_menu.aboutToShow.connect(lambda: update_clipboard_actions(w))
    return made


def _commands(w: MainWindow):
    """A widget with the keyboard that does the four itself (the appendix grid: cells as a
    spreadsheet's), if any: its `clipboard_commands` has `clipboard_state()` and `clipboard(name)`."""
    focus = QApplication.focusWidget()
    if focus is None or focus.window() is not w:
        focus = w.focusWidget()
    return getattr(focus, "clipboard_commands", None)


def update_clipboard_actions(w: MainWindow) -> None:
    commands = _commands(w)
    state = commands.clipboard_state() if commands is not None else _state(focused_field(w))
    for name, *_rest in _CLIPBOARD:
        getattr(w, f"act_{name}").setEnabled(state[name])


def _own_key(w: MainWindow, name: str) -> None:
    """The action's key handed to the widget that has the keyboard, as if the window had no such
    shortcut: the window-wide one otherwise takes Ctrl+C from a list or a banner's selected words."""
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QKeyEvent
    widget = QApplication.focusWidget()
    if widget is None or widget.window() is not w:
        return
    act = getattr(w, f"act_{name}")
    key = act.shortcut()[0]
    act.setEnabled(False)   # a key sent by the program is offered to the shortcuts first: not to this one again
    try:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, key.key(), key.keyboardModifiers()))
    finally:
        act.setEnabled(True)


def run_clipboard(w: MainWindow, name: str) -> None:
    commands = _commands(w)
    if commands is not None:
        commands.clipboard(name)
        return
    field = focused_field(w)
    if field is None:   # a list, a tree, a selectable label has the keyboard: the key does there what it
        _own_key(w, name)   # did before this window-wide shortcut (Qt copies the current row, selects all…)
        return
    if not _state(field)[name]:
        return
    if isinstance(field, QAbstractSpinBox):
        field.selectAll()
        return
    page = getattr(getattr(w, "editor", None), "page", None)
    body = page is not None and field is page.editor
    if name == "paste":
        if isinstance(field, QTextEdit):
            before = field.textCursor().blockNumber()
            # the body: one step named "Dán", as Ctrl+V's; its paste cleans what comes in (richtext_qt)
            if body:
                page.text_undo.labelled(PASTING, field.paste)
            else:
                field.paste()
            if field.property("tudanhgia_spell"):   # a fragment in TCVN3/VNI: its conversion offered
                from .text_fixes import offer_after_paste
                offer_after_paste(field, before)
        else:   # one-line and plain fields clean it in their guards (ui/text_guard.py)
            field.paste()
    elif name == "cut":
        if body:
            page.text_undo.labelled(CUTTING, field.cut)
        else:
            field.cut()
    elif name == "copy":
        field.copy()
    else:
        field.selectAll()
