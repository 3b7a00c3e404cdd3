"""Periods sort by time whatever their length (the measures board sorts rows by period; quarters,
halves, months and years mixed in one database made the sort raise TypeError)."""
import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from tudanhgia.domain.period import Period


def test_mixed_periods_sort_chronologically_the_longer_first():
    mixed = [Period(2026, month=3), Period(2025, quarter=4), Period(2026), Period(2026, quarter=1),
             Period(2025, half=2), Period(2026, half=1), Period(2026, month=1), Period(2025)]
    assert sorted(mixed) == [Period(2025), Period(2025, half=2), Period(2025, quarter=4), Period(2026),
                             Period(2026, half=1), Period(2026, quarter=1), Period(2026, month=1),
                             Period(2026, month=3)]


def test_equal_periods_are_not_less_and_compare_only_with_periods():
    assert not Period(2024, quarter=2) < Period(2024, quarter=2)
    assert Period(2024, quarter=2) <= Period(2024, quarter=2)
    assert Period(2024, quarter=2) < Period(2024, month=4)  # April 2024 starts after the quarter
    assert max([Period(2024, month=12), Period(2024, quarter=4), Period(2024, half=2)]) == Period(2024, month=12)


periods = st.one_of(
    st.builds(Period, st.integers(2000, 2030)),
    st.builds(lambda y, h: Period(y, half=h), st.integers(2000, 2030), st.integers(1, 2)),
    st.builds(lambda y, q: Period(y, quarter=q), st.integers(2000, 2030), st.integers(1, 4)),
    st.builds(lambda y, m: Period(y, month=m), st.integers(2000, 2030), st.integers(1, 12)),
)


@given(st.lists(periods, max_size=12))
def test_sorted_periods_start_in_time_order(items):
    starts = [dt.date(p.year, p.months[0], 1) for p in sorted(items)]
    assert starts == sorted(starts)
