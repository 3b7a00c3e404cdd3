"""Opens each window and dialog of the application as the officer does (the menu's action, a
report open) on the screen the platform gives, and prints where each one lands, as one JSON object
per line: {"name", "class", "frame": [x, y, w, h], "screen": [x, y, w, h]}, then "DONE".
Run by tests/gui/test_small_screen_dialogs.py under an offscreen screen of 1024×600:

    python small_screen_driver.py DB INI IMPORT_FILE
"""
from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QProgressDialog

from tudanhgia.services import ReportService
from tudanhgia.ui import file_dialogs
from tudanhgia.ui.app import fit_screen, make_application
from tudanhgia.ui.main_window import MainWindow


def rect(r) -> list[int]:
    return [r.x(), r.y(), r.width(), r.height()]


def main(db: Path, ini: Path, import_file: Path) -> None:
    app = make_application()
    service = ReportService.open(db, create=False)
    w = MainWindow(service, settings=QSettings(str(ini), QSettings.Format.IniFormat))
    fit_screen(w)   # as the application's start does
    w.show()
    file_dialogs.open_file_name = lambda *a, **k: (str(import_file), "")
    steps: list[tuple[str, str, Callable[[], None]]] = [
        ("guide", "GuideWindow", w.act_guide.trigger),
        ("find", "FindReplaceDialog", w.act_replace.trigger),
        ("check", "CompletenessDialog", w.act_check.trigger),
        ("board", "MeasuresBoard", w.act_board.trigger),
        ("versions", "VersionsDialog", w.act_versions.trigger),
        ("restore", "RestoreDialog", w.act_restore.trigger),
        ("about", "AboutDialog", w.act_about.trigger),
        ("unit", "UnitProfileDialog", w.act_unit.trigger),
        ("preview", "PreviewDialog", w.act_preview.trigger),
        ("import", "ImportReviewDialog", lambda: (w.show_start(), w.act_import.trigger())),
    ]

    def seen(cls: str) -> QDialog | None:
        return next((d for d in QApplication.topLevelWidgets()
                     if type(d).__name__ == cls and d.isVisible() and not isinstance(d, QProgressDialog)), None)

    def step(i: int) -> None:
        if i == len(steps):
            print("DONE", flush=True)
            w.close()
            app.quit()
            return
        name, cls, trigger = steps[i]
        tries = 0

        def look() -> None:   # the dialog up (a modal one runs its own loop meanwhile): note it, close it
            nonlocal tries
            dialog = seen(cls)
            if dialog is None:
                tries += 1
                if tries < 400:
                    QTimer.singleShot(20, look)
                else:
                    print(json.dumps({"name": name, "class": cls, "missing": True}), flush=True)
                return
            QTimer.singleShot(100, lambda: report(dialog))

        def report(dialog: QDialog) -> None:
            print(json.dumps({"name": name, "class": cls, "frame": rect(dialog.frameGeometry()),
                              "screen": rect(dialog.screen().availableGeometry())}, ensure_ascii=False), flush=True)
            dialog.close()
            QTimer.singleShot(50, lambda: step(i + 1))   # once its own loop is over

        QTimer.singleShot(0, look)
        trigger()

    def start() -> None:
        w.open_report(2)
        step(0)

    QTimer.singleShot(300, start)
    app.exec()
    service.close()


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3]))
