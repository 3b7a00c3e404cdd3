"""One window per database file: a byte-range lock held on the database file itself.

The lock is on the file, not on a name for it, so every spelling sees it: two data folders, two
user accounts, a symbolic or hard link, `Z:\\du-lieu.sqlite` and `\\\\may-chu\\chung\\du-lieu.sqlite`,
a different letter case on Windows. It is one byte far beyond any data (2**62), a range SQLite
never reads, writes or locks, so it does not get in SQLite's way, the command line's or a
backup's. It dies with the process that held it: a window killed (or a computer switched off, once
the file server notices) leaves no stale lock behind. On a shared folder the file server keeps the
lock (SMB byte-range locks, NFS lock manager), so a window on another computer sees it too.

- Linux: an open-file-description lock (F_OFD_SETLK). A classic POSIX lock would vanish as soon as
  SQLite closed any of its own descriptors of the file.
- Windows: LockFileEx on a handle of the file, the offset given in the call (seeking the file to
  2**62 first, as msvcrt.locking needs, is refused where the file system's largest file is smaller —
  found under Wine); released when the handle closes.
- Elsewhere (macOS, BSD): flock on `<file>.lock` beside the resolved file — symlinks and data
  folders are seen, a second hard link is not.

A file this process cannot open for writing gets an unheld lock: nothing can be written through
it, and the window shows it read-only anyway.
"""
from __future__ import annotations

import contextlib
import errno
import logging
import os
import struct
import sys
from pathlib import Path

log = logging.getLogger("tudanhgia.store")

LOCK_OFFSET = 2 ** 62 + 0x5444   # "TD": far beyond any SQLite file (at most 2**48 bytes)
_BUSY = {errno.EACCES, errno.EAGAIN, errno.EDEADLK}


class DatabaseLock:
    """Held while a window has the database open; `unlock()` gives it back (idempotent)."""

    def __init__(self, path: Path, fd: int | None, sidecar: Path | None = None):
        self.path, self._fd, self._sidecar = path, fd, sidecar

    @property
    def held(self) -> bool:
        """False when the file could not be opened for writing (nothing to protect)."""
        return self._fd is not None

    def unlock(self) -> None:
        fd, self._fd = self._fd, None
        if fd is None:
            return
        try:
            if sys.platform == "win32":
                _windows_lock(fd, unlock=True)
        except OSError:
            log.warning("unlocking %s failed (closing releases it)", self.path, exc_info=True)
        finally:
            os.close(fd)   # closing releases the lock on every platform

    def __del__(self) -> None:
        with contextlib.suppress(Exception):
            self.unlock()


def lock_database_file(path: str | os.PathLike) -> DatabaseLock | None:
    """The lock of the database at `path` (created empty if missing, as a new database starts),
    held; None when another window — in any process, under any account or path spelling, on
    this or another computer sharing the folder — holds it."""
    path = Path(path)
    if sys.platform.startswith("linux") or sys.platform == "win32":
        target, sidecar = path, None
    else:
        target = sidecar = path.resolve().with_name(path.resolve().name + ".lock")
    flags = os.O_RDWR | os.O_CREAT | getattr(os, "O_BINARY", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(target, flags, 0o666)
    except OSError as exc:  # read-only file or folder, a vanished drive: nothing can write it
        log.info("no lock on %s (%s): it cannot be written from here", path, exc)
        return DatabaseLock(path, None)
    try:
        _lock(fd)
    except OSError as exc:
        os.close(fd)
        if exc.errno in _BUSY or getattr(exc, "winerror", None) == 33:  # 33: ERROR_LOCK_VIOLATION
            return None
        log.warning("locking %s failed; opened without a lock", path, exc_info=True)
        return DatabaseLock(path, None)
    return DatabaseLock(path, fd, sidecar)


def _windows_lock(fd: int, unlock: bool = False) -> None:
    """LockFileEx (exclusive, no waiting) or UnlockFileEx of the byte at LOCK_OFFSET; OSError with
    `winerror` 33 (ERROR_LOCK_VIOLATION) when another handle holds it."""
    import ctypes
    import msvcrt
    from ctypes import wintypes

    class Overlapped(ctypes.Structure):
        _fields_ = [("Internal", ctypes.c_void_p), ("InternalHigh", ctypes.c_void_p),
                    ("Offset", wintypes.DWORD), ("OffsetHigh", wintypes.DWORD), ("hEvent", wintypes.HANDLE)]
    kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)  # type: ignore[attr-defined]
    where = Overlapped(Offset=LOCK_OFFSET & 0xFFFFFFFF, OffsetHigh=LOCK_OFFSET >> 32)
    handle = wintypes.HANDLE(msvcrt.get_osfhandle(fd))  # type: ignore[attr-defined]
    if unlock:
        done = kernel32.UnlockFileEx(handle, 0, 1, 0, ctypes.byref(where))
    else:   # LOCKFILE_EXCLUSIVE_LOCK | LOCKFILE_FAIL_IMMEDIATELY
        done = kernel32.LockFileEx(handle, 0x2 | 0x1, 0, 1, 0, ctypes.byref(where))
    if not done:
        raise ctypes.WinError(ctypes.get_last_error())  # type: ignore[attr-defined]


def _lock(fd: int) -> None:
    if sys.platform == "win32":
        _windows_lock(fd)
        return
    import fcntl
    if sys.platform.startswith("linux"):
        # struct flock {short l_type, l_whence; off_t l_start, l_len; pid_t l_pid} (l_pid 0 for OFD)
        arg = struct.pack("@hhqqi4x", fcntl.F_WRLCK, os.SEEK_SET, LOCK_OFFSET, 1, 0)
        fcntl.fcntl(fd, fcntl.F_OFD_SETLK, arg)
        return
    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)


__all__ = ["LOCK_OFFSET", "DatabaseLock", "lock_database_file"]
