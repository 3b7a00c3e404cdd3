"""Plain-text backend: the document as paragraphs of text (CLI, search, fidelity tests).

Footnote references print as their number right after the text (as a PDF extraction shows
them) and the footnotes follow the document, "N text"."""
from __future__ import annotations

from ..domain.richtext import Footnote, Paragraph
from .layout import (BOX_CHECKED, BOX_EMPTY, Appendix, Header, Layout, PageBreak, Para, RatingLine,
                     Signature, Table, Title)


def _para_text(p: Paragraph, counter: list[int]) -> str:
    out = []
    for item in p.items:
        if isinstance(item, Footnote):
            counter[0] += 1
            out.append(str(counter[0]))
        else:
            out.append(item.text)
    return "".join(out)


def to_paragraphs(lay: Layout) -> list[str]:
    out: list[str] = []
    counter = [0]
    for b in lay.blocks:
        if isinstance(b, Header):
            out += [x for x in (b.parent_agency, b.issuing_agency, b.national, b.motto, b.number_line,
                                b.place_date, b.secrecy, b.urgency) if x]
        elif isinstance(b, Title):
            out += [x for x in (b.kind_name, b.subject) if x]
        elif isinstance(b, Para):
            out.append(_para_text(b.paragraph, counter))
        elif isinstance(b, RatingLine):
            out.append(" ".join(f"{BOX_CHECKED if i == b.chosen else BOX_EMPTY} {o}" for i, o in enumerate(b.options)))
        elif isinstance(b, Signature):
            out += b.left_title
            if b.recipients_head:
                out.append(b.recipients_head)
            out += b.recipients
            out += b.authority_lines
            out.append(b.name)
        elif isinstance(b, Appendix):
            out += [b.title, b.attached_to]
        elif isinstance(b, Table):
            out.append("\t".join(b.header))
            out += ["\t".join(row) for row in b.rows]
        elif isinstance(b, PageBreak):
            continue
    for i, note in enumerate(lay.footnotes, 1):
        out.append(f"{i} {note.plain}")
    return out


def report_text(report) -> str:
    from .layout import layout
    return "\n".join(to_paragraphs(layout(report)))
