"""Deadlines in the officer's words ("Thời gian thực hiện") read into date ranges."""
import calendar
import re
import subprocess
import sys
import tomllib
import unicodedata
from collections import Counter
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, strategies as st

from tudanhgia.domain.deadlines import Deadline, format_range, is_overdue, parse_timeframe

D = date
ROOT = Path(__file__).resolve().parents[2]

# Every "Thời gian thực hiện" of tests/data/samples/ke-hoach-khac-phuc-2022.txt, verbatim, by item.
SAMPLE_PLAN_2022 = [
    ("II.1 a", "Việc quán triệt chuyên đề năm 2023 thực hiện vào ngày 12/5/2023; các nhiệm vụ còn lại "
               "thực hiện thường xuyên trong năm 2023.", D(2023, 1, 1), D(2023, 12, 31)),
    ("II.1 b", "Thường xuyên trong năm 2023.", D(2023, 1, 1), D(2023, 12, 31)),
    ("II.1 c", "Thường xuyên trong năm 2023.", D(2023, 1, 1), D(2023, 12, 31)),
    ("II.1 d", "Thường xuyên trong năm 2023. Triển khai thực hiện việc kiểm tra theo kế hoạch UBND tỉnh "
               "đã ban hành.", D(2023, 1, 1), D(2023, 12, 31)),
    ("II.2 a", "Thường xuyên trong năm 2023.", D(2023, 1, 1), D(2023, 12, 31)),
    ("II.2 b", "Việc tích hợp hai phần mềm được triển khai thực hiện từ tháng 11/2022. Việc đôn đốc, "
               "nhắc nhở đối với các công chức giải quyết hồ sơ TTHC thực hiện thường xuyên trong năm 2023.",
     D(2022, 11, 1), D(2023, 12, 31)),
    ("II.2 c", "Thường xuyên trong năm 2023.", D(2023, 1, 1), D(2023, 12, 31)),
    ("II.2 d", "Thường xuyên trong năm 2023", D(2023, 1, 1), D(2023, 12, 31)),
    ("II.2 đ", "Thường xuyên trong năm 2023.", D(2023, 1, 1), D(2023, 12, 31)),
    ("II.3 a", "Quý II năm 2023.", D(2023, 4, 1), D(2023, 6, 30)),
    ("II.3 b", "Quý II năm 2023.", D(2023, 4, 1), D(2023, 6, 30)),
    ("II.3 c", "Quý III - IV năm 2023.", D(2023, 7, 1), D(2023, 12, 31)),
]


@pytest.mark.parametrize("item,text,start,end", SAMPLE_PLAN_2022, ids=[r[0] for r in SAMPLE_PLAN_2022])
def test_every_timeframe_of_the_2022_plan(item, text, start, end):
    assert parse_timeframe(text) == Deadline(start, end, True, "")


def test_the_table_holds_every_timeframe_of_the_sample(samples_dir):
    text = (samples_dir / "ke-hoach-khac-phuc-2022.txt").read_text(encoding="utf-8")
    found = re.findall(r"\*Thời gian thực hiện(?::\*|\*:)\s*(.+?)\s*$", text, flags=re.M)
    assert Counter(found) == Counter(row[1] for row in SAMPLE_PLAN_2022)


def test_the_sample_database_due_dates_are_the_ends_read_from_the_words():
    # The sample plan's due dates were set by hand; reading the words must agree with them.
    src = tomllib.loads((ROOT / "sample_db/sources/ke-hoach-khac-phuc-2022.toml").read_text(encoding="utf-8"))
    measures = src["measures"] + [m for lim in src["limitations"] for m in lim.get("measures", [])]
    assert len(measures) == len(SAMPLE_PLAN_2022)
    for m in measures:
        assert parse_timeframe(m["timeframe"]).end == date.fromisoformat(m["due"]), m["timeframe"]


@pytest.mark.parametrize("text,start,end", [
    # the phrases of the brief
    ("Quý II năm 2023", D(2023, 4, 1), D(2023, 6, 30)),
    ("Quý III - IV năm 2023", D(2023, 7, 1), D(2023, 12, 31)),
    ("Thường xuyên trong năm 2023", D(2023, 1, 1), D(2023, 12, 31)),
    ("ngày 12/5/2023", D(2023, 5, 12), D(2023, 5, 12)),
    ("6 tháng cuối năm 2021", D(2021, 7, 1), D(2021, 12, 31)),
    # days
    ("12/05/2023", D(2023, 5, 12), D(2023, 5, 12)),
    ("ngày 12 tháng 5 năm 2023", D(2023, 5, 12), D(2023, 5, 12)),
    ("Ngày 01 tháng 02 năm 2024", D(2024, 2, 1), D(2024, 2, 1)),
    ("12.5.2023", D(2023, 5, 12), D(2023, 5, 12)),
    ("12-5-2023", D(2023, 5, 12), D(2023, 5, 12)),
    ("29/2/2024", D(2024, 2, 29), D(2024, 2, 29)),
    # months
    ("tháng 11/2022", D(2022, 11, 1), D(2022, 11, 30)),
    ("Tháng 11 năm 2022", D(2022, 11, 1), D(2022, 11, 30)),
    ("tháng 2/2024", D(2024, 2, 1), D(2024, 2, 29)),
    ("tháng 2/2023", D(2023, 2, 1), D(2023, 2, 28)),
    ("tháng 5-6/2023", D(2023, 5, 1), D(2023, 6, 30)),
    ("tháng 5 và tháng 6 năm 2023", D(2023, 5, 1), D(2023, 6, 30)),
    # quarters
    ("quý 1 năm 2023", D(2023, 1, 1), D(2023, 3, 31)),
    ("Quý I/2024", D(2024, 1, 1), D(2024, 3, 31)),
    ("Quý IV/2023", D(2023, 10, 1), D(2023, 12, 31)),
    ("quý 4/2023", D(2023, 10, 1), D(2023, 12, 31)),
    ("Quý II, III năm 2023", D(2023, 4, 1), D(2023, 9, 30)),
    ("quý II và quý III năm 2023", D(2023, 4, 1), D(2023, 9, 30)),
    ("Quý III – IV năm 2023", D(2023, 7, 1), D(2023, 12, 31)),
    ("Quý III — Quý IV năm 2023", D(2023, 7, 1), D(2023, 12, 31)),
    ("Từ quý II đến quý III năm 2023", D(2023, 4, 1), D(2023, 9, 30)),
    ("quý IV/2023 – quý I/2024", D(2023, 10, 1), D(2024, 3, 31)),
    ("Quí II năm 2023", D(2023, 4, 1), D(2023, 6, 30)),
    # halves and years
    ("6 tháng đầu năm 2024", D(2024, 1, 1), D(2024, 6, 30)),
    ("Sáu tháng đầu năm 2024", D(2024, 1, 1), D(2024, 6, 30)),
    ("Năm 2023", D(2023, 1, 1), D(2023, 12, 31)),
    ("Trong năm 2023.", D(2023, 1, 1), D(2023, 12, 31)),
    ("Thường xuyên năm 2023", D(2023, 1, 1), D(2023, 12, 31)),
    ("Hằng năm 2023", D(2023, 1, 1), D(2023, 12, 31)),
    ("Hàng năm (2024)", D(2024, 1, 1), D(2024, 12, 31)),
    ("Giai đoạn 2021 - 2025", D(2021, 1, 1), D(2025, 12, 31)),
    ("năm 2023 - 2024", D(2023, 1, 1), D(2024, 12, 31)),
    # explicit ranges, the year written once at the end
    ("Từ ngày 12/5/2023 đến ngày 20/5/2023", D(2023, 5, 12), D(2023, 5, 20)),
    ("Từ tháng 5 đến tháng 6 năm 2023", D(2023, 5, 1), D(2023, 6, 30)),
    ("ngày 10/5 - 12/5/2023", D(2023, 5, 10), D(2023, 5, 12)),
    ("từ tháng 11/2022 đến hết năm 2023", D(2022, 11, 1), D(2023, 12, 31)),
    ("Quý II năm 2023; riêng báo cáo tổng hợp chậm nhất ngày 15/8/2023", D(2023, 4, 1), D(2023, 8, 15)),
])
def test_phrases_read_into_ranges(text, start, end):
    assert parse_timeframe(text) == Deadline(start, end, True, "")


def test_the_mixed_sentence_takes_earliest_start_and_latest_end():
    d = parse_timeframe("Việc quán triệt chuyên đề năm 2023 thực hiện vào ngày 12/5/2023; "
                        "các nhiệm vụ còn lại thực hiện thường xuyên trong năm 2023.")
    assert (d.start, d.end, d.understood) == (D(2023, 1, 1), D(2023, 12, 31), True)
    d = parse_timeframe("Ngày 12/5/2023 và quý IV năm 2023")
    assert (d.start, d.end) == (D(2023, 5, 12), D(2023, 12, 31))


def test_from_gives_an_open_ended_start():
    d = parse_timeframe("Từ tháng 11/2022")
    assert (d.start, d.end, d.understood) == (D(2022, 11, 1), None, True)
    assert d.note.startswith("Chỉ có ngày bắt đầu")
    assert "01/11/2022" in d.note
    assert parse_timeframe("kể từ ngày 15/3/2023").start == D(2023, 3, 15)


@pytest.mark.parametrize("text,end", [
    ("trước ngày 30/6/2023", D(2023, 6, 30)),
    ("Hoàn thành trước ngày 30/6/2023.", D(2023, 6, 30)),
    ("chậm nhất ngày 15/12/2023", D(2023, 12, 15)),
    ("Chậm nhất là ngày 15/12/2023", D(2023, 12, 15)),
    ("Chậm nhất trong quý III/2023", D(2023, 9, 30)),
    ("đến hết năm 2023", D(2023, 12, 31)),
    ("Đến hết tháng 9/2023", D(2023, 9, 30)),
    ("đến ngày 12/5/2023", D(2023, 5, 12)),
    ("Từ nay đến hết năm 2023", D(2023, 12, 31)),
    # before a period: the day before it begins
    ("trước quý III năm 2023", D(2023, 6, 30)),
    ("trước năm 2024", D(2023, 12, 31)),
])
def test_deadline_words_give_an_end_only(text, end):
    d = parse_timeframe(text)
    assert (d.start, d.end, d.understood) == (None, end, True)
    assert d.note.startswith("Chỉ có hạn hoàn thành")


@pytest.mark.parametrize("text", [
    "  Quý   II\tnăm\n2023 ", "QUÝ II NĂM 2023", "quý ii năm 2023", "Quý II\u00a0năm 2023",
    unicodedata.normalize("NFD", "Quý II năm 2023"), unicodedata.normalize("NFD", "QUÝ II NĂM 2023"),
])
def test_case_spacing_and_unicode_forms_do_not_matter(text):
    assert parse_timeframe(text) == Deadline(D(2023, 4, 1), D(2023, 6, 30), True, "")


@pytest.mark.parametrize("text", [t for _, t, _, _ in SAMPLE_PLAN_2022] + ["Từ tháng 11/2022", "6 tháng cuối năm 2021"])
def test_nfd_input_reads_as_nfc(text):
    assert parse_timeframe(unicodedata.normalize("NFD", text)) == parse_timeframe(text)


def test_nfd_notes_are_nfc():
    note = parse_timeframe(unicodedata.normalize("NFD", "Khi có yêu cầu")).note
    assert unicodedata.is_normalized("NFC", note)
    assert "“Khi có yêu cầu”" in note


@pytest.mark.parametrize("text", ["31/02/2023", "ngày 31/02/2023", "ngày 30 tháng 2 năm 2024",
                                  "29/2/2023", "tháng 13/2023", "ngày 0/5/2023"])
def test_invalid_dates_are_not_read(text):
    d = parse_timeframe(text)
    assert (d.start, d.end, d.understood) == (None, None, False)
    assert d.note.startswith("Không đọc được thời hạn")
    assert "có thật" in d.note


def test_an_invalid_date_beside_a_valid_phrase_is_skipped_and_said():
    d = parse_timeframe("Ngày 31/02/2023; các việc khác thường xuyên trong năm 2023.")
    assert (d.start, d.end, d.understood) == (D(2023, 1, 1), D(2023, 12, 31), True)
    assert "Bỏ qua “Ngày 31/02/2023”" in d.note and "không phải ngày có thật" in d.note


@pytest.mark.parametrize("text", [
    "Thường xuyên", "Thường xuyên.", "Khi có yêu cầu", "Hằng năm", "hàng năm", "Theo kế hoạch",
    "Quý II", "6 tháng cuối năm", "Thường xuyên trong năm", "Trong vòng 30 ngày", "Hằng tháng",
    "Theo Kế hoạch số 12/KH-UBND ngày 3/2/2023",
    "Theo Quyết định số 48/2021/QĐ-UBND ngày 22/9/2021 của UBND tỉnh",
])
def test_unreadable_text_is_flagged_never_guessed(text):
    d = parse_timeframe(text)
    assert (d.start, d.end, d.understood) == (None, None, False)
    assert d.note.startswith("Không đọc được thời hạn trong “")
    assert d.note.endswith("hãy chọn hạn hoàn thành.")


@pytest.mark.parametrize("text", ["", "   ", "\n\t"])
def test_empty_text_is_flagged(text):
    assert parse_timeframe(text) == Deadline(None, None, False, "Chưa ghi thời hạn; hãy chọn hạn hoàn thành.")
    assert parse_timeframe(text, default_year=2023).understood is False


def test_an_unreadable_note_quotes_the_text_and_says_why():
    assert parse_timeframe("Khi có yêu cầu").note == \
        "Không đọc được thời hạn trong “Khi có yêu cầu”; hãy chọn hạn hoàn thành."
    assert "không ghi năm" in parse_timeframe("Thường xuyên").note
    long = "Khi có yêu cầu của cấp trên " * 10
    assert "…”" in parse_timeframe(long).note


@pytest.mark.parametrize("text", ["Thường xuyên", "thường xuyên.", "Hằng năm", "Hàng năm", "Thường xuyên trong năm"])
def test_default_year_for_regular_tasks_is_said_in_the_note(text):
    d = parse_timeframe(text, default_year=2023)
    assert (d.start, d.end, d.understood) == (D(2023, 1, 1), D(2023, 12, 31), True)
    assert "tạm hiểu" in d.note and "2023" in d.note


@pytest.mark.parametrize("text", ["Khi có yêu cầu", "Theo kế hoạch", "Đột xuất"])
def test_default_year_does_not_make_other_words_a_date(text):
    assert parse_timeframe(text, default_year=2023).understood is False


def test_default_year_completes_a_yearless_period_and_says_so():
    d = parse_timeframe("Quý II", default_year=2023)
    assert (d.start, d.end) == (D(2023, 4, 1), D(2023, 6, 30))
    assert d.note == "“Quý II” không ghi năm; tạm hiểu là năm 2023."
    d = parse_timeframe("Quý III - IV", default_year=2024)
    assert (d.start, d.end) == (D(2024, 7, 1), D(2024, 12, 31))
    d = parse_timeframe("6 tháng cuối năm", default_year=2021)
    assert (d.start, d.end) == (D(2021, 7, 1), D(2021, 12, 31))


def test_a_written_year_wins_over_the_default():
    assert parse_timeframe("Quý II năm 2022", default_year=2023) == Deadline(D(2022, 4, 1), D(2022, 6, 30), True, "")
    assert parse_timeframe("Thường xuyên trong năm 2023", default_year=2030).end == D(2023, 12, 31)


def test_a_yearless_phrase_apart_from_the_others_is_skipped_and_said():
    d = parse_timeframe("Quý II; các nhiệm vụ còn lại thường xuyên trong năm 2023.")
    assert (d.start, d.end) == (D(2023, 1, 1), D(2023, 12, 31))
    assert d.note == "Bỏ qua “Quý II” vì không ghi năm."


def test_a_reversed_range_is_kept_and_flagged():
    d = parse_timeframe("từ ngày 20/5/2023 đến ngày 12/5/2023")
    assert (d.start, d.end, d.understood) == (D(2023, 5, 20), D(2023, 5, 12), True)
    assert "hãy kiểm tra lại" in d.note


def test_cited_documents_dates_are_not_deadlines():
    d = parse_timeframe("Quý II năm 2023 (theo Công văn số 499/VP-NC ngày 22/4/2023)")
    assert (d.start, d.end) == (D(2023, 4, 1), D(2023, 6, 30))


@pytest.mark.parametrize("end,done,today,overdue", [
    (D(2023, 6, 30), False, D(2023, 7, 1), True),
    (D(2023, 6, 30), False, D(2023, 6, 30), False),  # the last day itself is still in time
    (D(2023, 6, 30), False, D(2023, 1, 1), False),
    (D(2023, 6, 30), True, D(2024, 1, 1), False),
    (None, False, D(2030, 1, 1), False),
])
def test_is_overdue(end, done, today, overdue):
    assert is_overdue(Deadline(None, end, True, ""), done, today) is overdue


def test_is_overdue_on_parsed_deadlines():
    q2 = parse_timeframe("Quý II năm 2023")
    assert is_overdue(q2, False, D(2023, 7, 1))
    assert not is_overdue(q2, True, D(2023, 7, 1))
    assert not is_overdue(parse_timeframe("Từ tháng 11/2022"), False, D(2030, 1, 1))
    assert not is_overdue(parse_timeframe("Khi có yêu cầu"), False, D(2030, 1, 1))


@pytest.mark.parametrize("text,shown", [
    ("Quý II năm 2023", "01/04/2023 – 30/06/2023"),
    ("Từ tháng 11/2022", "từ 01/11/2022"),
    ("đến ngày 12/5/2023", "đến 12/05/2023"),
    ("Khi có yêu cầu", "—"),
    ("ngày 12/5/2023", "12/05/2023"),
    ("Thường xuyên trong năm 2023.", "01/01/2023 – 31/12/2023"),
])
def test_format_range(text, shown):
    assert format_range(parse_timeframe(text)) == shown


def test_the_module_needs_only_the_standard_library():
    code = ("import sys; before=set(sys.modules); import tudanhgia.domain.deadlines; "
            "print(sorted({m.split('.')[0] for m in set(sys.modules)-before} - {'tudanhgia'}))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert set(eval(out.stdout)) <= set(sys.stdlib_module_names)


@given(st.dates(min_value=date(1000, 1, 1)))
def test_any_written_day_reads_as_that_day(d):
    assert parse_timeframe(f"ngày {d.day}/{d.month}/{d.year}") == Deadline(d, d, True, "")
    assert parse_timeframe(f"ngày {d.day} tháng {d.month} năm {d.year}") == Deadline(d, d, True, "")


_ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}


@given(st.integers(1000, 9999), st.integers(1, 4), st.booleans())
def test_any_quarter_covers_three_whole_months(y, q, roman):
    d = parse_timeframe(f"Quý {_ROMAN[q] if roman else q} năm {y}")
    assert d.understood and d.note == ""
    assert d.end >= d.start
    assert (d.start.year, d.end.year, d.start.day) == (y, y, 1)
    assert d.end.month - d.start.month + 1 == 3
    assert d.start.month == 3 * q - 2
    assert d.end.day == calendar.monthrange(y, d.end.month)[1]


_WORDS = st.sampled_from(["Quý", "quý", "II", "IV", "1", "năm", "tháng", "ngày", "từ", "đến", "hết", "trước",
                          "chậm nhất", "thường xuyên", "hằng năm", "6", "12", "31", "2023", "0000", "/", "-",
                          "–", ",", ";", ".", "số", "và", "12/5", "5/2023", "31/2/2023", "Khi có yêu cầu"])


@given(st.lists(_WORDS, max_size=12).map(" ".join) | st.text(), st.none() | st.integers(1, 9999))
def test_any_text_gives_a_consistent_deadline(text, default_year):
    d = parse_timeframe(text, default_year)
    if d.understood:
        assert d.start is not None or d.end is not None
    else:
        assert d.start is None and d.end is None and d.note.endswith("hãy chọn hạn hoàn thành.")
    assert format_range(d)
