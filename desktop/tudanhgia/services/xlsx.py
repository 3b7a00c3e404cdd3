"""Excel sheets that travel to the departments and back, as use cases: export the remediation
measures, then match the statuses and results they typed with the database and apply them; export
and import the statistics appendix.

The sheet's layout is render/xlsx.py, reading a sheet is importer/xlsx_reader.py; this module
writes files (through `atomic_write`), records exports and compares with the store. openpyxl is
imported only when a sheet is written or read (docs/architecture.md)."""
from __future__ import annotations

import datetime as _dt
import difflib
import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..domain.dates import day_text
from ..domain.deadlines import read_deadline
from ..domain.model import Measure, MeasureStatus, Report
from ..domain.richtext import clean_text, plain_from_json
from ..domain.text import fold
from ..errors import ConcurrentChange, XlsxError
from ..importer.xlsx_reader import (ImportProblem, MeasureSheet, cell_text, is_blank, parse_due, read_indicators,
                                   read_measure_sheet)
from ..render import xlsx as sheet_layout
from ..render.xlsx import MeasureRow, measure_code, measures_sheet_title, rows_for_report
from .export import record_export
from .files import OutputError, atomic_write
from .reports import ReportService
from .versions import keep_exported

log = logging.getLogger("tudanhgia.xlsx")


# --- what travels ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class MeasureChange:
    measure_id: int
    row_number: int
    field: str                     # "status" | "result" | "due" | one of the texts in _TEXT_FIELDS
    old: Any
    new: Any

    @property
    def field_label(self) -> str:
        return _FIELD_LABELS[self.field]

    def describe(self) -> str:
        """'Dòng 5, BP-3, Trạng thái: Đang thực hiện → Hoàn thành' for the preview list."""
        return (f"Dòng {self.row_number}, {measure_code(self.measure_id)}, {self.field_label}: "
                f"{_shown(self.old)} → {_shown(self.new)}")


@dataclass
class ImportPreview:
    changes: list[MeasureChange] = field(default_factory=list)
    problems: list[ImportProblem] = field(default_factory=list)
    unchanged: int = 0
    sheet: str = ""

    @property
    def measure_ids(self) -> list[int]:
        return list(dict.fromkeys(c.measure_id for c in self.changes))


_FIELD_LABELS = {"status": "Trạng thái", "result": "Kết quả thực hiện", "due": "Hạn hoàn thành",
                 "directed_by": "Chỉ đạo thực hiện", "lead_unit": "Đơn vị tham mưu/chủ trì",
                 "cooperating": "Phối hợp thực hiện", "timeframe": "Thời gian thực hiện"}
# the measure's one-line texts a department may fill in on the sheet: read back like the result
_TEXT_FIELDS = ("directed_by", "lead_unit", "cooperating", "timeframe")



def _read_due(value) -> tuple[_dt.date | None, str | None]:
    """A "Hạn hoàn thành" cell: a date, or words read as the measures table reads a timeframe —
    a standing duty ("Thường xuyên") has no date and is no error; a period ("Quý II năm 2027") is
    refused with the days it covers, never turned into one of them silently."""
    due, why = parse_due(value)
    if why is None or not isinstance(value, str):
        return due, why
    d = read_deadline(value)
    if d.standing:
        return None, None
    if d.understood and d.start is not None and d.end is not None and d.start != d.end:
        text = cell_text(value)
        return None, (f"ô ghi “{text}” (từ {day_text(d.start)} đến {day_text(d.end)}) chứ không phải ngày; "
                      f"ghi ngày hạn, ví dụ {day_text(d.end)}")
    return due, why

def _shown(value: Any) -> str:
    if value is None or value == "":
        return "(trống)"
    if isinstance(value, MeasureStatus):
        return value.label
    if isinstance(value, _dt.date):
        return day_text(value)
    return str(value)


def default_measures_name(report: Report) -> str:
    from .export import default_docx_name
    return default_docx_name(report)[:-len(".docx")] + "-bien-phap.xlsx"


def default_indicators_name(report: Report) -> str:
    from .export import default_docx_name
    return default_docx_name(report)[:-len(".docx")] + "-so-lieu.xlsx"


# --- writing --------------------------------------------------------------------------------------
def _xlsx_path(path: str | Path) -> Path:
    path = Path(path).expanduser()
    return path if path.suffix.lower() == ".xlsx" else path.with_name(path.name + ".xlsx")


def _save(wb, path: Path, first_data_row: int) -> Path:
    def write(tmp: Path) -> None:
        tmp.write_bytes(sheet_layout.package(wb, first_data_row))

    try:
        return atomic_write(path, write, sheet_layout.verify_package)
    except OutputError as exc:
        raise XlsxError(str(exc)) from None
    except Exception:  # logged in full; the user gets one sentence, never the library's words
        log.exception("XLSX export to %s failed", path)
        raise XlsxError("Không xuất được tệp Excel do một lỗi của chương trình; tệp cũ (nếu có) vẫn được giữ "
                        "nguyên. Chi tiết đã ghi vào tệp nhật ký.") from None


def export_measures(service: ReportService, rows: list[MeasureRow], path: str | Path, title: str,
                    subtitle: str = "") -> Path:
    """Write the measures as a printable A4-landscape sheet the departments fill in and send back."""
    path = _xlsx_path(path)
    wb, first_data_row = sheet_layout.measures_workbook(rows, title, subtitle)
    out = _save(wb, path, first_data_row)
    covered = {r.report_id for r in rows}
    record_export(service, covered, out, "xlsx")
    keep_exported(service, covered, f"Xuất Excel “{out.name}”")   # every report the sheet lists (issue 17)
    return out


def export_indicators(service: ReportService, report_id: int, path: str | Path) -> Path:
    """The report's statistics appendix as an A4-portrait sheet (rates computed, no formulas)."""
    report = service.get_report(report_id)
    path = _xlsx_path(path)
    wb, first_data_row = sheet_layout.indicators_workbook(report)
    out = _save(wb, path, first_data_row)
    record_export(service, [report_id], out, "xlsx")
    keep_exported(service, report, f"Xuất Excel “{out.name}”")
    return out


# --- reading: measures ----------------------------------------------------------------------------
def _words(text: str) -> list[str]:
    return fold(text).split()


def _same_measure(sheet_text: str, db_text: str) -> bool:
    """Whether the row's text is (an edited copy of) the measure's: a wrong id or a sheet from
    another database shows a quite different text."""
    if sheet_text.split() == db_text.split():   # sent back untouched (most rows): nothing to fold or compare
        return True
    a, b = _words(sheet_text), _words(db_text)
    if not a or not b or a == b:
        return True
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio() >= 0.5


def _measure_rows(service: ReportService, ids: set[int]) -> tuple[dict[int, MeasureRow], dict[int, bool]]:
    """The database's view of the measures the sheet names: rows (every field a sheet carries; not
    numbered: nothing compared needs it), and whether each report is deleted."""
    with service.repo.reading() as r:
        owners = r.measure_owners(ids)
        found = r.measure_texts(ids)
        reports = {rid: r.report_fields(rid) for rid in {rid for rid, _ in owners.values()}}
    rows: dict[int, MeasureRow] = {}
    for mid, rid, limitation, content, measure, status, result, due, directed, lead, cooperating, when in found:
        report = reports[rid]
        rows[mid] = MeasureRow(mid, rid, report.title if report else "", report.period.label if report else "",
                               plain_from_json(limitation), plain_from_json(content), plain_from_json(measure),
                               directed, lead, cooperating, when, due, MeasureStatus(status), result)
    deleted = {mid: trashed for mid, (_, trashed) in owners.items()}
    return rows, deleted


def read_measure_updates(service: ReportService, path: str | Path, report_id: int | None = None) -> ImportPreview:
    """Read a sheet sent back by a department and compare it with the database (the command
    line's one step; the window reads on a worker thread and compares here)."""
    return compare_measure_sheet(service, read_measure_sheet(path), report_id)


def compare_measure_sheet(service: ReportService, sheet: MeasureSheet, report_id: int | None = None) -> ImportPreview:
    """The changes an already-read sheet would make, and its rows that cannot be matched. Nothing
    is written. With `report_id`, measures of any other report are refused as foreign."""
    preview = ImportPreview(sheet=sheet.sheet, problems=list(sheet.problems))
    cols = sheet.columns
    db_rows, deleted = _measure_rows(service, {row.measure_id for row in sheet.rows})
    for row in sheet.rows:
        r, mid, values = row.row_number, row.measure_id, row.values
        code = measure_code(mid)
        db = db_rows.get(mid)
        if db is None:
            preview.problems.append(ImportProblem(
                r, f"Dòng {r}: không có biện pháp mã {code} trong dữ liệu (có thể đã bị xóa, hoặc tệp "
                   "xuất từ máy khác); không cập nhật được."))
            continue
        if deleted.get(mid):
            preview.problems.append(ImportProblem(
                r, f"Dòng {r}: biện pháp {code} thuộc báo cáo đã chuyển vào thùng rác; không cập nhật được."))
            continue
        if report_id is not None and db.report_id != report_id:
            preview.problems.append(ImportProblem(
                r, f"Dòng {r}: biện pháp {code} thuộc báo cáo khác (“{db.report_title}”); "
                   "không cập nhật được."))
            continue
        sheet_text = " ".join(cell_text(values[k]) for k in ("what", "measure") if k in cols)
        db_text = " ".join(t for t in ((db.limitation + " " + db.content) if "what" in cols else "",
                                       db.measure if "measure" in cols else ""))
        if not _same_measure(sheet_text, db_text):
            preview.problems.append(ImportProblem(
                r, f"Dòng {r}: nội dung không khớp với biện pháp {code} trong dữ liệu (mã bị sửa hoặc tệp "
                   "xuất từ máy khác); không cập nhật được."))
            continue

        changes: list[MeasureChange] = []
        row_problems: list[str] = []
        for key in _TEXT_FIELDS:
            if key in cols:
                text, stored = cell_text(values[key]), getattr(db, key)
                if text != clean_text(stored).strip():
                    changes.append(MeasureChange(mid, r, key, stored, text))
        if "status" in cols:
            raw = values["status"]
            if not is_blank(raw):        # an emptied status cell is no news
                try:
                    status = MeasureStatus.from_label(cell_text(raw))
                except ValueError:
                    row_problems.append(f"trạng thái “{cell_text(raw)}” không hợp lệ (chọn Chưa thực hiện, "
                                        "Đang thực hiện hoặc Hoàn thành)")
                else:
                    if status is not db.status:
                        changes.append(MeasureChange(mid, r, "status", db.status, status))
        if "result" in cols:
            result = cell_text(values["result"])
            if result != clean_text(db.result).strip():
                changes.append(MeasureChange(mid, r, "result", db.result, result))
        if "due" in cols:
            due, why = _read_due(values["due"])
            if why:
                row_problems.append(f"cột “Hạn hoàn thành”: {why}")
            elif due != db.due:
                changes.append(MeasureChange(mid, r, "due", db.due, due))
        if row_problems:
            preview.problems.append(ImportProblem(
                r, f"Dòng {r}: " + "; ".join(row_problems) + f"; biện pháp {code} không được cập nhật."))
        elif changes:
            preview.changes.extend(changes)
        else:
            preview.unchanged += 1
    preview.problems.sort(key=lambda p: p.row_number)
    return preview


def apply_measure_updates(service: ReportService, preview: ImportPreview) -> int:
    """Write the previewed changes in ONE transaction: all of them, or — when anything goes wrong
    (a measure changed or deleted since the preview, a refused write, the program killed) — none.
    Returns how many measures changed. Only the fields the sheet changes are written, and only
    where the database still holds what the preview compared with."""
    by_measure: dict[int, list[MeasureChange]] = {}
    for c in preview.changes:
        by_measure.setdefault(c.measure_id, []).append(c)
    if not by_measure:
        return 0
    try:
        with service.repo.transaction() as tx:
            tx.hold_measures(by_measure)
            pairs: list[tuple[Measure, Measure | None]] = []
            for mid, changes in by_measure.items():
                if tx.measure_head(mid) is None:
                    raise XlsxError(f"Biện pháp {measure_code(mid)} đã bị xóa sau khi xem trước tệp. "
                                    f"{_NOTHING_WRITTEN}")
                # the sheet's fields are all that differ between the two: what write_measures compares
                # with the stored row and writes. Version 0: the preview compared values, not versions
                before, after = Measure(id=mid), Measure(id=mid)
                for c in changes:
                    setattr(before, c.field, c.old)
                    setattr(after, c.field, c.new)
                pairs.append((after, before))
            changed = service.write_measures(tx, pairs)   # report id → its measures that changed
    except ConcurrentChange as exc:
        raise XlsxError(f"{_changed(exc, list(by_measure))} vừa được sửa ở nơi khác sau khi xem trước tệp. "
                        f"{_NOTHING_WRITTEN}") from None
    for report_id, ids in changed.items():
        service.note_change(report_id, measures=ids)
    return sum(len(ids) for ids in changed.values())


def _changed(exc: ConcurrentChange, ids: list[int]) -> str:
    """The measure that changed since the preview when the store says which, else the file's first
    codes (a sheet of 1,000 rows listed every one of them)."""
    if exc.what.startswith(f"Biện pháp {measure_code(0)[:-1]}"):
        return f"{exc.what} trong tệp"
    codes = [measure_code(m) for m in ids]
    more = f" và {len(codes) - 5} biện pháp khác" if len(codes) > 5 else ""
    return f"Một biện pháp trong tệp ({', '.join(codes[:5])}{more})"


_NOTHING_WRITTEN = ("Không có thay đổi nào của tệp được ghi (0 biện pháp được cập nhật); hãy nhập lại tệp để xem "
                    "trước với dữ liệu mới nhất.")


# --- indicators -----------------------------------------------------------------------------------
def import_indicators(service: ReportService, report_id: int, path: str | Path) -> list[ImportProblem]:
    """Replace the report's indicators with the sheet's, unless a problem blocks it."""
    service.get_report(report_id)          # NotFound before reading anything
    indicators, problems = read_indicators(path)
    if not any(p.blocking for p in problems):
        service.set_indicators(report_id, indicators)
    return problems


__all__ = [
    "ImportPreview", "ImportProblem", "MeasureChange", "MeasureRow", "MeasureSheet", "XlsxError",
    "apply_measure_updates", "compare_measure_sheet", "default_indicators_name", "default_measures_name",
    "export_indicators", "export_measures",
    "import_indicators", "measure_code", "measures_sheet_title", "read_indicators", "read_measure_sheet",
    "read_measure_updates", "rows_for_report",
]
