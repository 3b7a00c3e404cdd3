"""Help ▸ Giới thiệu: version, folders with "Mở thư mục", and the licences of the bundled components."""
import importlib.metadata

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from tudanhgia import __version__
from tudanhgia.paths import AppPaths
from tudanhgia.ui.about import AboutDialog
from tudanhgia.ui.app import make_application
from tudanhgia.ui.main_window import MainWindow


@pytest.fixture
def about(qtbot, sample_service, tmp_path, monkeypatch):
    """Help ▸ Giới thiệu clicked in a window on the sample; the dialog as it was shown."""
    make_application()
    paths = AppPaths.default().ensure()
    window = MainWindow(sample_service, paths, QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    window.show()
    shown = []

    def exec_(self):
        shown.append(self)
        qtbot.addWidget(self)
        self.show()
        return 0
    monkeypatch.setattr(AboutDialog, "exec", exec_)
    help_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "Trợ &giúp")
    assert window.act_about in help_menu.actions() and window.act_about.text() == "Giới thiệu"
    window.act_about.trigger()
    assert len(shown) == 1
    return shown[0], window, paths


def click_component(qtbot, dialog, name_start: str) -> str:
    lst = dialog.component_list
    row = next(i for i in range(lst.count()) if lst.item(i).text().startswith(name_start))
    lst.scrollToItem(lst.item(row))
    qtbot.mouseClick(lst.viewport(), Qt.MouseButton.LeftButton, pos=lst.visualItemRect(lst.item(row)).center())
    assert lst.currentRow() == row
    return dialog.licence_text.toPlainText()


def test_about_shows_version_folders_and_opens_them(qtbot, about, monkeypatch):
    dialog, window, paths = about
    assert __version__ in dialog.version_label.text() and "Tự Đánh Giá" in dialog.title_label.text()
    assert dialog.path_labels["data"].text() == str(paths.data_dir)
    assert dialog.path_labels["database"].text() == str(window.db_path)
    assert dialog.path_labels["logs"].text() == str(paths.log_dir)
    opened = []
    monkeypatch.setattr("tudanhgia.ui.about.QDesktopServices.openUrl", lambda url: opened.append(url.toLocalFile()))
    qtbot.mouseClick(dialog.folder_buttons["data"], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.folder_buttons["database"], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.folder_buttons["logs"], Qt.MouseButton.LeftButton)
    assert opened == [str(paths.data_dir), str(window.db_path.parent), str(paths.log_dir)]
    title = window.windowTitle()
    assert window.db_path.name in title
    # Qt appends the display name to a title that does not end with it ("… - Tự Đánh Giá" twice)
    assert title.endswith(QApplication.applicationDisplayName()) and title.count("Tự Đánh Giá") == 1
    assert window.version_label.text() == f"Phiên bản {__version__}" and window.version_label.isVisible()
    close = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Close)
    qtbot.mouseClick(close, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()


def test_licence_tab_lists_components_and_shows_their_own_texts(qtbot, about):
    dialog = about[0]
    bar = dialog.tabs.tabBar()
    assert bar.tabText(1) == "Giấy phép"
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(1).center())
    assert dialog.tabs.currentIndex() == 1
    listed = [dialog.component_list.item(i).text() for i in range(dialog.component_list.count())]
    for name in ("PySide6", "shiboken6", "SQLAlchemy", "Alembic", "Mako", "MarkupSafe", "python-docx", "lxml",
                 "openpyxl", "et_xmlfile", "platformdirs", "typing_extensions", "Python"):
        assert any(line.startswith(name) for line in listed), name
    sqla = click_component(qtbot, dialog, "SQLAlchemy")
    assert importlib.metadata.version("SQLAlchemy") in sqla and "Giấy phép: MIT" in sqla
    assert "Permission is hereby granted, free of charge" in sqla
    pyside = click_component(qtbot, dialog, "PySide6")
    assert "GNU LESSER GENERAL PUBLIC LICENSE" in pyside and "Version 3, 29 June 2007" in pyside
    lxml = click_component(qtbot, dialog, "lxml")
    assert "BSD-3-Clause" in lxml and "Không tìm thấy" not in lxml
