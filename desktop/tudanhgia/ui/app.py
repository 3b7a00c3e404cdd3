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
from PySide6.QtWidgets import QApplication, QMessageBox

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
        return _STANDARD.get(source_text, "")


def install_error_hook(log_file: Path) -> None:
    """Unexpected exceptions: full traceback to the log, a friendly Vietnamese dialog to the user."""
    def hook(exc_type, exc, tb):
        log.error("unexpected error:\n%s", "".join(traceback.format_exception(exc_type, exc, tb)))
        app = QApplication.instance()
        if app is not None:
            QMessageBox.critical(None, APP_NAME,
                                 "Đã xảy ra lỗi không mong đợi. Dữ liệu đã nhập vẫn được giữ nguyên.\n\n"
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


def _report_shown() -> None:
    import resource
    rss_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(f"SHOWN {time.time():.6f} {rss_kib}", flush=True)


def run_app(db_path: Path, paths: AppPaths) -> int:
    from ..services import ReportService
    from ..store import DatabaseError
    from .main_window import MainWindow

    app = make_application()
    install_error_hook(paths.log_file)
    # one window per database file: two would overwrite each other's edits
    key = hashlib.sha1(str(Path(db_path).resolve()).encode("utf-8")).hexdigest()[:16]
    lock = QLockFile(str(paths.data_dir / f"db-{key}.lock"))
    lock.setStaleLockTime(0)
    if not lock.tryLock(100):
        QMessageBox.warning(None, APP_NAME, "Cơ sở dữ liệu này đang được mở trong một cửa sổ Tự Đánh Giá khác. "
                                            "Hãy dùng cửa sổ đó để không ghi đè dữ liệu của nhau.")
        return 1
    try:
        service = ReportService.open(db_path, paths)
    except DatabaseError as exc:
        QMessageBox.critical(None, APP_NAME, str(exc))
        return 2
    for error in service.kinds.errors:
        log.warning("kind file skipped: %s", error)
    settings = QSettings(str(paths.data_dir / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(service, paths, settings)
    if service.kinds.errors:
        QMessageBox.warning(window, APP_NAME, "Một số tệp loại báo cáo bị lỗi và đã được bỏ qua:\n\n"
                            + "\n".join(str(e) for e in service.kinds.errors))
    window.show()
    if os.environ.get("TUDANHGIA_EXIT_AFTER_SHOW"):  # bench/startup.py: report the first paint and leave
        from PySide6.QtCore import QTimer
        QTimer.singleShot(0, lambda: (_report_shown(), app.quit()))
    try:
        return app.exec()
    finally:
        service.close()
        lock.unlock()
