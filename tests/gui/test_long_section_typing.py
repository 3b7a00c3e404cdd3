"""Typing in a section of hundreds of pages (issue 11 point 1, docs/reliability.md "Typing in a 1 MB
section"): the UI thread never holds the keys (nor the autosave's timers) for long. The spell check's
first underlining of such a section split the words of all its 1,600 paragraphs at once: 1-2.5 s on
a loaded machine, the keys and the write of the typing waiting behind it.

The UI thread's own CPU time is measured between two turns of its event loop (`time.thread_time`
read by a 5 ms timer): time the machine gave other programs does not count, so the figure holds on
a shared, loaded machine."""
from __future__ import annotations

import time

from PySide6.QtCore import QSettings, Qt, QTimer

from tudanhgia.domain import Paragraph, RichText, Run
from tudanhgia.ui import spell_check
from tudanhgia.ui.app import make_application
from tudanhgia.ui.main_window import MainWindow
from qt_keys import type_text

SENTENCE = ("Tập thể lãnh đạo đã quán triệt, triển khai kịp thời các chủ trương, nghị quyết của cấp trên; "
            "phân công nhiệm vụ rõ ràng, kiểm tra, đôn đốc thường xuyên; ")


def big_body(size: int = 1_000_000) -> RichText:
    paragraphs, total, i = [], 0, 0
    while total < size:
        text = f"{i + 1}. {SENTENCE * 3}"
        paragraphs.append(Paragraph((Run(text, False, False),)))
        total += len(text.encode("utf-8"))
        i += 1
    return RichText(tuple(paragraphs))


class UiThreadBusy:
    """The longest stretch of the UI thread's own CPU time between two ticks of a 5 ms timer."""

    def __init__(self) -> None:
        self.longest_ms = 0.0
        self._last = time.thread_time()
        self._timer = QTimer(interval=5, timerType=Qt.TimerType.PreciseTimer)
        self._timer.timeout.connect(self._tick)
        self._timer.start()

    def _tick(self) -> None:
        now = time.thread_time()
        self.longest_ms = max(self.longest_ms, (now - self._last) * 1000)
        self._last = now

    def stop(self) -> None:
        self._timer.stop()


def test_showing_and_typing_in_a_1_mb_section_never_holds_the_ui_thread(qtbot, sample_service, tmp_path):
    report = sample_service.get_report(1)
    section = [s for s in report.walk() if not s.children and s.body.plain][3]
    sample_service.update_section(section.id, body=big_body())
    make_application()
    w = MainWindow(sample_service, settings=QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(w)
    w.resize(1366, 768)
    w.show()
    w.open_report(1)
    spell_check.set_active(True)
    w.editor.select(section.id)
    edit = w.editor.page.editor
    edit.setFocus()
    edit.moveCursor(edit.textCursor().MoveOperation.End)
    busy = UiThreadBusy()
    qtbot.waitUntil(lambda: edit.document().findChild(spell_check.SpellHighlighter) is not None, timeout=2000)
    highlighter = edit.document().findChild(spell_check.SpellHighlighter)   # the spell check is on here
    end = time.monotonic() + 3.0
    while time.monotonic() < end:                       # the first underlining and the worker's answers
        type_text(edit, "a")
        qtbot.wait(40)
    busy.stop()
    assert busy.longest_ms < 100, f"the UI thread was busy {busy.longest_ms:.0f} ms at a stretch"
    # and the underlining was done, only spread out: a word nobody knows, typed, is underlined
    before = highlighter.underlined
    type_text(edit, " xyzq ")
    qtbot.waitUntil(lambda: highlighter.underlined > before, timeout=5000)
    w.session_ending = True
