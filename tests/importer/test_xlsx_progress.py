"""Reading a workbook reports progress — and so lets a cancel in — through every slow step, not
only the guarded scan: openpyxl's load (seconds for a sheet near the limits) and the row walk.
The window's Hủy arrives as an exception from the progress callback (ui/import_dialog.py)."""
from __future__ import annotations

import pytest
from hostile import sheet_xml, xlsx

from tudanhgia.importer import xlsx_reader
from tudanhgia.importer.xlsx_reader import read_indicators, read_measure_sheet


class Stop(Exception):
    pass


def _measures(tmp_path):
    return xlsx(tmp_path / "bien-phap.xlsx", sheet_xml(
        [["Mã (không sửa)", "Trạng thái", "Kết quả thực hiện"]]
        + [[f"BP-{i}", "Hoàn thành", f"Việc {i}"] for i in range(1, 3001)]))


def _indicators(tmp_path):
    return xlsx(tmp_path / "so-lieu.xlsx", sheet_xml(
        [["Chỉ tiêu", "Đơn vị tính", "Kết quả"]] + [[f"Chỉ tiêu {i}", "người", i] for i in range(1, 3001)]))


@pytest.mark.parametrize("make, reader", [(_measures, read_measure_sheet), (_indicators, read_indicators)])
def test_cancel_reaches_openpyxl_load(tmp_path, monkeypatch, make, reader):
    from openpyxl.reader.excel import ExcelReader
    path = make(tmp_path)
    step = {"now": "scan"}
    real = ExcelReader.read_worksheets

    def read_worksheets(self):
        step["now"] = "openpyxl"
        return real(self)
    monkeypatch.setattr(ExcelReader, "read_worksheets", read_worksheets)

    def progress(fraction):
        if step["now"] == "openpyxl":
            raise Stop        # the officer pressed Hủy while openpyxl reads the sheet
    with pytest.raises(Stop):   # the cancel itself, not "the file is damaged"
        reader(path, progress)


@pytest.mark.parametrize("make, reader", [(_measures, read_measure_sheet), (_indicators, read_indicators)])
def test_cancel_reaches_the_row_walk_and_progress_only_grows(tmp_path, monkeypatch, make, reader):
    path = make(tmp_path)
    step = {"now": "load"}
    real = xlsx_reader._find_table

    def find_table(*a, **k):
        step["now"] = "rows"
        return real(*a, **k)
    monkeypatch.setattr(xlsx_reader, "_find_table", find_table)
    seen = []
    reader(path, seen.append)
    assert seen == sorted(seen) and 0 <= seen[0] < 0.1 and 0.9 < seen[-1] <= 1.0

    def progress(fraction):
        if step["now"] == "rows":
            raise Stop
    step["now"] = "load"
    with pytest.raises(Stop):
        reader(path, progress)
