"""The report editor: the outline navigator and the section page.

Typing autosaves within about a second of the last keystroke (never blocking the keyboard);
ratings, scores and structure changes go through the undo history of `EditorContext`."""
from __future__ import annotations

import copy
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QSignalBlocker, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence, QTextCursor, QTextDocument
from PySide6.QtWidgets import (QButtonGroup, QCheckBox, QFrame, QGroupBox, QHBoxLayout,
                               QInputDialog, QLabel, QLineEdit, QProgressBar, QPushButton, QSplitter,
                               QTabWidget, QToolBar, QToolButton, QTreeWidget, QTreeWidgetItem, QVBoxLayout,
                               QWidget)

from ..domain.completeness import SectionState
from ..domain.model import ContentKind, Report, Section
from ..domain.names import percent_done, section_name, shorten, state_mark
from ..domain.numbers import number_text
from ..domain.ratings import RatingScale
from ..domain.richtext import RichText
from ..services.frame import write_frame
from . import commands, messages, reindex
from . import spell_check
from ..domain.changes import Changes
from .context import EditorContext
from .keyboard import BodyKeys, ButtonGroupKeys, enter_goes_to, menu_button, outline_menu
from .read_only import keep_usable
from .score_field import ScoreField, ScoreProblem
from .limitation_links import RelatedLimitations, link_panels
from .richtext_qt import DocumentReader, RichTextEdit, insert_richtext
from .undo import TextUndo

PREAMBLE, CLOSING = "preamble", "closing"
ROLE = Qt.ItemDataRole.UserRole
DOCUMENTS_KEPT = 30   # section documents kept with their typing's undo history (the most recently shown)
BACKGROUND_CHARS = 50_000   # a body this long is written off the UI thread by the autosave (~10 ms and more)
# each tab's Alt+letter (underlined) and tooltip: none of the menus' Alt+T/S/M/H/C/G, nor the ratings' Alt+1…4
TABS = {"Nội dung mục": ("&Nội dung mục", "Nội dung và tự đánh giá của mục đang chọn (Alt+N)"),
        "Hạn chế và biện pháp": ("Hạn chế và &biện pháp", "Hạn chế, khuyết điểm và biện pháp khắc phục (Alt+B)"),
        "Thông tin văn bản": ("Thông tin &văn bản", "Số, ngày, nơi nhận, người ký… của văn bản (Alt+V)"),
        "Phụ lục số liệu": ("&Phụ lục số liệu", "Bảng số liệu kèm theo báo cáo (Alt+P)")}

GENERATED_NOTE = {
    ContentKind.LIMITATIONS: "Sau phần nội dung này, văn bản in danh sách hạn chế, khuyết điểm (nhập ở thẻ "
                             "“Hạn chế và biện pháp”).",
    ContentKind.LIMITATIONS_WITH_MEASURES: "Sau phần nội dung này, văn bản in từng hạn chế, khuyết điểm kèm biện "
                                           "pháp khắc phục (nhập ở thẻ “Hạn chế và biện pháp”).",
    ContentKind.CAUSES: "Văn bản in nguyên nhân của từng hạn chế, khuyết điểm (nhập ở thẻ “Hạn chế và biện pháp”).",
    ContentKind.CAUSES_SUBJECTIVE: "Văn bản in các nguyên nhân chủ quan của các hạn chế (nhập ở thẻ “Hạn chế và "
                                   "biện pháp”).",
    ContentKind.CAUSES_OBJECTIVE: "Văn bản in các nguyên nhân khách quan của các hạn chế (nhập ở thẻ “Hạn chế và "
                                  "biện pháp”).",
    ContentKind.MEASURES: "Sau phần nội dung này, văn bản in các nhiệm vụ, biện pháp của mục (nhập ở thẻ “Hạn chế "
                          "và biện pháp”, phần nhiệm vụ chung).",
    ContentKind.FOLLOW_UP: "Nêu kết quả khắc phục từng hạn chế, khuyết điểm đã được chỉ ra ở các kỳ trước.",
    ContentKind.SCORE_TOTAL: "Tổng điểm tự chấm được tính từ điểm của các tiêu chí và in tại đây.",
    ContentKind.TASKS: "Sau phần nội dung này, văn bản in bảng nhiệm vụ, sản phẩm của kỳ và điểm của từng nhiệm vụ "
                       "(nhập ở Công cụ ▸ Bảng nhiệm vụ…); điểm của mục được tự tính từ bảng.",
}


@dataclass(frozen=True)
class Target:
    """What the section page is showing: a section, or the preamble / closing of the document."""
    kind: str                       # "section", PREAMBLE or CLOSING
    section_id: int | None = None

    @property
    def key(self):
        return self.section_id if self.kind == "section" else self.kind


class SectionPage(QWidget):
    """Heading, guidance, body editor, self-rating and score of one section."""

    body_saved = Signal(object)   # Target

    def __init__(self, ctx: EditorContext, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.target: Target | None = None
        # each shown target's document (its typing's undo history), the most recently shown last
        self._docs: OrderedDict[object, QTextDocument] = OrderedDict()
        self._readers: dict[object, DocumentReader] = {}
        # the bodies typed and not yet written, by target key: usually the one shown; more when the
        # database refused a write and the officer moved on (each keeps its document until written)
        self._unsaved: dict[object, Target] = {}
        self._edits: dict[object, int] = {}   # keystrokes per document (a write off the thread: typed since?)
        # typing refused because another program wrote its section meanwhile, left "for later": the
        # section as the officer saw it (its writes are still checked against that)
        self._clashed: dict[object, tuple[Any, int]] = {}   # … and the keystrokes then
        self._before_clash: Any = None   # what the last body write was checked against
        self._asking: set[object] = set()   # the texts whose clash question is open
        self.clashes = 0   # refusals of typing because of another program's write, so far
        self.autosave = ctx.saves.register("body", self.save_now, owner=self, on_timer=self.save_soon,
                                           unsaved=self._unsaved_bodies)
        self.heading_autosave = ctx.saves.register("heading", self._save_heading, owner=self,
                                                   unsaved=self._unsaved_heading)
        self.score_autosave = ctx.saves.register("score", self._on_score, owner=self, unsaved=self._unsaved_score)
        # a long body's search-index row is brought up to date after a pause in typing (ui/reindex.py)
        self._reindex = QTimer(self, singleShot=True, interval=reindex.REINDEX_PAUSE_MS)
        self._reindex.timeout.connect(self._reindex_after_pause)
        service = ctx.service
        ctx.destroyed.connect(lambda *_: reindex.start(service))   # the report closed: the rest of it

        self.number = QLabel()
        font = self.number.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.number.setFont(font)
        self.heading = QLineEdit(placeholderText="Tên mục (để trống nếu mục chỉ là một đoạn được đánh số)")
        spell_check.enable(self.heading)
        self.heading.setFont(font)
        self.heading.textEdited.connect(lambda _t: self.heading_autosave.mark_dirty())
        self.heading.editingFinished.connect(self.heading_autosave.flush)
        head = QHBoxLayout()
        head.addWidget(self.number)
        head.addWidget(self.heading, 1)

        self.guidance_button = QToolButton(text="Hướng dẫn", checkable=True, checked=True)
        self.guidance_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.guidance_button.setArrowType(Qt.ArrowType.DownArrow)
        self.guidance_button.toggled.connect(self._toggle_guidance)
        self.guidance = QLabel(wordWrap=True)
        self.guidance.setTextFormat(Qt.TextFormat.PlainText)
        self.guidance.setFrameShape(QFrame.Shape.StyledPanel)
        self.guidance.setStyleSheet("QLabel { background: #f5f7fb; padding: 6px; color: #333; }")

        self.editor = RichTextEdit()
        spell_check.enable(self.editor)   # underlines, suggestions (ui/spell_check.py)
        # typing is followed through each document's contentsChange (connected in show_target), not
        # textChanged: a highlighter's underlines (spell check) emit textChanged without any change,
        # which marked every shown section unsaved (written again; in a read-only window a refusal
        # at every autosave, and a modal box at quit that never closed)
        self.editor.footnote_requested.connect(self.edit_footnote)
        self.toolbar = QToolBar()
        self.act_bold = QAction("Đậm", self, shortcut=QKeySequence.StandardKey.Bold, toolTip="Chữ đậm (Ctrl+B)")
        self.act_bold.triggered.connect(self.editor.toggle_bold)
        self.act_italic = QAction("Nghiêng", self, shortcut=QKeySequence.StandardKey.Italic,
                                  toolTip="Chữ nghiêng (Ctrl+I)")
        self.act_italic.triggered.connect(self.editor.toggle_italic)
        for act in (self.act_bold, self.act_italic):
            act.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            f = act.font()
            f.setBold(act is self.act_bold)
            f.setItalic(act is self.act_italic)
            act.setFont(f)
        self.act_footnote = QAction("Chèn chú thích…", self, toolTip="Chèn chú thích cuối trang tại vị trí con trỏ")
        self.act_footnote.triggered.connect(lambda: self.edit_footnote(self.editor.footnote_at_cursor()))
        self.toolbar.addActions([self.act_bold, self.act_italic])
        self.toolbar.addSeparator()
        self.toolbar.addAction(self.act_footnote)
        # typing, pasting, formatting: steps of the report's one undo history (Sửa ▸ Hoàn tác, Ctrl+Z)
        self.text_undo = TextUndo(self)
        self.generated = QLabel(wordWrap=True)
        self.generated.setStyleSheet("QLabel { color: #5a4a00; background: #fff8dc; padding: 4px; }")

        self.rating_box = QGroupBox()
        rating_layout = QHBoxLayout(self.rating_box)
        self.rating_group = QButtonGroup(self)
        self.rating_group.setExclusive(False)  # exclusivity by hand: unchecking must stay possible
        self.rating_checks: list[QCheckBox] = []
        for i in range(4):
            box = QCheckBox()
            self.rating_group.addButton(box, i)
            self.rating_checks.append(box)
            rating_layout.addWidget(box)
        rating_layout.addStretch(1)
        self.rating_group.idClicked.connect(self._on_rating_clicked)
        # one stop of the Tab chain: arrows move, Space ticks, Alt+1…4 tick from anywhere on the page
        self.rating_keys = ButtonGroupKeys(self.rating_checks, self)

        self.score_box = QGroupBox("Điểm tự chấm")
        score_column = QVBoxLayout(self.score_box)
        score_layout = QHBoxLayout()
        self.score = ScoreField()
        self.score_max = QLabel()
        score_layout.addWidget(self.score)
        score_layout.addWidget(self.score_max)
        score_layout.addStretch(1)
        self.score_problem = ScoreProblem()   # a refused score: why, for as long as it is typed
        score_column.addLayout(score_layout)
        score_column.addWidget(self.score_problem)
        # a typed score is pending like typed text: written after the pause (the total follows as
        # the officer types), on Enter/leaving the box, or by any action through the save manager
        self.score.typed.connect(self._on_score_typed)
        self.score.editingFinished.connect(self.score_autosave.flush)

        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addWidget(self.guidance_button)
        layout.addWidget(self.guidance)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.editor, 1)
        layout.addWidget(self.generated)
        self.related = RelatedLimitations(ctx)   # links to the limitations that concern the section
        layout.addWidget(self.related)
        layout.addWidget(self.rating_box)
        layout.addWidget(self.score_box)
        BodyKeys(self.editor)   # Tab leaves the body, Ctrl+Tab types a tab
        enter_goes_to(self.heading, self.editor)

    # --- showing a target --------------------------------------------------------------------------
    def show_target(self, target: Target | None) -> None:
        switched = target != self.target
        if switched:
            self.autosave.flush()   # refused: the typing stays in its document, retried later
        # the same target shown again (its text changed elsewhere): the officer stays where they were
        kept = (self.editor.textCursor().position(), self.editor.verticalScrollBar().value())
        self.target = target
        report = self.ctx.report()
        section = self.ctx.index().find(target.section_id) if target and target.kind == "section" else None
        self.editor.blockSignals(True)
        doc = self._docs.get(target.key) if target else None
        if doc is None:
            doc = QTextDocument(self)
            doc.setDefaultFont(self.editor.document().defaultFont())
            self.editor.setDocument(doc)
            body = self._body_of(report, target, section)
            self.editor.set_value(body)
            doc.contentsChange.connect(lambda _at, removed, added, d=doc: self._on_contents_change(d, removed, added))
            if target is not None:
                self._docs[target.key] = doc
                self.text_undo.watch(target.key, doc)
                reader = self._readers[target.key] = DocumentReader(doc)
                reader.prime(body)   # the first save after typing converts only the paragraph typed into
                self._forget_least_recent()
        else:
            self._docs.move_to_end(target.key)
            if self.editor.document() is not doc:   # shown already: nothing to lay out again
                self.editor.setDocument(doc)
        self.editor.blockSignals(False)
        if switched:
            self._show_beginning()
        elif kept != (self.editor.textCursor().position(), self.editor.verticalScrollBar().value()):
            cursor = self.editor.textCursor()
            cursor.setPosition(min(kept[0], self.editor.document().characterCount() - 1))
            self.editor.setTextCursor(cursor)
            self.editor.verticalScrollBar().setValue(kept[1])
        self.editor.setEnabled(target is not None)
        self._show_meta(report, target, section)
        self.related.show_for(section.id if section is not None else None)

    def _show_beginning(self) -> None:
        """A section opens at its first line (it opened scrolled to where its end had been laid out
        so far: the first line cut in half). The cursor stays where typing goes on, the text's end."""
        self.editor.verticalScrollBar().setValue(0)
        self.editor.horizontalScrollBar().setValue(0)

    def _forget_least_recent(self) -> None:
        """Keep DOCUMENTS_KEPT documents: the oldest shown goes, unless it holds typing not yet
        written or steps of the report's history still need it (dropped, they could no longer be
        undone: an undo then reached past them and wrote older text over the typing)."""
        oldest = list(self._docs)[:max(0, len(self._docs) - DOCUMENTS_KEPT)]
        needed = self.text_undo.keys_in_history() if oldest else set()
        for key in oldest:
            if key not in self._unsaved and (self.target is None or key != self.target.key) and key not in needed:
                self._drop_document(key)

    def _drop_document(self, key) -> None:
        self.text_undo.forget(key)
        self._readers.pop(key, None)
        self._edits.pop(key, None)
        self._docs.pop(key).deleteLater()

    def _body_of(self, report: Report, target: Target | None, section: Section | None) -> RichText:
        if target is None:
            return RichText()
        if target.kind == PREAMBLE:
            return report.meta.preamble
        if target.kind == CLOSING:
            return report.meta.closing
        return section.body if section else RichText()

    def _show_meta(self, report: Report, target: Target | None, section: Section | None) -> None:
        with QSignalBlocker(self.heading):
            if section is not None:
                self.number.setText(self.ctx.index().number(section))
                self.heading.setText(section.heading)
                self.heading.setCursorPosition(0)  # a long heading shows its beginning
                self.heading.setReadOnly(section.fixed or bool(self.ctx.read_only))
                self.heading.setToolTip(section.heading + ("\n(Mục do mẫu báo cáo quy định, không đổi tên được.)"
                                                           if section.fixed else ""))
            else:
                self.number.setText("")
                self.heading.setText({PREAMBLE: "Phần mở đầu (căn cứ, lý do báo cáo)",
                                      CLOSING: "Câu kết thúc văn bản"}.get(target.kind if target else "", ""))
                self.heading.setReadOnly(True)
        guidance = section.guidance.plain if section is not None else {
            PREAMBLE: "Nêu căn cứ (văn bản chỉ đạo, hướng dẫn của cấp trên: số, ngày, cơ quan ban hành) và mục đích "
                      "của báo cáo, kết thúc bằng “như sau:”.",
            CLOSING: "Câu kết thúc nội dung văn bản, kết thúc bằng “./.” (ví dụ: “… kính báo cáo cấp thẩm quyền "
                     "quan tâm chỉ đạo./.”)."}.get(target.kind if target else "", "")
        self.guidance.setText(guidance)
        self.guidance_button.setVisible(bool(guidance))
        self.guidance.setVisible(bool(guidance) and self.guidance_button.isChecked())
        note = GENERATED_NOTE.get(section.content) if section is not None and section.content else ""
        self.generated.setText(note)
        self.generated.setVisible(bool(note))

        scale = section.rating_scale if section is not None else None
        self.rating_box.setVisible(scale is not None)
        if scale is not None:
            levels = list(scale.levels)
            self.rating_box.setTitle(scale.prompt.rstrip(":"))
            for n, (box, level) in enumerate(zip(self.rating_checks, levels, strict=False)):  # up to four
                self.rating_keys.label(n, level.label)
                with QSignalBlocker(box):
                    box.setChecked(section.rating is level)
            self.rating_keys.settle()
        self.score_box.setVisible(section is not None and section.is_scored)
        if section is not None and section.is_scored:
            self.score.set_maximum(section.max_score)
            self.score.set_value(section.score)
            self.score_problem.show_reading(self.score.reading())
            # the tasks' points (Nghị định 335/2025) are computed from the task table, never typed
            computed = section.content is ContentKind.TASKS
            self.score.setReadOnly(computed)
            self.score_max.setText(f"/ {number_text(section.max_score)} điểm"
                                   + (" — tự tính từ Công cụ ▸ Bảng nhiệm vụ…" if computed else ""))

    def _toggle_guidance(self, shown: bool) -> None:
        self.guidance_button.setArrowType(Qt.ArrowType.DownArrow if shown else Qt.ArrowType.RightArrow)
        self.guidance.setVisible(shown and bool(self.guidance.text()))

    # --- saving ----------------------------------------------------------------------------------
    def _on_contents_change(self, doc: QTextDocument, removed: int, added: int) -> None:
        """A change of the text or its formatting (bold, italic) in `doc`; none when only a
        highlighter redrew it."""
        if (removed or added) and doc is self.editor.document():
            self._on_text_changed()

    def _on_text_changed(self) -> None:
        if self.target is not None:
            key = self.target.key
            self._unsaved[key] = self.target
            self._edits[key] = self._edits.get(key, 0) + 1
        # a body written off the thread is started early enough for its write's cost (LOSS_BUDGET_MS)
        self.autosave.mark_dirty(costly=self.editor.document().characterCount() >= BACKGROUND_CHARS)
        reindex.cancel()   # a key's write never waits for a re-index
        self._reindex.start()

    def _reindex_after_pause(self) -> None:
        if self.autosave.dirty or self.ctx.background.busy:   # the typing's write first
            self._reindex.start()
        elif not self.ctx.read_only:
            reindex.start(self.ctx.service)

    def save_now(self) -> None:
        """Write every body typed and not yet written, now (section switch, any action, close)."""
        self.ctx.background.wait()   # a long body's write under way is done first
        self._save(background=False)

    def save_soon(self) -> None:
        """The pause after typing: as save_now, but a long body is written off the UI thread, so
        the keyboard never waits for it."""
        self._save(background=not self.ctx.read_only)

    def _save(self, background: bool) -> None:
        self.autosave.cancel()
        for key, target in list(self._unsaved.items()):
            doc = self._docs.get(key)
            if doc is None:   # the shown document of no target: nothing to write it to
                del self._unsaved[key]
                continue
            reader = self._readers.get(key)
            if reader is None or reader.doc is not doc:
                reader = self._readers[key] = DocumentReader(doc)
            body = reader.read()
            if background and target.kind == "section" and doc.characterCount() >= BACKGROUND_CHARS:
                if not self.ctx.background.busy:   # else: when the write under way is done
                    self._write_in_background(key, target, body)
                continue
            clashes = self.clashes
            self._write_body(key, target, body)
            if self.ctx.last_failed:
                return   # the database refuses: the rest waits for the next try
            if self.clashes != clashes:
                continue   # another program wrote this text meanwhile: the typing stays, unsaved
            self._unsaved.pop(key, None)   # written (or refused for good, and said so)
            self.body_saved.emit(target)

    def _patch(self, section_id: int | None, body: RichText) -> Callable[[Report, object], None]:
        def patch(_report: Report, version: object) -> None:
            section = self.ctx.index().find(section_id)
            if section is not None:
                section.body = body
                if isinstance(version, int):   # the row's version after this write: the next one's check
                    section.version = version
        return patch

    def _seen(self, target: Target) -> object:
        """The section (or the preamble's, the closing's text) as the window last read or wrote
        it: what the officer's typing started from (a text another program wrote since is not
        overwritten)."""
        if target.kind != "section":
            return self._body_of(self.ctx.report(), target, None)
        section = self.ctx.index().find(target.section_id)
        return copy.copy(section) if section is not None else None

    def _on_clash(self, key, target: Target) -> Callable[[Exception], None]:
        """Another program wrote this section's body since the window read it: the officer's text
        stays in its document, unsaved; the officer chooses whether it replaces the other one, or
        takes the other one (the own text then one Ctrl+Z away). The report was read again."""
        def ask(_exc: Exception) -> None:
            name = (f"Mục “{shorten(self._target_name(target), 60)}”" if target.kind == "section"
                    else self._target_name(target))
            self._unsaved[key] = target
            self.clashes += 1
            left = self._clashed.get(key)
            if key in self._asking or (left is not None and left[1] == self._edits.get(key, 0)):
                # asked already (a save while the question is open: the 2-second check), or left for
                # later and not typed into since: refused quietly, the banner says so
                self.ctx.saves.refused(f"{name} vừa được thay đổi ở nơi khác")
                return
            seen = left[0] if left is not None else self._before_clash
            # until answered, every write of this text is still checked against what the officer saw
            self._clashed[key] = (seen, -1)
            self._asking.add(key)
            try:
                choice = messages.choose(
                    self, f"{name} vừa được thay đổi ở nơi khác (lệnh nhập Excel, một cửa sổ hoặc một máy khác đang "
                          "mở cùng tệp dữ liệu) sau khi được hiển thị ở đây. Nội dung bạn đang soạn chưa được ghi để "
                          "không đè lên thay đổi kia, và vẫn còn nguyên trong cửa sổ.\n\n"
                          "Giữ nội dung đang soạn (ghi đè bản ở nơi khác), hay lấy bản đã lưu ở nơi khác (nội dung "
                          "đang soạn vẫn lấy lại được bằng Sửa ▸ Hoàn tác, Ctrl+Z)?",
                    ["Giữ nội dung đang soạn", "Lấy bản ở nơi khác"], cancel="Để sau")
            finally:
                self._asking.discard(key)
            self._unsaved[key] = target
            if choice == 1:   # one step of the report's history, named in the menu
                self.text_undo.labelled("Lấy bản ở nơi khác", lambda: self._take_stored(key, target))
            elif choice is None:   # "Để sau": still compared with what the officer saw; asked again after typing
                self._clashed[key] = (seen, self._edits.get(key, 0))
                self.ctx.saves.refused(f"{name} vừa được thay đổi ở nơi khác")
                return
            self._clashed.pop(key, None)
            self.autosave.mark_dirty()
        return ask

    def _take_stored(self, key, target: Target) -> None:
        """Show the body as stored in the section's document as one undoable edit (Ctrl+Z brings
        the officer's text back)."""
        doc = self._docs.get(key)
        section = self.ctx.index().find(target.section_id) if target.kind == "section" else None
        if doc is None or (target.kind == "section" and section is None):
            return
        cursor = QTextCursor(doc)
        cursor.beginEditBlock()
        cursor.select(QTextCursor.SelectionType.Document)
        cursor.removeSelectedText()
        insert_richtext(cursor, self._body_of(self.ctx.report(), target, section))
        cursor.endEditBlock()

    def _write_in_background(self, key, target: Target, body: RichText) -> None:
        edits, clashes = self._edits.get(key, 0), self.clashes

        def done() -> None:
            if (self.ctx.last_ok or not self.ctx.last_failed) and self.clashes == clashes:  # written, or refused
                if self._edits.get(key, 0) == edits:
                    self._unsaved.pop(key, None)
                self.body_saved.emit(target)
            if self._unsaved and not self.ctx.last_failed:
                self.autosave.mark_dirty()   # typed meanwhile, or waiting for this write: on the timer again

        work = self.ctx.service.section_body_writer(target.section_id, body, self._before(key, target))
        self.ctx.call_in_background(self.autosave, work, done, initiator=self,
                                    patch=self._patch(target.section_id, body), on_clash=self._on_clash(key, target))

    def _before(self, key, target: Target) -> Any:
        """What a write of this section's typing is checked against: what the officer saw, or —
        after a clash left for later — what the officer saw before it."""
        left = self._clashed.get(key)
        self._before_clash = left[0] if left is not None else self._seen(target)
        return self._before_clash

    def _write_body(self, key, target: Target, body: RichText) -> None:
        svc = self.ctx.service
        if target.kind == "section":
            before = self._before(key, target)
            self.ctx.call(lambda: svc.write_section_body(target.section_id, body, before), initiator=self,
                          patch=self._patch(target.section_id, body), on_clash=self._on_clash(key, target))
        else:
            field = "preamble" if target.kind == PREAMBLE else "closing"
            seen = {field: self._before(key, target)}
            self.ctx.call(lambda: write_frame(svc, self.ctx.report_id, {field: body}, seen), initiator=self,
                          on_clash=self._on_clash(key, target))

    def _target_name(self, target: Target) -> str:
        if target.kind != "section":
            return {PREAMBLE: "Phần mở đầu", CLOSING: "Câu kết thúc"}[target.kind]
        index = self.ctx.index()
        section = index.find(target.section_id)
        if section is None:
            return "Mục đã xóa"
        return f"{index.number(section)} {section_name(section, empty='(mục chưa có tên)')}".strip()

    def _unsaved_bodies(self) -> list[tuple[str, str]]:
        return [(self._target_name(t), self._docs[k].toPlainText())
                for k, t in self._unsaved.items() if k in self._docs]

    def _unsaved_heading(self) -> list[tuple[str, str]]:
        if self.target is None or self.target.kind != "section":
            return []
        return [(f"Tên mục (đang sửa) của {self._target_name(self.target)}", self.heading.text())]

    def _unsaved_score(self) -> list[tuple[str, str]]:
        if self.target is None:
            return []
        return [(f"Điểm tự chấm của {self._target_name(self.target)}", self.score.text())]

    def forget_documents(self) -> None:
        """Drop the cached documents (their undo histories) after a reload from the database; those
        holding typing not yet written stay."""
        current = self.target.key if self.target else None
        for key in list(self._docs):
            if key != current and key not in self._unsaved:
                self._drop_document(key)

    def refresh_documents(self, keys: list[object]) -> None:
        """The kept documents of `keys` whose text was changed by another panel, a use case or an
        undo (a corrected period renames the opening): made again from the stored text, so the
        page never shows — and typing never writes back — the text as it was. A document holding
        typing not yet written stays (its write is checked against what the officer saw)."""
        report, index = self.ctx.report(), self.ctx.index()
        for key in [k for k in keys if k in self._docs and k not in self._unsaved]:
            target = Target("section", key) if isinstance(key, int) else Target(key)
            section = index.find(key) if target.kind == "section" else None
            if target.kind == "section" and section is None:
                continue   # a deleted section: the outline's change handles it
            reader = self._readers.get(key)
            if reader is None or reader.doc is not self._docs[key]:
                reader = self._readers[key] = DocumentReader(self._docs[key])
            if reader.read() == self._body_of(report, target, section):
                continue   # unchanged (a heading, a rating): its undo history stays
            self._drop_document(key)
            if self.target is not None and self.target.key == key:
                self.show_target(target)

    def show_stored(self) -> None:
        """Show the shown target's text as stored now (after a restore from a version, issue 17): its
        document is made again, unless it holds typing not yet written."""
        target = self.target
        if target is None or target.key in self._unsaved:
            return
        if target.key in self._docs:
            self._drop_document(target.key)
        self.show_target(target)

    def _save_heading(self) -> None:
        target = self.target
        if target is None or target.kind != "section":
            return
        section = self.ctx.index().find(target.section_id)
        new = self.heading.text()
        if section is None or section.fixed or new == section.heading:
            return
        with self.ctx.answering_clash(lambda _exc: None):   # asked below, with both names
            commands.rename_section(self.ctx, section.id, section.heading, new, initiator=self, seen=section)
        if self.ctx.last_clash:
            self._heading_clash(section.id, new)

    def _heading_clash(self, section_id: int, typed: str) -> None:
        """Another program renamed the section since the window showed it (the report was read
        again and the field shows its name): the officer chooses which name stays; the typed one
        is written over the other, as typing is, when kept."""
        stored = self.ctx.index().find(section_id)
        theirs = stored.heading if stored is not None else ""
        if stored is None or theirs == typed:
            return
        if not messages.keep_typed(self, "Tên mục", [("Tên mục", theirs, typed)]):
            return
        if self.target is not None and self.target.kind == "section" and self.target.section_id == section_id:
            with QSignalBlocker(self.heading):
                self.heading.setText(typed)
            self.heading_autosave.mark_dirty()   # written over the other one, checked against it
        else:
            commands.rename_section(self.ctx, section_id, theirs, typed, initiator=self, seen=stored)

    def _on_rating_clicked(self, index: int) -> None:
        section = self.ctx.index().find(self.target.section_id) if self.target else None
        if section is None or section.rating_scale is None:
            return
        levels = list(section.rating_scale.levels)
        new = levels[index] if self.rating_checks[index].isChecked() else None
        for i, box in enumerate(self.rating_checks):
            if i != index:
                with QSignalBlocker(box):
                    box.setChecked(False)
        if new is not section.rating:
            commands.set_rating(self.ctx, section.id, section.rating, new, initiator=self, seen=section)

    def _on_score_typed(self, reading) -> None:
        self.score_problem.show_reading(reading)
        if not reading.problem:
            self.score_autosave.mark_dirty()

    def _on_score(self) -> None:
        section = self.ctx.index().find(self.target.section_id) if self.target else None
        if section is None or not section.is_scored:
            return
        reading = self.score.reading()
        if reading.problem:   # refused, and said so beside the field: the stored score stays
            return
        new = reading.value
        if new != section.score:
            commands.set_score(self.ctx, section.id, section.score, new, initiator=self, seen=section)

    # --- footnotes ---------------------------------------------------------------------------------
    def edit_footnote(self, existing: str | None) -> None:
        current = RichText.from_markup(existing).plain if existing else ""
        text, ok = QInputDialog.getMultiLineText(self, "Chú thích", "Nội dung chú thích (in ở cuối trang):", current)
        if ok and text.strip():
            self.editor.insert_footnote(RichText.from_plain(" ".join(text.split("\n"))))


def _subtree(item: QTreeWidgetItem) -> list[QTreeWidgetItem]:
    out, stack = [], [item]
    while stack:
        x = stack.pop()
        out.append(x)
        stack.extend(x.child(i) for i in range(x.childCount()))
    return out


def score_summary(report: Report) -> str:
    """'Tổng điểm tự chấm: 87,5/100 — đạt (điểm chuẩn 80)': the live total of a scored kind."""
    from ..render.layout import vn_number
    total = report.score_total()
    if total is None:
        return ""
    missing = sum(1 for s in report.walk() if s.is_scored and s.score is None)
    if report.nothing_scored():   # no sum, no verdict yet: as printed ("…")
        return f"Tổng điểm tự chấm: …/{vn_number(report.score_max())}; còn {missing} tiêu chí chưa chấm"
    text = f"Tổng điểm tự chấm: {vn_number(total)}/{vn_number(report.score_max())}"
    scoring = report.scoring
    if scoring is not None and scoring.pass_mark is not None:
        verdict = "đạt" if total >= scoring.pass_mark else "chưa đạt"
        text += f" — {verdict} (điểm chuẩn {vn_number(scoring.pass_mark)})"
    elif scoring is not None and scoring.band_for(total) is not None:
        text += f" — {scoring.band_for(total).label}"
    if missing:
        text += f"; còn {missing} tiêu chí chưa chấm"
    return text


class ReportEditor(QWidget):
    """Navigator on the left; on the right the section page and the report's other panels."""

    title_changed = Signal(str)
    progress_changed = Signal(str)

    def __init__(self, ctx: EditorContext, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.page = SectionPage(ctx)
        self.page.text_undo.reveal = self.select   # an undone word is shown where it was typed
        ctx.changed.connect(self._on_changed)

        self.tree = QTreeWidget()
        self.tree.setHeaderHidden(True)
        self.tree.setUniformRowHeights(True)
        self.tree.currentItemChanged.connect(self._on_current)
        # a section clicked in the outline is shown, whichever tab was open (the limitations, the
        # document's fields): only the highlight moved before
        self.tree.itemClicked.connect(lambda *_: self.tabs.setCurrentWidget(self.page))
        self.tree.setMinimumWidth(200)   # the page gets the rest of a 1024-pixel screen

        self.act_add = QAction("Thêm mục sau", self, toolTip="Thêm một mục sau mục đang chọn (Ctrl+Enter)",
                               shortcut=QKeySequence("Ctrl+Return"))
        self.act_add_before = QAction("Thêm mục trước", self, shortcut=QKeySequence("Ctrl+Shift+Return"),
                                      toolTip="Thêm một mục trước mục đang chọn (Ctrl+Shift+Enter)")
        self.act_add_child = QAction("Thêm mục con", self, shortcut=QKeySequence("Ctrl+Alt+Return"),
                                     toolTip="Thêm một mục con cuối mục đang chọn (Ctrl+Alt+Enter)")
        self.act_up = QAction("Lên", self, toolTip="Chuyển mục lên trên (Ctrl+Shift+↑)",
                              shortcut=QKeySequence("Ctrl+Shift+Up"))
        self.act_down = QAction("Xuống", self, toolTip="Chuyển mục xuống dưới (Ctrl+Shift+↓)",
                                shortcut=QKeySequence("Ctrl+Shift+Down"))
        self.act_indent = QAction("Thụt lề", self, toolTip="Biến mục thành mục con của mục trên nó (Ctrl+Shift+→)",
                                  shortcut=QKeySequence("Ctrl+Shift+Right"))
        self.act_outdent = QAction("Lùi lề", self, toolTip="Đưa mục ra ngang cấp với mục cha (Ctrl+Shift+←)",
                                   shortcut=QKeySequence("Ctrl+Shift+Left"))
        self.act_delete = QAction("Xóa mục", self, shortcut=QKeySequence(QKeySequence.StandardKey.Delete),
                                  toolTip="Xóa mục đang chọn và các mục con (Delete, trong dàn ý)")
        self.act_prev = QAction("◀ Mục trước", self, toolTip="Mục trước (Ctrl+Page Up)",
                                shortcut=QKeySequence("Ctrl+PgUp"))
        self.act_next = QAction("Mục sau ▶", self, toolTip="Mục sau (Ctrl+Page Down)",
                                shortcut=QKeySequence("Ctrl+PgDown"))
        for act, slot in ((self.act_add, self.add_section),
                          (self.act_add_before, lambda: self.add_section(before=True)),
                          (self.act_add_child, self.add_child),
                          (self.act_up, lambda: self.move(-1)), (self.act_down, lambda: self.move(1)),
                          (self.act_indent, self.indent), (self.act_outdent, self.outdent),
                          (self.act_delete, self.delete_section), (self.act_prev, lambda: self.step(-1)),
                          (self.act_next, lambda: self.step(1))):
            act.triggered.connect(ctx.saves.guard(slot))  # what was typed is written first
            act.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.addAction(act)
        # Delete removes a section only from the outline (in a text it deletes a character)
        self.act_delete.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.tree.addAction(self.act_delete)
        outline_menu(self.tree, [self.act_add_before, self.act_add, self.act_add_child, None, self.act_up,
                                 self.act_down, self.act_indent, self.act_outdent, None, self.act_delete])
        bar = QToolBar()
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        # the three "Thêm mục" in one button: all of the outline's commands fit a 1024-pixel screen
        bar.addWidget(menu_button(self.act_add, [self.act_add_before, self.act_add, self.act_add_child]))
        bar.addAction(self.act_delete)
        bar2 = QToolBar()
        bar2.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        bar2.addActions([self.act_up, self.act_down, self.act_indent, self.act_outdent])
        self.progress_label = QLabel()
        self.score_label = QLabel(wordWrap=True)
        self.progress_bar = QProgressBar(textVisible=False, maximumHeight=8)
        self.prev_button = QPushButton(self.act_prev.text())
        self.prev_button.clicked.connect(self.act_prev.trigger)
        self.next_button = QPushButton(self.act_next.text())
        self.next_button.clicked.connect(self.act_next.trigger)
        self.prev_button.setToolTip(self.act_prev.toolTip())
        self.next_button.setToolTip(self.act_next.toolTip())
        keep_usable(self.act_prev, self.act_next, self.prev_button, self.next_button, self.page.guidance_button)
        steps = QHBoxLayout()
        steps.addWidget(self.prev_button)
        steps.addWidget(self.next_button)
        left = QWidget()
        lv = QVBoxLayout(left)
        lv.setContentsMargins(0, 0, 0, 0)
        lv.addWidget(QLabel("<b>Dàn ý báo cáo</b>"))
        lv.addWidget(bar)
        lv.addWidget(bar2)
        lv.addWidget(self.tree, 1)
        lv.addWidget(self.progress_label)
        lv.addWidget(self.score_label)
        lv.addWidget(self.progress_bar)
        lv.addLayout(steps)

        self.tabs = QTabWidget()
        self._add_tab(self.page, "Nội dung mục")
        self.panels: dict[str, QWidget] = {}
        self.splitter = QSplitter()
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.tabs)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([300, 1000])   # shares: the outline ~23 % (235 px of a 1024-pixel screen)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.splitter, 1)   # all the height: a banner put above it keeps its text's height
        self.rebuild()
        first = self.tree.topLevelItem(0)
        if first is not None:
            self.tree.setCurrentItem(first)

    def add_panel(self, key: str, widget: QWidget, title: str) -> None:
        self.panels[key] = widget
        self._add_tab(widget, title)
        if key == "limitations":
            link_panels(self, widget)   # a limitation's section and back

    def _add_tab(self, widget: QWidget, title: str) -> None:
        text, tip = TABS.get(title, (title, ""))
        self.tabs.setTabToolTip(self.tabs.addTab(widget, text), tip)

    # --- navigator -----------------------------------------------------------------------------
    def targets(self) -> list[Target]:
        return ([Target(PREAMBLE)] + [Target("section", s.id) for s in self.ctx.index().order] + [Target(CLOSING)])

    def rebuild(self) -> None:
        """The whole outline anew (opening, or the report read afresh after another program's write)."""
        report = self.ctx.report()
        current = self.current_target()
        with QSignalBlocker(self.tree):
            self.tree.clear()
            self._items: dict[object, QTreeWidgetItem] = {}
            self._kids: dict[int | None, list[int]] = {}   # the items' order under each parent, as shown
            pre = QTreeWidgetItem(self.tree, ["Phần mở đầu"])
            pre.setData(0, ROLE, Target(PREAMBLE))
            self._items[PREAMBLE] = pre

            def add(sections: list[Section], owner, owner_id: int | None) -> None:
                self._kids[owner_id] = [s.id for s in sections]
                for s in sections:
                    item = self._new_item(s)
                    if owner is self.tree:
                        self.tree.addTopLevelItem(item)
                    else:
                        owner.addChild(item)
                    add(s.children, item, s.id)

            add(report.sections, self.tree, None)
            end = QTreeWidgetItem(self.tree, ["Câu kết thúc"])
            end.setData(0, ROLE, Target(CLOSING))
            self._items[CLOSING] = end
            self._label_meta()
            self.tree.expandAll()
            if current is not None and current.key in self._items:
                self.tree.setCurrentItem(self._items[current.key])
        self._update_progress()
        self.title_changed.emit(report.title)

    def _new_item(self, s: Section) -> QTreeWidgetItem:
        item = QTreeWidgetItem()
        item.setData(0, ROLE, Target("section", s.id))
        self._items[s.id] = item
        self._label(item, s)
        return item

    def _sync_outline(self) -> None:
        """The tree made like the report's outline after an edit of it: the items of sections gone
        taken out, new ones made, moved ones put in their place — the rest of the tree untouched
        (a move in a 1,000-section report moves one item, not a thousand)."""
        index = self.ctx.index()
        report = self.ctx.report()
        current = self.current_target()
        with QSignalBlocker(self.tree):
            alive = {s.id for s in index.order}
            # every item gone held until all are out: an item let go deletes its children with it
            gone = [self._items.pop(k) for k in [k for k in self._items if isinstance(k, int) and k not in alive]]
            for item in gone:
                self._detach(item)
            self._kids = {owner: [k for k in kids if k in alive] for owner, kids in self._kids.items()
                          if owner is None or owner in alive}
            for owner_id, wanted in [(None, [s.id for s in report.sections])] + [
                    (s.id, [c.id for c in s.children]) for s in index.order]:   # parents before their children
                shown = self._kids.get(owner_id, [])
                if shown != wanted:
                    self._arrange(owner_id, shown, wanted)
            if current is not None:   # an item taken out and put back is no longer current by itself
                # deleted: none, the caller chooses what to show next
                self.tree.setCurrentItem(self._items.get(current.key))

    def _owner_item(self, owner_id: int | None) -> QTreeWidgetItem | None:
        return None if owner_id is None else self._items[owner_id]

    def _detach(self, item: QTreeWidgetItem) -> None:
        parent = item.parent()
        if parent is not None:
            parent.removeChild(item)
        else:
            i = self.tree.indexOfTopLevelItem(item)
            if i >= 0:
                self.tree.takeTopLevelItem(i)

    def _arrange(self, owner_id: int | None, shown: list[int], wanted: list[int]) -> None:
        """Put the items under one parent in the `wanted` order, moving as few as possible."""
        owner = self._owner_item(owner_id)
        offset = 1 if owner is None else 0   # the preamble's item comes first at the top
        current = list(shown)
        for i, key in enumerate(wanted):
            if i < len(current) and current[i] == key:
                continue
            item = self._items.get(key)
            expanded: list[tuple[QTreeWidgetItem, bool]] = []
            if item is None:
                item = self._new_item(self.ctx.index().find(key))
                fresh = True
            else:
                fresh = False
                expanded = [(x, x.isExpanded()) for x in _subtree(item)]
                self._detach(item)
                if key in current:
                    current.remove(key)
                for kids in self._kids.values():   # moved here from another parent
                    if key in kids:
                        kids.remove(key)
            if owner is None:
                self.tree.insertTopLevelItem(i + offset, item)
            else:
                owner.insertChild(i, item)
            current.insert(i, key)
            if fresh:
                item.setExpanded(True)
            for x, was in expanded:
                x.setExpanded(was)
        self._kids[owner_id] = list(wanted)
        if owner is not None:
            owner.setExpanded(True)

    def _label(self, item: QTreeWidgetItem, s: Section) -> None:
        index = self.ctx.index()
        state = index.state(s)
        number = index.number(s)
        head = shorten(section_name(s, empty="(mục chưa có tên)"), 80)
        warn = " ⚠" if s.rating_scale is not None and s.rating is None else ""
        item.setText(0, f"{state_mark(state)} {number} {head}{warn}".replace("  ", " "))
        tip = [state.label]
        if warn:
            tip.append("chưa chọn mức tự đánh giá" if s.rating_scale is RatingScale.CAP_DO
                       else "chưa chọn mức xếp loại")
        item.setToolTip(0, f"{number} {s.heading}\n" + "; ".join(tip))

    def _label_meta(self) -> None:
        report = self.ctx.report()
        for key, rt, name in ((PREAMBLE, report.meta.preamble, "Phần mở đầu"),
                              (CLOSING, report.meta.closing, "Câu kết thúc")):
            mark = state_mark(SectionState.EMPTY if rt.is_empty() else SectionState.COMPLETE)
            self._items[key].setText(0, f"{mark} {name}")

    def current_target(self) -> Target | None:
        item = self.tree.currentItem() if hasattr(self, "_items") else None
        return item.data(0, ROLE) if item is not None else None

    def current_section(self) -> Section | None:
        target = self.current_target()
        if target is None or target.kind != "section":
            return None
        return self.ctx.index().find(target.section_id)

    def select(self, target_key) -> None:
        item = self._items.get(target_key)
        if item is not None:
            self.tree.setCurrentItem(item)
            self.tabs.setCurrentWidget(self.page)

    def _on_current(self, current: QTreeWidgetItem | None, _previous) -> None:
        target = current.data(0, ROLE) if current is not None else None
        self.ctx.saves.flush_all()  # a section switch writes everything typed so far
        self.page.show_target(target)
        self._update_actions()
        self._update_progress()

    def _place(self, target: Target | None) -> int:
        """The target's place among targets(): 0 the preamble, 1… the sections, then the closing; -1 none."""
        if target is None:
            return -1
        if target.kind == PREAMBLE:
            return 0
        index = self.ctx.index()
        if target.kind == CLOSING:
            return len(index.order) + 1
        position = index.position(target.section_id)
        return -1 if position is None else position + 1

    def _update_actions(self) -> None:
        section = self.current_section()
        is_section = section is not None
        fixed = bool(section and section.fixed)
        for act in (self.act_up, self.act_down, self.act_add_child, self.act_add_before):
            act.setEnabled(is_section)
        for act in (self.act_indent, self.act_outdent, self.act_delete):
            act.setEnabled(is_section and not fixed)
        place, last = self._place(self.current_target()), len(self.ctx.index().order) + 1
        self.act_prev.setEnabled(place > 0)
        self.act_next.setEnabled(0 <= place < last)
        self.prev_button.setEnabled(self.act_prev.isEnabled())
        self.next_button.setEnabled(self.act_next.isEnabled())

    def _update_progress(self) -> None:
        index = self.ctx.index()
        done, total = index.progress()
        current = self.current_target()
        position = index.position(current.section_id) if current is not None else None
        pct = percent_done(done, total)
        where = f"Mục {position + 1}/{total}" if position is not None else f"{total} mục"
        text = f"{where} — {pct}% hoàn thành"
        self.progress_label.setText(text)
        self.progress_bar.setMaximum(max(total, 1))
        self.progress_bar.setValue(done)
        self.progress_changed.emit(text)
        self.score_label.setText(score_summary(self.ctx.report()) if index.scored else "")
        self.score_label.setVisible(bool(self.score_label.text()))

    def _on_changed(self, changes: Changes, initiator) -> None:
        """Refresh what the change touches: the items of the sections whose number, state or
        heading may read differently (the context's index says which), the outline's items only
        where it changed; everything only when the report was read afresh."""
        if not changes:
            return
        if changes.everything:
            self.page.forget_documents()
        target = self.current_target()
        touched = self.ctx.touched
        survivor = self._survivor() if changes.touches_outline() or touched is None else None
        if touched is None:   # read afresh: every item
            self.rebuild()
            target = self.current_target()
            if survivor is not None:
                self.select(survivor)
            elif target is not None:
                self.page.show_target(target)
            return
        report = self.ctx.report()
        if changes.touches_outline():
            self._sync_outline()
            target = self.current_target()
            if survivor is not None:   # the shown section is gone (an undone "Thêm mục"): never type into it
                self.select(survivor)
                target = None   # shown by the selection
        for section in touched:
            item = self._items.get(section.id)
            if item is not None:
                self._label(item, section)
        if changes.meta:
            self._label_meta()
            self.title_changed.emit(report.title)
        if initiator is not self.page:   # texts kept in the page's documents changed elsewhere
            self.page.refresh_documents([*changes.sections, *((PREAMBLE, CLOSING) if changes.meta else ())])
        if target is not None and (changes.touches_outline() or (initiator is not self.page and (
                target.section_id in changes.sections or (changes.meta and target.kind != "section")))):
            self.page.show_target(target)  # another panel, undo or redo changed what the page shows
        if changes.touches_outline():
            self._update_actions()
        self._update_progress()

    def _survivor(self) -> object | None:
        """When the section on the page no longer exists: the key of the nearest item above it
        in the outline that does (the preamble at worst), to show instead; else None."""
        target, index = self.page.target, self.ctx.index()
        if target is None or target.kind != "section" or index.find(target.section_id) is not None:
            return None
        item = self._items.get(target.section_id)
        while item is not None:
            item = self.tree.itemAbove(item)
            above = item.data(0, ROLE) if item is not None else None
            if above is not None and (above.kind != "section" or index.find(above.section_id) is not None):
                return above.key
        return PREAMBLE

    # --- walking --------------------------------------------------------------------------------
    def step(self, delta: int) -> None:
        order = self.ctx.index().order
        new = self._place(self.current_target()) + delta
        if 0 <= new <= len(order) + 1:
            self.select(PREAMBLE if new == 0 else CLOSING if new == len(order) + 1 else order[new - 1].id)
            self.page.editor.setFocus()

    # --- structure ------------------------------------------------------------------------------
    def _position(self, section: Section) -> tuple[int | None, int]:
        index = self.ctx.index()
        parent = index.parent_of(section)
        return (parent.id if parent else None), index.siblings_of(section).index(section)

    def add_section(self, before: bool = False) -> None:
        section = self.current_section()
        if section is None:
            target = self.current_target()
            report = self.ctx.report()
            parent_id, index = None, (0 if target and target.kind == PREAMBLE else len(report.sections))
        else:
            parent_id, index = self._position(section)
            index += 0 if before else 1
        new_id = commands.add_section(self.ctx, parent_id, index)
        if new_id is not None:
            self.select(new_id)
            self.page.heading.setFocus()
            self.page.heading.selectAll()

    def add_child(self) -> None:
        section = self.current_section()
        if section is None:
            return
        new_id = commands.add_section(self.ctx, section.id, len(section.children))
        if new_id is not None:
            self.select(new_id)
            self.page.heading.setFocus()
            self.page.heading.selectAll()

    def move(self, delta: int) -> None:
        section = self.current_section()
        if section is None:
            return
        parent_id, index = self._position(section)
        siblings = self.ctx.index().siblings_of(section)
        new = index + delta
        if 0 <= new < len(siblings):
            commands.move_section(self.ctx, section.id, parent_id, new, "Chuyển mục lên" if delta < 0 else
                                  "Chuyển mục xuống")

    def indent(self) -> None:
        section = self.current_section()
        if section is None or section.fixed:
            return
        _parent_id, index = self._position(section)
        if index == 0:
            messages.info(self, "Mục đầu tiên của một cấp không thể thụt vào: không có mục nào ở trên để làm mục cha.")
            return
        new_parent = self.ctx.index().siblings_of(section)[index - 1]
        commands.move_section(self.ctx, section.id, new_parent.id, len(new_parent.children), "Thụt mục vào")

    def outdent(self) -> None:
        section = self.current_section()
        if section is None or section.fixed:
            return
        parent = self.ctx.index().parent_of(section)
        if parent is None:
            messages.info(self, "Mục này đã ở cấp cao nhất.")
            return
        grand_id, parent_index = self._position(parent)
        commands.move_section(self.ctx, section.id, grand_id, parent_index + 1, "Thụt mục ra")

    def delete_section(self) -> None:
        section = self.current_section()
        if section is None:
            return
        if section.fixed:
            messages.info(self, "Mục này do mẫu báo cáo quy định, không xóa được.")
            return
        count = sum(1 for _ in section.walk())
        name = section_name(section, 60, empty="mục này", ellipsis="")
        extra = f" và {count - 1} mục con" if count > 1 else ""
        if not messages.confirm(self, f"Xóa mục “{name}”{extra}? Có thể hoàn tác bằng Ctrl+Z.", yes="Xóa"):
            return
        place = self._place(Target("section", section.id))
        commands.delete_section(self.ctx, section.id)
        remaining = self.targets()
        self.select(remaining[min(place, len(remaining) - 1)].key)

    def flush(self) -> None:
        """Write everything typed so far, in every panel (the save manager's `flush_all`)."""
        self.ctx.saves.flush_all()
