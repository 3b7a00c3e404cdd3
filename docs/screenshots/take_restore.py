"""The restore dialog (Tệp ▸ Khôi phục từ bản sao lưu…) under Xvfb at 1366×768:

    xvfb-run -a -s "-screen 0 1366x768x24" .venv/bin/python docs/screenshots/take_restore.py

A copy of the sample database with a few days of backups (edits between them, so none is a
duplicate); the second backup and the first report are selected. Writes restore-dialog.png here."""
import datetime as dt
import shutil
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(ROOT / "desktop"))

from PySide6.QtCore import QSettings, Qt, QTimer  # noqa: E402

from tudanhgia.domain.richtext import RichText  # noqa: E402
from tudanhgia.paths import AppPaths  # noqa: E402
from tudanhgia.services import ReportService  # noqa: E402
from tudanhgia.services.backups import BackupService  # noqa: E402
from tudanhgia.store.backup import take_backup  # noqa: E402
from tudanhgia.ui.app import make_application  # noqa: E402
from tudanhgia.ui.main_window import MainWindow  # noqa: E402
from tudanhgia.ui.restore_dialog import RestoreDialog  # noqa: E402

tmp = Path(tempfile.mkdtemp())
db = tmp / "tudanhgia.sqlite"
shutil.copy(ROOT / "sample_db" / "sample.sqlite", db)
paths = AppPaths.default(tmp / "data").ensure()
app = make_application()
service = ReportService.open(db, paths, create=False)
backups = BackupService(db, paths)
today = dt.datetime.now().replace(second=0, microsecond=0)
plan = [(today - dt.timedelta(days=3, hours=2), "mo"), (today - dt.timedelta(days=2, hours=5), "dinh-ky"),
        (today - dt.timedelta(days=1, hours=1), "truoc-nang-cap"), (today - dt.timedelta(hours=3), "mo"),
        (today - dt.timedelta(hours=2, minutes=45), "dinh-ky"), (today - dt.timedelta(minutes=30), "dinh-ky")]
section = next(s for s in service.get_report(1).walk() if s.body.plain.strip())
for i, (when, reason) in enumerate(plan):
    if i == 2:
        service.create_report("ke-hoach-khac-phuc", "2024")
    service.update_section(section.id, body=RichText.from_markup(section.body.to_markup() + f"\nBổ sung lần {i + 1}."))
    take_backup(db, backups.folder, reason, now=when)
window = MainWindow(service, paths, QSettings(str(paths.settings_file), QSettings.Format.IniFormat))
window.setGeometry(0, 0, 1366, 740)
window.show()
dialog = RestoreDialog(window, backups)
dialog.setGeometry(60, 30, 1240, 700)
dialog.show()


def pick():
    dialog.list.setCurrentItem(dialog.list.topLevelItem(1))
    dialog.reports.setCurrentRow(0)
    dialog.list.setFocus(Qt.FocusReason.OtherFocusReason)
    QTimer.singleShot(700, snap)


def snap():
    app.processEvents()
    dialog.grab().save(str(HERE / "restore-dialog.png"))
    dialog.close()
    backups.close()
    app.quit()


QTimer.singleShot(600, pick)
app.exec()
service.close()
shutil.rmtree(tmp, ignore_errors=True)
