"""Text hygiene for the editor: the quotes the report's document standard wants, and the paragraphs
of a text that are in a legacy 8-bit encoding (TCVN3/ABC, VNI: "Thùc hiÖn" for "Thực hiện"),
each with its conversion to show before it is applied (importer/legacy.py detects and converts)."""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..domain.hygiene import Quotes
from ..importer import legacy


def quotes_for(report) -> Quotes:
    """Typographic “…” unless the report's document standard says "straight" ([text] quotes)."""
    from ..render.standards import standard_of
    try:
        wanted = getattr(standard_of(report), "quotes", "typographic")
    except Exception:   # an unreadable standard file must not stop the tidy-up: the usual quotes
        wanted = "typographic"
    return "straight" if wanted == "straight" else "typographic"


@dataclass(frozen=True)
class LegacyParagraph:
    index: int        # the paragraph's place in the list given
    encoding: str     # "TCVN3 (ABC)" or "VNI", as the officer knows them
    before: str
    after: str


def legacy_paragraphs(paragraphs: list[str]) -> list[LegacyParagraph]:
    """The paragraphs that read as TCVN3 or VNI text, each with its Unicode conversion; each
    paragraph is judged on its own (a pasted fragment among Unicode text)."""
    out = []
    for i, text in enumerate(paragraphs):
        if not text.strip() or text.isascii():
            continue
        encoding = legacy.detect(text)
        if encoding is None:
            continue
        # a TCVN3 "ư" copied out of a PDF is a minus sign: its words are read as 8-bit text too
        converted = convert_fragment(legacy.restore_soft_hyphens(text) if encoding == legacy.TCVN3 else text, encoding)
        if converted != text:
            out.append(LegacyParagraph(i, legacy.NAMES[encoding], text, converted))
    return out


# a word as importer/legacy.py reads one: between spaces, digits and ASCII punctuation
_WORD = re.compile(r"[^\s\d.,;:!?()\[\]{}\"'“”‘’/\\<>|=+*&%$#@^~`_–—…-]+")


def _latin1(word: str) -> bool:
    return all(ord(c) < 0x100 for c in word)


def convert_fragment(text: str, encoding: str) -> str:
    """`text` with its legacy fragment converted and its Unicode words left alone: the words that
    only a conversion makes Vietnamese mark the fragment; it extends over the neighbouring words
    of Latin-1 letters that convert to syllables ("Thùc" before "hiÖn") within its sentence, never
    over a word with a letter only Unicode has ("đã", "nhiệm") — converting those would spoil them
    ("đã" → "đó", "báo" → "bỏo")."""
    words = list(_WORD.finditer(text))

    def converts(i: int) -> bool:
        w = words[i].group(0)
        c = legacy.to_unicode(w, encoding)
        return _latin1(w) and c != w and legacy.is_vietnamese_syllable(c)

    marks = [i for i in range(len(words)) if converts(i) and not legacy.is_vietnamese_syllable(words[i].group(0))]
    if not marks:
        return text
    chosen: set[int] = set()
    for i in marks:
        chosen.add(i)
        for step in (-1, 1):
            j = i + step
            while 0 <= j < len(words) and _latin1(words[j].group(0)) and (converts(j) or words[j].group(0).isascii()):
                between = text[words[min(j, j - step)].end():words[max(j, j - step)].start()]
                if any(c in between for c in ".;:!?\n"):
                    break   # not across a sentence's end: "Đơn vị đã báo cáo. Thùc hiÖn…"
                chosen.add(j)
                j += step
    out, last = [], 0
    for i in sorted(chosen):
        m = words[i]
        out.append(text[last:m.start()])
        out.append(legacy.to_unicode(m.group(0), encoding))
        last = m.end()
    out.append(text[last:])
    return "".join(out)
