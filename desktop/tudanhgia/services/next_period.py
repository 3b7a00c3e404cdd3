"""The next period's report from a previous one ("Báo cáo mới từ kỳ trước…"). A review or a plan
goes through the follow-up chain (the section "Kết quả khắc phục…" pre-filled, unremedied
limitations carried if the officer wants); any other report is copied. Moved here from the
main window: the window only asks the question and shows the answer."""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..domain.model import Report, stored_id
from .chain import PLAN_FAMILY, REVIEW_FAMILIES, family_of, follow_up_items, next_review

if TYPE_CHECKING:
    from .reports import ReportService


@dataclass(frozen=True)
class NextPeriodPlan:
    """What creating the next period's report from `source` will do, before it is done."""
    source: Report
    chained: bool        # through the follow-up chain (a review or a plan)
    items: int           # limitations followed up
    open_items: int      # of which not yet remedied: the officer may carry them


@dataclass(frozen=True)
class NextPeriodResult:
    report: Report
    source: Report
    followed_up: int     # limitations whose results pre-fill "Kết quả khắc phục…" (0: a plain copy)


def plan_next_period(service: ReportService, source_id: int) -> NextPeriodPlan:
    source = service.get_report(source_id)
    if family_of(service, source) not in (PLAN_FAMILY, *REVIEW_FAMILIES):
        return NextPeriodPlan(source, False, 0, 0)
    items = follow_up_items(service, source)
    return NextPeriodPlan(source, True, len(items), sum(1 for i in items if not i.remedied))


def new_from_previous(service: ReportService, plan: NextPeriodPlan, carry_over: bool = False) -> NextPeriodResult:
    source = plan.source
    if plan.chained:
        report = next_review(service, stored_id(source), source.period.next(),
                             carry_over=carry_over and plan.open_items > 0)
        return NextPeriodResult(report, source, plan.items)
    return NextPeriodResult(service.copy_report(stored_id(source), source.period.next()), source, 0)
