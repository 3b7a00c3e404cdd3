"""A workbook's cell values, collected while the guarded scan parses each sheet (xlsx_reader._scan),
so the package is parsed once instead of twice: the scan already walks every cell to count it, and
openpyxl's own load of the same sheet cost as much again as the whole baseline of an import.

The values are the ones openpyxl gives with `data_only=True` — numbers cast the same way, dates
from the cell's number format (openpyxl's own stylesheet reading decides which formats are dates),
shared and inline strings as openpyxl's `Text.content`, booleans, ISO dates, error codes, cached
formula results — and the objects offer the part of openpyxl's worksheet interface the reader uses
(`worksheets`, `title`, `max_row`, `max_column`, `cell()`, `iter_rows()`, `merged_cells.ranges`);
cells covered by a merged range other than its first read as empty, as openpyxl's MergedCell.
"""
from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_T, _R, _V, _IS = _NS + "t", _NS + "r", _NS + "v", _NS + "is"
_REF = re.compile(r"^\$?([A-Za-z]{1,3})\$?(\d+)$")


def column_index(letters: str) -> int:
    n = 0
    for ch in letters.upper():
        n = n * 26 + ord(ch) - 64
    return n


def coordinate(ref: str) -> tuple[int, int] | None:
    """'B12' → (12, 2); None for anything else."""
    m = _REF.match(ref or "")
    return (int(m[2]), column_index(m[1])) if m else None


def text_content(node) -> str:
    """A shared string's or an inline string's text as openpyxl's Text.content: the plain text,
    then each run's (phonetic guides left out)."""
    plain = [child.text or "" for child in node if child.tag == _T]
    runs = [t.text or "" for child in node if child.tag == _R for t in child if t.tag == _T]
    return "".join(plain[:1] + runs)


@dataclass
class Styles:
    """Which cell styles (xf indexes) format numbers as dates or durations, and the epoch."""
    date_formats: set[int] = field(default_factory=set)
    timedelta_formats: set[int] = field(default_factory=set)
    epoch: _dt.datetime = _dt.datetime(1899, 12, 30)

    @classmethod
    def read(cls, styles_xml: bytes | None, date1904: bool) -> Styles:
        from openpyxl.styles.stylesheet import Stylesheet
        from openpyxl.utils.datetime import CALENDAR_MAC_1904, CALENDAR_WINDOWS_1900
        from openpyxl.xml.functions import fromstring
        out = cls(epoch=CALENDAR_MAC_1904 if date1904 else CALENDAR_WINDOWS_1900)
        if styles_xml:
            sheet = Stylesheet.from_tree(fromstring(styles_xml))
            out.date_formats, out.timedelta_formats = set(sheet.date_formats), set(sheet.timedelta_formats)
        return out


class UnreadableDate(str):
    """A cell formatted as a date whose number is no day (beyond 31/12/9999, NaN): "#VALUE!" as
    openpyxl reads it, with the number kept so the reader can say which cell holds what."""

    serial: str

    def __new__(cls, serial: str) -> UnreadableDate:
        self = super().__new__(cls, "#VALUE!")
        self.serial = serial
        return self


def cell_value(el, shared: list[str], styles: Styles) -> Any:
    """The value of a <c> element as openpyxl reads it with data_only=True."""
    from openpyxl.utils.datetime import from_excel, from_ISO8601
    from openpyxl.worksheet._reader import _cast_number
    kind = el.get("t", "n")
    if kind == "inlineStr":
        child = el.find(_IS)
        return text_content(child) if child is not None else None
    v = el.find(_V)
    value = v.text if v is not None else None
    if not value:
        return None
    if kind == "n":
        number = _cast_number(value)
        style = int(el.get("s", 0) or 0)
        if style in styles.date_formats:
            try:
                return from_excel(number, styles.epoch, timedelta=style in styles.timedelta_formats)
            except (OverflowError, ValueError):
                return UnreadableDate(value)
        return number
    if kind == "s":
        return shared[int(value)]
    if kind == "b":
        return bool(int(value))
    if kind == "d":
        return from_ISO8601(value)
    return value     # "str" (a formula's cached text), "e" (an error code)


@dataclass
class Cell:
    row: int
    column: int
    value: Any = None


@dataclass
class MergedRange:
    min_row: int
    min_col: int
    max_row: int
    max_col: int
    coord: str


@dataclass
class _Merged:
    ranges: list[MergedRange] = field(default_factory=list)


class Sheet:
    def __init__(self, title: str):
        self.title = title
        self.values: dict[tuple[int, int], Any] = {}
        self._rows = self._columns = 0
        self.merged_cells = _Merged()

    @property
    def max_row(self) -> int:
        return max(self._rows, 1)       # an empty sheet is one row and column, as in openpyxl

    @property
    def max_column(self) -> int:
        return max(self._columns, 1)

    def note(self, row: int, column: int, value: Any) -> None:
        """A cell element seen (openpyxl counts styled empty cells in the sheet's size too)."""
        if value is not None:
            self.values[(row, column)] = value
        if row > self._rows:
            self._rows = row
        if column > self._columns:
            self._columns = column

    def merge(self, ref: str) -> None:
        first, _, last = (ref or "").partition(":")
        a, b = coordinate(first), coordinate(last or first)
        if a is None or b is None:
            return
        (r1, c1), (r2, c2) = (min(a[0], b[0]), min(a[1], b[1])), (max(a[0], b[0]), max(a[1], b[1]))
        self.merged_cells.ranges.append(MergedRange(r1, c1, r2, c2, ref.upper().replace("$", "")))
        # every cell but the first reads empty, as in openpyxl: the cells held are looked at, never
        # the range's (A1:XFD1048576 is 17 billion cells)
        for r, c in [k for k in self.values if r1 <= k[0] <= r2 and c1 <= k[1] <= c2 and k != (r1, c1)]:
            del self.values[(r, c)]
        self._rows, self._columns = max(self._rows, r2), max(self._columns, c2)

    def value_rows(self) -> list[int]:
        """The rows holding a value, in order (the sheet's size may count styled empty cells as far
        as XFD1048576: the reader walks these instead)."""
        return sorted({r for r, _ in self.values})

    def value_max_column(self) -> int:
        return max((c for _, c in self.values), default=1)

    def cell(self, row: int, column: int) -> Cell:
        return Cell(row, column, self.values.get((row, column)))

    def iter_rows(self, min_row: int = 1, max_row: int | None = None,
                  max_col: int | None = None) -> Iterator[tuple[Cell, ...]]:
        last = self.max_row if max_row is None else max_row
        width = self.max_column if max_col is None else max_col
        for r in range(min_row, last + 1):
            yield tuple(Cell(r, c, self.values.get((r, c))) for c in range(1, width + 1))


@dataclass
class Book:
    worksheets: list[Sheet] = field(default_factory=list)

    def close(self) -> None:
        """As openpyxl's (nothing is held open)."""
