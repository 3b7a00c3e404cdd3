"""Issue 13 point 9 (part): Trợ giúp ▸ Hướng dẫn sử dụng (F1) opens the Vietnamese guide shipped
in resources/guide/, in the program's own window, offline; what the guide names exists."""
import re
from pathlib import Path

import pytest

from PySide6.QtCore import QUrl, Qt
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication

from tudanhgia.ui.guide import GuideWindow
from test_main_window import make_window

ROOT = Path(__file__).resolve().parents[2]
GUIDE = ROOT / "resources" / "guide" / "index.html"


def guide_of(w):
    return next((x for x in w.findChildren(GuideWindow) if x.isVisible()), None)


def menu_actions(w) -> dict[str, dict[str, object]]:
    out = {}
    for menu_action in w.menuBar().actions():
        title = menu_action.text().replace("&", "")
        out[title] = {a.text().replace("&", ""): a for a in menu_action.menu().actions() if a.text()}
    return out


@pytest.mark.qt_log_ignore("This plugin does not support raise")   # offscreen: raise_() is a no-op
def test_point9_f1_opens_the_guide_in_our_own_window(qtbot, sample_service, tmp_path, monkeypatch):
    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    w = make_window(qtbot, sample_service, tmp_path)
    assert menu_actions(w)["Trợ giúp"]["Hướng dẫn sử dụng"].shortcut().toString() == "F1"
    assert guide_of(w) is None
    w.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is w)
    qtbot.keyClick(QApplication.focusWidget() or w, Qt.Key.Key_F1)
    guide = guide_of(w)
    assert guide is not None and guide.windowTitle() == "Hướng dẫn sử dụng"
    text = guide.browser.toPlainText()
    for heading in ("Danh sách báo cáo", "Tạo báo cáo mới", "Soạn nội dung và tự đánh giá",
                    "Hạn chế, khuyết điểm và biện pháp", "Kế hoạch khắc phục và báo cáo kỳ sau",
                    "Kiểm tra, xem trước, in và xuất tệp", "Lưu, sao lưu và khôi phục", "Dữ liệu nằm ở đâu"):
        assert heading in text
    # a link of the table of contents moves within the guide; nothing goes to a browser
    bar = guide.browser.verticalScrollBar()
    assert bar.value() == 0
    guide.browser.anchorClicked.emit(QUrl("#du-lieu"))
    assert bar.value() > 0
    guide.browser.anchorClicked.emit(QUrl("https://example.com/"))
    assert guide.browser.source().isLocalFile() and opened == []
    # F1 again: the same window, not a second one
    w.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is w)
    qtbot.keyClick(QApplication.focusWidget() or w, Qt.Key.Key_F1)
    assert list(w.findChildren(GuideWindow)) == [guide]


def test_point9_the_menus_and_keys_the_guide_names_exist(qtbot, sample_service, tmp_path):
    html = GUIDE.read_text(encoding="utf-8")
    w = make_window(qtbot, sample_service, tmp_path)
    menus = menu_actions(w)
    named = re.findall(r"<b>(Tệp|Sửa|Mục|Công cụ|Trợ giúp) ▸ ([^<]+)</b>", html)
    assert len(named) >= 6
    for menu, item in named:
        assert item in menus[menu], f"{menu} ▸ {item}"
    every = {text.rstrip("…"): a for items in menus.values() for text, a in items.items()}
    checked = []
    for key, what in re.findall(r'<tr><td><span class="key">([^<]+)</span></td><td>([^<]+)</td></tr>', html):
        what = what.split(" (")[0]
        if what in every:   # the section commands ("Thêm mục") are in the Mục menu only while editing
            assert every[what].shortcut().toString() == key, what
            checked.append(what)
    assert {"Hướng dẫn sử dụng", "Báo cáo mới", "Danh sách báo cáo", "Lưu ngay", "Kiểm tra trước khi in",
            "Bảng theo dõi biện pháp", "Xem trước", "In", "Xuất DOCX"} <= set(checked)


def test_point9_the_guide_is_shipped_and_offline():
    html = GUIDE.read_text(encoding="utf-8")
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:|//)""", html)   # nothing fetched or linked outside
    for anchor in re.findall(r'href="#([^"]+)"', html):
        assert f'name="{anchor}"' in html
    spec = (ROOT / "build" / "spec" / "tudanhgia.spec").read_text(encoding="utf-8")
    # the bundle carries every folder of resources/ (the guide among them), or names the guide
    every_folder = 'for folder in sorted(p.name for p in (ROOT / "resources").iterdir() if p.is_dir())' in spec
    assert every_folder or re.search(r'for folder in \([^)]*"guide"', spec)


def test_point9_a_missing_guide_file_says_so(qtbot, monkeypatch, tmp_path):
    monkeypatch.setenv("TUDANHGIA_RESOURCES", str(tmp_path))
    QApplication.instance() or QApplication([])
    g = GuideWindow()
    qtbot.addWidget(g)
    assert g.browser.toPlainText().startswith("Không tìm thấy tệp hướng dẫn:")
