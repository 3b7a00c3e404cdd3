"""Migrations: a verified backup first, one transaction, and a failed migration leaves the old
file byte-identical (issue 11, points 2 and 6)."""
from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest

from tudanhgia.store import DatabaseError, open_database
from tudanhgia.store.backup import check_copy, list_backups
from tudanhgia.store.db import APPLICATION_ID, inspect_file

OLDEST = "0001_baseline"


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _revision(path: Path) -> str:
    con = sqlite3.connect(path)
    try:
        return con.execute("SELECT version_num FROM alembic_version").fetchone()[0]
    finally:
        con.close()


def _tables(path: Path) -> set[str]:
    con = sqlite3.connect(path)
    try:
        return {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    finally:
        con.close()


@pytest.fixture
def oldest_db(tmp_path) -> Path:
    """A database at the first released schema, with a unit the officer entered, closed cleanly
    (no -wal beside it), as the program of that release left it."""
    from alembic import command
    from sqlalchemy import create_engine

    from tudanhgia.store.db import _script
    path = tmp_path / "cu.sqlite"
    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as conn:
        conn.exec_driver_sql(f"PRAGMA application_id={APPLICATION_ID}")
        conn.exec_driver_sql("PRAGMA journal_mode=WAL")
        cfg, _ = _script()
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, OLDEST)
    engine.dispose()
    con = sqlite3.connect(path)
    con.execute("INSERT INTO app_setting (key, value) VALUES ('default_unit', '7')")
    con.commit()
    con.close()
    assert _revision(path) == OLDEST and not Path(f"{path}-wal").exists()
    return path


def _fail_in_the_last_step(monkeypatch):
    """The newest migration runs its real DDL, then raises: a migration that fails halfway."""
    import alembic.util

    from tudanhgia.store.db import SCHEMA_HEAD
    real = alembic.util.load_python_file

    def load(dir_, filename):
        module = real(dir_, filename)
        if getattr(module, "revision", None) == SCHEMA_HEAD:
            done = module.upgrade

            def upgrade():
                done()
                raise RuntimeError("disk pulled out halfway")
            module.upgrade = upgrade
        return module
    monkeypatch.setattr(alembic.util, "load_python_file", load)


def test_a_failed_migration_leaves_the_old_file_byte_identical(oldest_db, monkeypatch, user_data_dir):
    before = _sha(oldest_db)
    tables = _tables(oldest_db)
    _fail_in_the_last_step(monkeypatch)
    with pytest.raises(DatabaseError, match="giữ nguyên") as caught:
        open_database(oldest_db)
    assert "disk pulled" not in str(caught.value)  # the officer never sees the library's words
    assert _sha(oldest_db) == before
    assert _tables(oldest_db) == tables and _revision(oldest_db) == OLDEST
    assert not Path(f"{oldest_db}-wal").exists()
    # the old code path still opens it: ours, to migrate
    assert inspect_file(oldest_db) == "ours"
    monkeypatch.undo()
    db = open_database(oldest_db)
    db.close()
    con = sqlite3.connect(oldest_db)
    assert con.execute("SELECT value FROM app_setting WHERE key='default_unit'").fetchone() == ("7",)
    con.close()


def test_a_verified_backup_is_taken_before_a_migration(oldest_db, user_data_dir):
    before = oldest_db.read_bytes()
    open_database(oldest_db).close()
    backups = [b for f in (user_data_dir / "backups").iterdir() for b in list_backups(f)]
    assert [b.reason for b in backups] == ["truoc-nang-cap"]
    assert check_copy(backups[0].path) == "ok"
    assert _revision(backups[0].path) == OLDEST   # the state before the migration
    con = sqlite3.connect(backups[0].path)
    assert con.execute("SELECT value FROM app_setting").fetchall() == [("7",)]
    con.close()
    assert before != oldest_db.read_bytes()


def test_no_migration_without_a_backup(oldest_db, user_data_dir, monkeypatch):
    """A backup that cannot be written (disk full) stops the migration: the file stays as it was."""
    from tudanhgia.store import backup
    before = _sha(oldest_db)

    def full(*_args, **_kw):
        raise backup.BackupError("Ổ đĩa đầy.")
    monkeypatch.setattr(backup, "_copy_database", full)
    with pytest.raises(DatabaseError, match="sao lưu"):
        open_database(oldest_db)
    assert _sha(oldest_db) == before


def test_a_new_database_is_not_backed_up(tmp_path, user_data_dir):
    open_database(tmp_path / "moi.sqlite").close()
    assert not (user_data_dir / "backups").exists()


def test_a_current_database_opens_without_a_backup(tmp_path, user_data_dir):
    path = tmp_path / "hien-tai.sqlite"
    open_database(path).close()
    open_database(path).close()
    assert not (user_data_dir / "backups").exists()


def _count(path: Path, table: str) -> int:
    con = sqlite3.connect(path)
    try:
        return con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    finally:
        con.close()


def test_a_migration_that_recreates_a_table_keeps_its_children(sample_db, monkeypatch):
    """Alembic's batch mode on SQLite copies a table and drops the old one; with foreign keys on,
    that DROP would delete every section of every report (ON DELETE CASCADE)."""
    import alembic.util

    from tudanhgia.store.db import SCHEMA_HEAD
    sections = _count(sample_db, "section")
    assert sections > 10
    real = alembic.util.load_python_file
    previous = {}

    def load(dir_, filename):
        module = real(dir_, filename)
        if getattr(module, "revision", None) == SCHEMA_HEAD:
            previous["rev"] = module.down_revision

            def upgrade():  # the step is already applied: only the table copy runs again
                from alembic import op
                with op.batch_alter_table("report", recreate="always"):
                    pass
            module.upgrade = upgrade
        return module
    monkeypatch.setattr(alembic.util, "load_python_file", load)
    from tudanhgia.store.db import known_revisions
    known_revisions()
    con = sqlite3.connect(sample_db)
    con.execute("UPDATE alembic_version SET version_num = ?", (previous["rev"],))
    con.commit()
    con.close()
    open_database(sample_db).close()
    assert _revision(sample_db) == SCHEMA_HEAD
    assert _count(sample_db, "section") == sections


def test_a_step_that_committed_on_its_own_is_undone_from_the_backup(oldest_db, monkeypatch, user_data_dir):
    """Should SQLite ever keep part of a failed migration, the file is put back from the backup
    taken just before, and opens with the old code path."""
    from tudanhgia.store import db as store_db

    def leaky(path, *_args):
        con = sqlite3.connect(path, isolation_level=None)
        con.execute("CREATE TABLE half_done (id INTEGER)")
        con.close()
        raise RuntimeError("halfway")
    monkeypatch.setattr(store_db, "migrate", leaky)
    tables = _tables(oldest_db)
    with pytest.raises(DatabaseError, match="giữ nguyên"):
        open_database(oldest_db)
    assert _tables(oldest_db) == tables and _revision(oldest_db) == OLDEST
    assert inspect_file(oldest_db) == "ours"
