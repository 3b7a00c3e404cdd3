"""The life of a limitation across periods (PRODUCT.md): review → remediation plan → the next
review's follow-up. Items stay linked through `source_id` (a plan's limitation points at the
review's limitation it came from; a carried-over limitation at the plan's)."""
from __future__ import annotations

import copy
import datetime as _dt
from dataclasses import dataclass

from ..domain.citations import citations, stale_citations
from ..domain.classification import RemedyState, remedy_state
from ..domain.completeness import Issue, Severity, check
from ..domain.model import ContentKind, Limitation, Measure, MeasureStatus, Report, stored_id
from ..domain.period import Period
from ..domain.richtext import Paragraph, RichText, Run
from ..errors import ServiceError
from .reports import ReportService

PLAN_FAMILY = "ke-hoach-khac-phuc"
REVIEW_FAMILIES = ("kiem-diem-tap-the", "tu-danh-gia-nam")


def family_of(service: ReportService, report: Report) -> str:
    return service.kinds.get(report.kind_id).family if report.kind_id in service.kinds else report.kind_id


def _copy_measure(m: Measure) -> Measure:
    new = copy.deepcopy(m)
    new.id, new.section, new.source_id = None, None, m.id
    return new


def plan_from_review(service: ReportService, review_id: int, conclusion: str = "",
                     added_limitations: list[str] | None = None, today: _dt.date | None = None) -> Report:
    """A remediation plan for the review's unit: one item per limitation (text verbatim) with the
    review's measures, or an empty measure to fill; the superior's conclusion can be cited and
    the limitations it adds entered. Returns the stored plan."""
    review = service.get_report(review_id)
    try:
        kind = service.kinds.resolve(PLAN_FAMILY)
    except KeyError:
        raise ServiceError("Không có mẫu “Kế hoạch khắc phục” trong các loại báo cáo.") from None
    unit = service.get_unit(review.unit_id) if review.unit_id else None
    plan = kind.create_report(kind.fitting(review.period), unit, today)   # a monthly form's plan: its quarter
    plan.source_report_id = review.id
    conclusion = " ".join(conclusion.split())
    if conclusion:
        who = unit.name if unit else review.unit_name
        plan.meta.preamble = RichText((Paragraph((Run(
            f"Căn cứ {conclusion} về kết quả kiểm điểm, đánh giá, xếp loại {review.period.label} đối với tập thể "
            f"lãnh đạo {who}; {who} ban hành Kế hoạch phát huy ưu điểm, khắc phục những hạn chế, khuyết điểm, "
            "với những nội dung trọng tâm sau:"),)),))
    for lim in review.limitations:
        measures = [_copy_measure(m) for m in lim.measures] or [Measure()]
        plan.limitations.append(Limitation(
            text=lim.text, cause_subjective=lim.cause_subjective, cause_objective=lim.cause_objective,
            origin=lim.origin or review.period, raised_by=lim.raised_by, measures=measures, source_id=lim.id))
    for text in added_limitations or []:
        if text.strip():
            plan.limitations.append(Limitation(text=RichText.from_plain(text.strip()), origin=review.period,
                                               raised_by=conclusion, measures=[Measure()]))
    return service.add_report(plan)


@dataclass(frozen=True)
class FollowUpItem:
    """One earlier limitation and how its remedy went."""
    plan_id: int
    limitation: Limitation

    @property
    def state(self) -> RemedyState:
        return remedy_state(self.limitation)

    @property
    def remedied(self) -> bool:
        return self.state is RemedyState.DONE


def plans_following(service: ReportService, report: Report) -> list[Report]:
    """The plans that remedy `report`: `report` itself if it is a plan, else the plans made from
    it (by source report, or whose items come from its limitations)."""
    if family_of(service, report) == PLAN_FAMILY:
        return [report]
    own = {lim.id for lim in report.limitations}
    plans = []
    for summary in service.list_reports(unit_id=report.unit_id, kind=PLAN_FAMILY):
        plan = service.get_report(summary.id)
        if plan.source_report_id == report.id or any(lim.source_id in own for lim in plan.limitations):
            plans.append(plan)
    return plans


def follow_up_items(service: ReportService, report: Report) -> list[FollowUpItem]:
    return _items(plans_following(service, report))


def _items(plans: list[Report]) -> list[FollowUpItem]:
    return [FollowUpItem(stored_id(plan), lim) for plan in plans for lim in plan.limitations]


def follow_up_text(items: list[FollowUpItem], plans: list[Report]) -> RichText:
    """An editable draft for "Kết quả khắc phục …": per limitation, its measures, status and result."""
    if not items:
        return RichText()
    paras: list[Paragraph] = []
    titles = "; ".join(p.title for p in plans)
    paras.append(Paragraph.plain(f"Thực hiện {titles}, kết quả khắc phục những hạn chế, khuyết điểm như sau:"))
    for item in items:
        lim = item.limitation
        origin = f" (nêu {lim.origin.label}" + (f", theo {lim.raised_by}" if lim.raised_by else "") + ")" \
            if lim.origin else ""
        first = lim.text.paragraphs[0].text if lim.text.paragraphs else ""
        paras.append(Paragraph.plain(f"- {first}{origin}"))
        for m in lim.measures:
            what = m.measure.plain.split("\n")[0] if not m.measure.is_empty() else m.content.plain.split("\n")[0]
            result = f": {m.result.strip().rstrip('.')}" if m.result.strip() else ""
            when = f" (thời gian: {m.timeframe.strip().rstrip('.')})" if m.timeframe.strip() else ""
            paras.append(Paragraph.plain(f"+ {what.rstrip('.')}{when} — {m.status.label.lower()}{result}."))
        paras.append(Paragraph((Run("Đánh giá: ", italic=True), Run(_verdict(item)))))
    return RichText(tuple(paras))


def _verdict(item: FollowUpItem) -> str:
    """The item's state in the words of Mẫu 01 (A.III): remedied; being remedied, and how far;
    not remedied. While not remedied, the difficulties (the officer's to state: "…") and who is
    responsible (the measures' lead units and directing leaders, when the plan names them)."""
    state, measures = item.state, item.limitation.measures
    if state is RemedyState.DONE:
        return f"{state.label}."
    head = state.label
    if state is RemedyState.PARTIAL:
        done = sum(1 for m in measures if m.status is MeasureStatus.DONE)
        head += f", mức độ khắc phục: đã hoàn thành {done}/{len(measures)} biện pháp"
    leads = list(dict.fromkeys(m.lead_unit.strip().rstrip(".") for m in measures if m.lead_unit.strip()))
    directing = list(dict.fromkeys(m.directed_by.strip().rstrip(".") for m in measures if m.directed_by.strip()))
    who = "; ".join([*(f"{x} chủ trì" for x in leads), *(f"{x} chỉ đạo" for x in directing)]) or "…"
    return f"{head}. Khó khăn, vướng mắc: …; trách nhiệm: {who}" + ("" if who == "…" else ".")


def earlier_limitations(service: ReportService, report: Report) -> list[Limitation]:
    """The earlier limitations `report` must account for (what "xuất sắc" needs remedied): those of
    the plans following the report it was made from, else of the unit's plans of the latest
    earlier year. Their measures carry the statuses the officer keeps up to date."""
    return [lim for plan in earlier_plans(service, report) for lim in plan.limitations]


def earlier_plans(service: ReportService, report: Report) -> list[Report]:
    """The plans holding the earlier limitations of `earlier_limitations`."""
    if family_of(service, report) == PLAN_FAMILY:
        return []
    plans: list[Report] = []
    source_id = report.source_report_id
    if source_id is not None and source_id != report.id and _exists(service, source_id):
        plans = plans_following(service, service.get_report(source_id))
    elif report.unit_id is not None:
        earlier = [p for p in service.list_reports(unit_id=report.unit_id, kind=PLAN_FAMILY)
                   if p.period.year < report.period.year]
        latest = max((p.period.year for p in earlier), default=None)
        plans = [service.get_report(p.id) for p in earlier if p.period.year == latest]
    return plans


def create_report(service: ReportService, kind_id: str, period: Period | str, unit_id: int | None = None,
                  today: _dt.date | None = None) -> tuple[Report, list[FollowUpItem]]:
    """A new report on the kind's outline (CLI `new`, "Báo cáo mới…"), its follow-up section (A.III
    of the 2025 review) drafted from the earlier limitations the pre-print check will hold it
    against, as a report made from the previous period gets it; with the items drafted. None
    earlier: the section stays empty."""
    new = service.create_report(kind_id, period, unit_id, today)
    items = _draft_follow_up(service, new, earlier_plans(service, new))
    return (service.get_report(stored_id(new)) if items else new), items


def copy_report(service: ReportService, source_id: int, period: Period | str) -> Report:
    """The source report copied to a new period ("Báo cáo mới…", copying last period's): its
    follow-up section redrafted from the plans made from the source, as `next_review` does — the
    copied text answered for the plans of the period before. No such plan: the copy as it is."""
    new = service.copy_report(source_id, period)
    return service.get_report(stored_id(new)) if _draft_follow_up(service, new, earlier_plans(service, new)) else new


def _draft_follow_up(service: ReportService, report: Report, plans: list[Report]) -> list[FollowUpItem]:
    """The report's follow-up section written from the plans' limitations; the items written."""
    items = _items(plans)
    section = next((s for s in report.walk() if s.content is ContentKind.FOLLOW_UP), None)
    if section is None or not items:
        return []
    service.update_section(stored_id(section), body=follow_up_text(items, plans))
    return items


def pre_print_check(service: ReportService, report: Report, spelling: bool = True) -> list[Issue]:
    """The pre-print check as the window shows it: the report judged with the earlier limitations
    it answers for, after the kind's notes on an outline older than its kind file and on a period
    the kind does not take (if any); with `spelling`, the unknown words of each place last
    (services/spelling.py)."""
    note = service.kinds.outline_note(report)
    from .standards import standard_issues   # as the report's document standard judges it
    issues = standard_issues(report, check(report, earlier_limitations(service, report)))
    issues += _copied_citation_issues(service, report)
    if spelling:
        from .spelling import report_spelling_issues   # the dictionary loads only when checked
        issues += report_spelling_issues(service, report)
    notes = [Issue(code, text, severity=Severity.INFO) for code, text in (
        ("outline-note", note), ("period-note", service.kinds.period_note(report))) if text]
    return notes + issues


def _copied_citation_issues(service: ReportService, report: Report) -> list[Issue]:
    """A report copied from an earlier period whose opening still cites a dated document of that
    period or before (the old directive, typed back or copied before the blanks were made)."""
    source_id = report.source_report_id
    opening = report.meta.preamble.plain
    start = _dt.date(report.period.year, report.period.months[0], 1)
    if source_id is None or source_id == report.id or not any(   # the source read only for an older date
            c.directive and c.date is not None and c.date < start for c in citations(opening)):
        return []
    try:
        source = service.get_report(source_id)
    except ServiceError:   # the source is gone: nothing to tell the period by
        return []
    if not source.period < report.period:   # a duplicate of the same period
        return []
    stale = stale_citations(opening, source.period, service.kinds.opening(report.kind_id), before=start)
    if not stale:
        return []
    more = f" (và {len(stale) - 1} văn bản khác)" if len(stale) > 1 else ""
    return [Issue("old-directive", f"Phần mở đầu vẫn dẫn “{stale[0].text}”{more} của kỳ {source.period.label} "
                  f"(báo cáo chép từ báo cáo kỳ đó): hãy thay bằng văn bản chỉ đạo của {report.period.label}.",
                  place="preamble")]


def next_review(service: ReportService, previous_id: int, period: Period | str | None = None,
                carry_over: bool = False, today: _dt.date | None = None) -> Report:
    """The next period's review. From a review: its outline and texts to revise. From a plan: the
    plan's source review when there is one, else a new review of the newest form. Either way the
    follow-up section is pre-filled from the linked plans, and with `carry_over` the limitations
    not yet remedied come back into the new review with their origin kept."""
    previous = service.get_report(previous_id)
    family = family_of(service, previous)
    if isinstance(period, str):
        period = Period.parse(period)
    period = period or previous.period.next()
    plans = plans_following(service, previous)
    if family == PLAN_FAMILY:
        base_id = previous.source_report_id
        if base_id is not None and _exists(service, base_id):
            new = service.copy_report(base_id, period, today)
        else:
            new = service.create_report(REVIEW_FAMILIES[0], period, previous.unit_id, today)
    elif family in REVIEW_FAMILIES:
        new = service.copy_report(previous_id, period, today)
    else:
        raise ServiceError("Chỉ lập báo cáo kỳ sau từ một báo cáo kiểm điểm, tự đánh giá hoặc kế hoạch khắc phục.")
    items = _items(plans)
    _draft_follow_up(service, new, plans)
    if carry_over:
        carry(service, stored_id(new), [i for i in items if not i.remedied])
    return service.get_report(stored_id(new))


def carry(service: ReportService, report_id: int, items: list[FollowUpItem]) -> int:
    """Bring unremedied limitations into the report, their origin period and raiser kept."""
    for item in items:
        lim = item.limitation
        service.add_limitation(report_id, Limitation(
            text=lim.text, cause_subjective=lim.cause_subjective, cause_objective=lim.cause_objective,
            origin=lim.origin, raised_by=lim.raised_by, source_id=lim.id))
    return len(items)


def _exists(service: ReportService, report_id: int) -> bool:
    try:
        service.get_report(report_id)
    except ServiceError:
        return False
    return True
