"""What the officer keeps about limitations and measures that a printed report does not show, or
shows merged: the subjective and objective causes (printed as one lettered item, or one section
each), the section a limitation concerns ("Liên quan đến mục"), the period it was raised in and
by whom, each measure's task, due date, status and result. An exported DOCX carries them as data
(render/kept_fields.py) so that importing it back restores them (`restore`).

A kept value is put back only where the document still says what was printed: the officer may
have edited the file in Word since, and what the file says then wins."""
from __future__ import annotations

import contextlib
import datetime as _dt
from typing import Any

from .model import ContentKind, Limitation, Measure, MeasureStatus, Report, Section
from .period import Period
from .richtext import RichText

FORMAT = 1
_CAUSES = (ContentKind.CAUSES, ContentKind.CAUSES_SUBJECTIVE, ContentKind.CAUSES_OBJECTIVE)


def _words(text: str) -> str:
    return " ".join(text.split())


def _section_ref(report: Report, numbers: dict[Section, str], s: Section | None) -> list[str] | None:
    return None if s is None else [numbers.get(s, ""), _words(s.heading), s.key or ""]


def _measure(m: Measure) -> dict[str, Any]:
    return {"content": m.content.to_json(), "measure": m.measure.to_json(), "directed_by": m.directed_by,
            "lead_unit": m.lead_unit, "cooperating": m.cooperating, "timeframe": m.timeframe,
            "due": m.due.isoformat() if m.due else None, "status": m.status.value, "result": m.result}


def kept_fields(report: Report) -> dict[str, Any]:
    """The fields to carry with an exported document, as JSON-ready data."""
    numbers = report.numbering()
    return {
        "format": FORMAT,
        "limitations": [{"text": _words(lim.text.plain), "cause_subjective": lim.cause_subjective.to_json(),
                         "cause_objective": lim.cause_objective.to_json(),
                         "concerns": _section_ref(report, numbers, lim.concerns),
                         "origin": lim.origin.code if lim.origin else None, "raised_by": lim.raised_by,
                         "measures": [_measure(m) for m in lim.measures]} for lim in report.limitations],
        "measures": [{**_measure(m), "section": _section_ref(report, numbers, m.section)} for m in report.measures],
    }


def _set_measure(m: Measure, data: dict[str, Any]) -> None:
    m.content = RichText.from_json(data["content"])
    m.measure = RichText.from_json(data["measure"])
    m.directed_by, m.lead_unit, m.cooperating = data["directed_by"], data["lead_unit"], data["cooperating"]
    m.timeframe, m.result = data["timeframe"], data["result"]
    m.due = _dt.date.fromisoformat(data["due"]) if data["due"] else None
    m.status = MeasureStatus(data["status"])


def _printed(data: dict[str, Any]) -> tuple[str, ...]:
    """What a measure's printed lines say (the fields the document shows), to recognise it."""
    return (_words(RichText.from_json(data["measure"]).plain), _words(data["directed_by"]),
            _words(data["lead_unit"]), _words(data["cooperating"]), _words(data["timeframe"]))


def _read(m: Measure) -> tuple[str, ...]:
    return (_words(m.measure.plain), _words(m.directed_by), _words(m.lead_unit), _words(m.cooperating),
            _words(m.timeframe))


def _cause_words(texts) -> list[str]:
    return sorted(_words(p.text) for t in texts for p in t.paragraphs if p.text.strip())


def restore(report: Report, data: dict[str, Any]) -> list[str]:
    """Put the kept fields back into `report` as imported from the document that carried them;
    returns what was restored, in Vietnamese, for the officer (empty: nothing matched)."""
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        return []
    kept = data.get("limitations", [])
    done: list[str] = []
    # limitations, in order, while their printed text is the one kept
    pairs = [(lim, k) for lim, k in zip(report.limitations, kept, strict=False) if _words(lim.text.plain) == k["text"]]
    if pairs and len(pairs) == len(report.limitations) == len(kept):
        _restore_causes(report, pairs, done)
    sections = {(n, _words(s.heading)): s for s, n in report.numbering().items()}
    by_heading = {_words(s.heading): s for s in report.walk()}
    by_key = {s.key: s for s in report.walk() if s.key}
    linked = raised = measures = 0
    for lim, k in pairs:
        if k["concerns"] and lim.concerns is None:
            number, heading, key = k["concerns"]
            lim.concerns = sections.get((number, heading)) or by_key.get(key) or by_heading.get(heading)
            linked += lim.concerns is not None
        if k["origin"]:
            with contextlib.suppress(ValueError):   # a period this version cannot read: the one read stays
                lim.origin = Period.parse(k["origin"])
        if k["raised_by"] and not lim.raised_by:
            lim.raised_by = k["raised_by"]
            raised += 1
        measures += _restore_measures(lim, k["measures"])
    if linked:
        done.append(f"{linked} liên kết “Liên quan đến mục”")
    if raised:
        done.append(f"{raised} nơi chỉ ra hạn chế")
    kept_general = data.get("measures", [])
    if len(report.measures) == len(kept_general):
        for m, k in zip(report.measures, kept_general, strict=True):
            if _read(m) == _printed(k) or _words(m.content.plain) == _words(RichText.from_json(k["content"]).plain):
                _set_measure(m, k)
                measures += 1
    if measures:
        done.append(f"thời hạn, trạng thái và kết quả của {measures} biện pháp")
    return done


def _restore_measures(lim: Limitation, kept: list[dict[str, Any]]) -> int:
    """A limitation's measures: those printed are matched by their printed lines; a document that
    does not print them (a review lists limitations only) gets them back whole. Returns how many."""
    if not lim.measures:
        for k in kept:
            m = Measure()
            _set_measure(m, k)
            lim.measures.append(m)
        return len(kept)
    if len(lim.measures) == len(kept) and all(_read(m) == _printed(k) for m, k in zip(lim.measures, kept, strict=True)):
        for m, k in zip(lim.measures, kept, strict=True):
            _set_measure(m, k)
        return len(kept)
    return 0


def _restore_causes(report: Report, pairs: list[tuple[Limitation, dict[str, Any]]], done: list[str]) -> None:
    """The causes printed merged (one lettered item per limitation, or one section each for all
    limitations) go back to their limitation and kind while the printed paragraphs are unchanged."""
    kept_subj = [RichText.from_json(k["cause_subjective"]) for _, k in pairs]
    kept_obj = [RichText.from_json(k["cause_objective"]) for _, k in pairs]
    read = [t for lim, _ in pairs for t in (lim.cause_subjective, lim.cause_objective)]
    printed = any(s.content in _CAUSES for s in report.walk())   # a plan does not print them: nothing to compare
    if printed and _cause_words(read) != _cause_words([*kept_subj, *kept_obj]):
        return
    for (lim, _), subj, obj in zip(pairs, kept_subj, kept_obj, strict=True):
        lim.cause_subjective, lim.cause_objective = subj, obj
    if any(not o.is_empty() for o in kept_obj):
        done.append("nguyên nhân chủ quan, khách quan của từng hạn chế")
