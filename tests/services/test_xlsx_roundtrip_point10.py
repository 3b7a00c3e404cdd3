"""Issue 13 point 10, the Excel side: a department that fills in the measures sheet's "Chỉ đạo
thực hiện", "Đơn vị tham mưu/chủ trì", "Phối hợp" or "Thời gian thực hiện" gets those cells read
back like the status, result and date (before, they were silently dropped)."""
import datetime as dt

import openpyxl

from tudanhgia.services.xlsx import (MeasureChange, apply_measure_updates, export_measures, measures_sheet_title,
                                     read_measure_updates, rows_for_report)

HEADER_ROW = 4


def _export(service, tmp_path):
    report = service.get_report(2)
    title, subtitle = measures_sheet_title(report, today=dt.date(2023, 1, 5))
    return export_measures(service, rows_for_report(report), tmp_path / "bp.xlsx", title, subtitle)


def _cell(ws, code, header):
    cols = {ws.cell(HEADER_ROW, c).value: c for c in range(1, ws.max_column + 1)}
    row = next(r for r in range(HEADER_ROW + 1, ws.max_row + 1) if ws.cell(r, cols["Mã (không sửa)"]).value == code)
    return ws.cell(row, cols[header])


def test_point10_every_text_column_of_the_measures_sheet_comes_back(sample_service, tmp_path):
    path = _export(sample_service, tmp_path)
    assert read_measure_updates(sample_service, path).changes == []     # untouched: nothing to change
    wb = openpyxl.load_workbook(path)
    ws = wb.active
    edits = {("BP-1", "Chỉ đạo thực hiện"): "Phó Chánh Văn phòng phụ trách",
             ("BP-6", "Đơn vị tham mưu/chủ trì"): "Phòng Tổng hợp",
             ("BP-7", "Phối hợp"): "Trung tâm Công báo - Tin học",
             ("BP-8", "Thời gian thực hiện"): "Trước ngày 30/9/2023"}
    rows = {}
    for (code, header), value in edits.items():
        cell = _cell(ws, code, header)
        cell.value, rows[code] = value, cell.row
    wb.save(path)
    before = {m.id: m for m in sample_service.get_report(2).all_measures()}
    preview = read_measure_updates(sample_service, path)
    assert preview.problems == []
    assert preview.changes == [
        MeasureChange(1, rows["BP-1"], "directed_by", before[1].directed_by, "Phó Chánh Văn phòng phụ trách"),
        MeasureChange(6, rows["BP-6"], "lead_unit", before[6].lead_unit, "Phòng Tổng hợp"),
        MeasureChange(7, rows["BP-7"], "cooperating", before[7].cooperating, "Trung tâm Công báo - Tin học"),
        MeasureChange(8, rows["BP-8"], "timeframe", before[8].timeframe, "Trước ngày 30/9/2023"),
    ]
    assert preview.changes[3].describe().startswith(f"Dòng {rows['BP-8']}, BP-8, Thời gian thực hiện: ")
    assert apply_measure_updates(sample_service, preview) == 4
    after = {m.id: m for m in sample_service.get_report(2).all_measures()}
    assert (after[1].directed_by, after[6].lead_unit, after[7].cooperating, after[8].timeframe) == (
        "Phó Chánh Văn phòng phụ trách", "Phòng Tổng hợp", "Trung tâm Công báo - Tin học", "Trước ngày 30/9/2023")
    assert read_measure_updates(sample_service, path).changes == []
