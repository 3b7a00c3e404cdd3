"""Crash test (issue 11, point 4): start the REAL application, kill it with SIGKILL at a random
moment, reopen what it left, and check it.

    python tests/crash/run.py [--kills 100] [--export 10] [--import 10] [--xlsx 10] [--migration 10]
                              [--backup 10] [--min-delay 0.3] [--max-delay 8] [--seed N]

Typing kills: `python -m tudanhgia --db COPY --data-dir DIR` on a copy of the sample database,
offscreen, with the in-process driver (driver.py) typing into the window's own widgets; the kill
comes a random time after the first key. The database is then reopened with plain sqlite3
(`PRAGMA integrity_check`, `PRAGMA foreign_key_check`) and with the application's own open path
(the identity and integrity check, the service, every report loaded), and the loss window is
computed from the driver's keystroke log: the age, at the kill, of the oldest keystroke whose
effect is not in the database (0 when everything typed is there).

Other kills, each on its own copy: a DOCX export (the target is the old file, absent, or a
complete new document — never a truncated one; temporary files left beside it are counted), an
import of a DOCX or text report (no report, or the whole report — never a partial one), an Excel
import of measure updates (none or all of the rows applied), a migration from an older schema,
and the backup taken at start-up (every backup left under its final name is a sound database).
Those kills land either at a random time or, through inject.py, just before a chosen database
write of the process (between two statements, or two transactions, of the operation).

The first line of the summary is "N kills, C corrupt, max loss M ms" (typing kills); the exit
status is 1 when any check fails or the loss exceeds --max-loss-ms."""
from __future__ import annotations

import argparse
import dataclasses
import hashlib
import json
import os
import random
import shutil
import signal
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import unicodedata
import zipfile
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
SAMPLE = ROOT / "sample_db" / "sample.sqlite"
SCHEMAS = ROOT / "tests" / "data" / "schemas"
TEXT_SAMPLE = ROOT / "tests" / "data" / "samples" / "kiem-diem-tap-the-2020.txt"
FOOTNOTE_MARK, LINE_SEPARATOR = "\u2217", "\u2028"   # how the body editor shows a footnote and a line break
START_TIMEOUT = 90.0      # seconds for the window to open and the first key to be typed (a loaded machine)
RUN_TIMEOUT = 120.0
BACKUP_WAIT = 30.0        # seconds for the window to start its backup at open (it waits for the first paint)


# --- processes ------------------------------------------------------------------------------------
def child_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("TUDANHGIA_")}
    env["QT_QPA_PLATFORM"] = "offscreen"
    env["PYTHONPATH"] = os.pathsep.join([str(HERE), *filter(None, [os.environ.get("PYTHONPATH")])])
    env.update(extra)
    return env


def app_command(*args: str) -> list[str]:
    return [sys.executable, "-m", "tudanhgia", *args]


def inject_command(*args: str) -> list[str]:
    return [sys.executable, str(HERE / "inject.py"), *args]


def cli_args(command: str, db: Path, data: Path, *rest: str) -> list[str]:
    # --db and --data-dir after the command: the subcommand's own copies of them would reset them
    return [command, *rest, "--db", str(db), "--data-dir", str(data)]


def start(cmd: list[str], folder: Path, env: dict[str, str]) -> subprocess.Popen:
    with open(folder / "stdout.txt", "wb") as out, open(folder / "stderr.txt", "wb") as err:
        return subprocess.Popen(cmd, cwd=folder, env=env, stdin=subprocess.DEVNULL, stdout=out, stderr=err)


def kill(proc: subprocess.Popen) -> tuple[float, bool]:
    """SIGKILL now; (the moment it was sent, whether the process was still running)."""
    t = time.monotonic()
    alive = proc.poll() is None
    if alive:
        os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    return t, alive


def run_to_end(cmd: list[str], folder: Path, env: dict[str, str]) -> subprocess.CompletedProcess:
    done = subprocess.run(cmd, cwd=folder, env=env, stdin=subprocess.DEVNULL, capture_output=True,
                          timeout=RUN_TIMEOUT)
    return done


# --- checking a database ---------------------------------------------------------------------------
def sqlite_problem(db: Path) -> str | None:
    """What plain sqlite3 finds wrong after the kill (it replays the -wal as any reader would)."""
    try:
        con = sqlite3.connect(db)
        try:
            result = [r[0] for r in con.execute("PRAGMA integrity_check")]
            if result != ["ok"]:
                return "integrity_check: " + "; ".join(map(str, result[:5]))
            bad_keys = con.execute("PRAGMA foreign_key_check").fetchall()
            if bad_keys:
                return f"foreign_key_check: {len(bad_keys)} rows, e.g. {bad_keys[0]}"
        finally:
            con.close()
    except sqlite3.Error as exc:
        return f"sqlite3: {exc}"
    return None


class App:
    """The application's own open path, in this process: the file check, the service, the reports."""

    def __init__(self) -> None:
        from tudanhgia.paths import AppPaths
        from tudanhgia.services import ReportService
        from tudanhgia.store.db import inspect_file
        self._paths, self._service, self._inspect = AppPaths, ReportService, inspect_file

    def open(self, db: Path, data: Path):
        self._inspect(db)
        return self._service.open(db, self._paths.default(data), create=False)

    def reports(self, db: Path, data: Path) -> dict:
        """Every report (trash included) by id, or raises what the application raises."""
        service = self.open(db, data)
        try:
            rows = service.list_reports() + service.list_reports(deleted=True)
            return {r.id: service.get_report(r.id) for r in rows}
        finally:
            service.close()

    def problem(self, db: Path, data: Path) -> tuple[str | None, dict]:
        """(what is wrong, or None; the reports): plain sqlite3 first, then the application."""
        problem = sqlite_problem(db)
        if problem is not None:
            return problem, {}
        try:
            return None, self.reports(db, data)
        except Exception as exc:  # whatever the application would show the officer instead of the data
            first = (str(exc).strip().splitlines() or [""])[0]
            return f"the application cannot open it: {type(exc).__name__}: {first}", {}


def fingerprint(report) -> str:
    """Everything an officer wrote in a report, without database ids or times."""
    from tudanhgia.render.text import report_text

    def measure(m) -> tuple:
        return (m.content, m.measure, m.directed_by, m.lead_unit, m.cooperating, m.timeframe, m.due, m.status,
                m.result, m.section.key if m.section else None)
    parts: list = [report_text(report), report.kind_id, report.period.code, report.meta, report.signer,
                   report.recipients, report.unit_name]
    parts += [(d, s.key, s.heading, s.body, s.rating, s.score) for s, d in report.walk_with_depth()]
    for lim in report.limitations:
        parts.append((lim.text, lim.cause_subjective, lim.cause_objective, lim.origin, lim.raised_by,
                      lim.concerns.key if lim.concerns else None, [measure(m) for m in lim.measures]))
    parts.append([measure(m) for m in report.measures])
    parts.append([(i.name, i.unit, i.value, i.denominator) for i in report.indicators])
    return hashlib.sha256(repr(parts).encode("utf-8")).hexdigest()


# --- typing kills -----------------------------------------------------------------------------------
def field_value(report, target: dict) -> str | None:
    """The stored text of the field the driver typed in, as plain text (None: it is gone)."""
    kind = target["kind"]
    if kind in ("preamble", "closing"):
        return getattr(report.meta, kind).plain
    if kind in ("body", "heading"):
        section = report.find(target["section_id"])
        return None if section is None else section.body.plain if kind == "body" else section.heading
    if kind == "meta":
        return getattr(report.meta, target["field"])
    if kind == "limitation":
        lim = next((x for x in report.limitations if x.id == target["limitation_id"]), None)
        return None if lim is None else lim.text.plain
    if kind == "measure":
        m = next((x for x in report.all_measures() if x.id == target["measure_id"]), None)
        if m is None:
            return None
        value = getattr(m, target["field"])
        return value.plain if hasattr(value, "plain") else value
    raise ValueError(kind)


def shown_as_stored(text: str) -> str:
    """The editor's text as the stored plain text reads (footnote markers out, line breaks as \\n)."""
    return text.replace(FOOTNOTE_MARK, "").replace(LINE_SEPARATOR, "\n")


def norm(text: str) -> str:
    """Text compared up to whitespace: one-line fields are stored trimmed and with single spaces
    (a trailing space typed last is in the database as far as the field's value goes)."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def read_log(path: Path) -> list[dict]:
    out = []
    if not path.exists():
        return out
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        try:
            out.append(json.loads(line))
        except json.JSONDecodeError:
            break  # a line cut by the kill (it was never followed by its key event)
    return out


@dataclasses.dataclass
class TypingKill:
    index: int
    report_id: int
    pace: str
    after_first_key: float = 0.0
    keys: int = 0
    lost_keys: int = 0
    loss_ms: float = 0.0
    loss_undisturbed_ms: float = 0.0    # the same over the fields the program did not rewrite while typing
    lost_in: str = ""
    corrupt: str | None = None          # what sqlite3 or the application found wrong
    mismatches: list[str] = dataclasses.field(default_factory=list)   # stored text typed by nobody
    anomalies: list[str] = dataclasses.field(default_factory=list)    # seen by the driver while typing
    typed_in: dict[str, int] = dataclasses.field(default_factory=dict)  # keys per kind of field
    key_waits: list[float] = dataclasses.field(default_factory=list)  # ms from a key's due time to its handling
    failure: str | None = None          # the harness could not do its part (the app did not start…)


def _kind(target: dict) -> str:
    return target["kind"] + (f".{target['field']}" if "field" in target else "")


def analyse(kill_: TypingKill, records: list[dict], t_kill: float, before: dict, after: dict) -> None:
    """Match every typed field with what is stored: the newest keystroke whose text is the
    stored value is the last one saved; the next one, if any, is the oldest one lost."""
    episodes: dict[int, dict] = {}
    order: list[str] = []
    disturbed: set[str | None] = set()   # fields whose text the program changed under the typing
    for r in records:
        if r["ev"] == "field":
            key = json.dumps(r["target"], sort_keys=True)
            episodes[r["fid"]] = {"target": r["target"], "key": key, "keys": [], "shown": r.get("shown", ""),
                                  "ended_as": None}
            if key not in order:
                order.append(key)
        elif r["ev"] == "key":
            episodes[r["fid"]]["keys"].append((r["t"], r["typed"]))
            if "wait" in r:
                kill_.key_waits.append(r["wait"])
        elif r["ev"] == "anomaly":
            episode = episodes.get(r.get("fid"), {})
            kill_.anomalies.append(f"{r['what']} ({episode.get('target')})")
            disturbed.add(episode.get("key"))
            if "shown" in r and episode:
                episode["ended_as"] = r["shown"]  # what the field really held after the last key
    kill_.keys = sum(len(e["keys"]) for e in episodes.values())
    for e in episodes.values():
        kind = _kind(e["target"])
        kill_.typed_in[kind] = kill_.typed_in.get(kind, 0) + len(e["keys"])
    oldest_lost: tuple[float, str] | None = None
    oldest_undisturbed: float | None = None
    lost = 0
    report_before, report_after = before.get(kill_.report_id), after.get(kill_.report_id)
    for key in order:
        target = json.loads(key)
        eps = [e for e in episodes.values() if e["key"] == key]
        base = field_value(report_before, target) if report_before is not None else None
        stored = field_value(report_after, target) if report_after is not None else None
        if base is None or stored is None:
            kill_.mismatches.append(f"{target}: the field is gone")
            continue
        current = unicodedata.normalize("NFC", base)
        # (time, text before the visit's keys, the keys): one string per key would take the memory of
        # a 1 MB body times its keys
        states: list[tuple[float | None, str, str]] = [(None, current, "")]
        for e in eps:
            shown = unicodedata.normalize("NFC", shown_as_stored(e["shown"]))
            if norm(shown) != norm(current):
                # the field showed something else than what was typed into it before (a reload
                # dropped typing): that is where the next keys really went
                kill_.anomalies.append(f"the field showed other text than typed before, at a new visit ({target})")
                disturbed.add(key)
            current = shown  # the keys go after what the field really holds
            for t, typed in e["keys"]:
                states.append((t, current, typed))
            if e["keys"] and e["ended_as"] is not None:
                # the program changed the field under the last key: from there on its text is what it showed
                states[-1] = (states[-1][0], unicodedata.normalize("NFC", shown_as_stored(e["ended_as"])), "")
            if e["keys"]:
                current = states[-1][1] + states[-1][2]
        stored = norm(stored)
        # the newest state first: what is lost is a few keys at most
        saved = next((i for i in range(len(states) - 1, -1, -1)
                      if norm(states[i][1] + states[i][2]) == stored), None)
        if saved is None:
            kill_.mismatches.append(f"{target}: stored …{stored[-60:]!r} is no state typed "
                                    f"(last typed …{norm(states[-1][1] + states[-1][2])[-60:]!r})")
            continue
        if saved < len(states) - 1:
            lost += len(states) - 1 - saved
            t_first = states[saved + 1][0]
            if oldest_lost is None or t_first < oldest_lost[0]:
                oldest_lost = (t_first, _kind(target))
            if key not in disturbed and (oldest_undisturbed is None or t_first < oldest_undisturbed):
                oldest_undisturbed = t_first
    kill_.lost_keys = lost
    if oldest_lost is not None:
        kill_.loss_ms = max(0.0, (t_kill - oldest_lost[0]) * 1000)
        kill_.lost_in = oldest_lost[1]
    if oldest_undisturbed is not None:
        kill_.loss_undisturbed_ms = max(0.0, (t_kill - oldest_undisturbed) * 1000)


BIG_SECTION_BYTES = 1_000_000
BIG_SENTENCES = (
    "Tập thể lãnh đạo đã quán triệt, triển khai kịp thời các chủ trương, nghị quyết của cấp trên.",
    "Phân công nhiệm vụ rõ ràng, kiểm tra, đôn đốc thường xuyên việc thực hiện ở từng đơn vị.",
    "Công tác tự phê bình và phê bình được thực hiện nghiêm túc, đúng quy định, có chất lượng.",
    "Một số cán bộ, đảng viên chưa thật sự chủ động, còn trông chờ vào sự chỉ đạo của cấp trên.",
    "Nguyên nhân chủ quan là việc kiểm tra, giám sát có lúc chưa thường xuyên, chưa sâu sát.",
    "Năm 2024, đơn vị hoàn thành 100% chỉ tiêu được giao, giữ vững đoàn kết, thống nhất nội bộ.",
    "Ủy ban nhân dân xã đã ban hành kế hoạch khắc phục hạn chế, khuyết điểm, có lộ trình cụ thể.",
)


def big_body(rng: random.Random, size: int = BIG_SECTION_BYTES):
    """About `size` bytes of UTF-8 as an officer's paragraphs: a few sentences each, some with a bold lead."""
    from tudanhgia.domain.richtext import Paragraph, RichText
    from tudanhgia.domain.richtext import Run as TextRun
    paras, total = [], 0
    while total < size:
        text = f"{len(paras) + 1}. " + " ".join(rng.choice(BIG_SENTENCES) for _ in range(rng.randint(2, 6)))
        runs = ((TextRun(text[:30], True, False), TextRun(text[30:], False, False)) if len(paras) % 5 == 0
                else (TextRun(text, False, False),))
        paras.append(Paragraph(runs))
        total += len(text.encode("utf-8")) + 1
    return RichText(tuple(paras))


class Run:
    def __init__(self, work: Path, seed: int, verbose: bool = True, quick: bool = False,
                 big_section: bool = False):
        """`quick` (the suite): every kill of another operation lands at a database write strictly
        inside it, and one import source is enough."""
        self.work = work
        self.quick = quick
        self.keep_over_ms = 300.0
        self.rng = random.Random(seed)
        self.verbose = verbose
        self.app = App()
        self.pristine = work / "pristine.sqlite"
        shutil.copyfile(SAMPLE, self.pristine)
        # with `big_section`, every typing kill types into one section of ~1 MB (written through the service)
        self.big: tuple[int, int] | None = self._make_big(work / "pristine-data") if big_section else None
        problem, self.before = self.app.problem(self.pristine, work / "pristine-data")
        if problem:
            raise SystemExit(f"the sample database cannot be opened: {problem}")
        self.report_ids = sorted(self.before)
        self.counter = 0

    def say(self, text: str) -> None:
        if self.verbose:
            print(text, flush=True)

    def folder(self, what: str) -> Path:
        self.counter += 1
        folder = self.work / f"{self.counter:03d}-{what}"
        folder.mkdir()
        (folder / "data").mkdir()
        return folder

    def copy_of(self, source: Path, folder: Path) -> Path:
        db = folder / "db.sqlite"
        shutil.copyfile(source, db)
        return db

    def _make_big(self, data: Path) -> tuple[int, int]:
        """(report id, section id) of a body section of the pristine copy made ~1 MB long."""
        service = self.app.open(self.pristine, data)
        try:
            report_id = self.rng.choice(sorted(r.id for r in service.list_reports()))
            report = service.get_report(report_id)
            section = self.rng.choice([s for s in report.walk() if not s.children and not s.fixed])
            service.update_section(section.id, body=big_body(self.rng))
        finally:
            service.close()
        con = sqlite3.connect(self.pristine)
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        con.close()
        return report_id, section.id

    # --- typing -------------------------------------------------------------------------------------
    def typing_kill(self, index: int, min_delay: float, max_delay: float, pace: str | None = None,
                    fields: list[str] | None = None, report_id: int | None = None) -> TypingKill:
        from driver import PACES
        folder = self.folder("typing")
        db = self.copy_of(self.pristine, folder)
        section_id = None
        if self.big is not None:   # only the long body, typed into without leaving it
            report_id, section_id = self.big
        report_id = report_id or self.rng.choice(self.report_ids)
        pace = pace or self.rng.choice(sorted(PACES))
        log = folder / "keys.jsonl"
        plan = {"log": str(log), "seed": self.rng.randrange(1 << 30), "report_id": report_id, "pace": pace,
                "fields": fields, "section_id": section_id}
        result = TypingKill(index, report_id, pace)
        env = child_env(TUDANHGIA_TEST_DRIVER="driver:main", TUDANHGIA_CRASH_PLAN=json.dumps(plan))
        proc = start(app_command("--db", str(db), "--data-dir", str(folder / "data")), folder, env)
        delay = self.rng.uniform(min_delay, max_delay)
        t_first = self._wait_first_key(proc, log)
        if t_first is None:
            kill(proc)
            errors = [r.get("what") for r in read_log(log) if r["ev"] == "error"]
            result.failure = ("the window never typed: " + "; ".join(filter(None, errors))
                              + _tail(folder / "data" / "logs" / "tudanhgia.log") + _tail(folder / "stderr.txt"))
            return result
        time.sleep(max(0.0, t_first + delay - time.monotonic()))
        t_kill, alive = kill(proc)
        if not alive:
            result.failure = "the application exited by itself before the kill" + _tail(folder / "stderr.txt")
            return result
        result.after_first_key = t_kill - t_first
        problem, after = self.app.problem(db, folder / "data")
        if problem is not None:
            result.corrupt = problem
            return result
        analyse(result, read_log(log), t_kill, self.before, after)
        if not (result.mismatches or result.anomalies or result.loss_ms > self.keep_over_ms):
            shutil.rmtree(folder, ignore_errors=True)  # kept for a look when something is wrong
        return result

    @staticmethod
    def _wait_first_key(proc: subprocess.Popen, log: Path) -> float | None:
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline and proc.poll() is None:
            for r in read_log(log):
                if r["ev"] == "start":
                    return r["t"]
                if r["ev"] == "error":
                    return None
            time.sleep(0.01)
        return None

    # --- kills of the other operations ----------------------------------------------------------------
    def _count_points(self, cmd_args: list[str], folder: Path, env: dict[str, str]) -> tuple[int, float]:
        """Run the command to its end under inject.py, counting its database write events."""
        count_file = folder / "points.txt"
        t0 = time.monotonic()
        done = run_to_end(inject_command(*cmd_args), folder, {**env, "TUDANHGIA_CRASH_COUNT": str(count_file)})
        took = time.monotonic() - t0
        if done.returncode not in (0, 1):
            raise RuntimeError(f"reference run failed ({done.returncode}): {done.stderr.decode()[-800:]}")
        return int(count_file.read_text() or 0), took

    def _killed(self, cmd_args: list[str], folder: Path, points: int, delays: tuple[float, float],
                watch: Callable[[], bool] | None = None) -> str:
        """Run the command and kill it: just before a random write event (two times in three, when
        `points` > 0), else a random time in `delays` (seconds) after its start, or after
        `watch()` first holds. Returns how."""
        env = child_env()
        if points and (self.quick or self.rng.random() < 2 / 3):
            at = self.rng.randint(2, points - 1) if self.quick and points > 2 else self.rng.randint(1, points)
            done = run_to_end(inject_command(*cmd_args), folder, {**env, "TUDANHGIA_CRASH_AT": str(at)})
            return f"write {at}/{points}" + ("" if done.returncode == -signal.SIGKILL else " (ended before)")
        return self._kill_at(app_command(*cmd_args), folder, delays, watch)

    @staticmethod
    def _write_window(cmd: list[str], folder: Path, present: Callable[[], bool]) -> float | None:
        """How long a temporary file exists while the command runs to its end (None: never seen)."""
        proc = start(cmd, folder, child_env())
        appeared = gone = None
        try:
            while proc.poll() is None:
                now_present = present()
                now = time.monotonic()
                if now_present and appeared is None:
                    appeared = now
                elif not now_present and appeared is not None and gone is None:
                    gone = now
                time.sleep(0.0005)
        finally:   # whatever went wrong here, the program is not left running (nor its Popen unwaited)
            if proc.poll() is None:
                proc.kill()
            proc.wait()
        if proc.returncode != 0:
            raise RuntimeError(f"the reference run failed ({proc.returncode})" + _tail(folder / "stderr.txt"))
        return None if appeared is None else (gone or time.monotonic()) - appeared

    def export_kills(self, n: int) -> list[dict]:
        if not n:
            return []
        from tudanhgia.services.export import export_docx
        report_id = max(self.report_ids, key=lambda i: len(list(self.before[i].walk())))
        ref = self.folder("export-reference")
        service = self.app.open(self.copy_of(self.pristine, ref), ref / "data")
        try:
            old = export_docx(service, min(self.report_ids), ref / "old.docx").read_bytes()  # another report
        finally:
            service.close()
        (ref / "out").mkdir()
        cmd = cli_args("export", ref / "db.sqlite", ref / "data", str(report_id), "--out",
                       str(ref / "out" / "new.docx"))
        # the shorter of two runs: the first one also pays for cold caches
        windows = [self._write_window(app_command(*cmd), ref, lambda: _has_tmp(ref / "out"))
                   for _ in range(1 if self.quick else 2)]
        window = min(windows) if None not in windows else None
        if window is None:
            raise RuntimeError("the reference export wrote no temporary file beside its target")
        new_paragraphs = _docx_paragraphs(ref / "out" / "new.docx")
        out = []
        for _ in range(n):
            folder = self.folder("export")
            db = self.copy_of(self.pristine, folder)
            target = folder / "out" / "BC-bao-cao.docx"
            target.parent.mkdir()
            had_old = self.rng.random() < 0.5
            if had_old:
                target.write_bytes(old)
            cmd = cli_args("export", db, folder / "data", str(report_id), "--out", str(target))
            # the file is the point here, not the database (its one write comes after the file): a time
            # while the temporary file exists, or a little after
            how = self._killed(cmd, folder, 0, (0.0, window * 1.1), watch=lambda d=target.parent: _has_tmp(d))
            leftovers = _temp_names(target.parent)
            if not target.exists():
                state = "OLD FILE LOST" if had_old else "absent"
            elif had_old and target.read_bytes() == old:
                state = "old file kept"
            else:
                paragraphs = _docx_paragraphs(target)
                state = "new, complete" if paragraphs == new_paragraphs else f"BROKEN ({paragraphs})"
            problem = sqlite_problem(db)
            after_next = None
            if leftovers and not self.quick:  # does the next export clear what the killed one left?
                run_to_end(app_command(*cmd), folder, child_env())
                after_next = _temp_names(target.parent)
            out.append({"how": how, "target": state, "tmp": leftovers, "tmp_after_next_export": after_next,
                        "db": problem or "ok",
                        "ok": state in ("absent", "old file kept", "new, complete") and problem is None})
            self.say(f"  export kill {len(out)}/{n}: {how}; target {state}; "
                     f"{len(leftovers)} temporary file(s) left"
                     + ("" if after_next is None else f", {len(after_next)} after the next export")
                     + f"; database {problem or 'ok'}")
        return out

    def import_kills(self, n: int) -> list[dict]:
        if not n:
            return []
        from tudanhgia.services.export import export_docx
        ref = self.folder("import-reference")
        service = self.app.open(self.copy_of(self.pristine, ref), ref / "data")
        try:
            docx = export_docx(service, max(self.report_ids), ref / "source.docx")
        finally:
            service.close()
        sources = {}
        for source in [self.rng.choice((docx, TEXT_SAMPLE))] if self.quick else (docx, TEXT_SAMPLE):
            db = self.copy_of(self.pristine, ref)
            points, took = self._count_points(cli_args("import", db, ref / "data", str(source)), ref, child_env())
            _problem, reports = self.app.problem(db, ref / "data")
            new = [r for i, r in reports.items() if i not in self.before]
            if len(new) != 1:
                raise RuntimeError(f"the reference import of {source.name} made {len(new)} reports")
            sources[source] = (points, took, fingerprint(new[0]))
        out = []
        for _ in range(n):
            folder = self.folder("import")
            db = self.copy_of(self.pristine, folder)
            source = self.rng.choice(sorted(sources))
            points, took, expected = sources[source]
            how = self._killed(cli_args("import", db, folder / "data", str(source)), folder, points,
                               (0.2 * took, 1.1 * took))
            problem, reports = self.app.problem(db, folder / "data")
            new = [r for i, r in reports.items() if i not in self.before]
            changed = [i for i in self.before
                       if i in reports and fingerprint(reports[i]) != fingerprint(self.before[i])]
            if problem:
                state = f"CORRUPT: {problem}"
            elif changed or len(new) > 1 or len(reports) - len(new) != len(self.before):
                state = f"OTHER REPORTS CHANGED {changed}"
            elif not new:
                state = "no report"
            else:
                state = "whole report" if fingerprint(new[0]) == expected else "PARTIAL REPORT"
            out.append({"how": how, "source": source.suffix, "state": state,
                        "ok": state in ("no report", "whole report")})
            self.say(f"  import kill {len(out)}/{n} ({source.suffix}): {how}; {state}")
        return out

    def xlsx_kills(self, n: int) -> list[dict]:
        if not n:
            return []
        report_id = max(self.report_ids, key=lambda i: len(self.before[i].all_measures()))
        ref = self.folder("xlsx-reference")
        db = self.copy_of(self.pristine, ref)
        sheet = ref / "updated.xlsx"
        done = run_to_end(app_command(*cli_args("xlsx-export", db, ref / "data", str(report_id), "--out",
                                                str(sheet))), ref, child_env())
        if done.returncode != 0:
            raise RuntimeError(f"xlsx-export failed: {done.stderr.decode()[-800:]}")
        rows = _fill_measure_sheet(sheet)
        db = self.copy_of(self.pristine, ref)
        points, took = self._count_points(cli_args("xlsx-import", db, ref / "data", str(sheet)), ref, child_env())
        _problem, reports = self.app.problem(db, ref / "data")
        before, after = _measure_states(self.before), _measure_states(reports)
        changed = sum(before[k] != after[k] for k in before)
        if changed < 2:
            raise RuntimeError(f"the reference Excel import changed {changed} measures of {rows} rows")
        out = []
        for _ in range(n):
            folder = self.folder("xlsx")
            db = self.copy_of(self.pristine, folder)
            how = self._killed(cli_args("xlsx-import", db, folder / "data", str(sheet)), folder, points,
                               (0.2 * took, 1.1 * took))
            problem, reports = self.app.problem(db, folder / "data")
            if problem:
                state = f"CORRUPT: {problem}"
            else:
                now = _measure_states(reports)
                applied = sum(now[k] != before[k] for k in before)
                state = ("none applied" if now == before else "all applied" if now == after
                         else f"HALF-APPLIED ({applied} of {changed} measures)")
            out.append({"how": how, "state": state, "ok": state in ("none applied", "all applied")})
            self.say(f"  Excel import kill {len(out)}/{n}: {how}; {state}")
        return out

    def migration_kills(self, n: int) -> list[dict]:
        if not n:
            return []
        old_files = sorted(SCHEMAS.glob("*.sqlite")) if SCHEMAS.is_dir() else []
        from tudanhgia.store.db import SCHEMA_HEAD
        old_files = [p for p in old_files if not p.stem.startswith(SCHEMA_HEAD)]
        if not old_files:
            ref = self.folder("migration-reference")
            old_files = [_downgraded(self.copy_of(self.pristine, ref), "0001_baseline")]
        if self.quick:
            old_files = [self.rng.choice(old_files)]
        expected = {}
        for old in old_files:
            ref = self.folder("migration-reference")
            db = self.copy_of(old, ref)
            points, took = self._count_points(cli_args("list", db, ref / "data"), ref, child_env())
            problem, reports = self.app.problem(db, ref / "data")
            if problem:
                raise RuntimeError(f"the reference migration of {old.name} failed: {problem}")
            expected[old] = (points, took, {i: fingerprint(r) for i, r in reports.items()})
        out = []
        for _ in range(n):
            folder = self.folder("migration")
            old = self.rng.choice(old_files)
            points, took, prints = expected[old]
            db = self.copy_of(old, folder)
            how = self._killed(cli_args("list", db, folder / "data"), folder, points, (0.2 * took, 1.1 * took))
            problem, reports = self.app.problem(db, folder / "data")   # reopening migrates what is left
            if problem:
                state = f"UNOPENABLE: {problem}"
            elif {i: fingerprint(r) for i, r in reports.items()} != prints:
                state = "DATA CHANGED"
            else:
                state = "opens, data intact"
            backups = _backup_problems(folder, db)
            out.append({"how": how, "from": old.name, "state": state, "backups": backups,
                        "ok": state == "opens, data intact" and not backups["broken"]})
            self.say(f"  migration kill {len(out)}/{n} (from {old.name}): {how}; {state}; "
                     f"backups: {backups['sound']} sound, {len(backups['broken'])} broken, "
                     f"{backups['partial']} temporary")
        return out

    def backup_kills(self, n: int) -> list[dict]:
        """The backup the window takes shortly after it opens a database (on one made large enough
        for the copy to take a while): the window is killed while the temporary copy exists, or a
        little after. The reference run measures how long the copy exists."""
        if not n:
            return []
        ref = self.folder("backup-reference")
        big = _enlarged(self.copy_of(self.pristine, ref), self.app, ref / "data", 12 if self.quick else 40)
        shutil.move(big, ref / "big.sqlite")
        big = ref / "big.sqlite"
        window = None
        if not self.quick:
            trial = ref / "open"
            trial.mkdir()
            db = trial / "db.sqlite"
            shutil.copyfile(big, db)
            window = self._copy_window(app_command("--db", str(db), "--data-dir", str(trial / "data")), trial)
            if window is None:
                self.say("  backup kills skipped: the window made no backup within "
                         f"{BACKUP_WAIT:.0f} s of its start")
                return [{"skipped": "the window makes no backup at open", "ok": True}]
        out = []
        for _ in range(n):
            folder = self.folder("backup")
            db = self.copy_of(big, folder)
            proc = start(app_command("--db", str(db), "--data-dir", str(folder / "data")), folder, child_env())
            t0 = time.monotonic()
            while proc.poll() is None and not _has_partial(folder) and time.monotonic() - t0 < BACKUP_WAIT:
                time.sleep(0.0005)
            if not _has_partial(folder):
                kill(proc)
                out.append({"skipped": f"the window made no backup within {BACKUP_WAIT:.0f} s of its start",
                            "ok": True})
                break
            delay = self.rng.uniform(0.0, window * 1.1 if window else 0.05)
            time.sleep(delay)
            _t, alive = kill(proc)
            how = f"at {delay * 1000:.0f} ms after the temporary copy appeared" + ("" if alive else " (ended before)")
            problem = sqlite_problem(db)
            backups = _backup_problems(folder, db)
            out.append({"how": how, "db": problem or "ok", "backups": backups,
                        "ok": problem is None and not backups["broken"]})
            self.say(f"  backup kill {len(out)}/{n}: {how}; database {problem or 'ok'}; backups: "
                     f"{backups['sound']} sound, {len(backups['broken'])} broken, {backups['partial']} temporary")
        return out

    @staticmethod
    def _copy_window(cmd: list[str], folder: Path) -> float | None:
        """Start the window, time its backup's temporary copy, kill it once a backup is there."""
        proc = start(cmd, folder, child_env())
        t0, appeared = time.monotonic(), None
        try:
            while proc.poll() is None and time.monotonic() - t0 < BACKUP_WAIT:
                present = _has_partial(folder)
                if present and appeared is None:
                    appeared = time.monotonic()
                elif not present and appeared is not None:
                    return time.monotonic() - appeared
                time.sleep(0.0005)
            return None
        finally:
            kill(proc)

    def _kill_at(self, cmd: list[str], folder: Path, delays: tuple[float, float],
                    watch: Callable[[], bool] | None = None) -> str:
        proc = start(cmd, folder, child_env())
        t0 = time.monotonic()
        if watch is not None:
            while proc.poll() is None and not watch() and time.monotonic() - t0 < START_TIMEOUT:
                time.sleep(0.0005)
            t0 = time.monotonic()
        delay = self.rng.uniform(*delays)
        time.sleep(max(0.0, t0 + delay - time.monotonic()))
        _t, alive = kill(proc)
        return (f"at {delay * 1000:.0f} ms" + (" after the temporary file appeared" if watch else " after the start")
                + ("" if alive else " (ended before)"))


def _temp_names(folder: Path) -> list[str]:
    """The export's temporary files beside the target or in its hidden temporary folder, which the
    export removes once empty — possibly while it is being looked into."""
    names: list[str] = []
    for place in (folder, folder / ".tudanhgia-tam"):
        try:
            names += [e.name for e in os.scandir(place) if e.name.endswith(".tmp")]
        except OSError:   # not there, or removed meanwhile
            continue
    return names


def _has_tmp(folder: Path) -> bool:
    return bool(_temp_names(folder))


def _has_partial(folder: Path) -> bool:
    """A backup being copied (store/backup.py names it `…-reason.partial-…`)."""
    return any(".partial" in p.name for p in folder.rglob("*"))


def _tail(path: Path, n: int = 600) -> str:
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""
    return f"\n--- {path.name} ---\n{text[-n:]}" if text.strip() else ""


def _docx_paragraphs(path: Path) -> int | str:
    """The number of paragraphs of a DOCX python-docx can read, or why it cannot."""
    try:
        with zipfile.ZipFile(path) as z:
            bad = z.testzip()
            if bad is not None:
                return f"damaged member {bad}"
        from docx import Document
        return len(Document(str(path)).paragraphs)
    except Exception as exc:  # any way a half-written file fails to read
        return f"{type(exc).__name__}: {exc}"


def _fill_measure_sheet(path: Path) -> int:
    """Change the status and the result of every row, as a department sends the sheet back."""
    from openpyxl import load_workbook
    wb = load_workbook(path)
    ws = wb.active
    header = next(r for r in range(1, 30) if any(c.value == "Kết quả thực hiện" for c in ws[r]))
    cols = {c.value: c.column for c in ws[header] if c.value}
    rows = 0
    for r in range(header + 1, ws.max_row + 1):
        if not ws.cell(r, cols["Mã (không sửa)"]).value:
            continue
        rows += 1
        ws.cell(r, cols["Trạng thái"]).value = "Hoàn thành" if rows % 2 else "Đang thực hiện"
        ws.cell(r, cols["Kết quả thực hiện"]).value = f"Đã thực hiện xong đợt {rows}, báo cáo ngày 15/12/2023."
    wb.save(path)
    return rows


def _measure_states(reports: dict) -> dict:
    return {m.id: (m.status, m.result, m.due) for r in reports.values() for m in r.all_measures()}


def _downgraded(db: Path, revision: str) -> Path:
    """A database at an older schema, made from the sample by the migrations' own downgrade."""
    from alembic import command
    from sqlalchemy import create_engine
    from tudanhgia.store.db import _script
    cfg, _ = _script()
    engine = create_engine(f"sqlite:///{db}")
    try:
        with engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.downgrade(cfg, revision)
    finally:
        engine.dispose()
    old = db.with_name(f"{revision}.sqlite")
    con = sqlite3.connect(db)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    shutil.copyfile(db, old)
    return old


def _enlarged(db: Path, app: App, data: Path, copies: int = 40) -> Path:
    """The sample with many copies of its largest report: a backup of it takes long enough to be hit."""
    service = app.open(db, data)
    try:
        biggest = max(service.list_reports(), key=lambda r: len(list(service.get_report(r.id).walk())))
        for _ in range(copies):
            service.duplicate_report(biggest.id)
    finally:
        service.close()
    con = sqlite3.connect(db)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    return db


def _backup_problems(folder: Path, db: Path) -> dict:
    """Every other database file the application left in a kill's folder — beside the database
    or under its data folder (its backups): sound, broken (a final name on a file that is not a
    whole database), or temporary."""
    sound, broken, partial = 0, [], 0
    for path in sorted(folder.rglob("*")):
        if not path.is_file() or path.name.startswith(db.name):
            continue
        if ".partial" in path.name or path.name.endswith(".tmp"):
            partial += 1
        elif path.suffix in (".sqlite", ".db") and not path.name.endswith(("-wal", "-shm", "-journal")):
            problem = _readonly_problem(path)
            if problem:
                broken.append(f"{path.name}: {problem}")
            else:
                sound += 1
    return {"sound": sound, "broken": broken, "partial": partial}


def _readonly_problem(path: Path) -> str | None:
    try:
        con = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            result = [r[0] for r in con.execute("PRAGMA integrity_check")]
            return None if result == ["ok"] else "; ".join(map(str, result[:3]))
        finally:
            con.close()
    except sqlite3.Error as exc:
        return str(exc)


# --- the summary ---------------------------------------------------------------------------------------
def summary(kills: list[TypingKill], others: dict[str, list[dict]], max_loss_ms: float) -> tuple[list[str], bool]:
    done = [k for k in kills if k.failure is None]
    corrupt = [k for k in done if k.corrupt]
    losses = [k.loss_ms for k in done if not k.corrupt]
    worst = max(losses, default=0.0)
    lines = [f"{len(done)} kills, {len(corrupt)} corrupt, max loss {worst:.0f} ms"]
    if losses:
        buckets = [("0 ms", lambda x: x == 0), ("1–100 ms", lambda x: 0 < x <= 100),
                   ("101–300 ms", lambda x: 100 < x <= 300), ("301 ms–1 s", lambda x: 300 < x <= 1000),
                   ("1–5 s", lambda x: 1000 < x <= 5000), ("> 5 s", lambda x: x > 5000)]
        lines.append("loss at the kill: " + ", ".join(f"{name} {sum(map(test, losses))}" for name, test in buckets))
        q = statistics.quantiles(losses, n=10, method="inclusive") if len(losses) > 1 else [losses[0]] * 9
        lines.append(f"loss percentiles: median {statistics.median(losses):.0f} ms, p90 {q[8]:.0f} ms, "
                     f"max {worst:.0f} ms; kills with typing lost: {sum(x > 0 for x in losses)}")
        keys = sum(k.keys for k in done)
        lines.append(f"typed: {keys} keys, {keys - sum(k.lost_keys for k in done)} of them in the database at "
                     f"the kill; kill {min(k.after_first_key for k in done):.1f}–"
                     f"{max(k.after_first_key for k in done):.1f} s after the first key; paces "
                     + ", ".join(f"{p} {sum(k.pace == p for k in done)}" for p in sorted({k.pace for k in done})))
        typed_in: dict[str, int] = {}
        for k in done:
            for kind, n in k.typed_in.items():
                typed_in[kind] = typed_in.get(kind, 0) + n
        lines.append("keys typed in: " + ", ".join(f"{kind} {n}" for kind, n in sorted(typed_in.items())))
        waits = sorted(w for k in done for w in k.key_waits)
        if waits:
            lines.append(f"a key's wait (its due time to handled): median {statistics.median(waits):.1f} ms, "
                         f"p99 {waits[int(len(waits) * 0.99)]:.1f} ms, max {waits[-1]:.1f} ms; "
                         f"over 16 ms: {sum(w > 16 for w in waits)} of {len(waits)}")
        by_field: dict[str, list[float]] = {}
        for k in done:
            if k.loss_ms:
                by_field.setdefault(k.lost_in, []).append(k.loss_ms)
        if by_field:
            lines.append("oldest lost key in: " + ", ".join(
                f"{f} {len(v)} (max {max(v):.0f} ms)" for f, v in sorted(by_field.items())))
    mismatches = [m for k in done for m in k.mismatches]
    anomalies = [a for k in done for a in k.anomalies]
    failures = [k.failure for k in kills if k.failure]
    if mismatches:
        lines.append(f"stored text no keystroke explains: {len(mismatches)}; e.g. {mismatches[0]}")
    undisturbed = max((k.loss_undisturbed_ms for k in done if not k.corrupt), default=0.0)
    if undisturbed != worst:
        lines.append(f"max loss in the fields the program did not change under the typing: {undisturbed:.0f} ms")
    if anomalies:
        counts: dict[str, list[str]] = {}
        for a in anomalies:
            what, _, where = a.partition(" (")
            counts.setdefault(what, []).append(where.rstrip(")"))
        lines.append("while typing: " + "; ".join(f"{what} ×{len(where)} (e.g. {where[0]})"
                                                  for what, where in counts.items()))
    if failures:
        lines.append(f"runs the harness could not complete: {len(failures)}; e.g. {failures[0]}")
    for k in corrupt:
        lines.append(f"CORRUPT after kill {k.index}: {k.corrupt}")
    ok = not corrupt and not mismatches and not anomalies and not failures and worst <= max_loss_ms and bool(done)
    for name, results in others.items():
        if not results:
            continue
        if "skipped" in results[0]:
            lines.append(f"{name}: skipped — {results[0]['skipped']}")
            continue
        if "failed" in results[0]:
            ok = False
            lines.append(f"{name}: COULD NOT RUN — {results[0]['failed']}")
            continue
        bad = [r for r in results if not r["ok"]]
        ok = ok and not bad
        states: dict[str, int] = {}
        for r in results:
            s = r.get("target") or r.get("state") or ("database ok" if r.get("db") == "ok" else r.get("db"))
            states[s] = states.get(s, 0) + 1
        extra = ""
        if name == "export":
            extra = (f"; {sum(len(r['tmp']) for r in results)} temporary file(s) (.name.*.tmp) left beside the "
                     "target or in its hidden temporary folder")
            probed = [r for r in results if r.get("tmp_after_next_export") is not None]
            if probed:
                extra += (f", {sum(len(r['tmp_after_next_export']) for r in probed)} of them still there after "
                          "the next export to the same target")
        if "backups" in results[0]:
            extra = (f"; backups left: {sum(r['backups']['sound'] for r in results)} sound, "
                     f"{sum(len(r['backups']['broken']) for r in results)} broken, "
                     f"{sum(r['backups']['partial'] for r in results)} temporary")
        targeted = sum(r["how"].startswith("write") for r in results)
        lines.append(f"{name}: {len(results)} kills ({targeted} at a database write), {len(bad)} failed — "
                     + ", ".join(f"{s} {c}" for s, c in states.items()) + extra)
    return lines, ok


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--kills", type=int, default=100, help="typing kills")
    p.add_argument("--export", type=int, default=10)
    p.add_argument("--import", dest="import_", type=int, default=10)
    p.add_argument("--xlsx", type=int, default=10)
    p.add_argument("--migration", type=int, default=10)
    p.add_argument("--backup", type=int, default=10)
    p.add_argument("--min-delay", type=float, default=0.3, help="seconds after the first key, at least")
    p.add_argument("--max-delay", type=float, default=8.0)
    p.add_argument("--max-loss-ms", type=float, default=300.0)
    p.add_argument("--seed", type=int, default=None)
    p.add_argument("--fields", default="", help="type only in these, e.g. heading,measure "
                                                 "(body, heading, subject, place, limitation, measure)")
    p.add_argument("--pace", choices=["burst", "steady", "thinking", "fast"], default=None)
    p.add_argument("--report", type=int, default=None, help="type in this report of the sample")
    p.add_argument("--big-section", action="store_true",
                   help="first make one section's body ~1 MB (through the service) and type only into it")
    p.add_argument("--work", type=Path, default=None, help="keep the runs' folders here")
    p.add_argument("--json", type=Path, default=None, help="write every result here")
    p.add_argument("--quiet", action="store_true")
    args = p.parse_args(argv)
    if not SAMPLE.exists():
        print(f"{SAMPLE} is missing: run `make sample`", file=sys.stderr)
        return 2
    seed = args.seed if args.seed is not None else random.SystemRandom().randrange(1 << 30)
    work = args.work or Path(tempfile.mkdtemp(prefix="tudanhgia-crash-"))
    work.mkdir(parents=True, exist_ok=True)
    run = Run(work, seed, verbose=not args.quiet, big_section=args.big_section)
    run.keep_over_ms = args.max_loss_ms
    run.say(f"crash test: seed {seed}, folders in {work}"
            + (f"; typing into section {run.big[1]} of report {run.big[0]} made ~1 MB" if run.big else ""))
    kills = []
    for i in range(1, args.kills + 1):
        k = run.typing_kill(i, args.min_delay, args.max_delay, args.pace,
                            [f for f in args.fields.split(",") if f] or None, args.report)
        kills.append(k)
        run.say(f"  typing kill {i}/{args.kills}: report {k.report_id}, {k.pace}, "
                + (f"FAILED: {k.failure}" if k.failure else
                   f"CORRUPT: {k.corrupt}" if k.corrupt else
                   f"{k.after_first_key:.2f} s after the first key, {k.keys} keys, loss {k.loss_ms:.0f} ms"
                   + (f" ({k.lost_keys} keys, oldest in {k.lost_in})" if k.loss_ms else "")
                   + (f"; MISMATCH {k.mismatches}" if k.mismatches else "")
                   + (f"; {k.anomalies}" if k.anomalies else "")))
    others: dict[str, list[dict]] = {}
    for name, kills_of, n in (("export", run.export_kills, args.export), ("import", run.import_kills, args.import_),
                              ("Excel import", run.xlsx_kills, args.xlsx),
                              ("migration", run.migration_kills, args.migration),
                              ("backup at open", run.backup_kills, args.backup)):
        try:
            others[name] = kills_of(n)
        except Exception as exc:  # a reference run that fails is a finding too, not the end of the others
            others[name] = [{"failed": f"{type(exc).__name__}: {str(exc).strip()[:400]}", "ok": False}]
            run.say(f"  {name} kills could not run: {others[name][0]['failed']}")
    lines, ok = summary(kills, others, args.max_loss_ms)
    print("\n".join(lines), flush=True)
    if args.json:
        args.json.write_text(json.dumps({"seed": seed, "typing": [dataclasses.asdict(k) for k in kills],
                                         "others": others}, ensure_ascii=False, indent=1, default=str))
    if args.work is None and ok:
        shutil.rmtree(work, ignore_errors=True)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
