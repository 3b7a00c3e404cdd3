"""Hostile Office files made by the tests themselves: a small zip writer that can lie in its
headers and store a deflate stream of gigabytes in a few megabytes, and the minimal .docx and
.xlsx packages the hostile parts are put into. Nothing here uses the code under test."""
from __future__ import annotations

import struct
import zlib
from collections.abc import Iterable
from pathlib import Path

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
S_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
OFFICE_DOC = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
WORKSHEET = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet"
SHARED = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings"
STYLES = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles"
EXTERNAL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/externalLink"

PARAGRAPH = ('<w:p><w:r><w:t>Đoạn văn lặp lại của tệp độc hại, nội dung vô nghĩa để làm phình phần '
             'nội dung khi giải nén.</w:t></w:r></w:p>').encode()


class Entry:
    """One zip member: `data` (bytes) or a deflate `stream` already compressed (raw, no header),
    with its true `size` and `crc`; `claim` replaces the size the headers state (a lie)."""

    def __init__(self, name: str, data: bytes | None = None, *, stream: bytes | None = None, size: int = 0,
                 crc: int = 0, claim: int | None = None):
        self.name = name
        if data is not None:
            c = zlib.compressobj(6, zlib.DEFLATED, -15)
            stream = c.compress(data) + c.flush()
            size, crc = len(data), zlib.crc32(data)
        assert stream is not None
        self.stream, self.size, self.crc = stream, size, crc
        self.claim = size if claim is None else claim


def write_zip(path: Path, entries: Iterable[Entry]) -> Path:
    """A zip with deflated members, written byte by byte (zipfile cannot store a stream made
    elsewhere, nor lie about a size)."""
    out, central, count = bytearray(), bytearray(), 0
    for e in entries:
        name = e.name.encode("utf-8")
        offset = len(out)
        fields = struct.pack("<HHHHHIII", 20, 0x800, 8, 0, 0x21, e.crc, len(e.stream), e.claim)
        out += b"PK\x03\x04" + fields + struct.pack("<HH", len(name), 0) + name + e.stream
        central += (b"PK\x01\x02" + struct.pack("<H", 20) + fields
                    + struct.pack("<HHHHHII", len(name), 0, 0, 0, 0, 0, offset) + name)
        count += 1
    end = b"PK\x05\x06" + struct.pack("<HHHHIIH", 0, 0, count, count, len(central), len(out), 0)
    path.write_bytes(bytes(out + central + end))
    return path


def bomb_stream(head: bytes, unit: bytes, total: int, tail: bytes) -> tuple[bytes, int, int]:
    """(raw deflate stream, size, crc32) of head + unit repeated up to `total` bytes + tail, built
    from one compressed block reused: after a full flush the compressor forgets everything, so the
    same input compresses to the same bytes every time. A gigabyte takes a megabyte or two."""
    block_data = unit * max(1, (1 << 20) // len(unit))
    repeats = max(1, (total - len(head) - len(tail)) // len(block_data))
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    first = c.compress(head) + c.flush(zlib.Z_FULL_FLUSH)
    block = c.compress(block_data) + c.flush(zlib.Z_FULL_FLUSH)
    last = c.compress(tail) + c.flush()
    crc = zlib.crc32(head)
    for _ in range(repeats):
        crc = zlib.crc32(block_data, crc)
    crc = zlib.crc32(tail, crc)
    return first + block * repeats + last, len(head) + repeats * len(block_data) + len(tail), crc


# --- .docx ------------------------------------------------------------------------------------------
CONTENT_TYPES = (b'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
                 b'package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.'
                 b'openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
                 b'</Types>')
DOC_HEAD = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="{W_NS}"><w:body>'.encode()
DOC_TAIL = b"</w:body></w:document>"


def doc_rels() -> bytes:
    return (f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{PKG_RELS}"><Relationship Id="rId1" '
            f'Type="{OFFICE_DOC}" Target="word/document.xml"/></Relationships>').encode()


def document(*paragraphs: str) -> bytes:
    body = "".join(f"<w:p><w:r><w:t>{p}</w:t></w:r></w:p>" for p in paragraphs)
    return DOC_HEAD + body.encode() + DOC_TAIL


def docx(path: Path, body: bytes | Entry | None = None, *extra: Entry) -> Path:
    """A minimal .docx: the content types, the package relationships, word/document.xml."""
    main = body if isinstance(body, Entry) else Entry("word/document.xml", body or document("Báo cáo thử."))
    return write_zip(path, [Entry("[Content_Types].xml", CONTENT_TYPES), Entry("_rels/.rels", doc_rels()),
                            main, *extra])


def docx_bomb(path: Path, total: int, claim: int | None = None, text_only: bool = False) -> Path:
    """word/document.xml of `total` bytes of paragraphs (a few MB on disk); `text_only`: of one
    paragraph whose text is that long (few elements, all bytes)."""
    if text_only:   # paragraphs of 1 MB of text each
        unit = b"<w:p><w:r><w:t>" + b"a" * (1 << 20) + b"</w:t></w:r></w:p>"
        stream, size, crc = bomb_stream(DOC_HEAD, unit, total, DOC_TAIL)
    else:
        stream, size, crc = bomb_stream(DOC_HEAD, PARAGRAPH, total, DOC_TAIL)
    return docx(path, Entry("word/document.xml", stream=stream, size=size, crc=crc, claim=claim))


# --- .xlsx ------------------------------------------------------------------------------------------
def sheet_xml(rows: Iterable[Iterable[str | float | None]], merged: str = "") -> bytes:
    """Cells as inline strings or numbers; a value "=F" is a formula without a cached value,
    ("=F", v) a formula with cached value v."""
    out = [f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="{S_NS}" '
           f'xmlns:r="{R_NS}"><sheetData>']
    for r, row in enumerate(rows, 1):
        out.append(f'<row r="{r}">')
        for c, value in enumerate(row):
            ref = f"{chr(65 + c)}{r}"
            if value is None:
                continue
            if isinstance(value, tuple):
                formula, cached = value
                kind = ' t="str"' if isinstance(cached, str) else ""
                out.append(f'<c r="{ref}"{kind}><f>{formula[1:]}</f><v>{cached}</v></c>')
            elif isinstance(value, str) and value.startswith("="):
                out.append(f'<c r="{ref}"><f>{value[1:]}</f></c>')
            elif isinstance(value, str):
                out.append(f'<c r="{ref}" t="inlineStr"><is><t>{value}</t></is></c>')
            else:
                out.append(f'<c r="{ref}"><v>{value}</v></c>')
        out.append("</row>")
    out.append("</sheetData>")
    if merged:
        out.append(f'<mergeCells count="1"><mergeCell ref="{merged}"/></mergeCells>')
    out.append("</worksheet>")
    return "".join(out).encode()


XLSX_TYPES = (b'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
              b'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
              b'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
              b'<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.'
              b'spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="'
              b'application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>')


def xlsx(path: Path, sheet: bytes | Entry, *extra: Entry, links: bool = False) -> Path:
    """A minimal workbook of one sheet "Trang1"; `links` adds an external link to another workbook."""
    rels = [f'<Relationship Id="rId1" Type="{WORKSHEET}" Target="worksheets/sheet1.xml"/>']
    parts = []
    if links:
        rels.append(f'<Relationship Id="rId9" Type="{EXTERNAL}" Target="externalLinks/externalLink1.xml"/>')
        parts.append(Entry("xl/externalLinks/externalLink1.xml", (
            f'<?xml version="1.0" encoding="UTF-8"?><externalLink xmlns="{S_NS}" xmlns:r="{R_NS}">'
            f'<externalBook r:id="rId1"><sheetNames><sheetName val="Nguon"/></sheetNames></externalBook>'
            f'</externalLink>').encode()))
        parts.append(Entry("xl/externalLinks/_rels/externalLink1.xml.rels", (
            f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{PKG_RELS}"><Relationship Id="rId1" '
            f'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/externalLinkPath" '
            f'Target="file:///C:/khong-co/nguon-bi-mat.xlsx" TargetMode="External"/></Relationships>').encode()))
    book = (f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{S_NS}" xmlns:r="{R_NS}"><sheets>'
            f'<sheet name="Trang1" sheetId="1" r:id="rId1"/></sheets>'
            + ('<externalReferences><externalReference r:id="rId9"/></externalReferences>' if links else "")
            + "</workbook>").encode()
    main = sheet if isinstance(sheet, Entry) else Entry("xl/worksheets/sheet1.xml", sheet)
    return write_zip(path, [
        Entry("[Content_Types].xml", XLSX_TYPES),
        Entry("_rels/.rels", (f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{PKG_RELS}">'
                              f'<Relationship Id="rId1" Type="{OFFICE_DOC}" Target="xl/workbook.xml"/>'
                              f'</Relationships>').encode()),
        Entry("xl/workbook.xml", book),
        Entry("xl/_rels/workbook.xml.rels", (f'<?xml version="1.0" encoding="UTF-8"?><Relationships '
                                             f'xmlns="{PKG_RELS}">{"".join(rels)}</Relationships>').encode()),
        main, *parts, *extra])


def xlsx_bomb(path: Path, total: int) -> Path:
    head = f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{S_NS}"><sheetData><row r="1">'.encode()
    unit = b'<c t="inlineStr"><is><t>' + b"bom " * (1 << 18) + b"</t></is></c>"   # cells of 1 MB each
    stream, size, crc = bomb_stream(head, unit, total, b"</row></sheetData></worksheet>")
    return xlsx(path, Entry("xl/worksheets/sheet1.xml", stream=stream, size=size, crc=crc))


BILLION_LAUGHS = ('<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
                  + "".join(f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">'
                            for i in range(1, 10))
                  + "]>")


def xxe(target: Path) -> str:
    return f'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY secret SYSTEM "{target.as_uri()}">]>'
