"""Benchmark: a verified backup of a large database (~80 MB) while the window's event loop runs.

The baseline is the same event loop idle: a 5 ms QTimer records the longest gap between its ticks
(how long a keystroke could wait). Then the backup (store/backup.take_backup: online backup API in
one step, integrity_check of the copy, hash against the newest backup) runs on a worker thread as
the window runs it (ui/backups.py), and once on the UI thread for comparison. Also timed: the
checks at open (store/db.inspect_file) with and without quick_check. Prints ratios against the
idle loop measured in the same run.

    .venv/bin/python bench/backup.py [megabytes]
"""
from __future__ import annotations

import random
import shutil
import sys
import threading
import time

from _common import sample_db, tmpdir

from PySide6.QtCore import QCoreApplication, QTimer

from tudanhgia.domain.richtext import RichText
from tudanhgia.services import ReportService
from tudanhgia.store import backup as bk
from tudanhgia.store import db as store_db

TEXT = ("đơn vị hoàn thành tốt nhiệm vụ chính trị được giao lãnh đạo chỉ đạo triển khai thực hiện nghị quyết "
        "kế hoạch công tác cán bộ đảng viên kiểm điểm tự phê bình phê bình hạn chế khuyết điểm nguyên nhân "
        "khắc phục biện pháp kết quả đạt được tổ chức cơ sở đảng trong sạch vững mạnh")
WORDS = TEXT.split(" ")


def build(path, megabytes: int) -> None:
    shutil.copy(sample_db(), path)
    service = ReportService.open(path, create=False)
    rnd = random.Random(11)
    body_chars = 400_000
    n = 0
    while path.stat().st_size < megabytes * 1024 * 1024:
        report = service.create_report("ke-hoach-khac-phuc", str(2000 + n % 30))
        paras = []
        size = 0
        while size < body_chars:
            para = " ".join(rnd.choice(WORDS) for _ in range(80)).capitalize() + "."
            paras.append(para)
            size += len(para)
        section = next(iter(report.walk()))
        service.update_section(section.id, body=RichText.from_markup("\n".join(paras)))
        n += 1
    service.close()


def gaps_while(app: QCoreApplication, run) -> tuple[float, float]:
    """(longest gap between 5 ms ticks, seconds `run` took), `run` started from the event loop."""
    last = [time.perf_counter()]
    worst = [0.0]
    took = [0.0]

    def tick():
        now = time.perf_counter()
        worst[0] = max(worst[0], now - last[0])
        last[0] = now
    timer = QTimer()
    timer.setInterval(5)
    timer.timeout.connect(tick)

    def go():
        t0 = time.perf_counter()
        last[0] = t0
        done = run()
        def check():
            tick()  # a run on this thread shows as the gap up to here
            if done():
                took[0] = time.perf_counter() - t0
                timer.stop()
                app.quit()
            else:
                QTimer.singleShot(5, check)
        check()
    timer.start()
    QTimer.singleShot(50, go)
    app.exec()
    return worst[0], took[0]


def main() -> None:
    megabytes = int(sys.argv[1]) if len(sys.argv) > 1 else 80
    work = tmpdir()
    db = work / "lon.sqlite"
    t0 = time.perf_counter()
    build(db, megabytes)
    size = db.stat().st_size
    print(f"database: {size / 2**20:.1f} MB (built in {time.perf_counter() - t0:.0f} s)")
    app = QCoreApplication.instance() or QCoreApplication([])
    folder = work / "backups"

    def idle():
        end = time.perf_counter() + 2.0
        return lambda: time.perf_counter() > end

    def worker():
        thread = threading.Thread(target=lambda: bk.take_backup(db, folder, "dinh-ky"))
        thread.start()
        return lambda: not thread.is_alive()

    def on_ui_thread():
        bk.take_backup(db, folder, "thu-cong")
        return lambda: True

    runs: dict[str, list[tuple[float, float]]] = {"idle": [], "worker": [], "ui": []}
    for _ in range(3):  # interleaved, medians: the machine's other load hits all three alike
        runs["idle"].append(gaps_while(app, idle))
        runs["worker"].append(gaps_while(app, worker))
        shutil.rmtree(folder)
        runs["ui"].append(gaps_while(app, on_ui_thread))
        shutil.rmtree(folder)
    (idle_gap, _), (worker_gap, worker_s), (ui_gap, ui_s) = (sorted(runs[k])[1] for k in ("idle", "worker", "ui"))
    print(f"longest wait of the event loop: idle {idle_gap * 1000:.1f} ms; backup on a worker thread "
          f"{worker_gap * 1000:.1f} ms (backup took {worker_s:.2f} s); backup on the UI thread "
          f"{ui_gap * 1000:.0f} ms ({ui_s:.2f} s)")
    print(f"ratio worker/idle: {worker_gap / idle_gap:.2f}; UI thread/idle: {ui_gap / idle_gap:.0f}")

    # the parts of one backup
    import sqlite3
    copy = work / "copy.sqlite"
    t = time.perf_counter()
    bk._copy_database(db, copy)
    copy_s = time.perf_counter() - t
    t = time.perf_counter()
    assert bk.check_copy(copy) == "ok"
    integrity_s = time.perf_counter() - t
    t = time.perf_counter()
    bk._sha256(copy)
    hash_s = time.perf_counter() - t
    print(f"one backup: online copy {copy_s:.2f} s, integrity_check {integrity_s:.2f} s, sha256 {hash_s:.2f} s")

    # checks at open: header only (large files) against quick_check (small files)
    store_db._passed_checks.clear()
    t = time.perf_counter()
    store_db.inspect_file(db)
    first = time.perf_counter() - t
    t = time.perf_counter()
    store_db.inspect_file(db)
    second = time.perf_counter() - t
    limit = store_db.QUICK_CHECK_MAX_BYTES
    store_db.QUICK_CHECK_MAX_BYTES = 0
    t = time.perf_counter()
    store_db.inspect_file(db)
    header_only = time.perf_counter() - t
    store_db.QUICK_CHECK_MAX_BYTES = limit
    con = sqlite3.connect(db)
    t = time.perf_counter()
    con.execute("PRAGMA quick_check").fetchall()
    quick = time.perf_counter() - t
    con.close()
    print(f"inspect_file: with quick_check {first * 1000:.0f} ms, again (same file) {second * 1000:.1f} ms, "
          f"header checks only {header_only * 1000:.1f} ms; quick_check alone {quick * 1000:.0f} ms "
          f"({quick / header_only:.0f}× the header checks); quick_check limit {limit // 2**20} MB")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
