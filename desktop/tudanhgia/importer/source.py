"""What a reader hands to the recogniser: the source document as lines of rich text, whatever the
file was (.docx, .txt from a PDF, legacy-encoded text). No Qt, SQL or docx types here."""
from __future__ import annotations

from dataclasses import dataclass, field

from ..domain.richtext import Paragraph
from ..errors import ServiceError


@dataclass
class SourceLine:
    paragraph: Paragraph            # text with bold/italic runs and inline footnotes (already attached)
    align: str = ""                 # "center", "right", "justify", "left" or "" when unknown
    style: str = ""                 # the source's style name, e.g. "Heading 2" (docx), "" for text
    table: tuple[int, int, int] | None = None   # (table, row, column) for text inside a table
    page_break_before: bool = False
    number: int = 0                 # position in the source, for the review beside the source
    underlined: tuple[str, ...] = ()  # underlined stretches (a way of marking a rating option)

    @property
    def text(self) -> str:
        return self.paragraph.text

    @property
    def all_bold(self) -> bool:
        runs = [r for r in self.paragraph.runs() if r.text.strip()]
        return bool(runs) and all(r.bold for r in runs)


@dataclass
class SourceDocument:
    lines: list[SourceLine] = field(default_factory=list)
    name: str = ""                  # the file name, for messages
    notes: list[str] = field(default_factory=list)   # Vietnamese remarks for the officer (e.g. "Đã chuyển mã TCVN3")


class ImportFailure(ServiceError):
    """A file that cannot be imported; the message is Vietnamese. Nothing is saved."""


class ImportCancelled(Exception):
    """The officer stopped the reading (Hủy). Not an error: nothing is shown, nothing is saved."""
