""""Tạo báo cáo mới": kind (and version of its form), unit, period, and whether to start from
the kind's empty outline or from a copy of an earlier period's report."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QButtonGroup, QComboBox, QDialog, QDialogButtonBox, QFormLayout, QGroupBox,
                               QHBoxLayout, QLabel, QRadioButton, QVBoxLayout, QWidget)

from . import messages
from .period_picker import PeriodPicker
from .unit_dialog import add_unit, fill_unit_combo, new_unit_button
from ..domain.model import Report
from ..domain.period import Period
from ..kinds.loader import Kind
from ..services import ReportService, ReportSummary, ServiceError
from ..services.chain import copy_report, create_report


def _months(p: Period) -> tuple[int, int]:
    """First and last month of a period, to order periods of different lengths."""
    return p.months


def _same_type(a: Period, b: Period) -> bool:
    return all((x is None) == (y is None) for x, y in ((a.half, b.half), (a.quarter, b.quarter), (a.month, b.month)))


def latest_earlier(reports: list[ReportSummary], period: Period) -> ReportSummary | None:
    """The report of the latest period that ended before `period` starts, preferring reports of
    the same length (a year's report follows the previous year's, not its own 6-month one)."""
    start = (period.year, _months(period)[0])
    earlier = [r for r in reports if (r.period.year, _months(r.period)[1]) < start]
    if not earlier:
        return None
    same = [r for r in earlier if _same_type(r.period, period)] or earlier
    return max(same, key=lambda r: ((r.period.year, _months(r.period)[1]), r.updated_at))


class NewReportDialog(QDialog):
    """Choose what to create; OK (or `create()`) stores the new report."""

    def __init__(self, service: ReportService, parent: QWidget | None = None):
        super().__init__(parent)
        self.service = service
        self.setWindowTitle("Tạo báo cáo mới")
        self._created: Report | None = None
        self._sources: list[ReportSummary] = []
        self._build()
        self._fill_families()
        self._fill_units()
        self._refresh_sources()
        # tall enough for the longest description and the copy note without a gap below
        self.resize(720, max(self.sizeHint().height(), self.heightForWidth(720)) + 2 * self.fontMetrics().lineSpacing())

    # --- construction ----------------------------------------------------------------------------
    def _build(self) -> None:
        self.family = QComboBox()
        self.family.setMinimumContentsLength(40)
        self.version = QComboBox()
        self.version.setToolTip("Mẫu đề cương theo hướng dẫn của từng thời kỳ; báo cáo mới nên dùng mẫu mới nhất")
        self.version_label = QLabel("Mẫu:")
        self.description = QLabel()
        self.description.setWordWrap(True)
        self.description.setStyleSheet("color: #555555;")
        self.family.currentIndexChanged.connect(self._on_family)
        self.version.currentIndexChanged.connect(self._on_version)

        self.unit = QComboBox()
        self.unit.setMinimumContentsLength(30)
        self.unit.currentIndexChanged.connect(self._refresh_sources)
        self.new_unit_button = new_unit_button()
        self.new_unit_button.clicked.connect(self.add_unit)
        unit_row = QHBoxLayout()
        unit_row.addWidget(self.unit, 1)
        unit_row.addWidget(self.new_unit_button)

        self.period = PeriodPicker()   # offers the periods the chosen kind takes (_on_version)
        self.period_type, self.year = self.period.type, self.period.year
        self.period.changed.connect(self._refresh_sources)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow("Loại báo cáo:", self.family)
        form.addRow(self.version_label, self.version)
        form.addRow("", self.description)
        form.addRow("Đơn vị:", unit_row)
        form.addRow("Kỳ báo cáo:", self.period)
        # a form used outside the years it applies to: said, never refused (a unit may have to)
        self.years_note = QLabel()
        self.years_note.setWordWrap(True)
        self.years_note.setStyleSheet("color: #9a5b00;")
        self.years_note.setVisible(False)
        form.addRow("", self.years_note)

        self.blank_radio = QRadioButton("Dàn ý trống theo mẫu")
        self.copy_radio = QRadioButton("Sao chép từ báo cáo kỳ trước:")
        group = QButtonGroup(self)
        group.addButton(self.blank_radio)
        group.addButton(self.copy_radio)
        self.blank_radio.setChecked(True)
        self.source = QComboBox()
        self.source.setMinimumContentsLength(30)
        self.source.currentIndexChanged.connect(self._update_copy_note)
        self.source.activated.connect(lambda _i: self.copy_radio.setChecked(True))  # picking a source means copying
        self.copy_radio.toggled.connect(self._update_copy_note)
        self.copy_note = QLabel()
        self.copy_note.setWordWrap(True)
        self.copy_note.setStyleSheet("color: #555555;")
        content_box = QGroupBox("Nội dung ban đầu")
        cl = QVBoxLayout(content_box)
        cl.addWidget(self.blank_radio)
        cl.addWidget(self.copy_radio)
        # the source gets a line of its own: report titles are long
        indent = self.copy_radio.style().pixelMetric(self.copy_radio.style().PixelMetric.PM_ExclusiveIndicatorWidth) + 8
        source_row = QHBoxLayout()
        source_row.addSpacing(indent)
        source_row.addWidget(self.source, 1)
        cl.addLayout(source_row)
        note_row = QHBoxLayout()
        note_row.addSpacing(indent)
        note_row.addWidget(self.copy_note, 1)
        cl.addLayout(note_row)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText("Tạo báo cáo")
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Hủy")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(content_box)
        layout.addStretch(1)
        layout.addWidget(self.buttons)

    def _fill_families(self) -> None:
        families = self.service.kinds.families()
        self.family.blockSignals(True)
        for family in families:
            self.family.addItem(self.service.kinds.default_for(family).name, family)
        self.family.blockSignals(False)
        if not families:
            self.description.setText("Chưa có loại báo cáo nào: thư mục mẫu báo cáo bị thiếu hoặc các tệp mẫu đều lỗi.")
            self.ok_button.setEnabled(False)
            return
        self._on_family()

    def _fill_units(self, select_id: int | None = None) -> None:
        fill_unit_combo(self.unit, self.service, select_id)

    # --- choices ---------------------------------------------------------------------------------
    def selected_family(self) -> str | None:
        return self.family.currentData()

    def selected_kind(self) -> Kind | None:
        kind_id = self.version.currentData()
        return self.service.kinds.get(kind_id) if kind_id else None

    def selected_unit_id(self) -> int | None:
        return self.unit.currentData()

    def selected_period(self) -> Period:
        return self.period.value()

    def selected_source_id(self) -> int | None:
        return self.source.currentData() if self.copy_radio.isChecked() else None

    def set_period(self, period: Period) -> bool:
        """Choose `period`; False (nothing changed) when the chosen kind does not take its length."""
        if not self.period.set_value(period):
            return False
        self._refresh_sources()
        return True

    def _on_family(self, *_args) -> None:
        family = self.selected_family()
        versions = sorted(self.service.kinds.families().get(family, []), key=lambda k: k.version, reverse=True)
        default = self.service.kinds.default_for(family) if versions else None
        self.version.blockSignals(True)
        self.version.clear()
        for k in versions:
            self.version.addItem(f"Mẫu {k.version}" + (" (mặc định)" if k is default else ""), k.id)
        self.version.setCurrentIndex(max(0, self.version.findData(default.id if default else None)))
        self.version.blockSignals(False)
        several = len(versions) > 1
        self.version.setVisible(several)
        self.version_label.setVisible(several)
        self._on_version()

    def _on_version(self, *_args) -> None:
        kind = self.selected_kind()
        self.period.set_kind(kind)
        if kind is not None:
            text = kind.description or kind.name
            if self.version.count() <= 1 and kind.version:
                text = f"Mẫu {kind.version}. {text}"
            self.description.setText(text)
        self._refresh_sources()

    def _refresh_sources(self, *_args) -> None:
        family, unit_id = self.selected_family(), self.selected_unit_id()
        reports = self.service.list_reports(unit_id=unit_id, kind=family) if family else []
        if unit_id is None:
            reports = [r for r in reports if r.unit_id is None]
        self._sources = reports
        best = latest_earlier(reports, self.selected_period())
        self.source.blockSignals(True)
        self.source.clear()
        for r in reports:
            version = f" (mẫu {r.kind_version})" if r.kind_version else ""
            self.source.addItem(f"{r.period.title_label} · {r.title}{version}", r.id)
            self.source.setItemData(self.source.count() - 1, r.title, Qt.ItemDataRole.ToolTipRole)
        if best is not None:
            self.source.setCurrentIndex(self.source.findData(best.id))
        self.source.blockSignals(False)
        has = bool(reports)
        self.copy_radio.setEnabled(has)
        self.source.setEnabled(has)
        kind = self.selected_kind()
        # copying keeps the source's outline: start from it only when it uses the chosen form
        if best is not None and kind is not None and best.kind_id == kind.id:
            self.copy_radio.setChecked(True)
        else:
            self.blank_radio.setChecked(True)
        self._update_copy_note()

    def _update_years_note(self) -> None:
        """Warn when the form the new report will follow (the source's, when copying) does not
        apply to the chosen period's year."""
        kind = self.selected_kind()
        source_id = self.selected_source_id()
        if source_id is not None:
            source = next((r for r in self._sources if r.id == source_id), None)
            if source is not None and source.kind_id in self.service.kinds:
                kind = self.service.kinds.get(source.kind_id)
        text = kind.years_mismatch(self.selected_period()) if kind is not None else ""
        self.years_note.setText(f"⚠ {text} Báo cáo vẫn được tạo; hãy kiểm tra lại mẫu." if text else "")
        self.years_note.setVisible(bool(text))

    def _update_copy_note(self, *_args) -> None:
        self._update_years_note()
        if not self._sources:
            self.copy_note.setText("Chưa có báo cáo nào cùng loại của đơn vị này để sao chép.")
            self._fit_height()
            return
        if not self.copy_radio.isChecked():
            self.copy_note.setText("")
            self._fit_height()
            return
        source = next((r for r in self._sources if r.id == self.source.currentData()), None)
        kind = self.selected_kind()
        notes = ["Bản sao giữ đề cương và nội dung của báo cáo gốc; mức tự đánh giá, điểm, số và ngày văn bản "
                 "được để trống; năm trong đề mục, kỳ báo cáo trong trích yếu, phần mở đầu và câu kết thúc "
                 "chuyển sang kỳ mới; số, ngày văn bản chỉ đạo của kỳ cũ ở phần mở đầu để trống (“số … ngày …”) "
                 "để điền văn bản của kỳ này; mục “Kết quả khắc phục…” được điền lại từ kế hoạch khắc phục lập "
                 "theo báo cáo gốc (nếu có)."]
        if source is not None and kind is not None and source.kind_id != kind.id:
            notes.append(f"Báo cáo gốc theo mẫu {source.kind_version}: bản sao vẫn theo mẫu đó. Muốn dùng mẫu "
                         f"{kind.version}, hãy chọn “Dàn ý trống theo mẫu”.")
        self.copy_note.setText(" ".join(notes))
        self._fit_height()

    def _fit_height(self) -> None:
        """Grow to show a longer note whole (the years' warning, the copy note), never shrink."""
        layout = self.layout()
        if layout is None or not self.isVisible():
            return
        for note in (self.copy_note, self.years_note):   # the group box's layout gives a wrapped label one line
            note.setMinimumHeight(note.heightForWidth(note.width()) if note.text() else 0)
        layout.activate()
        need = max(layout.heightForWidth(self.width()) if layout.hasHeightForWidth() else 0, self.sizeHint().height())
        if need > self.height():
            self.resize(self.width(), need)

    # --- units -----------------------------------------------------------------------------------
    def add_unit(self) -> None:
        unit = add_unit(self.service, self)
        if unit is not None:
            self._fill_units(unit.id)
            self._refresh_sources()

    # --- creating --------------------------------------------------------------------------------
    def create(self) -> Report | None:
        """Store the new report and return it; None (after a message) when refused. Once a report
        is created (OK calls this too), later calls return that report instead of making another."""
        if self._created is not None:
            return self._created
        kind = self.selected_kind()
        if kind is None:
            messages.warn(self, "Hãy chọn loại báo cáo.")
            return None
        period = self.selected_period()
        source_id = self.selected_source_id()
        try:
            if source_id is not None:   # A.III redrafted from the plans made from the source
                report = copy_report(self.service, source_id, period)
            else:   # A.III drafted from the unit's earlier plans, as "Từ kỳ trước" does
                report = create_report(self.service, kind.id, period, self.selected_unit_id())[0]
        except (ServiceError, ValueError) as exc:
            messages.warn(self, f"Không tạo được báo cáo: {exc}")
            return None
        self._created = report
        return report

    def created_report(self) -> Report | None:
        return self._created

    def accept(self) -> None:
        period = self.selected_period()
        unit_id = self.selected_unit_id()
        same = [r for r in self.service.list_reports(unit_id=unit_id, kind=self.selected_family(), period=period.code)
                if r.unit_id == unit_id]
        if same and not messages.confirm(
                self, f"Đơn vị đã có “{same[0].title}” cho {period.label}. Vẫn tạo thêm một báo cáo nữa?",
                yes="Tạo thêm", no="Không tạo"):
            return
        if self.create() is not None:
            super().accept()


__all__ = ["NewReportDialog", "latest_earlier"]
