"""Backups of the open database, for the window and the command line: take one (at open, every
15 minutes of editing, before a restore; the store takes one before a migration), list them with
their reports, preview a report from one, restore one into the current database, and put the
newest good one in place of a damaged file.

Where: the user data folder, `backups/<name>-<hash of the path>/` (store/backup.py). Not beside
the database: that folder may be read-only, a network share (slow, shared with others) or a USB
stick that fails together with the file it should save. Which backups stay: the last 20 and the
newest of each of the last 30 days, `[backups] keep_last / keep_days` in settings.ini.
"""
from __future__ import annotations

import configparser
import contextlib
import logging
import os
import shutil
import sqlite3
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from ..domain.model import Report
from ..errors import ServiceError
from ..kinds import KindRegistry
from ..paths import AppPaths, shipped_kinds_dir
from ..store import DatabaseError
from ..store.backup import (BackupError, BackupFile, Retention, UnverifiedCopy, aside_name, check_copy, copy_into,
                            file_state, folder_for, list_backups, move_aside, place_copy, take_backup)
from ..store.catalog import ReportSummary, read_catalog
from ..store.db import CorruptDatabase, open_database
from .reports import ReportService

log = logging.getLogger("tudanhgia.services")

REASON_LABELS = {
    "mo": "Khi mở",
    "dinh-ky": "Định kỳ khi soạn",
    "truoc-nang-cap": "Trước khi nâng cấp",
    "truoc-khoi-phuc": "Trước khi khôi phục",
    "thu-cong": "Sao lưu ngay",
}
DEFAULT_INTERVAL_MINUTES = 15


class BackupFailed(ServiceError):
    """No backup was made; the older ones are kept."""


class DamagedDatabase(BackupFailed):
    """The copy of the database failed its integrity check: the database itself is damaged."""


@dataclass(frozen=True)
class BackupSettings:
    retention: Retention = field(default_factory=Retention)
    interval_minutes: int = DEFAULT_INTERVAL_MINUTES


def load_settings(settings_file: Path | None) -> BackupSettings:
    """`[backups]` of settings.ini (the window's QSettings file): keep_last, keep_days,
    interval_minutes. Anything missing or unreadable keeps its default."""
    default = BackupSettings()
    if settings_file is None or not settings_file.is_file():
        return default
    parser = configparser.RawConfigParser(strict=False)
    try:
        parser.read(settings_file, encoding="utf-8")
    except (configparser.Error, OSError, UnicodeDecodeError):
        log.warning("settings file %s unreadable; default backup settings", settings_file)
        return default

    def number(key: str, fallback: int, low: int) -> int:
        try:
            return max(low, parser.getint("backups", key, fallback=fallback))
        except ValueError:
            return fallback
    r = default.retention
    return BackupSettings(Retention(number("keep_last", r.keep_last, 1), number("keep_days", r.keep_days, 0)),
                          number("interval_minutes", default.interval_minutes, 1))


def reason_label(backup: BackupFile) -> str:
    return REASON_LABELS.get(backup.reason, backup.reason)


def size_label(size: int) -> str:
    """1,5 MB / 820 KB, as the officer reads numbers."""
    if size >= 1024 * 1024:
        return f"{size / 1024 / 1024:.1f} MB".replace(".", ",")
    return f"{max(1, round(size / 1024))} KB"


class BackupService:
    """The backups of one database file."""

    def __init__(self, db_path: str | Path, paths: AppPaths | None = None, settings: BackupSettings | None = None):
        self.db_path = Path(db_path)
        self.paths = paths or AppPaths.default()
        self.settings = settings or load_settings(self.paths.settings_file)
        self.folder = folder_for(self.db_path, self.paths.backups_dir)
        self._snapshots: dict[Path, tuple[Path, ReportService]] = {}
        self._taken_state: tuple | None = None

    # --- taking and listing -------------------------------------------------------------------------
    def take(self, reason: str = "dinh-ky") -> BackupFile:
        """A verified backup now (safe to call from a worker thread: files and sqlite3 only).
        Raises BackupFailed, or DamagedDatabase when the copy fails its integrity check."""
        try:
            state = file_state(self.db_path)
            taken = take_backup(self.db_path, self.folder, reason, self.settings.retention)
            self._taken_state = state
            return taken
        except UnverifiedCopy as exc:
            raise DamagedDatabase(str(exc)) from None
        except BackupError as exc:
            raise BackupFailed(str(exc)) from None

    def take_if_changed(self, reason: str = "dinh-ky") -> BackupFile | None:
        """A backup if the file changed since the last one this service took (15 minutes of
        editing); None when it did not (no copy made at all)."""
        # the state is read before each copy: a write during the copy makes the next one run
        if file_state(self.db_path) == self._taken_state:
            return None
        return self.take(reason)

    def available(self) -> list[BackupFile]:
        """Newest first."""
        return list_backups(self.folder)

    def reports(self, backup: BackupFile) -> list[ReportSummary]:
        """The reports in a backup (not those in its trash), read from the file without changing it."""
        try:
            return read_catalog(backup.path).reports
        except (sqlite3.Error, ValueError) as exc:
            log.warning("cannot list %s: %s", backup.path, exc)
            raise ServiceError(f"Không đọc được danh sách báo cáo trong bản sao lưu “{backup.path.name}”.") from None

    # --- a report from a backup ---------------------------------------------------------------------
    def _snapshot(self, backup: BackupFile) -> tuple[Path, ReportService]:
        """A private copy of the backup, upgraded to the current schema (a backup taken before
        a migration has the old one) and opened: the backup file itself is never opened for
        writing. Kept until close()."""
        if backup.path not in self._snapshots:
            folder = Path(tempfile.mkdtemp(prefix="tudanhgia-saoluu-"))
            copy = folder / "ban-sao.sqlite"
            try:
                shutil.copyfile(backup.path, copy)
                db = open_database(copy, create=False, backups=folder / "truoc-nang-cap")
            except (OSError, DatabaseError) as exc:
                shutil.rmtree(folder, ignore_errors=True)
                log.warning("cannot open backup %s: %s", backup.path, exc)
                raise ServiceError(f"Không mở được bản sao lưu “{backup.path.name}”: "
                                   f"{exc if isinstance(exc, DatabaseError) else 'không đọc được tệp'}.") from None
            self._snapshots[backup.path] = (copy, ReportService(db, KindRegistry.load(shipped_kinds_dir())))
        return self._snapshots[backup.path]

    def report(self, backup: BackupFile, report_id: int) -> Report:
        return self._snapshot(backup)[1].get_report(report_id)

    def preview_html(self, backup: BackupFile, report_id: int) -> str:
        """The report as the preview and printing lay it out (render/html.py)."""
        from ..render.html import report_html
        return report_html(self.report(backup, report_id))

    def close(self) -> None:
        """Drop the private copies opened for previews."""
        for copy, service in self._snapshots.values():
            service.close()
            shutil.rmtree(copy.parent, ignore_errors=True)
        self._snapshots.clear()

    # --- restoring ---------------------------------------------------------------------------------
    def _usable(self, backup: BackupFile) -> None:
        verdict = check_copy(backup.path, full=False)
        if verdict != "ok":
            log.error("backup %s unreadable: %s", backup.path, verdict)
            raise ServiceError(f"Bản sao lưu “{backup.path.name}” không còn đọc được; hãy chọn bản khác.")

    def restore(self, backup: BackupFile, service: ReportService) -> BackupFile:
        """Replace the content of the open database with that of `backup`, after a verified
        backup of the current state (returned, so the officer can go back). The service's
        connections are closed first; it reopens them on its next call."""
        if service.db.path.resolve() != self.db_path.resolve():
            raise ValueError("the service has another database open")
        self._usable(backup)
        try:
            before = self.take("truoc-khoi-phuc")
        except DamagedDatabase:
            raise  # the current file is damaged: the officer is told, nothing is restored over it
        except BackupFailed as exc:
            raise BackupFailed(f"Chưa khôi phục: không sao lưu được dữ liệu hiện tại trước khi khôi phục. {exc}") \
                from None
        copy, snapshot = self._snapshot(backup)  # upgraded to the schema this program writes
        snapshot.db.close()  # everything it holds is in the file: the copy below reads only that
        service.db.close()
        try:
            copy_into(copy, self.db_path)
        except sqlite3.Error as exc:
            log.exception("restoring %s into %s failed", backup.path, self.db_path)
            raise ServiceError(f"Không khôi phục được: {exc}. Dữ liệu hiện tại vẫn giữ nguyên "
                               f"(và đã được sao lưu: {before.path.name}).") from None
        log.info("restored %s into %s (previous state in %s)", backup.path, self.db_path, before.path)
        return before

    def newest_good(self) -> BackupFile | None:
        """The newest backup that still reads as a sound database."""
        for backup in self.available():
            if check_copy(backup.path, full=False) == "ok":
                return backup
            log.warning("backup %s does not pass quick_check; trying an older one", backup.path)
        return None

    def aside_name(self) -> Path:
        """Where `replace_damaged` would put the damaged file now (to tell the officer first)."""
        return aside_name(self.db_path)

    def replace_damaged(self, backup: BackupFile) -> Path:
        """Put `backup` in place of the damaged database file: the damaged file (with its -wal
        and -shm) is renamed to `name.hong-YYYYMMDD-HHMMSS.sqlite` beside it, never overwritten
        nor deleted. Returns where it went."""
        self._usable(backup)
        try:
            aside = move_aside(self.db_path)
        except OSError as exc:
            raise ServiceError(f"Không đổi tên được tệp hỏng “{self.db_path.name}” ({exc.strerror or exc}): thư mục "
                               f"“{self.db_path.parent}” không cho phép ghi? Bản sao lưu tốt nhất: {backup.path}") \
                from None
        try:
            place_copy(backup.path, self.db_path)
        except (OSError, BackupError) as exc:
            if not self.db_path.exists():  # as it was: the damaged file under its own name
                with contextlib.suppress(OSError):
                    os.rename(aside, self.db_path)
            raise ServiceError(f"Không chép được bản sao lưu vào “{self.db_path.name}”: {exc}") from None
        log.warning("damaged %s moved to %s; restored %s", self.db_path, aside, backup.path)
        return aside


def is_damaged(exc: Exception) -> bool:
    """The refusal of a damaged (corrupt or cut) file, which a backup can replace; not that of a
    foreign file or one from a newer version, which stay untouched."""
    return isinstance(exc, CorruptDatabase)


def describe(backup: BackupFile) -> str:
    """'14:05 ngày 03/12/2026 (Định kỳ khi soạn, 1,2 MB)'."""
    when = f"{backup.taken_at:%H:%M} ngày {backup.taken_at:%d/%m/%Y}"
    return f"{when} ({reason_label(backup)}, {size_label(backup.size)})"
