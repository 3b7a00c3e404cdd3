"""The spell check's leftovers from the last review, driven as an officer drives the window:
positions after a character Qt counts twice (an emoji pasted earlier in the paragraph), a
database switch, F7's "go there" selecting the word, issuing with spelling notes left, the
Sửa menu's clipboard commands."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QSettings, Qt
from PySide6.QtGui import QContextMenuEvent, QTextCursor
from PySide6.QtWidgets import QApplication

from .underlines import underlined
from tudanhgia.domain import Period, RichText
from tudanhgia.ui import messages, spell_check
from tudanhgia.ui.app import make_application
from tudanhgia.ui.main_window import MainWindow

WIDE = "😀🙂𝐀"   # each counts two in Qt (UTF-16), one in Python
BODY = f"Ảnh {WIDE}{WIDE} gửi kèm. Công tác thưc hiẹn tốt."


def utf16(text: str, index: int) -> int:
    """Qt's position of Python index `index` (worked out here, not by the code under test)."""
    return len(text[:index].encode("utf-16-le")) // 2


@pytest.fixture
def quiet(monkeypatch):
    shown: list[tuple[str, str]] = []
    for name in ("warn", "error", "info"):
        monkeypatch.setattr(messages, name, lambda parent, text, _n=name: shown.append((_n, text)))
    return shown


def _window(qtbot, service, tmp_path, report_id=None, paths=None):
    make_application()
    w = MainWindow(service, paths=paths,
                   settings=QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(w)
    w.resize(1200, 760)
    w.show()
    if report_id is not None:
        w.open_report(report_id)
    return w


@pytest.fixture
def opened(qtbot, service, unit, tmp_path, quiet):
    report = service.create_report("khac", Period(2025), unit.id)
    section = next(s for s in report.walk() if s.heading)
    service.update_section(section.id, body=RichText.from_plain(BODY), heading=f"{WIDE}{WIDE} Kết qủa tốt")
    w = _window(qtbot, service, tmp_path, report.id)
    w.editor.select(section.id)
    return w, section


def _right_click_body(qtbot, edit, text: str, index: int):
    cursor = QTextCursor(edit.document())
    cursor.setPosition(utf16(text, index))
    point = edit.cursorRect(cursor).center()
    edit.viewport().setFocus()
    QApplication.sendEvent(edit.viewport(), QContextMenuEvent(QContextMenuEvent.Reason.Mouse, point,
                                                              edit.viewport().mapToGlobal(point)))
    menu = edit._spell_menu
    qtbot.waitUntil(menu.isVisible, timeout=2000)
    return menu


# --- 1. positions after a character beyond the BMP -------------------------------------------------
@pytest.mark.qt_log_ignore("does not support raise", "does not support grabbing")
def test_the_context_menu_finds_the_word_after_an_emoji(qtbot, opened):
    w, _section = opened
    body = w.editor.page.editor
    qtbot.waitUntil(lambda: underlined(body) == ["thưc", "hiẹn"], timeout=3000)
    menu = _right_click_body(qtbot, body, BODY, BODY.index("hiẹn") + 3)   # on the last letter
    texts = [a.text() for a in menu.actions()]
    assert "Thêm “hiẹn” vào từ điển của đơn vị" in texts, texts
    next(a for a in menu.actions() if a.text() == "hiện").trigger()
    menu.close()
    assert body.toPlainText() == BODY.replace("hiẹn", "hiện")


def _red_columns(edit) -> list[int]:
    """The x of every column of the field's picture holding the underline's red."""
    image = edit.grab().toImage()
    cols = set()
    for x in range(image.width()):
        for y in range(image.height() // 2, image.height()):
            c = image.pixelColor(x, y)   # the wave's red, lightened by its smoothing; no text is red
            if c.red() > 150 and c.red() - c.green() > 70 and abs(c.green() - c.blue()) < 40:
                cols.add(x)
                break
    return sorted(cols)


def test_the_heading_underlines_the_word_itself_after_an_emoji(qtbot, opened):
    w, _section = opened
    heading = w.editor.page.heading
    text = heading.text()
    qtbot.waitUntil(lambda: heading.property("spell_underlined") == ["qủa"], timeout=3000)
    qtbot.waitUntil(lambda: bool(_red_columns(heading)), timeout=3000)
    start, end = utf16(text, text.index("qủa")), utf16(text, text.index("qủa") + 3)
    y = heading.height() // 2
    # every red column lies over the misspelt word (Qt says which character a column shows)
    at = [heading.cursorPositionAt(QPoint(x, y)) for x in _red_columns(heading)]
    assert at and all(start <= p <= end for p in at), (at, start, end)


@pytest.mark.qt_log_ignore("does not support raise", "does not support grabbing")
def test_the_heading_menu_replaces_the_word_after_an_emoji(qtbot, opened):
    from tudanhgia.ui.spell_check import context_menu
    w, _section = opened
    heading = w.editor.page.heading
    text = heading.text()
    qtbot.waitUntil(lambda: heading.property("spell_underlined") == ["qủa"], timeout=3000)
    heading.setCursorPosition(utf16(text, text.index("qủa") + 2))
    point = heading.cursorRect().center()
    menu = context_menu(heading, point)
    qtbot.waitUntil(menu.isVisible, timeout=2000)
    texts = [a.text() for a in menu.actions()]
    assert "Thêm “qủa” vào từ điển của đơn vị" in texts, texts
    next(a for a in menu.actions() if a.text() == "quả").trigger()
    menu.close()
    assert heading.text() == f"{WIDE}{WIDE} Kết quả tốt"


# --- 2. a database switch drops the old database's spell check --------------------------------------
def _database_with_unit(path, name: str):
    from tudanhgia.domain import Authority, Signer, UnitProfile
    from tudanhgia.services import ReportService
    service = ReportService.open(path)
    unit = service.save_unit(UnitProfile(name=name, parent_agency="UBND TỈNH", issuing_agency="VĂN PHÒNG",
                                         abbreviation="VP", place="Quảng Ngãi",
                                         signer=Signer(Authority.KT, "CHÁNH VĂN PHÒNG", "PHÓ CHÁNH VĂN PHÒNG",
                                                       "Lê Quốc Đạt")))
    report = service.create_report("khac", Period(2025), unit.id)
    section = next(s for s in report.walk() if s.heading)
    service.update_section(section.id, body=RichText.from_plain("Xã Krôngpaxa và xã Đakrơwing."))
    return service, report.id, section.id


def test_switching_database_uses_the_new_databases_words_only(qtbot, tmp_path, quiet, monkeypatch):
    import gc
    import weakref

    from tudanhgia.paths import AppPaths

    first, first_report, first_section = _database_with_unit(tmp_path / "a.sqlite", "UBND xã Krôngpaxa")
    second, second_report, second_section = _database_with_unit(tmp_path / "b.sqlite", "UBND xã Đakrơwing")
    second.close()
    w = _window(qtbot, first, tmp_path, first_report, paths=AppPaths.default(tmp_path / "data"))
    w.editor.select(first_section)
    qtbot.waitUntil(lambda: underlined(w.editor.page.editor) == ["Đakrơwing"], timeout=3000)
    old_check = weakref.ref(spell_check.spell_check_for(first, w))
    monkeypatch.setattr("tudanhgia.ui.file_dialogs.open_file_name",
                        lambda *a, **k: (str(tmp_path / "b.sqlite"), ""))
    w.act_other_db.trigger()
    assert w.db_path.resolve() == (tmp_path / "b.sqlite").resolve()
    # the switch itself lets the old database's check and service go (not the next report opened)
    qtbot.waitUntil(lambda: (gc.collect(), old_check())[1] is None, timeout=3000)
    first_ref = weakref.ref(first)
    del first
    gc.collect()
    assert first_ref() is None, "the old database's service is still held"
    w.open_report(second_report)
    w.editor.select(second_section)
    # the new database's unit name is known; the old one's is not any more
    qtbot.waitUntil(lambda: underlined(w.editor.page.editor) == ["Krôngpaxa"], timeout=3000)


# --- 3. F7's "go there" selects the word ----------------------------------------------------------
def _go_there(w, monkeypatch, wanted: str) -> list[str]:
    """F7, then "Đến chỗ cần sửa" on the line ending with `wanted`; the lines the dialog listed."""
    seen: list[str] = []

    def run(dialog):
        seen.extend(dialog.list.item(i).text() for i in range(dialog.list.count()))
        dialog.list.setCurrentRow(next(i for i, line in enumerate(seen) if line.endswith(wanted)))
        dialog.go_button.click()
        return 0
    monkeypatch.setattr("tudanhgia.ui.dialogs.CompletenessDialog.exec", run)
    w.act_check.trigger()
    return seen


def test_f7_go_there_selects_the_unknown_word_in_the_body(qtbot, service, unit, tmp_path, quiet, monkeypatch):
    from tudanhgia.ui.editor import Target
    report = service.create_report("ke-hoach-khac-phuc", Period(2025), unit.id)
    section = next(s for s in report.walk() if not s.children and s.content is None)
    text = f"Đoạn đầu viết đúng.\nẢnh {WIDE} kèm. Công tác thưc hiện tốt."
    service.update_section(section.id, body=RichText.from_plain(text))
    w = _window(qtbot, service, tmp_path, report.id)
    w.editor.select(next(s for s in report.walk() if s.id != section.id).id)   # another section is shown
    lines = _go_there(w, monkeypatch, ": thưc.")
    assert any("Chính tả" in line for line in lines)
    assert w.editor.current_target() == Target("section", section.id)
    body = w.editor.page.editor
    assert body.textCursor().selectedText() == "thưc"
    assert w.focusWidget() is body   # the keyboard is there


def test_f7_go_there_selects_the_unknown_word_in_the_heading(qtbot, service, unit, tmp_path, quiet, monkeypatch):
    report = service.create_report("khac", Period(2025), unit.id)
    section = next(s for s in report.walk() if s.heading)
    service.update_section(section.id, heading=f"{WIDE} Kết qủa", body=RichText.from_plain("Nội dung đúng."))
    w = _window(qtbot, service, tmp_path, report.id)
    _go_there(w, monkeypatch, ": qủa.")
    heading = w.editor.page.heading
    assert heading.selectedText() == "qủa"
    assert w.focusWidget() is heading


def test_f7_go_there_selects_the_unknown_word_of_a_limitation(qtbot, service, unit, tmp_path, quiet, monkeypatch):
    from PySide6.QtWidgets import QPlainTextEdit

    from tudanhgia.domain import Limitation
    report = service.create_report("ke-hoach-khac-phuc", Period(2025), unit.id)
    service.add_limitation(report.id, Limitation(text=RichText.from_plain("Hồ sơ đúng hạn.")))
    service.add_limitation(report.id, Limitation(text=RichText.from_plain("Hồ sơ còn chậm trể.")))
    w = _window(qtbot, service, tmp_path, report.id)
    _go_there(w, monkeypatch, ": trể.")
    field = next(f for f in w.findChildren(QPlainTextEdit) if f.isVisible() and "chậm" in f.toPlainText())
    assert field.textCursor().selectedText() == "trể"
    assert w.focusWidget() is field


# --- 4. issuing with spelling notes left asks once ------------------------------------------------------
def _answer_boxes(clicks: list[str], seen: list[tuple[str, str, list[str]]]) -> None:
    """Answer the message boxes as they open, in turn, by the text of the button to press."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QMessageBox

    def look() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, look)
            return
        default = box.defaultButton()
        seen.append((box.text(), default.text() if default else "", [b.text() for b in box.buttons()]))
        wanted = clicks.pop(0)
        if clicks:
            QTimer.singleShot(20, look)
        button = next((b for b in box.buttons() if b.text() == wanted), None)
        if button is None:   # not the box expected: closed, and the test's assertions say so
            box.reject()
        else:
            button.click()
    QTimer.singleShot(0, look)


@pytest.fixture
def to_issue(qtbot, service, unit, tmp_path, quiet, monkeypatch):
    from tudanhgia.domain.period import DocDate
    report = service.create_report("ke-hoach-khac-phuc", Period(2025), unit.id)
    sections = [s for s in report.walk() if not s.children and s.content is None]
    service.update_section(sections[0].id, body=RichText.from_plain("Công tác thưc hiẹn tốt."))
    service.update_section(sections[1].id, body=RichText.from_plain("Đã làm xong viêc này."))
    service.update_meta(report.id, number="25", date=DocDate(2025, 12, 20))
    w = _window(qtbot, service, tmp_path, report.id)
    checks: list[list[str]] = []

    def check_dialog(dialog) -> int:
        checks.append([dialog.list.item(i).text() for i in range(dialog.list.count())])
        return 1   # the export's form: "Vẫn xuất văn bản"
    monkeypatch.setattr("tudanhgia.ui.dialogs.CompletenessDialog.exec", check_dialog)
    target = tmp_path / "ban-hanh.docx"
    monkeypatch.setattr("tudanhgia.ui.file_dialogs.save_file_name", lambda *a, **k: (str(target), ""))
    return w, report, checks, target


@pytest.mark.qt_log_ignore("does not support raise", "does not support grabbing")
def test_issuing_with_unknown_words_asks_and_goes_back_to_look_by_default(qtbot, to_issue):
    w, report, checks, target = to_issue
    seen: list[tuple[str, str, list[str]]] = []
    _answer_boxes(["Xem lại chính tả"], seen)
    before = len(checks)
    w.act_issue.trigger()
    text, default, buttons = seen[0]
    assert default == "Xem lại chính tả" and "Vẫn ban hành" in buttons
    assert "còn 3 từ có thể sai chính tả ở 2 chỗ" in text, text
    assert text.count("• Mục") == 2 and ": 2 từ" in text and ": 1 từ" in text
    assert len(seen) == 1                                   # asked once, nothing else
    assert w.service.issued_state(report.id) is None and not target.exists()
    assert len(checks) > before and any("thưc" in line for line in checks[-1])   # F7's list is shown


@pytest.mark.qt_log_ignore("does not support raise", "does not support grabbing")
def test_issuing_anyway_after_the_spelling_question(qtbot, to_issue):
    w, report, _checks, target = to_issue
    seen: list[tuple[str, str, list[str]]] = []
    _answer_boxes(["Vẫn ban hành", "Đánh dấu đã ban hành"], seen)
    w.act_issue.trigger()
    assert "sai chính tả" in seen[0][0] and "Đánh dấu báo cáo đã ban hành" in seen[1][0]
    assert w.service.issued_state(report.id) is not None and target.exists()


# --- 5. the wave is drawn under the letters, never through a dot below ------------------------------------
def _rows_under(image, x1: int, x2: int):
    """(lowest row with the text's ink, rows with the wave's red) within columns x1..x2."""
    ink, red = -1, set()
    for x in range(max(x1, 0), min(x2, image.width())):
        for y in range(image.height()):
            c = image.pixelColor(x, y)
            if c.red() > 150 and c.red() - c.green() > 70 and abs(c.green() - c.blue()) < 40:
                red.add(y)
            elif c.red() < 110 and c.green() < 110 and c.blue() < 110:
                ink = max(ink, y)
    return ink, sorted(red)


@pytest.mark.parametrize("word", ["hiẹn", "nguòi"])   # a dot below; a descender
def test_the_wave_lies_below_the_letters_of_the_word(qtbot, service, unit, tmp_path, quiet, word):
    report = service.create_report("khac", Period(2025), unit.id)
    section = next(s for s in report.walk() if s.heading)
    text = f"Đã {word} xong."
    service.update_section(section.id, body=RichText.from_plain(text))
    w = _window(qtbot, service, tmp_path, report.id)
    w.editor.select(section.id)
    body = w.editor.page.editor
    qtbot.waitUntil(lambda: underlined(body) == [word], timeout=3000)
    cursor = QTextCursor(body.document())
    cursor.setPosition(text.index(word))
    first = body.cursorRect(cursor)
    cursor.setPosition(text.index(word) + len(word))
    last = body.cursorRect(cursor)
    # the word's own columns, in the editor's picture (its viewport sits inside the frame)
    offset = body.viewport().mapTo(body, QPoint(0, 0))
    columns = (offset.x() + first.left() + 1, offset.x() + last.left() - 1)
    _ink, red = _rows_under(body.grab().toImage(), *columns)
    w.act_spelling.trigger()   # off: the letters alone (the wave could hide the dot it lies on)
    qtbot.waitUntil(lambda: underlined(body) == [], timeout=3000)
    ink, none = _rows_under(body.grab().toImage(), *columns)
    assert red and not none, "no wave drawn under the word"
    assert offset.y() + first.top() < ink < min(red), (ink, red)   # a gap between the letters and the wave


def test_the_waves_follow_the_text_when_scrolled(qtbot, service, unit, tmp_path, quiet):
    report = service.create_report("khac", Period(2025), unit.id)
    section = next(s for s in report.walk() if s.heading)
    lines = [f"Đoạn {i} viết đúng chính tả." for i in range(60)] + ["Cuối cùng là chữ hiẹn."]
    service.update_section(section.id, body=RichText.from_plain("\n".join(lines)))
    w = _window(qtbot, service, tmp_path, report.id)
    w.editor.select(section.id)
    body = w.editor.page.editor
    qtbot.waitUntil(lambda: underlined(body) == ["hiẹn"], timeout=3000)
    body.verticalScrollBar().setValue(body.verticalScrollBar().maximum())   # the last paragraph in view
    qtbot.wait(50)
    text = body.toPlainText()
    cursor = QTextCursor(body.document())
    cursor.setPosition(text.index("hiẹn"))
    first = body.cursorRect(cursor)
    cursor.setPosition(text.index("hiẹn") + 4)
    last = body.cursorRect(cursor)
    offset = body.viewport().mapTo(body, QPoint(0, 0))
    _ink, red = _rows_under(body.grab().toImage(), offset.x() + first.left() + 1, offset.x() + last.left() - 1)
    assert red and all(offset.y() + first.top() < y < offset.y() + first.bottom() + 6 for y in red), (first, red)


# --- 6. Sửa ▸ Cắt, Sao chép, Dán, Chọn tất cả on the field being typed in ---------------------------------
def _focus(qtbot, w, field) -> None:
    w.activateWindow()
    field.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is field, timeout=2000)


def _menu_state(w) -> dict[str, bool]:
    w.edit_menu.aboutToShow.emit()   # what the officer sees on opening Sửa
    return {a.text(): a.isEnabled() for a in w.edit_menu.actions() if a.text()}


def test_the_edit_menu_has_the_clipboard_commands_with_and_without_a_report(qtbot, opened):
    w, _section = opened
    wanted = ["Cắt", "Sao chép", "Dán", "Chọn tất cả"]
    texts = [a.text() for a in w.edit_menu.actions()]
    assert all(t in texts for t in wanted), texts
    assert w.act_paste.shortcut().toString() == "Ctrl+V" and w.act_select_all.shortcut().toString() == "Ctrl+A"
    w.close_report()
    texts = [a.text() for a in w.edit_menu.actions()]
    assert all(t in texts for t in wanted) and "Tìm…" in texts, texts


def test_cut_copy_paste_in_the_body_through_the_menu_with_one_undo(qtbot, opened):
    w, _section = opened
    body = w.editor.page.editor
    _focus(qtbot, w, body)
    cursor = body.textCursor()
    cursor.setPosition(BODY.index("gửi"))
    body.setTextCursor(cursor)
    state = _menu_state(w)
    assert not state["Cắt"] and not state["Sao chép"] and state["Chọn tất cả"]   # nothing selected yet
    cursor.setPosition(utf16(BODY, BODY.index("gửi kèm")))
    cursor.setPosition(utf16(BODY, BODY.index("gửi kèm") + 8), QTextCursor.MoveMode.KeepAnchor)
    body.setTextCursor(cursor)
    state = _menu_state(w)
    assert state["Cắt"] and state["Sao chép"]
    w.act_copy.trigger()
    assert QApplication.clipboard().text() == "gửi kèm."
    w.act_cut.trigger()
    assert "gửi kèm." not in body.toPlainText()
    qtbot.waitUntil(lambda: w.act_undo.text() == "Hoàn tác: Cắt", timeout=2000)
    w.act_undo.trigger()
    assert body.toPlainText() == BODY
    # a paste brings Word's soft line break and a decomposed letter: the screen shows what will print
    cursor = body.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.End)
    body.setTextCursor(cursor)
    QApplication.clipboard().setText(" Ho\u0300a\u000bgia\u0309i")
    assert _menu_state(w)["Dán"]
    w.act_paste.trigger()
    assert body.toPlainText() == BODY + " Hòa\ngiải"
    qtbot.waitUntil(lambda: w.act_undo.text() == "Hoàn tác: Dán", timeout=2000)
    w.act_undo.trigger()
    assert body.toPlainText() == BODY


def test_select_all_and_paste_in_the_heading_through_the_menu(qtbot, opened):
    w, _section = opened
    heading = w.editor.page.heading
    before = heading.text()
    _focus(qtbot, w, heading)
    w.act_select_all.trigger()
    assert heading.selectedText() == before
    QApplication.clipboard().setText("Kết quả\nthực\thiện")
    w.act_paste.trigger()
    assert heading.text() == "Kết quả thực hiện"   # one line: the break and the tab as spaces
    w.editor.page.editor.setFocus()                  # written as the field's typing is
    w.act_undo.trigger()
    qtbot.waitUntil(lambda: heading.text() == before, timeout=2000)


def test_a_locked_field_offers_copy_only(qtbot, opened):
    w, _section = opened
    body = w.editor.page.editor
    body.setReadOnly(True)
    _focus(qtbot, w, body)
    body.selectAll()
    QApplication.clipboard().setText("chữ")
    state = _menu_state(w)
    assert state["Sao chép"] and state["Chọn tất cả"] and not state["Cắt"] and not state["Dán"]
    w.act_paste.trigger()   # (its shortcut too) changes nothing
    assert body.toPlainText() == BODY


def test_paste_into_a_limitation_field_and_the_report_search_box(qtbot, service, unit, tmp_path, quiet):
    from PySide6.QtWidgets import QPlainTextEdit

    from tudanhgia.domain import Limitation
    report = service.create_report("ke-hoach-khac-phuc", Period(2025), unit.id)
    service.add_limitation(report.id, Limitation(text=RichText.from_plain("Hồ sơ chậm.")))
    w = _window(qtbot, service, tmp_path, report.id)
    w.editor.tabs.setCurrentWidget(w.editor.panels["limitations"])
    field = next(f for f in w.findChildren(QPlainTextEdit) if f.toPlainText() == "Hồ sơ chậm.")
    _focus(qtbot, w, field)
    field.moveCursor(QTextCursor.MoveOperation.End)
    QApplication.clipboard().setText(" Còn thie\u0302\u0301u\n\n\nsót.")
    w.act_paste.trigger()
    # composed letters, no blank line that saving would drop (text_guard, as for Ctrl+V)
    assert field.toPlainText() == "Hồ sơ chậm. Còn thiếu\nsót."
    w.close_report()
    search = w.start.search
    _focus(qtbot, w, search)
    QApplication.clipboard().setText("2025")
    w.act_paste.trigger()
    assert search.text() == "2025"
    w.start.apply_search_now()   # the list follows the pasted search (and no search is left pending)


def test_f7_go_there_selects_the_measure_cell_with_the_unknown_word(qtbot, service, unit, tmp_path, quiet,
                                                                     monkeypatch):
    from tudanhgia.domain import Limitation, Measure
    report = service.create_report("ke-hoach-khac-phuc", Period(2025), unit.id)
    service.add_limitation(report.id, Limitation(
        text=RichText.from_plain("Hồ sơ còn chậm."),
        measures=[Measure(measure=RichText.from_plain("Đôn đốc cập nhật.")),
                  Measure(measure=RichText.from_plain("Rà soát hồ sơ."), directed_by="Phó Chủ tịch Trần Văn Nghĩa",
                          lead_unit="Văn phòng tổng hơp")]))
    w = _window(qtbot, service, tmp_path, report.id)
    _go_there(w, monkeypatch, ": hơp.")
    table = w.editor.panels["limitations"].measures
    index = table.view.currentIndex()
    header = table.model.headerData(index.column(), Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole)
    assert index.row() == 1 and "chủ trì" in header, (index.row(), header)   # the cell where "hơp" is
    assert w.focusWidget() is table.view
