"""Reading the Excel sheets that come back from the departments: the workbook checked and opened
(damaged, encrypted, old .xls, not a workbook at all), the table found by its header labels,
cells read as a person reads them, dates and numbers parsed, and every problem row-numbered.

The package is parsed once: the guarded scan that counts every cell against the limits also keeps
the cells' values (importer/xlsx_values.py, values exactly as openpyxl reads them with data_only),
so openpyxl's own load, as slow again, is not needed. openpyxl's helpers are imported inside the
functions only (start-up must not pay for them). Nothing here knows the database: matching the rows
with the stored measures is the service's."""
from __future__ import annotations

import datetime as _dt
import logging
import math
import posixpath
import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from lxml import etree

from ..domain.dates import NoSuchDay, NotADay, day_text, read_day
from ..domain.model import Indicator
from ..domain.numbers import parse_number
from ..domain.richtext import clean_text
from ..domain.text import fold
from ..errors import XlsxError
from .docx_package import ole_kind
from .limits import PACKAGE, XLSX_MAX_CELLS, XLSX_MAX_ROWS, Progress, mb
from .source import ImportFailure
from .xlsx_values import Book, Sheet, Styles, UnreadableDate, cell_value, coordinate, text_content
from .zipguard import GuardedZip, PackageDamaged

log = logging.getLogger("tudanhgia.xlsx")

_ID_RE = re.compile(r"^\s*BP\s*-\s*(\d+)\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class ImportProblem:
    row_number: int                # the sheet's row as Excel shows it; 0 for the whole file
    message_vi: str                # ready to show: "Dòng 12: …"
    blocking: bool = True          # False: information only (e.g. a blank row skipped)


def _norm(value: Any) -> str:
    """A header label as compared: NFC, case and spacing folded, trailing ':' or '*' dropped."""
    if value is None:
        return ""
    return fold(str(value)).rstrip(":*").strip()


_CFB_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"   # OLE compound file: .xls, or any encrypted Office file
_SHEET_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_C, _ROW, _F, _V, _IS, _SI, _MERGE = (f"{{{_SHEET_NS}}}{t}" for t in ("c", "row", "f", "v", "is", "si", "mergeCell"))
# a sheet at the cell limit holds up to ~5 elements a cell; the scan keeps none of them in memory
_PACKAGE = replace(PACKAGE, elements=1_200_000)
_HINT = "Hãy xin đơn vị gửi lại tệp, hoặc mở bằng Excel và lưu lại dưới dạng .xlsx."
_MAX_STYLES = 70_000   # Excel's own limit is 64,000 cell formats (cellXfs and cellStyleXfs together less)


# shares of the progress bar: the guarded scan (which reads the values too), the rows
_SCAN_SHARE = 0.9


def _rows_watched(rows, progress: Progress | None):
    """The data rows, reporting (and so letting a cancel in) every 500."""
    total = max(len(rows), 1)
    for i, row in enumerate(rows):
        if progress is not None and i % 500 == 0:
            progress(_SCAN_SHARE + (1 - _SCAN_SHARE) * i / total)
        yield row


@dataclass
class _Scan:
    """What the guarded pass over the package found, before openpyxl is allowed to load it."""
    uncached: dict[str, set[str]] = field(default_factory=dict)   # sheet title → formula cells without a value
    external_links: int = 0
    book: Book = field(default_factory=Book)   # the worksheets' values, as openpyxl would read them


def _load(path: str | Path, progress: Progress | None = None):
    """Open a workbook for reading values, or raise XlsxError saying why not. The package is
    read once under zipguard's limits (sizes counted while unpacking, no DTD, cells and rows
    counted), and that one pass keeps the values (formulas are never evaluated: cached results
    only; linked workbooks never followed)."""
    path = Path(path)
    name = path.name
    try:
        size = path.stat().st_size
        if not path.is_file():
            raise FileNotFoundError
        with open(path, "rb") as f:
            head = f.read(8)
    except FileNotFoundError:
        raise XlsxError(f"Không tìm thấy tệp “{path}”.") from None
    except OSError as exc:
        raise XlsxError(f"Không mở được tệp “{name}”: {exc.strerror or exc}.") from None
    if not head:
        raise XlsxError(f"Tệp “{name}” rỗng, không có dữ liệu.")
    if size > PACKAGE.file_bytes:
        raise XlsxError(f"Tệp “{name}” quá lớn ({mb(size)} MB); chỉ nhập được tệp Excel không quá "
                        f"{mb(PACKAGE.file_bytes)} MB.")
    if head == _CFB_MAGIC:
        kind = ole_kind(path)
        if kind == "encrypted":
            raise XlsxError(f"Tệp “{name}” được bảo vệ bằng mật khẩu nên không đọc được. Hãy mở tệp bằng Excel, "
                            "gỡ mật khẩu rồi lưu lại dưới dạng Sổ làm việc Excel (.xlsx).")
        if kind == "excel-old":
            raise XlsxError(f"Tệp “{name}” là tệp Excel đời cũ (.xls). Hãy mở tệp bằng Excel rồi lưu lại dưới "
                            "dạng Sổ làm việc Excel (.xlsx).")
        raise XlsxError(f"Tệp “{name}” đã được đặt mật khẩu hoặc là tệp Excel đời cũ (.xls). Hãy mở tệp bằng "
                        "Excel, bỏ mật khẩu (nếu có) rồi lưu lại dưới dạng Sổ làm việc Excel (.xlsx).")
    if not head.startswith(b"PK"):
        raise XlsxError(f"Tệp “{name}” không phải tệp Excel (.xlsx). Hãy mở bằng Excel và lưu lại dưới dạng "
                        "Sổ làm việc Excel (.xlsx).")
    try:
        scan = _scan(path, name, None if progress is None else (lambda f: progress(f * _SCAN_SHARE)))
    except PackageDamaged:
        raise XlsxError(f"Tệp “{name}” bị hỏng hoặc chưa được chép hết, không đọc được. "
                        "Hãy xin đơn vị gửi lại tệp.") from None
    except ImportFailure as exc:
        raise XlsxError(str(exc).replace(f"Tệp {name}", f"Tệp “{name}”", 1)) from None
    return scan.book, scan


def _scan(path: Path, name: str, progress: Progress | None) -> _Scan:
    scan = _Scan()
    with GuardedZip(path, name, limits=_PACKAGE, progress=progress, hint=_HINT) as zf:
        names = zf.names
        if "xl/workbook.xml" not in names and not any(n.endswith("workbook.xml") for n in names):
            raise XlsxError(f"Tệp “{name}” không phải sổ làm việc Excel (.xlsx) (có thể là tệp Word hoặc tệp nén "
                            "khác).")
        sheets = {part: title for part, title in _sheet_parts(zf).items()
                  if not part.startswith(("xl/chartsheets/", "xl/dialogsheets/"))}   # no cells there
        styles_xml = zf.read("xl/styles.xml") if "xl/styles.xml" in names else None
        if styles_xml is not None and styles_xml.count(b"<xf") + styles_xml.count(b":xf") > _MAX_STYLES:
            # Excel keeps at most 64,000 cell formats; a stylesheet past that is no workbook a unit
            # made, and openpyxl would build an object for each (500,000: a gigabyte)
            most = f"{_MAX_STYLES:,}".replace(",", " ")
            raise XlsxError(f"Tệp “{name}” có quá nhiều định dạng ô (hơn {most}), không phải bảng tính do Excel "
                            f"lưu. {_HINT}")
        try:
            styles = Styles.read(styles_xml, _date1904(zf))
        except (ValueError, TypeError, KeyError, AttributeError, etree.LxmlError) as exc:
            raise _damaged(name, path, exc) from None
        shared: list[str] = []
        values = {part: Sheet(title) for part, title in sheets.items()}
        rows = cells = 0
        # the shared strings first, whatever their name: the sheets' cells refer to them
        for part in sorted(names, key=lambda n: (not n.endswith("sharedStrings.xml"), n)):
            if part.startswith("xl/externalLinks/") and part.endswith(".xml"):
                scan.external_links += 1
            if part not in sheets and not part.endswith("sharedStrings.xml"):
                for _ in zf.chunks(part):   # read, counted and checked
                    pass
                continue
            # worksheets: cells and rows counted, and their values kept; the shared strings: entries
            parser = etree.XMLPullParser(events=("end",), tag=(_C, _ROW, _SI, _MERGE), resolve_entities=False,
                                         no_network=True, load_dtd=False, huge_tree=False)
            uncached: set[str] = set()
            sheet = values.get(part)
            filled = False
            row_number = column = 0      # for cells and rows that do not say where they are
            try:
                for chunk in zf.chunks(part):
                    parser.feed(chunk)
                    for _, el in parser.read_events():
                        tag = el.tag
                        if tag == _SI:
                            cells += 1
                            if sheet is None:
                                shared.append(text_content(el).replace("x005F_", ""))
                        elif tag == _C:
                            cells += 1
                            has_value = el.find(_V) is not None or el.find(_IS) is not None
                            filled = filled or has_value
                            if not has_value and el.find(_F) is not None:
                                uncached.add(el.get("r", ""))
                            if sheet is not None:
                                where = coordinate(el.get("r", ""))
                                if where is None:
                                    parent = el.getparent()
                                    here = int(parent.get("r") or row_number + 1) if parent is not None else 1
                                    column += 1
                                    where = (here, column)
                                else:
                                    column = where[1]
                                sheet.note(where[0], where[1], cell_value(el, shared, styles))
                        elif tag == _ROW:
                            rows += filled
                            filled = False
                            row_number = int(el.get("r") or row_number + 1)
                            column = 0
                        elif sheet is not None:     # a merged range
                            sheet.merge(el.get("ref", ""))
                        el.clear()       # keep the tree to the current cell: a row of a million cells too
                        while el.getprevious() is not None:
                            del el.getparent()[0]
                    if rows > XLSX_MAX_ROWS or cells > XLSX_MAX_CELLS:
                        what = (f"hơn {XLSX_MAX_ROWS:,} dòng có dữ liệu" if rows > XLSX_MAX_ROWS
                                else f"hơn {XLSX_MAX_CELLS:,} ô").replace(",", " ")
                        raise XlsxError(f"Tệp “{name}” có {what}; chỉ nhập được bảng tính tối đa "
                                        f"{XLSX_MAX_ROWS:,} dòng và {XLSX_MAX_CELLS:,} ô. ".replace(",", " ")
                                        + "Hãy chỉ giữ lại bảng cần nhập rồi thử lại.")
                parser.close()
            except etree.XMLSyntaxError as exc:
                raise zf.not_xml(part, exc) from None
            except (ValueError, IndexError, TypeError, OverflowError) as exc:   # a cell a workbook cannot hold
                raise _damaged(name, path, exc) from None
            if uncached and part in sheets:
                scan.uncached[sheets[part]] = uncached
        scan.book = Book([values[part] for part in sheets])
    return scan


def _damaged(name: str, path: Path, exc: BaseException) -> XlsxError:
    log.warning("cannot read %s: %r", path, exc)
    return XlsxError(f"Tệp “{name}” bị hỏng, không đọc được ({type(exc).__name__}). "
                     "Hãy mở tệp bằng Excel, lưu lại rồi thử lại.")


def _date1904(zf: GuardedZip) -> bool:
    """Whether the workbook counts dates from 1904 (old Mac Excel)."""
    book = zf.parse("xl/workbook.xml")
    if book is None:
        return False
    pr = book.find(f"{{{_SHEET_NS}}}workbookPr")
    return pr is not None and (pr.get("date1904") or "").lower() in ("1", "true")


def _sheet_parts(zf: GuardedZip) -> dict[str, str]:
    """Worksheet part → its title, from the workbook and its relationships."""
    book = zf.parse("xl/workbook.xml")
    rels = zf.parse("xl/_rels/workbook.xml.rels")
    if book is None or rels is None:
        return {}
    targets = {}
    for rel in rels.iter("{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"):
        target = rel.get("Target") or ""
        target = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join("xl", target))
        targets[rel.get("Id")] = target
    r_id = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
    return {targets[s.get(r_id)]: s.get("name", "") for s in book.iter(f"{{{_SHEET_NS}}}sheet")
            if s.get(r_id) in targets}


def _uncached_problems(table: _Table, scan: _Scan, rows: range | list[int]) -> dict[int, ImportProblem]:
    """Row → its problem, for rows where a cell the import reads holds a formula whose result the
    file does not store (a file written by a program, never recalculated): reading it as empty
    would clear the database's value, and formulas are never evaluated here."""
    from openpyxl.utils import get_column_letter
    uncached = scan.uncached.get(table.ws.title, set())
    if not uncached:
        return {}
    out = {}
    letters = {get_column_letter(c) for c in table.columns.values()}
    for r in rows:
        cells = sorted(f"{col}{r}" for col in letters if f"{col}{r}" in uncached)
        if cells:
            out[r] = ImportProblem(r, f"Dòng {r}: ô {', '.join(cells)} có công thức nhưng tệp không lưu kết quả "
                                      "(tệp chưa được tính lại trong Excel), không đọc được. Hãy mở tệp bằng Excel, "
                                      "lưu lại rồi gửi lại.")
    return out


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
        for row in ws.iter_rows(min_row=1, max_row=min(ws.max_row, scan_rows), max_col=ws.value_max_column()):
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
        any_value = any_value or bool(ws.values)
    if not any_value:
        raise XlsxError(f"Tệp “{name}” không có dữ liệu (sổ làm việc trống).")
    wanted = ", ".join(f"“{labels[k][0][:1].upper()}{labels[k][0][1:]}”" for k in required)
    raise XlsxError(f"Không tìm thấy dòng tiêu đề của {what} trong tệp “{name}” (cần các cột {wanted}). "
                    "Hãy dùng tệp do phần mềm xuất ra và giữ nguyên dòng tiêu đề.")


def _merged_ranges(ws, header_row: int) -> list[tuple[str, list[int]]]:
    """Merged ranges below the header: (coordinate, the data rows they touch)."""
    out = []
    last = max(ws.value_rows(), default=header_row)   # rows below the last value hold nothing to read
    for rng in ws.merged_cells.ranges:
        if rng.max_row <= header_row:
            continue                   # the title above the table may be merged
        rows = list(range(max(rng.min_row, header_row + 1), min(rng.max_row, last) + 1))
        if rows:
            out.append((rng.coord, rows))
    return sorted(out, key=lambda item: (item[1][0], item[0]))


def _merged_problems(table: _Table) -> list[ImportProblem]:
    out = []
    for coord, rows in table.merged:
        where = f"Dòng {rows[0]}" if len(rows) == 1 else f"Dòng {rows[0]}–{rows[-1]}"
        out.append(ImportProblem(rows[0], f"{where}: có ô gộp ({coord}) trong vùng dữ liệu, không đọc được; "
                                          "hãy bỏ gộp ô (Unmerge) rồi gửi lại."))
    return out


def _data_rows(table: _Table, scan: _Scan) -> list[int]:
    """The rows below the header that hold a value or a formula without its result: what the
    readers walk (a sheet's declared size may reach row 1,048,576 with one styled empty cell)."""
    ws = table.ws
    formulas = {int(m[1]) for ref in scan.uncached.get(ws.title, ()) if (m := re.match(r"[A-Z]+(\d+)$", ref))}
    return sorted(r for r in set(ws.value_rows()) | formulas if r > table.header_row)


def _with_gaps(rows: list[int], most: int = 50) -> list[int]:
    """`rows` with the empty rows between two of them (a blank row is told about), a gap longer
    than `most` rows shortened to its first `most`."""
    out: list[int] = []
    for r in rows:
        if out and r - out[-1] > 1:
            out.extend(range(out[-1] + 1, min(r, out[-1] + 1 + most)))
        out.append(r)
    return out


def _row_values(ws, row: int, max_col: int) -> list[Any]:
    return [ws.cell(row=row, column=c).value for c in range(1, max_col + 1)]


def _unreadable_dates(ws, row: int, values: list[Any], columns: dict[str, int], expected: dict[str, str]) -> str:
    """What to tell about the cells read in `row` that are formatted as dates but hold a number no
    day has (Excel shows them as ####; openpyxl reads "#VALUE!"): the sheet, the cell, the number
    and what its column expects (`expected`: column key → words); "" when there is none."""
    from openpyxl.utils import get_column_letter
    said = [f"ô {get_column_letter(c)}{row} được định dạng ngày nhưng ghi số {_serial_text(values[c - 1].serial)}, "
            f"không phải một ngày Excel hiểu được (Excel hiện ####); {expected.get(key, _TEXT_EXPECTED)}"
            for key, c in sorted(columns.items(), key=lambda kc: kc[1]) if isinstance(values[c - 1], UnreadableDate)]
    return f"trang “{ws.title}”, " + "; ".join(said) if said else ""


_DATE_EXPECTED = "cần một ngày dạng ngày/tháng/năm, ví dụ 30/06/2025"
_TEXT_EXPECTED = "cần chữ (hãy bỏ định dạng ngày của ô)"
_NUMBERS_EXPECTED = {"value": "cần một số", "denominator": "cần một số"}


def _serial_text(serial: str) -> str:
    try:
        number = float(serial)
    except ValueError:
        return f"“{serial}”"
    return str(int(number)) if number.is_integer() else serial


def is_blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def cell_text(value: Any) -> str:
    """A cell as the text a person reads in it."""
    if value is None:
        return ""
    if isinstance(value, _dt.datetime):
        return day_text(value) if value.time() == _dt.time() else f"{day_text(value)} {value:%H:%M}"
    if isinstance(value, _dt.date):
        return day_text(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, bool):
        return "Có" if value else "Không"
    return clean_text(str(value)).strip()


# --- measures ----------------------------------------------------------------------------------
_MEASURE_LABELS: dict[str, tuple[str, ...]] = {
    "code": ("mã (không sửa)", "mã", "mã biện pháp", "mã số"),
    "status": ("trạng thái", "tình trạng"),
    "result": ("kết quả thực hiện", "kết quả"),
    "due": ("hạn hoàn thành", "hạn", "thời hạn", "thời hạn hoàn thành"),
    "what": ("hạn chế, khuyết điểm / nội dung", "hạn chế, khuyết điểm", "nội dung"),
    "measure": ("biện pháp", "biện pháp khắc phục", "biện pháp thực hiện"),
    # the texts a department may fill in too (read back like the result: services/xlsx.py)
    "directed_by": ("chỉ đạo thực hiện", "chỉ đạo"),
    "lead_unit": ("đơn vị tham mưu/chủ trì", "đơn vị tham mưu", "đơn vị chủ trì", "đơn vị thực hiện"),
    "cooperating": ("phối hợp", "phối hợp thực hiện", "đơn vị phối hợp"),
    "timeframe": ("thời gian thực hiện", "thời gian"),
}


def parse_due(value: Any) -> tuple[_dt.date | None, str | None]:
    """(date, None) or (None, a Vietnamese reason)."""
    if is_blank(value):
        return None, None
    if isinstance(value, _dt.datetime):
        value = value.date()
    if isinstance(value, _dt.date):
        if not 2000 <= value.year <= 2100:
            return None, f"ngày “{day_text(value)}” không hợp lý"
        return value, None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return None, f"“{cell_text(value)}” không phải một ngày (ghi theo dạng ngày/tháng/năm)"
    text = cell_text(value)
    try:
        date = read_day(text)
    except NotADay:
        return None, f"ô ghi chữ “{text}” chứ không phải ngày (ghi theo dạng ngày/tháng/năm, ví dụ 30/06/2025)"
    except NoSuchDay:
        return None, f"ngày “{text}” không có thật"
    if not 2000 <= date.year <= 2100:
        return None, f"ngày “{text}” không hợp lý"
    return date, None


@dataclass
class MeasureSheetRow:
    """A data row of a measures sheet with a well-formed code: its cells by column key."""
    row_number: int
    measure_id: int
    values: dict[str, Any]             # only the columns the sheet has


@dataclass
class MeasureSheet:
    sheet: str
    columns: set[str]
    rows: list[MeasureSheetRow] = field(default_factory=list)
    problems: list[ImportProblem] = field(default_factory=list)


def read_measure_sheet(path: str | Path, progress: Progress | None = None) -> MeasureSheet:
    """The rows of a measures sheet sent back by a department, with what is wrong in the sheet
    itself (merged cells, formulas without a stored result, missing or malformed codes, a code
    twice); rows with such a problem are left out. Comparing with the database is the caller's."""
    path = Path(path)
    wb, scan = _load(path, progress)
    try:
        table = _find_table(wb, _MEASURE_LABELS, ("code",), path.name, "danh sách biện pháp")
        cols = table.columns
        if not {"status", "result", "due"} & cols.keys():
            raise XlsxError(f"Tệp “{path.name}” có cột Mã nhưng không có cột Trạng thái, Kết quả thực hiện "
                            "hay Hạn hoàn thành để cập nhật.")
        ws = table.ws
        sheet = MeasureSheet(ws.title, set(cols))
        sheet.problems.extend(_merged_problems(table))
        merged_rows = table.merged_rows
        max_col = max(ws.value_max_column(), *cols.values())
        data_rows = _data_rows(table, scan)
        uncached = _uncached_problems(table, scan, data_rows)

        parsed: list[tuple[int, int, list[Any]]] = []      # (row, measure id, values)
        for r in _rows_watched(data_rows, progress):
            if r in merged_rows:
                continue                                     # reported once per merged range
            if r in uncached:
                sheet.problems.append(uncached[r])
                continue
            values = _row_values(ws, r, max_col)
            if all(is_blank(v) for v in values):
                continue
            code = values[cols["code"] - 1]
            if is_blank(code):
                sheet.problems.append(ImportProblem(r, f"Dòng {r}: không có mã biện pháp, không cập nhật được."))
                continue
            m = _ID_RE.match(cell_text(code))
            if not m:
                sheet.problems.append(ImportProblem(
                    r, f"Dòng {r}: mã “{cell_text(code)}” không đúng dạng BP-<số>, không cập nhật được."))
                continue
            if bad_dates := _unreadable_dates(ws, r, values, cols, {"due": _DATE_EXPECTED}):
                sheet.problems.append(ImportProblem(
                    r, f"Dòng {r}: {bad_dates}; biện pháp BP-{m.group(1)} không được cập nhật."))
                continue
            parsed.append((r, int(m.group(1)), values))

        first_row: dict[int, int] = {}
        duplicated: set[int] = set()
        for r, mid, _ in parsed:
            if mid in first_row:
                duplicated.add(mid)
                sheet.problems.append(ImportProblem(
                    r, f"Dòng {r}: mã BP-{mid} trùng với dòng {first_row[mid]}; "
                       "biện pháp này không được cập nhật."))
            else:
                first_row[mid] = r
        sheet.rows = [MeasureSheetRow(r, mid, {k: values[c - 1] for k, c in cols.items()})
                      for r, mid, values in parsed if mid not in duplicated]
        return sheet
    finally:
        wb.close()


# --- indicators -----------------------------------------------------------------------------------
_INDICATOR_LABELS: dict[str, tuple[str, ...]] = {
    "name": ("chỉ tiêu", "tên chỉ tiêu", "nội dung"),
    "unit": ("đơn vị tính", "đvt", "đơn vị"),
    "value": ("kết quả", "số liệu", "giá trị"),
    "denominator": ("trên tổng số", "tổng số"),
}
_VN_NUMBER = re.compile(r"^-?(\d{1,3}(\.\d{3})+|\d+)(,\d+)?$")
_NOT_APPLICABLE = {"-", "–", "—"}


def _parse_number(value: Any) -> tuple[float | None, bool]:
    """(number, ok). Numbers typed as text are read in the Vietnamese way: '1.234,5'."""
    if is_blank(value):
        return None, True
    if isinstance(value, bool):
        return None, False
    if isinstance(value, (int, float)):
        try:
            number = float(value)
        except OverflowError:     # a 450-digit integer: no number a report prints
            return None, False
        return (number, True) if math.isfinite(number) else (None, False)   # 1e400 reads as infinity
    text = cell_text(value).replace(" ", "").replace("\u00a0", "")
    if text in _NOT_APPLICABLE:
        return None, True
    if _VN_NUMBER.match(text):   # only the Vietnamese form: "12.5" in a cell is a mistake, not 12,5
        number = parse_number(text)
        return (number, True) if number is not None and math.isfinite(number) else (None, False)
    return None, False


def read_indicators(path: str | Path, progress: Progress | None = None) -> tuple[list[Indicator], list[ImportProblem]]:
    """The indicators of a statistics sheet and what is wrong with it (row-numbered)."""
    path = Path(path)
    wb, scan = _load(path, progress)
    try:
        table = _find_table(wb, _INDICATOR_LABELS, ("name", "value"), path.name, "bảng số liệu")
        ws, cols = table.ws, table.columns
        problems = _merged_problems(table)
        merged_rows = table.merged_rows
        max_col = max(ws.value_max_column(), *cols.values())
        rows = [(r, _row_values(ws, r, max_col)) for r in _rows_watched(_with_gaps(_data_rows(table, scan)), progress)]
        uncached = _uncached_problems(table, scan, [r for r, _ in rows])
        last = max((r for r, v in rows if r in uncached or not all(is_blank(x) for x in v)),
                   default=table.header_row)
        indicators: list[Indicator] = []
        for r, values in rows:
            if r > last:
                break
            if r in uncached and r not in merged_rows:
                problems.append(uncached[r])
                continue
            if all(is_blank(v) for v in values):
                problems.append(ImportProblem(r, f"Dòng {r}: dòng trống, bỏ qua.", blocking=False))
                continue
            if r in merged_rows:
                continue
            name = " ".join(cell_text(values[cols["name"] - 1]).split())
            unit = " ".join(cell_text(values[cols["unit"] - 1]).split()) if "unit" in cols else ""
            numbers: dict[str, float | None] = {}
            if bad_dates := _unreadable_dates(ws, r, values, cols, _NUMBERS_EXPECTED):
                problems.append(ImportProblem(r, f"Dòng {r}: {bad_dates}."))
                continue
            bad = []
            for key, label in (("value", "Kết quả"), ("denominator", "Trên tổng số")):
                if key not in cols:
                    numbers[key] = None
                    continue
                raw = values[cols[key] - 1]
                number, ok = _parse_number(raw)
                if not ok:
                    bad.append(f"cột “{label}” ghi “{cell_text(raw)}”, cần một số")
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


