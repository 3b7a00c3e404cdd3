"""Benchmark: the editor side of issue 12 — one report of 30, 100, 300 and 1,000 sections (with 150
limitations × 3 measures, a 100 kB and a 1 MB section), every interaction of the open report against
a plain baseline of the same size measured in the same run, with the issue's targets.

Data are made through the services (ReportService): a report of the 2023 collective self-review
kind, its outline grown with chapters of numbered items (three levels) to n sections, each with a
few paragraphs of its own, then the limitations and measures, then one section's body made 100 kB
and another's 1 MB — cached under build/work/bench-data/ by generator version and schema.

    python bench/scale_editor.py                   # every row at 30, 100, 300 and 1,000 sections
    python bench/scale_editor.py --sizes 300 1000
    python bench/scale_editor.py --rows autosave    # only rows whose name starts with this

Rows (the real MainWindow, offscreen; medians and p95 of interleaved runs):
- section switch: the navigator's click on another section (the page shown, numbering, progress,
  actions); baseline: a plain QTextEdit of the same size shown with `setPlainText` of the same text.
- add / move / delete section: the outline's action, everything the window does until it is idle;
  baseline: the same edit done plainly — a sqlite3 INSERT (or the position UPDATEs, or a DELETE) and
  COMMIT, and one item inserted into (or moved in, taken from) a plain QTreeWidget of n items.
- open report: the window's whole open; baseline: a plain QTreeWidget filled with the n headings.
- autosave: one key then the save exactly as the pause after typing runs it, on the UI thread;
  baseline: the document's `toPlainText` and a plain sqlite3 UPDATE … COMMIT of the same stored bytes.
- typing during the 1 MB save: keys sent every 10 ms while the 1 MB body is being written; how late
  the latest key came (the longest gap less the 10 ms: what a key waits at worst); baseline: the same
  keys without a save.
The cost per 10× data (ours at 1,000 sections / at 100) closes the table.
"""
from __future__ import annotations

import argparse
import gc
import itertools
import os
import random
import shutil
import sqlite3
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from _common import ROOT, tmpdir

sys.path.insert(0, str(ROOT / "tests"))

GENERATOR_VERSION = 1   # change when the generated data change: the cache is keyed by it
DATA_DIR = ROOT / "build" / "work" / "bench-data"
SIZES = (30, 100, 300, 1000)
KIND = "kiem-diem-tap-the-2023"
LIMITATIONS, MEASURES_EACH = 150, 3
SWITCH_BUDGET_MS, EDIT_BUDGET_MS, SAVE_BUDGET_MS = 16.0, 50.0, 5.0

TOPICS = ["chuyển đổi số", "cải cách hành chính", "thi đua khen thưởng", "phòng chống tham nhũng",
          "dân vận chính quyền", "xây dựng nông thôn mới", "giảm nghèo bền vững", "quản lý đất đai",
          "an toàn giao thông", "đào tạo bồi dưỡng", "tiếp công dân", "giải quyết khiếu nại"]
SENTENCE = ("Tập thể lãnh đạo đã quán triệt, triển khai kịp thời các chủ trương, nghị quyết của cấp trên về {t}; "
            "phân công nhiệm vụ rõ ràng, kiểm tra, đôn đốc thường xuyên, kết quả đạt {n} hồ sơ. ")


# --- data -----------------------------------------------------------------------------------------------
def _schema_head() -> str:
    from tudanhgia.store.db import SCHEMA_HEAD
    return SCHEMA_HEAD


def _paragraphs(rnd: random.Random, count: int, sentences: int):
    from tudanhgia.domain.richtext import Paragraph, Run
    out = []
    for _ in range(count):
        text = "".join(SENTENCE.format(t=rnd.choice(TOPICS), n=rnd.randrange(10, 9999)) for _ in range(sentences))
        out.append(Paragraph((Run(text[:30], bold=True), Run(text[30:]))) if rnd.random() < 0.2
                   else Paragraph((Run(text),)))
    return out


def body_of_size(rnd: random.Random, size: int):
    """About `size` bytes of UTF-8 text in paragraphs of three sentences."""
    from tudanhgia.domain.richtext import RichText
    paras, total = [], 0
    while total < size:
        p = _paragraphs(rnd, 1, 3)[0]
        paras.append(p)
        total += len(p.text.encode("utf-8"))
    return RichText(tuple(paras))


def sections_db(n: int) -> Path:
    """A database holding one report of `n` sections, made through the services (cached)."""
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    path = DATA_DIR / f"sections-{n}-g{GENERATOR_VERSION}-{_schema_head()}.sqlite"
    if path.exists():
        return path
    work = path.with_name("making-" + path.name)
    for leftover in DATA_DIR.glob(work.name + "*"):
        leftover.unlink()
    t0 = time.perf_counter()
    _generate(work, n)
    work.rename(path)
    print(f"generated a {n}-section report through the services in {time.perf_counter() - t0:.1f} s: {path}",
          file=sys.stderr)
    return path


def _generate(path: Path, n: int) -> None:
    from tudanhgia.domain import Limitation, Measure, Period, RichText, Section, UnitProfile
    from tudanhgia.services import ReportService
    rnd = random.Random(n)
    service = ReportService.open(path)
    unit = service.save_unit(UnitProfile(name="Văn phòng HĐND và UBND huyện Sơn Tịnh", place="Sơn Tịnh",
                                         abbreviation="VP", parent_agency="UBND HUYỆN SƠN TỊNH",
                                         issuing_agency="VĂN PHÒNG"))
    report = service.kinds.resolve(KIND).create_report(Period(2025), unit)
    count = sum(1 for _ in report.walk())
    for s in report.walk():
        if not s.children and s.content is None:
            s.body = RichText(tuple(_paragraphs(rnd, 3, 3)))
    added: list[Section] = []
    chapter = item = None
    i = 0
    while count < n:   # chapters (I., II. …) of items (1., 2. …), every third item with sub-items (1.1. …)
        i += 1
        if chapter is None or len(chapter.children) >= 12:
            chapter = Section(f"Kết quả thực hiện chuyên đề {rnd.choice(TOPICS)} (nhóm {i})")
            report.sections.insert(len(report.sections) - 1, chapter)
        elif item is not None and len(item.children) < 3 and len(chapter.children) % 3 == 0:
            item.children.append(Section(f"Nội dung {i}: {rnd.choice(TOPICS)}",
                                         RichText(tuple(_paragraphs(rnd, 3, 3)))))
            added.append(item.children[-1])
            count += 1
            continue
        else:
            item = Section(f"Công tác {rnd.choice(TOPICS)} ({i})", RichText(tuple(_paragraphs(rnd, 3, 3))))
            chapter.children.append(item)
            added.append(item)
        count += 1
    leaves = [s for s in report.walk() if not s.children and s.content is None]
    for _ in range(LIMITATIONS):
        lim = Limitation(text=RichText(tuple(_paragraphs(rnd, 1, 2))),
                         cause_subjective=RichText(tuple(_paragraphs(rnd, 1, 1))),
                         concerns=rnd.choice(leaves),
                         measures=[Measure(measure=RichText(tuple(_paragraphs(rnd, 1, 1))),
                                           lead_unit=f"Phòng {rnd.choice(TOPICS)}", timeframe=f"Quý {j + 1} năm 2026")
                                   for j in range(MEASURES_EACH)])
        report.limitations.append(lim)
    service.add_report(report)
    big, large = leaves[len(leaves) // 2], leaves[len(leaves) // 3]
    service.update_section(large.id, body=body_of_size(rnd, 100_000))
    service.update_section(big.id, body=body_of_size(rnd, 1_000_000))
    service.close()


# --- measuring ------------------------------------------------------------------------------------------
@dataclass
class Result:
    name: str
    n: int
    ours: list[float]          # seconds per run
    base: list[float] | None   # the plain baseline, same runs
    budget_ms: float | None = None
    note: str = ""

    @property
    def median(self) -> float:
        return statistics.median(self.ours)


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def settle(app) -> None:
    """Everything the window queued (deferred deletes, posted events) done: idle again."""
    app.processEvents()


class Session:
    """The window with the report of `n` sections open, and the plain widgets of the baselines."""

    def __init__(self, n: int):
        from PySide6.QtCore import QSettings
        from PySide6.QtWidgets import QTextEdit, QTreeWidget
        from tudanhgia.services import ReportService
        from tudanhgia.ui import messages
        from tudanhgia.ui.app import WINDOW_BUSY_TIMEOUT_MS, make_application
        from tudanhgia.ui.main_window import MainWindow
        self.n = n
        self.folder = tmpdir()
        os.environ["TUDANHGIA_DATA_DIR"] = str(self.folder / "data")   # backups and logs of this run stay here
        self.db = self.folder / "bench.sqlite"
        shutil.copy(sections_db(n), self.db)
        self.app = make_application()
        messages.confirm = lambda *a, **k: True   # "delete this section?" answered yes
        self.service = ReportService.open(self.db, create=False, busy_timeout_ms=WINDOW_BUSY_TIMEOUT_MS)
        self.report_id = self.service.list_reports()[0].id
        self.w = MainWindow(self.service, settings=QSettings(str(self.folder / "ui.ini"), QSettings.Format.IniFormat))
        self.w.resize(1366, 768)
        self.w.show()
        t0 = time.perf_counter()
        self.w.open_report(self.report_id)
        settle(self.app)
        self.open_s = time.perf_counter() - t0
        self.w.backups.stop()   # the backup 3 s after the open would run beside the measurements
        self.editor = self.w.editor
        report = self.service.get_report(self.report_id)
        self.report = report
        self.sizes = {s.id: len(s.body.plain.encode("utf-8")) for s in report.walk()}
        self.big = max(self.sizes, key=self.sizes.__getitem__)
        self.large = max((k for k in self.sizes if k != self.big), key=self.sizes.__getitem__)
        self.raw = sqlite3.connect(self.db, isolation_level=None)
        self.raw.execute("PRAGMA synchronous=NORMAL")
        self.plain_edit = QTextEdit()
        self.plain_edit.resize(1000, 600)
        self.plain_edit.show()
        self.plain_tree = QTreeWidget()
        self.plain_tree.setHeaderHidden(True)
        self.plain_tree.resize(360, 600)
        self.plain_tree.show()

    def close(self) -> None:
        self.raw.close()
        self.plain_edit.close()
        self.plain_tree.close()
        self.w.backups.stop()
        self.w.backups.wait(30)
        self.w.close_report()
        self.w.close()
        self.service.close()
        settle(self.app)
        shutil.rmtree(self.folder, ignore_errors=True)

    def fill_plain_tree(self) -> None:
        from PySide6.QtWidgets import QTreeWidgetItem
        tree = self.plain_tree
        tree.clear()

        def add(sections, owner) -> None:
            for s in sections:
                item = QTreeWidgetItem(owner, [s.heading])
                add(s.children, item)
        add(self.report.sections, tree)
        tree.expandAll()
        settle(self.app)


def row_open(s: Session) -> Result:
    base = []
    for _ in range(5):
        t0 = time.perf_counter()
        s.fill_plain_tree()
        base.append(time.perf_counter() - t0)
    return Result("open report", s.n, [s.open_s], base, note="once; base: a plain QTreeWidget of the n headings")


def row_switch(s: Session) -> Result:
    """Clicks on sections never shown before (their page is made), spread over the whole outline."""
    ids = [sid for sid in s.sizes if sid not in (s.big, s.large)]
    rnd = random.Random(7)
    order = rnd.sample(ids, min(len(ids), 120))
    ours, base = [], []
    texts = {sec.id: sec.body.plain for sec in s.report.walk()}
    for sid in order:
        t0 = time.perf_counter()
        s.editor.select(sid)
        settle(s.app)
        ours.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        s.plain_edit.setPlainText(texts[sid])
        settle(s.app)
        base.append(time.perf_counter() - t0)
    return Result("section switch", s.n, ours, base, SWITCH_BUDGET_MS,
                  note="base: plain QTextEdit.setPlainText of the same text")


def _structural(s: Session) -> tuple[Result, Result, Result]:
    """Add a section after one in the middle, move it down and up, delete it — seven times."""
    from PySide6.QtWidgets import QTreeWidgetItem
    ed = s.editor
    mid = [sid for sid in s.sizes if sid not in (s.big, s.large)][len(s.sizes) // 2]
    s.fill_plain_tree()
    tree = s.plain_tree
    plain_parent = tree.topLevelItem(tree.topLevelItemCount() // 2)
    times: dict[str, list[float]] = {k: [] for k in ("add", "move", "delete", "add0", "move0", "delete0")}
    sec = s.report.find(mid)
    parent = s.report.parent_of(sec)
    parent_id = parent.id if parent else None
    position = s.report.siblings_of(sec).index(sec)

    def timed(key: str, fn: Callable[[], object]) -> None:
        t0 = time.perf_counter()
        fn()
        settle(s.app)
        times[key].append(time.perf_counter() - t0)

    holder: dict = {}
    for _ in range(7):
        ed.select(mid)
        settle(s.app)
        timed("add", ed.act_add.trigger)
        timed("move", ed.act_down.trigger)
        ed.act_up.trigger()
        settle(s.app)
        timed("delete", ed.act_delete.trigger)
        # the plain edit: the same row inserted, moved, deleted; one item in a plain tree of n
        holder.clear()

        def plain_add() -> None:
            s.raw.execute("BEGIN")
            cur = s.raw.execute("INSERT INTO section (report_id, parent_id, position, heading, body_json, "
                                "guidance_json, optional, fixed, content_label, measure_label, key) "
                                "VALUES (?, ?, ?, 'Mục mới', '', '', 0, 0, '', '', NULL)",
                                (s.report_id, parent_id, position + 1))
            s.raw.execute("UPDATE section SET position = position + 1 WHERE report_id = ? AND parent_id IS ? "
                          "AND position > ? AND id != ?", (s.report_id, parent_id, position, cur.lastrowid))
            s.raw.execute("COMMIT")
            holder["id"] = cur.lastrowid
            holder["item"] = QTreeWidgetItem(["Mục mới"])
            plain_parent.insertChild(1, holder["item"])

        def plain_move() -> None:
            s.raw.execute("BEGIN")
            s.raw.execute("UPDATE section SET position = position + 1 WHERE id = ?", (holder["id"],))
            s.raw.execute("UPDATE section SET position = position - 1 WHERE report_id = ? AND parent_id IS ? "
                          "AND position = ?", (s.report_id, parent_id, position + 2))
            s.raw.execute("COMMIT")
            item = plain_parent.takeChild(1)
            plain_parent.insertChild(2, item)

        def plain_delete() -> None:
            s.raw.execute("BEGIN")
            s.raw.execute("DELETE FROM section WHERE id = ?", (holder["id"],))
            s.raw.execute("UPDATE section SET position = position - 1 WHERE report_id = ? AND parent_id IS ? "
                          "AND position > ?", (s.report_id, parent_id, position))
            s.raw.execute("COMMIT")
            plain_parent.removeChild(plain_parent.child(2))

        timed("add0", plain_add)
        timed("move0", plain_move)
        timed("delete0", plain_delete)
    note = "base: plain sqlite3 write + one plain QTreeWidget item of n"
    return (Result("add section", s.n, times["add"], times["add0"], EDIT_BUDGET_MS, note),
            Result("move section", s.n, times["move"], times["move0"], EDIT_BUDGET_MS, note),
            Result("delete section", s.n, times["delete"], times["delete0"], EDIT_BUDGET_MS, note))


def _autosave(s: Session, section_id: int, label: str, budget: float | None, repeat: int = 9) -> Result:
    from qt_keys import type_text
    page = s.editor.page
    s.editor.select(section_id)
    settle(s.app)
    edit = page.editor
    edit.setFocus()
    edit.moveCursor(edit.textCursor().MoveOperation.End)
    ours, base = [], []
    for _ in range(repeat):
        type_text(edit, "b")
        t0 = time.perf_counter()
        page.autosave.write()      # what the timer calls after the pause
        ours.append(time.perf_counter() - t0)
        settle(s.app)
        wait_written(s)
        stored = s.raw.execute("SELECT body_json FROM section WHERE id = ?", (section_id,)).fetchone()[0]
        t0 = time.perf_counter()
        edit.document().toPlainText()
        s.raw.execute("BEGIN")
        s.raw.execute("UPDATE section SET body_json = ? WHERE id = ?", (stored, section_id))
        s.raw.execute("COMMIT")
        base.append(time.perf_counter() - t0)
    kb = s.sizes[section_id] / 1000
    return Result(label, s.n, ours, base, budget, note=f"{kb:,.0f} kB; base: toPlainText + plain sqlite3 UPDATE")


def wait_written(s: Session, timeout: float = 10.0) -> None:
    """Until no write of typing is under way off the UI thread (a no-op when writes are synchronous)."""
    deadline = time.perf_counter() + timeout
    while s.w.ctx.background.busy and time.perf_counter() < deadline:
        s.app.processEvents()
        time.sleep(0.002)


def row_typing_during_big_save(s: Session) -> Result:
    """Keys every 10 ms for 1.5 s in the 1 MB section, a save started by the first; the longest gap."""
    from PySide6.QtCore import QEventLoop, QTimer
    from qt_keys import type_text
    page = s.editor.page
    s.editor.select(s.big)
    settle(s.app)
    edit = page.editor
    edit.setFocus()
    edit.moveCursor(edit.textCursor().MoveOperation.End)

    def gaps(with_save: bool) -> float:
        loop = QEventLoop()
        stamps: list[float] = []
        timer = QTimer(interval=10)

        def tick() -> None:
            stamps.append(time.perf_counter())
            type_text(edit, "x")
            if len(stamps) == 1 and with_save:
                page.autosave.write()
            elif not with_save:
                page.autosave.cancel()
            if stamps[-1] - stamps[0] > 1.5:
                timer.stop()
                loop.quit()
        timer.timeout.connect(tick)
        timer.start()
        loop.exec()
        page.autosave.cancel()
        wait_written(s)
        # beyond the timer's own 10 ms: how late the worst key was
        return max(b - a for a, b in itertools.pairwise(stamps)) - 0.010

    ours, base = [], []
    for _ in range(3):
        base.append(gaps(False))
        ours.append(gaps(True))
    page.autosave.write()
    wait_written(s)
    return Result("typing during the 1 MB save", s.n, ours, base, SWITCH_BUDGET_MS,
                  note="the latest a key came, beyond its 10 ms; base: the same keys, no save")


ROW_NAMES = ("open report", "section switch", "add section", "move section", "delete section",
             "autosave ordinary section", "autosave 100 kB section", "autosave 1 MB section (UI thread)",
             "typing during the 1 MB save")


def measure(n: int, rows: str) -> list[Result]:
    s = Session(n)
    out: list[Result] = []
    try:
        want = lambda name: name.startswith(rows)  # noqa: E731
        if want("open"):
            out.append(row_open(s))
        if want("section switch"):
            out.append(row_switch(s))
        if any(want(k) for k in ("add", "move", "delete")):
            out.extend(r for r in _structural(s) if want(r.name))
        ordinary = next(sid for sid in sorted(s.sizes, key=s.sizes.__getitem__)
                        if s.sizes[sid] >= 2000 and sid not in (s.big, s.large))
        if want("autosave ordinary"):
            out.append(_autosave(s, ordinary, "autosave ordinary section", SAVE_BUDGET_MS))
        if want("autosave 100"):
            out.append(_autosave(s, s.large, "autosave 100 kB section", None))
        if want("autosave 1 MB"):
            out.append(_autosave(s, s.big, "autosave 1 MB section (UI thread)", SWITCH_BUDGET_MS, repeat=5))
        if want("typing"):
            out.append(row_typing_during_big_save(s))
    finally:
        s.close()
        gc.collect()
    return out


def _ms(v: float) -> str:
    return f"{v * 1000:8.1f} ms"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=list(SIZES))
    parser.add_argument("--rows", default="", help="only rows whose name starts with this")
    parser.add_argument("--generate-only", action="store_true")
    args = parser.parse_args()
    for n in args.sizes:
        sections_db(n)
    if args.generate_only:
        return
    print("The open report at scale (medians; p95 of the same runs; baselines measured in the same run)")
    print(f"{'row':36} {'sections':>8} {'ours':>11} {'p95':>11} {'baseline':>11} {'ratio':>6}  target")
    results: dict[tuple[str, int], Result] = {}
    for n in sorted(args.sizes):
        for r in measure(n, args.rows):
            results[(r.name, n)] = r
            base = statistics.median(r.base) if r.base else None
            ratio = f"{r.median / base:6.1f}" if base else "     —"
            target, ok = "", ""
            if r.budget_ms is not None:
                target = f"≤ {r.budget_ms:g} ms"
                ok = "ok" if r.median * 1000 <= r.budget_ms and p95(r.ours) * 1000 <= 2 * r.budget_ms else "OVER"
            print(f"{r.name:36} {n:8d} {_ms(r.median)} {_ms(p95(r.ours))} {_ms(base) if base else ' ' * 11} "
                  f"{ratio}  {target} {ok}  ({r.note})", flush=True)
    if len(args.sizes) > 1:
        print("\nCost per 10× data (ours at 1,000 sections / at 100; at 300 / at 30):")
        for name in ROW_NAMES:
            parts = []
            for small, big in ((100, 1000), (30, 300)):
                if (name, small) in results and (name, big) in results:
                    a, b = results[(name, small)], results[(name, big)]
                    parts.append(f"{b.median / a.median:5.2f}× ({big}/{small}; baseline "
                                 f"{statistics.median(b.base) / statistics.median(a.base):5.2f}×)"
                                 if a.base and b.base else f"{b.median / a.median:5.2f}× ({big}/{small})")
            if parts:
                print(f"  {name:36} " + "   ".join(parts))


if __name__ == "__main__":
    main()
