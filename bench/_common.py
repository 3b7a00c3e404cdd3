"""Shared set-up for the benchmarks: the project on sys.path and the sample database built."""
from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "desktop"))
sys.path.insert(0, str(ROOT / "sample_db"))


# A bare PySide6 window of the main window's size, shown, then quit: the baseline of the start-up
# benchmarks (run from source and bundled); prints the marker line ui/app.py prints.
BARE_WINDOW = """
import resource, sys, time
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv)
w = QMainWindow(); w.resize(1280, 760); w.show()
def shown():
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    with open("/proc/self/statm") as fh:
        now = int(fh.read().split()[1]) * 4096 // 1024
    print(f"SHOWN {time.time():.6f} {peak} {now}", flush=True)
    app.quit()
QTimer.singleShot(0, shown)
app.exec()
"""


def sample_db() -> Path:
    path = ROOT / "sample_db" / "sample.sqlite"
    if not path.exists():
        import build
        build.build(path, quiet=True)
    return path


def median_times(funcs: dict, repeat: int = 7) -> dict[str, float]:
    """Run the functions interleaved (so load changes hit all alike) and return median seconds."""
    times = {name: [] for name in funcs}
    for _ in range(repeat):
        for name, fn in funcs.items():
            t0 = time.perf_counter()
            fn()
            times[name].append(time.perf_counter() - t0)
    return {name: statistics.median(v) for name, v in times.items()}


def tmpdir() -> Path:
    return Path(tempfile.mkdtemp(prefix="tudanhgia-bench-"))
