"""The list of reports and units read with the standard library alone (no SQLAlchemy), so the
start page can paint before the ORM is loaded (SQLAlchemy's import is most of start-up), and the
command line lists reports without it.

The full listing with filters and search is `CatalogReader.list` (ReportService.list_reports
calls it); tests check it agrees with `read_catalog`."""
from __future__ import annotations

import datetime as _dt
import logging
import sqlite3
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from ..domain.title import report_title
from ..domain.period import Period

TYPE_CHECKING = False
if TYPE_CHECKING:
    from .search import Line


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
    # read_catalog(first=n): `reports` holds only the first lines of the list as the start page
    # groups it (by unit); `total` counts them all and `years` has every year that has a report
    total: int | None = None
    years: list[int] | None = None


# a database holds a few dozen distinct periods: parsed once each, not once per report (10,000 lines)
_period = lru_cache(maxsize=1024)(Period.parse)


def summary(id: int, kind_id: str, kind_name: str, kind_version: str, unit_id: int | None, unit_name: str,
            period: str, doc_kind_name: str, subject: str, updated_at: _dt.datetime, deleted: bool) -> ReportSummary:
    p = _period(period)
    return ReportSummary(id, report_title(doc_kind_name, subject, kind_name, p), kind_id, kind_name, kind_version,
                         unit_id, unit_name, p, subject, updated_at, deleted)


_REPORTS = ("SELECT id, kind_id, kind_name, kind_version, unit_id, unit_name, period, doc_kind_name, subject, "
            "updated_at, deleted_at IS NOT NULL FROM report {where} ORDER BY period_year DESC, period DESC, id")


def connect(path: Path, check_same_thread: bool = True) -> sqlite3.Connection:
    """A read-only connection (it sees what the program's own writer commits: WAL).
    `check_same_thread` False: made on one thread and handed to another, never used by two at once."""
    return sqlite3.connect(Path(path).resolve().as_uri() + "?mode=ro", uri=True, check_same_thread=check_same_thread)


# row → its list line, as last read: the start page's first paint (stdlib) and the service's reader
# that follows it (and every re-read after a write) make a line only for a row they have not seen;
# replaced by each read of the whole list, so it holds one line per report
_made: dict[tuple, ReportSummary] = {}


def _reports(con: sqlite3.Connection, where: str = "", args: tuple = (),
             limit: int | None = None) -> list[ReportSummary]:
    global _made
    parse = _dt.datetime.fromisoformat
    made: dict[tuple, ReportSummary] = {}
    out = []
    sql = _REPORTS.format(where=where) + ("" if limit is None else f" LIMIT {int(limit)}")
    for r in con.execute(sql, args):
        line = _made.get(r)
        if line is None:
            line = summary(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8], parse(r[9]), bool(r[10]))
        made[r] = line
        out.append(line)
    if where:
        _made.update(made)
    else:
        _made = made
    return out


def _units(con: sqlite3.Connection) -> list[tuple[int, str]]:
    return [(i, n) for i, n in con.execute("SELECT id, name FROM unit_profile ORDER BY name")]


def _first_lines(con: sqlite3.Connection, n: int) -> list[ReportSummary]:
    """The first `n` lines of the list as the start page shows it: units in the order of their
    newest report, each unit's reports in list order. A few LIMITed queries instead of reading
    and titling every report (10,000 lines: ~80 ms of the first paint)."""
    out: list[ReportSummary] = []
    units: list[str] = []
    first_unit = ("SELECT unit_name FROM report WHERE deleted_at IS NULL {also} "
                  "ORDER BY period_year DESC, period DESC, id LIMIT 1")
    while len(out) < n:
        also = f"AND unit_name NOT IN ({', '.join('?' * len(units))})" if units else ""
        row = con.execute(first_unit.format(also=also), units).fetchone()
        if row is None:
            break
        units.append(row[0])
        out += _reports(con, "WHERE deleted_at IS NULL AND unit_name = ?", (row[0],), limit=n - len(out))
    return out


def read_catalog(path: Path, first: int | None = None) -> Catalog:
    """Units and (not deleted) reports, newest period first, as ReportService.list_reports();
    with `first`, only the first lines of the start page's list (Catalog.total, .years)."""
    con = connect(path)
    try:
        if first is None:
            return Catalog(_units(con), _reports(con, "WHERE deleted_at IS NULL"))
        total = con.execute("SELECT count(*) FROM report WHERE deleted_at IS NULL").fetchone()[0]
        years = [y for (y,) in con.execute("SELECT DISTINCT period_year FROM report WHERE deleted_at IS NULL "
                                           "ORDER BY period_year DESC")]
        return Catalog(_units(con), _first_lines(con, first), total, years)
    finally:
        con.close()


def open_current(path: Path) -> CatalogReader | None:
    """A reader on `path` when it is our database at the current schema; None otherwise (missing,
    not ours, older, damaged, newer: the service creates, migrates or refuses it). What decides is
    read as the window's open reads it (`inspect_file`: the header, then the file as an immutable one
    when it has no -wal), so nothing is created beside a file that is then refused: a reader opened
    first left -wal and -shm beside a truncated or a newer file."""
    from .db import DatabaseError, inspect_file  # db.py loads SQLAlchemy only to open
    try:
        if inspect_file(Path(path), quick_check=False) != "current":   # every page: the window's open
            return None
    except DatabaseError:
        return None
    reader = CatalogReader(path)
    logging.getLogger("tudanhgia.store").info("opened database %s to read its report list", path)
    return reader


def export_folders(path: Path, limit: int = 100) -> list[Path]:
    """The folders the reports of `path` were exported to (export history), the most recently used
    first, at most `limit`."""
    con = connect(path)
    try:
        # a print's record names its printer, not a file ("HP LaserJet": its parent is ".")
        rows = con.execute("SELECT path FROM export_record WHERE format <> 'print' "
                           "ORDER BY exported_at DESC, id DESC LIMIT 10000")
        folders: dict[Path, None] = {}
        for (written,) in rows:
            if not Path(written).is_absolute():
                continue
            folders.setdefault(Path(written).parent, None)
            if len(folders) >= limit:
                break
        return list(folders)
    finally:
        con.close()


class Searcher:
    """The text search of the report list (CatalogReader.search's rules), on a connection of its
    own: the start page runs it on a worker thread so that typing never waits for the index.
    Made, used and closed by one thread (sqlite3's rule); `close` from another is refused by
    sqlite3, so the worker closes it."""

    def __init__(self, con: sqlite3.Connection, path: Path | None = None):
        self._con = con
        self._path = path   # the file, to re-index its stale sections before a search (store/search.py)
        self._lines: dict[int, tuple[str, Line]] = {}  # one per report: bounded by the list
        self._matches: dict = {}   # the index's recent answers (store/search.py, reports_matching)
        self._last: tuple | None = None   # the last search: text, list, file version, answer (search.narrowed)

    @classmethod
    def open(cls, path: Path) -> Searcher:
        return cls(connect(path), path)

    def close(self) -> None:
        self._con.close()

    def forget_lines(self, reports: int) -> None:
        """Lines of reports deleted for good meanwhile: dropped when they outnumber the list."""
        if len(self._lines) > reports + 1000:
            self._lines.clear()

    def warm(self, reports: list[ReportSummary]) -> None:
        """Make the list lines of `reports` now (~20 µs each: 0.2 s for 10,000 reports), so that the
        first search does not: the start page's worker does it when the service is attached."""
        for r in reports:
            self._line(r)

    def _line(self, r: ReportSummary) -> Line:
        from .search import Line
        text = f"{r.title} {r.subject} {r.unit_name} {r.kind_name}"
        held = self._lines.get(r.id)
        if held is None or held[0] != text:  # new, or renamed since
            held = self._lines[r.id] = (text, Line.of(text))
        return held[1]

    def search(self, text: str | None, reports: list[ReportSummary]) -> list[ReportSummary]:
        """The reports of `reports` (in their order) whose list line or text holds `text`; all of
        them when `text` has no letter or digit."""
        from .search import Query, narrowed, refresh_file, reports_matching   # not needed for the first paint
        query = Query.parse(text or "")
        if not query:
            return reports
        if self._path is not None:
            refresh_file(self._path, self._con)
        # read after the refresh and before the index is asked: any write since (another connection's,
        # this search's refresh) moves it, so neither the index's kept answers nor the last answer
        # stand for the index as it is now
        version = self._con.execute("PRAGMA data_version").fetchone()[0]
        found = reports_matching(self._con, query, self._matches, version)
        answer = [r for r in narrowed(self._last, text or "", reports, version)
                  if r.id in found or query.in_line(self._line(r))]
        self._last = (text, reports, version, answer)   # a key typed on finds among these
        return answer


class CatalogReader:
    """The report list with its filters and text search (ReportService.list_reports, the start
    page, the command line's `list`), through one read-only connection.

    Every report's list line (in the trash or not) is kept until the file changes (any commit by
    any other connection moves SQLite's `data_version`): typing in the search box re-reads nothing.
    The text search asks the full-text index for the reports whose sections hold the words and
    matches each report's list line (title, subject, unit, kind) by the same rule (store/search.py):
    the words as a phrase, each from a word's start, the last one possibly unfinished; case and
    unmarked letters ignored, letters typed with marks found with those marks."""

    def __init__(self, path: Path):
        # the window opens its service on a worker thread and uses it on the UI thread after
        self._con = connect(path, check_same_thread=False)
        self._version: int | None = None
        self._reports: list[ReportSummary] = []
        self._searcher = Searcher(self._con, path)

    def close(self) -> None:
        self._con.close()

    def reports(self) -> list[ReportSummary]:
        version = self._con.execute("PRAGMA data_version").fetchone()[0]
        if version != self._version:
            self._reports, self._version = _reports(self._con), version
            self._searcher.forget_lines(len(self._reports))
        return self._reports

    def units(self) -> list[tuple[int, str]]:
        return _units(self._con)

    def search(self, text: str | None, reports: list[ReportSummary]) -> list[ReportSummary]:
        """The reports of `reports` (in their order) whose list line or text holds `text` (Searcher)."""
        return self._searcher.search(text, reports)

    def list(self, unit_id: int | None = None, kind_ids: set[str] | None = None, period: str | None = None,
             text: str | None = None, deleted: bool = False) -> list[ReportSummary]:
        """Reports filtered by unit, kind, period (code or year: ValueError if neither) and text."""
        rows = [r for r in self.reports() if r.deleted == deleted]
        if unit_id is not None:
            rows = [r for r in rows if r.unit_id == unit_id]
        if kind_ids is not None:
            rows = [r for r in rows if r.kind_id in kind_ids]
        if period:
            p = period.strip()
            if p.isdecimal():  # isdigit() admits "²", which int() refuses
                rows = [r for r in rows if r.period.year == int(p)]
            else:
                code = Period.parse(p).code
                rows = [r for r in rows if r.period.code == code]
        return self.search(text, rows) if text else rows
