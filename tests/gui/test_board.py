"""The measures board as an officer uses it: filters, overdue highlight, editing in place, Excel."""
import datetime as dt

import openpyxl
import pytest
from PySide6.QtCore import QSettings

from tudanhgia.ui import file_dialogs
from tudanhgia.domain import MeasureStatus
from tudanhgia.services import ReportService
from tudanhgia.ui import messages
from tudanhgia.ui.app import make_application
from tudanhgia.ui.board import OVERDUE, ImportPreviewDialog, MeasuresBoard
from qt_keys import type_text


@pytest.fixture
def board(qtbot, sample_service, tmp_path, monkeypatch):
    monkeypatch.setattr(messages, "info", lambda parent, text: None)
    monkeypatch.setattr(messages, "warn", lambda parent, text: None)
    make_application()
    b = MeasuresBoard(sample_service, sample_service.list_units()[0].id,
                      settings=QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat),
                      today=dt.date(2023, 8, 1))
    qtbot.addWidget(b)
    b.show()
    return b


def test_lists_every_measure_with_overdue_highlighted(board):
    assert board.table.rowCount() == 12
    overdue = [r for r in range(12) if board.table.item(r, 0).background().color() == OVERDUE]
    assert len(overdue) == 2 and all(board.table.item(r, 4).text() == "Quý II năm 2023." for r in overdue)
    assert "12 biện pháp · 2 quá hạn (so với ngày 01/08/2023)" in board.summary.text()
    board.overdue_only.setChecked(True)
    assert board.table.rowCount() == 2
    board.overdue_only.setChecked(False)
    type_text(board.lead, "Nội chính")
    assert board.table.rowCount() == 2


def test_status_and_result_edited_in_place_are_saved(board, sample_service):
    combo = board.table.cellWidget(0, 6)
    measure_id = board.rows[0].measure.id
    combo.setCurrentIndex(list(MeasureStatus).index(MeasureStatus.DONE))
    row = next(i for i, r in enumerate(board.rows) if r.measure.id == measure_id)
    board.table.item(row, 7).setText("Đã hoàn thành, báo cáo ngày 15/7/2023")
    fresh = ReportService.open(sample_service.db.path, create=False)
    m = next(x for x in fresh.get_report(2).all_measures() if x.id == measure_id)
    assert m.status is MeasureStatus.DONE and m.result == "Đã hoàn thành, báo cáo ngày 15/7/2023"
    assert board.changed


def test_excel_out_and_back_in_with_preview(board, sample_service, tmp_path, monkeypatch):
    out = tmp_path / "theo-doi.xlsx"
    monkeypatch.setattr(file_dialogs, "save_file_name", lambda *a, **k: (str(out), ""))
    assert board.export_xlsx() == out
    wb = openpyxl.load_workbook(out)
    ws = wb.active
    header = next(r for r in range(1, 10) if any(str(c.value or "").startswith("Trạng thái") for c in ws[r]))
    status_col = next(c.column for c in ws[header] if str(c.value or "").startswith("Trạng thái"))
    ws.cell(header + 1, status_col, "Hoàn thành")
    ws.cell(header + 2, status_col, "xong rồi")  # not a status: reported, not applied
    wb.save(out)
    monkeypatch.setattr(file_dialogs, "open_file_name", lambda *a, **k: (str(out), ""))
    seen = []
    monkeypatch.setattr(ImportPreviewDialog, "exec", lambda self: seen.append(self) or 1)
    assert board.import_xlsx() == 1
    assert seen[0].changes.count() == 1 and seen[0].problems.count() == 1
    assert "xong rồi" in seen[0].problems.item(0).text()


def test_limitation_items_are_lettered_as_printed(board):
    texts = [board.table.item(r, 1).text() for r in range(board.table.rowCount())]
    assert any(t.startswith("a) Nhiều nội dung của Chương trình công tác") for t in texts)
    assert any(t.startswith("đ) Việc thực hiện lưu trữ hồ sơ điện tử") for t in texts)
