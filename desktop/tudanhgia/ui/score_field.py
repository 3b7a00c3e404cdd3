"""The self-assessed score as an officer types it: "7,5" or "7.5" whatever the computer's locale,
shown as "7,5"; a value above the item's maximum (or not a number) is refused with a visible
message, and what was typed stays in the field to be corrected (never dropped or cut)."""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QLineEdit, QWidget

from ..domain.numbers import ScoreReading, number_text, read_score

STEP = 0.5   # ↑/↓ in the field: half a point, as the checklists score
PROBLEM_STYLE = "QLineEdit { border: 2px solid #c62828; background: #fff5f5; }"


class ScoreField(QLineEdit):
    """A score's text field (its message is a `ScoreProblem` label beside it). `typed` is
    emitted on each keystroke with what the text now says; `value()` is the last score taken."""

    typed = Signal(object)   # ScoreReading

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setPlaceholderText("chưa chấm")
        self.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.setMaximumWidth(self.fontMetrics().horizontalAdvance("chưa chấm") * 2)
        self._maximum: float | None = None
        self._value: float | None = None
        self.textEdited.connect(self._on_edited)

    # --- what the field holds ------------------------------------------------------------------
    def maximum(self) -> float | None:
        return self._maximum

    def set_maximum(self, maximum: float | None) -> None:
        self._maximum = maximum
        self.setToolTip(f"Điểm tự chấm, tối đa {number_text(maximum)}; gõ 7,5 hoặc 7.5; ↑/↓ tăng, giảm "
                        f"{number_text(STEP)} điểm" if maximum is not None else "Điểm tự chấm")

    def value(self) -> float | None:
        """The last score taken (shown, or typed and valid)."""
        return self._value

    def set_value(self, value: float | None) -> None:
        """Show a stored score (not a keystroke: `typed` is not emitted)."""
        self._value = value
        self.setText(number_text(value))
        self._mark(ScoreReading(value))

    def reading(self) -> ScoreReading:
        return read_score(self.text(), self._maximum)

    # --- typing --------------------------------------------------------------------------------
    def _on_edited(self, _text: str) -> None:
        reading = self.reading()
        if not reading.problem:
            self._value = reading.value
        self._mark(reading)
        self.typed.emit(reading)

    def _mark(self, reading: ScoreReading) -> None:
        self.setStyleSheet(PROBLEM_STYLE if reading.problem else "")

    def keyPressEvent(self, event) -> None:
        step = {Qt.Key.Key_Up: STEP, Qt.Key.Key_Down: -STEP}.get(event.key())
        if step is None or self.isReadOnly():
            super().keyPressEvent(event)
            return
        reading = self.reading()
        start = reading.value if not reading.problem and reading.value is not None else (self._value or 0.0)
        new = max(start + step, 0.0)
        if self._maximum is not None:
            new = min(new, self._maximum)
        self.setText(number_text(new))
        self._on_edited(self.text())   # as typed: the same path as a keystroke


class ScoreProblem(QLabel):
    """The message under a refused score, for as long as the text is refused."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setStyleSheet("QLabel { color: #b71c1c; }")
        self.hide()

    def show_reading(self, reading: ScoreReading) -> None:
        self.setText(reading.problem)
        self.setVisible(bool(reading.problem))
