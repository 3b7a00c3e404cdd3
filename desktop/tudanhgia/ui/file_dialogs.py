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

from PySide6.QtCore import QDateTime, QFileInfo, QLocale
from PySide6.QtGui import QAbstractFileIconProvider, QGuiApplication, QIcon
from PySide6.QtWidgets import QFileDialog, QTreeView, QWidget


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
        return type_name(info.suffix())


# extensions written as their owners write them; the rest are initials (DOCX, XLSX, PDF) in capitals
_SPELLED = {"sqlite": "SQLite", "sqlite3": "SQLite3"}


def type_name(suffix: str) -> str:
    """The type column's text for a file name's last extension: "Tệp SQLite", "Tệp DOCX", and for
    the database's companions "Tệp SQLite-WAL"."""
    if not suffix:
        return "Tệp"
    return "Tệp " + "-".join(_SPELLED.get(part.lower(), part.upper()) for part in suffix.split("-"))


_ICONS: NameOnlyIcons | None = None
# what the detail columns show at their widest: a size, our type names, a date and time
SIZE_SAMPLE = "1.023,99 KiB"
TYPE_SAMPLES = ("Thư mục", type_name("sqlite-shm"))   # the database's companions, in its folder
CELL_PADDING = 24   # the view's text margins and a little air, in px
NAME_MIN = 240      # the name column keeps room for a report's file name


def _fit_details(dialog: QFileDialog, parent: QWidget | None) -> None:
    """Qt's own dialog sizes its detail columns for English ("128.88 GB", "10/29/81 02:02PM") and
    opens small: Vietnamese headers, sizes and dates were cut ("Kích thướ", "42....KiB"). Each
    column gets the width of its header and of its widest value, and the dialog the width to show
    them beside a readable name column (within the screen)."""
    view = dialog.findChild(QTreeView, "treeView")
    if view is None:
        return
    header, metrics = view.header(), view.fontMetrics()
    model = header.model()
    date = QLocale().toString(QDateTime.currentDateTime(), QLocale.FormatType.ShortFormat)
    samples = {1: (SIZE_SAMPLE,), 2: TYPE_SAMPLES, 3: (date,)}
    for column, values in samples.items():
        label = str(model.headerData(column, header.orientation()) or "") if model is not None else ""
        widest = max(metrics.horizontalAdvance(text) for text in (label, *values))
        header.resizeSection(column, widest + CELL_PADDING)
    header.resizeSection(0, max(header.sectionSize(0), NAME_MIN))
    columns = sum(header.sectionSize(c) for c in range(4))
    sidebar = dialog.findChild(QWidget, "sidebar")
    chrome = (sidebar.sizeHint().width() if sidebar is not None else 150) + 80   # the sidebar, margins, scroll bar
    screen = (parent.screen() if parent is not None else None) or QGuiApplication.primaryScreen()
    width = max(dialog.sizeHint().width(), columns + chrome)
    height = max(dialog.sizeHint().height(), 480)
    if screen is not None:
        room = screen.availableGeometry()
        width, height = min(width, int(room.width() * 0.95)), min(height, int(room.height() * 0.9))
    dialog.resize(width, height)


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
    if dialog.testOption(QFileDialog.Option.DontUseNativeDialog):
        _fit_details(dialog, parent)
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
