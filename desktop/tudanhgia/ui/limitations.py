"""The report's limitations (hạn chế, khuyết điểm) with their causes and remediation measures,
and the general measures listed in the report's "measures" sections.

Typing is saved after a pause (or at `flush()`) as one undoable command per pause; list
operations are undoable commands too. Rich formatting of a stored text survives as long as its
words are not changed: only a field whose text differs is rewritten, as plain paragraphs."""
from __future__ import annotations

import dataclasses

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (QComboBox, QGridLayout, QHBoxLayout, QLabel, QLineEdit, QListWidget,
                               QListWidgetItem, QPlainTextEdit, QSizePolicy, QSplitter, QStackedWidget,
                               QTabWidget, QVBoxLayout, QWidget)

from ..domain.model import ContentKind, Limitation, Report
from ..domain.numbering import letter
from ..domain.period import Period
from ..domain.richtext import RichText, clean_text
from . import commands, messages
from . import spell_check
from ..domain.changes import Changes
from .context import EditorContext
from .measures import MeasuresTable, text_button

ROLE_ID = Qt.ItemDataRole.UserRole
RICH_FIELDS = ("text", "cause_subjective", "cause_objective")
NO_SECTION = "— không —"
NO_SECTION_ID = -1   # not None: reading a None item data back loses a reference in PySide6 6.12
LIST_TEXT_CHARS = 160
SECTION_TEXT_CHARS = 90
ORIGIN_HELP = "Kỳ nêu ra hạn chế lần đầu: 2022, 2022-H1 (6 tháng đầu năm), Quý III/2022, Tháng 3/2026…"
INVALID_STYLE = "QLineEdit { border: 1px solid #c62828; background: #fff4f4; }"
_UNCHANGED = object()
_INVALID = object()


def _short(text: str, n: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"


def _rich_matches(typed: str, stored: RichText) -> bool:
    """Whether the typed text says what is stored (then the stored runs are kept)."""
    typed = clean_text(typed)
    return typed == stored.plain or RichText.from_plain(typed) == stored


def _origin_text(period: Period | None) -> str:
    """A limitation's period as officers write it: 2022, Quý I/2026, Tháng 3/2026 (a half year
    keeps its short code, 2024-H1: its words do not fit the field)."""
    if period is None:
        return ""
    if period.quarter or period.month:
        return period.title_label
    return period.code


def _parse_origin(text: str) -> Period | None:
    t = " ".join(text.split())
    return Period.parse(t) if t else None


class LimitationsPanel(QWidget):
    """Hạn chế, khuyết điểm và biện pháp khắc phục: the report's limitations, each with its causes
    and measures, and (second tab) the general measures of each "measures" section."""

    section_requested = Signal(int)   # "Đến mục ▸": the section the limitation concerns (ui/limitation_links.py)

    def __init__(self, ctx: EditorContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self._current_id: int | None = None
        self._current_row = -1
        self._dirty: set[str] = set()
        self._loading = False
        self._general_ids: list[int] = []
        self._section_items: list[tuple[int | None, int, str]] | None = None
        self.general_tables: list[MeasuresTable] = []
        self.autosave = ctx.saves.register("limitations", self.flush, owner=self, unsaved=self._unsaved)
        self._build()
        ctx.changed.connect(self._on_changed)
        self.reload()

    # --- construction ----------------------------------------------------------------------------------
    def _build(self) -> None:
        heading = QLabel("Hạn chế, khuyết điểm và biện pháp khắc phục")
        font = heading.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.2)
        heading.setFont(font)

        self.tabs = QTabWidget()
        self.tabs.addTab(self._build_limitations_tab(), "Hạn chế, khuyết điểm")
        self.tabs.addTab(self._build_general_tab(), "Nhiệm vụ, biện pháp chung")

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.setSpacing(4)
        layout.addWidget(heading)
        layout.addWidget(self.tabs, 1)

    def _build_limitations_tab(self) -> QWidget:
        # left: the lettered list and its buttons
        self.list = QListWidget()
        self.list.setWordWrap(True)
        self.list.setAlternatingRowColors(True)
        self.list.setSpacing(1)
        self.list.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.list.currentRowChanged.connect(self._on_current_row_changed)
        self.btn_add = text_button("Thêm", "Thêm một hạn chế, khuyết điểm vào cuối danh sách")
        self.btn_delete = text_button("Xóa", "Xóa hạn chế, khuyết điểm đang chọn cùng các biện pháp của nó "
                                             "(có thể hoàn tác)")
        self.btn_up = text_button("Lên", "Chuyển hạn chế, khuyết điểm đang chọn lên trên")
        self.btn_down = text_button("Xuống", "Chuyển hạn chế, khuyết điểm đang chọn xuống dưới")
        guard = self.ctx.saves.guard  # every button writes what was typed first
        self.btn_add.clicked.connect(guard(self.add_limitation))
        self.btn_delete.clicked.connect(guard(self.delete_limitation))
        self.btn_up.clicked.connect(guard(lambda: self.move_limitation(-1)))
        self.btn_down.clicked.connect(guard(lambda: self.move_limitation(+1)))
        buttons = QHBoxLayout()
        buttons.setSpacing(4)
        for b in (self.btn_add, self.btn_delete, self.btn_up, self.btn_down):
            b.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)  # share the list's width
            buttons.addWidget(b)
        left = QWidget()
        lv = QVBoxLayout(left)
        lv.setContentsMargins(0, 0, 0, 0)
        lv.addWidget(self.list, 1)
        lv.addLayout(buttons)

        # right: the selected limitation's fields over its measures
        self.text_edit = self._text_field("Ghi rõ hạn chế, khuyết điểm…")
        self.cause_subjective_edit = self._text_field("Nguyên nhân từ chính đơn vị, tập thể, cá nhân…")
        self.cause_objective_edit = self._text_field("Nguyên nhân từ điều kiện bên ngoài…")
        self._rich_widgets = {"text": self.text_edit, "cause_subjective": self.cause_subjective_edit,
                              "cause_objective": self.cause_objective_edit}
        self.concerns_combo = QComboBox()
        self.concerns_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.concerns_combo.setMinimumContentsLength(12)   # wider when there is room; fits a 1024-pixel screen
        self.concerns_combo.view().setMinimumWidth(520)
        self.concerns_combo.setToolTip("Mục của báo cáo mà hạn chế, khuyết điểm này nói đến")
        self.concerns_combo.activated.connect(self._on_concerns_chosen)
        self.origin_edit = QLineEdit(placeholderText="ví dụ 2022")
        self.origin_edit.setToolTip(ORIGIN_HELP)
        self.origin_edit.setMaximumWidth(self.origin_edit.fontMetrics().horizontalAdvance("Tháng 12/2026") + 24)
        # never narrower than a year: a small screen squeezed it to "022"
        self.origin_edit.setMinimumWidth(self.origin_edit.fontMetrics().horizontalAdvance("2022") + 16)
        self.raised_by_edit = QLineEdit(placeholderText="Để trống nếu đơn vị tự chỉ ra; ví dụ: Kết luận số "
                                                        "1621-KL/TU ngày 30/3/2023 của Ban Thường vụ Tỉnh ủy")
        self.raised_by_edit.setToolTip("Văn bản hoặc cơ quan đã chỉ ra hạn chế, khuyết điểm này")
        for f, w in self._rich_widgets.items():
            w.textChanged.connect(lambda f=f: self._on_typed(f))
        self.origin_edit.textChanged.connect(lambda: self._on_typed("origin"))
        self.raised_by_edit.textChanged.connect(lambda: self._on_typed("raised_by"))

        form = QWidget()
        grid = QGridLayout(form)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(8)
        grid.setVerticalSpacing(3)
        grid.addWidget(self._caption("Nội dung hạn chế"), 0, 0, 1, 2)
        grid.addWidget(self.text_edit, 1, 0, 1, 2)
        grid.addWidget(self._caption("Nguyên nhân chủ quan"), 2, 0)
        grid.addWidget(self._caption("Nguyên nhân khách quan"), 2, 1)
        grid.addWidget(self.cause_subjective_edit, 3, 0)
        grid.addWidget(self.cause_objective_edit, 3, 1)
        grid.setRowStretch(1, 1)
        grid.setRowStretch(3, 1)
        facts = QGridLayout()
        facts.setHorizontalSpacing(6)
        facts.setVerticalSpacing(3)
        facts.addWidget(self._caption("Liên quan đến mục"), 0, 0)
        self.btn_to_section = text_button("Đến mục ▸", "Mở mục này của báo cáo; trang của mục có đường dẫn quay "
                                                      "lại hạn chế, khuyết điểm này")
        self.btn_to_section.clicked.connect(self._to_section)
        concerns = QHBoxLayout()
        concerns.setSpacing(4)
        concerns.addWidget(self.concerns_combo, 1)
        concerns.addWidget(self.btn_to_section)
        facts.addLayout(concerns, 0, 1)
        facts.addWidget(self._caption("Nêu ra từ kỳ"), 0, 2)
        facts.addWidget(self.origin_edit, 0, 3)
        facts.addWidget(self._caption("Do ai chỉ ra"), 1, 0)
        facts.addWidget(self.raised_by_edit, 1, 1, 1, 3)
        facts.setColumnStretch(1, 1)
        grid.addLayout(facts, 4, 0, 1, 2)

        self.measures = MeasuresTable(self.ctx)
        self.editor_split = QSplitter(Qt.Orientation.Vertical)
        self.editor_split.setChildrenCollapsible(False)
        self.editor_split.addWidget(form)
        self.editor_split.addWidget(self.measures)
        self.editor_split.setStretchFactor(0, 2)
        self.editor_split.setStretchFactor(1, 3)
        self.editor_split.setSizes([290, 400])

        self.empty_hint = QLabel("Báo cáo chưa có hạn chế, khuyết điểm nào.\nBấm “Thêm” để ghi hạn chế đầu tiên.")
        self.empty_hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_hint.setStyleSheet("color: #666;")
        self.editor_stack = QStackedWidget()
        self.editor_stack.addWidget(self.empty_hint)
        self.editor_stack.addWidget(self.editor_split)

        self.split = QSplitter(Qt.Orientation.Horizontal)
        self.split.setChildrenCollapsible(False)
        self.split.addWidget(left)
        self.split.addWidget(self.editor_stack)
        self.split.setStretchFactor(0, 1)
        self.split.setStretchFactor(1, 4)
        self.split.setSizes([260, 1000])
        page = QWidget()
        pv = QVBoxLayout(page)
        pv.setContentsMargins(4, 4, 4, 4)
        pv.addWidget(self.split)
        return page

    def _build_general_tab(self) -> QWidget:
        self.general_split = QSplitter(Qt.Orientation.Vertical)
        self.general_split.setChildrenCollapsible(False)
        self.general_empty = QLabel("Báo cáo này không có mục nào dành cho nhiệm vụ, biện pháp chung.")
        self.general_empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.general_empty.setStyleSheet("color: #666;")
        page = QWidget()
        pv = QVBoxLayout(page)
        pv.setContentsMargins(4, 4, 4, 4)
        pv.addWidget(self.general_empty)
        pv.addWidget(self.general_split, 1)
        return page

    @staticmethod
    def _caption(text: str) -> QLabel:
        label = QLabel(text)
        label.setStyleSheet("color: #333; font-weight: bold;")
        return label

    @staticmethod
    def _text_field(placeholder: str) -> QPlainTextEdit:
        w = QPlainTextEdit()
        w.setPlaceholderText(placeholder)
        spell_check.enable(w)
        w.setTabChangesFocus(True)  # Tab goes to the next field, as in a form
        w.setMinimumHeight(w.fontMetrics().lineSpacing() * 2 + 12)
        return w

    # --- reading the report -------------------------------------------------------------------------------
    def current_limitation_id(self) -> int | None:
        return self._current_id

    def current_limitation(self) -> Limitation | None:
        return self._find(self.ctx.report(), self._current_id)

    @staticmethod
    def _find(report: Report, limitation_id: int | None) -> Limitation | None:
        return next((x for x in report.limitations if x.id == limitation_id), None)

    def _on_changed(self, changes: Changes, initiator) -> None:
        if initiator is self:
            return  # the panel's own typing: the fields already say it, the cursor stays
        report = self.ctx.report()
        if changes.limitations or changes.measures or changes.everything:
            self.reload()
        elif changes.outline:   # the list of sections; a deleted section's limitations lost their link
            self._fill_sections(report)
            self._show_current(report)
            self._fill_general(report)
        elif changes.sections and self._headings_changed(changes.sections):
            self._fill_sections(report)   # a heading shows in the list of sections and over the general measures
            self._show_current(report)
            self._fill_general(report)

    def _headings_changed(self, section_ids) -> bool:
        """Whether one of these sections now reads differently from its line in the list of sections
        (a body typed changes none: the list is not gone over again at every keystroke)."""
        index = self.ctx.index()
        shown = {sid: text for sid, _, text in self._section_items or ()}
        for section_id in section_ids:
            section = index.find(section_id)
            if section is not None and shown.get(section_id) != f"{index.number(section)} {section.heading}".strip():
                return True
        return False

    def reload(self) -> None:
        """Show the report as stored, keeping the selection and whatever is being typed."""
        report = self.ctx.report()
        ids = [x.id for x in report.limitations]
        if self._current_id not in ids:
            # deleted (or nothing chosen yet): take the one now in its place
            self._dirty.clear()
            self.autosave.cancel()
            self._current_id = ids[min(max(self._current_row, 0), len(ids) - 1)] if ids else None
        self._fill_list(report)
        self._fill_sections(report)
        self._show_current(report)
        self._fill_general(report)

    def _fill_list(self, report: Report) -> None:
        self.list.blockSignals(True)
        try:
            while self.list.count() > len(report.limitations):
                self.list.takeItem(self.list.count() - 1)
            while self.list.count() < len(report.limitations):
                self.list.addItem(QListWidgetItem())
            for i, lim in enumerate(report.limitations):
                self._set_item(self.list.item(i), i, lim.id, lim.text.plain)
            ids = [x.id for x in report.limitations]
            self._current_row = ids.index(self._current_id) if self._current_id in ids else -1
            if self.list.currentRow() != self._current_row:
                self.list.setCurrentRow(self._current_row)
        finally:
            self.list.blockSignals(False)
        n = len(report.limitations)
        self._set_tab_text(0, f"Hạn chế, khuyết điểm ({n})" if n else "Hạn chế, khuyết điểm")

    def _set_tab_text(self, i: int, text: str) -> None:
        if self.tabs.tabText(i) != text:
            self.tabs.setTabText(i, text)

    def _set_item(self, item: QListWidgetItem, i: int, limitation_id: int | None, text: str) -> None:
        body = _short(text, LIST_TEXT_CHARS)
        shown = f"{letter(i + 1)}) {body or '(chưa có nội dung)'}"
        if item.text() == shown and item.data(ROLE_ID) == limitation_id:
            return  # unchanged: a reload after every edit should not redo every row
        item.setText(shown)
        item.setToolTip(" ".join(text.split()) if body else "")
        item.setData(ROLE_ID, limitation_id)
        font = item.font()
        if font.italic() != (not body):
            font.setItalic(not body)
            item.setFont(font)
            item.setForeground(QColor("#777") if not body else self.list.palette().text().color())

    def _fill_sections(self, report: Report) -> None:
        numbers = self.ctx.index().numbering()   # kept: not worked out again at every keystroke
        items = [(section.id, depth, f"{numbers.get(section, '')} {section.heading}".strip())
                 for section, depth in report.walk_with_depth()]
        if items == self._section_items:
            return  # the outline did not change: keep the list (and its open popup) as it is
        old = self._section_items or []
        self._section_items = items
        # only the lines between the unchanged start and end are replaced (an outline edit renumbers
        # a few siblings, not a 1,000-line list)
        start = 0
        while start < min(len(old), len(items)) and old[start] == items[start]:
            start += 1
        end = 0
        while end < min(len(old), len(items)) - start and old[-1 - end] == items[-1 - end]:
            end += 1
        combo = self.concerns_combo
        combo.blockSignals(True)
        try:
            if combo.count() == 0:
                combo.addItem(NO_SECTION, NO_SECTION_ID)
            for _ in range(len(old) - start - end):
                combo.removeItem(1 + start)
            for row, (section_id, depth, full) in enumerate(items[start:len(items) - end], 1 + start):
                combo.insertItem(row, "    " * (depth - 1) + _short(full, SECTION_TEXT_CHARS), section_id)
                combo.setItemData(row, full, Qt.ItemDataRole.ToolTipRole)
        finally:
            combo.blockSignals(False)

    def _show_current(self, report: Report) -> None:
        lim = self._find(report, self._current_id)
        page = 1 if lim is not None else 0
        if self.editor_stack.currentIndex() != page:
            self.editor_stack.setCurrentIndex(page)
        self._load_fields(lim)
        self.measures.set_owner(lim.id if lim else None, None)
        if lim is not None:
            self.measures.set_title(f"Biện pháp khắc phục hạn chế {letter(self._current_row + 1)})")
        self._update_buttons()

    def _load_fields(self, lim: Limitation | None) -> None:
        self._loading = True
        try:
            for f, w in self._rich_widgets.items():
                if f in self._dirty:
                    continue  # the officer is typing there: their words win until saved
                stored = getattr(lim, f) if lim else RichText()
                if not _rich_matches(w.toPlainText(), stored):
                    self._set_plain(w, stored.plain)
            if "origin" not in self._dirty:
                stored_origin = lim.origin if lim else None
                try:
                    shown = _parse_origin(self.origin_edit.text())
                except ValueError:
                    shown = _INVALID
                if shown != stored_origin:
                    self.origin_edit.setText(_origin_text(stored_origin))
                self.origin_edit.setStyleSheet("")
                self.origin_edit.setToolTip(ORIGIN_HELP)
            if "raised_by" not in self._dirty:
                stored_by = lim.raised_by if lim else ""
                if clean_text(self.raised_by_edit.text()).strip() != stored_by.strip():
                    self.raised_by_edit.setText(stored_by)
                    self.raised_by_edit.setCursorPosition(0)  # show how it begins, not how it ends
            section_id = lim.concerns.id if lim and lim.concerns is not None else NO_SECTION_ID
            self.concerns_combo.blockSignals(True)
            self.concerns_combo.setCurrentIndex(max(self.concerns_combo.findData(section_id), 0))
            self.concerns_combo.blockSignals(False)
            self.btn_to_section.setEnabled(section_id != NO_SECTION_ID)
        finally:
            self._loading = False

    @staticmethod
    def _set_plain(w: QPlainTextEdit, text: str) -> None:
        if w.hasFocus():  # an undo under the cursor: keep the cursor near where it was
            pos = w.textCursor().position()
            w.setPlainText(text)
            cursor = w.textCursor()
            cursor.setPosition(min(pos, len(text)))
            w.setTextCursor(cursor)
        else:
            w.setPlainText(text)

    def _fill_general(self, report: Report) -> None:
        sections = [s for s in report.walk() if s.content is ContentKind.MEASURES]
        ids = [s.id for s in sections]
        if ids != self._general_ids:
            for table in self.general_tables:
                table.setParent(None)
                table.deleteLater()
            self.general_tables = []
            for s in sections:
                table = MeasuresTable(self.ctx)
                table.set_owner(None, s.id)
                self.general_split.addWidget(table)
                self.general_tables.append(table)
            self._general_ids = ids
        numbers = self.ctx.index().numbering()
        for s, table in zip(sections, self.general_tables, strict=True):
            table.set_title(f"{numbers.get(s, '')} {s.heading}".strip())
        self.general_empty.setVisible(not sections)
        self.general_split.setVisible(bool(sections))
        n = sum(len(report.general_measures_of(s)) for s in sections)
        self._set_tab_text(1, f"Nhiệm vụ, biện pháp chung ({n})" if sections else "Nhiệm vụ, biện pháp chung")

    def _update_buttons(self) -> None:
        row, n = self._current_row, self.list.count()
        for button, enabled in ((self.btn_delete, 0 <= row < n), (self.btn_up, 0 < row < n),
                                (self.btn_down, 0 <= row < n - 1)):
            if button.isEnabled() != enabled:
                button.setEnabled(enabled)

    # --- selection ------------------------------------------------------------------------------------------
    def _on_current_row_changed(self, row: int) -> None:
        item = self.list.item(row) if row >= 0 else None
        target = item.data(ROLE_ID) if item is not None else None
        if target == self._current_id:
            return
        self._switch_to(target)

    def select_limitation(self, limitation_id: int) -> None:
        """Show this limitation (the editor jumps here from a section's generated content)."""
        self.tabs.setCurrentIndex(0)
        if limitation_id != self._current_id and self._find(self.ctx.report(), limitation_id) is not None:
            self._switch_to(limitation_id)

    def _switch_to(self, limitation_id: int | None) -> None:
        # what was typed belongs to the limitation it was typed in: if the database refuses it,
        # the panel stays there (the banner says why) rather than drop it
        if not self.autosave.flush():
            self._fill_list(self.ctx.report())   # the list's selection back on the unwritten one
            return
        self._dirty.clear()   # an invalid period left there cannot follow to another limitation
        self._current_id = limitation_id
        report = self.ctx.report()
        self._fill_list(report)
        self._show_current(report)

    # --- typing, saved after a pause -----------------------------------------------------------------------
    def _on_typed(self, field: str) -> None:
        if self._loading or self._current_id is None:
            return
        self._dirty.add(field)
        if field == "origin":
            try:
                _parse_origin(self.origin_edit.text())
                self.origin_edit.setStyleSheet("")
                self.origin_edit.setToolTip(ORIGIN_HELP)
            except ValueError as exc:
                self.origin_edit.setStyleSheet(INVALID_STYLE)
                self.origin_edit.setToolTip(str(exc))
        elif field == "text" and 0 <= self._current_row < self.list.count():
            # the list follows the typing at once; the database after the pause
            self._set_item(self.list.item(self._current_row), self._current_row, self._current_id,
                           self.text_edit.toPlainText())
        self.autosave.mark_dirty()

    def flush(self) -> None:
        """Save what has been typed now, as one undoable "Sửa hạn chế" (one per burst of typing)."""
        if not self._dirty:
            return
        lim = self._find(self.ctx.report(), self._current_id)
        if lim is None:
            self._dirty.clear()
            return
        changes = {}
        keep_dirty = set()
        for f in self._dirty:
            value = self._typed_value(f, lim)
            if value is _INVALID:
                keep_dirty.add(f)  # not savable yet; stays marked until corrected
            elif value is not _UNCHANGED:
                changes[f] = value
        if changes:
            with self.ctx.answering_clash(lambda _exc: None):   # asked below, with both values
                self._update(lim, merge_key=("limitation", lim.id, frozenset(changes)), **changes)
            if self.ctx.last_failed:
                return   # the database refused: every field stays pending, to be tried again
            if self.ctx.last_clash:
                self._dirty = keep_dirty
                self._after_clash(lim.id, changes)
                return
        self._dirty = keep_dirty

    def _after_clash(self, limitation_id: int, typed: dict) -> None:
        """Another program changed this limitation since it was shown (the panel now shows what is
        stored): the officer chooses whether the typed fields stay — then they are written over the
        other ones."""
        stored = self._find(self.ctx.report(), limitation_id)
        names = {"text": "Nội dung hạn chế", "cause_subjective": "Nguyên nhân chủ quan",
                 "cause_objective": "Nguyên nhân khách quan", "origin": "Kỳ phát sinh", "raised_by": "Nơi chỉ ra"}

        def shown(value) -> str:
            text = value.plain if isinstance(value, RichText) else str(value or "")
            return text or "(trống)"
        if stored is None:
            lines = "\n".join(f"• {names.get(f, f)}: “{shown(v)}”" for f, v in typed.items())
            messages.warn(self, "Hạn chế này vừa bị xóa ở nơi khác, nên nội dung bạn vừa nhập không ghi được "
                                "vào đâu:\n\n" + lines)
            return
        clashing = {f: v for f, v in typed.items() if getattr(stored, f) != v}
        if not clashing or not messages.keep_typed(
                self, "Hạn chế", [(names.get(f, f), shown(getattr(stored, f)), shown(v)) for f, v in clashing.items()]):
            return
        self._update(stored, **clashing)
        self._show_current(self.ctx.report())

    def _unsaved(self) -> list[tuple[str, str]]:
        lim = self._find(self.ctx.report(), self._current_id)
        where = f"Hạn chế {letter(self._current_row + 1)})" if lim is not None else "Hạn chế"
        names = {"text": "nội dung", "cause_subjective": "nguyên nhân chủ quan",
                 "cause_objective": "nguyên nhân khách quan", "origin": "nêu ra từ kỳ", "raised_by": "do ai chỉ ra"}
        texts = {f: w.toPlainText() for f, w in self._rich_widgets.items()}
        texts |= {"origin": self.origin_edit.text(), "raised_by": self.raised_by_edit.text()}
        return [(f"{where} — {names[f]}", texts[f]) for f in names if f in self._dirty]

    def _typed_value(self, field: str, lim: Limitation):
        if field in self._rich_widgets:
            typed = self._rich_widgets[field].toPlainText()
            stored = getattr(lim, field)
            return _UNCHANGED if _rich_matches(typed, stored) else RichText.from_plain(clean_text(typed))
        if field == "origin":
            try:
                origin = _parse_origin(self.origin_edit.text())
            except ValueError:
                return _INVALID
            return _UNCHANGED if origin == lim.origin else origin
        raised_by = clean_text(self.raised_by_edit.text()).strip()
        return _UNCHANGED if raised_by == lim.raised_by.strip() else raised_by

    def _update(self, lim: Limitation, merge_key: object = None, **changes) -> None:
        svc = self.ctx.service
        old = dataclasses.replace(lim)
        new = dataclasses.replace(lim, **changes)
        self.ctx.run("Sửa hạn chế", lambda: svc.update_limitation(new, old), lambda: svc.update_limitation(old, new),
                     initiator=self, merge_key=merge_key)

    def _on_concerns_chosen(self, index: int) -> None:
        self.autosave.flush()
        report = self.ctx.report()
        lim = self._find(report, self._current_id)
        if lim is None:
            return
        section_id = self.concerns_combo.itemData(index)
        section = report.find(section_id) if section_id != NO_SECTION_ID else None
        if (lim.concerns.id if lim.concerns is not None else NO_SECTION_ID) != section_id:
            self._update(lim, concerns=section)
        self.btn_to_section.setEnabled(section_id != NO_SECTION_ID)

    def _to_section(self) -> None:
        section_id = self.concerns_combo.currentData()
        if section_id is not None and section_id != NO_SECTION_ID:
            self.section_requested.emit(section_id)

    def hideEvent(self, e) -> None:
        self.autosave.flush()
        super().hideEvent(e)

    # --- list operations (each one undoable) -------------------------------------------------------------------
    def add_limitation(self) -> int | None:
        """Append a new limitation, select it and put the cursor in its text; returns its id."""
        svc, report_id = self.ctx.service, self.ctx.report_id
        lim_id = commands.run_add(self.ctx, "Thêm hạn chế", lambda: svc.add_limitation(report_id, Limitation()),
                                  commands.limitation_rows(svc))
        if lim_id is None:
            return None
        self.select_limitation(lim_id)
        self.text_edit.setFocus()
        return lim_id

    def delete_limitation(self) -> None:
        lim = self.current_limitation()
        if lim is None:
            return
        what = _short(lim.text.plain, 80)
        question = f"Xóa hạn chế, khuyết điểm {letter(self._current_row + 1)})"
        question += f" “{what}”" if what else ""
        if lim.measures:
            question += f" cùng {len(lim.measures)} biện pháp khắc phục của nó"
        question += "?\n\nCó thể hoàn tác bằng Ctrl+Z."
        if not messages.confirm(self, question, yes="Xóa", no="Hủy"):
            return
        commands.run_delete(self.ctx, "Xóa hạn chế", lim.id, commands.limitation_rows(self.ctx.service))

    def move_limitation(self, step: int) -> None:
        """Move the selected limitation one place up (-1) or down (+1); its letter changes with it."""
        row, n = self._current_row, self.list.count()
        if row < 0 or not 0 <= row + step < n:
            return
        svc, limitation_id = self.ctx.service, self._current_id
        self.ctx.run("Chuyển hạn chế lên" if step < 0 else "Chuyển hạn chế xuống",
                     lambda: svc.move_limitation(limitation_id, row + step),
                     lambda: svc.move_limitation(limitation_id, row))

    def show_general_measures(self) -> None:
        self.tabs.setCurrentIndex(1)
