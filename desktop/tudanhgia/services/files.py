"""Atomic file output: write a temporary file in a hidden folder beside the target, read it back,
then move it over the target (same folder tree, so the move is atomic).

A target that is open in Word (locked) or read-only gives a clear Vietnamese message and the
old file stays as it was. A file that does not read back (`verify`) never replaces the target.
The temporary files live in `.tudanhgia-tam` (hidden on Windows too, where a leading dot hides
nothing; removed once empty), and their names carry the computer and process that write them.
One left by an export that was killed is removed by the next export into that folder: at once
when its process is known to be gone (same computer), otherwise once it is older than
STALE_TEMP_SECONDS (a process on another computer sharing the folder cannot be asked)."""
from __future__ import annotations

import contextlib
import errno
import functools
import hashlib
import logging
import os
import re
import socket
import sqlite3
import stat
import sys
import tempfile
import time
from pathlib import Path
from collections.abc import Callable

from ..errors import os_reason

log = logging.getLogger("tudanhgia.files")

# what mkstemp below names a temporary file: "." + stem + "." + computer tag + "-" + process id + "."
# + 8 random letters, digits or "_" + the target's suffix + ".tmp" (names without the tag are those
# earlier versions left beside the target); only names of exactly this form are ever removed
_TEMP_NAME = re.compile(r"\.(?P<stem>.+?)\.(?:(?P<host>[0-9a-f]{8})-(?P<pid>[0-9]{1,10})\.)?[a-z0-9_]{8}"
                        r"(?P<suffix>\.(?:docx|xlsx|pdf|txt))\.tmp", re.IGNORECASE)
STALE_TEMP_SECONDS = 10 * 60   # an export takes seconds; one this old was killed
TEMP_FOLDER = ".tudanhgia-tam"


class OutputError(Exception):
    """The file could not be written; the message is Vietnamese, for the user."""


def _word_owner_files(path: Path) -> list[Path]:
    """Word marks an open document with an owner file '~$' + name (its first two letters
    dropped for longer names)."""
    name = path.name
    return [path.with_name("~$" + name), path.with_name("~$" + name[2:])]


def output_path(target: str | os.PathLike | None, default_name: Callable[[], str]) -> Path:
    """Where a command writes its file: `target`; inside it under `default_name()` when it is an
    existing folder (as copying a file into a folder does: `export 1 --out Desktop` wrote
    “Desktop.docx” beside the folder); without a target, `default_name()` in the current folder."""
    if target is None:
        return Path(default_name())
    path = Path(target).expanduser()
    return path / default_name() if path.is_dir() else path


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


@functools.cache
def _host_tag() -> str:
    """Eight hex digits naming this computer in temporary file names (a shared folder is seen by
    several computers, whose process ids mean nothing here)."""
    return hashlib.sha1(socket.gethostname().encode("utf-8", "replace")).hexdigest()[:8]


def process_alive(pid: int) -> bool:
    """Whether process `pid` of this computer is running; True when the system will not say."""
    if pid <= 0:
        return True
    if sys.platform == "win32":
        import ctypes
        kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)  # type: ignore[attr-defined]
        handle = kernel32.OpenProcess(0x1000, False, pid)        # PROCESS_QUERY_LIMITED_INFORMATION
        if not handle:
            return ctypes.get_last_error() != 87                   # ERROR_INVALID_PARAMETER: no such process
        try:
            code = ctypes.c_ulong()
            if not kernel32.GetExitCodeProcess(handle, ctypes.byref(code)):
                return True
            return code.value == 259                               # STILL_ACTIVE
        finally:
            kernel32.CloseHandle(handle)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:     # EPERM: alive, another user's
        return True
    return True


def _abandoned(name: str, age: float) -> bool:
    """Whether the temporary file `name`, not written to for `age` seconds, belongs to no export
    still running: its process is gone (this computer), or it is older than any export takes."""
    match = _TEMP_NAME.fullmatch(name)
    if match is None:
        return False
    if age >= STALE_TEMP_SECONDS:
        return True
    if match["host"] != _host_tag() or match["pid"] is None:
        return False
    pid = int(match["pid"])
    return pid != os.getpid() and not process_alive(pid)


def remove_stale_temps(folder: Path, now: float | None = None) -> list[Path]:
    """Remove our temporary files in `folder` (and in its hidden temporary folder) left by a
    killed export: regular files (never a link or a folder), named exactly as `atomic_write` names
    them, abandoned (`_abandoned`), and owned by this user where the system says. The hidden
    folder goes too once empty. Returns what was removed."""
    now = time.time() if now is None else now
    removed: list[Path] = []
    for place in (folder, folder / TEMP_FOLDER):
        try:
            entries = list(os.scandir(place))
        except OSError:
            continue
        for entry in entries:
            if not entry.name.endswith((".tmp", ".TMP")):
                continue
            try:
                st = entry.stat(follow_symlinks=False)
                if not stat.S_ISREG(st.st_mode) or not _abandoned(entry.name, now - st.st_mtime):
                    continue
                if hasattr(os, "getuid") and st.st_uid != os.getuid():
                    continue
                os.unlink(entry.path)
            except OSError:  # gone meanwhile, or not ours to remove: leave it
                continue
            log.info("removed a temporary file left by an interrupted export: %s", entry.path)
            removed.append(Path(entry.path))
    _remove_if_empty(folder / TEMP_FOLDER)
    return removed


def remove_export_temps(db_path: Path) -> list[Path]:
    """`remove_stale_temps` in every folder the reports of `db_path` were exported to: a killed
    export's file went only when the officer next exported into that same folder. Slow on a network
    folder that is gone (each is tried once): run it off the UI thread. Returns what was removed."""
    from ..store.catalog import export_folders
    try:
        folders = export_folders(db_path)
    except sqlite3.Error as exc:   # no history to read: nothing to clean
        log.warning("cannot read the export folders of %s: %s", db_path, exc)
        return []
    return [path for folder in folders for path in remove_stale_temps(folder)]


def _remove_if_empty(temp_folder: Path) -> None:
    with contextlib.suppress(OSError):  # missing, or another export's file is in it
        temp_folder.rmdir()


def _temp_folder(parent: Path) -> Path:
    """The hidden folder beside the target where temporary files are written (created hidden:
    Explorer shows dot names)."""
    folder = parent / TEMP_FOLDER
    if not folder.is_dir():
        folder.mkdir(exist_ok=True)
        if sys.platform == "win32":
            import ctypes
            ctypes.windll.kernel32.SetFileAttributesW(str(folder), 0x2)  # type: ignore[attr-defined]  # HIDDEN
    return folder


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
        fd, tmp_name = tempfile.mkstemp(dir=_temp_folder(path.parent),
                                        prefix=f".{path.stem}.{_host_tag()}-{os.getpid()}.",
                                        suffix=path.suffix + ".tmp")
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
    finally:
        _remove_if_empty(tmp.parent)
    log.info("wrote %s", path)
    return path


def verify_pdf(path: Path) -> None:
    """A complete PDF: its header, the end-of-file mark in its last kilobyte and at least one page."""
    data = path.read_bytes()
    if not data.startswith(b"%PDF-") or b"%%EOF" not in data[-1024:]:
        raise OutputError("Tệp PDF tạo ra không hoàn chỉnh nên chưa được lưu; tệp cũ (nếu có) vẫn được giữ nguyên.")
    if re.search(rb"/Type\s*/Page(?![A-Za-z])", data) is None:
        raise OutputError("Tệp PDF tạo ra không có trang nào nên chưa được lưu; tệp cũ (nếu có) vẫn được giữ nguyên.")
