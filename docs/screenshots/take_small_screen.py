"""Screenshots of a real window on a small and a large screen (issue 13 point 7), under Xvfb:

    xvfb-run -a -s "-screen 0 1280x750x24" env QT_SCALE_FACTOR=1.25 \
        .venv/bin/python docs/screenshots/take_small_screen.py 1024x600
    xvfb-run -a -s "-screen 0 1600x1000x24" .venv/bin/python docs/screenshots/take_small_screen.py 1600x1000

1024x600 is the window's size in Qt's units: a small laptop at 125 % scaling (1280×750 pixels).
Uses a copy of the sample database; writes section-page-WxH.png and measures-table-WxH.png here
(the whole screen, so anything running off it shows)."""
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(ROOT / "desktop"))

from PySide6.QtCore import QSettings, QTimer  # noqa: E402

from tudanhgia.services import ReportService  # noqa: E402
from tudanhgia.ui.app import make_application  # noqa: E402
from tudanhgia.ui.main_window import MainWindow  # noqa: E402

size = sys.argv[1] if len(sys.argv) > 1 else "1024x600"
out = Path(sys.argv[2]) if len(sys.argv) > 2 else HERE
tmp = Path(tempfile.mkdtemp())
shutil.copy(ROOT / "sample_db" / "sample.sqlite", tmp / "sample.sqlite")
app = make_application()
service = ReportService.open(tmp / "sample.sqlite", create=False)
window = MainWindow(service, settings=QSettings(str(tmp / "ui.ini"), QSettings.Format.IniFormat))
window.setGeometry(app.primaryScreen().availableGeometry())
window.show()


def shot(name: str) -> None:
    app.processEvents()
    subprocess.run(["import", "-window", "root", str(out / f"{name}-{size}.png")], check=True)


def section_page():
    window.open_report(1)
    report = service.get_report(1)
    window.editor.select(report.find(key="uu-diem.3").id)
    QTimer.singleShot(500, lambda: (shot("section-page"), scored()))


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
    QTimer.singleShot(500, lambda: (shot("score-refused"), measures()))


def measures():
    window.open_report(2)
    panel = window.editor.panels["limitations"]
    window.editor.tabs.setCurrentWidget(panel)
    report = service.get_report(2)
    lim = max(report.limitations, key=lambda x: len(x.measures))
    panel.select_limitation(lim.id)
    QTimer.singleShot(600, lambda: (shot("measures-table"), window.close(), app.quit()))


QTimer.singleShot(800, section_page)
app.exec()
shutil.rmtree(tmp, ignore_errors=True)
