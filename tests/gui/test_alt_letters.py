"""Alt+a letter with no tab or menu behind it types nothing (GUI tester's b08: Alt+P in the 2023
self-evaluation report, which has no "Phụ lục số liệu" tab, typed "p" into the body and saved it).
Ctrl+Alt is AltGr on Windows: its letters are typed."""
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLineEdit

from test_keyboard import open_window, stored

ALT = Qt.KeyboardModifier.AltModifier


def test_alt_letter_types_nothing_in_the_body_heading_or_fields(qtbot, sample_service, tmp_path, said):
    w = open_window(qtbot, sample_service, tmp_path, 3)   # the 2023 self-evaluation: no appendix tab
    assert "Phụ lục số liệu" not in [w.editor.tabs.tabText(i).replace("&", "") for i in range(w.editor.tabs.count())]
    section = next(s for s in sample_service.get_report(3).walk() if not s.body.is_empty())
    w.editor.select(section.id)
    page = w.editor.page
    body = page.editor
    qtbot.mouseClick(body.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(20, 10))   # click in the body
    qtbot.waitUntil(body.hasFocus)
    text = body.toPlainText()
    QTest.keyClick(body, Qt.Key.Key_P, ALT)
    QTest.keyClick(body, Qt.Key.Key_Q, ALT | Qt.KeyboardModifier.ShiftModifier)
    assert body.toPlainText() == text
    page.heading.setFocus()
    qtbot.waitUntil(page.heading.hasFocus)
    heading = page.heading.text()
    QTest.keyClick(page.heading, Qt.Key.Key_P, ALT)
    assert page.heading.text() == heading
    w.flush_all()   # whatever the editors hold, saved
    assert stored(sample_service, 3).find(section.id).body.plain == section.body.plain
    assert said["warn"] == []


def test_ctrl_alt_still_types_and_plain_letters_too(qtbot, sample_service, tmp_path, said):
    from tudanhgia.ui.app import make_application
    make_application()
    edit = QLineEdit()
    qtbot.addWidget(edit)
    edit.show()
    edit.setFocus()
    qtbot.waitUntil(edit.hasFocus)
    QTest.keyClick(edit, Qt.Key.Key_P, ALT)
    QTest.keyClick(edit, Qt.Key.Key_A)
    QTest.keyClick(edit, Qt.Key.Key_Q, ALT | Qt.KeyboardModifier.ControlModifier)   # AltGr on Windows
    assert edit.text() == "aq"
