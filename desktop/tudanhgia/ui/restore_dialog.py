"""Tệp ▸ Khôi phục từ bản sao lưu…: the backups of the open database with their date, reason,
size and reports; a report from the chosen backup shown as it prints; and the restore, after a
confirmation and a backup of the current state, after which the window shows the restored data."""
from __future__ import annotations

import logging

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (QAbstractItemView, QApplication, QDialog, QHBoxLayout, QLabel, QListWidget,
                               QListWidgetItem, QPushButton, QSplitter, QTextBrowser, QTreeWidget, QTreeWidgetItem,
                               QVBoxLayout, QWidget)

from ..errors import ServiceError
from ..paths import AppPaths
from ..services.backups import (BackupFailed, BackupService, DamagedDatabase, describe, reason_label, size_label)
from . import messages
from .window_layout import fit_size

log = logging.getLogger("tudanhgia.ui")
ROLE = Qt.ItemDataRole.UserRole
_WEEKDAYS = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ Nhật")


class RestoreDialog(QDialog):
    """Lists the backups of `window`'s database; `restored` is the backup put back, if any."""

    def __init__(self, window, backups: BackupService | None = None):
        super().__init__(window)
        self.window = window
        paths = getattr(window, "paths", None) or AppPaths.default()
        self.backups = backups or BackupService(window.db_path, paths)
        self.restored = None
        self.setWindowTitle(f"Khôi phục từ bản sao lưu — {window.db_path.name}")
        fit_size(self, 1100, 680)
        keep = self.backups.settings.retention
        intro = QLabel(
            f"Bản sao lưu của “{window.db_path.name}”. Chương trình tự sao lưu khi mở cơ sở dữ liệu, "
            f"{self.backups.settings.interval_minutes} phút một lần khi đang soạn, trước khi nâng cấp và trước khi "
            f"khôi phục; mỗi bản đều được kiểm tra toàn vẹn. Giữ {keep.keep_last} bản gần nhất và mỗi ngày một bản "
            f"trong {keep.keep_days} ngày. Chọn một bản sao lưu, rồi một báo cáo để xem nội dung.")
        intro.setWordWrap(True)

        self.list = QTreeWidget()
        self.list.setHeaderLabels(["Thời điểm sao lưu", "Lý do", "Dung lượng", "Số báo cáo"])
        self.list.setRootIsDecorated(False)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setAlternatingRowColors(True)
        self.list.currentItemChanged.connect(self._on_backup)
        self.reports = QListWidget()
        self.reports.setWordWrap(True)
        self.reports.setAlternatingRowColors(True)
        self.reports.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.reports.currentItemChanged.connect(self._on_report)
        self.preview_title = QLabel("")
        self.preview_title.setWordWrap(True)
        self.preview = QTextBrowser()
        self.preview.setOpenLinks(False)

        left = QWidget()
        lcol = QVBoxLayout(left)
        lcol.setContentsMargins(0, 0, 0, 0)
        lcol.addWidget(QLabel("<b>Bản sao lưu</b> (mới nhất ở trên)"))
        lcol.addWidget(self.list, 2)
        lcol.addWidget(QLabel("<b>Báo cáo trong bản sao lưu đã chọn</b>"))
        lcol.addWidget(self.reports, 3)
        right = QWidget()
        rcol = QVBoxLayout(right)
        rcol.setContentsMargins(0, 0, 0, 0)
        rcol.addWidget(self.preview_title)
        rcol.addWidget(self.preview, 1)
        split = QSplitter()
        split.addWidget(left)
        split.addWidget(right)
        split.setStretchFactor(0, 2)
        split.setStretchFactor(1, 3)
        split.setSizes([440, 640])

        self.take_button = QPushButton("Sao lưu ngay")
        self.take_button.setToolTip("Tạo ngay một bản sao lưu của dữ liệu hiện tại")
        self.take_button.clicked.connect(self.take_now)
        self.folder_button = QPushButton("Mở thư mục sao lưu")
        self.folder_button.setToolTip(str(self.backups.folder))
        self.folder_button.clicked.connect(self.open_folder)
        self.restore_button = QPushButton("Khôi phục bản này…")
        self.restore_button.setToolTip("Thay dữ liệu hiện tại bằng bản sao lưu đã chọn (dữ liệu hiện tại được sao "
                                       "lưu trước, nên có thể quay lại)")
        self.restore_button.clicked.connect(self.restore_selected)
        close = QPushButton("Đóng")
        close.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.take_button)
        buttons.addWidget(self.folder_button)
        buttons.addStretch(1)
        buttons.addWidget(self.restore_button)
        buttons.addWidget(close)

        box = QVBoxLayout(self)
        box.addWidget(intro)
        box.addWidget(split, 1)
        box.addLayout(buttons)
        self.read_only = getattr(window, "read_only", "") or ""
        if self.read_only:
            self.restore_button.setToolTip(f"Không khôi phục được: cơ sở dữ liệu đang mở chỉ đọc ({self.read_only}).")
        self.load()

    # --- listing -------------------------------------------------------------------------------------
    def load(self, select=None) -> None:
        self.list.clear()
        for backup in self.backups.available():
            try:
                count = str(len(self.backups.reports(backup)))
            except ServiceError:
                count = "không đọc được"
            when = backup.taken_at
            item = QTreeWidgetItem([f"{when:%H:%M}  {_WEEKDAYS[when.weekday()]}, {when:%d/%m/%Y}",
                                    reason_label(backup), size_label(backup.size), count])
            item.setData(0, ROLE, backup)
            item.setTextAlignment(2, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            item.setTextAlignment(3, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.list.addTopLevelItem(item)
            if select is not None and backup.path == select.path:
                self.list.setCurrentItem(item)
        for col in range(4):
            self.list.resizeColumnToContents(col)
        if self.list.topLevelItemCount() == 0:
            self.preview_title.setText("Chưa có bản sao lưu nào. Bấm “Sao lưu ngay” để tạo bản đầu tiên.")
        elif self.list.currentItem() is None:
            self.list.setCurrentItem(self.list.topLevelItem(0))
        self._update_buttons()

    def current_backup(self):
        item = self.list.currentItem()
        return item.data(0, ROLE) if item is not None else None

    def _update_buttons(self) -> None:
        self.restore_button.setEnabled(self.current_backup() is not None and not self.read_only)

    def _on_backup(self, *_args) -> None:
        self.reports.clear()
        self.preview.clear()
        self._update_buttons()
        backup = self.current_backup()
        if backup is None:
            return
        try:
            summaries = self.backups.reports(backup)
        except ServiceError as exc:
            self.preview_title.setText(str(exc))
            return
        for r in summaries:
            # two reports may share a title (two plans of one year): the unit and last edit tell them apart
            edited = f"sửa lần cuối {r.updated_at:%H:%M ngày %d/%m/%Y}"
            item = QListWidgetItem(f"{r.title}\n{r.unit_name} · {edited}" if r.unit_name else f"{r.title}\n{edited}")
            item.setToolTip(r.title)
            item.setData(ROLE, r.id)
            self.reports.addItem(item)
        self.preview_title.setText(f"Bản sao lưu lúc {describe(backup)}: {len(summaries)} báo cáo. "
                                   "Chọn một báo cáo để xem nội dung.")
        if self.reports.count():
            self.reports.setCurrentRow(0)

    def _on_report(self, item: QListWidgetItem | None, _previous=None) -> None:
        backup = self.current_backup()
        if item is None or backup is None:
            return
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            html = self.backups.preview_html(backup, item.data(ROLE))
        except ServiceError as exc:
            self.preview.setPlainText(str(exc))
            return
        finally:
            QApplication.restoreOverrideCursor()
        self.preview_title.setText(f"<b>{_esc(item.toolTip())}</b><br>trong bản sao lưu lúc {_esc(describe(backup))}")
        self.preview.setHtml(html)

    # --- actions -------------------------------------------------------------------------------------
    def take_now(self) -> None:
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            taken = self.backups.take("thu-cong")
        except BackupFailed as exc:
            QApplication.restoreOverrideCursor()
            messages.warn(self, str(exc))
            return
        QApplication.restoreOverrideCursor()
        if not taken.fresh:
            messages.info(self, f"Dữ liệu không thay đổi từ bản sao lưu lúc {describe(taken)}; không cần tạo bản mới.")
        self.load(select=taken)

    def open_folder(self) -> None:
        self.backups.folder.mkdir(parents=True, exist_ok=True)
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.backups.folder)))

    def restore_selected(self) -> None:
        backup = self.current_backup()
        if backup is None or self.read_only:
            return
        if not messages.confirm(
                self, f"Khôi phục “{self.window.db_path.name}” về bản sao lưu lúc {describe(backup)}?\n\n"
                      "Mọi báo cáo sẽ trở lại như lúc đó; những gì sửa sau thời điểm ấy được thay bằng nội dung "
                      "của bản sao lưu. Dữ liệu hiện tại được sao lưu trước (“Trước khi khôi phục”), nên vẫn có thể "
                      "quay lại.", yes="Khôi phục", no="Hủy"):
            return
        if restore_into_window(self.window, self.backups, backup):
            self.restored = backup
            self.accept()


def _esc(text: str) -> str:
    import html
    return html.escape(text)


def restore_into_window(window, backups: BackupService, backup) -> bool:
    """Put `backup` back into the window's database and show it: typing written first, the
    open report closed, the current state backed up, then the report list reloaded."""
    if window.close_report() is False:  # typing the database refuses: the officer chose to stay
        return False
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        before = backups.restore(backup, window.service)
    except DamagedDatabase as exc:
        QApplication.restoreOverrideCursor()
        return _replace_damaged(window, backups, backup, exc)
    except ServiceError as exc:
        QApplication.restoreOverrideCursor()
        messages.warn(window, str(exc))
        return False
    QApplication.restoreOverrideCursor()
    window.attach_service(window.service)  # every list and panel read again from the restored file
    messages.info(window, f"Đã khôi phục bản sao lưu lúc {describe(backup)}.\n\nDữ liệu trước khi khôi phục "
                          f"được giữ trong bản sao lưu lúc {describe(before)}.")
    return True


def _replace_damaged(window, backups: BackupService, backup, exc: Exception) -> bool:
    """The open database itself turned out damaged (its copy failed the integrity check): it is
    not backed up nor written over, but renamed aside, and the backup put in its place."""
    from ..services import ReportService
    if not messages.confirm(window, f"{exc}\n\nThay tệp hỏng bằng bản sao lưu lúc {describe(backup)}? Tệp hỏng "
                                    f"được giữ lại bên cạnh với tên “{backups.aside_name().name}”.",
                            yes="Thay bằng bản sao lưu", no="Hủy"):
        return False
    window.service.close()
    try:
        aside = backups.replace_damaged(backup)
        service = ReportService.open(backups.db_path, getattr(window, "paths", None), create=False)
    except Exception as exc2:  # a message, never a traceback; the log has it
        log.exception("replacing the damaged %s failed", backups.db_path)
        messages.error(window, f"{exc2}\n\nHãy đóng chương trình rồi mở lại.")
        return False
    window.attach_service(service)
    messages.info(window, f"Đã khôi phục bản sao lưu lúc {describe(backup)}.\n\nTệp hỏng được giữ lại: {aside}")
    return True


def show_restore_dialog(window) -> None:
    """Tệp ▸ Khôi phục từ bản sao lưu…"""
    if getattr(window, "service", None) is None:
        return
    dialog = RestoreDialog(window)
    try:
        dialog.exec()
    finally:
        dialog.backups.close()
