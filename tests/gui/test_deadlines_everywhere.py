"""Issue 13 point 6: the measures table, the board, the CLI and the Excel import read a deadline
the same way; a standing duty is never overdue and never asked for a date."""
import dataclasses
import datetime as dt

import pytest
from PySide6.QtCore import QSettings, Qt

from tudanhgia import cli
from tudanhgia.services import ReportService
from tudanhgia.ui.board import OVERDUE, MeasuresBoard
from tudanhgia.ui.measures_model import COL_DUE, COL_TIMEFRAME, OVERDUE_COLOUR, UNREAD_COLOUR
from test_limitations import open_panel

PLAN = 2          # the sample's remediation plan of 2022, carried out in 2023


def first_measure(service: ReportService):
    return service.get_report(PLAN).limitations[0].measures[0]


def set_timeframe(service: ReportService, text: str) -> int:
    m = first_measure(service)
    service.update_measure(dataclasses.replace(m, timeframe=text, due=None), m)
    return m.id


@pytest.fixture
def panel(qtbot, sample_service):
    return open_panel(qtbot, sample_service, PLAN)[1]


def shown(table, row: int, col: int, role=Qt.ItemDataRole.DisplayRole):
    return table.model.data(table.model.index(row, col), role)


def test_point6_typing_a_standing_duty_shows_no_date_to_pick(panel):
    table = panel.measures
    assert table.model.setData(table.model.index(0, COL_TIMEFRAME), "Thường xuyên", Qt.ItemDataRole.EditRole)
    assert table.model.setData(table.model.index(0, COL_DUE), None, Qt.ItemDataRole.EditRole)
    assert shown(table, 0, COL_DUE) == "Thường xuyên"
    assert shown(table, 0, COL_DUE, Qt.ItemDataRole.BackgroundRole) != UNREAD_COLOUR
    assert shown(table, 0, COL_DUE, Qt.ItemDataRole.ForegroundRole) != OVERDUE_COLOUR
    assert "không tính quá hạn" in shown(table, 0, COL_DUE, Qt.ItemDataRole.ToolTipRole)
    # a year the duty was written for is long past (today is later than 2023): still not overdue
    assert table.model.setData(table.model.index(0, COL_TIMEFRAME), "Hằng quý trong năm 2023",
                               Qt.ItemDataRole.EditRole)
    assert shown(table, 0, COL_DUE) == "Hằng quý"
    assert shown(table, 0, COL_DUE, Qt.ItemDataRole.ForegroundRole) != OVERDUE_COLOUR
    # a dated phrase of that year is overdue, and shown as its last day
    assert table.model.setData(table.model.index(0, COL_TIMEFRAME), "Quý II năm 2023", Qt.ItemDataRole.EditRole)
    assert shown(table, 0, COL_DUE) == "≈ 30/06/2023"
    assert shown(table, 0, COL_DUE, Qt.ItemDataRole.ForegroundRole) == OVERDUE_COLOUR


@pytest.mark.parametrize("words,table_text,board_text,overdue", [
    ("Thường xuyên", "Thường xuyên", "Thường xuyên", False),
    ("Hằng năm", "Hằng năm", "Hằng năm", False),
    ("Liên tục", "Liên tục", "Liên tục", False),
    ("Quý II năm 2027", "≈ 30/06/2027", "01/04/2027 – 30/06/2027", True),
    ("Tháng 3/2027", "≈ 31/03/2027", "01/03/2027 – 31/03/2027", True),
    ("6 tháng đầu năm 2027", "≈ 30/06/2027", "01/01/2027 – 30/06/2027", True),
    ("30/6/2027", "≈ 30/06/2027", "30/06/2027", True),
    # no year written: the plan of 2022 is carried out in 2023, for the table as for the board
    ("Quý II", "≈ 30/06/2023", "01/04/2023 – 30/06/2023", True),
])
def test_point6_table_board_and_cli_read_alike(qtbot, sample_service, tmp_path, capsys,
                                              words, table_text, board_text, overdue):
    measure_id = set_timeframe(sample_service, words)
    panel = open_panel(qtbot, sample_service, PLAN)[1]
    assert shown(panel.measures, 0, COL_DUE) == table_text

    later = dt.date(2030, 1, 1)
    board = MeasuresBoard(sample_service, sample_service.list_units()[0].id,
                          settings=QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat), today=later)
    qtbot.addWidget(board)
    row = next(i for i, r in enumerate(board.rows) if r.measure.id == measure_id)
    assert board.table.item(row, 5).text() == board_text
    assert (board.table.item(row, 0).background().color() == OVERDUE) is overdue

    assert cli.main(["measures", "--db", str(sample_service.db.path), "--today", later.isoformat()]) == 0
    line = next(x for x in capsys.readouterr().out.splitlines() if x.startswith(f"BP-{measure_id}\t"))
    fields = line.split("\t")
    assert fields[2] == board_text
    assert (fields[3] == "QUÁ HẠN") is overdue


def test_point6_excel_due_column_reads_the_same_words(sample_service, tmp_path):
    """A department types words in the sheet's "Hạn hoàn thành" column: a standing duty is no date
    and no error; a period is refused with the days the table would read, never made a day."""
    import openpyxl

    from tudanhgia.render.xlsx import rows_for_report
    from tudanhgia.services.xlsx import export_measures, measures_sheet_title, read_measure_updates
    report = sample_service.get_report(PLAN)
    path = tmp_path / "bp.xlsx"
    title, subtitle = measures_sheet_title(report, today=dt.date(2023, 1, 5))
    export_measures(sample_service, rows_for_report(report), path, title, subtitle)
    wb = openpyxl.load_workbook(path)
    ws = wb.active
    header = next(r for r in range(1, 12) if any(str(c.value or "") == "Hạn hoàn thành" for c in ws[r]))
    due_col = next(c.column for c in ws[header] if c.value == "Hạn hoàn thành")
    code_col = next(c.column for c in ws[header] if str(c.value or "").lower().startswith("mã"))
    ws.cell(header + 1, due_col).value = "Thường xuyên"
    ws.cell(header + 2, due_col).value = "Quý II năm 2023"
    wb.save(path)
    preview = read_measure_updates(sample_service, path)
    by_row = {p.row_number: p.message_vi for p in preview.problems}
    assert header + 1 not in by_row
    # the sheet's first row is measure 1, due 31/12/2023: "Thường xuyên" takes the date away
    assert str(ws.cell(header + 1, code_col).value) == "BP-1"
    assert [(c.measure_id, c.field, c.old, c.new) for c in preview.changes if c.row_number == header + 1] == \
        [(1, "due", dt.date(2023, 12, 31), None)]
    assert "“Quý II năm 2023” (từ 01/04/2023 đến 30/06/2023) chứ không phải ngày" in by_row[header + 2]
