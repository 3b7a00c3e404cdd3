"""What the list of reports (store/catalog.py, the command line's `list` and the window's first
paint) reads of the database file: only what it needs."""
from __future__ import annotations

import sqlite3
from pathlib import Path

from tudanhgia.services import ReportService
from tudanhgia.store import catalog, db


def test_the_folders_of_the_export_history_leave_out_prints(sample_db, tmp_path):
    """A print's record names its printer; taken for a file, its folder was the working directory,
    which the clean-up of killed exports then searched (review of 92d7739)."""
    service = ReportService.open(sample_db, create=False)
    exported = tmp_path / "gui-so" / "bao-cao.docx"
    with service.repo.transaction() as tx:
        tx.record_export([1], "docx", str(exported), "", "can-bo")
        tx.record_export([1], "print", "HP LaserJet M404", "", "can-bo")
        tx.record_export([2], "xlsx", "bang-tinh.xlsx", "", "can-bo")   # no folder written: nothing to search
    service.close()
    assert catalog.export_folders(Path(sample_db)) == [tmp_path / "gui-so"]


def test_the_list_reads_the_header_and_schema_not_every_page(sample_db, monkeypatch):
    """`PRAGMA quick_check` reads every page (a second or more on a cold file): the command line's
    `list` paid it at every call. The window's open still checks (tests/store/test_backup.py)."""
    statements: list[str] = []
    real_connect = sqlite3.connect

    def traced(*args, **kwargs):
        con = real_connect(*args, **kwargs)
        con.set_trace_callback(statements.append)
        return con

    monkeypatch.setattr(db, "_passed_checks", {})   # as in a new process: no file checked yet
    monkeypatch.setattr(db.sqlite3, "connect", traced)
    reader = catalog.open_current(Path(sample_db))
    assert reader is not None
    reader.close()
    assert not [s for s in statements if "quick_check" in s.lower()]
    assert db.inspect_file(Path(sample_db)) == "current"          # the full inspection does check
    assert [s for s in statements if "quick_check" in s.lower()]
