"""Verified copies of a database file and their rotation (SQLite's online backup API).

A backup is copied in one step (`Connection.backup(pages=-1)`): a step-wise copy restarts on
every commit another connection makes and may never finish while the officer types. The copy is
written under a temporary name, switched to the rollback journal (a self-contained file: nothing
is created beside it when it is read), checked with `PRAGMA integrity_check`, and only then given
its final name; only after that are older backups dropped. A failed or unverified copy is
deleted and never costs an older backup. The SQLite calls release the GIL, so a worker thread
keeps the window responsive while a large file is copied (bench/backup.py).

The names are `YYYYMMDD-HHMMSS-<reason>.sqlite` (local time), in one folder per database file.
"""
from __future__ import annotations

import contextlib
import datetime as _dt
import hashlib
import logging
import os
import re
import shutil
import sqlite3
import time
from dataclasses import dataclass, field, replace
from pathlib import Path

log = logging.getLogger("tudanhgia.store")

SUFFIX = ".sqlite"
PARTIAL = ".partial"
STALE_PARTIAL_SECONDS = 3600       # a temporary copy this old was left by a killed program
SPARE_BYTES = 20 * 1024 * 1024     # free space kept on the disk beyond the copy itself
REASONS = ("mo", "dinh-ky", "truoc-nang-cap", "truoc-khoi-phuc", "thu-cong")
_NAME = re.compile(r"^(\d{8})-(\d{6})-(" + "|".join(REASONS) + r")(?:-(\d+))?\.sqlite$")


class BackupError(Exception):
    """No backup was made (older ones are kept); the message is Vietnamese, for the user."""


class UnverifiedCopy(BackupError):
    """The copy failed its integrity check: the database itself is most likely damaged."""


@dataclass(frozen=True)
class Retention:
    """Keep the newest `keep_last` backups, plus the newest of each of the last `keep_days` days."""
    keep_last: int = 20
    keep_days: int = 30


@dataclass(frozen=True)
class BackupFile:
    path: Path
    taken_at: _dt.datetime
    reason: str
    size: int
    fresh: bool = field(default=True, compare=False)  # False: the newest backup already held this state


def folder_for(db_path: Path, root: Path) -> Path:
    """One folder per database file under `root`: its name for the reader, a hash of its full
    path so two files with one name never share backups."""
    resolved = str(Path(db_path).resolve())
    key = hashlib.sha1(resolved.encode("utf-8")).hexdigest()[:10]
    stem = re.sub(r"[^\w.-]+", "_", Path(db_path).stem)[:40] or "csdl"
    return root / f"{stem}-{key}"


def list_backups(folder: Path) -> list[BackupFile]:
    """The verified backups in `folder`, newest first (temporary copies are not listed)."""
    found = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return []
    for entry in entries:
        m = _NAME.match(entry.name)
        if not m:
            continue
        try:
            taken = _dt.datetime.strptime(m[1] + m[2], "%Y%m%d%H%M%S")
            st = entry.stat()
        except (ValueError, OSError):
            continue
        # two in one second: the later written is the newer
        found.append(((taken, st.st_mtime_ns, int(m[4] or 1)), BackupFile(Path(entry.path), taken, m[3], st.st_size)))
    found.sort(key=lambda t: t[0], reverse=True)
    return [b for _k, b in found]


def file_state(db_path: Path) -> tuple:
    """Size and modification time of the database and its -wal: any commit changes one of them."""
    out: list[tuple[int, int] | None] = []
    for p in (Path(db_path), Path(f"{db_path}-wal")):
        try:
            st = p.stat()
            out.append((st.st_size, st.st_mtime_ns))
        except OSError:
            out.append(None)
    return tuple(out)


def _ro_uri(path: Path) -> str:
    return Path(path).resolve().as_uri() + "?mode=ro"


def check_copy(path: Path, full: bool = True) -> str:
    """'ok', or what SQLite found wrong with the file at `path` (read-only: a backup stays as it was)."""
    try:
        con = sqlite3.connect(_ro_uri(path), uri=True)
    except sqlite3.Error as exc:
        return str(exc)
    try:
        rows = con.execute("PRAGMA integrity_check" if full else "PRAGMA quick_check").fetchall()
        return "ok" if rows == [("ok",)] else "; ".join(str(r[0]) for r in rows[:3])
    except sqlite3.Error as exc:
        return str(exc)
    finally:
        con.close()


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _same_content(a: Path, b: Path) -> bool:
    try:
        return a.stat().st_size == b.stat().st_size and _sha256(a) == _sha256(b)
    except OSError:
        return False


def _open_source(source: Path) -> sqlite3.Connection:
    """A connection to read `source` from. mode=rw first (a missing file is an error, not a new
    empty database); a file or folder that cannot be written (the window shows such a file
    read-only) is read with mode=ro, and without a -wal as the immutable file it then is."""
    uri = Path(source).resolve().as_uri()
    if os.access(source, os.W_OK) or not Path(source).is_file():
        try:
            return sqlite3.connect(uri + "?mode=rw", uri=True, timeout=10)
        except sqlite3.OperationalError:
            if not Path(source).is_file():
                raise
    # a read-only file: SQLite would still create -wal/-shm beside it (and leave them, read-only)
    log.info("%s cannot be opened for writing; backing it up read-only", source)
    if Path(f"{source}-wal").exists():
        return sqlite3.connect(uri + "?mode=ro", uri=True, timeout=10)
    return sqlite3.connect(uri + "?mode=ro&immutable=1", uri=True, timeout=10)


def _copy_database(source: Path, target: Path) -> None:
    """The whole of `source` (its WAL included) into a new file `target`, in one step."""
    src = _open_source(source)
    try:
        dst = sqlite3.connect(str(target))
        try:
            src.backup(dst)  # pages=-1: one step, one read transaction on the source
            dst.execute("PRAGMA journal_mode=DELETE")  # self-contained: no -wal/-shm when read
        finally:
            dst.close()
    finally:
        src.close()


def _remove_stale_partials(folder: Path) -> None:
    cutoff = time.time() - STALE_PARTIAL_SECONDS
    for p in folder.glob(f"*{PARTIAL}*"):
        with contextlib.suppress(OSError):
            if p.stat().st_mtime < cutoff:
                p.unlink()


def _final_name(folder: Path, taken: _dt.datetime, reason: str) -> Path:
    base = f"{taken:%Y%m%d-%H%M%S}-{reason}"
    path, n = folder / f"{base}{SUFFIX}", 1
    while path.exists():
        n += 1
        path = folder / f"{base}-{n}{SUFFIX}"
    return path


def _free_space_check(db_path: Path, folder: Path) -> None:
    need = sum(p.stat().st_size for p in (db_path, db_path.with_name(db_path.name + "-wal")) if p.exists())
    free = shutil.disk_usage(folder).free
    if free < need + SPARE_BYTES:
        raise BackupError(f"Ổ đĩa chứa thư mục sao lưu “{folder}” không đủ chỗ trống "
                          f"(cần khoảng {(need + SPARE_BYTES) // 2**20} MB, còn {free // 2**20} MB). "
                          "Các bản sao lưu cũ vẫn được giữ nguyên.")


def take_backup(db_path: Path, folder: Path, reason: str, retention: Retention = Retention(),
                now: _dt.datetime | None = None) -> BackupFile:
    """A verified copy of `db_path` in `folder`, then the rotation. When nothing changed since
    the newest backup, the copy is checked, then dropped as a duplicate, and that backup is
    returned (`fresh` False). Raises BackupError (UnverifiedCopy when the copy fails its
    integrity check); older backups stay."""
    if reason not in REASONS:
        raise ValueError(reason)
    db_path = Path(db_path)
    now = now or _dt.datetime.now()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        note = folder / "nguon.txt"  # which database these are, for someone browsing the folder
        if not note.exists():
            note.write_text(f"{Path(db_path).resolve()}\n", encoding="utf-8")
        _remove_stale_partials(folder)
        _free_space_check(db_path, folder)
    except OSError as exc:
        raise BackupError(f"Không ghi được vào thư mục sao lưu “{folder}”: {exc.strerror or exc}. "
                          "Các bản sao lưu cũ vẫn được giữ nguyên.") from None
    partial = folder / f"{now:%Y%m%d-%H%M%S}-{reason}{PARTIAL}-{os.getpid()}-{time.monotonic_ns()}"
    try:
        try:
            _copy_database(db_path, partial)
        except (sqlite3.Error, OSError) as exc:
            log.warning("backup of %s failed: %s", db_path, exc)
            if isinstance(exc, sqlite3.DatabaseError) and "malformed" in str(exc):
                raise UnverifiedCopy(f"Không sao lưu được “{db_path.name}”: tệp cơ sở dữ liệu bị hỏng. "
                                     "Các bản sao lưu cũ vẫn được giữ nguyên.") from None
            from .failures import storage_message  # SQLite's words stay in the log
            raise BackupError(f"Không sao lưu được “{db_path.name}”: {storage_message(str(exc))}. "
                              "Các bản sao lưu cũ vẫn được giữ nguyên.") from None
        verdict = check_copy(partial)
        if verdict != "ok":
            log.error("backup of %s failed its integrity check: %s", db_path, verdict)
            raise UnverifiedCopy(f"Bản sao của “{db_path.name}” không qua được kiểm tra toàn vẹn: cơ sở dữ liệu "
                                 "có thể đã bị hỏng. Các bản sao lưu cũ vẫn được giữ nguyên.")
        existing = list_backups(folder)
        if existing and _same_content(partial, existing[0].path):
            return replace(existing[0], fresh=False)
        final = _final_name(folder, now, reason)
        os.replace(partial, final)
    finally:
        with contextlib.suppress(OSError):
            partial.unlink(missing_ok=True)
    taken = BackupFile(final, now.replace(microsecond=0), reason, final.stat().st_size)
    log.info("backup %s of %s verified (%d bytes)", final.name, db_path, taken.size)
    rotate(folder, retention, now)
    return taken


def to_drop(backups: list[BackupFile], retention: Retention, now: _dt.datetime) -> list[BackupFile]:
    """The backups the rotation removes: all but the newest `keep_last` and the newest of each
    of the last `keep_days` calendar days (today included)."""
    newest_first = sorted(backups, key=lambda b: b.taken_at, reverse=True)
    keep = {b.path for b in newest_first[:retention.keep_last]}
    first_day = now.date() - _dt.timedelta(days=retention.keep_days - 1)
    days_seen: set[_dt.date] = set()
    for b in newest_first:
        day = b.taken_at.date()
        if first_day <= day <= now.date() and day not in days_seen:
            days_seen.add(day)
            keep.add(b.path)
    return [b for b in newest_first if b.path not in keep]


def rotate(folder: Path, retention: Retention, now: _dt.datetime) -> list[Path]:
    dropped = []
    for b in to_drop(list_backups(folder), retention, now):
        try:
            b.path.unlink()
            dropped.append(b.path)
        except OSError as exc:  # kept for the next rotation
            log.warning("could not remove old backup %s: %s", b.path, exc)
    return dropped


def copy_into(source: Path, target: Path) -> None:
    """Replace the content of the live database `target` with that of `source`, through SQLite
    (one write transaction on the target: a crash midway leaves the old content)."""
    src = sqlite3.connect(_ro_uri(source), uri=True)
    try:
        dst = sqlite3.connect(str(target), timeout=10)
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()


def aside_name(path: Path, now: _dt.datetime | None = None) -> Path:
    """Where a damaged database is kept: `name.hong-YYYYMMDD-HHMMSS.sqlite`, beside it, never an
    existing file."""
    now = now or _dt.datetime.now()
    base = f"{path.stem}.hong-{now:%Y%m%d-%H%M%S}"
    candidate, n = path.with_name(base + path.suffix), 1
    while any(Path(str(candidate) + s).exists() for s in ("", "-wal", "-shm")):
        n += 1
        candidate = path.with_name(f"{base}-{n}{path.suffix}")
    return candidate


def move_aside(path: Path, now: _dt.datetime | None = None) -> Path:
    """Rename the damaged file (and its -wal/-shm, which belong to it) out of the way. Renaming
    never rewrites a byte of it."""
    aside = aside_name(path, now)
    os.rename(path, aside)
    for sidecar in ("-wal", "-shm"):
        extra = Path(str(path) + sidecar)
        if extra.exists():
            os.rename(extra, Path(str(aside) + sidecar))
    return aside


def place_copy(backup: Path, target: Path) -> None:
    """A copy of `backup` at `target` (which must not exist): written beside it under a temporary
    name, checked, then renamed into place."""
    tmp = target.with_name(f".{target.name}.khoi-phuc-{os.getpid()}")
    try:
        shutil.copyfile(backup, tmp)
        with open(tmp, "rb+") as fh:
            os.fsync(fh.fileno())
        verdict = check_copy(tmp, full=False)
        if verdict != "ok":
            raise BackupError(f"Bản sao lưu “{backup.name}” không đọc được ({verdict}).")
        if target.exists():
            raise BackupError(f"Tệp “{target.name}” đã có; không ghi đè.")
        os.rename(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)
