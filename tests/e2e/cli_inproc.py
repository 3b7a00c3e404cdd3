"""The command line run inside the test's own process: `cli.main` with the arguments a user types,
its output captured, its exit code returned — what test_cli.run gives, without starting a Python
(~0.5 s of imports each call). For tests of what a command computes and prints; test_cli.py keeps
the separate process for what only a process shows (output encoding, exit status, the order of
global options).

The process-wide state a command sets up for itself — the log file of its --data-dir and the
document standards of that folder — is put back afterwards, so no later test sees this one's folder."""
from __future__ import annotations

import contextlib
import io
import subprocess
from pathlib import Path

import pytest

from tudanhgia import cli, logs
from tudanhgia.render import standards


def run(*args, data_dir: Path, check_rc: int | None = 0) -> subprocess.CompletedProcess:
    argv = [*map(str, args), "--data-dir", str(data_dir)]
    out, err = io.StringIO(), io.StringIO()
    kept_standards = standards._REGISTRY, standards._USER_DIR
    kept_log = logs._configured
    with pytest.MonkeyPatch.context() as mp, contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        mp.delenv("TUDANHGIA_DATA_DIR", raising=False)   # as the subprocess runs: --data-dir alone decides
        try:
            code = cli.main(argv)
        except SystemExit as stop:   # argparse's refusals
            code = stop.code if isinstance(stop.code, int) else 1
        finally:
            standards._REGISTRY, standards._USER_DIR = kept_standards
            _restore_log(kept_log)
    proc = subprocess.CompletedProcess(["tudanhgia", *argv], code, out.getvalue(), err.getvalue())
    assert "Traceback" not in proc.stderr and "Traceback" not in proc.stdout
    if check_rc is not None:
        assert proc.returncode == check_rc, proc.stderr
    return proc


def _restore_log(kept: Path | None) -> None:
    if logs._configured == kept:
        return
    if kept is not None:
        logs.setup_logging(kept)
        return
    import logging
    root = logging.getLogger("tudanhgia")
    for handler in [h for h in root.handlers if isinstance(h, logs._RotatingFile)]:
        root.removeHandler(handler)
        handler.close()
    logs._configured = None
