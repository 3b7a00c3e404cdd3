"""Issue 13 point 9, Find and Replace (Ctrl+F / Ctrl+H) as a Word user reaches for it: across the
report's sections along the outline, headings and limitations included; diacritics always matter,
case and whole words on request; replacing is saved like typing and undone in one step."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from qt_keys import type_text
from test_save_manager import open_window as open_report_window
from tudanhgia.domain.richtext import Paragraph, RichText, Run
from tudanhgia.services import ReportService
from tudanhgia.ui.main_window import MainWindow

CTRL = Qt.KeyboardModifier.ControlModifier
SEC5, SEC7, SEC9, LIM = 5, 7, 9, 2
BODY5 = "Khảo sát đảo Lý Sơn; lãnh đạo đi đảo."
HEAD7 = "Chuẩn bị nội dung về Đảo Bé"
BODY9 = "Tuyến ĐẢO xa, vùng đảoxa."
LIM_TEXT = "Chưa khảo sát đảo Bé."


@pytest.fixture
def report(sample_service):
    """Report 1 of the sample with "đảo" (absent from the sample, whose "lãnh đạo" must never be
    found) in two bodies, a heading and a limitation."""
    svc = sample_service
    svc.update_section(SEC5, body=RichText((Paragraph((Run("Khảo sát "), Run("đảo", bold=True),
                                                       Run(" Lý Sơn; lãnh đạo đi đảo."))),)))
    svc.update_section(SEC7, heading=HEAD7)
    svc.update_section(SEC9, body=RichText.from_plain(BODY9))
    lim = next(x for x in svc.get_report(1).limitations if x.id == LIM)
    lim.text = RichText.from_plain(LIM_TEXT)
    svc.update_limitation(lim)
    return svc


def stored(service: ReportService, report_id: int = 1):
    other = ReportService.open(service.db.path, create=False)
    try:
        return other.get_report(report_id)
    finally:
        other.close()


def open_window(qtbot, service, tmp_path, report_id: int = 1) -> MainWindow:
    w = open_report_window(qtbot, service, tmp_path, report_id)
    qtbot.waitExposed(w)
    w.activateWindow()
    w.editor.page.editor.setFocus()
    qtbot.waitUntil(w.editor.page.editor.hasFocus)
    return w


def open_find(qtbot, w, key=Qt.Key.Key_F):
    QTest.keyClick(w.editor.page.editor, key, CTRL)
    dialog = getattr(w, "find_dialog", None)
    assert dialog is not None and dialog.isVisible(), "Ctrl+F/Ctrl+H opens no Find window"
    return dialog


def seen(w) -> tuple:
    """What the officer sees after "Tìm tiếp": where, and the text selected there."""
    editor = w.editor
    if editor.tabs.currentWidget() is editor.page:
        page = editor.page
        if page.heading.hasSelectedText():
            return ("heading", page.target.section_id, page.heading.selectedText())
        return ("body", page.target.section_id, page.editor.textCursor().selectedText())
    panel = editor.panels["limitations"]
    return ("limitation", panel.current_limitation_id(), panel.text_edit.textCursor().selectedText())


def walk(qtbot, w, dialog, times: int) -> list[tuple]:
    out = []
    for _ in range(times):
        QTest.keyClick(dialog.find_edit, Qt.Key.Key_Return)    # Enter: "Tìm tiếp"
        out.append(seen(w))
    return out


def test_point9_ctrl_f_finds_through_the_outline_section_by_section(qtbot, report, tmp_path):
    w = open_window(qtbot, report, tmp_path)
    dialog = open_find(qtbot, w)
    type_text(dialog.find_edit, "đảo")
    assert walk(qtbot, w, dialog, 7) == [
        ("body", SEC5, "đảo"), ("body", SEC5, "đảo"),         # "lãnh đạo" between them is another word
        ("heading", SEC7, "Đảo"),
        ("body", SEC9, "ĐẢO"), ("body", SEC9, "đảo"),
        ("limitation", LIM, "đảo"),
        ("body", SEC5, "đảo")]                                 # round again from the top
    assert "tiếp tục từ đầu" in dialog.status.text()
    assert w.editor.current_target().section_id == SEC5       # the outline follows the matches
    QTest.keyClick(dialog.find_edit, Qt.Key.Key_F3, Qt.KeyboardModifier.ShiftModifier)  # back: Shift+F3
    assert seen(w) == ("limitation", LIM, "đảo")


def test_point9_case_and_whole_word_are_options_diacritics_always_matter(qtbot, report, tmp_path):
    w = open_window(qtbot, report, tmp_path)
    dialog = open_find(qtbot, w)
    type_text(dialog.find_edit, "đảo")
    dialog.match_case.click()
    assert walk(qtbot, w, dialog, 5) == [("body", SEC5, "đảo"), ("body", SEC5, "đảo"), ("body", SEC9, "đảo"),
                                         ("limitation", LIM, "đảo"), ("body", SEC5, "đảo")]
    dialog.match_case.click()
    dialog.whole_word.click()
    w.editor.select("preamble")
    assert walk(qtbot, w, dialog, 5) == [("body", SEC5, "đảo"), ("body", SEC5, "đảo"), ("heading", SEC7, "Đảo"),
                                         ("body", SEC9, "ĐẢO"), ("limitation", LIM, "đảo")]
    dialog.find_edit.clear()
    type_text(dialog.find_edit, "ĐAO")                        # no such word: "đạo", "đảo" are others
    QTest.keyClick(dialog.find_edit, Qt.Key.Key_Return)
    assert dialog.status.text() == "Không tìm thấy “ĐAO” trong báo cáo."


def test_point9_replace_all_is_saved_like_typing(qtbot, report, tmp_path):
    w = open_window(qtbot, report, tmp_path)
    dialog = open_find(qtbot, w, Qt.Key.Key_H)
    assert dialog.replace_edit.isVisible()
    type_text(dialog.find_edit, "đảo")
    type_text(dialog.replace_edit, "cù lao")
    qtbot.mouseClick(dialog.btn_replace_all, Qt.MouseButton.LeftButton)
    assert dialog.status.text().startswith("Đã thay 6 chỗ")

    def replaced():
        r = stored(report)
        return (r.find(SEC5).body.plain, r.find(SEC7).heading, r.find(SEC9).body.plain,
                next(x for x in r.limitations if x.id == LIM).text.plain)
    want = ("Khảo sát cù lao Lý Sơn; lãnh đạo đi cù lao.", "Chuẩn bị nội dung về cù lao Bé",
            "Tuyến cù lao xa, vùng cù laoxa.", "Chưa khảo sát cù lao Bé.")
    qtbot.waitUntil(lambda: replaced() == want, timeout=3000)     # written by the autosave, as typing is
    first = stored(report).find(SEC5).body.paragraphs[0].items
    assert first[1] == Run("cù lao", bold=True)                    # the format of the words it replaced


def test_point9_replace_replaces_the_match_selected_and_goes_to_the_next(qtbot, report, tmp_path):
    w = open_window(qtbot, report, tmp_path)
    dialog = open_find(qtbot, w, Qt.Key.Key_H)
    type_text(dialog.find_edit, "Đảo")
    type_text(dialog.replace_edit, "hòn đảo")
    QTest.keyClick(dialog.find_edit, Qt.Key.Key_Return)
    assert seen(w) == ("body", SEC5, "đảo")
    qtbot.mouseClick(dialog.btn_replace, Qt.MouseButton.LeftButton)
    assert seen(w) == ("body", SEC5, "đảo")                        # the second one, after the new words
    assert w.editor.page.editor.toPlainText() == "Khảo sát hòn đảo Lý Sơn; lãnh đạo đi đảo."
    qtbot.waitUntil(lambda: stored(report).find(SEC5).body.plain == "Khảo sát hòn đảo Lý Sơn; lãnh đạo đi đảo.",
                    timeout=3000)


def test_point9_replace_all_is_one_step_of_the_reports_undo(qtbot, report, tmp_path):
    w = open_window(qtbot, report, tmp_path)
    dialog = open_find(qtbot, w, Qt.Key.Key_H)
    type_text(dialog.find_edit, "đảo")
    type_text(dialog.replace_edit, "cù lao")
    qtbot.mouseClick(dialog.btn_replace_all, Qt.MouseButton.LeftButton)
    assert w.act_undo.text() == "Hoàn tác: Thay tất cả “đảo”"

    def texts():
        r = stored(report)
        return (r.find(SEC5).body.plain, r.find(SEC7).heading, r.find(SEC9).body.plain,
                next(x for x in r.limitations if x.id == LIM).text.plain)
    qtbot.waitUntil(lambda: texts()[0] != BODY5, timeout=3000)
    w.activateWindow()
    w.editor.page.editor.setFocus()
    QTest.keyClick(w.editor.page.editor, Qt.Key.Key_Z, CTRL)      # one Ctrl+Z takes every replacement back
    qtbot.waitUntil(lambda: texts() == (BODY5, HEAD7, BODY9, LIM_TEXT), timeout=3000)
    w.editor.select(SEC9)
    assert w.editor.page.editor.toPlainText() == BODY9                # the page shows it back too


def test_point9_f3_goes_on_with_the_find_window_closed_and_says_so_in_the_status_bar(qtbot, report, tmp_path):
    w = open_window(qtbot, report, tmp_path)
    dialog = open_find(qtbot, w)
    type_text(dialog.find_edit, "đảo")
    QTest.keyClick(dialog.find_edit, Qt.Key.Key_Escape)          # closes the Find window
    assert not dialog.isVisible()
    w.activateWindow()
    w.editor.page.editor.setFocus()
    qtbot.waitUntil(w.editor.page.editor.hasFocus)
    QTest.keyClick(w.editor.page.editor, Qt.Key.Key_F3)
    assert seen(w) == ("body", SEC5, "đảo")
    assert w.statusBar().currentMessage().startswith("Tìm thấy trong: Mục ")


def test_point9_a_match_after_an_emoji_is_selected_exactly(qtbot, report, tmp_path):
    report.update_section(SEC5, body=RichText.from_plain("Ghi chú 😀😀 về đảo."))   # two UTF-16 units each
    w = open_window(qtbot, report, tmp_path)
    dialog = open_find(qtbot, w, Qt.Key.Key_H)
    type_text(dialog.find_edit, "đảo")
    type_text(dialog.replace_edit, "hòn đảo")
    QTest.keyClick(dialog.find_edit, Qt.Key.Key_Return)
    assert seen(w) == ("body", SEC5, "đảo")
    qtbot.mouseClick(dialog.btn_replace, Qt.MouseButton.LeftButton)
    assert seen(w) == ("heading", SEC7, "Đảo")                     # on to the next match
    w.editor.select(SEC5)
    assert w.editor.page.editor.toPlainText() == "Ghi chú 😀😀 về hòn đảo."


def test_point9_find_and_replace_reach_the_measures_cells(qtbot, sample_service, tmp_path):
    import dataclasses

    from tudanhgia.ui.measures_model import FIELDS
    svc = sample_service
    report = svc.get_report(2)
    own = report.limitations[1].measures[0]                 # limitation b)'s measure
    general = report.measures[1]                             # a measure of the plan's general tasks
    svc.update_measure(dataclasses.replace(own, result="Đã khảo sát đảo."))
    svc.update_measure(dataclasses.replace(general, lead_unit="Tổ công tác đảo"))
    w = open_window(qtbot, svc, tmp_path, report_id=2)
    panel = w.editor.panels["limitations"]
    dialog = open_find(qtbot, w, Qt.Key.Key_H)
    type_text(dialog.find_edit, "đảo")
    type_text(dialog.replace_edit, "cù lao")
    QTest.keyClick(dialog.find_edit, Qt.Key.Key_Return)
    assert w.editor.tabs.currentWidget() is panel and panel.current_limitation_id() == report.limitations[1].id
    assert panel.measures.current_measure_id() == own.id
    assert panel.measures.view.currentIndex().column() == FIELDS.index("result")
    assert dialog.status.text() == "Tìm thấy trong: Biện pháp của hạn chế b), cột “Kết quả”"
    QTest.keyClick(dialog.find_edit, Qt.Key.Key_Return)
    table = next(t for t in panel.general_tables if t.current_measure_id() == general.id)
    assert table.isVisible() and table.view.currentIndex().column() == FIELDS.index("lead_unit")
    qtbot.mouseClick(dialog.btn_replace_all, Qt.MouseButton.LeftButton)

    def cells():
        r = stored(svc, 2)
        return r.limitations[1].measures[0].result, next(m for m in r.measures if m.id == general.id).lead_unit
    assert cells() == ("Đã khảo sát cù lao.", "Tổ công tác cù lao")
    QTest.keyClick(dialog.find_edit, Qt.Key.Key_Escape)
    w.act_undo.trigger()                                      # Sửa ▸ Hoàn tác: one step
    assert cells() == ("Đã khảo sát đảo.", "Tổ công tác đảo")


def test_find_stays_after_a_report_is_closed_and_another_opened(qtbot, sample_service, tmp_path):
    """Closing a report rebuilt the Sửa menu with undo and redo only: Tìm…, Thay thế…, Ctrl+F and
    F3 were gone for the rest of the session (found by the GUI tester)."""
    w = open_window(qtbot, sample_service, tmp_path, 1)
    w.close_report()
    w.open_report(3)
    w.activateWindow()
    w.editor.page.editor.setFocus()
    qtbot.waitUntil(w.editor.page.editor.hasFocus)
    assert {w.act_find, w.act_replace, w.act_find_next}.issubset(set(w.edit_menu.actions()))
    assert open_find(qtbot, w).isVisible()


def test_ctrl_z_in_the_find_window_takes_the_replacements_back(qtbot, report, tmp_path):
    """After Thay tất cả the window says "Hoàn tác bằng Ctrl+Z"; pressed there (in its Tìm box), it
    cleared the box instead (found by the GUI tester)."""
    w = open_window(qtbot, report, tmp_path)
    dialog = open_find(qtbot, w, Qt.Key.Key_H)
    type_text(dialog.find_edit, "đảo")
    type_text(dialog.replace_edit, "cù lao")
    qtbot.mouseClick(dialog.btn_replace_all, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: stored(report).find(SEC5).body.plain != BODY5, timeout=3000)
    dialog.activateWindow()
    dialog.find_edit.setFocus()
    QTest.keyClick(dialog.find_edit, Qt.Key.Key_Z, CTRL)
    assert dialog.find_edit.text() == "đảo"                       # the search stays
    qtbot.waitUntil(lambda: stored(report).find(SEC5).body.plain == BODY5, timeout=3000)
