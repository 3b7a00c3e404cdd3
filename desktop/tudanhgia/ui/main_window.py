"""Main window: the start page (ui/start_page.py) and the report editor, wired to the window's
actions (ui/actions.py), status bar and settings."""
from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QSettings
from PySide6.QtWidgets import QLabel, QMainWindow, QStackedWidget, QVBoxLayout, QWidget

from .. import APP_NAME, __version__
from ..paths import AppPaths
from ..errors import ServiceError
from ..store.catalog import Catalog
from ..store.file_lock import DatabaseLock

if TYPE_CHECKING:
    from ..domain.model import Report
    from ..services import ReportService
    from .context import EditorContext
from . import actions, file_dialogs, messages
from .banner import Banner
from .start_page import StartPage
from .db_lock import IN_USE_REASON, lock_database, offer_read_only
from .welcome import remember_database


class MainWindow(QMainWindow):
    def __init__(self, service: ReportService | None, paths: AppPaths | None = None,
                 settings: QSettings | None = None, catalog: Catalog | None = None, kinds=None,
                 db_path: Path | None = None, first_frame: bool = False):
        super().__init__()
        self.service = service
        self.db_path = Path(db_path) if db_path else service.db.path
        self.paths = paths
        self.settings = settings or QSettings()
        self.db_lock: DatabaseLock | None = None  # held while this window has the database open
        self.ctx: EditorContext | None = None
        self.editor = None
        self.read_only = ""   # why this database cannot be written; "" when it can
        self.session_ending = False   # log-out, shutdown, SIGTERM: flushed already, nobody to ask
        self.resize(1280, 760)
        self.stack = QStackedWidget()
        self.start = StartPage(service, catalog=catalog, kinds=kinds, first_frame=first_frame)   # ui/app.py's start
        self.start.open_requested.connect(self.open_report)
        self.stack.addWidget(self.start)
        # what the officer must know for as long as it is true: above everything else
        self.read_only_banner = Banner("warning")
        self.save_banner = Banner("error")
        central = QWidget()
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.read_only_banner)
        column.addWidget(self.save_banner)
        self.save_banner.add_button("Thử lưu lại", "Thử ghi ngay nội dung chưa lưu được vào cơ sở dữ liệu",
                                    self.retry_save)
        self.save_banner.add_button("Lưu ra tệp khác…", "Ghi nội dung chưa lưu được ra một tệp văn bản để giữ lại",
                                    self.save_elsewhere)
        column.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        # the start page's widgets, as the window's (tests and shortcuts use them)
        for name in ("search", "unit_filter", "kind_filter", "period_filter", "reports", "outline", "report_title",
                     "report_info", "issues", "count_label"):
            setattr(self, name, getattr(self.start, name))
        self.splitter = self.start.splitter
        self._build_actions(first_frame)
        self._build_status()
        from .backups import BackupScheduler
        self.backups = BackupScheduler(self)  # verified backups at open and every 15 minutes of editing
        self.start.current_report_changed.connect(self._on_undo_state)
        self._update_state()
        geometry = self.settings.value("main/geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        state = self.settings.value("main/state")
        if isinstance(state, QByteArray):
            self.restoreState(state)
        splitter = self.settings.value("main/splitter")
        if isinstance(splitter, QByteArray):
            self.start.splitter.restoreState(splitter)
        if service is not None:   # opened with its service (no background start): attach_service's offer
            from .unit_setup import offer_unit_setup
            offer_unit_setup(self)

    # --- actions (ui/actions.py) ------------------------------------------------------------------
    def flush_all(self) -> bool:
        """Write every editor's pending typing now (the open report's save manager); False when
        the database refused some of it (it stays in the window, the banner says so)."""
        return self.ctx is None or self.ctx.saves.flush_all()

    def flush_for_action(self) -> bool:
        """Before an action: everything typed written, or the action waits (and the officer is told)."""
        return self.ctx is None or self.ctx.saves.flush_for_action()

    # --- typing the database refuses ----------------------------------------------------------------
    def _on_save_failing(self, reason: str) -> None:
        if reason:
            self.save_banner.show_text(f"Chưa lưu được: {reason}; đang thử lại. Nội dung vừa nhập vẫn còn trong "
                                       "cửa sổ này; nếu lỗi kéo dài, hãy bấm “Lưu ra tệp khác…” để giữ lại.")
            self.save_label.setText("Chưa lưu được nội dung vừa nhập")
        else:
            self.save_banner.show_text("")
            if self.ctx is not None and self.ctx.last_saved is not None:
                self._on_saved(self.ctx.last_saved)

    def retry_save(self) -> None:
        self.flush_all()

    def save_elsewhere(self, blocks: list[tuple[str, str]] | None = None) -> bool:
        """Ask for a file and write there everything the database refused (or `blocks`); True when written."""
        from ..services.files import OutputError
        from ..services.rescue import write_unsaved
        if self.ctx is None:
            return False
        blocks = self.ctx.saves.unsaved() if blocks is None else blocks
        if not blocks:
            return True
        from ..services.export import default_docx_name
        report = self.ctx.report()
        title = report.title
        folder = self.settings.value("export/last_dir", str(Path.home()))
        name = default_docx_name(report).removesuffix(".docx") + "-chua-luu.txt"
        path, _ = file_dialogs.save_file_name(self, "Lưu nội dung chưa lưu ra tệp khác", str(Path(folder) / name),
                                              "Tệp văn bản (*.txt);;Văn bản Word (*.docx)")
        if not path:
            return False
        target = Path(path) if Path(path).suffix else Path(path + ".txt")
        try:
            write_unsaved(target, title, self.db_path.name, blocks)
        except OutputError as exc:
            messages.warn(self, str(exc))
            return False
        self.settings.setValue("export/last_dir", str(target.parent))
        self.statusBar().showMessage(f"Đã ghi nội dung chưa lưu ra {target}", 8000)
        return True

    def _keep_unsaved(self) -> bool:
        """Leaving a report whose typing the database refuses: written now, or saved elsewhere, or
        dropped only when the officer says so. False: stay (nothing is lost)."""
        while not self.flush_all():
            choice = messages.choose(
                self, f"Nội dung vừa nhập chưa lưu được vào cơ sở dữ liệu ({self.ctx.saves.error}).\n\n"
                      "Nếu đóng bây giờ, nội dung đó sẽ mất. Hãy lưu nó ra một tệp khác (sau đó mở lại báo cáo "
                      "và dán vào), hoặc thử lưu lại.",
                ["Lưu ra tệp khác…", "Thử lưu lại", "Bỏ nội dung chưa lưu"])
            if choice == 0 and self.save_elsewhere():
                return True
            if choice == 2 and messages.confirm(self, "Bỏ hẳn nội dung chưa lưu được? Không thể lấy lại.",
                                                yes="Bỏ nội dung", no="Quay lại"):
                return True
            if choice is None:
                return False
        return True

    def _build_actions(self, menus_later: bool = False) -> None:
        self._fill_menus = actions.install(self, menus_later)

    def finish_first_frame(self) -> None:
        """What a window made with `first_frame` leaves until after its first paint (ui/app.py calls
        this on the next turn of the event loop): the list's own model, the menus' lines and the
        keys of the actions only the menus hold."""
        self.start.use_full_model()
        fill, self._fill_menus = self._fill_menus, None
        if fill is not None:
            fill()

    def _build_status(self) -> None:
        self.save_label = QLabel("")
        self.words_label = QLabel("")
        self.progress_label = QLabel("")
        sb = self.statusBar()
        sb.addWidget(self.save_label)
        sb.addPermanentWidget(self.progress_label)
        sb.addPermanentWidget(self.words_label)
        sb.addPermanentWidget(self.start.count_label)
        self.version_label = QLabel(f"Phiên bản {__version__}")
        sb.addPermanentWidget(self.version_label)

    def attach_service(self, service: ReportService, unit_setup=None) -> None:
        """The full service, opened right after the first paint (`unit_setup`: ui/unit_setup.Answer,
        the set-up question answered by the worker that opened it; None: asked here)."""
        self.finish_first_frame()   # (done already when the window's start called it after the paint)
        self.service = service
        self.db_path = service.db.path
        self.start.attach(service)
        self.backups.watch(service)
        self._update_state()
        from .unit_setup import offer_unit_setup   # the header needs the unit's profile: offer it
        offer_unit_setup(self, answer=unit_setup)

    def set_read_only(self, reason: str) -> None:
        """Show this database without letting anything write to it: `reason` (Vietnamese, e.g.
        "tệp chỉ cho phép đọc") is shown in a banner for as long as the window shows the file, and
        every action and field that would change it is disabled. Reading, previewing, printing and
        exporting stay available."""
        if not reason and self.ctx is not None and self.ctx.read_only:
            self.read_only = ""
            self.open_report(self.ctx.report_id)   # the panels were locked for good: build them anew
        self.read_only = reason
        self.read_only_banner.show_text(
            f"Cơ sở dữ liệu chỉ đọc: {reason}. Có thể xem, in và xuất văn bản; mọi chỉnh sửa đã bị khóa."
            if reason else "")
        if self.ctx is not None and reason and not self.ctx.read_only:
            self.ctx.read_only = reason
            from .read_only import lock_editing   # read-only files only: not part of the first paint
            lock_editing(self.editor)
        self._update_state()

    def _update_state(self) -> None:
        ready = self.service is not None
        writable = ready and not self.read_only
        for act in (self.act_open, self.act_other_db, self.act_new_db):
            act.setEnabled(ready)
        for act in (self.act_new, self.act_new_from, self.act_plan, self.act_import, self.act_duplicate,
                    self.act_delete, self.act_trash, self.act_unit, self.act_board):
            act.setEnabled(writable)
        editing = self.ctx is not None and self.stack.currentIndex() == 1
        for act in (self.act_check, self.act_preview, self.act_print, self.act_export, self.act_export_pdf):
            act.setEnabled(ready and (editing or self.start.current_report_id() is not None))
        self.act_save.setEnabled(writable and (editing or self.start.current_report_id() is not None))
        self.act_undo.setEnabled(bool(writable and editing))
        self.act_redo.setEnabled(bool(writable and editing))
        from .undo import label_actions   # "Hoàn tác: Nhập văn bản": the step it undoes, or disabled
        label_actions(self.ctx.undo_stack if editing else None, self.act_undo, self.act_redo)
        if editing:
            self._set_title(self.ctx.report().title)
        else:
            self._set_title(None)
            self.words_label.setText("")
            self.progress_label.setText("")

    # --- opening and closing reports -------------------------------------------------------------
    def open_report(self, report_id: int) -> None:
        if self.service is None:
            return
        from .editor import ReportEditor
        from .indicators import IndicatorsEditor
        from .limitations import LimitationsPanel
        from .meta_form import DocumentMetaForm
        if not self.close_report():
            return
        try:
            self.service.get_report(report_id)
        except ServiceError as exc:
            messages.warn(self, str(exc))
            return
        from .context import EditorContext   # the domain model loads after the first paint
        self.ctx = EditorContext(self.service, report_id, self)
        self.ctx.read_only = self.read_only
        self.editor = ReportEditor(self.ctx)
        report = self.ctx.report()
        from .unit_setup import offer_unit_setup
        offer_unit_setup(self, report.unit_id)
        if any(s.content is not None for s in report.walk()) or report.limitations:
            self.editor.add_panel("limitations", LimitationsPanel(self.ctx), "Hạn chế và biện pháp")
        self.editor.add_panel("meta", DocumentMetaForm(self.ctx), "Thông tin văn bản")
        if report.appendix_title or report.appendix_table is not None:   # a kept table is edited there too
            self.editor.add_panel("indicators", IndicatorsEditor(self.ctx), "Phụ lục số liệu")
        if self.read_only:
            from .read_only import lock_editing   # read-only files only: not part of the first paint
            lock_editing(self.editor)
        self.stack.addWidget(self.editor)
        self.stack.setCurrentWidget(self.editor)
        from .window_layout import keep_editor_layout   # the outline's width etc. as last left
        keep_editor_layout(self.settings, self.editor)
        self.section_menu.clear()
        e = self.editor
        self.section_menu.addActions([e.act_prev, e.act_next])
        self.section_menu.addSeparator()
        self.section_menu.addActions([e.act_add_before, e.act_add, e.act_add_child, e.act_up, e.act_down,
                                      e.act_indent, e.act_outdent, e.act_delete])
        self.edit_menu.addSeparator()
        self.edit_menu.addActions([e.page.act_bold, e.page.act_italic, e.page.act_footnote])
        self._nav_actions = [e.act_prev, e.act_next]
        self.toolbar_nav.insertActions(self.nav_separator, self._nav_actions)
        self.nav_separator.setVisible(True)
        # bound methods, not lambdas: PySide disconnects them when the window goes, while the undo
        # stack still emits during its own destruction
        stack = self.ctx.undo_stack
        # every change of what Hoàn tác/Làm lại would do moves the index (a push, an undo, a merge, a macro's
        # end): one update per step, not one per signal (a word typed is a step)
        stack.indexChanged.connect(self._on_undo_state)
        from .undo import UndoKeys   # Ctrl+Z in any field of the report: the window's one undo
        UndoKeys(self.editor, self.act_undo, self.act_redo, self.flush_all).cover(self.editor)
        self.ctx.saved.connect(self._on_saved)
        self.ctx.saves.failing.connect(self._on_save_failing)
        self.ctx.changed.connect(self._on_report_changed)
        e.progress_changed.connect(self.progress_label.setText)
        e.title_changed.connect(self._on_title)
        self.save_label.setText("Chỉ đọc: không lưu thay đổi" if self.read_only else "Mọi thay đổi được lưu tự động")
        self._update_words()
        self._update_state()
        self.progress_label.setText(e.progress_label.text())
        self.settings.setValue("main/last_report", report_id)
        from .versions import show_issued_state   # an issued report opens locked, with its banner (issue 17)
        show_issued_state(self)

    def _on_undo_state(self, *_args) -> None:
        self._update_state()

    def _on_saved(self, when) -> None:
        self.save_label.setText(f"Đã lưu lúc {when:%H:%M}")

    def _on_report_changed(self, *_args) -> None:
        self._update_words()

    def _on_title(self, title: str) -> None:
        self._set_title(title)

    def _set_title(self, report_title: str | None) -> None:
        """The open report (if any) and the database file: which data is this? The title ends with
        the application's name, which Qt would otherwise append once more (Windows, X11); the
        version is in the status bar."""
        parts = [report_title] if report_title else []
        parts += [self.db_path.name, APP_NAME]
        self.setWindowTitle(" — ".join(parts))

    def _update_words(self) -> None:
        if self.ctx is not None:
            count = self.ctx.index().word_count()
            self.words_label.setText(f"{count:,} từ".replace(",", "."))

    def close_report(self) -> bool:
        """Leave the open report (switching report or database, going home); False when the
        officer chose to stay because typing could not be written."""
        if self.editor is None:
            return True
        if not self._keep_unsaved():
            return False
        self.save_banner.show_text("")
        self.ctx.undo_stack.blockSignals(True)  # its clean-up must not call back into this window
        if getattr(self, "_nav_actions", None):
            for act in self._nav_actions:
                self.toolbar_nav.removeAction(act)
            self.nav_separator.setVisible(False)
        self.section_menu.clear()
        actions.fill_edit_menu(self)
        self.stack.removeWidget(self.editor)
        self.editor.deleteLater()
        # the context is the window's child: it goes with the editor, or each report opened stays
        self.ctx.close()
        self.ctx.setParent(None)
        self.ctx.deleteLater()
        self.editor, self.ctx = None, None
        return True

    def show_start(self) -> None:
        if self.editor is not None:
            report_id = self.ctx.report_id
            if not self.close_report():
                return
            self.start.refresh_filters()
            self.start.refresh_reports()
            self.start.select_report(report_id)
        self.stack.setCurrentWidget(self.start)
        self._update_state()

    def _open_selected(self) -> None:
        report_id = self.start.current_report_id()
        if report_id is not None:
            self.open_report(report_id)

    def _report_id(self) -> int | None:
        if self.ctx is not None and self.stack.currentIndex() == 1:
            return self.ctx.report_id
        return self.start.current_report_id()

    def _after_create(self, report: Report) -> None:
        self.start.refresh_filters()
        self.start.refresh_reports()
        self.open_report(report.id)

    def new_report(self) -> None:
        from .new_report import NewReportDialog
        dialog = NewReportDialog(self.service, self)
        if dialog.exec():  # OK creates the report
            report = dialog.created_report()
            if report is not None:
                self._after_create(report)

    def new_from_previous(self) -> None:
        """The next period's report (services/next_period.py); the window asks whether the
        unremedied limitations come along and tells what was done."""
        source = self._report_id()
        if source is None:
            messages.info(self, "Hãy chọn báo cáo kỳ trước trong danh sách.")
            return
        try:
            plan = self.service.plan_next_period(source)
            carry = plan.open_items > 0 and messages.confirm(
                self, f"Có {plan.open_items} hạn chế, khuyết điểm chưa khắc phục xong theo kế hoạch. "
                      "Đưa chúng vào báo cáo kỳ mới (giữ kỳ đã nêu ra)?", yes="Đưa vào", no="Không")
            result = self.service.new_from_previous(plan, carry_over=carry)
        except ServiceError as exc:
            messages.warn(self, str(exc))
            return
        note = (f" Mục “Kết quả khắc phục…” đã được điền sẵn từ kế hoạch ({result.followed_up} hạn chế)."
                if result.followed_up else "")
        messages.info(self, f"Đã tạo “{result.report.title}” từ báo cáo {result.source.period.label}: dàn ý và nội "
                            f"dung được chép sang để sửa lại; các mức tự đánh giá và số, ngày văn bản để trống.{note}")
        self._after_create(result.report)

    def import_report(self) -> None:
        from .import_dialog import ImportReviewDialog, prepare_in_background
        folder = self.settings.value("import/last_dir", str(Path.home()))
        path, _ = file_dialogs.open_file_name(self, "Nhập báo cáo có sẵn", folder,
                                              "Báo cáo (*.docx *.doc *.txt);;Mọi tệp (*)")
        if not path:
            return
        self.settings.setValue("import/last_dir", str(Path(path).parent))
        try:  # read off the window's thread, with progress and Hủy
            prepared = prepare_in_background(self, self.service, path)
            if prepared is None:
                return                   # cancelled: nothing read, nothing saved
            dialog = ImportReviewDialog(self.service, path, self, prepared)
        except ServiceError as exc:  # a bad file: a clear message, nothing saved
            messages.warn(self, str(exc))
            return
        if dialog.exec() and dialog.saved is not None:
            self._after_create(dialog.saved)

    def make_plan(self) -> None:
        from .dialogs import PlanDialog
        source = self._report_id()
        if source is None:
            messages.info(self, "Hãy chọn báo cáo kiểm điểm cần lập kế hoạch khắc phục.")
            return
        review = self.service.get_report(source)
        dialog = PlanDialog(review.title, len(review.limitations), self)
        if not dialog.exec():
            return
        conclusion, added = dialog.values()
        try:
            plan = self.service.plan_from_review(source, conclusion, added)
        except ServiceError as exc:
            messages.warn(self, str(exc))
            return
        self._after_create(plan)

    def duplicate_report(self) -> None:
        source = self._report_id()
        if source is not None:
            self._after_create(self.service.duplicate_report(source))

    def delete_report(self) -> None:
        report_id = self._report_id()
        if report_id is None:
            return
        title = self.service.get_report(report_id).title
        if not messages.confirm(self, f"Chuyển “{title}” vào thùng rác? Có thể khôi phục từ Tệp → Thùng rác.",
                                yes="Xóa"):
            return
        if self.ctx is not None and self.ctx.report_id == report_id and not self.close_report():
            return
        self.service.delete_report(report_id)
        self.stack.setCurrentWidget(self.start)
        self.start.refresh_filters()
        self.start.refresh_reports()
        self._update_state()

    def show_board(self) -> None:
        from .board import MeasuresBoard
        unit_id = None
        report_id = self._report_id()
        if report_id is not None:
            unit_id = self.service.get_report(report_id).unit_id
        elif self.service.default_unit() is not None:
            unit_id = self.service.default_unit().id
        board = MeasuresBoard(self.service, unit_id, self)
        board.exec()
        if board.changed and self.ctx is not None:
            self.ctx.notify()  # statuses changed under the open report: what the board's calls noted

    def show_trash(self) -> None:
        from .dialogs import TrashDialog
        TrashDialog(self.service, self).exec()
        self.start.refresh_filters()
        self.start.refresh_reports()

    def save_now(self) -> None:
        if self.editor is not None:  # the action has written everything already
            self.ctx.mark_saved()

    # --- undo ----------------------------------------------------------------------------------
    def undo(self) -> None:
        from . import undo   # the officer's last step, text included (ui/undo.py)
        if self.ctx is not None:
            undo.undo(self.ctx.undo_stack)

    def redo(self) -> None:
        from . import undo
        if self.ctx is not None:
            undo.redo(self.ctx.undo_stack)

    # --- check, preview, print, export ------------------------------------------------------------
    def _current_report(self) -> Report | None:
        if self.editor is not None and self.stack.currentIndex() == 1:
            return self.ctx.report()
        report_id = self.start.current_report_id()
        return self.service.get_report(report_id) if report_id is not None else None

    def show_check(self) -> bool:
        return self._check(for_export=False)

    def _check(self, for_export: bool, go_on: str = "Vẫn xuất văn bản") -> bool:
        """The completeness dialog; True when the officer goes on (always for a clean report).
        `go_on`: the button that goes on, named after what follows (an export, the issuing)."""
        from ..domain.completeness import Severity
        from ..services.chain import pre_print_check
        from .dialogs import CompletenessDialog
        report = self._current_report()
        if report is None:
            return False
        issues = pre_print_check(self.service, report)  # with the earlier limitations (chain)
        if for_export and not any(i.severity is Severity.WARNING for i in issues):
            return True
        dialog = CompletenessDialog(issues, for_export, self, go_on)
        dialog.jump.connect(lambda target: self.jump_to(report.id, target))
        return bool(dialog.exec()) if for_export else (dialog.exec() or False)

    def jump_to(self, report_id: int, issue) -> None:
        from .check_jump import go_to
        if self.ctx is None or self.ctx.report_id != report_id:
            self.open_report(report_id)
        go_to(self.editor, issue)   # its section, limitation, measure row or the document's fields

    def preview(self) -> None:
        from .preview import PreviewDialog
        report = self._current_report()
        if report is not None:
            PreviewDialog(self.service, report.id, self).exec()

    def print_report(self) -> None:
        from PySide6.QtPrintSupport import QPrintDialog
        from ..services.files import OutputError
        from .preview import a4_printer, print_report
        report = self._current_report()
        if report is None:
            return
        printer = a4_printer()
        if QPrintDialog(printer, self).exec():
            try:
                print_report(self.service, report.id, printer)
            except OutputError as exc:
                messages.warn(self, str(exc))

    def _ask_path(self, report: Report, suffix: str, caption: str, filters: str) -> Path | None:
        from ..services.export import default_docx_name
        folder = self.settings.value("export/last_dir", str(Path.home()))
        name = default_docx_name(report)
        name = name[:-5] + suffix if name.endswith(".docx") else name
        path, _ = file_dialogs.save_file_name(self, caption, str(Path(folder) / name), filters)
        if not path:
            return None
        self.settings.setValue("export/last_dir", str(Path(path).parent))
        return Path(path)

    def export_docx(self) -> Path | None:
        report = self._current_report()
        if report is None or not self._check(for_export=True):
            return None
        path = self._ask_path(report, ".docx", "Xuất văn bản Word", "Văn bản Word (*.docx)")
        if path is None:
            return None
        try:
            written = self.service.export_docx(report.id, path)
        except ServiceError as exc:
            messages.warn(self, str(exc))
            return None
        self._offer_folder(written)
        return written

    def export_pdf(self) -> Path | None:
        from ..services.files import OutputError
        from .preview import export_pdf
        report = self._current_report()
        if report is None or not self._check(for_export=True):
            return None
        path = self._ask_path(report, ".pdf", "Xuất văn bản PDF", "Tệp PDF (*.pdf)")
        if path is None:
            return None
        try:
            written = export_pdf(self.service, report.id, path)
        except OutputError as exc:
            messages.warn(self, str(exc))
            return None
        self._offer_folder(written)
        return written

    def _offer_folder(self, path: Path) -> None:
        self.statusBar().showMessage(f"Đã xuất {path}", 8000)
        if messages.confirm(self, f"Đã xuất văn bản:\n{path}\n\nMở thư mục chứa tệp?", yes="Mở thư mục", no="Đóng"):
            from PySide6.QtCore import QUrl   # (not at the top: classes made only when used, after the first paint)
            from PySide6.QtGui import QDesktopServices
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(path.parent)))

    # --- unit, database, about ---------------------------------------------------------------------
    def edit_unit(self) -> None:
        from .unit_dialog import UnitProfileDialog
        unit = self.service.default_unit()
        if UnitProfileDialog(self.service, unit.id if unit else None, self).exec():
            self.start.refresh_filters()
            self.start.refresh_reports()
            from .unit_setup import offer_unit_setup
            offer_unit_setup(self, self.ctx.report().unit_id if self.ctx is not None else None)

    def choose_database(self) -> None:
        path, _ = file_dialogs.open_file_name(self, "Mở cơ sở dữ liệu", str(self.service.db.path.parent),
                                              "Cơ sở dữ liệu Tự Đánh Giá (*.sqlite *.db);;Mọi tệp (*)")
        if path:
            self.open_database_requested(path)

    def create_database(self) -> None:
        """An empty database, opened in place of the current one: the way out of the sample copy
        chosen on the first run (which the next start would reopen)."""
        from ..services import ReportService
        from ..store import DatabaseError
        paths = self.paths or AppPaths.default()
        suggested = paths.database if not paths.database.exists() else paths.data_dir / "tudanhgia-moi.sqlite"
        path, _ = file_dialogs.save_file_name(self, "Tạo cơ sở dữ liệu mới", str(suggested),
                                              "Cơ sở dữ liệu Tự Đánh Giá (*.sqlite)")
        if not path:
            return
        target = Path(path) if Path(path).suffix else Path(path + ".sqlite")
        if target.exists():  # never write over existing data, whatever the file dialog allowed
            messages.warn(self, f"Tệp “{target.name}” đã có. Hãy chọn tên khác, hoặc dùng “Mở cơ sở dữ liệu "
                                "khác…” để mở tệp đó.")
            return
        try:
            ReportService.open(target, self.paths, create=True).close()
        except DatabaseError as exc:
            messages.error(self, str(exc))
            return
        except OSError:
            logging.getLogger("tudanhgia.ui").exception("creating %s failed", target)
            messages.error(self, f"Không tạo được tệp “{target.name}”: thư mục “{target.parent}” không tồn tại "
                                 "hoặc không cho phép ghi.")
            return
        self.open_database_requested(str(target))

    def open_database_requested(self, path: str) -> None:
        from ..services import ReportService
        from ..paths import write_problem
        from ..store import DatabaseError
        from .app import WINDOW_BUSY_TIMEOUT_MS
        if Path(path).resolve() == Path(self.db_path).resolve():
            return  # already open here (and locked by this window)
        lock = lock_database(path, self.paths or AppPaths.default())
        in_use = ""
        if lock is None:  # another window edits it: show it read-only, if the officer wants
            if not offer_read_only(self, path):
                return
            lock, in_use = DatabaseLock(Path(path), None), IN_USE_REASON
        try:
            service = ReportService.open(path, self.paths, create=False, busy_timeout_ms=WINDOW_BUSY_TIMEOUT_MS)
        except DatabaseError as exc:
            from .backups import offer_backup_for
            lock.unlock()  # a damaged file is renamed aside: no handle of ours may keep it open (Windows)
            if offer_backup_for(exc, path, self, self.paths, replace=not in_use):  # the refusal, or a backup in place
                self.open_database_requested(path)
            return
        if not self.close_report():
            service.close()
            lock.unlock()
            return
        if self.db_lock is not None:
            self.db_lock.unlock()
        self.db_lock = lock
        old, self.service = self.service, service
        self.start.service = service
        self.db_path = service.db.path
        self.set_read_only(write_problem(self.db_path))
        remember_database(self.settings, self.db_path)  # the next start reopens it
        self.backups.watch(service)
        old.close()
        from .spell_check import forget
        forget(old)   # the old database's words and spelling worker go with it
        self.stack.setCurrentWidget(self.start)
        self.start.refresh_filters()
        self.start.refresh_reports()
        self._update_state()
        if in_use:
            self.set_read_only(in_use)

    def open_log_folder(self) -> None:
        if self.paths is not None:
            self.paths.log_dir.mkdir(parents=True, exist_ok=True)
            from PySide6.QtCore import QUrl
            from PySide6.QtGui import QDesktopServices
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.paths.log_dir)))

    def show_about(self) -> None:
        from .about import AboutDialog
        paths = self.paths or AppPaths.default()
        AboutDialog(paths, self.db_path, self).exec()

    def closeEvent(self, event) -> None:
        if self.editor is not None:
            # everything typed is written already (no "save?" question) — unless the database
            # refuses it: then the officer keeps it (another file) or stays
            if not self.session_ending and not self._keep_unsaved():
                event.ignore()
                return
            self.ctx.undo_stack.blockSignals(True)
        self.settings.setValue("main/geometry", self.saveGeometry())
        self.settings.setValue("main/state", self.saveState())
        self.settings.setValue("main/splitter", self.start.splitter.saveState())
        super().closeEvent(event)
