"""Application start-up: Qt application, Vietnamese standard buttons, error dialog, main window."""
from __future__ import annotations

import hashlib
import logging
import os
import sys
import time
import traceback
from pathlib import Path

from PySide6.QtCore import QLockFile, QSettings, QTranslator
from PySide6.QtWidgets import QApplication

from .. import APP_NAME, APP_SLUG
from ..paths import AppPaths

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
    def translate(self, context, source_text, disambiguation=None, n=-1):  # noqa: D401 - Qt API
        # None (not "") for strings we do not know: Qt then keeps its own text; an empty string
        # would blank every other Qt label and even invalidate QPageSize(A4)
        return _STANDARD.get(source_text)


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


def make_application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance() or QApplication(argv or [sys.argv[0]])
    app.setApplicationName(APP_SLUG)
    app.setApplicationDisplayName(APP_NAME)
    app.setOrganizationName(APP_SLUG)
    if not getattr(app, "_vi_translator", None):
        translator = VietnameseTranslator(app)
        app.installTranslator(translator)
        app._vi_translator = translator  # keep it alive
    return app


def _import_core_without_qt_hook():
    """Import the services (SQLAlchemy and all) with the interpreter's own import function.
    PySide6's replacement reads the source of each module it sees, for its `__feature__` switches,
    which the Qt-free core never uses: ~50 ms and ~17 MiB for SQLAlchemy. Single-threaded here."""
    import builtins
    import importlib

    from .. import ORIGINAL_IMPORT
    hooked = builtins.__import__
    builtins.__import__ = ORIGINAL_IMPORT
    try:
        return importlib.import_module("tudanhgia.services")
    finally:
        builtins.__import__ = hooked


def _report(marker: str) -> None:
    """bench/startup.py reads: marker, time, peak KiB, resident KiB now."""
    import resource
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    try:
        with open("/proc/self/statm") as fh:
            now_kib = int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") // 1024
    except OSError:
        now_kib = peak_kib
    print(f"{marker} {time.time():.6f} {peak_kib} {now_kib}", flush=True)


def run_app(db_path: Path, paths: AppPaths) -> int:
    """Show the window as soon as the report list can be read (stdlib sqlite3), then open the full
    service (SQLAlchemy, a third of a second to import) on the next turn of the event loop."""
    from PySide6.QtCore import QTimer

    from ..kinds import KindRegistry
    from ..paths import shipped_kinds_dir
    from ..store.catalog import read_catalog
    from ..store.db import DatabaseError, inspect_file
    from . import messages
    from .main_window import MainWindow

    app = make_application()
    install_error_hook(paths.log_file)
    db_path = Path(db_path)
    # one window per database file: two would overwrite each other's edits
    key = hashlib.sha1(str(db_path.resolve()).encode("utf-8")).hexdigest()[:16]
    lock = QLockFile(str(paths.data_dir / f"db-{key}.lock"))
    lock.setStaleLockTime(0)
    if not lock.tryLock(100):
        messages.warn(None, "Cơ sở dữ liệu này đang được mở trong một cửa sổ Tự Đánh Giá khác. "
                            "Hãy dùng cửa sổ đó để không ghi đè dữ liệu của nhau.")
        return 1
    try:
        state = inspect_file(db_path) if db_path.exists() else "new"
    except DatabaseError as exc:
        messages.error(None, str(exc))
        return 2
    settings = QSettings(str(paths.data_dir / "settings.ini"), QSettings.Format.IniFormat)
    holder: dict = {}

    def open_service():
        ReportService = _import_core_without_qt_hook().ReportService
        service = ReportService.open(db_path, paths)
        holder["service"] = service
        for error in service.kinds.errors:
            log.warning("kind file skipped: %s", error)
        return service

    def warn_kinds(window, service) -> None:
        if service.kinds.errors:
            messages.warn(window, "Một số tệp loại báo cáo bị lỗi và đã được bỏ qua:\n\n"
                          + "\n".join(str(e) for e in service.kinds.errors))

    try:
        if state == "current":
            kinds = KindRegistry.load(shipped_kinds_dir(), paths.user_kinds_dir)
            window = MainWindow(None, paths, settings, catalog=read_catalog(db_path), kinds=kinds, db_path=db_path)
        else:  # new or older database: create or migrate it first
            window = MainWindow(open_service(), paths, settings)
    except DatabaseError as exc:
        messages.error(None, str(exc))
        return 2
    window.show()
    bench = bool(os.environ.get("TUDANHGIA_EXIT_AFTER_SHOW"))  # bench/startup.py
    if bench:
        QTimer.singleShot(0, lambda: _report("SHOWN"))

    def attach() -> None:
        if "service" not in holder:
            try:
                window.attach_service(open_service())
            except DatabaseError as exc:
                messages.error(window, str(exc))
                window.close()
                return
        if not bench:
            warn_kinds(window, holder["service"])

    QTimer.singleShot(0, attach)
    if bench:
        QTimer.singleShot(0, lambda: (_report("READY"), app.quit()))
    try:
        return app.exec()
    finally:
        if "service" in holder:
            holder["service"].close()
        lock.unlock()
