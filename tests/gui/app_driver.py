"""Runs the real application for tests/gui/test_save_reliability.py and uses its window like an
officer, from a timer inside the same process (the application's own start-up, signal handling
and read-only check run unchanged):

    python app_driver.py type DB DATA_DIR     open the first report, type into its first section's
                                              body without stopping, print "TYPED n" after each key
    python app_driver.py look DB DATA_DIR     print what the window shows as JSON, then close it
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))   # tests/: qt_keys

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from qt_keys import type_text
from tudanhgia.paths import AppPaths
from tudanhgia.ui.app import make_application, run_app

TEXT = "Gõ liên tục không nghỉ, "
KEY_MS = 20


def the_window():
    from tudanhgia.ui.main_window import MainWindow
    return next((w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()), None)


def when_ready(then) -> None:
    def poll() -> None:
        w = the_window()
        if w is None or w.service is None:
            QTimer.singleShot(20, poll)
        else:
            then(w)
    QTimer.singleShot(0, poll)


def open_first_report(w) -> None:
    w.start.reports.setCurrentIndex(w.start.model.index(1, 0))  # under the unit's heading: a click, then "Mở báo cáo"
    w.act_open.trigger()


def type_forever(w) -> None:
    open_first_report(w)
    section = next(iter(w.ctx.report().walk()))
    w.editor.select(section.id)
    edit = w.editor.page.editor
    edit.setFocus()
    edit.moveCursor(edit.textCursor().MoveOperation.End)
    print(f"SECTION {w.ctx.report_id} {section.id}", flush=True)
    count = 0

    def key() -> None:
        nonlocal count
        if not w.isVisible():
            return   # the window closed (the session ended): no more keys reach it
        type_text(edit, TEXT[count % len(TEXT)])
        count += 1
        print(f"TYPED {count}", flush=True)
        QTimer.singleShot(KEY_MS, key)
    key()


def look(w) -> None:
    open_first_report(w)
    page = w.editor.page
    before = page.editor.toPlainText()
    page.editor.setFocus()
    type_text(page.editor, "chữ")
    state = {
        "read_only": w.read_only,
        "banner": w.read_only_banner.text(),
        "enabled": {name: getattr(w, name).isEnabled()
                    for name in ("act_new", "act_duplicate", "act_delete", "act_save", "act_export", "act_preview")},
        "body_read_only": page.editor.isReadOnly(),
        "typing_changed_body": page.editor.toPlainText() != before,
    }
    print("STATE " + json.dumps(state, ensure_ascii=False), flush=True)
    w.close()


if __name__ == "__main__":
    mode, db, data_dir = sys.argv[1], Path(sys.argv[2]), sys.argv[3]
    make_application()
    when_ready(type_forever if mode == "type" else look)
    sys.exit(run_app(db, AppPaths.default(data_dir)))
