"""Going from a line of the pre-print check to the place it names: a section (or the preamble,
the closing), a limitation, a measure row of a limitation or of a section's general list, or the
document's fields."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QTextEdit, QWidget

from ..domain.completeness import Issue
from ..domain.spelling import words
from ..services.spelling import APPENDIX_TARGET
from ..services.spelling import ISSUE_CODE as SPELLING_NOTE
from .editor import CLOSING, PREAMBLE
from .measures_model import COL_TIMEFRAME, COLUMNS
from .qt_positions import to_qt

# the document's field (domain name) → the "Thông tin văn bản" form's widget, where they differ
_WIDGET = {"date": "day"}
# the cell to type in for an issue about a measure's deadline; otherwise the row's main text
_CELL = {"measure-no-deadline": COL_TIMEFRAME, "measure-deadline-unclear": COL_TIMEFRAME}

if TYPE_CHECKING:
    from ..domain.model import Report
    from .editor import ReportEditor
    from .main_window import MainWindow


def go_to(editor: ReportEditor, issue: Issue) -> None:
    """Show what `issue` is about, selected, with the keyboard focus there; for a spelling note,
    its first unknown word selected in the text it is in."""
    _show_place(editor, issue)
    if issue.code != SPELLING_NOTE:
        return
    panel = editor.panels.get("limitations")
    if panel is not None and (issue.limitation_id is not None or issue.measure_id is not None):
        # the limitation's own texts first, else the measure's cell holding the word
        if issue.limitation_id is not None and select_unknown_word(panel.findChildren(QPlainTextEdit)):
            return
        _select_unknown_cell(editor, panel, issue)
    elif issue.section_id is not None or issue.place in (PREAMBLE, CLOSING):
        select_unknown_word([editor.page.heading, editor.page.editor])


def _select_unknown_cell(editor: ReportEditor, panel: Any, issue: Issue) -> None:
    """Select the first cell of the issue's measures (its limitation's, or the one general measure)
    whose text has a word the spell check does not know."""
    from . import spell_check
    check = spell_check.spell_check_for(editor.ctx.service, editor.window())
    report = editor.ctx.report()
    if issue.limitation_id is not None:
        lim = next((x for x in report.limitations if x.id == issue.limitation_id), None)
        measures, table = (lim.measures if lim is not None else []), panel.measures
    else:
        measures = [m for m in report.measures if m.id == issue.measure_id]
        table = next((t for t in panel.general_tables if t.model.section_id == issue.section_id), None)
    if table is None or check.checker is None:
        return
    for m in measures:
        for column, (name, _header) in enumerate(COLUMNS):
            value = getattr(m, name, "")
            text = value if isinstance(value, str) else getattr(value, "plain", "")
            if any(not check.is_known(w.text) for w in words(text)):
                table.select_measure(m.id, column)
                table.view.setFocus()
                return


def select_unknown_word(fields: list[QWidget]) -> bool:
    """Select the first word the spell check underlines in the first of `fields` (shown,
    spell-checked) that has one, with the keyboard focus there; False when none has."""
    from . import spell_check
    for field in fields:
        if not field.isVisible() or not isinstance(field, (QLineEdit, QTextEdit, QPlainTextEdit)):
            continue
        check = spell_check.attach(field)
        if check is None or check.checker is None:
            continue
        if isinstance(field, QLineEdit):
            text = field.text()
            found = next((w for w in words(text) if not check.is_known(w.text)), None)
            if found is not None:
                field.setFocus()
                start = to_qt(text, found.start)
                field.setSelection(start, to_qt(text, found.end) - start)
                return True
            continue
        block = field.document().begin()
        while block.isValid():
            text = block.text()
            found = next((w for w in words(text) if not check.is_known(w.text)), None)
            if found is not None:
                cursor = QTextCursor(block)
                cursor.setPosition(block.position() + to_qt(text, found.start))
                cursor.setPosition(block.position() + to_qt(text, found.end), QTextCursor.MoveMode.KeepAnchor)
                field.setTextCursor(cursor)
                field.ensureCursorVisible()
                field.setFocus()
                return True
            block = block.next()
    return False


def _show_place(editor: ReportEditor, issue: Issue) -> None:
    panel = editor.panels.get("limitations")
    if panel is not None and (issue.limitation_id is not None or issue.measure_id is not None):
        editor.tabs.setCurrentWidget(panel)
        if issue.limitation_id is not None:
            panel.select_limitation(issue.limitation_id)
            table = panel.measures
            panel.list.setFocus()
        else:   # a general measure: the table of the section that lists it
            panel.tabs.setCurrentIndex(1)
            table = next((t for t in panel.general_tables if t.model.section_id == issue.section_id), None)
        if issue.measure_id is not None and table is not None:
            table.select_measure(issue.measure_id, _CELL.get(issue.code))
            table.view.setFocus()
        return
    appendix = editor.panels.get("indicators")
    if issue.place == APPENDIX_TARGET and issue.cell is not None and appendix is not None:
        # the kept appendix table's cell, selected in its grid ("Phụ lục số liệu")
        editor.tabs.setCurrentWidget(appendix)
        grid = appendix.kept.grid   # type: ignore[attr-defined]
        row, column = issue.cell
        if row < grid.rowCount() and column < grid.columnCount():
            grid.setCurrentCell(row, column)
            grid.scrollToItem(grid.item(row, column))
        grid.setFocus()
        return
    if issue.section_id is not None:
        editor.select(issue.section_id)
    elif issue.place in (PREAMBLE, CLOSING):
        editor.select(issue.place)
    elif "meta" in editor.panels:
        form = editor.panels["meta"]
        editor.tabs.setCurrentWidget(form)
        widget = getattr(form, _WIDGET.get(issue.field, issue.field), None) if issue.field else None
        if isinstance(widget, QWidget):   # the field it is about, scrolled to and focused
            form.scroll.ensureWidgetVisible(widget)
            widget.setFocus()


# --- issuing with spelling notes left ------------------------------------------------------------------
SHOWN_PLACES = 6   # places named in the question (then "và N chỗ khác")


def spelling_before_issue(w: MainWindow, report: Report, parent: QWidget | None = None) -> bool:
    """Before "Đánh dấu đã ban hành": when the pre-print check still has spelling notes, ask once
    (the safe answer, the default, goes back to look at them in F7's list); True to go on issuing."""
    from ..services.spelling import SpellingUnavailable, new_checker, spelling_places
    from . import messages
    try:
        places = spelling_places(report, new_checker(w.service))
    except SpellingUnavailable:   # no dictionary: F7 says so; nothing to ask about
        return True
    if not places:
        return True
    count = sum(len(p.words) for p in places)
    lines = [f"• {p.label}: {len(p.words)} từ" for p in places[:SHOWN_PLACES]]
    if len(places) > SHOWN_PLACES:
        lines.append(f"• và {len(places) - SHOWN_PLACES} chỗ khác")
    text = (f"Báo cáo còn {count} từ có thể sai chính tả ở {len(places)} chỗ:\n" + "\n".join(lines) +
            "\n\nVăn bản đã ban hành sẽ bị khóa chỉnh sửa. Nên xem lại các từ này (Kiểm tra trước khi in, F7) "
            "trước khi ban hành.")
    if messages.confirm(parent or w, text, yes="Vẫn ban hành", no="Xem lại chính tả"):
        return True
    if (parent is None or parent is w) and w._report_id() == report.id:
        w.show_check()   # the list, each place with "Đến chỗ cần sửa"
    return False
