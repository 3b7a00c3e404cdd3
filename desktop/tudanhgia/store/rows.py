"""Rows ⇄ domain objects: filling mapped rows from domain objects and back, without queries
(those are in repository.py)."""
from __future__ import annotations

import datetime as _dt
import json
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any
from ..domain.model import (AppendixTable, Authority, ContentKind, DocumentMeta, Indicator, LevelCondition,
                            LevelStyle, Limitation, Measure, MeasureStatus, Recipient, Recipients, Report, ScoreBand,
                            Scoring, Section, Signer, UnitProfile)
from ..domain.numbering import NumberStyle
from ..domain.period import DocDate, Period
from ..domain.ratings import ChatLuong, RatingScale
from ..domain.richtext import RichText
from ..domain.tasks import Task, TaskScoring

if TYPE_CHECKING:  # the mapped classes load SQLAlchemy: store/direct.py reads reports through here without it
    from .schema import IndicatorRow, LimitationRow, MeasureRow, ReportRow, SectionRow, UnitRow


def now() -> _dt.datetime:
    return _dt.datetime.now()


# --- settings JSON (levels, scoring, appendix) --------------------------------------------------
def settings_to_json(report: Report) -> str:
    data: dict[str, Any] = {
        "levels": [{"number": lv.number.value, "bold": lv.bold, "italic": lv.italic, "caps": lv.caps,
                    **({"label_caps": True} if lv.label_caps else {})}   # only where learned: JSON as before
                   for lv in report.levels],
        "appendix_title": report.appendix_title,
    }
    if report.appendix_attached:  # imported appendices only: older settings stay byte for byte
        data["appendix_attached"] = report.appendix_attached
    if report.appendix_table is not None:
        data["appendix_table"] = _table_json(report.appendix_table)
    if report.appendix_copied is not None:   # copies to a new period only: older settings stay byte for byte
        data["appendix_copied"] = _table_json(report.appendix_copied)
    if report.scoring:
        data["scoring"] = {"max_total": report.scoring.max_total, "pass_mark": report.scoring.pass_mark,
                           "bands": [{"min": b.min, "level": b.level.value} for b in report.scoring.bands]}
        if report.scoring.conditions:  # written only when there are some: older settings stay byte for byte
            data["scoring"]["conditions"] = [{"level": c.level.value, "text": c.text, "check": c.check}
                                             for c in report.scoring.conditions]
    if report.document_standard:  # written only when chosen: older settings stay byte for byte
        data["document_standard"] = report.document_standard
    if report.issued_standard is not None:   # issued reports only (services/versions.py)
        data["issued_standard"] = report.issued_standard
    if report.task_scoring is not None or report.tasks:   # only reports of a kind with tasks
        sc = report.task_scoring or TaskScoring()
        data["task_scoring"] = {"max_points": sc.max_points, "shares": list(sc.shares), "penalty": sc.penalty}
        data["tasks"] = [{"name": t.name, "planned": t.planned, "done": t.done, "major_errors": t.major_errors,
                          "delays": t.delays, "weight": t.weight, "note": t.note} for t in report.tasks]
    if report.signature_titles:
        data["signature_titles"] = list(report.signature_titles)
    return json.dumps(data, ensure_ascii=False, sort_keys=True)


def _table_json(table: AppendixTable) -> dict[str, Any]:
    return {"header": table.header, "rows": table.rows}


def _table(data: dict[str, Any] | None) -> AppendixTable | None:
    return AppendixTable(list(data["header"]), [list(r) for r in data["rows"]]) if data else None


def settings_from_json(report: Report, text: str) -> None:
    data = json.loads(text or "{}")
    report.levels = [LevelStyle(NumberStyle(lv["number"]), lv["bold"], lv["italic"], lv["caps"],
                                lv.get("label_caps", False))    # stored before the field: as before
                     for lv in data.get("levels", [])]
    report.appendix_title = data.get("appendix_title", "")
    report.appendix_attached = data.get("appendix_attached", "")
    report.appendix_table = _table(data.get("appendix_table"))
    report.appendix_copied = _table(data.get("appendix_copied"))
    report.document_standard = data.get("document_standard", "")
    report.issued_standard = data.get("issued_standard")
    ts = data.get("task_scoring")
    report.task_scoring = TaskScoring(ts["max_points"], tuple(ts["shares"]), ts["penalty"]) if ts else None
    report.tasks = [Task(t["name"], t["planned"], t["done"], t["major_errors"], t["delays"], t.get("weight", 1.0),
                         t.get("note", "")) for t in data.get("tasks", [])]
    report.signature_titles = tuple(data.get("signature_titles", ()))
    sc = data.get("scoring")
    report.scoring = Scoring(sc["max_total"], sc.get("pass_mark"),
                             [ScoreBand(b["min"], ChatLuong(b["level"])) for b in sc.get("bands", [])],
                             [LevelCondition(ChatLuong(c["level"]), c["text"], c.get("check", ""))
                              for c in sc.get("conditions", [])]) if sc else None


def _rating_value(s: Section) -> str | None:
    return s.rating.value if s.rating is not None else None


def _rating_from(scale: str | None, value: str | None):
    if not scale or not value:
        return None
    return RatingScale(scale).levels(value)


# --- units -----------------------------------------------------------------------------------
def unit_to_row(u: UnitProfile, row: UnitRow | None = None) -> UnitRow:
    if row is None:
        from .schema import UnitRow
        row = UnitRow()
    row.name, row.parent_agency, row.issuing_agency = u.name, u.parent_agency, u.issuing_agency
    row.abbreviation, row.place = u.abbreviation, u.place
    row.signer_authority = u.signer.authority.value
    row.signer_authority_position, row.signer_position = u.signer.authority_position, u.signer.position
    row.signer_name = u.signer.name
    row.recipients_json = json.dumps([{"text": r.text, "purpose": r.purpose} for r in u.recipients.lines],
                                     ensure_ascii=False)
    row.archive = u.recipients.archive
    # the unit's other choices in the same JSON object are kept as they are
    settings = unit_settings(row.settings_json)
    if u.document_standard:
        settings["document_standard"] = u.document_standard
    else:
        settings.pop("document_standard", None)
    row.settings_json = json.dumps(settings, ensure_ascii=False, sort_keys=True)
    return row


def unit_settings(settings_json: str | None) -> dict[str, Any]:
    """A unit's settings object ({} for none or a damaged one)."""
    try:
        data = json.loads(settings_json or "{}")
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}


def unit_standard(settings_json: str | None) -> str:
    """The document standard a unit's settings JSON names ("" for none)."""
    value = unit_settings(settings_json).get("document_standard", "")
    return value if isinstance(value, str) else ""


def unit_from_row(row: UnitRow) -> UnitProfile:
    return UnitProfile(
        id=row.id, name=row.name, parent_agency=row.parent_agency, issuing_agency=row.issuing_agency,
        abbreviation=row.abbreviation, place=row.place,
        signer=Signer(Authority(row.signer_authority), row.signer_authority_position, row.signer_position,
                      row.signer_name),
        recipients=Recipients([Recipient(r["text"], r.get("purpose", "")) for r in json.loads(row.recipients_json)],
                              row.archive),
        document_standard=unit_standard(row.settings_json))


# --- report: write ---------------------------------------------------------------------------
def fill_report_row(row: ReportRow, r: Report) -> None:
    m = r.meta
    row.kind_id, row.kind_name, row.kind_version = r.kind_id, r.kind_name, r.kind_version
    row.unit_id, row.unit_name = r.unit_id, r.unit_name
    row.period, row.period_year = r.period.code, r.period.year
    row.parent_agency, row.issuing_agency = m.parent_agency, m.issuing_agency
    row.number, row.symbol, row.place = m.number, m.symbol, m.place
    row.date_year, row.date_month, row.date_day = m.date.year, m.date.month, m.date.day
    row.doc_kind_name, row.subject, row.secrecy, row.urgency = m.kind_name, m.subject, m.secrecy, m.urgency
    row.preamble_json, row.closing_json = m.preamble.to_json(), m.closing.to_json()
    row.signer_authority = r.signer.authority.value
    row.signer_authority_position, row.signer_position = r.signer.authority_position, r.signer.position
    row.signer_name = r.signer.name
    row.archive = r.recipients.archive
    row.classification_style = r.classification_style
    row.settings_json = settings_to_json(r)
    row.source_report_id = r.source_report_id


def fill_section_row(row: SectionRow, s: Section) -> None:
    row.key, row.heading, row.body_json = s.key, s.heading, s.body.to_json()
    row.guidance_json = s.guidance.to_json()
    row.rating_scale = s.rating_scale.value if s.rating_scale else None
    row.rating = _rating_value(s)
    row.max_score, row.score = s.max_score, s.score
    row.content = s.content.value if s.content else None
    row.optional, row.fixed = s.optional, s.fixed
    row.number_style = s.number_style.value if s.number_style else None
    row.content_label, row.measure_label = s.content_label, s.measure_label


def fill_limitation_row(row: LimitationRow, lim: Limitation) -> None:
    row.text_json = lim.text.to_json()
    row.cause_subjective_json, row.cause_objective_json = lim.cause_subjective.to_json(), lim.cause_objective.to_json()
    row.concerns_section_id = lim.concerns.id if lim.concerns is not None else None
    row.origin_period = lim.origin.code if lim.origin else None
    row.raised_by, row.source_limitation_id = lim.raised_by, lim.source_id


# each field of a Measure as its column's value
_MEASURE_COLUMNS: dict[str, tuple[str, Callable[[Measure], Any]]] = {
    "content": ("content_json", lambda m: m.content.to_json()),
    "measure": ("measure_json", lambda m: m.measure.to_json()),
    "directed_by": ("directed_by", lambda m: m.directed_by),
    "lead_unit": ("lead_unit", lambda m: m.lead_unit),
    "cooperating": ("cooperating", lambda m: m.cooperating),
    "timeframe": ("timeframe", lambda m: m.timeframe),
    "due": ("due_date", lambda m: m.due),
    "status": ("status", lambda m: m.status.value),
    "result": ("result", lambda m: m.result),
    "section": ("section_id", lambda m: m.section.id if m.section is not None else None),
    "source_id": ("source_measure_id", lambda m: m.source_id),
}


def fill_measure_row(row: MeasureRow, m: Measure, fields: Iterable[str] | None = None) -> None:
    """The row's columns from the measure's `fields` (None: all of them; the others stay)."""
    for f in _MEASURE_COLUMNS if fields is None else fields:
        column, value = _MEASURE_COLUMNS[f]
        setattr(row, column, value(m))


def fill_indicator_row(row: IndicatorRow, ind: Indicator) -> None:
    row.name, row.unit, row.value, row.denominator = ind.name, ind.unit, ind.value, ind.denominator


# --- report: read ----------------------------------------------------------------------------
def report_from_row(row: ReportRow, with_children: bool = True) -> Report:
    """The report; without `with_children` only its own fields and recipients (no sections, limitations,
    measures or indicators are read: a field edit of a 1,000-section report stays cheap)."""
    r = Report(
        id=row.id, kind_id=row.kind_id, kind_name=row.kind_name, kind_version=row.kind_version,
        unit_id=row.unit_id, unit_name=row.unit_name, period=Period.parse(row.period),
        meta=DocumentMeta(
            parent_agency=row.parent_agency, issuing_agency=row.issuing_agency, number=row.number,
            symbol=row.symbol, place=row.place, date=DocDate(row.date_year, row.date_month, row.date_day),
            kind_name=row.doc_kind_name, subject=row.subject, secrecy=row.secrecy, urgency=row.urgency,
            preamble=RichText.from_json(row.preamble_json), closing=RichText.from_json(row.closing_json)),
        signer=Signer(Authority(row.signer_authority), row.signer_authority_position, row.signer_position,
                      row.signer_name),
        recipients=Recipients([Recipient(x.text, x.purpose) for x in row.recipients], row.archive),
        classification_style=row.classification_style, source_report_id=row.source_report_id,
        created_at=row.created_at, updated_at=row.updated_at, version=row.version)
    settings_from_json(r, row.settings_json)
    if not with_children:
        return r

    by_id: dict[int, Section] = {}
    children: dict[int | None, list[tuple[int, Section]]] = {}
    for srow in row.sections:
        s = section_from_row(srow)
        by_id[srow.id] = s
        children.setdefault(srow.parent_id, []).append((srow.position, s))
    for pid, items in children.items():
        items.sort(key=lambda t: t[0])
        kids = [s for _, s in items]
        if pid is None:
            r.sections = kids
        elif pid in by_id:
            by_id[pid].children = kids

    measures_by_lim: dict[int | None, list[tuple[int, Measure]]] = {}
    for mrow in row.measures:
        m = measure_from_row(mrow, by_id)
        measures_by_lim.setdefault(mrow.limitation_id, []).append((mrow.position, m))
    for lrow in row.limitations:
        lim = limitation_from_row(lrow, by_id)
        lim.measures = [m for _, m in sorted(measures_by_lim.get(lrow.id, []), key=lambda t: t[0])]
        r.limitations.append(lim)
    r.measures = [m for _, m in sorted(measures_by_lim.get(None, []), key=lambda t: t[0])]
    r.indicators = [Indicator(x.name, x.unit, x.value, x.denominator, id=x.id) for x in row.indicators]
    return r


def section_from_row(srow: SectionRow) -> Section:
    return Section(
        id=srow.id, key=srow.key, heading=srow.heading, body=RichText.from_json(srow.body_json),
        guidance=RichText.from_json(srow.guidance_json),
        rating_scale=RatingScale(srow.rating_scale) if srow.rating_scale else None,
        rating=_rating_from(srow.rating_scale, srow.rating), max_score=srow.max_score, score=srow.score,
        content=ContentKind(srow.content) if srow.content else None, optional=srow.optional, fixed=srow.fixed,
        number_style=NumberStyle(srow.number_style) if srow.number_style else None,
        content_label=srow.content_label, measure_label=srow.measure_label, version=srow.version)


def limitation_from_row(lrow: LimitationRow, sections: dict[int, Section]) -> Limitation:
    return Limitation(
        id=lrow.id, text=RichText.from_json(lrow.text_json),
        cause_subjective=RichText.from_json(lrow.cause_subjective_json),
        cause_objective=RichText.from_json(lrow.cause_objective_json),
        concerns=sections.get(lrow.concerns_section_id) if lrow.concerns_section_id else None,
        origin=Period.parse(lrow.origin_period) if lrow.origin_period else None,
        raised_by=lrow.raised_by, source_id=lrow.source_limitation_id, version=lrow.version)


def measure_from_row(mrow: MeasureRow, sections: dict[int, Section], fields: Iterable[str] | None = None) -> Measure:
    """The measure; with `fields`, the texts not among them are left empty (not parsed)."""
    def text(name: str, data: str) -> RichText:
        return RichText.from_json(data) if fields is None or name in fields else RichText()
    return Measure(
        id=mrow.id, content=text("content", mrow.content_json), measure=text("measure", mrow.measure_json),
        directed_by=mrow.directed_by, lead_unit=mrow.lead_unit, cooperating=mrow.cooperating,
        timeframe=mrow.timeframe, due=mrow.due_date, status=MeasureStatus(mrow.status), result=mrow.result,
        section=sections.get(mrow.section_id) if mrow.section_id else None, source_id=mrow.source_measure_id,
        version=mrow.version)
