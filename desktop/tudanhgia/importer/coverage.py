"""Nothing dropped, provably: how many of the source's words landed in the imported report, and
which source paragraphs (by position) did not land whole.

The report's words are those its export prints (render.text: header, outline, ratings, items,
signature, appendix, footnotes). A source paragraph printed whole is placed; the others' words
are looked for in what is left (measure). The unplaced section is part of the report, so text
put there counts as placed: the officer sees it."""
from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field

from ..domain.model import Report
from ..domain.text import fold
from .source import SourceDocument

_WORD = re.compile(r"[^\W_]+")
_MARKS = frozenset({"x"})    # an "x" marking an option is printed as a box, not as a word
# an outline label's token (IV, 2, b): the program numbers the outline itself, so a source that
# numbered two headings "IV." prints "IV." and "V." — a label renumbered is no text dropped
_LABEL = re.compile(r"(?:[ivxlc]{1,7}|\d{1,3}|[a-zđ])")   # "đ)" comes after "d)" in a Vietnamese list
# … forgiven only in the label a paragraph starts with ("IV.", "1.2.", "a)", "Phần thứ II"): the same
# token elsewhere ("Số 37/BC", "đã giải quyết 5 hồ sơ") is text, and its loss is counted
_LEAD = re.compile(r"^\W*(?:phần\s+(?:thứ\s+)?(?:[ivxlc]{1,7}|\d{1,3})\b|(?:[ivxlc]{1,7}|\d{1,3})(?:\.\d{1,3})*[.):]"
                   r"|[a-zđ]\))")


@dataclass(frozen=True)
class Missed:
    number: int        # the source paragraph's position (1 = the first)
    text: str
    words: int         # how many of its words are not in the report
    which: tuple[str, ...] = ()   # those words (case folded), for the officer to find them


@dataclass
class Coverage:
    words: int = 0                                  # words of the source
    placed: int = 0                                 # of them, found in the report
    missed: list[Missed] = field(default_factory=list)

    @property
    def complete(self) -> bool:
        return self.placed == self.words

    @property
    def percent(self) -> float:
        return 100.0 * self.placed / self.words if self.words else 100.0

    def summary(self) -> str:
        share = f"{self.percent:.2f}".rstrip("0").rstrip(".").replace(".", ",")
        head = f"Đã đưa {self.placed}/{self.words} từ của văn bản gốc vào báo cáo ({share}%)."
        if self.complete:
            return head + " Không bỏ sót đoạn nào."
        return head + f" {len(self.missed)} đoạn chưa vào đủ (xem danh sách)."

    def lines(self, width: int = 90) -> list[str]:
        """One line a missed paragraph: its position, how many words are missing, its beginning."""
        out = []
        for m in self.missed:
            text = " ".join(m.text.split())
            shown = text if len(text) <= width else text[:width - 1] + "…"
            which = ", ".join(m.which[:6]) + (", …" if len(m.which) > 6 else "")
            out.append(f"Đoạn {m.number}: thiếu {m.words} từ ({which}) — “{shown}”")
        return out


# a source paragraph not printed as it was is looked for in the whole printed text this many times;
# past them an index of the printed words is built (a source far from what is printed)
_SCANS = 64

_PARTY_TM = re.compile(r"(?<![^\W_])t\s*/\s*m(?![^\W_])")
# what commonly stands between words besides white space; a paragraph with anything else between
# its words (or none at all) is split by _WORD itself
_PUNCTUATION = ",.;:()-/%“”\"'‘’…?!–—+*[]«»☐☒•"


def _split(text: str) -> tuple[list[str], str]:
    """A paragraph's words, case folded (the words of fold(text), which only changes the white space
    between them: runs of letters and digits, what _WORD finds), and the same joined by single
    spaces. Split at white space once the usual punctuation is made white space: the same whenever
    the pieces are letters and digits only, and several times faster than the regular expression."""
    # a number is the same with its leading zeros ("ngày 3" printed "ngày 03", spec H6); the Party's
    # "T/M" is the authority "TM." a state standard prints
    folded = unicodedata.normalize("NFC", text).casefold()
    if "/" in folded:
        folded = _PARTY_TM.sub("tm", folded)
    spaced = folded
    for mark in _PUNCTUATION:
        if mark in spaced:
            spaced = spaced.replace(mark, " ")
    words = spaced.split()
    key = " ".join(words)
    if not key.replace(" ", "").isalnum():
        words = _WORD.findall(folded)
        key = " ".join(words)
    for mark in _MARKS:
        if key == mark or key.startswith(mark + " ") or key.endswith(" " + mark) or f" {mark} " in key:
            words = [w for w in words if w != mark]
            key = " ".join(words)
    if key.startswith("0") or " 0" in key:
        words = [w.lstrip("0") or "0" if w.isdecimal() else w for w in words]
        key = " ".join(words)
    return words, key


def _words(text: str) -> list[str]:
    return _split(text)[0]


class _Words:
    """Each text split once: the source's paragraphs are mostly the printed ones, word for word."""

    def __init__(self) -> None:
        self.known: dict[str, tuple[list[str], str]] = {}

    def __call__(self, text: str) -> tuple[list[str], str]:
        """The text's words and their key (joined by single spaces)."""
        found = self.known.get(text)
        if found is None:
            found = self.known[text] = _split(text)
        return found


def _printed(report: Report, split: _Words) -> list[tuple[list[str], str]]:
    """The words the export prints, paragraph by paragraph (a table's row, a header line each); a
    footnote's text without its reference number ("TTHC2" would not be the source's "TTHC")."""
    from ..render.layout import Layout, Para, layout
    from ..render.text import to_paragraphs
    out: list[tuple[list[str], str]] = []
    for block in layout(report).blocks:
        if isinstance(block, Para):
            p = block.paragraph
            out.append(split(p.text))
            out += [split(fn.text) for fn in p.footnotes]
        else:
            out += [split(line) for line in to_paragraphs(Layout([block], []))]
    return out


def measure(document: SourceDocument, report: Report) -> Coverage:
    """A source paragraph whose words the report prints in a row, in one of its paragraphs, is
    placed whole (each printed occurrence serves one source paragraph). The others take their
    words from what the whole paragraphs left, the longest first: a word short of that pool is
    charged to the shortest paragraph using it, most often the label or heading that lost it
    ("Phần thứ II" printed "Phần II")."""
    split = _Words()
    printed = _printed(report, split)
    exact: dict[str, int] = {}                          # printed paragraph (its key) → how many left
    words_of: dict[str, list[str]] = {}
    for words, key in printed:
        exact[key] = exact.get(key, 0) + 1
        words_of[key] = words
    where: dict[str, list[int]] = {}                    # word → the printed paragraphs holding it
    printed_text: list[str] = []                        # the printed keys, one a line
    asked = [0]

    def occurrences(key: str, words: list[str]) -> int:
        """How many times the printed paragraphs hold `key` as whole words."""
        asked[0] += 1
        if asked[0] <= _SCANS:   # the first few: one search through the printed text
            if not printed_text:
                printed_text.append("\n".join(k for _, k in printed))
            text = printed_text[0]
            found, at = 0, text.find(key)
            while at >= 0:
                end = at + len(key)
                if (at == 0 or text[at - 1] in " \n") and (end == len(text) or text[end] in " \n"):
                    found += 1
                    at = text.find(key, end)
                else:
                    at = text.find(key, at + 1)
            return found
        # then looked for only in the paragraphs holding its rarest word: linear in a long report
        if not where:
            for i, (p, _) in enumerate(printed):
                for w in set(p):
                    where.setdefault(w, []).append(i)
        rarest = min(set(words), key=lambda w: len(where.get(w, ())))
        pattern = re.compile(rf"(?<!\S){re.escape(key)}(?!\S)")
        return sum(len(pattern.findall(printed[i][1])) for i in where.get(rarest, ()))

    cov = Coverage()
    rest = []
    spent: list[list[str]] = []     # words placed beyond the printed paragraphs matched whole
    available: dict[str, int] = {}
    for line in document.lines:
        own, key = split(line.paragraph.text)
        notes = [split(fn.text) for fn in line.paragraph.footnotes]
        words = own + [w for note, _ in notes for w in note] if notes else own
        cov.words += len(words)
        notes_printed = all(not note or note_key in exact or occurrences(note_key, note)
                            for note, note_key in notes)
        if key and exact.get(key, 0) > 0 and notes_printed:     # most paragraphs: printed as they were
            exact[key] -= 1
            spent += [note for note, _ in notes]
        elif key and notes_printed and (available[key] if key in available else
                                        available.setdefault(key, occurrences(key, own))) > 0:
            available[key] -= 1
            spent.append(words)
        else:
            rest.append((line, words))
            continue
        cov.placed += len(words)
    if not rest:
        return cov
    # what the report prints beyond the placed paragraphs: the printed paragraphs not matched whole,
    # less the words placed inside other paragraphs
    pool: dict[str, int] = {}
    for key, left in exact.items():
        if left > 0:
            for w in words_of[key]:
                pool[w] = pool.get(w, 0) + left
    for placed in spent:
        for w in placed:
            pool[w] = pool.get(w, 0) - 1
    for line, words in sorted(rest, key=lambda x: -len(x[1])):
        missing = []
        lead = _LEAD.match(fold(line.paragraph.text))
        label = Counter(w for w in _words(lead.group(0)) if _LABEL.fullmatch(w)) if lead else Counter()
        for w in words:
            if pool.get(w, 0) > 0:
                pool[w] -= 1
            elif label[w] > 0:
                label[w] -= 1
            else:
                missing.append(w)
        cov.placed += len(words) - len(missing)
        if missing:
            cov.missed.append(Missed(line.number, line.text, len(missing), tuple(missing)))
    cov.missed.sort(key=lambda m: m.number)
    return cov
