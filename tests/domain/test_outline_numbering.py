"""After an outline edit the index numbers again only under the nearest numbered section above
what changed (issue 12 gap: 1,000 sections renumbered at every add, move or delete). Over random
outlines — unnumbered sections at any depth, parts, per-section styles — and random sequences of
adds, deletes and moves, its numbering is always the whole report's."""
from __future__ import annotations

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from tudanhgia.domain import LevelStyle, NumberStyle, Period, Report, Section
from tudanhgia.domain.changes import Changes
from tudanhgia.domain.outline import ReportIndex

STYLES = [None, None, None, NumberStyle.NONE, NumberStyle.ARABIC, NumberStyle.NESTED, NumberStyle.LETTER,
          NumberStyle.PART_ORDINAL, NumberStyle.ROMAN]
LEVELS = [LevelStyle(NumberStyle.PART), LevelStyle(NumberStyle.ROMAN), LevelStyle(NumberStyle.NESTED),
          LevelStyle(NumberStyle.LETTER)]


def tree(draw, ids, depth: int) -> list[Section]:
    return [Section(f"Mục {depth}", id=next(ids), number_style=draw(st.sampled_from(STYLES)),
                    children=tree(draw, ids, depth + 1) if depth < 4 else [])
            for _ in range(draw(st.integers(0, 4 if depth < 3 else 2)))]


@st.composite
def outlines_and_edits(draw):
    ids = itertools.count(1)
    report = Report("x", Period(2025), sections=tree(draw, ids, 1), levels=list(LEVELS[:draw(st.integers(1, 4))]))
    edits = draw(st.lists(st.tuples(st.sampled_from(["add", "delete", "move", "style"]), st.integers(0, 10_000),
                                    st.integers(0, 10_000), st.sampled_from(STYLES)), min_size=1, max_size=25))
    return report, ids, edits


def siblings(report: Report, section: Section | None) -> list[Section]:
    return report.sections if section is None else section.children


@settings(max_examples=300, deadline=None)
@given(outlines_and_edits())
def test_numbering_after_each_edit_is_the_whole_reports(case):
    report, ids, edits = case
    index = ReportIndex(report)
    before = report.numbering()
    assert index.numbering() == before
    for kind, a, b, style in edits:
        sections = list(report.walk())
        owners: list[Section | None] = [None, *sections]
        changes = Changes(1, outline=True)
        if kind == "add":
            under = owners[a % len(owners)]
            place = siblings(report, under)
            place.insert(b % (len(place) + 1), Section("Mới", id=next(ids), number_style=style))
        elif kind == "delete" and sections:
            gone = sections[a % len(sections)]
            siblings(report, report.parent_of(gone)).remove(gone)
        elif kind == "move" and sections:
            moved = sections[a % len(sections)]
            inside = set(map(id, moved.walk()))
            targets = [o for o in owners if o is None or id(o) not in inside]
            siblings(report, report.parent_of(moved)).remove(moved)
            place = siblings(report, targets[b % len(targets)])
            place.insert(b % (len(place) + 1), moved)
        elif kind == "style" and sections:   # a section's own style: the whole report is read again
            sections[a % len(sections)].number_style = style
            changes = Changes(1, everything=True)
        touched = index.update(changes)
        numbers = report.numbering()
        assert index.numbering() == numbers
        assert [s.id for s in index.order] == [s.id for s in report.walk()]
        # the navigator relabels at least every section whose number now reads differently
        assert {s for s in report.walk() if numbers[s] != before.get(s)} <= touched
        before = numbers


def test_an_edit_under_a_numbered_section_numbers_only_below_it():
    """Deleting item 2 of chapter II renumbers chapter II's items; chapter I is not numbered again."""
    ids = itertools.count(1)
    chapters = [Section(f"Chương {c}", id=next(ids), children=[Section(f"Mục {c}.{i}", id=next(ids))
                                                                for i in range(1, 4)]) for c in (1, 2)]
    report = Report("x", Period(2025), sections=chapters,
                    levels=[LevelStyle(NumberStyle.ROMAN), LevelStyle(NumberStyle.ARABIC)])
    index = ReportIndex(report)
    numbered: list[str] = []
    real = Report.number_into

    def counting(self, out, items, *args):
        numbered.extend(s.heading for s in items)
        return real(self, out, items, *args)

    Report.number_into = counting   # type: ignore[method-assign]
    try:
        del chapters[1].children[1]
        index.update(Changes(1, outline=True))
    finally:
        Report.number_into = real   # type: ignore[method-assign]
    assert numbered == ["Mục 2.1", "Mục 2.3"]
    assert [index.number(s) for s in chapters[1].children] == ["1.", "2."]
    assert index.number(chapters[1]) == "II."
