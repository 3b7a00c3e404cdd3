"""Tìm và thay thế (issue 13 point 9): Ctrl+F / Ctrl+H open one small window over the report, as
Word's Find and Replace does. "Tìm tiếp" (Enter, F3) goes on from the cursor through the whole
report in its order — the opening part, each section's heading and body along the outline, the
closing, then the limitations' texts and causes and the measures' cells — opening the section (or
the limitation, the measure) of the next match and selecting the match there; "Tìm lùi"
(Shift+F3) goes the other way. Diacritics always matter, case and whole words when ticked
(domain/find.py).

"Thay" replaces the selected match and finds the next; "Thay tất cả" replaces every match of the
report. Both edit the texts the way typing does — a body's document, a heading's field, a
limitation's field, a measure's cell — so the save manager writes them like typing, and each is
a step of the report's one undo history ("Thay tất cả" is one step, however many sections)."""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QGuiApplication, QPalette, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (QCheckBox, QDialog, QGridLayout, QHBoxLayout, QLabel, QLineEdit, QPlainTextEdit,
                               QPushButton, QTextEdit, QVBoxLayout, QWidget)

from ..domain.find import Query, replace_rich, replace_text
from ..domain.names import section_name, shorten
from ..domain.numbering import letter
from . import commands
from .qt_positions import from_qt, to_qt

if TYPE_CHECKING:
    from .main_window import MainWindow

PREAMBLE, CLOSING = "preamble", "closing"   # editor.py's targets (not imported: the editor loads later)
LIMITATION_FIELDS = {"text": ("text_edit", "nội dung"), "cause_subjective": ("cause_subjective_edit",
                                                                              "nguyên nhân chủ quan"),
                     "cause_objective": ("cause_objective_edit", "nguyên nhân khách quan")}
MEASURE_FIELDS = ("content", "measure", "directed_by", "lead_unit", "cooperating", "timeframe", "result")
REPLACE_ONE, REPLACE_ALL = "Thay thế", "Thay tất cả"


@dataclass(frozen=True)
class Place:
    """A text of the report that can hold a match: a body ("body", the editor's target key), a
    heading ("heading", section id), a limitation's field ("limitation", id, field) or a measure's
    cell ("measure", id, field)."""
    kind: str
    key: object
    field: str = ""


class FindReplaceDialog(QDialog):
    """The Find and Replace window of one main window (made once, shown by Ctrl+F / Ctrl+H)."""

    def __init__(self, window: MainWindow):
        super().__init__(window)
        self.w = window
        self.setWindowTitle("Tìm và thay thế")
        self.setModal(False)
        self.at: tuple[Place, int, int] | None = None   # the match shown last: where, start, end
        self._rows: tuple[object, dict] | None = None   # (the report read, its limitations and measures by id)
        self.find_edit = QLineEdit(placeholderText="Từ, cụm từ cần tìm")
        self.replace_edit = QLineEdit(placeholderText="Thay bằng (để trống để xóa)")
        self.replace_label = QLabel("Thay &bằng:")
        self.replace_label.setBuddy(self.replace_edit)
        find_label = QLabel("Tì&m:")
        find_label.setBuddy(self.find_edit)
        self.match_case = QCheckBox("Phân biệt chữ &hoa, chữ thường")
        self.whole_word = QCheckBox("Chỉ tìm &nguyên từ")
        self.match_case.setToolTip("Không đánh dấu: “Đảng” tìm thấy cả “đảng”, “ĐẢNG”. Dấu thanh, dấu mũ luôn "
                                   "được phân biệt: “ban” không tìm thấy “bạn”.")
        self.whole_word.setToolTip("“Đảng” không tìm thấy trong “Đảngủy”, “Đảng viên” vẫn được tìm thấy.")
        self.btn_next = QPushButton("Tìm tiếp")
        self.btn_next.setToolTip("Tìm chỗ tiếp theo, qua các mục của báo cáo theo dàn ý (Enter, F3)")
        self.btn_prev = QPushButton("Tìm &lùi")
        self.btn_prev.setToolTip("Tìm chỗ phía trước (Shift+F3)")
        self.btn_replace = QPushButton("&Thay")
        self.btn_replace.setToolTip("Thay chỗ đang chọn rồi tìm chỗ tiếp theo")
        self.btn_replace_all = QPushButton("Thay tất &cả")
        self.btn_replace_all.setToolTip("Thay mọi chỗ tìm thấy trong báo cáo (hoàn tác được một lần bằng Ctrl+Z)")
        self.btn_more = QPushButton("Thay thế…")
        self.btn_more.setToolTip("Hiện ô “Thay bằng” (Ctrl+H)")
        close = QPushButton("Đóng")
        self.btn_next.setDefault(True)
        self.btn_next.setAutoDefault(True)
        for b in (self.btn_prev, self.btn_replace, self.btn_replace_all, self.btn_more, close):
            b.setAutoDefault(False)
        self.status = QLabel(wordWrap=True)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setMinimumHeight(self.status.fontMetrics().lineSpacing() * 2 + 8)

        grid = QGridLayout()
        grid.addWidget(find_label, 0, 0)
        grid.addWidget(self.find_edit, 0, 1)
        grid.addWidget(self.replace_label, 1, 0)
        grid.addWidget(self.replace_edit, 1, 1)
        grid.setColumnStretch(1, 1)
        options = QHBoxLayout()
        options.addWidget(self.match_case)
        options.addWidget(self.whole_word)
        options.addStretch(1)
        buttons = QHBoxLayout()
        for b in (self.btn_next, self.btn_prev, self.btn_replace, self.btn_replace_all, self.btn_more):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(close)
        column = QVBoxLayout(self)
        column.addLayout(grid)
        column.addLayout(options)
        column.addLayout(buttons)
        column.addWidget(self.status)

        self.btn_next.clicked.connect(lambda: self.find(True))
        self.btn_prev.clicked.connect(lambda: self.find(False))
        self.btn_replace.clicked.connect(self.replace_one)
        self.btn_replace_all.clicked.connect(self.replace_all)
        self.btn_more.clicked.connect(lambda: self.open(replace=True))
        close.clicked.connect(self.close)
        for edit in (self.find_edit, self.replace_edit):
            edit.textChanged.connect(self._update_buttons)
        self.find_edit.textEdited.connect(lambda _t: self.status.setText(""))
        self._update_buttons()

    # --- showing ----------------------------------------------------------------------------------
    def open(self, replace: bool) -> None:
        """Show the window (with the replace row for Ctrl+H); the selected words are what is looked for."""
        for w in (self.replace_label, self.replace_edit, self.btn_replace, self.btn_replace_all):
            w.setVisible(replace)
        self.btn_more.setVisible(not replace)
        self.status.setText("")
        self.setWindowTitle("Tìm và thay thế" if replace else "Tìm trong báo cáo")
        selected = self._selected_words()
        if selected:
            self.find_edit.setText(selected)
        self._update_buttons()
        if not self.isVisible():
            self.adjustSize()
            self.resize(max(self.width(), 560), self.height())
            frame = self.w.frameGeometry()
            self.move(frame.right() - self.width() - 40, frame.top() + 120)   # over the page, clear of the outline
        self.show()
        if QGuiApplication.platformName() != "offscreen":   # (it has no window stacking to change)
            self.raise_()
        self.activateWindow()
        self.find_edit.setFocus()
        self.find_edit.selectAll()

    def _selected_words(self) -> str:
        """A short selection on one line in the body or a field: the text to look for, as in Word."""
        editor = self.w.editor
        if editor is None:
            return ""
        text = ""
        focus = self.w.focusWidget()
        if isinstance(focus, (QTextEdit, QPlainTextEdit)):
            text = focus.textCursor().selectedText()
        elif isinstance(focus, QLineEdit):
            text = focus.selectedText()
        return text if text and len(text) <= 200 and "\u2029" not in text and "\n" not in text else ""

    def _update_buttons(self) -> None:
        has = bool(self.find_edit.text())
        writable = not (self.w.ctx is not None and self.w.ctx.read_only)
        for b in (self.btn_next, self.btn_prev):
            b.setEnabled(has)
        for b in (self.btn_replace, self.btn_replace_all):
            b.setEnabled(has and writable)

    def query(self) -> Query:
        return Query(self.find_edit.text(), self.match_case.isChecked(), self.whole_word.isChecked())

    def _say(self, text: str) -> None:
        self.status.setText(text)

    # --- the report's texts, in order -----------------------------------------------------------------
    def places(self) -> list[Place]:
        ctx = self.w.ctx
        report, index = ctx.report(), ctx.index()
        out = [Place("body", PREAMBLE)]
        for s in index.order:
            out += [Place("heading", s.id), Place("body", s.id)]
        out.append(Place("body", CLOSING))
        for lim in report.limitations:
            out += [Place("limitation", lim.id, f) for f in LIMITATION_FIELDS]
            out += [Place("measure", m.id, f) for m in lim.measures for f in MEASURE_FIELDS]
        out += [Place("measure", m.id, f) for m in report.measures for f in MEASURE_FIELDS]
        return out

    def _stored(self, place: Place) -> str:
        """The place's text as the report holds it (written already: every search flushes first)."""
        report = self.w.ctx.report()
        if place.kind == "body":
            if place.key == PREAMBLE:
                return report.meta.preamble.plain
            if place.key == CLOSING:
                return report.meta.closing.plain
            section = self.w.ctx.index().find(place.key)
            return section.body.plain if section is not None else ""
        if place.kind == "heading":
            section = self.w.ctx.index().find(place.key)
            return section.heading if section is not None else ""
        value = getattr(self._row(place), place.field, "")
        return value if isinstance(value, str) else value.plain

    def _row(self, place: Place):
        """The limitation or measure of `place` (looked up by id: a report of a thousand measures
        is searched without a walk per cell)."""
        report = self.w.ctx.report()
        if self._rows is None or self._rows[0] is not report:
            rows = {("limitation", x.id): x for x in report.limitations}
            rows |= {("measure", m.id): m for lim in report.limitations for m in lim.measures}
            rows |= {("measure", m.id): m for m in report.measures}
            self._rows = (report, rows)
        return self._rows[1].get((place.kind, place.key))

    def _where(self, place: Place) -> str:
        """Where a match is, as the officer reads it."""
        index = self.w.ctx.index()
        if place.kind in ("body", "heading"):
            if place.key == PREAMBLE:
                return "Phần mở đầu"
            if place.key == CLOSING:
                return "Câu kết thúc"
            section = index.find(place.key)
            name = f"{index.number(section)} {section_name(section, empty='(mục chưa có tên)')}".strip()
            return ("Tên mục " if place.kind == "heading" else "Mục ") + shorten(name, 60)
        report = self.w.ctx.report()
        if place.kind == "limitation":
            n = next(i for i, x in enumerate(report.limitations) if x.id == place.key)
            return f"Hạn chế {letter(n + 1)}), {LIMITATION_FIELDS[place.field][1]}"
        from .measures_model import COLUMNS
        column = dict(COLUMNS)[place.field]
        for i, lim in enumerate(report.limitations):
            if any(m.id == place.key for m in lim.measures):
                return f"Biện pháp của hạn chế {letter(i + 1)}), cột “{column}”"
        return f"Nhiệm vụ, biện pháp chung, cột “{column}”"

    # --- the widgets that show a place ----------------------------------------------------------------
    def _panel(self):
        return self.w.editor.panels.get("limitations")

    def _field(self, place: Place):
        """The widget a body, heading or limitation field is typed in (when shown)."""
        page = self.w.editor.page
        if place.kind == "body":
            return page.editor
        if place.kind == "heading":
            return page.heading
        panel = self._panel()
        return getattr(panel, LIMITATION_FIELDS[place.field][0]) if panel is not None else None

    def _showing(self, place: Place) -> bool:
        editor = self.w.editor
        if place.kind in ("body", "heading"):
            target = editor.page.target
            return editor.tabs.currentWidget() is editor.page and target is not None and target.key == place.key
        panel = self._panel()
        if panel is None or editor.tabs.currentWidget() is not panel:
            return False
        if place.kind == "limitation":
            return panel.tabs.currentIndex() == 0 and panel.current_limitation_id() == place.key
        table = self._table(place)
        return table is not None and table.isVisible() and table.current_measure_id() == place.key

    def _table(self, place: Place):
        panel = self._panel()
        if panel is None:
            return None
        report = self.w.ctx.report()
        for lim in report.limitations:
            if any(m.id == place.key for m in lim.measures):
                return panel.measures if panel.current_limitation_id() == lim.id else None
        return next((t for t in panel.general_tables if t.model.row_of(place.key) >= 0), None)

    def _open(self, place: Place) -> None:
        editor = self.w.editor
        if place.kind in ("body", "heading"):
            editor.select(place.key)
            return
        panel = self._panel()
        editor.tabs.setCurrentWidget(panel)
        report = self.w.ctx.report()
        if place.kind == "limitation":
            panel.select_limitation(place.key)
            return
        owner = next((lim for lim in report.limitations if any(m.id == place.key for m in lim.measures)), None)
        if owner is not None:
            panel.select_limitation(owner.id)
        else:
            panel.show_general_measures()

    def _text(self, place: Place) -> str:
        """The place's text as shown (positions of a match are taken there)."""
        if place.kind == "measure":
            return self._stored(place)
        field = self._field(place)
        if isinstance(field, QLineEdit):
            return field.text()
        return field.document().toPlainText()

    def _cursor_at(self, place: Place, forward: bool) -> int:
        """Where the search goes on from inside a shown place: after (before) its selection."""
        field = self._field(place) if place.kind != "measure" else None
        if field is None:
            at = self.at
            return (at[2] if forward else at[1]) if at is not None and at[0] == place else (0 if forward else 1 << 30)
        text = self._text(place)
        if isinstance(field, QLineEdit):
            if field.hasSelectedText():
                start = field.selectionStart()
                pos = start + len(field.selectedText()) if forward else start
            else:
                pos = field.cursorPosition()
        else:
            cursor = field.textCursor()
            pos = cursor.selectionEnd() if forward else cursor.selectionStart()
        return from_qt(text, pos)

    def _select(self, place: Place, start: int, end: int) -> None:
        self.at = (place, start, end)
        if place.kind == "measure":
            from .measures_model import FIELDS
            table = self._table(place)
            if table is not None:
                table.select_measure(place.key, FIELDS.index(place.field))
            return
        field = self._field(place)
        text = self._text(place)
        a, b = to_qt(text, start), to_qt(text, end)
        _keep_selection_visible(field)
        if isinstance(field, QLineEdit):
            field.setSelection(a, b - a)
            return
        cursor = QTextCursor(field.document())
        cursor.setPosition(a)
        cursor.setPosition(b, QTextCursor.MoveMode.KeepAnchor)
        field.setTextCursor(cursor)
        field.ensureCursorVisible()

    def _current(self) -> Place | None:
        """The place the search starts in: the match shown last if it is still on screen, else
        the body (or limitation) the officer is in."""
        if self.at is not None and self._showing(self.at[0]):
            return self.at[0]
        editor = self.w.editor
        if editor.tabs.currentWidget() is editor.page and editor.page.target is not None:
            target = editor.page.target
            if editor.page.heading.hasFocus() and target.kind == "section":
                return Place("heading", target.key)
            return Place("body", target.key)
        panel = self._panel()
        if panel is not None and editor.tabs.currentWidget() is panel and panel.current_limitation_id() is not None:
            return Place("limitation", panel.current_limitation_id(), "text")
        return None

    # --- finding ------------------------------------------------------------------------------------
    def _ready(self) -> bool:
        if self.w.ctx is None or self.w.editor is None or self.w.stack.currentWidget() is not self.w.editor:
            self._say("Hãy mở một báo cáo để tìm trong đó.")
            return False
        if self.query().regex is None:
            return False
        return self.w.flush_for_action()   # what was typed is searched too

    def find(self, forward: bool = True) -> bool:
        """Select the next (previous) match from the cursor, through the report; False when none."""
        if not self._ready():
            return False
        query = self.query()
        places = self.places()
        current = self._current()
        if current is not None:
            spans = query.spans(self._text(current))
            offset = self._cursor_at(current, forward)
            hit = (next((s for s in spans if s[0] >= offset), None) if forward
                   else next((s for s in reversed(spans) if s[1] <= offset), None))
            if hit is not None:
                self._select(current, *hit)
                self._say(f"Tìm thấy trong: {self._where(current)}")
                return True
        start = places.index(current) if current in places else (-1 if forward else len(places))
        n = len(places)
        for k in range(1, n + 1):
            i = start + k if forward else start - k
            place = places[i % n]
            if not query.found_in(self._stored(place)):
                continue
            self._open(place)
            spans = query.spans(self._text(place))
            if not spans:
                continue
            self._select(place, *(spans[0] if forward else spans[-1]))
            wrapped = not 0 <= i < n
            note = (" (đã tìm hết đến cuối báo cáo, tiếp tục từ đầu)" if forward else
                    " (đã tìm ngược đến đầu báo cáo, tiếp tục từ cuối)") if wrapped else ""
            self._say(f"Tìm thấy trong: {self._where(place)}{note}")
            return True
        self.at = None
        self._say(f"Không tìm thấy “{self.find_edit.text()}” trong báo cáo.")
        return False

    # --- replacing ----------------------------------------------------------------------------------
    def replace_one(self) -> None:
        """Replace the match selected (if it still is one), then find the next."""
        if not self._ready():
            return
        query, new = self.query(), self.replace_edit.text()
        at = self.at
        if at is not None and self._showing(at[0]):
            place, start, end = at
            text = self._text(place)
            if query.is_match(text[start:end]) and self._replace_in(place, start, end, new):
                self.at = (place, start, start + len(new))
        self.find(True)

    def _replace_in(self, place: Place, start: int, end: int, new: str) -> bool:
        page = self.w.editor.page
        if place.kind == "measure":
            return self._write_measure(place, start, end, new)
        field = self._field(place)
        text = self._text(place)
        a, b = to_qt(text, start), to_qt(text, end)
        if isinstance(field, QLineEdit):   # a heading: written by the heading's autosave, as typed
            if field.isReadOnly():
                self._say("Tên mục này do mẫu báo cáo quy định, không thay được.")
                return False
            field.setSelection(a, b - a)
            field.insert(new)
            page.heading_autosave.mark_dirty()
            return True
        if field.isReadOnly():
            return False
        self._labelled(REPLACE_ONE, lambda: _replace_spans(field, [(a, b)], new))
        return True

    def _write_measure(self, place: Place, start: int, end: int, new: str) -> bool:
        text = self._stored(place)
        table = self._table(place)
        if table is None:
            return False
        from .measures_model import FIELDS
        row = table.model.row_of(place.key)
        return table.model.setData(table.model.index(row, FIELDS.index(place.field)), text[:start] + new + text[end:])

    def _labelled(self, label: str, edit) -> None:
        """A body edit as one step of the report's history named `label` (ui/undo.py), when it has one."""
        history = getattr(self.w.editor.page, "text_undo", None)
        if history is not None:
            history.labelled(label, edit)
        else:
            edit()

    def replace_all(self) -> int:
        """Replace every match in the report as one undo step; returns how many were replaced."""
        if not self._ready():
            return 0
        query, new = self.query(), self.replace_edit.text()
        ctx, editor = self.w.ctx, self.w.editor
        places = [p for p in self.places() if query.found_in(self._stored(p))]
        if not places:
            self._say(f"Không tìm thấy “{self.find_edit.text()}” trong báo cáo.")
            return 0
        back = editor.current_target()
        tab = editor.tabs.currentWidget()
        count, skipped = 0, 0
        stack = ctx.undo_stack
        stack.beginMacro(f"{REPLACE_ALL} “{shorten(self.find_edit.text(), 30)}”")
        try:
            for place in places:
                if place.kind == "body":
                    editor.select(place.key)
                    field = editor.page.editor
                    text = field.document().toPlainText()
                    spans = [(to_qt(text, a), to_qt(text, b)) for a, b in query.spans(text)]
                    if spans and not field.isReadOnly():
                        self._labelled(REPLACE_ALL, lambda f=field, s=spans: _replace_spans(f, s, new))
                        count += len(spans)
                elif place.kind == "heading":
                    section = ctx.index().find(place.key)
                    heading, n = replace_text(section.heading, query, new)
                    if section.fixed:
                        skipped += n
                    elif n:
                        commands.rename_section(ctx, section.id, section.heading, heading, seen=section)
                        count += n
                else:
                    count += self._replace_row(place, query, new)
        finally:
            stack.endMacro()
        if back is not None:
            editor.select(back.key)
        editor.tabs.setCurrentWidget(tab)
        self.w.flush_all()
        self.at = None
        note = f"; {skipped} chỗ trong tên mục do mẫu quy định được giữ nguyên" if skipped else ""
        self._say(f"Đã thay {count} chỗ{note}. Hoàn tác bằng Ctrl+Z." if count else
                  f"Không thay được chỗ nào{note}.")
        return count

    def _replace_row(self, place: Place, query: Query, new: str) -> int:
        """A limitation's field or a measure's cell, through the service as one undoable edit."""
        import dataclasses
        row = self._row(place)
        value = getattr(row, place.field)
        changed, n = (replace_text(value, query, new) if isinstance(value, str) else replace_rich(value, query, new))
        if not n:
            return 0
        svc, ctx = self.w.ctx.service, self.w.ctx
        old, edited = dataclasses.replace(row), dataclasses.replace(row, **{place.field: changed})
        update = svc.update_limitation if place.kind == "limitation" else svc.update_measure
        ok = ctx.run(REPLACE_ALL, lambda: update(edited, old), lambda: update(old, edited))
        return n if ok else 0


def _replace_spans(field: QTextEdit | QPlainTextEdit, spans: list[tuple[int, int]], new: str) -> None:
    """Replace the (UTF-16) spans of `field`'s document by `new` in one edit block; each
    replacement takes the bold/italic of the first character it replaces."""
    doc = field.document()
    cursor = QTextCursor(doc)
    cursor.beginEditBlock()
    for a, b in reversed(spans):   # from the end: the positions before stay valid
        probe = QTextCursor(doc)
        probe.setPosition(a + 1)
        fmt = QTextCharFormat()
        fmt.setFontWeight(QFont.Weight.Bold if probe.charFormat().fontWeight() >= QFont.Weight.DemiBold
                          else QFont.Weight.Normal)
        fmt.setFontItalic(probe.charFormat().fontItalic())
        cursor.setPosition(a)
        cursor.setPosition(b, QTextCursor.MoveMode.KeepAnchor)
        cursor.insertText(new, fmt)
    cursor.endEditBlock()
    if len(spans) == 1:
        field.setTextCursor(cursor)


def _keep_selection_visible(field: QWidget) -> None:
    """The match stays highlighted while the Find window has the focus (as in Word)."""
    palette = field.palette()
    for role in (QPalette.ColorRole.Highlight, QPalette.ColorRole.HighlightedText):
        palette.setColor(QPalette.ColorGroup.Inactive, role, palette.color(QPalette.ColorGroup.Active, role))
    field.setPalette(palette)


def dialog_of(window: MainWindow) -> FindReplaceDialog:
    dialog = getattr(window, "find_dialog", None)
    if dialog is None:
        dialog = window.find_dialog = FindReplaceDialog(window)
        # Ctrl+Z / Ctrl+Y in the Find window are the report's (its message says "Hoàn tác bằng
        # Ctrl+Z" after Thay tất cả): the actions' keys work there, its fields hand them over
        from .undo import UndoKeys
        dialog.addActions([window.act_undo, window.act_redo])
        UndoKeys(dialog, window.act_undo, window.act_redo, window.flush_all).cover(dialog)
    return dialog


def open_find(window: MainWindow, replace: bool = False) -> None:
    """Ctrl+F / Ctrl+H: the Find window over the open report; on the list of reports, its search box."""
    if window.ctx is None or window.editor is None or window.stack.currentWidget() is not window.editor:
        window.start.search.setFocus()
        window.start.search.selectAll()
        return
    dialog_of(window).open(replace)


def find_again(window: MainWindow, forward: bool = True) -> None:
    """F3 / Shift+F3: the next (previous) match of what was looked for last."""
    dialog = getattr(window, "find_dialog", None)
    if dialog is None or not dialog.find_edit.text() or window.stack.currentWidget() is not window.editor:
        open_find(window)
        return
    dialog.find(forward)
    if not dialog.isVisible():   # the Find window closed: what it would say goes to the status bar
        window.statusBar().showMessage(dialog.status.text(), 5000)


__all__ = ["FindReplaceDialog", "Place", "dialog_of", "find_again", "open_find"]
