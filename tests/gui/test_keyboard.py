"""Issue 13 point 3: every control of the section page and the outline by keyboard, keys sent as
a user presses them (qtbot.keyClick: ASCII keys only, PITFALLS.md)."""
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QCheckBox, QMenu

from tudanhgia.domain import CapDo
from tudanhgia.services import ReportService
from tudanhgia.ui import messages
from qt_keys import type_text
from test_editor import open_window as open_editor

import pytest


@pytest.fixture
def said(monkeypatch):
    log = []
    for name in ("warn", "info", "error"):
        monkeypatch.setattr(messages, name, lambda parent, text, name=name: log.append((name, text)))
    monkeypatch.setattr(messages, "confirm", lambda parent, text, yes="", no="": log.append(("confirm", text)) or True)
    return log


def open_window(qtbot, service, tmp_path, report_id):
    """The editor's window, active: keys go where the focus is, shortcuts work."""
    w = open_editor(qtbot, service, tmp_path, report_id)
    w.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is w)
    return w


def stored(service, report_id=1):
    return ReportService.open(service.db.path, create=False).get_report(report_id)


def focus():
    return QApplication.focusWidget()


def key(qtbot, k, mods=Qt.KeyboardModifier.NoModifier):
    qtbot.keyClick(focus(), k, mods)


def test_point3_rating_boxes_are_one_keyboard_group(qtbot, sample_service, tmp_path, said):
    w = open_window(qtbot, sample_service, tmp_path, 1)
    section = sample_service.get_report(1).find(key="uu-diem.3")   # rated "Tốt"
    w.editor.select(section.id)
    page = w.editor.page
    boxes = page.rating_checks
    page.editor.setFocus()
    page.editor.moveCursor(page.editor.textCursor().MoveOperation.End)
    body = page.editor.toPlainText()
    key(qtbot, Qt.Key.Key_Tab)                        # Tab leaves the body …
    assert page.editor.toPlainText() == body          # … without typing a tab
    assert focus() is boxes[1]                        # and enters the group at the ticked box
    key(qtbot, Qt.Key.Key_Right)                      # arrows move, tick nothing
    assert focus() is boxes[2] and boxes[1].isChecked() and not boxes[2].isChecked()
    key(qtbot, Qt.Key.Key_Space)                      # Space ticks
    assert [b.isChecked() for b in boxes] == [False, False, True, False]
    assert stored(sample_service).find(section.id).rating is CapDo.TRUNG_BINH
    key(qtbot, Qt.Key.Key_Left)
    key(qtbot, Qt.Key.Key_Left)
    key(qtbot, Qt.Key.Key_Left)                       # wraps from the first to the last
    assert focus() is boxes[3]
    key(qtbot, Qt.Key.Key_Tab)                        # Tab leaves the group: one stop, not four
    assert not isinstance(focus(), QCheckBox)
    key(qtbot, Qt.Key.Key_Tab, Qt.KeyboardModifier.ShiftModifier)
    assert focus() is boxes[2]                        # back in at the ticked box
    key(qtbot, Qt.Key.Key_Tab, Qt.KeyboardModifier.ShiftModifier)
    assert focus() is page.editor                     # and back to the body
    for n, level in enumerate(CapDo):
        assert boxes[n].toolTip().startswith(f"Chọn “{level.label}” (Alt+{n + 1})")
    key(qtbot, Qt.Key.Key_1, Qt.KeyboardModifier.AltModifier)   # from the body: Alt+1 ticks "Xuất sắc"
    assert [b.isChecked() for b in boxes] == [True, False, False, False]
    assert stored(sample_service).find(section.id).rating is CapDo.XUAT_SAC
    key(qtbot, Qt.Key.Key_1, Qt.KeyboardModifier.AltModifier)   # again: no rating, as a second click
    assert stored(sample_service).find(section.id).rating is None
    key(qtbot, Qt.Key.Key_4, Qt.KeyboardModifier.AltModifier)
    assert stored(sample_service).find(section.id).rating is CapDo.KEM
    assert w.act_undo.isEnabled()                     # each an undoable step, as a click


def test_point3_classification_boxes_are_a_keyboard_group_too(qtbot, sample_service, tmp_path, said):
    report = sample_service.get_report(1)
    section = report.classification_section
    assert section is not None
    w = open_window(qtbot, sample_service, tmp_path, 1)
    w.editor.select(section.id)
    boxes = w.editor.page.rating_checks
    assert boxes[0].text() == "Hoàn thành xuất sắc nhiệm vụ" and "Alt+1" in boxes[0].toolTip()
    w.editor.page.editor.setFocus()
    assert boxes[1].isChecked()                       # the sample proposes "Hoàn thành tốt nhiệm vụ"
    key(qtbot, Qt.Key.Key_1, Qt.KeyboardModifier.AltModifier)
    assert stored(sample_service).find(section.id).rating.label == "Hoàn thành xuất sắc nhiệm vụ"
    w.editor.page.editor.setFocus()
    key(qtbot, Qt.Key.Key_Tab)
    assert focus() is boxes[0]


def test_point3_ctrl_tab_types_a_tab_and_enter_in_a_heading_goes_to_the_body(qtbot, sample_service, tmp_path, said):
    w = open_window(qtbot, sample_service, tmp_path, 1)
    section = next(s for s in sample_service.get_report(1).walk() if s.heading.startswith("Xây dựng Chương trình"))
    assert not section.fixed
    w.editor.select(section.id)
    page = w.editor.page
    page.editor.setFocus()
    page.editor.moveCursor(page.editor.textCursor().MoveOperation.End)
    key(qtbot, Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)
    assert focus() is page.editor and page.editor.toPlainText().endswith("\t")
    assert w.editor.tabs.currentWidget() is page      # not the tab widget's "next page"
    page.heading.setFocus()
    page.heading.selectAll()
    type_text(page.heading, "Ưu điểm thứ ba")
    key(qtbot, Qt.Key.Key_Return)
    assert focus() is page.editor
    qtbot.waitUntil(lambda: stored(sample_service).find(section.id).heading == "Ưu điểm thứ ba", timeout=3000)
    qtbot.waitUntil(lambda: stored(sample_service).find(section.id).body.plain.endswith("\t"), timeout=3000)


def _menu_while_open(qtbot, open_it, then):
    """Open a context menu with `open_it` and act on it with `then(menu)` while it is shown."""
    seen = {}

    def inside():
        menu = QApplication.activePopupWidget()
        if not isinstance(menu, QMenu):
            QTimer.singleShot(20, inside)
            return
        seen["items"] = [(a.text(), a.shortcut().toString()) for a in menu.actions() if not a.isSeparator()]
        then(menu)
    QTimer.singleShot(0, inside)
    open_it()
    qtbot.waitUntil(lambda: "items" in seen and QApplication.activePopupWidget() is None, timeout=3000)
    return seen["items"]


# offscreen popups cannot raise or grab the keyboard
@pytest.mark.qt_log_ignore("This plugin does not support raise", "This plugin does not support grabbing")
def test_point3_the_outline_has_a_context_menu_with_its_keys(qtbot, sample_service, tmp_path, said):
    w = open_window(qtbot, sample_service, tmp_path, 1)
    report = sample_service.get_report(1)
    section = report.find(key="uu-diem.3")
    parent = report.parent_of(section) if hasattr(report, "parent_of") else w.ctx.index().parent_of(section)
    before = [s.id for s in parent.children]
    tree = w.editor.tree
    w.editor.select(section.id)
    tree.setFocus()

    def choose_before(menu):
        menu.setActiveAction(next(a for a in menu.actions() if a.text() == "Thêm mục trước"))
        qtbot.keyClick(menu, Qt.Key.Key_Return)
    items = _menu_while_open(qtbot, lambda: qtbot.keyClick(tree, Qt.Key.Key_F10, Qt.KeyboardModifier.ShiftModifier),
                             choose_before)
    assert items == [("Thêm mục trước", "Ctrl+Shift+Return"), ("Thêm mục sau", "Ctrl+Return"),
                     ("Thêm mục con", "Ctrl+Alt+Return"), ("Lên", "Ctrl+Shift+Up"), ("Xuống", "Ctrl+Shift+Down"),
                     ("Thụt lề", "Ctrl+Shift+Right"), ("Lùi lề", "Ctrl+Shift+Left"), ("Xóa mục", "Del")]
    place = before.index(section.id)
    after = [s.id for s in stored(sample_service).find(parent.id).children]
    new = after[place]
    assert new not in before and after[place + 1] == section.id          # a new section just before it
    assert w.focusWidget() is w.editor.page.heading                       # named at once
    w.activateWindow()   # the offscreen platform does not give the window back after a popup
    qtbot.waitUntil(lambda: QApplication.activeWindow() is w)
    # the keys, from the outline
    w.editor.select(section.id)
    tree.setFocus()
    key(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)
    child = stored(sample_service).find(section.id).children
    assert len(child) == 1 and child[0].heading == "Mục mới"
    w.editor.select(child[0].id)
    tree.setFocus()
    key(qtbot, Qt.Key.Key_Delete)                                         # asks, then deletes
    assert said[-1][0] == "confirm"
    assert stored(sample_service).find(section.id).children == []
    # a right click opens the same menu; Escape closes it, nothing done
    rect = tree.visualItemRect(w.editor._items[section.id])
    count = len(stored(sample_service).find(parent.id).children)
    items = _menu_while_open(qtbot, lambda: tree.customContextMenuRequested.emit(rect.center()),
                             lambda menu: qtbot.keyClick(menu, Qt.Key.Key_Escape))
    assert items[0] == ("Thêm mục trước", "Ctrl+Shift+Return")
    assert len(stored(sample_service).find(parent.id).children) == count


def test_point3_delete_outside_the_outline_never_deletes_the_section(qtbot, sample_service, tmp_path, said):
    w = open_window(qtbot, sample_service, tmp_path, 1)
    section = next(s for s in sample_service.get_report(1).walk() if s.heading.startswith("Xây dựng Chương trình"))
    assert not section.fixed                          # the outline can delete it
    w.editor.select(section.id)
    page = w.editor.page
    page.editor.setFocus()
    page.editor.moveCursor(page.editor.textCursor().MoveOperation.Start)
    text = page.editor.toPlainText()
    key(qtbot, Qt.Key.Key_Delete)
    assert page.editor.toPlainText() == text[1:]
    page.heading.setFocus()
    page.heading.end(False)
    key(qtbot, Qt.Key.Key_Delete)                     # nor in the heading
    w.editor.next_button.setFocus()                   # nor on a button of the editor
    assert focus() is w.editor.next_button
    key(qtbot, Qt.Key.Key_Delete)
    assert not said and w.ctx.index().find(section.id) is not None


def test_point3_alt_digit_does_nothing_on_a_section_without_rating(qtbot, sample_service, tmp_path, said):
    w = open_window(qtbot, sample_service, tmp_path, 1)
    section = next(s for s in sample_service.get_report(1).walk() if s.heading.startswith("Xây dựng Chương trình"))
    assert section.rating_scale is None
    w.editor.select(section.id)
    page = w.editor.page
    page.editor.setFocus()
    key(qtbot, Qt.Key.Key_2, Qt.KeyboardModifier.AltModifier)
    assert focus() is page.editor and not any(b.isChecked() for b in page.rating_checks)
    assert not w.act_undo.isEnabled() or "Tự đánh giá" not in w.act_undo.text()
