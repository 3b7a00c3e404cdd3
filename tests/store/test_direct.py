"""`tudanhgia export` on a database at the current schema reads the report and records the export
with the standard library's sqlite3 alone (store/direct.py): the report is field for field the one
the repository loads, the file is the one the service writes, the export is in the history; an
older database is migrated first, a missing report told as before."""
from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import sqlite3
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tudanhgia.domain.model import MeasureStatus
from tudanhgia.errors import StorageError
from tudanhgia.services import ReportService
from tudanhgia.services.export import export_history
from tudanhgia.store.direct import ReportFile

from old_schema import rewind_to_0003

ROOT = Path(__file__).resolve().parents[2]
RUN = """
import sys
from tudanhgia.cli import main
code = main(sys.argv[1:])
print("LOADED", sorted({m.split(".")[0] for m in sys.modules} & {"sqlalchemy", "alembic", "PySide6", "openpyxl"}))
sys.exit(code)
"""


def cli(*args, data: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", RUN, *map(str, args), "--data-dir", str(data)],
                          capture_output=True, text=True, timeout=120, cwd=ROOT,
                          env={"PYTHONPATH": str(ROOT / "desktop"), "PATH": "/usr/bin:/bin"})


def as_fields(report) -> dict:
    return dataclasses.asdict(report)


def test_the_report_read_with_sqlite3_is_the_one_the_repository_loads(sample_db):
    service = ReportService.open(sample_db, create=False)
    # besides what the sample holds (an optional section, ratings, general measures): a due date,
    # a status, a report in the trash
    report = service.get_report(2)
    measure = report.limitations[0].measures[0]
    measure.due, measure.status = dt.date(2024, 3, 31), MeasureStatus.DONE
    service.update_measure(measure)
    service.delete_report(1)
    expected = {i: as_fields(service.get_report(i)) for i in (1, 2, 3)}
    assert expected[2]["limitations"][0]["measures"][0]["due"] == dt.date(2024, 3, 31)
    assert any(s.optional for s in service.get_report(1).walk())
    service.close()
    file = ReportFile.open(sample_db)
    assert file is not None
    try:
        for i in (1, 2, 3):
            assert as_fields(file.load_report(i)) == expected[i], i
        assert file.load_report(99) is None
        # 1 == True: equal fields do not show that SQLite's 0/1 became the ORM's booleans
        assert {(type(s.optional), type(s.fixed)) for s in file.load_report(1).walk()} == {(bool, bool)}
    finally:
        file.close()


def document_xml(path: Path) -> bytes:
    with zipfile.ZipFile(path) as z:
        return z.read("word/document.xml")


def test_export_on_a_current_database_loads_no_sqlalchemy_and_is_recorded(sample_db, tmp_path):
    service = ReportService.open(sample_db, create=False)
    expected = service.export_docx(3, tmp_path / "service.docx")
    service.close()
    out = tmp_path / "ra.docx"
    done = cli("export", "3", "--out", out, "--db", sample_db, data=tmp_path / "data")
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [str(out), "LOADED []"]
    assert document_xml(out) == document_xml(expected)
    service = ReportService.open(sample_db, create=False)
    history = export_history(service, 3)
    service.close()
    assert [(h.format, Path(h.path).name) for h in history] == [("docx", "service.docx"), ("docx", "ra.docx")]
    assert history[1].sha256 == hashlib.sha256(out.read_bytes()).hexdigest()
    assert history[0].exported_at <= history[1].exported_at      # read back by the ORM as a datetime


def test_a_missing_report_is_told_without_sqlalchemy(sample_db, tmp_path):
    done = cli("export", "9", "--out", tmp_path / "ra.docx", "--db", sample_db, data=tmp_path / "data")
    assert done.returncode == 2 and "Không tìm thấy báo cáo số 9." in done.stderr
    assert done.stdout.splitlines() == ["LOADED []"] and not (tmp_path / "ra.docx").exists()


def test_an_older_database_is_migrated_then_exported(sample_db, tmp_path):
    con = sqlite3.connect(sample_db)
    rewind_to_0003(con)
    con.close()
    out = tmp_path / "ra.docx"
    done = cli("export", "1", "--out", out, "--db", sample_db, data=tmp_path / "data")
    assert done.returncode == 0, done.stderr
    assert out.exists() and "sqlalchemy" in done.stdout.splitlines()[-1]   # the migration needed it
    con = sqlite3.connect(sample_db)
    assert con.execute("SELECT version_num FROM alembic_version").fetchall() != [("0003_row_version_utf8_json",)]
    assert con.execute("SELECT count(*) FROM export_record WHERE report_id = 1").fetchone() == (1,)
    con.close()


def test_a_refused_record_is_the_officers_message(sample_db):
    """Another program holds the file's write lock: the export's record is refused in Vietnamese,
    as the service's writes are."""
    other = sqlite3.connect(sample_db, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    file = ReportFile(sample_db, busy_timeout_ms=50)
    try:
        with pytest.raises(StorageError, match="đang bị một chương trình khác giữ"), file.transaction() as tx:
            tx.record_export([2], "docx", "/tmp/x.docx", "0" * 64, "")
        other.execute("ROLLBACK")
        assert file._con.execute("SELECT count(*) AS n FROM export_record").fetchone().n == 0
    finally:
        file.close()
        other.close()
