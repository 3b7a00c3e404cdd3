"""Opening the database: identity and integrity checks, pragmas, migrations.

A file that is not ours (or is corrupt, or was written by a newer version) is refused before
anything writes to it.
"""
from __future__ import annotations

import logging
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from typing import TYPE_CHECKING

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
SCHEMA_HEAD = "0003_row_version_utf8_json"


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


def inspect_file(path: Path) -> str:
    """Check an existing file without modifying it. Returns 'new' (empty, ours to initialise),
    'current' (ours, schema up to date) or 'ours' (to migrate); raises a DatabaseError otherwise."""
    name = path.name
    try:
        with open(path, "rb") as fh:
            head = fh.read(20)
    except OSError as exc:
        raise DatabaseError(f"Không mở được tệp “{name}”: {exc.strerror or exc}.") from None
    if not head:
        return "new"
    if head[:16] != SQLITE_MAGIC:
        raise NotOurDatabase(f"Tệp “{name}” không phải cơ sở dữ liệu của Tự Đánh Giá. Tệp không bị thay đổi.")
    uri = path.resolve().as_uri() + "?mode=ro"
    # even read-only, SQLite creates -wal and -shm beside a WAL-mode file (header byte 18 = 2) and
    # leaves them behind; with no -wal there is nothing beyond the file itself to read, so read it as is
    if head[18:19] == b"\x02" and not path.with_name(path.name + "-wal").exists():
        uri += "&immutable=1"
    try:
        con = sqlite3.connect(uri, uri=True)
    except sqlite3.Error as exc:
        raise CorruptDatabase(f"Không đọc được cơ sở dữ liệu “{name}”: {exc}.") from None
    try:
        app_id = con.execute("PRAGMA application_id").fetchone()[0]
        tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if app_id != APPLICATION_ID:
            if not tables and app_id == 0:
                return "new"
            raise NotOurDatabase(f"Tệp “{name}” là cơ sở dữ liệu của một chương trình khác, "
                                 "không phải của Tự Đánh Giá. Tệp không bị thay đổi.")
        check = con.execute("PRAGMA quick_check").fetchone()[0]
        if check != "ok":
            raise CorruptDatabase(f"Cơ sở dữ liệu “{name}” bị hỏng ({check}). Hãy khôi phục từ bản sao lưu.")
        rev = None
        if "alembic_version" in tables:
            row = con.execute("SELECT version_num FROM alembic_version").fetchone()
            rev = row[0] if row else None
        if rev is not None and rev != SCHEMA_HEAD and rev not in known_revisions():
            raise NewerDatabase(f"Cơ sở dữ liệu “{name}” được tạo bởi phiên bản Tự Đánh Giá mới hơn. "
                                "Hãy cập nhật chương trình; tệp không bị thay đổi.")
        return "current" if rev == SCHEMA_HEAD else "ours"
    except sqlite3.DatabaseError as exc:
        raise CorruptDatabase(f"Cơ sở dữ liệu “{name}” bị hỏng hoặc đã mã hóa: {exc}.") from None
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


def migrate(engine: Engine) -> None:
    from alembic import command
    cfg, _ = _script()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")


def open_database(path: str | Path, create: bool = True, busy_timeout_ms: int = 5000) -> Database:
    """Open (creating if allowed) our database at `path`, migrated to the current schema. A write
    waits at most `busy_timeout_ms` for another program's write to end (the window waits less)."""
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
        if state != "current":
            migrate(engine)
    except Exception:
        engine.dispose()
        raise
    log.info("opened database %s", path)
    return Database(path, engine, sessionmaker(engine, expire_on_commit=False))
