"""HTML backend: layout blocks → HTML that QTextDocument renders faithfully (the print preview,
and Print / Xuất PDF on machines without Word). Standard HTML, so a browser shows it too.

It uses only what Qt's rich-text subset renders: lengths in px (Qt reads no pt or mm in margins
and indents; a CSS px is 1/96 inch, and the preview passes the DPI at which Qt reads px as
`px_per_inch`), font sizes in pt, full-width tables for whatever stands side by side, and cell
borders for the short rules (an <hr> prints as a hairline, and Qt misplaces tables that are
narrower than the text or nested in a cell once it scales to a printer).

Some blocks carry `-qt-user-state` (a browser ignores it) so the paginator can find them:
KEEP_WITH_NEXT on headings and part lines (Word's keep-with-next, which Qt lacks; not on a heading
with nothing under it, layout.bare_headings, as in the DOCX),
APPENDIX_START on the appendix title, where page numbers restart (A1), and SIGNATURE on the
blank line before the closing block's table, which moves to the next page whole (the DOCX's row
cannot split). The measures come from
the house style (render/style.py) that the DOCX backend uses too, and the words from the layout
blocks, so the two backends cannot drift apart.
"""
from __future__ import annotations

import html
from collections.abc import Iterable

from ..domain.model import LevelStyle
from ..domain.richtext import Footnote, clean_text
from .layout import (BOX_CHECKED, BOX_EMPTY, NBSP, Appendix, Header, Layout, PageBreak, Para, RatingLine, Role,
                     Signature, Table, Title, bare_headings, layout, render_blocks)
from .metrics import agency_rule_mm, motto_rule_mm, subject_rule_mm, text_width_mm
from .style import MM_PER_INCH, PT_PER_INCH, STYLE, HouseStyle, appendix_widths_mm, text_area_mm

KEEP_WITH_NEXT = 1
APPENDIX_START = 2
SIGNATURE = 3


def _cuts(width: float, lengths: Iterable[float]) -> list[float]:
    """Where lines of `lengths` centred in `width` begin and end, with 0 and `width`: the edges
    of the sub-columns that let each line be a run of cell borders."""
    cuts = {0.0, round(width, 2)}
    for x in lengths:
        if 0 < x < width:
            cuts |= {round((width - x) / 2, 2), round((width + x) / 2, 2)}
    return sorted(cuts)


def _span(cuts: list[float], width: float, length: float) -> tuple[int, int]:
    """The sub-columns [lo, hi) under a line of `length` centred in `width`."""
    if length <= 0:
        return 0, 0
    if length >= width:
        return 0, len(cuts) - 1
    return cuts.index(round((width - length) / 2, 2)), cuts.index(round((width + length) / 2, 2))


def _families(*names: str) -> str:
    """A CSS font-family list: named fonts quoted, the generic family last."""
    *named, generic = names
    return ", ".join([*(f"'{n}'" for n in named), generic])


def _esc(text: str) -> str:
    """Cleaned (control characters, Word's breaks, NFC) and escaped; typed line breaks kept."""
    return html.escape(clean_text(text or "")).replace("\n", "<br />")


class _HtmlWriter:
    def __init__(self, lay: Layout, style: HouseStyle, px_per_inch: float):
        self.lay, self.s, self.ppi = lay, style, px_per_inch
        self.bare = bare_headings(lay.blocks)   # kept with nothing, as in the DOCX
        self.out: list[str] = []
        self.note_number = 0
        self.page_break_pending = False
        self.notes_written = False
        self.families = _families(style.font, *style.font_fallbacks, "serif")
        self.symbol_families = _families(style.symbol_font, *style.symbol_font_fallbacks, "sans-serif")
        # the almost empty line whose bottom border is a short rule
        self.rule_row = f'<p style="margin:0px; font-size:{style.rule_line_pt:g}pt;">{NBSP}</p>'

    # units -------------------------------------------------------------------------------------
    def px(self, mm: float) -> str:
        return f"{mm / MM_PER_INCH * self.ppi:.2f}px"

    def pt_px(self, pt: float) -> str:
        """A vertical space given in pt, as px (Qt's margins take px only)."""
        return f"{pt / PT_PER_INCH * self.ppi:.2f}px"

    def text_width_mm(self) -> float:
        return text_area_mm(self.s)

    # building blocks ----------------------------------------------------------------------------
    def p(self, content: str, *, align: str = "justify", indent: bool = False, size: float | None = None,
          bold: bool = False, italic: bool = False, before: float = 0, after: float = 0,
          spaced: bool = False, state: int | None = None) -> str:
        """One paragraph. `spaced`: the body's line spacing (B1); `state`: a -qt-user-state marker."""
        css = [f"margin-top:{self.pt_px(before)}", f"margin-bottom:{self.pt_px(after)}", "margin-left:0px",
               "margin-right:0px", f"text-indent:{self.px(self.s.first_line_indent_mm) if indent else '0px'}",
               "white-space:pre-wrap"]  # the officer's spaces and tabs print as typed, as in the DOCX
        if spaced and self.s.line_spacing != 1.0:
            css.append(f"line-height:{round(self.s.line_spacing * 100)}%")
        if size is not None:
            css.append(f"font-size:{size:g}pt")
        if bold:
            css.append("font-weight:bold")
        if italic:
            css.append("font-style:italic")
        if state is not None:
            css.append(f"-qt-user-state:{state}")
        if self.page_break_pending:
            css.append("page-break-before:always")
            self.page_break_pending = False
        if not content:
            content = "\u00a0"  # an empty paragraph still takes its line (blank lines of C6)
        return f'<p align="{align}" style="{"; ".join(css)};">{content}</p>'

    def add(self, *parts: str) -> None:
        self.out.extend(parts)

    def box(self, glyph: str) -> str:
        # Times New Roman has no ☐/☒: name fonts that have them, as the DOCX does (R1, R2)
        return f'<span style="font-family:{self.symbol_families};">{glyph}</span>'

    def rule(self, length_mm: float, align: str = "center", before: float = 0, after: float = 0,
             kind: str = "solid") -> str:
        """A short solid line in the text area (T2, the footnote separator): the bottom border of
        one cell of a full-width table (Qt misplaces tables narrower than the text when it scales
        to a printer)."""
        width = self.text_width_mm()
        length = min(length_mm, width)
        cuts = _cuts(width, [length]) if align == "center" else sorted({0.0, round(length, 2), round(width, 2)})
        lo, hi = _span(cuts, width, length) if align == "center" else (0, 1)
        cells = "".join(
            f'<td width="{100 * (cuts[i + 1] - cuts[i]) / width:.2f}%" style="padding:0px;'
            f'{f" border-bottom:1px {kind} #000000;" if lo <= i < hi else ""}">{self.rule_row}</td>'
            for i in range(len(cuts) - 1))
        return (f'<table width="100%" cellspacing="0" cellpadding="0" border="0" style="border-collapse:collapse; '
                f'margin-top:{self.pt_px(before)}; margin-bottom:{self.pt_px(after)};"><tr>{cells}</tr></table>')

    def inline(self, items: Iterable) -> str:
        out = []
        for item in items:
            if isinstance(item, Footnote):
                self.note_number += 1
                out.append(f'<span style="vertical-align:super;">{self.note_number}</span>')
                continue
            text = _esc(item.text)
            if not text:
                continue
            if item.bold:
                text = f"<b>{text}</b>"
            if item.italic:
                text = f"<i>{text}</i>"
            out.append(text)
        return "".join(out)

    # the document ---------------------------------------------------------------------------------
    def page_break(self, _block: PageBreak) -> None:
        self.footnotes()  # the main document's notes end it, before an appendix
        self.page_break_pending = True

    def build(self) -> str:
        render_blocks(self.lay, self)
        self.footnotes()
        s = self.s
        return (f'<!DOCTYPE html>\n<html lang="{s.language.split("-")[0]}"><head><meta charset="utf-8" /></head>\n'
                f'<body style="font-family:{self.families}; font-size:{s.body_pt:g}pt; color:#000000;">\n'
                + "\n".join(self.out) + "\n</body></html>\n")

    # header table (H1–H8) -------------------------------------------------------------------------
    def column(self, width_mm: float, rows: list[tuple]) -> str:
        """One column of the header as a full-width table of its own, so each column's lines
        hug its own text as in the DOCX's cells. `rows`: ("p", html) | ("rule", length_mm) |
        ("frame", length_mm, html). Rules and frames are cell borders over sub-columns cut at
        their ends (Qt ignores the width of a nested table but keeps its columns' shares)."""
        lengths = [r[1] for r in rows if r[0] in ("rule", "frame")]
        cuts = _cuts(width_mm, lengths)
        n = len(cuts) - 1

        def cell(i: int, css: str = "") -> str:
            share = 100 * (cuts[i + 1] - cuts[i]) / width_mm
            return f'<td width="{share:.2f}%" style="padding:0px;{css}">{self.rule_row}</td>'

        out = []
        for r in rows:
            if r[0] == "p":
                out.append(f'<tr><td colspan="{n}" style="padding:0px;">{r[1]}</td></tr>')
                continue
            lo, hi = _span(cuts, width_mm, r[1])
            if hi <= lo:
                continue
            if r[0] == "rule":
                out.append("<tr>" + "".join(cell(i, " border-bottom:1px solid #000000;" if lo <= i < hi else "")
                                            for i in range(n)) + "</tr>")
            else:
                framed = (f'<td colspan="{hi - lo}" style="padding:0px; border:1px solid #000000;">{r[2]}</td>')
                out.append("<tr>" + "".join(cell(i) for i in range(lo)) + framed
                           + "".join(cell(i) for i in range(hi, n)) + "</tr>")
        return ('<table width="100%" cellspacing="0" cellpadding="0" border="0" style="border-collapse:collapse;">'
                + "".join(out) + "</table>")

    def header(self, h: Header) -> None:
        s = self.s
        left_w, right_w = s.header_cols_mm
        total = left_w + right_w
        agency = h.issuing_agency.upper()
        left_top = self.column(left_w, [
            ("p", self.p(_esc(h.parent_agency.upper()), align="center", size=s.agency_pt)),        # H1
            ("p", self.p(_esc(agency), align="center", size=s.agency_pt, bold=True)),               # H2
            ("p", self.p("*", align="center", size=s.agency_pt)) if s.agency_mark == "star"
            else ("rule", agency_rule_mm(agency, s))])
        right: list[tuple] = [("p", self.p(_esc(h.national), align="center", size=s.national_pt, bold=True))]  # H3
        if s.national_rule:
            right.append(("rule", min(text_width_mm(h.national, s.national_pt, True), right_w)))
        if h.motto:
            right += [("p", self.p(_esc(h.motto), align="center", size=s.motto_pt, bold=True)),   # H4
                      ("rule", motto_rule_mm(h.motto, s))]
        right_top = self.column(right_w, right)
        number: list[tuple] = [("p", self.p(_esc(h.number_line), align="center", size=s.number_pt,
                                            before=s.number_date_before_pt))]
        if h.secrecy:                                                                                # H7
            number.append(("p", self.p(_esc(h.secrecy.upper()), align="center", size=s.secrecy_pt, bold=True)))
        if h.urgency:                                                                                # H8
            urgency = h.urgency.upper()
            pad = s.urgency_frame_padding_pt
            number.append(("frame", s.urgency_frame_mm(urgency),
                           self.p(_esc(urgency), align="center", size=s.urgency_pt, bold=True, before=pad, after=pad)))
        date = self.p(_esc(h.place_date), align="center", size=s.date_pt, italic=True,                # H6
                      before=s.number_date_before_pt)
        lw, rw = f"{100 * left_w / total:.2f}%", f"{100 * right_w / total:.2f}%"
        self.add('<table width="100%" cellspacing="0" cellpadding="0" border="0" style="border-collapse:collapse;">',
                 f'<tr><td width="{lw}" valign="top" style="padding:0px;">{left_top}</td>'
                 f'<td width="{rw}" valign="top" style="padding:0px;">{right_top}</td></tr>',
                 f'<tr><td width="{lw}" valign="top" style="padding:0px;">{self.column(left_w, number)}</td>'
                 f'<td width="{rw}" valign="top" style="padding:0px;">{date}</td></tr>',
                 "</table>")

    # title (T1, T2) --------------------------------------------------------------------------------
    def title(self, t: Title) -> None:
        s = self.s
        self.add(self.p(_esc(t.kind_name.upper()), align="center", size=s.title_pt, bold=True,
                        before=s.title_before_pt))
        if t.subject:
            for line in t.subject.split("\n"):
                self.add(self.p(_esc(line), align="center", size=s.title_pt, bold=True))
            self.add(self.rule(subject_rule_mm(t.subject, s), before=s.subject_rule_before_pt,
                               after=s.subject_rule_after_pt,
                               kind="dashed" if s.subject_rule_dash == "dashed" else "solid"))

    # paragraphs (B1–B8, R1–R3) -------------------------------------------------------------------------
    def para(self, b: Para) -> None:
        s = self.s
        role = b.role
        if role is Role.PART_LABEL:
            self.add(self.p(self.inline(b.paragraph.items), align="center", bold=True, before=s.part_label_before_pt,
                            state=KEEP_WITH_NEXT))
            return
        keep = None if id(b) in self.bare else KEEP_WITH_NEXT
        if role is Role.PART_TITLE:
            self.add(self.p(self.inline(b.paragraph.items), align="center", bold=True, after=s.space_after_pt,
                            state=keep))
            return
        if role is Role.HEADING:
            level = b.style or LevelStyle()
            self.add(self.p(self.inline(b.paragraph.items), indent=True, bold=level.bold, italic=level.italic,
                            after=s.space_after_pt, spaced=True, state=keep))
            return
        content = self.inline(b.paragraph.items)
        text = b.paragraph.text
        if role is Role.CLASSIFICATION_OPTION and text[:1] in (BOX_CHECKED, BOX_EMPTY):
            content = self.box(text[:1]) + _esc(text[1:])
        self.add(self.p(content, indent=True, bold=role is Role.SCORE_TOTAL, after=s.space_after_pt, spaced=True))

    def rating(self, b: RatingLine) -> None:
        gap = NBSP * self.s.rating_gap_nbsp
        parts = []
        for i, option in enumerate(b.options):
            glyph = BOX_CHECKED if i == b.chosen else BOX_EMPTY
            parts.append(f"{gap if i else ''}{self.box(glyph)}{NBSP}{_esc(option)}")
        self.add(self.p("".join(parts), align="left", indent=True, after=self.s.space_after_pt, spaced=True))

    # closing block (C1–C7) -------------------------------------------------------------------------------
    def signature(self, sig: Signature) -> None:
        s = self.s
        left_w, right_w = (1, 1) if sig.left_title else s.closing_cols_mm   # two signatures share the width
        total = left_w + right_w
        head = _esc(sig.recipients_head)
        if s.recipients_head_underline:
            head = f"<u>{head}</u>"
        left = [self.p(head, align="left", size=s.recipients_head_pt, bold=s.recipients_head_bold,
                       italic=s.recipients_head_italic)]
        left += [self.p(_esc(line), align="left", size=s.recipients_pt) for line in sig.recipients]
        if sig.left_title:   # the manager's signature (a form signed by two), as in the DOCX
            left = [self.p(_esc(line), align="center", size=s.signer_pt, bold=True) for line in sig.left_title]
        right = [self.p(_esc(line), align="center", size=s.signer_pt, bold=True) for line in sig.authority_lines]
        right += [self.p("", align="center", size=s.signer_pt) for _ in range(s.signature_space_lines)]
        right.append(self.p(_esc(sig.name), align="center", size=s.signer_pt, bold=True))
        # breathing space after the last paragraph, as in the DOCX; marked so the paginator finds the table
        self.add(self.p("", align="left", state=SIGNATURE),
                 '<table width="100%" cellspacing="0" cellpadding="0" border="0" style="border-collapse:collapse;">',
                 f'<tr><td width="{100 * left_w / total:.1f}%" valign="top">{"".join(left)}</td>'
                 f'<td width="{100 * right_w / total:.1f}%" valign="top">{"".join(right)}</td></tr>',
                 "</table>")

    # footnotes (F1) ----------------------------------------------------------------------------------
    def footnotes(self) -> None:
        """QTextDocument has no page-foot footnotes: the notes follow the main document under a
        short rule (as Word's separator), numbered as their superscript references."""
        if self.notes_written or not self.lay.footnotes:
            return
        self.notes_written = True
        s = self.s
        self.add(self.rule(s.footnote_rule_mm, align="left", before=s.footnote_rule_before_pt,
                           after=s.footnote_rule_after_pt))
        for i, note in enumerate(self.lay.footnotes, 1):
            runs = [item for p in note.paragraphs for item in p.items if not isinstance(item, Footnote)]
            self.add(self.p(f'<span style="vertical-align:super;">{i}</span> ' + self.inline(runs),
                            size=s.footnote_pt, after=s.footnote_after_pt))

    # appendix (A1–A4) -------------------------------------------------------------------------------
    def appendix(self, a: Appendix) -> None:
        s = self.s
        self.add(self.p(_esc(a.title.upper()), align="center", size=s.title_pt, bold=True, state=APPENDIX_START))
        self.add(self.p(_esc(a.attached_to), align="center", size=s.title_pt, italic=True, after=s.attached_after_pt))

    def table(self, t: Table) -> None:
        s = self.s
        area = self.text_width_mm()
        widths = appendix_widths_mm(len(t.header), s, t.widths_mm)
        css = ("border-collapse:collapse; border-style:solid; border-color:#000000; "
               + ("page-break-before:always; " if self.page_break_pending else "")
               # Qt drops the bottom margin of the paragraph before a table: the table keeps it
               + f"margin-top:{self.pt_px(s.attached_after_pt)};")
        self.page_break_pending = False
        rows = ['<table width="100%" border="1" cellspacing="0" cellpadding="4" '
                f'style="{css}">', "<thead><tr>"]  # <thead>: Qt repeats the header row on each page (A4)
        for w, head in zip(widths, t.header, strict=True):
            rows.append(f'<td width="{100 * w / area:.1f}%" valign="middle">'
                        f'{self.p(_esc(head), align="center", size=s.table_pt, bold=True)}</td>')
        rows.append("</tr></thead><tbody>")
        for r, values in enumerate(t.rows):
            cells = []
            for i, value in enumerate(values):
                align = "right" if i in t.numeric_columns else "center" if i == 0 else "left"
                text = self.p(_esc(value), align=align, size=s.table_pt, bold=r in t.bold_rows)
                cells.append(f'<td valign="top">{text}</td>')
            rows.append("<tr>" + "".join(cells) + "</tr>")
        rows.append("</tbody></table>")
        self.add(*rows)


def to_html(lay: Layout, style: HouseStyle | None = None, *, px_per_inch: float = 96.0) -> str:
    """The layout as one HTML document. `px_per_inch`: what a CSS px is worth on the target
    (96 in a browser; QTextDocument's default DPI in Qt)."""
    return _HtmlWriter(lay, style or STYLE, px_per_inch).build()


def report_style(report) -> HouseStyle:
    """The document standard `report` is printed in (the preview draws the page in it)."""
    from .standards import standard_of
    return standard_of(report)


def report_html(report, px_per_inch: float = 96.0) -> str:
    style = report_style(report)
    return to_html(layout(report, style), style, px_per_inch=px_per_inch)


__all__ = ["APPENDIX_START", "KEEP_WITH_NEXT", "SIGNATURE", "report_html", "report_style", "to_html"]
