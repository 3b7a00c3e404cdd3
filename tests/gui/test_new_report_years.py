"""The new-report dialog warns, never blocks, when the chosen form does not apply to the period's
year (GUI tester's b28: a "Mẫu 2025" review for 2021 said nothing)."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from tudanhgia.domain import Period
from test_new_report import make_dialog, type_year


def test_a_form_outside_its_years_is_warned_about_and_still_made(qtbot, sample_service, said):
    dialog = make_dialog(qtbot, sample_service)
    assert dialog.selected_kind().id == "kiem-diem-tap-the-2025"
    type_year(dialog, 2025)
    assert not dialog.years_note.isVisible()
    type_year(dialog, 2021)
    assert dialog.years_note.isVisible()
    assert "Mẫu “Báo cáo kiểm điểm tập thể (mẫu 2025)” áp dụng từ năm 2025; kỳ năm 2021 nằm ngoài" \
        in dialog.years_note.text()
    # the 2019 form fits 2021: the warning goes
    dialog.version.setCurrentIndex(dialog.version.findData("kiem-diem-tap-the-2019"))
    assert not dialog.years_note.isVisible()
    dialog.version.setCurrentIndex(dialog.version.findData("kiem-diem-tap-the-2025"))
    assert dialog.years_note.isVisible()
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)   # a warning, not a refusal
    assert dialog.result() == QDialog.DialogCode.Accepted and said["warn"] == []
    report = dialog.created_report()
    assert report.kind_id == "kiem-diem-tap-the-2025" and report.period == Period(2021)


def test_copying_speaks_of_the_sources_form(qtbot, sample_service):
    dialog = make_dialog(qtbot, sample_service)
    type_year(dialog, 2026)
    assert not dialog.years_note.isVisible()          # a blank 2025 form for 2026: fine
    at = dialog.source.findData(1)   # the 2020 review, on the 2019 form
    dialog.source.setCurrentIndex(at)
    dialog.source.activated.emit(at)   # picking a source from the list means copying it
    assert dialog.copy_radio.isChecked()
    assert dialog.years_note.isVisible()
    assert "(mẫu 2019)” áp dụng cho các năm 2019–2022; kỳ năm 2026" in dialog.years_note.text()
