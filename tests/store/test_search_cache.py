"""The index's answers kept while typing (store/search.py, reports_matching with a cache): the
same reports as asking afresh at every key, nothing asked twice while the file is unchanged, a
write by another connection seen at once, and a bound on what is kept."""
from __future__ import annotations

import sqlite3

import pytest

from tudanhgia.domain import Period, Report, RichText, Section
from tudanhgia.services import ReportService
from tudanhgia.store import search

TEXTS = {1: "Kế hoạch của Đảng ủy", 2: "kê hoach", 3: "Kế toán", 4: "ke hoach nam"}


@pytest.fixture
def texts(tmp_path):
    """Four reports of one section each (TEXTS); the service, and a label per report id."""
    service = ReportService.open(tmp_path / "k.sqlite")
    labels = {}
    for label, text in TEXTS.items():
        report = service.add_report(Report("tu-danh-gia-nam", Period(2024),
                                           sections=[Section("", RichText.from_plain(text))]))
        labels[report.id] = label
    yield service, labels
    service.close()


def matches(con, cache, text: str, labels) -> set[int]:
    return {labels[r] for r in search.reports_matching(con, search.Query.parse(text), cache)}


def test_typing_on_finds_what_each_text_finds(texts):
    service, labels = texts
    con = sqlite3.connect(service.db.path)
    cache: dict = {}
    # typed key by key, then erased and typed without marks: the reports read off TEXTS by hand
    typed = [("k", {1, 2, 3, 4}), ("kế", {1, 3}), ("kế ", {1, 3}), ("kế h", {1}), ("kế ho", {1}),
             ("kế hoạ", {1}), ("kế hoạch", {1}), ("kế ho", {1}), ("kế", {1, 3}), ("k", {1, 2, 3, 4}),
             ("ke", {1, 2, 3, 4}), ("ke h", {1, 2, 4}), ("kê", {2}), ("kê hoạch", set()), ("ke hoach nam", {4})]
    for text, expected in typed:
        assert matches(con, cache, text, labels) == expected, text
    con.close()


def test_nothing_is_asked_twice_while_the_file_is_unchanged(texts):
    service, labels = texts
    con = sqlite3.connect(service.db.path)
    asked: list[str] = []
    con.set_trace_callback(lambda sql: asked.append(sql) if "MATCH" in sql else None)
    cache: dict = {}
    matches(con, cache, "kế", labels)
    assert len(asked) == 2            # the phrase, and the word with its marks
    matches(con, cache, "kế ", labels)
    assert len(asked) == 2            # the same query
    matches(con, cache, "kế h", labels)
    assert len(asked) == 4            # a new phrase, and "kế" now a whole word
    matches(con, cache, "kế ho", labels)
    assert len(asked) == 5            # a new phrase; the whole word "kế" with its marks kept
    matches(con, cache, "kế h", labels)
    assert len(asked) == 5            # a key erased: asked before
    con.close()


def test_a_write_by_another_connection_is_seen_at_once(texts):
    service, labels = texts
    con = sqlite3.connect(service.db.path)
    cache: dict = {}
    assert matches(con, cache, "kế", labels) == {1, 3}
    third = next(rid for rid, label in labels.items() if label == 3)
    section = next(s for s in service.get_report(third).walk())
    service.update_section(section.id, body=RichText.from_plain("Toán học"))
    assert matches(con, cache, "kế", labels) == {1}
    assert matches(con, cache, "toán", labels) == {3}
    con.close()


def test_what_is_kept_is_bounded(texts):
    service, labels = texts
    con = sqlite3.connect(service.db.path)
    cache: dict = {}
    for n in range(3 * search.CACHED):
        matches(con, cache, f"kế {n}", labels)
    assert len(cache) <= search.CACHED + 1    # the answers and the file's version
    assert matches(con, cache, "kế hoạch", labels) == {1}
    con.close()
