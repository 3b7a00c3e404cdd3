"""The document standard: every measure of our documents in one place, in millimetres and points,
and the few fixed words a standard decides (the national line, "Số:", "Nơi nhận:", the archive line).

The defaults are those of spec/nd30.md that we chose inside the decree's ranges (rule ids in
comments): Nghị định 30/2020/NĐ-CP. The shipped standards are data — resources/standards/*.toml,
read by render/standards.py — so a unit corrects a measure or a word without code. Plain Python and
the standard library only: the DOCX backend turns them into python-docx lengths, the HTML backend
into px and pt, the preview into device pixels, so the Word file, the preview and the PDF cannot
drift apart. The officer's words are not here: the layout blocks carry them (render/layout.py).
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
    """Fonts, sizes, spacing, widths and a standard's fixed words. Frozen and made of tuples, so a
    style can key a cache (the DOCX backend builds its template once per style)."""
    # which standard this is (resources/standards/<id>.toml)
    standard_id: str = "nd30"
    standard_name: str = "Nghị định 30/2020/NĐ-CP"

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

    # the standard's fixed words and marks (H3–H5, T2, C1–C4)
    national: str = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"   # H3 (spelt "HÒA")
    motto: str = "Độc lập - Tự do - Hạnh phúc"             # H4; "" = none (the Party's header)
    national_rule: bool = False            # a rule under the national line itself (when there is no motto)
    agency_mark: str = "rule"              # under the issuing agency: "rule" (H2) or "star" (the Party's "*")
    number_label: str = "Số:"              # H5 "Số: 05/BC-VP"
    number_joiner: str = "/"               # between the number and the ký hiệu
    symbol_separator: str = "-"            # inside the ký hiệu, between the kind and the issuer ("BC-VP")
    subject_rule_dash: str = "single"      # T2 the line under the subject: "single" or "dashed"
    recipients_head: str = "Nơi nhận:"     # C1
    recipients_head_bold: bool = True
    recipients_head_italic: bool = True
    recipients_head_underline: bool = False
    archive_line: str = "- Lưu: {archive}."   # C3
    archive_drop: tuple[str, ...] = ()     # archive entries the standard does not print ("VT" in the Party's)
    archive_default: str = "VT"            # printed when nothing is left of the unit's archive entries
    authority_words: tuple[tuple[str, str], ...] = ()   # C4 "TM." printed as "T/M" …
    tone_marks: str = "old"                # "old": hòa, thủy, khỏe; "new": hoà, thuỷ, khoẻ (domain/tone_marks.py)
    quotes: str = "typographic"            # “…” or straight "…" (the text hygiene's "Chuẩn hóa văn bản")

    def urgency_frame_mm(self, mark: str) -> Millimetres:
        """The frame's width for an urgency mark in capitals (H8)."""
        return dict(self.urgency_frames_mm).get(mark, self.urgency_frame_other_mm)


STYLE = HouseStyle()


def text_area_mm(style: HouseStyle = STYLE) -> Millimetres:
    """The width between the left and right margins."""
    return PAGE_W_MM - style.margins_mm[2] - style.margins_mm[3]


def appendix_widths_mm(columns: int, style: HouseStyle = STYLE,
                       cols: tuple[Millimetres | None, ...] | None = None) -> list[Millimetres]:
    """The appendix table's column widths across the text area: the house widths (or a table's own
    `cols`) when the table has their number of columns, equal shares otherwise."""
    area = text_area_mm(style)
    cols = style.appendix_cols_mm if cols is None else cols
    if columns != len(cols):
        return [area / max(columns, 1)] * columns
    rest = area - sum(w for w in cols if w is not None)
    return [rest if w is None else w for w in cols]


__all__ = ["HouseStyle", "MM_PER_INCH", "Millimetres", "PAGE_H_MM", "PAGE_W_MM", "PT_PER_INCH", "Points", "STYLE",
           "appendix_widths_mm", "text_area_mm"]
