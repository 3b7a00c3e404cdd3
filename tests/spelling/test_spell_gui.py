"""Spell check in the editor as the officer sees it: red wavy underlines under the unknown words of
the body and the heading, suggestions and "Thêm vào từ điển của đơn vị" in the context menu, a
long section checked off the UI thread."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QContextMenuEvent, QKeySequence, QTextCursor

from tudanhgia.domain import Period, RichText
from tudanhgia.services.spelling import dictionary_words
from tudanhgia.ui import messages, spell_check
from tudanhgia.ui.app import make_application
from tudanhgia.ui.main_window import MainWindow
from .underlines import underlined
from qt_keys import type_text

BODY = "Ủy ban nhân dân đã thưc hiẹn tốt công tác CCHC và hòa giải, hoà giải ở cơ sở."


@pytest.fixture
def quiet(monkeypatch):
    shown = []
    for name in ("warn", "error", "info"):
        monkeypatch.setattr(messages, name, lambda parent, text, _n=name: shown.append((_n, text)))
    return shown


def _window(qtbot, service, tmp_path, report_id):
    make_application()
    w = MainWindow(service, settings=QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(w)
    w.resize(1200, 760)
    w.show()
    w.open_report(report_id)
    return w


@pytest.fixture
def opened(qtbot, service, unit, tmp_path, quiet):
    report = service.create_report("khac", Period(2025), unit.id)
    section = next(s for s in report.walk() if s.heading)
    service.update_section(section.id, body=RichText.from_plain(BODY), heading="Kết qủa thực hiện")
    w = _window(qtbot, service, tmp_path, report.id)
    w.editor.select(section.id)
    return w, section


def test_the_body_and_heading_show_underlines_under_the_unknown_words_only(qtbot, opened):
    w, _section = opened
    body = w.editor.page.editor
    qtbot.waitUntil(lambda: underlined(body) == ["thưc", "hiẹn"], timeout=3000)
    heading = w.editor.page.heading
    qtbot.waitUntil(lambda: heading.property("spell_underlined") == ["qủa"], timeout=3000)
    # typing a misspelt word underlines it; the saved text carries no trace of the underline
    body.moveCursor(QTextCursor.MoveOperation.End)
    body.setFocus()
    type_text(body, " Ngừoi dân")
    qtbot.waitUntil(lambda: underlined(body) == ["thưc", "hiẹn", "Ngừoi"], timeout=3000)
    w.editor.page.save_now()
    stored = w.service.get_report(w.ctx.report_id).find(_section.id).body
    assert stored.plain == BODY + " Ngừoi dân"
    assert all(not run.underline for p in stored.paragraphs for run in p.items if hasattr(run, "underline"))


def _menu_for(qtbot, edit, word: str):
    """Right-click on `word` in the body editor; the menu that opens."""
    doc = edit.document()
    start = doc.toPlainText().index(word) + 1
    cursor = QTextCursor(doc)
    cursor.setPosition(start)
    point = edit.cursorRect(cursor).center()
    event = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, point, edit.viewport().mapToGlobal(point))
    edit.viewport().setFocus()
    from PySide6.QtWidgets import QApplication
    QApplication.sendEvent(edit.viewport(), event)
    menu = edit._spell_menu
    qtbot.waitUntil(menu.isVisible, timeout=2000)
    return menu


@pytest.mark.qt_log_ignore("does not support raise", "does not support grabbing")   # a popup offscreen
def test_the_context_menu_offers_suggestions_and_replaces_the_word(qtbot, opened):
    w, _section = opened
    body = w.editor.page.editor
    qtbot.waitUntil(lambda: underlined(body) == ["thưc", "hiẹn"], timeout=3000)
    menu = _menu_for(qtbot, body, "hiẹn")
    texts = [a.text() for a in menu.actions()]
    assert "hiện" in texts[:7] and "Thêm “hiẹn” vào từ điển của đơn vị" in texts
    assert any("Sao chép" in t or "Copy" in t for t in texts[len(texts) // 2:])   # the editor's own items follow
    next(a for a in menu.actions() if a.text() == "hiện").trigger()
    menu.close()
    assert "thưc hiện tốt" in body.toPlainText()
    qtbot.waitUntil(lambda: underlined(body) == ["thưc"], timeout=3000)
    body.undo()   # one undo step brings the word back
    assert "thưc hiẹn tốt" in body.toPlainText()


@pytest.mark.qt_log_ignore("does not support raise", "does not support grabbing")
def test_the_context_menus_redo_shows_the_menus_key_and_both_keys_work(qtbot, opened):
    w, _section = opened
    body = w.editor.page.editor
    body.moveCursor(QTextCursor.MoveOperation.End)
    body.setFocus()
    type_text(body, " tốt")
    w.act_undo.trigger()
    menu = _menu_for(qtbot, body, "thưc")
    redo = next(a for a in menu.actions() if a.text().replace("&", "").startswith("Làm lại"))
    undo = next(a for a in menu.actions() if a.text().replace("&", "").startswith("Hoàn tác"))
    assert redo.text().split("\t")[1] == "Ctrl+Y"   # as Sửa ▸ Làm lại shows it (it said Ctrl+Shift+Z)
    assert undo.text().split("\t")[1] == "Ctrl+Z"
    menu.close()
    for keys in ("Ctrl+Y", "Ctrl+Shift+Z"):   # both keys still redo
        w.act_undo.trigger()
        assert not body.toPlainText().endswith(" tốt")
        body.setFocus()
        qtbot.keySequence(body, QKeySequence(keys))
        assert body.toPlainText().endswith(" tốt"), keys


@pytest.mark.qt_log_ignore("does not support raise", "does not support grabbing")
def test_a_locked_text_offers_no_replacement(qtbot, opened):
    """An issued report (or a read-only file) is not changed through a suggestion either (found by
    the GUI tester: the word changed on screen, unsaved, under the lock)."""
    w, _section = opened
    body = w.editor.page.editor
    qtbot.waitUntil(lambda: underlined(body) == ["thưc", "hiẹn"], timeout=3000)
    body.setReadOnly(True)                 # what the window's lock does to every editor
    menu = _menu_for(qtbot, body, "hiẹn")
    suggestion = next(a for a in menu.actions() if a.text() == "hiện")
    assert not suggestion.isEnabled()
    assert "(Văn bản đang khóa: mở khóa để sửa)" in [a.text() for a in menu.actions()]
    menu.close()
    assert "thưc hiẹn tốt" in body.toPlainText()


@pytest.mark.qt_log_ignore("does not support raise", "does not support grabbing")
def test_add_to_the_units_dictionary_is_stored_and_clears_the_underline(qtbot, opened):
    w, _section = opened
    body = w.editor.page.editor
    qtbot.waitUntil(lambda: underlined(body) == ["thưc", "hiẹn"], timeout=3000)
    menu = _menu_for(qtbot, body, "thưc")
    next(a for a in menu.actions() if a.text().startswith("Thêm “thưc”")).trigger()
    menu.close()
    assert dictionary_words(w.service) == ["thưc"]
    qtbot.waitUntil(lambda: underlined(body) == ["hiẹn"], timeout=3000)


def test_a_long_section_is_checked_off_the_ui_thread(qtbot, service, unit, tmp_path, quiet):
    report = service.create_report("khac", Period(2025), unit.id)
    section = next(s for s in report.walk() if s.heading)
    line = "Công tác cải cách hành chính được triển khai đồng bộ, hiệu quả trên các lĩnh vực năm 2025."
    odd = [f"Xyzq{chr(97 + i // 26)}{chr(97 + i % 26)}" for i in range(400)]   # not words, each different
    paragraphs = [f"{line} Đoạn {i}: từ lạ {odd[i]}." for i in range(400)]   # > LONG_CHARS characters
    service.update_section(section.id, body=RichText.from_plain("\n".join(paragraphs)))
    w = _window(qtbot, service, tmp_path, report.id)
    check = spell_check.spell_check_for(w.service)
    before = check.worker.looked_up
    w.editor.select(section.id)
    body = w.editor.page.editor
    assert body.document().characterCount() > spell_check.LONG_CHARS
    qtbot.waitUntil(lambda: len(underlined(body)) == 400, timeout=10000)
    assert check.worker.looked_up > before   # the new words went to the worker
    assert sorted(underlined(body)) == sorted(odd)


def test_limitation_and_measure_texts_are_underlined_too(qtbot, service, unit, tmp_path, quiet):
    from PySide6.QtWidgets import QPlainTextEdit

    from tudanhgia.domain import Limitation, Measure
    report = service.create_report("ke-hoach-khac-phuc", Period(2025), unit.id)
    service.add_limitation(report.id, Limitation(
        text=RichText.from_plain("Việc cập nhật hồ sơ còn chậm trể."),
        measures=[Measure(measure=RichText.from_plain("Tăng cường kiễm tra."))]))
    w = _window(qtbot, service, tmp_path, report.id)
    w.editor.tabs.setCurrentWidget(w.editor.panels["limitations"])
    field = next(f for f in w.findChildren(QPlainTextEdit) if "chậm trể" in f.toPlainText())
    qtbot.waitUntil(lambda: underlined(field) == ["trể"], timeout=3000)


def test_spell_check_as_you_type_can_be_turned_off_and_is_remembered(qtbot, opened, tmp_path):
    w, _section = opened
    body = w.editor.page.editor
    qtbot.waitUntil(lambda: underlined(body) == ["thưc", "hiẹn"], timeout=3000)
    w.act_spelling.trigger()   # off
    assert not w.act_spelling.isChecked()
    qtbot.waitUntil(lambda: underlined(body) == [], timeout=3000)
    assert w.editor.page.heading.property("spell_underlined") == []
    assert w.settings.value("spelling/as_you_type") == "false"
    w.act_spelling.trigger()   # on again
    qtbot.waitUntil(lambda: underlined(body) == ["thưc", "hiẹn"], timeout=3000)
    assert w.settings.value("spelling/as_you_type") == "true"


def test_f7_lists_the_unknown_words_per_place_and_goes_there(qtbot, service, unit, tmp_path, quiet, monkeypatch):
    from tudanhgia.domain import Limitation
    from tudanhgia.ui.editor import Target
    report = service.create_report("ke-hoach-khac-phuc", Period(2025), unit.id)
    section = next(s for s in report.walk() if not s.children and s.content is None)
    service.update_section(section.id, body=RichText.from_plain("Công tác thưc hiện tốt."))
    lim = service.add_limitation(report.id, Limitation(text=RichText.from_plain("Hồ sơ còn chậm trể.")))
    w = _window(qtbot, service, tmp_path, report.id)
    seen: list[list[str]] = []

    def run(dialog, wanted):
        lines = [dialog.list.item(i).text() for i in range(dialog.list.count())]
        seen.append(lines)
        row = next(i for i, line in enumerate(lines) if wanted in line)
        dialog.list.itemActivated.emit(dialog.list.item(row))
        return 0
    monkeypatch.setattr("tudanhgia.ui.dialogs.CompletenessDialog.exec", lambda d: run(d, ": thưc."))
    w.show_check()
    spelling = [line for line in seen[0] if "Chính tả" in line]
    assert any(line.endswith(": thưc.") and "Mục" in line for line in spelling), spelling
    assert any("Hạn chế 1" in line and line.endswith(": trể.") for line in spelling), spelling
    assert w.editor.current_target() == Target("section", section.id)
    monkeypatch.setattr("tudanhgia.ui.dialogs.CompletenessDialog.exec", lambda d: run(d, ": trể."))
    w.show_check()
    assert w.editor.tabs.currentWidget() is w.editor.panels["limitations"]
    assert w.editor.panels["limitations"].current_limitation_id() == lim.id


def test_a_measure_cell_being_edited_shows_underlines(qtbot, service, unit, tmp_path, quiet):
    from tudanhgia.domain import Limitation, Measure
    from tudanhgia.ui.measures_delegates import CellTextEditor
    report = service.create_report("ke-hoach-khac-phuc", Period(2025), unit.id)
    measure = Measure(measure=RichText.from_plain("Tăng cường kiễm tra."))
    lim = service.add_limitation(report.id, Limitation(text=RichText.from_plain("Hồ sơ còn chậm."), measures=[measure]))
    w = _window(qtbot, service, tmp_path, report.id)
    panel = w.editor.panels["limitations"]
    w.editor.tabs.setCurrentWidget(panel)
    panel.select_limitation(lim.id)
    table = panel.measures
    table.select_measure(lim.measures[0].id)
    table.view.edit(table.view.currentIndex())
    qtbot.waitUntil(lambda: bool(table.view.findChildren(CellTextEditor)), timeout=3000)
    cell = table.view.findChildren(CellTextEditor)[0]
    assert cell.toPlainText() == "Tăng cường kiễm tra."
    qtbot.waitUntil(lambda: underlined(cell) == ["kiễm"], timeout=3000)


@pytest.mark.qt_log_ignore("does not support raise", "does not support grabbing")
def test_a_word_taken_out_of_the_units_dictionary_is_underlined_again(qtbot, opened):
    from tudanhgia.ui.text_menu import UnitDictionaryDialog
    w, _section = opened
    body = w.editor.page.editor
    qtbot.waitUntil(lambda: underlined(body) == ["thưc", "hiẹn"], timeout=3000)
    menu = _menu_for(qtbot, body, "thưc")
    next(a for a in menu.actions() if a.text().startswith("Thêm “thưc”")).trigger()
    menu.close()
    qtbot.waitUntil(lambda: underlined(body) == ["hiẹn"], timeout=3000)
    dialog = UnitDictionaryDialog(w.service, w)
    qtbot.addWidget(dialog)
    assert [dialog.list.item(i).text() for i in range(dialog.list.count())] == ["thưc"]
    dialog.list.item(0).setSelected(True)
    qtbot.mouseClick(dialog.remove_button, Qt.MouseButton.LeftButton)
    assert dialog.list.count() == 0 and dictionary_words(w.service) == []
    qtbot.waitUntil(lambda: underlined(body) == ["thưc", "hiẹn"], timeout=3000)


def test_the_heading_is_underlined_when_left_never_while_typing(qtbot, opened):
    w, _section = opened
    heading = w.editor.page.heading
    qtbot.waitUntil(lambda: heading.property("spell_underlined") == ["qủa"], timeout=3000)
    w.activateWindow()
    heading.setFocus()
    qtbot.waitUntil(heading.hasFocus, timeout=2000)
    assert heading.property("spell_underlined") == []   # cleared: the typing (and an input method) has the field
    heading.end(False)
    type_text(heading, " tôt")
    assert heading.property("spell_underlined") == []
    w.editor.page.editor.setFocus()
    qtbot.waitUntil(lambda: heading.property("spell_underlined") == ["qủa", "tôt"], timeout=3000)


def _red_pixels(image, rect) -> int:
    """How many pixels of the wave's red (#d00000, antialiased) `rect` of `image` holds."""
    count = 0
    for x in range(rect.left(), rect.right()):
        for y in range(rect.top(), rect.bottom()):
            c = image.pixelColor(x, y)
            count += c.red() > 150 and c.green() < 90 and c.blue() < 90
    return count


def test_a_committed_appendix_cell_shows_waves_under_its_unknown_word(qtbot, service, unit, tmp_path, quiet):
    from tudanhgia.domain.model import AppendixTable
    report = service.create_report("khac", Period(2025), unit.id)
    service.set_appendix_table(report.id, AppendixTable(["STT", "Chỉ tiêu", "Số liệu"], [
        ["1", "Số hộ dân", "120"], ["2", "Số hộ nghèo hiẹn nay", "15"]]))
    w = _window(qtbot, service, tmp_path, report.id)
    panel = w.editor.panels["indicators"]
    w.editor.tabs.setCurrentWidget(panel)
    grid = panel.kept.grid
    grid.setCurrentCell(0, 0)   # no cell open: the committed text is what is painted
    qtbot.wait(50)
    image = grid.viewport().grab().toImage()
    wrong = grid.visualRect(grid.model().index(2, 1))
    right = grid.visualRect(grid.model().index(1, 1))
    assert _red_pixels(image, wrong) > 5
    assert _red_pixels(image, right) == 0
