"""Verified, rotating backups with SQLite's online backup API (store/backup.py), and the cheap
integrity checks at open (store/db.py inspect_file). Issue 11, points 2 and 3."""
from __future__ import annotations

import datetime as dt
import hashlib
import shutil
import sqlite3
import threading
from pathlib import Path

import pytest

from tudanhgia.store import CorruptDatabase, NewerDatabase
from tudanhgia.store import backup as bk
from tudanhgia.store import db as store_db
from tudanhgia.store.db import inspect_file

T0 = dt.datetime(2026, 3, 10, 9, 30, 0)


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _rows(path: Path, sql: str) -> list:
    con = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def _subjects(path: Path) -> list:
    return _rows(path, "SELECT id, subject FROM report ORDER BY id")


def _write(path: Path, sql: str, *args) -> None:
    con = sqlite3.connect(path)
    con.execute(sql, args)
    con.commit()
    con.close()


@pytest.fixture
def folder(tmp_path) -> Path:
    return tmp_path / "saoluu"


# --- one backup -------------------------------------------------------------------------------
def test_a_backup_is_a_verified_self_contained_copy(sample_db, folder):
    taken = bk.take_backup(sample_db, folder, "mo", now=T0)
    assert taken.fresh and taken.reason == "mo" and taken.taken_at == T0
    assert taken.path == folder / "20260310-093000-mo.sqlite"
    assert _subjects(taken.path) == _subjects(sample_db)
    assert taken.path.read_bytes()[18:20] == b"\x01\x01"  # rollback journal: reading creates nothing beside it
    bk.check_copy(taken.path)
    assert sorted(p.name for p in folder.iterdir()) == ["20260310-093000-mo.sqlite", "nguon.txt"]
    assert (folder / "nguon.txt").read_text(encoding="utf-8").strip() == str(sample_db.resolve())
    assert bk.list_backups(folder) == [taken]


def test_a_backup_includes_what_is_still_in_the_wal(sample_db, folder):
    writer = sqlite3.connect(sample_db)
    writer.execute("PRAGMA journal_mode=WAL")
    writer.execute("UPDATE report SET subject = 'Chưa chép vào tệp chính' WHERE id = 1")
    writer.commit()  # committed, still only in sample.sqlite-wal while this connection is open
    assert Path(f"{sample_db}-wal").stat().st_size > 0
    taken = bk.take_backup(sample_db, folder, "dinh-ky", now=T0)
    writer.close()
    assert ("Chưa chép vào tệp chính",) in [(s,) for _i, s in _subjects(taken.path)]


def test_an_unchanged_database_is_not_copied_twice(sample_db, folder):
    first = bk.take_backup(sample_db, folder, "mo", now=T0)
    again = bk.take_backup(sample_db, folder, "dinh-ky", now=T0 + dt.timedelta(minutes=15))
    assert not again.fresh and again.path == first.path
    assert [b.path for b in bk.list_backups(folder)] == [first.path]
    _write(sample_db, "UPDATE report SET subject = 'Đã sửa' WHERE id = 2")
    changed = bk.take_backup(sample_db, folder, "dinh-ky", now=T0 + dt.timedelta(minutes=30))
    assert changed.fresh and changed.path.name == "20260310-100000-dinh-ky.sqlite"
    assert len(bk.list_backups(folder)) == 2


def test_two_backups_in_one_second_keep_both(sample_db, folder):
    a = bk.take_backup(sample_db, folder, "mo", now=T0)
    _write(sample_db, "UPDATE report SET subject = 'khác' WHERE id = 1")
    b = bk.take_backup(sample_db, folder, "mo", now=T0)
    assert a.path != b.path and a.path.exists() and b.path.exists()
    assert [x.path for x in bk.list_backups(folder)] == [b.path, a.path]


def test_the_backup_does_not_change_the_database(sample_db, folder):
    before = _sha(sample_db)
    bk.take_backup(sample_db, folder, "mo", now=T0)
    assert _sha(sample_db) == before


def test_a_missing_database_is_not_backed_up_as_an_empty_one(tmp_path, folder):
    with pytest.raises(bk.BackupError, match="Không sao lưu được"):
        bk.take_backup(tmp_path / "khong-co.sqlite", folder, "mo", now=T0)
    assert not (tmp_path / "khong-co.sqlite").exists()
    assert bk.list_backups(folder) == []


def test_a_failed_copy_keeps_every_older_backup(sample_db, folder, monkeypatch):
    old = _old_backups(folder, 40)
    _write(sample_db, "UPDATE report SET subject = 'mới' WHERE id = 1")

    def disk_full(source, target):
        Path(target).write_bytes(b"SQLite format 3\x00 half")
        raise OSError(28, "No space left on device")
    monkeypatch.setattr(bk, "_copy_database", disk_full)
    with pytest.raises(bk.BackupError, match="giữ nguyên"):
        bk.take_backup(sample_db, folder, "dinh-ky", now=T0)
    assert [b.path for b in bk.list_backups(folder)] == old
    assert sorted(p.name for p in folder.iterdir() if "partial" in p.name) == []


def test_a_copy_that_fails_its_integrity_check_drops_nothing(sample_db, folder, monkeypatch):
    old = _old_backups(folder, 40)
    _write(sample_db, "UPDATE report SET subject = 'mới' WHERE id = 1")
    checked = []

    def damaged(path, full=True):
        checked.append((Path(path).name, full))
        return "*** in database main ***\nPage 7: btreeInitPage() returns error code 11"
    monkeypatch.setattr(bk, "check_copy", damaged)
    with pytest.raises(bk.UnverifiedCopy, match="bị hỏng") as caught:
        bk.take_backup(sample_db, folder, "dinh-ky", now=T0)
    assert "btreeInitPage" not in str(caught.value)  # SQLite's words: the log only
    assert [b.path for b in bk.list_backups(folder)] == old
    assert checked and checked[0][1] is True and ".partial" in checked[0][0]  # the full check, on the copy
    assert [p for p in folder.iterdir() if "partial" in p.name] == []


def test_the_check_is_a_full_integrity_check_of_the_copy(sample_db, folder, monkeypatch):
    seen = []
    real = bk.check_copy

    def spy(path, full=True):
        seen.append(full)
        return real(path, full)
    monkeypatch.setattr(bk, "check_copy", spy)
    bk.take_backup(sample_db, folder, "mo", now=T0)
    assert seen == [True]


def test_a_damaged_database_gives_an_unverified_copy(sample_db, folder):
    data = bytearray(sample_db.read_bytes())
    for i in range(4096 * 3, len(data), 5):  # pages after the third trashed, header intact
        data[i] = (data[i] * 31 + 7) % 256
    sample_db.write_bytes(bytes(data))
    with pytest.raises(bk.UnverifiedCopy):
        bk.take_backup(sample_db, folder, "mo", now=T0)
    assert bk.list_backups(folder) == []


def test_a_backup_finishes_while_another_connection_keeps_writing(sample_db, folder):
    """One step (pages=-1): a step-wise copy restarts on every commit made elsewhere."""
    writer = sqlite3.connect(sample_db, check_same_thread=False)
    writer.execute("PRAGMA journal_mode=WAL")
    stop = threading.Event()
    commits = []

    def keep_writing():
        n = 0
        while not stop.is_set():
            n += 1
            writer.execute("UPDATE report SET subject = ? WHERE id = 1", (f"lần {n}",))
            writer.commit()
            commits.append(n)
    thread = threading.Thread(target=keep_writing)
    thread.start()
    try:
        taken = bk.take_backup(sample_db, folder, "dinh-ky", now=T0)
    finally:
        stop.set()
        thread.join()
        writer.close()
    assert commits and bk.check_copy(taken.path) == "ok"
    assert _rows(taken.path, "SELECT count(*) FROM section") == _rows(sample_db, "SELECT count(*) FROM section")


def test_stale_temporary_copies_are_removed_fresh_ones_kept(sample_db, folder):
    import os
    import time
    folder.mkdir(parents=True)
    stale = folder / "20260301-080000-mo.partial-123-1"
    stale.write_bytes(b"x")
    os.utime(stale, (time.time() - 7200, time.time() - 7200))
    running = folder / "20260310-093000-mo.partial-456-2"  # another program copying right now
    running.write_bytes(b"y")
    bk.take_backup(sample_db, folder, "mo", now=T0)
    assert not stale.exists() and running.exists()


def test_no_room_on_the_disk_is_said_in_vietnamese(sample_db, folder, monkeypatch):
    old = _old_backups(folder, 3)
    monkeypatch.setattr(bk.shutil, "disk_usage", lambda _p: shutil._ntuple_diskusage(10**9, 10**9 - 1000, 1000))
    with pytest.raises(bk.BackupError, match="không đủ chỗ trống"):
        bk.take_backup(sample_db, folder, "mo", now=T0)
    assert [b.path for b in bk.list_backups(folder)] == old


# --- rotation ---------------------------------------------------------------------------------
def _fake(folder: Path, when: dt.datetime, reason: str = "dinh-ky") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{when:%Y%m%d-%H%M%S}-{reason}.sqlite"
    path.write_bytes(b"SQLite format 3\x00" + when.isoformat().encode())
    return path


def _old_backups(folder: Path, n: int) -> list[Path]:
    """n backups, one a day before T0, newest first."""
    return [_fake(folder, T0 - dt.timedelta(days=d)) for d in range(1, n + 1)]


def test_rotation_keeps_the_last_20_and_the_newest_of_each_of_30_days():
    # 40 backups every 15 minutes today (from 00:00), then 3 a day for the 40 days before
    now = dt.datetime(2026, 3, 10, 10, 0)
    today = [dt.datetime(2026, 3, 10, 0, 0) + dt.timedelta(minutes=15 * i) for i in range(40)]
    earlier = [dt.datetime(2026, 3, 10, h) - dt.timedelta(days=d) for d in range(1, 41) for h in (8, 12, 17)]
    files = [bk.BackupFile(Path(f"{t:%Y%m%d-%H%M%S}"), t, "dinh-ky", 1) for t in today + earlier]
    dropped = {b.taken_at for b in bk.to_drop(files, bk.Retention(20, 30), now)}
    kept = {b.taken_at for b in files} - dropped
    last_20 = set(today[-20:])                  # 05:00 … 09:45 today
    per_day = {dt.datetime(2026, 3, 10, 17) - dt.timedelta(days=d) for d in range(1, 30)}  # 9 Feb … 9 Mar, 17:00
    assert kept == last_20 | per_day
    assert len(kept) == 20 + 29


def test_rotation_settings_are_honoured():
    now = dt.datetime(2026, 3, 10, 10, 0)
    times = [now - dt.timedelta(hours=h) for h in range(0, 72, 6)]  # 12 backups over 3 days
    files = [bk.BackupFile(Path(str(i)), t, "mo", 1) for i, t in enumerate(times)]
    kept = [b.taken_at for b in files if b not in bk.to_drop(files, bk.Retention(keep_last=2, keep_days=3), now)]
    # the last two (10:00 and 04:00 today), then the newest of 9 and of 8 March
    assert kept == [now, dt.datetime(2026, 3, 10, 4), dt.datetime(2026, 3, 9, 22), dt.datetime(2026, 3, 8, 22)]


def test_a_new_backup_rotates_the_folder(sample_db, folder):
    old = _old_backups(folder, 40)
    taken = bk.take_backup(sample_db, folder, "dinh-ky", bk.Retention(keep_last=5, keep_days=10), now=T0)
    left = [b.path for b in bk.list_backups(folder)]
    # the new one, plus one a day for the nine days before today (which includes the four
    # newest of the "last five")
    assert left == [taken.path, *old[:9]]


def test_the_reasons_and_dates_come_back_from_the_names(folder):
    _fake(folder, T0, "truoc-nang-cap")
    _fake(folder, T0 + dt.timedelta(seconds=1), "truoc-khoi-phuc")
    (folder / "ghi-chu.txt").write_text("không phải bản sao lưu", encoding="utf-8")
    (folder / "20260310-093000-la.sqlite").write_bytes(b"")
    assert [(b.taken_at, b.reason) for b in bk.list_backups(folder)] == [
        (dt.datetime(2026, 3, 10, 9, 30, 1), "truoc-khoi-phuc"), (T0, "truoc-nang-cap")]


def test_the_folder_belongs_to_the_database_file(tmp_path):
    root = tmp_path / "backups"
    a = bk.folder_for(tmp_path / "a" / "tudanhgia.sqlite", root)
    b = bk.folder_for(tmp_path / "b" / "tudanhgia.sqlite", root)
    assert a != b and a.parent == b.parent == root
    assert a.name.startswith("tudanhgia-") and b.name.startswith("tudanhgia-")
    assert bk.folder_for(tmp_path / "a" / ".." / "a" / "tudanhgia.sqlite", root) == a


# --- restoring ----------------------------------------------------------------------------------
def test_copy_into_replaces_the_live_content_under_an_open_connection(sample_db, folder):
    taken = bk.take_backup(sample_db, folder, "mo", now=T0)
    live = sqlite3.connect(sample_db)
    live.execute("PRAGMA journal_mode=WAL")
    live.execute("UPDATE report SET subject = 'sửa sau bản sao lưu' WHERE id = 1")
    live.commit()
    bk.copy_into(taken.path, sample_db)
    assert live.execute("SELECT subject FROM report WHERE id = 1").fetchone()[0] != "sửa sau bản sao lưu"
    assert live.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    live.close()
    assert _subjects(sample_db) == _subjects(taken.path)


def test_a_damaged_file_is_moved_aside_byte_for_byte(sample_db, tmp_path):
    Path(f"{sample_db}-wal").write_bytes(b"wal bytes")
    before = _sha(sample_db)
    taken_over = tmp_path / "sample.hong-20260310-093000.sqlite"
    taken_over.write_bytes(b"an earlier damaged copy")
    aside = bk.move_aside(sample_db, T0)
    assert aside == tmp_path / "sample.hong-20260310-093000-2.sqlite"
    assert _sha(aside) == before and Path(f"{aside}-wal").read_bytes() == b"wal bytes"
    assert taken_over.read_bytes() == b"an earlier damaged copy"
    assert not sample_db.exists() and not Path(f"{sample_db}-wal").exists()


def test_place_copy_never_overwrites(sample_db, folder, tmp_path):
    taken = bk.take_backup(sample_db, folder, "mo", now=T0)
    target = tmp_path / "moi.sqlite"
    bk.place_copy(taken.path, target)
    assert _sha(target) == _sha(taken.path)
    with pytest.raises(bk.BackupError, match="không ghi đè"):
        bk.place_copy(taken.path, target)
    assert [p.name for p in tmp_path.iterdir() if "khoi-phuc" in p.name] == []


# --- integrity at open ----------------------------------------------------------------------------
@pytest.mark.parametrize("keep", [0.5, 0.5001, 0.99, 0.01])
def test_a_truncated_file_is_refused_untouched_without_reading_its_pages(sample_db, monkeypatch, keep):
    """Large files skip quick_check at open: the header alone tells a cut copy."""
    monkeypatch.setattr(store_db, "QUICK_CHECK_MAX_BYTES", 0)
    data = sample_db.read_bytes()
    sample_db.write_bytes(data[:int(len(data) * keep)])
    before = _sha(sample_db)
    with pytest.raises(CorruptDatabase, match="cắt cụt") as caught:
        inspect_file(sample_db)
    assert "KB" in str(caught.value) and "malformed" not in str(caught.value)
    assert _sha(sample_db) == before
    assert not Path(f"{sample_db}-wal").exists() and not Path(f"{sample_db}-shm").exists()


def test_a_small_file_still_gets_quick_check(sample_db):
    data = bytearray(sample_db.read_bytes())
    for i in range(4096 * 3, len(data), 5):
        data[i] = (data[i] * 31 + 7) % 256
    sample_db.write_bytes(bytes(data))
    with pytest.raises(CorruptDatabase, match="bị hỏng") as caught:
        inspect_file(sample_db)
    # SQLite's own words ("*** in database main ***", "malformed") go to the log only
    assert "***" not in str(caught.value) and "malformed" not in str(caught.value)
    assert "Tệp không bị thay đổi" in str(caught.value)


@pytest.fixture
def statements(monkeypatch) -> list[str]:
    """Every SQL statement inspect_file runs, from a clean memory of passed checks."""
    seen: list[str] = []
    real = store_db.sqlite3.connect

    def traced(*args, **kw):
        con = real(*args, **kw)
        con.set_trace_callback(seen.append)
        return con
    monkeypatch.setattr(store_db.sqlite3, "connect", traced)
    monkeypatch.setattr(store_db, "_passed_checks", {})
    return seen


def test_quick_check_runs_once_for_an_unchanged_file(sample_db, statements):
    """The window inspects the file before painting and the service again when it opens it."""
    assert inspect_file(sample_db) == "current"
    assert inspect_file(sample_db) == "current"
    assert sum("quick_check" in s for s in statements) == 1
    _write(sample_db, "UPDATE report SET subject = 'x' WHERE id = 1")  # changed: checked again
    inspect_file(sample_db)
    assert sum("quick_check" in s for s in statements) == 2


def test_a_large_file_skips_quick_check_at_open(sample_db, statements, monkeypatch):
    monkeypatch.setattr(store_db, "QUICK_CHECK_MAX_BYTES", sample_db.stat().st_size - 1)
    assert inspect_file(sample_db) == "current"
    assert statements and not any("quick_check" in s for s in statements)


def test_a_newer_database_is_still_refused_with_the_cheap_checks(sample_db, monkeypatch):
    monkeypatch.setattr(store_db, "QUICK_CHECK_MAX_BYTES", 0)
    _write(sample_db, "UPDATE alembic_version SET version_num = '9999_future'")
    before = _sha(sample_db)
    with pytest.raises(NewerDatabase):
        inspect_file(sample_db)
    assert _sha(sample_db) == before


def test_a_file_with_a_pending_wal_is_not_called_truncated(sample_db, monkeypatch):
    """A checkpoint writes page 1 (the header, with the new page count) before the pages it adds;
    after a crash there, the header counts pages that are still only in the -wal, which SQLite
    reads: that file is sound and must open."""
    monkeypatch.setattr(store_db, "QUICK_CHECK_MAX_BYTES", 0)
    writer = sqlite3.connect(sample_db)
    writer.execute("PRAGMA journal_mode=WAL")
    writer.execute("PRAGMA wal_autocheckpoint=0")
    writer.execute("CREATE TABLE grow (x BLOB)")
    writer.execute("INSERT INTO grow VALUES (zeroblob(400000))")
    writer.commit()
    wal = Path(f"{sample_db}-wal").read_bytes()
    page = 4096
    frames = [(int.from_bytes(wal[o:o + 4], "big"), o + 24) for o in range(32, len(wal), page + 24)]
    newest_page_1 = [o for n, o in frames if n == 1][-1]
    with open(sample_db, "r+b") as fh:  # the checkpoint got as far as page 1
        fh.write(wal[newest_page_1:newest_page_1 + page])
    head = sample_db.read_bytes()[:100]
    assert int.from_bytes(head[28:32], "big") * page > sample_db.stat().st_size
    assert inspect_file(sample_db) == "current"
    writer.close()


def test_a_file_that_cannot_be_opened_for_writing_is_backed_up_read_only(sample_db, folder, monkeypatch):
    """A read-only file or folder (the window shows it read-only) still gets its backups."""
    real = bk.sqlite3.connect
    asked = []

    def no_write(target, *args, **kw):
        asked.append(str(target))
        if "mode=rw" in str(target):
            raise sqlite3.OperationalError("attempt to write a readonly database")
        return real(target, *args, **kw)
    monkeypatch.setattr(bk.sqlite3, "connect", no_write)
    before = _sha(sample_db)
    taken = bk.take_backup(sample_db, folder, "mo", now=T0)
    assert any("mode=ro&immutable=1" in a for a in asked)
    assert not Path(f"{sample_db}-wal").exists() and not Path(f"{sample_db}-shm").exists()
    assert _sha(sample_db) == before and _subjects(taken.path) == _subjects(sample_db)


def test_quick_check_findings_are_refused_in_vietnamese(sample_db):
    """quick_check answers rows such as 'Page 3: free space corruption': the officer reads Vietnamese."""
    con = sqlite3.connect(sample_db)
    root = con.execute("SELECT rootpage FROM sqlite_master WHERE type='index' AND rootpage > 0").fetchone()[0]
    con.close()
    data = bytearray(sample_db.read_bytes())
    data[(root - 1) * 4096 + 5:(root - 1) * 4096 + 7] = b"\xff\xff"  # the page's content area starts past its end
    sample_db.write_bytes(bytes(data))
    with pytest.raises(CorruptDatabase, match="kiểm tra toàn vẹn") as caught:
        inspect_file(sample_db)
    assert "Page" not in str(caught.value) and "corruption" not in str(caught.value)


def test_a_write_protected_file_is_read_without_trying_to_write(sample_db, folder, monkeypatch):
    """Opened "rw", SQLite falls back to reading a write-protected file but leaves a -wal and a
    -shm beside it; the backup reads it as the immutable file it is."""
    real = bk.sqlite3.connect
    asked = []

    def spy(target, *args, **kw):
        asked.append(str(target))
        return real(target, *args, **kw)
    monkeypatch.setattr(bk.sqlite3, "connect", spy)
    monkeypatch.setattr(bk.os, "access", lambda path, mode: False)
    bk.take_backup(sample_db, folder, "mo", now=T0)
    assert not any("mode=rw" in a for a in asked)
    assert not Path(f"{sample_db}-wal").exists() and not Path(f"{sample_db}-shm").exists()
