"""A long section's search-index row is brought up to date after the write, not in it (store/search.py,
section_search_stale): the officer's typing write of a 1 MB body touches no full-text table, and
after `refresh_stale` (a pause in typing, a close, an open, a search) the index answers every word
exactly as an index built afresh from the sections does."""
from __future__ import annotations

import hashlib
import shutil
import sqlite3

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from tudanhgia.domain import RichText, UnitProfile
from tudanhgia.services import ReportService
from tudanhgia.store import search

FTS_SHADOWS = [f"{t}{suffix}" for t in (search.TABLE, search.MARKED) for suffix in ("_data", "_idx", "_config")]
FILLER = "Báo cáo tổng kết công tác năm của đơn vị. "   # 42 characters
WORDS = ["chuyển", "đổi", "số", "cải", "cách", "hành", "chính", "thi", "đua", "khen", "thưởng", "dân", "vận",
         "ban", "bản", "Kế", "hoạch", "kế", "tham", "nhũng", "xây", "dựng", "Đảng"]


def megabyte(last: str = "") -> RichText:
    """A body of ~1 MB (25,000 lines of 42 characters), `last` as its last paragraph."""
    return RichText.from_plain(FILLER * 25_000 + "\n" + last)


def fts_state(path) -> str:
    """A digest of every full-text table's stored rows: unchanged when nothing wrote to the index."""
    con = sqlite3.connect(path)
    digest = hashlib.sha256()
    for table in FTS_SHADOWS:
        for row in con.execute(f"SELECT * FROM {table} ORDER BY 1"):
            digest.update(repr(row).encode())
    con.close()
    return digest.hexdigest()


def stale(path) -> list[tuple]:
    con = sqlite3.connect(path)
    try:
        return con.execute(f"SELECT section_id, report_id, heading, length(body_json) FROM {search.STALE}").fetchall()
    finally:
        con.close()


def in_index(path, words: str) -> set[int]:
    con = sqlite3.connect(path)
    try:
        return search.reports_matching(con, search.Query.parse(words))
    finally:
        con.close()


def _answers(con: sqlite3.Connection, words: set[str]) -> dict:
    """For every word: the index rows holding it (folded, as a prefix and whole) and those holding it
    with its marks."""
    out = {}
    for word in sorted(words):
        folded = search.fold_word(word)
        for table, term in ((search.TABLE, folded), (search.MARKED, word.lower())):
            for match in (f'"{term}"', f'"{term}"*'):
                out[table, match] = sorted(r for (r,) in con.execute(
                    f"SELECT rowid FROM {table} WHERE {table} MATCH ?", [match]))
    return out


def assert_like_a_fresh_index(path, tmp_path, words: set[str]) -> None:
    """The index of `path` answers every word as one built afresh from its sections does."""
    fresh = tmp_path / "fresh.sqlite"
    con = sqlite3.connect(path)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    shutil.copy(path, fresh)
    con = sqlite3.connect(fresh)
    search.create_index(con)
    con.commit()
    expected = _answers(con, words)
    con.close()
    con = sqlite3.connect(path)
    try:
        assert con.execute(f"SELECT count(*) FROM {search.STALE}").fetchone() == (0,)
        assert _answers(con, words) == expected
    finally:
        con.close()
    fresh.unlink()


def _report(service, unit):
    report = service.create_report("tu-danh-gia-nam", "2024", unit.id)
    return report, [s for s in report.walk() if not s.children]


def test_a_long_body_is_written_without_touching_the_index(service, unit):
    report, leaves = _report(service, unit)
    section = leaves[0]
    service.write_section_body(section.id, RichText.from_plain("Cải cách hành chính"))
    path = service.db.path
    before = fts_state(path)
    service.write_section_body(section.id, megabyte("Chuyển đổi số"))
    service.write_section_body(section.id, megabyte("Chuyển đổi số trong xây dựng Đảng"))
    # the body is written: 2 writes of 1 MB, and no full-text table was written by either
    assert service.get_report(report.id).find(section.id).body.plain.endswith("trong xây dựng Đảng")
    assert fts_state(path) == before
    # what the index holds for the section is kept: the body before the first long write
    assert stale(path) == [(section.id, report.id, section.heading, len('{"v":1,"p":[[["Cải cách hành chính",0]]]}'))]
    # a short section is re-indexed by its write as before
    service.write_section_body(leaves[1].id, RichText.from_plain("Thi đua khen thưởng"))
    assert fts_state(path) != before
    assert in_index(path, "thi đua khen") == {report.id}


def test_after_a_refresh_the_words_typed_deep_in_a_long_section_are_found(service, unit):
    report, [section, *_] = _report(service, unit)
    path = service.db.path
    service.write_section_body(section.id, RichText.from_plain("Cải cách hành chính"))
    service.write_section_body(section.id, megabyte("Chuyển đổi số"))
    assert in_index(path, "chuyển đổi số") == set()          # behind: the index holds the old text
    assert in_index(path, "cải cách hành") == {report.id}
    assert service.reindex_search() == 1
    assert in_index(path, "chuyển đổi số") == {report.id}     # the last paragraph of 1 MB
    assert in_index(path, "chuyen doi so") == {report.id}
    assert in_index(path, "cải cách hành") == set()           # the old words are forgotten
    assert in_index(path, "tổng kết công tác") == {report.id}
    assert stale(path) == []
    assert service.reindex_search() == 0


def test_a_search_refreshes_the_index_first(service, unit):
    report, [section, *_] = _report(service, unit)
    service.write_section_body(section.id, megabyte("Phòng chống tham nhũng"))
    assert {r.id for r in service.list_reports(text="phòng chống tham nhũng")} == {report.id}
    assert stale(service.db.path) == []
    service.write_section_body(section.id, megabyte("Dân vận khéo"))
    assert {r.id for r in service.list_reports(text="tham nhũng")} == set()
    assert {r.id for r in service.list_reports(text="dan van kheo")} == {report.id}


def test_stale_sections_left_by_a_killed_process_are_refreshed_at_open(tmp_path, unit, service):
    report, [section, *_] = _report(service, unit)
    path = service.db.path
    service.write_section_body(section.id, megabyte("Thi đua yêu nước"))
    # a process killed here never re-indexed it: the file keeps the stale row
    assert len(stale(path)) == 1
    copy = tmp_path / "killed.sqlite"
    con = sqlite3.connect(path)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    shutil.copy(path, copy)
    assert len(stale(copy)) == 1 and in_index(copy, "thi đua yêu nước") == set()
    reopened = ReportService.open(copy, create=False)
    try:
        assert stale(copy) == []
        assert in_index(copy, "thi đua yêu nước") == {report.id}
    finally:
        reopened.close()


def test_the_service_refreshes_at_close(tmp_path, unit, service):
    report, [section, *_] = _report(service, unit)
    service.write_section_body(section.id, megabyte("Thi đua yêu nước"))
    service.close()
    assert stale(service.db.path) == []
    assert in_index(service.db.path, "thi đua yêu nước") == {report.id}


def test_a_cancelled_refresh_leaves_the_section_stale(service, unit):
    _, [section, *_] = _report(service, unit)
    service.write_section_body(section.id, megabyte("Thi đua"))
    refresh = service.search_reindexer()
    refresh.cancel()
    assert refresh.run() == 0
    assert len(stale(service.db.path)) == 1


def test_deleting_a_stale_section_leaves_the_index_consistent(service, unit, tmp_path):
    report, _ = _report(service, unit)
    leaves = [service.add_section(report.id, None) for _ in range(2)]
    path = service.db.path
    service.write_section_body(leaves[0].id, RichText.from_plain("Cải cách hành chính"))
    service.write_section_body(leaves[0].id, megabyte("Chuyển đổi số"))
    service.write_section_body(leaves[1].id, megabyte("Kế hoạch thi đua"))
    service.delete_section(leaves[0].id)
    assert [row[0] for row in stale(path)] == [leaves[1].id]   # its stale row went with it
    service.reindex_search()
    assert in_index(path, "cải cách") == set() and in_index(path, "chuyển đổi số") == set()
    assert in_index(path, "kế hoạch thi đua") == {report.id}
    assert_like_a_fresh_index(path, tmp_path, {*WORDS, "báo", "tổng", "kết", "đơn", "vị"})


def test_purging_a_report_with_a_stale_section(service, unit, tmp_path):
    report, [section, *_] = _report(service, unit)
    service.write_section_body(section.id, megabyte("Kế hoạch thi đua"))
    service.delete_report(report.id)
    service.purge_report(report.id)   # its sections go by the foreign key's cascade
    assert stale(service.db.path) == []
    assert in_index(service.db.path, "kế hoạch") == set() and in_index(service.db.path, "báo cáo tổng") == set()
    assert_like_a_fresh_index(service.db.path, tmp_path, {*WORDS, "báo", "tổng"})


# --- random sequences of writes, straight in SQL (every writer goes through the triggers) ------------
def _body(words: list[str], big: bool) -> str:
    text = " ".join(words)
    if big:   # past the threshold: the filler's words are in the index as well
        text = FILLER * (search.BIG // len(FILLER) + 1) + text
    return RichText.from_plain(text).to_json()


_word_lists = st.lists(st.sampled_from(WORDS), max_size=4)
_steps = st.lists(st.one_of(
    st.tuples(st.just("body"), st.integers(0, 200), _word_lists, st.booleans()),
    st.tuples(st.just("heading"), st.integers(0, 200), _word_lists),
    st.tuples(st.just("move"), st.integers(0, 200)),
    st.tuples(st.just("delete"), st.integers(0, 200)),
    st.tuples(st.just("insert"), _word_lists, st.booleans()),
    st.tuples(st.just("refresh"),),
), max_size=14)


@pytest.fixture(scope="module")
def two_reports(tmp_path_factory):
    """A file with two reports made by the program (their sections: the rows the writes below change)."""
    path = tmp_path_factory.mktemp("base") / "base.sqlite"
    service = ReportService.open(path)
    unit = service.save_unit(UnitProfile(name="Văn phòng"))
    for _ in range(2):
        service.create_report("tu-danh-gia-nam", "2024", unit.id)
    service.close()
    con = sqlite3.connect(path)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    return path


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=_steps)
def test_any_sequence_of_writes_then_a_refresh_answers_as_a_fresh_index(two_reports, tmp_path, steps):
    path = tmp_path / "h.sqlite"
    shutil.copy(two_reports, path)
    con = sqlite3.connect(path, isolation_level=None)
    con.row_factory = sqlite3.Row
    template = dict(con.execute("SELECT * FROM section WHERE report_id = 1 LIMIT 1").fetchone())
    del template["id"]

    def ids() -> list[int]:
        return [r[0] for r in con.execute("SELECT id FROM section ORDER BY id")]

    for step in steps:
        present = ids()
        pick = present[step[1] % len(present)] if present and len(step) > 1 and isinstance(step[1], int) else None
        if step[0] == "body" and pick is not None:
            con.execute("UPDATE section SET body_json = ? WHERE id = ?", (_body(step[2], step[3]), pick))
        elif step[0] == "heading" and pick is not None:
            con.execute("UPDATE section SET heading = ? WHERE id = ?", (" ".join(step[2]), pick))
        elif step[0] == "move" and pick is not None:   # to the other report
            con.execute("UPDATE section SET report_id = 3 - report_id WHERE id = ?", (pick,))
        elif step[0] == "delete" and pick is not None:
            con.execute("DELETE FROM section WHERE id = ?", (pick,))
        elif step[0] == "insert":
            row = {**template, "key": f"them-{len(present)}", "parent_id": None, "heading": " ".join(step[1][:2]),
                   "body_json": _body(step[1], step[2])}
            con.execute(f"INSERT INTO section({', '.join(row)}) VALUES ({', '.join('?' * len(row))})",
                        list(row.values()))
        elif step[0] == "refresh":
            search.refresh_stale(con)
    search.refresh_stale(con)
    con.close()
    assert_like_a_fresh_index(path, tmp_path, {*WORDS, "báo", "tổng", "kết", "đơn", "vị"})
