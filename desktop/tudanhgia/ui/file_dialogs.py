"""Open and save dialogs that never open the files they list.

Qt's own file dialog (the one used on Linux) reads every file of the folder it shows to tell its
type. On Linux, closing any such read drops every POSIX lock the process holds on that file —
including those SQLite holds on the open database, its -wal and its -shm. Another program (the
command line, a second window) then believes the window has gone, checkpoints and deletes the
WAL the window is still writing into: saves vanish and the database ends corrupt (found by the
GUI tester after Tệp ▸ Mở cơ sở dữ liệu… was cancelled in the database's own folder). Here
types and icons come from the name alone. Windows keeps its native dialog: its locks belong to
the handle that took them, and another handle closing does not drop them.

Same arguments and results as QFileDialog.getOpenFileName / getSaveFileName."""
from __future__ import annotations

import sys

from PySide6.QtCore import QFileInfo
from PySide6.QtGui import QAbstractFileIconProvider, QIcon
from PySide6.QtWidgets import QFileDialog, QWidget


class NameOnlyIcons(QAbstractFileIconProvider):
    """A folder or a file icon, and a type read from the name's extension: no file is opened."""

    def icon(self, what) -> QIcon:   # type: ignore[override]
        if isinstance(what, QFileInfo):
            kinds = QAbstractFileIconProvider.IconType
            return super().icon(kinds.Folder if what.isDir() else kinds.File)
        return super().icon(what)

    def type(self, info: QFileInfo) -> str:
        if info.isDir():
            return "Thư mục"
        suffix = info.suffix()
        return f"Tệp {suffix.upper()}" if suffix else "Tệp"


_ICONS: NameOnlyIcons | None = None


def _dialog(parent: QWidget | None, caption: str, start: str, filters: str, save: bool) -> QFileDialog:
    global _ICONS
    if _ICONS is None:
        _ICONS = NameOnlyIcons()
    dialog = QFileDialog(parent, caption, start, filters)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave if save else QFileDialog.AcceptMode.AcceptOpen)
    dialog.setFileMode(QFileDialog.FileMode.AnyFile if save else QFileDialog.FileMode.ExistingFile)
    if sys.platform != "win32":
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)   # a native one may read files too
    dialog.setIconProvider(_ICONS)
    return dialog


def _run(dialog: QFileDialog) -> tuple[str, str]:
    try:
        if dialog.exec() and dialog.selectedFiles():
            return dialog.selectedFiles()[0], dialog.selectedNameFilter()
        return "", ""
    finally:
        dialog.deleteLater()


def open_file_name(parent: QWidget | None, caption: str, start: str, filters: str = "") -> tuple[str, str]:
    return _run(_dialog(parent, caption, start, filters, save=False))


def save_file_name(parent: QWidget | None, caption: str, start: str, filters: str = "") -> tuple[str, str]:
    return _run(_dialog(parent, caption, start, filters, save=True))
