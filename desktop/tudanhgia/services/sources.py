"""Reports written by hand as TOML (docs/formats.md §3): the sample database's sources."""
from __future__ import annotations

import datetime as _dt
import tomllib
from pathlib import Path
from typing import Any

from ..domain.model import (Authority, Indicator, Limitation, Measure, MeasureStatus, Recipient, Recipients,
                            Report, Section, Signer, UnitProfile, placeholder_values, substitute)
from ..domain.names import section_name
from ..domain.period import DocDate, Period
from ..domain.richtext import RichText
from ..domain.text import fold
from ..kinds import Kind, KindRegistry
from ..kinds.loader import KindSection


class SourceError(Exception):
    pass


def _norm(text: str) -> str:
    return fold(text).rstrip(":. ")


def unit_from_table(t: dict[str, Any]) -> UnitProfile:
    sig = t.get("signer", {})
    rec = t.get("recipients", {})
    return UnitProfile(
        name=t["name"], parent_agency=t.get("parent_agency", ""), issuing_agency=t.get("issuing_agency", ""),
        abbreviation=t.get("abbreviation", ""), place=t.get("place", ""),
        signer=_signer(sig), recipients=_recipients(rec))


def _signer(sig: dict[str, Any]) -> Signer:
    return Signer(Authority(sig.get("authority", "")), sig.get("authority_position", ""),
                  sig.get("position", ""), sig.get("name", ""))


def _recipients(rec: dict[str, Any]) -> Recipients:
    return Recipients([Recipient(r["text"], r.get("purpose", "")) for r in rec.get("lines", [])],
                      rec.get("archive", "VT"))


def load_units(path: Path) -> list[UnitProfile]:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    return [unit_from_table(t) for t in data.get("unit", [])]


def report_from_source(data: dict[str, Any], kinds: KindRegistry, unit: UnitProfile | None) -> tuple[Report, list[str]]:
    """Build a report from a parsed source; returns it with warnings (kind sections not found)."""
    kind: Kind = kinds.get(data["kind"])
    period = Period.parse(str(data["period"]))
    meta_t = data.get("meta", {})
    date_t = meta_t.get("date", {})
    report = kind.create_report(period, unit, _dt.date(date_t.get("year", period.year), date_t.get("month", 12), 1))
    values = placeholder_values(period, unit)
    m = report.meta
    for field in ("parent_agency", "issuing_agency", "number", "symbol", "place", "kind_name", "subject",
                  "secrecy", "urgency"):
        if field in meta_t:
            setattr(m, field, meta_t[field])
    m.date = DocDate(date_t.get("year"), date_t.get("month"), date_t.get("day"))
    if "preamble" in meta_t:
        m.preamble = RichText.from_markup(meta_t["preamble"])
    if "closing" in meta_t:
        m.closing = RichText.from_markup(meta_t["closing"])
    if "signer" in data:
        report.signer = _signer(data["signer"])
    if "recipients" in data:
        report.recipients = _recipients(data["recipients"])

    by_key = {ks.key: ks for ks in kind.sections}
    by_heading: dict[tuple[int, str], Any] = {}
    for known in kind.sections:
        by_heading.setdefault((known.level, _norm(substitute(known.heading, values))), known)
    roots: list[Section] = []
    stack: list[tuple[int, Section]] = []
    ids: dict[str, Section] = {}
    used: set[str] = set()
    for i, sd in enumerate(data.get("sections", [])):
        level = int(sd.get("level", 1))
        heading = sd.get("heading", "")
        ks: KindSection | None = (by_key.get(sd["key"]) if "key" in sd
                                  else by_heading.get((level, _norm(heading))) if heading else None)
        if "key" in sd and ks is None:
            raise SourceError(f"mục {i + 1}: khóa “{sd['key']}” không có trong loại {kind.id}")
        if ks is not None:
            s = Kind.make_section(ks, values)
            used.add(ks.key)
        else:
            s = Section()
        s.heading = heading
        s.body = RichText.from_markup(sd.get("body", ""))
        if sd.get("rating"):
            if s.rating_scale is None:
                raise SourceError(f"mục “{heading}”: có rating nhưng mục không có thang đánh giá")
            s.rating = s.rating_scale.parse(sd["rating"])
        if "score" in sd:
            s.score = float(sd["score"])
        while stack and stack[-1][0] >= level:
            stack.pop()
        if level > (stack[-1][0] + 1 if stack else 1):
            raise SourceError(f"mục “{section_name(s, 40, ellipsis='')}”: cấp {level} không có mục cha")
        (stack[-1][1].children if stack else roots).append(s)
        stack.append((level, s))
        if "id" in sd:
            ids[sd["id"]] = s
    report.sections = roots
    warnings = [f"mục “{ks.heading}” ({ks.key}) của loại {kind.id} không có trong nguồn"
                for ks in kind.sections if ks.key not in used]

    def measure(t: dict[str, Any]) -> Measure:
        return Measure(
            content=RichText.from_markup(t.get("content", "")), measure=RichText.from_markup(t.get("measure", "")),
            directed_by=t.get("directed_by", ""), lead_unit=t.get("lead_unit", ""),
            cooperating=t.get("cooperating", ""), timeframe=t.get("timeframe", ""),
            due=_dt.date.fromisoformat(str(t["due"])) if t.get("due") else None,
            status=MeasureStatus.from_label(t.get("status", "Chưa thực hiện")), result=t.get("result", ""),
            section=_ref(ids, t.get("section")))

    for t in data.get("limitations", []):
        report.limitations.append(Limitation(
            text=RichText.from_markup(t.get("text", "")),
            cause_subjective=RichText.from_markup(t.get("cause_subjective", "")),
            cause_objective=RichText.from_markup(t.get("cause_objective", "")),
            concerns=_ref(ids, t.get("concerns")),
            origin=Period.parse(str(t["origin"])) if t.get("origin") else period,
            raised_by=t.get("raised_by", ""), measures=[measure(x) for x in t.get("measures", [])]))
    report.measures = [measure(t) for t in data.get("measures", [])]
    report.indicators = [Indicator(t["name"], t.get("unit", ""), t.get("value"), t.get("denominator"))
                         for t in data.get("indicators", [])]
    return report, warnings


def _ref(ids: dict[str, Section], key: str | None) -> Section | None:
    if not key:
        return None
    if key not in ids:
        raise SourceError(f"không có mục mang id “{key}”")
    return ids[key]


def load_source(path: Path, kinds: KindRegistry, units: dict[str, UnitProfile]) -> tuple[Report, list[str]]:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    unit = units.get(data.get("unit", ""))
    try:
        return report_from_source(data, kinds, unit)
    except (SourceError, KeyError, ValueError) as exc:
        raise SourceError(f"{path.name}: {exc}") from exc
