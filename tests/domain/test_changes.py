"""What a use case changed: merged across calls, asked by each view for what it shows."""
from tudanhgia.domain.changes import ChangeLog, Changes


def test_nothing_changed_is_false_and_each_kind_of_change_is_true():
    assert not Changes()
    assert not Changes(report_id=3)  # naming a report is not a change
    for changed in (Changes(sections=frozenset({1})), Changes(outline=True), Changes(limitations=frozenset({2})),
                    Changes(measures=frozenset({4})), Changes(meta=True), Changes(indicators=True),
                    Changes(report_list=True), Changes(everything=True)):
        assert changed


def test_merging_keeps_every_change_and_the_report_only_when_it_is_one():
    a = Changes(report_id=1, sections=frozenset({10}), meta=True)
    b = Changes(report_id=1, sections=frozenset({11}), limitations=frozenset({5}))
    both = a | b
    assert both.report_id == 1 and both.sections == {10, 11} and both.limitations == {5} and both.meta
    assert (a | Changes(report_id=2)).report_id is None          # two reports: none in particular
    assert (Changes() | a).report_id == 1 and (a | Changes()).report_id == 1
    assert (a | Changes(outline=True, measures=frozenset({7}), indicators=True, report_list=True,
                        everything=True)) == Changes(1, frozenset({10}), True, frozenset(), frozenset({7}), True,
                                                     True, True, True)


def test_each_view_asks_for_what_it_shows():
    assert Changes(outline=True).touches_outline() and not Changes(sections=frozenset({1})).touches_outline()
    assert Changes(sections=frozenset({1})).touches_sections() and Changes(outline=True).touches_sections()
    assert not Changes(meta=True).touches_sections()
    assert Changes(measures=frozenset({1})).touches_limitations()   # the panel shows measures too
    assert Changes(limitations=frozenset({1})).touches_limitations() and not Changes(meta=True).touches_limitations()
    assert Changes(meta=True).touches_meta() and not Changes(indicators=True).touches_meta()
    assert Changes(indicators=True).touches_indicators() and not Changes(meta=True).touches_indicators()
    everything = Changes(everything=True)
    assert all((everything.touches_outline(), everything.touches_sections(), everything.touches_limitations(),
                everything.touches_meta(), everything.touches_indicators()))


def test_the_log_hands_over_what_piled_up_once():
    log = ChangeLog()
    log.note(Changes(report_id=1, sections=frozenset({1})))
    log.note(Changes(report_id=1, meta=True))
    taken = log.take()
    assert taken.sections == {1} and taken.meta and taken.report_id == 1
    assert not log.take()
