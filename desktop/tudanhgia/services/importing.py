"""Import an existing report file: read it, recognise its structure, store it as a new report.
Reading and recognising happen before anything is written: a bad file saves nothing.

`prepare` is the part without the database (reading, limits, recognition): the window runs it
on a worker thread, with progress and Cancel, and saves on its own thread through the service."""
from __future__ import annotations

import copy
from dataclasses import dataclass
from pathlib import Path

from ..importer.limits import Progress, check_report
from ..importer.recognize import ImportResult, Recognizer
from ..importer.source import ImportCancelled, ImportFailure, SourceDocument
from ..kinds import KindRegistry
from ..domain.model import Report, UnitProfile
from .reports import ReportService


@dataclass
class Prepared:
    """A file read and recognised, not stored: plain data, safe to hand from a worker thread."""
    document: SourceDocument
    result: ImportResult


def read_source(path: str | Path, progress: Progress | None = None) -> SourceDocument:
    """The file's lines, read once and checked against the import limits (ImportFailure with a
    Vietnamese message if it cannot be; ImportCancelled if `progress` raises it)."""
    from ..importer.docx_reader import read_any
    return read_any(Path(path), progress=progress)


def recognise(service: ReportService, document: SourceDocument, kind: str | None = None) -> ImportResult:
    """The report recognised in lines already read, as `kind` (None: the closest kind)."""
    return Recognizer(document, service.kinds, kind).run()


def check_before_saving(report: Report, name: str = "") -> None:
    """The outline and text sizes the editor and exports are made for (ImportFailure if not)."""
    check_report(report, name)


def prepare(kinds: KindRegistry, path: str | Path, kind: str | None = None,
            progress: Progress | None = None) -> Prepared:
    """Read, check and recognise without touching the database (a worker thread's share)."""
    reading = (lambda f: progress(0.9 * f)) if progress is not None else None
    document = read_source(path, reading)
    result = Recognizer(document, kinds, kind).run()
    check_report(result.report, document.name)
    if progress is not None:
        progress(1.0)
    return Prepared(document, result)


def recognise_file(service: ReportService, path: str | Path, kind: str | None = None) -> ImportResult:
    """The report as recognised and checked, not stored (the officer reviews it first)."""
    if kind is not None:
        service.kinds.resolve(kind)  # unknown kind: KeyError before reading anything
    return prepare(service.kinds, path, kind).result


def score_text(score: float) -> str:
    """A kind's score as shown beside its name: 0,69."""
    return f"{score:.2f}".replace(".", ",")


def unit_from_report(name: str, report: Report) -> UnitProfile:
    """A unit profile made from an imported report's header and signer (cơ quan chủ quản, cơ quan
    ban hành, place, signer; the abbreviation from the symbol "BC-PNV")."""
    m = report.meta
    abbreviation = m.symbol.split("-", 1)[1].strip() if "-" in m.symbol else ""
    return UnitProfile(name=name.strip(), parent_agency=m.parent_agency, issuing_agency=m.issuing_agency,
                       abbreviation=abbreviation, place=m.place, signer=copy.deepcopy(report.signer))


def import_file(service: ReportService, path: str | Path, kind: str | None = None,
                unit_id: int | None = None, new_unit: str | None = None,
                regenerate_attached: bool = False) -> ImportResult:
    """Recognise and store; the new report belongs to `unit_id`, or to the unit named `new_unit`
    (made from the document's header when the database has none of that name), or the default
    unit. The appendix's "(Kèm theo …)" line is kept as written unless `regenerate_attached`.
    Nothing is stored when the file cannot be read."""
    result = recognise_file(service, path, kind)
    if regenerate_attached:
        result.report.appendix_attached = ""
    unit = service.get_unit(unit_id) if unit_id is not None else None
    if unit is None and new_unit:
        unit = service.find_unit(new_unit)
        if unit is None:
            unit = result.created_unit = service.save_unit(unit_from_report(new_unit, result.report))
    if unit is None:
        unit = service.default_unit()
    if unit is not None:
        result.report.unit_id, result.report.unit_name = unit.id, unit.name
    result.notes += restore_kept_fields(result.report, path)
    service.add_report(result.report)
    return result


def restore_kept_fields(report: Report, path: str | Path) -> list[str]:
    """What a DOCX exported by this program carries beyond its print (each limitation's causes
    apart, its "Liên quan đến mục" link, period and raiser, its measures' dates, status, result)
    put back into the report read from it; the notes say what was restored."""
    from ..domain.kept_fields import restore
    from ..importer.kept_fields import read_kept_fields
    data = read_kept_fields(path)
    done = restore(report, data) if data else []
    return [f"Đã khôi phục từ dữ liệu phần mềm lưu kèm tệp: {', '.join(done)}."] if done else []


__all__ = ["ImportCancelled", "ImportFailure", "Prepared", "check_before_saving", "import_file", "prepare",
           "read_source", "recognise", "recognise_file", "restore_kept_fields", "score_text", "unit_from_report"]
