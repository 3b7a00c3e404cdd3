"""Atomic file output: write a temporary file beside the target, check it, then replace.

A target that is open in Word (locked) or read-only gives a clear Vietnamese message and the
old file stays as it was."""
from __future__ import annotations

import errno
import logging
import os
import stat
import tempfile
from pathlib import Path
from collections.abc import Callable

log = logging.getLogger("tudanhgia.files")


class OutputError(Exception):
    """The file could not be written; the message is Vietnamese, for the user."""


def _word_owner_files(path: Path) -> list[Path]:
    """Word marks an open document with an owner file '~$' + name (its first two letters
    dropped for longer names)."""
    name = path.name
    return [path.with_name("~$" + name), path.with_name("~$" + name[2:])]


def check_writable(path: Path) -> None:
    if path.is_dir():
        raise OutputError(f"“{path}” là một thư mục; hãy chọn tên tệp.")
    if not path.parent.is_dir():
        raise OutputError(f"Thư mục “{path.parent}” không tồn tại.")
    if path.exists():
        if any(p.exists() for p in _word_owner_files(path)):
            raise OutputError(f"Tệp “{path.name}” đang mở trong Word. Hãy đóng tệp rồi xuất lại; "
                              "tệp cũ vẫn được giữ nguyên.")
        # the owner-write bit is what Windows' read-only attribute maps to (and root ignores access())
        if not os.access(path, os.W_OK) or not path.stat().st_mode & stat.S_IWUSR:
            raise OutputError(f"Tệp “{path.name}” chỉ cho phép đọc, không ghi đè được. "
                              "Hãy chọn tên khác; tệp cũ vẫn được giữ nguyên.")
        try:  # on Windows a file open in another program cannot be opened for writing
            with open(path, "r+b"):
                pass
        except PermissionError:
            raise OutputError(f"Tệp “{path.name}” đang được một chương trình khác mở. Hãy đóng tệp rồi "
                              "xuất lại; tệp cũ vẫn được giữ nguyên.") from None


# errors of writing data where no file name is attached (a full disk, a lost network drive)
_WRITE_ERRNOS = {getattr(errno, name) for name in ("ENOSPC", "EDQUOT", "EFBIG", "EIO", "EROFS", "EACCES", "EPERM")
                 if hasattr(errno, name)}  # not every name exists on Windows


def _about_output(exc: OSError, *ours: Path) -> bool:
    """Whether an OSError raised while writing concerns the file being written."""
    named = [n for n in (exc.filename, exc.filename2) if n is not None]
    if named:
        mine = {os.path.abspath(p) for p in ours}
        return any(os.path.abspath(os.fsdecode(n)) in mine for n in named if isinstance(n, (str, bytes, os.PathLike)))
    return exc.errno in _WRITE_ERRNOS


def atomic_write(path: str | os.PathLike, write: Callable[[Path], None],
                 verify: Callable[[Path], None] | None = None) -> Path:
    """Call `write(tmp)` for a temporary file beside `path`, `verify(tmp)`, then replace `path`."""
    path = Path(path)
    check_writable(path)
    try:
        fd, tmp_name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.stem}.", suffix=path.suffix + ".tmp")
    except OSError as exc:
        raise OutputError(f"Không ghi được vào thư mục “{path.parent}”: {exc.strerror or exc}.") from None
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        write(tmp)
        if verify is not None:
            verify(tmp)
        # mkstemp makes the file private (0600): give it the old file's mode or the usual one
        if path.exists():
            mode = stat.S_IMODE(path.stat().st_mode)
        else:
            umask = os.umask(0)
            os.umask(umask)
            mode = 0o666 & ~umask
        os.chmod(tmp, mode)
        try:
            os.replace(tmp, path)
        except PermissionError:
            raise OutputError(f"Tệp “{path.name}” đang được mở hoặc bị khóa, không ghi đè được. "
                              "Hãy đóng tệp rồi xuất lại; tệp cũ vẫn được giữ nguyên.") from None
    except OutputError:
        tmp.unlink(missing_ok=True)
        raise
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        if not _about_output(exc, tmp, path):
            raise  # e.g. a template the writer reads is missing: not "cannot write the file"
        raise OutputError(f"Không ghi được tệp “{path.name}”: {exc.strerror or exc}. "
                          "Tệp cũ (nếu có) vẫn được giữ nguyên.") from None
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    log.info("wrote %s", path)
    return path
