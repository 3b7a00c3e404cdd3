"""Issue 13 point 5 in the window: F7's list names what a reviewer would catch, and activating a
line goes there (the section, the preamble, the limitation, the measure row, the document's fields)."""
from PySide6.QtCore import QSettings, Qt

from tudanhgia.domain import Limitation, Measure, RichText
from tudanhgia.ui.app import make_application
from tudanhgia.ui.editor import PREAMBLE, Target
from tudanhgia.ui.main_window import MainWindow
from qt_keys import press

T = RichText.from_plain


def _window(qtbot, service, tmp_path, report_id):
    make_application()
    w = MainWindow(service, settings=QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(w)
    w.resize(1366, 768)
    w.show()
    w.open_report(report_id)
    w.activateWindow()
    qtbot.waitUntil(w.isActiveWindow)
    return w


def _plan(service, unit):
    """A 2025 plan: its preamble still 'Công văn số … ngày …', a limitation without measures, one
    whose measure has no deadline, and a blank row among the general measures."""
    report = service.create_report("ke-hoach-khac-phuc", "2025", unit.id)
    bare = service.add_limitation(report.id, Limitation(T("Việc tham mưu còn chậm so với yêu cầu.")))
    slow = service.add_limitation(report.id, Limitation(T("Chưa kiểm tra thường xuyên.")))
    undated = service.add_measure(report.id, Measure(measure=T("Rà soát quy chế làm việc")), slow.id)
    general = next(s for s in service.get_report(report.id).walk() if s.content and s.content.value == "measures")
    service.add_measure(report.id, Measure(content=T("Tập huấn nghiệp vụ"), timeframe="Quý I/2026", section=general))
    blank = service.add_measure(report.id, Measure(section=general))
    return report, bare, slow, undated, general, blank


def _activate(w, monkeypatch, words: str) -> list[str]:
    """F7, then activate the line containing `words` (Enter on it, as the officer would)."""
    shown: list[str] = []

    def run(dialog):
        lines = [dialog.list.item(i).text() for i in range(dialog.list.count())]
        shown.extend(lines)
        row = next(i for i, line in enumerate(lines) if words in line)
        dialog.list.setCurrentRow(row)
        dialog.list.setFocus()
        press(dialog.list, Qt.Key.Key_Return)
        return 0
    monkeypatch.setattr("tudanhgia.ui.dialogs.CompletenessDialog.exec", run)
    w.act_check.trigger()
    return shown


def test_point5_f7_lists_what_a_reviewer_catches(qtbot, service, unit, tmp_path, said, monkeypatch):
    report, *_ = _plan(service, unit)
    w = _window(qtbot, service, tmp_path, report.id)
    shown = _activate(w, monkeypatch, "Phần mở đầu")
    warned = [line for line in shown if line.startswith("⚠")]
    for words in ("Phần mở đầu còn chỗ để trống “…” chưa điền",
                  "Hạn chế a) “Việc tham mưu còn chậm so với yêu cầu.” chưa có biện pháp khắc phục trong kế hoạch.",
                  "Biện pháp “Rà soát quy chế làm việc” (hạn chế b) chưa có thời gian thực hiện.",
                  "Dòng biện pháp 2 của mục"):
        assert any(words in line for line in warned), (words, shown)


def test_point5_go_there_selects_the_preamble(qtbot, service, unit, tmp_path, said, monkeypatch):
    report, *_ = _plan(service, unit)
    w = _window(qtbot, service, tmp_path, report.id)
    w.editor.select(report.sections[0].id)
    _activate(w, monkeypatch, "Phần mở đầu còn chỗ để trống")
    assert w.editor.current_target() == Target(PREAMBLE)
    assert w.editor.tabs.currentWidget() is w.editor.page


def test_point5_go_there_selects_the_limitation(qtbot, service, unit, tmp_path, said, monkeypatch):
    report, *_ = _plan(service, unit)
    w = _window(qtbot, service, tmp_path, report.id)
    _activate(w, monkeypatch, "chưa có biện pháp khắc phục trong kế hoạch")
    panel = w.editor.panels["limitations"]
    assert w.editor.tabs.currentWidget() is panel and panel.tabs.currentIndex() == 0
    assert panel.list.currentItem().text().startswith("a) Việc tham mưu còn chậm")
    assert panel.text_edit.toPlainText() == "Việc tham mưu còn chậm so với yêu cầu."


def test_point5_go_there_selects_the_measure_row(qtbot, service, unit, tmp_path, said, monkeypatch):
    report, _bare, _slow, undated, *_ = _plan(service, unit)
    w = _window(qtbot, service, tmp_path, report.id)
    _activate(w, monkeypatch, "chưa có thời gian thực hiện")
    panel = w.editor.panels["limitations"]
    assert w.editor.tabs.currentWidget() is panel
    assert panel.list.currentItem().text().startswith("b) Chưa kiểm tra thường xuyên")
    assert panel.measures.current_measure_id() == undated.id
    # the officer can type the deadline at once: the focus is on that row's "Thời gian thực hiện"
    assert panel.measures.view.hasFocus()
    header = panel.measures.model.headerData(panel.measures.view.currentIndex().column(), Qt.Orientation.Horizontal)
    assert header == "Thời gian thực hiện"


def test_point5_go_there_selects_a_blank_general_row(qtbot, service, unit, tmp_path, said, monkeypatch):
    report, *_rest, general, blank = _plan(service, unit)
    w = _window(qtbot, service, tmp_path, report.id)
    _activate(w, monkeypatch, "Dòng biện pháp 2 của mục")
    panel = w.editor.panels["limitations"]
    assert w.editor.tabs.currentWidget() is panel and panel.tabs.currentIndex() == 1
    table = next(t for t in panel.general_tables if t.model.section_id == general.id)
    assert table.current_row() == 1 and table.current_measure_id() == blank.id


def test_point5_go_there_opens_the_document_fields(qtbot, service, unit, tmp_path, said, monkeypatch):
    report, *_ = _plan(service, unit)
    from tudanhgia.services.frame import write_frame
    write_frame(service, report.id, {"issuing_agency": ""})
    w = _window(qtbot, service, tmp_path, report.id)
    _activate(w, monkeypatch, "Chưa có tên cơ quan ban hành")
    form = w.editor.panels["meta"]
    assert w.editor.tabs.currentWidget() is form
    assert form.issuing_agency.hasFocus()   # the field to fill, ready for typing


def test_point5_the_go_there_button_reaches_the_classification(qtbot, service, unit, tmp_path, said, monkeypatch):
    """86/100 with "xuất sắc" proposed: the line says so; its button selects the classification."""
    from tudanhgia.domain import ChatLuong
    report = service.create_report("kiem-diem-tap-the-2025", "2025", unit.id)
    sections = {s.key: s for s in report.walk()}
    service.update_section(sections["tieu-chi.chung"].id, score=26)
    service.update_section(sections["tieu-chi.nhiem-vu"].id, score=60)
    service.update_section(sections["xep-loai"].id, rating=ChatLuong.HTXS)
    w = _window(qtbot, service, tmp_path, report.id)

    def run(dialog):
        row = next(i for i in range(dialog.list.count()) if "cao hơn mức theo điểm" in dialog.list.item(i).text())
        assert dialog.list.item(row).text().startswith("⚠  Tổng điểm tự chấm 86/100")
        dialog.list.setCurrentRow(row)
        qtbot.mouseClick(dialog.go_button, Qt.MouseButton.LeftButton)
        return 0
    monkeypatch.setattr("tudanhgia.ui.dialogs.CompletenessDialog.exec", run)
    w.act_check.trigger()
    assert w.editor.current_target() == Target("section", sections["xep-loai"].id)


def test_f7_lists_a_misspelt_appendix_cell_and_goes_to_it(qtbot, service, unit, tmp_path, monkeypatch):
    from tudanhgia.domain.model import AppendixTable
    report = service.create_report("khac", "2025", unit.id)
    service.set_appendix_table(report.id, AppendixTable(["STT", "Chỉ tiêu", "Số liệu"], [
        ["1", "Số hộ dân", "120"], ["2", "Số hộ nghèo hiẹn nay", "15"]]))
    w = _window(qtbot, service, tmp_path, report.id)
    shown = _activate(w, monkeypatch, "Phụ lục, dòng 2")
    assert any("Phụ lục, dòng 2: hiẹn" in line for line in shown)
    grid = w.editor.panels["indicators"].kept.grid
    qtbot.waitUntil(lambda: w.editor.tabs.currentWidget() is w.editor.panels["indicators"])
    assert (grid.currentRow(), grid.currentColumn()) == (2, 1)
    assert grid.currentItem().text() == "Số hộ nghèo hiẹn nay"
