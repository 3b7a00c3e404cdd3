"""Body text: paragraphs of bold/italic runs with inline footnotes.

The officer's text is kept as typed ("- " and "+ " stay text) after the one normalisation every
text goes through (`text.clean_text`: NFC, line breaks unified, control characters dropped), which
a Run applies when it is made: no RichText holds a character an export cannot write. Three
representations:
the domain objects below, a compact JSON form for the database, and a small markup for
hand-written files (docs/formats.md §1).
"""
from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from .text import clean_text

BOLD = 1
ITALIC = 2
_SURROGATE = re.compile("[\ud800-\udfff]")


@dataclass(frozen=True)
class Run:
    text: str
    bold: bool = False
    italic: bool = False

    def __post_init__(self):
        object.__setattr__(self, "text", clean_text(self.text))

    @property
    def flags(self) -> int:
        return (BOLD if self.bold else 0) | (ITALIC if self.italic else 0)

    def same_format(self, other: Run) -> bool:
        return self.bold == other.bold and self.italic == other.italic


@dataclass(frozen=True)
class Footnote:
    """A footnote placed at this point of the paragraph; its text travels with it."""

    runs: tuple[Run, ...]

    @property
    def text(self) -> str:
        return "".join(r.text for r in self.runs)


Inline = Run | Footnote


def _merge_runs(items: Iterable[Inline]) -> tuple[Inline, ...]:
    """Drop empty runs and merge neighbours with equal formatting: one canonical form."""
    out: list[Inline | list[Run]] = []   # neighbours of one format gathered, joined once at the end
    for it in items:
        if isinstance(it, Run):
            if not it.text:
                continue
            last = out[-1] if out else None
            if isinstance(last, list) and last[0].same_format(it):
                last.append(it)
            else:
                out.append([it])
        else:
            out.append(Footnote(tuple(r for r in _merge_runs(it.runs) if isinstance(r, Run))))
    return tuple((g[0] if len(g) == 1 else Run("".join(r.text for r in g), g[0].bold, g[0].italic))
                 if isinstance(g, list) else g for g in out)


@dataclass(frozen=True)
class Paragraph:
    items: tuple[Inline, ...] = ()

    def __post_init__(self):
        object.__setattr__(self, "items", _merge_runs(self.items))

    @classmethod
    def plain(cls, text: str) -> Paragraph:
        return cls((Run(text),))

    @property
    def text(self) -> str:
        """The paragraph's visible text (footnote texts excluded)."""
        # kept like the word count: the importer asks a long paragraph's text several times
        text = self.__dict__.get("_text")
        if text is None:
            text = "".join(i.text for i in self.items if isinstance(i, Run))
            object.__setattr__(self, "_text", text)
        return text

    def word_count(self) -> int:
        # kept on the (immutable) paragraph: a body re-read after typing reuses its untouched
        # paragraphs, and a 1 MB body's count is then a sum of kept numbers
        words = self.__dict__.get("_words")
        if words is None:
            words = len(self.text.split())
            object.__setattr__(self, "_words", words)
        return words

    @property
    def footnotes(self) -> list[Footnote]:
        return [i for i in self.items if isinstance(i, Footnote)]

    def runs(self) -> Iterator[Run]:
        return (i for i in self.items if isinstance(i, Run))

    def prefixed(self, prefix: Iterable[Run]) -> Paragraph:
        return Paragraph(tuple(prefix) + self.items)


@dataclass(frozen=True)
class RichText:
    paragraphs: tuple[Paragraph, ...] = field(default_factory=tuple)

    # --- construction -------------------------------------------------------------------
    @classmethod
    def from_plain(cls, text: str) -> RichText:
        """Each line of `text` a plain paragraph; blank lines are dropped."""
        return cls(tuple(Paragraph.plain(line) for line in text.split("\n") if line.strip()))

    @classmethod
    def from_markup(cls, markup: str) -> RichText:
        return cls(tuple(_parse_paragraph(line) for line in markup.split("\n") if line.strip()))

    @classmethod
    def from_json(cls, data: str | None) -> RichText:
        if not data:
            return cls()
        obj = json.loads(data)
        return cls(tuple(Paragraph(tuple(_inline_from_json(i) for i in p)) for p in obj.get("p", ())))

    @classmethod
    def by_paragraphs(cls, paragraphs: Iterable[Paragraph]) -> RichText:
        """The text of `paragraphs` whose `to_json` joins each paragraph's own JSON, kept on the
        paragraph: a body re-read after typing reuses its untouched paragraphs, and only those typed
        into are serialised again."""
        rt = cls(tuple(paragraphs))
        object.__setattr__(rt, "_by_paragraph", True)
        return rt

    # --- output -------------------------------------------------------------------------
    def to_json(self) -> str:
        if self.__dict__.get("_by_paragraph"):
            return '{"v":1,"p":[' + ",".join(paragraph_json(p) for p in self.paragraphs) + "]}"
        # UTF-8 text (1.5x smaller than ASCII escapes for Vietnamese); a lone surrogate, which
        # SQLite's UTF-8 cannot hold, stays a \\uXXXX escape so nothing is refused on the way in
        text = json.dumps({"v": 1, "p": [[_inline_to_json(i) for i in p.items] for p in self.paragraphs]},
                          ensure_ascii=False, separators=(",", ":"))
        return _escape_surrogates(text)

    def to_markup(self) -> str:
        return "\n".join(_paragraph_markup(p) for p in self.paragraphs)

    @property
    def plain(self) -> str:
        return "\n".join(p.text for p in self.paragraphs)

    def is_empty(self) -> bool:
        return not any(p.text.strip() or p.footnotes for p in self.paragraphs)

    def word_count(self) -> int:
        return sum(p.word_count() for p in self.paragraphs)

    def __bool__(self) -> bool:
        return not self.is_empty()

    def __add__(self, other: RichText) -> RichText:
        return RichText(self.paragraphs + other.paragraphs)


EMPTY = RichText()


# --- JSON ---------------------------------------------------------------------------------
def _escape_surrogates(text: str) -> str:
    return _SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def paragraph_json(p: Paragraph) -> str:
    """One paragraph as it stands in `RichText.to_json`, kept on the (immutable) paragraph."""
    known = p.__dict__.get("_json")
    if known is None:
        known = _escape_surrogates(json.dumps([_inline_to_json(i) for i in p.items], ensure_ascii=False,
                                              separators=(",", ":")))
        object.__setattr__(p, "_json", known)
    return known


def _inline_to_json(i: Inline):
    if isinstance(i, Footnote):
        return {"fn": [[r.text, r.flags] for r in i.runs]}
    return [i.text, i.flags]


def plain_from_json(data: str | None) -> str:
    """RichText.from_json(data).plain without building the text's objects (a sheet of 1,000 measures
    compares three texts a row)."""
    if not data:
        return ""
    return "\n".join("".join(o[0] for o in p if not isinstance(o, dict)) for p in json.loads(data).get("p", ()))


def _inline_from_json(o) -> Inline:
    if isinstance(o, dict):
        return Footnote(tuple(Run(t, bool(f & BOLD), bool(f & ITALIC)) for t, f in o["fn"]))
    t, f = o
    return Run(t, bool(f & BOLD), bool(f & ITALIC))


# --- markup -------------------------------------------------------------------------------
def _escape(text: str, in_note: bool) -> str:
    out = []
    for idx, ch in enumerate(text):
        if ch == "\\":
            out.append("\\\\")
        elif ch == "*":
            out.append("\\*")
        elif ch == "\n":
            out.append("\\n")
        elif ch == "[" and (in_note or text[idx + 1: idx + 2] == "^"):
            out.append("\\[")
        elif ch == "]" and in_note:
            out.append("\\]")
        else:
            out.append(ch)
    return "".join(out)


def _runs_markup(runs: Iterable[Run], in_note: bool) -> str:
    out: list[str] = []
    bold = italic = False
    for r in runs:
        if r.bold != bold and r.italic != italic:
            out.append("***")
        elif r.bold != bold:
            out.append("**")
        elif r.italic != italic:
            out.append("*")
        bold, italic = r.bold, r.italic
        out.append(_escape(r.text, in_note))
    if bold and italic:
        out.append("***")
    elif bold:
        out.append("**")
    elif italic:
        out.append("*")
    return "".join(out)


def _paragraph_markup(p: Paragraph) -> str:
    parts: list[str] = []
    pending: list[Run] = []
    for i in p.items:
        if isinstance(i, Run):
            pending.append(i)
        else:
            parts.append(_runs_markup(pending, False))
            pending = []
            parts.append("[^" + _runs_markup(i.runs, True) + "]")
    parts.append(_runs_markup(pending, False))
    text = "".join(parts)
    if not text:
        return "\\"  # a lone backslash marks an empty paragraph
    # a line of white space only would be skipped on reading: escape it
    return text if text.strip() else "".join("\\" + c for c in text)


def _parse_runs(s: str, pos: int, in_note: bool, bold: bool = False, italic: bool = False
                ) -> tuple[list[Run], int, bool, bool]:
    """Runs from `pos` up to the end, a footnote start (outside notes) or the closing `]`
    (inside notes). Returns the runs, the position reached and the formatting state."""
    runs: list[Run] = []
    buf: list[str] = []

    def flush():
        if buf:
            runs.append(Run("".join(buf), bold, italic))
            buf.clear()

    n = len(s)
    while pos < n:
        ch = s[pos]
        if ch == "\\" and pos + 1 < n:
            nxt = s[pos + 1]
            buf.append("\n" if nxt in "nr" else nxt)  # "\\r" from older files: a line break now
            pos += 2
            continue
        if ch == "*":
            stars = 1
            while pos + stars < n and s[pos + stars] == "*" and stars < 3:
                stars += 1
            flush()
            if stars == 3:
                bold, italic = not bold, not italic
            elif stars == 2:
                bold = not bold
            else:
                italic = not italic
            pos += stars
            continue
        if in_note and ch == "]":
            flush()
            return runs, pos + 1, bold, italic
        if not in_note and ch == "[" and s[pos + 1: pos + 2] == "^":
            flush()
            return runs, pos, bold, italic
        buf.append(ch)
        pos += 1
    flush()
    return runs, pos, bold, italic


def _parse_paragraph(line: str) -> Paragraph:
    if line == "\\":
        return Paragraph()
    items: list[Inline] = []
    pos, n = 0, len(line)
    bold = italic = False  # the body's formatting continues across a footnote
    while pos < n:
        runs, pos, bold, italic = _parse_runs(line, pos, False, bold, italic)
        items.extend(runs)
        if pos < n and line.startswith("[^", pos):
            note_runs, pos, _, _ = _parse_runs(line, pos + 2, True)
            items.append(Footnote(tuple(note_runs)))
    return Paragraph(tuple(items))


def to_plain_lines(rt: RichText) -> list[str]:
    return [p.text for p in rt.paragraphs]


# --- text safety ----------------------------------------------------------------------------
def clean_richtext(rt: RichText) -> RichText:
    """`rt` normalised: a Run normalises its text when made (`clean_text`), so rebuilding is all."""
    def run(r: Run) -> Run:
        return Run(r.text, r.bold, r.italic)

    return RichText(tuple(
        Paragraph(tuple(run(i) if isinstance(i, Run) else Footnote(tuple(run(r) for r in i.runs))
                        for i in p.items))
        for p in rt.paragraphs))
