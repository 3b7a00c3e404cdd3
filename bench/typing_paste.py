"""The benchmark bench/typing.py runs: typing right after a paste (issue 13 point 8) — the per-key
received a 100 KB and a 1 MB paste, against an empty section, in one run.

Each scenario opens a new section of the sample's first report in a real MainWindow (offscreen),
pastes its text with Ctrl+V as Word hands it over (HTML: paragraphs, bold, italic, a soft break),
then types KEYS keys at the end, one every PACE_MS. A key's latency is the key event handled plus
everything the event loop then does at once (layout, paint). Between keys the event loop runs the
autosave's timers; the longest of those stretches is reported too (a key typed then waits for it).
The budget is one frame at 60 Hz: 16 ms per key.

More rows (e.g. "spell check on") are one more `Scenario` in SCENARIOS: its `setup` runs on the
window before the paste."""
from __future__ import annotations

import html
import os
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from _common import ROOT

sys.path.insert(0, str(ROOT / "tests"))

from PySide6.QtCore import QEventLoop, QMimeData, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from qt_keys import press, type_text
from typing_save import megabyte_body, sample_window
from tudanhgia.domain.richtext import RichText, Run
from tudanhgia.ui.main_window import MainWindow

BUDGET_MS = 16.0
KEYS = 150
PACE_MS = 40          # a fast typist: 25 keys a second
TYPED = "Đã triển khai đồng bộ, kịp thời các nhiệm vụ được giao. "


@dataclass
class Scenario:
    label: str
    size: int                                           # bytes of UTF-8 pasted first (0: nothing)
    setup: Callable[[MainWindow], None] | None = None   # e.g. turn a feature on before the paste


SCENARIOS = [
    Scenario("empty section", 0),
    Scenario("100 KB pasted", 100_000),
    Scenario("1 MB pasted", 1_000_000),
]


def _spelling(on: bool) -> Callable[[MainWindow], None]:
    """Spell check as you type (Công cụ ▸ Kiểm tra chính tả khi gõ, on by default: the rows above)."""
    def setup(w: MainWindow) -> None:
        w.act_spelling.setChecked(on)
    return setup


SCENARIOS += [Scenario("spell check off: empty", 0, _spelling(False)),
              Scenario("spell check off: 100 KB", 100_000, _spelling(False)),
              Scenario("spell check off: 1 MB", 1_000_000, _spelling(False))]


def word_html(rt: RichText) -> str:
    """`rt` as Word puts it on the clipboard: one <p class=MsoNormal> a paragraph, <b>/<i> runs,
    and a soft break (<br>) in every tenth paragraph."""
    out = ["<html><body><!--StartFragment-->"]
    for i, p in enumerate(rt.paragraphs):
        parts = []
        for run in p.items:
            if not isinstance(run, Run):
                continue
            text = html.escape(run.text)
            if run.bold:
                text = f"<b>{text}</b>"
            if run.italic:
                text = f"<i>{text}</i>"
            parts.append(text)
        if i % 10 == 5:
            parts.insert(1, "<br>")
        out.append(f"<p class=MsoNormal>{''.join(parts)}<o:p></o:p></p>")
    out.append("<!--EndFragment--></body></html>")
    return "\n".join(out)


def pump(until: float, stalls: list[float]) -> None:
    """Run the event loop until `until` (time.perf_counter), noting how long each turn took."""
    app = QApplication.instance()
    while time.perf_counter() < until:
        t0 = time.perf_counter()
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 5)
        stalls.append((time.perf_counter() - t0) * 1000)
        time.sleep(0.001)


def run(w: MainWindow, scenario: Scenario) -> dict[str, float]:
    app = QApplication.instance()
    w.editor.select(w.ctx.report().sections[-1].id)
    w.editor.act_add.trigger()                   # a new section at the end, as "Thêm mục" makes it
    if scenario.setup is not None:
        scenario.setup(w)
    edit = w.editor.page.editor
    edit.setFocus()
    app.processEvents()
    paste_ms = 0.0
    if scenario.size:
        mime = QMimeData()
        body = megabyte_body(scenario.size)
        mime.setHtml(word_html(body))
        mime.setText(body.plain)
        QGuiApplication.clipboard().setMimeData(mime)
        t0 = time.perf_counter()
        press(edit, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
        app.processEvents()
        paste_ms = (time.perf_counter() - t0) * 1000
        pump(time.perf_counter() + 1.0, [])      # the paste's own autosave, before the keys
    edit.moveCursor(edit.textCursor().MoveOperation.End)
    keys: list[float] = []
    stalls: list[float] = []
    for i in range(KEYS):
        t0 = time.perf_counter()
        type_text(edit, TYPED[i % len(TYPED)])
        app.processEvents()                      # what the key set off at once: layout, paint
        keys.append((time.perf_counter() - t0) * 1000)
        pump(t0 + PACE_MS / 1000, stalls)
    pump(time.perf_counter() + 0.6, stalls)      # the last autosave
    w.ctx.saves.flush_all()
    size = len(edit.toPlainText().encode("utf-8"))
    keys.sort()
    return {"size": size, "paste": paste_ms, "median": statistics.median(keys),
            "p95": keys[int(len(keys) * 0.95) - 1], "max": keys[-1], "stall": max(stalls, default=0.0)}


def main() -> None:
    with sample_window() as w:
        print(f"Typing after a paste (Ctrl+V of Word's HTML) in a new section: {KEYS} keys, one every {PACE_MS} ms "
              f"(load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs)")
        print(f"{'scenario':<28}{'text':>10}{'paste':>10}{'key median':>12}{'p95':>9}{'max':>9}"
              f"{'x empty':>9}{'longest stall':>15}")
        base = None
        for scenario in SCENARIOS:
            r = run(w, scenario)
            base = base or r["median"]
            verdict = "ok" if r["p95"] <= BUDGET_MS else "OVER"
            print(f"{scenario.label:<28}{r['size'] / 1e3:>8,.0f}kB{r['paste']:>8.0f}ms{r['median']:>10.2f}ms"
                  f"{r['p95']:>7.2f}ms{r['max']:>7.2f}ms{r['median'] / base:>8.1f}x{r['stall']:>13.1f}ms  {verdict}")
        print(f"budget: {BUDGET_MS:g} ms per key (p95); 'longest stall' = the longest turn of the event loop "
              "between keys (autosave on the window's thread)")


if __name__ == "__main__":
    main()
