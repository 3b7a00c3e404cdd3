"""The "Phiên bản" menu (issue 17), installed with the window's other actions: light (the first
paint loads neither the services nor the domain model); ui/versions.py does the work when asked."""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QAction

from . import messages
from .read_only import keep_usable

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMenu

    from .main_window import MainWindow


# --- the menu --------------------------------------------------------------------------------------------
def install_actions(w: MainWindow, act, menu: QMenu) -> None:
    """The "Phiên bản" menu's lines (`menu`: its title, shown by the first paint); its actions act
    on the open report, or the one selected in the list."""
    def report_id() -> int | None:
        return w._report_id() if w.service is not None else None

    def dialog() -> None:
        rid = report_id()
        if rid is not None:
            from .versions import VersionsDialog
            VersionsDialog(w, rid).exec()

    def save() -> None:
        rid = report_id()
        if rid is None:
            return
        from PySide6.QtWidgets import QInputDialog
        name, ok = QInputDialog.getText(w, "Lưu phiên bản", "Tên phiên bản (ví dụ “Dự thảo lần 2”, “Trình ký”):")
        if ok:
            from ..errors import ServiceError
            try:
                info = w.service.save_version(rid, name)
            except ServiceError as exc:
                messages.warn(w, str(exc))
                return
            w.statusBar().showMessage(f"Đã lưu phiên bản {info.number} “{info.name}”", 6000)

    def issue() -> None:
        rid = report_id()
        if rid is not None:
            from .versions import issue_report
            issue_report(w, rid)

    def unlock() -> None:
        rid = report_id()
        if rid is not None:
            from .versions import unlock_report
            unlock_report(w, rid)

    w.act_versions = act("Các phiên bản và so sánh…", dialog, "Ctrl+Shift+H",
                         "Phiên bản đã lưu của báo cáo: so sánh, khôi phục (Ctrl+Shift+H)")
    w.act_save_version = act("Lưu phiên bản…", save, tip="Lưu trạng thái hiện tại thành một phiên bản có tên")
    w.act_issue = act("Đánh dấu đã ban hành…", issue,
                      tip="Khi đã có số và ngày văn bản: xuất tệp ban hành, ghi nhận mã kiểm tra, khóa chỉnh sửa")
    w.act_unlock = act("Mở khóa để sửa…", unlock, tip="Bỏ trạng thái đã ban hành (phải ghi lý do)")
    menu.addActions([w.act_versions, w.act_save_version])
    menu.addSeparator()
    menu.addActions([w.act_issue, w.act_unlock])
    mine: list[QAction] = [w.act_versions, w.act_save_version, w.act_issue, w.act_unlock]

    def update(*_args) -> None:
        rid = report_id()
        issued = w.service.issued_state(rid) if rid is not None else None
        writable = not w.read_only
        w.act_versions.setEnabled(rid is not None)
        w.act_save_version.setEnabled(rid is not None and writable)
        w.act_issue.setEnabled(rid is not None and writable and issued is None)
        w.act_unlock.setEnabled(rid is not None and writable and issued is not None)
    menu.aboutToShow.connect(update)   # looked up when the menu opens: never stale
    keep_usable(*mine)   # a read-only lock leaves this menu: it disables what cannot run when it opens
