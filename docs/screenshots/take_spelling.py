"""The spell check as the officer sees it (issue #16), under Xvfb:

    xvfb-run -a -s "-screen 0 1366x768x24" .venv/bin/python docs/screenshots/take_spelling.py [folder]

Uses a copy of the sample database; a section gets a paragraph with two misspelt words and a heading
with one; writes spelling-underlines.png (the red wavy underlines) and spelling-menu.png (the
context menu of a misspelt word: suggestions, "Thêm … vào từ điển của đơn vị", then the editor's
own items)."""
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
OUT = Path(sys.argv[1]) if len(sys.argv) > 1 else HERE
sys.path.insert(0, str(ROOT / "desktop"))

from PySide6.QtCore import QSettings, QTimer  # noqa: E402
from PySide6.QtGui import QTextCursor  # noqa: E402

from tudanhgia.domain import RichText  # noqa: E402
from tudanhgia.services import ReportService  # noqa: E402
from tudanhgia.ui import spell_check  # noqa: E402
from tudanhgia.ui.app import make_application  # noqa: E402
from tudanhgia.ui.main_window import MainWindow  # noqa: E402

BODY = ("Năm 2025, Ủy ban nhân dân tỉnh đã lãnh đạo, chỉ đạo thưc hiện nghiêm túc công tác cải cách hành "
        "chính theo Kế hoạch số 5294/KH-UBND ngày 12/3/2025; sức khỏe, thuỷ lợi, hòa giải ở cơ sở được quan "
        "tâm. Tuy nhiên, việc giải quyêt hồ sơ TTHC của một số đơn vị còn chậm.")

tmp = Path(tempfile.mkdtemp())
shutil.copy(ROOT / "sample_db" / "sample.sqlite", tmp / "sample.sqlite")
app = make_application()
service = ReportService.open(tmp / "sample.sqlite", create=False)
report = service.get_report(3)
section = next(s for s in report.walk() if s.heading and not s.children and not s.fixed)
service.update_section(section.id, body=RichText.from_plain(BODY), heading="Kết qủa cải cách hành chính")
window = MainWindow(service, settings=QSettings(str(tmp / "ui.ini"), QSettings.Format.IniFormat))
window.setGeometry(0, 0, 1366, 740)
window.show()
window.open_report(report.id)
window.editor.select(section.id)


def shot(name: str) -> None:
    app.processEvents()
    subprocess.run(["import", "-window", "root", str(OUT / name)], check=True)


def menu() -> None:
    shot("spelling-underlines.png")
    edit = window.editor.page.editor
    doc = edit.document()
    cursor = QTextCursor(doc)
    cursor.setPosition(doc.toPlainText().index("quyêt") + 2)
    point = edit.cursorRect(cursor).center()
    spell_check.context_menu(edit, point)   # what a right-click there opens
    QTimer.singleShot(400, lambda: (shot("spelling-menu.png"), app.quit()))


QTimer.singleShot(1200, menu)
app.exec()
service.close()
