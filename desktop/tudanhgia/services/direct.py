"""What the command line's `export` needs of ReportService — the report, and a unit of work to
record the export in — on a database at the current schema, from store/direct.py's reader (the
standard library's sqlite3): no SQLAlchemy is loaded for it. An older or new database goes to
ReportService, which migrates or creates it."""
from __future__ import annotations

from pathlib import Path

from ..domain.model import Report
from ..errors import NotFound
from ..store.direct import ReportFile


class DirectService:
    def __init__(self, file: ReportFile):
        self.repo = file          # `repo.transaction()` as ReportService's: record_export uses it

    @classmethod
    def open(cls, path: str | Path) -> DirectService | None:
        """None unless the file is our database at the current schema (a damaged or foreign file
        raises the DatabaseError the service would)."""
        file = ReportFile.open(path)
        return cls(file) if file is not None else None

    def close(self) -> None:
        self.repo.close()

    def get_report(self, report_id: int) -> Report:
        report = self.repo.load_report(report_id)
        if report is None:
            raise NotFound(f"Không tìm thấy báo cáo số {report_id}.")   # ReportService's words
        return report
