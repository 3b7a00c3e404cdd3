"""SQLite store: schema, migrations, identity checks, rows ⇄ domain, and every query (repository).

The names below load `store.db` when first asked for: the report list (store/catalog.py, stdlib
sqlite3) is read without it."""
from __future__ import annotations

TYPE_CHECKING = False  # typing itself is ~2 ms of a command's start

if TYPE_CHECKING:
    from .db import CorruptDatabase, Database, DatabaseError, NewerDatabase, NotOurDatabase, open_database

__all__ = ["CorruptDatabase", "Database", "DatabaseError", "NewerDatabase", "NotOurDatabase", "open_database"]


def __getattr__(name: str) -> object:
    if name in __all__:
        from . import db
        return getattr(db, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
