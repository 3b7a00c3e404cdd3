"""Atomic file output: write a hidden temporary file beside the target, read it back, then replace.

A target that is open in Word (locked) or read-only gives a clear Vietnamese message and the
old file stays as it was. A file that does not read back (`verify`) never replaces the target.
A temporary file left by an export that was killed (`.name.xxxxxxxx.docx.tmp`, hidden) is removed
by the next export into that folder once it is older than STALE_TEMP_SECONDS."""
from __future__ import annotations

import errno
import logging
import os
import re
import stat
import tempfile
import time
from pathlib import Path
from collections.abc import Callable

from ..errors import os_reason

log = logging.getLogger("tudanhgia.files")

# what mkstemp below names a temporary file: "." + stem + "." + 8 random letters, digits or "_"
# + the target's suffix + ".tmp"; only names of exactly this form are ever removed
_TEMP_NAME = re.compile(r"\.(?P<stem>.+)\.[a-z0-9_]{8}(?P<suffix>\.(?:docx|xlsx|pdf|txt))\.tmp", re.IGNORECASE)
STALE_TEMP_SECONDS = 10 * 60   # an export takes seconds; one this old was killed


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


def remove_stale_temps(folder: Path, now: float | None = None) -> list[Path]:
    """Remove our temporary files in `folder` left by a killed export: regular files (never a
    link or a folder), named exactly as `atomic_write` names them, not written to for
    STALE_TEMP_SECONDS, and owned by this user where the system says. Returns what was removed."""
    now = time.time() if now is None else now
    removed: list[Path] = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        if not entry.name.endswith((".tmp", ".TMP")) or _TEMP_NAME.fullmatch(entry.name) is None:
            continue
        try:
            st = entry.stat(follow_symlinks=False)
            if not stat.S_ISREG(st.st_mode) or now - st.st_mtime < STALE_TEMP_SECONDS:
                continue
            if hasattr(os, "getuid") and st.st_uid != os.getuid():
                continue
            os.unlink(entry.path)
        except OSError:  # gone meanwhile, or not ours to remove: leave it
            continue
        log.info("removed a temporary file left by an interrupted export: %s", entry.path)
        removed.append(Path(entry.path))
    return removed


def _checked(path: Path, tmp: Path, verify: Callable[[Path], None]) -> None:
    """`verify(tmp)`; anything it raises becomes one Vietnamese sentence (the log has the details)."""
    try:
        if tmp.stat().st_size == 0:
            raise ValueError("the written file is empty")
        verify(tmp)
    except OutputError:
        raise
    except Exception:
        log.exception("the file written for %s does not read back", path)
        raise OutputError(f"Tệp “{path.name}” vừa tạo không đọc lại được nên chưa được lưu; tệp cũ (nếu có) "
                          "vẫn được giữ nguyên. Chi tiết đã ghi vào tệp nhật ký.") from None


def atomic_write(path: str | os.PathLike, write: Callable[[Path], None],
                 verify: Callable[[Path], None] | None = None) -> Path:
    """Call `write(tmp)` for a temporary file beside `path`, `verify(tmp)` (it raises when the file
    does not read back), then replace `path`."""
    path = Path(path)
    check_writable(path)
    remove_stale_temps(path.parent)
    try:
        fd, tmp_name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.stem}.", suffix=path.suffix + ".tmp")
    except OSError as exc:
        log.warning("cannot create a temporary file in %s: %s", path.parent, exc)
        raise OutputError(f"Không ghi được vào thư mục “{path.parent}”: {os_reason(exc)}.") from None
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        write(tmp)
        if verify is not None:
            _checked(path, tmp, verify)
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
        log.warning("cannot write %s: %s", path, exc)
        raise OutputError(f"Không ghi được tệp “{path.name}”: {os_reason(exc)}. "
                          "Tệp cũ (nếu có) vẫn được giữ nguyên.") from None
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    log.info("wrote %s", path)
    return path


def verify_pdf(path: Path) -> None:
    """A complete PDF: its header, the end-of-file mark in its last kilobyte and at least one page."""
    data = path.read_bytes()
    if not data.startswith(b"%PDF-") or b"%%EOF" not in data[-1024:]:
        raise OutputError("Tệp PDF tạo ra không hoàn chỉnh nên chưa được lưu; tệp cũ (nếu có) vẫn được giữ nguyên.")
    if re.search(rb"/Type\s*/Page(?![A-Za-z])", data) is None:
        raise OutputError("Tệp PDF tạo ra không có trang nào nên chưa được lưu; tệp cũ (nếu có) vẫn được giữ nguyên.")
