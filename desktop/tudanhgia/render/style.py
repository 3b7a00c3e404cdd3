"""The house style: every measure of our documents in one place, in millimetres and points.

The numbers are those of spec/nd30.md that we chose inside the decree's ranges (rule ids in
comments). Plain Python and the standard library only: the DOCX backend turns them into
python-docx lengths, the HTML backend into px and pt, the preview into device pixels, so the
Word file, the preview and the PDF cannot drift apart. The document's words are not here: the
layout blocks carry them (render/layout.py).
"""
from __future__ import annotations

from dataclasses import dataclass

Millimetres = float
Points = float

MM_PER_INCH = 25.4
PT_PER_INCH = 72

PAGE_W_MM: Millimetres = 210   # A4 portrait (P1)
PAGE_H_MM: Millimetres = 297


@dataclass(frozen=True)
class HouseStyle:
    """Fonts, sizes, spacing and widths. Frozen and made of tuples, so a style can key a cache
    (the DOCX backend builds its template once per style)."""
    # fonts (P3)
    font: str = "Times New Roman"
    font_fallbacks: tuple[str, ...] = ("Liberation Serif", "Tinos")   # metric-compatible, for the preview
    symbol_font: str = "Segoe UI Symbol"   # has ☐ ☒; LibreOffice falls back to DejaVu Sans
    symbol_font_fallbacks: tuple[str, ...] = ("DejaVu Sans", "Noto Sans Symbols 2")
    language: str = "vi-VN"

    # font sizes per element
    body_pt: Points = 14                   # B1 13–14
    agency_pt: Points = 12                 # H1, H2 12–13
    national_pt: Points = 12               # H3 12–13 (13 pt bold wraps in a 100 mm column)
    motto_pt: Points = 13                  # H4 13–14
    number_pt: Points = 13                 # H5
    secrecy_pt: Points = 13                # H7
    urgency_pt: Points = 13                # H8 13–14
    date_pt: Points = 13                   # H6 13–14
    title_pt: Points = 14                  # T1, T2, A2, A3
    recipients_head_pt: Points = 12        # C1
    recipients_pt: Points = 11             # C2
    signer_pt: Points = 14                 # C4, C5, C7
    footnote_pt: Points = 11               # F1 10–12
    page_number_pt: Points = 14            # P4 13–14
    table_pt: Points = 13                  # A4

    # page (P2, P4)
    margins_mm: tuple[Millimetres, Millimetres, Millimetres, Millimetres] = (20, 20, 30, 15)  # top, bottom, left, right
    header_distance_mm: Millimetres = 10   # from the paper's top edge to the page number
    footer_distance_mm: Millimetres = 10

    # body (B1, B2)
    first_line_indent_mm: Millimetres = 10  # B1 1 cm
    space_after_pt: Points = 6             # B1 ≥ 6 pt
    line_spacing: float = 1.15             # B1 single to 1.5 lines
    part_label_before_pt: Points = 6       # B2 "Phần I" stands a little apart from what precedes it
    rating_gap_nbsp: int = 4               # R1 no-break spaces between two options on the line

    # header table (H1–H8)
    header_cols_mm: tuple[Millimetres, Millimetres] = (65, 100)   # ~67.5 + 100 in the templates, fitted to 165 mm
    number_date_before_pt: Points = 6      # H5, H6 stand a little below the names
    agency_rule_share: float = 0.4         # H2 the rule is 1/3–1/2 of the name's printed width
    cell_margins_mm: Millimetres = 4       # a cell's text is at most its width less the cell's margins
    urgency_frames_mm: tuple[tuple[str, Millimetres], ...] = (("KHẨN", 20), ("THƯỢNG KHẨN", 40), ("HỎA TỐC", 30))
    urgency_frame_other_mm: Millimetres = 30   # H8 a mark not in the decree's list

    # title (T1, T2)
    title_before_pt: Points = 18
    subject_rule_divisor: float = 3        # T2 the rule is 1/3 of the subject's printed width…
    subject_rule_min_mm: Millimetres = 25  # …but never shorter than this
    subject_rule_after_pt: Points = 12

    # the short rules: a border under an almost empty line of this size, this thick
    rule_line_pt: Points = 2
    rule_weight_pt: Points = 0.75

    # closing block (C1–C7)
    closing_cols_mm: tuple[Millimetres, Millimetres] = (58, 107)  # ~53 + 111, widened so recipients wrap less
    signature_space_lines: int = 4         # C6 3–5

    # appendix (A2–A4)
    attached_after_pt: Points = 12         # A3 space under "(Kèm theo …)", before the table
    appendix_cols_mm: tuple[Millimetres | None, ...] = (12, None, 22, 22, 22, 22)  # None takes the rest

    # drawn by the preview only (Word draws its own separator and frames)
    subject_rule_before_pt: Points = 1
    urgency_frame_padding_pt: Points = 1
    footnote_rule_mm: Millimetres = 50
    footnote_rule_before_pt: Points = 12
    footnote_rule_after_pt: Points = 3
    footnote_after_pt: Points = 2

    def urgency_frame_mm(self, mark: str) -> Millimetres:
        """The frame's width for an urgency mark in capitals (H8)."""
        return dict(self.urgency_frames_mm).get(mark, self.urgency_frame_other_mm)


STYLE = HouseStyle()


def text_area_mm(style: HouseStyle = STYLE) -> Millimetres:
    """The width between the left and right margins."""
    return PAGE_W_MM - style.margins_mm[2] - style.margins_mm[3]


def appendix_widths_mm(columns: int, style: HouseStyle = STYLE) -> list[Millimetres]:
    """The appendix table's column widths across the text area: the house widths when the table
    has their number of columns, equal shares otherwise."""
    area = text_area_mm(style)
    cols = style.appendix_cols_mm
    if columns != len(cols):
        return [area / max(columns, 1)] * columns
    rest = area - sum(w for w in cols if w is not None)
    return [rest if w is None else w for w in cols]


__all__ = ["HouseStyle", "MM_PER_INCH", "Millimetres", "PAGE_H_MM", "PAGE_W_MM", "PT_PER_INCH", "Points", "STYLE",
           "appendix_widths_mm", "text_area_mm"]
