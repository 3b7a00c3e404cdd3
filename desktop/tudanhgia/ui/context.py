"""What the panels of one open report share: the service, the report id, one undo history for
structural edits, and a signal telling every panel what changed.

Typing uses each text widget's own undo; ratings, sections, limitations, measures, indicators
and the document's fields go through `EditorContext.run`, which records a `QUndoCommand`
whose redo/undo call the services (ARCHITECTURE.md, habit 3: one QUndoStack, not two)."""
from __future__ import annotations

import datetime as _dt
import logging
from typing import TYPE_CHECKING, Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack
from PySide6.QtWidgets import QWidget

from . import messages
from .save_manager import SaveManager
from ..domain.model import Report
from ..errors import ServiceError

if TYPE_CHECKING:
    from ..services import ReportService

log = logging.getLogger("tudanhgia.ui")

# What changed, so a panel reloads only what it shows.
OUTLINE = "outline"            # sections added, moved, deleted, renamed; ratings; scores
SECTION = "section"            # one section's body (the id travels with the signal)
LIMITATIONS = "limitations"    # limitations, causes and their measures, general measures
META = "meta"                  # document fields, signer, recipients
INDICATORS = "indicators"
ALL = "all"


class ServiceCommand(QUndoCommand):
    """One undoable edit: `do` and `undo` call services; a refused `do` leaves no trace."""

    def __init__(self, ctx: "EditorContext", text: str, do: Callable[[], object], undo: Callable[[], object],
                 scope: str, section_id: int | None = None):
        super().__init__(text)
        self.ctx, self._do, self._undo, self.scope, self.section_id = ctx, do, undo, scope, section_id

    def redo(self) -> None:
        try:
            self._do()
        except ServiceError as exc:
            self.setObsolete(True)  # QUndoStack drops it: nothing happened
            self.ctx.show_error(str(exc))
            return
        self.ctx.mark_saved()
        self.ctx.notify(self.scope, self.section_id)

    def undo(self) -> None:
        try:
            self._undo()
        except ServiceError as exc:
            self.ctx.show_error(str(exc))
            return
        self.ctx.mark_saved()
        self.ctx.notify(self.scope, self.section_id)


class EditorContext(QObject):
    changed = Signal(str, object)   # scope, section id (or None)
    saved = Signal(object)          # datetime of the last write
    error = Signal(str)             # a Vietnamese message for the user

    def __init__(self, service: "ReportService", report_id: int, parent_widget: QWidget | None = None):
        super().__init__(parent_widget)
        self.service = service
        self.report_id = report_id
        self.undo_stack = QUndoStack(self)
        self.parent_widget = parent_widget
        self._report: Report | None = None
        self.last_saved: _dt.datetime | None = None
        self.saves = SaveManager(self)  # every editor of this report with typing not yet written

    # --- the report, fresh after every change ------------------------------------------------------
    def report(self) -> Report:
        if self._report is None:
            self._report = self.service.get_report(self.report_id)
        return self._report

    def invalidate(self) -> None:
        self._report = None

    def notify(self, scope: str, section_id: int | None = None) -> None:
        self.invalidate()
        self.changed.emit(scope, section_id)

    def mark_saved(self) -> None:
        self.last_saved = _dt.datetime.now()
        self.saved.emit(self.last_saved)

    # --- edits ----------------------------------------------------------------------------------
    def run(self, text: str, do: Callable[[], object], undo: Callable[[], object], scope: str,
            section_id: int | None = None) -> None:
        """Do an undoable edit now (Vietnamese `text` labels Hoàn tác/Làm lại)."""
        self.undo_stack.push(ServiceCommand(self, text, do, undo, scope, section_id))

    def call(self, fn: Callable[[], object], scope: str | None = None, section_id: int | None = None,
             keep_cache: bool = False):
        """A write that is not undoable by itself (typing autosave): errors become a message.
        `keep_cache`: the caller has updated the cached report itself (cheap section switches)."""
        try:
            result = fn()
        except ServiceError as exc:
            self.show_error(str(exc))
            return None
        self.mark_saved()
        if scope is not None:
            self.notify(scope, section_id)
        elif not keep_cache:
            self.invalidate()
        return result

    def show_error(self, message: str) -> None:
        log.info("refused: %s", message)
        self.error.emit(message)
        if self.parent_widget is not None:
            messages.warn(self.parent_widget, message)
