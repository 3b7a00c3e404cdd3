"""A cell of a returned sheet formatted as a date but holding a number no day has (beyond
31/12/9999: Excel shows ####, openpyxl reads "#VALUE!") is named to the officer by sheet and cell,
with what was expected; its row is not applied."""
from __future__ import annotations

import datetime as dt

import openpyxl

from tudanhgia.domain import Indicator
from tudanhgia.services.xlsx import (apply_measure_updates, export_indicators, export_measures, import_indicators,
                                     measures_sheet_title, read_measure_updates, rows_for_report)

HEADER_ROW = 4
BEYOND_9999 = 3_000_000      # 31/12/9999 is day 2,958,465 of Excel's calendar


def _measures(service):
    return {m.id: (m.due, m.result, m.status) for s in service.list_reports()
            for m in service.get_report(s.id).all_measures()}


def _column(ws, label):
    return next(c for c in range(1, ws.max_column + 1) if ws.cell(HEADER_ROW, c).value == label)


def test_a_date_beyond_excels_range_names_its_sheet_and_cell_and_nothing_of_its_row_is_applied(sample_service,
                                                                                               tmp_path):
    report = sample_service.get_report(2)
    title, subtitle = measures_sheet_title(report, today=dt.date(2023, 1, 5))
    path = export_measures(sample_service, rows_for_report(report), tmp_path / "bien-phap.xlsx", title, subtitle)
    wb = openpyxl.load_workbook(path)
    ws = wb.active
    sheet_name = ws.title
    due, result, code = _column(ws, "Hạn hoàn thành"), _column(ws, "Kết quả thực hiện"), _column(ws, "Mã (không sửa)")
    bad, other, sound = HEADER_ROW + 1, HEADER_ROW + 2, HEADER_ROW + 3
    ws.cell(bad, due).value = BEYOND_9999
    ws.cell(bad, due).number_format = "dd/mm/yyyy"
    ws.cell(bad, result).value = "Đã xong"                      # a sound edit on the same row: not applied either
    ws.cell(other, result).value = BEYOND_9999 + 1              # a text column formatted as a date
    ws.cell(other, result).number_format = "dd/mm/yyyy"
    ws.cell(sound, result).value = "Đã triển khai"
    bad_code, other_code, sound_code = (ws.cell(r, code).value for r in (bad, other, sound))
    wb.save(path)
    due_cell, result_cell = f"{openpyxl.utils.get_column_letter(due)}{bad}", \
        f"{openpyxl.utils.get_column_letter(result)}{other}"

    before = _measures(sample_service)
    preview = read_measure_updates(sample_service, path)
    messages = {p.row_number: p.message_vi for p in preview.problems}
    assert "#VALUE!" not in " ".join(messages.values())
    assert messages[bad] == (
        f"Dòng {bad}: trang “{sheet_name}”, ô {due_cell} được định dạng ngày nhưng ghi số 3000000, không phải một "
        "ngày Excel hiểu được (Excel hiện ####); cần một ngày dạng ngày/tháng/năm, ví dụ 30/06/2025; "
        f"biện pháp {bad_code} không được cập nhật.")
    assert f"ô {result_cell} được định dạng ngày nhưng ghi số 3000001" in messages[other]
    assert f"biện pháp {other_code} không được cập nhật" in messages[other]
    assert all(p.blocking for p in preview.problems)
    assert {c.measure_id for c in preview.changes} == {int(sound_code.removeprefix("BP-"))}
    apply_measure_updates(sample_service, preview)
    after = _measures(sample_service)
    assert {k for k in before if before[k] != after[k]} == {int(sound_code.removeprefix("BP-"))}


def test_an_indicator_cell_beyond_excels_dates_names_its_cell_and_blocks_the_import(service, unit, tmp_path):
    report = service.create_report("chuyen-de", "2024-H1", unit.id)
    service.set_indicators(report.id, [Indicator("Số cuộc đối thoại", "cuộc", 12)])
    path = export_indicators(service, report.id, tmp_path / "so-lieu.xlsx")
    wb = openpyxl.load_workbook(path)
    ws = wb.active
    ws.cell(HEADER_ROW + 1, 4).value = BEYOND_9999
    ws.cell(HEADER_ROW + 1, 4).number_format = "dd/mm/yyyy"
    wb.save(path)
    problems = import_indicators(service, report.id, path)
    (problem,) = problems
    assert problem.blocking and f"ô D{HEADER_ROW + 1} được định dạng ngày nhưng ghi số 3000000" in problem.message_vi
    assert problem.message_vi.endswith("cần một số.") and f"trang “{ws.title}”" in problem.message_vi
    assert [(i.name, i.value) for i in service.get_report(report.id).indicators] == [("Số cuộc đối thoại", 12)]


def test_the_scans_value_is_still_openpyxls_own(tmp_path):
    from tudanhgia.importer.xlsx_reader import _load
    wb = openpyxl.Workbook()
    wb.active["A1"] = BEYOND_9999
    wb.active["A1"].number_format = "dd/mm/yyyy"
    path = tmp_path / "ngay.xlsx"
    wb.save(path)
    import warnings
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")      # openpyxl warns that it reads the cell as an error
        theirs = openpyxl.load_workbook(path, data_only=True).active["A1"].value
    book, _scan = _load(path)
    ours = book.worksheets[0].cell(1, 1).value
    assert ours == theirs == "#VALUE!" and ours.serial == str(BEYOND_9999)
