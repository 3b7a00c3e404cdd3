""""Hồ sơ đơn vị": what a unit prints on every document (agency names, abbreviation, place)
and its usual signer and recipients, which new reports start from."""
from __future__ import annotations

from PySide6.QtWidgets import (QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFormLayout, QGridLayout,
                               QGroupBox, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget)

from . import messages
from .people import RecipientsEditor, SignerEditor
from .window_layout import fit_size
from ..domain.model import Recipients, UnitProfile
from ..domain.unit_fields import tidy_unit
from ..services import ReportService, ServiceError
from ..services.standards import DEFAULT_STANDARD, all_standards, unit_standard

NEW_UNIT = -1  # the chooser's "Thêm đơn vị mới…" entry


class UnitProfileDialog(QDialog):
    """Edit one unit's profile (or create one); OK saves it. `saved_unit()` is the stored unit."""

    def __init__(self, service: ReportService, unit_id: int | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.service = service
        self.setWindowTitle("Hồ sơ đơn vị")
        self._saved: UnitProfile | None = None
        self._unit_id: int | None = None
        self._loading = False
        self._modified = False
        self._last_abbr = ""
        self._build()
        default = service.default_unit()
        self._default_id = default.id if default else None
        self._fill_chooser(unit_id if unit_id is not None else self._default_id)
        fit_size(self, 980, 600)

    # --- construction ----------------------------------------------------------------------------
    def _build(self) -> None:
        self.chooser = QComboBox()
        self.chooser.setMinimumContentsLength(30)
        self.chooser.currentIndexChanged.connect(self._on_chosen)
        choose_row = QHBoxLayout()
        choose_row.addWidget(QLabel("Đơn vị:"))
        choose_row.addWidget(self.chooser, 1)

        self.name = QLineEdit(placeholderText="VD: Văn phòng UBND tỉnh Quảng Ngãi")
        self.name.setToolTip("Tên đầy đủ của đơn vị, dùng trong danh sách báo cáo")
        self.parent_agency = QLineEdit(placeholderText="VD: UBND TỈNH QUẢNG NGÃI")
        self.parent_agency.setToolTip("Dòng trên cùng bên trái của văn bản (không in đậm)")
        self.issuing_agency = QLineEdit(placeholderText="VD: VĂN PHÒNG")
        self.issuing_agency.setToolTip("Tên cơ quan ban hành đúng như in trên văn bản (in hoa, đậm)")
        self.abbreviation = QLineEdit(placeholderText="VD: VP")
        self.abbreviation.setMaxLength(20)
        self.abbr_hint = QLabel()
        self.abbr_hint.setWordWrap(True)
        self.abbr_hint.setStyleSheet("color: #555555;")
        self.place = QLineEdit(placeholderText="VD: Quảng Ngãi")
        self.place.setToolTip("Địa danh ghi trước ngày tháng: tên chính thức của đơn vị hành chính nơi đơn vị đóng "
                              "trụ sở (không viết tắt “TP”)")
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow("Tên đơn vị:", self.name)
        form.addRow("Cơ quan chủ quản:", self.parent_agency)
        form.addRow("Cơ quan ban hành:", self.issuing_agency)
        form.addRow("Chữ viết tắt:", self.abbreviation)
        form.addRow("", self.abbr_hint)
        form.addRow("Địa danh:", self.place)
        # the document standard the unit's reports print in (a report may choose its own)
        self.standard = QComboBox()
        for st in all_standards():
            self.standard.addItem(st.standard_name, st.standard_id)
        self.standard.setToolTip("Thể thức trình bày văn bản của đơn vị: Nghị định 30/2020/NĐ-CP (cơ quan hành chính) "
                                 "hoặc thể thức văn bản của Đảng (cấp ủy, tổ chức đảng)")
        form.addRow("Thể thức văn bản:", self.standard)
        info_box = QGroupBox("Thông tin in trên văn bản")
        info_box.setLayout(form)

        self.signer = SignerEditor()
        signer_box = QGroupBox("Người ký thường dùng")
        QVBoxLayout(signer_box).addWidget(self.signer)
        self.recipients = RecipientsEditor()
        rec_box = QGroupBox("Nơi nhận thường dùng")
        QVBoxLayout(rec_box).addWidget(self.recipients)

        self.default_check = QCheckBox("Đơn vị mặc định khi tạo báo cáo mới")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Lưu")
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Hủy")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        grid = QGridLayout()
        grid.addWidget(info_box, 0, 0)
        grid.addWidget(signer_box, 1, 0)
        grid.addWidget(rec_box, 0, 1, 2, 1)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.default_check)
        bottom.addStretch(1)
        bottom.addWidget(self.buttons)
        layout = QVBoxLayout(self)
        layout.addLayout(choose_row)
        layout.addLayout(grid, 1)
        layout.addLayout(bottom)

        for w in (self.name, self.parent_agency, self.issuing_agency, self.place):
            w.textChanged.connect(self._mark_modified)
        self.abbreviation.textChanged.connect(self._on_abbreviation)
        self.signer.edited.connect(self._mark_modified)
        self.recipients.edited.connect(self._mark_modified)
        self.default_check.toggled.connect(self._mark_modified)
        self.standard.currentIndexChanged.connect(self._mark_modified)

    def _fill_chooser(self, select_id: int | None) -> None:
        self._loading = True
        try:
            self.chooser.clear()
            for u in self.service.list_units():
                self.chooser.addItem(u.name + (" (mặc định)" if u.id == self._default_id else ""), u.id)
            self.chooser.addItem("Thêm đơn vị mới…", NEW_UNIT)
            i = self.chooser.findData(select_id) if select_id is not None else -1
            self.chooser.setCurrentIndex(i if i >= 0 else 0)
        finally:
            self._loading = False
        self._load_chosen()

    # --- the unit shown --------------------------------------------------------------------------
    def start_new(self) -> None:
        """Show an empty profile for a new unit."""
        self.chooser.setCurrentIndex(self.chooser.findData(NEW_UNIT))

    def _on_chosen(self, _index: int) -> None:
        if self._loading:
            return
        if self._modified and not messages.confirm(
                self, "Các thay đổi của đơn vị đang sửa chưa được lưu. Bỏ các thay đổi đó để chuyển sang đơn vị khác?",
                yes="Bỏ thay đổi", no="Ở lại"):
            self._loading = True
            try:  # back to the unit being edited
                self.chooser.setCurrentIndex(self.chooser.findData(self._unit_id if self._unit_id else NEW_UNIT))
            finally:
                self._loading = False
            return
        self._load_chosen()

    def _load_chosen(self) -> None:
        data = self.chooser.currentData()
        unit = None
        if data not in (None, NEW_UNIT):
            try:
                unit = self.service.get_unit(data)
            except ServiceError as exc:
                messages.warn(self, str(exc))
        self.set_unit(unit)

    def set_unit(self, unit: UnitProfile | None) -> None:
        unit = unit or UnitProfile(name="", recipients=Recipients(archive="VT"))
        self._loading = True
        try:
            self._unit_id = unit.id
            self.name.setText(unit.name)
            self.parent_agency.setText(unit.parent_agency)
            self.issuing_agency.setText(unit.issuing_agency)
            self.abbreviation.setText(unit.abbreviation)
            self.place.setText(unit.place)
            self.standard.setCurrentIndex(max(0, self.standard.findData(unit_standard(unit).standard_id)))
            self.signer.set_value(unit.signer)
            self.recipients.set_value(unit.recipients)
            is_default = unit.id is not None and unit.id == self._default_id
            first = self._default_id is None  # the first unit saved becomes the default anyway
            self.default_check.setChecked(is_default or first)
            # there is always one default unit: it changes by marking another one
            self.default_check.setEnabled(not (is_default or first))
            self.default_check.setToolTip("Muốn đổi đơn vị mặc định, hãy đánh dấu ô này ở đơn vị khác."
                                          if is_default else "")
        finally:
            self._loading = False
        self._last_abbr = unit.abbreviation
        self._modified = False
        self._update_hint()
        self.name.setFocus()

    def value(self) -> UnitProfile:
        return tidy_unit(UnitProfile(
            name=self.name.text(), parent_agency=self.parent_agency.text(), issuing_agency=self.issuing_agency.text(),
            abbreviation=self.abbreviation.text(), place=self.place.text(), signer=self.signer.value(),
            recipients=self.recipients.value(),
            document_standard="" if self.standard.currentData() == DEFAULT_STANDARD else self.standard.currentData(),
            id=self._unit_id))

    def saved_unit(self) -> UnitProfile | None:
        return self._saved

    # --- edits -----------------------------------------------------------------------------------
    def _mark_modified(self, *_args) -> None:
        if not self._loading:
            self._modified = True

    def _on_abbreviation(self, _text: str) -> None:
        if self._loading:
            return
        self._modified = True
        abbr = "".join(self.abbreviation.text().split())
        # keep "Lưu: VT, <abbr>" in step while the officer has not written it differently
        archive = " ".join(self.recipients.archive.text().split())
        if archive in ("", "VT", f"VT, {self._last_abbr}"):
            self.recipients.archive.setText(f"VT, {abbr}" if abbr else "VT")
        self._last_abbr = abbr
        self._update_hint()

    def _update_hint(self) -> None:
        abbr = "".join(self.abbreviation.text().split())
        self.abbr_hint.setText(f"In trong ký hiệu văn bản “BC-{abbr}” và dòng “Lưu: VT, {abbr}.”" if abbr else
                               "Chữ viết tắt của đơn vị, in trong ký hiệu văn bản (VD: “BC-VP”) và dòng “Lưu: VT, VP.”")

    # --- OK ------------------------------------------------------------------------------------
    def accept(self) -> None:
        unit = self.value()
        if not unit.name:
            messages.warn(self, "Tên đơn vị không được để trống.")
            self.name.setFocus()
            return
        clash = self.service.find_unit(unit.name)
        if clash is not None and clash.id != unit.id:
            messages.warn(self, f"Đã có đơn vị tên “{clash.name}”. Hãy đặt tên khác, hoặc chọn đơn vị đó "
                                "trong danh sách để sửa.")
            self.name.setFocus()
            return
        try:
            saved = self.service.save_unit(unit)
            if self.default_check.isChecked() and self.default_check.isEnabled():
                self.service.set_default_unit(saved.id)
        except ServiceError as exc:
            messages.warn(self, str(exc))
            return
        self._saved = saved
        self._modified = False
        super().accept()


def fill_unit_combo(combo: QComboBox, service: ReportService, select_id: int | None = None) -> None:
    """The units to choose a report's unit from, `select_id` (default: the default unit) chosen;
    without any unit, one line saying how to add one (its data None)."""
    if select_id is None:
        default = service.default_unit()
        select_id = default.id if default else None
    combo.blockSignals(True)
    try:
        combo.clear()
        units = service.list_units()
        for u in units:
            combo.addItem(u.name, u.id)
        if not units:
            combo.addItem("(chưa có hồ sơ đơn vị — bấm “Thêm đơn vị…”)", None)
        i = combo.findData(select_id) if select_id is not None else -1
        combo.setCurrentIndex(max(0, i))
    finally:
        combo.blockSignals(False)


def add_unit(service: ReportService, parent: QWidget | None = None,
             start: UnitProfile | None = None) -> UnitProfile | None:
    """“Thêm đơn vị…”: the unit profile dialog on a new unit (`start`: what is known of it already,
    e.g. an imported document's header); the unit saved, or None when the officer cancelled."""
    dialog = UnitProfileDialog(service, None, parent)
    dialog.start_new()
    if start is not None:
        dialog.set_unit(start)
    return dialog.saved_unit() if dialog.exec() == QDialog.DialogCode.Accepted else None


def new_unit_button(tip: str = "Tạo hồ sơ một đơn vị mới") -> QPushButton:
    button = QPushButton("Thêm đơn vị…")
    button.setToolTip(tip)
    return button


__all__ = ["UnitProfileDialog", "add_unit", "fill_unit_combo", "new_unit_button"]
