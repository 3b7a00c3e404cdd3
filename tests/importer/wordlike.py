"""Word files the way an officer's report looks, written with python-docx directly — never through
our exporter or layout — so the importer's tests compare with what the test itself put in.

A report built here has: the header table (parent and issuing agency left, the national name and
motto right, the number and the place and date below), a centred bold title, headings typed as
text ("I. …") or numbered by Word's own lists, body paragraphs, "- " dashes, the rating prompt with
its checkbox line ("☒ Tốt ☐ Khá"), footnotes in a footnotes part written as XML, and the closing
table ("Nơi nhận:" and the recipients left, the signer right)."""
from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

FOOTNOTES_CT = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
NATIONAL = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
CHECKED, EMPTY = "☒", "☐"
LIST_ID = 7   # the Word list of automatically numbered headings


class Note:
    """A footnote at this point of a paragraph: `WordReport.para("Trước", Note("Chú thích"), " sau.")`."""

    def __init__(self, text: str):
        self.text = text


class Bold(str):
    """A bold stretch inside a paragraph."""


class Italic(str):
    """An italic stretch inside a paragraph."""


class WordReport:
    def __init__(self):
        self.doc = Document()
        self.notes: list[str] = []
        self._list = False

    # --- frame ------------------------------------------------------------------------------------
    def header(self, parent: str, issuing: str, number_line: str, place_date: str) -> WordReport:
        """The borderless 2 × 2 header table of page 1 (H1–H6)."""
        table = self.doc.add_table(rows=2, cols=2)
        (agency, nation), (number, date) = (row.cells for row in table.rows)
        self._cell(agency, parent, bold=False)
        self._cell(agency, issuing, bold=True, new=True)
        self._cell(nation, NATIONAL, bold=True)
        self._cell(nation, MOTTO, bold=True, new=True)
        self._cell(number, number_line)
        self._cell(date, place_date, italic=True)
        return self

    def title(self, kind_name: str, subject: str) -> WordReport:
        for text in (kind_name, subject):
            p = self.doc.add_paragraph()
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            p.add_run(text).bold = True
        return self

    def closing(self, recipients: list[str], authority: list[str], name: str) -> WordReport:
        """The closing table: "Nơi nhận:" (bold italic) and the recipients left, the signer right
        with four blank lines for the signature."""
        table = self.doc.add_table(rows=1, cols=2)
        left, right = table.rows[0].cells
        head = left.paragraphs[0].add_run("Nơi nhận:")
        head.bold = head.italic = True
        for r in recipients:
            left.add_paragraph(r)
        self._cell(right, authority[0], bold=True)
        for line in authority[1:]:
            self._cell(right, line, bold=True, new=True)
        for _ in range(4):
            right.add_paragraph()
        self._cell(right, name, bold=True, new=True)
        return self

    # --- body -------------------------------------------------------------------------------------
    def heading(self, text: str, bold: bool = True, italic: bool = False) -> WordReport:
        """A heading typed with its number, e.g. "I. Ưu điểm"."""
        p = self.doc.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        run = p.add_run(text)
        run.bold, run.italic = bold, italic
        return self

    def auto_heading(self, text: str, level: int, bold: bool = True) -> WordReport:
        """A heading numbered by Word's list (level 0: "I.", 1: "1.", 2: "1.1.", 3: "a)"), the
        number not typed."""
        self._ensure_list()
        p = self.doc.add_paragraph()
        ppr = p._p.get_or_add_pPr()
        ppr.append(parse_xml(
            f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/><w:numId w:val="{LIST_ID}"/></w:numPr>'))
        if bold:   # the whole paragraph selected and made bold: its mark too, so Word prints the number bold
            ppr.append(parse_xml(f'<w:rPr {nsdecls("w")}><w:b/></w:rPr>'))
        p.add_run(text).bold = bold
        return self

    def para(self, *parts) -> WordReport:
        """A justified body paragraph of text, Bold/Italic stretches and Notes."""
        p = self.doc.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        for part in parts:
            if isinstance(part, Note):
                self._note(p, part.text)
            else:
                run = p.add_run(str(part))
                run.bold = isinstance(part, Bold) or None
                run.italic = isinstance(part, Italic) or None
        return self

    def dash(self, text: str) -> WordReport:
        return self.para(f"- {text}")

    def rating(self, options: list[str], chosen: int | None,
               prompt: str = "Tự đánh giá về cấp độ thực hiện:") -> WordReport:
        """The prompt, then one line of options each behind a box, the chosen one ☒."""
        self.para(prompt)
        line = "    ".join(f"{CHECKED if i == chosen else EMPTY} {o}" for i, o in enumerate(options))
        return self.para(line)

    def choices(self, options: list[str], chosen: int | None) -> WordReport:
        """One option a line behind its box (the classification), the chosen one ☒."""
        for i, o in enumerate(options):
            self.para(f"{CHECKED if i == chosen else EMPTY} {o}")
        return self

    def page_break(self) -> WordReport:
        p = self.doc.add_paragraph()
        p.add_run().add_break(WD_BREAK.PAGE)
        return self

    # --- saving -----------------------------------------------------------------------------------
    def save(self, path: Path) -> Path:
        if self.notes:
            self._footnotes_part()
        self.doc.save(str(path))
        return Path(path)

    # --- helpers ----------------------------------------------------------------------------------
    @staticmethod
    def _cell(cell, text: str, bold: bool = False, italic: bool = False, new: bool = False) -> None:
        p = cell.add_paragraph() if new else cell.paragraphs[0]
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = p.add_run(text)
        run.bold, run.italic = bold or None, italic or None

    def _note(self, p, text: str) -> None:
        self.notes.append(text)
        n = len(self.notes)
        p._p.append(parse_xml(
            f'<w:r {nsdecls("w")}><w:rPr><w:vertAlign w:val="superscript"/></w:rPr>'
            f'<w:footnoteReference w:id="{n}"/></w:r>'))

    def _footnotes_part(self) -> None:
        """word/footnotes.xml as Word writes it: separator (-1), continuation separator (0), then
        the notes, each opening with its footnoteRef mark."""
        notes = "".join(
            f'<w:footnote w:id="{i}"><w:p><w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr>'
            f'<w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> {_escape(text)}</w:t></w:r></w:p></w:footnote>'
            for i, text in enumerate(self.notes, 1))
        xml = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:footnotes {nsdecls("w")}>'
               '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
               '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r>'
               f'</w:p></w:footnote>{notes}</w:footnotes>')
        part = Part(PackURI("/word/footnotes.xml"), FOOTNOTES_CT, xml.encode("utf-8"), self.doc.part.package)
        self.doc.part.relate_to(part, RT.FOOTNOTES)

    def _ensure_list(self) -> None:
        if self._list:
            return
        self._list = True
        numbering = self.doc.part.numbering_part.element
        levels = [("upperRoman", "%1."), ("decimal", "%2."), ("decimal", "%2.%3."), ("lowerLetter", "%4)")]
        numbering.append(parse_xml(
            f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{LIST_ID}">'
            + "".join(f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
                      f'<w:lvlText w:val="{text}"/></w:lvl>' for i, (fmt, text) in enumerate(levels))
            + '</w:abstractNum>'))
        numbering.append(parse_xml(
            f'<w:num {nsdecls("w")} w:numId="{LIST_ID}"><w:abstractNumId w:val="{LIST_ID}"/></w:num>'))


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
