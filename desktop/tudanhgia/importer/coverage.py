"""Nothing dropped, provably: how many of the source's words landed in the imported report, and
which source paragraphs (by position) did not land whole.

The report's words are those its export prints (render.text: header, outline, ratings, items,
signature, appendix, footnotes). Each source paragraph, in order, takes its words from that pool;
a word the pool no longer holds was dropped. The unplaced section is part of the report, so text
put there counts as placed: the officer sees it."""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from ..domain.model import Report
from ..domain.text import fold
from .source import SourceDocument

_WORD = re.compile(r"[^\W_]+")
_MARKS = frozenset({"x"})    # an "x" marking an option is printed as a box, not as a word


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


def _words(text: str) -> list[str]:
    return [w for w in _WORD.findall(fold(text)) if w not in _MARKS]


def _printed_words(report: Report) -> list[str]:
    """The words the export prints; a footnote's text without its reference number (printed after
    the word it follows, "TTHC2" would not be the source's "TTHC")."""
    from ..render.layout import Layout, Para, layout
    from ..render.text import to_paragraphs
    words: list[str] = []
    for block in layout(report).blocks:
        if isinstance(block, Para):
            p = block.paragraph
            words += _words(p.text + " " + " ".join(fn.text for fn in p.footnotes))
        else:
            words += _words("\n".join(to_paragraphs(Layout([block], []))))
    return words


def measure(document: SourceDocument, report: Report) -> Coverage:
    pool = Counter(_printed_words(report))
    cov = Coverage()
    # long paragraphs take their words first: a word short of the pool is charged to the shortest
    # paragraph using it, most often the label or heading that lost it ("Phần thứ II" → "Phần II")
    for line in sorted(document.lines, key=lambda ln: -len(ln.text)):
        text = line.paragraph.text + " " + " ".join(fn.text for fn in line.paragraph.footnotes)
        words = _words(text)
        missing = []
        for w in words:
            if pool[w] > 0:
                pool[w] -= 1
            else:
                missing.append(w)
        cov.words += len(words)
        cov.placed += len(words) - len(missing)
        if missing:
            cov.missed.append(Missed(line.number, line.text, len(missing), tuple(missing)))
    cov.missed.sort(key=lambda m: m.number)
    return cov
