"""Typing's save in the fewest statements (issue 12 gap: an ordinary autosave cost 7.6 ms in four ORM
statements): a section still as the officer read it is written by the UPDATE itself — no read of
its version first — and the report's stamp is stored as every other write stores it."""
from __future__ import annotations

import re
import sqlite3

from sqlalchemy import event

from tudanhgia.domain.richtext import RichText


def test_a_save_of_typing_reads_nothing_first_and_stamps_the_report(sample_service, sample_db):
    report = sample_service.get_report(1)
    section = next(s for s in report.walk() if not s.children)
    statements: list[str] = []
    engine = sample_service.repo.db.engine
    listener = lambda _c, _cur, sql, *_a: statements.append(" ".join(sql.split()))  # noqa: E731
    event.listen(engine, "before_cursor_execute", listener)
    try:
        version = sample_service.write_section_body(section.id, RichText.from_plain("Đã rà soát 12 hồ sơ."), section)
    finally:
        event.remove(engine, "before_cursor_execute", listener)
    assert version == section.version + 1
    assert not [s for s in statements if s.startswith("SELECT") and "FROM section" in s]
    assert [s.split(" SET")[0] for s in statements if s.startswith("UPDATE")] == ["UPDATE section", "UPDATE report"]

    con = sqlite3.connect(sample_db)
    stamp, = con.execute("SELECT updated_at FROM report WHERE id = 1").fetchone()
    other, = con.execute("SELECT updated_at FROM report WHERE id = 2").fetchone()   # written by the ORM
    con.close()
    orm_format = r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{6}"
    assert re.fullmatch(orm_format, other) and re.fullmatch(orm_format, stamp)
    assert stamp > other
    assert sample_service.get_report(1).find(section.id).body.plain == "Đã rà soát 12 hồ sơ."


def test_a_section_written_since_the_officer_read_it_is_compared_then_written(sample_service):
    """The row moved on (the officer's own earlier save): the conditional UPDATE finds nothing,
    the stored text is read and, being the officer's, written over."""
    section = next(s for s in sample_service.get_report(1).walk() if not s.children)
    first = sample_service.write_section_body(section.id, RichText.from_plain("Một"), section)
    assert sample_service.write_section_body(section.id, RichText.from_plain("Hai"), section) == first + 1
    assert sample_service.get_report(1).find(section.id).body.plain == "Hai"
