"""The one save manager, seen as the officer sees it: what was typed a moment ago is part of
whatever they do next — duplicate, export, the next period's report, a plan, closing — without
waiting for the autosave pause and without any "Save"."""
from __future__ import annotations

import time
import zipfile

import pytest
from PySide6.QtCore import QSettings, Qt, QTimer

from tudanhgia.ui import file_dialogs
from tudanhgia.domain.model import ContentKind
from tudanhgia.services import ReportService
from tudanhgia.ui import messages
from tudanhgia.ui.app import make_application
from tudanhgia.ui.main_window import MainWindow
from tudanhgia.ui.save_manager import AUTOSAVE_MS, Debounce, SaveManager
from qt_keys import type_text

TYPED = " Câu vừa gõ xong, chưa kịp tự lưu."


@pytest.fixture
def said(monkeypatch):
    log: list[tuple[str, str]] = []
    for name in ("warn", "error", "info"):
        monkeypatch.setattr(messages, name, lambda parent, text, name=name: log.append((name, text)))
    monkeypatch.setattr(messages, "confirm", lambda parent, text, yes="", no="": log.append(("confirm", text))
                        or yes != "Mở thư mục")
    return log


def open_window(qtbot, service, tmp_path, report_id):
    make_application()
    w = MainWindow(service, settings=QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(w)
    w.resize(1366, 768)
    w.show()
    w.open_report(report_id)
    return w


def stored(service, report_id: int):
    """The report as another connection to the file sees it."""
    other = ReportService.open(service.db.path, create=False)
    try:
        return other.get_report(report_id)
    finally:
        other.close()


def type_in_section(w, key: str) -> None:
    section = w.ctx.report().find(key=key)
    w.editor.select(section.id)
    edit = w.editor.page.editor
    edit.setFocus()
    edit.moveCursor(edit.textCursor().MoveOperation.End)
    type_text(edit, TYPED)


def type_in_form(w, text: str) -> None:
    """Type at the end of the document form's subject (the meta panel)."""
    form = w.editor.panels["meta"]
    w.editor.tabs.setCurrentWidget(form)
    form.subject.setFocus()
    form.subject.moveCursor(form.subject.textCursor().MoveOperation.End)
    type_text(form.subject, text)


def test_duplicate_right_after_typing_copies_the_typing(qtbot, sample_service, tmp_path, said):
    w = open_window(qtbot, sample_service, tmp_path, 1)
    type_in_section(w, "trach-nhiem")
    w.act_duplicate.trigger()                 # at once: the autosave pause has not passed
    copy_id = w.ctx.report_id
    assert copy_id != 1                       # the window opened the copy
    copy_section = w.ctx.report().find(key="trach-nhiem")
    assert stored(sample_service, copy_id).find(copy_section.id).body.plain.endswith(TYPED.strip())
    w.editor.select(copy_section.id)
    assert w.editor.page.editor.toPlainText().endswith(TYPED.strip())


def test_a_typed_score_is_written_by_save_and_copied_by_duplicate(qtbot, service, unit, tmp_path, said):
    """The score box keeps its value until Enter or leaving it: an action taken while the cursor
    is still in it (Ctrl+S, Nhân bản) must write the score first, like typed text."""
    from PySide6.QtCore import QEvent, Qt
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication
    report = service.create_report("van-hoa", "2025", unit.id)
    w = open_window(qtbot, service, tmp_path, report.id)
    section = next(s for s in report.walk() if s.is_scored)
    w.editor.select(section.id)
    spin = w.editor.page.score
    spin.setFocus()
    spin.selectAll()
    QApplication.sendEvent(spin, QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_2, Qt.KeyboardModifier.NoModifier, "2"))
    assert spin.value() == 2  # typed, not confirmed: no Enter, the box not left
    w.act_save.trigger()
    assert stored(service, report.id).find(section.id).score == 2
    spin.selectAll()
    QApplication.sendEvent(spin, QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_1, Qt.KeyboardModifier.NoModifier, "1"))
    assert spin.value() == 1
    w.act_duplicate.trigger()
    copy = stored(service, w.ctx.report_id)
    assert w.ctx.report_id != report.id and copy.find(key=section.key).score == 1
    # and without any action, the pause after typing writes it, as it does typed text
    copy_id = w.ctx.report_id
    w.editor.select(copy.find(key=section.key).id)
    spin = w.editor.page.score
    spin.selectAll()
    QApplication.sendEvent(spin, QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_2, Qt.KeyboardModifier.NoModifier, "2"))
    qtbot.waitUntil(lambda: stored(service, copy_id).find(key=section.key).score == 2, timeout=3 * AUTOSAVE_MS)


def test_export_right_after_typing_exports_the_typing(qtbot, sample_service, tmp_path, said, monkeypatch):
    w = open_window(qtbot, sample_service, tmp_path, 1)
    type_in_section(w, "giai-trinh")
    out = tmp_path / "bc.docx"
    monkeypatch.setattr(file_dialogs, "save_file_name", lambda *a, **k: (str(out), ""))
    monkeypatch.setattr("tudanhgia.ui.dialogs.CompletenessDialog.exec", lambda self: 1)
    w.act_export.trigger()                    # Ctrl+E, as the officer presses it
    with zipfile.ZipFile(out) as z:
        assert "chưa kịp tự lưu." in z.read("word/document.xml").decode()


def test_next_period_right_after_typing_carries_the_typing(qtbot, sample_service, tmp_path, said):
    w = open_window(qtbot, sample_service, tmp_path, 1)
    type_in_section(w, "trach-nhiem")
    w.act_new_from.trigger()
    new = stored(sample_service, w.ctx.report_id)
    assert new.period.year == 2021
    assert new.find(key="trach-nhiem").body.plain.endswith(TYPED.strip())


def test_plan_right_after_typing_a_limitation_takes_the_typing(qtbot, sample_service, tmp_path, said,
                                                               monkeypatch):
    from tudanhgia.ui.dialogs import PlanDialog
    w = open_window(qtbot, sample_service, tmp_path, 1)
    panel = w.editor.panels["limitations"]
    w.editor.tabs.setCurrentWidget(panel)
    panel.list.setCurrentRow(0)
    panel.text_edit.setFocus()
    panel.text_edit.moveCursor(panel.text_edit.textCursor().MoveOperation.End)
    type_text(panel.text_edit, TYPED)
    monkeypatch.setattr(PlanDialog, "exec", lambda dialog: 1)
    w.act_plan.trigger()
    plan = stored(sample_service, w.ctx.report_id)
    assert plan.kind_id == "ke-hoach-khac-phuc"
    assert plan.limitations[0].text.plain.endswith(TYPED.strip())


def test_closing_right_after_typing_in_the_document_form_keeps_it(qtbot, sample_service, tmp_path, said):
    w = open_window(qtbot, sample_service, tmp_path, 1)
    type_in_form(w, " (bản sửa)")
    w.close()                                 # Ctrl+Q or the window's ×: never a "save?" question
    assert not [m for m in said if m[0] == "confirm"]
    assert stored(sample_service, 1).meta.subject.endswith("(bản sửa)")


def test_switching_section_writes_the_typing_of_every_panel(qtbot, sample_service, tmp_path, said):
    w = open_window(qtbot, sample_service, tmp_path, 1)
    type_in_form(w, " (bản sửa)")
    other = w.ctx.report().find(key="giai-trinh")
    w.editor.tree.setCurrentItem(w.editor._items[other.id])   # a click in the outline
    assert stored(sample_service, 1).meta.subject.endswith("(bản sửa)")


def test_a_panel_button_writes_the_typing_of_another_panel_first(qtbot, sample_service, tmp_path, said):
    from PySide6.QtCore import Qt
    w = open_window(qtbot, sample_service, tmp_path, 1)
    type_in_section(w, "trach-nhiem")
    section_id = w.ctx.report().find(key="trach-nhiem").id
    panel = w.editor.panels["limitations"]
    w.editor.tabs.setCurrentWidget(panel)
    qtbot.mouseClick(panel.btn_add, Qt.MouseButton.LeftButton)   # "Thêm" a limitation
    assert w.ctx.saves.dirty() == []
    assert stored(sample_service, 1).find(section_id).body.plain.endswith(TYPED.strip())


# --- the pieces -----------------------------------------------------------------------------------
def test_debounce_fires_once_shortly_after_the_last_poke(qtbot):
    make_application()
    fired: list[int] = []
    d = Debounce(lambda: fired.append(1), delay_ms=300, max_wait_ms=None)
    d.poke()
    qtbot.wait(150)
    d.poke()                                  # typing goes on: the pause starts again
    qtbot.wait(250)
    assert fired == []
    qtbot.waitUntil(lambda: fired == [1], timeout=1000)
    qtbot.wait(400)
    assert fired == [1]                       # once per burst


class LoopStalls:
    """The baseline of a timing test on a shared machine: a plain 5 ms timer ticking in the same event
    loop. A gap between its ticks longer than two ticks is time this process was not given (other
    programs' work), which no timer policy can shorten; a key's wait is judged with the stalls inside it
    taken out. The callbacks timed here do nothing costly, so no stall is the code under test's."""

    TICK_MS = 5

    def __init__(self) -> None:
        self.ticks: list[float] = [time.monotonic()]
        self._timer = QTimer(interval=self.TICK_MS, timerType=Qt.TimerType.PreciseTimer)
        self._timer.timeout.connect(lambda: self.ticks.append(time.monotonic()))
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    def within(self, start: float, end: float) -> float:
        """Seconds of stall between `start` and `end`."""
        slack = 2 * self.TICK_MS / 1000
        lost = 0.0
        for a, b in zip(self.ticks, self.ticks[1:], strict=False):
            if b - a > slack and b > start and a < end:
                lost += min(b, end) - max(a, start) - min(slack, min(b, end) - max(a, start))
        return max(0.0, lost)


def test_endless_typing_is_written_at_least_every_max_wait(qtbot):
    """A key every 40 ms for 1.2 s never leaves a pause: the maximum wait writes anyway, so no
    keystroke waits longer than MAX_WAIT_MS (plus the timer's own slack) to be written — the
    machine's stalls (LoopStalls) aside."""
    from tudanhgia.ui.save_manager import MAX_WAIT_MS
    make_application()
    fired: list[float] = []
    d = Debounce(lambda: fired.append(time.monotonic()))
    assert (d.delay_ms, d.max_wait_ms) == (AUTOSAVE_MS, MAX_WAIT_MS)
    assert AUTOSAVE_MS < MAX_WAIT_MS <= 250
    stalls = LoopStalls()
    keys: list[float] = []
    while not keys or keys[-1] - keys[0] < 1.2:
        keys.append(time.monotonic())
        d.poke()
        qtbot.wait(40)
    qtbot.waitUntil(lambda: fired and fired[-1] > keys[-1], timeout=1000)
    stalls.stop()
    waits = [(f - k - stalls.within(k, f)) * 1000 for k in keys for f in [next(f for f in fired if f >= k)]]
    assert len(fired) >= 4 and max(waits) < MAX_WAIT_MS + 50, f"waits {sorted(waits)[-5:]}"


def test_a_costly_write_on_the_ui_thread_never_stretches_the_maximum_wait(qtbot):
    """Issue 11: no keystroke older than 300 ms is *ever* lost. A write costing 60 ms on the UI thread
    (a busy machine) used to space the next ones out to ten times its cost (600 ms): a kill then lost
    up to that. Now the wait plus the write stay within 300 ms, and the wait never grows past 250 ms."""
    make_application()
    manager = SaveManager()
    writes: list[tuple[float, float]] = []   # (start, end) of each write: a key is stored at its end

    def slow_write() -> None:
        start = time.monotonic()
        time.sleep(0.06)
        writes.append((start, time.monotonic()))
    handle = manager.register("body", slow_write)
    for _ in range(4):   # the writes so far (the field's first ones) tell what a write costs
        handle.mark_dirty()
        assert handle.write()
    assert handle.debounce.max_wait_ms is not None and handle.debounce.max_wait_ms <= 300 - 60
    assert handle.debounce.delay_ms <= 150
    writes.clear()
    stalls = LoopStalls()
    keys: list[float] = []
    while not keys or keys[-1] - keys[0] < 1.0:   # typing without a pause over writes of 60 ms
        keys.append(time.monotonic())
        handle.mark_dirty()
        qtbot.wait(30)
    qtbot.waitUntil(lambda: writes and writes[-1][0] > keys[-1], timeout=2000)
    stalls.stop()

    def own(a: float, b: float) -> float:   # the writes' own time: the program's, never taken out
        return sum(max(0.0, min(e, b) - max(s, a)) for s, e in writes)
    waits = []
    for k in keys:
        stored = next(e for s, e in writes if s >= k)
        waits.append((stored - k - max(0.0, stalls.within(k, stored) - own(k, stored))) * 1000)
    assert len(writes) >= 3
    assert max(waits) <= 300, f"waits {sorted(waits)[-5:]}; writes at {[round(s - keys[0], 3) for s, _ in writes]}"


def test_flush_all_writes_every_dirty_editor_and_guard_flushes_first(qtbot):
    make_application()
    saves = SaveManager()
    written: list[str] = []
    a = saves.register("a", lambda: written.append("a"))
    saves.register("b", lambda: written.append("b"))
    a.mark_dirty()
    assert saves.dirty() == ["a"]
    saves.guard(lambda: written.append("action"))(True)  # a button's `checked` is dropped
    assert written == ["a", "b", "action"] and saves.dirty() == []


# --- what changed, and who changed it -------------------------------------------------------------
def test_a_limitation_edit_refreshes_the_navigator_and_its_panel_skips_its_own_typing(
        qtbot, service, unit, tmp_path, said, monkeypatch):
    from PySide6.QtCore import Qt
    report = service.create_report("kiem-diem-tap-the-2019", "2024", unit.id)
    w = open_window(qtbot, service, tmp_path, report.id)
    listed = next(s for s in report.walk() if s.content is ContentKind.LIMITATIONS and not s.children)
    other = report.find(key="uu-diem.1")
    listed_item, other_item = w.editor._items[listed.id], w.editor._items[other.id]
    assert listed_item.text(0).startswith("○")          # nothing listed yet
    panel = w.editor.panels["limitations"]
    w.editor.tabs.setCurrentWidget(panel)
    qtbot.mouseClick(panel.btn_add, Qt.MouseButton.LeftButton)
    # the navigator shows the section that prints the list as written now, without a rebuild
    assert not w.editor._items[listed.id].text(0).startswith("○")
    assert w.editor._items[listed.id] is listed_item and w.editor._items[other.id] is other_item

    reloads: list[int] = []
    real_reload = panel.reload
    monkeypatch.setattr(panel, "reload", lambda: reloads.append(1) or real_reload())
    type_text(panel.text_edit, "Chưa kịp thời")
    qtbot.waitUntil(lambda: w.ctx.saves.dirty() == [] and service.get_report(report.id).limitations[0]
                    .text.plain == "Chưa kịp thời", timeout=AUTOSAVE_MS * 4)
    assert reloads == []                                 # its own edit: the fields already say it
    w.act_undo.trigger()                                 # undo belongs to nobody: every panel follows
    assert reloads and panel.text_edit.toPlainText() == ""


def test_typing_without_pause_over_writes_off_the_thread_loses_no_key_older_than_300_ms(qtbot):
    """A body so long that its write takes 120 ms on a worker thread (as a 1 MB section does):
    keys every 30 ms go on while it runs; every key must be in a finished write within 300 ms
    (issue 11 point 1), and never two writes at once."""
    cost_ms, key_every_ms, keys = 120, 30, 60
    manager = SaveManager()
    typed: list[float] = []           # when each key came
    done: list[tuple[int, float]] = []   # (keys the write carried, when it was in the database)
    running: list[int] = []

    def start_write() -> None:        # what the body editor's timer does for a long body
        assert not running, "a second write while one is under way"
        carried = len(typed)
        running.append(carried)
        handle.started_background()

        def finish() -> None:
            running.clear()
            handle.ended_background()
            done.append((carried, time.monotonic()))
            if len(typed) > carried:  # typed while it ran: the editor marks itself dirty again
                handle.mark_dirty()
        QTimer.singleShot(cost_ms, finish)

    handle = manager.register("body", lambda: None, on_timer=start_write)

    def key() -> None:
        typed.append(time.monotonic())
        handle.mark_dirty(costly=True)
    stalls = LoopStalls()
    ticker = QTimer(interval=key_every_ms, timerType=Qt.TimerType.PreciseTimer)
    ticker.timeout.connect(key)
    ticker.start()
    qtbot.waitUntil(lambda: len(typed) >= keys, timeout=10_000)
    ticker.stop()
    qtbot.waitUntil(lambda: not handle.dirty and not running and done and done[-1][0] == len(typed),
                    timeout=5_000)
    stalls.stop()
    waits = []
    for i, t in enumerate(typed):
        stored = next(at for carried, at in done if carried > i)
        waits.append((stored - t - stalls.within(t, stored)) * 1000)
    assert len(done) >= 3
    assert max(waits) <= 300, f"oldest key waited {max(waits):.0f} ms; writes at {done}"
