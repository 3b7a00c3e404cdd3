"""Issue 13 point 8, paste hygiene at the door: a paste from Word keeps paragraphs, bold and italic;
its soft breaks, empty paragraphs and control characters become what the export prints, in NFC —
what the editor shows right after the paste is what is stored, shown again and printed."""
from __future__ import annotations

from PySide6.QtCore import QMimeData, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest

from test_find_replace import open_window, stored
from tudanhgia.domain.richtext import RichText, Run
from tudanhgia.render.text import report_text

CTRL = Qt.KeyboardModifier.ControlModifier
SECTION = 5
# what Word puts on the clipboard: a soft break ending a paragraph and two in a row, an empty
# paragraph (&nbsp;), a decomposed letter, a control character, paragraphs ended by <o:p>
WORD_HTML = ("<html><body><!--StartFragment-->"
             "<p class=MsoNormal>Tổ chức <b>quán triệt</b> <i>kịp thời</i><br>Nghị quyết số 01<br></p>\n"
             "<p class=MsoNormal><o:p>&nbsp;</o:p></p>\n"
             "<p class=MsoNormal>Tỉnh Quảng Nga\u0303i\x01<br><br>Huyện Lý Sơn<o:p></o:p></p>\n"
             "<p class=MsoNormal></p><!--EndFragment--></body></html>")
SHOWN = ["Tổ chức quán triệt kịp thời\u2028Nghị quyết số 01", "Tỉnh Quảng Ngãi", "Huyện Lý Sơn"]


def blocks(doc) -> list[str]:
    block, out = doc.begin(), []
    while block.isValid():
        out.append(block.text())
        block = block.next()
    return out


def paste(qtbot, widget, html: str | None = None, text: str = "") -> None:
    mime = QMimeData()
    if html is not None:
        mime.setHtml(html)
    mime.setText(text)
    QGuiApplication.clipboard().setMimeData(mime)
    widget.setFocus()
    qtbot.waitUntil(widget.hasFocus)
    QTest.keyClick(widget, Qt.Key.Key_V, CTRL)


def test_point8_a_word_paste_shows_what_is_stored_and_printed(qtbot, sample_service, tmp_path):
    sample_service.update_section(SECTION, body=RichText())
    w = open_window(qtbot, sample_service, tmp_path)
    w.editor.select(SECTION)
    edit = w.editor.page.editor
    paste(qtbot, edit, WORD_HTML, "plain alternative")
    assert blocks(edit.document()) == SHOWN                     # no blank line, nothing of \x01, NFC
    body = edit.value()
    assert body.paragraphs[0].items == (Run("Tổ chức "), Run("quán triệt", bold=True), Run(" "),
                                        Run("kịp thời", italic=True), Run("\nNghị quyết số 01"))
    qtbot.waitUntil(lambda: stored(sample_service).find(SECTION).body == body, timeout=3000)
    w.editor.select(SECTION + 1)
    w.editor.page.forget_documents()                             # shown again from what was stored
    w.editor.select(SECTION)
    assert blocks(w.editor.page.editor.document()) == SHOWN
    printed = report_text(stored(sample_service)).split("\n")
    start = printed.index("Tổ chức quán triệt kịp thời")        # the soft break prints as a line break
    assert printed[start:start + 4] == ["Tổ chức quán triệt kịp thời", "Nghị quyết số 01", "Tỉnh Quảng Ngãi",
                                        "Huyện Lý Sơn"]


def test_point8_a_plain_paste_into_a_limitation_keeps_no_blank_line_that_saving_drops(qtbot, sample_service,
                                                                                      tmp_path):
    w = open_window(qtbot, sample_service, tmp_path)
    panel = w.editor.panels["limitations"]
    w.editor.tabs.setCurrentWidget(panel)
    panel.list.setCurrentRow(0)
    field = panel.cause_subjective_edit
    field.selectAll()
    paste(qtbot, field, text="Một là\r\n\r\n  \r\nHai là\x0b\x0bBa là\n\n")
    assert field.toPlainText() == "Một là\nHai là\nBa là"
    qtbot.waitUntil(lambda: stored(sample_service).limitations[0].cause_subjective.plain == "Một là\nHai là\nBa là",
                    timeout=3000)
    panel.list.setCurrentRow(1)
    panel.list.setCurrentRow(0)
    assert field.toPlainText() == "Một là\nHai là\nBa là"       # shown again as it was after the paste


def test_point8_a_very_long_paste_shows_the_wait_cursor_while_it_is_read(qtbot, sample_service, tmp_path,
                                                                        monkeypatch):
    from PySide6.QtWidgets import QApplication

    from tudanhgia.ui import richtext_qt
    w = open_window(qtbot, sample_service, tmp_path)
    w.editor.select(SECTION)
    edit = w.editor.page.editor
    cursors = []
    real = richtext_qt.insert_richtext

    def insert(cursor, rt):
        shown = QApplication.overrideCursor()
        cursors.append(shown.shape() if shown is not None else None)
        real(cursor, rt)
    monkeypatch.setattr(richtext_qt, "insert_richtext", insert)
    paste(qtbot, edit, text="Một đoạn.\n" * 30_000)                # 300,000 characters: hundreds of pages
    paste(qtbot, edit, text="Một câu.")
    assert cursors == [Qt.CursorShape.WaitCursor, None]             # a short paste shows none
    assert QApplication.overrideCursor() is None                      # and it is gone afterwards
