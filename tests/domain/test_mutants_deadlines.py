"""Deadlines in the officer's words ("Thời gian thực hiện") read into dates, and the notes that
say what could not be read — as the measures board shows them."""
from datetime import date as D

import pytest

from tudanhgia.domain.deadlines import Deadline, parse_timeframe

NOT_READ = "Không đọc được thời hạn trong “{}”{}; hãy chọn hạn hoàn thành."


@pytest.mark.parametrize("text,start,end", [
    ("từ tháng 5 đến tháng 6 năm 2023", D(2023, 5, 1), D(2023, 6, 30)),       # the year stated once, at the end
    ("tháng 5 năm 2023 đến tháng 6", D(2023, 5, 1), D(2023, 6, 30)),           # … or at the start
    ("Từ tháng 11 đến năm 2023 - 2024", D(2023, 11, 1), D(2024, 12, 31)),
    ("ngày 12/5, tháng 6 và quý III năm 2023", D(2023, 5, 12), D(2023, 9, 30)),
    ("năm 2023 và tháng 7", D(2023, 1, 1), D(2023, 12, 31)),
    ("Quý III \u2013 IV năm 2023", D(2023, 7, 1), D(2023, 12, 31)),            # en dash from Word
    ("Quý III \u2212 IV năm 2023", D(2023, 7, 1), D(2023, 12, 31)),
    ("6 tháng \u00f0ầu năm 2023", D(2023, 1, 1), D(2023, 6, 30)),               # "đ" after a TCVN3 conversion
    ("5/2023", D(2023, 5, 1), D(2023, 5, 31)), ("1/2024", D(2024, 1, 1), D(2024, 1, 31)),
    ("12/2023", D(2023, 12, 1), D(2023, 12, 31)),
    ("từ năm 2022 - 2023", D(2022, 1, 1), D(2023, 12, 31)),                    # a range, not a start
    ("từ quý III - IV năm 2023", D(2023, 7, 1), D(2023, 12, 31)),
])
def test_phrases_joined_together_share_their_year(text, start, end):
    assert parse_timeframe(text) == Deadline(start, end, True, "")


@pytest.mark.parametrize("text,start", [
    ("từ 12-5-2023", D(2023, 5, 12)), ("từ 12.5.2023", D(2023, 5, 12)), ("từ quý II năm 2023", D(2023, 4, 1)),
    ("từ 6 tháng cuối năm 2023", D(2023, 7, 1)), ("từ 5/2023", D(2023, 5, 1)), ("từ năm 2023", D(2023, 1, 1)),
    ("từ tháng 3/2023", D(2023, 3, 1)),
])
def test_from_a_single_phrase_gives_a_start_only(text, start):
    d = parse_timeframe(text)
    assert (d.start, d.end, d.understood) == (start, None, True)
    assert d.note == f"Chỉ có ngày bắt đầu (từ {start:%d/%m/%Y}), chưa có hạn hoàn thành."


def test_from_a_day_without_year_takes_the_default_year():
    d = parse_timeframe("từ ngày 12/5", default_year=2023)
    assert (d.start, d.end) == (D(2023, 5, 12), None)


@pytest.mark.parametrize("text,why", [
    ("13/2023", ""), ("0/2023", ""), ("Xem xét khi có yêu cầu", ""),
    ("tháng 13/2023", " (“tháng 13/2023” không phải tháng có thật)"),
    ("quý II năm 0000", " (“quý II năm 0000” không phải quý có thật)"),
    ("6 tháng đầu năm 0000", " (“6 tháng đầu năm 0000” không phải kỳ 6 tháng có thật)"),
    ("năm 0000", " (“năm 0000” không phải năm có thật)"),
    ("Quý II", " (“Quý II” không ghi năm)"),
    ("Thường xuyên", " (không ghi năm)"),
    ("ngày 31/02/2023 và ngày 30/02/2023",
     " (“ngày 31/02/2023” không phải ngày có thật; “ngày 30/02/2023” không phải ngày có thật)"),
    ("số 12/5/2023", ""),                                                      # a cited document's number
])
def test_what_cannot_be_read_is_said(text, why):
    assert parse_timeframe(text) == Deadline(None, None, False, NOT_READ.format(text, why))


def test_a_long_unreadable_text_is_quoted_shortened():
    eighty = "Khi có yêu cầu của " + "a" * 61
    assert len(eighty) == 80
    assert parse_timeframe(eighty).note == NOT_READ.format(eighty, "")
    longer = eighty + "b"
    assert parse_timeframe(longer).note == NOT_READ.format(eighty[:79] + "…", "")
    spaced = "Khi có yêu cầu của " + "a" * 59 + " bb"
    assert parse_timeframe(spaced).note == NOT_READ.format(spaced[:78] + "…", "")


def test_notes_of_skipped_phrases_are_joined():
    d = parse_timeframe("Quý II; ngày 31/02/2023; quý III năm 2023")
    assert d == Deadline(D(2023, 7, 1), D(2023, 9, 30), True,
                         "Bỏ qua “Quý II” vì không ghi năm. Bỏ qua “ngày 31/02/2023” vì không phải ngày có thật.")


def test_a_phrase_apart_takes_no_year_from_another():
    assert parse_timeframe("Quý II năm 2023; tháng 7") == Deadline(D(2023, 4, 1), D(2023, 6, 30), True,
                                                                   "Bỏ qua “tháng 7” vì không ghi năm.")


def test_regular_tasks_with_a_default_year():
    assert parse_timeframe("Thường xuyên", default_year=2023) == Deadline(
        D(2023, 1, 1), D(2023, 12, 31), True, "Không ghi năm; tạm hiểu là cả năm 2023.")


def test_a_reversed_range_is_said():
    assert parse_timeframe("từ ngày 20/5/2023 đến ngày 12/5/2023").note == \
        "Ngày bắt đầu 20/05/2023 sau hạn hoàn thành 12/05/2023; hãy kiểm tra lại."
