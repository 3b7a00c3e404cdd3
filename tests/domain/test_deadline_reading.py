"""Issue 13 point 6: one reading of a measure's deadline (domain.deadlines.read_deadline).

The expected days are written out by hand or computed with `calendar` here, never by the reader."""
import calendar
import datetime as dt

import pytest
from hypothesis import given, settings, strategies as st

from tudanhgia.domain.deadlines import STANDING_NOTE, deadline_text, is_overdue, read_deadline

D = dt.date


@pytest.mark.parametrize("text,start,end", [
    ("Quý II năm 2027", D(2027, 4, 1), D(2027, 6, 30)),
    ("Tháng 3/2027", D(2027, 3, 1), D(2027, 3, 31)),
    ("6 tháng đầu năm 2027", D(2027, 1, 1), D(2027, 6, 30)),
    ("30/6/2027", D(2027, 6, 30), D(2027, 6, 30)),
    ("Chậm nhất ngày 15/9/2027", None, D(2027, 9, 15)),
])
def test_point6_dated_phrases(text, start, end):
    d = read_deadline(text)
    assert (d.start, d.end, d.understood, d.standing) == (start, end, True, "")
    assert is_overdue(d, done=False, today=D(2028, 1, 1))


@pytest.mark.parametrize("text,label", [
    ("Thường xuyên", "Thường xuyên"), ("thường xuyên.", "Thường xuyên"), ("Hằng năm", "Hằng năm"),
    ("hàng năm", "Hàng năm"), ("Hằng quý", "Hằng quý"), ("Liên tục", "Liên tục"),
    ("Thường xuyên trong năm 2023.", "Thường xuyên"), ("Định kỳ hằng tháng", "Định kỳ"),
])
def test_point6_a_standing_duty_is_understood_never_overdue_and_asks_no_date(text, label):
    for year in (None, 2023):
        d = read_deadline(text, default_year=year)
        assert d.understood and d.standing == label and d.note == STANDING_NOTE
        assert "chọn hạn" not in d.note
        assert not is_overdue(d, done=False, today=D(2099, 1, 1))
        assert deadline_text(d) == label


def test_point6_a_standing_duty_with_a_fixed_end_is_a_deadline():
    d = read_deadline("Thường xuyên, hoàn thành trước ngày 30/6/2027")
    assert d.standing == "" and d.end == D(2027, 6, 30)
    assert is_overdue(d, done=False, today=D(2027, 7, 1))
    assert not is_overdue(d, done=True, today=D(2027, 7, 1))


def test_point6_a_picked_date_wins_over_the_words():
    d = read_deadline("Thường xuyên", due=D(2027, 5, 2))
    assert (d.end, d.standing) == (D(2027, 5, 2), "")
    assert is_overdue(d, done=False, today=D(2027, 5, 3))


def test_point6_unreadable_words_still_ask_for_a_date():
    d = read_deadline("Khi có yêu cầu")
    assert not d.understood and d.note.endswith("hãy chọn hạn hoàn thành.")
    assert deadline_text(d) == "chưa rõ hạn" and deadline_text(d, unread="⚠") == "⚠"


# --- properties -------------------------------------------------------------------------------------------
STANDING = ["Thường xuyên", "thường xuyên", "Hằng năm", "Hàng năm", "Hằng quý", "hằng tháng", "Liên tục"]
FILLER = st.sampled_from(["", "Thực hiện ", "Tổ chức ", "Các phòng ", "- ", "("])
TAIL = st.sampled_from(["", ".", " trong năm", " theo kế hoạch", ";", ")"])
years = st.integers(min_value=2000, max_value=2100)
days = st.dates(min_value=D(2000, 1, 1), max_value=D(2100, 12, 31))


@settings(max_examples=300, deadline=None)
@given(FILLER, st.sampled_from(STANDING), TAIL, st.one_of(st.none(), years), st.one_of(st.none(), years), days)
def test_point6_property_standing_is_never_overdue(before, word, after, written, default, today):
    text = f"{before}{word}{after}" + (f" {written}" if written else "")
    d = read_deadline(text, default_year=default)
    assert d.standing and d.understood
    assert not is_overdue(d, done=False, today=today)


@settings(max_examples=300, deadline=None)
@given(st.integers(1, 4), years, st.sampled_from(["Quý {r} năm {y}", "quý {n}/{y}", "Quý {r}, {y}"]), days)
def test_point6_property_quarters(q, year, form, today):
    roman = ["I", "II", "III", "IV"][q - 1]
    d = read_deadline(form.format(r=roman, n=q, y=year))
    last = calendar.monthrange(year, 3 * q)[1]
    assert (d.start, d.end, d.standing) == (D(year, 3 * q - 2, 1), D(year, 3 * q, last), "")
    assert is_overdue(d, done=False, today=today) == (today > D(year, 3 * q, last))


@settings(max_examples=300, deadline=None)
@given(days, st.sampled_from(["{d}/{m}/{y}", "ngày {d}/{m}/{y}", "ngày {d} tháng {m} năm {y}", "{dd:02}/{mm:02}/{y}"]))
def test_point6_property_days(day, form):
    text = form.format(d=day.day, m=day.month, y=day.year, dd=day.day, mm=day.month)
    d = read_deadline(text)
    assert (d.start, d.end) == (day, day)


@settings(max_examples=300, deadline=None)
@given(st.integers(1, 12), years, st.sampled_from(["Tháng {m}/{y}", "tháng {m} năm {y}"]))
def test_point6_property_months(month, year, form):
    d = read_deadline(form.format(m=month, y=year))
    assert (d.start, d.end) == (D(year, month, 1), D(year, month, calendar.monthrange(year, month)[1]))


LETTERS = "0123456789/.-, qQuýIVXtháng năm đầu cuối thường xuyên hằng liên tục trước đến"


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.sampled_from(list(LETTERS)), max_size=60), st.one_of(st.none(), years), days)
def test_point6_property_any_text_reads_without_error_and_consistently(text, default, today):
    d = read_deadline(text, default_year=default)
    assert d.understood or (d.start, d.end, d.standing) == (None, None, "")
    if d.standing:
        assert not is_overdue(d, done=False, today=today)
    assert isinstance(deadline_text(d), str) and deadline_text(d)
