"""The walk over a Word document's body in reading order: paragraphs, tables, content controls,
text boxes, revisions, fields, footnotes and endnotes, turned into `SourceLine`s of rich
paragraphs (styles resolved by docx_styles)."""
from __future__ import annotations

from ..domain.richtext import Footnote, Paragraph, Run
from ..domain.text import one_line
from . import legacy
from .docx_package import (M_MATH, M_T, MC_ALT, MC_CHOICE, MC_FALLBACK, W_ID, W_P, W_PPR, W_PSTYLE, W_R, W_RPR,
                           W_RSTYLE, W_SDT, W_SDTCONTENT, W_SECTPR, W_T, W_TBL, W_TC, W_TR, W_TXBX, W_TYPE, W_VAL,
                           _w, first_child)
from .docx_styles import (_ALIGN, Numbering, Styles, _from_legacy, _int, _on, _para_props, _run_props,
                          legacy_encoding)
from .limits import MAX_PARAGRAPHS, MAX_TEXT_CHARS, Progress, too_many_paragraphs, too_much_text
from .source import SourceLine

# containers whose children are read as if they stood in their place
_INLINE_WRAPPERS = {_w(t) for t in ("hyperlink", "smartTag", "customXml", "ins", "moveTo", "fldSimple", "dir", "bdo")}
_BLOCK_WRAPPERS = {_w(t) for t in ("customXml", "ins", "moveTo")}
_DROPPED = {_w(t) for t in ("del", "moveFrom")}     # deleted / moved-away revisions: not the document's text
_SHAPES = {_w(t) for t in ("drawing", "pict", "object")}
_W_U, _W_FLDCHAR = _w("u"), _w("fldChar")   # asked of every run and every piece of one

# Wingdings check boxes typed as symbols: the ratings of a report are marked with them
_SYMBOL_BOXES = {
    "wingdings": {0xA8: "☐", 0x6F: "☐", 0x78: "☒", 0xFD: "☒", 0xFE: "☑"},
    "wingdings 2": {0xA3: "☐", 0x53: "☒", 0x54: "☒", 0x52: "☑"},
}


class _Break:
    """A page break inside a paragraph: the text after it starts a new line on a new page."""


_BREAK = _Break()


# --- the reader -------------------------------------------------------------------------------------
class Reader:
    def __init__(self, styles: Styles, numbering: Numbering | None = None, name: str = "",
                 progress: Progress | None = None):
        self.st = styles
        self.name = name                     # the file's, for a refusal
        self.progress = progress             # hears the share of paragraphs walked; may raise ImportCancelled
        self.paragraphs = 0
        self.expected = 1
        self.chars = 0
        self.numbering = numbering or Numbering(None)
        self.lines: list[SourceLine] = []
        self.footnotes: dict[str, Footnote] = {}
        self.endnotes: dict[str, Footnote] = {}
        self.fields: list[bool] = []         # open fields: True once past "separate" (showing the result)
        self.pending_break = False
        self.tables = 0
        self.section_types: list[str] = []
        self.section_index = 0
        self.legacy: dict[str, set[str]] = {}   # encoding → font names whose text was converted
        self.revisions = False
        self.textboxes = False
        # a run's formatting as its styles and direct properties make it, kept per combination
        # (a document has few): bold, italic, caps, hidden, font, legacy encoding, symbol boxes
        self._formats: dict[tuple, tuple] = {}
        self._layouts: dict[tuple, tuple] = {}   # the same for a paragraph: page break, alignment, style, list

    # notes ---------------------------------------------------------------------------------------
    def notes(self, root, tag: str) -> dict[str, Footnote]:
        out: dict[str, Footnote] = {}
        if root is None:
            return out
        for note in root.iter(_w(tag)):
            nid = note.get(W_ID)
            # separator (-1) and continuation separator (0) are not notes
            if nid is None or note.get(W_TYPE) not in (None, "normal") or nid in ("-1", "0"):
                continue
            runs: list[Run] = []
            for p in note.iter(W_P):
                self.fields = []
                pieces, _ = self.collect(p)
                if runs:
                    runs.append(Run("\n"))
                runs += [x for x in pieces if isinstance(x, Run)]
            out[nid] = Footnote(tuple(_strip_runs(runs)))
        self.fields = []
        return out

    # blocks --------------------------------------------------------------------------------------
    def body(self, body) -> None:
        for sect in body.iter(W_SECTPR):
            if sect.getparent().tag in (W_PPR, body.tag):   # not the previous settings of a revision
                t = sect.find(W_TYPE)
                self.section_types.append(t.get(W_VAL, "nextPage") if t is not None else "nextPage")
        if self.progress is not None:
            self.expected = max(1, sum(1 for _ in body.iter(W_P)))
        self.blocks(body, None, flat=False)

    def blocks(self, parent, cell, flat: bool) -> None:
        for child in parent:
            tag = child.tag
            if tag == W_P:
                self.paragraph(child, cell)
            elif tag == W_TBL:
                if cell is None and not flat:
                    self.table(child, self.tables, None)
                    self.tables += 1
                else:   # nested tables (and tables in text boxes) belong to the cell they stand in
                    self.table(child, None, cell)
            elif tag == W_SDT:
                content = child.find(W_SDTCONTENT)
                if content is not None:
                    self.blocks(content, cell, flat)
            elif tag in _BLOCK_WRAPPERS:
                self.blocks(child, cell, flat)
            elif tag == MC_ALT:
                branch = _branch(child)
                if branch is not None:
                    self.blocks(branch, cell, flat)
            elif tag in _DROPPED:
                self.revisions = True

    def table(self, tbl, index: int | None, cell) -> None:
        for r, tr in enumerate(_children(tbl, W_TR)):
            before = tr.find(f"{_w('trPr')}/{_w('gridBefore')}")
            col = _int(before.get(W_VAL) if before is not None else None, 0)
            for tc in _children(tr, W_TC):
                self.blocks(tc, cell if index is None else (index, r, col), flat=index is None and cell is None)
                span = tc.find(f"{_w('tcPr')}/{_w('gridSpan')}")
                col += max(1, _int(span.get(W_VAL) if span is not None else None, 1))

    def paragraph(self, p, cell) -> None:
        self.paragraphs += 1
        if self.progress is not None and not self.paragraphs % 256:
            self.progress(min(1.0, self.paragraphs / self.expected))
        ppr = first_child(p, W_PPR)
        pstyle_el = first_child(ppr, W_PSTYLE) if ppr is not None else None
        pstyle = self.st.para_style(pstyle_el.get(W_VAL) if pstyle_el is not None else None)
        direct = _para_props(ppr)
        key = (pstyle, *direct.items())
        known = self._layouts.get(key)
        if known is None:
            st = self.st
            known = self._layouts[key] = (
                st.para("pageBreakBefore", direct, pstyle), _ALIGN.get(st.para("jc", direct, pstyle) or "left", "left"),
                st.name(pstyle), direct.get("numId") or st.lookup(pstyle, "numId", 3),
                direct["ilvl"] if "ilvl" in direct else (st.lookup(pstyle, "ilvl", 3) or 0))
        page_break, align, style, num_id, ilvl = known
        if page_break:
            self.pending_break = True
        self.underlined_now = []
        pieces, boxes = self.collect(p, pstyle)
        label = self.numbering.label(num_id, ilvl) if num_id else ""
        if label and any(isinstance(x, Run) and x.text.strip() for x in pieces if x is not _BREAK):
            pieces.insert(0, Run(label + " "))
        items: list = []
        for piece in pieces:
            if piece is _BREAK:
                self.emit(items, align, style, cell)
                items = []
                self.pending_break = True
            else:
                items.append(piece)
        self.emit(items, align, style, cell)
        for box in boxes:   # a text box's text follows the paragraph it is anchored to
            self.blocks(box, cell, flat=True)
        if ppr is not None and first_child(ppr, W_SECTPR) is not None:
            self.section_index += 1
            following = self.section_types[self.section_index:self.section_index + 1] or ["nextPage"]
            if following[0] != "continuous":
                self.pending_break = True

    def emit(self, items: list, align: str, style: str, cell) -> None:
        paragraph = Paragraph(tuple(items))
        text = paragraph.text
        if not text.strip() and not paragraph.footnotes:
            return
        # refused while walking: a bomb of paragraphs stops here, not after building them all
        if len(self.lines) >= MAX_PARAGRAPHS:
            raise too_many_paragraphs(self.name)
        self.chars += len(text)
        if self.chars > MAX_TEXT_CHARS:
            raise too_much_text(self.name, self.chars)
        self.lines.append(SourceLine(paragraph, align, style, cell, self.pending_break, len(self.lines) + 1,
                                     tuple(getattr(self, "underlined_now", ()))))
        self.underlined_now = []
        self.pending_break = False

    # inline content ------------------------------------------------------------------------------
    def collect(self, p, pstyle: str | None = None) -> tuple[list, list]:
        """The paragraph's runs, notes and page breaks in order, and its text boxes."""
        if pstyle is None:
            ppr = first_child(p, W_PPR)
            el = first_child(ppr, W_PSTYLE) if ppr is not None else None
            pstyle = self.st.para_style(el.get(W_VAL) if el is not None else None)
        out: list = []
        boxes: list = []
        self._inline(p, pstyle, out, boxes)
        return out, boxes

    def _inline(self, parent, pstyle, out: list, boxes: list) -> None:
        for child in parent:
            tag = child.tag
            if tag == W_R:
                self._run(child, pstyle, out, boxes)
            elif tag in _INLINE_WRAPPERS:
                if tag in (_w("ins"), _w("moveTo")):
                    self.revisions = True
                self._inline(child, pstyle, out, boxes)
            elif tag == W_SDT:
                content = child.find(W_SDTCONTENT)
                if content is not None:
                    self._inline(content, pstyle, out, boxes)
            elif tag in _DROPPED:
                self.revisions = True
            elif tag == MC_ALT:
                branch = _branch(child)
                if branch is not None:
                    self._inline(branch, pstyle, out, boxes)
            elif tag in M_MATH and self._visible():
                    out.append(Run("".join(t.text or "" for t in child.iter(M_T))))

    def _visible(self) -> bool:
        return all(self.fields)

    def _run(self, r, pstyle, out: list, boxes: list) -> None:
        rpr = first_child(r, W_RPR)
        direct = _run_props(rpr)
        cstyle_el = first_child(rpr, W_RSTYLE) if rpr is not None else None
        cstyle = cstyle_el.get(W_VAL) if cstyle_el is not None else None
        key = (pstyle, cstyle, *direct.items())
        known = self._formats.get(key)
        if known is None:
            st = self.st
            font = st.font(direct, pstyle, cstyle)
            known = self._formats[key] = (
                st.toggle("b", direct, pstyle, cstyle), st.toggle("i", direct, pstyle, cstyle),
                st.toggle("caps", direct, pstyle, cstyle), st.toggle("vanish", direct, pstyle, cstyle), font,
                legacy_encoding(font) if font else None, _SYMBOL_BOXES.get(font.lower()) if font else None)
        bold, italic, caps, hidden, font, encoding, boxes_map = known
        u = first_child(rpr, _W_U) if rpr is not None else None
        underline = u is not None and u.get(W_VAL, "single") != "none"
        buf: list[str] = []

        def flush():
            if buf and not hidden:
                text = "".join(buf)
                if encoding:
                    converted = _from_legacy(text, encoding, font)
                    if converted is not None:
                        text = converted
                        self.legacy.setdefault(encoding, set()).add(font)
                if boxes_map:
                    text = "".join(boxes_map.get(ord(c) & 0xFF, c) if ord(c) < 0x100 or 0xF000 <= ord(c) <= 0xF0FF
                                   else c for c in text)
                if caps:
                    text = text.upper()
                if underline and text.strip():
                    self.underlined_now.append(one_line(text))
                out.append(Run(text, bold, italic))   # Run cleans its text (clean_text)
            buf.clear()

        for c in _run_content(r):
            tag = c.tag
            if tag == _W_FLDCHAR:
                kind = c.get(_w("fldCharType"))
                if kind == "begin":
                    box = c.find(f"{_w('ffData')}/{_w('checkBox')}")
                    if box is not None and self._visible():   # a form check box shows only its state
                        checked = _on(box.find(_w("checked")))
                        if checked is None:
                            checked = _on(box.find(_w("default"))) or False
                        buf.append("☒" if checked else "☐")
                    self.fields.append(False)
                elif kind == "separate" and self.fields:
                    self.fields[-1] = True
                elif kind == "end" and self.fields:
                    self.fields.pop()
                continue
            if not self._visible():
                continue
            if tag == W_T:
                buf.append(c.text or "")
            elif tag in (_w("tab"), _w("ptab")):
                buf.append("\t")
            elif tag == _w("br"):
                if c.get(W_TYPE) == "page":
                    flush()
                    out.append(_BREAK)
                else:
                    buf.append("\n")
            elif tag == _w("cr"):
                buf.append("\n")
            elif tag == _w("noBreakHyphen"):
                buf.append("-")
            elif tag == _w("sym"):
                code = _int(c.get(_w("char")), 0, 16)
                sym_font = (c.get(_w("font")) or "").lower()
                mapped = _SYMBOL_BOXES.get(sym_font, {}).get(code & 0xFF) if code >= 0xF000 or code < 0x100 else None
                if mapped:
                    buf.append(mapped)
                elif code and not 0xF000 <= code <= 0xF0FF:   # private-use symbol glyphs mean nothing as text
                    buf.append(chr(code))
            elif tag in (_w("footnoteReference"), _w("endnoteReference")):
                notes = self.footnotes if tag == _w("footnoteReference") else self.endnotes
                note = notes.get(c.get(W_ID) or "")
                if note is not None and not hidden:
                    flush()
                    out.append(note)
            elif tag in _SHAPES:
                found = _text_boxes(c)
                if found:
                    self.textboxes = True
                    boxes += found
        flush()

    def remarks(self) -> list[str]:
        out = []
        for enc, fonts in sorted(self.legacy.items()):
            out.append(f"Đã chuyển mã {legacy.NAMES[enc]} sang Unicode cho chữ ở phông {', '.join(sorted(fonts))}; "
                       "hãy kiểm tra lại các chữ có dấu.")
        if not self.legacy:
            sample = "\n".join(ln.text for ln in self.lines[:400])[:20000]
            enc = legacy.detect(sample)
            if enc:   # legacy text shown in a Unicode font: garbled in Word too, so only flagged
                out.append(f"Một phần văn bản có vẻ là chữ mã {legacy.NAMES[enc]} nhưng không dùng phông "
                           "của mã đó nên chưa được chuyển; hãy kiểm tra lại.")
        if self.revisions:
            out.append("Văn bản có theo dõi thay đổi (Track Changes): đã lấy nội dung như khi chấp nhận "
                       "mọi thay đổi (giữ phần chèn, bỏ phần xóa).")
        if self.textboxes:
            out.append("Chữ trong các khung (text box) được đặt ngay sau đoạn văn chứa khung.")
        return out


def _run_content(r):
    """A run's children, choosing one branch of mc:AlternateContent (Word repeats a text box in both)."""
    for c in r:
        if c.tag == MC_ALT:
            branch = _branch(c)
            if branch is not None:
                yield from _run_content(branch)
        elif c.tag != W_RPR:
            yield c


def _branch(alt):
    choice = alt.find(MC_CHOICE)
    return choice if choice is not None else alt.find(MC_FALLBACK)


def _text_boxes(shape) -> list:
    """The outermost w:txbxContent elements of a shape (a box inside a box is read with its parent)."""
    out = []
    for box in shape.iter(W_TXBX):
        anc = box.getparent()
        while anc is not None and anc is not shape and anc.tag != W_TXBX:
            anc = anc.getparent()
        if (anc is None or anc is shape) and not _in_fallback(box, shape):
            out.append(box)
    return out


def _in_fallback(el, stop) -> bool:
    """A text box inside an mc:Fallback of the shape repeats the mc:Choice's text."""
    anc = el.getparent()
    while anc is not None and anc is not stop:
        if anc.tag == MC_FALLBACK:
            return True
        anc = anc.getparent()
    return False


def _children(parent, tag):
    """Rows of a table / cells of a row, also when wrapped in content controls or custom XML."""
    for child in parent:
        if child.tag == tag:
            yield child
        elif child.tag == W_SDT:
            content = child.find(W_SDTCONTENT)
            if content is not None:
                yield from _children(content, tag)
        elif child.tag in _BLOCK_WRAPPERS:
            yield from _children(child, tag)


def _strip_runs(runs: list[Run]) -> list[Run]:
    """A note's text without the space Word puts after the note mark, nor trailing blanks."""
    runs = [r for r in runs if r.text]
    while runs and not runs[0].text.strip():
        runs.pop(0)
    while runs and not runs[-1].text.strip():
        runs.pop()
    if runs:
        runs[0] = Run(runs[0].text.lstrip(), runs[0].bold, runs[0].italic)
        runs[-1] = Run(runs[-1].text.rstrip(), runs[-1].bold, runs[-1].italic)
    return runs
