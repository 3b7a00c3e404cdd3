"""Approximate printed width of text in Times New Roman, and from it the lengths of the short rules
under the agency name, the motto and the subject (spec H2, H4, T2) that every backend draws.
Advance widths of printable ASCII in 1/1000 em, measured once from Liberation Serif
(metric-compatible with Times New Roman); Vietnamese letters take their base letter's width (the
marks do not widen a glyph)."""
from __future__ import annotations

import unicodedata

from .style import MM_PER_INCH, PT_PER_INCH, HouseStyle, text_area_mm

_REGULAR = [250, 333, 408, 500, 500, 833, 778, 180, 333, 333, 500, 564, 250, 333, 250, 278, 500, 500, 500, 500,
            500, 500, 500, 500, 500, 500, 278, 278, 564, 564, 564, 444, 921, 722, 667, 667, 722, 611, 556, 722,
            722, 333, 389, 722, 611, 889, 722, 722, 556, 722, 667, 556, 611, 722, 722, 944, 722, 722, 611, 333,
            278, 333, 469, 500, 333, 444, 500, 444, 500, 444, 333, 500, 500, 278, 278, 500, 278, 778, 500, 500,
            500, 500, 333, 389, 278, 500, 500, 722, 500, 500, 444, 480, 200, 480, 541]
_BOLD = [250, 333, 555, 500, 500, 1000, 833, 278, 333, 333, 500, 570, 250, 333, 250, 278, 500, 500, 500, 500, 500,
         500, 500, 500, 500, 500, 333, 333, 570, 570, 570, 500, 930, 722, 667, 722, 722, 667, 611, 778, 778, 389,
         500, 778, 667, 944, 722, 778, 611, 778, 722, 556, 667, 722, 722, 1000, 722, 722, 667, 333, 278, 333, 581,
         500, 333, 500, 556, 444, 556, 444, 333, 500, 556, 278, 333, 556, 278, 833, 556, 500, 556, 556, 444, 389,
         333, 556, 500, 722, 500, 500, 444, 394, 220, 394, 520]
_BASE = {"đ": "d", "Đ": "D"}


def _base(ch: str) -> str:
    if ch in _BASE:
        return _BASE[ch]
    return unicodedata.normalize("NFD", ch)[0]


class _Advances(dict[str, int]):
    """Each character's advance width, worked out on first use: decomposing every character of
    every text again was most of a 1,000-measure Excel export's column fitting."""

    def __init__(self, table: list[int]) -> None:
        super().__init__()
        self.table = table

    def __missing__(self, ch: str) -> int:
        code = ord(_base(ch))
        width = self.table[code - 32] if 32 <= code < 127 else 500
        if ord(ch) < 0x2000:    # Latin and Vietnamese letters, punctuation: a bounded set kept
            self[ch] = width
        return width


_ADVANCES = _Advances(_REGULAR), _Advances(_BOLD)


def text_width_pt(text: str, size_pt: float, bold: bool = False) -> float:
    return sum(map(_ADVANCES[bool(bold)].__getitem__, text)) * size_pt / 1000.0


def text_width_mm(text: str, size_pt: float, bold: bool = False) -> float:
    return text_width_pt(text, size_pt, bold) * MM_PER_INCH / PT_PER_INCH


def _widest_mm(text: str, size_pt: float) -> float:
    """The widest of the text's typed lines, bold."""
    return max((text_width_mm(x, size_pt, True) for x in text.split("\n")), default=0)


def agency_rule_mm(agency: str, style: HouseStyle) -> float:
    """H2: a share of the issuing agency's name (as printed, in capitals), in the left column."""
    return min(_widest_mm(agency, style.agency_pt), style.header_cols_mm[0] - style.cell_margins_mm) \
        * style.agency_rule_share


def motto_rule_mm(motto: str, style: HouseStyle) -> float:
    """H4: as long as the motto, at most the right column."""
    return min(text_width_mm(motto, style.motto_pt, True), style.header_cols_mm[1])


def subject_rule_mm(subject: str, style: HouseStyle) -> float:
    """T2: a third of the subject's widest line, not shorter than the house minimum."""
    return max(min(_widest_mm(subject, style.title_pt), text_area_mm(style)) / style.subject_rule_divisor,
               style.subject_rule_min_mm)
