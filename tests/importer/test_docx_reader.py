"""The DOCX reader: Word documents (ours and others') become source lines with formatting, table
positions, page breaks and footnotes; every kind of bad file is refused with a Vietnamese message
before anything else happens."""
from __future__ import annotations

import builtins
import importlib.util
import io
import os
import shutil
import struct
import subprocess
import tempfile
import time
import zipfile
from pathlib import Path

import pytest
from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import parse_xml
from docx.shared import Pt

from docx_read import W, all_paragraphs, footnote_texts, open_docx, run_font, text_paragraphs
from tudanhgia.domain.richtext import Footnote, Run
from tudanhgia.importer.docx_reader import convert_doc, find_soffice, legacy_encoding, read_any, read_docx
from tudanhgia.importer.legacy import TCVN3, VNI, from_unicode
from tudanhgia.importer.source import ImportFailure, SourceDocument
from tudanhgia.services.export import export_docx
from wordlike import Bold, Italic, Note, WordReport

SOFFICE = find_soffice()
NS = ('xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
      'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
      'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
      'xmlns:v="urn:schemas-microsoft-com:vml"')


# --- helpers -----------------------------------------------------------------------------------------
def numbered_text(doc: SourceDocument, mark: str = "{}") -> list[str]:
    """Each line's text with its footnotes as their running number (as docx_read writes them, or
    in `mark`, e.g. "[{}]")."""
    out, n = [], 0
    for line in doc.lines:
        parts = []
        for item in line.paragraph.items:
            if isinstance(item, Footnote):
                n += 1
                parts.append(mark.format(n))
            else:
                parts.append(item.text)
        out.append("".join(parts))
    return out


def nonempty_docx_paragraphs(doc):
    for p in all_paragraphs(doc):
        text = "".join(t.text or "" for t in p._p.iter(f"{W}t"))
        if text.strip() or p._p.find(f".//{W}footnoteReference") is not None:
            yield p


def add_xml(doc, xml: str) -> None:
    """A raw body element (paragraph or table) before the final section properties."""
    doc.element.body.sectPr.addprevious(parse_xml(xml.replace("NS", NS, 1)))


def save(doc, path: Path) -> Path:
    doc.save(str(path))
    return path


def rezip(src: Path, dst: Path, replace: dict[str, bytes | None]) -> Path:
    """A copy of the package with some parts replaced (None: removed)."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            if info.filename in replace:
                if replace[info.filename] is not None:
                    zout.writestr(info.filename, replace[info.filename])
            else:
                zout.writestr(info, zin.read(info))
    return dst


def compound_file(streams: dict[str, bytes]) -> bytes:
    """A minimal OLE2 compound file (v3, 512-byte sectors): FAT in sector 0, directory in
    sector 1, each stream (padded to the 4096-byte mini-stream cutoff) after."""
    end, free = 0xFFFFFFFE, 0xFFFFFFFF
    fat, data, entries, nxt = [0xFFFFFFFD, end], b"", [("Root Entry", 5, end, 0)], 2
    for name, content in streams.items():
        content = content.ljust(max(4096, len(content)), b"\0")
        n = -(-len(content) // 512)
        entries.append((name, 2, nxt, len(content)))
        fat += [nxt + k + 1 for k in range(n - 1)] + [end]
        data += content.ljust(n * 512, b"\0")
        nxt += n
    header = (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(16) + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6)
              + bytes(6) + struct.pack("<9I", 0, 1, 1, 0, 4096, end, 0, end, 0)
              + struct.pack("<109I", 0, *[free] * 108))
    directory = b""
    for name, kind, start, size in entries:
        raw = name.encode("utf-16-le") + b"\0\0"
        directory += (raw.ljust(64, b"\0") + struct.pack("<HBB", len(raw), kind, 1)
                      + struct.pack("<III", free, free, free) + bytes(16 + 4 + 16)
                      + struct.pack("<IQ", start, size))
    directory = directory.ljust(512, b"\0")
    fat_sector = struct.pack(f"<{len(fat)}I", *fat) + struct.pack("<I", free) * (128 - len(fat))
    return header + fat_sector + directory + data


def fails(path, *words, reader=read_docx, **kw) -> ImportFailure:
    """The reader refuses `path` quickly with a message containing `words`, leaving the folder as it was."""
    folder = Path(path).parent
    before = sorted(folder.iterdir())
    start = time.perf_counter()
    with pytest.raises(ImportFailure) as info:
        reader(path, **kw)
    assert time.perf_counter() - start < 2
    message = str(info.value)
    for word in words:
        assert word in message, message
    assert Path(path).name in message or "Không tìm thấy" in message
    assert sorted(folder.iterdir()) == before
    return info.value


@pytest.fixture
def private_tmp(tmp_path, monkeypatch) -> Path:
    """Temporary files of the code under test go here, so a test can see that none are left."""
    d = tmp_path / "tmp"
    d.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(d))
    return d


# --- an officer's report written with python-docx (wordlike.py) ------------------------------------
def officer_report(path: Path) -> Path:
    """A report as a Word user types it; READ below is what the reader must give back."""
    w = WordReport()
    w.header("UBND HUYỆN SƠN TỊNH", "PHÒNG NỘI VỤ", "Số: 07/BC-PNV", "Sơn Tịnh, ngày 08 tháng 01 năm 2022")
    w.title("BÁO CÁO", "Kiểm điểm tập thể lãnh đạo năm 2021")
    w.para("Thực hiện Hướng dẫn số 21-HD/BTCTW, tập thể lãnh đạo kiểm điểm như sau:")
    w.heading("I. Ưu điểm, kết quả đạt được")
    w.auto_heading("Công tác tổ chức", 1)
    w.para("Kiện toàn ", Bold("02"), " tổ chuyên môn", Note("Quyết định số 15/QĐ-UBND ngày 10/3/2021."),
           " và ", Italic("01"), " tổ công tác.")
    w.dash("Họp giao ban hằng tuần;")
    w.rating(["Xuất sắc", "Tốt", "Trung bình", "Kém"], 1)
    w.heading("II. Hạn chế, khuyết điểm")
    w.para("Hồ sơ chưa số hóa", Note("Còn 1.200 hồ sơ giấy."), Note("Theo Kế hoạch số 3/KH-PNV."), ".")
    w.para("Phòng Nội vụ kính báo cáo./.")
    w.closing(["- UBND huyện;", "- Lưu: VT, NV."], ["KT. TRƯỞNG PHÒNG", "PHÓ TRƯỞNG PHÒNG"], "Trần Thị Lan")
    return w.save(path)


# (text with footnotes as [n], table position, alignment, all bold)
READ = [
    ("UBND HUYỆN SƠN TỊNH", (0, 0, 0), "center", False),
    ("PHÒNG NỘI VỤ", (0, 0, 0), "center", True),
    ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", (0, 0, 1), "center", True),
    ("Độc lập - Tự do - Hạnh phúc", (0, 0, 1), "center", True),
    ("Số: 07/BC-PNV", (0, 1, 0), "center", False),
    ("Sơn Tịnh, ngày 08 tháng 01 năm 2022", (0, 1, 1), "center", False),
    ("BÁO CÁO", None, "center", True),
    ("Kiểm điểm tập thể lãnh đạo năm 2021", None, "center", True),
    ("Thực hiện Hướng dẫn số 21-HD/BTCTW, tập thể lãnh đạo kiểm điểm như sau:", None, "justify", False),
    ("I. Ưu điểm, kết quả đạt được", None, "justify", True),
    ("1. Công tác tổ chức", None, "left", False),   # no alignment set: Word's left; the number unformatted
    ("Kiện toàn 02 tổ chuyên môn[1] và 01 tổ công tác.", None, "justify", False),
    ("- Họp giao ban hằng tuần;", None, "justify", False),
    ("Tự đánh giá về cấp độ thực hiện:", None, "justify", False),
    ("☐ Xuất sắc    ☒ Tốt    ☐ Trung bình    ☐ Kém", None, "justify", False),
    ("II. Hạn chế, khuyết điểm", None, "justify", True),
    ("Hồ sơ chưa số hóa[2][3].", None, "justify", False),
    ("Phòng Nội vụ kính báo cáo./.", None, "justify", False),
    ("Nơi nhận:", (1, 0, 0), "left", True),
    ("- UBND huyện;", (1, 0, 0), "left", False),
    ("- Lưu: VT, NV.", (1, 0, 0), "left", False),
    ("KT. TRƯỞNG PHÒNG", (1, 0, 1), "center", True),
    ("PHÓ TRƯỞNG PHÒNG", (1, 0, 1), "center", True),
    ("Trần Thị Lan", (1, 0, 1), "center", True),
]
NOTES = ["Quyết định số 15/QĐ-UBND ngày 10/3/2021.", "Còn 1.200 hồ sơ giấy.", "Theo Kế hoạch số 3/KH-PNV."]


def marked_text(doc: SourceDocument) -> list[str]:
    """Each line's text with its footnotes as [n], numbered in document order."""
    return numbered_text(doc, "[{}]")


def test_an_officers_report_is_read_as_typed(tmp_path):
    path = officer_report(tmp_path / "kiem-diem.docx")
    src = read_docx(path)
    assert marked_text(src) == [text for text, *_ in READ]
    assert [ln.table for ln in src.lines] == [table for _, table, *_ in READ]
    assert [ln.align for ln in src.lines] == [align for _, _, align, _ in READ]
    assert [ln.all_bold for ln in src.lines] == [bold for *_, bold in READ]
    assert [fn.text for ln in src.lines for fn in ln.paragraph.footnotes] == NOTES
    assert src.name == "kiem-diem.docx" and src.notes == []
    assert [ln.number for ln in src.lines] == list(range(1, len(READ) + 1))
    assert not any(ln.page_break_before for ln in src.lines)
    # the runs as typed: bold and italic stretches, the date italic, "Nơi nhận:" bold italic
    body = src.lines[11].paragraph
    assert [(r.text, r.bold, r.italic) for r in body.runs()] == [
        ("Kiện toàn ", False, False), ("02", True, False), (" tổ chuyên môn", False, False), (" và ", False, False),
        ("01", False, True), (" tổ công tác.", False, False)]
    assert all(r.italic for r in src.lines[5].paragraph.runs())
    assert all(r.bold and r.italic for r in src.lines[18].paragraph.runs())


def test_footnotes_come_back_in_their_paragraphs_at_their_marks(tmp_path):
    src = read_docx(officer_report(tmp_path / "chu-thich.docx"))
    one, two = [ln.paragraph for ln in src.lines if ln.paragraph.footnotes]
    # the note sits where the reference was: inside the sentence, not at the end of the line
    assert [type(i).__name__ for i in one.items] == ["Run", "Run", "Run", "Footnote", "Run", "Run", "Run"]
    assert one.items[2].text == " tổ chuyên môn" and one.items[3].text == NOTES[0]
    assert two.items == (Run("Hồ sơ chưa số hóa"), Footnote((Run(NOTES[1]),)), Footnote((Run(NOTES[2]),)), Run("."))


def test_footnotes_of_a_file_resaved_by_python_docx(tmp_path):
    # re-opened by python-docx, the footnotes part is a plain Part; saved again it must still read
    path = officer_report(tmp_path / "goc.docx")
    resaved = save(Document(str(path)), tmp_path / "resaved.docx")
    src = read_docx(resaved)
    assert [fn.text for ln in src.lines for fn in ln.paragraph.footnotes] == NOTES
    assert marked_text(src) == [text for text, *_ in READ]


# --- our own exports, read back (round trips) --------------------------------------------------
@pytest.mark.parametrize("report_id", [1, 2, 3])
def test_round_trip_our_exports_read_back(sample_service, tmp_path, report_id):
    """What we export, we read back: the reader against python-docx's own reading of our file."""
    path = export_docx(sample_service, report_id, tmp_path / f"r{report_id}.docx")
    src = read_docx(path)
    ours = open_docx(path)
    notes = footnote_texts(ours)
    expected = text_paragraphs(ours)
    body = expected[:len(expected) - len(notes)]
    # every paragraph in order, footnotes at their reference points
    assert numbered_text(src) == body
    assert [fn.text for ln in src.lines for fn in ln.paragraph.footnotes] == [notes[k] for k in sorted(notes)]
    assert src.name == path.name and src.notes == []
    assert [ln.number for ln in src.lines] == list(range(1, len(src.lines) + 1))

    # formatting as Word resolves it (run, character style, paragraph style)
    for line, para in zip(src.lines, nonempty_docx_paragraphs(ours), strict=True):
        fonts = [run_font(r) for r in para.runs if r.text.strip()]
        if fonts:
            assert line.all_bold == all(f[2] for f in fonts), line.text
        runs = [r for r in line.paragraph.runs() if r.text.strip()]
        assert all(r.italic for r in runs) == all(f[3] for f in fonts), line.text

    # header table: agency left, national name and motto right, number and date below
    head = [ln for ln in src.lines if ln.table is not None and ln.table[0] == 0]
    assert [ln.table for ln in head] == [(0, 0, 0), (0, 0, 0), (0, 0, 1), (0, 0, 1), (0, 1, 0), (0, 1, 1)]
    assert head[2].text == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" and head[2].all_bold
    assert head[3].text == "Độc lập - Tự do - Hạnh phúc" and head[3].all_bold
    assert head[1].all_bold and not head[0].all_bold   # the issuing agency only is bold (H1, H2)
    assert all(ln.align == "center" for ln in head)
    assert head[4].text.startswith("Số:") and head[5].text.startswith("Quảng Ngãi, ngày")

    # title and headings: bold, the title centred
    title = [ln for ln in src.lines if ln.style == "TDG Title"]
    assert title and all(ln.all_bold and ln.align == "center" for ln in title)
    report = sample_service.get_report(report_id)
    headings = {s.heading for s in report.walk() if s.heading}
    heading_lines = [ln for ln in src.lines if ln.style.startswith("TDG Level")
                     and any(ln.text.endswith(h) for h in headings)]
    assert heading_lines
    for ln in heading_lines:
        level = int(ln.style.split()[-1])
        assert ln.all_bold == report.levels[level - 1].bold, ln.text
    assert any(ln.all_bold for ln in heading_lines)

    # closing block: recipients left and signer right in the last table
    last = max(ln.table[0] for ln in src.lines if ln.table)
    closing = [ln for ln in src.lines if ln.table and ln.table[0] == last]
    assert closing[0].text == "Nơi nhận:" and closing[0].table == (last, 0, 0)
    assert all(r.bold and r.italic for r in closing[0].paragraph.runs())
    assert [ln.text for ln in closing if ln.table == (last, 0, 0)][1:] == _recipient_lines(ours)
    assert closing[-1].text == report.signer.name and closing[-1].table == (last, 0, 1)
    assert closing[-1].all_bold and closing[-1].align == "center"
    assert not any(ln.page_break_before for ln in src.lines)


def _recipient_lines(doc) -> list[str]:
    table = doc.tables[-1]
    return [p.text for p in table.rows[0].cells[0].paragraphs[1:] if p.text.strip()]


# --- documents made with python-docx -------------------------------------------------------------
def test_formatting_tables_breaks(tmp_path):
    doc = Document()
    strong = doc.styles.add_style("Tiêu đề đậm", WD_STYLE_TYPE.PARAGRAPH)
    strong.font.bold = True
    derived = doc.styles.add_style("Tiêu đề con", WD_STYLE_TYPE.PARAGRAPH)
    derived.base_style = strong
    derived.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    emphasis = doc.styles.add_style("Nhấn mạnh", WD_STYLE_TYPE.CHARACTER)
    emphasis.font.italic = True

    h = doc.add_paragraph()
    h.add_run("BÁO CÁO TỰ ĐÁNH GIÁ").bold = True
    h.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p = doc.add_paragraph("Năm 2024 đơn vị ")
    p.add_run("hoàn thành").bold = True
    p.add_run(" các ")
    p.add_run("chỉ tiêu").italic = True
    p.add_run(" được giao.")
    p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    doc.add_paragraph("I. Kết quả đạt được", style="Tiêu đề đậm")
    sub = doc.add_paragraph("1. Công tác chuyên môn", style="Tiêu đề con")   # bold and right from its styles
    sub.add_run(" (tiếp)").bold = False
    styled = doc.add_paragraph("Chữ ")
    styled.add_run("nhấn", style="Nhấn mạnh")
    lines = doc.add_paragraph()
    r = lines.add_run("Dòng một")
    r.add_break()
    r.add_text("Dòng hai\tcột")
    table = doc.add_table(rows=2, cols=3)
    for i, row in enumerate(table.rows):
        for j, cell in enumerate(row.cells):
            cell.paragraphs[0].add_run(f"Ô {i}.{j}")
    table.rows[0].cells[1].add_paragraph("thêm")
    doc.add_paragraph()
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    doc.add_paragraph("Phụ lục", style="Heading 1")
    mid = doc.add_paragraph("Trước ngắt")
    mid.add_run().add_break(WD_BREAK.PAGE)
    mid.add_run("sau ngắt")
    doc.add_paragraph("   ")

    src = read_docx(save(doc, tmp_path / "bao-cao.docx"))
    by_text = {ln.text: ln for ln in src.lines}
    assert [ln.text for ln in src.lines] == [
        "BÁO CÁO TỰ ĐÁNH GIÁ", "Năm 2024 đơn vị hoàn thành các chỉ tiêu được giao.", "I. Kết quả đạt được",
        "1. Công tác chuyên môn (tiếp)", "Chữ nhấn", "Dòng một\nDòng hai\tcột",
        "Ô 0.0", "Ô 0.1", "thêm", "Ô 0.2", "Ô 1.0", "Ô 1.1", "Ô 1.2", "Phụ lục", "Trước ngắt", "sau ngắt"]
    title = by_text["BÁO CÁO TỰ ĐÁNH GIÁ"]
    assert title.all_bold and title.align == "center" and title.style == "Normal" and title.table is None
    body = by_text["Năm 2024 đơn vị hoàn thành các chỉ tiêu được giao."]
    assert body.align == "justify" and not body.all_bold
    assert [(r.text, r.bold, r.italic) for r in body.paragraph.runs()] == [
        ("Năm 2024 đơn vị ", False, False), ("hoàn thành", True, False), (" các ", False, False),
        ("chỉ tiêu", False, True), (" được giao.", False, False)]
    assert by_text["I. Kết quả đạt được"].all_bold and by_text["I. Kết quả đạt được"].style == "Tiêu đề đậm"
    sub_line = by_text["1. Công tác chuyên môn (tiếp)"]
    assert sub_line.align == "right" and sub_line.style == "Tiêu đề con"
    assert [(r.text, r.bold) for r in sub_line.paragraph.runs()] == [("1. Công tác chuyên môn", True),
                                                                      (" (tiếp)", False)]
    assert [(r.text, r.italic) for r in by_text["Chữ nhấn"].paragraph.runs()] == [("Chữ ", False), ("nhấn", True)]
    assert by_text["Ô 0.0"].table == (0, 0, 0) and by_text["thêm"].table == (0, 0, 1)
    assert by_text["Ô 1.2"].table == (0, 1, 2) and by_text["Ô 1.2"].align == "left"
    assert by_text["Phụ lục"].page_break_before and by_text["Phụ lục"].style == "Heading 1"
    assert by_text["Phụ lục"].all_bold   # the template's Heading 1 is bold
    assert not by_text["Trước ngắt"].page_break_before and by_text["sau ngắt"].page_break_before
    assert [ln.page_break_before for ln in src.lines].count(True) == 2


def test_revisions_fields_text_boxes_and_nested_tables(tmp_path):
    doc = Document()
    doc.add_paragraph("Mở đầu")
    add_xml(doc, '<w:p NS><w:r><w:t xml:space="preserve">Đã </w:t></w:r>'
                 '<w:ins w:id="1" w:author="A"><w:r><w:t>thêm</w:t></w:r></w:ins>'
                 '<w:del w:id="2" w:author="A"><w:r><w:delText>xóa</w:delText></w:r></w:del>'
                 '<w:r><w:t xml:space="preserve"> chữ.</w:t></w:r></w:p>')
    add_xml(doc, '<w:p NS><w:r><w:t xml:space="preserve">Trang </w:t></w:r>'
                 '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r>'
                 '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>7</w:t></w:r>'
                 '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
                 '<w:fldSimple w:instr=" DATE "><w:r><w:t xml:space="preserve">, ngày 1/1</w:t></w:r></w:fldSimple>'
                 '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> MERGEFIELD x </w:instrText></w:r>'
                 '<w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>')
    add_xml(doc, '<w:p NS><w:r><w:t>Neo</w:t></w:r><w:r><mc:AlternateContent>'
                 '<mc:Choice Requires="wps"><w:drawing><wps:wsp><wps:txbx><w:txbxContent>'
                 '<w:p><w:pPr><w:jc w:val="center"/></w:pPr>'
                 '<w:r><w:rPr><w:b/></w:rPr><w:t>Trong khung</w:t></w:r></w:p>'
                 '</w:txbxContent></wps:txbx></wps:wsp></w:drawing></mc:Choice>'
                 '<mc:Fallback><w:pict><v:shape><v:textbox><w:txbxContent><w:p><w:r><w:t>Trong khung</w:t></w:r></w:p>'
                 '</w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>')
    add_xml(doc, '<w:p NS><w:r><w:rPr><w:vanish/></w:rPr><w:t>ẩn</w:t></w:r><w:r><w:t>Hiện</w:t></w:r>'
                 '<w:r><w:rPr><w:caps/></w:rPr><w:t xml:space="preserve"> in hoa</w:t></w:r></w:p>')
    add_xml(doc, '<w:sdt NS><w:sdtPr/><w:sdtContent><w:p><w:r><w:t>Trong ô nội dung</w:t></w:r></w:p>'
                 '</w:sdtContent></w:sdt>')
    add_xml(doc, '<w:p NS><w:r><w:fldChar w:fldCharType="begin"><w:ffData><w:checkBox><w:default w:val="1"/>'
                 '</w:checkBox></w:ffData></w:fldChar></w:r><w:r><w:instrText> FORMCHECKBOX </w:instrText></w:r>'
                 '<w:r><w:fldChar w:fldCharType="end"/></w:r><w:r><w:t xml:space="preserve"> Tốt </w:t></w:r>'
                 '<w:r><w:sym w:font="Wingdings" w:char="F0A8"/></w:r>'
                 '<w:r><w:t xml:space="preserve"> Khá</w:t></w:r></w:p>')
    add_xml(doc, '<w:tbl NS><w:tr><w:tc><w:p><w:r><w:t>Ngoài</w:t></w:r></w:p>'
                 '<w:tbl><w:tr><w:tc><w:p><w:r><w:t>Lồng 1</w:t></w:r></w:p></w:tc>'
                 '<w:tc><w:p><w:r><w:t>Lồng 2</w:t></w:r></w:p></w:tc></w:tr></w:tbl></w:tc>'
                 '<w:tc><w:tcPr><w:gridSpan w:val="2"/></w:tcPr><w:p><w:r><w:t>Gộp</w:t></w:r></w:p></w:tc>'
                 '<w:tc><w:p><w:r><w:t>Cuối</w:t></w:r></w:p></w:tc></w:tr></w:tbl>')
    add_xml(doc, '<w:p NS><w:pPr><w:sectPr><w:type w:val="continuous"/></w:sectPr></w:pPr>'
                 '<w:r><w:t>Hết phần một</w:t></w:r></w:p>')
    add_xml(doc, '<w:p NS><w:pPr><w:sectPr><w:type w:val="continuous"/></w:sectPr></w:pPr>'
                 '<w:r><w:t>Phần hai liền mạch</w:t></w:r></w:p>')
    doc.add_paragraph("Phần ba trang mới")   # the final section's type is python-docx's default (new page)
    add_xml(doc, '<w:p NS><w:pPr><w:pageBreakBefore/></w:pPr><w:r><w:t>Sang trang</w:t></w:r></w:p>')

    src = read_docx(save(doc, tmp_path / "x.docx"))
    assert [ln.text for ln in src.lines] == [
        "Mở đầu", "Đã thêm chữ.", "Trang 7, ngày 1/1", "Neo", "Trong khung", "Hiện IN HOA", "Trong ô nội dung",
        "☒ Tốt ☐ Khá", "Ngoài", "Lồng 1", "Lồng 2", "Gộp", "Cuối", "Hết phần một", "Phần hai liền mạch",
        "Phần ba trang mới", "Sang trang"]
    by_text = {ln.text: ln for ln in src.lines}
    assert by_text["Trong khung"].all_bold and by_text["Trong khung"].align == "center"
    assert [by_text[t].table for t in ("Ngoài", "Lồng 1", "Lồng 2", "Gộp", "Cuối")] == \
        [(0, 0, 0), (0, 0, 0), (0, 0, 0), (0, 0, 1), (0, 0, 3)]
    breaks = [ln.text for ln in src.lines if ln.page_break_before]
    assert breaks == ["Phần ba trang mới", "Sang trang"]
    assert any("Track Changes" in n for n in src.notes)


def test_legacy_fonts_are_converted(tmp_path):
    doc = Document()
    doc.add_paragraph(from_unicode("Báo cáo tự đánh giá", TCVN3)).runs[0].font.name = ".VnTime"
    doc.add_paragraph(from_unicode("cộng hòa xã hội", TCVN3)).runs[0].font.name = ".VnTimeH"
    p = doc.add_paragraph("Đơn vị: ")
    p.add_run(from_unicode("Văn phòng Ủy ban", VNI)).font.name = "VNI-Times"
    doc.add_paragraph("Chữ Unicode để phông cũ").runs[0].font.name = ".VnTime"   # converted already: kept
    doc.add_paragraph("Unicode thường")
    src = read_docx(save(doc, tmp_path / "cu.docx"))
    assert [ln.text for ln in src.lines] == ["Báo cáo tự đánh giá", "CỘNG HÒA XÃ HỘI", "Đơn vị: Văn phòng Ủy ban",
                                             "Chữ Unicode để phông cũ", "Unicode thường"]
    assert any("TCVN3" in n and ".VnTime, .VnTimeH" in n for n in src.notes)
    assert any("VNI" in n and "VNI-Times" in n for n in src.notes)
    assert legacy_encoding(".VnTimeH") == TCVN3 and legacy_encoding("VNI-Helve") == VNI
    assert legacy_encoding("Times New Roman") is None


def test_legacy_text_in_a_unicode_font_is_flagged(tmp_path):
    doc = Document()
    for line in ("Báo cáo kết quả thực hiện nhiệm vụ năm 2024 của đơn vị",
                 "Công tác tham mưu tổng hợp được thực hiện kịp thời"):
        doc.add_paragraph(from_unicode(line, TCVN3))
    src = read_docx(save(doc, tmp_path / "sai-phong.docx"))
    assert any("TCVN3" in n and "chưa được chuyển" in n for n in src.notes)
    assert read_docx(save(Document(), tmp_path / "trong.docx")).notes == []


def test_text_is_cleaned(tmp_path):
    doc = Document()
    doc.add_paragraph("Cộng hòa")
    add_xml(doc, '<w:p NS><w:r><w:t>Ho\u0300a\u00a0binh</w:t></w:r></w:p>')
    src = read_docx(save(doc, tmp_path / "c.docx"))
    assert src.lines[1].text == "Hòa\u00a0binh"   # NFC


# --- read_any ----------------------------------------------------------------------------------------
def test_read_any_goes_by_content_not_suffix(tmp_path):
    path = officer_report(tmp_path / "r1.docx")
    renamed = tmp_path / "bao-cao.dat"
    shutil.copy(path, renamed)
    assert marked_text(read_any(renamed)) == [text for text, *_ in READ]


def test_read_any_plain_text(tmp_path):
    path = tmp_path / "bao-cao.docx"   # a text file wearing a .docx name
    path.write_text("BÁO CÁO\nNăm 2024\n", encoding="utf-8")
    if importlib.util.find_spec("tudanhgia.importer.text_reader") is None:
        fails(path, "văn bản thuần", "chưa có", reader=read_any)
    else:
        assert isinstance(read_any(path), SourceDocument)
    fails(path, "không phải là văn bản Word", "văn bản thuần")


# --- bad files ---------------------------------------------------------------------------------------
def test_not_a_docx(tmp_path):
    txt = tmp_path / "ghi-chu.docx"
    txt.write_text("Chỉ là văn bản thuần", encoding="utf-8")
    fails(txt, "không phải là văn bản Word (.docx)")
    binary = tmp_path / "anh.docx"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    fails(binary, "không phải là văn bản Word (.docx)")
    fails(binary, "không phải là văn bản Word", reader=read_any)
    pdf = tmp_path / "bao-cao.pdf"
    pdf.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n" + bytes(100))
    fails(pdf, "PDF", reader=read_any)


def test_empty_and_missing(tmp_path):
    empty = tmp_path / "rong.docx"
    empty.write_bytes(b"")
    fails(empty, "trống")
    fails(empty, "trống", reader=read_any)
    fails(tmp_path / "khong-co.docx", "Không tìm thấy tệp khong-co.docx")
    folder = tmp_path / "thu-muc.docx"
    folder.mkdir()
    fails(folder, "thư mục")


def test_too_large_is_refused_without_reading(tmp_path, monkeypatch):
    big = tmp_path / "lon.docx"
    with open(big, "wb") as f:
        f.truncate(200 * 1024 * 1024)   # sparse: costs no disk and no time
    real_open = builtins.open

    def guarded(file, *args, **kwargs):
        assert Path(str(file)) != big, "the oversized file was opened"
        return real_open(file, *args, **kwargs)
    monkeypatch.setattr(builtins, "open", guarded)
    monkeypatch.setattr(io, "open", guarded)
    fails(big, "quá lớn", "200 MB", "50 MB")
    fails(big, "quá lớn", reader=read_any)
    fails(big, "quá lớn", "100 MB", max_bytes=100 * 1024 * 1024)


def test_old_word_format(tmp_path):
    bare = tmp_path / "cu.doc"
    bare.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(4096))
    err = fails(bare, "là định dạng Word cũ (.doc). Hãy mở bằng Word và lưu lại dưới dạng .docx")
    assert str(err).startswith("Tệp cu.doc là định dạng Word cũ (.doc).")
    real = tmp_path / "that.doc"
    real.write_bytes(compound_file({"WordDocument": struct.pack("<HH", 0xA5EC, 0xC1) + bytes(20),
                                    "1Table": b"x"}))
    fails(real, "Word cũ (.doc)")
    renamed = tmp_path / "doi-ten.docx"   # the suffix does not matter
    shutil.copy(real, renamed)
    fails(renamed, "Word cũ (.doc)")
    excel = tmp_path / "bang.xls"
    excel.write_bytes(compound_file({"Workbook": b"x"}))
    fails(excel, "Excel")


def test_password_protected(tmp_path):
    ooxml = tmp_path / "mat-khau.docx"   # Word saves an encrypted .docx as an OLE2 container
    ooxml.write_bytes(compound_file({"EncryptionInfo": b"\x04\x00\x04\x00", "EncryptedPackage": b"\x00" * 64}))
    fails(ooxml, "mật khẩu")
    fails(ooxml, "mật khẩu", reader=read_any)
    doc97 = tmp_path / "mat-khau.doc"   # a Word 97 file with the FIB's fEncrypted flag
    doc97.write_bytes(compound_file({"WordDocument": struct.pack("<HHHHHH", 0xA5EC, 0xC1, 0, 0, 0, 0x0100)}))
    fails(doc97, "mật khẩu")


def test_damaged_packages(tmp_path):
    good = officer_report(tmp_path / "tot.docx")
    data = good.read_bytes()
    truncated = tmp_path / "dang-do.docx"
    truncated.write_bytes(data[:len(data) // 2])
    fails(truncated, "bị hỏng hoặc không đầy đủ")
    fails(truncated, "bị hỏng", reader=read_any)

    no_body = tmp_path / "thieu.docx"
    rezip(good, no_body, {"word/document.xml": None})
    fails(no_body, "word/document.xml")
    plain_zip = tmp_path / "nen.docx"
    with zipfile.ZipFile(plain_zip, "w") as zf:
        zf.writestr("hello.txt", "xin chào")
    fails(plain_zip, "không phải là văn bản Word", "word/document.xml")
    xlsx = tmp_path / "bang.docx"
    with zipfile.ZipFile(xlsx, "w") as zf:
        zf.writestr("xl/workbook.xml", "<workbook/>")
    fails(xlsx, "Excel")

    xml = zipfile.ZipFile(good).read("word/document.xml")
    broken = tmp_path / "xml-hong.docx"
    rezip(good, broken, {"word/document.xml": xml[: len(xml) // 2]})
    fails(broken, "bị hỏng", "XML")
    broken_notes = tmp_path / "styles-hong.docx"
    rezip(good, broken_notes, {"word/styles.xml": b"<w:styles><oops>"})
    fails(broken_notes, "bị hỏng", "XML")


def test_a_failure_saves_nothing(tmp_path, private_tmp):
    bad = tmp_path / "dang-do.docx"
    bad.write_bytes(officer_report(tmp_path / "tot.docx").read_bytes()[:3000])
    for reader in (read_docx, read_any):
        fails(bad, "bị hỏng", reader=reader)
    assert list(private_tmp.iterdir()) == []


# --- conversion with LibreOffice ---------------------------------------------------------------------
@pytest.mark.slow
@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice is not installed")
def test_a_real_doc_converts_back(tmp_path, private_tmp):
    path = officer_report(tmp_path / "r3.docx")
    profile = tmp_path / "profile"
    subprocess.run([SOFFICE, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
                    "--convert-to", "doc", "--outdir", str(tmp_path / "doc"), str(path)],
                   check=True, capture_output=True, timeout=180)
    doc = tmp_path / "doc" / "r3.doc"
    assert doc.read_bytes()[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    fails(doc, "Word cũ (.doc)")   # read_docx never converts
    src = read_any(doc)
    assert src.name == "r3.doc" and "LibreOffice" in src.notes[0]
    norm = lambda text: " ".join(text.split())  # noqa: E731 - LibreOffice may respace non-breaking spaces
    assert [norm(t) for t in marked_text(src)] == [norm(text) for text, *_ in READ]
    assert [fn.text for ln in src.lines for fn in ln.paragraph.footnotes] == NOTES
    assert [ln.table for ln in src.lines] == [table for _, table, *_ in READ]
    assert [ln.all_bold for ln in src.lines] == [bold for *_, bold in READ]
    assert list(private_tmp.iterdir()) == []   # the private profile and the converted copy are gone

    out = convert_doc(doc, tmp_path / "converted")
    assert out == tmp_path / "converted" / "r3.docx" and out.read_bytes()[:2] == b"PK"


def test_without_libreoffice_a_doc_is_refused(tmp_path, monkeypatch):
    import tudanhgia.importer.docx_reader as reader
    monkeypatch.setattr(reader, "find_soffice", lambda: None)
    doc = tmp_path / "cu.doc"
    doc.write_bytes(compound_file({"WordDocument": struct.pack("<HH", 0xA5EC, 0xC1)}))
    fails(doc, "Word cũ (.doc)", reader=read_any)
    with pytest.raises(ImportFailure, match="Word cũ"):
        convert_doc(doc)


def test_runs_are_domain_runs(tmp_path):
    doc = Document()
    p = doc.add_paragraph()
    r = p.add_run("đậm nghiêng")
    r.bold = r.italic = True
    r.font.size = Pt(14)
    src = read_docx(save(doc, tmp_path / "r.docx"))
    assert src.lines[0].paragraph.items == (Run("đậm nghiêng", True, True),)
    assert os.path.basename(src.name) == "r.docx"


def test_word_automatic_numbering_is_read_as_printed(tmp_path):
    """Headings numbered by Word's own lists (not typed) keep the numbers Word shows."""
    import docx
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls
    from tudanhgia.importer.docx_reader import read_docx
    d = docx.Document()
    numbering = d.part.numbering_part.element
    numbering.append(parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="90">'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%1."/></w:lvl>'
        '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%2."/></w:lvl>'
        '<w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%2.%3."/></w:lvl>'
        '<w:lvl w:ilvl="3"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%4)"/></w:lvl>'
        '<w:lvl w:ilvl="4"><w:numFmt w:val="bullet"/><w:lvlText w:val="-"/></w:lvl></w:abstractNum>'))
    numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))

    def item(text, level):
        p = d.add_paragraph(text)
        p._p.get_or_add_pPr().append(parse_xml(
            f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/><w:numId w:val="90"/></w:numPr>'))
    item("Ưu điểm", 0)
    item("Công tác tham mưu", 1)
    item("Chương trình công tác", 2)
    item("Xây dựng chương trình", 3)
    item("Theo dõi đôn đốc", 3)
    item("đã hoàn thành", 4)
    item("Kiểm soát thủ tục hành chính", 2)
    item("Hạn chế", 0)
    item("Nguyên nhân", 1)
    path = tmp_path / "tu-dong.docx"
    d.save(path)
    assert [ln.text for ln in read_docx(path).lines] == [
        "I. Ưu điểm", "1. Công tác tham mưu", "1.1. Chương trình công tác", "a) Xây dựng chương trình",
        "b) Theo dõi đôn đốc", "- đã hoàn thành", "1.2. Kiểm soát thủ tục hành chính", "II. Hạn chế", "1. Nguyên nhân"]
