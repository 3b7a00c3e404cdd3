"""test_start_page_scale.py in a process of its own. Its windows have crashed the whole suite's
process (SIGSEGV while Qt deleted one at the next test's setup; the defect is not found yet):
here a crash fails this test only, and is retried once so that the file's own assertions still
decide — a second crash, or any failing assertion, fails."""
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent


@pytest.mark.slow
def test_the_start_page_at_scale_in_its_own_process(tmp_path):
    env = dict(os.environ, TUDANHGIA_ISOLATED="1", QT_QPA_PLATFORM="offscreen")
    cmd = [sys.executable, "-m", "pytest", str(HERE / "test_start_page_scale.py"), "-q", "-p", "no:cacheprovider",
           "--no-cov", "-W", "error", "--basetemp", str(tmp_path / "run")]
    crashes = []
    for _attempt in range(2):
        proc = subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=HERE.parent.parent, timeout=600)
        if proc.returncode in (-signal.SIGSEGV, 128 + signal.SIGSEGV, -signal.SIGABRT, 128 + signal.SIGABRT):
            crashes.append(proc.stdout[-2000:] + proc.stderr[-2000:])
            continue
        assert proc.returncode == 0, proc.stdout[-4000:] + proc.stderr[-2000:]
        assert " passed" in proc.stdout and "skipped" not in proc.stdout, proc.stdout[-2000:]
        return
    pytest.fail("crashed twice:\n" + "\n---\n".join(crashes))
