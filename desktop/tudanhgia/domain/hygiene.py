""""Chuẩn hóa văn bản": the small typing slips a signed document should not carry, each found as a
change the officer sees before it is applied (never silently):
- two or more spaces between words → one;
- a space before , . ; : ! ? … → none ("tốt , hiệu quả" → "tốt, hiệu quả");
- spaces just inside brackets → none ("( nếu có )" → "(nếu có)");
- quotes as the document standard wants: typographic “…” ‘…’ or straight "…" '…';
- a word not in NFC (decomposed letters from Unikey's "tổ hợp" mode) → NFC.
Pure text: offsets are str indices in the paragraph given."""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

Quotes = Literal["typographic", "straight"]

_DOUBLE = re.compile(r"(?<=\S)[ \u00a0]{2,}(?=\S)")
_BEFORE_PUNCT = re.compile(r"(?<=\S)[ \u00a0]+(?=[,.;:!?…](?:\s|$|[\"”’)]))")
_INSIDE_OPEN = re.compile(r"([(\[])[ \u00a0]+(?=\S)")
_INSIDE_CLOSE = re.compile(r"(?<=\S)[ \u00a0]+([)\]])")
_WORD = re.compile(r"(?:[^\W\d_][\u0300-\u036f]*)+")   # letters, each with its combining marks

REASONS = {
    "double-space": "Nhiều dấu cách liền nhau",
    "space-before-punctuation": "Dấu cách trước dấu câu",
    "bracket-space": "Dấu cách sát trong ngoặc",
    "quotes": "Dấu ngoặc kép theo thể thức",
    "nfc": "Chữ tổ hợp (NFD) đổi thành chữ dựng sẵn (NFC)",
}


@dataclass(frozen=True)
class Fix:
    start: int
    end: int
    before: str
    after: str
    code: str    # a key of REASONS

    @property
    def reason(self) -> str:
        return REASONS[self.code]


def _quote_fixes(text: str, quotes: Quotes) -> list[Fix]:
    out: list[Fix] = []
    if quotes == "straight":
        for m in re.finditer("[“”„‟]", text):
            out.append(Fix(m.start(), m.end(), m.group(0), '"', "quotes"))
        for m in re.finditer("[‘’]", text):
            # an apostrophe inside a word stays as it is ("Ea H'leo"): only quotes around words
            inside = 0 < m.start() < len(text) - 1 and text[m.start() - 1].isalnum() and text[m.end()].isalnum()
            if not inside:
                out.append(Fix(m.start(), m.end(), m.group(0), "'", "quotes"))
        return out
    for mark, (opening, closing) in (('"', ("“", "”")), ("'", ("‘", "’"))):
        for m in re.finditer(re.escape(mark), text):
            i = m.start()
            before = text[i - 1] if i > 0 else " "
            after = text[i + 1] if i + 1 < len(text) else " "
            if mark == "'" and before.isalnum() and after.isalnum():
                continue   # an apostrophe inside a word
            opens = before.isspace() or before in "([{–—-/" or (i == 0)
            if not opens and not (before.isalnum() or before in ".,;:!?…)]}%"):
                opens = not after.isspace()
            out.append(Fix(i, i + 1, mark, opening if opens else closing, "quotes"))
    return out


def fixes(text: str, quotes: Quotes | None = "typographic") -> list[Fix]:
    """The changes "Chuẩn hóa văn bản" proposes for one paragraph, in order, never overlapping."""
    found: list[Fix] = []
    for m in _WORD.finditer(text):
        nfc = unicodedata.normalize("NFC", m.group(0))
        if nfc != m.group(0):
            found.append(Fix(m.start(), m.end(), m.group(0), nfc, "nfc"))
    for m in _DOUBLE.finditer(text):
        found.append(Fix(m.start(), m.end(), m.group(0), " ", "double-space"))
    for m in _BEFORE_PUNCT.finditer(text):
        found.append(Fix(m.start(), m.end(), m.group(0), "", "space-before-punctuation"))
    for m in _INSIDE_OPEN.finditer(text):
        found.append(Fix(m.start() + 1, m.end(), m.group(0)[1:], "", "bracket-space"))
    for m in _INSIDE_CLOSE.finditer(text):
        found.append(Fix(m.start(), m.end() - 1, m.group(0)[:-1], "", "bracket-space"))
    if quotes is not None:
        found += _quote_fixes(text, quotes)
    found.sort(key=lambda f: (f.start, f.end))
    kept: list[Fix] = []
    for f in found:   # the first of two overlapping changes wins; the next run finds the other
        if kept and f.start < kept[-1].end:
            continue
        kept.append(f)
    return kept


def apply(text: str, chosen: Iterable[Fix]) -> str:
    """`text` with the chosen changes made (from the end, so the offsets hold)."""
    for f in sorted(chosen, key=lambda f: f.start, reverse=True):
        if text[f.start:f.end] != f.before:
            raise ValueError(f"the text changed at {f.start}: {text[f.start:f.end]!r} is not {f.before!r}")
        text = text[:f.start] + f.after + text[f.end:]
    return text


def _visible(part: str) -> str:
    return part.replace(" ", "·").replace("\u00a0", "·")


def context(text: str, fix: Fix, width: int = 20) -> tuple[str, str]:
    """Before and after for the preview, with the words around: the changed part between bars and its
    spaces shown as dots: "khai|··|kịp" → "khai|·|kịp"; a removed space: "tốt|·|," → "tốt||,"."""
    lead = "…" if fix.start > width else ""
    tail = "…" if fix.end + width < len(text) else ""
    left, right = text[max(0, fix.start - width):fix.start], text[fix.end:fix.end + width]
    return (f"{lead}{left}|{_visible(fix.before)}|{right}{tail}", f"{lead}{left}|{_visible(fix.after)}|{right}{tail}")
