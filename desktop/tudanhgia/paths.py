"""Where things live: shipped resources, the user's data and logs (all overridable)."""
from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

from . import APP_SLUG


def _shipped(*parts: str) -> Path:
    """A file shipped with the program: inside a PyInstaller bundle, else in the source tree."""
    bundle = getattr(sys, "_MEIPASS", None)
    base = Path(bundle) if bundle else Path(__file__).resolve().parents[2]
    return base.joinpath(*parts)


def resources_dir() -> Path:
    """resources/ of the source tree, or of a PyInstaller bundle."""
    env = os.environ.get("TUDANHGIA_RESOURCES")
    if env:
        return Path(env)
    return _shipped("resources")


def shipped_sample_db() -> Path:
    """The sample database shipped with the program (`make sample` builds it in the source tree;
    it may be missing there). Never opened in place: the installation folder may be read-only."""
    return _shipped("sample_db", "sample.sqlite")


def shipped_kinds_dir() -> Path:
    return resources_dir() / "kinds"


def _linux_dirs() -> tuple[Path, Path] | None:
    """platformdirs' answer on Linux for the usual case, without importing it (with tempfile:
    ~5 ms of the packaged window's first paint): $XDG_DATA_HOME or ~/.local/share, and
    ($XDG_STATE_HOME or ~/.local/state)/…/log, an XDG variable counting only when absolute.
    None elsewhere, or when HOME is not an absolute path (platformdirs then asks the password
    database): platformdirs decides. tests/test_start_cost.py compares the two."""
    home = os.environ.get("HOME", "")
    if not sys.platform.startswith("linux") or not os.path.isabs(home):
        return None

    def xdg(variable: str, default: str) -> Path:
        value = os.environ.get(variable, "")
        return Path(value if os.path.isabs(value) else os.path.join(home, default)) / APP_SLUG
    return xdg("XDG_DATA_HOME", ".local/share"), xdg("XDG_STATE_HOME", ".local/state") / "log"


@dataclass(frozen=True)
class AppPaths:
    data_dir: Path
    log_dir: Path

    @classmethod
    def default(cls, data_dir: str | os.PathLike | None = None) -> AppPaths:
        """platformdirs locations, or everything under `data_dir` when given (tests, --data-dir)."""
        if data_dir is None:
            data_dir = os.environ.get("TUDANHGIA_DATA_DIR") or None
        if data_dir is not None:
            base = Path(data_dir).expanduser().resolve()
            return cls(base, base / "logs")
        linux = _linux_dirs()
        if linux is not None:
            return cls(*linux)
        import platformdirs
        return cls(Path(platformdirs.user_data_dir(APP_SLUG, appauthor=False)),
                   Path(platformdirs.user_log_dir(APP_SLUG, appauthor=False)))

    @property
    def database(self) -> Path:
        return self.data_dir / "tudanhgia.sqlite"

    @property
    def sample_copy(self) -> Path:
        """Where the officer's own copy of the sample database goes (first run)."""
        return self.data_dir / "du-lieu-mau.sqlite"

    @property
    def backups_dir(self) -> Path:
        """Verified backups, one folder per database file (store/backup.py): on the officer's own
        disk even when the database is on a network share, a USB stick or a read-only folder."""
        return self.data_dir / "backups"

    @property
    def settings_file(self) -> Path:
        return self.data_dir / "settings.ini"

    @property
    def user_kinds_dir(self) -> Path:
        return self.data_dir / "kinds"

    @property
    def log_file(self) -> Path:
        return self.log_dir / "tudanhgia.log"

    def ensure(self) -> AppPaths:
        for d in (self.data_dir, self.log_dir, self.user_kinds_dir):
            d.mkdir(parents=True, exist_ok=True)
        return self


def write_problem(db_path: str | Path) -> str:
    """Why the window cannot write `db_path` (Vietnamese, for the read-only banner); "" when it can.
    The file must open for writing, and its folder must take new files: SQLite writes its journal
    (-wal, -shm or -journal) beside the database."""
    path = Path(db_path)
    folder = path.parent
    if path.exists():
        try:
            with open(path, "r+b"):
                pass
        except OSError:
            return f"tệp “{path.name}” chỉ cho phép đọc"
    if not folder.is_dir():
        return ""   # a new database's folder is made when it is created (and says so if it cannot be)
    # a probe file made as tempfile.mkstemp makes one (a new name, O_EXCL), without importing
    # tempfile (shutil, random: ~4 ms of the window's first paint)
    for attempt in range(100):
        probe = folder / f".tudanhgia-{os.getpid()}-{attempt}.probe"
        try:
            fd = os.open(probe, os.O_RDWR | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            continue
        except OSError:
            return f"thư mục “{folder}” không cho phép ghi"
        os.close(fd)
        import contextlib
        with contextlib.suppress(OSError):   # removing it is tidiness, not a condition for writing
            os.unlink(probe)
        return ""
    return f"thư mục “{folder}” không cho phép ghi"
