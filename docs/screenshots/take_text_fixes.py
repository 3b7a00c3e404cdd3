"""The previews of Công cụ ▸ Chuẩn hóa văn bản… and Chuyển mã TCVN3/VNI… (issue #16), under Xvfb:

    xvfb-run -a -s "-screen 0 1366x768x24" .venv/bin/python docs/screenshots/take_text_fixes.py [folder]

Writes text-normalize.png and legacy-convert.png (a copy of the sample database; each dialog is shown
without waiting for an answer, photographed, closed)."""
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

from tudanhgia.domain import RichText  # noqa: E402
from tudanhgia.importer.legacy import from_unicode  # noqa: E402
from tudanhgia.services import ReportService  # noqa: E402
from tudanhgia.ui import text_fixes  # noqa: E402
from tudanhgia.ui.app import make_application  # noqa: E402
from tudanhgia.ui.main_window import MainWindow  # noqa: E402

BODY = ("Năm 2025, Văn phòng đã triển khai  kịp thời các nhiệm vụ , đạt kết quả tốt ( vượt kế hoạch ) theo "
        "phong trào \"Dân vận khéo\".\nĐơn vị đã báo cáo. "
        + from_unicode("Thực hiện nghiêm túc công tác cải cách hành chính, kiểm soát thủ tục hành chính.", "TCVN3"))
NAMES = ["text-normalize.png", "legacy-convert.png"]

tmp = Path(tempfile.mkdtemp())
shutil.copy(ROOT / "sample_db" / "sample.sqlite", tmp / "s.sqlite")
OUT.mkdir(parents=True, exist_ok=True)
app = make_application()
service = ReportService.open(tmp / "s.sqlite", create=False)
report = service.get_report(3)
section = next(s for s in report.walk() if s.heading and not s.children and not s.fixed)
service.update_section(section.id, body=RichText.from_plain(BODY))
window = MainWindow(service, settings=QSettings(str(tmp / "ui.ini"), QSettings.Format.IniFormat))
window.setGeometry(0, 0, 1366, 740)
window.show()
window.open_report(report.id)
window.editor.select(section.id)
window.editor.page.editor.setFocus()
shown = []


def photograph(dialog):
    dialog.show()
    name = NAMES[len(shown)]
    shown.append(dialog)
    QTimer.singleShot(500, lambda: (subprocess.run(["import", "-window", "root", str(OUT / name)], check=True),
                                    dialog.close()))


text_fixes.run_preview = photograph
QTimer.singleShot(800, window.act_normalize_text.trigger)
QTimer.singleShot(2500, window.act_convert_legacy.trigger)
QTimer.singleShot(4500, app.quit)
app.exec()
service.close()
