"""The unit profile dialog: create a second unit and make it the default, edit one, refusals."""
from __future__ import annotations

from PySide6.QtWidgets import QDialog

from tudanhgia.domain import Authority, Recipient, Signer
from tudanhgia.services import ReportService
from tudanhgia.ui.unit_dialog import NEW_UNIT, UnitProfileDialog
from qt_keys import type_text


def retype(line_edit, text: str) -> None:
    line_edit.selectAll()
    type_text(line_edit, text)


def make_dialog(qtbot, service, unit_id=None) -> UnitProfileDialog:
    dialog = UnitProfileDialog(service, unit_id)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def fresh(db_path):
    return ReportService.open(db_path, create=False)


def test_opens_on_the_default_unit(qtbot, sample_service):
    dialog = make_dialog(qtbot, sample_service)
    assert dialog.windowTitle() == "Hồ sơ đơn vị"
    assert [dialog.chooser.itemText(i) for i in range(dialog.chooser.count())] == [
        "Văn phòng UBND tỉnh Quảng Ngãi (mặc định)", "Thêm đơn vị mới…"]
    assert dialog.name.text() == "Văn phòng UBND tỉnh Quảng Ngãi"
    assert dialog.abbreviation.text() == "VP" and dialog.place.text() == "Quảng Ngãi"
    assert dialog.signer.value() == Signer(Authority.NONE, "", "CHÁNH VĂN PHÒNG", "Vũ Minh Tâm")
    assert dialog.recipients.value().archive == "VT, HCQT"
    assert dialog.abbr_hint.text() == "In trong ký hiệu văn bản “BC-VP” và dòng “Lưu: VT, VP.”"
    # the default stays until another unit takes it
    assert dialog.default_check.isChecked() and not dialog.default_check.isEnabled()


def test_creates_a_second_unit_and_makes_it_default(qtbot, sample_service, sample_db, said):
    dialog = make_dialog(qtbot, sample_service)
    dialog.start_new()
    assert dialog.name.text() == "" and dialog.recipients.value().lines == []
    assert dialog.default_check.isEnabled() and not dialog.default_check.isChecked()

    type_text(dialog.name, "Sở Nội vụ tỉnh Quảng Ngãi")
    type_text(dialog.parent_agency, "UBND TỈNH QUẢNG NGÃI")
    type_text(dialog.issuing_agency, "SỞ NỘI VỤ")
    type_text(dialog.abbreviation, "SNV")
    assert dialog.recipients.archive.text() == "VT, SNV"  # follows the abbreviation
    assert "BC-SNV" in dialog.abbr_hint.text()
    type_text(dialog.place, "Quảng Ngãi")
    dialog.signer.authority.setCurrentIndex(dialog.signer.authority.findData(Authority.KT))
    type_text(dialog.signer.authority_position, "GIÁM ĐỐC")
    type_text(dialog.signer.position, "PHÓ GIÁM ĐỐC")
    type_text(dialog.signer.name, "Trần Thị Hồng")
    table = dialog.recipients.table
    for text, purpose in (("UBND tỉnh", "báo cáo"), ("Bộ Nội vụ", "báo cáo")):
        dialog.recipients.add_line()
        row = table.rowCount() - 1
        editor = table.indexWidget(table.model().index(row, 0))
        type_text(editor, text)
        table.setCurrentCell(row, 1)  # moving on commits the cell
        table.item(row, 1).setText(purpose)
    dialog.default_check.setChecked(True)

    dialog.accept()
    assert dialog.result() == QDialog.DialogCode.Accepted and said["warn"] == []
    saved = dialog.saved_unit()
    assert saved is not None and saved.id is not None

    other = fresh(sample_db)
    try:
        assert sorted(u.name for u in other.list_units()) == ["Sở Nội vụ tỉnh Quảng Ngãi",
                                                              "Văn phòng UBND tỉnh Quảng Ngãi"]
        default = other.default_unit()
        assert default.id == saved.id and default.name == "Sở Nội vụ tỉnh Quảng Ngãi"
        assert (default.parent_agency, default.issuing_agency, default.abbreviation, default.place) == \
            ("UBND TỈNH QUẢNG NGÃI", "SỞ NỘI VỤ", "SNV", "Quảng Ngãi")
        assert default.signer == Signer(Authority.KT, "GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Trần Thị Hồng")
        assert default.recipients.lines == [Recipient("UBND tỉnh", "báo cáo"), Recipient("Bộ Nội vụ", "báo cáo")]
        assert default.recipients.printed()[-1] == "- Lưu: VT, SNV."
    finally:
        other.close()

    # opened again, the new unit is the default one
    again = make_dialog(qtbot, sample_service)
    assert again.name.text() == "Sở Nội vụ tỉnh Quảng Ngãi"
    assert again.chooser.currentText() == "Sở Nội vụ tỉnh Quảng Ngãi (mặc định)"


def test_edit_an_existing_unit(qtbot, sample_service, sample_db, said):
    dialog = make_dialog(qtbot, sample_service, unit_id=1)
    retype(dialog.place, "Thành phố Quảng Ngãi")
    retype(dialog.signer.name, "Nguyễn Văn Bình")
    dialog.accept()
    assert dialog.result() == QDialog.DialogCode.Accepted
    other = fresh(sample_db)
    try:
        unit = other.get_unit(1)
        assert unit.place == "Thành phố Quảng Ngãi" and unit.signer.name == "Nguyễn Văn Bình"
        assert len(other.list_units()) == 1 and other.default_unit().id == 1
    finally:
        other.close()


def test_empty_and_duplicate_names_are_refused(qtbot, sample_service, sample_db, said):
    dialog = make_dialog(qtbot, sample_service)
    dialog.start_new()
    type_text(dialog.place, "Quảng Ngãi")
    dialog.accept()
    assert said["warn"] == ["Tên đơn vị không được để trống."]
    assert dialog.result() != QDialog.DialogCode.Accepted and dialog.isVisible()
    # the same name with other capitals is the same unit
    type_text(dialog.name, "văn phòng ubnd tỉnh quảng ngãi")
    dialog.accept()
    assert said["warn"][-1].startswith("Đã có đơn vị tên “Văn phòng UBND tỉnh Quảng Ngãi”")
    assert dialog.isVisible() and dialog.saved_unit() is None
    assert dialog.place.text() == "Quảng Ngãi"  # nothing typed is lost
    other = fresh(sample_db)
    try:
        assert len(other.list_units()) == 1
    finally:
        other.close()


def test_switching_units_asks_before_dropping_changes(qtbot, sample_service, said):
    dialog = make_dialog(qtbot, sample_service)
    retype(dialog.place, "Đà Nẵng")
    said["answers"] = [False]
    dialog.chooser.setCurrentIndex(dialog.chooser.findData(NEW_UNIT))
    assert len(said["confirm"]) == 1 and "chưa được lưu" in said["confirm"][0]
    assert dialog.chooser.currentData() == 1 and dialog.place.text() == "Đà Nẵng"
    said["answers"] = [True]
    dialog.chooser.setCurrentIndex(dialog.chooser.findData(NEW_UNIT))
    assert dialog.name.text() == "" and dialog.place.text() == ""
    # nothing changed on the new page: switching back asks nothing
    dialog.chooser.setCurrentIndex(dialog.chooser.findData(1))
    assert len(said["confirm"]) == 2 and dialog.place.text() == "Quảng Ngãi"


def test_first_unit_of_an_empty_database(qtbot, service):
    dialog = make_dialog(qtbot, service)
    assert dialog.chooser.count() == 1 and dialog.chooser.currentData() == NEW_UNIT
    assert dialog.default_check.isChecked() and not dialog.default_check.isEnabled()
    type_text(dialog.name, "UBND huyện Sơn Tịnh")
    dialog.accept()
    assert service.default_unit().name == "UBND huyện Sơn Tịnh"
