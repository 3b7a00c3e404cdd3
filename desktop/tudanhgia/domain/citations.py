"""The documents a report's opening cites with their number and date ("Công văn số 5294/UBND-NC
ngày 30/10/2020"): in a report copied from an earlier period, the directive that asked for the
old report is not this period's. Its number and date become blanks to fill, as a blank report of
the kind has them, so that the pre-print check's blank rule asks for them until filled."""
from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass

from .find import replace_at
from .period import Period
from .richtext import RichText

BLANK = "…"

# The documents a superior sends to ask for the review and say how (a dispatch, plan, guidance,
# directive, notice, telegram, the Party's thông tri, a "văn bản"): the reason for one period's
# report, not the next one's. Laws, decrees, circulars, regulations, resolutions, conclusions and
# decisions stand for years ("Căn cứ Nghị định số 90/2020/NĐ-CP ngày 13/8/2020"): never blanked nor
# warned about. A "Quyết định" is left with them: a superior's decision cited in an opening is most
# often the one issuing the rules of evaluation (a quy chế, kept from year to year); the review itself
# is asked for by a công văn, kế hoạch or hướng dẫn. Blanking a standing decision would lose data
# silently, while one left in place still shows its old date to the reader.
DIRECTIVE_KINDS = frozenset({"công văn", "văn bản", "kế hoạch", "hướng dẫn", "chỉ thị", "thông báo", "thông tri",
                             "điện"})

# A document type, its number (with or without "số") and its date, as a form writes them; the
# date in figures (30/10/2020) or in words (ngày 30 tháng 10 năm 2020); a comma may stand before
# "ngày" ("số 1234/SNV-TCBC, ngày 01/11/2024").
_CITATION = re.compile(
    r"(?<!\w)(?P<kind>công văn|văn bản|kế hoạch|hướng dẫn|quyết định|chỉ thị|thông báo|thông tri|nghị quyết"
    r"|kết luận|quy định|nghị định|thông tư|tờ trình|điện)\s+(?:số\s*:?\s*)?(?P<number>\d(?:[\w/.\-]*\w)?)"
    r"(?:\s+của\s+[^,;.:]{1,80}?)?(?:\s*,)?\s+ngày\s+"
    r"(?P<date>(?P<day>\d{1,2})\s*(?:/|-|\.|\s+tháng\s+)\s*(?P<month>\d{1,2})\s*(?:/|-|\.|\s+năm\s+)\s*(?P<year>\d{4}))"
    r"(?!\d)", re.IGNORECASE)


@dataclass(frozen=True)
class Citation:
    """One dated document cited: its type, number and date as written, the date read, and where
    the number and the date stand in the text searched."""
    number: str
    date_text: str
    date: _dt.date | None
    text: str          # the whole citation as written ("Công văn số 5294/UBND-NC ngày 30/10/2020")
    kind: str = ""     # the document type, lower case ("công văn")
    number_span: tuple[int, int] = (0, 0)
    date_span: tuple[int, int] = (0, 0)

    @property
    def directive(self) -> bool:
        """A document asking for one period's review (see DIRECTIVE_KINDS), not a standing rule."""
        return self.kind in DIRECTIVE_KINDS


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
        out.append(Citation(m["number"], m["date"], when, m.group(0), " ".join(m["kind"].lower().split()),
                            m.span("number"), m.span("date")))
    return out


def _numbers(template: str) -> set[str]:
    """The document numbers a kind's own opening cites: the form's standing guidance stays."""
    return {c.number for c in citations(template)}


def _old_directives(opening: str, source: Period, template: str) -> list[Citation]:
    """The directives `opening` (copied from a report of `source`) cites as the reason for the old
    report: directive-type, dated within the source period's year or the next one (a year's
    review is often asked for in January of the following year), not the kind's own guidance."""
    kept = _numbers(template)
    years = {source.year, source.year + 1}
    return [c for c in citations(opening)
            if c.directive and c.date is not None and c.date.year in years and c.number not in kept]


def blank_old_directive(opening: RichText, source: Period, template: str = "") -> RichText:
    """The opening of a report copied from `source` with the directives it cites as the reason for
    the old report left as blanks to fill: "Công văn số … ngày …". Only those citations' own
    number and date are blanked, where they stand (the same figures elsewhere stay), formatting
    kept; a law, decree or decision stays, and so do the documents the kind's own opening
    (`template`) cites."""
    old = _old_directives(opening.plain, source, template)
    return replace_at(opening, [(*span, BLANK) for c in old for span in (c.number_span, c.date_span)])


def stale_citations(opening: str, source: Period, template: str = "",
                    before: _dt.date | None = None) -> list[Citation]:
    """The directives an opening copied from `source` still cites that the copy would have blanked
    (the old period's), dated before `before` (the new period's start: one dated in it is this
    period's own), the kind's own citations aside."""
    return [c for c in _old_directives(opening, source, template)
            if before is None or (c.date is not None and c.date < before)]
