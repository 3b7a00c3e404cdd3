"""A write the database refuses becomes the officer's Vietnamese StorageError, with nothing
written: made to really fail (a lock held by another connection, a file opened read-only, a
full database), never simulated."""
from __future__ import annotations

import sqlite3

import pytest

from tudanhgia.errors import ServiceError, StorageError
from tudanhgia.services import ReportService
from tudanhgia.store.failures import storage_message


def test_a_write_while_another_program_holds_the_lock_is_a_storage_error(tmp_path):
    service = ReportService.open(tmp_path / "a.sqlite", busy_timeout_ms=50)
    report = service.create_report("van-hoa", "2025")
    section = next(s for s in report.walk() if not s.fixed)
    other = sqlite3.connect(tmp_path / "a.sqlite", isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(StorageError) as caught:
            service.update_section(section.id, heading="Đổi tên khi tệp bị khóa")
        assert isinstance(caught.value, ServiceError)       # every caller of the services handles it
        assert str(caught.value) == "cơ sở dữ liệu đang bị một chương trình khác giữ (khóa)"
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert service.get_report(report.id).find(section.id).heading == section.heading   # nothing written
    service.update_section(section.id, heading="Sau khi nhả khóa")                       # and it recovers
    assert service.get_report(report.id).find(section.id).heading == "Sau khi nhả khóa"
    service.close()


def test_real_sqlite_refusals_are_told_in_vietnamese(tmp_path):
    path = tmp_path / "b.sqlite"
    ReportService.open(path).close()
    ro = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    with pytest.raises(sqlite3.OperationalError) as readonly:
        ro.execute("PRAGMA user_version=7")
    ro.close()
    full = sqlite3.connect(tmp_path / "c.sqlite")
    full.execute("CREATE TABLE t(x)")
    full.execute(f"PRAGMA max_page_count={full.execute('PRAGMA page_count').fetchone()[0]}")
    with pytest.raises(sqlite3.OperationalError) as disk_full:
        full.execute("INSERT INTO t VALUES (?)", (b"x" * 100_000,))
    full.close()
    assert storage_message(str(readonly.value)) == "tệp cơ sở dữ liệu chỉ cho phép đọc"
    assert storage_message(str(disk_full.value)) == "ổ đĩa đã đầy"
    assert storage_message("disk I/O error") == "lỗi đọc ghi ổ đĩa (ổ đĩa bị rút ra, đầy hoặc hỏng?)"
    assert storage_message("something new") == "cơ sở dữ liệu không nhận ghi"
