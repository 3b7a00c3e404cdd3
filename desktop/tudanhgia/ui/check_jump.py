"""Going from a line of the pre-print check to the place it names: a section (or the preamble,
the closing), a limitation, a measure row of a limitation or of a section's general list, or the
document's fields."""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from ..domain.completeness import Issue
from .editor import CLOSING, PREAMBLE
from .measures_model import COL_TIMEFRAME

# the document's field (domain name) → the "Thông tin văn bản" form's widget, where they differ
_WIDGET = {"date": "day"}
# the cell to type in for an issue about a measure's deadline; otherwise the row's main text
_CELL = {"measure-no-deadline": COL_TIMEFRAME, "measure-deadline-unclear": COL_TIMEFRAME}

if TYPE_CHECKING:
    from .editor import ReportEditor


def go_to(editor: ReportEditor, issue: Issue) -> None:
    """Show what `issue` is about, selected, with the keyboard focus there."""
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
