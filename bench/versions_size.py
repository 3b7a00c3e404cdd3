"""What 100 versions of the largest sample report cost on disk and in time (issue 17 point 1).

    .venv/bin/python bench/versions_size.py [--versions 100]

Between two versions an officer's draft changes a few sections: each round rewrites 1–3 section
bodies (a sentence added, a word replaced), sometimes a rating, then keeps a version; every tenth
round keeps one without any change (an export of the same text). Figures, measured in one run:

- the versions' own bytes (manifests + parts, compressed), and the database file's growth after
  VACUUM, against the plain baseline of 100 full uncompressed snapshots (the report's JSON);
- the time of one `save_version` against the plain baseline of one `get_report` (the read every
  version needs anyway), as a ratio;
- the issued guard's own time on a commit against a whole typing save without it.
"""
from __future__ import annotations

import argparse
import json
import random
import shutil
import sqlite3
import statistics
import tempfile
import time
from pathlib import Path

from _common import sample_db

from tudanhgia.domain.richtext import RichText
from tudanhgia.services import ReportService
from tudanhgia.store.versions import report_parts

REPORT = 3          # the 2023 self-assessment: the largest sample report
BUDGET = 5 * 1024 * 1024


def _size_after_vacuum(path: Path) -> int:
    con = sqlite3.connect(path)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.execute("VACUUM")
    con.close()
    return path.stat().st_size


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--versions", type=int, default=100)
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="versions-bench-"))
    db = work / "sample.sqlite"
    shutil.copy(sample_db(), db)
    before = _size_after_vacuum(db)
    svc = ReportService.open(db, create=False)
    rng = random.Random(17)
    report = svc.get_report(REPORT)
    bodies = [s for s in report.walk() if s.body.paragraphs]
    rated = [s for s in report.walk() if s.rating_scale is not None]
    plain_bytes = 0
    save_ms, read_ms = [], []
    for i in range(args.versions):
        if i % 10 != 9:
            for s in rng.sample(bodies, rng.randint(1, 3)):
                text = svc.get_report(REPORT).find(s.id).body.plain
                words = text.split(" ")
                k = rng.randrange(len(words))
                words[k] = rng.choice(["đã", "đồng thời", "kịp thời", "nghiêm túc", "hiệu quả"])
                svc.write_section_body(s.id, RichText.from_plain(" ".join(words) + f" Bổ sung lần {i}."))
            if rated and rng.random() < 0.2:
                s = rng.choice(rated)
                levels = list(s.rating_scale.levels)
                svc.update_section(s.id, rating=rng.choice(levels))
        t0 = time.perf_counter()
        current = svc.get_report(REPORT)
        read_ms.append((time.perf_counter() - t0) * 1000)
        t0 = time.perf_counter()
        svc.save_version(REPORT, f"Dự thảo lần {i + 1}")
        save_ms.append((time.perf_counter() - t0) * 1000)
        _, parts = report_parts(current)
        # the baseline: the whole report as uncompressed JSON, every time
        plain_bytes += sum(len(json.dumps(_decoded(p), ensure_ascii=False).encode()) for p in parts.values())
    with svc.repo.reading() as r:
        own = r.versions().stored_bytes(REPORT)
    guard, bare = _guard_cost(svc, bodies[0].id)
    svc.close()
    after = _size_after_vacuum(db)
    versions = args.versions
    print(f"{versions} versions of report {REPORT} ({len(list(report.walk()))} sections, "
          f"{sum(len(s.body.to_json()) for s in report.walk()) // 1024} kB of body JSON):")
    print(f"  versions' own bytes (manifests + parts, zlib): {own / 1024:.0f} kB "
          f"({own / versions / 1024:.1f} kB a version)")
    print(f"  database file growth after VACUUM:            {(after - before) / 1024:.0f} kB "
          f"(budget {BUDGET // 1024 // 1024} MB: {'under' if after - before < BUDGET else 'OVER'})")
    print(f"  baseline, full uncompressed snapshots:        {plain_bytes / 1024:.0f} kB "
          f"(versions take {own / plain_bytes:.1%} of it)")
    print(f"  save_version median {statistics.median(save_ms):.1f} ms, get_report (baseline) "
          f"{statistics.median(read_ms):.1f} ms: ratio {statistics.median(save_ms) / statistics.median(read_ms):.2f}")
    print(f"  the issued guard: {guard:.3f} ms a commit, against a whole typing save (write_section_body, "
          f"no guard) of {bare:.2f} ms: {guard / bare:.1%} more")
    shutil.rmtree(work)


def _guard_cost(svc: ReportService, section_id: int) -> tuple[float, float]:
    """The issued guard's own time on a unit of work that wrote the report (what it adds to every
    commit), and the plain baseline: a whole typing save (write_section_body) with no guard."""
    from tudanhgia.services.versions import refuse_issued
    text = svc.get_report(REPORT).find(section_id).body.plain
    svc.repo.before_commit = None
    saves = []
    for i in range(200):
        body = RichText.from_plain(f"{text} {i}")
        t0 = time.perf_counter()
        svc.write_section_body(section_id, body)
        saves.append((time.perf_counter() - t0) * 1000)
    svc.repo.before_commit = refuse_issued
    with svc.repo.transaction() as tx:
        tx.touch(REPORT)
        guards = []
        for _ in range(500):
            t0 = time.perf_counter()
            refuse_issued(tx)
            guards.append((time.perf_counter() - t0) * 1000)
    return statistics.median(guards), statistics.median(saves)


def _decoded(packed: bytes):
    import zlib
    return json.loads(zlib.decompress(packed).decode("utf-8", "surrogatepass"))


if __name__ == "__main__":
    main()
