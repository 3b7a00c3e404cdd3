"""One save manager for the open report (ARCHITECTURE.md habit 4: dirty flag, throttle, flush
before every action and on exit — novelWriter's autosave timers, qutebrowser's save manager).

Every editor that holds typing not yet written registers here once, with the `flush` that
writes it. It marks itself dirty on each keystroke; `Debounce` (the one timer policy) writes it
AUTOSAVE_MS after the last key and at the latest MAX_WAIT_MS after the first unsaved one, so a
kill at any moment loses less than a third of a second of typing, however fast the officer
types (docs/reliability.md, "Saving"). The maximum wait is never stretched: a write that costs
much (a body of hundreds of pages) goes to a worker thread and starts early enough for its cost
(LOSS_BUDGET_MS), rather than being spaced out.

`flush_all()` writes every registered editor at once; it runs before every user action *by
construction*: the window's actions and the panels' buttons connect their slots through
`guard()`, and the window also flushes on close, on report switch and on section switch. A
registered `flush` must be cheap when nothing is pending.

A write the database refuses (`StorageError`: locked, disk full, read-only) never marks the
typing as saved: the editor stays dirty, `failing` tells the window (a banner until a write
succeeds), and the manager retries on a backing-off timer — and on every flush (section switch,
action, close). While it fails, keystrokes do not start writes of their own: each try may wait
for the database's lock, and the keyboard must not wait with it."""
from __future__ import annotations

import logging
import time
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal

log = logging.getLogger("tudanhgia.ui")

AUTOSAVE_MS = 150    # typing is written this long after the last keystroke…
MAX_WAIT_MS = 250    # …and at the latest this long after the first keystroke not yet written
RETRY_MS = (1000, 2000, 4000, 8000)   # after a refused write: the next tries, then every 8 s
# Every write starts early enough that the oldest key it carries is in the database LOSS_BUDGET_MS after
# it was typed (wait + the write's cost T): an ordinary write (2-18 ms, 40 ms on a busy machine) keeps
# the usual waits; a dearer one shortens them, never stretches them (costly writes used to be spaced out
# to ten times their cost: a kill then lost seconds of typing, and issue 11 says "ever"). A write off the
# UI thread (a body of 50,000 characters and more) takes T ms there while the keys go on; one typed while
# it runs is written as soon as it ends if that is overdue
LOSS_BUDGET_MS = 280
PRESUMED_BACKGROUND_MS = 150   # before the first one is timed (1 MB: 100-200 ms)

Unsaved = list[tuple[str, str]]   # (what it is, the text) of typing not yet written


class Debounce(QObject):
    """Call `callback` `delay_ms` after the last `poke()`; with `max_wait_ms`, also at the latest
    that long after the first poke of a burst, however fast the typing goes on (a throttle)."""

    def __init__(self, callback: Callable[[], object], delay_ms: int = AUTOSAVE_MS,
                 max_wait_ms: int | None = MAX_WAIT_MS, parent: QObject | None = None):
        super().__init__(parent)
        self._callback = callback
        self._delay_ms, self._max_wait_ms = delay_ms, max_wait_ms
        self._limit: int | None = None   # a costly write's budget: no wait past it (LOSS_BUDGET_MS - T)
        self._costs: list[float] = []    # the last writes' durations on this thread (ms)
        self._timer = QTimer(self, singleShot=True, interval=delay_ms)
        self._timer.timeout.connect(self._fire)
        self._deadline: QTimer | None = None
        if max_wait_ms is not None:
            self._deadline = QTimer(self, singleShot=True, interval=max_wait_ms)
            self._deadline.timeout.connect(self._fire)

    @property
    def delay_ms(self) -> int:
        """The wait after the last key now (a background write's budget shortens it)."""
        return self._delay_ms if self._limit is None else min(self._delay_ms, self._limit)

    @property
    def max_wait_ms(self) -> int | None:
        """The longest wait after the first key not yet written now; never more than MAX_WAIT_MS."""
        if self._deadline is None or self._max_wait_ms is None:
            return None
        return self._max_wait_ms if self._limit is None else min(self._max_wait_ms, self._limit)

    def set_cost(self, ms: float) -> None:
        """A write on the UI thread took `ms`: the key it carried was in the database the wait plus
        that after it was typed, so the wait is LOSS_BUDGET_MS minus the dearest of the last three
        (a busy machine slows them all), when that is shorter than the usual maximum wait."""
        if self._max_wait_ms is None:
            return
        self._costs = [*self._costs[-2:], ms]
        budget = int(LOSS_BUDGET_MS - max(self._costs))
        self._limit = max(0, budget) if budget < self._max_wait_ms else None

    @property
    def limited(self) -> int | None:
        return self._limit

    def limit(self, ms: int | None) -> None:
        """Wait at most `ms` after the first unwritten key (and after the last one), or as usual (None)."""
        self._limit = ms

    def poke(self, since: float | None = None) -> None:
        """A key; `since` (time.monotonic()) is when the first key not yet written was typed, when earlier."""
        self._timer.start(self.delay_ms)
        longest = self.max_wait_ms
        if self._deadline is not None and longest is not None and not self._deadline.isActive():
            waited = (time.monotonic() - since) * 1000 if since is not None else 0.0
            self._deadline.start(max(0, int(longest - waited)))

    def cancel(self) -> None:
        self._timer.stop()
        if self._deadline is not None:
            self._deadline.stop()

    def pending(self) -> bool:
        return self._timer.isActive() or (self._deadline is not None and self._deadline.isActive())

    def _fire(self) -> None:
        self.cancel()
        self._callback()


class Autosave:
    """What one editor holds: `mark_dirty()` on every edit, `cancel()` when it saved by itself,
    `flush()` to write now (False when the database refused)."""

    def __init__(self, manager: SaveManager, name: str, flush: Callable[[], object],
                 on_timer: Callable[[], object] | None, delay_ms: int, max_wait_ms: int | None,
                 unsaved: Callable[[], Unsaved] | None):
        self.manager, self.name, self._flush = manager, name, flush
        self.debounce = Debounce(self._on_timer, delay_ms, max_wait_ms, manager)
        self._on_timer_cb = on_timer or flush
        self._unsaved = unsaved
        self.dirty = False
        self.since: float | None = None        # when the first key not yet written (or read by a write) came
        self.background_started: float | None = None   # a write of it under way off the UI thread, since
        self._costs: list[float] = []          # the last background writes' durations (ms)

    def mark_dirty(self, costly: bool = False) -> None:
        """A key; `costly`: in a body long enough to be written off the UI thread."""
        if costly and self.debounce.limited is None:
            cost = max(self._costs) if self._costs else PRESUMED_BACKGROUND_MS
            self.debounce.limit(max(0, int(LOSS_BUDGET_MS - cost)))
        if self.since is None:
            self.since = time.monotonic()
        self.dirty = True
        if not self.manager.error:   # while writes fail, the retry timer writes it
            self.debounce.poke(self.since)

    def started_background(self) -> None:
        """A write of this editor's typing goes on off the UI thread (EditorContext.call_in_background)."""
        self.background_started = time.monotonic()

    def ended_background(self) -> None:
        """It is done: its cost (the dearest of the last three: a busy machine slows them all, and the
        bound is for every key) sets how early the next one starts."""
        if self.background_started is None:
            return
        self._costs = [*self._costs[-2:], (time.monotonic() - self.background_started) * 1000]
        self.background_started = None
        self.debounce.limit(max(0, int(LOSS_BUDGET_MS - max(self._costs))))
        if self.dirty:   # typed while it ran: the wait counts from that first key, under the new budget
            self.debounce.cancel()
            self.debounce.poke(self.since)

    def cancel(self) -> None:
        """The editor wrote (or dropped) its pending typing itself."""
        self.dirty = False
        self.debounce.cancel()

    def _on_timer(self) -> None:
        if self.background_started is not None:
            return   # one write at a time: the keys since are written as soon as it ends (they stay dirty)
        self.manager.write(self, self._on_timer_cb)

    def write(self) -> bool:
        """Write now what the pause after typing would write (quietly)."""
        return self.manager.write(self, self._on_timer_cb)

    def flush(self) -> bool:
        return self.manager.write(self, self._flush)

    def unsaved(self) -> Unsaved:
        """What the editor holds that is not written yet, for saving it elsewhere."""
        return self._unsaved() if self._unsaved is not None and self.dirty else []


class SaveManager(QObject):
    """The registry of the open report's editors with unsaved typing."""

    failing = Signal(str)   # why typing could not be written (Vietnamese); "" once all of it is
    blocked = Signal(str)   # an action waits: typing is still unwritten, for this reason

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._editors: list[Autosave] = []
        self._flushing = False
        self._writing = 0        # depth of editors' writes under way (a refusal then is typing's)
        self._refusals = 0       # refused writes so far (a write compares before and after)
        self.error = ""          # the last refusal's reason while typing stays unwritten
        self._tries = 0
        self._retry = QTimer(self, singleShot=True)
        self._retry.timeout.connect(self._on_retry)

    def register(self, name: str, flush: Callable[[], object], *, owner: QObject | None = None,
                 on_timer: Callable[[], object] | None = None, delay_ms: int = AUTOSAVE_MS,
                 max_wait_ms: int | None = MAX_WAIT_MS,
                 unsaved: Callable[[], Unsaved] | None = None) -> Autosave:
        """Add an editor; `on_timer` (default `flush`) is what the pause after typing calls, for an
        editor that tells the officer about a refused value only when an action needs it;
        `unsaved` says what it holds, for the officer to save elsewhere when the database keeps
        refusing. The editor leaves the registry when `owner` is destroyed."""
        handle = Autosave(self, name, flush, on_timer, delay_ms, max_wait_ms, unsaved)
        self._editors.append(handle)
        if owner is not None:
            owner.destroyed.connect(lambda *_: self.unregister(handle))
        return handle

    def unregister(self, handle: Autosave) -> None:
        handle.debounce.cancel()
        if handle in self._editors:
            self._editors.remove(handle)

    def dirty(self) -> list[str]:
        """The names of the editors holding typing not yet written."""
        return [h.name for h in self._editors if h.dirty]

    def unsaved(self) -> Unsaved:
        """Everything typed and not written, from every editor."""
        return [block for h in self._editors for block in h.unsaved()]

    # --- writing -------------------------------------------------------------------------------------
    @property
    def writing(self) -> bool:
        """Whether an editor's typing is being written (a refusal now is typing's, not an action's)."""
        return self._writing > 0

    def write(self, handle: Autosave, write: Callable[[], object]) -> bool:
        """Run one editor's `write`; the editor stays dirty when the database refused it."""
        handle.debounce.cancel()
        handle.dirty = False
        handle.since = None   # what is typed until now is read by this write
        before = self._refusals
        self._writing += 1
        started = time.perf_counter()
        try:
            write()
        finally:
            self._writing -= 1
        cost = (time.perf_counter() - started) * 1000
        if handle.background_started is None:
            handle.debounce.set_cost(cost)   # written on this thread: the next waits within the budget
        if self._refusals != before:
            handle.dirty = True
            return False
        # written: a mark made by the write itself (a cell editor's text handed to its table) is no typing
        handle.dirty = False
        handle.debounce.cancel()
        if self.error and not self._flushing and not self.dirty():
            self._recovered()
        return True

    def stop(self) -> None:
        """The report closes: no write starts by itself any more (what is typed was flushed)."""
        self._retry.stop()
        for handle in self._editors:
            handle.debounce.cancel()

    def completed(self, handle: Autosave, write: Callable[[], object]) -> bool:
        """Complete a write of `handle`'s typing that went on off the UI thread (`write` raises
        what the database said, through `EditorContext.call`): refused, the editor is dirty again
        and the retries take over, as for `write`; typing since it started stays dirty."""
        before = self._refusals
        self._writing += 1
        try:
            write()
        finally:
            self._writing -= 1
        if self._refusals != before:
            handle.dirty = True
            return False
        if self.error and not self._flushing and not self.dirty():
            self._recovered()
        return True

    def refused(self, message: str) -> None:
        """The database refused a write of typing (`EditorContext.call` says so)."""
        self._refusals += 1
        log.warning("typing not written: %s", message)
        if message != self.error:
            self.error = message
            self.failing.emit(message)
        if not self._retry.isActive():
            self._retry.start(RETRY_MS[min(self._tries, len(RETRY_MS) - 1)])
            self._tries += 1

    def _recovered(self) -> None:
        log.info("typing written again after: %s", self.error)
        self.error = ""
        self._tries = 0
        self._retry.stop()
        for handle in self._editors:  # typing held back while it failed: on the usual timer again
            if handle.dirty:
                handle.debounce.poke()
        self.failing.emit("")

    def discard(self) -> None:
        """The report is closing and the typing the database refuses was written elsewhere (a file):
        the editors leave the registry, so closing writes nothing more and asks nothing; no banner,
        no retry."""
        for handle in list(self._editors):
            handle.cancel()
            self.unregister(handle)
        if self.error:
            self._recovered()

    def _on_retry(self) -> None:
        self.flush_all()

    def flush_others(self, handle: Autosave) -> None:
        """Write what the other editors hold (a heading typed before the body is typed into): each
        edit's undo step then comes in the order the officer made them."""
        for other in list(self._editors):
            if other is not handle and other.dirty and not self.error:
                other.flush()

    def flush_all(self) -> bool:
        """Write what every registered editor holds, now. False when some of it is still unwritten."""
        if self._flushing:
            return True  # an editor's write made another panel act: it is already being flushed
        self._flushing = True
        before = self._refusals
        try:
            for handle in list(self._editors):
                handle.flush()
        finally:
            self._flushing = False
        ok = self._refusals == before
        if ok and self.error:
            self._recovered()
        return ok

    def flush_for_action(self) -> bool:
        """`flush_all()` before an action; when typing stays unwritten, `blocked` says why and the
        action must wait (it would act on a report without that typing)."""
        if self.flush_all():
            return True
        self.blocked.emit(self.error)
        return False

    def guard(self, slot: Callable[[], object]) -> Callable[..., None]:
        """`slot` preceded by `flush_for_action()`: connect every action and button through this.
        Signal arguments (a button's `checked`) are dropped."""
        return guarded(self.flush_for_action, slot)


def guarded(flush: Callable[[], object], slot: Callable[[], object]) -> Callable[..., None]:
    """`slot` after `flush()`, unless it answers False (typing that could not be written: the
    action waits). Also for a window whose save manager comes and goes with the open report."""
    def run(*_args) -> None:
        if flush() is not False:
            slot()
    return run


__all__ = ["AUTOSAVE_MS", "MAX_WAIT_MS", "RETRY_MS", "Autosave", "Debounce", "SaveManager", "guarded"]
