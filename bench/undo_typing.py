"""Benchmark: what the one undo (ui/undo.py, issue 13 point 1) adds to a keystroke in the body.

In a real MainWindow (offscreen) on a copy of the sample: a sentence typed into a section's body
with the undo machinery as shipped (each word a step of the report's history, the keys looked at
before the widget), against the same window with the machinery's two event filters removed and its
text steps not recorded — the plain baseline, measured interleaved in the same run. Prints the
median time per key of each and their ratio; writes nothing to the repository.

    .venv/bin/python bench/undo_typing.py"""
from __future__ import annotations

import os
import shutil
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from _common import ROOT, median_times, sample_db, tmpdir

sys.path.insert(0, str(ROOT / "tests"))

from PySide6.QtCore import QSettings
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QWidget

from qt_keys import type_text
from tudanhgia.services import ReportService
from tudanhgia.ui.app import make_application
from tudanhgia.ui.main_window import MainWindow
from tudanhgia.ui.undo import UndoKeys

SENTENCE = "Tập thể lãnh đạo đã quán triệt, triển khai kịp thời các chủ trương của cấp trên; "


def window(folder, report_id: int = 1) -> MainWindow:
    shutil.copy(sample_db(), folder / "sample.sqlite")
    service = ReportService.open(folder / "sample.sqlite", create=False)
    w = MainWindow(service, settings=QSettings(str(folder / "ui.ini"), QSettings.Format.IniFormat))
    w.resize(1366, 768)
    w.show()
    w.open_report(report_id)
    section = service.get_report(report_id).find(key="uu-diem.1")
    w.editor.select(section.id)
    return w


def without_undo(w: MainWindow) -> None:
    """The same window as before ui/undo.py: no key filters, no text steps recorded."""
    page = w.editor.page
    history = page.text_undo
    for target in (page.editor, page.editor.viewport()):
        target.removeEventFilter(history)
        for f in w.editor.findChildren(UndoKeys):
            target.removeEventFilter(f)
    for f in w.editor.findChildren(UndoKeys):
        for field in w.editor.findChildren(QWidget):
            field.removeEventFilter(f)
    history._added = lambda _ref: None   # the documents' steps go nowhere


def main() -> None:
    make_application()
    folder = tmpdir()
    (folder / "a").mkdir()
    (folder / "b").mkdir()
    shipped, plain = window(folder / "a"), window(folder / "b")
    without_undo(plain)

    def typer(w: MainWindow):
        edit = w.editor.page.editor

        def run() -> None:
            edit.moveCursor(QTextCursor.MoveOperation.End)
            type_text(edit, SENTENCE)
            w.ctx.saves.flush_all()   # the same writes in both windows, outside the key's own cost
        return run
    times = median_times({"undo": typer(shipped), "plain": typer(plain)}, repeat=15)
    keys = len(SENTENCE)
    per_key = {name: t / keys * 1000 for name, t in times.items()}
    steps = shipped.ctx.undo_stack.count()
    print(f"keys per run: {keys}; undo steps recorded in the shipped window: {steps}")
    print(f"per key (median of 15 runs, incl. one flush per run): with undo {per_key['undo']:.3f} ms, "
          f"plain {per_key['plain']:.3f} ms, ratio {per_key['undo'] / per_key['plain']:.2f}x")
    for w in (shipped, plain):
        w.ctx.saves.flush_all()
        w.close()
    shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
