"""Positions in a text as Python counts them (characters) and as Qt does (UTF-16 code units): they
differ after a character beyond the Basic Multilingual Plane (an emoji), which counts two in Qt."""
from __future__ import annotations

import re

_ASTRAL = re.compile("[\U00010000-\U0010FFFF]")


def to_qt(text: str, index: int) -> int:
    """Python index `index` of `text` as a Qt (UTF-16) position."""
    return index + len(_ASTRAL.findall(text, 0, index))


def from_qt(text: str, pos: int) -> int:
    """Qt (UTF-16) position `pos` of `text` as a Python index."""
    if _ASTRAL.search(text) is None:   # the usual text: one unit a character (a 1 MB body in a millisecond)
        return pos
    i = units = 0
    while i < len(text) and units < pos:
        units += 2 if ord(text[i]) > 0xFFFF else 1
        i += 1
    return i
