"""Pasted text made what the export prints (issue 13 point 8), after the normalisation every text
goes through (text.clean_text: NFC, Word's breaks as line breaks, control characters dropped).

The printed document separates paragraphs by its own spacing, never by empty lines, and several
of the program's own paths drop an empty line (a limitation's or a measure's text is stored line
by line, blank lines left out; the preview ends a paragraph's last line break in nothing). A blank
line pasted in would show on screen and vanish later. So, in a paste of several lines:
- an empty or blank paragraph (spaces, no-break spaces) is dropped;
- a run of soft line breaks (Word's Shift+Enter, \\v) with nothing but spaces between them ends
  the paragraph: the text after it is a paragraph of its own;
- a soft break at the start or the end of a paragraph is dropped;
- a single soft break inside a paragraph stays a line break, as Word prints it.
A paste of one line is left as it is (a space or a tab pasted on its own stays)."""
from __future__ import annotations

from .richtext import Footnote, Inline, Paragraph, RichText, Run

def _blank(items: list[Inline]) -> bool:
    return not any(isinstance(i, Footnote) or i.text.strip() for i in items)


def tidy_paste(rt: RichText) -> RichText:
    """`rt`, as pasted, with no blank line left in it (see above)."""
    if len(rt.paragraphs) <= 1 and "\n" not in rt.plain:
        return rt
    out: list[Paragraph] = []
    for p in rt.paragraphs:
        lines: list[list[Inline]] = [[]]
        for item in p.items:
            if isinstance(item, Footnote):
                lines[-1].append(item)
                continue
            for k, piece in enumerate(item.text.split("\n")):
                if k:
                    lines.append([])
                if piece:
                    lines[-1].append(Run(piece, item.bold, item.italic))
        paragraph: list[Inline] = []
        for line in [*lines, []]:   # a blank line (and the end) closes the paragraph gathered so far
            if _blank(line):
                if not _blank(paragraph):
                    out.append(Paragraph(tuple(paragraph)))
                paragraph = []
                continue
            if paragraph:
                paragraph.append(Run("\n"))
            paragraph.extend(line)
    return RichText(tuple(out))


def tidy_pasted_lines(text: str) -> str:
    """A multi-line plain text pasted into a field stored line by line: no blank line in it, no
    line break at its ends (clean_text has been applied)."""
    if "\n" not in text:
        return text
    return "\n".join(line for line in text.split("\n") if line.strip())


__all__ = ["tidy_paste", "tidy_pasted_lines"]
