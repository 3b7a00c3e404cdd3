"""The new-report dialog: kind and version, unit, period, empty outline or a copy of last period's."""
from __future__ import annotations

import datetime as _dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from tudanhgia.domain import Period
from tudanhgia.services import ReportService, ReportSummary, ServiceError
from tudanhgia.ui.new_report import NewReportDialog, latest_earlier
from tudanhgia.ui.period_picker import PERIOD_TYPES
from tudanhgia.ui.unit_dialog import UnitProfileDialog
from qt_keys import type_text


def make_dialog(qtbot, service) -> NewReportDialog:
    dialog = NewReportDialog(service)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def type_year(dialog: NewReportDialog, year: int) -> None:
    dialog.year.lineEdit().selectAll()
    type_text(dialog.year.lineEdit(), str(year))
    assert dialog.year.value() == year


def choose_family(dialog: NewReportDialog, family: str) -> None:
    dialog.family.setCurrentIndex(dialog.family.findData(family))


def offered_periods(dialog: NewReportDialog) -> list[str]:
    return [dialog.period_type.itemText(i) for i in range(dialog.period_type.count())]


def reports_in(db_path) -> list[ReportSummary]:
    other = ReportService.open(db_path, create=False)
    try:
        return other.list_reports()
    finally:
        other.close()


def test_offers_every_family_with_the_newest_form(qtbot, sample_service):
    dialog = make_dialog(qtbot, sample_service)
    assert dialog.windowTitle() == "Tạo báo cáo mới"
    families = [dialog.family.itemData(i) for i in range(dialog.family.count())]
    assert families == list(sample_service.kinds.families())
    assert dialog.family.currentData() == "kiem-diem-tap-the"
    assert dialog.family.currentText() == "Báo cáo kiểm điểm tập thể"
    # the collective review has three forms; the newest is chosen
    assert dialog.version.isVisible()
    assert [dialog.version.itemText(i) for i in range(dialog.version.count())] == [
        "Mẫu 2025 (mặc định)", "Mẫu 2023", "Mẫu 2019"]
    assert dialog.selected_kind().id == "kiem-diem-tap-the-2025"
    assert "366-QĐ/TW" in dialog.description.text()
    dialog.version.setCurrentIndex(dialog.version.findData("kiem-diem-tap-the-2019"))
    assert "21-HD/BTCTW" in dialog.description.text()
    # one form only: no version choice, the form's year is in the description
    choose_family(dialog, "ke-hoach-khac-phuc")
    assert not dialog.version.isVisible() and not dialog.version_label.isVisible()
    assert dialog.description.text().startswith("Mẫu 2022. Kế hoạch của tập thể lãnh đạo")
    assert dialog.unit.currentText() == "Văn phòng UBND tỉnh Quảng Ngãi"
    assert dialog.year.value() == _dt.date.today().year
    # a plan for the reviewed year first, or for the half-year or quarter a thematic review covered
    assert offered_periods(dialog) == ["Năm", "6 tháng đầu năm", "6 tháng cuối năm", "Quý I", "Quý II", "Quý III",
                                       "Quý IV"]
    choose_family(dialog, "khac")                # a free report: any period
    assert offered_periods(dialog) == [
        "Năm", "6 tháng đầu năm", "6 tháng cuối năm", "Quý I", "Quý II", "Quý III", "Quý IV",
        *(f"Tháng {m}" for m in range(1, 13))]   # monthly evaluation (Nghị định 335/2025)


def test_creates_a_2025_collective_review_with_the_full_outline(qtbot, sample_service, sample_db, said):
    dialog = make_dialog(qtbot, sample_service)
    type_year(dialog, 2025)
    assert dialog.selected_period() == Period(2025)
    # the 2020 review exists but follows the 2019 form: the new one starts from the 2025 outline
    assert dialog.source.currentData() == 1 and dialog.blank_radio.isChecked()
    dialog.source.activated.emit(0)  # picking a source from the list means copying it
    assert dialog.copy_radio.isChecked()
    assert "theo mẫu 2019" in dialog.copy_note.text()
    dialog.blank_radio.setChecked(True)

    dialog.accept()
    assert dialog.result() == QDialog.DialogCode.Accepted and said["warn"] == [] and said["confirm"] == []
    report = dialog.created_report()
    assert report.kind_id == "kiem-diem-tap-the-2025" and report.kind_version == "2025"
    assert report.period == Period(2025) and report.unit_id == 1 and report.source_report_id is None
    kind = sample_service.kinds.get("kiem-diem-tap-the-2025")
    stored = sample_service.get_report(report.id)
    assert [s.key for s in stored.walk()] == [s.key for s in kind.sections]
    assert stored.score_max() == 100 and stored.classification_section is not None
    assert stored.meta.symbol == "BC-VP" and stored.meta.parent_agency == "UBND TỈNH QUẢNG NGÃI"
    assert report.id in [r.id for r in reports_in(sample_db)]


def test_copies_report_3_for_2024(qtbot, sample_service, sample_db, said):
    dialog = make_dialog(qtbot, sample_service)
    choose_family(dialog, "tu-danh-gia-nam")
    type_year(dialog, 2024)
    # last year's report is offered and chosen
    assert dialog.copy_radio.isChecked() and dialog.source.currentData() == 3
    assert dialog.source.currentText() == ("Năm 2023 · Báo cáo tự đánh giá kết quả thực hiện nhiệm vụ năm 2023 "
                                           "(mẫu 2023)")
    assert dialog.selected_source_id() == 3

    dialog.accept()
    assert dialog.result() == QDialog.DialogCode.Accepted and said["warn"] == []
    report = dialog.created_report()
    assert report.source_report_id == 3 and report.period == Period(2024)
    count = len(reports_in(sample_db))
    assert dialog.create() is report and len(reports_in(sample_db)) == count  # asked again: no second copy
    summaries = {r.id: r for r in reports_in(sample_db)}
    assert summaries[report.id].subject == "Tự đánh giá kết quả thực hiện nhiệm vụ năm 2024"
    assert summaries[report.id].title == "Báo cáo tự đánh giá kết quả thực hiện nhiệm vụ năm 2024"
    copied = sample_service.get_report(report.id)
    original = sample_service.get_report(3)
    assert len(list(copied.walk())) == len(list(original.walk()))
    assert copied.classification is None and copied.meta.number == ""


def test_same_period_again_asks_first(qtbot, sample_service, sample_db, said):
    dialog = make_dialog(qtbot, sample_service)
    choose_family(dialog, "tu-danh-gia-nam")
    type_year(dialog, 2023)
    before = len(reports_in(sample_db))
    # the 2023 report is not "earlier" than 2023: start from the outline
    assert dialog.blank_radio.isChecked()
    said["answers"] = [False]
    dialog.accept()
    assert len(said["confirm"]) == 1 and "cho năm 2023" in said["confirm"][0]
    assert dialog.result() != QDialog.DialogCode.Accepted and len(reports_in(sample_db)) == before
    said["answers"] = [True]
    dialog.accept()
    assert dialog.result() == QDialog.DialogCode.Accepted and len(reports_in(sample_db)) == before + 1


def test_half_year_period(qtbot, sample_service, said):
    dialog = make_dialog(qtbot, sample_service)
    choose_family(dialog, "bao-cao-chuyen-de")
    type_year(dialog, 2024)
    dialog.period_type.setCurrentIndex(dialog.period_type.findText("6 tháng đầu năm"))
    assert not dialog.copy_radio.isEnabled()
    assert dialog.copy_note.text() == "Chưa có báo cáo nào cùng loại của đơn vị này để sao chép."
    report = dialog.create()
    assert report.period == Period(2024, half=1) and report.kind_id == "chuyen-de"
    # the thematic report is half-yearly, yearly or quarterly: a month is not offered
    assert dialog.set_period(Period(2024, month=3)) is False
    assert dialog.selected_period() == Period(2024, half=1)
    choose_family(dialog, "khac")
    assert dialog.set_period(Period(2024, quarter=3)) is True
    assert dialog.period_type.currentText() == "Quý III" and dialog.selected_period() == Period(2024, quarter=3)


def test_a_refused_creation_is_explained(qtbot, sample_service, said, monkeypatch):
    dialog = make_dialog(qtbot, sample_service)

    def refuse(*args, **kwargs):
        raise ServiceError("Không có loại báo cáo “x”.")
    monkeypatch.setattr(sample_service, "create_report", refuse)
    type_year(dialog, 2030)
    assert dialog.create() is None
    assert said["warn"] == ["Không tạo được báo cáo: Không có loại báo cáo “x”."]
    dialog.accept()
    assert dialog.result() != QDialog.DialogCode.Accepted and dialog.created_report() is None


def test_a_new_unit_from_the_dialog(qtbot, sample_service, said, monkeypatch):
    dialog = make_dialog(qtbot, sample_service)

    def fill_and_accept(unit_dialog: UnitProfileDialog) -> int:
        assert unit_dialog.chooser.currentText() == "Thêm đơn vị mới…"
        type_text(unit_dialog.name, "Sở Tư pháp tỉnh Quảng Ngãi")
        type_text(unit_dialog.abbreviation, "STP")
        unit_dialog.accept()
        return unit_dialog.result()
    monkeypatch.setattr(UnitProfileDialog, "exec", fill_and_accept)
    qtbot.mouseClick(dialog.new_unit_button, Qt.MouseButton.LeftButton)
    assert dialog.unit.currentText() == "Sở Tư pháp tỉnh Quảng Ngãi"
    # the new unit has no reports yet: nothing to copy
    assert not dialog.copy_radio.isEnabled() and dialog.blank_radio.isChecked()
    report = dialog.create()
    assert report.unit_name == "Sở Tư pháp tỉnh Quảng Ngãi" and report.meta.symbol == "BC-STP"


def test_without_units_the_report_has_none(qtbot, service):
    dialog = make_dialog(qtbot, service)
    assert dialog.unit.currentData() is None and "chưa có hồ sơ đơn vị" in dialog.unit.currentText()
    report = dialog.create()
    assert report.unit_id is None


def _summary(rid: int, period: Period) -> ReportSummary:
    return ReportSummary(rid, "", "k", "", "", 1, "", period, "", _dt.datetime(2024, 1, rid))


def test_latest_earlier():
    rows = [_summary(1, Period(2022)), _summary(2, Period(2023)), _summary(3, Period(2024, half=1)),
            _summary(4, Period(2024))]
    assert latest_earlier(rows, Period(2024)).id == 2          # a year follows the year before
    assert latest_earlier(rows, Period(2024, half=2)).id == 3  # the second half follows the first
    assert latest_earlier(rows, Period(2025, quarter=1)).id == 4
    assert latest_earlier(rows, Period(2022)) is None
    assert PERIOD_TYPES[0] == ("Năm", None, None, None)   # label, half, quarter, month
    assert latest_earlier(rows, Period(2025, month=3)).id == 4   # a month follows the year before it


QUARTERS = ["Quý I", "Quý II", "Quý III", "Quý IV"]
MONTHS = [f"Tháng {m}" for m in range(1, 13)]


def test_each_kind_offers_only_its_periods_and_starts_on_the_first(qtbot, sample_service, said):
    """The quarterly form (Nghị định 335/2025) starts on this quarter, never on "Năm"; the annual
    review offers no month; the thematic report starts on a half-year."""
    today = _dt.date.today()
    this_quarter = QUARTERS[(today.month - 1) // 3]
    dialog = make_dialog(qtbot, sample_service)
    assert dialog.selected_kind().id == "kiem-diem-tap-the-2025"
    assert offered_periods(dialog) == ["Năm"] and dialog.selected_period() == Period(today.year)
    choose_family(dialog, "danh-gia-cong-chuc-quy")
    assert offered_periods(dialog) == QUARTERS + MONTHS
    assert dialog.period_type.currentText() == this_quarter
    # the unit's summary takes the same periods: the quarter chosen stays
    dialog.period_type.setCurrentIndex(dialog.period_type.findText("Tháng 3"))
    choose_family(dialog, "tong-hop-danh-gia-quy")
    assert dialog.period_type.currentText() == "Tháng 3"
    choose_family(dialog, "bao-cao-chuyen-de")
    assert offered_periods(dialog) == ["6 tháng đầu năm", "6 tháng cuối năm", "Năm", *QUARTERS]
    assert dialog.period_type.currentText() == ("6 tháng đầu năm" if today.month <= 6 else "6 tháng cuối năm")
    choose_family(dialog, "kiem-diem-tap-the")
    assert offered_periods(dialog) == ["Năm"]

    choose_family(dialog, "danh-gia-cong-chuc-quy")
    type_year(dialog, 2026)
    dialog.period_type.setCurrentIndex(dialog.period_type.findText("Quý I"))
    dialog.accept()
    assert dialog.result() == QDialog.DialogCode.Accepted and said["warn"] == []
    report = sample_service.get_report(dialog.created_report().id)
    assert report.kind_id == "danh-gia-cong-chuc-quy" and report.period == Period(2026, quarter=1)
    assert report.title.endswith("quý I/2026")


def test_a_quarter_copied_to_the_next_names_the_new_quarter_and_the_list_shows_roman_numerals(
        qtbot, sample_service, sample_db, said):
    """The copy list writes the quarters as officers do ('Quý III/2026', not 'Quý iii/2026'), and the
    copy made for quý II names quý II in its subject and opening, not the source's quý I."""
    probe = make_dialog(qtbot, sample_service)
    choose_family(probe, "danh-gia-cong-chuc-quy")
    unit_id = probe.selected_unit_id()
    first = sample_service.create_report("danh-gia-cong-chuc-quy", Period(2026, quarter=1), unit_id)
    third = sample_service.create_report("danh-gia-cong-chuc-quy", Period(2026, quarter=3), unit_id)
    dialog = make_dialog(qtbot, sample_service)
    choose_family(dialog, "danh-gia-cong-chuc-quy")
    type_year(dialog, 2026)
    dialog.period_type.setCurrentIndex(dialog.period_type.findText("Quý II"))
    shown = {dialog.source.itemData(i): dialog.source.itemText(i) for i in range(dialog.source.count())}
    assert shown[first.id].startswith("Quý I/2026 · ") and shown[third.id].startswith("Quý III/2026 · ")
    assert dialog.copy_radio.isChecked() and dialog.source.currentData() == first.id   # the latest earlier one
    assert "phần mở đầu và câu kết thúc chuyển sang kỳ mới" in dialog.copy_note.text()

    dialog.accept()
    assert dialog.result() == QDialog.DialogCode.Accepted and said["warn"] == []
    copied = sample_service.get_report(dialog.created_report().id)
    assert copied.period == Period(2026, quarter=2) and copied.source_report_id == first.id
    assert copied.meta.subject == "Kết quả thực hiện nhiệm vụ của công chức quý II/2026"
    assert "tôi tự đánh giá kết quả thực hiện nhiệm vụ quý II/2026 như sau:" in copied.meta.preamble.plain
    assert "quý I/" not in copied.meta.preamble.plain
