"""Versions of the report in the window (issue 17): the "Phiên bản" menu and dialog (list, save,
compare, restore), the comparison view (printable, PDF, Word with tracked changes), the issued
state (banner, every editor locked, unlocking with a reason). The restore is one command on the
report's undo stack; the services do the work (services/versions.py)."""
from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QMarginsF, Qt, QTimer
from PySide6.QtGui import QPageLayout, QTextDocument
from PySide6.QtWidgets import (QAbstractItemView, QCheckBox, QComboBox, QDialog, QDialogButtonBox, QHBoxLayout,
                               QHeaderView, QInputDialog, QLabel, QLineEdit, QPushButton,
                               QTableWidget, QTableWidgetItem, QTextBrowser, QVBoxLayout, QWidget)

from ..errors import ServiceError
from ..services.versions import diff_page
from . import file_dialogs, messages
from .banner import Banner
from .context import ServiceCommand, push
from .window_layout import fit_size

if TYPE_CHECKING:
    from ..domain.diff import ReportDiff
    from ..services import ReportService
    from .context import EditorContext
    from .main_window import MainWindow

log = logging.getLogger("tudanhgia.ui")

REASONS = {"manual": "Lưu tay", "export": "Khi xuất", "restore": "Khôi phục", "before-restore": "Trước khi khôi phục",
           "issue": "Ban hành", "print": "Khi in"}


# --- the restore as one undoable command --------------------------------------------------------------
class RestoreVersionCommand(ServiceCommand):
    """Restore the report (or one section) from a version: redo restores it (the first time also
    keeping the result as a new version), undo puts back the state read just before."""

    def __init__(self, ctx: EditorContext, number: int, section_id: int | None, label: str):
        svc = ctx.service
        before = svc.get_report(ctx.report_id)   # what undo puts back
        state = {"first": True}

        def do() -> None:
            if state["first"]:
                svc.restore_version(ctx.report_id, number, section_id)
                state["first"] = False
            else:   # redo after undo: the same restore, not one more version
                svc.restore_state(svc.version_report(ctx.report_id, number), section_id)

        super().__init__(ctx, label, do, lambda: svc.restore_state(before, section_id))

    def redo(self) -> None:
        ctx = self.ctx
        super().redo()
        _show_stored(ctx)

    def undo(self) -> None:
        ctx = self.ctx
        super().undo()
        _show_stored(ctx)


def _show_stored(ctx: EditorContext | None) -> None:
    """The section on screen shows the restored text (its page keeps its document otherwise)."""
    editor = getattr(ctx.parent_widget, "editor", None) if ctx is not None else None
    if editor is not None and editor.ctx is ctx:
        editor.page.show_stored()


def restore(ctx: EditorContext, number: int, section_id: int | None = None, what: str = "") -> bool:
    """Restore from version `number` as one undoable step; True when it was written."""
    text = f"Khôi phục {what or 'báo cáo'} từ phiên bản {number}"
    push(ctx.undo_stack, RestoreVersionCommand(ctx, number, section_id, text))   # the stack's leak guard
    return ctx.last_ok


# --- the comparison view ----------------------------------------------------------------------------------
class DiffDialog(QDialog):
    """What changed between two states of the report: coloured, printable, savable as PDF or Word."""

    def __init__(self, service: ReportService, report_id: int, old: int | None, new: int | None,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.service, self.report_id, self.old, self.new = service, report_id, old, new
        self.diff: ReportDiff = service.compare_versions(report_id, old, new)
        self.title = service.version_report(report_id, new).title
        self.setWindowTitle("So sánh phiên bản")
        fit_size(self, 980, 720)
        self.view = QTextBrowser()
        self.view.setOpenLinks(False)
        self.only_changes = QCheckBox("Chỉ hiện các mục có thay đổi")
        self.only_changes.setChecked(True)
        self.only_changes.toggled.connect(self._fill)
        self.summary = QLabel(self.diff.summary())
        self.summary.setWordWrap(True)   # ratings, fields, limitations… named: it may be long
        print_button = QPushButton("In…")
        print_button.clicked.connect(self.print_diff)
        pdf_button = QPushButton("Lưu PDF…")
        pdf_button.clicked.connect(self.save_pdf)
        docx_button = QPushButton("Xuất Word (theo dõi thay đổi)…")
        docx_button.setToolTip("Tệp Word có đánh dấu thay đổi (Track Changes) để lãnh đạo xem và chấp nhận "
                               "hoặc từ chối từng chỗ")
        docx_button.clicked.connect(self.save_docx)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        bar = QHBoxLayout()
        bar.addWidget(self.only_changes)
        bar.addWidget(self.summary, 1)
        for b in (print_button, pdf_button, docx_button):
            bar.addWidget(b)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)
        layout.addWidget(close)
        self._fill()

    def html(self) -> str:
        return diff_page(self.diff, self.title, only_changes=self.only_changes.isChecked())

    def _fill(self, *_args) -> None:
        self.view.setHtml(self.html())

    def _document(self) -> QTextDocument:
        doc = QTextDocument()
        doc.setHtml(self.html())
        return doc

    def _printer(self):
        from .preview import a4_printer   # the report's own A4 set-up, with margins for flowing text
        printer = a4_printer()
        printer.setFullPage(False)
        printer.setPageMargins(QMarginsF(30, 20, 15, 20), QPageLayout.Unit.Millimeter)
        return printer

    def print_diff(self) -> None:
        from PySide6.QtPrintSupport import QPrintDialog
        printer = self._printer()
        if QPrintDialog(printer, self).exec():
            self._document().print_(printer)

    def _ask(self, caption: str, suffix: str, filters: str) -> Path | None:
        from ..services.export import default_docx_name
        name = default_docx_name(self.service.get_report(self.report_id)).removesuffix(".docx")
        path, _ = file_dialogs.save_file_name(self, caption, str(Path.home() / f"{name}-so-sanh{suffix}"), filters)
        if not path:
            return None
        return Path(path) if Path(path).suffix.lower() == suffix else Path(path + suffix)

    def save_pdf(self) -> Path | None:
        from PySide6.QtPrintSupport import QPrinter
        from ..services.files import OutputError, atomic_write, verify_pdf
        target = self._ask("Lưu bản so sánh ra PDF", ".pdf", "Tệp PDF (*.pdf)")
        if target is None:
            return None

        def write(tmp: Path) -> None:
            printer = self._printer()
            printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
            printer.setOutputFileName(str(tmp))
            self._document().print_(printer)
        try:
            written = atomic_write(target, write, verify_pdf)
        except OutputError as exc:
            messages.warn(self, str(exc))
            return None
        messages.info(self, f"Đã lưu bản so sánh: {written}")
        return written

    def save_docx(self) -> Path | None:
        target = self._ask("Xuất bản so sánh ra Word", ".docx", "Văn bản Word (*.docx)")
        if target is None:
            return None
        try:
            written = self.service.diff_docx(self.report_id, self.old, self.new, target)
        except ServiceError as exc:
            messages.warn(self, str(exc))
            return None
        messages.info(self, f"Đã xuất tệp Word có đánh dấu thay đổi: {written}\nMở bằng Word, chọn Xem lại "
                            "(Review) để chấp nhận hoặc từ chối từng thay đổi.")
        return written


# --- the versions dialog ----------------------------------------------------------------------------------
class VersionsDialog(QDialog):
    """The report's versions: save one, compare two (or one with now), restore the report or a section."""

    def __init__(self, window: MainWindow, report_id: int):
        super().__init__(window)
        self.window_, self.service, self.report_id = window, window.service, report_id
        self.setWindowTitle("Phiên bản của báo cáo")
        self.resize(900, 560)
        report = self.service.get_report(report_id)
        heading = QLabel(f"<b>{report.title}</b>")
        heading.setWordWrap(True)
        self.state = QLabel()
        self.state.setWordWrap(True)
        self.table = QTableWidget(0, 5)
        self.table.setHorizontalHeaderLabels(["Số", "Tên phiên bản", "Thời điểm", "Người lưu", "Loại"])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        for col in (0, 2, 3, 4):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.table.itemDoubleClicked.connect(lambda _item: self.compare_with_now())

        self.name = QLineEdit()
        self.name.setPlaceholderText("Tên phiên bản mới, ví dụ “Dự thảo lần 2”, “Trình ký”")
        self.name.returnPressed.connect(self.save)
        self.save_button = QPushButton("Lưu phiên bản")
        self.save_button.clicked.connect(self.save)
        save_row = QHBoxLayout()
        save_row.addWidget(self.name, 1)
        save_row.addWidget(self.save_button)

        self.compare_now_button = QPushButton("So sánh với hiện tại")
        self.compare_now_button.setToolTip("Những gì đã thay đổi từ phiên bản đang chọn đến nay")
        self.compare_now_button.clicked.connect(self.compare_with_now)
        self.compare_button = QPushButton("So sánh hai phiên bản")
        self.compare_button.setToolTip("Chọn hai dòng (giữ Ctrl) để so sánh hai phiên bản với nhau")
        self.compare_button.clicked.connect(self.compare_two)
        self.restore_button = QPushButton("Khôi phục cả báo cáo…")
        self.restore_button.clicked.connect(self.restore_report)
        self.section_pick = QComboBox()
        self.section_pick.setMinimumWidth(260)
        self.section_pick.setToolTip("Mục sẽ được khôi phục từ phiên bản đang chọn")
        self.restore_section_button = QPushButton("Khôi phục mục này…")
        self.restore_section_button.clicked.connect(self.restore_section)
        actions = QHBoxLayout()
        for w in (self.compare_now_button, self.compare_button, self.restore_button):
            actions.addWidget(w)
        actions.addStretch(1)
        actions.addWidget(QLabel("Mục:"))
        actions.addWidget(self.section_pick)
        actions.addWidget(self.restore_section_button)

        self.issue_button = QPushButton("Đánh dấu đã ban hành…")
        self.issue_button.clicked.connect(self.issue)
        self.unlock_button = QPushButton("Mở khóa để sửa…")
        self.unlock_button.clicked.connect(self.unlock)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        bottom = QHBoxLayout()
        bottom.addWidget(self.issue_button)
        bottom.addWidget(self.unlock_button)
        bottom.addStretch(1)
        bottom.addWidget(close)

        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.state)
        layout.addLayout(save_row)
        layout.addWidget(self.table, 1)
        layout.addLayout(actions)
        layout.addLayout(bottom)
        self.refresh()

    # --- what is shown ----------------------------------------------------------------------------------
    def refresh(self) -> None:
        self.versions = self.service.list_versions(self.report_id)
        self.issued = self.service.issued_state(self.report_id)
        self.table.setRowCount(0)
        from ..services.versions import again_lines, again_words
        for v in reversed(self.versions):   # newest first
            row = self.table.rowCount()
            self.table.insertRow(row)
            again = again_words(v)   # printed or exported again, unchanged: no version of its own
            name = f"{v.name} — {again}" if again else v.name
            for col, text in enumerate((str(v.number), name, f"{v.created_at:%d/%m/%Y %H:%M}", v.user,
                                        REASONS.get(v.reason, v.reason))):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, v.number)
                if again:
                    item.setToolTip("Xuất/in lại với nội dung không đổi:\n" + "\n".join(again_lines(v)))
                self.table.setItem(row, col, item)
        if self.versions:
            self.table.selectRow(0)
        from ..services.versions import issued_words
        history = self.service.issue_history(self.report_id)
        if self.issued is not None:
            text = (f"Đã ban hành {issued_words(self.issued)} (đánh dấu lúc {self.issued.at:%d/%m/%Y %H:%M}, "
                    f"{self.issued.user}): báo cáo chỉ đọc.")
        elif history:
            last = history[-1]
            text = f"Đã mở khóa lúc {last.at:%d/%m/%Y %H:%M} ({last.user}), lý do: {last.reason}"
        else:
            text = ("Phiên bản được lưu tự động mỗi lần xuất hoặc in (nội dung không đổi thì ghi vào phiên bản "
                    "mới nhất); lưu thêm khi cần (trước khi trình ký, sau khi sửa theo ý kiến lãnh đạo…).")
        self.state.setText(text)
        self.state.setToolTip("\n".join(
            (f"Ban hành {issued_words(e)}" if e.action == "issue" else f"Mở khóa, lý do: {e.reason}")
            + f" — {e.at:%d/%m/%Y %H:%M}, {e.user}" for e in history))
        self._update_buttons()

    def selected(self) -> list[int]:
        rows = sorted({i.row() for i in self.table.selectedItems()})
        return sorted(self.table.item(r, 0).data(Qt.ItemDataRole.UserRole) for r in rows)

    def _update_buttons(self) -> None:
        picked = self.selected()
        writable = not self.window_.read_only
        editable = writable and self.issued is None
        self.save_button.setEnabled(writable)
        self.name.setEnabled(writable)
        self.compare_now_button.setEnabled(len(picked) == 1)
        self.compare_button.setEnabled(len(picked) == 2)
        self.restore_button.setEnabled(editable and len(picked) == 1)
        self.restore_section_button.setEnabled(editable and len(picked) == 1)
        self.section_pick.setEnabled(len(picked) == 1)
        self.issue_button.setEnabled(writable and self.issued is None)
        self.unlock_button.setEnabled(writable and self.issued is not None)
        self._fill_sections(picked[0] if len(picked) == 1 else None)

    def _fill_sections(self, number: int | None) -> None:
        picked = self.section_pick.currentData()   # the officer's pick stays when another version is chosen
        self.section_pick.clear()
        if number is None:
            return
        try:
            report = self.service.version_report(self.report_id, number)
        except ServiceError:
            return
        numbers = report.numbering()
        for s, depth in report.walk_with_depth():
            from ..domain.names import section_name, shorten
            label = shorten(f"{numbers.get(s, '')} {section_name(s, 60, '(mục không tên)')}".strip(), 70)
            self.section_pick.addItem("  " * (depth - 1) + label, s.id)
        index = self.section_pick.findData(picked if picked is not None else self._open_section_id())
        if index >= 0:
            self.section_pick.setCurrentIndex(index)

    def _open_section_id(self) -> int | None:
        """The section open in the editor, when it shows this report: what "Khôi phục mục" restores by default."""
        w = self.window_
        if w.ctx is None or w.ctx.report_id != self.report_id or w.editor is None:
            return None
        section = w.editor.current_section()
        return section.id if section is not None else None

    # --- what the officer does --------------------------------------------------------------------------
    def _run(self, action) -> bool:
        try:
            action()
        except ServiceError as exc:
            messages.warn(self, str(exc))
            return False
        return True

    def save(self) -> None:
        name = self.name.text()
        if self._run(lambda: self.service.save_version(self.report_id, name)):
            self.name.clear()
            self.refresh()

    def compare_with_now(self) -> None:
        picked = self.selected()
        if len(picked) == 1:
            self._show_diff(picked[0], None)

    def compare_two(self) -> None:
        picked = self.selected()
        if len(picked) == 2:
            self._show_diff(picked[0], picked[1])

    def _show_diff(self, old: int, new: int | None) -> None:
        try:
            dialog = DiffDialog(self.service, self.report_id, old, new, self)
        except ServiceError as exc:
            messages.warn(self, str(exc))
            return
        self.diff_dialog = dialog
        dialog.exec()

    def _editing(self) -> EditorContext | None:
        """The report's open editor: a restore goes on its undo stack (opened when it is not)."""
        w = self.window_
        if w.ctx is None or w.ctx.report_id != self.report_id:
            w.open_report(self.report_id)
        return w.ctx if w.ctx is not None and w.ctx.report_id == self.report_id else None

    def restore_report(self) -> None:
        picked = self.selected()
        if len(picked) != 1 or not messages.confirm(
                self, f"Khôi phục toàn bộ báo cáo về phiên bản {picked[0]}? Nội dung hiện tại được giữ trong một "
                      "phiên bản mới và có thể hoàn tác (Ctrl+Z).", yes="Khôi phục"):
            return
        ctx = self._editing()
        if ctx is not None and restore(ctx, picked[0]):
            self.refresh()

    def restore_section(self) -> None:
        picked = self.selected()
        section_id = self.section_pick.currentData()
        if len(picked) != 1 or section_id is None:
            return
        what = self.section_pick.currentText().strip()
        if not messages.confirm(self, f"Khôi phục mục “{what}” về phiên bản {picked[0]}? Các mục khác giữ "
                                      "nguyên; có thể hoàn tác (Ctrl+Z).", yes="Khôi phục"):
            return
        ctx = self._editing()
        if ctx is not None and restore(ctx, picked[0], section_id, f"mục “{what}”"):
            self.refresh()

    def issue(self) -> None:
        if issue_report(self.window_, self.report_id, self):
            self.refresh()

    def unlock(self) -> None:
        if unlock_report(self.window_, self.report_id, self):
            self.refresh()


# --- the issued state ----------------------------------------------------------------------------------
def issue_report(w: MainWindow, report_id: int, parent: QWidget | None = None) -> bool:
    """Ask, write the issued DOCX, mark the report issued and show it locked; True when done."""
    parent = parent or w
    service = w.service
    done = service.issued_state(report_id)
    if done is not None:   # the menu disables the line; a dialog left open or a shortcut does not
        from ..services.versions import already_issued
        messages.warn(parent, str(already_issued(done)))
        return False
    report = service.get_report(report_id)
    if not report.meta.number.strip() or not report.meta.date.is_complete():
        messages.warn(parent, "Chưa thể đánh dấu đã ban hành: hãy điền số văn bản và đủ ngày, tháng, năm ở "
                              "“Thông tin văn bản” trước.")
        return False
    if w._report_id() == report_id and not w._check(for_export=True, go_on="Vẫn ban hành"):   # as an export
        return False
    from .check_jump import spelling_before_issue
    if not spelling_before_issue(w, report, parent):   # unknown words left: asked once
        return False
    number = report.meta.number_line().removeprefix("Số:").strip()
    if not messages.confirm(parent, f"Đánh dấu báo cáo đã ban hành số {number} {report.meta.date.words()}?\n\n"
                                    "Chương trình sẽ xuất tệp DOCX ban hành, ghi nhận mã kiểm tra (SHA-256) của tệp "
                                    "và khóa mọi chỉnh sửa. Muốn sửa sau này phải mở khóa và ghi lý do.",
                            yes="Đánh dấu đã ban hành"):
        return False
    from ..services.export import default_docx_name
    folder = w.settings.value("export/last_dir", str(Path.home()))
    name = default_docx_name(report).removesuffix(".docx") + "-ban-hanh.docx"
    path, _ = file_dialogs.save_file_name(parent, "Lưu tệp DOCX ban hành", str(Path(folder) / name),
                                          "Văn bản Word (*.docx)")
    if not path:
        return False
    try:
        event = service.issue_report(report_id, path)
    except ServiceError as exc:
        messages.warn(parent, str(exc))
        return False
    w.settings.setValue("export/last_dir", str(Path(event.docx_path).parent))
    _reopen(w, report_id)
    messages.info(parent, f"Đã đánh dấu ban hành. Tệp ban hành: {event.docx_path}\nMã SHA-256: {event.docx_sha256}")
    return True


def unlock_report(w: MainWindow, report_id: int, parent: QWidget | None = None) -> bool:
    """Ask the reason, unlock, and show the report editable again; True when done."""
    parent = parent or w
    while True:
        reason, ok = QInputDialog.getText(parent, "Mở khóa báo cáo đã ban hành",
                                          "Lý do mở khóa (bắt buộc, được ghi lại cùng người mở và thời điểm):")
        if not ok:
            return False
        try:
            w.service.unlock_report(report_id, reason)
            break
        except ServiceError as exc:
            messages.warn(parent, str(exc))
    _reopen(w, report_id)
    return True


def _reopen(w: MainWindow, report_id: int) -> None:
    """The open report's panels follow the new state (they were locked, or must be), on the section
    the officer was on (not back at the outline's first line)."""
    if w.ctx is not None and w.ctx.report_id == report_id:
        _open_at(w, report_id, w.editor.current_target() if w.editor is not None else None)
    else:
        w.start.refresh_reports()


def _open_at(w: MainWindow, report_id: int, target) -> None:
    """Open the report again, showing `target` (an editor Target, or None for the first line)."""
    w.open_report(report_id)
    if w.editor is not None and target is not None:
        w.editor.select(target.key)


def follow_issued_state(w: MainWindow) -> None:
    """The open report issued or unlocked by another program (the command line, a second window)
    moves its row's version, and the panels reload (EditorContext.check_outside_changes): then the
    window is opened again, locked or editable, on the same section, when the issued state no
    longer matches what it shows."""
    ctx = w.ctx
    if ctx is None:
        return

    def follow(changes, _initiator) -> None:
        if w.ctx is not ctx or w.editor is None or w.service is None or not changes.everything:
            return
        issued = w.service.issued_state(ctx.report_id) is not None
        if issued == (getattr(w.editor, "issued_banner", None) is not None):
            return
        target = w.editor.current_target()

        def reopen() -> None:
            if w.ctx is not ctx:   # another report opened meanwhile
                return
            if issued and ctx.shown_over:
                keep_typing_refused_by_the_issue(w, ctx)
            _open_at(w, ctx.report_id, target)
            if not issued:
                w.statusBar().showMessage("Báo cáo vừa được mở khóa ở nơi khác: có thể sửa tiếp.", 10000)
        QTimer.singleShot(0, w, reopen)   # not within the context's own signal: the reopen closes it
    ctx.changed.connect(follow)


def keep_typing_refused_by_the_issue(w: MainWindow, ctx) -> None:
    """The report was issued elsewhere while the officer typed: what the issue refused is written to
    a file in the data folder's chua-luu (as at a session's end) and the officer told where, before
    the window shows the report locked; the file cannot be written: the officer picks another place."""
    from ..paths import AppPaths
    from ..services.files import OutputError
    from ..services.rescue import rescue
    from ..services.versions import issued_words
    blocks, ctx.shown_over = ctx.shown_over, []
    report = ctx.report()
    event = w.service.issued_state(ctx.report_id) if w.service is not None else None
    issued = f" ({issued_words(event)})" if event is not None else ""
    said = (f"Báo cáo “{report.title}” vừa được ban hành ở nơi khác{issued} nên nội dung vừa nhập chưa lưu "
            "được vào báo cáo.")
    try:
        path = rescue((w.paths or AppPaths.default()).data_dir, report.title, w.db_path.name, blocks)
    except OutputError as exc:
        log.warning("typing refused by an issue not written to the data folder: %s", exc)
        messages.warn(w, f"{said} Không ghi được nội dung đó vào thư mục dữ liệu ({exc}); hãy chọn nơi lưu.")
        while not w.save_elsewhere(blocks) and not messages.confirm(
                w, "Bỏ hẳn nội dung chưa lưu được? Không thể lấy lại.", yes="Bỏ nội dung", no="Chọn nơi lưu"):
            pass
    else:
        told = set(w.settings.value("rescue/told", []) or [])   # not told again at the next start
        w.settings.setValue("rescue/told", sorted(told | {path.name}))
        messages.warn(w, f"{said} Nội dung đó đã được ghi ra tệp:\n\n{path}\n\nMuốn đưa vào báo cáo, hãy mở "
                         "khóa (Phiên bản ▸ Mở khóa để sửa…) rồi chép từ tệp vào đúng mục.")
    ctx.saves.discard()


def show_issued_state(w: MainWindow) -> None:
    """After a report is opened: an issued one is shown locked, with a banner saying so (and the
    window follows an issue or unlock made elsewhere)."""
    if w.ctx is None or w.editor is None or w.service is None:
        return
    follow_issued_state(w)
    event = w.service.issued_state(w.ctx.report_id)
    if event is None:
        return
    from ..services.versions import issued_words
    from .read_only import keep_usable, lock_editing
    words = issued_words(event)
    banner = Banner("warning", w.editor)
    w.editor.layout().insertWidget(0, banner)   # placed first: shown while parentless it would be a window
    banner.show_text(f"Văn bản đã ban hành {words} — chỉ đọc. Có thể xem, in, xuất và so sánh phiên bản; "
                     "muốn sửa, hãy mở khóa và ghi lý do.")
    if not w.read_only:
        keep_usable(banner.add_button("Mở khóa để sửa…", "Bỏ trạng thái đã ban hành để sửa tiếp (lý do được ghi lại)",
                                      lambda: unlock_report(w, w.ctx.report_id) if w.ctx is not None else None))
    w.editor.issued_banner = banner
    w.ctx.read_only = f"báo cáo đã ban hành {words}"
    lock_editing(w.editor)
    w.save_label.setText(f"Đã ban hành {words}: chỉ đọc")
