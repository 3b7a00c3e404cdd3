"""Editing an imported appendix table (AppendixTable): each change gives a new table, the old one
untouched (the window's undo puts the old one back), and how a row reads — a group heading, a
sub-row of the item above, an item — as the window marks it."""
from __future__ import annotations

import copy
import csv
import io
import re
from enum import Enum

from .model import AppendixTable
from .text import clean_text

# "I", "II.", "A", "B." — how officers number the groups of a statistics appendix
_GROUP_NUMBER = re.compile(r"(?:[IVXLC]+|[A-Z])\.?")


class RowKind(Enum):
    GROUP = "group"   # a group heading: "I | CÔNG TÁC KIỂM TRA", nothing in the value columns
    SUB = "sub"       # a sub-row of the item above: its STT cell is empty ("- Tổng số đoàn kiểm tra")
    ITEM = "item"


def row_kind(cells: list[str]) -> RowKind:
    filled = [(i, c.strip()) for i, c in enumerate(cells) if c.strip()]
    number = cells[0].strip() if cells else ""
    if number and _GROUP_NUMBER.fullmatch(number):
        return RowKind.GROUP
    if len(filled) == 1 and filled[0][0] <= 1 and filled[0][1] == filled[0][1].upper() and any(
            ch.isalpha() for ch in filled[0][1]):
        return RowKind.GROUP   # one upper-case line across the table ("TỔNG CỘNG", a merged heading)
    if not number and filled:
        return RowKind.SUB
    return RowKind.ITEM


def width(table: AppendixTable) -> int:
    return max([len(table.header), *(len(r) for r in table.rows)])


def squared(table: AppendixTable) -> AppendixTable:
    """The table with every row as wide as the widest (blank cells added at the end, as printed)."""
    w = width(table)
    return AppendixTable([*table.header, *[""] * (w - len(table.header))],
                         [[*r, *[""] * (w - len(r))] for r in table.rows])


def cleaned(table: AppendixTable) -> AppendixTable:
    """Every cell as stored and printed (domain/text.py's normalisation; line breaks kept)."""
    return AppendixTable([clean_text(c) for c in table.header], [[clean_text(c) for c in r] for r in table.rows])


def same(a: AppendixTable | None, b: AppendixTable | None) -> bool:
    """Whether two tables print the same (a ragged row and its padded form are the same table)."""
    if a is None or b is None:
        return a is b
    return squared(cleaned(a)) == squared(cleaned(b))


def _check_row(table: AppendixTable, row: int) -> None:
    if not 0 <= row < len(table.rows):
        raise IndexError(row)


def with_cell(table: AppendixTable, row: int | None, column: int, text: str) -> AppendixTable:
    """`row` None: the header's cell."""
    out = squared(table)
    (out.header if row is None else out.rows[row])[column] = text
    return out


def with_row(table: AppendixTable, index: int, cells: list[str] | None = None) -> AppendixTable:
    """A row inserted before `index` (len(rows): at the end), blank unless `cells` are given."""
    out = squared(table)
    if not 0 <= index <= len(out.rows):
        raise IndexError(index)
    w = width(out)
    row = list(cells or [])[:w]
    out.rows.insert(index, [*row, *[""] * (w - len(row))])
    return out


def without_row(table: AppendixTable, index: int) -> AppendixTable:
    _check_row(table, index)
    out = copy.deepcopy(table)
    del out.rows[index]
    return out


def with_row_moved(table: AppendixTable, index: int, delta: int) -> AppendixTable:
    """Row `index` moved `delta` places (-1 up, 1 down); the same table at either end."""
    _check_row(table, index)
    out = copy.deepcopy(table)
    new = index + delta
    if 0 <= new < len(out.rows):
        out.rows.insert(new, out.rows.pop(index))
    return out


def with_column(table: AppendixTable, index: int) -> AppendixTable:
    """A blank column inserted before `index` (the width: at the end)."""
    out = squared(table)
    if not 0 <= index <= width(out):
        raise IndexError(index)
    for cells in (out.header, *out.rows):
        cells.insert(index, "")
    return out


def without_column(table: AppendixTable, index: int) -> AppendixTable:
    """The column removed; a table keeps at least one column."""
    out = squared(table)
    if not 0 <= index < width(out):
        raise IndexError(index)
    if width(out) == 1:
        raise ValueError("Bảng phụ lục phải còn ít nhất một cột.")
    for cells in (out.header, *out.rows):
        del cells[index]
    return out


def with_block(table: AppendixTable, row: int, column: int, block: list[list[str]]) -> AppendixTable:
    """`block` pasted with its first cell at (`row`, `column`), row 0 the header; blank rows and
    columns are added at the end where it reaches past the table (nothing pasted is dropped)."""
    out = squared(table)
    reach = max((column + len(cells) for cells in block), default=0)
    for cells in (out.header, *out.rows):
        cells.extend([""] * (reach - len(cells)))
    w = width(out)
    while len(out.rows) + 1 < row + len(block):
        out.rows.append([""] * w)
    grid = [out.header, *out.rows]
    for r, cells in enumerate(block):
        grid[row + r][column:column + len(cells)] = cells
    return out


def to_tsv(block: list[list[str]]) -> str:
    """Cells as a spreadsheet puts them on the clipboard: tabs between, a line each row, a cell
    holding a tab, a line break or a quote quoted."""
    buffer = io.StringIO()
    csv.writer(buffer, delimiter="\t", lineterminator="\n").writerows(block)
    return buffer.getvalue()


def from_tsv(text: str) -> list[list[str]]:
    """The cells of a spreadsheet's (or to_tsv's) clipboard text; [] for none."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return list(csv.reader(io.StringIO(text.removesuffix("\n")), delimiter="\t")) if text else []


__all__ = ["RowKind", "cleaned", "from_tsv", "row_kind", "same", "squared", "to_tsv", "width", "with_block",
           "with_cell", "with_column", "with_row", "with_row_moved", "without_column", "without_row"]
