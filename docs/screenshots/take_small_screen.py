"""Screenshots of a real window on a small and a large screen (issue 13 point 7), under Xvfb:

    xvfb-run -a -s "-screen 0 1024x600x24" .venv/bin/python docs/screenshots/take_small_screen.py 1024x600
    xvfb-run -a -s "-screen 0 1600x1000x24" .venv/bin/python docs/screenshots/take_small_screen.py 1600x1000

(a small laptop at 125 % is the same 1024×600 in Qt's units: -screen 0 1280x750x24 and QT_SCALE_FACTOR=1.25).
The window is used as an officer uses it, with the X server's own mouse (xdotool): a report opened by
a double-click on the start page's list, a section clicked in the outline, the measures' tab and a
limitation clicked. Uses a copy of the sample database; writes section-page-WxH.png,
score-refused-WxH.png and measures-table-WxH.png here (the whole screen, so anything running off it
shows)."""
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(ROOT / "desktop"))

from PySide6.QtCore import QPoint, QSettings, QTimer  # noqa: E402

from tudanhgia.services import ReportService  # noqa: E402
from tudanhgia.ui.app import fit_screen, make_application  # noqa: E402
from tudanhgia.ui.main_window import MainWindow  # noqa: E402

size = sys.argv[1] if len(sys.argv) > 1 else "1024x600"
out = Path(sys.argv[2]) if len(sys.argv) > 2 else HERE
tmp = Path(tempfile.mkdtemp())
shutil.copy(ROOT / "sample_db" / "sample.sqlite", tmp / "sample.sqlite")
app = make_application()
service = ReportService.open(tmp / "sample.sqlite", create=False)
window = MainWindow(service, settings=QSettings(str(tmp / "ui.ini"), QSettings.Format.IniFormat))
window.setGeometry(app.primaryScreen().availableGeometry())
fit_screen(window)   # as the application's start does
window.show()


def shot(name: str) -> None:
    app.processEvents()
    subprocess.run(["import", "-window", "root", str(out / f"{name}-{size}.png")], check=True)


def click(widget, at: QPoint, double: bool = False) -> None:
    """The X server's mouse: moved onto `at` (the widget's coordinates), one or two clicks."""
    ratio = widget.devicePixelRatioF()
    spot = widget.mapToGlobal(at)
    subprocess.run(["xdotool", "mousemove", str(round(spot.x() * ratio)), str(round(spot.y() * ratio)), "click",
                    "--repeat", "2" if double else "1", "--delay", "120", "1"], check=True)


def then(ms: int, step) -> None:
    QTimer.singleShot(ms, step)


def open_by_double_click(report_id: int, after) -> None:
    start = window.start
    window.show_start()
    index = start.model.index(start.model.row_of(report_id), 0)
    start.reports.scrollTo(index)
    click(start.reports.viewport(), start.reports.visualRect(index).center(), double=True)

    def wait() -> None:
        opened = window.ctx is not None and window.ctx.report_id == report_id
        if opened and window.stack.currentWidget() is window.editor:
            then(300, after)
        else:
            then(50, wait)
    then(50, wait)


def section_page():
    open_by_double_click(1, section)


def section():
    e = window.editor
    item = e._items[service.get_report(1).find(key="uu-diem.3").id]
    e.tree.scrollToItem(item)
    click(e.tree.viewport(), e.tree.visualItemRect(item).center())
    then(600, lambda: (shot("section-page"), scored()))


def scored():
    unit = service.list_units()[0]
    report = service.create_report("van-hoa", "2025", unit.id)
    window.open_report(report.id)
    first = next(s for s in report.walk() if s.is_scored)
    window.editor.select(first.id)
    page = window.editor.page
    page.score.setFocus()
    page.score.setText("12")
    page.score.textEdited.emit("12")   # as typed: refused, the message under it
    then(500, lambda: (shot("score-refused"), measures()))


def measures():
    open_by_double_click(2, measures_tab)


def measures_tab():
    tabs = window.editor.tabs
    bar = tabs.tabBar()
    click(bar, bar.tabRect(tabs.indexOf(window.editor.panels["limitations"])).center())
    then(300, limitation)


def limitation():
    panel = window.editor.panels["limitations"]
    report = service.get_report(2)
    lim = max(report.limitations, key=lambda x: len(x.measures))
    item = panel.list.item([x.id for x in report.limitations].index(lim.id))
    panel.list.scrollToItem(item)
    click(panel.list.viewport(), panel.list.visualItemRect(item).center())
    then(700, lambda: (shot("measures-table"), window.close(), app.quit()))


then(800, section_page)
app.exec()
shutil.rmtree(tmp, ignore_errors=True)
