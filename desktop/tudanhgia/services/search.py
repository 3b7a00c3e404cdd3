"""The report list with its filters and text search (ReportService.list_reports, the start page,
the command line's `list`).

The list lines come from a `CatalogReader` (standard sqlite3, cached until the file changes); the
text search asks the full-text index for the reports whose sections hold the words and matches
each report's list line (title, subject, unit, kind) by the same rule here: the words as a phrase,
each from a word's start, the last one possibly unfinished; case and unmarked letters ignored,
letters typed with marks found with those marks (store/search.py)."""
from __future__ import annotations

from pathlib import Path

from ..domain.period import Period
from ..kinds import KindRegistry
from ..store.catalog import CatalogReader, ReportSummary
from ..store.search import Line, Query


class ReportFinder:
    """Filters and searches the report list of one database file."""

    def __init__(self, path: Path):
        self._reader = CatalogReader(path)
        self._lines: dict[int, tuple[str, Line]] = {}  # one per listed report: bounded

    def close(self) -> None:
        self._reader.close()

    def reports(self) -> list[ReportSummary]:
        return self._reader.reports()

    def units(self) -> list[tuple[int, str]]:
        return self._reader.units()

    def _line(self, r: ReportSummary) -> Line:
        text = f"{r.title} {r.subject} {r.unit_name} {r.kind_name}"
        held = self._lines.get(r.id)
        if held is None or held[0] != text:  # new, or renamed since
            held = self._lines[r.id] = (text, Line.of(text))
        return held[1]

    def search(self, text: str | None, reports: list[ReportSummary]) -> list[ReportSummary]:
        """The reports of `reports` (in their order) whose list line or text holds `text`; all of
        them when `text` has no letter or digit."""
        query = Query.parse(text or "")
        if not query:
            return reports
        if len(self._lines) > 2 * len(reports) + 1000:  # reports deleted for good since: drop them
            self._lines.clear()
        found = self._reader.matching(query)
        return [r for r in reports if r.id in found or query.in_line(self._line(r))]

    def list(self, kinds: KindRegistry, unit_id: int | None = None, kind: str | None = None,
             period: str | None = None, text: str | None = None, deleted: bool = False) -> list[ReportSummary]:
        """Reports filtered by unit, kind (id or family), period (code or year) and text."""
        rows = [r for r in self._reader.reports() if r.deleted == deleted]
        if unit_id is not None:
            rows = [r for r in rows if r.unit_id == unit_id]
        if kind:
            ids = {k.id for k in kinds.all() if kind in (k.id, k.family)} or {kind}
            rows = [r for r in rows if r.kind_id in ids]
        if period:
            p = period.strip()
            if p.isdecimal():  # isdigit() admits "²", which int() refuses
                rows = [r for r in rows if r.period.year == int(p)]
            else:
                code = Period.parse(p).code
                rows = [r for r in rows if r.period.code == code]
        return self.search(text, rows) if text else rows
