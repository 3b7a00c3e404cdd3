"""Dialogs of issue 15: the report's document standard, the tone-mark normalisation with a preview
of every word it changes (applied only when the officer accepts), and the task table of a civil
servant's quarterly or monthly self-evaluation (Nghị định 335/2025/NĐ-CP) with its points computed
as figures are typed. Each writes through the services, then the open report follows."""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QAbstractItemView, QButtonGroup, QDialog, QDialogButtonBox, QHBoxLayout, QHeaderView,
                               QLabel, QPushButton, QRadioButton, QSpinBox, QTableWidget, QTableWidgetItem,
                               QVBoxLayout, QWidget)

from . import messages
from ..domain.numbers import number_text
from ..domain.tasks import Task, TaskScoring, task_points, tasks_points
from ..errors import ServiceError
from ..services import standards as std
from ..services.tasks import set_tasks, tasks_section

if TYPE_CHECKING:
    from .main_window import MainWindow


def _buttons(ok_text: str) -> QDialogButtonBox:
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    box.button(QDialogButtonBox.StandardButton.Ok).setText(ok_text)
    box.button(QDialogButtonBox.StandardButton.Cancel).setText("Hủy")
    return box


def _follow(w: MainWindow, report_id: int) -> None:
    """The open report (if it is this one) shows what was written; the list too."""
    if w.ctx is not None and w.ctx.report_id == report_id:
        w.ctx.reload_from_store()
    w.start.refresh_reports()


def _as_undo_step(w: MainWindow, report_id: int, text: str, redo, undo) -> None:
    """What a dialog has just stored becomes one step of Hoàn tác / Làm lại of the open report
    (`redo` writes it again, idempotent; `undo` writes back what was there); the list follows."""
    if w.ctx is not None and w.ctx.report_id == report_id:
        w.ctx.run(text, redo, undo)
    else:
        _follow(w, report_id)
    w.start.refresh_reports()


# --- the document standard ----------------------------------------------------------------------------
class StandardDialog(QDialog):
    """Choose the report's standard: its unit's (named) or one of its own."""

    def __init__(self, service, report_id: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Thể thức văn bản")
        self.service, self.report_id = service, report_id
        report = service.get_report(report_id)
        unit = service.get_unit(report.unit_id) if report.unit_id is not None else None
        layout = QVBoxLayout(self)
        intro = QLabel(f"Báo cáo “{report.title}” được xuất, in và kiểm tra theo thể thức:")
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.issued_note = QLabel()   # issue 17: the standard's values kept when the report was issued
        if report.issued_standard is not None:
            self.issued_note.setText("Báo cáo in theo thể thức với các thông số như lúc ban hành (không đổi theo "
                                     "đơn vị hay tệp thể thức sửa sau đó). Khi báo cáo không còn khóa, bấm "
                                     "“Áp dụng” để in theo tệp thể thức hiện tại.")
            self.issued_note.setWordWrap(True)
            self.issued_note.setStyleSheet("color: #7a4a00;")
            layout.addWidget(self.issued_note)
        self.group = QButtonGroup(self)
        self.choices: dict[str, QRadioButton] = {}
        unit_name = std.unit_standard(unit).standard_name
        self.choices[""] = QRadioButton(f"Theo hồ sơ đơn vị ({unit_name})")
        for st in std.all_standards():
            self.choices[st.standard_id] = QRadioButton(st.standard_name)
        for button in self.choices.values():
            self.group.addButton(button)
            layout.addWidget(button)
            button.toggled.connect(self._describe)
        self.description = QLabel()
        self.description.setWordWrap(True)
        self.description.setStyleSheet("color: #444444;")
        layout.addWidget(self.description)
        self.choices.get(report.document_standard, self.choices[""]).setChecked(True)
        self._describe()
        layout.addStretch(1)
        buttons = _buttons("Áp dụng")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(560, 360)

    def chosen(self) -> str:
        return next(sid for sid, b in self.choices.items() if b.isChecked())

    def _describe(self, *_args) -> None:
        sid = self.chosen() if any(b.isChecked() for b in self.choices.values()) else ""
        if not sid:
            self.description.setText("Khi đơn vị đổi thể thức trong “Hồ sơ đơn vị”, báo cáo này đổi theo.")
            return
        self.description.setText(std.description(sid))

    def accept(self) -> None:
        try:
            std.set_report_standard(self.service, self.report_id, self.chosen())
        except ServiceError as exc:
            messages.warn(self, str(exc))
            return
        super().accept()


def choose_standard(w: MainWindow, report_id: int) -> None:
    old = w.service.get_report(report_id).document_standard
    dialog = StandardDialog(w.service, report_id, w)
    if dialog.exec():
        new = dialog.chosen()
        _as_undo_step(w, report_id, "Đổi thể thức văn bản", lambda: std.set_report_standard(w.service, report_id, new),
                      lambda: std.set_report_standard(w.service, report_id, old))
        report = w.service.get_report(report_id)
        w.statusBar().showMessage(f"Thể thức văn bản: {std.standard_of(report).standard_name}", 6000)


# --- tone marks ------------------------------------------------------------------------------------------
class ToneDialog(QDialog):
    """Every word the normalisation would change, where it stands; "Sửa tất cả" applies them."""

    def __init__(self, report, changes: list[std.ToneChange], parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Chuẩn hóa kiểu bỏ dấu")
        style = std.standard_of(report)
        words = std.PLACEMENT_WORDS.get(style.tone_marks, style.tone_marks)
        layout = QVBoxLayout(self)
        head = QLabel(f"Thể thức {style.standard_name} viết dấu thanh {words}. "
                      f"{len(changes)} từ trong báo cáo viết khác; xem lại trước khi sửa:")
        head.setWordWrap(True)
        layout.addWidget(head)
        self.table = QTableWidget(len(changes), 3)
        self.table.setHorizontalHeaderLabels(["Vị trí", "Đang viết", "Sửa thành"])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        for row, c in enumerate(changes):
            for col, text in enumerate((c.where, c.word, c.replacement)):
                self.table.setItem(row, col, QTableWidgetItem(text))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for col in (1, 2):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        layout.addWidget(self.table, 1)
        buttons = _buttons(f"Sửa {len(changes)} từ")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(680, 420)


def normalise_tone(w: MainWindow, report_id: int) -> None:
    report = w.service.get_report(report_id)
    style = std.standard_of(report)
    changes = std.tone_changes(report, style.tone_marks)
    if not changes:
        words = std.PLACEMENT_WORDS.get(style.tone_marks, style.tone_marks)
        messages.info(w, f"Mọi từ trong báo cáo đã viết dấu thanh {words}, đúng thể thức {style.standard_name}.")
        return
    if not ToneDialog(report, changes, w).exec():
        return
    ctx = w.ctx if w.ctx is not None and w.ctx.report_id == report_id else None
    if ctx is not None:   # the open report: one step of Hoàn tác / Làm lại, as in a word processor
        def do() -> None:
            std.write_texts(w.service, std.converted(report, style.tone_marks), w.service.get_report(report_id))

        def undo() -> None:
            std.write_texts(w.service, report, w.service.get_report(report_id))
        if not ctx.run("Chuẩn hóa kiểu bỏ dấu", do, undo):
            return
    else:
        try:
            std.normalise_tone(w.service, report_id, style.tone_marks)
        except ServiceError as exc:
            messages.warn(w, str(exc))
            return
        _follow(w, report_id)
    w.statusBar().showMessage(f"Đã sửa {len(changes)} từ theo kiểu bỏ dấu của thể thức.", 6000)


# --- tasks (Nghị định 335/2025) ------------------------------------------------------------------------------
COLUMNS = ["Nhiệm vụ, sản phẩm", "Được giao", "Hoàn thành", "Lỗi lớn", "Chậm tiến độ", "Điểm"]
NAME, PLANNED, DONE, ERRORS, DELAYS, POINTS = range(6)


class TasksDialog(QDialog):
    """The period's tasks: names typed, counts in spin boxes, each task's points and the total
    computed at once; "Lưu" stores them and writes the tasks section's score."""

    def __init__(self, service, report_id: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Bảng nhiệm vụ")
        self.service, self.report_id = service, report_id
        self.weights: list[float] = []   # each row's weight (kept as stored; not edited here)
        report = service.get_report(report_id)
        self.scoring = report.task_scoring or TaskScoring()
        layout = QVBoxLayout(self)
        note = QLabel("Mỗi dòng một nhiệm vụ, sản phẩm được giao trong kỳ. Điểm kết quả thực hiện nhiệm vụ "
                      f"(tối đa {number_text(self.scoring.max_points)}) được tự tính: mỗi lỗi lớn trừ "
                      f"{number_text(self.scoring.penalty * 100)}% điểm chất lượng, mỗi sản phẩm chậm trừ "
                      f"{number_text(self.scoring.penalty * 100)}% điểm tiến độ của sản phẩm đó.")
        note.setWordWrap(True)
        layout.addWidget(note)
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(NAME, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.table, 1)
        row_buttons = QHBoxLayout()
        self.add_button = QPushButton("Thêm nhiệm vụ")
        self.remove_button = QPushButton("Xóa dòng đang chọn")
        self.add_button.clicked.connect(lambda: self.add_row(Task("", 1, 1)))
        self.remove_button.clicked.connect(self.remove_row)
        row_buttons.addWidget(self.add_button)
        row_buttons.addWidget(self.remove_button)
        row_buttons.addStretch(1)
        self.total = QLabel()
        row_buttons.addWidget(self.total)
        layout.addLayout(row_buttons)
        buttons = _buttons("Lưu")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        for t in report.tasks:
            self.add_row(t)
        self._recompute()
        self.resize(860, 420)

    def _spin(self, value: int, minimum: int = 0) -> QSpinBox:
        box = QSpinBox()
        box.setRange(minimum, 100000)
        box.setValue(value)
        box.valueChanged.connect(self._recompute)
        return box

    def add_row(self, task: Task) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        self.table.setItem(row, NAME, QTableWidgetItem(task.name))
        for col, value, minimum in ((PLANNED, task.planned, 1), (DONE, task.done, 0), (ERRORS, task.major_errors, 0),
                                    (DELAYS, task.delays, 0)):
            self.table.setCellWidget(row, col, self._spin(value, minimum))
        points = QTableWidgetItem()
        points.setFlags(Qt.ItemFlag.ItemIsEnabled)   # computed, never typed
        points.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.table.setItem(row, POINTS, points)
        self.weights.append(task.weight)
        self._recompute()
        if not task.name:
            self.table.setCurrentCell(row, NAME)
            self.table.editItem(self.table.item(row, NAME))

    def remove_row(self) -> None:
        row = self.table.currentRow()
        if row >= 0:
            self.table.removeRow(row)
            del self.weights[row]
            self._recompute()

    def tasks(self) -> list[Task]:
        out = []
        for row in range(self.table.rowCount()):
            def n(col: int, row: int = row) -> int:
                return self.table.cellWidget(row, col).value()
            item = self.table.item(row, NAME)
            out.append(Task(item.text() if item else "", n(PLANNED), n(DONE), n(ERRORS), n(DELAYS), self.weights[row]))
        return out

    def _recompute(self, *_args) -> None:
        if self.table.rowCount() != len(self.weights):
            return   # a row being added
        tasks = self.tasks()
        for row, t in enumerate(tasks):
            problems = t.problems()
            item = self.table.item(row, POINTS)
            item.setText(number_text(task_points(t, tasks, self.scoring)) if not problems or problems == [
                "chưa có tên nhiệm vụ"] else "?")
            item.setToolTip("; ".join(problems))
        total = tasks_points(tasks, self.scoring)
        self.total.setText(f"Điểm kết quả thực hiện nhiệm vụ: <b>{'…' if total is None else number_text(total)}"
                           f"/{number_text(self.scoring.max_points)}</b>")

    def accept(self) -> None:
        try:
            set_tasks(self.service, self.report_id, self.tasks())
        except ServiceError as exc:
            messages.warn(self, str(exc))
            return
        super().accept()


def tally_forms(w: MainWindow, report_id: int) -> None:
    """Count the appendix from the forms and write it as one step of Hoàn tác / Làm lại (the
    figures it replaces come back with Ctrl+Z); a kept appendix table is left as it is."""
    import copy

    from ..services.tasks import count_forms
    svc = w.service
    try:
        report = svc.get_report(report_id)
        n, counted = count_forms(svc, report_id)
    except ServiceError as exc:
        messages.info(w, f"{exc} Dùng cho báo cáo tổng hợp đánh giá công chức theo quý, tháng.")
        return
    old = copy.deepcopy(report.indicators)
    do = lambda: svc.set_indicators(report_id, copy.deepcopy(counted), old)  # noqa: E731
    undo = lambda: svc.set_indicators(report_id, copy.deepcopy(old), counted)  # noqa: E731
    if w.ctx is not None and w.ctx.report_id == report_id:
        if not w.ctx.run("Tổng hợp từ phiếu cá nhân", do, undo):
            return   # refused: the context said why
        w.start.refresh_reports()
    else:
        try:
            do()
        except ServiceError as exc:
            messages.warn(w, str(exc))
            return
        _follow(w, report_id)
    kept = " Bảng phụ lục đã nhập giữ nguyên; số liệu tổng hợp in sau bảng đó." \
        if report.appendix_table is not None else ""
    w.statusBar().showMessage(f"Đã tổng hợp phụ lục số liệu từ {n} phiếu tự đánh giá cùng kỳ.{kept}", 8000)


def edit_tasks(w: MainWindow, report_id: int) -> None:
    report = w.service.get_report(report_id)
    if tasks_section(report) is None or report.task_scoring is None:
        messages.info(w, f"Loại báo cáo “{report.kind_name}” không có bảng nhiệm vụ. Bảng nhiệm vụ dùng cho phiếu "
                         "tự đánh giá công chức theo quý, tháng (Nghị định 335/2025/NĐ-CP).")
        return
    dialog = TasksDialog(w.service, report_id, w)
    if dialog.exec():
        old, new = report.tasks, dialog.tasks()
        _as_undo_step(w, report_id, "Sửa bảng nhiệm vụ", lambda: set_tasks(w.service, report_id, new),
                      lambda: set_tasks(w.service, report_id, old))
