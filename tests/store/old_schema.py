"""Turn a database built at the current schema back into one of an older revision, as an officer's
older file has it, so a test can watch the later migrations run. Each migration is undone here by
hand, newest first (a new migration adds its own undo step at the top)."""
from __future__ import annotations

import sqlite3
from collections.abc import Callable

from tudanhgia.store import search

REVISION_0001 = "0001_baseline"
REVISION_0003 = "0003_row_version_utf8_json"


def _undo_0006(con: sqlite3.Connection) -> None:
    for table in ("report_issue_event", "report_version", "version_blob"):
        con.execute(f"DROP TABLE {table}")


def _undo_0005(con: sqlite3.Connection) -> None:
    con.execute("DROP TABLE dictionary_word")
    con.execute("ALTER TABLE unit_profile DROP COLUMN settings_json")


def _undo_0003(con: sqlite3.Connection) -> None:
    for table in ("report", "section", "limitation", "measure"):  # row versions
        con.execute(f"ALTER TABLE {table} DROP COLUMN version")


# (revision undone, how) newest first; the body JSON re-encoding of 0003 needs no undo.
_UNDO: list[tuple[str, Callable[[sqlite3.Connection], None]]] = [
    ("0007_search_stale", search.legacy_triggers),
    ("0006_report_versions", _undo_0006),
    ("0005_unit_settings_words", _undo_0005),
    ("0004_report_search", search.drop_index),
    (REVISION_0003, _undo_0003),
    ("0002_export_record", lambda con: con.execute("DROP TABLE export_record")),
]


def rewind(con: sqlite3.Connection, to: str) -> None:
    """Undo every migration after `to` and record `to` as the file's revision."""
    for revision, undo in _UNDO:
        if revision == to:
            break
        undo(con)
    con.execute("UPDATE alembic_version SET version_num = ?", (to,))
    con.commit()


def rewind_to_0003(con: sqlite3.Connection) -> None:
    rewind(con, REVISION_0003)
