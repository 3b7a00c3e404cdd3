"""Deadlines in the officer's own words, read into a date range.

A plan's "Thời gian thực hiện" is kept exactly as typed ("Quý II năm 2023", "Thường xuyên trong
năm 2023", "Từ tháng 11/2022", or a sentence mixing several). `parse_timeframe` reads the same
words into inclusive start/end days so measures can be sorted and overdue ones flagged. It never
guesses silently: whatever it could not read, skipped or assumed is said in `Deadline.note`.
"""
from __future__ import annotations

import calendar
import re
import unicodedata
from dataclasses import dataclass
from typing import Any
from datetime import date, timedelta

from .dates import day_text

__all__ = ["Deadline", "parse_timeframe", "read_deadline", "is_overdue", "format_range", "deadline_text"]


@dataclass(frozen=True)
class Deadline:
    """What a timeframe text says, as inclusive days.

    `understood` is False when nothing could be read; start and end are then None and `note`
    says why. A reading may be partial: start only ("từ …"), end only ("đến …", "trước …");
    `note` then says so, as it does for skipped parts and assumed years. Empty note: nothing to
    check. `standing` is the phrase of a standing duty as written ("Thường xuyên", "Hằng quý"),
    "" otherwise: such a duty has no completion date, is never overdue and needs no date picked."""

    start: date | None
    end: date | None
    understood: bool
    note: str
    standing: str = ""


# Dashes typed or pasted from Word; U+00F0 is the eth that legacy-font conversions (TCVN3, VNI)
# leave where "đ" was meant.
_FOLD = {ord(c): "-" for c in "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"}
_FOLD[ord("\u00f0")] = "đ"

_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
_QUY = r"(?:quý|quí|qúy)"  # old spelling and old tone placement are still typed
_Q = r"(?:iv|iii|ii|i|[1-4])(?!\w)"
_CONN = r"\s*(?:-|,|và|đến|tới)\s*"


def _year_tail(name: str) -> str:
    # "năm 2023", "/2023", ", 2023", "-2023" or just " 2023" after a quarter, half or month.
    return (rf"(?:(?:\s*[/,]\s*|\s*-\s*(?=[0-9]{{4}}(?![0-9]))|\s*,?\s*năm\s*|\s+)"
            rf"(?P<{name}>[0-9]{{4}})(?![0-9]))?")


# Alternatives are tried in order at each position and the leftmost match wins, so a phrase that
# contains a shorter one ("quý II năm 2023" ⊃ "năm 2023", "ngày 12/5/2023" ⊃ "5/2023") is read whole.
_PATTERN = re.compile(rf"""
    (?P<date>(?:ngày\s*)?(?<![0-9/.])(?P<d>[0-9]{{1,2}})\s*(?:/|tháng)\s*(?P<m>[0-9]{{1,2}})
        \s*(?:/|,?\s*năm)\s*(?P<y>[0-9]{{4}})(?![0-9]))
  | (?P<dotdate>(?:ngày\s*)?(?<![0-9/.\-])(?P<d2>[0-9]{{1,2}})(?P<sep>[.\-])(?P<m2>[0-9]{{1,2}})
        (?P=sep)(?P<y2>[0-9]{{4}})(?![0-9]))
  | (?P<half>(?:6|sáu)\s*tháng\s*(?P<hw>đầu|cuối)(?:\s*năm)?{_year_tail('hy')})
  | (?P<quarter>{_QUY}\s*(?P<ql>{_Q}(?:{_CONN}(?:{_QUY}\s*)?{_Q})*){_year_tail('qy')})
  | (?P<regular>(?:thường\s+xuyên|hằng\s+năm|hàng\s+năm)[\s,:(]*(?P<ry>[0-9]{{4}})(?![0-9]))
  | (?P<years>(?:năm|giai\s+đoạn)\s*(?P<yl>[0-9]{{4}}(?![0-9])
        (?:{_CONN}(?:năm\s*)?[0-9]{{4}}(?![0-9]))*))
  | (?P<month>tháng\s*(?P<ml>[0-9]{{1,2}}(?![0-9])(?:{_CONN}(?:tháng\s*)?[0-9]{{1,2}}(?![0-9]))*)
        {_year_tail('my')})
  | (?P<dayonly>ngày\s*(?P<d3>[0-9]{{1,2}})\s*(?:/|tháng)\s*(?P<m3>[0-9]{{1,2}})(?![0-9/]))
  | (?P<bare>(?<![0-9/.\-])(?P<bm>[0-9]{{1,2}})\s*/\s*(?P<by>[0-9]{{4}})(?![0-9/]))
""", re.VERBOSE)

# Words right before a phrase that turn it into a start or an end only.
_FROM = re.compile(r"\b(?:kể\s+từ|bắt\s+đầu(?:\s+(?:từ|vào))?|từ)\s*$")
_UNTIL = re.compile(r"\b(?:chậm\s+nhất|muộn\s+nhất|trễ\s+nhất|đến|tới|hết|không\s+quá)"
                    r"(?:\s+(?:là|đến|tới|vào|trong|hết))*\s*[:,]?\s*$")
_BEFORE = re.compile(r"\btrước\s*$")
# "Quyết định số 48/2021/QĐ-UBND ngày 22/9/2021": the date of a cited document, not a deadline.
_DOC_REF = re.compile(r"\bsố\s*(?:[0-9][^\s,;]*\s*)?$")
# What may stand between two phrases for the second's year to carry to the first
# ("từ tháng 5 đến tháng 6 năm 2023"); a full stop or semicolon starts another matter.
_LINK = re.compile(r"(?:[\s,\-()]|và|hoặc|đến|tới|hết|từ|trước|chậm nhất|là|sang)*")
_REGULAR = re.compile(r"\b(?:thường\s+xuyên|hằng\s+năm|hàng\s+năm)\b")
# Duties carried on without an end: "thường xuyên", "hằng năm/quý/tháng/tuần", "liên tục", "định kỳ".
_STANDING = re.compile(r"(?<!\w)(?:thường\s+xuyên|(?:hằng|hàng)\s+(?:năm|quý|quí|tháng|tuần|ngày)|liên\s+tục"
                       r"|định\s+kỳ)(?!\w)")
STANDING_NOTE = "Nhiệm vụ thường xuyên: không có hạn hoàn thành, không tính quá hạn."

_WHAT = {"day": "ngày", "month": "tháng", "quarter": "quý", "half": "kỳ 6 tháng", "year": "năm"}


@dataclass
class _Piece:
    lo: int
    hi: int
    kind: str             # day | month | quarter | half | year
    units: tuple[Any, ...]  # day: ((d, m),); month/quarter/half: numbers; year: the years themselves
    year: int | None      # None: the phrase gives no year ("quý II", "ngày 12/5")
    is_list: bool         # "quý III - IV", "tháng 5, 6": the phrase is itself a range
    label: str            # as the officer wrote it, for notes


def _normalise(text: str) -> tuple[str, str]:
    """(shown, low): NFC, dashes folded, whitespace collapsed; `low` is `shown` lower-cased
    character by character so that positions in one are positions in the other."""
    shown = " ".join(unicodedata.normalize("NFC", text).translate(_FOLD).split())
    low = "".join(c.lower() if len(c.lower()) == 1 else c for c in shown).translate(_FOLD)
    return shown, low


def _numbers(text: str) -> tuple[int, ...]:
    return tuple(int(n) for n in re.findall(r"[0-9]+", text))


def _quarters(text: str) -> tuple[int, ...]:
    words = re.findall(r"(?<!\w)(?:iv|iii|ii|i|[1-4])(?!\w)", text)
    return tuple(int(w) if w.isdigit() else _ROMAN[w] for w in words)


def _pieces(low: str, shown: str) -> list[_Piece]:
    out = []
    units: tuple[Any, ...]
    year: int | None
    for m in _PATTERN.finditer(low):
        g = m.group
        if (g("date") or g("dotdate") or g("bare")) and _DOC_REF.search(low, max(0, m.start() - 40), m.start()):
            continue
        if g("date"):
            kind, units, year, many = "day", ((int(g("d")), int(g("m"))),), int(g("y")), False
        elif g("dotdate"):
            kind, units, year, many = "day", ((int(g("d2")), int(g("m2"))),), int(g("y2")), False
        elif g("dayonly"):
            kind, units, year, many = "day", ((int(g("d3")), int(g("m3"))),), None, False
        elif g("half"):
            kind, units, many = "half", (1 if g("hw") == "đầu" else 2,), False
            year = int(g("hy")) if g("hy") else None
        elif g("quarter"):
            kind, units = "quarter", _quarters(g("ql"))
            year, many = (int(g("qy")) if g("qy") else None), len(units) > 1
        elif g("month"):
            kind, units = "month", _numbers(g("ml"))
            year, many = (int(g("my")) if g("my") else None), len(units) > 1
        elif g("bare"):
            if not 1 <= int(g("bm")) <= 12:
                continue  # "48/2021" is a number, not a month
            kind, units, year, many = "month", (int(g("bm")),), int(g("by")), False
        elif g("regular"):
            kind, units, year, many = "year", (int(g("ry")),), None, False
        else:
            kind, units = "year", _numbers(g("yl"))
            year, many = None, len(units) > 1
        out.append(_Piece(m.start(), m.end(), kind, units, year, many, shown[m.start():m.end()]))
    return out


def _has_year(p: _Piece) -> bool:
    return p.kind == "year" or p.year is not None


def _year_of(p: _Piece, first: bool) -> int | None:
    if p.kind == "year":
        return p.units[0] if first else p.units[-1]
    return p.year


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _bounds(p: _Piece) -> tuple[date, date]:
    """The first and last day the phrase covers; ValueError if it names no real day."""
    if p.year is None and p.kind != "year":
        raise ValueError(f"no year for {p.label!r}")   # the caller gives every piece its year first
    year = p.year or 0       # a year piece's units are the years themselves
    spans = []
    for u in p.units:
        if p.kind == "day":
            d = date(year, u[1], u[0])
            spans.append((d, d))
        elif p.kind == "month":
            spans.append((date(year, u, 1), _month_end(year, u)))
        elif p.kind == "quarter":
            spans.append((date(year, 3 * u - 2, 1), _month_end(year, 3 * u)))
        elif p.kind == "half":
            spans.append((date(year, 6 * u - 5, 1), _month_end(year, 6 * u)))
        else:
            spans.append((date(u, 1, 1), date(u, 12, 31)))
    return min(s for s, _ in spans), max(e for _, e in spans)


def _fmt(d: date) -> str:
    return day_text(d)


def _quote(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"


def _not_understood(shown: str, reasons: list[str]) -> Deadline:
    why = f" ({'; '.join(reasons)})" if reasons else ""
    return Deadline(None, None, False,
                    f"Không đọc được thời hạn trong “{_quote(shown)}”{why}; hãy chọn hạn hoàn thành.")


def parse_timeframe(text: str, default_year: int | None = None) -> Deadline:
    """Read a "Thời gian thực hiện" text into a Deadline.

    Several phrases in one text give the earliest start and the latest end. "từ X" gives a start
    only; "đến (hết/ngày) X", "chậm nhất X" give X's end only; "trước X" gives the day X when X is
    a day, else the day before X begins. A phrase without a year takes the year of a phrase it is
    joined to ("từ tháng 5 đến tháng 6 năm 2023"), else `default_year` (said in the note), else
    it is skipped (said in the note). Text with no date at all is not understood, except
    "thường xuyên"/"hằng năm" when `default_year` is given: that whole year, said in the note."""
    shown, low = _normalise(text or "")
    if not shown:
        return Deadline(None, None, False, "Chưa ghi thời hạn; hãy chọn hạn hoàn thành.")

    pieces = _pieces(low, shown)
    if not pieces:
        if _REGULAR.search(low):
            if default_year is not None:
                y = default_year
                return Deadline(date(y, 1, 1), date(y, 12, 31), True,
                                f"Không ghi năm; tạm hiểu là cả năm {y}.")
            return _not_understood(shown, ["không ghi năm"])
        return _not_understood(shown, [])

    # Carry a year to a yearless phrase from the phrase it is joined to: the following one first
    # (Vietnamese states the year once, at the end), then the preceding one.
    years: list[int | None] = [p.year for p in pieces]
    for i in range(len(pieces) - 2, -1, -1):
        p, q = pieces[i], pieces[i + 1]
        if (p.kind != "year" and years[i] is None and (years[i + 1] is not None or _has_year(q))
                and _LINK.fullmatch(low, p.hi, q.lo)):
            years[i] = years[i + 1] if years[i + 1] is not None else _year_of(q, first=True)
    for i in range(1, len(pieces)):
        p, q = pieces[i], pieces[i - 1]
        if (p.kind != "year" and years[i] is None and (years[i - 1] is not None or _has_year(q))
                and _LINK.fullmatch(low, q.hi, p.lo)):
            years[i] = years[i - 1] if years[i - 1] is not None else _year_of(q, first=False)

    notes: list[str] = []
    problems: list[str] = []
    starts: list[date] = []
    ends: list[date] = []
    prev_hi = 0
    for p, year in zip(pieces, years, strict=True):
        gap_lo, prev_hi = prev_hi, p.hi
        if p.kind != "year" and year is None:
            if default_year is None:
                problems.append(f"“{p.label}” không ghi năm")
                notes.append(f"Bỏ qua “{p.label}” vì không ghi năm.")
                continue
            year = default_year
            notes.append(f"“{p.label}” không ghi năm; tạm hiểu là năm {year}.")
        p.year = year
        try:
            s, e = _bounds(p)
        except ValueError:
            what = _WHAT[p.kind]
            problems.append(f"“{p.label}” không phải {what} có thật")
            notes.append(f"Bỏ qua “{p.label}” vì không phải {what} có thật.")
            continue
        if _BEFORE.search(low, gap_lo, p.lo):
            ends.append(s if p.kind == "day" else s - timedelta(days=1))
        elif _UNTIL.search(low, gap_lo, p.lo):
            ends.append(e)
        elif _FROM.search(low, gap_lo, p.lo) and not p.is_list:
            starts.append(s)
        else:
            starts.append(s)
            ends.append(e)

    if not starts and not ends:
        return _not_understood(shown, problems)
    start = min(starts) if starts else None
    end = max(ends) if ends else None
    if end is None and start is not None:
        notes.append(f"Chỉ có ngày bắt đầu (từ {_fmt(start)}), chưa có hạn hoàn thành.")
    elif start is None and end is not None:
        notes.append(f"Chỉ có hạn hoàn thành (đến {_fmt(end)}), chưa có ngày bắt đầu.")
    elif start is not None and end is not None and start > end:
        notes.append(f"Ngày bắt đầu {_fmt(start)} sau hạn hoàn thành {_fmt(end)}; hãy kiểm tra lại.")
    return Deadline(start, end, True, " ".join(notes))


def _fixed_end(low: str, pieces: list[_Piece]) -> bool:
    """A day named, or a phrase read as an end ("đến", "trước", "chậm nhất"): a real deadline."""
    prev_hi = 0
    for p in pieces:
        if p.kind == "day" or _BEFORE.search(low, prev_hi, p.lo) or _UNTIL.search(low, prev_hi, p.lo):
            return True
        prev_hi = p.hi
    return False


def read_deadline(timeframe: str, due: date | None = None, default_year: int | None = None) -> Deadline:
    """THE reading of a measure's deadline, for the measures table, the board, the CLI and Excel.

    A picked due date wins over the words. Otherwise the timeframe is read by `parse_timeframe`;
    a standing duty ("Thường xuyên", "Hằng năm", "Hằng quý", "Liên tục" …) named without a day or
    an "đến/trước/chậm nhất" end is marked `standing`: understood, never overdue, no date asked."""
    if due is not None:
        return Deadline(None, due, True, "")
    d = parse_timeframe(timeframe, default_year)
    shown, low = _normalise(timeframe or "")
    m = _STANDING.search(low)
    if m is None or _fixed_end(low, _pieces(low, shown)):
        return d
    phrase = shown[m.start():m.end()]
    label = phrase[:1].upper() + phrase[1:].lower()
    if d.understood and "tạm hiểu" not in d.note:    # a year written: the duty's span, for sorting
        return Deadline(d.start, d.end, True, STANDING_NOTE, label)
    return Deadline(None, None, True, STANDING_NOTE, label)


def is_overdue(deadline: Deadline, done: bool, today: date) -> bool:
    """Not done and its last day is already past; a deadline without an end, or a standing duty,
    is never overdue."""
    return not done and not deadline.standing and deadline.end is not None and deadline.end < today


def deadline_text(deadline: Deadline, unread: str = "chưa rõ hạn") -> str:
    """What a list shows: the standing duty's phrase, the dates, or `unread`."""
    if deadline.standing:
        return deadline.standing
    return format_range(deadline) if deadline.understood else unread


def format_range(deadline: Deadline) -> str:
    """dd/mm/yyyy as printed in Vietnamese documents: "01/04/2023 – 30/06/2023", "12/05/2023"
    for a single day, "từ 01/11/2022", "đến 12/05/2023", or "—" when there is no date."""
    s, e = deadline.start, deadline.end
    if s is not None and e is not None:
        return _fmt(s) if s == e else f"{_fmt(s)} – {_fmt(e)}"
    if s is not None:
        return f"từ {_fmt(s)}"
    if e is not None:
        return f"đến {_fmt(e)}"
    return "—"
