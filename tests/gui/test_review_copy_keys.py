"""Review: the Sửa menu's window-wide Ctrl+C (ui/text_menu.py) must not take the key from a list,
a tree or a table: there Qt's own Ctrl+C copies the current row's text, as it did before the menu
had the command."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QTreeWidget
from test_save_manager import open_window   # the window as the other window tests open it (tests/gui is on the path)

from tudanhgia.domain import Period


def _ctrl_c(qtbot, w, view) -> str:
    w.activateWindow()
    view.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is view, timeout=2000)
    QApplication.clipboard().setText("trước")
    qtbot.keyClick(view, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    return QApplication.clipboard().text()


def test_ctrl_c_in_the_outline_tree_copies_the_current_heading(qtbot, service, unit, tmp_path):
    report = service.create_report("khac", Period(2025), unit.id)
    w = open_window(qtbot, service, tmp_path, report.id)
    tree = next(t for t in w.findChildren(QTreeWidget) if t.isVisible() and t.topLevelItemCount())
    tree.setCurrentItem(tree.topLevelItem(0))
    wanted = tree.topLevelItem(0).text(0)   # what the officer sees on the row
    assert wanted
    assert _ctrl_c(qtbot, w, tree) == wanted


def test_ctrl_c_copies_the_selected_words_of_the_issued_banner(qtbot, service, unit, tmp_path):
    from tudanhgia.domain.period import DocDate
    report = service.create_report("khac", Period(2025), unit.id)
    service.update_meta(report.id, number="12", date=DocDate(2025, 12, 15))
    service.issue_report(report.id, tmp_path / "ban-hanh.docx")
    w = open_window(qtbot, service, tmp_path, report.id)
    label = w.editor.issued_banner.label
    qtbot.waitUntil(label.isVisible, timeout=2000)
    label.setSelection(0, len("Văn bản đã ban hành"))   # as dragged over with the mouse
    assert _ctrl_c(qtbot, w, label) == "Văn bản đã ban hành"


