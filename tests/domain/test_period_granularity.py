"""The lengths of period a report kind takes, as the domain names and makes them (domain/period.py):
the words of a refusal, the period of a length holding a month, the months a period covers."""
from __future__ import annotations

import pytest

from tudanhgia.domain import Period


def test_the_words_of_a_kinds_lengths():
    from tudanhgia.domain.period import granularity_words
    assert granularity_words(["nam"]) == "năm"
    assert granularity_words(("quy", "thang")) == "quý hoặc tháng"
    assert granularity_words(["6thang", "nam", "quy"]) == "6 tháng, năm hoặc quý"


@pytest.mark.parametrize("length,month,made", [
    ("nam", 8, Period(2026)),
    ("6thang", 6, Period(2026, half=1)), ("6thang", 7, Period(2026, half=2)),
    ("quy", 1, Period(2026, quarter=1)), ("quy", 3, Period(2026, quarter=1)), ("quy", 4, Period(2026, quarter=2)),
    ("quy", 12, Period(2026, quarter=4)),
    ("thang", 11, Period(2026, month=11)),
])
def test_the_period_of_a_length_holding_a_month(length, month, made):
    period = Period.of(length, 2026, month)
    assert period == made
    assert period.granularity == length
    first, last = period.months
    assert first <= month <= last


@pytest.mark.parametrize("period,months", [
    (Period(2025), (1, 12)), (Period(2025, half=2), (7, 12)), (Period(2025, quarter=3), (7, 9)),
    (Period(2025, month=2), (2, 2)),
])
def test_the_months_a_period_covers(period, months):
    assert period.months == months


@pytest.mark.parametrize(("period", "shown"), [
    (Period(2026, quarter=1), "Quý I/2026"), (Period(2026, quarter=3), "Quý III/2026"),
    (Period(2026, quarter=4), "Quý IV/2026"), (Period(2026, month=3), "Tháng 3/2026"),
    (Period(2024, half=1), "6 tháng đầu năm 2024"), (Period(2023), "Năm 2023"),
])
def test_a_period_starting_a_list_line_keeps_its_roman_numeral(period, shown):
    """The copy list of Tạo báo cáo mới and the measures board showed 'Quý iii/2026' (str.capitalize)."""
    assert period.title_label == shown
