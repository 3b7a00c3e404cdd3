"""What the officer pastes or types is shown as it will be stored and printed (docs/reliability.md,
"Text normalisation"): in the unit dialog's one-line fields, a measures cell editor, the body
editor, and any field of any window (the guard is installed with the application)."""
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QInputMethodEvent
from PySide6.QtWidgets import QApplication, QLineEdit, QPlainTextEdit, QSpinBox, QVBoxLayout, QWidget

from qt_keys import type_text
from tudanhgia.ui.app import make_application

PASTED = "Văn\x00 phòng\x0bUBND\x85tỉnh\u2028Quảng\x93 Nga\u0303i\ud800\ttab"
AS_LINE = "Văn phòng UBND tỉnh Quảng Ngãi tab"          # breaks and tab as spaces, controls gone, NFC
AS_LINES = "Văn phòng\nUBND\ntỉnh\nQuảng Ngãi\ttab"      # breaks kept as line breaks, tab kept


@pytest.fixture
def app(qapp):
    return make_application()


def paste_into(qtbot, widget, text=PASTED):
    widget.setFocus()
    qtbot.waitUntil(widget.hasFocus)
    QGuiApplication.clipboard().setText(text)
    qtbot.keyClick(widget, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)


def test_the_unit_dialog_shows_a_paste_as_it_will_be_saved(app, qtbot, service):
    from tudanhgia.ui.unit_dialog import UnitProfileDialog
    dlg = UnitProfileDialog(service)
    qtbot.addWidget(dlg)
    dlg.show()
    qtbot.waitExposed(dlg)
    paste_into(qtbot, dlg.name)
    assert dlg.name.text() == AS_LINE
    type_text(dlg.name, " thêm")
    assert dlg.name.text() == AS_LINE + " thêm" and dlg.name.cursorPosition() == len(AS_LINE + " thêm")


def test_typing_a_combining_mark_shows_the_composed_letter(app, qtbot):
    edit = QLineEdit()
    qtbot.addWidget(edit)
    edit.show()
    edit.setFocus()
    qtbot.waitUntil(edit.hasFocus)
    qtbot.keyClicks(edit, "Nga")
    commit = QInputMethodEvent()                # how an input method (VNI, Unikey) hands over a mark
    commit.setCommitString("\u0303")
    QApplication.sendEvent(edit, commit)
    qtbot.keyClicks(edit, "i")
    assert edit.text() == "Ngãi" and edit.cursorPosition() == 4


def test_a_measures_cell_keeps_line_breaks_and_one_undo_takes_the_paste_back(app, qtbot):
    from tudanhgia.ui.measures_delegates import CellTextEditor
    host = QWidget()
    qtbot.addWidget(host)
    cell = CellTextEditor(host, multiline=True)
    QVBoxLayout(host).addWidget(cell)
    host.show()
    qtbot.waitExposed(host)
    paste_into(qtbot, cell, "Biện pháp: ")
    paste_into(qtbot, cell)
    assert cell.toPlainText() == "Biện pháp: " + AS_LINES
    cell.undo()
    assert cell.toPlainText() == "Biện pháp: "


def test_the_body_editor_paste_shows_the_normalised_text(app, qtbot):
    from tudanhgia.ui.richtext_qt import RichTextEdit
    editor = RichTextEdit()
    qtbot.addWidget(editor)
    editor.show()
    qtbot.waitExposed(editor)
    paste_into(qtbot, editor, "Một\x85hai\x93 ba\x00 Nga\u0303i")
    shown = editor.document().toPlainText()
    assert shown == "Một\nhai ba Ngãi" or shown == "Một\u2028hai ba Ngãi"
    assert editor.value().plain == "Một\nhai ba Ngãi"


def test_numbers_and_read_only_texts_are_left_alone(app, qtbot):
    host = QWidget()
    qtbot.addWidget(host)
    spin, shown = QSpinBox(), QPlainTextEdit(readOnly=True)
    layout = QVBoxLayout(host)
    layout.addWidget(spin)
    layout.addWidget(shown)
    host.show()
    qtbot.waitExposed(host)
    spin.setFocus()
    qtbot.waitUntil(spin.hasFocus)
    assert spin.lineEdit().validator() is not None and spin.lineEdit().property("tudanhgia_text_guard") is None
    shown.setFocus()
    shown.setPlainText("log\x00 line")   # a file shown as it is (the import dialog's source)
    assert shown.toPlainText() == "log\x00 line"
