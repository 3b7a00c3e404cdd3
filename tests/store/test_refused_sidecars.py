"""A database file that is refused is left exactly as it was: no `-wal` or `-shm` file appears beside
it (SQLite creates both when a WAL-mode file is opened, even read-only), and a file another
program has open with unsaved WAL pages is still read correctly."""
import hashlib
import sqlite3

import pytest

from tudanhgia.store import CorruptDatabase, NewerDatabase, NotOurDatabase, open_database
from tudanhgia.store.db import inspect_file


def _digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _listing(folder):
    return sorted(p.name for p in folder.iterdir())


def _wal_db(path, statements):
    con = sqlite3.connect(path)
    assert con.execute("PRAGMA journal_mode=WAL").fetchone()[0] == "wal"
    for sql in statements:
        con.execute(sql)
    con.commit()
    con.close()  # the last connection checkpoints and removes -wal and -shm
    assert not path.with_name(path.name + "-wal").exists()


def test_foreign_wal_database_leaves_no_sidecar_files(tmp_path):
    path = tmp_path / "other.sqlite"
    _wal_db(path, ["CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)",
                   "INSERT INTO customers VALUES (1, 'x')"])
    before = _digest(path)
    with pytest.raises(NotOurDatabase):
        open_database(path)
    assert _listing(tmp_path) == ["other.sqlite"]
    assert _digest(path) == before


def test_newer_wal_database_leaves_no_sidecar_files(tmp_path):
    path = tmp_path / "new.sqlite"
    open_database(path).close()
    _wal_db(path, ["UPDATE alembic_version SET version_num = '9999_future'"])
    before = _digest(path)
    with pytest.raises(NewerDatabase):
        open_database(path)
    assert _listing(tmp_path) == ["new.sqlite"]
    assert _digest(path) == before


def test_corrupt_wal_database_leaves_no_sidecar_files(tmp_path):
    path = tmp_path / "broken.sqlite"
    open_database(path).close()  # ours, in WAL mode
    _wal_db(path, ["CREATE TABLE t (x TEXT)"] + [f"INSERT INTO t VALUES ('{'x' * 500}{i}')" for i in range(200)])
    data = bytearray(path.read_bytes())
    for i in range(4096, len(data), 7):  # trash everything after the first page (the header keeps WAL mode)
        data[i] = (data[i] * 31 + 7) % 256
    path.write_bytes(bytes(data))
    before = _digest(path)
    with pytest.raises(CorruptDatabase):
        open_database(path)
    assert _listing(tmp_path) == ["broken.sqlite"]
    assert _digest(path) == before


def test_a_file_open_elsewhere_is_read_with_its_wal(tmp_path):
    """Another program holds the file with committed pages still in its -wal: those pages count
    (a read that skipped the WAL would see an empty file and take it as ours to initialise)."""
    path = tmp_path / "busy.sqlite"
    _wal_db(path, ["CREATE TABLE t (x)", "DROP TABLE t"])  # a WAL-mode file without tables
    holder = sqlite3.connect(path)
    holder.execute("PRAGMA wal_autocheckpoint=0")
    holder.execute("PRAGMA application_id=1")  # a foreign id that lives only in the WAL so far
    holder.commit()
    try:
        assert path.with_name("busy.sqlite-wal").stat().st_size > 0
        with pytest.raises(NotOurDatabase):
            inspect_file(path)
    finally:
        holder.close()


# --- the command line's `list` (it reads the list with the standard library before any service) -------
def _truncated(path):
    open_database(path).close()
    _wal_db(path, ["CREATE TABLE t (x TEXT)"] + [f"INSERT INTO t VALUES ('{'x' * 500}{i}')" for i in range(200)])
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])   # a copy cut short: the header says more pages than there are


def _newer(path):
    open_database(path).close()
    _wal_db(path, ["UPDATE alembic_version SET version_num = '9999_future'"])


@pytest.mark.parametrize("make", [_truncated, _newer], ids=["truncated", "newer"])
def test_cli_list_of_a_refused_file_leaves_no_sidecar_files(tmp_path, user_data_dir, capsys, make):
    from tudanhgia import cli
    folder = tmp_path / "du-lieu"
    folder.mkdir()
    path = folder / "bc.sqlite"
    make(path)
    before = _digest(path)
    assert cli.main(["--db", str(path), "list"]) != 0
    err = capsys.readouterr().err
    assert "Tệp không bị thay đổi" in err or "mới hơn" in err, err
    assert _listing(folder) == ["bc.sqlite"]
    assert _digest(path) == before
