"""The documents a report's opening cites with their number and date ("Công văn số 5294/UBND-NC
ngày 30/10/2020"): in a report copied from an earlier period, the directive that asked for the
old report is not this period's. Its number and date become blanks to fill, as a blank report of
the kind has them, so that the pre-print check's blank rule asks for them until filled."""
from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass
from functools import cached_property

from .find import Query, replace_rich
from .period import Period
from .richtext import RichText

BLANK = "…"

# A document type, its number (with or without "số") and its date, as a form writes them; the
# date in figures (30/10/2020) or in words (ngày 30 tháng 10 năm 2020).
_CITATION = re.compile(
    r"(?<!\w)(?:công văn|văn bản|kế hoạch|hướng dẫn|quyết định|chỉ thị|thông báo|thông tri|nghị quyết|kết luận"
    r"|quy định|nghị định|thông tư|tờ trình|điện)\s+(?:số\s*:?\s*)?(?P<number>\d[\w/.\-]*\w)"
    r"(?:\s+của\s+[^,;.:]{1,80}?)?\s+ngày\s+"
    r"(?P<date>(?P<day>\d{1,2})\s*(?:/|-|\.|\s+tháng\s+)\s*(?P<month>\d{1,2})\s*(?:/|-|\.|\s+năm\s+)\s*(?P<year>\d{4}))"
    r"(?!\d)", re.IGNORECASE)


@dataclass(frozen=True)
class Citation:
    """One dated document cited: its number and date as written, and the date read."""
    number: str
    date_text: str
    date: _dt.date | None
    text: str          # the whole citation as written ("Công văn số 5294/UBND-NC ngày 30/10/2020")


def citations(text: str) -> list[Citation]:
    """The dated documents `text` cites, in order."""
    if "ngày" not in text.lower():   # most text: no regex run
        return []
    out = []
    for m in _CITATION.finditer(text):
        try:
            when: _dt.date | None = _dt.date(int(m["year"]), int(m["month"]), int(m["day"]))
        except ValueError:
            when = None
        out.append(Citation(m["number"], m["date"], when, m.group(0)))
    return out


def _numbers(template: str) -> set[str]:
    """The document numbers a kind's own opening cites: the form's standing guidance stays."""
    return {c.number for c in citations(template)}


def period_end(period: Period) -> _dt.date:
    _first, last = period.months
    following = _dt.date(period.year + (last == 12), last % 12 + 1, 1)
    return following - _dt.timedelta(days=1)


def blank_old_directive(opening: RichText, source: Period, template: str = "") -> RichText:
    """The opening of a report copied from `source` with the documents it cites as the reason for
    the old report (dated within the source period's year or the next one) left as blanks to
    fill: "Công văn số … ngày …". A law or decree cited by number only stays, and so do the
    documents the kind's own opening (`template`) cites."""
    kept = _numbers(template)
    years = {source.year, source.year + 1}
    old = [c for c in citations(opening.plain)
           if c.date is not None and c.date.year in years and c.number not in kept]
    for c in old:
        opening = replace_rich(opening, _Exact(c.number, date_text=c.date_text), BLANK)[0]
    return opening


def stale_citations(opening: str, source: Period, template: str = "") -> list[Citation]:
    """The dated documents an opening copied from `source` still cites that are older than the
    source period's end (the directive of that period or an earlier one), the kind's own
    citations aside."""
    kept = _numbers(template)
    end = period_end(source)
    return [c for c in citations(opening) if c.date is not None and c.date <= end and c.number not in kept]


@dataclass(frozen=True)
class _Exact(Query):
    """A cited document's number and its date, where they stand together in the citation."""
    date_text: str = ""

    @cached_property
    def regex(self) -> re.Pattern[str]:
        number, date = re.escape(self.text), re.escape(self.date_text)
        return re.compile(rf"(?<![\w/]){number}(?![\w/])(?=.{{0,90}}?ngày\s+{date}(?!\d))"
                          rf"|(?<=ngày ){date}(?!\d)", re.IGNORECASE)
