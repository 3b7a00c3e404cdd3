"""Every message box the application shows goes through here (tests replace these functions)."""
from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from .. import APP_NAME


def warn(parent: QWidget | None, text: str) -> None:
    QMessageBox.warning(parent, APP_NAME, text)


def error(parent: QWidget | None, text: str) -> None:
    QMessageBox.critical(parent, APP_NAME, text)


def info(parent: QWidget | None, text: str) -> None:
    QMessageBox.information(parent, APP_NAME, text)


def confirm(parent: QWidget | None, text: str, yes: str = "Đồng ý", no: str = "Hủy") -> bool:
    """Ask; True when the officer chose `yes`. The safe answer is the default."""
    box = QMessageBox(QMessageBox.Icon.Question, APP_NAME, text, parent=parent)
    yes_button = box.addButton(yes, QMessageBox.ButtonRole.AcceptRole)
    no_button = box.addButton(no, QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(no_button)
    box.exec()
    return box.clickedButton() is yes_button


def choose(parent: QWidget | None, text: str, options: list[str], cancel: str = "Quay lại") -> int | None:
    """Ask with several answers; the index of the chosen option, None for `cancel` (the default)."""
    box = QMessageBox(QMessageBox.Icon.Warning, APP_NAME, text, parent=parent)
    buttons = [box.addButton(option, QMessageBox.ButtonRole.ActionRole) for option in options]
    back = box.addButton(cancel, QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(back)
    box.setEscapeButton(back)
    box.exec()
    clicked = box.clickedButton()
    return buttons.index(clicked) if clicked in buttons else None
