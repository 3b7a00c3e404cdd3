"""Read-only mode for a report's panels: what can be read stays readable (text selectable, lists
scrollable, sections and tabs browsable); every control that would change something is locked
for good, even when a panel later re-enables its buttons for a new selection."""
from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (QAbstractButton, QAbstractItemView, QAbstractSpinBox, QComboBox, QLineEdit,
                               QPlainTextEdit, QTabBar, QTextEdit, QTreeWidget, QWidget)

READS_ONLY = "reads_only"   # a widget or action with this property set stays usable (navigation, export)
EDIT_HINT = "edit_hint"     # a label telling how to edit: hidden, nothing can be edited


def keep_usable(*objects: QObject) -> None:
    """Mark navigation and reading controls that read-only mode leaves alone."""
    for obj in objects:
        obj.setProperty(READS_ONLY, True)


class _StayDisabled(QObject):
    """Undo any later `setEnabled(True)` on a locked control (panels re-enable buttons on selection)."""

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.EnabledChange and isinstance(obj, QWidget) and obj.isEnabled():
            obj.setEnabled(False)
        return False


def lock_editing(root: QWidget) -> None:
    """Make everything under `root` read-only (see the module's doc)."""
    keeper = _StayDisabled(root)
    for w in root.findChildren(QWidget):
        if w.property(READS_ONLY) or isinstance(w, (QTabBar, QTreeWidget)):
            continue
        if w.property(EDIT_HINT):
            w.hide()
        if isinstance(w, (QLineEdit, QTextEdit, QPlainTextEdit)):
            w.setReadOnly(True)
        elif isinstance(w, QAbstractItemView):
            w.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        elif isinstance(w, (QAbstractButton, QComboBox, QAbstractSpinBox)):
            w.setEnabled(False)
            w.installEventFilter(keeper)
    for act in root.findChildren(QAction):
        if act.property(READS_ONLY):
            continue
        act.setEnabled(False)
        act.enabledChanged.connect(lambda on, a=act: on and a.setEnabled(False))
