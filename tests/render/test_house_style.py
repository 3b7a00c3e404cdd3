"""The house values, not just the decree's ranges.

spec/nd30.md gives ranges (top margin 20–25 mm, national name 12–13 pt, …); we chose one value in
each (the "default" column there, `HouseStyle` in render/docx_writer.py, explained in its
comments). A change inside the range is still a change of every document an agency prints, so
these tests pin the chosen values exactly, read back from the exported files. The numbers are
written out here on purpose rather than taken from `HouseStyle`: a test that reads the constant
it checks cannot catch a wrong constant.
"""
from __future__ import annotations

import zipfile

import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from lxml import etree

from docx_read import all_paragraphs, body_items, footnotes_part, run_font

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
TWIPS_PER_MM = 1440 / 25.4

# spec/nd30.md "default" column and HouseStyle, as twentieths of a point in the file
MARGINS_MM = {"top": 20, "bottom": 20, "left": 30, "right": 15}      # P2
HEADER_COLS_MM = [65, 100]                                            # H: ~67.5 + 100, fitted to 165 mm
CLOSING_COLS_MM = [58, 107]                                           # C: ~53 + 111
BODY_PT, TITLE_PT, FOOTNOTE_PT, PAGE_NUMBER_PT, TABLE_PT = 14, 14, 11, 14, 13
PARENT_PT, ISSUING_PT, NATIONAL_PT, MOTTO_PT, NUMBER_PT, DATE_PT = 12, 12, 12, 13, 13, 13
RECIPIENTS_HEAD_PT, RECIPIENTS_PT, SIGNER_PT = 12, 11, 14
FIRST_LINE_INDENT_MM, SPACE_AFTER_PT, LINE_SPACING = 10, 6, 1.15
SIGNATURE_BLANK_LINES = 4

DOC_KEYS = [1, 2, 3, "theme"]


def _twips(mm: float) -> int:
    return round(mm * TWIPS_PER_MM)


def _header_table(doc):
    return next(i for i in body_items(doc) if hasattr(i, "rows"))


def _texts(cell):
    return [p for p in cell.paragraphs if p.text.strip()]


@pytest.mark.parametrize("key", DOC_KEYS)
def test_margins_are_the_house_values_in_every_section(docs, key):
    for sec in docs[key].sections:
        pg_mar = sec._sectPr.find(f"{W}pgMar")
        got = {side: int(pg_mar.get(f"{W}{side}")) for side in MARGINS_MM}
        assert got == {side: _twips(mm) for side, mm in MARGINS_MM.items()}, got
        assert (sec.page_width, sec.page_height) == (_twips(210) * 635, _twips(297) * 635)  # EMU = twips × 635
        assert sec.page_width < sec.page_height  # portrait (P1)


@pytest.mark.parametrize("key", DOC_KEYS)
def test_header_block_sizes_and_weights(docs, key):
    table = _header_table(docs[key])
    (tl, tr), (bl, br) = (row.cells for row in table.rows)
    parent, issuing = _texts(tl)
    national, motto = _texts(tr)
    assert national.text == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    assert motto.text == "Độc lập - Tự do - Hạnh phúc"
    expected = [(parent, PARENT_PT, False, False), (issuing, ISSUING_PT, True, False),
                (national, NATIONAL_PT, True, False), (motto, MOTTO_PT, True, False),
                (_texts(bl)[0], NUMBER_PT, False, False), (_texts(br)[0], DATE_PT, False, True)]
    for p, size, bold, italic in expected:
        for run in p.runs:
            assert run_font(run) == ("Times New Roman", size, bold, italic), (p.text, run_font(run))
    for row in table.rows:
        assert [round(c.width.mm) for c in row.cells] == HEADER_COLS_MM
    grid = [int(g.get(f"{W}w")) for g in table._tbl.find(f"{W}tblGrid")]
    assert grid == [_twips(mm) for mm in HEADER_COLS_MM]


@pytest.mark.parametrize("key", DOC_KEYS)
def test_title_lines_are_14_pt_bold_centred(docs, key):
    titles = [p for p in docs[key].paragraphs if p.style.name == "TDG Title" and p.text.strip()]
    assert len(titles) >= 2  # kind name and subject (T1, T2)
    for p in titles:
        assert p.style.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.CENTER
        for run in p.runs:
            assert run_font(run)[1:3] == (TITLE_PT, True), p.text


@pytest.mark.parametrize("key", DOC_KEYS)
def test_body_paragraph_style_is_the_house_style(docs, key):
    body = docs[key].styles["TDG Body"]
    pf = body.paragraph_format
    assert pf.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY
    assert pf.first_line_indent == _twips(FIRST_LINE_INDENT_MM) * 635
    assert pf.space_after.pt == SPACE_AFTER_PT and pf.space_before.pt == 0
    assert pf.line_spacing == pytest.approx(LINE_SPACING)
    assert body.font.size.pt == BODY_PT and body.font.name == "Times New Roman"
    paras = [p for p in docs[key].paragraphs if p.style.name == "TDG Body" and p.text.strip()]
    assert paras
    for p in paras:
        assert p.paragraph_format.first_line_indent is None and p.paragraph_format.line_spacing is None
        for run in p.runs:
            if run.text.strip():
                font = "Segoe UI Symbol" if run.text in ("☐", "☒") else "Times New Roman"
                assert run_font(run)[:2] == (font, BODY_PT), run.text[:40]


@pytest.mark.parametrize("key", DOC_KEYS)
def test_numbered_headings_have_the_body_size_and_indent(docs, key):
    levels = [st for st in docs[key].styles if st.name.startswith("TDG Level")]
    assert levels
    for st in levels:
        assert st.font.size.pt == BODY_PT
        assert st.paragraph_format.first_line_indent == _twips(FIRST_LINE_INDENT_MM) * 635


@pytest.mark.parametrize("key", DOC_KEYS)
def test_closing_block_sizes(docs, key):
    table = [t for t in body_items(docs[key]) if hasattr(t, "rows")]
    closing = next(t for t in table if t.rows[0].cells[0].paragraphs[0].text == "Nơi nhận:")
    left, right = closing.rows[0].cells
    assert [round(c.width.mm) for c in closing.rows[0].cells] == CLOSING_COLS_MM
    head, *recipients = [p for p in left.paragraphs if p.text]
    assert run_font(head.runs[0]) == ("Times New Roman", RECIPIENTS_HEAD_PT, True, True)
    assert recipients and all(run_font(r)[1:3] == (RECIPIENTS_PT, False) for p in recipients for r in p.runs)
    lines = right.paragraphs
    assert all(run_font(r)[1:3] == (SIGNER_PT, True) for p in lines if p.text for r in p.runs)
    gap = [i for i, p in enumerate(lines) if not p.text]
    assert len(gap) == SIGNATURE_BLANK_LINES and gap == list(range(gap[0], gap[0] + len(gap)))
    assert lines[-1].text and gap[-1] == len(lines) - 2  # the name right after the space


@pytest.mark.parametrize("key", DOC_KEYS)
def test_page_number_is_14_pt_centred_and_not_on_page_one(docs, key):
    for i, sec in enumerate(docs[key].sections):
        p = sec.header.paragraphs[0]
        assert "PAGE" in sec.header._element.xml
        assert p.style.font.size.pt == PAGE_NUMBER_PT
        assert p.style.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.CENTER
        if i == 0:
            assert sec.different_first_page_header_footer and "PAGE" not in sec.first_page_header._element.xml


def test_appendix_table_text_size(docs):
    doc = docs["theme"]
    table = [t for t in body_items(doc) if hasattr(t, "rows")][-1]
    cells = [p for row in table.rows for c in row.cells for p in c.paragraphs if p.text.strip()]
    assert cells
    for p in cells:
        for run in p.runs:
            assert run_font(run)[:2] == ("Times New Roman", TABLE_PT), run.text


# --- footnotes (F1) --------------------------------------------------------------------------------
def _footnotes_root(doc):
    part = footnotes_part(doc)
    return part.element if hasattr(part, "element") else etree.fromstring(part.blob)


def test_footnote_text_is_11_pt_and_each_note_starts_with_its_number_mark(docs):
    doc = docs[3]
    style = doc.styles["Footnote Text"]
    assert style.font.size.pt == FOOTNOTE_PT and style.font.name == "Times New Roman"
    notes = [fn for fn in _footnotes_root(doc).iter(f"{W}footnote") if int(fn.get(f"{W}id")) > 0]
    assert len(notes) == 4
    for fn in notes:
        p = fn.find(f"{W}p")
        assert p.find(f"{W}pPr/{W}pStyle").get(f"{W}val") == "FootnoteText"
        first_run = p.find(f"{W}r")
        assert first_run.find(f"{W}footnoteRef") is not None, "the note lost its number mark"
        assert first_run.find(f"{W}rPr/{W}rStyle").get(f"{W}val") == "FootnoteReference"
        for sz in fn.iter(f"{W}sz"):
            pytest.fail(f"a run of footnote {fn.get(f'{W}id')} overrides the footnote size: {sz.get(f'{W}val')}")


def test_footnote_references_in_the_text_are_superscript_marks(docs, exported):
    doc = docs[3]
    assert doc.styles["Footnote Reference"].font.superscript
    refs = [r for p in all_paragraphs(doc) for r in p._p.iter(f"{W}r") if r.find(f"{W}footnoteReference") is not None]
    assert [r.find(f"{W}footnoteReference").get(f"{W}id") for r in refs] == ["1", "2", "3", "4"]
    for r in refs:
        assert r.find(f"{W}rPr/{W}rStyle").get(f"{W}val") == "FootnoteReference"
        assert r.find(f"{W}rPr/{W}vertAlign") is None  # the style's superscript is not undone
    with zipfile.ZipFile(exported[3]) as z:
        settings = z.read("word/settings.xml").decode()
    # numbered 1, 2, 3…: Word's default, so no other format or start may be set
    assert "<w:numFmt" not in settings or '<w:numFmt w:val="decimal"/>' in settings
    assert "<w:numStart" not in settings or '<w:numStart w:val="1"/>' in settings
