"""The values the guarded scan keeps (importer/xlsx_values.py) are the ones openpyxl reads with
data_only=True — the expected values come from openpyxl's own load of the same file, never from
our reader: every cell kind, dates in either calendar, merged ranges, cells and rows that do not
say where they are, and the sheet's size."""
from __future__ import annotations

import datetime as dt
import re
import zipfile

import openpyxl
import pytest
from hostile import R_NS, S_NS, SHARED, xlsx
from openpyxl.styles import Alignment, Border, Font, Side

from tudanhgia.importer.xlsx_reader import _load


def _openpyxl_values(path):
    wb = openpyxl.load_workbook(path, data_only=True)
    out = [(ws.title, ws.max_row, ws.max_column, sorted(str(r) for r in ws.merged_cells.ranges),
            [[c.value for c in row] for row in ws.iter_rows(min_row=1, max_row=ws.max_row)])
           for ws in wb.worksheets]
    wb.close()
    return out


def _our_values(path):
    book, _scan = _load(path)
    return [(ws.title, ws.max_row, ws.max_column, sorted(r.coord for r in ws.merged_cells.ranges),
             [[c.value for c in row] for row in ws.iter_rows(min_row=1, max_row=ws.max_row)])
            for ws in book.worksheets]


def test_a_workbook_written_by_openpyxl_reads_as_openpyxl_reads_it(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Biện pháp"
    ws.append(["STT", "Nội dung", "Hạn", "Số", "Tỷ lệ", "Xong", "Giờ", "Khoảng"])
    ws.append([1, "Kế hoạch “số 12”  có hai dấu cách", dt.date(2026, 3, 31), 15, 0.875, True,
               dt.time(8, 30), dt.timedelta(hours=36)])
    ws.append([2, "x005F_ tách", dt.datetime(2026, 11, 29, 14, 5), -3, 1e-7, False, None, None])
    ws["C4"] = dt.date(2026, 12, 31)
    ws["C4"].number_format = "dd/mm/yyyy"          # a custom date format
    ws["D4"] = 45000
    ws["D4"].number_format = "#,##0"               # a number, not a date
    ws["E4"] = "=D4*2"                             # a formula openpyxl never calculated: no cached value
    ws["B6"] = "Ô trống có viền bên dưới"
    ws["H9"].border = Border(bottom=Side(style="thin"))   # an empty styled cell: part of the sheet's size
    ws["B5"].font = Font(bold=True)
    ws.merge_cells("B7:D8")
    ws["B7"] = "Gộp ô"
    ws["B7"].alignment = Alignment(wrap_text=True)
    second = wb.create_sheet("Trang 2")
    second["A1"] = "Tổng hợp"
    path = tmp_path / "kieu.xlsx"
    wb.save(path)
    expected = _openpyxl_values(path)
    assert [t for t, *_ in expected] == ["Biện pháp", "Trang 2"]
    assert _our_values(path) == expected


def _sheet(rows_xml: str, merged: str = "") -> bytes:
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="{S_NS}" '
            f'xmlns:r="{R_NS}"><sheetData>{rows_xml}</sheetData>'
            + (f'<mergeCells count="1"><mergeCell ref="{merged}"/></mergeCells>' if merged else "")
            + "</worksheet>").encode()


@pytest.mark.parametrize("rows_xml, merged", [
    # cells and rows without their reference (allowed: the position is counted)
    ('<row><c t="inlineStr"><is><t>một</t></is></c><c><v>2</v></c></row>'
     '<row><c t="inlineStr"><is><t>ba</t></is></c></row><row r="5"><c><v>5.5</v></c><c t="b"><v>1</v></c></row>', ""),
    # rich inline text (runs after the plain part), an error code, a cached formula text, a bare ISO date
    ('<row r="1"><c r="A1" t="inlineStr"><is><r><t>Đậm</t></r><r><t xml:space="preserve"> và thường</t></r></is></c>'
     '<c r="B1" t="e"><v>#N/A</v></c><c r="C1" t="str"><f>A1</f><v>Đậm và thường</v></c>'
     '<c r="D1" t="d"><v>2026-03-31T00:00:00</v></c><c r="E1"><v></v></c></row>', ""),
    # a merged range whose other cells hold values (they read empty, as in openpyxl)
    ('<row r="2"><c r="B2"><v>1</v></c><c r="C2"><v>2</v></c></row><row r="3"><c r="B3"><v>3</v></c></row>',
     "B2:C3"),
])
def test_hand_written_cells_read_as_openpyxl_reads_them(tmp_path, rows_xml, merged):
    path = xlsx(tmp_path / "tay.xlsx", _sheet(rows_xml, merged))
    assert _our_values(path) == _openpyxl_values(path)


def test_the_1904_calendar_and_the_styles_date_formats(tmp_path):
    wb = openpyxl.Workbook()
    wb.epoch = openpyxl.utils.datetime.CALENDAR_MAC_1904
    ws = wb.active
    ws["A1"] = dt.date(2026, 3, 31)
    ws["A2"] = 1.5
    ws["A2"].number_format = "[h]:mm"             # a duration
    ws["A3"] = 46000
    ws["A3"].number_format = "mm-dd-yy"           # builtin date format 14's neighbour
    path = tmp_path / "1904.xlsx"
    wb.save(path)
    expected = _openpyxl_values(path)
    assert expected[0][4][0] == [dt.datetime(2026, 3, 31)]
    assert _our_values(path) == expected


def test_shared_strings_as_excel_writes_them_with_runs_and_phonetic_guides(tmp_path):
    """Excel keeps text cells in a shared table (openpyxl writes inline strings): one is made here
    from an openpyxl file — the table, its content type and relationship, cells referring to it."""
    wb = openpyxl.Workbook()
    wb.active.append(["mot", "hai", "ba"])          # ASCII: openpyxl writes other letters as &#...;
    made = tmp_path / "goc.xlsx"
    wb.save(made)
    strings = (f'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{S_NS}" count="3" uniqueCount="3">'
               '<si><t>Kết quả</t></si>'
               '<si><r><rPr><b/></rPr><t>Hoàn </t></r><r><t>thành</t></r></si>'
               '<si><t>漢字</t><rPh sb="0" eb="2"><t>かんじ</t></rPh></si></sst>').encode()
    path = tmp_path / "chung.xlsx"
    with zipfile.ZipFile(made) as src, zipfile.ZipFile(path, "w") as out:
        for info in src.infolist():
            data = src.read(info).decode("utf-8")
            if info.filename == "xl/worksheets/sheet1.xml":
                for i, word in enumerate(("mot", "hai", "ba")):
                    data = re.sub(rf'(<c r="[A-C]1") t="inlineStr"><is><t>{word}</t></is>',
                                  rf'\1 t="s"><v>{i}</v>', data)
            elif info.filename == "[Content_Types].xml":
                data = data.replace("</Types>", '<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
                                    'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>')
            elif info.filename == "xl/_rels/workbook.xml.rels":
                data = data.replace("</Relationships>", f'<Relationship Type="{SHARED}" Target="sharedStrings.xml" '
                                    'Id="rId9"/></Relationships>')
            out.writestr(info, data.encode("utf-8"))
        out.writestr("xl/sharedStrings.xml", strings)
    expected = _openpyxl_values(path)
    assert expected[0][4] == [["Kết quả", "Hoàn thành", "漢字"]]
    assert _our_values(path) == expected
