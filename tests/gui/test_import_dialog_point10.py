"""Issue 13 point 10 in the import dialog: the officer can create the unit there (the unit profile
dialog, started from the document's header), and a file exported by the program comes back with
every field the officer kept."""
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from tudanhgia.domain import Limitation, Period, RichText
from tudanhgia.services.export import export_docx
from tudanhgia.ui.app import make_application
from tudanhgia.ui.import_dialog import ImportReviewDialog
from tudanhgia.ui.unit_dialog import UnitProfileDialog
from qt_keys import type_text

T = RichText.from_plain


def _fill_unit_dialog(qtbot, name: str, seen: list):
    """UnitProfileDialog.exec as the officer uses it: type the unit's name, press Lưu."""
    def run(dialog):
        seen.append({"issuing": dialog.issuing_agency.text(), "parent": dialog.parent_agency.text(),
                     "place": dialog.place.text(), "chooser": dialog.chooser.currentText()})
        dialog.name.clear()
        type_text(dialog.name, name)   # qtbot.keyClicks aborts on Vietnamese letters
        qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
        return dialog.result()
    return run


def test_point10_a_new_unit_made_in_the_import_dialog(qtbot, sample_service, service, tmp_path, monkeypatch):
    """Importing into a database without units: "Thêm đơn vị…" opens the unit profile dialog with
    the document's header filled in; the unit saved there is chosen and the report belongs to it."""
    make_application()
    path = export_docx(sample_service, 1, tmp_path / "kd.docx")   # header: UBND TỈNH QUẢNG NGÃI / VĂN PHÒNG
    dialog = ImportReviewDialog(service, path)
    qtbot.addWidget(dialog)
    assert dialog.unit.currentData() is None
    assert "Thêm đơn vị" in dialog.unit.currentText()
    seen: list = []
    monkeypatch.setattr(UnitProfileDialog, "exec", _fill_unit_dialog(qtbot, "Văn phòng UBND tỉnh Quảng Ngãi", seen))
    qtbot.mouseClick(dialog.new_unit_button, Qt.MouseButton.LeftButton)
    assert seen == [{"issuing": "VĂN PHÒNG", "parent": "UBND TỈNH QUẢNG NGÃI", "place": "Quảng Ngãi",
                     "chooser": "Thêm đơn vị mới…"}]
    assert dialog.unit.currentText() == "Văn phòng UBND tỉnh Quảng Ngãi"
    qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
    saved = service.get_report(dialog.saved.id)
    unit = service.get_unit(saved.unit_id)
    assert (saved.unit_name, unit.issuing_agency, unit.parent_agency) == (
        "Văn phòng UBND tỉnh Quảng Ngãi", "VĂN PHÒNG", "UBND TỈNH QUẢNG NGÃI")


def test_point10_cancelling_the_unit_dialog_changes_nothing(qtbot, sample_service, tmp_path, monkeypatch):
    make_application()
    path = export_docx(sample_service, 1, tmp_path / "kd.docx")
    dialog = ImportReviewDialog(sample_service, path)
    qtbot.addWidget(dialog)
    before = (dialog.unit.count(), dialog.unit.currentData())
    monkeypatch.setattr(UnitProfileDialog, "exec", lambda self: 0)
    qtbot.mouseClick(dialog.new_unit_button, Qt.MouseButton.LeftButton)
    assert (dialog.unit.count(), dialog.unit.currentData()) == before
    assert len(sample_service.list_units()) == 1


def test_point10_the_dialog_restores_the_kept_fields(qtbot, sample_service, tmp_path):
    """A review exported then imported through the window: the objective cause and the link to the
    section come back (the print merges the causes and does not show the link)."""
    make_application()
    report = sample_service.create_report("kiem-diem-tap-the-2025", "2025", sample_service.list_units()[0].id)
    concerned = report.find(key=next(s.key for s in report.walk() if s.key and not s.children and s.heading
                                     and not s.content and not s.rating_scale and not s.is_scored))
    sample_service.add_limitation(report.id, Limitation(
        T("Việc tham mưu còn chậm."), cause_subjective=T("Chưa sâu sát."), cause_objective=T("Biên chế ít."),
        concerns=concerned, origin=Period(2024)))
    dialog = ImportReviewDialog(sample_service, export_docx(sample_service, report.id, tmp_path / "a.docx"))
    qtbot.addWidget(dialog)
    qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
    [lim] = sample_service.get_report(dialog.saved.id).limitations
    assert (lim.cause_subjective.plain, lim.cause_objective.plain) == ("Chưa sâu sát.", "Biên chế ít.")
    assert lim.concerns is not None and lim.concerns.heading == concerned.heading
    assert lim.origin == Period(2024)
