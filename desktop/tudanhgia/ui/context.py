"""What the panels of one open report share: the service, the report id, one undo history for
structural edits, the save manager of their typing, and one signal telling every panel what
changed and who changed it.

Typing uses each text widget's own undo; ratings, sections, limitations, measures, indicators
and the document's fields go through `EditorContext.run`, which records a `QUndoCommand`
whose redo/undo call the services (ARCHITECTURE.md, habit 3: one QUndoStack, not two). Every
write ends in `changed(changes, initiator)`: the `Changes` the services noted, and the panel that
made the edit (None for undo, redo and edits from elsewhere), which skips its own edit
(habit 2, Anki's OpChanges)."""
from __future__ import annotations

import contextlib
import datetime as _dt
import logging
import threading
import time
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack
from PySide6.QtWidgets import QWidget

from . import messages
from .save_manager import Autosave, SaveManager
from ..domain.model import Report, Section
from ..domain.outline import ReportIndex
from ..errors import ServiceError, StorageError
from ..domain.changes import Changes
from ..errors import ConcurrentChange

if TYPE_CHECKING:
    from ..services import ReportService

log = logging.getLogger("tudanhgia.ui")
WATCH_MS = 2000   # how often the open report is checked for another program's writes

MERGE_ID = 0x7464    # QUndoCommand.id() of every mergeable command (the keys tell them apart)
MERGE_MS = 1000      # a pause this long after a field's typing starts a new undo step
# undo steps kept (each holds snapshots: a deleted chapter's whole text); a word typed is a step too
UNDO_LIMIT = 500
READ_ONLY = "Cơ sở dữ liệu đang mở ở chế độ chỉ đọc ({reason}): thay đổi không được lưu."


class ServiceCommand(QUndoCommand):
    """One undoable edit: `do` and `undo` call services; a refused `do` leaves no trace. The first
    `redo` (the edit itself) is the initiator's; undo and redo later belong to nobody.

    Commands with the same `merge_key` pushed within MERGE_MS of each other become one step (the
    typing of one field, written every quarter of a second, is undone as one burst)."""

    def __init__(self, ctx: EditorContext, text: str, do: Callable[[], object], undo: Callable[[], object],
                 initiator: object = None, merge_key: object = None, where: Callable[[], int | None] | None = None):
        super().__init__(text)
        self.ctx, self._do, self._undo, self.initiator = ctx, do, undo, initiator
        self.merge_key = merge_key
        self.where = where   # the section the edit is in (shown when it is undone or redone)
        self.at = time.monotonic()

    def id(self) -> int:
        return MERGE_ID if self.merge_key is not None else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        if (not isinstance(other, ServiceCommand) or other.isObsolete() or other.merge_key != self.merge_key
                or other.at - self.at > MERGE_MS / 1000):
            return False
        self._do, self.at = other._do, other.at   # redo writes the newest text; undo the oldest
        other.release()   # the stack deletes it now (its Python side would keep the report alive)
        return True

    def redo(self) -> None:
        initiator, self.initiator = self.initiator, None
        self.ctx.call(self._do, initiator, on_refused=self._refused)  # dropped: nothing happened

    def undo(self) -> None:
        # refused: the step leaves the history (the stored report is still as it was done)
        self.ctx.call(self._undo, on_refused=self._refused)

    def _refused(self) -> None:
        self.setObsolete(True)
        self.release()

    def release(self) -> None:
        """The stack deletes the C++ command, but PySide keeps its Python side alive (a refusal
        inside push, a merge, a step past the limit or a discarded redo): let it hold neither the
        report's context nor its writes."""
        self.ctx = self._do = self._undo = self.where = None  # type: ignore[assignment]


def push(stack: QUndoStack, cmd: QUndoCommand) -> None:
    """`stack.push(cmd)`, releasing the Python side of the commands the push deletes (the redo
    steps it discards, the oldest step past the limit): PySide would keep each alive, and with it
    the report's whole window."""
    doomed = [stack.command(i) for i in range(stack.index(), stack.count())]
    first = stack.command(0) if stack.undoLimit() and stack.index() >= stack.undoLimit() else None
    stack.push(cmd)
    if first is not None and (stack.count() == 0 or stack.command(0) is not first):
        doomed.append(first)   # past the limit (not when the new command was merged instead)
    for old in doomed:
        release = getattr(old, "release", None)
        if release is not None:
            release()


class BackgroundWrite(QObject):
    """One write at a time on a worker thread (a body too long to write while the officer types).
    `work` runs there and returns the function that completes it, which `on_done` is handed on the
    UI thread — when the thread is done, or at once by `wait()` (any other write waits first, so
    writes reach the database in the order they were made). The worker touches no Qt object: a
    signal it emitted raced with the window's deletion ("Signal source has been deleted" when a
    window closed while a long body was written); the UI thread looks for its end every POLL_MS."""

    POLL_MS = 10

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._thread: threading.Thread | None = None
        self._result: Callable[[], object] | None = None
        self._on_done: Callable[[Callable[[], object]], object] | None = None
        self._poll = QTimer(self, interval=self.POLL_MS)
        self._poll.timeout.connect(self._check)

    @property
    def busy(self) -> bool:
        return self._thread is not None

    def start(self, work: Callable[[], Callable[[], object]],
              on_done: Callable[[Callable[[], object]], object]) -> None:
        self.wait()
        self._on_done, self._result = on_done, None

        def run() -> None:
            try:
                self._result = work()
            except BaseException as exc:  # the service wraps what a write raises; anything else is told too
                error = exc

                def failed() -> None:
                    raise error
                self._result = failed

        self._thread = threading.Thread(target=run, name="body-write", daemon=True)
        self._thread.start()
        self._poll.start()

    def _check(self) -> None:
        if self._thread is None or not self._thread.is_alive():
            self._deliver()

    def wait(self) -> None:
        """Until the write under way (if any) is done, and completed."""
        if self._thread is not None:
            self._thread.join()
            self._deliver()

    def _deliver(self) -> None:
        self._poll.stop()
        thread, self._thread = self._thread, None
        if thread is None:
            return   # completed already by wait()
        thread.join()
        result, on_done = self._result, self._on_done
        self._result = self._on_done = None
        if result is not None and on_done is not None:
            on_done(result)


class EditorContext(QObject):
    changed = Signal(object, object)   # Changes, initiator (None: undo, redo, elsewhere)
    saved = Signal(object)          # datetime of the last write
    error = Signal(str)             # a Vietnamese message for the user

    def __init__(self, service: ReportService, report_id: int, parent_widget: QWidget | None = None):
        super().__init__(parent_widget)
        self.service = service
        self.report_id = report_id
        self.undo_stack = QUndoStack(self)
        self.undo_stack.setUndoLimit(UNDO_LIMIT)
        self.parent_widget = parent_widget
        self._report: Report | None = None
        self._index: ReportIndex | None = None
        # the sections whose label may read differently after the last change; None: any of them
        # (the report was read afresh)
        self.touched: set[Section] | None = None
        self.background = BackgroundWrite(self)
        self.last_saved: _dt.datetime | None = None
        self.read_only = ""   # why the database cannot be written (the window locks the panels too)
        self.last_ok = True   # whether the last `call` wrote
        self.last_failed = False   # whether the database refused it (then it is to be tried again)
        self.last_clash = False    # whether another program had changed what it would have overwritten
        # typing still unwritten when another program's write was shown over it (check_outside_changes):
        # what the officer typed, for the window to keep (an issue made elsewhere: ui/versions.py)
        self.shown_over: list[tuple[str, str]] = []
        self._clash_answer: Callable[[ConcurrentChange], object] | None = None   # see answering_clash
        self.saves = SaveManager(self)  # every editor of this report with typing not yet written
        # shows a section on the page (the editor's, set by ui/undo.py): where an undone step was
        self.reveal: Callable[[object], object] | None = None
        # another program's writes (the command line's Excel import, another computer on a shared
        # file) are looked for every WATCH_MS: one indexed read of the report's row version
        self._watch = QTimer(self, interval=WATCH_MS)
        self._watch.timeout.connect(self.check_outside_changes)
        self.watch_outside_changes(True)
        self.saves.blocked.connect(self._on_blocked)

    # --- the report, kept up to date after every change ---------------------------------------------
    def report(self) -> Report:
        if self._report is None:
            self._report = self.service.get_report(self.report_id)
            self._index = None
        return self._report

    def index(self) -> ReportIndex:
        """What the panels ask of the report at every click (sections by id, numbering, states,
        progress, words), kept up to date with it."""
        report = self.report()
        if self._index is None or self._index.report is not report:
            self._index = ReportIndex(report)
        return self._index

    def notify(self, changes: Changes | None = None, initiator: object = None) -> None:
        """Tell every panel what changed: `changes`, or what the service noted since the last
        write (a call made outside `run`/`call`, e.g. by the measures board)."""
        if changes is None:
            changes = self.service.take_changes()
        if changes:
            self._follow(changes)
        self.changed.emit(changes, initiator)

    def _follow(self, changes: Changes) -> None:
        """The loaded report brought up to date with `changes`, reading only what they name; read
        afresh when that cannot be done (a change from elsewhere)."""
        if self._report is None:
            self.touched = None
            return
        try:
            followed = self.service.refresh_report(self._report, changes)
        except Exception:   # whatever it was, the report as stored is the answer
            log.warning("following %s failed: reading report %s afresh", changes, self.report_id, exc_info=True)
            followed = False
        if followed:
            self.touched = self._index.update(changes) if self._index is not None else None
        else:
            self._report, self._index, self.touched = None, None, None  # the next reader loads it as stored

    def close(self) -> None:
        """The report is being closed: nothing more runs for it (no watching, no write under way)."""
        self._watch.stop()
        self.background.wait()
        self.saves.stop()

    # --- another program's writes ---------------------------------------------------------------
    def watch_outside_changes(self, on: bool) -> None:
        if on:
            self.service.changed_elsewhere(self.report_id)  # what the panels show now is the baseline
            self._watch.start()
        else:
            self._watch.stop()

    def check_outside_changes(self) -> bool:
        """Reload every panel when another program wrote the report; True when it did. Typing not
        yet written is written first (field by field: it never overwrites the other program's)."""
        if self.background.busy:
            return False   # our own write under way moves the version: looked at on the next tick
        try:
            if not self.service.changed_elsewhere(self.report_id, seen=False):
                return False
        except Exception:  # a closed or vanished database: stop looking, the next edit will say why
            log.warning("watching report %s for outside changes failed", self.report_id, exc_info=True)
            self._watch.stop()
            return False
        if not self.saves.flush_all():
            if self.service.issued_state(self.report_id) is None:
                # refused for another reason (the file locked, the disk full): reading the report again
                # would show the stored text over the typing; it stays, retried, and is looked at next time
                log.info("report %s changed elsewhere; typing not written yet: reload later", self.report_id)
                return False
            self.shown_over = self.saves.unsaved()   # issued elsewhere: read before the panels show the stored report
        self.service.changed_elsewhere(self.report_id)   # shown now: the next look starts from here
        log.info("report %s changed elsewhere: reloading", self.report_id)
        self.reload_from_store()
        return True

    def reload_from_store(self) -> None:
        """Show the report as stored, in every panel (after another program's write)."""
        self.notify(Changes(self.report_id, everything=True))

    def mark_saved(self) -> None:
        self.last_saved = _dt.datetime.now()
        self.saved.emit(self.last_saved)

    # --- edits ----------------------------------------------------------------------------------
    def run(self, text: str, do: Callable[[], object], undo: Callable[[], object], initiator: object = None,
            merge_key: object = None, where: Callable[[], int | None] | None = None) -> bool:
        """Do an undoable edit now (Vietnamese `text` labels Hoàn tác/Làm lại); True when written.
        Edits with the same `merge_key` in quick succession are one undo step. `where()`: the section
        the edit is in, which Hoàn tác / Làm lại show (ui/undo.py)."""
        push(self.undo_stack, ServiceCommand(self, text, do, undo, initiator, merge_key, where))
        return self.last_ok

    @contextlib.contextmanager
    def answering_clash(self, on_clash: Callable[[ConcurrentChange], object]) -> Iterator[None]:
        """Within it, a write refused because another program changed the same field goes to
        `on_clash` (after the report is read again), not to a message: the caller asks the officer
        whether the typed value or the other one stays (`last_clash` tells afterwards)."""
        previous, self._clash_answer = self._clash_answer, on_clash
        try:
            yield
        finally:
            self._clash_answer = previous

    def call(self, fn: Callable[[], object], initiator: object = None,
             on_refused: Callable[[], object] | None = None, patch: Callable[[Report, object], object] | None = None,
             on_clash: Callable[[ConcurrentChange], object] | None = None):
        """One write through the services (typing autosave, or a command's do/undo): errors
        become a message; what the services noted is broadcast with `initiator`. A write the
        database refuses while typing is being saved goes to the save manager (kept, retried, a
        banner), never to a dialog per try; `last_ok` says whether it was written. `patch(report,
        result)` updates the loaded report in place when the write changed only that section.
        `on_clash(exc)`: typing's answer when another program changed what it would overwrite (the
        report is read again first), instead of the message."""
        self.background.wait()   # a write under way off the UI thread reaches the database first
        self.service.take_changes()  # whatever was noted before is not this call's
        self.last_ok = self.last_failed = self.last_clash = False
        on_clash = on_clash or self._clash_answer
        if self.read_only:
            if on_refused is not None:
                on_refused()
            self.show_error(READ_ONLY.format(reason=self.read_only))
            return None
        try:
            result = fn()
        except StorageError as exc:
            self.last_failed = True
            if on_refused is not None:
                on_refused()
            if self.saves.writing:
                self.saves.refused(str(exc))
            else:
                self.show_error(f"Chưa lưu được thay đổi: {exc}. Hãy thử lại sau giây lát.")
            return None
        except ServiceError as exc:
            if on_refused is not None:
                on_refused()
            if isinstance(exc, ConcurrentChange):
                self.last_clash = True
                self.reload_from_store()  # show what the other program wrote before saying why
                if on_clash is not None:   # typing: kept, and the officer chooses
                    on_clash(exc)
                    return None
            from ..services.versions import ReportIssued
            if isinstance(exc, ReportIssued) and self.saves.writing:
                # issued elsewhere meanwhile: the typing is kept (never dropped with a message) and the
                # window writes it to a file when it shows the report locked (ui/versions.py)
                self.last_failed = True
                self.saves.refused(str(exc))
                return None
            self.show_error(str(exc))
            return None
        self.last_ok = True
        self.mark_saved()
        changes = self.service.take_changes()
        if patch is not None and self._report is not None and changes == Changes(self.report_id, changes.sections):
            # one section's own fields: the loaded report is brought up to date in place rather than
            # read and parsed again (a 1 MB body typed into four times a second — docs/reliability.md)
            patch(self._report, result)
            self.touched = self._index.update(changes) if self._index is not None else None
            self.changed.emit(changes, initiator)
        else:
            self.notify(changes, initiator)
        return result

    def call_in_background(self, handle: Autosave, work: Callable[[], Callable[[], object]],
                           done: Callable[[], object], initiator: object = None,
                           patch: Callable[[Report, object], object] | None = None,
                           on_clash: Callable[[ConcurrentChange], object] | None = None) -> None:
        """A write of `handle`'s typing whose `work` runs on a worker thread (the service's
        two-halved write). Its completion goes through `call` on the UI thread when it is done (a
        refusal is typing's: the banner and the retries, as for any autosave), then `done()` runs;
        it reads `last_ok` / `last_failed` as after `call`."""
        def complete(finish: Callable[[], object]) -> None:
            handle.ended_background()   # its cost times the next one (save_manager.LOSS_BUDGET_MS)
            self.saves.completed(handle, lambda: self.call(finish, initiator, patch=patch, on_clash=on_clash))
            done()
        handle.started_background()
        self.background.start(work, complete)

    def _on_blocked(self, reason: str) -> None:
        self.show_error(f"Nội dung vừa nhập chưa lưu được vào cơ sở dữ liệu ({reason}), nên thao tác này chưa "
                        "được thực hiện. Chương trình đang tự thử lưu lại; nếu vẫn không được, hãy bấm "
                        "“Lưu ra tệp khác…” trên dải báo đỏ để giữ nội dung.")

    def show_error(self, message: str) -> None:
        log.info("refused: %s", message)
        self.error.emit(message)
        if self.parent_widget is not None:
            messages.warn(self.parent_widget, message)
