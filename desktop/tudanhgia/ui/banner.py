"""A bar across the top of the window that stays until its cause is gone: a database opened
read-only, or typing that could not be written yet. Not a dialog: the officer keeps working
(or reading) while it says what is true now."""
from __future__ import annotations

from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

STYLES = {
    "warning": "QFrame#banner { background: #fff3cd; border: 1px solid #e0b84c; }"
               " QFrame#banner QLabel { color: #4d3800; }",
    "error": "QFrame#banner { background: #fdecea; border: 1px solid #d9534f; }"
             " QFrame#banner QLabel { color: #7a1410; }",
}


class Banner(QFrame):
    """One message with optional buttons; hidden while it has no text."""

    def __init__(self, kind: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("banner")
        self.setStyleSheet(STYLES[kind])
        self.label = QLabel(wordWrap=True)
        # Qt.TextFormat.PlainText and Qt.TextInteractionFlag.TextSelectableByMouse, by value: the window
        # shows a banner before its first paint, which builds no enum of the Qt namespace (~18 ms)
        self.label.setProperty("textFormat", 0)
        self.label.setProperty("textInteractionFlags", 1)
        font = self.label.font()
        font.setBold(True)
        self.label.setFont(font)
        self._layout = QHBoxLayout(self)
        self._layout.setContentsMargins(10, 6, 10, 6)
        self._layout.addWidget(self.label, 1)
        self.setVisible(False)

    def add_button(self, text: str, tip: str, slot) -> QPushButton:
        button = QPushButton(text)
        button.setToolTip(tip)
        button.clicked.connect(lambda _checked=False: slot())
        self._layout.addWidget(button)
        return button

    def text(self) -> str:
        return "" if self.isHidden() else self.label.text()

    def show_text(self, text: str) -> None:
        self.label.setText(text)
        self.setVisible(bool(text))
