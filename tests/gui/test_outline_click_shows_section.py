"""A section clicked in the outline is shown even when another tab (Hạn chế, Thông tin văn bản) is
open: only the highlight moved before (found by the GUI tester)."""
from PySide6.QtCore import Qt

from test_editor import open_window


def test_a_click_in_the_outline_brings_the_section_page_forward(qtbot, sample_service, tmp_path):
    w = open_window(qtbot, sample_service, tmp_path, 1)
    editor = w.editor
    other = editor.tabs.widget(editor.tabs.count() - 1)
    editor.tabs.setCurrentWidget(other)
    assert editor.tabs.currentWidget() is not editor.page
    tree = editor.tree
    item = tree.topLevelItem(min(2, tree.topLevelItemCount() - 1))
    rect = tree.visualItemRect(item)
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert tree.currentItem() is item
    assert editor.tabs.currentWidget() is editor.page
