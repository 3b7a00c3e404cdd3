"""Answers of a Python worker thread, handed to the UI thread without the worker touching any Qt
object: the worker `put`s into a queue, and a timer of the UI thread empties it while the work is
under way, emitting `arrived` there. A signal emitted from the worker itself raced with the
receiver's deletion on the UI thread (a window closed while its work ran) and crashed the process.
Used by the service's opening at start-up (ui/app.py), the backups, the start page's search, the spell
check and the file readers behind ui/import_dialog.ProgressDialog."""
from __future__ import annotations

import queue
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal


class ThreadResults(QObject):
    arrived = Signal(object)   # each answer, on the UI thread, in the order put

    def __init__(self, parent: QObject | None, busy: Callable[[], bool], interval_ms: int):
        """`busy()`: whether a worker may still put an answer (looking stops once it says no and
        the queue is empty)."""
        super().__init__(parent)
        self._busy = busy
        self._queue: queue.SimpleQueue = queue.SimpleQueue()
        self._poll = QTimer(self, interval=interval_ms)
        self._poll.timeout.connect(self.deliver)

    def put(self, answer: object) -> None:
        """From any thread."""
        self._queue.put(answer)

    def expect(self) -> None:
        """On the UI thread, when work that answers has started: look for answers until it is done."""
        self._poll.start()

    def deliver(self) -> None:
        """On the UI thread: hand over what has arrived; stop looking once nothing is under way."""
        while True:
            try:
                answer = self._queue.get_nowait()
            except queue.Empty:
                break
            self.arrived.emit(answer)
        if not self._busy() and self._queue.empty():
            self._poll.stop()
