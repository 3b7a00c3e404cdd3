"""Re-take the main screenshots under Xvfb at 1366×768 (a common office screen):

    Xvfb :99 -screen 0 1366x768x24 &  DISPLAY=:99 .venv/bin/python docs/screenshots/take.py

Uses a copy of the sample database; writes main-window.png, section-page.png and
measures-board.png here."""
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

tmp = Path(tempfile.mkdtemp())
shutil.copy(ROOT / "sample_db" / "sample.sqlite", tmp / "sample.sqlite")
app = make_application()
service = ReportService.open(tmp / "sample.sqlite", create=False)
window = MainWindow(service, settings=QSettings(str(tmp / "ui.ini"), QSettings.Format.IniFormat))
window.setGeometry(0, 0, 1366, 740)
window.show()
window.start.select_report(1)


def shot(name: str) -> None:
    app.processEvents()
    subprocess.run(["import", "-window", "root", str(HERE / name)], check=True)


def step1():
    shot("main-window.png")
    window.open_report(1)
    report = service.get_report(1)
    window.editor.select(report.find(key="uu-diem.1").id)
    QTimer.singleShot(500, step2)


def step2():
    shot("section-page.png")
    import datetime as dt

    from tudanhgia.ui.board import MeasuresBoard
    board = MeasuresBoard(service, service.list_units()[0].id, window, today=dt.date(2023, 8, 1))
    board.setGeometry(0, 0, 1366, 740)
    board.show()
    QTimer.singleShot(600, lambda: (shot("measures-board.png"), board.close(), app.quit()))


QTimer.singleShot(800, step1)
app.exec()
shutil.rmtree(tmp, ignore_errors=True)
