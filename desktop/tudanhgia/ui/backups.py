"""The window's side of the backups (services/backups.py): a verified backup a few seconds after
a database is opened and every 15 minutes while it changes, copied on a worker thread so typing
never waits (SQLite's backup and integrity check release the GIL; bench/backup.py); and the offer
of the newest good backup when a damaged file is refused at open.

The window only creates a `BackupScheduler` and tells it which service it has open (`watch`);
the start-up and "Mở cơ sở dữ liệu khác…" call `offer_backup_for` where they showed the refusal.
"""
from __future__ import annotations

import logging
import threading
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication, QWidget

from ..paths import AppPaths
from .thread_results import ThreadResults

if TYPE_CHECKING:  # the services (and SQLAlchemy) load after the first paint: imported where used
    from ..services import ReportService
    from ..services.backups import BackupService

log = logging.getLogger("tudanhgia.ui")

OPEN_DELAY_MS = 3000  # the backup at open waits for the first paint and the first clicks


class BackupScheduler(QObject):
    """Backs up the window's database at open and every `interval_minutes` (settings.ini
    [backups]) when the file changed, one backup at a time, off the UI thread."""

    # BackupFile or BackupFailed, emitted on the UI thread: the worker leaves its result in a queue
    # that a timer here empties (a signal emitted from the worker raced with the window's deletion)
    done = Signal(object)

    def __init__(self, window, paths: AppPaths | None = None):
        super().__init__(window)
        self.window = window
        self.paths = paths or getattr(window, "paths", None) or AppPaths.default()
        self.backups: BackupService | None = None
        self._watched: ReportService | None = None
        self._thread: threading.Thread | None = None
        self._pending = False
        self._warned = ""          # the last failure shown in a dialog: not repeated every 15 minutes
        self.last_result: object = None
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.tick)
        self._open_timer = QTimer(self)
        self._open_timer.setSingleShot(True)
        self._open_timer.timeout.connect(lambda: self.start("mo"))
        self.done.connect(self._on_done)
        self._results = ThreadResults(self, lambda: self._thread is not None and self._thread.is_alive(), 50)
        self._results.arrived.connect(self.done.emit)
        window.installEventFilter(self)  # a closed window takes no more backups
        service = getattr(window, "service", None)
        if service is not None:
            self.watch(service)

    def eventFilter(self, watched, event) -> bool:
        if watched is self.window and event.type() == QEvent.Type.Close:
            self.stop()
        return False

    def stop(self) -> None:
        """No more backups from this window (one running finishes; nobody is told of it)."""
        self.timer.stop()
        self._open_timer.stop()
        self._watched, self.backups = None, None

    def watch(self, service: ReportService | None) -> None:
        """The window has `service` open (a new database, or the service attached after the
        first paint): back it up shortly, then on the timer."""
        if service is None or service is self._watched:
            return
        from ..services.backups import BackupService
        self._watched = service
        self.backups = BackupService(service.db.path, self.paths)
        self.timer.start(self.backups.settings.interval_minutes * 60_000)
        self._open_timer.start(OPEN_DELAY_MS)

    @property
    def busy(self) -> bool:
        """A backup runs, or its result has not reached the window yet."""
        return self._pending

    def tick(self) -> None:
        self.start("dinh-ky", only_if_changed=True)

    def start(self, reason: str, only_if_changed: bool = False) -> bool:
        """Begin a backup on a worker thread; False when one is running or nothing is open."""
        backups = self.backups
        if backups is None or self.busy:
            return False

        from ..services.backups import BackupFailed

        def clean_export_folders():
            from ..services.files import remove_export_temps
            try:
                remove_export_temps(backups.db_path)
            except Exception:  # housekeeping: never a message, the log has it
                log.exception("cleaning the export folders of %s failed", backups.db_path)

        def work():
            try:
                result = backups.take_if_changed(reason) if only_if_changed else backups.take(reason)
            except BackupFailed as exc:
                result = exc
            except Exception as exc:  # a worker must report, never die silently
                log.exception("backup of %s failed", backups.db_path)
                result = BackupFailed(f"Không sao lưu được: lỗi không mong đợi ({type(exc).__name__}). "
                                      "Các bản sao lưu cũ vẫn được giữ nguyên.")
            results.put(result)   # no Qt object is touched on this thread
            if reason == "mo":
                # what killed exports left in their folders: after the backup, which must not wait for a
                # gone network folder, and on a daemon thread, which closing the program does not wait for
                threading.Thread(target=clean_export_folders, name="export-temps", daemon=True).start()
        results = self._results
        # not a daemon: a backup in progress finishes before the program exits
        self._pending = True
        self._thread = threading.Thread(target=work, name=f"backup-{reason}")
        self._thread.start()
        self._results.expect()
        return True

    def wait(self, timeout: float | None = None) -> None:
        if self._thread is not None:
            self._thread.join(timeout)
        if self._thread is None or not self._thread.is_alive():
            self._results.deliver()   # what the backup found reaches the window now, as on the timer

    def _on_done(self, result) -> None:
        from ..services.backups import BackupFailed, DamagedDatabase
        from . import messages
        self.last_result = result
        self._pending = False
        if self.backups is None or not self.window.isVisible():  # stopped or closed meanwhile: the log has it
            log.info("backup result after the window closed: %s", result)
            return
        bar = self.window.statusBar() if hasattr(self.window, "statusBar") else None
        if isinstance(result, DamagedDatabase):
            log.error("backup check failed: %s", result)
            if self._warned != "damaged":
                self._warned = "damaged"
                if messages.confirm(self.window, f"{result}\n\nHãy mở “Khôi phục từ bản sao lưu…” để xem các bản "
                                                 "sao lưu và khôi phục bản gần nhất còn tốt.",
                                    yes="Mở danh sách bản sao lưu…", no="Để sau"):
                    from .restore_dialog import show_restore_dialog
                    show_restore_dialog(self.window)
        elif isinstance(result, BackupFailed):
            log.warning("backup failed: %s", result)
            if bar is not None:
                bar.showMessage(f"Chưa sao lưu được: {result}", 15000)
            if self._warned != "failed":
                self._warned = "failed"
                messages.warn(self.window, f"{result}\n\nChương trình sẽ thử lại sau "
                                           f"{self.backups.settings.interval_minutes} phút.")
        elif result is not None:
            self._warned = ""
            if bar is not None and result.fresh:
                bar.showMessage(f"Đã sao lưu lúc {result.taken_at:%H:%M}", 5000)


def offer_backup_for(exc: Exception, path: str | Path, parent: QWidget | None,
                     paths: AppPaths | None = None, replace: bool = True) -> bool:
    """Show why `path` was refused. For a damaged (corrupt or cut) file with a good backup, offer
    to put the newest good backup in its place, the damaged file being renamed beside it. True
    when that was done and the caller should open `path` again. The caller holds no lock on the
    file meanwhile (Windows renames no file a handle keeps open); `replace` False: another window
    has it open, so nothing is offered here."""
    from ..services.backups import BackupService, describe, is_damaged
    from . import messages
    path = Path(path)
    if not is_damaged(exc):
        messages.error(parent, str(exc))
        return False
    if not replace:
        messages.error(parent, f"{exc}\n\nTệp đang được mở trong một cửa sổ Tự Đánh Giá khác: hãy khôi phục từ "
                               "cửa sổ đó (Tệp ▸ Khôi phục từ bản sao lưu…).")
        return False
    service = BackupService(path, paths)
    best = service.newest_good()
    if best is None:
        messages.error(parent, f"{exc}\n\nChưa có bản sao lưu nào của tệp này trên máy. Nếu có bản chép ở nơi khác "
                               "(ổ USB, thư điện tử), hãy dùng “Mở cơ sở dữ liệu khác…” để mở bản đó.")
        return False
    try:
        count = len(service.reports(best))
    except Exception:  # the count is only a hint
        count = None
    reports = f", gồm {count} báo cáo" if count is not None else ""
    if not messages.confirm(parent, f"{exc}\n\nCó bản sao lưu tốt gần nhất lúc {describe(best)}{reports}. Khôi phục "
                                    "bản sao lưu này? Những gì sửa sau thời điểm đó không có trong bản sao lưu.\n\n"
                                    f"Tệp hỏng được giữ lại bên cạnh với tên “{service.aside_name().name}”, "
                                    "không bị xóa hay ghi đè.",
                            yes="Khôi phục bản sao lưu", no="Không khôi phục"):
        return False
    from PySide6.QtCore import Qt   # not at the top: the window's first paint builds no Qt enum
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        aside = service.replace_damaged(best)
    except Exception as exc2:  # ServiceError or an unexpected one: a message, never a traceback
        log.exception("restoring %s over the damaged %s failed", best.path, path)
        messages.error(parent, str(exc2) if str(exc2) else "Không khôi phục được bản sao lưu.")
        return False
    finally:
        QApplication.restoreOverrideCursor()
        service.close()
    messages.info(parent, f"Đã khôi phục bản sao lưu lúc {describe(best)} vào “{path.name}”.\n\n"
                          f"Tệp hỏng được giữ lại: {aside}")
    return True
