"""A small Word report with a statistics appendix laid out as a table (group headings, sub-rows
with an empty STT, text values, blanks, a cell of two lines), written here with python-docx, and
imported through the services: the kept table (Report.appendix_table) the appendix tests edit."""
from __future__ import annotations

import sys
from pathlib import Path

from docx.enum.text import WD_ALIGN_PARAGRAPH

sys.path.insert(0, str(Path(__file__).parent / "importer"))
from wordlike import WordReport

HEADER = ["STT", "Chỉ tiêu", "Đơn vị tính", "Kết quả", "Ghi chú"]
ROWS = [
    ["I", "CÔNG TÁC TIẾP CÔNG DÂN", "", "", ""],
    ["1", "Số lượt tiếp công dân", "lượt", "42", ""],
    ["", "- Tiếp thường xuyên", "lượt", "30", ""],
    ["", "- Tiếp định kỳ", "lượt", "12", "Lãnh đạo tiếp"],
    ["2", "Có lịch tiếp công dân công khai", "", "CÓ", ""],
    ["II", "CÔNG TÁC GIẢI QUYẾT ĐƠN THƯ", "", "", ""],
    ["3", "Số đơn đã giải quyết", "đơn/ đơn, đạt %", "18/20, đạt 90%", "Còn 2 đơn\nđang xác minh"],
]


def write_report(path: Path, header: list[str] | None = None, rows: list[list[str]] | None = None) -> Path:
    header, rows = header or HEADER, rows or ROWS
    w = WordReport()
    w.header("UBND HUYỆN SƠN TỊNH", "THANH TRA HUYỆN", "Số: 21/BC-TTr", "Sơn Tịnh, ngày 15 tháng 12 năm 2024")
    w.title("BÁO CÁO", "Kết quả công tác tiếp công dân năm 2024")
    w.heading("I. KẾT QUẢ ĐẠT ĐƯỢC")
    w.para("Đã tiếp 42 lượt công dân.")
    w.para("Thanh tra huyện kính báo cáo./.")
    w.closing(["- UBND huyện;", "- Lưu: VT."], ["CHÁNH THANH TRA"], "Lê Văn Tâm")
    w.page_break()
    for text in ("PHỤ LỤC", "SỐ LIỆU TIẾP CÔNG DÂN NĂM 2024"):
        w.doc.add_paragraph(text).alignment = WD_ALIGN_PARAGRAPH.CENTER
    table = w.doc.add_table(rows=1 + len(rows), cols=len(header))
    for values, row in zip([header, *rows], table.rows, strict=True):
        for value, cell in zip(values, row.cells, strict=True):
            first, *rest = value.split("\n")
            cell.paragraphs[0].add_run(first)
            for more in rest:
                cell.add_paragraph(more)
    return w.save(path)


def imported(service, tmp_path: Path, **table) -> int:
    """The report imported from the Word file; its id."""
    from tudanhgia.services.importing import import_file
    result = import_file(service, write_report(tmp_path / "tiep-cong-dan.docx", **table))
    report = service.get_report(result.report.id)
    assert report.appendix_table is not None and report.appendix_table.rows == (table.get("rows") or ROWS)
    return report.id
