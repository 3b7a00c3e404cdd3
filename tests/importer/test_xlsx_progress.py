"""Reading a workbook reports progress — and so lets a cancel in — through every slow step, not
the guarded scan, which reads every cell's value too (seconds for a sheet near the limits), and the
row walk.
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
def test_cancel_reaches_the_scan_that_reads_the_cells(tmp_path, monkeypatch, make, reader):
    path = make(tmp_path)
    real = xlsx_reader.cell_value
    read = {"cells": 0}

    def cell_value(*a, **k):
        read["cells"] += 1
        return real(*a, **k)
    monkeypatch.setattr(xlsx_reader, "cell_value", cell_value)

    def progress(fraction):
        if read["cells"] > 100:
            raise Stop        # the officer pressed Hủy while the sheet's cells are being read
    with pytest.raises(Stop):   # the cancel itself, not "the file is damaged"
        reader(path, progress)
    assert 100 < read["cells"] < 9000     # stopped midway through the sheet's 9,003 cells


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
