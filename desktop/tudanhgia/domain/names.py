"""How a report's parts are named where they are listed (the start page, the navigator, the
pre-print check, the command line): a section's display name and the progress marks."""
from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .completeness import SectionState
    from .model import Section

# by the state's value: completeness imports this module, so it cannot be imported here
_STATE_MARKS = {"empty": "○", "in-progress": "◐", "complete": "●"}


def section_name(section: Section, first_chars: int | None = None, empty: str = "",
                 ellipsis: str = "…") -> str:
    """A section's heading, or for an untitled (numbered) paragraph the start of its body: its
    first paragraph, cut to `first_chars` characters followed by `ellipsis` when longer;
    `empty` when it has neither."""
    if section.heading:
        return section.heading
    if not section.body.paragraphs:
        return empty
    text = section.body.paragraphs[0].text
    if first_chars is not None and len(text) > first_chars:
        return _cut_at_word(text, first_chars) + ellipsis
    return text


def _cut_at_word(text: str, limit: int) -> str:
    """The start of `text` in at most `limit` characters, ending with a whole word ("khuyết điểm
    đã được", never "đã được cấ") unless that word is longer than half the room."""
    space = text.rfind(" ", 0, limit + 1)
    head = text[:space] if space > limit // 2 else text[:limit]
    return head.rstrip(" ,;:")


def shorten(text: str, limit: int) -> str:
    """`text` in at most `limit` characters, cut after a whole word and ended with "…" when it had to be cut."""
    return text if len(text) <= limit else _cut_at_word(text, limit - 1) + "…"


def state_mark(state: SectionState) -> str:
    """○ not written, ◐ being written, ● done."""
    return _STATE_MARKS[state.value]


def state_text(state: SectionState) -> str:
    """The mark and the state's label: "◐ Đang viết"."""
    return f"{state_mark(state)} {state.label}"


def percent_done(done: int, total: int) -> int:
    """Progress in whole percent (0 for a report without sections)."""
    return round(100 * done / total) if total else 0
