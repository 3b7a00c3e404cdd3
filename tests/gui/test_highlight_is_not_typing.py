"""Underlines drawn over a section's text (the spell check's highlighter) are not typing: the
section is not marked unsaved, nothing is written, and a read-only window has nothing to refuse.
Before, a highlighter's redraw went through QTextEdit.textChanged and marked every shown section
unsaved — in a read-only window a refusal at every autosave and a modal box at quit."""
from __future__ import annotations

from PySide6.QtGui import QColor, QSyntaxHighlighter, QTextCharFormat, QTextCursor

from qt_keys import type_text
from test_editor import open_window


class Underline(QSyntaxHighlighter):
    def highlightBlock(self, text: str) -> None:
        wavy = QTextCharFormat()
        wavy.setUnderlineColor(QColor("red"))
        wavy.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
        self.setFormat(0, min(4, len(text)), wavy)


def test_a_highlighters_redraw_marks_nothing_unsaved_but_typing_still_does(qtbot, sample_service, tmp_path):
    w = open_window(qtbot, sample_service, tmp_path, 1)
    section = next(s for s in sample_service.get_report(1).walk() if s.body.plain.strip())
    w.editor.select(section.id)
    page = w.editor.page
    assert not page.autosave.dirty
    highlighter = Underline(page.editor.document())
    highlighter.rehighlight()
    qtbot.wait(50)
    assert not page.autosave.dirty                      # redrawn underlines are no edit
    page.editor.setFocus()
    page.editor.moveCursor(QTextCursor.MoveOperation.End)
    type_text(page.editor, " thêm")
    assert page.autosave.dirty                          # typing still is
    w.flush_all()
    assert sample_service.get_report(1).find(section.id).body.plain.endswith(" thêm")
