"""Trợ giúp ▸ Hướng dẫn sử dụng: the Vietnamese guide shipped in resources/guide/, shown in a
window of our own (QTextBrowser): no browser, no network. Links inside the guide move within it;
a link to anything else is not followed (the guide has none; a changed file must not reach out)."""
from __future__ import annotations

from PySide6.QtCore import QUrl
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from ..paths import resources_dir
from .window_layout import fit_size


def guide_file():
    return resources_dir() / "guide" / "index.html"


class GuideWindow(QDialog):
    """Non-modal: the officer reads the guide beside the report."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Hướng dẫn sử dụng")
        self.browser = QTextBrowser()
        self.browser.setOpenExternalLinks(False)
        self.browser.setOpenLinks(False)        # every click goes through _follow
        self.browser.anchorClicked.connect(self._follow)
        path = guide_file()
        if path.is_file():
            self.browser.setSource(QUrl.fromLocalFile(str(path)))
        else:   # a damaged installation: say where the guide should be, never a blank window
            self.browser.setPlainText(f"Không tìm thấy tệp hướng dẫn: {path}\n"
                                      "Hãy cài lại chương trình để có lại tệp này.")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser, 1)
        layout.addWidget(buttons)
        QShortcut(QKeySequence("Alt+Left"), self, self.browser.backward)
        fit_size(self, 860, 680)

    def _follow(self, url: QUrl) -> None:
        here = self.browser.source()
        if url.isRelative() or (url.isLocalFile() and url.adjusted(QUrl.UrlFormattingOption.RemoveFragment)
                                == here.adjusted(QUrl.UrlFormattingOption.RemoveFragment)):
            if url.hasFragment():
                self.browser.scrollToAnchor(url.fragment())
            return
        # anything else (a web address, another file): not opened


def show_guide(parent: QWidget) -> GuideWindow:
    """The guide's window, one per main window, raised when already open."""
    window = getattr(parent, "_guide_window", None)
    if window is None:
        window = GuideWindow(parent)
        parent._guide_window = window
    window.show()
    window.raise_()
    window.activateWindow()
    return window
