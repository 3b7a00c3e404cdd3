"""Benchmark: the packaged program against a minimal PySide6 window bundled the same way, in one run.

Both bundles are one-folder PyInstaller builds made with the pinned build environment
(build/work/venv, `make package` makes it), stripped, and trimmed by the same rules
(build/spec/qt_trim.py). Printed: bundle size, and frozen start-up to the first paint and to
the service ready (ours) / to the window shown (minimal), medians of alternating runs in a clean
environment. Targets: size ≤ 1.3×, start ≤ 1.5×.

"First paint" (SHOWN) is, for both, the first turn of the event loop after show(); Qt paints the
window a little later, when it is exposed, after the posted events. PAINTED, also printed by both
(the minimal window watches for its paint only after its SHOWN, so that figure is unchanged), is
the turn of the loop after the window's first paint event.

    make package && .venv/bin/python bench/package.py [--repeat N] [--rebuild] [--also DIR ...]

`--also DIR` (a bundle folder built the same way, e.g. from an earlier commit) is started in the
same alternation, so a change is judged against the minimal window and the bundle before it under
the same load (the machine this is measured on is shared).
"""
from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

from _common import BARE_WINDOW, ROOT, tmpdir

OURS = ROOT / "dist" / "linux" / "TuDanhGia"
WORK = ROOT / "build" / "work" / "bench-package"
BUILD_PY = ROOT / "build" / "work" / "venv" / "bin" / "python"


# the bare window of bench/startup.py; its quit waits for the first paint, watched from SHOWN on
MINIMAL = BARE_WINDOW.replace("    app.quit()\n", """    from PySide6.QtCore import QEvent, QObject

    class Painted(QObject):
        def eventFilter(self, watched, event):
            if event.type() == QEvent.Type.Paint:
                QTimer.singleShot(0, painted)
            return False
    w._painted = Painted(w)
    w.installEventFilter(w._painted)
def painted():
    print(f"PAINTED {time.time():.6f}", flush=True)
    app.quit()
""")
assert "PAINTED" in MINIMAL

# the same PyInstaller steps as build/spec/tudanhgia.spec: strip, the shared trimming rules
MINIMAL_SPEC = """
import sys
sys.path.insert(0, {spec_dir!r})
import qt_trim
a = Analysis([{script!r}], excludes=["tkinter", "_tkinter", "setuptools", "pkg_resources", "_distutils_hack",
                                     "ssl", "_ssl", "_hashlib", "readline", "pydoc", "doctest"])
a.binaries = qt_trim.reachable([b for b in a.binaries if qt_trim.binary_kept(b[0])])
a.datas = [d for d in a.datas if qt_trim.binary_kept(d[0])]
pyz = PYZ(a.pure)
exe = EXE(pyz, a.scripts, [], exclude_binaries=True, name="minimal", console=False, strip=True, upx=False)
COLLECT(exe, a.binaries, a.datas, strip=True, upx=False, name="minimal")
"""


def build_minimal(rebuild: bool) -> Path:
    out = WORK / "dist" / "minimal"
    script = WORK / "minimal.py"
    if out.is_dir() and not rebuild and script.is_file() and script.read_text(encoding="utf-8") == MINIMAL:
        return out
    WORK.mkdir(parents=True, exist_ok=True)
    script.write_text(MINIMAL, encoding="utf-8")
    spec = WORK / "minimal.spec"
    spec.write_text(MINIMAL_SPEC.format(spec_dir=str(ROOT / "build" / "spec"), script=str(script)), encoding="utf-8")
    subprocess.run([str(BUILD_PY), "-m", "PyInstaller", "--noconfirm", "--clean", "--log-level", "ERROR",
                    "--distpath", str(WORK / "dist"), "--workpath", str(WORK / "work"), str(spec)], check=True)
    return out


def size_mib(folder: Path) -> float:
    return sum(f.stat().st_size for f in folder.rglob("*") if f.is_file() and not f.is_symlink()) / 2**20


def run(cmd: list[str], env: dict, *markers: str) -> dict[str, float]:
    """Seconds from spawning `cmd` to each of its marker lines."""
    t0 = time.time()
    done = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=120)
    found = {}
    for marker in markers:
        line = next((s for s in done.stdout.splitlines() if s.startswith(marker + " ")), None)
        if line is None:
            raise SystemExit(f"{cmd[0]} printed no {marker}: {done.stdout}\n{done.stderr}")
        found[marker] = float(line.split()[1]) - t0
    return found


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=9)
    ap.add_argument("--rebuild", action="store_true", help="build the minimal bundle again")
    ap.add_argument("--also", type=Path, action="append", default=[],
                    help="another bundle folder of the program (e.g. an earlier commit) measured in the same run")
    args = ap.parse_args()
    if not (OURS / "TuDanhGia").exists() or not BUILD_PY.exists():
        subprocess.run(["make", "-C", str(ROOT), "package"], check=True)
    minimal = build_minimal(args.rebuild)

    tmp = tmpdir()
    db = tmp / "sample.sqlite"
    shutil.copy(OURS / "_internal" / "sample_db" / "sample.sqlite", db)
    env = {"HOME": str(tmp / "home"), "PATH": "/usr/bin:/bin", "QT_QPA_PLATFORM": "offscreen",
           "TUDANHGIA_EXIT_AFTER_SHOW": "1"}
    ours_cmd = [str(OURS / "TuDanhGia"), "--db", str(db)]
    mini_cmd = [str(minimal / "minimal")]
    also_cmds = [[str(folder / "TuDanhGia"), "--db", str(db)] for folder in args.also]
    for cmd in (ours_cmd, mini_cmd, *also_cmds):  # first runs create the data folder and warm the disk cache
        run(cmd, env, "SHOWN")
    shown, painted, ready, mini, mini_painted = [], [], [], [], []
    also: list[list[float]] = [[] for _ in also_cmds]
    for _ in range(args.repeat):
        seen = run(mini_cmd, env, "SHOWN", "PAINTED")
        mini.append(seen["SHOWN"])
        mini_painted.append(seen["PAINTED"])
        seen = run(ours_cmd, env, "SHOWN", "PAINTED")
        shown.append(seen["SHOWN"])
        painted.append(seen["PAINTED"])
        for times, cmd in zip(also, also_cmds, strict=True):   # (a bundle before PAINTED existed: SHOWN only)
            times.append(run(cmd, env, "SHOWN")["SHOWN"])
        ready.append(run(ours_cmd, env, "READY")["READY"])
    shutil.rmtree(tmp, ignore_errors=True)

    s_ours, s_mini = size_mib(OURS), size_mib(minimal)
    t_mini, t_shown, t_ready = (statistics.median(v) for v in (mini, shown, ready))
    p_mini, p_ours = statistics.median(mini_painted), statistics.median(painted)
    print(f"bundle size: Tự Đánh Giá {s_ours:6.1f} MiB, minimal PySide6 window {s_mini:6.1f} MiB, "
          f"ratio {s_ours / s_mini:.2f} (target ≤ 1.3)")
    print(f"frozen start, minimal window shown:        {t_mini * 1000:6.0f} ms median of {args.repeat}")
    print(f"frozen start, ours first paint:            {t_shown * 1000:6.0f} ms, ratio {t_shown / t_mini:.2f} "
          "(target ≤ 1.5)")
    print(f"frozen start, ours service ready:          {t_ready * 1000:6.0f} ms, ratio {t_ready / t_mini:.2f}")
    print(f"after the first paint event: minimal {p_mini * 1000:4.0f} ms, ours {p_ours * 1000:4.0f} ms, "
          f"ratio {p_ours / p_mini:.2f}")
    for folder, times in zip(args.also, also, strict=True):
        t = statistics.median(times)
        print(f"frozen start, first paint of {folder}: {t * 1000:6.0f} ms, ratio {t / t_mini:.2f}")
    # the spread, to judge the noise of a shared machine: each run's ratio to the minimal run beside it
    pairs = sorted(s / m for s, m in zip(shown, mini, strict=True))
    print(f"first paint / minimal, run by run: quartiles {pairs[len(pairs) // 4]:.2f} … "
          f"{pairs[(3 * len(pairs)) // 4]:.2f}, median {statistics.median(pairs):.2f}")


if __name__ == "__main__":
    sys.exit(main())
