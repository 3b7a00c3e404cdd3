"""Numbers as officers type them in the appendix and in Excel (spec nd30 A4): 1.234,5 and 96,1%."""
import pytest

from tudanhgia.domain.numbers import parse_number


@pytest.mark.parametrize("text,value", [
    ("1.234,5", 1234.5), ("1.234", 1234.0), ("62.224", 62224.0), ("1.234.567", 1234567.0),
    ("96,1%", 96.1), ("96,1 %", 96.1), ("100%", 100.0), ("0,5", 0.5), ("2", 2.0),
    ("1234.5", 1234.5), ("12.5", 12.5), ("3.14159", 3.14159), ("1 234", 1234.0), ("1\u00a0234,5", 1234.5),
    ("  42  ", 42.0), (7, 7.0),
])
def test_vietnamese_and_plain_numbers(text, value):
    assert parse_number(text) == pytest.approx(value)


@pytest.mark.parametrize("blank", ["", "   ", "%", "\u00a0"])
def test_a_blank_cell_is_no_number(blank):
    assert parse_number(blank) is None


@pytest.mark.parametrize("bad", ["mười", "1,2,3", "12a", "10X"])
def test_words_are_refused(bad):
    with pytest.raises(ValueError):
        parse_number(bad)
