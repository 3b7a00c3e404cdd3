"""Text search on the sample database: the reports found are the ones a plain scan of the stored
text finds (what the search did before the full-text index, written before it and kept since),
and a query typed without Vietnamese marks finds what the same words with marks find.

The expected ids never come from the search code: the scan below reads the rows with sqlite3 and
the JSON with the json module, and matches with `in` / a regular expression."""
from __future__ import annotations

import json
import re
import sqlite3
import unicodedata

import pytest

from tudanhgia.services import ReportService

# What officers type: words and phrases, the last word possibly half typed, any case, extra spaces.
QUERIES = [
    "kế hoạch", "Kế hoạch", "KẾ HOẠCH", "quán triệt", "chào mừng", "khái quát", "viết tắt", "căn cứ", "2024",
    "qppl", "QPPL", "năm 2020", "năm 2022", "Văn phòng UBND", "tự đánh giá", "khắc phục hạn chế",
    "lãnh đạo văn phòng", "ưu điểm", "nghị quyết", "biết", "kiểm điểm tập thể năm 2020", "  kế   hoạch  ",
    "quán tri", "chào mừ", "khái qu", "không có từ này đâu", "Quảng Ngãi", "đảng", "Đảng", "nhiệm vụ năm 2023",
    "mẫu", "xin", "trương", "phổ biến", "tập thể lãnh đạo",
]


def _runs(paragraph) -> str:
    return "".join(item[0] for item in paragraph if isinstance(item, list))  # footnotes ({"fn": …}) are not text


def stored_texts(db) -> dict[int, tuple[str, str]]:
    """(what the list shows of a report, its headings and bodies) per report not in the trash."""
    con = sqlite3.connect(db)
    try:
        out = {}
        for rid, doc_kind, subject, unit, kind in con.execute(
                "SELECT id, doc_kind_name, subject, unit_name, kind_name FROM report WHERE deleted_at IS NULL"):
            out[rid] = (f"{doc_kind} {subject} {unit} {kind}", "")
        for rid, heading, body in con.execute("SELECT report_id, heading, body_json FROM section"):
            if rid not in out:
                continue
            paragraphs = json.loads(body)["p"] if body else []
            text = heading + " " + "\n".join(_runs(p) for p in paragraphs)
            out[rid] = (out[rid][0], out[rid][1] + " " + text)
        return out
    finally:
        con.close()


def squeeze(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split()).casefold()


def scan(db, query: str) -> set[int]:
    """The reports whose list line or text holds the query (case and white space aside)."""
    needle = squeeze(query)
    return {rid for rid, (meta, body) in stored_texts(db).items() if needle in squeeze(meta) or needle in squeeze(body)}


def unmarked(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", squeeze(text).replace("đ", "d"))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def scan_unmarked(db, query: str) -> set[int]:
    """The reports holding the query's words, marks ignored on both sides, from the start of a word."""
    words = unmarked(query).split()
    pattern = re.compile(r"(?<!\w)" + r"\W+".join(re.escape(w) for w in words))
    return {rid for rid, (meta, body) in stored_texts(db).items()
            if pattern.search(unmarked(meta)) or pattern.search(unmarked(body))}


@pytest.fixture
def sample(sample_db):
    service = ReportService.open(sample_db, create=False)
    yield sample_db, service
    service.close()


def test_the_queries_tell_the_reports_apart(sample_db):
    """The scan is not trivially 'everything': the queries find none, one, two and all three."""
    found = {frozenset(scan(sample_db, q)) for q in QUERIES}
    assert {frozenset(), frozenset({1}), frozenset({2}), frozenset({3}), frozenset({1, 2, 3})} <= found
    assert len(found) >= 7


@pytest.mark.parametrize("query", QUERIES)
def test_search_finds_what_a_scan_of_the_text_finds(sample, query):
    db, service = sample
    every = [r.id for r in service.list_reports()]
    found = [r.id for r in service.list_reports(text=query)]
    assert set(found) == scan(db, query)
    assert found == [i for i in every if i in set(found)]  # the list's order is kept


@pytest.mark.parametrize("query, marked", [
    ("ke hoach", "kế hoạch"), ("KE HOACH", "kế hoạch"), ("quan triet", "quán triệt"), ("dang", "đảng"),
    ("van phong ubnd", "văn phòng UBND"), ("khai qu", "khái qu"), ("chao mung", "chào mừng"),
    ("tu danh gia", "tự đánh giá"), ("ke hoạch", "kế hoạch"), ("Quang Ngai", "Quảng Ngãi"),
])
def test_a_query_without_marks_finds_the_words_with_marks(sample, query, marked):
    db, service = sample
    expected = scan_unmarked(db, query)
    assert expected and expected == scan(db, marked) | expected
    assert {r.id for r in service.list_reports(text=query)} == expected


def test_words_found_only_without_marks_are_found(sample):
    """'chao mung' is only in report 1 as 'chào mừng'; unmarked it was found nowhere before."""
    db, service = sample
    assert scan(db, "chao mung") == set()
    assert {r.id for r in service.list_reports(text="chao mung")} == {1} == scan_unmarked(db, "chao mung")
