"""First run and which database the window opens: the welcome dialog (empty database or a copy of
the sample), the last used database remembered in settings.ini, and the fall-back when it is gone."""
from __future__ import annotations

import logging
import os
import shutil
from pathlib import Path

from PySide6.QtCore import QSettings, QSize
from PySide6.QtWidgets import QApplication, QCommandLinkButton, QDialog, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from .. import APP_NAME
from ..paths import AppPaths, shipped_sample_db
from . import messages

log = logging.getLogger("tudanhgia.ui")

LAST_DB_KEY = "database/last"


def remember_database(settings: QSettings, path: Path | str) -> None:
    """The database to reopen on the next start without --db. Written only when it changes: the
    usual start reopens the same file, and the sync waits for the disk (two fdatasync) before the
    first paint."""
    value = str(Path(path).resolve())
    if settings.value(LAST_DB_KEY) == value:
        return
    settings.setValue(LAST_DB_KEY, value)
    settings.sync()  # a crash later must not lose it


class WelcomeDialog(QDialog):
    """The first start: an empty database, or a copy of the sample reports to learn on."""

    EMPTY, SAMPLE = "empty", "sample"

    def __init__(self, paths: AppPaths, sample: Path, parent: QWidget | None = None):
        super().__init__(parent)
        from PySide6.QtCore import Qt   # not at the top: the window's first paint builds no Qt enum
        self.setWindowTitle(f"Chào mừng đến với {APP_NAME}")
        self.choice = self.EMPTY  # closing the dialog starts as the default button does
        icon = QLabel()
        icon.setPixmap(QApplication.windowIcon().pixmap(64, 64))  # make_application sets it
        icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        title = QLabel(f"<h2 style='margin:0'>Chào mừng đến với {APP_NAME}</h2>")
        intro = QLabel("Chương trình giúp soạn báo cáo tự đánh giá, báo cáo kiểm điểm tập thể và kế hoạch khắc "
                       "phục hạn chế, khuyết điểm, rồi in đúng thể thức Nghị định 30/2020/NĐ-CP. Dữ liệu chỉ lưu "
                       "trên máy này.\n\nĐây là lần chạy đầu tiên. Bạn muốn bắt đầu thế nào?")
        intro.setWordWrap(True)
        self.empty_button = QCommandLinkButton(
            "Bắt đầu với cơ sở dữ liệu trống",
            "Tạo cơ sở dữ liệu mới để soạn báo cáo của đơn vị mình. Nên khai báo hồ sơ đơn vị trước "
            "(menu Tệp ▸ Hồ sơ đơn vị…).")
        self.sample_button = QCommandLinkButton(
            "Mở dữ liệu mẫu để làm quen",
            "Ba báo cáo thật của Văn phòng UBND tỉnh Quảng Ngãi: kiểm điểm tập thể năm 2020, kế hoạch khắc "
            "phục năm 2022 và tự đánh giá năm 2023. Chương trình mở một bản sao trong thư mục dữ liệu, "
            "nên có thể sửa, xóa thoải mái. Khi bắt đầu soạn báo cáo của đơn vị: Tệp ▸ Tạo cơ sở dữ liệu mới….")
        if not sample.is_file():
            self.sample_button.setEnabled(False)
            self.sample_button.setDescription("Bản cài đặt này không kèm dữ liệu mẫu.")
        self.empty_button.setDefault(True)
        self.empty_button.clicked.connect(lambda: self._choose(self.EMPTY))
        self.sample_button.clicked.connect(lambda: self._choose(self.SAMPLE))
        where = QLabel(f"Thư mục dữ liệu: {paths.data_dir}")
        where.setWordWrap(True)
        where.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        where.setStyleSheet("color: palette(dark)")

        text = QVBoxLayout()
        text.addWidget(title)
        text.addWidget(intro)
        text.addSpacing(6)
        text.addWidget(self.empty_button)
        text.addWidget(self.sample_button)
        text.addSpacing(6)
        text.addWidget(where)
        row = QHBoxLayout(self)
        row.setContentsMargins(20, 20, 20, 16)
        row.setSpacing(16)
        row.addWidget(icon)
        row.addLayout(text, 1)
        self.setMinimumWidth(560)

    def sizeHint(self) -> QSize:
        return QSize(600, super().sizeHint().height())

    def _choose(self, choice: str) -> None:
        self.choice = choice
        self.accept()


def copy_sample(source: Path, target: Path) -> Path:
    """Copy the shipped sample next to the user's data. Written beside the target and renamed, and
    the old copy's -wal/-shm removed first: SQLite would replay a stale log into the new file."""
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".part")
    shutil.copyfile(source, partial)
    for suffix in ("-wal", "-shm", "-journal"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
    os.replace(partial, target)
    return target


def _first_run(paths: AppPaths) -> Path:
    sample = shipped_sample_db()
    dialog = WelcomeDialog(paths, sample)
    dialog.exec()
    if dialog.choice != WelcomeDialog.SAMPLE:
        return paths.database
    target = paths.sample_copy
    if target.exists() and not messages.confirm(
            None, f"Đã có một bản dữ liệu mẫu (có thể bạn đã sửa):\n{target}\n\n"
                  "Thay bằng bản mới từ chương trình? Những gì đã sửa trong bản cũ sẽ mất.",
            yes="Thay bằng bản mới", no="Giữ bản đang có"):
        return target
    try:
        return copy_sample(sample, target)
    except OSError as exc:
        from ..errors import os_reason
        log.warning("copying the sample to %s failed: %s", target, exc)
        messages.error(None, f"Không sao chép được dữ liệu mẫu vào “{target}”: {os_reason(exc)}.\n\n"
                             "Chương trình mở cơ sở dữ liệu trống.")
        return paths.database


def start_database(explicit: Path | None, paths: AppPaths, settings: QSettings, interactive: bool = True) -> Path:
    """The database to open at start-up: --db; else the last used one; else, on a real first run
    (no default database, nothing remembered), what the officer picks in the welcome dialog.
    Without `interactive` (the start-up benchmark, smoke tests) nothing is asked."""
    if explicit is not None:
        return Path(explicit)
    last = settings.value(LAST_DB_KEY)
    if last:
        last = Path(str(last))
        if last.is_file():
            return last
        default = paths.database
        what = ("mở cơ sở dữ liệu mặc định" if default.exists() else "tạo cơ sở dữ liệu trống mới")
        text = (f"Không tìm thấy cơ sở dữ liệu dùng lần trước:\n{last}\n\n"
                f"Có thể tệp đã bị di chuyển, đổi tên hoặc xóa. Chương trình {what}:\n{default}")
        log.warning("last database %s is gone; opening %s", last, default)
        if interactive:
            messages.warn(None, text)
        return default
    if paths.database.exists() or not interactive:
        return paths.database
    return _first_run(paths)
