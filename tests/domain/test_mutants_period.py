"""Reporting periods and the document date as written in Vietnamese documents (spec nd30 H6)."""
import datetime
import re

import pytest

from tudanhgia.domain import DocDate, Period
from tudanhgia.domain.period import BLANK


@pytest.mark.parametrize("text,period", [
    ("2024", Period(2024)), (" 2024 ", Period(2024)), ("2024-H1", Period(2024, half=1)),
    ("2024 - H2", Period(2024, half=2)), ("2024-q1", Period(2024, quarter=1)), ("2024-Q4", Period(2024, quarter=4)),
    ("năm 2023", Period(2023)), ("Năm 2023", Period(2023)), ("quý I năm 2023", Period(2023, quarter=1)),
    ("quý II năm 2023", Period(2023, quarter=2)), ("Quý III 2023", Period(2023, quarter=3)),
    ("quý 4 năm 2023", Period(2023, quarter=4)), ("6 tháng đầu năm 2022", Period(2022, half=1)),
    ("6 tháng cuối năm 2022", Period(2022, half=2)), ("6 tháng cuối 2022", Period(2022, half=2)),
    ("1900", Period(1900)), ("2999", Period(2999)),
])
def test_periods_as_officers_write_them(text, period):
    assert Period.parse(text) == period


@pytest.mark.parametrize("text", ["1899", "3000", "2024-H0", "2024-H3", "2024-Q0", "2024-Q5", "quý V năm 2024",
                                  "6 tháng giữa năm 2024", "năm ngoái", "2024 H1 Q2"])
def test_impossible_periods_are_refused_in_vietnamese(text):
    with pytest.raises(ValueError, match=f"^kỳ báo cáo “{re.escape(text)}” không hợp lệ"):
        Period.parse(text)


@pytest.mark.parametrize("text", ["năm ngoái", "2024 H1 Q2"])
def test_an_unreadable_period_gets_examples(text):
    with pytest.raises(ValueError, match=f"^kỳ báo cáo “{text}” không hợp lệ "
                                         r"\(ví dụ: 2024, 2024-H1, 2024-Q3, Quý I/2026, Tháng 3/2026\)$"):
        Period.parse(text)


def test_a_period_is_a_year_a_half_or_a_quarter_never_two():
    with pytest.raises(ValueError, match=r"^kỳ báo cáo chỉ là năm, 6 tháng, quý hoặc tháng$"):
        Period(2024, half=1, quarter=2)
    with pytest.raises(ValueError, match=r"^kỳ báo cáo chỉ là năm, 6 tháng, quý hoặc tháng$"):
        Period(2024, quarter=1, month=2)
    with pytest.raises(ValueError, match=r"^tháng phải từ 1 đến 12$"):
        Period(2024, month=13)
    with pytest.raises(ValueError, match=r"^6 tháng phải là H1 hoặc H2$"):
        Period(2024, half=3)
    with pytest.raises(ValueError, match=r"^quý phải từ 1 đến 4$"):
        Period(2024, quarter=5)
    with pytest.raises(ValueError, match=r"^năm 1899 không hợp lệ$"):
        Period(1899)
    with pytest.raises(ValueError, match=r"^năm 3000 không hợp lệ$"):
        Period(3000)


def test_the_reason_is_kept_when_a_written_period_is_impossible():
    with pytest.raises(ValueError, match=r"^kỳ báo cáo “năm 1800” không hợp lệ: năm 1800 không hợp lệ$"):
        Period.parse("năm 1800")


@pytest.mark.parametrize("period,code,label", [
    (Period(2023), "2023", "năm 2023"), (Period(2023, half=1), "2023-H1", "6 tháng đầu năm 2023"),
    (Period(2023, half=2), "2023-H2", "6 tháng cuối năm 2023"), (Period(2023, quarter=1), "2023-Q1", "quý I/2023"),
    (Period(2023, quarter=2), "2023-Q2", "quý II/2023"), (Period(2023, quarter=3), "2023-Q3", "quý III/2023"),
    (Period(2023, quarter=4), "2023-Q4", "quý IV/2023"),
])
def test_codes_and_labels(period, code, label):
    assert (period.code, str(period), period.label) == (code, code, label)
    assert Period.parse(code) == period and Period.parse(label) == period


@pytest.mark.parametrize("period,before,after", [
    (Period(2023), Period(2022), Period(2024)),
    (Period(2023, half=1), Period(2022, half=2), Period(2023, half=2)),
    (Period(2023, half=2), Period(2023, half=1), Period(2024, half=1)),
    (Period(2023, quarter=1), Period(2022, quarter=4), Period(2023, quarter=2)),
    (Period(2023, quarter=2), Period(2023, quarter=1), Period(2023, quarter=3)),
    (Period(2023, quarter=4), Period(2023, quarter=3), Period(2024, quarter=1)),
])
def test_the_period_before_and_after(period, before, after):
    assert period.previous() == before and period.next() == after


@pytest.mark.parametrize("date,words", [
    (DocDate(2024, 1, 5), "ngày 05 tháng 01 năm 2024"), (DocDate(2024, 2, 9), "ngày 09 tháng 02 năm 2024"),
    (DocDate(2024, 3, 10), "ngày 10 tháng 3 năm 2024"), (DocDate(2020, 12, 1), "ngày 01 tháng 12 năm 2020"),
])
def test_leading_zeros_only_for_days_below_10_and_january_february(date, words):
    assert date.words() == words


def test_a_draft_date_leaves_blanks_for_the_clerk():
    assert BLANK == "\u00a0" * 4
    assert DocDate(2020, 12).words() == f"ngày {BLANK} tháng 12 năm 2020"
    assert DocDate(2020).words() == f"ngày {BLANK} tháng {BLANK} năm 2020"
    assert DocDate().words("…") == "ngày … tháng … năm …"
    assert DocDate(2020, 1).words("_") == "ngày _ tháng 01 năm 2020"


def test_the_place_line():
    assert DocDate(2024, 1, 5).place_line("Quảng Ngãi") == "Quảng Ngãi, ngày 05 tháng 01 năm 2024"
    assert DocDate(2024, 1, 5).place_line("") == "ngày 05 tháng 01 năm 2024"
    assert DocDate(2024).place_line("Huế", "…") == "Huế, ngày … tháng … năm 2024"


def test_a_date_is_complete_only_with_day_month_and_year():
    assert DocDate(2024, 1, 5).is_complete()
    assert not DocDate(2024, 1).is_complete()
    assert not DocDate(2024, None, 5).is_complete()
    assert not DocDate(None, 1, 5).is_complete()


@pytest.mark.parametrize("args", [(2024, 0), (2024, 13), (2024, 1, 0), (2024, 1, 32), (2023, 2, 29), (2024, 4, 31)])
def test_impossible_dates_are_refused(args):
    with pytest.raises(ValueError):
        DocDate(*args)


@pytest.mark.parametrize("args", [(2024, 1), (2024, 12), (2024, 1, 1), (2024, 1, 31), (2024, 2, 29), (None, 2, 30)])
def test_possible_dates_are_accepted(args):
    DocDate(*args)


def test_day_and_month_messages_are_vietnamese():
    with pytest.raises(ValueError, match=r"^tháng phải từ 1 đến 12$"):
        DocDate(2024, 13)
    with pytest.raises(ValueError, match=r"^ngày phải từ 1 đến 31$"):
        DocDate(2024, 1, 32)
    assert datetime.date(2024, 2, 29)  # the leap day used above exists
