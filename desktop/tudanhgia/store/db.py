"""Opening the database: identity and integrity checks, pragmas, migrations.

A file that is not ours (or is corrupt, or was written by a newer version) is refused before
anything writes to it.
"""
from __future__ import annotations

import logging
import sqlite3
from dataclasses import dataclass
from pathlib import Path

TYPE_CHECKING = False  # typing is ~2 ms of a command that reads only the file header

if TYPE_CHECKING:  # SQLAlchemy is imported when a database is opened, not before (start-up time)
    from sqlalchemy.engine import Engine
    from sqlalchemy.orm import Session, sessionmaker

log = logging.getLogger("tudanhgia.store")

# PRAGMA application_id marks the file as ours ("TDG1").
APPLICATION_ID = 0x54444731
SQLITE_MAGIC = b"SQLite format 3\x00"
MIGRATIONS_DIR = Path(__file__).with_name("migrations")
# The newest migration. A database already there is opened without loading Alembic at all
# (Alembic is a tenth of a second of start-up); tests/store checks this equals Alembic's head.
SCHEMA_HEAD = "0007_search_stale"


class DatabaseError(Exception):
    """A database that cannot be opened; the message is Vietnamese, for the user."""


class NotOurDatabase(DatabaseError):
    pass


class NewerDatabase(DatabaseError):
    pass


class CorruptDatabase(DatabaseError):
    pass


def _script():
    from alembic.script import ScriptDirectory
    from alembic.config import Config
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    return cfg, ScriptDirectory.from_config(cfg)


def known_revisions() -> set[str]:
    _, script = _script()
    return {rev.revision for rev in script.walk_revisions()}


def head_revision() -> str:
    _, script = _script()
    return script.get_current_head()


# `PRAGMA quick_check` reads every page: ~13 ms for 66 MB when cached, seconds for a cold 700 MB
# file. Above this size the open relies on the header checks and on the full integrity check
# that verifies the backup taken at every open, off the UI thread (docs/reliability.md, Backups).
QUICK_CHECK_MAX_BYTES = 128 * 1024 * 1024
# files whose quick_check passed in this process, by path and state: the window inspects the file
# before painting and again when the service opens it; the second check would read it all again
_passed_checks: dict[tuple, None] = {}


def _check_key(path: Path) -> tuple:
    def state(p: Path) -> tuple[int, int]:
        try:
            st = p.stat()
            return st.st_size, st.st_mtime_ns
        except OSError:
            return -1, -1
    return (str(path.resolve()), state(path), state(path.with_name(path.name + "-wal")))


def _header_damage(head: bytes, size: int, wal_pending: bool) -> str | None:
    """What the 100-byte header says is wrong with a file of `size` bytes (None: nothing). A cut
    copy (USB stick pulled, a download stopped) is found here without reading the pages."""
    if len(head) < 100:
        return "tệp bị cắt cụt, không còn đủ phần đầu"
    page_size = int.from_bytes(head[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    if page_size < 512 or page_size & (page_size - 1):
        return "phần đầu tệp không hợp lệ"
    if wal_pending:  # pages may still be in the -wal file (a checkpoint was interrupted)
        return None
    pages = int.from_bytes(head[28:32], "big")
    header_valid = pages > 0 and head[24:28] == head[92:96]  # SQLite's own rule for this field
    if size % page_size or (header_valid and size < pages * page_size):
        expected = pages * page_size if header_valid else (size // page_size + 1) * page_size
        return f"tệp bị cắt cụt (chỉ còn {size // 1024:,} trong {expected // 1024:,} KB)".replace(",", ".")
    return None


def inspect_file(path: Path, quick_check: bool = True) -> str:
    """Check an existing file without modifying it. Returns 'new' (empty, ours to initialise),
    'current' (ours, schema up to date) or 'ours' (to migrate); raises a DatabaseError otherwise.
    `quick_check=False`: the header and the schema only, not every page (the list of reports reads
    a few rows; a damaged page there is an error it reports, the window's open checks the pages)."""
    name = path.name
    try:
        with open(path, "rb") as fh:
            head = fh.read(100)
        size = path.stat().st_size
    except OSError as exc:
        raise DatabaseError(f"Không mở được tệp “{name}”: {exc.strerror or exc}.") from None
    if not head:
        return "new"
    if head[:16] != SQLITE_MAGIC:
        raise NotOurDatabase(f"Tệp “{name}” không phải cơ sở dữ liệu của Tự Đánh Giá. Tệp không bị thay đổi.")
    wal = path.with_name(path.name + "-wal")
    damage = _header_damage(head, size, wal_pending=wal.exists() and wal.stat().st_size > 0)
    if damage:
        raise CorruptDatabase(f"Cơ sở dữ liệu “{name}” bị hỏng: {damage}. Tệp không bị thay đổi.")
    uri = path.resolve().as_uri() + "?mode=ro"
    # even read-only, SQLite creates -wal and -shm beside a WAL-mode file (header byte 18 = 2) and
    # leaves them behind; with no -wal there is nothing beyond the file itself to read, so read it as is
    if head[18:19] == b"\x02" and not path.with_name(path.name + "-wal").exists():
        uri += "&immutable=1"
    try:
        con = sqlite3.connect(uri, uri=True)
    except sqlite3.Error as exc:
        log.warning("cannot open %s to inspect it: %s", path, exc)  # SQLite's words: the log only
        raise CorruptDatabase(f"Không đọc được cơ sở dữ liệu “{name}”: SQLite không mở được tệp. "
                              "Tệp không bị thay đổi.") from None
    try:
        app_id = con.execute("PRAGMA application_id").fetchone()[0]
        tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if app_id != APPLICATION_ID:
            if not tables and app_id == 0:
                return "new"
            raise NotOurDatabase(f"Tệp “{name}” là cơ sở dữ liệu của một chương trình khác, "
                                 "không phải của Tự Đánh Giá. Tệp không bị thay đổi.")
        key = _check_key(path)
        if quick_check and size <= QUICK_CHECK_MAX_BYTES and key not in _passed_checks:
            check = con.execute("PRAGMA quick_check").fetchone()[0]
            if check != "ok":
                log.warning("quick_check of %s: %s", path, check)
                raise CorruptDatabase(f"Cơ sở dữ liệu “{name}” bị hỏng: kiểm tra toàn vẹn thấy trang dữ liệu lỗi. "
                                      "Tệp không bị thay đổi.")
            if len(_passed_checks) > 32:  # a handful of files per session; never grows without bound
                _passed_checks.clear()
            _passed_checks[key] = None
        rev = None
        if "alembic_version" in tables:
            row = con.execute("SELECT version_num FROM alembic_version").fetchone()
            rev = row[0] if row else None
        if rev is not None and rev != SCHEMA_HEAD and rev not in known_revisions():
            raise NewerDatabase(f"Cơ sở dữ liệu “{name}” được tạo bởi phiên bản Tự Đánh Giá mới hơn. "
                                "Hãy cập nhật chương trình; tệp không bị thay đổi.")
        return "current" if rev == SCHEMA_HEAD else "ours"
    except sqlite3.DatabaseError as exc:
        log.warning("inspecting %s: %s", path, exc)
        raise CorruptDatabase(f"Cơ sở dữ liệu “{name}” bị hỏng hoặc đã bị mã hóa: không đọc được nội dung. "
                              "Tệp không bị thay đổi.") from None
    finally:
        con.close()


def _is_network_path(path: Path) -> bool:
    s = str(path)
    return s.startswith(("\\\\", "//"))


@dataclass
class Database:
    path: Path
    engine: Engine
    sessions: sessionmaker[Session]

    def close(self) -> None:
        self.engine.dispose()


class MigrationFailed(DatabaseError):
    pass


def _schema(path: Path) -> tuple:
    """The schema and revision of a database file: what a migration changes."""
    con = sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True)
    try:
        sql = sorted(tuple(map(str, r)) for r in con.execute("SELECT type, name, sql FROM sqlite_master"))
        try:
            rev = con.execute("SELECT version_num FROM alembic_version").fetchall()
        except sqlite3.OperationalError:
            rev = []
        return tuple(sql), tuple(rev)
    finally:
        con.close()


def migrate(path: Path, journal: str = "WAL", busy_timeout_ms: int = 5000) -> None:
    """Upgrade the file at `path` to the head revision in ONE transaction.

    Python's sqlite3 driver starts no transaction before DDL, so each CREATE/ALTER of a
    migration used to commit on its own and a failure halfway left a file no version could open.
    Here the driver's own transaction handling is off and BEGIN IMMEDIATE is issued by hand, so
    SQLite's transactional DDL rolls every step back together. Foreign keys are off for the
    migration (a batch migration recreates tables, and dropping the old one would cascade) and
    checked before the commit."""
    from alembic import command
    from sqlalchemy import create_engine, event
    from sqlalchemy.pool import NullPool

    engine = create_engine(f"sqlite:///{path}", poolclass=NullPool)

    @event.listens_for(engine, "connect")
    def _connect(dbapi_con, _record):
        dbapi_con.isolation_level = None  # no implicit transactions (nor implicit commits)
        for pragma in ("foreign_keys=OFF", f"journal_mode={journal}", f"busy_timeout={int(busy_timeout_ms)}"):
            dbapi_con.execute(f"PRAGMA {pragma}")

    @event.listens_for(engine, "begin")
    def _begin(conn):
        conn.exec_driver_sql("BEGIN IMMEDIATE")

    cfg, _ = _script()
    try:
        with engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")
            broken = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
            if broken:
                raise RuntimeError(f"foreign keys broken by the migration: {broken[:5]}")
    finally:
        engine.dispose()


def _backup_then_migrate(path: Path, journal: str, busy_timeout_ms: int, backups: Path | None) -> None:
    """A verified backup, then the migration; if it fails, the file is as it was (checked, and
    put back from the backup should SQLite ever have kept a step)."""
    from .backup import BackupError, folder_for, take_backup
    if backups is None:
        from ..paths import AppPaths
        backups = AppPaths.default().backups_dir
    name = path.name
    try:
        backup = take_backup(path, folder_for(path, backups), "truoc-nang-cap")
    except BackupError as exc:
        raise MigrationFailed(f"Cơ sở dữ liệu “{name}” cần nâng cấp lên phiên bản hiện tại, nhưng không sao lưu "
                              f"được trước khi nâng cấp: {exc} Tệp chưa bị thay đổi.") from None
    before = _schema(path)
    try:
        migrate(path, journal, busy_timeout_ms)
    except Exception:
        log.exception("migration of %s failed", path)
        kept = f" Bản sao lưu trước khi nâng cấp: {backup.path}."
        try:
            if _schema(path) != before:
                from .backup import copy_into
                log.error("migration of %s left changes behind; restoring %s", path, backup.path)
                copy_into(backup.path, path)
        except Exception:
            log.exception("could not check or restore %s after the failed migration", path)
            raise MigrationFailed(f"Không nâng cấp được cơ sở dữ liệu “{name}” và không chắc tệp còn nguyên vẹn. "
                                  f"Hãy khôi phục từ bản sao lưu.{kept}") from None
        raise MigrationFailed(f"Không nâng cấp được cơ sở dữ liệu “{name}” lên phiên bản hiện tại; tệp được "
                              f"giữ nguyên như trước.{kept} Chi tiết lỗi đã được ghi vào nhật ký.") from None


def open_database(path: str | Path, create: bool = True, busy_timeout_ms: int = 5000,
                  backups: Path | None = None) -> Database:
    """Open (creating if allowed) our database at `path`, migrated to the current schema. A write
    waits at most `busy_timeout_ms` for another program's write to end (the window waits less).
    An older schema is backed up (verified) under `backups` (default: the user data folder's)
    before it is migrated."""
    path = Path(path)
    if path.is_dir():
        raise DatabaseError(f"“{path}” là một thư mục, không phải tệp cơ sở dữ liệu.")
    if path.exists():
        state = inspect_file(path)
    else:
        if not create:
            raise DatabaseError(f"Không tìm thấy cơ sở dữ liệu “{path}”.")
        path.parent.mkdir(parents=True, exist_ok=True)
        state = "new"
    from sqlalchemy import create_engine, event
    from sqlalchemy.orm import sessionmaker
    journal = "DELETE" if _is_network_path(path) else "WAL"  # WAL needs shared memory: not on network shares
    engine = create_engine(f"sqlite:///{path}", future=True)

    @event.listens_for(engine, "connect")
    def _pragmas(dbapi_con, _record):
        cur = dbapi_con.cursor()
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute(f"PRAGMA journal_mode={journal}")
        cur.execute("PRAGMA synchronous=NORMAL")
        cur.execute(f"PRAGMA busy_timeout={int(busy_timeout_ms)}")
        cur.close()

    try:
        if state == "new":
            with engine.begin() as conn:
                conn.exec_driver_sql(f"PRAGMA application_id={APPLICATION_ID}")
        if state == "ours":
            engine.dispose()  # the migration has its own connection; none of ours may hold the file
            _backup_then_migrate(path, journal, busy_timeout_ms, backups)
        elif state == "new":
            migrate(path, journal, busy_timeout_ms)
    except Exception:
        engine.dispose()
        raise
    log.info("opened database %s", path)
    return Database(path, engine, sessionmaker(engine, expire_on_commit=False))
