"""Issue 15 in the window: the unit's document standard in "Hồ sơ đơn vị", a report's own standard,
the tone-mark normalisation (a preview of every word, nothing changed until accepted) and the task
table of a quarterly self-evaluation (points computed as the figures are typed), driven like a user."""
from __future__ import annotations

import os

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox

from qt_keys import type_text
from tudanhgia.domain.richtext import RichText
from tudanhgia.ui import forms_dialogs
from tudanhgia.ui.app import make_application
from tudanhgia.ui.main_window import MainWindow
from tudanhgia.ui.unit_dialog import UnitProfileDialog

SHOTS = os.environ.get("TDG_SHOTS")   # a folder: the dialogs are saved there as PNG to be looked at


def _shot(widget, name: str) -> None:
    if SHOTS:
        widget.grab().save(os.path.join(SHOTS, f"{name}.png"))


def make_window(qtbot, service, tmp_path) -> MainWindow:
    make_application()
    w = MainWindow(service, settings=QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    return w


def _answer(qtbot, click: str, check=None) -> None:
    """When the next modal dialog opens: look at it (`check`), then press its button `click`."""
    def act():
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, QDialog), dialog
        if check is not None:
            check(dialog)
        box = dialog.findChild(QDialogButtonBox)
        next(b for b in box.buttons() if b.text() == click or b.text().startswith(click)).click()
    QTimer.singleShot(0, act)


def test_the_unit_chooses_its_document_standard_and_keeps_it(qtbot, sample_service):
    dialog = UnitProfileDialog(sample_service)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.standard.currentText() == "Nghị định 30/2020/NĐ-CP"
    assert [dialog.standard.itemText(i) for i in range(dialog.standard.count())] == [
        "Nghị định 30/2020/NĐ-CP", "Hướng dẫn 05-HD/VPTW (văn bản của Đảng)"]
    dialog.standard.setCurrentIndex(1)
    _shot(dialog, "unit-standard")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    unit = sample_service.default_unit()
    assert unit.document_standard == "hd05-vptw"
    again = UnitProfileDialog(sample_service)
    qtbot.addWidget(again)
    assert again.standard.currentText() == "Hướng dẫn 05-HD/VPTW (văn bản của Đảng)"
    # every report of the unit prints in it now, unless it chose its own
    assert sample_service.get_report(1).standard_id == "hd05-vptw"


def test_a_report_chooses_its_own_standard_then_follows_its_unit_again(qtbot, sample_service, tmp_path):
    w = make_window(qtbot, sample_service, tmp_path)
    w.open_report(1)

    def party(dialog):
        assert dialog.windowTitle() == "Thể thức văn bản"
        assert dialog.choices[""].isChecked() and "Nghị định 30/2020/NĐ-CP" in dialog.choices[""].text()
        dialog.choices["hd05-vptw"].setChecked(True)
        assert "bản sao công khai, thứ cấp" in dialog.description.text()
        _shot(dialog, "report-standard")
    _answer(qtbot, "Áp dụng", party)
    w.act_standard.trigger()
    assert sample_service.get_report(1).document_standard == "hd05-vptw"
    assert "Hướng dẫn 05-HD/VPTW" in w.statusBar().currentMessage()
    w.act_undo.trigger()   # one step of Hoàn tác
    assert sample_service.get_report(1).document_standard == ""
    w.act_redo.trigger()
    assert sample_service.get_report(1).document_standard == "hd05-vptw"

    _answer(qtbot, "Áp dụng", lambda d: d.choices[""].setChecked(True))
    w.act_standard.trigger()
    assert sample_service.get_report(1).document_standard == ""


def test_tone_marks_are_listed_first_and_changed_only_when_accepted(qtbot, sample_service, tmp_path):
    report = sample_service.get_report(1)
    section = next(s for s in report.walk() if not s.body.is_empty())
    typed = "Giữ gìn sức khoẻ, hoà hợp; bảo đảm an toàn thuỷ lợi."
    sample_service.update_section(section.id, body=RichText.from_plain(typed))
    w = make_window(qtbot, sample_service, tmp_path)
    w.open_report(1)

    seen = {}

    def look(dialog):
        table = dialog.table
        seen["rows"] = [tuple(table.item(r, c).text() for c in (1, 2)) for r in range(table.rowCount())]
        _shot(dialog, "tone-preview")
    _answer(qtbot, "Hủy", look)
    w.act_tone.trigger()
    assert seen["rows"] == [("khoẻ", "khỏe"), ("hoà", "hòa"), ("thuỷ", "thủy")]
    assert sample_service.get_report(1).find(section.id).body.plain == typed   # cancelled: nothing changed

    _answer(qtbot, "Sửa 3 từ")
    w.act_tone.trigger()
    assert sample_service.get_report(1).find(section.id).body.plain == \
        "Giữ gìn sức khỏe, hòa hợp; bảo đảm an toàn thủy lợi."
    assert "Đã sửa 3 từ" in w.statusBar().currentMessage()
    # one step of Hoàn tác, as in a word processor, and Làm lại
    assert w.act_undo.text().startswith("Hoàn tác") and w.act_undo.isEnabled()
    w.act_undo.trigger()
    assert sample_service.get_report(1).find(section.id).body.plain == typed
    w.act_redo.trigger()
    assert sample_service.get_report(1).find(section.id).body.plain == \
        "Giữ gìn sức khỏe, hòa hợp; bảo đảm an toàn thủy lợi."


def _type_name(qtbot, dialog, row: int, text: str) -> None:
    """Type into the name cell's editor (the new row opens it), then leave the cell to commit it."""
    from PySide6.QtWidgets import QLineEdit
    dialog.activateWindow()
    qtbot.waitUntil(lambda: dialog.table.findChild(QLineEdit) is not None and
                    dialog.table.findChild(QLineEdit).isVisible())
    editor = dialog.table.findChild(QLineEdit)
    editor.setFocus()
    type_text(editor, text)
    dialog.table.setCurrentCell(row, forms_dialogs.PLANNED)
    assert dialog.table.item(row, forms_dialogs.NAME).text() == text


def test_the_task_table_computes_the_points_and_writes_the_score(qtbot, sample_service, tmp_path):
    report = sample_service.create_report("danh-gia-cong-chuc-quy", "Quý I/2026")
    dialog = forms_dialogs.TasksDialog(sample_service, report.id)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.total.text() == "Điểm kết quả thực hiện nhiệm vụ: <b>…/70</b>"
    dialog.add_button.click()
    _type_name(qtbot, dialog, 0, "Báo cáo tổng hợp tháng")
    dialog.table.cellWidget(0, forms_dialogs.PLANNED).setValue(4)
    dialog.table.cellWidget(0, forms_dialogs.DONE).setValue(4)
    dialog.table.cellWidget(0, forms_dialogs.ERRORS).setValue(1)
    # 70 × (1 + (4 - 0.25)/4 + 1) / 3 = 68,54
    assert dialog.table.item(0, forms_dialogs.POINTS).text() == "68,54"
    assert dialog.total.text() == "Điểm kết quả thực hiện nhiệm vụ: <b>68,54/70</b>"
    dialog.add_button.click()
    _type_name(qtbot, dialog, 1, "Dự thảo đề án")
    dialog.table.cellWidget(1, forms_dialogs.DONE).setValue(0)
    assert dialog.total.text() == "Điểm kết quả thực hiện nhiệm vụ: <b>34,27/70</b>"   # 70 × (0.979 + 0) / 2
    _shot(dialog, "tasks")
    dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()
    stored = sample_service.get_report(report.id)
    assert [(t.name, t.planned, t.done, t.major_errors) for t in stored.tasks] == [
        ("Báo cáo tổng hợp tháng", 4, 4, 1), ("Dự thảo đề án", 1, 0, 0)]
    assert stored.find(key="nhiem-vu").score == 34.27


def test_an_impossible_task_is_refused_in_vietnamese_and_the_dialog_stays(qtbot, sample_service, said):
    report = sample_service.create_report("danh-gia-cong-chuc-quy", "Tháng 3/2026")
    dialog = forms_dialogs.TasksDialog(sample_service, report.id)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.add_button.click()
    dialog.table.setCurrentCell(0, forms_dialogs.PLANNED)   # the name left empty
    dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()
    assert said["warn"] == ["Nhiệm vụ 1 (“…”): chưa có tên nhiệm vụ."]
    assert dialog.isVisible() and sample_service.get_report(report.id).tasks == []


def test_the_list_shows_and_filters_quarters_and_months(qtbot, sample_service, tmp_path):
    sample_service.create_report("danh-gia-cong-chuc-quy", "Quý I/2026")
    sample_service.create_report("danh-gia-cong-chuc-quy", "Tháng 3/2026")
    w = make_window(qtbot, sample_service, tmp_path)
    combo = w.start.period_filter
    items = [combo.itemText(i) for i in range(combo.count())]
    assert items[:4] == ["Mọi kỳ", "Năm 2026", "Quý I/2026", "Tháng 3/2026"]   # under their year, by month
    model = w.start.model

    def shown_periods():
        return [model.index(r, 1).data() for r in range(model.rowCount()) if not model.is_heading(r)]
    assert {"Quý I/2026", "Tháng 3/2026"} <= set(shown_periods())
    combo.setCurrentIndex(items.index("Quý I/2026"))
    qtbot.waitUntil(lambda: shown_periods() == ["Quý I/2026"])
    _shot(w, "list-quarter")


def test_the_document_form_shows_the_number_line_in_the_reports_standard(qtbot, sample_service):
    from tudanhgia.services.standards import set_report_standard
    from tudanhgia.ui.context import EditorContext
    from tudanhgia.ui.meta_form import DocumentMetaForm
    sample_service.update_meta(1, number="5")
    set_report_standard(sample_service, 1, "hd05-vptw")
    form = DocumentMetaForm(EditorContext(sample_service, 1))
    qtbot.addWidget(form)
    form.show()
    assert form.number_preview.text() == "Số 05-BC/VP"   # the Party's: no colon, "-" then "/"


def test_the_tasks_section_page_says_where_its_computed_score_comes_from(qtbot, sample_service, tmp_path):
    report = sample_service.create_report("danh-gia-cong-chuc-quy", "Quý I/2026")
    w = make_window(qtbot, sample_service, tmp_path)
    w.open_report(report.id)
    w.editor.select(report.find(key="nhiem-vu").id)   # as a click on the section in the outline
    page = w.editor.page
    qtbot.waitUntil(lambda: page.score_box.isVisible())
    assert page.score.isReadOnly()
    assert page.score_max.text() == "/ 70 điểm — tự tính từ Công cụ ▸ Bảng nhiệm vụ…"
    qtbot.wait(50)
    _shot(w, "tasks-section-computed")
    w.editor.select(report.find(key="tieu-chi-chung").id)   # the general criteria: typed by the officer
    qtbot.waitUntil(lambda: page.score_max.text() == "/ 30 điểm")
    assert not page.score.isReadOnly()
    qtbot.wait(50)
    _shot(w, "tasks-section")


def test_a_change_of_the_task_table_is_one_undo_step_of_the_open_report(qtbot, sample_service, tmp_path):
    from tudanhgia.domain.tasks import Task
    from tudanhgia.services.tasks import set_tasks
    report = sample_service.create_report("danh-gia-cong-chuc-quy", "Quý I/2026")
    set_tasks(sample_service, report.id, [Task("Báo cáo tháng", 2, 2)])
    w = make_window(qtbot, sample_service, tmp_path)
    w.open_report(report.id)

    def one_delay(dialog):
        dialog.table.cellWidget(0, forms_dialogs.DELAYS).setValue(1)   # 70 × (1 + 1 + 0.875) / 3 = 67,08
        assert dialog.total.text() == "Điểm kết quả thực hiện nhiệm vụ: <b>67,08/70</b>"
    _answer(qtbot, "Lưu", one_delay)
    w.act_tasks.trigger()
    stored = sample_service.get_report(report.id)
    assert stored.tasks[0].delays == 1 and stored.find(key="nhiem-vu").score == 67.08
    w.act_undo.trigger()
    stored = sample_service.get_report(report.id)
    assert stored.tasks[0].delays == 0 and stored.find(key="nhiem-vu").score == 70


def test_a_report_issued_in_its_standard_says_so_and_follows_the_file_again_when_applied(qtbot, sample_service,
                                                                                          tmp_path):
    """Issue 17: the standard's values kept at the issue are named in the dialog; after the unlock,
    "Áp dụng" prints in the standard's file as it is now."""
    from tudanhgia.domain.period import DocDate
    sample_service.update_meta(1, number="7", date=DocDate(2023, 12, 20))
    sample_service.issue_report(1, tmp_path / "ban-hanh.docx")
    sample_service.unlock_report(1, "Sửa theo thể thức mới")
    w = make_window(qtbot, sample_service, tmp_path)
    w.open_report(1)
    seen = []

    def look(dialog):
        seen.append(dialog.issued_note.text())
        assert dialog.issued_note.isVisible() and dialog.choices["nd30"].isChecked()
        _shot(dialog, "report-standard-issued")
    _answer(qtbot, "Áp dụng", look)
    w.act_standard.trigger()
    assert seen and "như lúc ban hành" in seen[0]
    assert sample_service.get_report(1).issued_standard is None
