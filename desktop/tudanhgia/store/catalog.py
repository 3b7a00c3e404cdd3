"""The list of reports and units read with the standard library alone (no SQLAlchemy), so the
start page can paint before the ORM is loaded (SQLAlchemy's import is most of start-up).

The full listing with filters is ReportService.list_reports; tests check both agree."""
from __future__ import annotations

import datetime as _dt
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from ..domain.model import report_title
from ..domain.period import Period


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


def read_catalog(path: Path) -> Catalog:
    """Units and (not deleted) reports, newest period first, as ReportService.list_reports()."""
    con = sqlite3.connect(Path(path).resolve().as_uri() + "?mode=ro", uri=True)
    try:
        units = [(i, n) for i, n in con.execute("SELECT id, name FROM unit_profile ORDER BY name")]
        rows = con.execute(
            "SELECT id, kind_id, kind_name, kind_version, unit_id, unit_name, period, doc_kind_name, subject, "
            "updated_at FROM report WHERE deleted_at IS NULL ORDER BY period_year DESC, period DESC, id")
        reports = [summary(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8],
                           _dt.datetime.fromisoformat(r[9]), False) for r in rows]
    finally:
        con.close()
    return Catalog(units, reports)
