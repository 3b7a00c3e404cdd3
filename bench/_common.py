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
