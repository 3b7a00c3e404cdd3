"""The Sửa menu after some typing and an added section (issue 13 point 1), under Xvfb:

    xvfb-run -a -s "-screen 0 1366x768x24" .venv/bin/python docs/screenshots/take_undo.py [folder]

Uses a copy of the sample database; writes edit-menu-undo.png (the menu open on
"Hoàn tác: Nhập văn bản") and edit-menu-undo-section.png (after undoing the words: "Hoàn tác: Thêm mục")."""
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
OUT = Path(sys.argv[1]) if len(sys.argv) > 1 else HERE
sys.path.insert(0, str(ROOT / "desktop"))
sys.path.insert(0, str(ROOT / "tests"))

from PySide6.QtCore import QPoint, QSettings, QTimer  # noqa: E402

from qt_keys import type_text  # noqa: E402
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


def shot(name: str) -> None:
    app.processEvents()
    subprocess.run(["import", "-window", "root", str(OUT / name)], check=True)


def open_menu() -> None:
    bar = window.menuBar()
    menu = window.edit_menu
    bar.setActiveAction(menu.menuAction())
    if not menu.isVisible():
        menu.popup(bar.mapToGlobal(QPoint(bar.actionGeometry(menu.menuAction()).left(), bar.height())))


def step1() -> None:
    window.open_report(1)
    report = service.get_report(1)
    window.editor.select(report.find(key="uu-diem.1").id)
    window.editor.act_add.trigger()                 # Thêm mục
    page = window.editor.page
    type_text(page.heading, "Về công tác thi đua")
    page.editor.setFocus()
    type_text(page.editor, "Tổ chức phát động thi đua")
    QTimer.singleShot(600, step2)


def step2() -> None:
    open_menu()
    QTimer.singleShot(500, step3)


def step3() -> None:
    shot("edit-menu-undo.png")
    window.edit_menu.hide()
    for _ in range(7):                              # the six words, then the heading
        window.act_undo.trigger()
    QTimer.singleShot(400, step4)


def step4() -> None:
    open_menu()
    QTimer.singleShot(500, lambda: (shot("edit-menu-undo-section.png"), window.edit_menu.hide(), app.quit()))


QTimer.singleShot(800, step1)
app.exec()
shutil.rmtree(tmp, ignore_errors=True)
