"""A civil servant's tasks of the period (Nghị định 335/2025/NĐ-CP): kept with the report, and the
tasks section's score written from them — computed, never typed (domain/tasks.py)."""
from __future__ import annotations

from typing import TYPE_CHECKING

from ..domain.model import ContentKind, Indicator, Report
from ..domain.tasks import Task
from ..errors import ServiceError

if TYPE_CHECKING:
    from .reports import ReportService


def tasks_section(report: Report):
    return next((s for s in report.walk() if s.content is ContentKind.TASKS), None)


def set_tasks(service: ReportService, report_id: int, tasks: list[Task]) -> Report:
    """Store the report's tasks (each checked: a clear Vietnamese message, nothing stored, when one
    is impossible) and write the tasks section's score from them."""
    report = service.get_report(report_id)
    section = tasks_section(report)
    if section is None or report.task_scoring is None:
        raise ServiceError(f"Loại báo cáo “{report.kind_name}” không có bảng nhiệm vụ để tính điểm.")
    for i, t in enumerate(tasks, 1):
        problems = t.problems()
        if problems:
            raise ServiceError(f"Nhiệm vụ {i} (“{t.name.strip() or '…'}”): {'; '.join(problems)}.")
    cleaned = [Task(" ".join(t.name.split()), t.planned, t.done, t.major_errors, t.delays, t.weight, t.note.strip())
               for t in tasks]

    def edit(r: Report) -> None:
        r.tasks = cleaned
    with service.atomic():   # the tasks and the score they give, together or not at all
        report = service.edit_report(report_id, edit)
        report.tasks = cleaned
        score = report.tasks_score()
        if section.id is not None and section.score != score:
            service.update_section(section.id, score=score)
    return service.get_report(report_id)


def add_task(service: ReportService, report_id: int, task: Task) -> Report:
    return set_tasks(service, report_id, [*service.get_report(report_id).tasks, task])


def remove_task(service: ReportService, report_id: int, number: int) -> Report:
    tasks = service.get_report(report_id).tasks
    if not 1 <= number <= len(tasks):
        raise ServiceError(f"Không có nhiệm vụ số {number} (báo cáo có {len(tasks)} nhiệm vụ).")
    return set_tasks(service, report_id, tasks[:number - 1] + tasks[number:])


def tally_forms(service: ReportService, report_id: int) -> tuple[int, list[Indicator]]:
    """A unit's summary (a kind with [appendix] count_from) counted from the unit's individual forms
    of the same period (`count_forms`) and written. Returns (forms counted, the appendix)."""
    n, indicators = count_forms(service, report_id)
    service.set_indicators(report_id, indicators)
    return n, indicators


def count_forms(service: ReportService, report_id: int) -> tuple[int, list[Indicator]]:
    """What the tally would write, nothing written: how many forms were evaluated and how many
    propose each level, each with the number evaluated as its denominator (the rate column). The
    officer's own rows stay: those the kind does not count, and those added after the kind's (an
    imported report's kept appendix table is not touched at all: it prints before these rows)."""
    report = service.get_report(report_id)
    try:
        kind = service.kinds.get(report.kind_id)
    except KeyError:
        kind = None
    if kind is None or not kind.count_from:
        raise ServiceError(f"Loại báo cáo “{report.kind_name}” không tổng hợp từ phiếu cá nhân.")
    if report.unit_id is None:   # list_reports without a unit would count every unit's forms
        raise ServiceError("Báo cáo tổng hợp chưa gắn với đơn vị nào nên không biết tổng hợp phiếu của đơn vị "
                           "nào; hãy chọn đơn vị cho báo cáo rồi tổng hợp lại.")
    forms = [service.get_report(r.id) for r in service.list_reports(unit_id=report.unit_id, kind=kind.count_from,
                                                                    period=report.period.code)]
    n = len(forms)
    levels = [f.classification.value for f in forms if f.classification is not None]
    rows = _kind_rows(kind.appendix_indicators, report.indicators)
    indicators = []
    for d, row in zip(kind.appendix_indicators, rows, strict=True):
        name, unit = (row.name, row.unit) if row is not None else (d.name, d.unit)
        if d.count == "total":
            indicators.append(Indicator(name, unit, n))
        elif d.count:
            indicators.append(Indicator(name, unit, levels.count(d.count), n if d.rate else None))
        else:
            indicators.append(row if row is not None else Indicator(name, unit))
    used = {id(row) for row in rows if row is not None}
    indicators += [ind for ind in report.indicators if id(ind) not in used]   # the officer's own: never dropped
    return n, indicators


def _kind_rows(kind_rows, rows: list[Indicator]) -> list[Indicator | None]:
    """The report's row standing for each of the kind's rows: the one of the same name; else, while
    the report still has the kind's rows one for one, the one at its place (the officer renamed it);
    else none. By place alone, deleting a kind's row put every count below it under the wrong label
    (found by the reviewer)."""
    key = lambda name: " ".join(name.casefold().split())  # noqa: E731
    by_name = {key(r.name): r for r in reversed(rows)}   # the first of a repeated name
    kind_names = {key(d.name) for d in kind_rows}
    whole = len(rows) >= len(kind_rows)
    out: list[Indicator | None] = []
    for i, d in enumerate(kind_rows):
        row = by_name.get(key(d.name))
        if row is None and whole and i < len(rows) and key(rows[i].name) not in kind_names:
            row = rows[i]
        out.append(row)
    return out
