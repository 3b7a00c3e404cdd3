"""What the search keeps while the officer types. The index's answers (store/search.py,
reports_matching with a cache): the same reports as asking afresh at every key, nothing asked
twice while the file is unchanged, a write by another connection seen at once, a bound on what is
kept. The last answer (store/catalog.py, Searcher): a key typed on finds among the reports the
text before it found; a key erased, other filters or a changed file search the whole list."""
from __future__ import annotations

import sqlite3

import pytest

from tudanhgia.domain import Period, Report, RichText, Section
from tudanhgia.services import ReportService
from tudanhgia.store import search
from tudanhgia.store.catalog import Searcher

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
             ("ke", {1, 2, 3, 4}), ("ke h", {1, 2, 4}), ("kê", {2}), ("kê hoạch", set()), ("ke hoach nam", {4}),
             ("đả", {1}), ("Đảng", {1}), ("hoạ", {1}), ("hoa", {1, 2, 4}), ("toá", {3}), ("oạ", set())]
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
    assert len(asked) == 1            # one word with marks: the word with its marks alone
    matches(con, cache, "kế ", labels)
    assert len(asked) == 1            # the same query
    matches(con, cache, "kế h", labels)
    assert len(asked) == 3            # the phrase, and "kế" now a whole word
    matches(con, cache, "kế ho", labels)
    assert len(asked) == 4            # a new phrase; the whole word "kế" with its marks kept
    matches(con, cache, "kế h", labels)
    assert len(asked) == 4            # a key erased: asked before
    matches(con, cache, "ke", labels)
    assert len(asked) == 5            # without marks: the phrase alone
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


def test_a_key_typed_on_searches_the_last_answer(texts, monkeypatch):
    service, labels = texts
    among: list[set[int]] = []
    real = search.narrowed

    def spy(last, text, reports, version):
        got = real(last, text, reports, version)
        among.append({labels[r.id] for r in got})
        return got
    monkeypatch.setattr(search, "narrowed", spy)
    searcher = Searcher.open(service.db.path)
    every = {1, 2, 3, 4}

    def typed(text: str, rows=None) -> set[int]:
        return {labels[r.id] for r in searcher.search(text, rows if rows is not None else service.list_reports())}
    try:
        assert typed("ke") == every and among[-1] == every
        assert typed("ke h") == {1, 2, 4} and among[-1] == every
        assert typed("ke ho") == {1, 2, 4} and among[-1] == {1, 2, 4}     # typed on: the last answer
        assert typed("kế ho") == {1} and among[-1] == every               # not typed on ("e" became "ế")
        assert typed("kế hoạ") == {1} and among[-1] == {1}
        assert typed("kế h") == {1} and among[-1] == every                # erased
        # the file changed: the list's lines are new ones, the whole list is searched
        third = next(rid for rid, label in labels.items() if label == 3)
        section = next(iter(service.get_report(third).walk()))
        service.update_section(section.id, body=RichText.from_plain("Kế hoạch năm"))
        assert typed("kế ho") == {1, 3} and among[-1] == every
        # other filters (another list) are searched whole too
        two = [r for r in service.list_reports() if labels[r.id] in (2, 4)]
        assert typed("ke hoa", two) == {2, 4} and among[-1] == {2, 4}
        assert typed("ke hoac") == every and among[-1] == every
    finally:
        searcher.close()


def two_reports(tmp_path):
    """Report 1 says "Kế hoạch", report 2 "khác"; the service and the two ids."""
    service = ReportService.open(tmp_path / "k.sqlite")
    ids = [service.add_report(Report("tu-danh-gia-nam", Period(2024),
                                     sections=[Section("", RichText.from_plain(t))])).id
           for t in ("Kế hoạch", "khác")]
    return service, ids


def test_a_key_typed_on_after_a_write_searches_the_whole_list(tmp_path):
    # the start page keeps its list while the officer types: the same list objects, though another
    # connection (the window's writer) changed a report's text since the last key
    service, (first, second) = two_reports(tmp_path)
    searcher = Searcher.open(service.db.path)
    try:
        rows = service.list_reports()
        assert [r.id for r in searcher.search("ke", rows)] == [first]
        section = next(iter(service.get_report(second).walk()))
        service.update_section(section.id, body=RichText.from_plain("kế hoạch năm"))
        assert {r.id for r in searcher.search("ke h", rows)} == {first, second}
        assert {r.id for r in searcher.search("ke", rows)} == {first, second}   # the index's kept answer for "ke"
    finally:
        searcher.close()
        service.close()


def test_a_key_typed_on_after_the_search_refreshed_the_index_searches_the_whole_list(tmp_path):
    # a long section's write leaves its index row behind (store/search.py, section_search_stale) and a
    # search re-indexes it first; the first search here cannot (another program holds the write lock),
    # the next one does: the index changes inside the search, after the start page read its list
    service, (first, second) = two_reports(tmp_path)
    searcher = Searcher.open(service.db.path)
    writer = sqlite3.connect(service.db.path, isolation_level=None)
    try:
        rows = service.list_reports()
        section = next(iter(service.get_report(second).walk()))
        long_body = RichText.from_plain("Báo cáo công tác năm của đơn vị. " * 2_000 + "\nkế hoạch năm")
        service.update_section(section.id, body=long_body)
        assert search.stale_count(writer) == 1   # the index still holds "khác" for report 2
        writer.execute("BEGIN IMMEDIATE")
        assert [r.id for r in searcher.search("ke", rows)] == [first]
        writer.execute("ROLLBACK")                # nothing committed: the file's version is unchanged
        # the same text again: neither the index's kept answer for "ke" nor the last answer stands
        assert {r.id for r in searcher.search("ke", rows)} == {first, second}
        assert search.stale_count(writer) == 0
        assert {r.id for r in searcher.search("ke h", rows)} == {first, second}
    finally:
        writer.close()
        searcher.close()
        service.close()


def test_narrows_by_the_words_as_typed():
    assert search.narrows("kế h", "kế ho") and search.narrows("kế", "kế ") and search.narrows("kế", "kế hoạch")
    assert search.narrows("Kế  hoạch", "kế hoạch năm")
    assert not search.narrows("kê", "kế") and not search.narrows("kế ho", "kế h") and not search.narrows("", "k")
    assert not search.narrows("kế hoạch", "kế toán") and not search.narrows("ke hoach", "kế hoạch")
