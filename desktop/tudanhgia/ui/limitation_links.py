"""From a limitation to the section it concerns and back (issue 13 point 9): the limitations panel's
"Đến mục ▸" beside "Liên quan đến mục" opens that section's page; the section's page lists the
limitations that concern it, each a link back to it in the panel."""
from __future__ import annotations

import html

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QWidget

from ..domain.changes import Changes
from ..domain.names import shorten
from ..domain.numbering import letter
from .context import EditorContext

LINK_TEXT_CHARS = 70


class RelatedLimitations(QLabel):
    """"Hạn chế, khuyết điểm liên quan: a) …, c) …" under a section's body, each a link."""

    limitation_requested = Signal(int)

    def __init__(self, ctx: EditorContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.section_id: int | None = None
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.LinksAccessibleByMouse
                                     | Qt.TextInteractionFlag.LinksAccessibleByKeyboard)
        self.setToolTip("Bấm vào một hạn chế để mở nó ở thẻ “Hạn chế và biện pháp”")
        self.setStyleSheet("QLabel { padding: 2px 4px; }")
        self.linkActivated.connect(lambda href: self.limitation_requested.emit(int(href)))
        ctx.changed.connect(self._on_changed)
        self.setVisible(False)

    def show_for(self, section_id: int | None) -> None:
        self.section_id = section_id
        report = self.ctx.report()
        links = []
        for i, lim in enumerate(report.limitations):
            if section_id is not None and lim.concerns is not None and lim.concerns.id == section_id:
                words = shorten(" ".join(lim.text.plain.split()), LINK_TEXT_CHARS) or "(chưa có nội dung)"
                links.append(f'<a href="{lim.id}">{letter(i + 1)}) {html.escape(words)}</a>')
        self.setText("Hạn chế, khuyết điểm liên quan đến mục này: " + "; ".join(links) if links else "")
        self.setVisible(bool(links))

    def _on_changed(self, changes: Changes, _initiator) -> None:
        if changes.limitations or changes.everything or changes.outline:
            self.show_for(self.section_id)


def link_panels(editor, panel) -> None:
    """Both ways between the report editor's section page and its limitations panel."""
    def to_limitation(limitation_id: int) -> None:
        if editor.ctx.saves.flush_for_action():   # what was typed is written before leaving
            editor.tabs.setCurrentWidget(panel)
            panel.select_limitation(limitation_id)
            panel.text_edit.setFocus()

    def to_section(section_id: int) -> None:
        if editor.ctx.saves.flush_for_action():
            editor.select(section_id)
            editor.page.editor.setFocus()

    editor.page.related.limitation_requested.connect(to_limitation)
    panel.section_requested.connect(to_section)


__all__ = ["RelatedLimitations", "link_panels"]
