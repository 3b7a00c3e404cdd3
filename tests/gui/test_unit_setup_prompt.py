"""Issue 13 point 9 (part): a database without a unit profile, or a report whose unit has no
issuing agency, offers "Thiết lập thông tin đơn vị" in a bar of the window; "Để sau" is kept
for that database."""
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from tudanhgia.domain import UnitProfile
from tudanhgia.services import ReportService
from tudanhgia.ui.main_window import MainWindow
from tudanhgia.ui.unit_dialog import UnitProfileDialog
from qt_keys import type_text
from test_main_window import make_window


def bar_text(w: MainWindow) -> str:
    bar = getattr(w, "unit_setup_banner", None)
    return bar.label.text() if bar is not None and bar.isVisible() else ""


@pytest.fixture
def unit_dialog(monkeypatch, qtbot):
    """The unit dialog as the officer fills it: the name and the issuing agency typed, Lưu clicked."""
    shown = []

    def exec_(self):
        shown.append(self)
        qtbot.addWidget(self)
        self.show()
        if not self.name.text():
            type_text(self.name, "Sở Tư pháp tỉnh Quảng Ngãi")
        type_text(self.issuing_agency, "SỞ TƯ PHÁP")
        qtbot.mouseClick(self.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
        return self.result()
    monkeypatch.setattr(UnitProfileDialog, "exec", exec_)
    return shown


def test_point9_an_empty_database_offers_the_unit_setup(qtbot, tmp_path, unit_dialog):
    service = ReportService.open(tmp_path / "moi.sqlite")
    try:
        w = make_window(qtbot, service, tmp_path)
        assert "chưa có thông tin đơn vị" in bar_text(w)
        qtbot.mouseClick(w.unit_setup_banner.setup_button, Qt.MouseButton.LeftButton)
        assert len(unit_dialog) == 1
        assert [(u.name, u.issuing_agency) for u in service.list_units()] == [("Sở Tư pháp tỉnh Quảng Ngãi",
                                                                             "SỞ TƯ PHÁP")]
        assert bar_text(w) == ""
        w.close()
        assert bar_text(make_window(qtbot, service, tmp_path)) == ""    # done: never offered again
    finally:
        service.close()


def test_point9_later_is_remembered_for_that_database_only(qtbot, tmp_path, unit_dialog):
    first = ReportService.open(tmp_path / "a.sqlite")
    other = ReportService.open(tmp_path / "b.sqlite")
    try:
        w = make_window(qtbot, first, tmp_path)
        qtbot.mouseClick(w.unit_setup_banner.later_button, Qt.MouseButton.LeftButton)
        assert bar_text(w) == "" and unit_dialog == []
        w.close()
        again = ReportService.open(tmp_path / "a.sqlite", create=False)   # the next start of the program
        try:
            assert bar_text(make_window(qtbot, again, tmp_path)) == ""
        finally:
            again.close()
        assert "chưa có thông tin đơn vị" in bar_text(make_window(qtbot, other, tmp_path))
    finally:
        first.close()
        other.close()


def test_point9_a_report_of_a_unit_without_issuing_agency_offers_it(qtbot, tmp_path, unit_dialog):
    service = ReportService.open(tmp_path / "c.sqlite")
    try:
        unit = service.save_unit(UnitProfile(name="Phòng Nội vụ huyện Sơn Tịnh"))
        report = service.create_report("ke-hoach-khac-phuc", "2024", unit.id)
        w = make_window(qtbot, service, tmp_path)
        assert "“Phòng Nội vụ huyện Sơn Tịnh” chưa ghi tên cơ quan ban hành" in bar_text(w)
        w.open_report(report.id)
        assert "“Phòng Nội vụ huyện Sơn Tịnh”" in bar_text(w)
        qtbot.mouseClick(w.unit_setup_banner.setup_button, Qt.MouseButton.LeftButton)
        assert unit_dialog[0].name.text() == "Phòng Nội vụ huyện Sơn Tịnh"
        assert service.get_unit(unit.id).issuing_agency == "SỞ TƯ PHÁP"
        assert bar_text(w) == ""
    finally:
        service.close()


def test_point9_a_complete_profile_is_not_asked_about(qtbot, sample_service, tmp_path):
    w = make_window(qtbot, sample_service, tmp_path)
    assert bar_text(w) == ""
    w.open_report(2)
    assert bar_text(w) == ""
