"""The document's frame: issuing agencies, number and symbol, place and date, kind name and
subject, marks, the proposed classification, recipients and signer (spec H1–H8, T1–T2, C1–C7).

Edits are saved by themselves: each burst of typing (debounced) or each `flush()` becomes one
undoable command that writes only the fields it changed, so undoing it never reverts what
another panel wrote in the meantime."""
from __future__ import annotations

import copy
import html
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (QComboBox, QFormLayout, QFrame, QGroupBox, QHBoxLayout, QLabel,
                               QLineEdit, QPlainTextEdit, QPushButton, QScrollArea, QSizePolicy, QSpinBox,
                               QVBoxLayout, QWidget)

from . import messages
from .context import EditorContext
from .people import RecipientsEditor, SignerEditor
from .period_picker import PeriodPicker
from ..domain.model import SECRECY_MARKS, URGENCY_MARKS, DocumentMeta, Report
from ..domain.period import DocDate, Period
from ..domain.ratings import ChatLuong
from ..domain.richtext import clean_text
from ..domain.text import one_line
from ..services import ServiceError
from ..domain.changes import Changes
from ..services.frame import FRAME_FIELDS, InvalidDate, check_date, frame_of, renamed_period, write_frame

KIND_NAMES = ("BÁO CÁO", "KẾ HOẠCH", "CHƯƠNG TRÌNH", "ĐỀ ÁN", "PHƯƠNG ÁN", "TỜ TRÌNH", "THÔNG BÁO")
NO_YEAR = 1899  # the year spin box's "—"
EDIT_LABEL = "Sửa thông tin văn bản"

_BLANK_MARK = "\ue000"  # stands for a blank left for the clerk, highlighted in the preview
_BLANK_HTML = "<span style='background:#ffe58a'>&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;</span>"


_FIELD_NAMES = {"parent_agency": "Cơ quan chủ quản", "issuing_agency": "Cơ quan ban hành", "number": "Số",
                "symbol": "Ký hiệu", "place": "Địa danh", "kind_name": "Tên loại văn bản", "subject": "Trích yếu",
                "date": "Ngày ban hành", "secrecy": "Độ mật", "urgency": "Độ khẩn", "signer": "Người ký",
                "recipients": "Nơi nhận", "period": "Kỳ báo cáo"}


def _as_text(key: str, value: Any) -> str:
    """A field's value as the officer reads it in a message."""
    if key == "signer":
        return "\n".join([*value.title_lines(), value.name])
    if key == "recipients":
        return "\n".join(r.text for r in value.lines)
    if key == "date":
        return "/".join(str(part) for part in (value.day, value.month, value.year) if part) or "(trống)"
    if key == "period":
        return value.label
    return str(value or "")


def _blanks_to_html(text: str) -> str:
    return html.escape(text).replace(_BLANK_MARK, _BLANK_HTML)


class DocumentMetaForm(QWidget):
    """Form over one report's frame. `flush()` saves pending edits now (call it before any
    action that reads the report: export, preview, closing)."""

    saved = Signal()  # after a command written by this form

    def __init__(self, ctx: EditorContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self._loading = False
        self._dirty: set[str] = set()
        self._date_error = ""
        self._date_warned = ""   # the refused date the officer was last told about in a box
        self._shown_period: Period | None = None   # what the period picker showed before a choice
        self._classification_id: int | None = None  # the section whose rating the form shows
        # the pause after typing saves quietly (the red line says what is refused); an action
        # or closing flushes and tells the officer once
        self.autosave = ctx.saves.register("meta", self.flush, on_timer=self._save_pending, owner=self,
                                           unsaved=self._unsaved)
        self._build()
        self.reload()
        ctx.changed.connect(self._on_ctx_changed)

    # --- construction ----------------------------------------------------------------------------
    def _build(self) -> None:
        self.fill_button = QPushButton("Lấy theo hồ sơ đơn vị")
        self.fill_button.setToolTip("Điền cơ quan chủ quản, cơ quan ban hành, ký hiệu, địa danh, người ký và "
                                    "nơi nhận theo hồ sơ của đơn vị soạn báo cáo")
        self.fill_button.clicked.connect(self.ctx.saves.guard(self.fill_from_unit))
        title = QLabel("Thông tin văn bản")
        font = title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        title.setFont(font)
        top = QHBoxLayout()
        top.addWidget(title)
        top.addStretch(1)
        top.addWidget(self.fill_button)

        # the printed "Số: …" and place/date lines, with the blanks the clerk fills in visible
        self.number_preview = QLabel()
        self.number_preview.setTextFormat(Qt.TextFormat.RichText)
        self.date_preview = QLabel()
        self.date_preview.setTextFormat(Qt.TextFormat.RichText)
        self.date_preview.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        paper = QFrame()
        paper.setObjectName("paper")
        paper.setStyleSheet("QFrame#paper { background: white; border: 1px solid #b8b8b8; } "
                            "QFrame#paper QLabel { color: black; }")
        paper.setToolTip("Dòng số, ký hiệu và địa danh, ngày tháng như khi in; phần tô vàng là chỗ để trống "
                         "cho văn thư điền khi phát hành.")
        pl = QHBoxLayout(paper)
        pl.setContentsMargins(10, 6, 10, 6)
        pl.addWidget(self.number_preview)
        pl.addStretch(1)
        pl.addWidget(self.date_preview)
        self.date_error = QLabel()
        self.date_error.setWordWrap(True)
        self.date_error.setStyleSheet("color: #b00020;")
        self.date_error.setVisible(False)

        # --- header (left column of the printed header, then the right one) ---
        self.parent_agency = QLineEdit(placeholderText="VD: UBND TỈNH QUẢNG NGÃI")
        self.issuing_agency = QLineEdit(placeholderText="VD: VĂN PHÒNG")
        self.number = QLineEdit(placeholderText="để trống khi chưa phát hành")
        self.number.setValidator(QRegularExpressionValidator(r"\d{0,6}", self.number))
        self.number.setToolTip("Số văn bản do văn thư cấp khi phát hành; số dưới 10 tự in thêm số 0 ở đầu.")
        # room for the hint: it is what tells the officer the number may stay empty
        self.number.setMinimumWidth(self.number.fontMetrics().horizontalAdvance(self.number.placeholderText()) + 16)
        self.symbol = QLineEdit(placeholderText="VD: BC-VP")
        self.symbol.setToolTip("Ký hiệu: chữ viết tắt tên loại văn bản - chữ viết tắt của đơn vị, không có dấu cách.")
        self.secrecy = QComboBox()
        for mark in SECRECY_MARKS:
            self.secrecy.addItem(mark or "— không —", mark)
        self.urgency = QComboBox()
        for mark in URGENCY_MARKS:
            self.urgency.addItem(mark or "— không —", mark)
        self.place = QLineEdit(placeholderText="VD: Quảng Ngãi")
        self.day = QComboBox()
        self.day.addItem("—", None)
        for d in range(1, 32):
            self.day.addItem(str(d), d)
        self.day.setToolTip("Để “—” khi chưa ký: ngày được để trống cho văn thư điền.")
        self.month = QComboBox()
        self.month.addItem("—", None)
        for m in range(1, 13):
            self.month.addItem(str(m), m)
        self.month.setToolTip("Để “—” khi chưa biết tháng ký.")
        self.year = QSpinBox()
        self.year.setRange(NO_YEAR, 2999)
        self.year.setSpecialValueText("—")
        self.year.setToolTip("Năm ký văn bản")

        left = QFormLayout()
        left.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        left.addRow("Cơ quan chủ quản:", self.parent_agency)
        left.addRow("Cơ quan ban hành:", self.issuing_agency)
        num_row = QHBoxLayout()
        num_row.addWidget(self.number, 2)
        num_row.addWidget(QLabel("Ký hiệu:"))
        num_row.addWidget(self.symbol, 3)
        left.addRow("Số:", num_row)
        marks = QHBoxLayout()
        marks.addWidget(self.secrecy, 1)
        marks.addWidget(QLabel("Độ khẩn:"))
        marks.addWidget(self.urgency, 1)
        left.addRow("Độ mật:", marks)
        right = QFormLayout()
        right.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        right.addRow("Địa danh:", self.place)
        date_row = QHBoxLayout()
        date_row.addWidget(self.day)
        date_row.addWidget(QLabel("Tháng:"))
        date_row.addWidget(self.month)
        date_row.addWidget(QLabel("Năm:"))
        date_row.addWidget(self.year)
        date_row.addStretch(1)
        right.addRow("Ngày:", date_row)
        header_box = QGroupBox("Phần đầu văn bản")
        hl = QHBoxLayout(header_box)
        hl.addLayout(left, 3)
        hl.addSpacing(12)
        hl.addLayout(right, 2)

        # --- title ---
        self.kind_name = QComboBox()
        self.kind_name.setEditable(True)
        self.kind_name.addItems(KIND_NAMES)
        self.kind_name.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.kind_name.setToolTip("Tên loại văn bản, in chữ in hoa đậm trên trích yếu")
        self.subject = QPlainTextEdit()
        self.subject.setTabChangesFocus(True)
        self.subject.setPlaceholderText("VD: Kiểm điểm tập thể lãnh đạo năm 2024")
        self.subject.setToolTip("Trích yếu nội dung, in đậm dưới tên loại văn bản")
        line_h = self.subject.fontMetrics().lineSpacing()
        self.subject.setFixedHeight(line_h * 3 + 12)
        self.rating = QComboBox()
        self.rating.addItem("— chưa chọn —", None)
        for level in ChatLuong:
            self.rating.addItem(level.label, level)
        self.rating.setToolTip("Mức chất lượng tập thể tự đề nghị (mục “Đề nghị xếp loại” của báo cáo)")
        self.rating_label = QLabel("Đề nghị xếp loại:")
        # only the periods the report's kind takes (a quarterly form: a quarter or a month)
        self.period = PeriodPicker()
        self.period.setToolTip("Kỳ của báo cáo; trích yếu, phần mở đầu và câu kết thúc ghi kỳ cũ được đổi theo")
        title_form = QFormLayout()
        title_form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        title_form.addRow("Tên loại văn bản:", self.kind_name)
        title_form.addRow("Trích yếu:", self.subject)
        title_form.addRow("Kỳ báo cáo:", self.period)
        title_form.addRow(self.rating_label, self.rating)
        title_box = QGroupBox("Tên loại và trích yếu")
        title_box.setLayout(title_form)

        # --- closing block, side by side as printed ---
        self.recipients = RecipientsEditor()
        self.signer = SignerEditor()
        rec_box = QGroupBox("Nơi nhận")
        QVBoxLayout(rec_box).addWidget(self.recipients)
        sig_box = QGroupBox("Người ký")
        sl = QVBoxLayout(sig_box)
        sl.addWidget(self.signer)
        sl.addStretch(1)
        closing = QHBoxLayout()
        closing.addWidget(rec_box, 11)
        closing.addWidget(sig_box, 9)

        content = QWidget()
        cl = QVBoxLayout(content)
        cl.addWidget(header_box)
        cl.addWidget(title_box)
        cl.addLayout(closing)
        cl.addStretch(1)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setWidget(content)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        from .window_layout import stack_when_narrow   # a 1024-pixel screen: one column, no sideways scroll
        stack_when_narrow(self.scroll.viewport(), [hl, closing])

        outer = QVBoxLayout(self)
        outer.addLayout(top)
        outer.addWidget(paper)
        outer.addWidget(self.date_error)
        outer.addWidget(self.scroll, 1)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

        # every edit marks its field; the timer turns the burst into one command
        for key, w in (("parent_agency", self.parent_agency), ("issuing_agency", self.issuing_agency),
                       ("number", self.number), ("symbol", self.symbol), ("place", self.place)):
            w.textChanged.connect(lambda _t, k=key: self._touch(k))
        self.kind_name.editTextChanged.connect(lambda _t: self._touch("kind_name"))
        self.subject.textChanged.connect(lambda: self._touch("subject"))
        self.secrecy.currentIndexChanged.connect(lambda _i: self._touch("secrecy"))
        self.urgency.currentIndexChanged.connect(lambda _i: self._touch("urgency"))
        for w in (self.day, self.month):
            w.currentIndexChanged.connect(lambda _i: self._touch("date"))
        self.year.valueChanged.connect(lambda _v: self._touch("date"))
        self.recipients.edited.connect(lambda: self._touch("recipients"))
        self.signer.edited.connect(lambda: self._touch("signer"))
        self.rating.currentIndexChanged.connect(self._on_rating_chosen)
        self.period.changed.connect(self._on_period_chosen)

    # --- reading and showing fields --------------------------------------------------------------
    def _read(self, key: str) -> Any:
        """The typed value of one field, cleaned as it will be stored (InvalidDate for 31/02)."""
        if key == "date":
            return check_date(None if self.year.value() == NO_YEAR else self.year.value(),
                              self.month.currentData(), self.day.currentData())
        if key in ("number", "symbol"):
            return "".join(clean_text(getattr(self, key).text()).split())  # spec H5: no spaces
        if key == "kind_name":
            return one_line(self.kind_name.currentText())
        if key == "subject":
            return one_line(self.subject.toPlainText())
        if key in ("secrecy", "urgency"):
            return getattr(self, key).currentData()
        if key in ("signer", "recipients", "period"):
            return getattr(self, key).value()
        return one_line(getattr(self, key).text())

    def _show(self, key: str, value: Any) -> None:
        if key == "date":
            self.day.setCurrentIndex(max(0, self.day.findData(value.day)) if value.day else 0)
            self.month.setCurrentIndex(max(0, self.month.findData(value.month)) if value.month else 0)
            self.year.setValue(value.year or NO_YEAR)
        elif key == "kind_name":
            self.kind_name.setEditText(value)
        elif key == "subject":
            if self.subject.toPlainText() != value:
                self.subject.setPlainText(value)
        elif key in ("secrecy", "urgency"):
            combo: QComboBox = getattr(self, key)
            i = combo.findData(value)
            if i < 0:  # a mark typed elsewhere: keep it rather than drop it
                combo.addItem(value, value)
                i = combo.count() - 1
            combo.setCurrentIndex(i)
        elif key in ("signer", "recipients"):
            getattr(self, key).set_value(value)
        elif key == "period":
            kinds = self.ctx.service.kinds
            report = self.ctx.report()
            self.period.set_kind(kinds.get(report.kind_id) if report.kind_id in kinds else None)
            self.period.set_value(value, keep_other=True)   # stored before kinds said which they take
            self._shown_period = value
        else:
            w: QLineEdit = getattr(self, key)
            if w.text() != value:
                w.setText(value)

    def reload(self) -> None:
        """Show the stored report; fields with unsaved edits keep what was typed."""
        report = self.ctx.report()
        self._loading = True
        try:
            for key, value in frame_of(report).items():
                if key not in self._dirty:
                    self._show(key, value)
            self._show_rating(report)
        finally:
            self._loading = False
        self._update_preview()

    def _show_rating(self, report: Report) -> None:
        section = report.classification_section
        self._classification_id = section.id if section is not None else None
        self.rating_label.setVisible(section is not None)
        self.rating.setVisible(section is not None)
        if section is not None:
            loading, self._loading = self._loading, True
            try:
                self.rating.setCurrentIndex(max(0, self.rating.findData(section.rating)))
            finally:
                self._loading = loading

    # --- saving ----------------------------------------------------------------------------------
    def is_dirty(self) -> bool:
        return bool(self._dirty)

    def _touch(self, key: str) -> None:
        if self._loading:
            return
        self._dirty.add(key)
        if key == "date":
            self._date_warned = ""
        self._update_preview()
        self.autosave.mark_dirty()

    def flush(self) -> bool:
        """Save what is pending now. False (after telling the officer) when a field cannot be
        saved as typed; the typing stays in the form."""
        self.recipients.commit_editing()
        ok = self._save(EDIT_LABEL)
        if not ok and self._date_error != self._date_warned:
            self._date_warned = self._date_error  # once per refused date, not before every action
            messages.warn(self, self._date_error)
        return ok

    def _save_pending(self) -> None:
        self._save(EDIT_LABEL)

    def _save(self, label: str) -> bool:
        if not self._dirty:
            return True
        stored = frame_of(self.ctx.report())
        typed: dict[str, Any] = {}
        error = ""
        for key in self._dirty:
            try:
                typed[key] = self._read(key)
            except InvalidDate as exc:
                error = str(exc)
        changed = [k for k in FRAME_FIELDS if k in typed and typed[k] != stored[k]]
        self._set_date_error(error)
        if changed:
            service, report_id = self.ctx.service, self.ctx.report_id
            new = {k: typed[k] for k in changed}
            old = {k: stored[k] for k in changed}
            # the edit is refused when another program changed one of its fields meanwhile; its undo
            # (merged typing carries the first edit's values) writes back as before
            renamed: dict[str, Any] = {}   # the opening and closing a new period renamed, as they were

            def do() -> None:
                renamed.clear()
                renamed.update(write_frame(service, report_id, new, seen=old))
            with self.ctx.answering_clash(lambda _exc: None):   # asked in _after_clash, with the values
                self.ctx.run(label, do, lambda: service.update_frame(report_id, {**old, **renamed}), initiator=self,
                             merge_key=("meta", report_id, frozenset(changed)) if label == EDIT_LABEL else None)
            if self.ctx.last_failed:
                return False   # the database refused: every field stays pending, to be tried again
            if self.ctx.last_clash:   # another program changed one of them: the officer chooses
                self._after_clash(new, old)
                return False
            self.saved.emit()
        # an invalid date stays pending (and on screen); everything else is written now
        self._dirty = {"date"} if error else set()
        return not error

    def _after_clash(self, typed: dict[str, Any], seen: dict[str, Any]) -> None:
        """Another program changed fields being saved (the report was read again): the form shows
        what is stored, and the officer chooses whether the typed values stay — then they are shown
        again and written over the others at the next save, checked against them."""
        self._dirty = set()
        self.reload()
        theirs = frame_of(self.ctx.report())
        clashing = [k for k in typed if theirs[k] != seen[k] and theirs[k] != typed[k]] or \
            [k for k in typed if theirs[k] != typed[k]]
        if not clashing:
            return
        fields = [(_FIELD_NAMES.get(k, k), _as_text(k, theirs[k]), _as_text(k, typed[k])) for k in clashing]
        if not messages.keep_typed(self, "Thông tin văn bản", fields):
            return
        self._loading = True
        try:
            for key in typed:
                self._show(key, typed[key])
        finally:
            self._loading = False
        self._dirty = set(typed)
        self._update_preview()
        self.autosave.mark_dirty()

    def _unsaved(self) -> list[tuple[str, str]]:
        keys = [k for k in FRAME_FIELDS if k in self._dirty and k != "date" and k not in ("secrecy", "urgency")]
        out = []
        for key in keys:
            try:
                out.append((_FIELD_NAMES[key], _as_text(key, self._read(key))))
            except InvalidDate:
                continue
        return out

    def _set_date_error(self, text: str) -> None:
        self._date_error = text
        self.date_error.setText(text)
        self.date_error.setVisible(bool(text))

    # --- changes from elsewhere --------------------------------------------------------------------
    def _on_ctx_changed(self, changes: Changes, initiator: object) -> None:
        if changes.touches_meta():
            if initiator is self:
                self._update_preview()  # the form's own edit: the fields already show it
                return
            self.reload()
        elif changes.touches_outline() or (self._classification_id is not None
                                           and self._classification_id in changes.sections):
            # the classification is a section's rating: looked for again only when the outline
            # changed or that section was written, not at every save of typing (1,000 sections)
            self._show_rating(self.ctx.report())

    # --- period ------------------------------------------------------------------------------------
    def _on_period_chosen(self) -> None:
        """A new period, saved at once as its own undo step (a choice, not typing): the subject,
        when it names the period shown until now ("… năm 2026" on a quarterly form made for the
        year), names the new one in the same step."""
        old, new = self._shown_period, self.period.value()
        self.autosave.write()   # pending typing first, its own undo step
        self._shown_period = new
        subject = self.subject.toPlainText()
        renamed = renamed_period(subject, old, new) if old is not None and old != new else subject
        if renamed != subject:   # not "6 tháng đầu năm 2026" made "6 tháng đầu 6 tháng đầu năm 2026"
            self.subject.setPlainText(renamed)   # marks the subject too
        self._touch("period")
        self._save(f"Kỳ báo cáo: {new.label}")
        if self.ctx.last_failed:   # refused (the officer was told): the form shows what is stored
            self._dirty -= {"period", "subject"}
            self.reload()
            return
        self._show("period", self.ctx.report().period)   # a period the kind does not take is offered no more

    # --- classification ----------------------------------------------------------------------------
    def _on_rating_chosen(self, _index: int) -> None:
        if self._loading:
            return
        report = self.ctx.report()
        section = report.classification_section
        if section is None:
            return
        new, old = self.rating.currentData(), section.rating
        if new == old:
            return
        self.autosave.write()  # pending typing first, so each stays its own undo step
        service, section_id = self.ctx.service, section.id
        text = f"Đề nghị xếp loại: {new.label}" if new is not None else "Bỏ chọn đề nghị xếp loại"
        seen, done = copy.copy(section), copy.copy(section)   # as the officer saw it, and as the choice leaves it
        done.rating = new
        self.ctx.run(text, lambda: service.update_section(section_id, rating=new, before=seen),
                     lambda: service.update_section(section_id, rating=old, before=done))
        self._show_rating(self.ctx.report())  # a refused choice snaps back

    # --- unit profile --------------------------------------------------------------------------------
    def fill_from_unit(self) -> bool:
        """Take agency names, symbol, place, signer and recipients from the report's unit profile
        (one undoable step). Empty profile fields leave the document's as they are."""
        report = self.ctx.report()
        if report.unit_id is None:
            messages.warn(self, "Báo cáo này chưa gắn với đơn vị nào nên không có hồ sơ để lấy thông tin.")
            return False
        try:
            unit = self.ctx.service.get_unit(report.unit_id)
        except ServiceError as exc:
            messages.warn(self, str(exc))
            return False
        self.autosave.write()   # pending typing first, its own undo step
        values: dict[str, Any] = {}
        if unit.parent_agency.strip():
            values["parent_agency"] = unit.parent_agency
        if unit.issuing_agency.strip():
            values["issuing_agency"] = unit.issuing_agency
        if unit.place.strip():
            values["place"] = unit.place
        if unit.abbreviation.strip():
            current = self._read("symbol")
            kind_symbol = (self.ctx.service.kinds.get(report.kind_id).symbol
                           if report.kind_id in self.ctx.service.kinds else "BC")
            prefix = current.split("-", 1)[0] if current else kind_symbol
            values["symbol"] = f"{prefix}-{unit.abbreviation.strip()}"
        if not unit.signer.is_empty():
            values["signer"] = unit.signer
        if not unit.recipients.is_empty():
            values["recipients"] = unit.recipients
        if not values:
            messages.info(self, f"Hồ sơ đơn vị “{unit.name}” chưa có thông tin nào để lấy. "
                                "Hãy bổ sung hồ sơ đơn vị trước.")
            return False
        self._loading = True
        try:
            for key, value in values.items():
                self._show(key, value)
        finally:
            self._loading = False
        self._dirty |= set(values)
        self._save("Lấy thông tin theo hồ sơ đơn vị")
        if self.ctx.last_failed:   # not written (the officer was told): the form shows what is stored
            self._dirty -= set(values)
            self.reload()
            return False
        self._update_preview()
        return True

    # --- preview -------------------------------------------------------------------------------------
    def _update_preview(self) -> None:
        meta = DocumentMeta(number=self._read("number"), symbol=self._read("symbol"))
        from ..render.html import report_style            # "Số: 05/BC-VP", or the Party's "Số 05-BC/ĐU"
        from ..render.layout import number_line
        self.number_preview.setText(_blanks_to_html(number_line(meta, report_style(self.ctx.report()), _BLANK_MARK)))
        place = self._read("place")
        try:
            line = _blanks_to_html(self._read("date").place_line(place, _BLANK_MARK))
        except InvalidDate:
            # show what was chosen, in red, so the officer sees which date is wrong
            year = None if self.year.value() == NO_YEAR else self.year.value()
            words = DocDate(year, self.month.currentData()).place_line(place, _BLANK_MARK)
            words = words.replace(_BLANK_MARK, f"{self.day.currentData():02d}", 1)
            line = f"<span style='color:#b00020'>{_blanks_to_html(words)}</span>"
        self.date_preview.setText(f"<i>{line}</i>")


__all__ = ["DocumentMetaForm", "InvalidDate", "check_date", "frame_of"]
