"""A day as officers write it: read and shown the one way."""
import datetime as dt

import pytest

from tudanhgia.domain.dates import NoSuchDay, NotADay, day_text, read_day


@pytest.mark.parametrize("text, day", [("30/06/2025", dt.date(2025, 6, 30)), (" 1-2-2024 ", dt.date(2024, 2, 1)),
                                       ("30.06.25", dt.date(2025, 6, 30)), ("29 / 2 / 2024", dt.date(2024, 2, 29))])
def test_a_day_is_read_in_the_forms_officers_write(text, day):
    assert read_day(text) == day


def test_what_is_not_a_day_says_why():
    with pytest.raises(NotADay):
        read_day("cuối quý II")
    with pytest.raises(NoSuchDay):
        read_day("31/02/2025")
    assert issubclass(NotADay, ValueError) and issubclass(NoSuchDay, ValueError)


def test_a_day_is_shown_with_two_digit_day_and_month():
    assert day_text(dt.date(2025, 6, 3)) == "03/06/2025"
