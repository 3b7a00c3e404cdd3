"""The DOCX reader's run and paragraph properties, read in one pass over w:rPr / w:pPr and kept per
combination of styles and direct formatting: the first of a repeated property counts (as Word's
files are read by lxml's find), and runs or paragraphs that differ in any one property are told apart."""
from __future__ import annotations

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import parse_xml

from tudanhgia.domain.richtext import Run
from tudanhgia.importer.docx_reader import read_docx

W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _runs(line) -> list[tuple[str, bool, bool]]:
    return [(r.text, r.bold, r.italic) for r in line.paragraph.items if isinstance(r, Run)]


def _paragraph(doc, xml: str) -> None:
    doc.element.body.insert(len(doc.element.body) - 1, parse_xml(f"<w:p {W_NS}>{xml}</w:p>"))


def test_repeated_properties_the_first_counts(tmp_path):
    doc = Document()
    # bold off then on, italic on then off, a comment among them; the first of each is taken
    _paragraph(doc, '<w:r><w:rPr><w:b w:val="0"/><!-- note --><w:i/><w:b/><w:i w:val="false"/></w:rPr>'
                    "<w:t>một</w:t></w:r>"
                    '<w:r><w:rPr><w:b/><w:b w:val="0"/></w:rPr><w:t xml:space="preserve"> hai</w:t></w:r>')
    # alignment: the first w:jc, even one without a value (then none is set and the style's holds)
    _paragraph(doc, '<w:pPr><w:jc w:val="center"/><w:jc w:val="right"/></w:pPr><w:r><w:t>giữa</w:t></w:r>')
    _paragraph(doc, '<w:pPr><w:jc/><w:jc w:val="right"/></w:pPr><w:r><w:t>trái</w:t></w:r>')
    path = tmp_path / "props.docx"
    doc.save(str(path))
    lines = read_docx(path).lines
    assert _runs(lines[0]) == [("một", False, True), (" hai", True, False)]
    assert [ln.align for ln in lines[1:]] == ["center", "left"]


def test_runs_differing_in_one_property_are_told_apart(tmp_path):
    doc = Document()
    emphasis = doc.styles.add_style("Nhấn mạnh", WD_STYLE_TYPE.CHARACTER)
    emphasis.font.italic = True
    strong = doc.styles.add_style("Đậm", WD_STYLE_TYPE.PARAGRAPH)
    strong.font.bold = True
    for style in (None, "Đậm", None, "Đậm"):   # the same combinations again, in each paragraph style
        p = doc.add_paragraph(style=style)
        p.add_run("a ")
        p.add_run("b ").bold = True
        p.add_run("c ", style="Nhấn mạnh")
        p.add_run("d").font.all_caps = True
    _paragraph(doc, '<w:r><w:rPr><w:rFonts w:ascii=".VnTime" w:hAnsi=".VnTime"/></w:rPr><w:t>ViÖt</w:t></w:r>'
                    '<w:r><w:t xml:space="preserve"> ViÖt</w:t></w:r>')
    path = tmp_path / "runs.docx"
    doc.save(str(path))
    lines = read_docx(path).lines
    plain = [("a ", False, False), ("b ", True, False), ("c ", False, True), ("D", False, False)]
    bold = [("a b ", True, False), ("c ", True, True), ("D", True, False)]
    assert [_runs(ln) for ln in lines[:4]] == [plain, bold, plain, bold]
    assert lines[4].text == "Việt ViÖt"   # only the run in the TCVN3 font is converted
