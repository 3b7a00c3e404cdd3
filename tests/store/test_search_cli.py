"""`tudanhgia list` reads the report list with the standard library alone on a current database
(SQLAlchemy is most of a short command's time) and prints what the service lists; a database of
an older schema is migrated first, as every command does."""
from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tudanhgia.services import ReportService

from old_schema import rewind_to_0003

ROOT = Path(__file__).resolve().parents[2]
RUN = """
import sys
from tudanhgia.cli import main
code = main(sys.argv[1:])
print("LOADED", sorted({m.split(".")[0] for m in sys.modules} & {"sqlalchemy", "alembic", "PySide6"}))
sys.exit(code)
"""


def cli(*args, data: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", RUN, *map(str, args), "--data-dir", str(data)],
                          capture_output=True, text=True, timeout=120, cwd=ROOT,
                          env={"PYTHONPATH": str(ROOT / "desktop"), "PATH": "/usr/bin:/bin"})


def lines(rows) -> list[str]:
    return [f"{r.id}\t{r.period.code}\t{r.kind_id}\t{r.unit_name}\t{r.title}" for r in rows]


@pytest.mark.parametrize("options, filters", [
    ((), {}),
    (("--search", "ke hoach"), {"text": "ke hoach"}),
    (("--search", "chào mừng"), {"text": "chào mừng"}),
    (("--kind", "ke-hoach-khac-phuc"), {"kind": "ke-hoach-khac-phuc"}),
    (("--period", "2023"), {"period": "2023"}),
    (("--unit", "văn phòng ubnd tỉnh quảng ngãi"), {"unit_id": 1}),
    (("--unit", "1", "--search", "năm"), {"unit_id": 1, "text": "năm"}),
    (("--trash",), {"deleted": True}),
])
def test_list_prints_what_the_service_lists_without_sqlalchemy(sample_db, tmp_path, options, filters):
    service = ReportService.open(sample_db, create=False)
    service.delete_report(2)
    expected = lines(service.list_reports(**filters))
    service.close()
    out = cli("list", "--db", sample_db, *options, data=tmp_path)
    assert out.returncode == 0, out.stderr
    assert out.stdout.splitlines()[:-1] == expected
    assert out.stdout.splitlines()[-1] == "LOADED []"


def test_unknown_unit_is_told_as_before(sample_db, tmp_path):
    out = cli("list", "--db", sample_db, "--unit", "Không có", data=tmp_path)
    assert out.returncode == 2 and "không có đơn vị “Không có”; các đơn vị: Văn phòng UBND" in out.stderr
    out = cli("list", "--db", sample_db, "--unit", "9", data=tmp_path)
    assert out.returncode == 2 and "Không tìm thấy đơn vị số 9." in out.stderr


def test_an_older_database_is_migrated_then_listed(sample_db, tmp_path):
    con = sqlite3.connect(sample_db)
    rewind_to_0003(con)
    con.close()
    out = cli("list", "--db", sample_db, "--search", "khai quat", data=tmp_path)
    assert out.returncode == 0, out.stderr
    assert [line.split("\t")[0] for line in out.stdout.splitlines()[:-1]] == ["3"]
    assert "sqlalchemy" in out.stdout.splitlines()[-1]  # the migration needed it


def test_a_file_that_is_not_ours_is_refused_untouched(tmp_path):
    other = tmp_path / "other.sqlite"
    con = sqlite3.connect(other)
    con.execute("CREATE TABLE t (x)")
    con.commit()
    con.close()
    before = other.read_bytes()
    out = cli("list", "--db", other, data=tmp_path / "d")
    assert out.returncode == 2 and "không phải của Tự Đánh Giá" in out.stderr
    assert other.read_bytes() == before and not Path(f"{other}-wal").exists()
