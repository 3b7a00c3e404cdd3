"""One undo for the open report, as in Word (issue 13 point 1): Sửa ▸ Hoàn tác / Làm lại, the
toolbar, Ctrl+Z, Ctrl+Y and Ctrl+Shift+Z act on whatever the officer did last — a word typed in a
section's body as much as an added section — in the one `QUndoStack` of `EditorContext`.

The body keeps its `QTextDocument` (one per visited section, ui/editor.py), whose own history does
the text work; each of its steps becomes a `TextStep` in the report's stack, which undoes it by
asking the document. A document merges all adjacent typing into one step (Ctrl+Z used to remove
everything typed since the section was opened), so `TextUndo` cuts the typing where Word does: a
new word, a pause, a cursor moved elsewhere, a paste, a formatting change. An undone body is
written by the autosave like typing (the document's change marks it dirty); the window's action
writes pending typing before any undo (the save manager's guard), so a structural undo never
overtakes unwritten text.

Every text field of the report's panels sends its undo keys to the window's actions instead of
its own history (`UndoKeys`): the panels' fields write their typing as steps of the same stack."""
from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QAction, QKeySequence, QTextDocument, QUndoCommand, QUndoStack
from PySide6.QtWidgets import QAbstractSpinBox, QLineEdit, QPlainTextEdit, QTextEdit, QWidget

if TYPE_CHECKING:
    from .editor import SectionPage

TYPING, DELETING, PASTING, CUTTING, EDITING = "Nhập văn bản", "Xóa chữ", "Dán", "Cắt", "Sửa văn bản"
BOLD, ITALIC, FOOTNOTE = "Chữ đậm", "Chữ nghiêng", "Chèn chú thích"
UNDO_KEYS = (QKeySequence("Ctrl+Z"),)
REDO_KEYS = (QKeySequence("Ctrl+Y"), QKeySequence("Ctrl+Shift+Z"))


def _command():
    """Ctrl, Alt or Meta. Qt is imported here, not at the top: its first import builds the ~90 enums
    of the Qt namespace (~18 ms), which the window's first paint does without."""
    from PySide6.QtCore import Qt
    return Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.MetaModifier


# --- the window's undo and redo -----------------------------------------------------------------
def _live(cmd: QUndoCommand, undoing: bool) -> bool:
    """Whether undoing (redoing) `cmd` would change anything: a text step whose document is gone
    or was changed past it (the section reloaded after another program's write) would not."""
    if isinstance(cmd, TextStep):
        return cmd.can_replay(undoing)
    return not cmd.isObsolete()


def _next(stack: QUndoStack, undoing: bool) -> QUndoCommand | None:
    """The command the next undo (redo) reaches, dead text steps skipped."""
    if undoing:
        for i in range(stack.index() - 1, -1, -1):
            cmd = stack.command(i)
            if _live(cmd, True):
                return cmd
    else:
        for i in range(stack.index(), stack.count()):
            cmd = stack.command(i)
            if _live(cmd, False):
                return cmd
    return None


def step_text(stack: QUndoStack, undoing: bool) -> str:
    """What the next undo (redo) does, for the menu: "" when nothing."""
    cmd = _next(stack, undoing)
    return cmd.text() if cmd is not None else ""


def undo(stack: QUndoStack) -> None:
    """Undo the officer's last step (dead text steps go on the way: they did nothing to undo)."""
    _replay(stack, True)


def redo(stack: QUndoStack) -> None:
    _replay(stack, False)


def _replay(stack: QUndoStack, undoing: bool) -> None:
    while stack.canUndo() if undoing else stack.canRedo():
        cmd = stack.command(stack.index() - 1 if undoing else stack.index())
        live = _live(cmd, undoing)
        if live and isinstance(cmd, TextStep):
            cmd.history.show(cmd)   # the section it was typed in, before the stack runs the step
        # a section's rating, heading, place…: shown once done (the command may be gone by then)
        where, ctx = getattr(cmd, "where", None), getattr(cmd, "ctx", None)
        stack.undo() if undoing else stack.redo()   # a dead step is dropped by the stack
        if live:
            reveal = getattr(ctx, "reveal", None)
            if where is not None and reveal is not None:
                reveal(where())
            return


def label_actions(stack: QUndoStack | None, act_undo: QAction, act_redo: QAction) -> None:
    """"Hoàn tác: Nhập văn bản" in the menu; the toolbar keeps its short "Hoàn tác"."""
    for act, word, undoing, keys in ((act_undo, "Hoàn tác", True, "Ctrl+Z"),
                                     (act_redo, "Làm lại", False, "Ctrl+Y hoặc Ctrl+Shift+Z")):
        what = step_text(stack, undoing) if stack is not None else ""
        act.setText(f"{word}: {what}" if what else word)
        act.setIconText(word)
        act.setToolTip(f"{word}: {what} ({keys})" if what else f"{word} ({keys})")
        act.setEnabled(act.isEnabled() and bool(what))


def set_shortcuts(act_undo: QAction, act_redo: QAction) -> None:
    """Ctrl+Z, Ctrl+Y and Ctrl+Shift+Z on every platform (Qt's standard keys differ by platform)."""
    act_undo.setShortcuts(list(UNDO_KEYS))
    act_redo.setShortcuts(list(REDO_KEYS))


# --- text steps ---------------------------------------------------------------------------------
class _DocRef:
    """A body document while the page keeps it (None once dropped: its steps are dead)."""

    __slots__ = ("doc", "key")

    def __init__(self, key: object, doc: QTextDocument):
        self.key, self.doc = key, doc


class TextStep(QUndoCommand):
    """One or more steps of a body document's own history, as one step of the report's. It knows
    the document's level after it (and before it, once undone) and does nothing when the document
    is elsewhere: a step undone some other way, or the text reloaded, is not undone twice."""

    def __init__(self, history: TextUndo, ref: _DocRef, text: str):
        super().__init__(text)
        self.history, self.ref = history, ref
        doc = ref.doc
        self.after = doc.availableUndoSteps() if doc is not None else -1
        self.before = -1   # known once undone
        self.count = 1     # the document's steps it holds
        self._pushed = False

    def extend(self, ref: _DocRef) -> bool:
        """Take in the document's next step (the burst goes on); False when this step cannot.
        (Not QUndoStack's merge: the command it deletes would stay alive on the Python side.)"""
        doc = ref.doc
        if ref is not self.ref or doc is None or doc.availableUndoSteps() <= self.after:
            return False
        self.count += 1
        self.after = doc.availableUndoSteps()
        return True

    def release(self) -> None:
        """Deleted by the stack: hold nothing of the window (see context.push)."""
        self.ref = _DocRef(self.ref.key, None)
        self.history = None  # type: ignore[assignment]

    def can_replay(self, undoing: bool) -> bool:
        doc = self.ref.doc
        if doc is None or self.history is None or not self.history.target_exists(self.ref.key):
            return False
        return doc.availableUndoSteps() == (self.after if undoing else self.before)

    def undo(self) -> None:
        if not self.can_replay(True):
            self.setObsolete(True)
            return
        self.history.replay(self, undoing=True)
        self.before = self.ref.doc.availableUndoSteps()

    def redo(self) -> None:
        if not self._pushed:   # push: the typing is done already
            self._pushed = True
            return
        if not self.can_replay(False):
            self.setObsolete(True)
            return
        self.history.replay(self, undoing=False)
        self.after = self.ref.doc.availableUndoSteps()


class TextUndo(QObject):
    """The body documents of one section page as steps of the report's undo stack, cut where
    Word cuts typing. `reveal(key)` shows a section's document (the outline selects it)."""

    def __init__(self, page: SectionPage):
        super().__init__(page)
        from .context import MERGE_MS, push   # (this module is loaded with the window, the context with a report)
        self._push = push
        self.page = page
        self.pause = MERGE_MS / 1000   # a pause this long ends a burst of typing
        page.ctx.reveal = self.reveal_section   # for the report's other steps (undo._replay)
        self.stack: QUndoStack = page.ctx.undo_stack
        self.reveal: Callable[[object], object] | None = None
        self._refs: dict[object, _DocRef] = {}
        self._hint: str | None = None   # what the edit under way is, for its label
        self._joins = False             # whether it goes on the burst before it
        # the typing under way: its document, the last key's time and text, whether a word was typed
        self._burst: tuple[QTextDocument, float, str, bool] | None = None
        self._clear = QTimer(self, singleShot=True, interval=0)
        self._clear.timeout.connect(self._end_edit)
        edit = page.editor
        edit.installEventFilter(self)
        edit.viewport().installEventFilter(self)
        for act, label, slot in ((page.act_bold, BOLD, edit.toggle_bold),
                                 (page.act_italic, ITALIC, edit.toggle_italic)):
            act.triggered.disconnect(slot)
            act.triggered.connect(lambda *_a, label=label, slot=slot: self.labelled(label, slot))
        page.act_footnote.triggered.disconnect()
        page.act_footnote.triggered.connect(
            lambda *_a: self.labelled(FOOTNOTE, lambda: page.edit_footnote(edit.footnote_at_cursor())))

    # --- documents ------------------------------------------------------------------------------
    def watch(self, key: object, doc: QTextDocument) -> None:
        """A section's document, freshly loaded: its edits become steps of the report's history."""
        self.forget(key)
        ref = self._refs[key] = _DocRef(key, doc)
        doc.undoCommandAdded.connect(lambda: self._added(ref))

    def forget(self, key: object) -> None:
        """The page drops the document: its steps are dead (the text as written stays)."""
        ref = self._refs.pop(key, None)
        if ref is not None:
            ref.doc = None

    def keys_in_history(self) -> set[object]:
        """The documents (by key) that steps of the report's history (a Thay tất cả's group too)
        still need: the page keeps them rather than let those steps die. One walk of the history."""
        found: set[object] = set()

        def walk(cmd: QUndoCommand) -> None:
            if isinstance(cmd, TextStep) and cmd.ref.doc is not None and self._refs.get(cmd.ref.key) is cmd.ref:
                found.add(cmd.ref.key)
            for i in range(cmd.childCount()):
                walk(cmd.child(i))
        for i in range(self.stack.count()):
            walk(self.stack.command(i))
        return found

    def target_exists(self, key: object) -> bool:
        return not isinstance(key, int) or self.page.ctx.index().find(key) is not None

    def reveal_section(self, key: object) -> None:
        """Show the section `key` (after an undo or redo in it), if it exists and is not shown."""
        target = self.page.target
        if (key is None or self.reveal is None or not self.target_exists(key)
                or (target is not None and target.key == key)):
            return
        self.reveal(key)

    def show(self, step: TextStep) -> None:
        """Bring the step's section to the page, so the officer sees what is undone."""
        if self.page.editor.document() is not step.ref.doc and self.reveal is not None:
            self.reveal(step.ref.key)

    def replay(self, step: TextStep, undoing: bool) -> None:
        doc = step.ref.doc
        self._burst = None   # typing after an undo starts a step of its own
        if self.page.editor.document() is not doc and self.reveal is not None:
            self.reveal(step.ref.key)   # (the stack was driven directly, not through `undo`)
        edit = self.page.editor
        shown = edit.document() is doc
        for _ in range(step.count):
            if shown:   # through the widget: the cursor goes where the text changed
                edit.undo() if undoing else edit.redo()
            else:
                doc.undo() if undoing else doc.redo()
        if shown:
            edit.ensureCursorVisible()

    # --- cutting typing into steps ----------------------------------------------------------------
    def labelled(self, label: str, edit: Callable[[], object]) -> None:
        """Run an edit of the body (bold, a footnote…) as a step named `label`."""
        self._burst = None
        self._hint, self._joins = label, False
        try:
            edit()
        finally:
            self._end_edit()

    def _added(self, ref: _DocRef) -> None:
        if ref.doc is None:
            return
        hint, joins = self._hint, self._joins
        if hint is None:   # not from a key here (a paste by menu, text taken from elsewhere…)
            self._burst = None
        self._joins = False   # one step per edit: a second one from the same key (rare) stands alone
        stack = self.stack
        top = stack.command(stack.count() - 1) if stack.count() and stack.index() == stack.count() else None
        if joins and isinstance(top, TextStep) and top.extend(ref):
            return
        self._push(stack, TextStep(self, ref, hint or EDITING))

    def _end_edit(self) -> None:
        self._hint, self._joins = None, False

    def _begin(self, doc: QTextDocument, label: str, text: str, breaks: bool) -> None:
        """A key about to edit `doc`: a new step unless it goes on the burst of typing before it."""
        now = time.monotonic()
        burst = self._burst
        word = bool(text) and not text.isspace()
        goes_on = (not breaks and burst is not None and burst[0] is doc and now - burst[1] < self.pause
                   and not self.page.editor.textCursor().hasSelection()
                   and not (word and burst[3] and burst[2].isspace()))   # a new word after a typed one
        if not goes_on:
            doc.setModified(False)   # the document does not merge the next edit into the step before
            # a heading or score typed before this is a step before it, not after (written now)
            self.page.ctx.saves.flush_others(self.page.autosave)
        self._hint, self._joins = label, goes_on
        if breaks or burst is None or not goes_on:
            burst = (doc, now, " ", False)
        # a deletion keeps the last character typed
        self._burst = None if breaks else (doc, now, text or burst[2], word or burst[3])
        if not self._clear.isActive():
            self._clear.start()

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.KeyPress:
            self._key(event)
        elif kind == QEvent.Type.InputMethod and event.commitString():   # an input method's syllable
            doc = self.page.editor.document()
            self._begin(doc, TYPING, event.commitString()[-1], breaks=False)
        elif kind in (QEvent.Type.MouseButtonPress, QEvent.Type.FocusOut):
            self._burst = None   # the cursor may go elsewhere: the next typing is a step of its own
        return False

    def _key(self, event) -> None:
        doc = self.page.editor.document()
        if self.page.editor.isReadOnly():
            return
        from PySide6.QtCore import Qt   # not at the top: the window's first paint builds no Qt enum
        text = event.text()
        if text and text.isprintable() and not event.modifiers() & _command():   # most keys: checked first
            self._begin(doc, TYPING, text[-1], breaks=False)
        elif event.matches(QKeySequence.StandardKey.Bold):   # the widget's own Ctrl+B, when it gets the key
            self._begin(doc, BOLD, "", breaks=True)
        elif event.matches(QKeySequence.StandardKey.Italic):
            self._begin(doc, ITALIC, "", breaks=True)
        elif event.matches(QKeySequence.StandardKey.Paste):
            self._begin(doc, PASTING, "", breaks=True)
        elif event.matches(QKeySequence.StandardKey.Cut):
            self._begin(doc, CUTTING, "", breaks=True)
        elif event.key() in (Qt.Key.Key_Backspace, Qt.Key.Key_Delete):
            self._begin(doc, DELETING, "", breaks=False)
        elif event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._begin(doc, TYPING, "\n", breaks=False)
        elif event.key() not in (Qt.Key.Key_Shift, Qt.Key.Key_Control, Qt.Key.Key_Alt, Qt.Key.Key_Meta):
            self._burst = None   # arrows, Home, a shortcut: the next typing is a step of its own


# --- every text field's undo keys go to the window's actions -------------------------------------------
def _matches(event, keys: tuple[QKeySequence, ...], standard: QKeySequence.StandardKey) -> bool:
    return event.matches(standard) or QKeySequence(event.keyCombination()) in keys


class UndoKeys(QObject):
    """Ctrl+Z / Ctrl+Y / Ctrl+Shift+Z in a text field trigger the window's Hoàn tác / Làm lại
    (the field's own history would undo its typing apart from everything else); so does the
    field's right-click menu, where the field has Qt's own."""

    def __init__(self, parent: QObject, act_undo: QAction, act_redo: QAction,
                 flush: Callable[[], object] | None = None):
        super().__init__(parent)
        self.act_undo, self.act_redo, self.flush = act_undo, act_redo, flush

    def cover(self, root: QWidget) -> None:
        """Every text field under `root`, as it is now."""
        for field in root.findChildren(QWidget):
            if isinstance(field, (QLineEdit, QTextEdit, QPlainTextEdit, QAbstractSpinBox)):
                field.installEventFilter(self)
                if isinstance(field, (QTextEdit, QPlainTextEdit)):
                    field.viewport().installEventFilter(self)

    def _which(self, event) -> QAction | None:
        if not event.modifiers() & _command():
            return None   # every undo and redo key has Ctrl (Cmd), or Alt on Windows
        if _matches(event, UNDO_KEYS, QKeySequence.StandardKey.Undo):
            return self.act_undo
        if _matches(event, REDO_KEYS, QKeySequence.StandardKey.Redo):
            return self.act_redo
        return None

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.ShortcutOverride:
            if self._which(event) is not None:
                event.ignore()   # the field does not take the key: the window's shortcut does
                return True
        elif kind == QEvent.Type.KeyPress:
            act = self._which(event)
            if act is not None:   # the shortcut did not fire (nothing to undo yet, or sent straight here)
                if not act.isEnabled() and self.flush is not None:
                    self.flush()   # typing not yet written becomes the step to undo
                act.trigger()
                return True
        elif kind == QEvent.Type.ContextMenu:
            return self._menu(obj, event)
        return False

    def _menu(self, obj: QObject, event) -> bool:
        field = obj.parent() if isinstance(obj.parent(), (QTextEdit, QPlainTextEdit)) else obj
        kinds = (QLineEdit, QTextEdit, QPlainTextEdit)
        base = next((k for k in kinds if isinstance(field, k)), None)
        from PySide6.QtCore import Qt
        # a field with a menu of its own (spelling suggestions…) keeps it
        if (base is None or type(field).contextMenuEvent is not base.contextMenuEvent
                or field.contextMenuPolicy() != Qt.ContextMenuPolicy.DefaultContextMenu):
            return False
        menu = field.createStandardContextMenu() if base is QLineEdit else field.createStandardContextMenu(event.pos())
        for item in menu.actions():
            act = {"edit-undo": self.act_undo, "edit-redo": self.act_redo}.get(item.objectName())
            if act is not None:
                item.triggered.disconnect()
                item.triggered.connect(act.trigger)
                item.setEnabled(act.isEnabled())
        menu.exec(event.globalPos())
        menu.deleteLater()
        return True


__all__ = ["TextStep", "TextUndo", "UndoKeys", "label_actions", "redo", "set_shortcuts", "step_text", "undo"]
