"""The list of reports and units read with the standard library alone (no SQLAlchemy), so the
start page can paint before the ORM is loaded (SQLAlchemy's import is most of start-up), and the
command line lists reports without it.

The full listing with filters is ReportService.list_reports (services/search.py), which reads
through a `CatalogReader`; tests check both agree."""
from __future__ import annotations

import datetime as _dt
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from ..domain.model import report_title
from ..domain.period import Period
from .search import Query, reports_matching


@dataclass(frozen=True)
class ReportSummary:
    id: int
    title: str
    kind_id: str
    kind_name: str
    kind_version: str
    unit_id: int | None
    unit_name: str
    period: Period
    subject: str
    updated_at: _dt.datetime
    deleted: bool = False


@dataclass
class Catalog:
    units: list[tuple[int, str]] = field(default_factory=list)
    reports: list[ReportSummary] = field(default_factory=list)


def summary(id: int, kind_id: str, kind_name: str, kind_version: str, unit_id: int | None, unit_name: str,
            period: str, doc_kind_name: str, subject: str, updated_at: _dt.datetime, deleted: bool) -> ReportSummary:
    p = Period.parse(period)
    return ReportSummary(id, report_title(doc_kind_name, subject, kind_name, p), kind_id, kind_name, kind_version,
                         unit_id, unit_name, p, subject, updated_at, deleted)


_REPORTS = ("SELECT id, kind_id, kind_name, kind_version, unit_id, unit_name, period, doc_kind_name, subject, "
            "updated_at, deleted_at IS NOT NULL FROM report {where} ORDER BY period_year DESC, period DESC, id")


def connect(path: Path) -> sqlite3.Connection:
    """A read-only connection (it sees what the program's own writer commits: WAL)."""
    return sqlite3.connect(Path(path).resolve().as_uri() + "?mode=ro", uri=True)


def _reports(con: sqlite3.Connection, where: str = "") -> list[ReportSummary]:
    parse = _dt.datetime.fromisoformat
    return [summary(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8], parse(r[9]), bool(r[10]))
            for r in con.execute(_REPORTS.format(where=where))]


def _units(con: sqlite3.Connection) -> list[tuple[int, str]]:
    return [(i, n) for i, n in con.execute("SELECT id, name FROM unit_profile ORDER BY name")]


def read_catalog(path: Path) -> Catalog:
    """Units and (not deleted) reports, newest period first, as ReportService.list_reports()."""
    con = connect(path)
    try:
        return Catalog(_units(con), _reports(con, "WHERE deleted_at IS NULL"))
    finally:
        con.close()


class CatalogReader:
    """Every report's list line (in the trash or not) and the text index, through one read-only
    connection. The lines are kept until the file changes (any commit by any other connection
    moves SQLite's `data_version`): typing in the search box re-reads nothing."""

    def __init__(self, path: Path):
        self._con = connect(path)
        self._version: int | None = None
        self._reports: list[ReportSummary] = []

    def reports(self) -> list[ReportSummary]:
        version = self._con.execute("PRAGMA data_version").fetchone()[0]
        if version != self._version:
            self._reports, self._version = _reports(self._con), version
        return self._reports

    def units(self) -> list[tuple[int, str]]:
        return _units(self._con)

    def matching(self, query: Query) -> set[int]:
        """Reports whose sections hold the query (store/search.py)."""
        return reports_matching(self._con, query)

    def close(self) -> None:
        self._con.close()
