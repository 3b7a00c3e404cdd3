"""Benchmark: start-up to the main window shown with the sample database open, against a bare
PySide6 window, measured in this run (alternating, medians), plus peak memory.

Target: ≤ 3× the bare window (stretch 2×), under 120 MiB. Each run is a fresh process; the time
is from just before the process is spawned to the first turn of the event loop after show().
"""
from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import time

from _common import BARE_WINDOW as BARE
from _common import ROOT, sample_db, tmpdir



def run(cmd: list[str], env: dict, marker: str = "SHOWN") -> tuple[float, float]:
    """Seconds from spawning to `marker` (SHOWN: first paint; READY: everything loaded), peak MiB."""
    t0 = time.time()
    out = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=120, cwd=ROOT).stdout
    line = next(s for s in out.splitlines() if s.startswith(marker + " "))
    parts = line.split()
    resident = int(parts[3]) if len(parts) > 3 else int(parts[2])
    return float(parts[1]) - t0, resident / 1024


def main(repeat: int = 7) -> None:
    data = tmpdir()
    db = data / "sample.sqlite"
    shutil.copy(sample_db(), db)
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"),
               TUDANHGIA_EXIT_AFTER_SHOW="1", PYTHONPATH=str(ROOT / "desktop"))
    env.pop("TUDANHGIA_DATA_DIR", None)
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # an installed program runs from compiled bytecode
    ours_cmd = [sys.executable, "-m", "tudanhgia", "--db", str(db), "--data-dir", str(data / "user")]
    bare_cmd = [sys.executable, "-c", BARE]
    run(ours_cmd, env)  # first run creates the data folder and warms the disk cache for both
    run(bare_cmd, env)
    ours, ready, bare = [], [], []
    for _ in range(repeat):
        bare.append(run(bare_cmd, env))
        ours.append(run(ours_cmd, env))
        ready.append(run(ours_cmd, env, "READY"))
    o_t, b_t = statistics.median(t for t, _ in ours), statistics.median(t for t, _ in bare)
    r_t = statistics.median(t for t, _ in ready)
    o_m, b_m = max(m for _, m in ready), max(m for _, m in bare)
    print(f"bare PySide6 window:                          {b_t * 1000:6.0f} ms median, {b_m:5.1f} MiB resident")
    print(f"Tự Đánh Giá, window painted with the reports: {o_t * 1000:6.0f} ms median")
    print(f"Tự Đánh Giá, service ready (SQLAlchemy in):   {r_t * 1000:6.0f} ms median, {o_m:5.1f} MiB resident")
    print(f"ratio first paint / bare: {o_t / b_t:.2f}  (target ≤ 3, stretch ≤ 2; memory target < 120 MiB)")
    print(f"ratio ready / bare:       {r_t / b_t:.2f}")
    shutil.rmtree(data, ignore_errors=True)


if __name__ == "__main__":
    main()
