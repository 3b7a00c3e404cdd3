"""One window per database file: two windows on one file would overwrite each other's edits.

The lock lives on the database file itself (store/file_lock.py), so a second window is refused
whatever name, data folder, account or computer it opens the file from. It is taken when a window
opens a database (at start-up or with "Mở cơ sở dữ liệu khác…") and given back when it leaves it.
A second window may still show the file read-only (`offer_read_only`)."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QWidget

from ..paths import AppPaths
from ..store.file_lock import DatabaseLock, lock_database_file
from . import messages

IN_USE = ("Cơ sở dữ liệu này đang được mở trong một cửa sổ Tự Đánh Giá khác (trên máy này hoặc trên máy khác "
          "dùng chung thư mục). Hãy dùng cửa sổ đó để không ghi đè dữ liệu của nhau.")
IN_USE_REASON = "tệp đang được mở để sửa trong một cửa sổ Tự Đánh Giá khác"
ASK_READ_ONLY = ("Cơ sở dữ liệu “{name}” đang được mở để sửa trong một cửa sổ Tự Đánh Giá khác (trên máy này "
                 "hoặc trên máy khác dùng chung thư mục). Hai cửa sổ cùng sửa sẽ ghi đè dữ liệu của nhau.\n\n"
                 "Mở ở chế độ chỉ đọc để xem, in và xuất văn bản? Các thay đổi ở cửa sổ kia sẽ tự hiện ra ở đây.")


def lock_database(db_path: str | Path, paths: AppPaths | None = None) -> DatabaseLock | None:
    """The lock of `db_path`, held; None when another window holds it. `paths` is not used any
    more (the lock was once a file in the user's data folder) and is kept for the callers."""
    return lock_database_file(db_path)


def offer_read_only(parent: QWidget | None, db_path: str | Path) -> bool:
    """Ask whether to show a database another window is editing read-only; True: open it so."""
    return messages.confirm(parent, ASK_READ_ONLY.format(name=Path(db_path).name), yes="Mở chỉ đọc", no="Hủy")
