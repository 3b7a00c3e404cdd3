"""One window per database file: two windows on one file would overwrite each other's edits.
The lock is taken when a window opens a database (at start-up or with "Mở cơ sở dữ liệu khác…")
and given back when it leaves it."""
from __future__ import annotations

import hashlib
from pathlib import Path

from PySide6.QtCore import QLockFile

from ..paths import AppPaths

IN_USE = ("Cơ sở dữ liệu này đang được mở trong một cửa sổ Tự Đánh Giá khác. "
          "Hãy dùng cửa sổ đó để không ghi đè dữ liệu của nhau.")


def lock_database(db_path: str | Path, paths: AppPaths) -> QLockFile | None:
    """The lock of `db_path`, held; None when another window holds it. A lock left by a program
    that was killed is taken over (QLockFile checks the process)."""
    key = hashlib.sha1(str(Path(db_path).resolve()).encode("utf-8")).hexdigest()[:16]
    paths.data_dir.mkdir(parents=True, exist_ok=True)
    lock = QLockFile(str(paths.data_dir / f"db-{key}.lock"))
    lock.setStaleLockTime(0)
    return lock if lock.tryLock(100) else None
