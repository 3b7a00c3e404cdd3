"""Issue 13 point 9: from a limitation to the section it concerns ("Đến mục ▸") and back (the
section's page links to the limitations that concern it), driven as the officer does."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from test_find_replace import open_window

SECTION, LIMITATION = 4, 1    # the sample's first report: limitation a) concerns "2.1. Về công tác tham mưu…"


def test_point9_a_limitation_jumps_to_its_section_and_back(qtbot, sample_service, tmp_path):
    w = open_window(qtbot, sample_service, tmp_path)
    editor = w.editor
    panel = editor.panels["limitations"]
    editor.tabs.setCurrentWidget(panel)
    panel.list.setCurrentRow(0)
    assert panel.current_limitation_id() == LIMITATION and panel.btn_to_section.isEnabled()
    qtbot.mouseClick(panel.btn_to_section, Qt.MouseButton.LeftButton)
    assert editor.tabs.currentWidget() is editor.page
    assert editor.current_target().section_id == SECTION
    assert editor.page.heading.text() == "Về công tác tham mưu tổng hợp"
    link = editor.page.related
    assert link.isVisible()
    assert link.text().startswith("Hạn chế, khuyết điểm liên quan đến mục này: ")
    assert ">a) Nhiều nội dung của Chương trình công tác" in link.text()
    link.setFocus()
    QTest.keyClick(link, Qt.Key.Key_Tab)        # the label's first link…
    QTest.keyClick(link, Qt.Key.Key_Return)     # …followed: back to the limitation
    assert editor.tabs.currentWidget() is panel and panel.current_limitation_id() == LIMITATION
    editor.select(SECTION + 1)
    assert not editor.page.related.isVisible()  # a section no limitation concerns shows no line


def test_point9_choosing_no_section_disables_the_jump(qtbot, sample_service, tmp_path):
    w = open_window(qtbot, sample_service, tmp_path)
    panel = w.editor.panels["limitations"]
    w.editor.tabs.setCurrentWidget(panel)
    panel.list.setCurrentRow(0)
    combo = panel.concerns_combo
    combo.setFocus()
    QTest.keyClick(combo, Qt.Key.Key_Home)      # "— không —"
    assert combo.currentIndex() == 0 and not panel.btn_to_section.isEnabled()
