"""The Excel sheets' layout: the remediation measures the departments fill in and send back,
and the statistics appendix — rows as printed, columns, styles, wrapped heights, page setup.

openpyxl is imported inside the functions only: start-up must not pay for it
(docs/architecture.md). This module builds a workbook; the service writes it (atomically) and
records the export."""
from __future__ import annotations

import datetime as _dt
import io
import re
import warnings
import zipfile
from copy import copy as _copy
from dataclasses import dataclass
from pathlib import Path
from collections.abc import Iterable
from typing import Any

from ..domain.dates import day_text
from ..domain.deadlines import read_deadline
from ..domain.model import ContentKind, Measure, MeasureStatus, Report, Section, stored_id
from ..domain.numbering import letter
from ..domain.richtext import clean_text
from ..domain.text import clip

ID_PREFIX = "BP-"
_MAX_CELL = 32767                  # Excel refuses longer cell texts
FONT = "Times New Roman"
STATUS_LABELS = [s.label for s in MeasureStatus]


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


def measure_code(measure_id: int) -> str:
    return f"{ID_PREFIX}{measure_id}"


# --- rows of a report ---------------------------------------------------------------------------
def _section_path(report: Report, section: Section | None, numbers: dict[Section, str]) -> str:
    """'II.2' for item 2. under II. — the way a reader finds it in the printed plan."""
    parts: list[str] = []
    s = section
    while s is not None:
        core = numbers.get(s, "").strip().rstrip(".)").strip()
        # a nested number ("2.1") already carries its parent's
        if core and not core.casefold().startswith("phần") and not (parts and parts[0].startswith(core + ".")):
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
        return MeasureRow(stored_id(m), stored_id(report), title, period, limitation, m.content.plain, m.measure.plain,
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
    sub = (f"{report.unit_name or report.meta.issuing_agency} — xuất ngày {day_text(today)}. "
           "Đơn vị cập nhật cột Trạng thái, Kết quả thực hiện; không sửa cột Mã.")
    return f"{head.upper()} — DANH SÁCH BIỆN PHÁP KHẮC PHỤC", sub


# --- writing --------------------------------------------------------------------------------------
def _text(value: str) -> str:
    text = clean_text(value or "").strip()
    return text if len(text) <= _MAX_CELL else text[:_MAX_CELL - 1] + "…"


def _new_sheet(title: str):
    """A new workbook and its one worksheet, named."""
    from openpyxl import Workbook
    from openpyxl.worksheet.worksheet import Worksheet
    wb = Workbook()
    ws = wb.active
    if not isinstance(ws, Worksheet):    # a new workbook always starts with one worksheet
        raise TypeError("openpyxl gave a new workbook no worksheet")
    ws.title = title
    return wb, ws


class _Styles(dict[str, dict[str, Any]]):
    """The sheet's named cell styles (`_styles`). Each is applied through openpyxl on its first
    cell only and then copied to the next cells as its row of indexes into the workbook's font,
    border, fill and alignment lists: setting the objects on every cell hashed and looked each one
    up again (a third of a 1,000-measure export). The lists fill in the same order as before, so
    the file is the same."""

    def __init__(self, styles: dict[str, dict[str, Any]]) -> None:
        super().__init__(styles)
        self._arrays: dict[str, Any] = {}

    def apply(self, cell: Any, name: str) -> None:
        array = self._arrays.get(name)
        if array is None:
            for k, v in self[name].items():
                setattr(cell, k, v)
            self._arrays[name] = _copy(cell._style)
        else:
            cell._style = _copy(array)


def _put(ws, row: int, col: int, value: Any, styles: _Styles, style: str) -> Any:
    cell = ws.cell(row=row, column=col)
    cell.value = _text(value) if isinstance(value, str) else value
    if cell.data_type == "f":  # a text starting with "=" is the officer's words, not a formula
        cell.data_type = "s"
    styles.apply(cell, style)
    return cell


def _styles(bold_header: bool = True) -> _Styles:
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    thin = Side(style="thin", color="000000")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    return _Styles({
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
    })


# Column widths are in digits of the workbook's default font, which we make Times New Roman 12
# (see _finish_package): 8 px = 6 pt a unit at 96 dpi in Excel, the same in LibreOffice.
_UNIT_PT = 6.0
_CELL_PADDING_PT = 4.0
_LINE_PT = 15.75   # the height Excel gives a line of Times New Roman 12


class _Wrap:
    """Lines texts wrap to in a column of a given width: a greedy word wrap over Times New Roman
    advance widths (render/metrics.py), as Excel and LibreOffice break lines. Each text is split
    once and each distinct word measured once (a report's words are mostly the same syllables),
    whatever the widths tried (column fitting, row heights); a paragraph that fits on a line is
    not walked word by word."""

    # the one-line width sums the words' widths in another order than the wrap adds them: the two
    # may differ in the last bits, so a paragraph skips the wrap only when clearly narrower
    _MARGIN = 1 + 1e-9

    def __init__(self, size: float = 12, bold: bool = False) -> None:
        from .metrics import text_width_pt
        self.size, self.bold, self._measure = size, bold, text_width_pt
        self.space = text_width_pt(" ", size, bold)
        self._words: dict[str, float] = {}
        self._texts: dict[str, list[tuple[list[float], float]]] = {}
        self._counted: dict[tuple[str, float], int] = {}   # the column fitting's counts, reused for the heights

    def _paragraphs(self, text: str) -> list[tuple[list[float], float]]:
        """Each paragraph's word widths, and its width on one line (a space between words)."""
        paras = self._texts.get(text)
        if paras is None:
            known, paras = self._words, []
            for para in text.split("\n"):
                words = para.split()
                for word in [w for w in set(words) if w not in known]:
                    known[word] = self._measure(word, self.size, self.bold)
                widths = list(map(known.__getitem__, words))
                one_line = (sum(widths) + self.space * max(0, len(widths) - 1)) * self._MARGIN
                paras.append((widths, one_line))
            self._texts[text] = paras
        return paras

    def lines(self, text: str, width: float) -> int:
        counted = self._counted.get((text, width))
        if counted is None:
            counted = self._counted[text, width] = self._count(text, width)
        return counted

    def _count(self, text: str, width: float) -> int:
        room = max(1.0, width * _UNIT_PT - _CELL_PADDING_PT)
        space = self.space
        lines = 0
        for widths, one_line in self._paragraphs(text):
            lines += 1
            if one_line < room:        # most cells: the paragraph on one line, no wrapping to walk
                continue
            used = 0.0
            for w in widths:
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

    def height(self, values: Iterable[tuple[str, float]]) -> float:
        """A row height (points) showing every wrapped cell of the row in full."""
        lines = max((self.lines(text, width) for text, width in values if text), default=1)
        return round(lines * _LINE_PT * self.size / 12 + 4, 2)


def _fit_height(values: Iterable[tuple[str, float]], size: float = 12, bold: bool = False) -> float:
    """A row height (points) showing every wrapped cell of the row in full."""
    return _Wrap(size, bold).height(values)


_NORMAL_FONT = b'<font><name val="Times New Roman"/><family val="1"/><sz val="12"/></font>'


def _finish_package(package: bytes, first_data_row: int) -> bytes:
    """Two things openpyxl cannot say, fixed in the saved package:
    - the default font (the Normal style) becomes Times New Roman 12 instead of the theme's
      Calibri, so what a department types is in our font and column widths mean the same in
      Excel and LibreOffice (which substitutes Calibri with a wider font where it is missing);
    - the data rows lose customHeight: LibreOffice still prints the height we estimated (it never
      re-fits rows of an .xlsx on opening), while Excel treats them as auto-sized and grows a row
      again when a department types a longer result."""
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
            zout.writestr(info, data, compress_type=zipfile.ZIP_DEFLATED)
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


def _title_block(ws, title: str, subtitle: str, ncols: int, widths: list[float], st: _Styles) -> int:
    """Title and subtitle merged across the table; returns the header row's number."""
    from openpyxl.utils import get_column_letter
    last = get_column_letter(ncols)
    total = sum(widths)
    _put(ws, 1, 1, title, st, "title")
    ws.merge_cells(f"A1:{last}1")
    # merged cells never grow by themselves, in Excel or LibreOffice: size them here
    ws.row_dimensions[1].height = _fit_height([(title, total)], size=14, bold=True) + 4
    row = 2
    if subtitle.strip():
        _put(ws, 2, 1, subtitle, st, "subtitle")
        ws.merge_cells(f"A2:{last}2")
        ws.row_dimensions[2].height = _fit_height([(subtitle, total)])
        row = 3
    ws.row_dimensions[row].height = 6      # a little air above the table
    return row + 1


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
        "cooperating": _text(r.cooperating), "timeframe": _text(r.timeframe),
        # a standing duty has no date: its phrase ("Thường xuyên"), read back as no date, not a blank
        "due": r.due if r.due is not None else (read_deadline(r.timeframe).standing or None),
        "status": r.status.label, "result": _text(r.result), "code": measure_code(r.measure_id),
    }


def _row_height(values: dict[str, Any], keys: list[str], widths: list[float], wrap: _Wrap) -> float:
    return wrap.height((values[k], w) for k, w in zip(keys, widths, strict=True)
                       if isinstance(values[k], str) and k != "code")


def _fit_widths(widths: list[float], keys: list[str], table: list[dict[str, Any]],
                widenable: dict[str, float], wrap: _Wrap) -> list[float]:
    """Widen the columns whose text would need a row taller than Excel allows, a unit at a time
    up to the column's cap. One pass over the texts: a wider column never needs more lines (the
    greedy wrap ends each word no further down), so the width a text needs is found going on from
    the width the texts before it needed."""
    widths = list(widths)
    max_lines = int((_MAX_ROW_PT - 4) // _LINE_PT)
    for i, key in enumerate(keys):
        cap = widenable.get(key)
        if cap is None:
            continue
        for text in dict.fromkeys(v[key] for v in table if isinstance(v[key], str)):
            while widths[i] < cap and wrap.lines(text, widths[i]) > max_lines:
                widths[i] += 1
    return widths


def measures_workbook(rows: list[MeasureRow], title: str, subtitle: str = "") -> tuple[Any, int]:
    """The measures as a printable A4-landscape sheet the departments fill in and send back:
    (workbook, first data row) for `package`."""
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    columns = list(_MEASURE_COLUMNS)
    if len({r.report_id for r in rows}) > 1:     # rows of several reports: say which is which
        columns.insert(1, _REPORT_COLUMN)
    keys = [c[0] for c in columns]
    table = [_measure_values(r, n) for n, r in enumerate(rows, 1)]
    wrap = _Wrap()
    widths = _fit_widths([c[2] for c in columns], keys, table, _WIDENABLE, wrap)
    st = _styles()

    wb, ws = _new_sheet("Biện pháp khắc phục")
    wb.properties.creator = "Tự Đánh Giá"
    wb.properties.title = clip(title, 255)  # as the DOCX: a property, not the printed title
    for i, ((_, _, _, style), width) in enumerate(zip(columns, widths, strict=True), 1):
        dim = ws.column_dimensions[get_column_letter(i)]
        dim.width = width
        dim.font = st[style]["font"]   # what a department types in a new row is Times New Roman too

    header = _title_block(ws, title, subtitle, len(columns), widths, st)
    for i, (key, label, _, _) in enumerate(columns, 1):
        _put(ws, header, i, label, st, "code_header" if key == "code" else "header")
    ws.row_dimensions[header].height = _fit_height(
        ((c[1], w) for c, w in zip(columns, widths, strict=True) if c[0] != "code"), bold=True)

    for n, (r, values) in enumerate(zip(rows, table, strict=True), 1):
        excel_row = header + n
        for i, (key, _, _, style) in enumerate(columns, 1):
            cell = _put(ws, excel_row, i, values[key], st, style)
            if key == "due" and r.due is not None:
                cell.number_format = "DD/MM/YYYY"
        ws.row_dimensions[excel_row].height = min(_MAX_ROW_PT, _row_height(values, keys, widths, wrap))

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
    return wb, header + 1


# --- indicators -----------------------------------------------------------------------------------
_INDICATOR_COLUMNS = [
    ("number", "STT", 5, "center"),
    ("name", "Chỉ tiêu", 42, "text"),
    ("unit", "Đơn vị tính", 11, "center"),
    ("value", "Kết quả", 10, "number"),
    ("denominator", "Trên tổng số", 10, "number"),
    ("rate", "Tỷ lệ (%)", 9, "number"),
]
# Format codes are stored in the file in Excel's neutral notation; Excel and LibreOffice show
# them with the workstation's separators, i.e. 1.234,5 on a Vietnamese-locale machine.
_INT_FORMAT, _DEC_FORMAT = "#,##0", "#,##0.0#"


def _number_format(value: float) -> str:
    return _INT_FORMAT if float(value).is_integer() else _DEC_FORMAT


def _excel_number(value: float) -> int | float:
    return int(value) if float(value).is_integer() else value


def indicators_workbook(report: Report) -> tuple[Any, int]:
    """The report's statistics appendix as an A4-portrait sheet (rates computed, no formulas):
    (workbook, first data row) for `package`."""
    from openpyxl.utils import get_column_letter

    st = _styles()
    wb, ws = _new_sheet("Phụ lục số liệu")
    wb.properties.creator = "Tự Đánh Giá"
    for i, (_, _, width, style) in enumerate(_INDICATOR_COLUMNS, 1):
        dim = ws.column_dimensions[get_column_letter(i)]
        dim.width = width
        dim.font = st[style]["font"]
    title = (report.appendix_title or "PHỤ LỤC SỐ LIỆU").upper()
    subtitle = f"(Kèm theo {report.title}{' — ' + report.unit_name if report.unit_name else ''})"
    header = _title_block(ws, title, subtitle, len(_INDICATOR_COLUMNS), [c[2] for c in _INDICATOR_COLUMNS], st)
    for i, (_, label, _, _) in enumerate(_INDICATOR_COLUMNS, 1):
        _put(ws, header, i, label, st, "header")
    ws.row_dimensions[header].height = _fit_height(((c[1], c[2]) for c in _INDICATOR_COLUMNS), bold=True)
    for n, ind in enumerate(report.indicators, 1):
        r = header + n
        rate = ind.rate
        values: dict[str, Any] = {"number": n, "name": ind.name, "unit": ind.unit,
                  "value": None if ind.value is None else _excel_number(ind.value),
                  "denominator": None if ind.denominator is None else _excel_number(ind.denominator),
                  "rate": None if rate is None else round(rate, 2)}
        for i, (key, _, _, style) in enumerate(_INDICATOR_COLUMNS, 1):
            cell = _put(ws, r, i, values[key], st, style)
            if key in ("value", "denominator") and values[key] is not None:
                cell.number_format = _number_format(values[key])
            elif key == "rate" and values[key] is not None:
                cell.number_format = "0" if float(values[key]).is_integer() else "0.0"
        ws.row_dimensions[r].height = _fit_height(
            (_text(values[k]), w) for k, _, w, _ in _INDICATOR_COLUMNS if isinstance(values[k], str))
    _page_setup(ws, landscape=False, title_row=header)
    return wb, header + 1


def package(wb, first_data_row: int) -> bytes:
    """The workbook saved as the bytes of an .xlsx file, finished (see `_finish_package`)."""
    from openpyxl.writer.excel import ExcelWriter
    # what Workbook.save does, into an archive left uncompressed: _finish_package compresses each
    # part once (saving compressed and compressing again after the fixes was a fifth of an export)
    buf = io.BytesIO()
    wb.properties.modified = _dt.datetime.now(tz=_dt.UTC).replace(tzinfo=None)
    ExcelWriter(wb, zipfile.ZipFile(buf, "w", zipfile.ZIP_STORED, allowZip64=True)).save()
    return _finish_package(buf.getvalue(), first_data_row)


def verify_package(path: Path) -> None:
    """Open a written file again: a package whose parts fail their checksums, that openpyxl
    cannot read or that holds no sheet is never left in place."""
    import zipfile

    from openpyxl import load_workbook
    with zipfile.ZipFile(path) as z:
        if z.testzip() is not None:
            raise ValueError("a part of the package fails its checksum")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with open(path, "rb") as f:  # a file object: the temporary name ends in .tmp
            wb = load_workbook(f, read_only=True)
            try:
                if not wb.sheetnames:
                    raise ValueError("the workbook has no sheet")
            finally:
                wb.close()
