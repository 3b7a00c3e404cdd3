"""One save manager for the open report (ARCHITECTURE.md habit 4: dirty flag, debounce, flush
before every action and on exit — novelWriter's autosave timers, qutebrowser's save manager).

Every editor that holds typing not yet written registers here once, with the `flush` that
writes it. It marks itself dirty on each keystroke; `Debounce` (the one timer policy) writes it
about a second after the last one. `flush_all()` writes every registered editor at once; it
runs before every user action *by construction*: the window's actions and the panels' buttons
connect their slots through `guard()`, and the window also flushes on close, on report switch
and on section switch. A registered `flush` must be cheap when nothing is pending."""
from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer

log = logging.getLogger("tudanhgia.ui")

AUTOSAVE_MS = 1000   # typing is written about a second after the last keystroke


class Debounce(QObject):
    """Call `callback` `delay_ms` after the last `poke()`. With `max_wait_ms` (not used yet) it
    also fires at the latest that long after the first poke of a burst, however fast the
    typing goes on — the one place a maximum wait belongs."""

    def __init__(self, callback: Callable[[], object], delay_ms: int = AUTOSAVE_MS,
                 max_wait_ms: int | None = None, parent: QObject | None = None):
        super().__init__(parent)
        self._callback = callback
        self._timer = QTimer(self, singleShot=True, interval=delay_ms)
        self._timer.timeout.connect(self._fire)
        self._deadline: QTimer | None = None
        if max_wait_ms is not None:
            self._deadline = QTimer(self, singleShot=True, interval=max_wait_ms)
            self._deadline.timeout.connect(self._fire)

    @property
    def delay_ms(self) -> int:
        return self._timer.interval()

    def poke(self) -> None:
        self._timer.start()
        if self._deadline is not None and not self._deadline.isActive():
            self._deadline.start()

    def cancel(self) -> None:
        self._timer.stop()
        if self._deadline is not None:
            self._deadline.stop()

    def pending(self) -> bool:
        return self._timer.isActive()

    def _fire(self) -> None:
        self.cancel()
        self._callback()


class Autosave:
    """What one editor holds: `mark_dirty()` on every edit, `cancel()` when it saved by itself."""

    def __init__(self, manager: SaveManager, name: str, flush: Callable[[], object],
                 on_timer: Callable[[], object] | None, delay_ms: int, max_wait_ms: int | None):
        self.manager, self.name, self._flush = manager, name, flush
        self.debounce = Debounce(self._on_timer, delay_ms, max_wait_ms, manager)
        self._on_timer_cb = on_timer or flush
        self.dirty = False

    def mark_dirty(self) -> None:
        self.dirty = True
        self.debounce.poke()

    def cancel(self) -> None:
        """The editor wrote (or dropped) its pending typing itself."""
        self.dirty = False
        self.debounce.cancel()

    def _on_timer(self) -> None:
        self.dirty = False
        self._on_timer_cb()

    def flush(self) -> None:
        self.cancel()
        self._flush()


class SaveManager(QObject):
    """The registry of the open report's editors with unsaved typing."""

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._editors: list[Autosave] = []
        self._flushing = False

    def register(self, name: str, flush: Callable[[], object], *, owner: QObject | None = None,
                 on_timer: Callable[[], object] | None = None, delay_ms: int = AUTOSAVE_MS,
                 max_wait_ms: int | None = None) -> Autosave:
        """Add an editor; `on_timer` (default `flush`) is what the pause after typing calls, for an
        editor that tells the officer about a refused value only when an action needs it. The
        editor leaves the registry when `owner` is destroyed."""
        handle = Autosave(self, name, flush, on_timer, delay_ms, max_wait_ms)
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

    def flush_all(self) -> None:
        """Write what every registered editor holds, now."""
        if self._flushing:
            return  # an editor's write made another panel act: it is already being flushed
        self._flushing = True
        try:
            for handle in list(self._editors):
                handle.flush()
        finally:
            self._flushing = False

    def guard(self, slot: Callable[[], object]) -> Callable[..., None]:
        """`slot` preceded by `flush_all()`: connect every action and button through this.
        Signal arguments (a button's `checked`) are dropped."""
        def run(*_args) -> None:
            self.flush_all()
            slot()
        return run


def guarded(flush_all: Callable[[], object], slot: Callable[[], object]) -> Callable[..., None]:
    """The same for a window whose save manager comes and goes with the open report."""
    def run(*_args) -> None:
        flush_all()
        slot()
    return run


__all__ = ["AUTOSAVE_MS", "Autosave", "Debounce", "SaveManager", "guarded"]
