"""Numbers as Vietnamese officers write them: 1.234,5 and 96,1%."""
from __future__ import annotations

from dataclasses import dataclass


def parse_number(text: str) -> float | None:
    """'1.234,5' (Vietnamese) or '1234.5' → 1234.5; '96,1%' → 96.1; blank → None; ValueError otherwise."""
    t = str(text).strip().replace(" ", "").replace("\u00a0", "").rstrip("%")
    if not t:
        return None
    if "," in t:
        t = t.replace(".", "").replace(",", ".")
    elif t.count(".") > 1 or (t.count(".") == 1 and len(t.split(".")[1]) == 3):
        t = t.replace(".", "")  # 1.234 is one thousand two hundred thirty-four here
    return float(t)


def number_text(value: float | None, decimals: int = 2) -> str:
    """A number as printed and shown: 1.234,5 · 7,5 · 7 (no trailing zeros); None → ''."""
    if value is None:
        return ""
    text = f"{value:,.{decimals}f}".rstrip("0").rstrip(".") if decimals else f"{value:,.0f}"
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


@dataclass(frozen=True)
class ScoreReading:
    """What a typed score says: its value (None for a blank field: not scored yet), or why it is
    not taken (a Vietnamese sentence; the value is then None and means nothing)."""
    value: float | None
    problem: str = ""


def read_score(text: str, maximum: float | None) -> ScoreReading:
    """A score as an officer types it, whatever the computer's locale: '7,5' and '7.5' are seven
    and a half (a score has no thousands, so one dot or comma is always the decimal mark)."""
    t = str(text).strip().replace(" ", "").replace("\u00a0", "")
    if not t:
        return ScoreReading(None)
    shown = str(text).strip()
    whole, dot, tail = t.partition(".")
    if dot and "," not in t and len(tail) == 3 and tail.isdigit() and whole.isdigit():
        # "1.000" is a thousand in Vietnamese writing, not one point: never guessed either way
        return ScoreReading(None, f"“{shown}” đọc như số có dấu chấm ngăn cách hàng nghìn. Điểm ghi với dấu phẩy "
                                  "thập phân, ví dụ 7,5; hãy sửa lại.")
    t = t.replace(",", ".")
    try:
        if t.count(".") > 1 or not any(ch.isdigit() for ch in t) or t.lower() != t.upper():
            raise ValueError(t)   # "1.2.3", ".", letters (float() takes "inf", "nan", "1e3")
        value = float(t)
    except ValueError:
        return ScoreReading(None, f"“{shown}” không phải là số điểm. Nhập số, ví dụ 7,5 hoặc 7.5.")
    if value < 0:
        return ScoreReading(None, f"Điểm không được âm (“{shown}”).")
    if maximum is not None and value > maximum:
        return ScoreReading(None, f"Điểm tối đa của tiêu chí này là {number_text(maximum)}; "
                                  f"“{shown}” vượt quá nên chưa được ghi. Hãy sửa lại.")
    return ScoreReading(value)
