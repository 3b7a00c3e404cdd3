"""Typing in a table cell is typing like any other: the open cell editor's keystrokes mark its
panel dirty, and the panel's flush takes the editor's text without closing it (the officer goes
on typing in the same cell)."""
from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Signal
from PySide6.QtWidgets import (QAbstractItemView, QLineEdit, QPlainTextEdit, QStyledItemDelegate,
                               QStyleOptionViewItem, QTextEdit, QWidget)


def watch_typing(editor: QWidget, typed) -> None:
    """Call `typed()` on every change the officer makes in a cell editor."""
    if isinstance(editor, QLineEdit):
        editor.textEdited.connect(lambda _text: typed())
    elif isinstance(editor, (QPlainTextEdit, QTextEdit)):
        editor.textChanged.connect(typed)


class TypingDelegate(QStyledItemDelegate):
    """Qt's usual cell editors, telling `typed` about each keystroke."""

    typed = Signal()

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem,
                     index: QModelIndex | QPersistentModelIndex) -> QWidget:
        editor = super().createEditor(parent, option, index)
        watch_typing(editor, self.typed.emit)
        return editor


def commit_open_editor(view: QAbstractItemView) -> None:
    """Hand the text of the cell being edited to the model now; the editor stays open."""
    if view.state() != QAbstractItemView.State.EditingState:
        return
    index = view.currentIndex()
    editor = view.indexWidget(index)
    if editor is not None:
        view.itemDelegateForIndex(index).commitData.emit(editor)
