"""Find and replace in the report's texts (issue 13 point 9), as Word does it for Vietnamese:
diacritics always matter ("ban" never finds "bạn"), case only when asked ("Đảng" finds "đảng"
unless "Khớp chữ hoa/thường"), and "Nguyên từ" finds a word only where no letter or digit
touches it ("Đảng" is not found in "Đảngủy"). Texts and the searched words are compared in NFC,
the form every stored text has (text.clean_text).

A replacement in formatted text (RichText) keeps the formatting around it: the new words take
the format of the first character they replace; footnotes are never part of a match."""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cached_property

from .richtext import Footnote, Paragraph, RichText, Run


@dataclass(frozen=True)
class Query:
    text: str
    match_case: bool = False
    whole_word: bool = False

    @cached_property
    def regex(self) -> re.Pattern[str] | None:
        """The compiled search (None for an empty one): a literal text, never a pattern."""
        words = unicodedata.normalize("NFC", self.text)
        if not words:
            return None
        pattern = re.escape(words)
        if self.whole_word:
            pattern = rf"(?<!\w){pattern}(?!\w)"
        return re.compile(pattern, 0 if self.match_case else re.IGNORECASE)

    def spans(self, text: str) -> list[tuple[int, int]]:
        """Where the text is found in `text` (start, end), in order, never overlapping."""
        if self.regex is None or not text:
            return []
        return [m.span() for m in self.regex.finditer(text)]

    def found_in(self, text: str) -> bool:
        return self.regex is not None and bool(text) and self.regex.search(text) is not None

    def is_match(self, text: str) -> bool:
        """Whether `text` is exactly one match (the selection "Thay" replaces)."""
        return self.regex is not None and self.regex.fullmatch(text) is not None


def replace_text(text: str, query: Query, replacement: str) -> tuple[str, int]:
    """`text` with every match replaced, and how many there were."""
    if query.regex is None or not text:
        return text, 0
    return query.regex.subn(lambda _m: replacement, text)


def replace_rich(rt: RichText, query: Query, replacement: str) -> tuple[RichText, int]:
    """`rt` with every match replaced, formatting kept; a match does not cross a paragraph or a
    footnote."""
    count = 0

    def edits(text: str, _at: int) -> list[tuple[int, int, str]]:
        nonlocal count
        spans = query.spans(text)
        count += len(spans)
        return [(start, end, replacement) for start, end in spans]

    changed = _edit_rich(rt, edits)
    return (changed if count else rt), count


def replace_at(rt: RichText, edits: list[tuple[int, int, str]]) -> RichText:
    """`rt` with the given stretches of its plain text (start, end, new text; positions in
    `rt.plain`, not overlapping) replaced, formatting kept: what a text search cannot do when the
    same words stand elsewhere. A stretch that spans a footnote loses its parts on both sides,
    the new text standing where it began."""
    if not edits:
        return rt

    def at(text: str, offset: int) -> list[tuple[int, int, str]]:
        out = []
        for start, end, new in sorted(edits):
            lo, hi = max(start, offset) - offset, min(end, offset + len(text)) - offset
            if lo < hi:
                out.append((lo, hi, new if start >= offset else ""))
        return out

    return _edit_rich(rt, at)


def _edit_rich(rt: RichText, edits) -> RichText:
    """`rt` with each run stretch (the runs between footnotes) edited as `edits(text, offset)`
    says, offset being where the stretch starts in `rt.plain`."""
    paragraphs = []
    offset = 0
    for p in rt.paragraphs:
        items: list = []
        stretch: list[Run] = []
        start = offset
        for item in (*p.items, None):   # None: the end of the paragraph
            if isinstance(item, Run):
                stretch.append(item)
                continue
            text = "".join(r.text for r in stretch)
            items.extend(_replace_runs(stretch, edits(text, start)))
            start += len(text)
            stretch = []
            if isinstance(item, Footnote):
                items.append(item)
        paragraphs.append(Paragraph(tuple(items)))
        offset += len(p.text) + 1   # the "\n" between paragraphs in `plain`
    return RichText(tuple(paragraphs))


def _replace_runs(runs: list[Run], edits: list[tuple[int, int, str]]) -> list[Run]:
    if not edits:
        return runs
    text = "".join(r.text for r in runs)
    formats = [(r.bold, r.italic) for r in runs for _ in r.text]   # one per character
    out_text: list[str] = []
    out_formats: list[tuple[bool, bool]] = []
    last = 0
    for start, end, replacement in edits:
        out_text.append(text[last:start])
        out_formats.extend(formats[last:start])
        out_text.append(replacement)
        out_formats.extend([formats[start]] * len(replacement))
        last = end
    out_text.append(text[last:])
    out_formats.extend(formats[last:])
    new = "".join(out_text)
    result: list[Run] = []
    i = 0
    while i < len(new):   # the characters regrouped into runs of one format
        j = i
        while j < len(new) and out_formats[j] == out_formats[i]:
            j += 1
        result.append(Run(new[i:j], *out_formats[i]))
        i = j
    return result


__all__ = ["Query", "replace_at", "replace_rich", "replace_text"]
