"""Import an existing report file: read it, recognise its structure, store it as a new report.
Reading and recognising happen before anything is written: a bad file saves nothing."""
from __future__ import annotations

from pathlib import Path

from ..importer.recognize import ImportResult, Recognizer
from ..importer.source import SourceDocument
from .reports import ReportService


def read_source(path: str | Path) -> SourceDocument:
    """The file's lines, read once (ImportFailure with a Vietnamese message if it cannot be)."""
    from ..importer.docx_reader import read_any
    return read_any(Path(path))


def recognise(service: ReportService, document: SourceDocument, kind: str | None = None) -> ImportResult:
    """The report recognised in lines already read, as `kind` (None: the closest kind)."""
    return Recognizer(document, service.kinds, kind).run()


def recognise_file(service: ReportService, path: str | Path, kind: str | None = None) -> ImportResult:
    """The report as recognised, not stored (the officer reviews it first)."""
    if kind is not None:
        service.kinds.resolve(kind)  # unknown kind: KeyError before reading anything
    return recognise(service, read_source(path), kind)


def import_file(service: ReportService, path: str | Path, kind: str | None = None,
                unit_id: int | None = None) -> ImportResult:
    """Recognise and store; the new report belongs to `unit_id` (or the default unit)."""
    result = recognise_file(service, path, kind)
    unit = service.get_unit(unit_id) if unit_id is not None else service.default_unit()
    if unit is not None:
        result.report.unit_id, result.report.unit_name = unit.id, unit.name
    service.add_report(result.report)
    return result
