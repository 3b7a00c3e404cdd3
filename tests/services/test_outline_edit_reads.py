"""An outline edit reads no sibling's text (issue 12 gap: adding, moving or deleting a section next
to a 1 MB one read that megabyte each time, and the subsections' full rows to check them)."""
from __future__ import annotations

from sqlalchemy import event

from tudanhgia.domain.richtext import RichText


def test_add_move_delete_read_the_siblings_places_only(sample_service):
    report = sample_service.get_report(1)
    first, second = report.sections[0], report.sections[1]
    sample_service.write_section_body(second.id, RichText.from_plain("Một đoạn rất dài. " * 2000))
    statements: list[str] = []
    engine = sample_service.repo.db.engine
    listener = lambda _c, _cur, sql, *_a: statements.append(" ".join(sql.split()))  # noqa: E731
    event.listen(engine, "before_cursor_execute", listener)
    try:
        added = sample_service.add_section(1, None, 1, heading="Mục mới")
        sample_service.move_section(added.id, None, 3)
        sample_service.delete_section(added.id)
    finally:
        event.remove(engine, "before_cursor_execute", listener)
    reads = [s for s in statements if s.startswith("SELECT") and "body_json" in s]
    # the moved or deleted section's own row may be read; its siblings' and subsections' never
    assert not [s for s in reads if "parent_id IS NULL" in s or "parent_id = ?" in s], reads
    after = sample_service.get_report(1)
    assert [s.id for s in after.sections] == [s.id for s in report.sections]
    assert after.sections[1].body.plain.startswith("Một đoạn rất dài.")
    assert after.sections[0].heading == first.heading
