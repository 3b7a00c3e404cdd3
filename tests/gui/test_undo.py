"""One undo, as in Word (issue 13 point 1), and no ghost sections (point 2): Sửa ▸ Hoàn tác /
Làm lại, the toolbar and Ctrl+Z / Ctrl+Y / Ctrl+Shift+Z act on whatever the officer did last, text
included, a word at a time; an undone "Thêm mục" never leaves the page on a section that is gone.
Driven by keys, menus and clicks as an officer does; what is stored is read by another service."""
import pytest
from PySide6.QtCore import QMimeData, Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication

from tudanhgia.ui import messages
from qt_keys import press, type_text
from test_editor import open_window
from test_editor_scale import long_report
from test_save_manager import stored

CTRL, SHIFT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier
SAVED_WITHIN_MS = 3000


@pytest.fixture
def told(monkeypatch):
    """Every message the window showed (none is expected); a question is answered yes."""
    log: list[str] = []

    def tell(_parent, text, *_args, **_kwargs):
        log.append(text)
        return True
    for name in ("warn", "error", "info", "confirm"):
        monkeypatch.setattr(messages, name, tell)
    return log


def menu_action(w, start: str):
    """The Sửa menu's entry whose label starts with `start`, as the officer reads the menu."""
    found = [a for a in w.edit_menu.actions() if a.text().startswith(start)]
    assert found, [a.text() for a in w.edit_menu.actions()]
    return found[0]


def open_body(qtbot, service, unit, tmp_path):
    """A report open on a section with text, the cursor at the end of its body."""
    report = long_report(service, unit, chapters=2, items=2)
    section = report.sections[0].children[1]          # "Nội dung 0.1": text, and a self-rating
    w = open_window(qtbot, service, tmp_path, report.id)
    w.activateWindow()   # the window's shortcuts (Ctrl+B, Ctrl+Z) work in the active window
    qtbot.waitUntil(lambda: QApplication.activeWindow() is w)
    w.editor.select(section.id)
    edit = w.editor.page.editor
    edit.setFocus()
    edit.moveCursor(QTextCursor.MoveOperation.End)
    return w, report, section, edit


def last_word_bold(edit) -> bool:
    end = QTextCursor(edit.document())
    end.movePosition(QTextCursor.MoveOperation.End)
    return end.charFormat().fontWeight() > 400   # the format of the character before the end


# --- point 1: one undo, in word-sized steps -----------------------------------------------------------------
def test_point1_ctrl_z_undoes_typing_a_word_at_a_time_and_ctrl_y_ctrl_shift_z_redo(qtbot, service, unit,
                                                                                   tmp_path, told):
    w, report, section, edit = open_body(qtbot, service, unit, tmp_path)
    before = edit.toPlainText()
    type_text(edit, " Tăng cường kỷ luật")
    assert w.act_undo.text() == "Hoàn tác: Nhập văn bản"
    qtbot.keyClick(edit, Qt.Key.Key_Z, CTRL)
    assert edit.toPlainText() == before + " Tăng cường kỷ "      # the last word, not everything typed
    qtbot.keyClick(edit, Qt.Key.Key_Z, CTRL)
    qtbot.keyClick(edit, Qt.Key.Key_Z, CTRL)
    assert edit.toPlainText() == before + " Tăng "
    # the undone text is written like typing (no save asked for)
    qtbot.waitUntil(lambda: stored(service, report.id).find(section.id).body.plain == before + " Tăng ",
                    timeout=SAVED_WITHIN_MS)
    qtbot.keyClick(edit, Qt.Key.Key_Y, CTRL)
    assert edit.toPlainText() == before + " Tăng cường "
    qtbot.keyClick(edit, Qt.Key.Key_Z, CTRL | SHIFT)
    assert edit.toPlainText() == before + " Tăng cường kỷ "
    assert w.act_redo.text() == "Làm lại: Nhập văn bản"
    qtbot.waitUntil(lambda: stored(service, report.id).find(section.id).body.plain == before + " Tăng cường kỷ ",
                    timeout=SAVED_WITHIN_MS)
    assert not told


def test_point1_a_pause_a_paste_and_bold_are_steps_named_in_the_menu(qtbot, service, unit, tmp_path, told):
    w, _report, _section, edit = open_body(qtbot, service, unit, tmp_path)
    before = edit.toPlainText()
    type_text(edit, " một")
    qtbot.wait(1100)                                   # a pause ends the burst, even inside a word
    type_text(edit, "hai")
    mime = QMimeData()
    mime.setText(" dán vào")
    QApplication.clipboard().setMimeData(mime)
    qtbot.keyClick(edit, Qt.Key.Key_V, CTRL)
    assert menu_action(w, "Hoàn tác").text() == "Hoàn tác: Dán"
    cursor = edit.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.PreviousWord, QTextCursor.MoveMode.KeepAnchor)
    edit.setTextCursor(cursor)                         # "vào" selected
    qtbot.keyClick(edit, Qt.Key.Key_B, CTRL)
    assert menu_action(w, "Hoàn tác").text() == "Hoàn tác: Chữ đậm"
    assert last_word_bold(edit)
    menu_action(w, "Hoàn tác").trigger()               # Sửa ▸ Hoàn tác: Chữ đậm
    assert not last_word_bold(edit)
    assert edit.toPlainText() == before + " mộthai dán vào"
    menu_action(w, "Hoàn tác").trigger()               # Sửa ▸ Hoàn tác: Dán
    assert edit.toPlainText() == before + " mộthai"
    menu_action(w, "Hoàn tác").trigger()
    assert edit.toPlainText() == before + " một"
    assert menu_action(w, "Hoàn tác").text() == "Hoàn tác: Nhập văn bản"
    assert not told


def test_point1_one_history_for_text_and_structure_in_the_order_done(qtbot, sample_service, tmp_path, told):
    w = open_window(qtbot, sample_service, tmp_path, 1)
    w.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is w)
    report = sample_service.get_report(1)
    rated = report.find(key="uu-diem.3")
    w.editor.select(rated.id)
    page = w.editor.page
    qtbot.mouseClick(page.rating_checks[0], Qt.MouseButton.LeftButton)   # Xuất sắc (was Tốt)
    page.editor.setFocus()
    page.editor.moveCursor(QTextCursor.MoveOperation.End)
    before = page.editor.toPlainText()
    type_text(page.editor, " Đã sửa")                 # not yet written when the officer undoes
    qtbot.keyClick(page.editor, Qt.Key.Key_Z, CTRL)   # the typing goes first, a word at a time: done last
    assert page.editor.toPlainText() == before + " Đã "
    assert page.rating_checks[0].isChecked()
    assert w.act_undo.text() == "Hoàn tác: Nhập văn bản"
    qtbot.keyClick(page.editor, Qt.Key.Key_Z, CTRL)
    assert page.editor.toPlainText() == before
    assert w.act_undo.text().startswith("Hoàn tác: ") and "Xuất sắc" in w.act_undo.text()
    # the rating's undo writes what the text's undo left first (the save manager's flush)
    qtbot.keyClick(page.editor, Qt.Key.Key_Z, CTRL)
    assert [c.isChecked() for c in page.rating_checks] == [False, True, False, False]
    now = stored(sample_service, 1).find(rated.id)
    assert now.body.plain == before and now.rating.label == "Tốt"
    # and forward again, in the same order
    for _ in range(3):
        qtbot.keyClick(page.editor, Qt.Key.Key_Y, CTRL)
    assert page.editor.toPlainText() == before + " Đã sửa"
    w.flush_all()
    now = stored(sample_service, 1).find(rated.id)
    assert now.body.plain == before + " Đã sửa" and now.rating.label == "Xuất sắc"
    assert not told


def test_point1_the_heading_field_undoes_through_the_same_history(qtbot, service, unit, tmp_path, told):
    w, report, section, edit = open_body(qtbot, service, unit, tmp_path)
    heading = w.editor.page.heading
    type_text(edit, " chữ")
    heading.setFocus()
    heading.end(False)
    type_text(heading, " mới")
    qtbot.keyClick(heading, Qt.Key.Key_Z, CTRL)       # the heading's typing, written first, is the last step
    assert heading.text() == section.heading
    assert stored(service, report.id).find(section.id).heading == section.heading
    assert w.act_undo.text() == "Hoàn tác: Nhập văn bản"
    qtbot.keyClick(heading, Qt.Key.Key_Z, CTRL)       # then the body's word, though the focus is here
    assert not edit.toPlainText().endswith(" chữ")
    qtbot.keyClick(heading, Qt.Key.Key_Y, CTRL)
    qtbot.keyClick(heading, Qt.Key.Key_Y, CTRL)
    assert heading.text() == section.heading + " mới" and edit.toPlainText().endswith(" chữ")
    assert not told


def test_point1_a_heading_typed_just_before_the_body_is_undone_after_it(qtbot, service, unit, tmp_path, told):
    w, report, section, edit = open_body(qtbot, service, unit, tmp_path)
    heading = w.editor.page.heading
    heading.end(False)
    type_text(heading, " sửa")                          # still waiting for its autosave…
    type_text(edit, " thân")                            # …when the body is typed into
    qtbot.keyClick(edit, Qt.Key.Key_Z, CTRL)
    assert not edit.toPlainText().endswith(" thân") and heading.text() == section.heading + " sửa"
    assert w.act_undo.text() == "Hoàn tác: Đổi tên mục"
    qtbot.keyClick(edit, Qt.Key.Key_Z, CTRL)
    assert heading.text() == section.heading
    assert stored(service, report.id).find(section.id).heading == section.heading
    assert not told


def test_point1_ctrl_z_in_a_limitation_field_is_the_windows_undo(qtbot, sample_service, tmp_path, told):
    w = open_window(qtbot, sample_service, tmp_path, 1)
    panel = w.editor.panels["limitations"]
    w.editor.tabs.setCurrentWidget(panel)
    field = panel.text_edit
    before = field.toPlainText()
    assert before
    field.setFocus()
    field.moveCursor(QTextCursor.MoveOperation.End)
    type_text(field, " thêm")
    qtbot.keyClick(field, Qt.Key.Key_Z, CTRL)         # the burst is written, then undone as one step
    assert field.toPlainText() == before
    assert w.act_redo.text() == "Làm lại: Sửa hạn chế"
    assert stored(sample_service, 1).limitations[0].text.plain == before
    qtbot.keyClick(field, Qt.Key.Key_Z, CTRL | SHIFT)
    assert field.toPlainText() == before + " thêm"
    assert not told


def test_point1_undo_reaches_typing_in_a_section_left_before(qtbot, service, unit, tmp_path, told):
    w, report, section, edit = open_body(qtbot, service, unit, tmp_path)
    before = edit.toPlainText()
    type_text(edit, " ở mục trước")
    w.editor.step(1)                                    # on to the next section (the typing is written)
    assert w.editor.current_target().section_id != section.id
    w.act_undo.trigger()                                # Sửa ▸ Hoàn tác: back where the word was typed
    assert w.editor.current_target().section_id == section.id
    assert w.editor.page.editor.toPlainText() == before + " ở mục "
    qtbot.waitUntil(lambda: stored(service, report.id).find(section.id).body.plain == before + " ở mục ",
                    timeout=SAVED_WITHIN_MS)
    assert not told


# --- point 2: no ghost sections ------------------------------------------------------------------------------
def test_point2_undoing_an_added_section_while_it_is_open_leaves_the_page_on_one_that_exists(
        qtbot, service, unit, tmp_path, told):
    w, report, _section, _edit = open_body(qtbot, service, unit, tmp_path)
    w.editor.act_add.trigger()                           # Thêm mục: the new one is open
    new_id = w.editor.current_target().section_id
    label = w.act_undo.text()
    w.act_undo.trigger()
    assert stored(service, report.id).find(new_id) is None
    shown = w.editor.page.target
    assert shown is not None and shown.section_id != new_id
    assert w.ctx.index().find(shown.section_id) is not None
    assert w.editor.current_target() == shown
    page = w.editor.page
    page.editor.setFocus()
    page.editor.moveCursor(QTextCursor.MoveOperation.End)
    type_text(page.editor, " vẫn được lưu")
    w.flush_all()
    assert stored(service, report.id).find(shown.section_id).body.plain.endswith(" vẫn được lưu")
    assert not told                                       # never "Không tìm thấy mục số …"
    assert label == "Hoàn tác: Thêm mục"


def test_point2_typing_in_an_added_section_undone_and_redone_comes_back_whole(qtbot, service, unit, tmp_path,
                                                                              told):
    w, report, _section, _edit = open_body(qtbot, service, unit, tmp_path)
    w.editor.act_add.trigger()
    new_id = w.editor.current_target().section_id
    page = w.editor.page
    type_text(page.heading, "Mục thêm")                   # the heading is selected: typed over
    press(page.heading, Qt.Key.Key_Tab)
    page.editor.setFocus()
    type_text(page.editor, "Nội dung mới")
    steps = 0
    while stored(service, report.id).find(new_id) is not None:
        assert steps < 10
        qtbot.keyClick(page.editor, Qt.Key.Key_Z, CTRL)   # the words, the heading, then Thêm mục
        steps += 1
        assert w.ctx.index().find(page.target.section_id) is not None   # never on a section that is gone
    assert w.act_redo.text() == "Làm lại: Thêm mục"
    assert steps == 5                                     # "Nội ", "dung ", "mới", the heading, Thêm mục
    for _ in range(steps):
        qtbot.keyClick(page.editor, Qt.Key.Key_Y, CTRL)
    w.flush_all()
    back = stored(service, report.id).find(new_id)
    assert back is not None and back.heading == "Mục thêm" and back.body.plain == "Nội dung mới"
    assert not told


def test_point2_a_deleted_section_comes_back_with_its_words_still_undoable(qtbot, service, unit, tmp_path, told):
    w, report, section, edit = open_body(qtbot, service, unit, tmp_path)
    before = edit.toPlainText()
    type_text(edit, " hai từ")
    w.editor.act_delete.trigger()                        # confirmed by the fixture
    assert w.ctx.index().find(w.editor.page.target.section_id) is not None
    assert w.act_undo.text() == "Hoàn tác: Xóa mục"
    w.act_undo.trigger()                                 # the section is back, with what was typed
    assert stored(service, report.id).find(section.id).body.plain == before + " hai từ"
    w.act_undo.trigger()                                 # then the last word, in that section
    assert w.editor.page.target.section_id == section.id
    assert w.editor.page.editor.toPlainText() == before + " hai "
    w.flush_all()
    assert stored(service, report.id).find(section.id).body.plain == before + " hai "
    assert told == [t for t in told if t.startswith("Xóa mục")]   # only the question before deleting


def test_point1_undoing_a_rating_made_in_another_section_shows_that_section(qtbot, sample_service, tmp_path, told):
    w = open_window(qtbot, sample_service, tmp_path, 1)
    rated = sample_service.get_report(1).find(key="uu-diem.3")
    w.editor.select(rated.id)
    qtbot.mouseClick(w.editor.page.rating_checks[0], Qt.MouseButton.LeftButton)   # Xuất sắc
    w.editor.step(1)                                     # the officer reads on
    assert w.editor.page.target.section_id != rated.id
    w.act_undo.trigger()                                 # Hoàn tác: Tự đánh giá “Xuất sắc”
    assert w.editor.page.target.section_id == rated.id   # shown where it was undone
    assert [c.isChecked() for c in w.editor.page.rating_checks] == [False, True, False, False]
    w.editor.step(1)
    w.act_redo.trigger()
    assert w.editor.page.target.section_id == rated.id
    assert w.editor.page.rating_checks[0].isChecked()
    assert not told
