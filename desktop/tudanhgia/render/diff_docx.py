"""The differences between two versions (domain/diff.py) as a Word document with tracked changes:
the newer text, each insertion a `w:ins` and each deletion a `w:del` carrying the version's author
and date, so a leader reviews it in Word (Review ▸ Accept/Reject) or LibreOffice. Revision
tracking is left on, so the leader's own edits are tracked too. python-docx is imported here only."""
from __future__ import annotations

import datetime as _dt
import itertools

from ..domain.diff import DELETED, INSERTED, SAME, FieldChange, ParagraphDiff, ReportDiff, Segment
from ..domain.richtext import clean_text
from .style import STYLE


class _Revisions:
    """Makes w:ins / w:del elements with one author and date and ids counting up."""

    def __init__(self, author: str, when: _dt.datetime):
        self.author = author
        self.date = when.strftime("%Y-%m-%dT%H:%M:%SZ")
        self._ids = itertools.count(1)

    def mark(self, tag: str):
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn
        el = OxmlElement(tag)
        el.set(qn("w:id"), str(next(self._ids)))
        el.set(qn("w:author"), self.author)
        el.set(qn("w:date"), self.date)
        return el


def _run(text: str, deleted: bool, bold: bool = False):
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    r = OxmlElement("w:r")
    if bold:
        rpr = OxmlElement("w:rPr")
        rpr.append(OxmlElement("w:b"))
        r.append(rpr)
    t = OxmlElement("w:delText" if deleted else "w:t")
    t.set(qn("xml:space"), "preserve")
    t.text = clean_text(text)
    r.append(t)
    return r


def _write_segments(paragraph, segments: tuple[Segment, ...], revs: _Revisions, bold: bool = False) -> None:
    p = paragraph._p
    for seg in segments:
        if not seg.text:
            continue
        if seg.op == SAME:
            p.append(_run(seg.text, False, bold))
            continue
        wrapper = revs.mark("w:ins" if seg.op == INSERTED else "w:del")
        wrapper.append(_run(seg.text, seg.op == DELETED, bold))
        p.append(wrapper)


def _mark_paragraph(paragraph, op: str, revs: _Revisions) -> None:
    """A paragraph inserted or deleted as a whole: its mark too (accepting the deletion joins nothing)."""
    if op not in (INSERTED, DELETED):
        return
    from docx.oxml import OxmlElement
    ppr = paragraph._p.get_or_add_pPr()
    rpr = OxmlElement("w:rPr")
    rpr.append(revs.mark("w:ins" if op == INSERTED else "w:del"))
    ppr.append(rpr)


def _paragraphs(doc, paragraphs: list[ParagraphDiff], revs: _Revisions) -> None:
    from docx.shared import Mm
    for pd in paragraphs:
        par = doc.add_paragraph()
        par.paragraph_format.first_line_indent = Mm(STYLE.first_line_indent_mm)
        _mark_paragraph(par, pd.op, revs)
        _write_segments(par, pd.segments, revs)


def _fields(doc, changes: list[FieldChange], revs: _Revisions) -> None:
    for c in changes:
        par = doc.add_paragraph(style="List Bullet")
        _write_segments(par, (Segment(SAME, f"{c.label}: "), Segment(DELETED, c.old), Segment(INSERTED, c.new)),
                        revs)


def _heading(doc, text: str):
    par = doc.add_paragraph()
    run = par.add_run(text)
    run.bold = True
    return par


def write_diff_docx(diff: ReportDiff, title: str, path: str, author: str, when: _dt.datetime,
                    only_changes: bool = False) -> None:
    """Write the comparison to `path` (see the module's doc); `only_changes`: unchanged sections left out."""
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt

    revs = _Revisions(author, when)
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    normal = doc.styles["Normal"]
    normal.font.name = STYLE.font
    normal.font.size = Pt(13)
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), STYLE.font)
    settings = doc.settings.element
    track = OxmlElement("w:trackRevisions")
    tab = settings.find(qn("w:defaultTabStop"))
    if tab is not None:
        tab.addprevious(track)
    else:
        settings.append(track)

    head = doc.add_paragraph()
    head.alignment = WD_ALIGN_PARAGRAPH.CENTER
    head.add_run("SO SÁNH HAI PHIÊN BẢN").bold = True
    sub = doc.add_paragraph()
    sub.alignment = WD_ALIGN_PARAGRAPH.CENTER
    sub.add_run(clean_text(title)).bold = True
    doc.add_paragraph(f"Trước: {clean_text(diff.old_label)}")
    doc.add_paragraph(f"Sau: {clean_text(diff.new_label)}")
    doc.add_paragraph(f"{diff.summary()} Các thay đổi được ghi theo chế độ theo dõi thay đổi của Word: chọn "
                      "Review ▸ Accept/Reject (Xem lại ▸ Chấp nhận/Từ chối) để duyệt từng chỗ.")
    if diff.meta:
        _heading(doc, "Thông tin văn bản")
        _fields(doc, diff.meta, revs)
    for name, paragraphs in (("Phần mở đầu", diff.preamble), ("Câu kết thúc", diff.closing)):
        if any(p.op != SAME for p in paragraphs):
            _heading(doc, name)
            _paragraphs(doc, paragraphs, revs)
    for s in diff.sections:
        if only_changes and s.op == SAME:
            continue
        par = doc.add_paragraph()
        par.paragraph_format.keep_with_next = True
        _mark_paragraph(par, s.op, revs)
        _write_segments(par, (Segment(SAME, f"{s.number} "),) if s.number else (), revs, bold=True)
        _write_segments(par, s.heading_segments or (Segment(SAME, s.heading),), revs, bold=True)
        _paragraphs(doc, s.paragraphs, revs)
        _fields(doc, s.fields, revs)
    if diff.items:
        _heading(doc, "Hạn chế, khuyết điểm và biện pháp")
        _fields(doc, diff.items, revs)
    if diff.indicators:
        _heading(doc, "Phụ lục số liệu")
        _fields(doc, diff.indicators, revs)
    doc.core_properties.title = f"So sánh phiên bản: {clean_text(title)}"[:250]
    doc.core_properties.author = author
    doc.save(path)
