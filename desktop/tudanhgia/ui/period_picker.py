"""A report's period chosen as officers name it — "Năm", "6 tháng đầu năm", "Quý I" … "Tháng 12" and
the year — offering only the lengths of period the report's kind takes (its `periods`), in the
kind's order. Used by "Tạo báo cáo mới" and by the document's form (Thông tin văn bản)."""
from __future__ import annotations

import datetime as _dt

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import QAbstractScrollArea, QApplication, QComboBox, QHBoxLayout, QLabel, QSpinBox, QWidget

from ..domain.period import GRANULARITIES, Period
from ..kinds.loader import Kind

# (label, half, quarter, month)
PERIOD_TYPES = (("Năm", None, None, None), ("6 tháng đầu năm", 1, None, None), ("6 tháng cuối năm", 2, None, None),
                ("Quý I", None, 1, None), ("Quý II", None, 2, None), ("Quý III", None, 3, None),
                ("Quý IV", None, 4, None), *((f"Tháng {m}", None, None, m) for m in range(1, 13)))
NOT_TAKEN = " (mẫu không dùng kỳ này)"


def type_index(period: Period) -> int:
    """The PERIOD_TYPES entry of `period`'s half, quarter or month."""
    return next(i for i, (_label, half, quarter, month) in enumerate(PERIOD_TYPES)
                if (half, quarter, month) == (period.half, period.quarter, period.month))


def _granularity(index: int) -> str:
    return Period(2000, *PERIOD_TYPES[index][1:]).granularity


class _WheelWhenFocused(QObject):
    """The wheel over the combo or the year chooses only once the officer clicked into it: scrolling
    the form past it must not pick another period (a choice is written at once and renames the
    subject). Unfocused, the wheel scrolls the page around it."""

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Wheel and isinstance(obj, QWidget) and not obj.hasFocus():
            scroller = obj.parentWidget()
            while scroller is not None and not isinstance(scroller, QAbstractScrollArea):
                scroller = scroller.parentWidget()
            if scroller is not None:
                QApplication.sendEvent(scroller.verticalScrollBar(), event)
            return True
        return False


class PeriodPicker(QWidget):
    """The length-and-part combo and the year; `changed` on the officer's choice (not on set_*)."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.type = QComboBox()
        self.type.setMinimumContentsLength(16)
        self.year = QSpinBox()
        self.year.setRange(1900, 2999)
        self.year.setValue(_dt.date.today().year)
        self._allowed: tuple[str, ...] = tuple(GRANULARITIES)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.type, 1)
        row.addWidget(QLabel("năm"))
        row.addWidget(self.year)
        self._loading = False
        self.set_kind(None)
        self.type.currentIndexChanged.connect(self._on_changed)
        self.year.valueChanged.connect(self._on_changed)
        self._wheel = _WheelWhenFocused(self)
        for field in (self.type, self.year):
            field.setFocusPolicy(Qt.FocusPolicy.StrongFocus)   # the wheel alone does not give it the keyboard
            field.installEventFilter(self._wheel)

    def _on_changed(self, *_args) -> None:
        if not self._loading:
            self.changed.emit()

    def set_kind(self, kind: Kind | None) -> None:
        """Offer the periods `kind` takes (None: every period). The choice stays when the kind
        takes it too, else the kind's first length at today's quarter, month or half-year."""
        current = self.type.currentData()
        self._allowed = kind.periods if kind is not None else tuple(GRANULARITIES)
        offered = sorted((i for i in range(len(PERIOD_TYPES)) if _granularity(i) in self._allowed),
                         key=lambda i: self._allowed.index(_granularity(i)))
        self._loading = True
        try:
            self.type.clear()
            for i in offered:
                self.type.addItem(PERIOD_TYPES[i][0], i)
            if current not in offered:
                current = type_index(Period.of(self._allowed[0], self.year.value(), _dt.date.today().month))
            self.type.setCurrentIndex(self.type.findData(current))
        finally:
            self._loading = False

    def value(self) -> Period:
        _label, half, quarter, month = PERIOD_TYPES[self.type.currentData()]
        return Period(self.year.value(), half=half, quarter=quarter, month=month)

    def set_value(self, period: Period, keep_other: bool = False) -> bool:
        """Show `period`. One the kind does not take: False and nothing changed, or with
        `keep_other` (a report stored so) shown as it is, marked, until another is chosen."""
        index = type_index(period)
        found = self.type.findData(index)
        if found < 0:
            if not keep_other:
                return False
            self.type.addItem(PERIOD_TYPES[index][0] + NOT_TAKEN, index)
            found = self.type.count() - 1
        self._loading = True
        try:
            self.year.setValue(period.year)
            self.type.setCurrentIndex(found)
        finally:
            self._loading = False
        return True


__all__ = ["NOT_TAKEN", "PERIOD_TYPES", "PeriodPicker", "type_index"]
