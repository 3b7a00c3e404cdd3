"""For the recogniser's round-trip tests only: a report's own layout as source lines, the way a
DOCX of it reads (header and closing in tables, centred title). Its expected values come from the
code under test, so it proves only that what we print we read back; the independent tests build
their input with `wordlike.py` and write the expected values by hand."""
import pytest

from tudanhgia.domain.richtext import Paragraph
from tudanhgia.importer.source import SourceDocument, SourceLine
from tudanhgia.render.layout import (BOX_CHECKED, BOX_EMPTY, Appendix, Header, Para, RatingLine, Role, Signature,
                                     Table, Title, layout)


def layout_as_source(report) -> SourceDocument:
    lines = []

    def add(text, align="", table=None):
        lines.append(SourceLine(text if isinstance(text, Paragraph) else Paragraph.plain(text), align, table=table))
    for b in layout(report).blocks:
        if isinstance(b, Header):
            add(b.parent_agency, "center", (0, 0, 0))
            add(b.issuing_agency, "center", (0, 0, 0))
            add("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "center", (0, 0, 1))
            add("Độc lập - Tự do - Hạnh phúc", "center", (0, 0, 1))
            add(b.number_line, "center", (0, 1, 0))
            add(b.place_date, "center", (0, 1, 1))
        elif isinstance(b, Title):
            add(b.kind_name, "center")
            add(b.subject, "center")
        elif isinstance(b, Para):
            add(b.paragraph, "center" if b.role in (Role.PART_LABEL, Role.PART_TITLE) else "justify")
        elif isinstance(b, RatingLine):
            add("    ".join(f"{BOX_CHECKED if i == b.chosen else BOX_EMPTY} {o}" for i, o in enumerate(b.options)))
        elif isinstance(b, Signature):
            add("Nơi nhận:", table=(1, 0, 0))
            for r in b.recipients:
                add(r, table=(1, 0, 0))
            for a in b.authority_lines:
                add(a, "center", (1, 0, 1))
            add(b.name, "center", (1, 0, 1))
        elif isinstance(b, Appendix):
            add(b.title, "center")
            add(b.attached_to, "center")
        elif isinstance(b, Table):
            for r, row in enumerate([b.header, *b.rows]):
                for c, value in enumerate(row):
                    if value:
                        add(value, table=(2, r, c))
    return SourceDocument(lines, name="test")


@pytest.fixture
def layout_source():
    return layout_as_source
