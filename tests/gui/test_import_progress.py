"""Tệp ▸ Nhập báo cáo có sẵn… reads the file on a worker thread behind a progress dialog: the
window keeps painting (its event loop never stops for long), Hủy stops the reading and saves
nothing, and a hostile file ends in the Vietnamese refusal with nothing saved."""
from __future__ import annotations

import sys
import time
from pathlib import Path

import pytest

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication

from tudanhgia.ui import file_dialogs
from tudanhgia.ui import messages
from tudanhgia.ui.app import make_application
from tudanhgia.ui.import_dialog import ImportReviewDialog, ProgressDialog
from tudanhgia.ui.main_window import MainWindow

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "importer"))
from hostile import docx, docx_bomb, document


def _window(service, tmp_path, monkeypatch, path):
    make_application()
    w = MainWindow(service, settings=QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    monkeypatch.setattr(file_dialogs, "open_file_name", lambda *a, **k: (str(path), ""))
    return w


def _big_report(tmp_path) -> Path:
    """A real-looking report long enough to take a few seconds to read (within every limit)."""
    paras = []
    for i in range(1, 19):
        paras.append(f"{i}. Kết quả thực hiện nhiệm vụ lĩnh vực thứ {i}")
        paras += [f"Trong kỳ, đơn vị đã triển khai nội dung số {k} của lĩnh vực {i}, bảo đảm tiến độ và chất "
                  "lượng theo kế hoạch đề ra; kết quả được tổng hợp báo cáo cấp trên đúng thời hạn."
                  for k in range(1000)]
    return docx(tmp_path / "bao-cao-dai.docx", document(*paras))


class Ticks:
    """The window's event loop, observed: a 20 ms timer on the GUI thread and the longest gap."""

    def __init__(self):
        self.times: list[float] = [time.perf_counter()]   # from the start: a loop blocked at once counts
        self.timer = QTimer()
        self.timer.timeout.connect(lambda: self.times.append(time.perf_counter()))
        self.timer.start(20)

    def stop(self) -> None:
        self.timer.stop()
        self.times.append(time.perf_counter())

    @property
    def longest_gap(self) -> float:
        return max((b - a for a, b in zip(self.times[:-1], self.times[1:], strict=True)), default=0.0)


def test_cancel_stops_the_reading_and_saves_nothing(qtbot, sample_service, tmp_path, monkeypatch):
    w = _window(sample_service, tmp_path, monkeypatch, _big_report(tmp_path))
    qtbot.addWidget(w)
    reviewed = []
    monkeypatch.setattr(ImportReviewDialog, "exec", lambda self: reviewed.append(self) or 0)
    before = len(sample_service.list_reports())
    seen = {}

    def press_cancel_once_reading():
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, ProgressDialog) and dialog.bar.value() > 0:
            seen.update(title=dialog.windowTitle(), label=dialog.label.text(), value=dialog.bar.value(),
                        button=dialog.cancel_button.text())
            dialog.cancel_button.click()
            seen["after"] = dialog.label.text()
            return
        QTimer.singleShot(10, press_cancel_once_reading)

    QTimer.singleShot(0, press_cancel_once_reading)
    start = time.perf_counter()
    w.import_report()
    assert time.perf_counter() - start < 10
    assert seen["title"] == "Nhập báo cáo" and "bao-cao-dai.docx" in seen["label"]
    assert seen["button"] == "Hủy" and seen["after"] == "Đang dừng…" and 0 < seen["value"] < 100
    assert reviewed == [] and len(sample_service.list_reports()) == before


def test_the_window_keeps_running_while_a_long_file_is_read(qtbot, sample_service, tmp_path, monkeypatch):
    w = _window(sample_service, tmp_path, monkeypatch, _big_report(tmp_path))
    qtbot.addWidget(w)
    monkeypatch.setattr(ImportReviewDialog, "exec", lambda self: 0)
    ticks = Ticks()
    start = time.perf_counter()
    w.import_report()
    took = time.perf_counter() - start
    ticks.stop()
    assert took > 0.5                                        # long enough for the measure to mean something
    assert len(ticks.times) >= took / 0.02 * 0.3, (len(ticks.times), took)
    assert ticks.longest_gap < 0.5, ticks.longest_gap       # never frozen for half a second


def test_a_zip_bomb_from_the_window_is_refused_in_vietnamese(qtbot, sample_service, tmp_path, monkeypatch):
    bomb = docx_bomb(tmp_path / "bom.docx", 2 * 1024 ** 3)
    w = _window(sample_service, tmp_path, monkeypatch, bomb)
    qtbot.addWidget(w)
    warned = []
    monkeypatch.setattr(messages, "warn", lambda parent, text: warned.append(text))
    before = len(sample_service.list_reports())
    ticks = Ticks()
    start = time.perf_counter()
    w.import_report()
    ticks.stop()
    assert time.perf_counter() - start < 20
    assert len(warned) == 1 and "bom.docx" in warned[0] and "được tạo ra để gây hại" in warned[0]
    assert len(sample_service.list_reports()) == before
    assert ticks.longest_gap < 0.5


def test_an_unexpected_reader_fault_is_a_sentence_not_a_traceback(qtbot, sample_service, tmp_path, monkeypatch,
                                                                 caplog):
    import tudanhgia.services.importing as importing
    w = _window(sample_service, tmp_path, monkeypatch, docx(tmp_path / "hop-le.docx"))
    qtbot.addWidget(w)
    warned = []
    monkeypatch.setattr(messages, "warn", lambda parent, text: warned.append(text))

    def broken(*a, **k):
        raise KeyError("w:body")
    monkeypatch.setattr(importing, "read_source", broken)
    w.import_report()
    assert warned == ["Không đọc được tệp do một lỗi không mong đợi của chương trình; chi tiết đã được ghi vào "
                      "nhật ký. Không có gì bị thay đổi."]
    assert "KeyError" in caplog.text


def test_the_reviewed_outline_is_checked_again_before_saving(qtbot, sample_service, tmp_path, monkeypatch):
    """The officer can push sections deeper in the review; past eight levels the save is refused."""
    from tudanhgia.domain.model import Section
    make_application()
    path = docx(tmp_path / "dan-y.docx", document("I. Phần một", "Nội dung."))
    dialog = ImportReviewDialog(sample_service, path)
    qtbot.addWidget(dialog)
    warned = []
    monkeypatch.setattr(messages, "warn", lambda parent, text: warned.append(text))
    node = dialog.result.report.sections[0]
    for level in range(2, 10):
        child = Section(heading=f"Cấp {level}")
        node.children.append(child)
        node = child
    before = len(sample_service.list_reports())
    dialog.accept()
    assert dialog.saved is None and len(sample_service.list_reports()) == before
    assert len(warned) == 1 and "9 cấp" in warned[0] and "dan-y.docx" in warned[0]


def test_a_hostile_indicators_workbook_is_refused_and_nothing_changes(qtbot, service, unit, tmp_path, monkeypatch):
    """Bảng số liệu ▸ Nhập từ Excel: the workbook is read on the worker thread too."""
    from hostile import xlsx_bomb
    report = service.create_report("chuyen-de", "2024-H1", unit.id)
    make_application()
    w = MainWindow(service, settings=QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(w)
    w.open_report(report.id)
    panel = w.editor.panels["indicators"]
    before = [(i.name, i.value) for i in service.get_report(report.id).indicators]
    bomb = xlsx_bomb(tmp_path / "so-lieu.xlsx", 2 * 1024 ** 3)
    monkeypatch.setattr(file_dialogs, "open_file_name", lambda *a, **k: (str(bomb), ""))
    warned = []
    monkeypatch.setattr(messages, "warn", lambda parent, text: warned.append(text))
    ticks = Ticks()
    assert panel.import_xlsx() is False
    ticks.stop()
    assert len(warned) == 1 and "so-lieu.xlsx" in warned[0] and "được tạo ra để gây hại" in warned[0]
    assert [(i.name, i.value) for i in service.get_report(report.id).indicators] == before
    assert ticks.longest_gap < 0.5


# --- the measures board's Excel import ----------------------------------------------------------------
def _measures_rows(count: int) -> list[list[str]]:
    return ([["Mã (không sửa)", "Trạng thái", "Kết quả thực hiện"]]
            + [[f"BP-{i}", "Hoàn thành", f"Đã xong việc số {i}"] for i in range(1, count + 1)])


def _board(qtbot, service, tmp_path, monkeypatch, path):
    from tudanhgia.ui.board import MeasuresBoard
    make_application()
    board = MeasuresBoard(service, service.list_units()[0].id,
                          settings=QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(board)
    board.show()
    monkeypatch.setattr(messages, "info", lambda parent, text: None)
    monkeypatch.setattr(file_dialogs, "open_file_name", lambda *a, **k: (str(path), ""))
    return board


def _board_state(service) -> list[tuple]:
    return [(m.id, m.status, m.result) for r in service.list_reports() for m in service.get_report(r.id).all_measures()]


def test_a_hostile_measures_workbook_leaves_the_board_responsive(qtbot, sample_service, tmp_path, monkeypatch):
    """Bảng theo dõi ▸ Nhập Excel… with 100 000 rows: refused in Vietnamese while the window keeps
    running. The bound is against the same file read on this thread in this run (the freeze the
    window would suffer) and the loop's own idle jitter."""
    from hostile import sheet_xml, xlsx
    from tudanhgia.errors import XlsxError
    from tudanhgia.importer.xlsx_reader import read_measure_sheet
    from tudanhgia.ui.board import ImportPreviewDialog
    path = xlsx(tmp_path / "100-nghin-dong.xlsx", sheet_xml(_measures_rows(100_000)))
    board = _board(qtbot, sample_service, tmp_path, monkeypatch, path)
    warned, previewed = [], []
    monkeypatch.setattr(messages, "warn", lambda parent, text: warned.append(text))
    monkeypatch.setattr(ImportPreviewDialog, "exec", lambda self: previewed.append(self) or 0)
    before = _board_state(sample_service)

    start = time.perf_counter()
    with pytest.raises(XlsxError):
        read_measure_sheet(path)
    frozen = time.perf_counter() - start                    # what reading on the window's thread costs
    idle = Ticks()
    qtbot.wait(300)
    idle.stop()

    ticks = Ticks()
    assert board.import_xlsx() == 0
    ticks.stop()
    assert frozen > 0.25, frozen                            # long enough for the measure to mean something
    assert ticks.longest_gap < idle.longest_gap + frozen / 2, (ticks.longest_gap, idle.longest_gap, frozen)
    assert len(warned) == 1 and "100-nghin-dong.xlsx" in warned[0] and "hơn 20 000 dòng" in warned[0]
    assert previewed == [] and _board_state(sample_service) == before


def test_cancel_stops_the_board_import_and_changes_nothing(qtbot, sample_service, tmp_path, monkeypatch):
    from hostile import sheet_xml, xlsx
    from tudanhgia.ui.board import ImportPreviewDialog
    path = xlsx(tmp_path / "tra-loi.xlsx", sheet_xml(_measures_rows(19_000)))   # within every limit, slow
    board = _board(qtbot, sample_service, tmp_path, monkeypatch, path)
    warned, previewed = [], []
    monkeypatch.setattr(messages, "warn", lambda parent, text: warned.append(text))
    monkeypatch.setattr(ImportPreviewDialog, "exec", lambda self: previewed.append(self) or 1)
    before = _board_state(sample_service)
    seen = {}

    def press_cancel_once_reading():
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, ProgressDialog) and dialog.bar.value() > 0:
            seen.update(title=dialog.windowTitle(), label=dialog.label.text(), button=dialog.cancel_button.text())
            dialog.cancel_button.click()
            seen["after"] = dialog.label.text()
            return
        QTimer.singleShot(10, press_cancel_once_reading)

    QTimer.singleShot(0, press_cancel_once_reading)
    assert board.import_xlsx() == 0
    assert seen["title"] == "Nhập kết quả từ Excel" and "tra-loi.xlsx" in seen["label"]
    assert seen["button"] == "Hủy" and seen["after"] == "Đang dừng…"
    assert previewed == [] and warned == [] and _board_state(sample_service) == before
