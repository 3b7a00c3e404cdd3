"""The one-window-per-file lock lives on the database file (store/file_lock.py): every name of the
file sees it, SQLite keeps working under it, and a killed holder leaves nothing stale."""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tudanhgia.services import ReportService
from tudanhgia.store.file_lock import lock_database_file

ROOT = Path(__file__).resolve().parents[2]
linux_only = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="links and signals as on Linux")


@pytest.fixture
def db(sample_db) -> Path:
    return sample_db


def test_a_second_lock_on_the_same_file_is_refused_until_the_first_is_given_back(db):
    first = lock_database_file(db)
    assert first is not None and first.held
    assert lock_database_file(db) is None
    first.unlock()
    first.unlock()   # twice is harmless
    again = lock_database_file(db)
    assert again is not None and again.held
    again.unlock()


@linux_only
def test_every_spelling_of_the_file_sees_the_lock(db, tmp_path):
    other_folder = tmp_path / "another-data-folder"
    other_folder.mkdir()
    (other_folder / "link.sqlite").symlink_to(db)
    os.link(db, other_folder / "hard.sqlite")
    (tmp_path / "drive").symlink_to(db.parent, target_is_directory=True)  # a mapped folder
    spellings = [other_folder / "link.sqlite", other_folder / "hard.sqlite", tmp_path / "drive" / db.name,
                 db.parent / "." / db.name, Path(os.path.relpath(db))]
    held = lock_database_file(db)
    try:
        for spelling in spellings:
            assert lock_database_file(spelling) is None, spelling
    finally:
        held.unlock()
    via_hard_link = lock_database_file(other_folder / "hard.sqlite")   # and the other way round
    assert lock_database_file(db) is None
    via_hard_link.unlock()


def test_sqlite_opening_and_closing_the_file_does_not_drop_the_lock(db):
    held = lock_database_file(db)
    for _ in range(3):   # connections opened, written through and closed (a classic POSIX lock would go)
        service = ReportService.open(db, create=False)
        service.update_meta(2, number="12")
        service.close()
    assert lock_database_file(db) is None
    held.unlock()


HOLDER = textwrap.dedent("""
    import sys, time
    sys.path.insert(0, {desktop!r})
    from tudanhgia.store.file_lock import lock_database_file
    lock = lock_database_file({db!r})
    print("held" if lock is not None and lock.held else "refused", flush=True)
    time.sleep(60)
""")


@linux_only
def test_another_process_holding_it_is_seen_and_a_killed_one_leaves_no_stale_lock(db):
    proc = subprocess.Popen([sys.executable, "-c", HOLDER.format(desktop=str(ROOT / "desktop"), db=str(db))],
                            stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout.readline().strip() == "held"
        assert lock_database_file(db) is None          # another window (another process) has it
        proc.send_signal(signal.SIGKILL)               # killed: no chance to clean anything up
        proc.wait(timeout=10)
        after_kill = lock_database_file(db)
        assert after_kill is not None and after_kill.held
        after_kill.unlock()
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        proc.stdout.close()


@linux_only
def test_a_file_that_cannot_be_written_gets_an_unheld_lock_and_no_sidecar(db, tmp_path, monkeypatch):
    folder = tmp_path / "chi-doc"
    folder.mkdir()
    target = folder / "du-lieu.sqlite"
    shutil.copy(db, target)
    target.chmod(0o444)
    folder.chmod(0o555)
    if os.geteuid() == 0:  # root writes anything: the refusal a read-only share gives, as the OS gives it
        real_open = os.open

        def refuse_writing(path, flags, *args):
            if flags & (os.O_RDWR | os.O_WRONLY):
                raise PermissionError(13, "Permission denied", str(path))
            return real_open(path, flags, *args)
        monkeypatch.setattr("tudanhgia.store.file_lock.os.open", refuse_writing)
    try:
        lock = lock_database_file(target)
        assert lock is not None and not lock.held      # nothing can write it: nothing to protect
        assert lock_database_file(target) is not None  # a second reader is not refused either
        lock.unlock()
        assert sorted(p.name for p in folder.iterdir()) == ["du-lieu.sqlite"]
    finally:
        folder.chmod(0o755)


def test_nothing_is_created_beside_the_database(db):
    before = sorted(p.name for p in db.parent.iterdir())
    lock = lock_database_file(db)
    assert sorted(p.name for p in db.parent.iterdir()) == before
    lock.unlock()
