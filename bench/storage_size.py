"""Database size per report of the sample, rich text stored ASCII-escaped (schema 0002) against
UTF-8 (0003, issue 12 point 4), measured in one run on the same data.

    .venv/bin/python bench/storage_size.py

The sample is built with the current code; one copy is taken back down to 0002 by the migration's
own downgrade (which writes the ASCII escapes the old code wrote), the other is kept at 0003;
both are vacuumed, so the file sizes compare like for like.
"""
from __future__ import annotations

import shutil
import sqlite3
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "desktop"))
sys.path.insert(0, str(ROOT / "sample_db"))

RICH = {"report": ("preamble_json", "closing_json"), "section": ("body_json", "guidance_json"),
        "limitation": ("text_json", "cause_subjective_json", "cause_objective_json"),
        "measure": ("content_json", "measure_json")}


def _to(path: Path, revision: str) -> None:
    from alembic import command
    from sqlalchemy import create_engine

    from tudanhgia.store.db import _script
    engine = create_engine(f"sqlite:///{path}")
    cfg, _ = _script()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, revision)
    engine.dispose()
    con = sqlite3.connect(path)
    con.execute("PRAGMA journal_mode=DELETE")
    con.execute("VACUUM")
    con.close()


def _figures(path: Path) -> tuple[int, int, dict[str, int]]:
    con = sqlite3.connect(path)
    reports = con.execute("SELECT count(*) FROM report").fetchone()[0]
    per_report: dict[str, int] = {}
    for rid, period, kind in con.execute("SELECT id, period, kind_id FROM report ORDER BY id").fetchall():
        total = 0
        for table, cols in RICH.items():
            where = "id = ?" if table == "report" else "report_id = ?"
            for col in cols:
                total += con.execute(f"SELECT coalesce(sum(length(CAST({col} AS BLOB))), 0) FROM {table} "
                                     f"WHERE {where}", (rid,)).fetchone()[0]
        per_report[f"{kind} {period}"] = total
    con.close()
    return path.stat().st_size, reports, per_report


def main() -> None:
    import build as sample_build
    with tempfile.TemporaryDirectory() as tmp:
        built = sample_build.build(Path(tmp) / "sample.sqlite", quiet=True)
        ascii_db, utf8_db = Path(tmp) / "ascii.sqlite", Path(tmp) / "utf8.sqlite"
        shutil.copy(built, ascii_db)
        shutil.copy(built, utf8_db)
        _to(ascii_db, "0002_export_record")
        _to(utf8_db, "0003_row_version_utf8_json")
        a_size, n, a_json = _figures(ascii_db)
        u_size, _, u_json = _figures(utf8_db)
    print(f"sample database, {n} reports, vacuumed")
    print(f"{'':38} {'ASCII (0002)':>14} {'UTF-8 (0003)':>14} {'ratio':>6}")
    print(f"{'file size per report':38} {a_size / n / 1024:>11.1f} KB {u_size / n / 1024:>11.1f} KB "
          f"{a_size / u_size:>6.2f}")
    for name in a_json:
        print(f"{'rich text JSON, ' + name:38} {a_json[name] / 1024:>11.1f} KB {u_json[name] / 1024:>11.1f} KB "
              f"{a_json[name] / u_json[name]:>6.2f}")


if __name__ == "__main__":
    main()
