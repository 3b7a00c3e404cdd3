"""Computed numbering of an outline: Phần I / Phần thứ nhất, A., I., 1., 1.1., a) … đ) …"""
from __future__ import annotations

from enum import Enum

# The Vietnamese alphabet used for lettered items (no f, j, w, z; đ after d).
VI_LETTERS = list("abcdđeghiklmnopqrstuvxy")


class NumberStyle(Enum):
    PART = "part"              # Phần I
    PART_WORDS = "part-words"  # Phần thứ nhất
    PART_ORDINAL = "part-ordinal"  # Phần thứ II (as many reports write it)
    UPPER_LETTER = "upper-letter"  # A. (the parts of the 2025 review form: A. NỘI DUNG KIỂM ĐIỂM)
    ROMAN = "roman"            # I.
    ARABIC = "arabic"          # 1.
    NESTED = "nested"          # 2.1.
    LETTER = "letter"          # a)
    NONE = "none"              # unnumbered

    @property
    def is_part(self) -> bool:
        return self in (NumberStyle.PART, NumberStyle.PART_WORDS, NumberStyle.PART_ORDINAL)


def roman(n: int) -> str:
    if not 0 < n < 4000:
        raise ValueError(n)
    out = []
    for value, sym in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                       (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out.append(sym)
            n -= value
    return "".join(out)


def letter(n: int) -> str:
    """1 → a, 5 → đ, 23 → y, 24 → aa (beyond the alphabet, two letters as in spreadsheets)."""
    if n < 1:
        raise ValueError(n)
    k = len(VI_LETTERS)
    out = []
    while n:
        n, r = divmod(n - 1, k)
        out.append(VI_LETTERS[r])
    return "".join(reversed(out))


_UNITS = ["", "một", "hai", "ba", "tư", "năm", "sáu", "bảy", "tám", "chín"]


def ordinal_words(n: int) -> str:
    """Vietnamese ordinal after 'thứ': 1 nhất, 4 tư, 10 mười, 15 mười lăm, 21 hai mươi mốt."""
    if n == 1:
        return "nhất"
    if n < 10:
        return _UNITS[n]
    if n > 99:
        return str(n)
    tens, unit = divmod(n, 10)
    head = "mười" if tens == 1 else f"{_UNITS[tens] if tens != 4 else 'bốn'} mươi"
    if unit == 0:
        return head
    if unit == 5:
        tail = "lăm"
    elif unit == 1 and tens > 1:
        tail = "mốt"
    elif unit == 4 and tens > 1:
        tail = "tư"
    else:
        tail = "bốn" if unit == 4 else _UNITS[unit]
    return f"{head} {tail}"


def label(style: NumberStyle, n: int, parent_numeric: str | None = None) -> str:
    """The printed number of the n-th (1-based) sibling in `style`.

    `parent_numeric` is the parent's label without its final dot, used by NESTED ("2" → "2.1.").
    """
    if style is NumberStyle.PART:
        return f"Phần {roman(n)}"
    if style is NumberStyle.PART_WORDS:
        return f"Phần thứ {ordinal_words(n)}"
    if style is NumberStyle.PART_ORDINAL:
        return f"Phần thứ {roman(n)}"
    if style is NumberStyle.UPPER_LETTER:
        return f"{letter(n).upper()}."
    if style is NumberStyle.ROMAN:
        return f"{roman(n)}."
    if style is NumberStyle.ARABIC:
        return f"{n}."
    if style is NumberStyle.NESTED:
        return f"{parent_numeric}.{n}." if parent_numeric else f"{n}."
    if style is NumberStyle.LETTER:
        return f"{letter(n)})"
    return ""


def numeric_core(lbl: str) -> str | None:
    """'2.1.' → '2.1', '3.' → '3'; None for labels that cannot prefix a nested number."""
    core = lbl.rstrip(".")
    return core if core and all(part.isdigit() for part in core.split(".")) else None
