"""The crash test's hands: run INSIDE the real application process (tests/crash/run.py starts
`python -m tudanhgia` with TUDANHGIA_TEST_DRIVER=driver:main and this folder on PYTHONPATH).

It opens a report through the window's own widgets (the start page's list and its "Mở báo cáo"
button) and types into them as an officer would — section bodies, headings, the document form's
fields, a limitation's text, measure cells while their editor is open — one key event per
character, at a random pace, switching field now and then, until the orchestrator kills the
process with SIGKILL. Nothing here ever saves: only the application's own code does.

Every keystroke goes to the log (one JSON line, written, flushed and fsynced) BEFORE its key
event is sent, so a kill can only over-report what was typed, never under-report it. Timestamps
are `time.monotonic()`, one clock for every process of the machine (CLOCK_MONOTONIC), which the
orchestrator also reads when it sends the kill.

The plan comes in TUDANHGIA_CRASH_PLAN (JSON): log path, seed, report id, pace."""
from __future__ import annotations

import json
import os
import random
import time

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractItemView, QApplication, QLineEdit, QPlainTextEdit, QTextEdit
from tudanhgia.ui.measures_delegates import CellTextEditor

# words an officer types (with every kind of Vietnamese diacritic, precomposed as Qt delivers them)
WORDS = ("đơn vị", "cán bộ", "đảng viên", "thực hiện", "nhiệm vụ", "kết quả", "hạn chế", "khuyết điểm",
         "khắc phục", "trách nhiệm", "lãnh đạo", "chỉ đạo", "quán triệt", "nghị quyết", "tổ chức", "kiểm điểm",
         "tự phê bình", "phê bình", "năm", "quý", "tỉnh", "huyện", "xã", "được", "đã", "chưa", "còn", "những",
         "việc", "ưu điểm", "nguyên nhân", "chủ quan", "khách quan", "giải pháp", "ổn định", "đoàn kết",
         "thống nhất", "Quảng Ngãi", "Ủy ban", "Thường trực", "BCH", "ngày 30/3/2023", "100%", "(2024)")

# pace of the keys in ms between two of them, and the chance and length of a pause to think
PACES = {
    "burst": ((25, 110), 0.0, (0, 0)),          # typing without stopping: only a maximum wait saves
    "steady": ((60, 220), 0.03, (300, 900)),
    "thinking": ((80, 300), 0.10, (500, 2500)),
    "fast": ((5, 30), 0.0, (0, 0)),              # a fast typist or key repeat
}


class Log:
    """Append-only JSON lines, each one on the disk before the call returns."""

    def __init__(self, path: str):
        self._fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)

    def write(self, **record) -> None:
        record.setdefault("t", time.monotonic())
        os.write(self._fd, (json.dumps(record, ensure_ascii=False) + "\n").encode("utf-8"))
        os.fsync(self._fd)


def text_of(widget) -> str:
    if isinstance(widget, QLineEdit):
        return widget.text()
    if isinstance(widget, (QTextEdit, QPlainTextEdit)):
        return widget.toPlainText()
    return ""


class Driver(QObject):
    def __init__(self, window, plan: dict):
        super().__init__(window)
        self.window = window
        self.plan = plan
        self.rng = random.Random(plan["seed"])
        self.log = Log(plan["log"])
        self.pace = PACES[plan.get("pace") or self.rng.choice(sorted(PACES))]
        self.episode = 0
        self.widget = None
        self.typed = ""
        self.left = 0
        self.started = False
        self._words: list[str] = []
        self.big = plan.get("section_id")   # run.py --big-section: only this (~1 MB) body, without leaving it
        self._due = 0.0      # when the next key is due (monotonic): its wait is measured from there
        self._wait: float | None = None   # the last key's wait in ms, logged with the next key
        self._key_timer = QTimer(self, singleShot=True, timerType=Qt.TimerType.PreciseTimer)
        self._key_timer.timeout.connect(self.key)

    # --- start: wait for the full service, open the report as the officer does ---------------------
    def begin(self) -> None:
        # the full service attached and the window active (keys go to the focused widget of the active window)
        if self.window.service is None or QApplication.activeWindow() is not self.window:
            if self.window.isVisible():
                self.window.activateWindow()
            QTimer.singleShot(20, self.begin)
            return
        start = self.window.start
        start.select_report(self.plan["report_id"])
        if start.current_report_id() != self.plan["report_id"]:
            self.log.write(ev="error", what=f"report {self.plan['report_id']} is not in the list")
            return
        start.open_button.click()
        if self.window.editor is None:
            self.log.write(ev="error", what="the report did not open")
            return
        self.log.write(ev="opened", pid=os.getpid(), report_id=self.plan["report_id"], pace=self.pace)
        QTimer.singleShot(50, self.next_episode)

    # --- choosing where to type ------------------------------------------------------------------------
    def _choices(self):
        editor = self.window.editor
        report = self.window.ctx.report()
        if self.big:
            return [(1, self._go_big)]
        choices = {"body": (40, self._go_body), "heading": (12, self._go_heading),
                   "subject": (10, self._go_meta_subject), "place": (5, self._go_meta_place)}
        if "limitations" in editor.panels and report.limitations:
            choices["limitation"] = (13, self._go_limitation)
            if any(lim.measures for lim in report.limitations):
                choices["measure"] = (20, self._go_measure)
        wanted = self.plan.get("fields")  # run.py --fields: only these
        return [c for name, c in choices.items() if not wanted or name in wanted]

    def _inactive(self, retry) -> bool:
        """The offscreen platform has no window manager to give the activation back when a
        short-lived top-level (a popup, a tooltip) goes away: do it, as the desktop would."""
        if QApplication.activeWindow() is self.window:
            return False
        self.window.activateWindow()
        QTimer.singleShot(10, retry)
        return True

    def next_episode(self) -> None:
        if self._inactive(self.next_episode):
            return
        choices = self._choices()
        for _ in range(10):
            go = self.rng.choices([c for _w, c in choices], weights=[w for w, _c in choices])[0]
            found = go()
            if found is not None:
                break
        else:
            self.log.write(ev="error", what="no field to type in")
            return
        widget, target = found
        QApplication.processEvents()  # the switch's own flush and repaint, as between two real keys
        if not isinstance(widget, CellTextEditor):  # a click into the field, then to the end of its text
            self._click(widget.viewport() if hasattr(widget, "viewport") else widget)
        self._to_end(widget)
        self.episode += 1
        self.widget, self.typed = widget, ""
        self.left = self.rng.randint(5, 60) if not self.big else 1 << 30
        self.log.write(ev="field", fid=self.episode, target=target, shown=text_of(widget))
        self._schedule()

    def _to_end(self, widget) -> None:
        if isinstance(widget, QLineEdit):
            self._press(widget, Qt.Key.Key_End)
        else:
            self._press(widget, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)

    @staticmethod
    def _press(widget, key, modifiers=Qt.KeyboardModifier.NoModifier) -> None:
        QApplication.sendEvent(widget, QKeyEvent(QEvent.Type.KeyPress, key, modifiers))
        QApplication.sendEvent(widget, QKeyEvent(QEvent.Type.KeyRelease, key, modifiers))

    # --- moving around with the mouse, as the officer does (a click moves the focus first: an open
    # cell editor or a field loses it and commits, before the list or the tree changes) ------------
    @staticmethod
    def _click(widget, pos: QPoint | None = None, double: bool = False) -> None:
        pos = pos if pos is not None else widget.rect().center()
        QTest.mouseClick(widget, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, pos)
        if double:  # QTest's double click is the second click's event alone: the first one comes before
            QTest.mouseDClick(widget, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, pos)
        QApplication.processEvents()

    def _click_tab(self, tabs, page) -> None:
        index = tabs.indexOf(page)
        if tabs.currentIndex() != index:
            self._click(tabs.tabBar(), tabs.tabBar().tabRect(index).center())

    def _click_item(self, view, item) -> None:
        view.scrollToItem(item)
        self._click(view.viewport(), view.visualItemRect(item).center())

    def _page(self):
        editor = self.window.editor
        self._click_tab(editor.tabs, editor.page)
        return editor

    def _select(self, editor, key) -> bool:
        item = editor._items.get(key)
        if item is None:
            return False
        self._click_item(editor.tree, item)
        return editor.current_target() is not None and editor.current_target().key == key

    def _go_body(self):
        editor = self._page()
        target = self.rng.choice(editor.targets())
        if not self._select(editor, target.key) or not editor.page.editor.isEnabled():
            return None
        where = ({"kind": "body", "section_id": target.section_id} if target.kind == "section"
                 else {"kind": target.kind})
        return editor.page.editor, where

    def _go_big(self):
        editor = self._page()
        if not self._select(editor, self.big) or not editor.page.editor.isEnabled():
            return None
        return editor.page.editor, {"kind": "body", "section_id": self.big}

    def _go_heading(self):
        editor = self._page()
        sections = [s for s in self.window.ctx.report().walk() if not s.fixed]
        if not sections:
            return None
        section = self.rng.choice(sections)
        if not self._select(editor, section.id) or editor.page.heading.isReadOnly():
            return None
        return editor.page.heading, {"kind": "heading", "section_id": section.id}

    def _go_meta(self, name: str):
        editor = self.window.editor
        form = editor.panels["meta"]
        self._click_tab(editor.tabs, form)
        return getattr(form, name), {"kind": "meta", "field": name}

    def _go_meta_subject(self):
        return self._go_meta("subject")

    def _go_meta_place(self):
        return self._go_meta("place")

    def _limitation_row(self, rows: list[int]):
        editor = self.window.editor
        panel = editor.panels["limitations"]
        self._click_tab(editor.tabs, panel)
        self._click_tab(panel.tabs, panel.tabs.widget(0))
        row = self.rng.choice(rows)
        self._click_item(panel.list, panel.list.item(row))
        lim = self.window.ctx.report().limitations[row]
        return panel, (lim if panel.current_limitation_id() == lim.id else None)

    def _go_limitation(self):
        panel, lim = self._limitation_row(list(range(len(self.window.ctx.report().limitations))))
        return None if lim is None else (panel.text_edit, {"kind": "limitation", "limitation_id": lim.id})

    def _go_measure(self):
        from tudanhgia.ui.measures_model import COL_LEAD_UNIT, COL_MEASURE, COL_RESULT, FIELDS
        report = self.window.ctx.report()
        panel, lim = self._limitation_row([i for i, x in enumerate(report.limitations) if x.measures])
        table = panel.measures
        measures = table.model.measures
        if lim is None or not measures:
            return None
        m_row = self.rng.randrange(len(measures))
        col = self.rng.choice((COL_MEASURE, COL_MEASURE, COL_RESULT, COL_LEAD_UNIT))
        index = table.model.index(m_row, col)
        table.view.scrollTo(index)
        self._click(table.view.viewport(), table.view.visualRect(index).center(), double=True)  # opens its editor
        cell = table.view.indexWidget(index)
        if table.view.state() != QAbstractItemView.State.EditingState or cell is None:
            return None
        return cell, {"kind": "measure", "measure_id": measures[m_row].id, "field": FIELDS[col]}

    # --- typing ---------------------------------------------------------------------------------------
    def _next_char(self) -> str:
        if not self._words:
            self._words = [*self.rng.choice(WORDS), self.rng.choice(" " * 8 + ",.")]
            if self._words[-1] in ",.":
                self._words.append(" ")
        return self._words.pop(0)

    def _schedule(self) -> None:
        (low, high), pause_chance, (pause_low, pause_high) = self.pace
        delay = self.rng.randint(low, high)
        if self.rng.random() < pause_chance:
            delay += self.rng.randint(pause_low, pause_high)
        self._due = time.monotonic() + delay / 1000
        self._key_timer.start(delay)

    def key(self) -> None:
        if self._inactive(self.key):
            return
        widget = self.widget
        if QApplication.focusWidget() is not widget:
            # the officer's next key would land elsewhere: record it and go on in another field
            focus = QApplication.focusWidget()
            self.log.write(ev="anomaly", fid=self.episode, what="focus left the field while typing",
                           focus=type(focus).__name__ if focus is not None else None)
            QTimer.singleShot(0, self.next_episode)
            return
        if self.left <= 0:
            QTimer.singleShot(self.rng.randint(50, 400), self.next_episode)  # a click elsewhere
            return
        ch = self._next_char()
        if not self.started:
            self.started = True
            self.log.write(ev="start")
        late = time.monotonic() - self._due   # the UI thread was busy elsewhere (a save) when the key was due
        self.typed += ch
        extra = {"wait": round(self._wait, 2)} if self._wait is not None else {}
        self.log.write(ev="key", fid=self.episode, typed=self.typed, **extra)  # on the disk before the key is sent
        sent = time.monotonic()
        QApplication.sendEvent(widget, QKeyEvent(QEvent.Type.KeyPress, 0, Qt.KeyboardModifier.NoModifier, ch))
        # the key's wait as the officer feels it: late to be handled, plus its handling (not our log's fsync)
        self._wait = (max(0.0, late) + time.monotonic() - sent) * 1000
        self.left -= 1
        # a 1 MB body: its last paragraph (what is typed has no line break), not the whole text per key
        shown = widget.document().lastBlock().text() if self.big else text_of(widget)
        if not shown.endswith(self.typed):
            # the widget does not show what was typed at its end (a reload moved the cursor or replaced the text)
            self.log.write(ev="anomaly", fid=self.episode, what="the field does not end with the typed text",
                           shown=shown, typed=self.typed)
            QTimer.singleShot(0, self.next_episode)
            return
        self._schedule()


def main(window) -> None:
    """TUDANHGIA_TEST_DRIVER=driver:main"""
    plan = json.loads(os.environ["TUDANHGIA_CRASH_PLAN"])
    window._crash_driver = Driver(window, plan)  # kept alive with the window
    window._crash_driver.begin()
