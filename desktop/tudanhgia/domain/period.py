"""Reporting periods and the document date with blanks for drafts."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import total_ordering

_ROMAN_Q = {1: "I", 2: "II", 3: "III", 4: "IV"}


_QUARTER_WORDS = {"i": 1, "ii": 2, "iii": 3, "iv": 4}


# The lengths of period a report kind takes (resources/kinds/*.toml: `periods = ["quy", "thang"]`),
# by the name a kind file gives them, with the words a message uses.
GRANULARITIES = {"nam": "năm", "6thang": "6 tháng", "quy": "quý", "thang": "tháng"}


def granularity_words(names: tuple[str, ...] | list[str]) -> str:
    """'quý hoặc tháng', 'năm', '6 tháng, năm hoặc quý'."""
    words = [GRANULARITIES[n] for n in names]
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} hoặc {words[-1]}"


@total_ordering
@dataclass(frozen=True)
class Period:
    """A year, a half-year (half=1|2), a quarter (quarter=1..4) or a month (month=1..12): the
    quarterly and monthly evaluation of civil servants (Nghị định 335/2025/NĐ-CP) has both."""

    year: int
    half: int | None = None
    quarter: int | None = None
    month: int | None = None

    def __post_init__(self):
        if not 1900 <= self.year <= 2999:
            raise ValueError(f"năm {self.year} không hợp lệ")
        if sum(x is not None for x in (self.half, self.quarter, self.month)) > 1:
            raise ValueError("kỳ báo cáo chỉ là năm, 6 tháng, quý hoặc tháng")
        if self.half not in (None, 1, 2):
            raise ValueError("6 tháng phải là H1 hoặc H2")
        if self.quarter not in (None, 1, 2, 3, 4):
            raise ValueError("quý phải từ 1 đến 4")
        if self.month is not None and not 1 <= self.month <= 12:
            raise ValueError("tháng phải từ 1 đến 12")

    @classmethod
    def parse(cls, text: str) -> Period:
        """'2020', '2020-H1', '2020-Q3', '2026-M03', or as written: 'năm 2020', '6 tháng đầu năm 2020',
        'quý III năm 2020', 'Quý I/2026', 'Tháng 3/2026', 'tháng 3 năm 2026'. Raises ValueError with
        a Vietnamese message."""
        t = " ".join(str(text).split())
        m = re.fullmatch(r"(\d{4})(?:\s*-\s*([HQMhqm])(\d{1,2}))?", t)
        low = t.lower()
        try:
            if m:
                year, kind, n = int(m.group(1)), (m.group(2) or "").upper(), m.group(3)
                if kind == "H" and len(n) == 1:
                    return cls(year, half=int(n))
                if kind == "Q" and len(n) == 1:
                    return cls(year, quarter=int(n))
                if kind == "M":
                    return cls(year, month=int(n))
                if not kind:
                    return cls(year)
            if m := re.fullmatch(r"năm (\d{4})", low):
                return cls(int(m.group(1)))
            if m := re.fullmatch(r"quý ([1-4]|i{1,3}|iv)(?: năm | ?/ ?| )(\d{4})", low):
                q = m.group(1)
                return cls(int(m.group(2)), quarter=int(q) if q.isdigit() else _QUARTER_WORDS[q])
            if m := re.fullmatch(r"tháng (\d{1,2})(?: năm | ?/ ?| )(\d{4})", low):
                return cls(int(m.group(2)), month=int(m.group(1)))
            if m := re.fullmatch(r"6 tháng (đầu|cuối) (?:năm )?(\d{4})", low):
                return cls(int(m.group(2)), half=1 if m.group(1) == "đầu" else 2)
        except ValueError as exc:
            raise ValueError(f"kỳ báo cáo “{text}” không hợp lệ: {exc}") from None
        raise ValueError(f"kỳ báo cáo “{text}” không hợp lệ (ví dụ: 2024, 2024-H1, 2024-Q3, Quý I/2026, Tháng 3/2026)")

    @property
    def granularity(self) -> str:
        """Its length as a kind file names it: "nam", "6thang", "quy" or "thang"."""
        return "6thang" if self.half else "quy" if self.quarter else "thang" if self.month else "nam"

    @classmethod
    def of(cls, granularity: str, year: int, month: int = 1) -> Period:
        """The period of that length in `year` holding `month` (a year holds every month)."""
        if granularity == "6thang":
            return cls(year, half=1 if month <= 6 else 2)
        if granularity == "quy":
            return cls(year, quarter=(month - 1) // 3 + 1)
        if granularity == "thang":
            return cls(year, month=month)
        return cls(year)

    @property
    def code(self) -> str:
        if self.half:
            return f"{self.year}-H{self.half}"
        if self.quarter:
            return f"{self.year}-Q{self.quarter}"
        if self.month:
            return f"{self.year}-M{self.month:02d}"
        return str(self.year)

    @property
    def label(self) -> str:
        """As written in a document and in lists: 'năm 2023', '6 tháng đầu năm 2023', 'quý I/2026',
        'tháng 3/2026' (lists and titles capitalise it: 'Quý I/2026')."""
        if self.half:
            return f"6 tháng {'đầu' if self.half == 1 else 'cuối'} năm {self.year}"
        if self.quarter:
            return f"quý {_ROMAN_Q[self.quarter]}/{self.year}"
        if self.month:
            return f"tháng {self.month}/{self.year}"
        return f"năm {self.year}"

    @property
    def title_label(self) -> str:
        """The label where it starts a line of a list or a title: 'Quý I/2026', 'Năm 2023' (only
        the first letter raised: str.capitalize would lower the Roman numeral, 'Quý i/2026')."""
        label = self.label
        return label[:1].upper() + label[1:]

    @property
    def months(self) -> tuple[int, int]:
        """The first and last month the period covers."""
        if self.half:
            return (1, 6) if self.half == 1 else (7, 12)
        if self.quarter:
            return 3 * self.quarter - 2, 3 * self.quarter
        if self.month:
            return self.month, self.month
        return 1, 12

    def _order(self) -> tuple[int, int, int]:
        # Chronological: by first month, the longer period first (2024, 6 tháng đầu, quý I, tháng 1).
        # The generated dataclass order compared None with a number once halves, quarters and months mixed.
        first, last = self.months
        return self.year, first, first - last

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, Period):
            return NotImplemented
        return self._order() < other._order()

    def previous(self) -> Period:
        if self.half:
            return Period(self.year, half=1) if self.half == 2 else Period(self.year - 1, half=2)
        if self.quarter:
            return Period(self.year, quarter=self.quarter - 1) if self.quarter > 1 else Period(self.year - 1, quarter=4)
        if self.month:
            return Period(self.year, month=self.month - 1) if self.month > 1 else Period(self.year - 1, month=12)
        return Period(self.year - 1)

    def next(self) -> Period:
        if self.half:
            return Period(self.year, half=2) if self.half == 1 else Period(self.year + 1, half=1)
        if self.quarter:
            return Period(self.year, quarter=self.quarter + 1) if self.quarter < 4 else Period(self.year + 1, quarter=1)
        if self.month:
            return Period(self.year, month=self.month + 1) if self.month < 12 else Period(self.year + 1, month=1)
        return Period(self.year + 1)

    def __str__(self) -> str:
        return self.code


BLANK = "\u00a0" * 4  # room left for the clerk to write in (kept by Word/LibreOffice)


@dataclass(frozen=True)
class DocDate:
    """The date on the document; day and month may stay blank in a draft (spec H6)."""

    year: int | None = None
    month: int | None = None
    day: int | None = None

    def __post_init__(self):
        if self.month is not None and not 1 <= self.month <= 12:
            raise ValueError("tháng phải từ 1 đến 12")
        if self.day is not None and not 1 <= self.day <= 31:
            raise ValueError("ngày phải từ 1 đến 31")
        if self.day is not None and self.month is not None and self.year is not None:
            import datetime
            datetime.date(self.year, self.month, self.day)  # raises on 31/02

    def words(self, blank: str = BLANK) -> str:
        """'ngày 05 tháng 01 năm 2024': day < 10 and months 1–2 take a leading zero (H6)."""
        d = f"{self.day:02d}" if self.day else blank
        m = blank if self.month is None else f"{self.month:02d}" if self.month <= 2 else str(self.month)
        y = str(self.year) if self.year else blank
        return f"ngày {d} tháng {m} năm {y}"

    def place_line(self, place: str, blank: str = BLANK) -> str:
        return f"{place}, {self.words(blank)}" if place else self.words(blank)

    def is_complete(self) -> bool:
        return None not in (self.year, self.month, self.day)
