"""DOCX backend: layout blocks → a document formatted to its document standard: Nghị định 30/2020/NĐ-CP
(spec/nd30.md) or another of resources/standards/ (the Party's Hướng dẫn 05-HD/VPTW).

The measures come from the standard (render/style.py, render/standards.py) and the words from the layout blocks;
this module only turns them into Word's XML. Word styles are made once (`_Styles`); paragraphs
get style objects, never names, so no style is looked up per paragraph (PITFALLS: the lookup
scans ~270 styles). Every run's text passes through `clean_text`, so nothing the officer typed
can make the export fail.
"""
from __future__ import annotations

import functools
import io
from dataclasses import dataclass
from collections.abc import Iterable
from typing import IO, Any, cast

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.section import WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import XmlPart
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.oxml.text.paragraph import CT_P
from docx.shared import Mm, Pt
from docx.text.paragraph import Paragraph as DocxParagraph
from lxml import etree

from .. import APP_NAME
from ..domain.richtext import Footnote, Run, clean_text
from ..domain.text import clip
from .layout import (BOX_CHECKED, BOX_EMPTY, NBSP, Appendix, Header, Layout, PageBreak, Para, RatingLine, Role,
                     Signature, Table, Title, bare_headings, render_blocks)
from .metrics import agency_rule_mm, motto_rule_mm, subject_rule_mm, text_width_mm
from .style import PAGE_H_MM, PAGE_W_MM, STYLE, HouseStyle, appendix_widths_mm, text_area_mm

CORE_PROPERTY_LIMIT = 255  # characters of a DOCX core property (title, author …)
FOOTNOTES_CT = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"


# --- fonts: theme fonts out, Times New Roman in every slot (PITFALLS) ------------------------------
def _set_fonts(rpr, font: str) -> None:
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme", "w:hint"):
        fonts.attrib.pop(qn(attr), None)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), font)


def _set_lang(rpr, language: str) -> None:
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), language)
    lang.set(qn("w:eastAsia"), language)


def _normalise_fonts(doc: DocxDocument, font: str, language: str) -> None:
    styles = doc.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    rpr_default = defaults.find(qn("w:rPrDefault"))
    rpr = rpr_default.find(qn("w:rPr"))
    _set_fonts(rpr, font)
    _set_lang(rpr, language)
    # every rFonts of every style, table-style conditional formats included
    for rpr in styles.iter(qn("w:rPr")):
        if rpr.find(qn("w:rFonts")) is not None:
            _set_fonts(rpr, font)
        color = rpr.find(qn("w:color"))  # the template's headings are blue: documents print black (P3)
        if color is not None:
            rpr.remove(color)


MAX_LEVELS = 8


@dataclass(frozen=True)
class _Ref:
    style_id: str


class _Styles:
    """All paragraph and character styles of our documents, created once in the template."""

    def __init__(self, doc: DocxDocument, s: HouseStyle):
        levels = [None] * MAX_LEVELS
        self.doc, self.s = doc, s
        normal = doc.styles["Normal"]
        normal.font.name, normal.font.size = s.font, Pt(s.body_pt)
        _set_fonts(normal.element.get_or_add_rPr(), s.font)   # font.name fills only ascii and hAnsi (P3)
        normal.paragraph_format.space_after = Pt(0)
        self.body = self._para("TDG Body", s.body_pt, align=WD_ALIGN_PARAGRAPH.JUSTIFY, indent=True,
                               after=s.space_after_pt, spacing=s.line_spacing)
        self.part = self._para("TDG Part", s.body_pt, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER,
                               after=s.space_after_pt, keep=True)
        self.levels = [self._para(f"TDG Level {i}", s.body_pt, bold=True,
                                  align=WD_ALIGN_PARAGRAPH.JUSTIFY, indent=True, after=s.space_after_pt,
                                  spacing=s.line_spacing, keep=True)
                       for i, _ in enumerate(levels, 1)]
        self.plain_heading = self._para("TDG Level Other", s.body_pt, align=WD_ALIGN_PARAGRAPH.JUSTIFY,
                                        indent=True, after=s.space_after_pt, keep=True)
        self.options = self._para("TDG Rating", s.body_pt, indent=True, after=s.space_after_pt,
                                  spacing=s.line_spacing)
        self.cell = self._para("TDG Cell", s.body_pt, align=WD_ALIGN_PARAGRAPH.CENTER)
        self.rule = self._para("TDG Rule", s.rule_line_pt, align=WD_ALIGN_PARAGRAPH.CENTER)
        self.title = self._para("TDG Title", s.title_pt, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
        self.recipients_head = self._para("TDG Recipients Head", s.recipients_head_pt, bold=s.recipients_head_bold,
                                          italic=s.recipients_head_italic)
        if s.recipients_head_underline:   # set only when wanted: no w:u at all otherwise (C1)
            self.recipients_head.font.underline = True
        self.recipients = self._para("TDG Recipients", s.recipients_pt)
        self.signer = self._para("TDG Signer", s.signer_pt, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
        self.appendix = self._para("TDG Appendix", s.title_pt, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
        self.table_text = self._para("TDG Table", s.table_pt)
        self.page_number = self._para("TDG Page Number", s.page_number_pt, align=WD_ALIGN_PARAGRAPH.CENTER)
        self.footnote_text = self._para("Footnote Text", s.footnote_pt, align=WD_ALIGN_PARAGRAPH.JUSTIFY,
                                        style_id="FootnoteText")
        self.footnote_ref = self._char("Footnote Reference", style_id="FootnoteReference", superscript=True)
        self.symbol = self._char("TDG Symbol")
        fonts = self.symbol.element.get_or_add_rPr()
        _set_fonts(fonts, s.symbol_font)

    def _existing(self, name: str):
        for st in self.doc.styles:
            if st.name == name:
                return st
        return None

    def _para(self, name, size, bold=False, italic=False, align=WD_ALIGN_PARAGRAPH.LEFT, indent=False,
              after=0.0, spacing=1.0, keep=False, style_id: str | None = None):
        st = self._existing(name) if style_id else None
        if st is None:
            st = self.doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
            if style_id:
                st.element.set(qn("w:styleId"), style_id)
        st.base_style = None
        st.quick_style = True
        f = st.font
        f.name, f.size, f.bold, f.italic = self.s.font, Pt(size), bold, italic
        _set_fonts(st.element.get_or_add_rPr(), self.s.font)
        pf = st.paragraph_format
        pf.alignment = align
        pf.first_line_indent = Mm(self.s.first_line_indent_mm) if indent else Mm(0)
        pf.left_indent = pf.right_indent = Mm(0)
        pf.space_before, pf.space_after = Pt(0), Pt(after)
        pf.line_spacing_rule = WD_LINE_SPACING.MULTIPLE if spacing != 1.0 else WD_LINE_SPACING.SINGLE
        if spacing != 1.0:
            pf.line_spacing = spacing
        pf.keep_with_next = keep
        pf.widow_control = True
        return st

    def _char(self, name, style_id: str | None = None, superscript=False):
        st = self._existing(name) if style_id else None
        if st is None:
            st = self.doc.styles.add_style(name, WD_STYLE_TYPE.CHARACTER)
            if style_id:
                st.element.set(qn("w:styleId"), style_id)
        if superscript:
            st.font.superscript = True
        return st

    def ids(self) -> dict[str, object]:
        out: dict[str, object] = {k: _Ref(v.style_id) for k, v in vars(self).items() if hasattr(v, "style_id")}
        out["levels"] = [_Ref(v.style_id) for v in self.levels]
        return out


class _StyleIds:
    """The template's styles by id, as the builder uses them."""

    def __init__(self, ids: dict[str, object]):
        self.__dict__.update(ids)

    def __getattr__(self, name: str) -> Any:
        """Only for names `ids` did not hold (the others are plain attributes): tells a type
        checker that the attributes are the template's style names."""
        raise AttributeError(name)

    def level(self, depth: int):
        return self.levels[depth - 1] if 1 <= depth <= len(self.levels) else self.plain_heading


# --- small XML helpers --------------------------------------------------------------------------------
_W_PPR, _W_PSTYLE, _W_VAL = qn("w:pPr"), qn("w:pStyle"), qn("w:val")
_W_R, _W_RPR, _W_RSTYLE, _W_B, _W_I, _W_T = qn("w:r"), qn("w:rPr"), qn("w:rStyle"), qn("w:b"), qn("w:i"), qn("w:t")
_W_BR, _W_TAB, _XML_SPACE = qn("w:br"), qn("w:tab"), "{http://www.w3.org/XML/1998/namespace}space"


def _styled(p: DocxParagraph, style) -> DocxParagraph:
    """Set a paragraph style by id. python-docx's `paragraph.style = …` scans every style for
    the default one on each call, which was most of the export's time."""
    ppr = p._p.find(_W_PPR)
    if ppr is None:
        ppr = etree.SubElement(p._p, _W_PPR)
        p._p.insert(0, ppr)
    old = ppr.find(_W_PSTYLE)
    if old is not None:
        ppr.remove(old)
    el = etree.Element(_W_PSTYLE)
    el.set(_W_VAL, style.style_id)
    ppr.insert(0, el)
    return p


def _run(p_el, text: str, bold: bool = False, italic: bool = False, style_id: str | None = None):
    """Append a run with `text` (already cleaned) to the paragraph element. Writes the XML
    directly: python-docx's run.text handles the text one character at a time."""
    r = etree.SubElement(p_el, _W_R)
    if bold or italic or style_id:
        rpr = etree.SubElement(r, _W_RPR)
        if style_id:
            etree.SubElement(rpr, _W_RSTYLE).set(_W_VAL, style_id)
        if bold:
            etree.SubElement(rpr, _W_B)
        if italic:
            etree.SubElement(rpr, _W_I)
    if "\n" not in text and "\t" not in text:
        t = etree.SubElement(r, _W_T)
        t.text = text
        if text[:1].isspace() or text[-1:].isspace():
            t.set(_XML_SPACE, "preserve")
        return r
    for li, line in enumerate(text.split("\n")):
        if li:
            etree.SubElement(r, _W_BR)
        for ti, chunk in enumerate(line.split("\t")):
            if ti:
                etree.SubElement(r, _W_TAB)
            if chunk:
                t = etree.SubElement(r, _W_T)
                t.text = chunk
                t.set(_XML_SPACE, "preserve")
    return r


def _add(container, style) -> DocxParagraph:
    return _styled(container.add_paragraph(), style)


def _char_style(run, style) -> None:
    run._r.style = style.style_id


def _border(paragraph: DocxParagraph, weight_pt: float, side: str = "bottom", kind: str = "single") -> None:
    ppr = paragraph._p.get_or_add_pPr()
    borders = ppr.find(qn("w:pBdr"))
    if borders is None:
        borders = OxmlElement("w:pBdr")
        # pBdr must come before spacing/ind/jc in pPr
        anchor = next((c for c in ppr if c.tag in {qn("w:shd"), qn("w:tabs"), qn("w:spacing"), qn("w:ind"),
                                                   qn("w:jc")}), None)
        if anchor is not None:
            anchor.addprevious(borders)
        else:
            ppr.append(borders)
    el = OxmlElement(f"w:{side}")
    el.set(qn("w:val"), kind)
    el.set(qn("w:sz"), str(round(weight_pt * 8)))  # in eighths of a point
    el.set(qn("w:space"), "1")
    el.set(qn("w:color"), "000000")
    borders.append(el)


def _rule(container, style, length_mm: float, width_mm: float, weight_pt: float, kind: str = "single") -> DocxParagraph:
    """A short line of `length_mm` (solid, or "dashed"), centred in `width_mm`: an empty paragraph
    with a bottom border whose length is set by its indents (prints the same in Word and LibreOffice)."""
    p = _add(container, style)
    side = max(0.0, (width_mm - length_mm) / 2)
    p.paragraph_format.left_indent = Mm(side)
    p.paragraph_format.right_indent = Mm(side)
    _border(p, weight_pt, kind=kind)
    return p


def _set_col_widths(table, widths_mm: Iterable[float]) -> None:
    """Both gridCol (LibreOffice) and every tcW (Word), or the motto wraps (PITFALLS)."""
    widths = [Mm(w) for w in widths_mm]
    table.autofit = False
    for col, w in zip(table.columns, widths, strict=True):
        col.width = w
    for row in table.rows:
        for cell, w in zip(row.cells, widths, strict=True):
            cell.width = w


def _add_runs(p: DocxParagraph, items: Iterable, styles: _StyleIds, notes: _Footnotes | None,
              bold: bool | None = None, italic: bool | None = None) -> None:
    for item in items:
        if isinstance(item, Footnote):
            if notes is not None:
                notes.reference(p, item)
            continue
        text = clean_text(item.text)
        if text:
            _run(p._p, text, bool(item.bold or bold), bool(item.italic or italic))


def _plain(p: DocxParagraph, text: str, bold: bool = False, italic: bool = False) -> None:
    text = clean_text(text)
    if text:
        _run(p._p, text, bold, italic)


# --- footnotes: python-docx has no API; the part is added by hand (PITFALLS) -------------------------
class _Footnotes:
    def __init__(self, doc: DocxDocument, styles: _StyleIds):
        self.doc, self.styles = doc, styles
        self.part: XmlPart | None = None
        self.count = 0

    def _ensure_part(self) -> XmlPart:
        if self.part is None:
            sep = ('<w:footnote w:type="{t}" w:id="{i}"><w:p><w:pPr><w:spacing w:after="0" w:line="240" '
                   'w:lineRule="auto"/></w:pPr><w:r><w:{t}/></w:r></w:p></w:footnote>')
            xml = (f"<w:footnotes {nsdecls('w')}>" + sep.format(t="separator", i=-1)
                   + sep.format(t="continuationSeparator", i=0) + "</w:footnotes>")
            self.part = XmlPart(PackURI("/word/footnotes.xml"), FOOTNOTES_CT, parse_xml(xml), self.doc.part.package)
            self.doc.part.relate_to(self.part, RT.FOOTNOTES)
            _footnote_settings(self.doc)
        return self.part

    def reference(self, p: DocxParagraph, note: Footnote) -> None:
        part = self._ensure_part()
        self.count += 1
        nid = self.count
        run = p.add_run()
        _char_style(run, self.styles.footnote_ref)
        ref = OxmlElement("w:footnoteReference")
        ref.set(qn("w:id"), str(nid))
        run._r.append(ref)
        fn = OxmlElement("w:footnote")
        fn.set(qn("w:id"), str(nid))
        part.element.append(fn)
        np_ = cast(CT_P, OxmlElement("w:p"))   # the parser's class lookup makes every w:p a CT_P
        fn.append(np_)
        para = DocxParagraph(np_, p._parent)
        _styled(para, self.styles.footnote_text)
        mark = para.add_run()
        _char_style(mark, self.styles.footnote_ref)
        mark._r.append(OxmlElement("w:footnoteRef"))
        para.add_run(" ")
        _add_runs(para, note.runs, self.styles, None)


_SETTINGS_AFTER_FOOTNOTEPR = ["w:endnotePr", "w:compat", "w:docVars", "w:rsids", "m:mathPr", "w:attachedSchema",
                              "w:themeFontLang", "w:clrSchemeMapping", "w:doNotIncludeSubdocsInStats",
                              "w:doNotAutoCompressPictures", "w:forceUpgrade", "w:captions", "w:readModeInkLockDown",
                              "w:smartTagType", "sl:schemaLibrary", "w:shapeDefaults", "w:doNotEmbedSmartTags",
                              "w:decimalSymbol", "w:listSeparator"]


def _footnote_settings(doc: DocxDocument) -> None:
    settings = doc.settings.element
    if settings.find(qn("w:footnotePr")) is not None:
        return
    pr = parse_xml(f'<w:footnotePr {nsdecls("w")}><w:footnote w:id="-1"/><w:footnote w:id="0"/></w:footnotePr>')
    later = set()
    for tag in _SETTINGS_AFTER_FOOTNOTEPR:
        try:
            later.add(qn(tag))
        except KeyError:  # prefix unknown to python-docx: compare by local name below
            later.add(tag.split(":")[1])
    anchor = next((c for c in settings if c.tag in later or c.tag.split("}")[-1] in later), None)
    if anchor is not None:
        anchor.addprevious(pr)
    else:
        settings.append(pr)


# --- page numbers ---------------------------------------------------------------------------------------
def _page_number_field(p: DocxParagraph) -> None:
    def fld(kind: str):
        r = p.add_run()
        el = OxmlElement("w:fldChar")
        el.set(qn("w:fldCharType"), kind)
        r._r.append(el)
    fld("begin")
    r = p.add_run()
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = " PAGE "
    r._r.append(instr)
    fld("separate")
    p.add_run("2")
    fld("end")


def _setup_section(section, s: HouseStyle, restart: bool = False) -> None:
    section.page_width, section.page_height = Mm(PAGE_W_MM), Mm(PAGE_H_MM)
    top, bottom, left, right = s.margins_mm
    section.top_margin, section.bottom_margin = Mm(top), Mm(bottom)
    section.left_margin, section.right_margin = Mm(left), Mm(right)
    section.header_distance, section.footer_distance = Mm(s.header_distance_mm), Mm(s.footer_distance_mm)
    section.different_first_page_header_footer = True  # no number on page 1 (P4)
    if restart:
        sect_pr = section._sectPr
        pg = sect_pr.find(qn("w:pgNumType"))
        if pg is None:
            pg = OxmlElement("w:pgNumType")
            anchor = next((c for c in sect_pr if c.tag in {qn("w:cols"), qn("w:formProt"), qn("w:vAlign"),
                                                           qn("w:noEndnote"), qn("w:titlePg"), qn("w:textDirection"),
                                                           qn("w:bidi"), qn("w:rtlGutter"), qn("w:docGrid")}), None)
            if anchor is not None:
                anchor.addprevious(pg)
            else:
                sect_pr.append(pg)
        pg.set(qn("w:start"), "1")


# --- the builder ------------------------------------------------------------------------------------------
@functools.lru_cache(maxsize=4)
def _template(style: HouseStyle) -> tuple[bytes, dict[str, object]]:
    """The reference document every export starts from: fonts normalised, all styles, A4 page,
    the page-number header; built once per process (it was a third of a small export's time)."""
    doc = Document()
    _normalise_fonts(doc, style.font, style.language)
    styles = _Styles(doc, style)
    body = doc.element.body
    for p in body.findall(qn("w:p")):  # the template's empty paragraph would print as a blank line
        body.remove(p)
    first = doc.sections[0]
    _setup_section(first, style)
    first.first_page_header.is_linked_to_previous = False
    first.header.is_linked_to_previous = False
    hp = first.header.paragraphs[0]
    _styled(hp, styles.page_number)
    _page_number_field(hp)
    _styled(first.first_page_header.paragraphs[0], styles.page_number)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue(), styles.ids()


class DocxBuilder:
    def __init__(self, lay: Layout, levels, title: str = "", author: str = "", style: HouseStyle = STYLE):
        self.lay, self.s = lay, style
        self._bare = bare_headings(lay.blocks)
        data, ids = _template(style)
        self.doc = Document(io.BytesIO(data))
        self.styles = _StyleIds(ids)
        self._apply_levels(levels)
        self.notes = _Footnotes(self.doc, self.styles)
        props = self.doc.core_properties
        # Word's core properties hold at most 255 characters (python-docx raises beyond): a long
        # subject makes a long title, cut at a word here; the document itself prints it whole
        props.title, props.author = clip(title, CORE_PROPERTY_LIMIT), clip(author, CORE_PROPERTY_LIMIT)
        props.language = style.language
        props.comments = f"Tạo bằng {APP_NAME}"

    def _apply_levels(self, levels) -> None:
        """The report's heading weights (B3–B6) on the template's level styles."""
        from docx.styles.style import CharacterStyle, StyleFactory
        # a report may use fewer levels than the template's MAX_LEVELS styles
        wanted = {ref.style_id: lv for ref, lv in zip(self.styles.levels, levels, strict=False)}
        for el in self.doc.styles.element.iterchildren(qn("w:style")):
            lv = wanted.get(el.get(qn("w:styleId")))
            if lv is not None:
                style = StyleFactory(el)
                if not isinstance(style, CharacterStyle):   # a level style is a paragraph style
                    continue
                font = style.font
                font.bold, font.italic = lv.bold, lv.italic

    def build(self) -> DocxDocument:
        render_blocks(self.lay, self)
        return self.doc

    # header table (H1–H8) -----------------------------------------------------------------------
    def header(self, h: Header) -> None:
        s, st = self.s, self.styles
        left_w, right_w = s.header_cols_mm
        table = self.doc.add_table(rows=2, cols=2)
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        _set_col_widths(table, (left_w, right_w))
        (top_left, top_right), (bottom_left, bottom_right) = (r.cells for r in table.rows)

        def line(cell, text, size, bold=False, italic=False, first=False):
            p = cell.paragraphs[0] if first else cell.add_paragraph()
            _styled(p, st.cell)
            _plain(p, text, bold=bold, italic=italic)
            for run in p.runs:
                run.font.size = Pt(size)
            return p

        agency = h.issuing_agency.upper()
        line(top_left, h.parent_agency.upper(), s.agency_pt, first=True)
        line(top_left, agency, s.agency_pt, bold=True)
        if s.agency_mark == "star":   # the Party's "*" under the committee's name
            line(top_left, "*", s.agency_pt)
        else:
            _rule(top_left, st.rule, agency_rule_mm(agency, s), left_w, s.rule_weight_pt)
        line(top_right, h.national, s.national_pt, bold=True, first=True)
        if s.national_rule:
            _rule(top_right, st.rule, min(text_width_mm(h.national, s.national_pt, True), right_w), right_w,
                  s.rule_weight_pt)
        if h.motto:
            line(top_right, h.motto, s.motto_pt, bold=True)
            _rule(top_right, st.rule, motto_rule_mm(h.motto, s), right_w, s.rule_weight_pt)
        line(bottom_left, h.number_line, s.number_pt, first=True)
        if h.secrecy:
            line(bottom_left, h.secrecy.upper(), s.secrecy_pt, bold=True)
        if h.urgency:
            urgency = h.urgency.upper()
            p = line(bottom_left, urgency, s.urgency_pt, bold=True)
            side = max(0.0, (left_w - s.urgency_frame_mm(urgency)) / 2)
            p.paragraph_format.left_indent = p.paragraph_format.right_indent = Mm(side)
            for side_name in ("top", "left", "bottom", "right"):
                _border(p, s.rule_weight_pt, side_name)
        line(bottom_right, h.place_date, s.date_pt, italic=True, first=True)
        for cell in (bottom_left, bottom_right):
            cell.paragraphs[0].paragraph_format.space_before = Pt(s.number_date_before_pt)

    # title (T1, T2) ---------------------------------------------------------------------------------
    def title(self, t: Title) -> None:
        st, s = self.styles, self.s
        p = _add(self.doc, st.title)
        p.paragraph_format.space_before = Pt(s.title_before_pt)
        _plain(p, t.kind_name.upper())
        if t.subject:
            for line in t.subject.split("\n"):
                _plain(_add(self.doc, st.title), line)
            rule = _rule(self.doc, st.rule, subject_rule_mm(t.subject, s), text_area_mm(s), s.rule_weight_pt,
                         s.subject_rule_dash)
            rule.paragraph_format.space_after = Pt(s.subject_rule_after_pt)

    # paragraphs ---------------------------------------------------------------------------------------
    def para(self, b: Para) -> None:
        st = self.styles
        role = b.role
        if role in (Role.PART_LABEL, Role.PART_TITLE):
            style = st.part
        elif role is Role.HEADING:
            style = st.level(b.depth)
        else:
            style = st.body
        p = _add(self.doc, style)
        bold = True if role is Role.SCORE_TOTAL else None
        items = b.paragraph.items
        if role is Role.CLASSIFICATION_OPTION and b.paragraph.text[:1] in (BOX_CHECKED, BOX_EMPTY):
            # the box glyph in a font that has it (R2); the option's words in the body font
            box = p.add_run(b.paragraph.text[:1])
            _char_style(box, st.symbol)
            items = (Run(b.paragraph.text[1:]),)
        if role is Role.PART_LABEL:
            p.paragraph_format.space_before = Pt(self.s.part_label_before_pt)
            p.paragraph_format.space_after = Pt(0)
        if id(b) in self._bare:
            p.paragraph_format.keep_with_next = False   # nothing of its own follows: its style's keep off
        _add_runs(p, items, st, self.notes, bold=bold)

    def rating(self, b: RatingLine) -> None:
        p = _add(self.doc, self.styles.options)
        for i, option in enumerate(b.options):
            if i:
                p.add_run(NBSP * self.s.rating_gap_nbsp)
            box = p.add_run(BOX_CHECKED if i == b.chosen else BOX_EMPTY)
            _char_style(box, self.styles.symbol)
            p.add_run(f"{NBSP}{option}")

    # closing block (C1–C7) ----------------------------------------------------------------------------
    def signature(self, sig: Signature) -> None:
        st, s = self.styles, self.s
        _add(self.doc, st.cell)  # breathing space after the last paragraph
        table = self.doc.add_table(rows=1, cols=2)
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        # the block moves to the next page whole rather than leave the signer's name alone there
        table.rows[0]._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
        # two signatures side by side share the width; Nơi nhận + signature take the house widths
        _set_col_widths(table, (text_area_mm(s) / 2,) * 2 if sig.left_title else s.closing_cols_mm)
        left, right = table.rows[0].cells
        if sig.left_title:   # the manager's signature: title, room to sign, the name written by hand
            for i, line in enumerate(sig.left_title):
                p = left.paragraphs[0] if i == 0 else left.add_paragraph()
                _styled(p, st.signer)
                _plain(p, line)
            for _ in range(s.signature_space_lines + 1):
                _add(left, st.signer)
        else:
            head = left.paragraphs[0]
            _styled(head, st.recipients_head)
            _plain(head, sig.recipients_head)
            for line in sig.recipients:
                _plain(_add(left, st.recipients), line)
        first = True
        for line in sig.authority_lines:
            p = right.paragraphs[0] if first else right.add_paragraph()
            _styled(p, st.signer)
            _plain(p, line)
            first = False
        for _ in range(s.signature_space_lines):
            _add(right, st.signer)
        p = _add(right, st.signer) if not first else right.paragraphs[0]
        _styled(p, st.signer)
        _plain(p, sig.name)

    # appendix (A1–A4) ------------------------------------------------------------------------------------
    def page_break(self, b: PageBreak) -> None:
        if b.new_section:
            section = self.doc.add_section(WD_SECTION.NEW_PAGE)
            _setup_section(section, self.s, restart=True)
        else:
            self.doc.add_page_break()

    def appendix(self, a: Appendix) -> None:
        st = self.styles
        _plain(_add(self.doc, st.appendix), a.title.upper())
        p = _add(self.doc, st.cell)
        _plain(p, a.attached_to, italic=True)
        p.paragraph_format.space_after = Pt(self.s.attached_after_pt)

    def table(self, t: Table) -> None:
        st = self.styles
        table = self.doc.add_table(rows=1 + len(t.rows), cols=len(t.header))
        table.style = self.doc.styles["Table Grid"]
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        _set_col_widths(table, appendix_widths_mm(len(t.header), self.s, t.widths_mm))
        rows = table.rows
        tr_pr = rows[0]._tr.get_or_add_trPr()
        tr_pr.append(OxmlElement("w:tblHeader"))  # header row repeated on each page (A4)
        heads = [True] + [i in t.bold_rows for i in range(len(t.rows))]   # the header and a kept table's groups
        for r, (row, values, bold) in enumerate(zip(rows, [t.header, *t.rows], heads, strict=True)):
            for i, (cell, value) in enumerate(zip(row.cells, values, strict=True)):
                p = cell.paragraphs[0]
                _styled(p, st.table_text)
                if r == 0:
                    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
                elif i in t.numeric_columns:
                    p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
                elif i == 0:
                    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
                _plain(p, value, bold=bold)


def build_docx(lay: Layout, levels, title: str = "", author: str = "", style: HouseStyle = STYLE) -> DocxDocument:
    return DocxBuilder(lay, levels, title, author, style).build()


def write_docx(report, target: str | IO[bytes], style: HouseStyle | None = None) -> None:
    """Render `report` in `style` (default: the standard it is printed in) and save the DOCX to a
    path or a binary stream."""
    from .layout import layout
    from .standards import standard_of
    style = style or standard_of(report)
    doc = build_docx(layout(report, style), report.levels, report.title, report.unit_name, style)
    doc.save(target)


__all__ = ["build_docx", "write_docx"]
