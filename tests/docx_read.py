"""Reading exported DOCX files back the way a reviewer would look at them."""
from __future__ import annotations

from docx import Document
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def open_docx(path):
    return Document(str(path))


def body_items(doc):
    """Paragraphs and tables of the body, in document order."""
    for child in doc.element.body.iterchildren():
        if child.tag == qn("w:p"):
            yield Paragraph(child, doc)
        elif child.tag == qn("w:tbl"):
            yield Table(child, doc)


def all_paragraphs(doc):
    for item in body_items(doc):
        if isinstance(item, Table):
            for row in item.rows:
                for cell in row.cells:
                    yield from cell.paragraphs
        else:
            yield item


def footnotes_part(doc):
    for rel in doc.part.rels.values():
        if rel.reltype.endswith("/footnotes"):
            return rel.target_part
    return None


def footnote_texts(doc) -> dict[int, str]:
    part = footnotes_part(doc)
    if part is None:
        return {}
    from lxml import etree
    root = etree.fromstring(part.blob) if not hasattr(part, "element") else part.element
    out = {}
    for fn in root.iter(f"{W}footnote"):
        fid = int(fn.get(f"{W}id"))
        if fid > 0:
            out[fid] = "".join(t.text or "" for t in fn.iter(f"{W}t")).strip()
    return out


def text_paragraphs(doc) -> list[str]:
    """The document's text: each paragraph (in tables too), footnote references as their
    number, then the footnotes as 'N text'."""
    out = []
    for p in all_paragraphs(doc):
        parts = []
        for el in p._p.iter():
            if el.tag == f"{W}t":
                parts.append(el.text or "")
            elif el.tag == f"{W}footnoteReference":
                parts.append(el.get(f"{W}id"))
            elif el.tag == f"{W}br":
                parts.append("\n")
            elif el.tag == f"{W}tab" and el.getparent().tag == f"{W}r":  # not a tab-stop definition
                parts.append("\t")
        text = "".join(parts)
        if text.strip():
            out.append(text)
    out += [f"{k} {v}" for k, v in sorted(footnote_texts(doc).items())]
    return out


def run_font(run) -> tuple[str | None, float | None, bool, bool]:
    """(font name, size pt, bold, italic) as Word resolves them: run, then character style,
    then paragraph style, then Normal."""
    para = run._parent
    styles = [run.style, para.style]
    name = run.font.name
    size = run.font.size.pt if run.font.size else None
    bold, italic = run.bold, run.italic
    for st in styles:
        while st is not None and (name is None or size is None or bold is None or italic is None):
            f = st.font
            name = name or f.name
            size = size or (f.size.pt if f.size else None)
            bold = f.bold if bold is None else bold
            italic = f.italic if italic is None else italic
            st = st.base_style
    return name, size, bool(bold), bool(italic)
