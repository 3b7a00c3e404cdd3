"""What the first paint does not pay for (issue 9, the frozen start-up): the spell check's modules
load when a report is opened, not before the window is painted; a start that reopens the last
used database writes nothing to the settings file (its sync waits for the disk twice); the window's
modules are imported without PySide6's import hook."""
import os
import subprocess
import sys

START = """
import os, sys
os.environ["TUDANHGIA_EXIT_AFTER_SHOW"] = "1"
settings = os.path.join(sys.argv[2], "settings.ini")
def stat():
    try:
        s = os.stat(settings)
    except FileNotFoundError:
        return None
    return (s.st_ino, s.st_mtime_ns, s.st_size)
before = stat()
import tudanhgia.ui.app as app
import builtins
hooked_names = []
pyside_hook = builtins.__import__
def counting_hook(name, *args, **kwargs):   # stands for PySide6's hook: what passes through it
    hooked_names.append(name)
    return pyside_hook(name, *args, **kwargs)
builtins.__import__ = counting_hook
seen = {}
report = app._report
def spy(marker):
    if marker == "SHOWN":
        seen["loaded"] = sorted(m for m in sys.modules if m in {"tudanhgia.ui.spell_check", "tudanhgia.domain.spelling",
                                                                   "hunspell"})
        seen["settings"] = "SAME" if stat() == before else "WRITTEN"
        seen["hooked"] = sorted({n for n in hooked_names if "main_window" in n or "start_page" in n})
        seen["restored"] = builtins.__import__ is counting_hook
    report(marker)
app._report = spy
from tudanhgia.cli import main
main(["--db", sys.argv[1], "--data-dir", sys.argv[2]])
print("LOADED", seen.get("loaded"))
print("SETTINGS", seen.get("settings"))
print("HOOKED", seen.get("hooked"), "RESTORED", seen.get("restored"))
"""


def start(db, data_dir) -> str:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    out = subprocess.run([sys.executable, "-c", START, str(db), str(data_dir)],
                         capture_output=True, text=True, env=env, timeout=120)
    assert "SHOWN" in out.stdout and "READY" in out.stdout, out.stderr
    return out.stdout


def test_the_first_paint_loads_no_spell_check_and_a_usual_start_writes_no_settings(sample_db, tmp_path):
    first = start(sample_db, tmp_path / "d")
    assert "SETTINGS WRITTEN" in first   # the first start remembers the database
    again = start(sample_db, tmp_path / "d")
    assert "LOADED []" in again, again
    assert "SETTINGS SAME" in again, again   # the same database again: nothing to write before the paint
    # the window's modules skip PySide6's import hook (it reads each one's source for __feature__),
    # and the hook is back once the window is shown
    assert "HOOKED [] RESTORED True" in again, again
    other = tmp_path / "other.sqlite"
    other.write_bytes(sample_db.read_bytes())
    assert "SETTINGS WRITTEN" in start(other, tmp_path / "d")   # another one is remembered
