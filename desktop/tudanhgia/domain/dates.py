"""A day as officers write it in a cell or a field: 30/06/2025 (also 30-6-2025, 30.06.25), read
and shown the one way everywhere (the measures table, the Excel sheets, the board)."""
from __future__ import annotations

import datetime as _dt
import re

_DAY = re.compile(r"^\s*(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{2}|\d{4})\s*$")


class NotADay(ValueError):
    """The text is not written as day/month/year."""


class NoSuchDay(ValueError):
    """Written as day/month/year, but that day does not exist (31/02/2025)."""


def day_text(day: _dt.date) -> str:
    """'30/06/2025'."""
    return f"{day.day:02d}/{day.month:02d}/{day.year:04d}"


def read_day(text: str) -> _dt.date:
    """'30/06/2025', '30-6-2025', '30.06.25' (a two-digit year is 20xx) → the date; NotADay or
    NoSuchDay (both ValueError) otherwise."""
    m = _DAY.match(text)
    if not m:
        raise NotADay(text)
    day, month, year = int(m.group(1)), int(m.group(2)), int(m.group(3))
    year += 2000 if year < 100 else 0
    try:
        return _dt.date(year, month, day)
    except ValueError:
        raise NoSuchDay(text) from None
