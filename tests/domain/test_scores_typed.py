"""Issue 13 point 4: scores as Vietnamese officers type them, whatever the computer's locale."""
import pytest

from tudanhgia.domain.numbers import number_text, read_score


@pytest.mark.parametrize("typed,value", [
    ("7,5", 7.5), ("7.5", 7.5), (" 7,5 ", 7.5), ("10", 10.0), ("0", 0.0), ("0,25", 0.25), ("7,", 7.0),
    (",5", 0.5), ("9,75", 9.75),
])
def test_point4_comma_and_dot_are_both_the_decimal_mark(typed, value):
    reading = read_score(typed, 10)
    assert reading.problem == ""
    assert reading.value == pytest.approx(value)


def test_point4_a_blank_score_is_not_scored_yet():
    assert read_score("  ", 10) == read_score("", 10)
    assert read_score("", 10).value is None and read_score("", 10).problem == ""


@pytest.mark.parametrize("typed", ["10,5", "11", "75"])
def test_point4_above_the_maximum_is_refused_with_a_message(typed):
    reading = read_score(typed, 10)
    assert reading.value is None
    assert reading.problem == (f"Điểm tối đa của tiêu chí này là 10; “{typed}” vượt quá nên chưa được ghi. "
                               "Hãy sửa lại.")


def test_point4_the_maximum_itself_is_taken():
    assert read_score("2,5", 2.5).value == 2.5


@pytest.mark.parametrize("typed", ["abc", "7,5,1", "1.2.3", ",", "inf", "nan", "1e1", "7-"])
def test_point4_what_is_not_a_number_says_so(typed):
    reading = read_score(typed, 100)
    assert reading.value is None
    assert reading.problem.startswith(f"“{typed}” không phải là số điểm")


def test_point4_a_negative_score_is_refused():
    assert read_score("-1", 10).problem == "Điểm không được âm (“-1”)."


@pytest.mark.parametrize("value,text", [(7.5, "7,5"), (7.0, "7"), (10, "10"), (0.25, "0,25"), (1234.5, "1.234,5"),
                                        (None, ""), (96.12, "96,12")])
def test_point4_a_score_reads_7_5_with_a_comma(value, text):
    assert number_text(value) == text


def test_a_dot_before_three_digits_is_a_thousands_mark_and_never_read_as_a_point():
    """"1.000" is one thousand in Vietnamese writing: read as one point it passed a /30 field
    (found by the GUI tester). It is refused with a message; "28.5" and "7,125" stay decimals."""
    from tudanhgia.domain.numbers import read_score
    refused = read_score("1.000", 30)
    assert refused.value is None and "hàng nghìn" in refused.problem and "“1.000”" in refused.problem
    assert read_score("28.5", 30).value == 28.5 and read_score("7,125", 30).value == 7.125
