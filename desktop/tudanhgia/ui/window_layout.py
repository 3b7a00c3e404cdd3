"""The window's layout kept between runs (issue 13 point 7): besides the window's size and the
start page's splitter (main_window.py), the editor's outline width, the limitations panel's
splitters and the widths the officer gave the measures' columns (shared by every measures table).

Kept in the window's QSettings; a value from an older layout that no longer fits is ignored."""
from __future__ import annotations

from PySide6.QtCore import QByteArray, QEvent, QObject, QSettings
from PySide6.QtWidgets import QBoxLayout, QSplitter, QTableView, QWidget

COLUMNS_KEY = "layout/measures_columns"
# a title bar and borders (Windows at 125 %): a window not shown yet has no frame to measure
FRAME_ALLOWANCE = (16, 40)


def fit_size(window: QWidget, width: int, height: int) -> None:
    """`window.resize(width, height)` within the free area of the screen it opens on (its
    parent's), frame included: an 860×680 guide or a 1340×720 board on a 1024×600 laptop put its
    lower part and its buttons off the screen. Its own minimum size still wins."""
    parent = window.parentWidget()
    screen = (parent.window() if parent is not None else window).screen()
    if screen is None:
        window.resize(width, height)
        return
    free = screen.availableGeometry()
    framed = window.frameGeometry().size() - window.size()
    frame_w, frame_h = (framed.width(), framed.height()) if window.isVisible() else FRAME_ALLOWANCE
    window.resize(min(width, free.width() - frame_w), min(height, free.height() - frame_h))


def remember_splitter(settings: QSettings, key: str, splitter: QSplitter) -> None:
    """Restore the splitter as the officer last left it, and keep each move."""
    state = settings.value(key)
    if isinstance(state, QByteArray) and not state.isEmpty():
        splitter.restoreState(state)
    splitter.splitterMoved.connect(lambda *_: settings.setValue(key, splitter.saveState()))


def keep_editor_layout(settings: QSettings, editor: QWidget) -> None:
    """The report editor's splitters: the outline's width, and the limitations panel's."""
    remember_splitter(settings, "layout/editor_splitter", editor.splitter)
    panel = editor.panels.get("limitations")
    if panel is not None:
        remember_splitter(settings, "layout/limitations_split", panel.split)
        remember_splitter(settings, "layout/limitation_measures_split", panel.editor_split)


def settings_of(widget: QWidget) -> QSettings | None:
    """The main window's settings, for a widget inside it (None outside one)."""
    settings = getattr(widget.window(), "settings", None)
    return settings if isinstance(settings, QSettings) else None


def saved_columns(settings: QSettings, count: int) -> list[int] | None:
    value = settings.value(COLUMNS_KEY)
    if not isinstance(value, (list, tuple)) or len(value) != count:
        return None
    try:
        widths = [int(v) for v in value]
    except (TypeError, ValueError):
        return None
    return widths if all(w >= 0 for w in widths) and any(widths) else None


def save_columns(settings: QSettings, view: QTableView) -> None:
    """The shown columns' widths; 0 for a hidden one (it keeps its own when shown)."""
    settings.setValue(COLUMNS_KEY, [view.columnWidth(c) for c in range(view.model().columnCount())])


class _StackWhenNarrow(QObject):
    def __init__(self, watched: QWidget, layouts: list[QBoxLayout], slack: int):
        super().__init__(watched)
        self.layouts, self.slack = layouts, slack
        watched.installEventFilter(self)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and isinstance(obj, QWidget):
            for box in self.layouts:
                items = [box.itemAt(i) for i in range(box.count())]
                needed = sum(item.minimumSize().width() for item in items) + box.spacing() * len(items) + self.slack
                direction = (QBoxLayout.Direction.TopToBottom if obj.width() < needed
                             else QBoxLayout.Direction.LeftToRight)
                if box.direction() != direction:
                    box.setDirection(direction)
        return False


def stack_when_narrow(watched: QWidget, layouts: list[QBoxLayout], slack: int = 48) -> None:
    """Side-by-side parts (a form's two columns) one under the other when `watched` (a scroll
    area's viewport) is narrower than they need side by side: a small screen scrolls down, never
    sideways with half a field out of sight."""
    _StackWhenNarrow(watched, layouts, slack)
