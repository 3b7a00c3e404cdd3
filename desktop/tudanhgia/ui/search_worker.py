"""The start page's text search on a thread of its own (store/catalog.py, Searcher): the full-text
query over 10,000 reports takes 20-200 ms, which the keyboard must not wait for. Only the newest
search waits to run (a key typed while one runs replaces the one waiting), and the page drops a
result whose search text is no longer the box's (a generation number goes with each).

The thread never touches a Qt object: it leaves its answers in a queue that a timer of the UI
thread empties while a search is under way. A signal emitted from the thread raced with the page
being deleted on the UI thread (a window closed mid-search) and crashed the process."""
from __future__ import annotations

import logging
import threading
import time
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from ..store.catalog import ReportSummary, Searcher
from .thread_results import ThreadResults

log = logging.getLogger("tudanhgia.ui")


WARM = -1   # the generation of a request that only makes the lines
WARM_CHUNK = 200   # lines made between two chances for the UI thread (~4 ms)
POLL_MS = 5   # how often the UI thread looks for an answer while a search runs (half of it: the wait added)


def _stop(cond: threading.Condition, worker: SearchWorker) -> None:
    with cond:
        worker._stopped = True
        cond.notify()


class SearchWorker(QObject):
    # (generation, list of ReportSummary or the exception raised), emitted on the UI thread
    found = Signal(object)

    def __init__(self, parent=None):
        super().__init__(parent)
        self._cond = threading.Condition()
        self._request: tuple[int, Path, str, list[ReportSummary]] | None = None
        self._stopped = False
        self._thread: threading.Thread | None = None
        self._working = False    # the thread has taken a request and not yet answered it
        self._answers = ThreadResults(self, self._busy, POLL_MS)
        self._answers.arrived.connect(self.found.emit)
        self.searches = 0   # how many searches ran (tests: one per typing pause)
        # the thread ends with the page (a closed window's worker would otherwise wait for ever)
        if parent is not None:
            parent.destroyed.connect(lambda *_: _stop(self._cond, self))

    def submit(self, generation: int, db_path: Path, text: str, rows: list[ReportSummary]) -> None:
        """Search `rows` (the list as filtered, in order) for `text` in the database at `db_path`."""
        with self._cond:
            self._request = (generation, Path(db_path), text, rows)
            self._cond.notify()
        if generation != WARM:
            self._answers.expect()
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="report-search", daemon=True)
            self._thread.start()

    def warm(self, db_path: Path, rows: list[ReportSummary]) -> None:
        """Make the list lines of `rows` on the worker (store/catalog.py, Searcher.warm) unless a
        search comes first (one waiting is never replaced); nothing is sent back."""
        with self._cond:
            if self._request is not None:
                return
        self.submit(WARM, db_path, "", rows)

    def stop(self) -> None:
        """End the thread (the page is going): a plain function, safe once the Qt object is gone."""
        _stop(self._cond, self)

    def _busy(self) -> bool:
        """Whether a search waits or runs (its answer is still to come)."""
        with self._cond:
            return self._request is not None or self._working

    def _warm(self, searcher: Searcher, rows: list[ReportSummary]) -> None:
        """The lines a chunk at a time, letting the UI thread have the interpreter in between
        (otherwise it waits up to Python's switch interval at each of its calls into Python while
        it paints); a search asked for meanwhile goes first (it makes the lines it needs)."""
        for start in range(0, len(rows), WARM_CHUNK):
            searcher.warm(rows[start:start + WARM_CHUNK])
            time.sleep(0)
            with self._cond:
                if self._request is not None or self._stopped:
                    return

    def _run(self) -> None:
        searcher: Searcher | None = None
        path: Path | None = None
        try:
            while True:
                with self._cond:
                    while self._request is None and not self._stopped:
                        self._cond.wait()
                    if self._stopped:
                        return
                    assert self._request is not None
                    generation, wanted, text, rows = self._request
                    self._request = None
                    self._working = True
                result: object
                try:
                    if wanted != path:   # another database opened in the window meanwhile
                        if searcher is not None:
                            searcher.close()
                        searcher, path = None, None
                        searcher, path = Searcher.open(wanted), wanted
                    assert searcher is not None
                    if generation == WARM:
                        self._warm(searcher, rows)
                        with self._cond:
                            self._working = False
                        continue
                    result = searcher.search(text, rows)
                    self.searches += 1
                except Exception as exc:   # shown on the UI thread like any unexpected error
                    log.exception("search for %r failed", text)
                    result = exc
                if generation != WARM:
                    self._answers.put((generation, result))
                with self._cond:
                    self._working = False
        finally:
            if searcher is not None:
                searcher.close()
