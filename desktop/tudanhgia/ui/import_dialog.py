"""Nhập báo cáo có sẵn: the file read on a worker thread behind a progress dialog with Hủy (the
window never freezes, a hostile file is refused there), then the detected outline beside the
source text; the officer fixes levels or the kind, confirms, and the report is saved like any
other — on the window's thread, through the service."""
from __future__ import annotations

import html
import logging
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor, QTextDocument
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDialog, QDialogButtonBox, QGridLayout, QHBoxLayout, QLabel,
                               QListWidget, QListWidgetItem, QPlainTextEdit, QProgressBar, QPushButton, QSplitter,
                               QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget)

from ..domain.model import Report, Section
from ..domain.names import section_name
from ..errors import ServiceError
from . import messages
from .thread_results import ThreadResults
from .unit_dialog import add_unit, fill_unit_combo, new_unit_button
from .window_layout import fit_size

ROLE = Qt.ItemDataRole.UserRole
log = logging.getLogger("tudanhgia.import")


# --- reading off the window's thread ------------------------------------------------------------------
_STACK = 16 * 1024 * 1024   # the readers recurse over nested XML; Windows gives a thread 1 MB
_POLL_MS = 30


class _Cancelled(Exception):
    """Raised inside the job by its progress callback once the officer pressed Hủy."""


class ProgressDialog(QDialog):
    """A modal progress bar with Hủy over a job on a worker thread. `run()` returns the job's
    result, None if the officer cancelled, or raises ServiceError with the job's message.

    `work(progress)` must be pure: no database, no widgets. The worker touches no Qt object at all:
    it puts its progress and its answer in a ThreadResults queue the dialog's timer empties, as the
    program's other workers do (the QThread signalling into this dialog it replaces was the one
    cross-thread signal left, and a faster CI machine crashed in the import tests after it)."""

    def __init__(self, parent, title: str, label: str, work: Callable, cancelled: tuple = ()):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setModal(True)
        self.setMinimumWidth(460)
        self.label = QLabel(label, wordWrap=True)
        self.bar = QProgressBar()
        self.bar.setRange(0, 100)
        self.cancel_button = QPushButton("Hủy")
        self.cancel_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        note = QLabel("Chưa có gì được lưu; bấm Hủy để dừng.")
        note.setStyleSheet("color: palette(mid);")
        layout = QVBoxLayout(self)
        layout.addWidget(self.label)
        layout.addWidget(self.bar)
        layout.addWidget(note)
        layout.addLayout(buttons)
        self.result_value: Any = None
        self.error: str | None = None
        self.stop = threading.Event()
        self._work, self._cancelled = work, cancelled
        self._shown = -1
        self._thread: threading.Thread | None = None
        self._answers = ThreadResults(self, lambda: self._thread is not None and self._thread.is_alive(), _POLL_MS)
        self._answers.arrived.connect(self._arrived)
        self._done = False

    # --- on the worker thread: no Qt here
    def _progress(self, fraction: float) -> None:
        if self.stop.is_set():
            raise _Cancelled
        percent = int(fraction * 100)
        if percent != self._shown:     # one answer a percent, not one a chunk
            self._shown = percent
            self._answers.put(("progress", percent))

    def _run(self) -> None:
        try:
            result = self._work(self._progress)
        except (_Cancelled, *self._cancelled):
            self._answers.put(("stopped", None))
        except ServiceError as exc:
            self._answers.put(("failed", str(exc)))
        except Exception:   # a reader's bug: the officer gets a sentence, the log the traceback
            log.exception("import failed")
            self._answers.put(("failed", "Không đọc được tệp do một lỗi không mong đợi của chương trình; chi tiết "
                                         "đã được ghi vào nhật ký. Không có gì bị thay đổi."))
        else:
            self._answers.put(("done", result))

    # --- on the window's thread
    def run(self) -> Any:
        before = threading.stack_size(_STACK)
        try:
            self._thread = threading.Thread(target=self._run, name="read-file", daemon=True)
            self._thread.start()
        finally:
            threading.stack_size(before)
        self._answers.expect()
        self.exec()
        self._thread.join()
        if self.error is not None:
            raise ServiceError(self.error)
        return self.result_value

    def _arrived(self, answer: tuple[str, Any]) -> None:
        what, value = answer
        if what == "progress":
            self.bar.setValue(value)
            return
        if what == "done":
            self.result_value = value
        elif what == "failed":
            self.error = value
        self._done = True
        super().accept() if self.error is None and self.result_value is not None else super().reject()

    def reject(self) -> None:
        """Hủy, Esc or the close box: ask the job to stop and close once it has (it stops at its
        next progress report, within a fraction of a second)."""
        if self._done:
            super().reject()
            return
        self.stop.set()
        self.label.setText("Đang dừng…")
        self.cancel_button.setEnabled(False)

    def closeEvent(self, event) -> None:
        if not self._done:
            event.ignore()
            self.reject()
        else:
            super().closeEvent(event)


def run_in_background(parent, title: str, label: str, work: Callable, cancelled: tuple = ()) -> Any:
    dialog = ProgressDialog(parent, title, label, work, cancelled)
    try:
        return dialog.run()
    finally:
        dialog.deleteLater()   # a child of the window: one per reading would pile up otherwise


def prepare_in_background(parent, service, path: str | Path):
    """The file read, checked and recognised off the window's thread; None if cancelled."""
    from ..services.importing import ImportCancelled, prepare
    kinds, path = service.kinds, Path(path)   # plain data from the service; the worker never touches it
    return run_in_background(parent, "Nhập báo cáo", f"Đang đọc và nhận dạng tệp {path.name}…",
                             lambda progress: prepare(kinds, path, progress=progress), (ImportCancelled,))


class ImportReviewDialog(QDialog):
    def __init__(self, service, path: str | Path, parent=None, prepared=None):
        super().__init__(parent)
        self.service = service
        self.path = Path(path)
        if prepared is None:   # read here, on this thread (the window reads through prepare_in_background)
            from ..services.importing import prepare
            prepared = prepare(service.kinds, self.path)   # ImportFailure propagates: the caller shows it
        self.document = prepared.document
        self.result = prepared.result
        self.saved: Report | None = None
        self.setWindowTitle(f"Nhập báo cáo — {self.path.name}")
        fit_size(self, 1300, 720)

        self.source = QPlainTextEdit(readOnly=True)
        self.source.setPlainText("\n".join(ln.text for ln in self.document.lines))
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels(["Dàn ý nhận được", "Tự đánh giá"])
        self.tree.setColumnWidth(0, 480)
        self.tree.currentItemChanged.connect(self._show_in_source)

        self.kind = QComboBox()
        self.kind.addItem("Tự nhận dạng", None)
        for k in service.kinds.all():
            self.kind.addItem(k.label, k.id)
        self.kind.currentIndexChanged.connect(self.recognise)
        self.unit = QComboBox()
        self.unit.setMinimumContentsLength(24)
        fill_unit_combo(self.unit, service)
        self.new_unit_button = new_unit_button("Tạo hồ sơ một đơn vị mới, bắt đầu từ phần đầu của văn bản nhập "
                                               "(cơ quan chủ quản, cơ quan ban hành, địa danh, người ký)")
        self.new_unit_button.clicked.connect(self.add_unit)
        self.summary = QLabel(wordWrap=True)
        # source paragraphs not found whole in the report (issue 14 point 7): a click shows it
        self.missed = QListWidget()
        self.missed.setMaximumHeight(110)
        self.missed.currentItemChanged.connect(self._show_missed)
        # the appendix's "(Kèm theo …)" line is kept as the officer wrote it unless they choose this
        self.regenerate = QCheckBox("Tạo lại dòng “(Kèm theo …)” của phụ lục theo số, ngày của báo cáo")

        up = QPushButton("Lên một cấp")
        up.setToolTip("Đưa mục ra ngang cấp với mục cha của nó")
        up.clicked.connect(self.outdent)
        down = QPushButton("Xuống một cấp")
        down.setToolTip("Biến mục thành mục con của mục ngay trên nó")
        down.clicked.connect(self.indent)
        tools = QHBoxLayout()
        tools.addWidget(up)
        tools.addWidget(down)
        tools.addStretch(1)

        right = QWidget()
        rv = QVBoxLayout(right)
        # the kind and the unit one row each: a unit's name and the button are never cut short
        form = QGridLayout()
        form.addWidget(QLabel("Loại báo cáo:"), 0, 0)
        form.addWidget(self.kind, 0, 1, 1, 2)
        form.addWidget(QLabel("Đơn vị:"), 1, 0)
        form.addWidget(self.unit, 1, 1)
        form.addWidget(self.new_unit_button, 1, 2)
        form.setColumnStretch(1, 1)
        rv.addLayout(form)
        rv.addWidget(self.summary)
        rv.addWidget(self.missed)
        rv.addWidget(self.regenerate)
        rv.addWidget(self.tree, 1)
        rv.addLayout(tools)
        left = QWidget()
        lv = QVBoxLayout(left)
        lv.addWidget(QLabel(f"<b>Văn bản gốc</b> ({len(self.document.lines)} đoạn)"))
        lv.addWidget(self.source, 1)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setSizes([560, 740])

        buttons = QDialogButtonBox()
        self.ok = buttons.addButton("Nhập báo cáo", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton("Hủy", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addWidget(buttons)
        self.refresh()

    # --- recognition ---------------------------------------------------------------------------
    def recognise(self) -> None:
        from ..services.importing import recognise
        self.result = recognise(self.service, self.document, self.kind.currentData())
        self.refresh()

    def refresh(self, select: Section | None = None) -> None:
        report, result = self.result.report, self.result
        numbers = report.numbering()
        self.tree.clear()
        chosen = None

        def add(sections, owner):
            nonlocal chosen
            for s in sections:
                head = section_name(s, 80)
                item = QTreeWidgetItem(owner, [f"{numbers[s]} {head}".strip(),
                                               s.rating.label if s.rating else ("chưa đánh dấu" if s.rating_scale
                                                                                else "")])
                item.setData(0, ROLE, id(s))
                item.setToolTip(0, head)
                if s is select:
                    chosen = item
                add(s.children, item)

        add(report.sections, self.tree)
        self.tree.expandAll()
        if chosen is not None:
            self.tree.setCurrentItem(chosen)
        parts = [f"Loại: <b>{result.kind.label}</b> — {result.matched}/{len(result.kind.sections)} mục của mẫu "
                 f"được nhận ra; {sum(1 for _ in report.walk())} mục; {len(report.limitations)} hạn chế, "
                 f"{len(report.all_measures())} biện pháp."]
        from ..services.importing import score_text
        parts.append("Loại gần nhất: " + "; ".join(f"{html.escape(k.name)} ({score_text(score)})"
                                                    for k, score in result.candidates))
        if report.appendix_table is not None:   # printed back as written, edited in "Phụ lục số liệu"
            parts.append(f"Phụ lục: bảng {len(report.appendix_table.rows)} dòng được giữ nguyên")
        coverage = result.coverage
        if coverage is not None:
            said = coverage.summary()
            parts.append(said if coverage.complete else f"<b>{said}</b>")
        parts += [html.escape(n) for n in result.notes]
        self.summary.setText("<br>".join(parts))
        self.missed.clear()
        for m, line in zip(coverage.missed if coverage else [], coverage.lines() if coverage else [], strict=True):
            item = QListWidgetItem(line)
            item.setData(ROLE, m.number)
            self.missed.addItem(item)
        self.missed.setVisible(self.missed.count() > 0)
        self.regenerate.setVisible(bool(report.appendix_attached))
        self.regenerate.setToolTip(report.appendix_attached)

    def _show_missed(self, item, _previous) -> None:
        """The missed paragraph selected in the source text (shown one paragraph a line)."""
        if item is None:
            return
        start = 0
        for ln in self.document.lines:
            if ln.number == item.data(ROLE):
                cursor = self.source.textCursor()
                cursor.setPosition(start)
                cursor.setPosition(start + len(ln.text), QTextCursor.MoveMode.KeepAnchor)
                self.source.setTextCursor(cursor)
                self.source.centerCursor()
                return
            start += len(ln.text) + 1

    def _section(self, item: QTreeWidgetItem | None) -> Section | None:
        if item is None:
            return None
        key = item.data(0, ROLE)
        return next((s for s in self.result.report.walk() if id(s) == key), None)

    def _show_in_source(self, item, _previous) -> None:
        s = self._section(item)
        if s is None:
            return
        needle = section_name(s, 60, ellipsis="")  # searched for in the source: no "…"
        if not needle:
            return
        cursor = self.source.document().find(needle, 0, QTextDocument.FindFlag(0))
        if not cursor.isNull():
            self.source.setTextCursor(cursor)
            self.source.centerCursor()
        else:
            self.source.moveCursor(QTextCursor.MoveOperation.Start)

    # --- fixing levels ----------------------------------------------------------------------------
    def indent(self) -> None:
        report, s = self.result.report, self._section(self.tree.currentItem())
        if s is None:
            return
        siblings = report.siblings_of(s)
        i = siblings.index(s)
        if i == 0:
            messages.info(self, "Mục đầu tiên của một cấp không thể xuống cấp: không có mục nào ở trên để làm mục cha.")
            return
        siblings.pop(i)
        siblings[i - 1].children.append(s)
        self.refresh(s)

    def outdent(self) -> None:
        report, s = self.result.report, self._section(self.tree.currentItem())
        if s is None:
            return
        parent = report.parent_of(s)
        if parent is None:
            messages.info(self, "Mục này đã ở cấp cao nhất.")
            return
        parent.children.remove(s)
        outer = report.siblings_of(parent)
        outer.insert(outer.index(parent) + 1, s)
        self.refresh(s)

    # --- the unit ------------------------------------------------------------------------------
    def add_unit(self) -> None:
        """A unit made here, from what the document's header says (the officer completes it)."""
        from ..services.importing import unit_from_report
        unit = add_unit(self.service, self, unit_from_report("", self.result.report))
        if unit is not None:
            fill_unit_combo(self.unit, self.service, unit.id)

    # --- saving --------------------------------------------------------------------------------
    def accept(self) -> None:
        from ..services.importing import check_before_saving, restore_kept_fields
        report = self.result.report
        if self.regenerate.isChecked():
            report.appendix_attached = ""
        unit_id = self.unit.currentData()
        if unit_id is not None:
            unit = self.service.get_unit(unit_id)
            report.unit_id, report.unit_name = unit.id, unit.name
        try:
            check_before_saving(report, self.path.name)   # the outline as the officer left it
            # what an exported file carries beyond its print (causes apart, links, measures' dates)
            self.result.notes += restore_kept_fields(report, self.path)
            self.saved = self.service.add_report(report)
        except ServiceError as exc:
            messages.warn(self, str(exc))
            return
        super().accept()
