"""The text normalisation (domain/text.py, clean_text) applied as the officer types, pastes or drops
text into any one-line or plain multi-line field, so the screen shows what will be stored and printed:
a pasted NUL, a Word line break (VT), a stray C1 control or a decomposed Vietnamese letter never
sits on screen to vanish later, nor does a blank line pasted into a multi-line field (its text is
stored line by line: domain/paste.py). One-line fields also turn line breaks and tabs into spaces (their
runs of spaces are folded when the field is saved). The body editor does the same in its own
paste (richtext_qt.RichTextEdit.insertFromMimeData).

`install_text_guards(app)` guards every QLineEdit and QPlainTextEdit the first time it gets the
focus (typing and pasting need the focus), in every window and dialog, delegate editors included;
in those and in rich text editors (the section body) Alt+a letter is a shortcut key, never text."""
from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QTextCursor, QValidator
from PySide6.QtWidgets import (QAbstractSpinBox, QApplication, QComboBox, QLineEdit, QPlainTextEdit, QTextEdit,
                               QWidget)

from ..domain.paste import tidy_pasted_lines
from ..domain.text import clean_text

_GUARDED = "tudanhgia_text_guard"
PARAGRAPH_SEPARATOR = "\u2029"  # what a QTextDocument's selectedText() shows between blocks


def one_line_text(text: str) -> str:
    """What a one-line field keeps of typed or pasted text: cleaned, line breaks and tabs as spaces."""
    return clean_text(text).replace("\n", " ").replace("\t", " ")


class CleanValidator(QValidator):
    """Accepts everything, in its normalised form (the line edit then shows that form)."""

    def validate(self, text: str, pos: int):  # type: ignore[override]
        cleaned = one_line_text(text)
        if cleaned != text:
            pos = len(one_line_text(text[:pos]))
        return QValidator.State.Acceptable, cleaned, pos


def guard_line_edit(edit: QLineEdit) -> None:
    """Normalise what is typed or pasted into `edit` (not when it has a validator of its own)."""
    if edit.property(_GUARDED) or edit.validator() is not None:
        return
    edit.setValidator(CleanValidator(edit))
    edit.setProperty(_GUARDED, True)


def guard_plain_text(edit: QPlainTextEdit) -> None:
    """Normalise each inserted stretch of `edit`'s document, merged into the same undo step."""
    if edit.property(_GUARDED):
        return
    doc = edit.document()
    busy = [False]

    def changed(position: int, _removed: int, added: int) -> None:
        if busy[0] or added <= 0 or edit.isReadOnly():
            return
        cursor = QTextCursor(doc)
        end = min(position + added, doc.characterCount() - 1)  # the last separator is not text
        cursor.setPosition(position)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        typed = cursor.selectedText().replace(PARAGRAPH_SEPARATOR, "\n")
        cleaned = clean_text(typed)
        if added > 1 and edit.hasFocus():   # pasted or dropped: no blank line that saving would drop
            cleaned = tidy_pasted_lines(cleaned)
        if cleaned == typed:
            return
        busy[0] = True
        try:
            cursor.joinPreviousEditBlock()
            cursor.insertText(cleaned)
            cursor.endEditBlock()
        finally:
            busy[0] = False

    doc.contentsChange.connect(changed)
    edit.setProperty(_GUARDED, True)


class _AltLetters(QObject):
    """Alt+a letter or digit is a shortcut key (a tab's, a menu's), never text: one with nothing
    behind it (the "Phụ lục số liệu" tab of a report without an appendix) would otherwise type its
    letter into the field and be saved. Ctrl+Alt is AltGr on Windows (a layout's letters): typed."""

    def eventFilter(self, _obj: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress:
            return False
        mods, text = event.modifiers(), event.text()
        return bool(mods & Qt.KeyboardModifier.AltModifier and not mods & Qt.KeyboardModifier.ControlModifier
                    and text and text.isprintable())


_ALT = "tudanhgia_alt_letters"
_alt_letters: list[_AltLetters] = []   # one filter for every field, made with the first


def no_alt_letters(widget: QWidget) -> None:
    """Alt+letter never types into `widget` (its shortcuts still work: they come before the key)."""
    if widget.property(_ALT):
        return
    if not _alt_letters:
        _alt_letters.append(_AltLetters(QApplication.instance()))
    widget.installEventFilter(_alt_letters[0])
    widget.setProperty(_ALT, True)


def guard(widget: QWidget | None) -> None:
    """Guard `widget` if it is a text field the officer types in."""
    if isinstance(widget, QComboBox) and widget.isEditable():
        widget = widget.lineEdit()
    if isinstance(widget, QLineEdit | QPlainTextEdit | QTextEdit):
        no_alt_letters(widget)
    if isinstance(widget, QLineEdit) and not isinstance(widget.parent(), QAbstractSpinBox):  # numbers, dates
        guard_line_edit(widget)
    elif isinstance(widget, QPlainTextEdit):
        guard_plain_text(widget)


def install_text_guards(app: QApplication) -> QObject:
    """Guard every text field when it first gets the focus; returns the connection's owner."""
    app.focusChanged.connect(lambda _old, new: guard(new))
    return app


__all__ = ["CleanValidator", "guard", "guard_line_edit", "guard_plain_text", "install_text_guards", "no_alt_letters",
           "one_line_text"]
