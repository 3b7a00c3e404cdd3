"""Issue 13 point 7: every window the officer opens from the menus (the guide, Find/Replace, the
pre-print check, the measures board, versions, backups, About, the unit profile, the preview, the
import review) lands whole on a 1024×600 screen, with room left for its title bar. The guide was
860×680 at the screen's top, the board 1340×720: their lower part and buttons out of reach.

Qt's offscreen screen is set to 1024×600 for this, so the windows run in their own process
(small_screen_driver.py), opened by the menus' actions on a report opened in the window."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
SCREEN = (1024, 600)
TITLE_BAR = 30   # a real window manager's title bar (offscreen frames are 2 pixels)
WINDOWS = {"guide", "find", "check", "board", "versions", "restore", "about", "unit", "preview", "import"}


def test_point7_every_dialog_fits_a_1024x600_screen(tmp_path, sample_db):
    config = tmp_path / "screen.json"
    config.write_text(json.dumps({"screens": [{"name": "small", "x": 0, "y": 0, "width": SCREEN[0],
                                               "height": SCREEN[1], "logicalDpi": 96, "logicalBaseDpi": 96,
                                               "dpr": 1}]}))
    env = dict(os.environ, QT_QPA_PLATFORM=f"offscreen:configfile={config}", QT_SCALE_FACTOR="1")
    sample_txt = ROOT / "tests" / "data" / "samples" / "kiem-diem-tap-the-2020.txt"   # for the import review
    run = subprocess.run([sys.executable, str(HERE / "small_screen_driver.py"), str(sample_db),
                          str(tmp_path / "ui.ini"), str(sample_txt)],
                         capture_output=True, text=True, timeout=120, env=env, cwd=tmp_path)
    lines = run.stdout.splitlines()
    assert lines and lines[-1] == "DONE", run.stdout + run.stderr
    seen = [json.loads(line) for line in lines[:-1]]
    assert {s["name"] for s in seen} == WINDOWS
    for s in seen:
        assert not s.get("missing"), s
        assert s["screen"] == [0, 0, *SCREEN]
        x, y, width, height = s["frame"]
        assert x >= 0 and y >= 0 and x + width <= SCREEN[0] and y + height <= SCREEN[1], s   # whole on the screen
        assert height + TITLE_BAR <= SCREEN[1] + 4, s        # … and still whole under a real title bar
