"""SQLite's refusals of a write, as the officer's Vietnamese `StorageError` (nothing was written:
the unit of work rolled back). The English library text goes to the log only."""
from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy.exc import OperationalError

from ..errors import StorageError

log = logging.getLogger("tudanhgia.store")

# (part of SQLite's message, what the officer is told); the first match wins
_MESSAGES = (
    ("locked", "cơ sở dữ liệu đang bị một chương trình khác giữ (khóa)"),
    ("busy", "cơ sở dữ liệu đang bị một chương trình khác giữ (khóa)"),
    ("readonly", "tệp cơ sở dữ liệu chỉ cho phép đọc"),
    ("read-only", "tệp cơ sở dữ liệu chỉ cho phép đọc"),
    ("full", "ổ đĩa đã đầy"),
    ("disk i/o", "lỗi đọc ghi ổ đĩa (ổ đĩa bị rút ra, đầy hoặc hỏng?)"),
    ("unable to open", "không mở được tệp cơ sở dữ liệu để ghi (thư mục không cho phép ghi hoặc ổ đĩa không còn?)"),
)
_DEFAULT = "cơ sở dữ liệu không nhận ghi"


def storage_message(library_text: str) -> str:
    """The Vietnamese reason for one of SQLite's messages."""
    low = library_text.lower()
    return next((vi for key, vi in _MESSAGES if key in low), _DEFAULT)


@contextmanager
def storage_errors() -> Iterator[None]:
    """Turn SQLite's operational errors inside the block into a `StorageError`."""
    try:
        yield
    except OperationalError as exc:
        log.warning("write refused by the database: %s", exc.orig if exc.orig is not None else exc)
        raise StorageError(storage_message(str(exc.orig if exc.orig is not None else exc))) from exc
