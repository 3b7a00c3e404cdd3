"""Help ▸ Giới thiệu: version, where the data and logs are, and the bundled components' licences."""
from __future__ import annotations

import platform
from pathlib import Path

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import Qt, QUrl, qVersion
from PySide6.QtGui import QDesktopServices, QFontDatabase
from PySide6.QtWidgets import (QApplication, QDialog, QDialogButtonBox, QGridLayout, QHBoxLayout, QLabel,
                               QListWidget, QListWidgetItem, QPlainTextEdit, QPushButton, QSplitter, QTabWidget,
                               QVBoxLayout, QWidget)

from .. import APP_NAME, __version__
from ..about_info import DESCRIPTION, Component, components
from ..paths import AppPaths
from .window_layout import fit_size


def _selectable(text: str) -> QLabel:
    label = QLabel(text)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setWordWrap(True)
    return label


class AboutDialog(QDialog):
    def __init__(self, paths: AppPaths, db_path: Path, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(f"Giới thiệu {APP_NAME}")
        fit_size(self, 940, 600)
        self.tabs = QTabWidget()
        self.tabs.addTab(self._general(paths, Path(db_path)), "Giới thiệu")
        self.tabs.addTab(self._licences(), "Giấy phép")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        buttons.button(QDialogButtonBox.StandardButton.Close).setDefault(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(buttons)
        buttons.button(QDialogButtonBox.StandardButton.Close).setFocus()  # not a folder button: Enter closes

    # --- first tab -------------------------------------------------------------------------------------
    def _general(self, paths: AppPaths, db_path: Path) -> QWidget:
        page = QWidget()
        icon = QLabel()
        icon.setPixmap(QApplication.windowIcon().pixmap(96, 96))
        icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.title_label = QLabel(f"<h1 style='margin:0'>{APP_NAME}</h1>")
        self.version_label = QLabel(f"Phiên bản {__version__}")
        description = QLabel(DESCRIPTION.replace("/", "/\u2060"))  # word joiner: "30/2020/NĐ-CP" stays whole
        description.setWordWrap(True)
        head = QVBoxLayout()
        head.addWidget(self.title_label)
        head.addWidget(self.version_label)
        head.addSpacing(4)
        head.addWidget(description)
        head.addStretch(1)
        top = QHBoxLayout()
        top.addWidget(icon)
        top.addSpacing(12)
        top.addLayout(head, 1)

        grid = QGridLayout()
        grid.setColumnStretch(1, 1)
        self.folder_buttons: dict[str, QPushButton] = {}
        self.path_labels: dict[str, QLabel] = {}
        rows = (("data", "Thư mục dữ liệu:", paths.data_dir, paths.data_dir),
                ("database", "Cơ sở dữ liệu đang mở:", db_path, db_path.parent),
                ("logs", "Thư mục nhật ký:", paths.log_dir, paths.log_dir))
        for row, (key, caption, shown, folder) in enumerate(rows):
            label = _selectable(str(shown))
            button = QPushButton("Mở thư mục")
            button.setToolTip(str(folder))
            button.clicked.connect(lambda _checked=False, f=folder: self.open_folder(f))
            grid.addWidget(QLabel(caption), row, 0)
            grid.addWidget(label, row, 1)
            grid.addWidget(button, row, 2)
            self.path_labels[key] = label
            self.folder_buttons[key] = button
        versions = _selectable(f"Python {platform.python_version()} · Qt {qVersion()} · PySide6 {pyside_version} · "
                               f"{platform.system()} {platform.release()} ({platform.machine()})")
        grid.addWidget(QLabel("Môi trường chạy:"), len(rows), 0)
        grid.addWidget(versions, len(rows), 1, 1, 2)

        layout = QVBoxLayout(page)
        layout.addLayout(top)
        layout.addSpacing(16)
        layout.addLayout(grid)
        layout.addSpacing(16)
        layout.addWidget(QLabel("Các thành phần mã nguồn mở đi kèm chương trình và giấy phép của chúng: "
                                "xem thẻ “Giấy phép”."))
        layout.addStretch(1)
        return page

    def open_folder(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)  # the log folder appears only with the first entry
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))

    # --- licences --------------------------------------------------------------------------------------
    def _licences(self) -> QWidget:
        page = QWidget()
        self.components: list[Component] = components()
        self.component_list = QListWidget()
        self.component_list.setWordWrap(True)  # PySide6's licence expression is long
        self.component_list.setSpacing(2)
        self.component_list.setAlternatingRowColors(True)
        self.component_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        for c in self.components:
            item = QListWidgetItem(f"{c.name}\n{c.version or '(không rõ phiên bản)'} · {c.licence_label}")
            item.setToolTip(c.licence_label)
            self.component_list.addItem(item)
        self.licence_text = QPlainTextEdit()
        self.licence_text.setReadOnly(True)
        self.licence_text.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        # licence files are wrapped by their authors: wrapping again breaks every line in two
        self.licence_text.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.component_list.currentRowChanged.connect(self._show_licence)
        splitter = QSplitter()
        splitter.addWidget(self.component_list)
        splitter.addWidget(self.licence_text)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([270, 640])
        layout = QVBoxLayout(page)
        layout.addWidget(QLabel("Chọn một thành phần để xem toàn văn giấy phép:"))
        layout.addWidget(splitter, 1)
        self.component_list.setCurrentRow(0)
        return page

    def _show_licence(self, row: int) -> None:
        self.licence_text.setPlainText(self.components[row].full_text() if 0 <= row < len(self.components) else "")
