"""Spell check as the officer types: a red wavy underline under unknown words in the section body,
the heading and the texts of limitations and measures, with suggestions and "Thêm vào từ điển của
đơn vị" in the context menu (the word rules: domain/spelling.py; the dictionary and the unit's
words: services/spelling.py).

A widget opts in with `enable(widget)`; it is attached when first shown or focused, through the
service of its window (each database has its own unit dictionary). A short text is checked on the
UI thread (a paragraph of a few hundred words costs well under a millisecond: the answers are
cached per word); in a long document (more than LONG_CHARS characters) a word not seen before is
checked by a worker thread, and its paragraph is underlined when the answer comes, so opening a
long section or typing in it never waits for the dictionary. Its paragraphs are also underlined at
most SLICE_MS per turn of the event loop (the rest a turn later): splitting the words of a 1 MB
section's 1,600 paragraphs at once held the UI thread for 1-2.5 s under load, keys and the autosave
waiting behind it (docs/reliability.md, "Typing in a 1 MB section").

The worker never touches a Qt object: it takes words from a condition-guarded request and leaves its
answers in ui/thread_results.ThreadResults (a queue a timer of the UI thread empties)."""
from __future__ import annotations

import logging
import re
import threading
import time
import weakref
from collections import deque
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QPoint, QPointF, Qt, QTimer, Signal
from PySide6.QtGui import (QAction, QColor, QFont, QFontMetricsF, QKeyEvent, QKeySequence, QPainter, QPainterPath,
                           QPen, QSyntaxHighlighter, QTextBlock, QTextCharFormat, QTextCursor, QTextDocument,
                           QTextFormat)
from PySide6.QtWidgets import QLineEdit, QMenu, QPlainTextEdit, QTextEdit, QWidget

from shiboken6 import isValid

from ..domain.spelling import SpellChecker, Word, words
from ..errors import ServiceError
from . import messages
from .qt_positions import from_qt, to_qt
from .thread_results import ThreadResults

log = logging.getLogger("tudanhgia.ui")

LONG_CHARS = 20_000   # a document longer than this has its new words checked off the UI thread
POLL_MS = 10          # how often the UI thread looks for the worker's answers while it works
SLICE_MS = 6          # a long document's paragraphs are underlined at most this long per turn of the event loop
_ENABLED = "tudanhgia_spell"
UNDERLINE = QColor("#d00000")


# A range the spell check marks. Qt's own spell-check underline starts one pixel under the baseline,
# where the dot of a dấu nặng (ạ, ẹ, ị, ọ, ụ, ỵ) sits: the dot vanished into the wave and the wave read
# as dots. The mark draws nothing itself; `Waves` draws the wave under the descent of the line instead.
MARK = int(QTextFormat.Property.UserProperty) + 0x5b1


def underline_format() -> QTextCharFormat:
    fmt = QTextCharFormat()
    fmt.setProperty(MARK, True)
    return fmt


def is_marked(fmt: QTextFormat) -> bool:
    return fmt.boolProperty(MARK)


WAVE_HEIGHT = 2.0   # pixels, from the wave's top: it fits the gap under the descent of a single-spaced line


def wave_path(x1: float, x2: float, y: float) -> QPainterPath:
    """A wave from x1 to x2 whose top is at y (WAVE_HEIGHT high, four pixels a period)."""
    path = QPainterPath(QPointF(x1, y + WAVE_HEIGHT))
    x, up = x1, True
    while x < x2:
        x = min(x + 2, x2)
        path.lineTo(x, y if up else y + WAVE_HEIGHT)
        up = not up
    return path


class Waves(QWidget):
    """The red waves of one field, drawn over it below each marked word's line: under the letters'
    descent (a 'g', a 'p', a dot below), never through them. A sibling over a text editor's viewport
    (not its child: scrolling moves the viewport's children), a child of a one-line field."""

    def __init__(self, field: QLineEdit | QTextEdit | QPlainTextEdit):
        super().__init__(field)
        self.field = field
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self._follow()
        (field if isinstance(field, QLineEdit) else field.viewport()).installEventFilter(self)
        self.show()

    def _follow(self) -> None:
        field = self.field
        self.setGeometry(field.rect() if isinstance(field, QLineEdit) else field.viewport().geometry())
        self.raise_()

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.Resize, QEvent.Type.Move):
            self._follow()
        return False

    def paintEvent(self, event: Any) -> None:
        spans = self.spans() if _ACTIVE["on"] else []
        if not spans:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        pen = QPen(UNDERLINE)
        pen.setWidthF(1.1)
        painter.setPen(pen)
        for x1, x2, y in spans:
            painter.drawPath(wave_path(x1, x2, y))
        painter.end()

    def spans(self) -> list[tuple[float, float, float]]:
        """(x from, x to, the wave's top) of each marked stretch in view, in this widget's pixels."""
        field = self.field
        if isinstance(field, QLineEdit):
            return _line_spans(field)
        out: list[tuple[float, float, float]] = []
        height = field.viewport().height()
        block = field.cursorForPosition(QPoint(0, 0)).block()
        while block.isValid():
            origin = field.cursorRect(QTextCursor(block))   # the block's first position, in the viewport
            if origin.top() > height:
                break   # (the blocks below are not looked at: a paint costs what is in view)
            layout = block.layout()
            marks = [r for r in layout.formats() if is_marked(r.format)] if block.isVisible() else []
            if not marks or layout.lineCount() == 0:
                block = block.next()
                continue
            first = layout.lineAt(0)
            ox = origin.left() - first.cursorToX(0)[0]
            oy = origin.top() - first.y()
            for i in range(layout.lineCount()):
                line = layout.lineAt(i)
                top = oy + line.y()
                if top > height or top + line.height() < 0:
                    continue
                a, b = line.textStart(), line.textStart() + line.textLength()
                y = top + line.ascent() + line.descent() + 0.5   # under the line box: clear of a dot below
                for r in marks:
                    start, end = max(r.start, a), min(r.start + r.length, b)
                    if start < end:
                        out.append((ox + line.cursorToX(start)[0], ox + line.cursorToX(end)[0], y))
            block = block.next()
        return out


def paint_cell_waves(painter: QPainter, option: Any, text: str, view: QWidget) -> None:
    """Waves under the unknown words of a table cell's committed text (a delegate's paint, after
    Qt's): the text laid out as the item view lays it out (its font, alignment and wrapping)."""
    if not _ACTIVE["on"] or not text.strip():
        return
    service = _service_of(view)
    check = spell_check_for(service, view.window()) if service is not None else None
    if check is None or check.checker is None:
        return
    found = [w for w in words(text) if not check.is_known(w.text)]
    if not found:
        return
    from PySide6.QtGui import QTextLayout, QTextOption
    from PySide6.QtWidgets import QApplication, QStyle, QStyleOptionViewItem
    style = view.style() if view is not None else QApplication.style()
    rect = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, option, view)
    margin = style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, view) + 1   # as Qt's item text
    rect = rect.adjusted(margin, 0, -margin, 0)
    layout = QTextLayout(text, option.font)
    text_option = QTextOption(option.displayAlignment)
    wraps = bool(option.features & QStyleOptionViewItem.ViewItemFeature.WrapText)
    text_option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere if wraps
                            else QTextOption.WrapMode.NoWrap)
    layout.setTextOption(text_option)
    layout.beginLayout()
    height = 0.0
    while True:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(rect.width())
        line.setPosition(QPointF(0, height))
        height += line.height()
    layout.endLayout()
    if option.displayAlignment & Qt.AlignmentFlag.AlignVCenter:
        top = rect.top() + (rect.height() - height) / 2
    elif option.displayAlignment & Qt.AlignmentFlag.AlignBottom:
        top = rect.bottom() - height
    else:
        top = rect.top()
    painter.save()
    painter.setClipRect(option.rect)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    pen = QPen(UNDERLINE)
    pen.setWidthF(1.1)
    painter.setPen(pen)
    for w in found:
        start, end = to_qt(text, w.start), to_qt(text, w.end)
        for i in range(layout.lineCount()):
            line = layout.lineAt(i)
            a, b = max(start, line.textStart()), min(end, line.textStart() + line.textLength())
            if a >= b:
                continue
            y = top + line.y() + line.ascent() + line.descent() - 0.5
            painter.drawPath(wave_path(rect.left() + line.cursorToX(a)[0], rect.left() + line.cursorToX(b)[0],
                                       min(y, option.rect.bottom() - WAVE_HEIGHT - 1)))
    painter.restore()


def _line_spans(edit: QLineEdit) -> list[tuple[float, float, float]]:
    """The heading's marked words: x from the cursor's place and the text's advance (QLineEdit keeps
    its scrolling to itself), the wave under the text's descent."""
    marks: list[tuple[int, int]] = getattr(edit, "_spell_marks", [])
    if not marks or edit.hasFocus():
        return []
    text = edit.text()
    fm = QFontMetricsF(edit.font())
    rect = edit.cursorRect()
    cursor = from_qt(text, edit.cursorPosition())
    base = rect.center().x() + 0.5 - fm.horizontalAdvance(text[:cursor])
    top = rect.center().y() - fm.height() / 2
    y = min(top + fm.ascent() + fm.descent() - 0.5, edit.height() - WAVE_HEIGHT - 2.5)   # above the frame
    return [(base + fm.horizontalAdvance(text[:a]), base + fm.horizontalAdvance(text[:b]), y) for a, b in marks]


_WIDE = re.compile("[\U00010000-\U0010FFFF]")   # characters Qt counts as two (emoji…)


# --- the worker ------------------------------------------------------------------------------------
def _stop(cond: threading.Condition, worker: SpellWorker) -> None:
    with cond:
        worker._stopped = True
        cond.notify()


class SpellWorker(QObject):
    """Looks words up on a thread of its own (its own dictionary object)."""

    answered = Signal(object)   # {word: known}, emitted on the UI thread

    def __init__(self, unit_words: list[str], parent: QObject | None = None):
        super().__init__(parent)
        self._cond = threading.Condition()
        self._wanted: dict[str, None] = {}   # words waiting, in the order asked
        self._unit_words = list(unit_words)
        self._new_unit_words: list[str] = []
        self._reset = False
        self._stopped = False
        self._working = False
        self._thread: threading.Thread | None = None
        self._results = ThreadResults(self, self._busy, POLL_MS)
        self._results.arrived.connect(self.answered.emit)
        self.looked_up = 0   # words the thread checked (tests)
        if parent is not None:
            parent.destroyed.connect(lambda *_: _stop(self._cond, self))

    def submit(self, found: list[str]) -> None:
        with self._cond:
            for w in found:
                self._wanted.setdefault(w, None)
            self._cond.notify()
        self._results.expect()
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="spell-check", daemon=True)
            self._thread.start()

    def add_unit_words(self, added: list[str]) -> None:
        with self._cond:
            self._new_unit_words.extend(added)

    def set_unit_words(self, unit_words: list[str]) -> None:
        """A word taken out of the unit's dictionary: the thread's checker is made afresh."""
        with self._cond:
            self._unit_words = list(unit_words)
            self._new_unit_words = []
            self._reset = True

    def stop(self) -> None:
        _stop(self._cond, self)

    def _busy(self) -> bool:
        with self._cond:
            return bool(self._wanted) or self._working

    def _run(self) -> None:
        checker: SpellChecker | None = None
        while True:
            with self._cond:
                while not self._wanted and not self._stopped:
                    self._cond.wait()
                if self._stopped:
                    return
                batch = list(self._wanted)[:2000]
                for w in batch:
                    del self._wanted[w]
                added, self._new_unit_words = self._new_unit_words, []
                if self._reset:
                    checker, self._reset = None, False
                self._working = True
            try:
                if checker is None:
                    from ..services.spelling import new_checker
                    checker = new_checker(extra_words=self._unit_words)
                if added:
                    checker.add_unit_words(added)
                answers = {w: checker.is_known(w) for w in batch}
                self.looked_up += len(batch)
            except Exception:   # no dictionary: nothing is underlined (logged once per batch)
                log.exception("spell check on the worker failed")
                answers = dict.fromkeys(batch, True)
            self._results.put(answers)
            with self._cond:
                self._working = False


# --- one service's spell check ---------------------------------------------------------------------
class SpellCheck(QObject):
    """The checker of one database (its unit dictionary), its worker and the attached widgets."""

    changed = Signal()   # the unit dictionary changed: every underline is drawn again

    def __init__(self, service: Any, parent: QObject | None = None):
        super().__init__(parent)
        self.service = service
        self.retired = False
        self.checker: SpellChecker | None = None
        self.unavailable = ""
        # services load here, when a text is first shown, not with the module: the first paint of
        # the window must not load SQLAlchemy (tests/gui/test_main_window.py)
        from ..services import spelling as spelling_service
        try:
            self.checker = spelling_service.new_checker(service)
            unit_words = spelling_service.unit_words(service) if service is not None else []
        except ServiceError as exc:
            self.unavailable = str(exc)
            unit_words = []
        self.worker = SpellWorker(unit_words, self)
        self.worker.answered.connect(self._answered)
        self.highlighters: weakref.WeakSet[SpellHighlighter] = weakref.WeakSet()
        self.lines: weakref.WeakSet[QLineEdit] = weakref.WeakSet()

    def _answered(self, answers: dict[str, bool]) -> None:
        if self.checker is None:
            return
        self.checker.remember(answers)
        for h in list(self.highlighters):
            h.answers_came()

    def suggestions(self, word: str) -> list[str]:
        return self.checker.suggestions(word) if self.checker is not None else []

    def is_known(self, word: str) -> bool:
        return self.checker is None or self.checker.is_known(word)

    def add_word(self, word: str, parent: QWidget | None = None) -> bool:
        """"Thêm vào từ điển của đơn vị": stored in the database, underlines drawn again."""
        from ..services.spelling import add_word
        try:
            add_word(self.service, word)
        except ServiceError as exc:
            messages.error(parent, str(exc))
            return False
        if self.checker is not None:
            self.checker.add_unit_words([word])
        self.worker.add_unit_words([word])
        self.redraw()
        self.changed.emit()
        return True

    def remove_word(self, word: str, parent: QWidget | None = None) -> bool:
        """Take `word` out of the unit's dictionary: underlined again wherever it is misspelt."""
        from ..services.spelling import remove_word, unit_words
        try:
            removed = remove_word(self.service, word)
            words_now = unit_words(self.service)
        except ServiceError as exc:
            messages.error(parent, str(exc))
            return False
        if self.checker is not None:
            self.checker.set_unit_words(words_now)
        self.worker.set_unit_words(words_now)
        self.redraw()
        self.changed.emit()
        return removed

    def retire(self) -> None:
        """The database is no longer shown: the words, the worker and the service let go (the
        widgets still attached look their window's check up again)."""
        self.retired = True
        self.worker.stop()
        self.checker = None
        self.service = None
        if self in _CHECKS:
            _CHECKS.remove(self)
        self.deleteLater()

    def redraw(self) -> None:
        """Every attached text underlined afresh (the widgets already deleted skipped)."""
        for h in list(self.highlighters):
            if isValid(h):
                h.rehighlight()
        for edit in list(self.lines):
            if isValid(edit):
                underline_line(edit)


# the live checks, one per open database and window: a check holds its service (and the words of its
# database), so it leaves this list when the window opens another database (`forget`) or goes
_CHECKS: list[SpellCheck] = []
_ACTIVE = {"on": True}   # "Kiểm tra chính tả khi gõ" (Công cụ menu), for every window


def active() -> bool:
    return _ACTIVE["on"]


def set_active(on: bool) -> None:
    """Underline as the officer types, or not: every attached text drawn again at once."""
    if _ACTIVE["on"] == on:
        return
    _ACTIVE["on"] = on
    for check in _live_checks():
        check.redraw()


def _live_checks() -> list[SpellCheck]:
    _CHECKS[:] = [c for c in _CHECKS if isValid(c) and not c.retired]
    return list(_CHECKS)


def spell_check_for(service: Any, owner: QObject | None = None) -> SpellCheck:
    """The spell check of `service`'s database (made once, owned by `owner`: the window, so that it
    goes with it, before the application). A check `owner` keeps for another database is dropped:
    a window shows one database at a time."""
    found = None
    for check in _live_checks():
        if check.service is service:
            found = check
        elif owner is not None and check.parent() is owner:
            check.retire()
    if found is None:
        found = SpellCheck(service, owner)
        _CHECKS.append(found)
    return found


def forget(service: Any) -> None:
    """`service`'s database is closed (the window opened another one): its checks, their words and
    worker go now, not with the window."""
    for check in _live_checks():
        if check.service is service:
            check.retire()


# --- underlines in a text document ----------------------------------------------------------------
class SpellHighlighter(QSyntaxHighlighter):
    """Red wavy underline under the unknown words of each paragraph."""

    def __init__(self, doc: QTextDocument, check: SpellCheck):
        super().__init__(doc)
        self.check = check
        self.format = underline_format()
        self._pending: list[QTextBlock] = []   # paragraphs waiting for the worker's answers
        self._later: deque[QTextBlock] = deque()   # a long document's paragraphs left for a later turn
        self._slice_end: float | None = None      # when this turn's SLICE_MS is spent (None: no slice yet)
        self._first_of_slice = False
        self.underlined = 0   # words underlined so far (tests)
        check.highlighters.add(self)

    def _spent(self) -> bool:
        """Whether this turn of the event loop has used its SLICE_MS (the first call starts the turn's
        slice and asks for the next turn, which underlines what was left)."""
        now = time.perf_counter()
        if self._slice_end is None:
            self._slice_end = now + SLICE_MS / 1000
            QTimer.singleShot(0, self, self._next_slice)
            return False
        return now > self._slice_end

    def _next_slice(self) -> None:
        self._slice_end = None
        self._first_of_slice = True   # one paragraph per turn at least, however long it is
        while self._later and (self._first_of_slice or not self._spent()):
            block = self._later.popleft()
            if block.isValid():
                self.rehighlightBlock(block)
            self._first_of_slice = False
        self._first_of_slice = False
        if self._later and self._slice_end is None:
            self._spent()   # nothing started a slice (every block gone): the next turn goes on

    def highlightBlock(self, text: str) -> None:
        checker = self.check.checker
        if checker is None or not text or not _ACTIVE["on"]:
            return
        doc = self.document()
        synchronous = doc is None or doc.characterCount() <= LONG_CHARS
        if not synchronous and not self._first_of_slice and self._spent():
            self._later.append(self.currentBlock())   # this turn's time is used: underlined a turn later
            return
        unknown: list[str] = []
        wide = _WIDE.search(text) is not None
        for w in words(text):
            known = checker.cached(w.text)
            if known is None:
                if synchronous:
                    known = checker.is_known(w.text)
                else:
                    unknown.append(w.text)
                    continue
            if not known:
                self._underline(text, w, wide)
        if unknown:
            self._pending.append(self.currentBlock())
            self.check.worker.submit(unknown)

    def _underline(self, text: str, w: Word, wide: bool) -> None:
        start, end = (to_qt(text, w.start), to_qt(text, w.end)) if wide else (w.start, w.end)
        self.setFormat(start, end - start, self.format)
        self.underlined += 1

    def answers_came(self) -> None:
        if not isValid(self):
            return
        pending, self._pending = self._pending, []
        doc = self.document()
        if doc is not None and doc.characterCount() > LONG_CHARS:
            self._later.extend(pending)   # a slice per turn (a whole long section's answers come at once)
            self._spent()
            return
        for block in pending:
            if block.isValid():
                self.rehighlightBlock(block)


def attach_document(doc: QTextDocument, check: SpellCheck) -> SpellHighlighter:
    """Underline `doc`'s unknown words (once per document)."""
    existing = doc.findChild(SpellHighlighter)
    if isinstance(existing, SpellHighlighter):
        if existing.check is not check:   # the check it had went with its database
            existing.check = check
            check.highlighters.add(existing)
            existing.rehighlight()
        return existing
    return SpellHighlighter(doc, check)


# --- underlines in a one-line field ---------------------------------------------------------------
def underline_line(edit: QLineEdit, clear: bool = False) -> None:
    """The heading's unknown words underlined (its `Waves`). Not while the field has the keyboard:
    the marks would not follow the typing, and a word being typed is not yet a mistake; cleared
    when the field takes the focus (`clear`), drawn again when it leaves it."""
    check: SpellCheck | None = getattr(edit, "_spell_check", None)
    if check is None or check.checker is None or (edit.hasFocus() and not clear):
        return
    text = "" if clear else edit.text()
    unknown = [w for w in words(text) if _ACTIVE["on"] and not check.is_known(w.text)]
    edit._spell_marks = [(w.start, w.end) for w in unknown]   # type: ignore[attr-defined]
    edit.setProperty("spell_underlined", [w.text for w in unknown])
    if not clear:
        edit.setProperty("spell_text", text)
    waves = getattr(edit, "_spell_waves", None)
    if waves is not None and isValid(waves):
        waves.update()


# --- opting in, and the context menu ---------------------------------------------------------------
class _Attacher(QObject):
    """On a widget that opted in: attach when shown, focused or painted with a new document."""

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        kind = event.type()
        widget = obj if isinstance(obj, (QLineEdit, QTextEdit, QPlainTextEdit)) else obj.parent()
        if not isinstance(widget, QWidget):
            return False
        if kind in (QEvent.Type.Show, QEvent.Type.FocusIn, QEvent.Type.Paint):
            attach(widget)
            if isinstance(widget, QLineEdit) and kind == QEvent.Type.FocusIn:
                underline_line(widget, clear=True)   # before any typing or composition starts
        elif kind == QEvent.Type.FocusOut and isinstance(widget, QLineEdit):
            QTimer.singleShot(0, widget, lambda: underline_line(widget))
        elif (kind == QEvent.Type.KeyPress and isinstance(event, QKeyEvent) and isinstance(widget, QTextEdit)
              and event.matches(QKeySequence.StandardKey.Paste)):
            _offer_legacy(widget)   # a pasted fragment in TCVN3/VNI: its conversion offered
        return False


_ATTACHER: _Attacher | None = None


def enable(widget: QLineEdit | QTextEdit | QPlainTextEdit) -> None:
    """Spell-check `widget` from the moment it is shown (through its window's service)."""
    global _ATTACHER
    if _ATTACHER is None:   # owned by the application: a parentless QObject outliving it crashes the exit
        _ATTACHER = _Attacher(QCoreApplication.instance())
    widget.setProperty(_ENABLED, True)
    widget.installEventFilter(_ATTACHER)
    if isinstance(widget, (QTextEdit, QPlainTextEdit)):
        widget.viewport().installEventFilter(_ATTACHER)   # paints arrive there
    # a menu of its own (other filters, e.g. ui/undo.py's, leave such a field's menu alone); the
    # position comes in the viewport's coordinates for a text editor, the field's for a line
    widget.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
    widget.customContextMenuRequested.connect(lambda pos, w=widget: context_menu(w, pos))


def _service_of(widget: QWidget) -> Any:
    w: QWidget | None = widget
    while w is not None:
        service = getattr(w, "service", None) or getattr(getattr(w, "ctx", None), "service", None)
        if service is not None:
            return service
        w = w.parentWidget()
    return None


def attach(widget: QWidget) -> SpellCheck | None:
    """Attach `widget` (and its current document) to its window's spell check, if not yet."""
    if not widget.property(_ENABLED):
        return None
    check: SpellCheck | None = getattr(widget, "_spell_check", None)
    if check is not None and (not isValid(check) or check.retired):   # its database was closed
        check = widget._spell_check = None   # type: ignore[attr-defined]
    if check is None:
        service = _service_of(widget)
        if service is None:
            return None
        check = spell_check_for(service, widget.window())
        widget._spell_check = check   # type: ignore[attr-defined]
        first = getattr(widget, "_spell_waves", None) is None   # (not after a database switch)
        if first:
            widget._spell_waves = Waves(widget)   # type: ignore[attr-defined]
        if isinstance(widget, QLineEdit):
            check.lines.add(widget)
            if first:
                widget.textChanged.connect(lambda _t, e=widget: underline_line(e))
            underline_line(widget)
    if isinstance(widget, (QTextEdit, QPlainTextEdit)):
        attach_document(widget.document(), check)
    elif isinstance(widget, QLineEdit) and widget.property("spell_text") != widget.text() and not widget.hasFocus():
        # text set with its signals blocked (a section shown): underlined after this paint
        widget.setProperty("spell_text", widget.text())
        QTimer.singleShot(0, widget, lambda: underline_line(widget))
    return check


def _word_at(text: str, index: int) -> Word | None:
    return next((w for w in words(text) if w.start <= index <= w.end), None)


def context_menu(widget: QWidget, pos: QPoint) -> QMenu:
    """The widget's own menu with the suggestions for the unknown word at `pos` first; its undo and
    redo items are the window's (one history, ui/undo.py)."""
    check = attach(widget)
    found: Word | None = None
    if isinstance(widget, QLineEdit):
        text = widget.text()
        menu = widget.createStandardContextMenu()
        found = _word_at(text, from_qt(text, widget.cursorPositionAt(pos)))
        offset = 0
        global_pos = widget.mapToGlobal(pos)
    else:
        assert isinstance(widget, (QTextEdit, QPlainTextEdit))
        block = widget.cursorForPosition(pos).block()
        text = block.text()
        found = _word_at(text, from_qt(text, widget.cursorForPosition(pos).positionInBlock()))
        offset = block.position()
        menu = widget.createStandardContextMenu(pos)
        global_pos = widget.viewport().mapToGlobal(pos)
    _window_undo(widget, menu)
    if isinstance(widget, QTextEdit):
        paste = next((a for a in menu.actions() if a.objectName() == "edit-paste"), None)
        block_before = widget.textCursor().blockNumber()
        if paste is not None:
            paste.triggered.connect(lambda: _offer_legacy(widget, block_before))
    if check is not None and check.checker is not None and found is not None and not check.is_known(found.text):
        first = menu.actions()[0] if menu.actions() else None
        items: list[QAction] = []
        suggestions = check.suggestions(found.text)
        # a locked text (an issued report, a read-only file) is not changed from here either
        locked = bool(getattr(widget, "isReadOnly", lambda: False)())
        for s in suggestions:
            act = QAction(s, menu)
            f = QFont(act.font())
            f.setBold(True)
            act.setFont(f)
            act.setEnabled(not locked)
            act.triggered.connect(lambda _c=False, s=s: replace_word(widget, offset, text, found, s))
            items.append(act)
        if suggestions and locked:
            note = QAction("(Văn bản đang khóa: mở khóa để sửa)", menu)
            note.setEnabled(False)
            items.append(note)
        if not suggestions:
            none = QAction("(Không có gợi ý)", menu)
            none.setEnabled(False)
            items.append(none)
        add = QAction(f"Thêm “{found.text}” vào từ điển của đơn vị", menu)
        add.triggered.connect(lambda: check.add_word(found.text, widget))
        items.append(add)
        sep = QAction(menu)
        sep.setSeparator(True)
        items.append(sep)
        if first is not None:
            menu.insertActions(first, items)
        else:
            menu.addActions(items)
    menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    menu.popup(global_pos)
    widget._spell_menu = menu   # type: ignore[attr-defined]  # tests and screenshots read it
    return menu


def _offer_legacy(widget: QTextEdit, block: int | None = None) -> None:
    from .text_fixes import offer_after_paste
    offer_after_paste(widget, widget.textCursor().blockNumber() if block is None else block)


def _window_undo(widget: QWidget, menu: QMenu) -> None:
    """The menu's Undo/Redo act on the window's history, as everywhere else (ui/undo.py)."""
    window = widget.window()
    for item in menu.actions():
        act = {"edit-undo": getattr(window, "act_undo", None),
               "edit-redo": getattr(window, "act_redo", None)}.get(item.objectName())
        if isinstance(act, QAction):
            item.triggered.disconnect()
            item.triggered.connect(act.trigger)
            item.setEnabled(act.isEnabled())
            # the key the window's menu shows (Ctrl+Y), not the platform's own (Ctrl+Shift+Z on Linux)
            keys = act.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            if keys:
                item.setText(f"{item.text().split(chr(9))[0]}\t{keys}")


def replace_word(widget: QWidget, offset: int, text: str, word: Word, replacement: str) -> None:
    """Put `replacement` in place of `word` (one undo step, the text's formatting kept)."""
    if isinstance(widget, QLineEdit):
        if widget.text() != text:
            return   # changed meanwhile: the word is no longer where the menu saw it
        start = to_qt(text, word.start)
        widget.setSelection(start, to_qt(text, word.end) - start)
        widget.insert(replacement)
        widget.textEdited.emit(widget.text())   # typed: the field's autosave hears it
        return
    assert isinstance(widget, (QTextEdit, QPlainTextEdit))
    doc = widget.document()
    cursor = QTextCursor(doc)
    start, end = offset + to_qt(text, word.start), offset + to_qt(text, word.end)
    if end > doc.characterCount() - 1:
        return
    cursor.setPosition(start)
    cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
    if cursor.selectedText() != word.text:
        return
    cursor.beginEditBlock()
    cursor.insertText(replacement)
    cursor.endEditBlock()


__all__ = ["LONG_CHARS", "MARK", "SLICE_MS", "SpellCheck", "SpellHighlighter", "SpellWorker", "Waves", "active",
           "attach",
           "attach_document", "context_menu", "enable", "forget", "is_marked", "replace_word", "set_active",
           "spell_check_for", "underline_format", "underline_line", "wave_path"]
