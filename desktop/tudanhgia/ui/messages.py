"""Every message box the application shows goes through here (tests replace these functions)."""
from __future__ import annotations

from PySide6.QtWidgets import QWidget

from .. import APP_NAME


def warn(parent: QWidget | None, text: str) -> None:
    from PySide6.QtWidgets import QMessageBox   # at the first message, not before the window's first paint
    QMessageBox.warning(parent, APP_NAME, text)


def error(parent: QWidget | None, text: str) -> None:
    from PySide6.QtWidgets import QMessageBox
    QMessageBox.critical(parent, APP_NAME, text)


def info(parent: QWidget | None, text: str) -> None:
    from PySide6.QtWidgets import QMessageBox
    QMessageBox.information(parent, APP_NAME, text)


def confirm(parent: QWidget | None, text: str, yes: str = "Đồng ý", no: str = "Hủy") -> bool:
    """Ask; True when the officer chose `yes`. The safe answer is the default."""
    from PySide6.QtWidgets import QMessageBox
    box = QMessageBox(QMessageBox.Icon.Question, APP_NAME, text, parent=parent)
    yes_button = box.addButton(yes, QMessageBox.ButtonRole.AcceptRole)
    no_button = box.addButton(no, QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(no_button)
    box.exec()
    return box.clickedButton() is yes_button


def choose(parent: QWidget | None, text: str, options: list[str], cancel: str = "Quay lại") -> int | None:
    """Ask with several answers; the index of the chosen option, None for `cancel` (the default)."""
    from PySide6.QtWidgets import QMessageBox
    box = QMessageBox(QMessageBox.Icon.Warning, APP_NAME, text, parent=parent)
    buttons = [box.addButton(option, QMessageBox.ButtonRole.ActionRole) for option in options]
    back = box.addButton(cancel, QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(back)
    box.setEscapeButton(back)
    box.exec()
    clicked = box.clickedButton()
    return buttons.index(clicked) if clicked in buttons else None


def keep_typed(parent: QWidget | None, what: str, fields: list[tuple[str, str, str]]) -> bool:
    """Another program changed `what` since the window showed it, and the officer's typing was not
    written over it. `fields`: (name, the other program's value, the officer's). True when the
    officer's values are to stay (and be written): the default, and what Escape answers, so that
    closing the question never drops what was typed."""
    lines = "\n".join(f"• {name} — ở nơi khác: “{theirs}”; bạn vừa nhập: “{mine}”" for name, theirs, mine in fields)
    choice = choose(parent, f"{what} vừa được thay đổi ở nơi khác (lệnh nhập Excel, một cửa sổ hoặc một máy khác "
                            "đang mở cùng tệp dữ liệu) sau khi được hiển thị ở đây. Giá trị bạn vừa nhập chưa được "
                            "ghi để không đè lên thay đổi kia:\n\n" + lines + "\n\nGiữ giá trị bạn vừa nhập (ghi đè "
                            "giá trị ở nơi khác), hay lấy giá trị ở nơi khác?",
                    ["Lấy giá trị ở nơi khác"], cancel="Giữ giá trị bạn vừa nhập")
    return choice is None
