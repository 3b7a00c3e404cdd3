"""Benchmark: what the search index costs the write of one section's body, by the body's size.

Three copies of the sample database, the same UPDATE of one section's body_json (the text with one
letter more each time, committed, WAL + synchronous=NORMAL as the program opens it):
  plain  — no search trigger at all (the baseline: the write itself);
  atonce — the triggers of schemas 0004-0006: every write re-indexes the section (both FTS5 tables:
           forget the old text, index the new one);
  now    — the current triggers (0007): a body of search.BIG characters or more is only marked stale
           (its old values copied into section_search_stale), re-indexed later by refresh_stale.
Also the cost of that later refresh_stale of the section (one transaction). Ratios to plain; the
threshold search.BIG is where "atonce" costs about a write's own cost again."""
from __future__ import annotations

import shutil
import sqlite3
import sys

from _common import median_times, sample_db, tmpdir

from tudanhgia.domain.richtext import Paragraph, RichText, Run
from tudanhgia.store import open_database, search

SENTENCE = ("Tập thể lãnh đạo đã quán triệt, triển khai kịp thời các chủ trương, nghị quyết của cấp trên; "
            "phân công nhiệm vụ rõ ràng, kiểm tra, đôn đốc thường xuyên; ")


def body(chars: int) -> str:
    paragraphs, total, i = [], 0, 0
    while total < chars:
        text = f"{i + 1}. {SENTENCE * 3}"
        paragraphs.append(Paragraph((Run(text, False, False),)))
        total += len(text) + 12
        i += 1
    return RichText(tuple(paragraphs)).to_json()


def measure(cons: dict[str, sqlite3.Connection], section: int, text: str) -> None:
    for con in cons.values():   # the body as it was before the officer's next key
        con.execute("UPDATE section SET body_json = ? WHERE id = ?", (text, section))
    search.refresh_stale(cons["now"])
    n = [0]
    end = text.rindex('",0]')   # a key typed at the end of the last run: the JSON stays valid

    def typed() -> str:
        n[0] += 1
        return text[:end] + "x" * n[0] + text[end:]

    def write(name: str):
        def run() -> None:
            cons[name].execute("UPDATE section SET body_json = ? WHERE id = ?", (typed(), section))
        return run

    def refresh() -> None:
        cons["now"].execute("UPDATE section SET body_json = ? WHERE id = ?", (typed(), section))
        search.refresh_stale(cons["now"])
    t = median_times({"plain": write("plain"), "atonce": write("atonce"), "now": write("now")}, repeat=9)
    search.refresh_stale(cons["now"])
    # the later re-index (a write and its refresh, less the write): only a long body has one
    r = median_times({"refresh": refresh}, repeat=5)["refresh"] - t["now"] if len(text) >= search.BIG else None
    later = f"{r * 1000:>11.1f}" if r is not None else f"{'-':>11}"
    print(f"{len(text):>10,} {t['plain'] * 1000:>9.1f} {t['atonce'] * 1000:>10.1f} {t['now'] * 1000:>8.1f}"
          f" {later} {t['atonce'] / t['plain']:>13.1f} {t['now'] / t['plain']:>10.1f}")


def main(sizes: list[int]) -> None:
    work = tmpdir()
    files = {}
    for name in ("plain", "atonce", "now"):
        files[name] = work / f"{name}.sqlite"
        shutil.copy(sample_db(), files[name])
        open_database(files[name]).close()   # at the current schema
    cons = {name: sqlite3.connect(path, isolation_level=None) for name, path in files.items()}
    for con in cons.values():
        con.execute("PRAGMA journal_mode=WAL")
        con.execute("PRAGMA synchronous=NORMAL")
    for trigger in search.TRIGGERS:
        cons["plain"].execute(f"DROP TRIGGER IF EXISTS {trigger}")
    search.legacy_triggers(cons["atonce"])
    section = cons["now"].execute("SELECT id FROM section ORDER BY id LIMIT 1").fetchone()[0]
    print(f"sqlite {sqlite3.sqlite_version}; BIG = {search.BIG:,} characters of body_json")
    print(f"{'body_json':>10} {'plain ms':>9} {'atonce ms':>10} {'now ms':>8} {'refresh ms':>11}"
          f" {'atonce/plain':>13} {'now/plain':>10}")
    for size in sizes:
        measure(cons, section, body(size))
    for con in cons.values():
        con.close()
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [8_000, 16_000, 32_000, 64_000, 128_000, 256_000, 1_000_000])
