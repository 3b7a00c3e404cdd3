"""Excel sheets that travel to the departments and back: the remediation measures (export,
then read the statuses and results they typed) and the statistics appendix (export and import).

openpyxl is imported inside the functions only: start-up must not pay for it
(docs/architecture.md). Every file is written through `atomic_write`; reading never writes."""
from __future__ import annotations

import datetime as _dt
import difflib
import logging
import re
import unicodedata
import warnings
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from ..domain.model import ContentKind, Indicator, Measure, MeasureStatus, Report, Section
from ..domain.numbering import letter
from ..domain.richtext import clean_text
from ..errors import ServiceError
from .export import record_export
from .files import OutputError, atomic_write
from .reports import ReportService

log = logging.getLogger("tudanhgia.xlsx")


class XlsxError(ServiceError):
    """An Excel file that cannot be written or read; the message is Vietnamese, for the user."""


# --- what travels ---------------------------------------------------------------------------------
@dataclass
class MeasureRow:
    """One measure as a line of the circulated sheet (all texts plain)."""
    measure_id: int
    report_id: int
    report_title: str
    period: str                    # the period as written: "năm 2022"
    limitation: str                # the limitation's text; "" for a general measure
    content: str                   # the task ("Nội dung") of a general measure
    measure: str                   # Biện pháp
    directed_by: str = ""
    lead_unit: str = ""
    cooperating: str = ""
    timeframe: str = ""
    due: _dt.date | None = None
    status: MeasureStatus = MeasureStatus.NOT_STARTED
    result: str = ""
    number: str = ""               # STT as printed: "II.2.a"


@dataclass(frozen=True)
class MeasureChange:
    measure_id: int
    row_number: int
    field: str                     # "status" | "result" | "due"
    old: Any
    new: Any

    @property
    def field_label(self) -> str:
        return _FIELD_LABELS[self.field]

    def describe(self) -> str:
        """'Dòng 5, BP-3, Trạng thái: Đang thực hiện → Hoàn thành' for the preview list."""
        return (f"Dòng {self.row_number}, {measure_code(self.measure_id)}, {self.field_label}: "
                f"{_shown(self.old)} → {_shown(self.new)}")


@dataclass(frozen=True)
class ImportProblem:
    row_number: int                # the sheet's row as Excel shows it; 0 for the whole file
    message_vi: str                # ready to show: "Dòng 12: …"
    blocking: bool = True          # False: information only (e.g. a blank row skipped)


@dataclass
class ImportPreview:
    changes: list[MeasureChange] = field(default_factory=list)
    problems: list[ImportProblem] = field(default_factory=list)
    unchanged: int = 0
    sheet: str = ""

    @property
    def measure_ids(self) -> list[int]:
        return list(dict.fromkeys(c.measure_id for c in self.changes))


_FIELD_LABELS = {"status": "Trạng thái", "result": "Kết quả thực hiện", "due": "Hạn hoàn thành"}

ID_PREFIX = "BP-"
_ID_RE = re.compile(r"^\s*BP\s*-\s*(\d+)\s*$", re.IGNORECASE)
_MAX_CELL = 32767                  # Excel refuses longer cell texts
FONT = "Times New Roman"


def measure_code(measure_id: int) -> str:
    return f"{ID_PREFIX}{measure_id}"


def _shown(value: Any) -> str:
    if value is None or value == "":
        return "(trống)"
    if isinstance(value, MeasureStatus):
        return value.label
    if isinstance(value, _dt.date):
        return value.strftime("%d/%m/%Y")
    return str(value)


# --- rows of a report ---------------------------------------------------------------------------
def _section_path(report: Report, section: Section | None, numbers: dict[Section, str]) -> str:
    """'II.2' for item 2. under II. — the way a reader finds it in the printed plan."""
    parts: list[str] = []
    s = section
    while s is not None:
        core = numbers.get(s, "").strip().rstrip(".)").strip()
        if core and not core.casefold().startswith("phần"):
            # a nested number ("2.1") already carries its parent's
            if not (parts and parts[0].startswith(core + ".")):
                parts.insert(0, core)
        s = report.parent_of(s)
    return ".".join(parts)


def _join(prefix: str, tail: str) -> str:
    return f"{prefix}.{tail}" if prefix else tail


def rows_for_report(report: Report) -> list[MeasureRow]:
    """The report's measures as sheet rows: the limitations' measures first (lettered as the plan
    prints the limitations), then the general measures (lettered within their section)."""
    numbers = report.numbering()
    lim_section = next((s for s in report.walk() if s.content is ContentKind.LIMITATIONS_WITH_MEASURES), None)
    lim_prefix = _section_path(report, lim_section, numbers)
    title, period = report.title, report.period.label

    def row(m: Measure, number: str, limitation: str) -> MeasureRow:
        return MeasureRow(m.id, report.id, title, period, limitation, m.content.plain, m.measure.plain,
                          m.directed_by, m.lead_unit, m.cooperating, m.timeframe, m.due, m.status, m.result,
                          number)

    out: list[MeasureRow] = []
    for i, lim in enumerate(report.limitations, 1):
        many = len(lim.measures) > 1
        for j, m in enumerate(lim.measures, 1):
            tail = f"{letter(i)}.{j}" if many else letter(i)
            out.append(row(m, _join(lim_prefix, tail), lim.text.plain))
    counters: dict[int, int] = {}
    for m in report.measures:
        key = id(m.section)
        counters[key] = counters.get(key, 0) + 1
        prefix = _section_path(report, m.section, numbers) if m.section is not None else ""
        out.append(row(m, _join(prefix, letter(counters[key])), ""))
    return out


def measures_sheet_title(report: Report, today: _dt.date | None = None) -> tuple[str, str]:
    """(title, subtitle) for a report's measures sheet."""
    head = " ".join(f"{report.meta.kind_name} {report.meta.subject}".split()) or report.title
    today = today or _dt.date.today()
    sub = (f"{report.unit_name or report.meta.issuing_agency} — xuất ngày {today:%d/%m/%Y}. "
           "Đơn vị cập nhật cột Trạng thái, Kết quả thực hiện; không sửa cột Mã.")
    return f"{head.upper()} — DANH SÁCH BIỆN PHÁP KHẮC PHỤC", sub


def default_measures_name(report: Report) -> str:
    from .export import default_docx_name
    return default_docx_name(report)[:-len(".docx")] + "-bien-phap.xlsx"


def default_indicators_name(report: Report) -> str:
    from .export import default_docx_name
    return default_docx_name(report)[:-len(".docx")] + "-so-lieu.xlsx"


# --- writing --------------------------------------------------------------------------------------
def _text(value: str) -> str:
    text = clean_text(value or "").strip()
    return text if len(text) <= _MAX_CELL else text[:_MAX_CELL - 1] + "…"


def _put(ws, row: int, col: int, value: Any, style: dict) -> Any:
    cell = ws.cell(row=row, column=col)
    cell.value = _text(value) if isinstance(value, str) else value
    if cell.data_type == "f":  # a text starting with "=" is the officer's words, not a formula
        cell.data_type = "s"
    for k, v in style.items():
        setattr(cell, k, v)
    return cell


def _styles(bold_header: bool = True) -> dict[str, Any]:
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    thin = Side(style="thin", color="000000")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    return {
        "title": {"font": Font(name=FONT, size=14, bold=True),
                  "alignment": Alignment(horizontal="center", vertical="center", wrap_text=True)},
        "subtitle": {"font": Font(name=FONT, size=12, italic=True),
                     "alignment": Alignment(horizontal="center", vertical="center", wrap_text=True)},
        "header": {"font": Font(name=FONT, size=12, bold=bold_header), "border": border,
                   "fill": PatternFill("solid", fgColor="D9D9D9"),
                   "alignment": Alignment(horizontal="center", vertical="center", wrap_text=True)},
        "text": {"font": Font(name=FONT, size=12), "border": border,
                 "alignment": Alignment(horizontal="left", vertical="top", wrap_text=True)},
        "center": {"font": Font(name=FONT, size=12), "border": border,
                   "alignment": Alignment(horizontal="center", vertical="top", wrap_text=True)},
        "number": {"font": Font(name=FONT, size=12), "border": border,
                   "alignment": Alignment(horizontal="right", vertical="top")},
        "code": {"font": Font(name=FONT, size=9, color="808080"), "border": border,
                 "fill": PatternFill("solid", fgColor="F2F2F2"),
                 "alignment": Alignment(horizontal="center", vertical="top", wrap_text=True)},
        "code_header": {"font": Font(name=FONT, size=9, bold=True, color="808080"), "border": border,
                        "fill": PatternFill("solid", fgColor="F2F2F2"),
                        "alignment": Alignment(horizontal="center", vertical="center", wrap_text=True)},
    }


# Column widths are in digits of the workbook's default font, which we make Times New Roman 12
# (see _finish_package): 8 px = 6 pt a unit at 96 dpi in Excel, the same in LibreOffice.
_UNIT_PT = 6.0
_CELL_PADDING_PT = 4.0
_LINE_PT = 15.75   # the height Excel gives a line of Times New Roman 12


def _lines_needed(text: str, width: float, size: float = 12, bold: bool = False) -> int:
    """Lines `text` wraps to in a column `width` units wide: a greedy word wrap over Times New
    Roman advance widths (render/metrics.py), as Excel and LibreOffice break lines."""
    from ..render.metrics import text_width_pt
    room = max(1.0, width * _UNIT_PT - _CELL_PADDING_PT)
    space = text_width_pt(" ", size, bold)
    lines = 0
    for para in text.split("\n"):
        lines += 1
        used = 0.0
        for word in para.split():
            w = text_width_pt(word, size, bold)
            if used and used + space + w <= room:
                used += space + w
                continue
            if used:
                lines += 1
            # a word wider than the column is cut across lines
            extra, used = divmod(w, room)
            lines += int(extra) if used or not extra else int(extra) - 1
            used = used or (room if extra else 0)
    return max(1, lines)


def _fit_height(values: Iterable[tuple[str, float]], size: float = 12, bold: bool = False) -> float:
    """A row height (points) showing every wrapped cell of the row in full."""
    lines = max((_lines_needed(text, width, size, bold) for text, width in values if text), default=1)
    return round(lines * _LINE_PT * size / 12 + 4, 2)


_NORMAL_FONT = b'<font><name val="Times New Roman"/><family val="1"/><sz val="12"/></font>'


def _finish_package(package: bytes, first_data_row: int) -> bytes:
    """Two things openpyxl cannot say, fixed in the saved package:
    - the default font (the Normal style) becomes Times New Roman 12 instead of the theme's
      Calibri, so what a department types is in our font and column widths mean the same in
      Excel and LibreOffice (which substitutes Calibri with a wider font where it is missing);
    - the data rows lose customHeight: LibreOffice still prints the height we estimated (it never
      re-fits rows of an .xlsx on opening), while Excel treats them as auto-sized and grows a row
      again when a department types a longer result."""
    import io
    row_pattern = re.compile(rb'(<row r="(\d+)"[^>]*?) customHeight="1"')

    def row_fix(m: re.Match) -> bytes:
        return m.group(1) if int(m.group(2)) >= first_data_row else m.group(0)

    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(package)) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename.startswith("xl/worksheets/sheet"):
                data = row_pattern.sub(row_fix, data)
            elif info.filename == "xl/styles.xml":
                data = re.sub(rb"(<fonts[^>]*>)<font>.*?</font>", lambda m: m.group(1) + _NORMAL_FONT, data,
                              count=1, flags=re.S)
            zout.writestr(info, data)
    return out.getvalue()


def _page_setup(ws, landscape: bool, title_row: int) -> None:
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0            # as many pages down as it takes
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top, ws.page_margins.bottom = 0.5, 0.6
    ws.page_margins.header, ws.page_margins.footer = 0.2, 0.3
    ws.print_options.horizontalCentered = True
    ws.print_title_rows = f"{title_row}:{title_row}"
    ws.oddFooter.center.text = "Trang &P/&N"
    ws.oddFooter.center.font = FONT
    ws.oddFooter.center.size = 10
    ws.freeze_panes = f"A{title_row + 1}"


def _title_block(ws, title: str, subtitle: str, ncols: int, widths: list[float], st: dict) -> int:
    """Title and subtitle merged across the table; returns the header row's number."""
    from openpyxl.utils import get_column_letter
    last = get_column_letter(ncols)
    total = sum(widths)
    _put(ws, 1, 1, title, st["title"])
    ws.merge_cells(f"A1:{last}1")
    # merged cells never grow by themselves, in Excel or LibreOffice: size them here
    ws.row_dimensions[1].height = _fit_height([(title, total)], size=14, bold=True) + 4
    row = 2
    if subtitle.strip():
        _put(ws, 2, 1, subtitle, st["subtitle"])
        ws.merge_cells(f"A2:{last}2")
        ws.row_dimensions[2].height = _fit_height([(subtitle, total)])
        row = 3
    ws.row_dimensions[row].height = 6      # a little air above the table
    return row + 1


def _save(wb, path: Path, first_data_row: int) -> Path:
    import io

    def write(tmp: Path) -> None:
        buf = io.BytesIO()
        wb.save(buf)
        data = buf.getvalue()
        tmp.write_bytes(_finish_package(data, first_data_row))

    def verify(tmp: Path) -> None:
        from openpyxl import load_workbook
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            with open(tmp, "rb") as f:  # a file object: the temporary name ends in .tmp
                load_workbook(f).close()

    try:
        return atomic_write(path, write, verify)
    except OutputError as exc:
        raise XlsxError(str(exc)) from None
    except Exception as exc:  # noqa: BLE001 - logged in full; the user gets one sentence
        log.exception("XLSX export to %s failed", path)
        raise XlsxError(f"Không xuất được tệp Excel: {exc}. Chi tiết đã ghi vào tệp nhật ký.") from None


def _xlsx_path(path: str | Path) -> Path:
    path = Path(path).expanduser()
    return path if path.suffix.lower() == ".xlsx" else path.with_name(path.name + ".xlsx")


# Measures sheet columns: key, header label, width (≈ Times New Roman 12 characters), style
_MEASURE_COLUMNS = [
    ("number", "STT", 6, "center"),
    ("what", "Hạn chế, khuyết điểm / Nội dung", 23, "text"),
    ("measure", "Biện pháp", 25, "text"),
    ("directed_by", "Chỉ đạo thực hiện", 10.5, "text"),
    ("lead_unit", "Đơn vị tham mưu/chủ trì", 11.5, "text"),
    ("cooperating", "Phối hợp", 10, "text"),
    ("timeframe", "Thời gian thực hiện", 11.5, "text"),
    ("due", "Hạn hoàn thành", 10.5, "center"),
    ("status", "Trạng thái", 10.5, "center"),
    ("result", "Kết quả thực hiện", 19, "text"),
    ("code", "Mã (không sửa)", 6.5, "code"),
]
_REPORT_COLUMN = ("report", "Báo cáo / Kế hoạch", 16, "text")
STATUS_LABELS = [s.label for s in MeasureStatus]


# Excel cannot make a row taller than 409 pt (about 25 lines): columns holding a longer text are
# widened until it fits, up to these widths, and the print scale shrinks to match.
_MAX_ROW_PT = 409.0
_WIDENABLE = {"what": 52.0, "measure": 52.0, "result": 40.0, "timeframe": 24.0, "directed_by": 20.0,
              "lead_unit": 20.0, "cooperating": 20.0, "report": 30.0}


def _measure_values(r: MeasureRow, n: int) -> dict[str, Any]:
    return {
        "number": r.number or str(n),
        "report": f"{r.report_title} ({r.period})" if r.period and r.period not in r.report_title
        else r.report_title,
        "what": _text("\n".join(t for t in (r.limitation.strip(), r.content.strip()) if t)),
        "measure": _text(r.measure), "directed_by": _text(r.directed_by), "lead_unit": _text(r.lead_unit),
        "cooperating": _text(r.cooperating), "timeframe": _text(r.timeframe), "due": r.due,
        "status": r.status.label, "result": _text(r.result), "code": measure_code(r.measure_id),
    }


def _row_height(values: dict[str, Any], keys: list[str], widths: list[float]) -> float:
    return _fit_height((values[k], w) for k, w in zip(keys, widths) if isinstance(values[k], str) and k != "code")


def _fit_widths(widths: list[float], keys: list[str], table: list[dict[str, Any]],
                widenable: dict[str, float]) -> list[float]:
    """Widen the columns whose text would need a row taller than Excel allows."""
    widths = list(widths)
    max_lines = int((_MAX_ROW_PT - 4) // _LINE_PT)
    for i, key in enumerate(keys):
        cap = widenable.get(key)
        if cap is None:
            continue
        too_long = [v[key] for v in table if isinstance(v[key], str) and _lines_needed(v[key], widths[i]) > max_lines]
        while too_long and widths[i] < cap:
            widths[i] += 1
            too_long = [t for t in too_long if _lines_needed(t, widths[i]) > max_lines]
    return widths


def export_measures(service: ReportService, rows: list[MeasureRow], path: str | Path, title: str,
                    subtitle: str = "") -> Path:
    """Write the measures as a printable A4-landscape sheet the departments fill in and send back."""
    from openpyxl import Workbook
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    path = _xlsx_path(path)
    columns = list(_MEASURE_COLUMNS)
    if len({r.report_id for r in rows}) > 1:     # rows of several reports: say which is which
        columns.insert(1, _REPORT_COLUMN)
    keys = [c[0] for c in columns]
    table = [_measure_values(r, n) for n, r in enumerate(rows, 1)]
    widths = _fit_widths([c[2] for c in columns], keys, table, _WIDENABLE)
    st = _styles()

    wb = Workbook()
    ws = wb.active
    ws.title = "Biện pháp khắc phục"
    wb.properties.creator = "Tự Đánh Giá"
    wb.properties.title = _text(title)[:250]
    for i, ((_, _, _, style), width) in enumerate(zip(columns, widths), 1):
        dim = ws.column_dimensions[get_column_letter(i)]
        dim.width = width
        dim.font = st[style]["font"]   # what a department types in a new row is Times New Roman too

    header = _title_block(ws, title, subtitle, len(columns), widths, st)
    for i, (key, label, _, _) in enumerate(columns, 1):
        _put(ws, header, i, label, st["code_header" if key == "code" else "header"])
    ws.row_dimensions[header].height = _fit_height(
        ((c[1], w) for c, w in zip(columns, widths) if c[0] != "code"), bold=True)

    for n, (r, values) in enumerate(zip(rows, table), 1):
        excel_row = header + n
        for i, (key, _, _, style) in enumerate(columns, 1):
            cell = _put(ws, excel_row, i, values[key], st[style])
            if key == "due" and r.due is not None:
                cell.number_format = "DD/MM/YYYY"
        ws.row_dimensions[excel_row].height = min(_MAX_ROW_PT, _row_height(values, keys, widths))

    first, last = header + 1, max(header + len(rows), header + 1)
    status_col = get_column_letter(keys.index("status") + 1)
    due_col = get_column_letter(keys.index("due") + 1)
    status_dv = DataValidation(
        type="list", formula1='"' + ",".join(STATUS_LABELS) + '"', allow_blank=True,
        showErrorMessage=True, errorTitle="Trạng thái không hợp lệ",
        error="Chọn một trong: " + ", ".join(STATUS_LABELS) + ".",
        showInputMessage=True, promptTitle="Trạng thái", prompt="Chọn trong danh sách.")
    status_dv.add(f"{status_col}{first}:{status_col}{last}")
    # Excel date serials of 01/01/2000 and 31/12/2100
    due_dv = DataValidation(
        type="date", operator="between", formula1="36526", formula2="73415", allow_blank=True,
        showErrorMessage=True, errorTitle="Ngày không hợp lệ",
        error="Nhập ngày theo dạng ngày/tháng/năm, ví dụ 30/06/2025.")
    due_dv.add(f"{due_col}{first}:{due_col}{last}")
    ws.add_data_validation(status_dv)
    ws.add_data_validation(due_dv)

    _page_setup(ws, landscape=True, title_row=header)
    out = _save(wb, path, first_data_row=header + 1)
    record_export(service, {r.report_id for r in rows}, out, "xlsx")
    return out


# --- reading: shared ------------------------------------------------------------------------------
def _norm(value: Any) -> str:
    """A header label as compared: NFC, case and spacing folded, trailing ':' or '*' dropped."""
    if value is None:
        return ""
    text = unicodedata.normalize("NFC", str(value))
    return " ".join(text.split()).casefold().rstrip(":*").strip()


_CFB_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"   # OLE compound file: .xls, or any encrypted Office file


def _load(path: str | Path):
    """Open a workbook for reading values, or raise XlsxError saying why not."""
    from openpyxl import load_workbook
    path = Path(path)
    name = path.name
    if not path.is_file():
        raise XlsxError(f"Không tìm thấy tệp “{path}”.")
    try:
        with open(path, "rb") as f:
            head = f.read(8)
    except OSError as exc:
        raise XlsxError(f"Không mở được tệp “{name}”: {exc.strerror or exc}.") from None
    if head == _CFB_MAGIC:
        raise XlsxError(f"Tệp “{name}” đã được đặt mật khẩu hoặc là tệp Excel đời cũ (.xls). Hãy mở tệp bằng "
                        "Excel, bỏ mật khẩu (nếu có) rồi lưu lại dưới dạng Sổ làm việc Excel (.xlsx).")
    if not head:
        raise XlsxError(f"Tệp “{name}” rỗng, không có dữ liệu.")
    if not zipfile.is_zipfile(path):
        if head.startswith(b"PK"):
            raise XlsxError(f"Tệp “{name}” bị hỏng hoặc chưa được chép hết (tệp nén không trọn vẹn). "
                            "Hãy xin đơn vị gửi lại tệp.")
        raise XlsxError(f"Tệp “{name}” không phải tệp Excel (.xlsx). Hãy mở bằng Excel và lưu lại dưới dạng "
                        "Sổ làm việc Excel (.xlsx).")
    try:
        with zipfile.ZipFile(path) as z:
            names = set(z.namelist())
            if any(info.flag_bits & 0x1 for info in z.infolist()):
                raise XlsxError(f"Tệp “{name}” được nén kèm mật khẩu, không đọc được. Hãy bỏ mật khẩu rồi "
                                "lưu lại dưới dạng .xlsx.")
            bad = z.testzip()
    except XlsxError:
        raise
    except (zipfile.BadZipFile, OSError, EOFError, RuntimeError, ValueError):
        bad = "?"
        names = set()
    if bad is not None:
        raise XlsxError(f"Tệp “{name}” bị hỏng hoặc chưa được chép hết, không đọc được. "
                        "Hãy xin đơn vị gửi lại tệp.")
    if "xl/workbook.xml" not in names and not any(n.endswith("workbook.xml") for n in names):
        raise XlsxError(f"Tệp “{name}” không phải sổ làm việc Excel (.xlsx) (có thể là tệp Word hoặc tệp nén khác).")
    try:
        with warnings.catch_warnings():
            # files saved by Excel carry extensions openpyxl announces it drops; reading is unaffected
            warnings.simplefilter("ignore")
            with open(path, "rb") as f:   # a file object: openpyxl judges by content, not the extension
                return load_workbook(f, data_only=True)
    except Exception as exc:  # noqa: BLE001 - openpyxl raises many kinds for damaged packages
        log.warning("cannot read %s: %r", path, exc)
        raise XlsxError(f"Tệp “{name}” bị hỏng, không đọc được ({type(exc).__name__}). "
                        "Hãy mở tệp bằng Excel, lưu lại rồi thử lại.") from None


@dataclass
class _Table:
    ws: Any
    header_row: int
    columns: dict[str, int]            # key → 1-based column
    merged: list[tuple[str, list[int]]]  # merged ranges in the data area and their rows

    @property
    def merged_rows(self) -> set[int]:
        return {r for _, rows in self.merged for r in rows}


def _find_table(wb, labels: dict[str, tuple[str, ...]], required: tuple[str, ...], name: str,
                what: str, scan_rows: int = 60) -> _Table:
    """The first sheet with a row holding the required labels (anywhere, in any order)."""
    any_value = False
    for ws in wb.worksheets:
        for row in ws.iter_rows(min_row=1, max_row=min(ws.max_row, scan_rows)):
            found: dict[str, int] = {}
            twice: list[str] = []
            for cell in row:
                if cell.value is None:
                    continue
                any_value = True
                norm = _norm(cell.value)
                for key, accepted in labels.items():
                    if norm in accepted:
                        if key in found:
                            twice.append(str(cell.value))
                        else:
                            found[key] = cell.column
            if all(k in found for k in required):
                if twice:  # which of the two would the department have filled in? Ask, never guess
                    raise XlsxError(f"Dòng tiêu đề {row[0].row} của tệp “{name}” có hai cột "
                                    f"“{twice[0]}”; hãy xóa một cột rồi thử lại.")
                return _Table(ws, row[0].row, found, _merged_ranges(ws, row[0].row))
        if not any_value and ws.max_row > 1:
            any_value = any(c.value is not None for r in ws.iter_rows() for c in r)
    if not any_value:
        raise XlsxError(f"Tệp “{name}” không có dữ liệu (sổ làm việc trống).")
    wanted = ", ".join(f"“{labels[k][0][:1].upper()}{labels[k][0][1:]}”" for k in required)
    raise XlsxError(f"Không tìm thấy dòng tiêu đề của {what} trong tệp “{name}” (cần các cột {wanted}). "
                    "Hãy dùng tệp do phần mềm xuất ra và giữ nguyên dòng tiêu đề.")


def _merged_ranges(ws, header_row: int) -> list[tuple[str, list[int]]]:
    """Merged ranges below the header: (coordinate, the data rows they touch)."""
    out = []
    for rng in ws.merged_cells.ranges:
        if rng.max_row <= header_row:
            continue                   # the title above the table may be merged
        out.append((rng.coord, list(range(max(rng.min_row, header_row + 1), rng.max_row + 1))))
    return sorted(out, key=lambda item: (item[1][0], item[0]))


def _merged_problems(table: "_Table") -> list[ImportProblem]:
    out = []
    for coord, rows in table.merged:
        where = f"Dòng {rows[0]}" if len(rows) == 1 else f"Dòng {rows[0]}–{rows[-1]}"
        out.append(ImportProblem(rows[0], f"{where}: có ô gộp ({coord}) trong vùng dữ liệu, không đọc được; "
                                          "hãy bỏ gộp ô (Unmerge) rồi gửi lại."))
    return out


def _row_values(ws, row: int, max_col: int) -> list[Any]:
    return [ws.cell(row=row, column=c).value for c in range(1, max_col + 1)]


def _is_blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _cell_text(value: Any) -> str:
    """A cell as the text a person reads in it."""
    if value is None:
        return ""
    if isinstance(value, _dt.datetime):
        return value.strftime("%d/%m/%Y") if value.time() == _dt.time() else value.strftime("%d/%m/%Y %H:%M")
    if isinstance(value, _dt.date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, bool):
        return "Có" if value else "Không"
    return clean_text(str(value)).strip()


# --- reading: measures ----------------------------------------------------------------------------
_MEASURE_LABELS: dict[str, tuple[str, ...]] = {
    "code": ("mã (không sửa)", "mã", "mã biện pháp", "mã số"),
    "status": ("trạng thái", "tình trạng"),
    "result": ("kết quả thực hiện", "kết quả"),
    "due": ("hạn hoàn thành", "hạn", "thời hạn", "thời hạn hoàn thành"),
    "what": ("hạn chế, khuyết điểm / nội dung", "hạn chế, khuyết điểm", "nội dung"),
    "measure": ("biện pháp", "biện pháp khắc phục", "biện pháp thực hiện"),
}
_DATE_TEXT = re.compile(r"^\s*(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{2}|\d{4})\s*$")


def _parse_due(value: Any) -> tuple[_dt.date | None, str | None]:
    """(date, None) or (None, a Vietnamese reason)."""
    if _is_blank(value):
        return None, None
    if isinstance(value, _dt.datetime):
        value = value.date()
    if isinstance(value, _dt.date):
        if not 2000 <= value.year <= 2100:
            return None, f"ngày “{value:%d/%m/%Y}” không hợp lý"
        return value, None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return None, f"“{_cell_text(value)}” không phải một ngày (ghi theo dạng ngày/tháng/năm)"
    text = _cell_text(value)
    m = _DATE_TEXT.match(text)
    if not m:
        return None, f"ô ghi chữ “{text}” chứ không phải ngày (ghi theo dạng ngày/tháng/năm, ví dụ 30/06/2025)"
    day, month, year = int(m.group(1)), int(m.group(2)), int(m.group(3))
    year += 2000 if year < 100 else 0
    try:
        date = _dt.date(year, month, day)
    except ValueError:
        return None, f"ngày “{text}” không có thật"
    if not 2000 <= date.year <= 2100:
        return None, f"ngày “{text}” không hợp lý"
    return date, None


def _words(text: str) -> list[str]:
    return unicodedata.normalize("NFC", text).casefold().split()


def _same_measure(sheet_text: str, db_text: str) -> bool:
    """Whether the row's text is (an edited copy of) the measure's: a wrong id or a sheet from
    another database shows a quite different text."""
    a, b = _words(sheet_text), _words(db_text)
    if not a or not b:
        return True
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio() >= 0.5


def _owners(service: ReportService, ids) -> dict[int, tuple[int, bool]]:
    """measure id → (its report, whether that report is in the trash), for the ids that exist."""
    with service.repo.reading() as r:
        return r.measure_owners(ids)


def _measure_rows(service: ReportService, ids: set[int]) -> tuple[dict[int, MeasureRow], dict[int, bool]]:
    """The database's view of the measures the sheet names: rows, and whether each report is deleted."""
    owners = _owners(service, ids)
    rows: dict[int, MeasureRow] = {}
    for rid in {rid for rid, _ in owners.values()}:
        for r in rows_for_report(service.get_report(rid)):
            rows[r.measure_id] = r
    deleted = {mid: trashed for mid, (_, trashed) in owners.items()}
    return {k: v for k, v in rows.items() if k in ids}, deleted


def read_measure_updates(service: ReportService, path: str | Path, report_id: int | None = None) -> ImportPreview:
    """Compare a sheet sent back by a department with the database. Nothing is written.
    With `report_id`, measures of any other report are refused as foreign."""
    path = Path(path)
    wb = _load(path)
    try:
        table = _find_table(wb, _MEASURE_LABELS, ("code",), path.name, "danh sách biện pháp")
        cols = table.columns
        if not {"status", "result", "due"} & cols.keys():
            raise XlsxError(f"Tệp “{path.name}” có cột Mã nhưng không có cột Trạng thái, Kết quả thực hiện "
                            "hay Hạn hoàn thành để cập nhật.")
        ws = table.ws
        preview = ImportPreview(sheet=ws.title)
        preview.problems.extend(_merged_problems(table))
        merged_rows = table.merged_rows
        max_col = max(ws.max_column, *cols.values())

        parsed: list[tuple[int, int, list[Any]]] = []      # (row, measure id, values)
        for r in range(table.header_row + 1, ws.max_row + 1):
            values = _row_values(ws, r, max_col)
            if all(_is_blank(v) for v in values):
                continue
            if r in merged_rows:
                continue                                     # reported once per merged range
            code = values[cols["code"] - 1]
            if _is_blank(code):
                preview.problems.append(ImportProblem(r, f"Dòng {r}: không có mã biện pháp, không cập nhật được."))
                continue
            m = _ID_RE.match(_cell_text(code))
            if not m:
                preview.problems.append(ImportProblem(
                    r, f"Dòng {r}: mã “{_cell_text(code)}” không đúng dạng BP-<số>, không cập nhật được."))
                continue
            parsed.append((r, int(m.group(1)), values))

        first_row: dict[int, int] = {}
        duplicated: set[int] = set()
        for r, mid, _ in parsed:
            if mid in first_row:
                duplicated.add(mid)
                preview.problems.append(ImportProblem(
                    r, f"Dòng {r}: mã {measure_code(mid)} trùng với dòng {first_row[mid]}; "
                       "biện pháp này không được cập nhật."))
            else:
                first_row[mid] = r

        db_rows, deleted = _measure_rows(service, set(first_row))
        for r, mid, values in parsed:
            if mid in duplicated:
                continue
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
            sheet_text = " ".join(_cell_text(values[cols[k] - 1]) for k in ("what", "measure") if k in cols)
            db_text = " ".join(t for t in ((db.limitation + " " + db.content) if "what" in cols else "",
                                           db.measure if "measure" in cols else ""))
            if not _same_measure(sheet_text, db_text):
                preview.problems.append(ImportProblem(
                    r, f"Dòng {r}: nội dung không khớp với biện pháp {code} trong dữ liệu (mã bị sửa hoặc tệp "
                       "xuất từ máy khác); không cập nhật được."))
                continue

            changes: list[MeasureChange] = []
            row_problems: list[str] = []
            if "status" in cols:
                raw = values[cols["status"] - 1]
                if not _is_blank(raw):        # an emptied status cell is no news
                    try:
                        status = MeasureStatus.from_label(_cell_text(raw))
                    except ValueError:
                        row_problems.append(f"trạng thái “{_cell_text(raw)}” không hợp lệ (chọn Chưa thực hiện, "
                                            "Đang thực hiện hoặc Hoàn thành)")
                    else:
                        if status is not db.status:
                            changes.append(MeasureChange(mid, r, "status", db.status, status))
            if "result" in cols:
                result = _cell_text(values[cols["result"] - 1])
                if result != clean_text(db.result).strip():
                    changes.append(MeasureChange(mid, r, "result", db.result, result))
            if "due" in cols:
                due, why = _parse_due(values[cols["due"] - 1])
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
    finally:
        wb.close()


def apply_measure_updates(service: ReportService, preview: ImportPreview) -> int:
    """Write the previewed changes (one transaction per measure); returns how many measures changed."""
    by_measure: dict[int, list[MeasureChange]] = {}
    for c in preview.changes:
        by_measure.setdefault(c.measure_id, []).append(c)
    if not by_measure:
        return 0
    owners = {mid: rid for mid, (rid, _) in _owners(service, by_measure).items()}
    reports: dict[int, Report] = {}
    changed = 0
    for mid, changes in by_measure.items():
        rid = owners.get(mid)
        if rid is None:
            log.warning("measure %s vanished between preview and apply", mid)
            continue
        report = reports.get(rid) or reports.setdefault(rid, service.get_report(rid))
        measure = next((m for m in report.all_measures() if m.id == mid), None)
        if measure is None:
            continue
        before = (measure.status, measure.result, measure.due)
        for c in changes:
            setattr(measure, c.field, c.new)
        if (measure.status, measure.result, measure.due) != before:
            service.update_measure(measure)
            changed += 1
    return changed


# --- indicators -----------------------------------------------------------------------------------
_INDICATOR_COLUMNS = [
    ("number", "STT", 5, "center"),
    ("name", "Chỉ tiêu", 42, "text"),
    ("unit", "Đơn vị tính", 11, "center"),
    ("value", "Kết quả", 10, "number"),
    ("denominator", "Trên tổng số", 10, "number"),
    ("rate", "Tỷ lệ (%)", 9, "number"),
]
_INDICATOR_LABELS: dict[str, tuple[str, ...]] = {
    "name": ("chỉ tiêu", "tên chỉ tiêu", "nội dung"),
    "unit": ("đơn vị tính", "đvt", "đơn vị"),
    "value": ("kết quả", "số liệu", "giá trị"),
    "denominator": ("trên tổng số", "tổng số"),
}
# Format codes are stored in the file in Excel's neutral notation; Excel and LibreOffice show
# them with the workstation's separators, i.e. 1.234,5 on a Vietnamese-locale machine.
_INT_FORMAT, _DEC_FORMAT = "#,##0", "#,##0.0#"


def _number_format(value: float) -> str:
    return _INT_FORMAT if float(value).is_integer() else _DEC_FORMAT


def _excel_number(value: float) -> int | float:
    return int(value) if float(value).is_integer() else value


def export_indicators(service: ReportService, report_id: int, path: str | Path) -> Path:
    """The report's statistics appendix as an A4-portrait sheet (rates computed, no formulas)."""
    from openpyxl import Workbook
    from openpyxl.utils import get_column_letter

    report = service.get_report(report_id)
    path = _xlsx_path(path)
    st = _styles()
    wb = Workbook()
    ws = wb.active
    ws.title = "Phụ lục số liệu"
    wb.properties.creator = "Tự Đánh Giá"
    for i, (_, _, width, style) in enumerate(_INDICATOR_COLUMNS, 1):
        dim = ws.column_dimensions[get_column_letter(i)]
        dim.width = width
        dim.font = st[style]["font"]
    title = (report.appendix_title or "PHỤ LỤC SỐ LIỆU").upper()
    subtitle = f"(Kèm theo {report.title}{' — ' + report.unit_name if report.unit_name else ''})"
    header = _title_block(ws, title, subtitle, len(_INDICATOR_COLUMNS), [c[2] for c in _INDICATOR_COLUMNS], st)
    for i, (_, label, _, _) in enumerate(_INDICATOR_COLUMNS, 1):
        _put(ws, header, i, label, st["header"])
    ws.row_dimensions[header].height = _fit_height(((c[1], c[2]) for c in _INDICATOR_COLUMNS), bold=True)
    for n, ind in enumerate(report.indicators, 1):
        r = header + n
        rate = ind.rate
        values = {"number": n, "name": ind.name, "unit": ind.unit,
                  "value": None if ind.value is None else _excel_number(ind.value),
                  "denominator": None if ind.denominator is None else _excel_number(ind.denominator),
                  "rate": None if rate is None else round(rate, 2)}
        for i, (key, _, _, style) in enumerate(_INDICATOR_COLUMNS, 1):
            cell = _put(ws, r, i, values[key], st[style])
            if key in ("value", "denominator") and values[key] is not None:
                cell.number_format = _number_format(values[key])
            elif key == "rate" and values[key] is not None:
                cell.number_format = "0" if float(values[key]).is_integer() else "0.0"
        ws.row_dimensions[r].height = _fit_height(
            (_text(values[k]), c[2]) for k, c in zip(values, _INDICATOR_COLUMNS) if isinstance(values[k], str))
    _page_setup(ws, landscape=False, title_row=header)
    out = _save(wb, path, first_data_row=header + 1)
    record_export(service, [report_id], out, "xlsx")
    return out


_VN_NUMBER = re.compile(r"^-?(\d{1,3}(\.\d{3})+|\d+)(,\d+)?$")
_NOT_APPLICABLE = {"-", "–", "—"}


def _parse_number(value: Any) -> tuple[float | None, bool]:
    """(number, ok). Numbers typed as text are read in the Vietnamese way: '1.234,5'."""
    if _is_blank(value):
        return None, True
    if isinstance(value, bool):
        return None, False
    if isinstance(value, (int, float)):
        return float(value), True
    text = _cell_text(value).replace(" ", "").replace("\u00a0", "")
    if text in _NOT_APPLICABLE:
        return None, True
    if _VN_NUMBER.match(text):
        return float(text.replace(".", "").replace(",", ".")), True
    return None, False


def read_indicators(path: str | Path) -> tuple[list[Indicator], list[ImportProblem]]:
    """The indicators of a statistics sheet and what is wrong with it (row-numbered)."""
    path = Path(path)
    wb = _load(path)
    try:
        table = _find_table(wb, _INDICATOR_LABELS, ("name", "value"), path.name, "bảng số liệu")
        ws, cols = table.ws, table.columns
        problems = _merged_problems(table)
        merged_rows = table.merged_rows
        max_col = max(ws.max_column, *cols.values())
        rows = [(r, _row_values(ws, r, max_col)) for r in range(table.header_row + 1, ws.max_row + 1)]
        last = max((r for r, v in rows if not all(_is_blank(x) for x in v)), default=table.header_row)
        indicators: list[Indicator] = []
        for r, values in rows:
            if r > last:
                break
            if all(_is_blank(v) for v in values):
                problems.append(ImportProblem(r, f"Dòng {r}: dòng trống, bỏ qua.", blocking=False))
                continue
            if r in merged_rows:
                continue
            name = " ".join(_cell_text(values[cols["name"] - 1]).split())
            unit = " ".join(_cell_text(values[cols["unit"] - 1]).split()) if "unit" in cols else ""
            numbers: dict[str, float | None] = {}
            bad = []
            for key, label in (("value", "Kết quả"), ("denominator", "Trên tổng số")):
                if key not in cols:
                    numbers[key] = None
                    continue
                raw = values[cols[key] - 1]
                number, ok = _parse_number(raw)
                if not ok:
                    bad.append(f"cột “{label}” ghi “{_cell_text(raw)}”, cần một số")
                numbers[key] = number
            if bad:
                problems.append(ImportProblem(r, f"Dòng {r}: " + "; ".join(bad) + "."))
                continue
            if not name:
                problems.append(ImportProblem(r, f"Dòng {r}: thiếu tên chỉ tiêu."))
                continue
            indicators.append(Indicator(name, unit, numbers["value"], numbers["denominator"]))
        if not indicators and not any(p.blocking for p in problems):
            problems.append(ImportProblem(table.header_row, f"Dòng {table.header_row}: không có chỉ tiêu nào "
                                                            "dưới dòng tiêu đề."))
        problems.sort(key=lambda p: p.row_number)
        return indicators, problems
    finally:
        wb.close()


def import_indicators(service: ReportService, report_id: int, path: str | Path) -> list[ImportProblem]:
    """Replace the report's indicators with the sheet's, unless a problem blocks it."""
    service.get_report(report_id)          # NotFound before reading anything
    indicators, problems = read_indicators(path)
    if not any(p.blocking for p in problems):
        service.set_indicators(report_id, indicators)
    return problems


__all__ = [
    "ImportPreview", "ImportProblem", "MeasureChange", "MeasureRow", "XlsxError", "apply_measure_updates",
    "default_indicators_name", "default_measures_name", "export_indicators", "export_measures",
    "import_indicators", "measure_code", "measures_sheet_title", "read_indicators", "read_measure_updates",
    "rows_for_report",
]
