"""One report read, and its exports recorded, with the standard library's sqlite3 alone: the
command line's `export` of a database at the current schema does not load SQLAlchemy, whose import
and mapping were half of the command's time (docs/benchmarks.md). The rows are read as the ORM
reads them (every column under its attribute's name, dates parsed, children by position) and go
through the same `rows.report_from_row`, so the report is the one the repository loads; a test
compares the two on every report of the sample database."""
from __future__ import annotations

import datetime as _dt
import logging
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from ..domain.model import Report
from ..errors import StorageError
from . import rows
from .db import inspect_file

log = logging.getLogger("tudanhgia.store")

# the columns SQLAlchemy's SQLite types turn into Python values (the others are read as stored)
_DATETIMES = {"created_at", "updated_at", "deleted_at"}
_DATES = {"due_date"}
_BOOLEANS = {"optional", "fixed"}
# SQLAlchemy's SQLite DateTime writes this form; the ORM reads back only what matches it
_STORED_DATETIME = "%Y-%m-%d %H:%M:%S.%f"


class _Row(dict[str, Any]):
    """A row as the mapped class shows it: columns (and the report's children) as attributes."""

    def __getattr__(self, name: str) -> Any:
        try:
            return self[name]
        except KeyError:
            raise AttributeError(name) from None


def _row(cursor: sqlite3.Cursor, values: tuple) -> _Row:
    row = _Row()
    for (name, *_), value in zip(cursor.description, values, strict=True):
        if value is not None:
            if name in _DATETIMES:
                value = _dt.datetime.fromisoformat(value)
            elif name in _DATES:
                value = _dt.date.fromisoformat(value)
            elif name in _BOOLEANS:
                value = bool(value)
        row[name] = value
    return row


class ReportFile:
    """A database file at the current schema, opened with sqlite3 (see the module's docstring)."""

    def __init__(self, path: Path, busy_timeout_ms: int = 5000):
        self.path = Path(path)
        # autocommit: the reads of one report and the writes of one export each get their own BEGIN
        self._con = sqlite3.connect(self.path, timeout=busy_timeout_ms / 1000, isolation_level=None)
        self._con.row_factory = _row
        self._con.execute("PRAGMA foreign_keys=ON")

    @classmethod
    def open(cls, path: str | Path) -> ReportFile | None:
        """The file when it is our database at the current schema (checked as the service checks
        it: header, identity, integrity; a damaged or foreign file raises the same DatabaseError);
        None when it is new or older: the service creates or migrates it."""
        path = Path(path)
        if not path.is_file() or inspect_file(path) != "current":
            return None
        log.info("opened database %s with sqlite3 alone", path)
        return cls(path)

    def close(self) -> None:
        self._con.close()

    def _children(self, table: str, report_id: int) -> list[_Row]:
        # the mapped relationships' order (order_by position), in the ORM's own query
        return self._con.execute(f"SELECT * FROM {table} WHERE ? = {table}.report_id ORDER BY {table}.position",
                                 (report_id,)).fetchall()

    def load_report(self, report_id: int) -> Report | None:
        """The whole report as `ReportRepository.load_report` gives it; None when there is none."""
        self._con.execute("BEGIN")        # one state of the file for all its rows
        try:
            row = self._con.execute("SELECT * FROM report WHERE id = ?", (report_id,)).fetchone()
            if row is None:
                return None
            for table, name in (("section", "sections"), ("recipient", "recipients"), ("limitation", "limitations"),
                                ("measure", "measures"), ("indicator", "indicators")):
                row[name] = self._children(table, report_id)
            unit = (self._con.execute("SELECT settings_json FROM unit_profile WHERE id = ?", (row.unit_id,)).fetchone()
                    if row.get("unit_id") is not None else None)
        finally:
            self._con.execute("COMMIT")
        report = rows.report_from_row(row)  # a _Row has the mapped row's attributes
        report.unit_standard = rows.unit_standard(unit.get("settings_json") if unit else None)
        return report

    @contextmanager
    def transaction(self) -> Iterator[ReportFile]:
        """A unit of work (this file) that commits on leaving, or rolls back on an exception; a
        write SQLite refuses raises the officer's `StorageError`, as the repository's does."""
        try:
            self._con.execute("BEGIN IMMEDIATE")
            try:
                yield self
            except BaseException:
                self._con.execute("ROLLBACK")
                raise
            self._con.execute("COMMIT")
        except sqlite3.OperationalError as exc:
            from .failures import storage_message   # SQLAlchemy's error types load only on this path
            log.warning("write refused by the database: %s", exc)
            raise StorageError(storage_message(str(exc))) from exc

    def versions(self):
        """`UnitOfWork.versions`: an export keeps its version here too."""
        from .versions import VersionStore

        def run(sql: str, params: dict) -> list[tuple]:
            cursor = self._con.cursor()
            cursor.row_factory = None   # plain tuples, as the unit of work's
            return cursor.execute(sql, params).fetchall()
        return VersionStore(run)

    def record_export(self, report_ids: Iterable[int], fmt: str, path: str, sha256: str, user: str) -> None:
        """`UnitOfWork.record_export`: one exported file in the history of each report that still exists."""
        ids = sorted(set(report_ids))
        known = self._con.execute(f"SELECT id FROM report WHERE id IN ({', '.join('?' * len(ids))})", ids)
        stamp = _dt.datetime.now().strftime(_STORED_DATETIME)
        for rid in sorted(r.id for r in known.fetchall()):
            self._con.execute("INSERT INTO export_record (report_id, format, path, sha256, exported_at, user) "
                              "VALUES (?, ?, ?, ?, ?, ?)", (rid, fmt, path, sha256, stamp, user))
