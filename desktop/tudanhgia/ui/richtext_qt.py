"""The body-text editor: RichText ⇄ QTextDocument through the cursor API, and a QTextEdit that
keeps only what our format keeps (paragraphs, bold, italic, footnotes) when text is pasted.

A footnote is one superscript marker character in the document whose character format carries
the note's markup; its number is shown in order of appearance, as in the printed document."""
from __future__ import annotations

import unicodedata

from PySide6.QtCore import QMimeData, Qt, Signal
from PySide6.QtGui import (QFont, QKeySequence, QTextBlock, QTextBlockFormat, QTextCharFormat, QTextCursor,
                           QTextDocument, QTextFormat)
from PySide6.QtWidgets import QApplication, QTextEdit

from ..domain.paste import tidy_paste
from ..domain.richtext import Footnote, Paragraph, RichText, Run, clean_text

FOOTNOTE_PROPERTY = QTextFormat.Property.UserProperty + 1
FOOTNOTE_MARK = "\u2217"          # the marker drawn in the editor (∗), superscript
LINE_SEPARATOR = "\u2028"         # QTextDocument's line break inside a paragraph
BIG_PASTE_CHARS = 200_000         # a paste this long shows the wait cursor while it is read


def _char_format(bold: bool, italic: bool) -> QTextCharFormat:
    fmt = QTextCharFormat()
    fmt.setFontWeight(QFont.Weight.Bold if bold else QFont.Weight.Normal)
    fmt.setFontItalic(italic)
    fmt.setVerticalAlignment(QTextCharFormat.VerticalAlignment.AlignNormal)
    return fmt


def _footnote_format(note_markup: str) -> QTextCharFormat:
    fmt = QTextCharFormat()
    fmt.setVerticalAlignment(QTextCharFormat.VerticalAlignment.AlignSuperScript)
    fmt.setForeground(Qt.GlobalColor.darkBlue)
    fmt.setFontWeight(QFont.Weight.Bold)
    fmt.setProperty(FOOTNOTE_PROPERTY, note_markup)
    fmt.setToolTip(f"Chú thích: {RichText.from_markup(note_markup).plain}")
    return fmt


def _block_format() -> QTextBlockFormat:
    fmt = QTextBlockFormat()
    fmt.setBottomMargin(6)  # paragraphs apart, as printed (layout only: not part of the text)
    return fmt


def insert_richtext(cursor: QTextCursor, rt: RichText) -> None:
    """Insert `rt` at the cursor: the first paragraph continues the current block."""
    for i, p in enumerate(rt.paragraphs):
        if i:
            cursor.insertBlock(_block_format())
        elif cursor.atStart():
            cursor.setBlockFormat(_block_format())
        for item in p.items:
            if isinstance(item, Footnote):
                note = RichText((Paragraph(item.runs),)).to_markup()
                cursor.insertText(FOOTNOTE_MARK, _footnote_format(note))
            else:
                cursor.insertText(item.text.replace("\n", LINE_SEPARATOR), _char_format(item.bold, item.italic))
    cursor.setCharFormat(_char_format(False, False))


def to_document(rt: RichText, doc: QTextDocument | None = None) -> QTextDocument:
    doc = doc or QTextDocument()
    doc.clear()
    cursor = QTextCursor(doc)
    cursor.beginEditBlock()
    insert_richtext(cursor, rt)
    cursor.endEditBlock()
    return doc


def _paragraph(block: QTextBlock, clean: bool) -> Paragraph:
    items: list = []
    it = block.begin()
    while not it.atEnd():
        frag = it.fragment()
        if frag.isValid():
            fmt = frag.charFormat()
            note = fmt.property(FOOTNOTE_PROPERTY)
            text = frag.text()
            if note is not None and isinstance(note, str):
                for _ in text:  # a fragment may hold two adjacent markers with equal notes
                    runs = RichText.from_markup(note).paragraphs[0].runs() if note.strip() else ()
                    items.append(Footnote(tuple(runs)))
            else:
                text = text.replace(LINE_SEPARATOR, "\n").replace("\ufffc", "")
                text = clean_text(text) if clean else unicodedata.normalize("NFC", text)
                items.append(Run(text, fmt.fontWeight() >= QFont.Weight.DemiBold, fmt.fontItalic()))
        it += 1
    return Paragraph(tuple(items))


def from_document(doc: QTextDocument, clean: bool = False) -> RichText:
    """The document as RichText. `clean` maps Word's breaks and drops control characters
    (used for pasted text); typed text is kept as typed, NFC-normalised."""
    paras: list[Paragraph] = []
    block = doc.begin()
    while block.isValid():
        paras.append(_paragraph(block, clean))
        block = block.next()
    return RichText(tuple(_no_lone_empty(paras)))


def _no_lone_empty(paras: list[Paragraph]) -> list[Paragraph]:
    # an editor always holds one (possibly empty) block: an empty body is no paragraph at all
    return [] if len(paras) == 1 and not paras[0].items else paras


class DocumentReader:
    """`from_document` for a document read again and again (a body saved while it is typed): each
    block's paragraph is kept, marked with the block's revision and length, so a read converts only
    the blocks typed into since the last one (a 1 MB body: a few milliseconds instead of 30), and
    the paragraphs kept keep their JSON (RichText.by_paragraphs). A block's key is its `userState`,
    which no undo step records and every change of the block clears; a block whose key, revision or
    length does not match is read afresh."""

    def __init__(self, doc: QTextDocument):
        self.doc = doc
        self._kept: dict[int, tuple[int, int, Paragraph]] = {}
        self._next_key = 0
        # a format change (Ctrl+B) leaves a block's revision and length as they were: every change
        # the document reports forgets the blocks it touched
        doc.contentsChange.connect(self._changed)

    def _changed(self, position: int, _removed: int, added: int) -> None:
        block = self.doc.findBlock(position)
        end = position + added
        while block.isValid() and block.position() <= end:
            block.setUserState(-1)
            block = block.next()

    def prime(self, rt: RichText) -> None:
        """The document was just made from `rt` (to_document): its blocks are `rt`'s paragraphs."""
        paras = rt.paragraphs or (Paragraph(),)
        if self.doc.blockCount() != len(paras):
            return
        block = self.doc.begin()
        for para in paras:
            self._keep(block, para, self._kept)
            block = block.next()

    def _keep(self, block: QTextBlock, para: Paragraph, kept: dict) -> None:
        key = self._next_key
        self._next_key += 1
        block.setUserState(key)
        kept[key] = (block.revision(), block.length(), para)

    def read(self) -> RichText:
        kept: dict[int, tuple[int, int, Paragraph]] = {}
        paras: list[Paragraph] = []
        block = self.doc.begin()
        while block.isValid():
            key = block.userState()
            hit = self._kept.get(key) if key >= 0 and key not in kept else None
            if hit is not None and hit[0] == block.revision() and hit[1] == block.length():
                kept[key] = hit
                para = hit[2]
            else:
                para = _paragraph(block, False)
                self._keep(block, para, kept)
            paras.append(para)
            block = block.next()
        self._kept = kept
        return RichText.by_paragraphs(_no_lone_empty(paras))


class RichTextEdit(QTextEdit):
    """Body editor: Word-like shortcuts (Ctrl+B, Ctrl+I, Ctrl+Z/Y come with QTextEdit); paste
    keeps paragraphs, bold and italic and drops every other formatting."""

    footnote_requested = Signal(object)   # the existing note's markup, or None for a new one

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setAcceptRichText(True)
        self.setTabChangesFocus(False)
        font = QFont("Times New Roman")
        font.setPointSizeF(13)
        self.document().setDefaultFont(font)
        self.setPlaceholderText("Nhập nội dung của mục này…")

    # --- formatting ------------------------------------------------------------------------------
    def toggle_bold(self) -> None:
        fmt = QTextCharFormat()
        bold = self.fontWeight() < QFont.Weight.DemiBold
        fmt.setFontWeight(QFont.Weight.Bold if bold else QFont.Weight.Normal)
        self.mergeCurrentCharFormat(fmt)

    def toggle_italic(self) -> None:
        fmt = QTextCharFormat()
        fmt.setFontItalic(not self.fontItalic())
        self.mergeCurrentCharFormat(fmt)

    def keyPressEvent(self, event):
        if event.matches(QKeySequence.StandardKey.Bold):
            self.toggle_bold()
            return
        if event.matches(QKeySequence.StandardKey.Italic):
            self.toggle_italic()
            return
        super().keyPressEvent(event)

    # --- footnotes -------------------------------------------------------------------------------
    def footnote_at_cursor(self) -> str | None:
        cursor = self.textCursor()
        for probe in (cursor.position(), cursor.position() + 1):
            c = QTextCursor(self.document())
            c.setPosition(max(0, min(probe, self.document().characterCount() - 1)))
            note = c.charFormat().property(FOOTNOTE_PROPERTY)
            if isinstance(note, str):
                return note
        return None

    def insert_footnote(self, note: RichText) -> None:
        """Put a footnote with `note` at the cursor (replaces the footnote under it, if any)."""
        cursor = self.textCursor()
        existing = self._footnote_cursor()
        if existing is not None:
            cursor = existing
        markup = RichText((note.paragraphs[0] if note.paragraphs else Paragraph(),)).to_markup()
        cursor.insertText(FOOTNOTE_MARK, _footnote_format(markup))
        cursor.setCharFormat(_char_format(False, False))
        self.setTextCursor(cursor)

    def _footnote_cursor(self) -> QTextCursor | None:
        pos = self.textCursor().position()
        last = self.document().characterCount() - 1  # the final paragraph separator is not text
        for start in (pos - 1, pos):
            if start < 0 or start + 1 > last:
                continue
            c = QTextCursor(self.document())
            c.setPosition(start)
            c.setPosition(start + 1, QTextCursor.MoveMode.KeepAnchor)
            if c.selectedText() == FOOTNOTE_MARK and isinstance(c.charFormat().property(FOOTNOTE_PROPERTY), str):
                return c
        return None

    def mouseDoubleClickEvent(self, event):
        super().mouseDoubleClickEvent(event)
        note = self.footnote_at_cursor()
        if note is not None:
            self.footnote_requested.emit(note)

    # --- paste: our format only ------------------------------------------------------------------
    def insertFromMimeData(self, source: QMimeData) -> None:
        if not (source.hasHtml() or source.hasText()):
            return
        big = len(source.html() if source.hasHtml() else source.text()) >= BIG_PASTE_CHARS
        if big:   # a paste of hundreds of pages takes a second: the officer sees it is under way
            QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            doc = QTextDocument()
            if source.hasHtml():
                doc.setHtml(source.html())
            else:
                doc.setPlainText(source.text())
            # as it will print: no blank line that would vanish later (Word's empty paragraphs, a
            # run of soft breaks); a single pasted line continues the current paragraph
            rt = tidy_paste(from_document(doc, clean=True))
            cursor = self.textCursor()
            cursor.beginEditBlock()
            insert_richtext(cursor, rt)
            cursor.endEditBlock()
            self.setTextCursor(cursor)
        finally:
            if big:
                QApplication.restoreOverrideCursor()

    # --- the value -------------------------------------------------------------------------------
    def value(self) -> RichText:
        return from_document(self.document())

    def set_value(self, rt: RichText) -> None:
        """Load `rt`; the document's own undo history starts afresh."""
        doc = self.document()
        doc.setUndoRedoEnabled(False)
        to_document(rt, doc)
        doc.setUndoRedoEnabled(True)
        doc.setModified(False)
        self.moveCursor(QTextCursor.MoveOperation.End)
