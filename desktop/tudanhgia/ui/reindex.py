"""The search index's long sections re-indexed off the UI thread (store/search.py: a write of a body
of 32 K characters or more leaves its index row behind rather than re-index 1 MB in the officer's
typing write). The window starts a re-index after a pause in typing (REINDEX_PAUSE_MS) and when a
report closes; the service does it at open and close, the report list before a search.

A re-index holds the database's write lock for one section at a time (1 MB: 100-500 ms): a key
typed meanwhile cancels it (`cancel`: SQLite interrupts it, that section stays for the next pause),
so that the key's write never waits for it (issue 11: no keystroke older than 300 ms is lost)."""
from __future__ import annotations

import logging
import threading
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..services import ReportService

log = logging.getLogger("tudanhgia.ui")

REINDEX_PAUSE_MS = 2000   # this long after the last key of a body, its section is re-indexed

_lock = threading.Lock()
_running: list = []   # the re-indexes under way (ReportService.search_reindexer's, one per start)


def start(service: ReportService) -> threading.Thread | None:
    """Re-index the service's stale sections on a worker thread of its own (it touches no Qt object
    and hands nothing back: the report list reads the index when it searches); nothing once the
    service is closed (its close re-indexed them)."""
    if service.closed:
        return None
    refresh = service.search_reindexer()

    def run() -> None:
        try:
            done = refresh.run()
        except Exception:   # a read-only or locked file: the next pause, close or open tries again
            log.warning("search index not refreshed", exc_info=True)
        else:
            if done:
                log.info("search index: %d long section(s) re-indexed", done)
        finally:
            with _lock:
                _running.remove(refresh)

    with _lock:
        _running.append(refresh)
    thread = threading.Thread(target=run, name="search-reindex", daemon=True)
    thread.start()
    return thread


def cancel() -> None:
    """Typing goes on: every re-index under way stops at once (what it did not finish stays stale)."""
    with _lock:
        for refresh in _running:
            refresh.cancel()


def running() -> bool:
    with _lock:
        return bool(_running)
