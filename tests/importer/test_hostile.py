"""Hostile files (issue 11, point 7): each is refused fast (well under 20 s), with a Vietnamese
message naming the file, nothing saved, memory bounded (< 300 MB peak, measured in a child
process) — zip bombs, lying zip headers, entity expansion, external entities, names climbing out
of the package, huge and empty files, encrypted containers; for Excel also formulas, merged cells,
external links and 100 000 rows; for text a 45 MB file and 100 000 lines. Every file is made here
(tests/importer/hostile.py), small on disk even when it unpacks to gigabytes."""
from __future__ import annotations

import re
import struct
import subprocess
import sys
import time
from pathlib import Path

import pytest

from hostile import (BILLION_LAUGHS, DOC_HEAD, DOC_TAIL, S_NS, W_NS, Entry, docx, docx_bomb, document, sheet_xml,
                     write_zip, xlsx, xlsx_bomb, xxe)
from test_docx_reader import compound_file
from tudanhgia.domain.model import Report, Section
from tudanhgia.domain.period import Period
from tudanhgia.domain.richtext import Paragraph, RichText
from tudanhgia.errors import XlsxError
from tudanhgia.importer.docx_reader import read_any
from tudanhgia.importer.limits import check_report
from tudanhgia.importer.source import ImportFailure
from tudanhgia.importer.xlsx_reader import read_indicators, read_measure_sheet
from tudanhgia.services.importing import import_file

FAST_S = 20
GB = 1024 ** 3
MB = 1024 ** 2
MEASURES_HEADER = ["Mã (không sửa)", "Trạng thái", "Kết quả thực hiện"]
ROOT = Path(__file__).resolve().parents[2]


def refused(path: Path, *words: str, reader=read_any) -> str:
    """`reader` refuses `path` within FAST_S with a message naming the file and holding `words`,
    in Vietnamese: no exception class, library name or English text in it."""
    start = time.perf_counter()
    with pytest.raises((ImportFailure, XlsxError)) as info:
        reader(path)
    elapsed = time.perf_counter() - start
    message = str(info.value)
    assert elapsed < FAST_S, f"{elapsed:.1f} s"
    assert path.name in message, message
    for word in words:
        assert word in message, message
    assert not re.search(r"Error|Exception|BadZip|lxml|openpyxl|zipfile|Traceback|entity|[Hh]uge", message), message
    return message


def imports_nothing(service, path: Path, *words: str) -> str:
    """The whole import (read, recognise, save) refuses the file and the database is unchanged."""
    before = [r.id for r in service.list_reports()]
    message = refused(path, *words, reader=lambda p: import_file(service, p))
    assert [r.id for r in service.list_reports()] == before
    return message


def peak_mb(code: str) -> float:
    """Peak resident memory (MB) of a fresh Python running `code`. Linux carries the parent's
    peak into a child's ru_maxrss through fork and exec (the pytest process is large), so the
    child reads its own high-water mark, VmHWM, and ru_maxrss only where there is no /proc."""
    script = ("import resource, sys\n" f"sys.path.insert(0, {str(ROOT / 'desktop')!r})\n" + code + "\n"
              "try:\n"
              "    peak = next(int(l.split()[1]) for l in open('/proc/self/status') if l.startswith('VmHWM'))\n"
              "except OSError:\n"
              "    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
              "print('PEAK', peak)")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    return int(done.stdout.split("PEAK")[-1]) / 1024


# --- DOCX -------------------------------------------------------------------------------------------
def test_a_real_minimal_package_imports(tmp_path):
    """The control: the package the hostile cases are made from is accepted."""
    doc = read_any(docx(tmp_path / "hop-le.docx"))
    assert [ln.text for ln in doc.lines] == ["Báo cáo thử."]


def test_not_a_zip_empty_and_truncated_docx(service, tmp_path):
    junk = tmp_path / "rac.docx"
    junk.write_bytes(bytes(range(256)) * 64)
    imports_nothing(service, junk, "không phải là văn bản Word")
    empty = tmp_path / "rong.docx"
    empty.write_bytes(b"")
    imports_nothing(service, empty, "trống")
    whole = docx(tmp_path / "nguyen.docx", document(*["Nội dung báo cáo."] * 2000)).read_bytes()
    cut = tmp_path / "cat-do.docx"
    cut.write_bytes(whole[:len(whole) // 2])
    imports_nothing(service, cut, "bị hỏng hoặc không đầy đủ")


@pytest.mark.parametrize("size, text_only, words", [
    (390 * MB, False, ["quá nhiều thành phần XML"]),   # the 390 MB of paragraphs: too many elements
    (2 * GB, False, ["quá nhiều thành phần XML"]),
    (2 * GB, True, ["bom giải nén", "40 MB"]),          # few elements, all text: the part's size limit
], ids=["390MB-of-paragraphs", "2GB-of-paragraphs", "2GB-of-text"])
def test_a_zip_bomb_docx_is_refused_fast(service, tmp_path, size, text_only, words):
    """One part unpacking to hundreds of megabytes or gigabytes (a few MB on disk): stopped while
    unpacking, at whichever limit comes first, not imported for minutes and saved."""
    bomb = docx_bomb(tmp_path / "bom.docx", size, text_only=text_only)
    assert bomb.stat().st_size < 10 * MB
    imports_nothing(service, bomb, "được tạo ra để gây hại", *words)


def test_zip_headers_are_not_trusted(service, tmp_path):
    # a part whose headers claim 1 KB and which unpacks to 60 MB: never more than claimed is taken
    liar = tmp_path / "khai-nho.docx"
    docx_bomb(liar, 60 * MB, claim=1024)
    imports_nothing(service, liar, "bị hỏng")
    # headers claiming 3 GB for a small part: read for what it is, nothing refused or reserved for it
    big_claim = tmp_path / "khai-lon.docx"
    docx(big_claim, Entry("word/document.xml", document("Khai sai kích thước.")))
    data = bytearray(big_claim.read_bytes())
    for sig, at in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        pos = data.find(sig)
        while pos != -1:
            name_len = struct.unpack_from("<H", data, pos + (26 if sig == b"PK\x03\x04" else 28))[0]
            name = data[pos + (30 if sig == b"PK\x03\x04" else 46):][:name_len]
            if name == b"word/document.xml":
                struct.pack_into("<I", data, pos + at, 3 * GB)
            pos = data.find(sig, pos + 4)
    big_claim.write_bytes(bytes(data))
    assert [ln.text for ln in read_any(big_claim).lines] == ["Khai sai kích thước."]


def test_billion_laughs_is_refused_before_parsing(service, tmp_path):
    body = (BILLION_LAUGHS + f'<w:document xmlns:w="{W_NS}"><w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p>'
            "</w:body></w:document>").encode()
    imports_nothing(service, docx(tmp_path / "cuoi.docx", body), "DTD")


@pytest.mark.parametrize("part", ["word/document.xml", "_rels/.rels", "word/styles.xml"])
def test_external_entities_never_read_a_local_file(service, tmp_path, part):
    secret = tmp_path / "bi-mat.txt"
    secret.write_text("MẬT KHẨU NGÂN HÀNG 123456", encoding="utf-8")
    evil = (xxe(secret) + f'<w:document xmlns:w="{W_NS}"><w:body><w:p><w:r><w:t>&secret;</w:t></w:r></w:p>'
            "</w:body></w:document>").encode()
    path = tmp_path / "xxe.docx"
    if part == "word/document.xml":
        docx(path, evil)
    elif part == "_rels/.rels":
        write_zip(path, [Entry("_rels/.rels", xxe(secret).encode() + b"<Relationships/>"),
                         Entry("word/document.xml", document("x"))])
    else:
        docx(path, None, Entry("word/_rels/document.xml.rels", (
            b'<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
            b'relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
            b'relationships/styles" Target="styles.xml"/></Relationships>')),
             Entry("word/styles.xml", evil.replace(b"w:document", b"w:styles")))
    message = imports_nothing(service, path, "DTD")
    assert "123456" not in message


def test_a_dtd_in_utf16_is_refused_too(tmp_path):
    body = ('<?xml version="1.0" encoding="UTF-16"?>' + BILLION_LAUGHS.split("?>", 1)[1]
            + f'<w:document xmlns:w="{W_NS}"><w:body/></w:document>').encode("utf-16")
    refused(docx(tmp_path / "utf16.docx", body), "DTD")


@pytest.mark.parametrize("name", ["../../../tmp/ngoai.txt", "/etc/ngoai.txt", "C:/Windows/ngoai.txt",
                                  "word/../../ngoai.txt", "..\\..\\ngoai.txt"])
def test_names_climbing_out_of_the_package_are_refused(service, tmp_path, name):
    path = docx(tmp_path / "duong-dan.docx", None, Entry(name, b"noi dung"))
    imports_nothing(service, path, "tên không hợp lệ")
    assert not (tmp_path.parent / "ngoai.txt").exists()


def test_a_part_twice_and_too_many_parts_are_refused(tmp_path):
    twice = docx(tmp_path / "trung.docx", None, Entry("word/document.xml", document("khác")))
    refused(twice, "hai phần cùng tên")
    many = docx(tmp_path / "nhieu.docx", None, *[Entry(f"word/media/a{i}.xml", b"<a/>") for i in range(6000)])
    refused(many, "quá nhiều phần")
    data = bytearray(many.read_bytes())      # the end record claiming 10 parts: the directory is counted
    end = data.rfind(b"PK\x05\x06")
    struct.pack_into("<HH", data, end + 8, 10, 10)
    many.write_bytes(bytes(data))
    refused(many, "quá nhiều phần")
    # fewer parts, with names long enough to make zipfile read a 5 MB directory: refused before it does
    long_names = docx(tmp_path / "ten-dai.docx", None,
                      *[Entry(f"word/media/{i:04d}{'a' * 1200}.xml", b"<a/>") for i in range(4000)])
    refused(long_names, "danh sách các phần quá lớn")


def test_what_the_xml_parser_itself_refuses_is_named(tmp_path):
    """Beyond libxml2's own limits (huge_tree stays off): a text node over 10 MB, nesting over 256."""
    text = DOC_HEAD + b"<w:p><w:r><w:t>" + b"a" * (11 * MB) + b"</w:t></w:r></w:p>" + DOC_TAIL
    refused(docx(tmp_path / "chu-dai.docx", text), "vượt giới hạn của trình đọc XML")
    deep = DOC_HEAD + b"<w:sdt><w:sdtContent>" * 300 + b"</w:sdtContent></w:sdt>" * 300 + DOC_TAIL
    refused(docx(tmp_path / "long-sau.docx", deep), "vượt giới hạn của trình đọc XML")


def test_too_many_xml_elements_are_refused_while_unpacking(tmp_path):
    body = DOC_HEAD + b"<w:p/>" * 700_000 + DOC_TAIL     # 4 MB unpacked, within the size limits
    refused(docx(tmp_path / "phan-tu.docx", body), "quá nhiều thành phần")


def test_a_200_mb_file_is_refused_without_being_read(service, tmp_path):
    big = tmp_path / "lon.docx"
    with open(big, "wb") as f:
        f.write(b"PK\x03\x04")
        f.truncate(200 * MB)                 # sparse: nothing written
    start = time.perf_counter()
    imports_nothing(service, big, "quá lớn", "200 MB")
    assert time.perf_counter() - start < 1


def test_a_password_protected_word_file_is_named_as_such(service, tmp_path):
    locked = tmp_path / "mat-khau.docx"      # Word saves a protected .docx as an OLE2 container
    locked.write_bytes(compound_file({"EncryptionInfo": b"\x04\x00\x04\x00", "EncryptedPackage": bytes(8192)}))
    imports_nothing(service, locked, "được bảo vệ bằng mật khẩu")


def test_too_many_paragraphs_or_characters_are_refused_before_saving(service, tmp_path):
    many = docx(tmp_path / "nhieu-doan.docx", document(*[f"Đoạn {i}." for i in range(25_000)]))
    imports_nothing(service, many, "20 000 đoạn văn")
    long = docx(tmp_path / "dai.docx", document(*["chữ " * 250_000] * 5))   # 5 paragraphs of 1 M characters
    imports_nothing(service, long, "4 000 000 ký tự")


def test_a_flood_of_paragraphs_is_stopped_while_walking_not_after(tmp_path):
    """120 000 paragraphs: the walk stops at the 20 001st instead of building them all first (the
    progress it reports says how far it got: the walk is the last fifth of the reading)."""
    flood = docx(tmp_path / "lu.docx", document(*[f"Đoạn {i}." for i in range(120_000)]))
    heard: list[float] = []
    with pytest.raises(ImportFailure, match="20 000 đoạn văn"):
        read_any(flood, progress=heard.append)
    assert heard == sorted(heard) and 0.8 < heard[-1] < 0.85


def test_memory_stays_bounded_on_bombs_and_at_the_limits(tmp_path):
    bomb = docx_bomb(tmp_path / "bom.docx", 2 * GB)
    elements = docx(tmp_path / "phan-tu.docx", DOC_HEAD + b"<w:p><w:r><w:t>x</w:t></w:r></w:p>" * 140_000 + DOC_TAIL)
    text = docx(tmp_path / "chu.docx", document(*["chữ " * 200_000] * 4))   # 3.2 M characters: accepted
    code = ("from tudanhgia.importer.docx_reader import read_any\n"
            "from tudanhgia.importer.source import ImportFailure\n"
            "for p in sys.argv[1:] or {paths!r}:\n"
            "    try:\n        read_any(p)\n    except ImportFailure:\n        pass\n")
    for path in (bomb, elements, text):
        peak = peak_mb(code.format(paths=[str(path)]))
        assert peak < 300, f"{path.name}: {peak:.0f} MB"


# --- XLSX -------------------------------------------------------------------------------------------
def measures(path: Path, *rows, merged: str = "", links: bool = False) -> Path:
    return xlsx(path, sheet_xml([MEASURES_HEADER, *rows], merged), links=links)


def test_a_real_minimal_workbook_reads(tmp_path):
    sheet = read_measure_sheet(measures(tmp_path / "hop-le.xlsx", ["BP-1", "Hoàn thành", "Đã xong"]))
    assert [(r.measure_id, r.values["result"]) for r in sheet.rows] == [(1, "Đã xong")] and not sheet.problems


@pytest.mark.parametrize("case, words", [
    ("not-zip", ["không phải tệp Excel"]),
    ("empty", ["rỗng"]),
    ("truncated", ["chưa được chép hết"]),
    ("bomb", ["được tạo ra để gây hại", "bom giải nén"]),
    ("header-lies", ["bị hỏng"]),
    ("billion-laughs", ["DTD"]),
    ("xxe", ["DTD"]),
    ("traversal", ["tên không hợp lệ"]),
    ("200MB", ["quá lớn", "200 MB"]),
    ("encrypted", ["được bảo vệ bằng mật khẩu"]),
    ("xls", [".xls"]),
    ("100k-rows", ["20 000 dòng"]),
    ("shared-strings", ["200 000 ô"]),       # openpyxl would parse them all at once
])
def test_hostile_workbooks_are_refused_fast(tmp_path, case, words):
    path = tmp_path / f"{case}.xlsx"
    secret = tmp_path / "bi-mat.txt"
    secret.write_text("MẬT KHẨU 654321", encoding="utf-8")
    if case == "not-zip":
        path.write_bytes(bytes(range(256)) * 16)
    elif case == "empty":
        path.write_bytes(b"")
    elif case == "truncated":
        whole = measures(tmp_path / "whole.xlsx", *[[f"BP-{i}", "Hoàn thành", "x" * 50] for i in range(500)])
        path.write_bytes(whole.read_bytes()[:whole.stat().st_size // 2])
    elif case == "bomb":
        xlsx_bomb(path, 2 * GB)
    elif case == "header-lies":
        head = sheet_xml([MEASURES_HEADER]).split(b"</sheetData>")[0]
        from hostile import bomb_stream
        stream, size, crc = bomb_stream(head, b"<row/>", 60 * MB, b"</sheetData></worksheet>")
        xlsx(path, Entry("xl/worksheets/sheet1.xml", stream=stream, size=size, crc=crc, claim=2048))
    elif case == "billion-laughs":
        xlsx(path, (BILLION_LAUGHS + sheet_xml([MEASURES_HEADER, ["BP-1", "&lol9;"]]).decode()
                    .split("?>", 1)[1]).encode())
    elif case == "xxe":
        xlsx(path, (xxe(secret) + sheet_xml([MEASURES_HEADER, ["BP-1", "&secret;"]]).decode()
                    .split("?>", 1)[1]).encode())
    elif case == "traversal":
        xlsx(path, sheet_xml([MEASURES_HEADER]), Entry("../../xl/ngoai.xml", b"<a/>"))
    elif case == "200MB":
        with open(path, "wb") as f:
            f.write(b"PK\x03\x04")
            f.truncate(200 * MB)
    elif case == "encrypted":
        path.write_bytes(compound_file({"EncryptionInfo": b"\x04\x00\x04\x00", "EncryptedPackage": bytes(8192)}))
    elif case == "xls":
        path.write_bytes(compound_file({"Workbook": bytes(4096)}))
    elif case == "shared-strings":
        strings = "".join(f"<si><t>chuỗi {i}</t></si>" for i in range(250_000))
        xlsx(path, sheet_xml([MEASURES_HEADER]), Entry("xl/sharedStrings.xml", (
            f'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{S_NS}">{strings}</sst>').encode()))
    elif case == "100k-rows":
        measures(path, *[[f"BP-{i}", "Hoàn thành", f"Kết quả {i}"] for i in range(100_000)])
    for reader in (read_measure_sheet, read_indicators):
        message = refused(path, *words, reader=reader)
        assert "654321" not in message


def test_formulas_give_their_stored_results_and_are_never_evaluated(tmp_path):
    path = measures(tmp_path / "cong-thuc.xlsx",
                    ["BP-1", "Hoàn thành", ("=CONCATENATE(\"Đã \",\"xong\")", "Kết quả đã lưu")],
                    ["BP-2", "Hoàn thành", "=CONCATENATE(\"chưa \",\"tính\")"],
                    ["BP-3", "Đang thực hiện", "Ghi tay"])
    sheet = read_measure_sheet(path)
    # the stored result is read, never the formula's own evaluation
    assert {r.measure_id: r.values["result"] for r in sheet.rows} == {1: "Kết quả đã lưu", 3: "Ghi tay"}
    # no stored result: the row is left out with a reason, never read as an emptied cell
    assert [p.message_vi for p in sheet.problems] == [
        "Dòng 3: ô C3 có công thức nhưng tệp không lưu kết quả (tệp chưa được tính lại trong Excel), không đọc "
        "được. Hãy mở tệp bằng Excel, lưu lại rồi gửi lại."]


def test_an_uncached_formula_in_an_indicator_row_blocks_it(tmp_path):
    path = xlsx(tmp_path / "so-lieu.xlsx", sheet_xml([["Chỉ tiêu", "Đơn vị tính", "Kết quả"],
                                                      ["Hồ sơ giải quyết", "hồ sơ", ("=40+2", 42)],
                                                      ["Hồ sơ trễ hạn", "hồ sơ", "=B9*2"]]))
    indicators, problems = read_indicators(path)
    assert [(i.name, i.value) for i in indicators] == [("Hồ sơ giải quyết", 42.0)]
    assert [(p.row_number, p.blocking) for p in problems] == [(3, True)] and "C3" in problems[0].message_vi


def test_merged_cells_in_the_data_are_reported_not_guessed(tmp_path):
    path = measures(tmp_path / "gop.xlsx", ["BP-1", "Hoàn thành", "Một"], ["BP-2", "Hoàn thành", None],
                    merged="C2:C3")
    sheet = read_measure_sheet(path)
    assert sheet.rows == []
    assert [p.message_vi for p in sheet.problems] == [
        "Dòng 2–3: có ô gộp (C2:C3) trong vùng dữ liệu, không đọc được; hãy bỏ gộp ô (Unmerge) rồi gửi lại."]


def test_external_links_are_never_followed(tmp_path, monkeypatch):
    """A workbook linked to another file: the values stored in it are read; the linked file
    (which does not exist here) is never opened."""
    import builtins
    opened = []
    real_open = builtins.open
    monkeypatch.setattr(builtins, "open", lambda f, *a, **k: opened.append(str(f)) or real_open(f, *a, **k))
    path = measures(tmp_path / "lien-ket.xlsx", ["BP-1", "Hoàn thành", ("=[1]Nguon!A1", "Giá trị đã lưu")],
                    links=True)
    sheet = read_measure_sheet(path)
    assert [r.values["result"] for r in sheet.rows] == ["Giá trị đã lưu"] and not sheet.problems
    assert not any("nguon" in f.lower() for f in opened), opened


def test_workbook_memory_stays_bounded(tmp_path):
    bomb = xlsx_bomb(tmp_path / "bom.xlsx", 2 * GB)
    rows = measures(tmp_path / "dong.xlsx", *[[f"BP-{i}", "Hoàn thành", f"Kết quả {i}"] for i in range(100_000)])
    at_limit = measures(tmp_path / "gioi-han.xlsx",
                        *[[f"BP-{i}", "Hoàn thành", f"Kết quả thực hiện số {i}"] for i in range(19_000)])
    code = ("from tudanhgia.importer.xlsx_reader import read_measure_sheet\n"
            "from tudanhgia.errors import XlsxError\n"
            "try:\n    read_measure_sheet({path!r})\nexcept XlsxError:\n    pass\n")
    for path in (bomb, rows, at_limit):
        peak = peak_mb(code.format(path=str(path)))
        assert peak < 300, f"{path.name}: {peak:.0f} MB"


# --- plain text -------------------------------------------------------------------------------------
def test_a_45_mb_text_file_is_refused(service, tmp_path):
    big = tmp_path / "van-ban.txt"
    line = "Nội dung báo cáo được sao chép nhiều lần để thành một tệp văn bản rất lớn.\n".encode()
    big.write_bytes(line * (45 * MB // len(line)))
    imports_nothing(service, big, "quá lớn", "45 MB")


@pytest.mark.parametrize("shape, words", [
    ("paragraphs", ["20 000 đoạn văn"]),          # each line its own paragraph
    ("one-paragraph", ["một đoạn văn dài"]),      # lines that all run on into one paragraph
])
def test_a_text_of_100k_lines_is_refused_in_time(service, tmp_path, shape, words):
    path = tmp_path / f"{shape}.txt"
    if shape == "paragraphs":   # lines of all lengths, each a sentence: no wrapping to undo
        lines = (f"Dòng {i}: " + "nội dung " * (i % 9) + "hết câu." for i in range(100_000))
    else:                       # lines of one width, none ending a sentence: one wrapped paragraph
        lines = (f"dòng thứ {i} của một văn bản rất dài không có dấu chấm câu" for i in range(100_000))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    imports_nothing(service, path, *words)


# --- validation of the recognised outline ---------------------------------------------------------
def _report(sections: list[Section]) -> Report:
    return Report("khac", Period(2025), sections=sections)


def test_outline_depth_section_count_and_text_sizes_are_checked():
    deep = Section(heading="Cấp 1")
    node = deep
    for level in range(2, 10):
        child = Section(heading=f"Cấp {level}")
        node.children.append(child)
        node = child
    with pytest.raises(ImportFailure, match="9 cấp"):
        check_report(_report([deep]), "sau.docx")
    check_report(_report([Section(heading="Cấp 1", children=deep.children[0].children[:0])]))   # 1 level: fine
    with pytest.raises(ImportFailure, match="2 001 mục"):
        check_report(_report([Section(heading=f"Mục {i}") for i in range(2001)]))
    check_report(_report([Section(heading=f"Mục {i}") for i in range(2000)]))
    body = RichText((Paragraph.plain("a" * 1_000_001),))
    with pytest.raises(ImportFailure, match="1 000 001 ký tự"):
        check_report(_report([Section(heading="", body=body)]))
    quarter = RichText((Paragraph.plain("a" * 900_000),))
    with pytest.raises(ImportFailure, match="4 500 000 ký tự"):
        check_report(_report([Section(heading="", body=quarter) for _ in range(5)]))
    check_report(_report([Section(heading="", body=quarter) for _ in range(4)]))
