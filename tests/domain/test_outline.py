"""ReportIndex (domain/outline.py) kept up to date from Changes says what the whole-report
functions say, after every kind of edit; arrange gives a loaded report the stored outline."""
import random

from tudanhgia.domain import (CapDo, ContentKind, LevelStyle, Limitation, Measure, NumberStyle, Paragraph, Period,
                              RatingScale, Report, RichText, Run, Section)
from tudanhgia.domain.changes import Changes
from tudanhgia.domain.completeness import progress, section_state
from tudanhgia.domain.outline import ReportIndex, arrange
from tudanhgia.domain.richtext import paragraph_json


def body(words: str) -> RichText:
    return RichText((Paragraph((Run(words),)),)) if words else RichText()


def make_report(rnd: random.Random) -> Report:
    ids = iter(range(1, 10_000))
    sections = []
    for i in range(6):
        kids = [Section(f"Mục {i}.{j}", body("một hai ba" if rnd.random() < 0.6 else ""), id=next(ids),
                        rating_scale=RatingScale.CAP_DO if j == 0 else None)
                for j in range(rnd.randrange(0, 5))]
        sections.append(Section(f"Phần {i}", body("" if kids else "bốn năm"), children=kids, id=next(ids),
                                number_style=NumberStyle.NONE if i == 3 else None))
    sections.append(Section("Hạn chế", content=ContentKind.LIMITATIONS, id=next(ids)))
    sections.append(Section("Nhiệm vụ chung", content=ContentKind.MEASURES, id=next(ids)))
    report = Report("x", Period(2025), sections=sections,
                    levels=[LevelStyle(NumberStyle.ROMAN), LevelStyle(NumberStyle.ARABIC)])
    report._ids = ids   # type: ignore[attr-defined]
    return report


def assert_same(index: ReportIndex, report: Report) -> None:
    assert index.numbering() == report.numbering()
    assert [s.id for s in index.order] == [s.id for s in report.walk()]
    assert {s: index.state(s) for s in report.walk()} == {s: section_state(report, s) for s in report.walk()}
    assert index.progress() == progress(report)
    assert index.word_count() == report.word_count()
    for s in report.walk():
        assert index.find(s.id) is s and index.parent_of(s) is report.parent_of(s)
        assert index.position(s.id) == [x.id for x in report.walk()].index(s.id)


def test_the_index_follows_every_kind_of_edit():
    for seed in range(40):
        rnd = random.Random(seed)
        report = make_report(rnd)
        index = ReportIndex(report)
        assert_same(index, report)
        for _ in range(25):
            sections = list(report.walk())
            s = rnd.choice(sections)
            kind = rnd.randrange(7)
            if kind == 0:    # typed into a body
                s.body = body(rnd.choice(["", "sáu", "bảy tám chín mười"]))
                changes = Changes(1, frozenset({s.id}))
            elif kind == 1:  # a rating chosen or cleared
                s.rating_scale = RatingScale.CAP_DO
                s.rating = rnd.choice([None, CapDo.TOT])
                changes = Changes(1, frozenset({s.id}))
            elif kind == 2:  # a section added somewhere
                siblings = report.siblings_of(s)
                siblings.insert(rnd.randrange(len(siblings) + 1), Section("Mới", body("mười một"),
                                                                            id=next(report._ids)))
                changes = Changes(1, outline=True)
            elif kind == 3 and s.content is None:  # deleted with its subsections
                report.siblings_of(s).remove(s)
                for lim in report.limitations:
                    if lim.concerns is not None and lim.concerns not in list(report.walk()):
                        lim.concerns = None
                changes = Changes(1, outline=True)
            elif kind == 4:  # moved under another section (never into itself)
                target = rnd.choice([x for x in sections if x not in list(s.walk())] or [None])
                report.siblings_of(s).remove(s)
                (target.children if target is not None else report.sections).append(s)
                changes = Changes(1, outline=True)
            elif kind == 5:  # a limitation with a measure: the generated sections' states follow
                report.limitations.append(Limitation(body("hạn chế một"), concerns=s,
                                                     measures=[Measure(measure=body("làm ngay"))]))
                changes = Changes(1, limitations=frozenset({len(report.limitations)}))
            else:            # a general measure listed in the "measures" section
                listed = report.find(key=None, section_id=sections[-1].id) if sections else None
                report.measures.append(Measure(content=body("nhiệm vụ"), section=listed))
                changes = Changes(1, measures=frozenset({len(report.measures)}))
            touched = index.update(changes)
            assert_same(index, report)
            # what the navigator relabels: at least every section whose label now reads differently
            assert set(changes.sections) <= {x.id for x in touched}


def test_update_names_the_sections_whose_label_changed():
    report = make_report(random.Random(3))
    index = ReportIndex(report)
    before = dict(report.numbering())
    states = {s: section_state(report, s) for s in report.walk()}
    first = report.sections[0]
    report.sections.insert(0, Section("Đầu tiên", body("chữ"), id=999))   # every roman number shifts by one
    touched = index.update(Changes(1, outline=True))
    after = report.numbering()
    changed = {s for s in report.walk() if s not in before or before[s] != after[s]
               or states.get(s) is not section_state(report, s)}
    assert changed <= touched
    assert first in touched and index.number(first) == "II."


def test_arrange_gives_the_loaded_report_the_stored_outline():
    a, b, c, d = (Section(h, id=i) for i, h in enumerate("abcd", 1))
    a.children = [b]
    report = Report("x", Period(2025), sections=[a, c, d])
    lim = Limitation(body("x"), concerns=d, id=7)
    report.limitations = [lim]
    e = Section("e", id=5)
    # stored: c first, then a holding b and the new e; d deleted (its limitation unlinked)
    arrange(report, [(3, None, 0), (1, None, 1), (2, 1, 0), (5, 1, 1)], {5: e}, ({}, {}))
    assert report.sections == [c, a] and a.children == [b, e]
    assert lim.concerns is None
    # an undone delete brings d back with its link
    arrange(report, [(3, None, 0), (1, None, 1), (2, 1, 0), (5, 1, 1), (4, None, 2)], {4: d}, ({7: 4}, {}))
    assert report.sections == [c, a, d] and lim.concerns is d


def test_a_paragraphs_json_is_kept_and_joins_into_the_same_json():
    paras = (Paragraph((Run("Đậm", True), Run(" thường \ud800 lẻ"))), Paragraph(), Paragraph((Run("ba"),)))
    whole = RichText(paras)
    assert RichText.by_paragraphs(paras).to_json() == whole.to_json()
    assert paragraph_json(paras[0]) is paragraph_json(paras[0])   # worked out once
    assert RichText.by_paragraphs(()).to_json() == RichText().to_json()
    assert RichText.from_json(RichText.by_paragraphs(paras).to_json()) == whole
