"""Export use cases: the DOCX (docx is imported only here, at export time), a file drawn by a backend the
core does not import (the PDF), and the history of exports. The Excel sheets are services/xlsx.py's."""
from __future__ import annotations

import getpass
import hashlib
import logging
from pathlib import Path
from collections.abc import Callable
from typing import TYPE_CHECKING

from ..domain.model import Report
from ..errors import ServiceError
from .files import OutputError, atomic_write

if TYPE_CHECKING:  # the command line's export runs without SQLAlchemy (services/direct.py)
    from ..store.repository import ExportRecord
    from .direct import DirectService
    from .reports import ReportService

log = logging.getLogger("tudanhgia.export")


class ExportError(ServiceError):
    pass


def default_docx_name(report) -> str:
    """A file name an officer recognises: 'BC-kiem-diem-tap-the-2020.docx'."""
    import re
    import unicodedata
    prefix = (report.meta.symbol.split("-")[0] or "BC").upper()
    base = unicodedata.normalize("NFD", report.kind_name or report.meta.kind_name).replace("đ", "d").replace("Đ", "D")
    base = "".join(c for c in base if unicodedata.category(c) != "Mn").lower()
    words = [w for w in re.split(r"[^a-z0-9]+", base) if w and w not in ("bao", "cao", "ke", "hoach")] or ["bao-cao"]
    return f"{prefix}-{'-'.join(words[:6])}-{report.period.code}.docx"


def verify_docx(path: Path) -> None:
    """Reopen what was written: a package whose parts fail their checksums, that python-docx
    cannot read, or that holds no paragraph is never delivered."""
    import zipfile

    from docx import Document
    with zipfile.ZipFile(path) as z:
        if z.testzip() is not None:
            raise ValueError("a part of the package fails its checksum")
    with open(path, "rb") as f:  # a file object: the temporary name ends in .tmp
        if not Document(f).paragraphs:
            raise ValueError("the document has no paragraph")


def export_docx(service: ReportService | DirectService, report_id: int, target: str | Path,
                version: tuple[str, str] | None = None) -> Path:
    """The DOCX, recorded in the report's history and kept as a version (`version`: its name and
    reason; by default "Xuất DOCX “file”", export)."""
    from .versions import keep_exported
    report = service.get_report(report_id)
    path = write_docx_file(report, target)
    record_export(service, [report_id], path, "docx")
    keep_exported(service, report, *(version or (f"Xuất DOCX “{path.name}”", "export")))
    return path


def write_docx_file(report: Report, target: str | Path) -> Path:
    """Write `report` as a DOCX at `target` (".docx" added if missing), atomically and checked;
    nothing is recorded (the caller records the export, in its own transaction)."""
    from ..render.docx_writer import write_docx
    from ..render.kept_fields import embed_kept_fields
    target = Path(target).expanduser()
    if target.suffix.lower() != ".docx":
        target = target.with_name(target.name + ".docx")

    def write(tmp) -> None:
        write_docx(report, str(tmp))
        embed_kept_fields(tmp, report)   # what the print does not show comes back on import
    try:
        return atomic_write(target, write, verify_docx)
    except OutputError as exc:
        raise ExportError(str(exc)) from None
    except Exception:  # logged in full; the user gets one sentence, never the library's words
        log.exception("DOCX export of report %s failed", report.id)
        raise ExportError("Không xuất được văn bản do một lỗi của chương trình; tệp cũ (nếu có) vẫn được giữ "
                          "nguyên. Chi tiết đã ghi vào tệp nhật ký.") from None


def export_drawn(service: ReportService, report_id: int, target: str | Path,
                 write: Callable[[Report, Path], Path], fmt: str) -> Path:
    """A file drawn by a backend the core does not import (the PDF, drawn by Qt): the report as
    stored goes to `write(report, target)`, which writes atomically and returns the path; the
    export is then recorded in the report's history like a DOCX."""
    from .versions import keep_exported
    report = service.get_report(report_id)
    written = write(report, Path(target).expanduser())
    record_export(service, [report_id], written, fmt)
    keep_exported(service, report, f"Xuất {fmt.upper()} “{written.name}”")
    return written


def record_export(service: ReportService | DirectService, report_ids, path: Path, fmt: str) -> None:
    """Note an export (where, when, which bytes, who) in each report's history."""
    digest = hashlib.sha256(Path(path).read_bytes()).hexdigest()
    with service.repo.transaction() as tx:
        tx.record_export(report_ids, fmt, str(Path(path).resolve()), digest, _user())


def export_history(service: ReportService, report_id: int) -> list[ExportRecord]:
    with service.repo.reading() as r:
        return r.export_history(report_id)


def _user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no login name on some systems
        return ""
