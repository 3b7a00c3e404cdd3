"""A sheet whose declared size is the whole grid costs what its values cost (found by the hostile
input hunt: one styled empty cell at XFD1048576, or a merged range A1:XFD1048576, made the Excel
import run for minutes or grow without bound), and numbers no report can print are refused."""
from __future__ import annotations

import time

from hostile import R_NS, S_NS, sheet_xml, xlsx

from tudanhgia.importer.xlsx_reader import read_indicators, read_measure_sheet

MEASURES_HEADER = ["Mã (không sửa)", "Trạng thái", "Kết quả thực hiện"]
FAR = '<row r="1048576"><c r="XFD1048576" s="1"/></row></sheetData>'


def _with(sheet: bytes, old: str, new: str) -> bytes:
    return sheet.replace(old.encode(), new.encode(), 1)


def test_a_styled_cell_at_the_grids_end_costs_nothing(tmp_path):
    rows = [MEASURES_HEADER, ["BP-1", "Hoàn thành", "Xong"]]
    path = xlsx(tmp_path / "xa.xlsx", _with(sheet_xml(rows), "</sheetData>", FAR))
    started = time.perf_counter()
    sheet = read_measure_sheet(path)
    assert [(r.row_number, r.measure_id) for r in sheet.rows] == [(2, 1)] and sheet.problems == []
    assert time.perf_counter() - started < 20        # minutes before; a bound even a loaded machine keeps


def test_a_merged_range_over_the_whole_grid_costs_nothing(tmp_path):
    rows = [["Tiêu đề"], ["Chỉ tiêu", "Đơn vị tính", "Kết quả"], ["Số cuộc họp", "cuộc", 4]]
    path = xlsx(tmp_path / "gop.xlsx", sheet_xml(rows, merged="A3:XFD1048576"))
    started = time.perf_counter()
    indicators, problems = read_indicators(path)
    assert indicators == [] and [p.row_number for p in problems if p.blocking] == [3]   # the merge, row 3
    assert time.perf_counter() - started < 20


def test_numbers_no_report_can_print_are_refused_with_the_row(tmp_path):
    huge = "9" * 450
    sheet = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="{S_NS}" '
             f'xmlns:r="{R_NS}"><sheetData>'
             '<row r="1"><c r="A1" t="inlineStr"><is><t>Chỉ tiêu</t></is></c>'
             '<c r="B1" t="inlineStr"><is><t>Kết quả</t></is></c><c r="C1" t="inlineStr"><is><t>Trên tổng số</t></is>'
             '</c></row>'
             '<row r="2"><c r="A2" t="inlineStr"><is><t>Số văn bản</t></is></c><c r="B2"><v>1e400</v></c>'
             f'<c r="C2"><v>-1e400</v></c></row>'
             f'<row r="3"><c r="A3" t="inlineStr"><is><t>Số tiền</t></is></c><c r="B3"><v>{huge}</v></c></row>'
             '</sheetData></worksheet>').encode()
    indicators, problems = read_indicators(xlsx(tmp_path / "so.xlsx", sheet))
    assert indicators == []
    assert [p.row_number for p in problems] == [2, 3] and all("cần một số" in p.message_vi for p in problems)


def test_a_stylesheet_of_half_a_million_formats_is_refused_before_it_is_built(tmp_path):
    """A 140 KB file whose styles.xml held 500,000 cell formats took a gigabyte (hostile input hunt)."""
    from hostile import Entry
    styles = (f'<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="{S_NS}"><cellXfs count="500000">'
              + '<xf numFmtId="14" fontId="0" fillId="0" borderId="0"/>' * 500_000 + "</cellXfs></styleSheet>")
    path = xlsx(tmp_path / "dinh-dang.xlsx", sheet_xml([MEASURES_HEADER]), Entry("xl/styles.xml", styles.encode()))
    import pytest

    from tudanhgia.errors import XlsxError
    with pytest.raises(XlsxError, match="quá nhiều định dạng ô"):
        read_measure_sheet(path)
