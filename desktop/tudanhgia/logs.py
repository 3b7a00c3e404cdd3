"""A rotating log file in the user log directory; tracebacks go there, never to the user."""
from __future__ import annotations

import logging
import os
from pathlib import Path

_configured: Path | None = None


MAX_BYTES, BACKUPS = 1_000_000, 5


class _RotatingFile(logging.FileHandler):
    """What logging.handlers.RotatingFileHandler does (a new file past MAX_BYTES, the last
    BACKUPS kept as .1 … .5), without importing that module (sockets, pickle, queues: ~6 ms of
    every start, for a command that logs one line)."""

    def __init__(self, log_file: Path):
        super().__init__(log_file, mode="a", encoding="utf-8", delay=True)

    def emit(self, record: logging.LogRecord) -> None:
        try:
            if self.stream is None:
                self.stream = self._open()
            if self.stream.tell() >= MAX_BYTES:
                self._rotate()
        except OSError:
            self.handleError(record)
            return
        super().emit(record)

    def _rotate(self) -> None:
        self.stream.close()
        base = self.baseFilename
        for i in range(BACKUPS - 1, 0, -1):
            if os.path.exists(f"{base}.{i}"):
                os.replace(f"{base}.{i}", f"{base}.{i + 1}")
        os.replace(base, f"{base}.1")
        self.stream = self._open()


def setup_logging(log_file: Path, level: int = logging.INFO) -> Path:
    global _configured
    if _configured == log_file:
        return log_file
    log_file.parent.mkdir(parents=True, exist_ok=True)
    handler = _RotatingFile(log_file)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger("tudanhgia")
    for h in list(root.handlers):
        if isinstance(h, _RotatingFile):
            root.removeHandler(h)
            h.close()
    root.addHandler(handler)
    root.setLevel(level)
    _configured = log_file
    return log_file


log = logging.getLogger("tudanhgia")
