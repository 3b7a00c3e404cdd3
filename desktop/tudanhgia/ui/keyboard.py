"""The section page and the outline by keyboard alone (issue 13 point 3): the rating boxes as one
group (Tab enters at the ticked box, arrows move, Space ticks, Alt+1…4 tick directly), Tab out of
the body (Ctrl+Tab types a tab), Enter in a heading goes to the body, and the outline's context
menu with its keys."""
from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QObject, QPoint, Qt
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import (QAbstractButton, QApplication, QLineEdit, QMenu, QTextEdit, QToolButton, QTreeWidget,
                               QWidget)

ARROWS_BACK = (Qt.Key.Key_Left, Qt.Key.Key_Up)
ARROWS_ON = (Qt.Key.Key_Right, Qt.Key.Key_Down)


class ButtonGroupKeys(QObject):
    """Buttons that behave as one stop of the Tab chain, like a radio group: only one of them
    (the ticked one, else the first shown) takes Tab focus; ←/↑ and →/↓ move between them
    (wrapping), Space ticks the one with focus (the check box's own key), Alt+n ticks the n-th
    (`shortcut_owner`: the widget whose children the keys work in)."""

    def __init__(self, buttons: Sequence[QAbstractButton], shortcut_owner: QWidget, parent: QObject | None = None):
        super().__init__(parent or shortcut_owner)
        self.buttons = list(buttons)
        self.shortcuts: list[QShortcut] = []
        for n, button in enumerate(self.buttons, 1):
            button.installEventFilter(self)
            button.toggled.connect(self.settle)
            shortcut = QShortcut(QKeySequence(f"Alt+{n}"), shortcut_owner)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(lambda b=button: self._tick(b))
            self.shortcuts.append(shortcut)
        self.settle()

    def key_text(self, n: int) -> str:
        return self.shortcuts[n].key().toString(QKeySequence.SequenceFormat.NativeText)

    def label(self, n: int, text: str) -> None:
        """Set the n-th button's text and a tooltip naming its key."""
        button = self.buttons[n]
        button.setText(text)
        button.setToolTip(f"Chọn “{text}” ({self.key_text(n)}); bấm lại để bỏ chọn. "
                          "Trong nhóm: ←/→ chuyển ô, phím cách để chọn.")

    def _shown(self) -> list[QAbstractButton]:
        return [b for b in self.buttons if not b.isHidden()]

    def settle(self, *_args) -> None:
        """One Tab stop for the group: the ticked button, else the first shown."""
        shown = self._shown()
        entry = next((b for b in shown if b.isChecked()), shown[0] if shown else None)
        for b in self.buttons:
            b.setFocusPolicy(Qt.FocusPolicy.StrongFocus if b is entry else Qt.FocusPolicy.ClickFocus)

    def _tick(self, button: QAbstractButton) -> None:
        if not button.isVisible() or not button.isEnabled():   # a section without rating: its box is hidden
            return
        button.setFocus(Qt.FocusReason.ShortcutFocusReason)
        button.click()   # the same path as a click: the page's handler decides and records it

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusOut and obj in self.buttons \
                and QApplication.focusWidget() not in self.buttons:
            # Qt gives the Tab stop to the button focused last; coming back finds the ticked one
            self.settle()
            return False
        if event.type() == QEvent.Type.KeyPress and obj in self.buttons:
            key = event.key()
            if event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
                return False
            step = -1 if key in ARROWS_BACK else 1 if key in ARROWS_ON else 0
            shown = self._shown()
            if step and obj in shown:
                shown[(shown.index(obj) + step) % len(shown)].setFocus(Qt.FocusReason.TabFocusReason)
                return True
        return False


class BodyKeys(QObject):
    """Tab and Shift+Tab leave the body text as in a form (the officer rarely needs a tab
    character); Ctrl+Tab types one."""

    def __init__(self, edit: QTextEdit):
        super().__init__(edit)
        edit.setTabChangesFocus(True)
        edit.installEventFilter(self)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.KeyPress, QEvent.Type.ShortcutOverride) and event.key() == Qt.Key.Key_Tab \
                and event.modifiers() & Qt.KeyboardModifier.ControlModifier \
                and not event.modifiers() & (Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.AltModifier):
            if event.type() == QEvent.Type.ShortcutOverride:
                event.accept()   # ours, not the tab widget's "next tab"
                return True
            if not obj.isReadOnly():
                obj.textCursor().insertText("\t")
                obj.ensureCursorVisible()
            return True
        return False


def enter_goes_to(line: QLineEdit, target: QWidget) -> None:
    """Enter in a one-line field (a heading) moves on to the text under it."""
    line.returnPressed.connect(lambda: target.setFocus(Qt.FocusReason.OtherFocusReason))


def outline_menu(tree: QTreeWidget, actions: Sequence[QAction | None]) -> None:
    """The outline's context menu (right click, the Menu key, Shift+F10): the given actions, their
    keys shown beside them; None is a separator."""
    def show(pos: QPoint | None = None) -> None:
        if pos is None:   # from the keyboard: at the current item
            item = tree.currentItem()
            rect = tree.visualItemRect(item) if item is not None else tree.viewport().rect()
            pos = rect.bottomLeft() if item is not None else rect.topLeft()
        menu = QMenu(tree)
        for act in actions:
            if act is None:
                menu.addSeparator()
            else:
                menu.addAction(act)
        menu.exec(tree.viewport().mapToGlobal(pos))
        menu.deleteLater()
        # a command chosen there may have put the cursor elsewhere (a new section's heading): the
        # popup's closing must not take it back
        chosen = tree.window().focusWidget()
        if chosen is not None and QApplication.focusWidget() is not chosen:
            chosen.setFocus(Qt.FocusReason.OtherFocusReason)

    tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
    tree.customContextMenuRequested.connect(show)
    key = QShortcut(QKeySequence("Shift+F10"), tree)
    key.setContext(Qt.ShortcutContext.WidgetShortcut)
    key.activated.connect(show)


def menu_button(default: QAction, actions: Sequence[QAction]) -> QToolButton:
    """A button doing `default`, its arrow listing `actions` (with their keys): several related
    commands in the room of one on a small screen."""
    button = QToolButton()
    button.setDefaultAction(default)
    button.setPopupMode(QToolButton.ToolButtonPopupMode.MenuButtonPopup)
    button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
    menu = QMenu(button)
    menu.addActions(list(actions))
    button.setMenu(menu)
    return button
