"""The Qt binding must not leak references to None: PySide6-Essentials 6.12.0 on Python 3.11
dropped one per call of a method returning nothing and aborted the process after a few thousand
(`Fatal Python error: none_dealloc`). An editor session makes that many calls in minutes."""
import subprocess
import sys

CODE = """
import sys
from PySide6.QtWidgets import QApplication, QWidget
app = QApplication([])
w = QWidget()
before = sys.getrefcount(None)
for _ in range(20000):
    w.setEnabled(True)
print(sys.getrefcount(None) - before)
"""


def test_void_calls_do_not_leak_none():
    out = subprocess.run([sys.executable, "-c", CODE], capture_output=True, text=True, timeout=120,
                         env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin"})
    assert out.returncode == 0, out.stderr[-500:]
    assert abs(int(out.stdout.strip())) < 100
