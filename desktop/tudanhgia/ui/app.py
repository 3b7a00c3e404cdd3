"""Application start-up: Qt application, Vietnamese standard buttons, error dialog, main window."""
from __future__ import annotations

import contextlib
import logging
import os
import sys
import threading
import time
import traceback
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QSettings, QSize, QTimer, QTranslator
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from .. import APP_NAME, APP_SLUG, __version__
from ..paths import AppPaths, resources_dir
from .qt_strings import qt_text
from .thread_results import ThreadResults

log = logging.getLogger("tudanhgia.ui")

# PySide6 ships no Vietnamese Qt translation: the standard buttons are translated here.
_STANDARD = {
    "OK": "Đồng ý", "&OK": "Đồng ý", "Cancel": "Hủy", "&Cancel": "Hủy", "Yes": "Có", "&Yes": "&Có",
    "No": "Không", "&No": "&Không", "Save": "Lưu", "&Save": "&Lưu", "Close": "Đóng", "&Close": "Đó&ng",
    "Apply": "Áp dụng", "Reset": "Đặt lại", "Help": "Trợ giúp", "Discard": "Bỏ", "Open": "Mở", "&Open": "&Mở",
    "Yes to &All": "Có với &tất cả", "N&o to All": "Không với tất &cả", "Abort": "Dừng", "Retry": "Thử lại",
    "Ignore": "Bỏ qua", "Restore Defaults": "Khôi phục mặc định", "Show Details...": "Xem chi tiết…",
    "Hide Details...": "Ẩn chi tiết…", "Look in:": "Tìm trong:", "File &name:": "&Tên tệp:",
    "Files of type:": "Kiểu tệp:", "&Choose": "&Chọn", "Back": "Quay lại", "Forward": "Tiến",
    "Parent Directory": "Thư mục cha", "Create New Folder": "Tạo thư mục mới", "Detail View": "Chi tiết",
    "List View": "Danh sách", "Directory:": "Thư mục:", "&Undo": "&Hoàn tác", "&Redo": "&Làm lại",
    "Cu&t": "Cắ&t", "&Copy": "&Sao chép", "&Paste": "&Dán", "Delete": "Xóa", "Select All": "Chọn tất cả",
}


class VietnameseTranslator(QTranslator):
    def translate(self, context, source_text, disambiguation=None, n=-1):
        # None (not "") for strings we do not know: Qt then keeps its own text; an empty string
        # would blank every other Qt label and even invalidate QPageSize(A4)
        return qt_text(context, source_text) or _STANDARD.get(source_text)


def install_error_hook(log_file: Path) -> None:
    """Unexpected exceptions: full traceback to the log, a friendly Vietnamese dialog to the user."""
    def hook(exc_type, exc, tb):
        log.error("unexpected error:\n%s", "".join(traceback.format_exception(exc_type, exc, tb)))
        app = QApplication.instance()
        if app is not None:
            from . import messages
            messages.error(None, "Đã xảy ra lỗi không mong đợi. Dữ liệu đã nhập vẫn được giữ nguyên.\n\n"
                                 f"Chi tiết lỗi đã được ghi vào: {log_file}")
    sys.excepthook = hook


# Windows groups taskbar buttons by this id; without it they show python.exe's icon, not ours
APP_USER_MODEL_ID = f"{APP_SLUG}.{APP_SLUG}"


def _set_app_user_model_id() -> None:
    if sys.platform != "win32":
        return
    import ctypes
    try:
        ctypes.windll.shell32.SetCurrentProcessExplicitAppUserModelID(APP_USER_MODEL_ID)
    except (AttributeError, OSError):  # very old Windows: the taskbar falls back to the exe's icon
        log.info("could not set the AppUserModelID")


def application_icon() -> QIcon:
    """Every size drawn by resources/icons/make_icons.py, so Qt picks a sharp one for each place."""
    icon = QIcon()
    folder = resources_dir() / "icons"
    for size in (16, 24, 32, 48, 64, 128, 256):
        path = folder / f"tudanhgia-{size}.png"
        if path.is_file():
            icon.addFile(str(path), QSize(size, size))
    return icon


def install_guards(app: QApplication) -> None:
    """The text normalisation of every field as it gets the focus (ui/text_guard.py), once."""
    if not getattr(app, "_text_guards", False):  # typed and pasted text shown as it will be stored
        from .text_guard import guard, install_text_guards
        install_text_guards(app)
        guard(app.focusWidget())   # a field focused before (the window's first paint)
        app._text_guards = True


def make_application(argv: list[str] | None = None, guards: bool = True) -> QApplication:
    """The application, Vietnamese; `guards` False: the text guards wait for install_guards
    (the window's start installs them right after the first paint: ~5 ms of it)."""
    _set_app_user_model_id()  # before the first window exists
    app = QApplication.instance() or QApplication(argv or [sys.argv[0]])
    app.setApplicationName(APP_SLUG)
    app.setApplicationDisplayName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setOrganizationName(APP_SLUG)
    app.setWindowIcon(application_icon())
    if not getattr(app, "_vi_translator", None):
        translator = VietnameseTranslator(app)
        app.installTranslator(translator)
        app._vi_translator = translator  # keep it alive
    if guards:
        install_guards(app)
    return app


def _import_core_without_qt_hook():
    """Import the services (SQLAlchemy and all) with the interpreter's own import function.
    PySide6's replacement reads the source of each module it sees, for its `__feature__` switches,
    which the Qt-free core never uses: ~50 ms and ~17 MiB for SQLAlchemy. Called on the worker
    that opens the service; an import the UI thread makes meanwhile skips the hook too, which no
    module of ours needs."""
    import builtins
    import importlib

    from .. import ORIGINAL_IMPORT
    hooked = builtins.__import__
    builtins.__import__ = ORIGINAL_IMPORT
    try:
        importlib.import_module("tudanhgia.services.backups")   # the backup at open, on the UI thread after
        importlib.import_module("tudanhgia.services.unit_setup")   # asked on the worker (Session)
        return importlib.import_module("tudanhgia.services.reports")   # the package loads it only when asked
    finally:
        builtins.__import__ = hooked


def _memory_kib() -> tuple[int, int]:
    """(peak, current) resident memory of this process in KiB; 0 where the platform tells nothing.
    `resource` exists only on Unix; a Windows bundle asks the process's working set instead."""
    try:
        import resource
    except ImportError:
        resource = None
    if resource is not None:
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        try:
            with open("/proc/self/statm") as fh:
                return peak, int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") // 1024
        except OSError:
            return peak, peak
    if sys.platform == "win32":
        return _windows_working_set_kib()
    try:  # Linux without `resource` (frozen without the module): the kernel's own counters
        with open("/proc/self/status") as fh:
            fields = dict(line.split(":", 1) for line in fh if ":" in line)
        return int(fields["VmHWM"].split()[0]), int(fields["VmRSS"].split()[0])
    except (OSError, KeyError, ValueError):
        return 0, 0


def _windows_working_set_kib() -> tuple[int, int]:
    import ctypes
    from ctypes import wintypes

    class Counters(ctypes.Structure):  # PROCESS_MEMORY_COUNTERS
        _fields_ = [("cb", wintypes.DWORD), ("PageFaultCount", wintypes.DWORD),
                    ("PeakWorkingSetSize", ctypes.c_size_t), ("WorkingSetSize", ctypes.c_size_t),
                    ("QuotaPeakPagedPoolUsage", ctypes.c_size_t), ("QuotaPagedPoolUsage", ctypes.c_size_t),
                    ("QuotaPeakNonPagedPoolUsage", ctypes.c_size_t), ("QuotaNonPagedPoolUsage", ctypes.c_size_t),
                    ("PagefileUsage", ctypes.c_size_t), ("PeakPagefileUsage", ctypes.c_size_t)]
    try:
        kernel32 = ctypes.WinDLL("kernel32")
        # Windows 7+ exports it from kernel32; older systems only from psapi
        get_info = getattr(kernel32, "K32GetProcessMemoryInfo", None) or ctypes.WinDLL("psapi").GetProcessMemoryInfo
        kernel32.GetCurrentProcess.restype = wintypes.HANDLE
        get_info.argtypes = [wintypes.HANDLE, ctypes.POINTER(Counters), wintypes.DWORD]
        get_info.restype = wintypes.BOOL
        counters = Counters()
        counters.cb = ctypes.sizeof(Counters)
        if not get_info(kernel32.GetCurrentProcess(), ctypes.byref(counters), counters.cb):
            return 0, 0
        return counters.PeakWorkingSetSize // 1024, counters.WorkingSetSize // 1024
    except (AttributeError, OSError):
        return 0, 0


def _report(marker: str) -> None:
    """bench/startup.py reads: marker, time, peak KiB, resident KiB now."""
    peak_kib, now_kib = _memory_kib()
    print(f"{marker} {time.time():.6f} {peak_kib} {now_kib}", flush=True)


# A write from the window waits at most this long for another program's lock (the keyboard waits
# with it); when refused, the save manager keeps the typing and tries again later (RETRY_MS)
WINDOW_BUSY_TIMEOUT_MS = 250


def end_session(window, paths: AppPaths) -> None:
    """Log-out, shutdown or a termination signal: write everything typed now; what the database
    still refuses goes to a file in the data folder, since nobody can be asked any more."""
    from ..services.files import OutputError
    from ..services.rescue import rescue
    window.session_ending = True
    if window.flush_all():
        log.info("session ending: everything typed is written")
        return
    blocks = window.ctx.saves.unsaved()
    try:
        path = rescue(paths.data_dir, window.ctx.report().title, window.db_path.name, blocks)
    except (OutputError, OSError):
        log.exception("session ending: typing could not be written anywhere")
        return
    log.warning("session ending: typing the database refused was written to %s", path)


def install_session_end(app: QApplication, window, paths: AppPaths) -> None:
    """Flush before the program is ended from outside: the desktop session (log-out, Windows
    shutdown: WM_QUERYENDSESSION/WM_ENDSESSION arrive as commitDataRequest) and, on Unix,
    SIGTERM, SIGHUP and SIGINT. Python runs a signal handler only when the interpreter gets
    control, never while Qt's loop waits in C++: the signal's wake-up byte on a socket pair wakes
    a QSocketNotifier, whose slot lets the handler run."""
    import signal
    import socket

    from PySide6.QtCore import QSocketNotifier

    def stop(*_args) -> None:
        end_session(window, paths)
        window.close()
        app.quit()

    app.commitDataRequest.connect(lambda _manager: end_session(window, paths))
    app.aboutToQuit.connect(lambda: window.session_ending or end_session(window, paths))
    if sys.platform == "win32":
        return   # no SIGTERM there: Windows ends a program through its session (above)
    reader, writer = socket.socketpair()
    for end in (reader, writer):
        end.setblocking(False)
    signal.set_wakeup_fd(writer.fileno())
    notifier = QSocketNotifier(reader.fileno(), QSocketNotifier.Type.Read, app)

    def woken() -> None:
        with contextlib.suppress(OSError):
            reader.recv(64)
    notifier.activated.connect(woken)
    for signum in (signal.SIGTERM, signal.SIGHUP, signal.SIGINT):
        signal.signal(signum, lambda *_: QTimer.singleShot(0, stop))
    app._session_end = (reader, writer, notifier)   # kept alive with the application


class Session:
    """A started window (holding its database lock); the service is attached right after the
    first paint: opened on a worker thread (`attach_in_background`), or here (`attach`)."""

    def __init__(self, window, holder: dict, open_service, interactive: bool):
        self.window = window
        self._holder = holder
        self._open_service = open_service
        self._interactive = interactive
        self._worker: threading.Thread | None = None
        self.attached = False

    def attach_in_background(self, then=None) -> None:
        """Open the service on a worker thread — SQLAlchemy's import (~0.15 s), the report kinds,
        the first full read of the list, the first ORM query — and attach it on the UI thread when
        it is ready, then call `then`: the window answers the keyboard and mouse meanwhile (it used
        to stall 0.4-0.6 s right after the first paint). The engine's sqlite3 connections and the
        list reader are made with check_same_thread off and used by one thread at a time: this
        worker until it is done, the UI thread after."""
        if "service" in self._holder:   # opened before the window (a new or migrated database)
            self.attach()
            if then is not None:
                then()
            return
        # the worker's answer (None, or what the opening raised) reaches the UI thread through a
        # queue: a signal emitted from the worker raced with the window's deletion
        def worker_running() -> bool:
            return self._worker is not None and self._worker.is_alive()
        opened = ThreadResults(self.window, worker_running, 10)

        def finished(error) -> None:
            from ..store.db import DatabaseError
            if self._worker is not None:
                self._worker.join()
            if error is not None and not isinstance(error, DatabaseError):
                raise error   # the error hook: logged, and the officer told
            self.attach(error)
            if then is not None:
                then()
        opened.arrived.connect(finished)

        def work() -> None:
            try:
                service = self._open_service()
                service.list_units()      # the first ORM query: mappers configured, statements compiled
                service.list_reports()    # every list line read and titled (the page shows them next)
                self._ask_unit_setup(service)
                error = None
            except Exception as exc:  # a DatabaseError is the officer's message; anything else the error hook's
                error = exc
            opened.put(error)   # no Qt object is touched on this thread
        def start() -> None:
            self._worker = threading.Thread(target=work, name="open-service", daemon=True)
            self._worker.start()
            opened.expect()
        # The worker runs Python for a third of a second, and while it does, the UI thread's every
        # call into Python (each of the list's cells as it paints) waits its turn for the
        # interpreter: a paint then took 30-170 ms on a loaded machine instead of ~5. So the list's
        # own model is ready first: the Qt namespace's ~90 enums it needs (~20 ms, on this turn
        # of its own) and its first paint (the next), then the worker starts.
        from .start_page import prepare_list_model
        prepare_list_model()
        self.window.start.after_list_paint(start)

    def _ask_unit_setup(self, service) -> None:
        """The set-up bar's question, on the worker (its queries were ~25 ms of the UI thread at
        10,000 reports); should it fail, the window asks it again when it attaches the service."""
        from ..services.unit_setup import unit_setup_needed
        try:
            self._holder["unit_setup"] = unit_setup_needed(service)
        except Exception:
            log.exception("asking whether to offer the unit's set-up")

    def attach(self, error: Exception | None = None) -> None:
        """Attach the service to the window, opening it here unless a worker did (`error`: what
        the worker's opening raised)."""
        from ..store.db import DatabaseError
        from . import messages
        try:
            if error is not None:
                raise error
            if "service" not in self._holder:
                self._open_service()
            if self.window.service is not self._holder["service"]:
                from .unit_setup import Answer
                asked = Answer(self._holder.pop("unit_setup")) if "unit_setup" in self._holder else None
                self.window.attach_service(self._holder["service"], asked)
        except DatabaseError as exc:
            messages.error(self.window, str(exc))
            self.window.close()
            return
        self.attached = True
        service = self._holder["service"]
        if self._interactive and service.kinds.errors:
            messages.warn(self.window, "Một số tệp loại báo cáo bị lỗi và đã được bỏ qua:\n\n"
                          + "\n".join(str(e) for e in service.kinds.errors))

    def close(self) -> None:
        if self._worker is not None:   # closed while the service was opening: it closes with the rest
            self._worker.join()
        # the window may have moved to another database since: close and unlock what it has now
        service = self.window.service or self._holder.get("service")
        if service is not None:
            service.close()
        if self.window.db_lock is not None:
            self.window.db_lock.unlock()


def _write_problem(db_path: Path) -> str:
    from ..paths import write_problem  # stdlib only: no SQLAlchemy before the first paint
    return write_problem(db_path)


def tell_rescued(window, paths: AppPaths) -> None:
    """Typing a past session had to write to a file (the database refused it as the session
    ended): say where, once per file."""
    from ..services.rescue import rescued_files
    from . import messages
    told = set(window.settings.value("rescue/told", []) or [])
    new = [p for p in rescued_files(paths.data_dir) if p.name not in told]
    if not new:
        return
    window.settings.setValue("rescue/told", sorted(told | {p.name for p in new}))
    messages.warn(window, "Lần trước chương trình bị tắt khi có nội dung chưa lưu được vào cơ sở dữ liệu. "
                          "Nội dung đó đã được ghi ra:\n\n" + "\n".join(str(p) for p in new) +
                          "\n\nHãy mở tệp, chép nội dung vào đúng mục của báo cáo.")


def start_window(db_path: Path | None, paths: AppPaths, interactive: bool = True) -> Session | int:
    """Pick the database (--db, the last used one, or the first-run choice), lock it, and show the
    window painted from the stdlib catalog. An int is the exit code when nothing could be opened."""
    from ..store.catalog import read_catalog
    from ..store.db import DatabaseError, inspect_file
    from . import messages
    from .main_window import MainWindow
    from .start_page import PAGE
    from ..store.file_lock import DatabaseLock
    from .db_lock import IN_USE_REASON, lock_database, offer_read_only
    from .welcome import remember_database, start_database

    paths.ensure()
    settings = QSettings(str(paths.settings_file), QSettings.Format.IniFormat)
    db_path = start_database(db_path, paths, settings, interactive)
    lock = lock_database(db_path, paths)
    in_use = ""
    if lock is None:  # another window edits it: this one may show it read-only
        if not interactive or not offer_read_only(None, db_path):
            return 1
        lock, in_use = DatabaseLock(db_path, None), IN_USE_REASON
    try:
        state = inspect_file(db_path) if db_path.exists() else "new"
    except DatabaseError as exc:
        from .backups import offer_backup_for
        from .db_lock import IN_USE
        lock.unlock()  # a damaged file is renamed aside: no handle of ours may keep it open (Windows)
        if not offer_backup_for(exc, db_path, None, paths, replace=not in_use):  # the refusal, or a backup in place
            return 2
        lock = lock_database(db_path, paths)  # the restored file's own lock
        if lock is None:
            messages.warn(None, IN_USE)
            return 1
        state = "ours"  # the restored backup: checked again, and upgraded if older, when the service opens it
    holder: dict = {}

    problem = _write_problem(db_path)
    if problem and state != "current":
        lock.unlock()
        messages.error(None, f"Không mở được cơ sở dữ liệu “{db_path.name}”: {problem}, mà tệp cần được "
                             "tạo mới hoặc nâng cấp trước khi dùng. Hãy chép tệp sang một thư mục có quyền ghi.")
        return 2

    def open_service():
        ReportService = _import_core_without_qt_hook().ReportService
        service = ReportService.open(db_path, paths, busy_timeout_ms=WINDOW_BUSY_TIMEOUT_MS)
        holder["service"] = service
        for error in service.kinds.errors:
            log.warning("kind file skipped: %s", error)
        return service

    try:
        if state == "current":
            # the kinds (TOML) wait for the service like the filters they feed: ~15 ms off the first paint
            # and only the first screen of the list is read (a few LIMITed queries): the rest comes with the service
            # and the list is painted from Qt's own items, the menus filled after it (finish_first_frame)
            window = MainWindow(None, paths, settings, catalog=read_catalog(db_path, first=PAGE), db_path=db_path,
                                first_frame=True)
        else:  # new or older database: create or migrate it first
            window = MainWindow(open_service(), paths, settings)
    except DatabaseError as exc:
        lock.unlock()
        messages.error(None, str(exc))
        return 2
    window.db_lock = lock  # the window gives it back when it opens another database
    if in_use:
        window.set_read_only(in_use)
    if problem:
        window.set_read_only(problem)
    remember_database(settings, db_path)
    fit_screen(window)
    window.show()
    return Session(window, holder, open_service, interactive)


def fit_screen(window) -> None:
    """The window within the screen's free area: its default 1280×760 (or a size remembered from a
    larger screen) put the right pane and the status bar off a 1024×600 laptop's screen."""
    screen = window.screen()
    if screen is None:
        return
    free = screen.availableGeometry()
    width = min(window.width(), free.width())
    height = min(window.height(), free.height())
    if (width, height) != (window.width(), window.height()):
        window.resize(max(width, window.minimumWidth()), max(height, window.minimumHeight()))
    frame = window.frameGeometry()
    if not free.contains(frame):
        window.move(max(free.left(), min(frame.left(), free.right() - frame.width() + 1)),
                    max(free.top(), min(frame.top(), free.bottom() - frame.height() + 1)))


class _FirstPaint(QObject):
    """Watches a window's events for its first paint (see after_first_paint)."""

    def __init__(self, window, run):
        super().__init__(window)
        self._run = run

    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.Type.Paint:
            QTimer.singleShot(0, self, self._run)   # once this paint is done
        return False


# a window that is never painted (never exposed) still gets what waits for its first paint by then
FIRST_PAINT_FALLBACK_MS = 1000


def after_first_paint(window, calls: list) -> None:
    """Call `calls` in order, once, on the turn of the event loop after the window's first paint.
    A zero timer set after show() runs *before* it (Qt paints when the window is exposed, after
    the posted events): the work the first frame does not show waits for the frame instead."""
    done: list[bool] = []

    def run() -> None:
        if done:
            return
        done.append(True)
        window.removeEventFilter(watcher)
        for call in calls:   # each on its own, as the separate timers they replace: one failing stops no other
            try:
                call()
            except Exception:
                sys.excepthook(*sys.exc_info())   # the error hook: logged, and the officer told
    watcher = _FirstPaint(window, run)
    window.installEventFilter(watcher)
    QTimer.singleShot(FIRST_PAINT_FALLBACK_MS, watcher, run)


def run_app(db_path: Path | None, paths: AppPaths) -> int:
    """Show the window as soon as the report list can be read (stdlib sqlite3), then open the full
    service (SQLAlchemy, a third of a second to import) on the next turn of the event loop.
    `db_path` None: the last used database, or the first-run choice."""
    app = make_application(guards=False)
    install_error_hook(paths.log_file)
    bench = bool(os.environ.get("TUDANHGIA_EXIT_AFTER_SHOW"))  # bench/startup.py, smoke tests: never ask
    # the window's modules, imported now, skip PySide6's import hook too: it reads each module's
    # source for `__feature__` switches none of ours uses (in the bundle ~60 failed source reads)
    import builtins
    from .. import ORIGINAL_IMPORT
    hooked, builtins.__import__ = builtins.__import__, ORIGINAL_IMPORT
    try:
        session = start_window(db_path, paths, interactive=not bench)
    finally:
        builtins.__import__ = hooked
    if isinstance(session, int):
        return session
    window = session.window
    ready = []   # what waits for the service: the benchmark's READY, the crash tests' driver
    if bench:   # the first turn of the event loop after show(), where bench/'s minimal window prints it
        QTimer.singleShot(0, lambda: _report("SHOWN"))
        ready.append(lambda: (_report("READY"), app.quit()))
    if os.environ.get("TUDANHGIA_TEST_DRIVER") and not getattr(sys, "frozen", False):  # tests/crash drives the window
        module, _, function = os.environ["TUDANHGIA_TEST_DRIVER"].partition(":")
        ready.insert(0, lambda: getattr(__import__(module, fromlist=[function]), function)(window))
    # after the first paint (a few ms each; nothing can be typed before the window is there), and
    # the service opening on a worker last: its imports would hold the interpreter while the list paints
    later = [lambda: _report("PAINTED")] if bench else []
    later += [window.finish_first_frame, lambda: install_guards(app), lambda: install_session_end(app, window, paths)]
    if not bench:
        later.append(lambda: tell_rescued(window, paths))
    # on a turn of its own: the list's model takes over on this one (finish_first_frame)
    later.append(lambda: QTimer.singleShot(0, window, lambda: session.attach_in_background(
        lambda: [call() for call in ready])))
    after_first_paint(window, later)
    try:
        return app.exec()
    finally:
        session.close()
