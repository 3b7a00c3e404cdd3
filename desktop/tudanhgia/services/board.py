"""The measures board: every remediation measure of a unit's reports, with its limitation, lead
unit, deadline (the officer's words, read into a date range), status and result."""
from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass

from ..domain.deadlines import Deadline, is_overdue, read_deadline
from ..domain.model import Measure, MeasureStatus, stored_id
from ..domain.numbering import letter
from ..domain.period import Period
from ..domain.text import fold
from .reports import ReportService


@dataclass(frozen=True)
class BoardRow:
    measure: Measure
    report_id: int
    report_title: str
    period: Period
    item: str            # "a)", "b)" … as printed, or "" for a general task
    limitation: str      # the limitation's first paragraph; "" for a general task
    deadline: Deadline
    overdue: bool

    @property
    def measure_id(self) -> int:
        return stored_id(self.measure)

    @property
    def task(self) -> str:
        """What is to be done: the measure, or the task's content for a general one."""
        text = self.measure.measure.plain or self.measure.content.plain
        return " ".join(text.split())


def deadline_of(measure: Measure, year: int | None) -> Deadline:
    """The picked due date wins over the words; otherwise the timeframe is read."""
    return read_deadline(measure.timeframe, measure.due, default_year=year)


def reading_year(service: ReportService, report) -> int:
    """The year an undated "quý II" of the report means: a plan for year N is carried out in N+1."""
    from .chain import PLAN_FAMILY, family_of
    return report.period.year + (1 if family_of(service, report) == PLAN_FAMILY else 0)


def measures_board(service: ReportService, unit_id: int | None = None, *, open_only: bool = False,
                   overdue_only: bool = False, lead_unit: str | None = None, period: str | None = None,
                   today: _dt.date | None = None) -> list[BoardRow]:
    """Rows sorted by deadline (unreadable deadlines last), filtered as asked."""
    today = today or _dt.date.today()
    needle = fold(lead_unit) if lead_unit else None
    rows: list[BoardRow] = []
    for summary in service.list_reports(unit_id=unit_id, period=period):
        report = service.get_report(summary.id)
        year = reading_year(service, report)
        items = [(f"{letter(i)})", lim.text.paragraphs[0].text if lim.text.paragraphs else "", m)
                 for i, lim in enumerate(report.limitations, 1) for m in lim.measures]
        items += [("", "", m) for m in report.measures]
        for item, limitation, m in items:
            deadline = deadline_of(m, year)
            row = BoardRow(m, stored_id(report), report.title, report.period, item, limitation, deadline,
                           is_overdue(deadline, m.status is MeasureStatus.DONE, today))
            if open_only and m.status is MeasureStatus.DONE:
                continue
            if overdue_only and not row.overdue:
                continue
            if needle and needle not in fold(m.lead_unit):
                continue
            rows.append(row)
    far = _dt.date.max
    rows.sort(key=lambda r: (r.deadline.end or far, r.period, r.report_id, r.item))
    return rows


def sheet_rows(rows: list[BoardRow]):
    """The board as lines of the circulated Excel sheet (services.xlsx.MeasureRow)."""
    from .xlsx import MeasureRow
    return [MeasureRow(measure_id=r.measure_id, report_id=r.report_id, report_title=r.report_title,
                       period=r.period.label, limitation=r.limitation, content=r.measure.content.plain,
                       measure=r.measure.measure.plain, directed_by=r.measure.directed_by,
                       lead_unit=r.measure.lead_unit, cooperating=r.measure.cooperating,
                       timeframe=r.measure.timeframe, due=r.measure.due, status=r.measure.status,
                       result=r.measure.result, number=r.item.rstrip(")"))
            for r in rows]
