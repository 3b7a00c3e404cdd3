"""What every start does before its command (output encoding, the data folder, the log), and the
window opened straight from its two options without building the command line's parser
(argparse and gettext: ~4 ms of the packaged window's first paint). cli.py uses the same steps."""
from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

from .paths import AppPaths

EXIT_USAGE = 2
_WINDOW_OPTIONS = ("--db", "--data-dir")


def utf8_output() -> None:
    """Vietnamese output redirected to a file or pipe on Windows would be encoded in the ANSI code
    page (cp1252 has no "ự") and fail: write UTF-8 wherever the stream is not already."""
    for stream in (sys.stdout, sys.stderr):
        encoding = (getattr(stream, "encoding", None) or "").lower().replace("-", "")
        if stream is not None and encoding != "utf8" and hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8")


def window_arguments(argv: Sequence[str]) -> dict[str, Path | None] | None:
    """{"db": …, "data_dir": …} when `argv` holds nothing but `--db X` and `--data-dir Y` (each
    at most once, `--opt=X` too) — what the window's shortcut and the benchmarks pass; None for
    anything else, which the command line's parser reads (and explains when wrong)."""
    found: dict[str, Path | None] = {"db": None, "data_dir": None}
    seen: set[str] = set()
    words = list(argv)
    while words:
        word = words.pop(0)
        option, equals, value = word.partition("=")
        if option not in _WINDOW_OPTIONS or option in seen:
            return None
        if not equals:
            if not words or words[0].startswith("-"):
                return None
            value = words.pop(0)
        if not value:
            return None
        seen.add(option)
        found[option[2:].replace("-", "_")] = Path(value)
    return found


def start_logging(paths: AppPaths) -> int | None:
    """The data folder and the log file; the exit code (and the message printed) when the folder
    cannot be made."""
    from .logs import setup_logging
    try:
        setup_logging(paths.ensure().log_file)
    except OSError as exc:
        from .errors import os_reason
        print(f"Lỗi: không tạo được thư mục dữ liệu “{paths.data_dir}”: {os_reason(exc)}", file=sys.stderr)
        return EXIT_USAGE
    return None


def open_window(db: Path | None, data_dir: Path | None) -> int:
    """The window on `db` (None: the last used database, or the first-run choice)."""
    paths = AppPaths.default(data_dir)
    failed = start_logging(paths)
    if failed is not None:
        return failed
    from .ui.app import run_app  # Qt only when a window is wanted
    return run_app(db, paths)
