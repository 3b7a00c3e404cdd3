"""Editing a kept appendix table (domain/appendix.py): each change a new table, the old one left as it
was; rows read as group headings, sub-rows or items. Expected tables written out by hand."""
import pytest

from tudanhgia.domain.appendix import (RowKind, row_kind, same, squared, width, with_cell, with_column, with_row,
                                       with_row_moved, without_column, without_row)
from tudanhgia.domain.model import AppendixTable


def table() -> AppendixTable:
    return AppendixTable(["STT", "Chỉ tiêu", "Kết quả"], [["I", "CÔNG TÁC"], ["1", "Số cuộc", "15"],
                                                          ["", "- Trong đó", "CÓ"]])


@pytest.mark.parametrize("cells, kind", [
    (["I", "CÔNG TÁC KIỂM TRA", "", ""], RowKind.GROUP), (["B.", "Thu chi", "", ""], RowKind.GROUP),
    (["", "TỔNG CỘNG", "", ""], RowKind.GROUP), (["", "- Tổng số đoàn", "đoàn", "4"], RowKind.SUB),
    (["", "", "", "Ghi chú thêm"], RowKind.SUB), (["", "", "", "CÓ"], RowKind.SUB),
    (["1", "Số cuộc", "cuộc", "15"], RowKind.ITEM),
    (["", "", "", ""], RowKind.ITEM), (["", "123", "", ""], RowKind.SUB), ([], RowKind.ITEM),
])
def test_how_a_row_reads(cells, kind):
    assert row_kind(cells) is kind


def test_squared_and_same():
    t = table()
    assert width(t) == 3
    assert squared(t).rows[0] == ["I", "CÔNG TÁC", ""] and t.rows[0] == ["I", "CÔNG TÁC"]
    assert same(t, squared(t)) and same(None, None) and not same(t, None) and not same(None, t)
    assert same(AppendixTable(["Cột"], [["Hòa"]]), AppendixTable(["Cột"], [["Ho\u0300a"]]))   # NFC
    assert not same(t, with_cell(t, 1, 2, "16"))


def test_cells_rows_and_columns_edited():
    t = table()
    assert with_cell(t, None, 1, "Nội dung").header == ["STT", "Nội dung", "Kết quả"]
    assert with_cell(t, 1, 2, "16").rows[1] == ["1", "Số cuộc", "16"]
    assert with_row(t, 1).rows == [["I", "CÔNG TÁC", ""], ["", "", ""], ["1", "Số cuộc", "15"],
                                   ["", "- Trong đó", "CÓ"]]
    assert with_row(t, 3, ["2", "Mới", "1", "thừa"]).rows[3] == ["2", "Mới", "1"]
    assert without_row(t, 0).rows == [["1", "Số cuộc", "15"], ["", "- Trong đó", "CÓ"]]
    assert with_row_moved(t, 2, -1).rows == [["I", "CÔNG TÁC"], ["", "- Trong đó", "CÓ"], ["1", "Số cuộc", "15"]]
    assert with_row_moved(t, 0, -1).rows == t.rows and with_row_moved(t, 2, 1).rows == t.rows
    assert with_column(t, 1).header == ["STT", "", "Chỉ tiêu", "Kết quả"]
    assert with_column(t, 3).rows[0] == ["I", "CÔNG TÁC", "", ""]
    assert without_column(t, 0).rows == [["CÔNG TÁC", ""], ["Số cuộc", "15"], ["- Trong đó", "CÓ"]]
    assert t == table()                                          # the old table untouched by all of these


def test_impossible_edits_are_refused():
    t = table()
    for bad in (lambda: with_row(t, 4), lambda: without_row(t, 3), lambda: with_row_moved(t, -1, 1),
                lambda: with_column(t, 4), lambda: without_column(t, 3)):
        with pytest.raises(IndexError):
            bad()
    with pytest.raises(ValueError, match="ít nhất một cột"):
        without_column(AppendixTable(["STT"], [["1"]]), 0)


def test_a_pasted_block_reaching_past_the_table_adds_rows_and_columns_and_drops_nothing():
    from tudanhgia.domain.appendix import with_block
    t = AppendixTable(["STT", "Chỉ tiêu"], [["1", "Số lượt"]])
    out = with_block(t, 1, 1, [["a", "b"], ["c", "d"]])
    assert out.header == ["STT", "Chỉ tiêu", ""]
    assert out.rows == [["1", "a", "b"], ["", "c", "d"]]
    assert t.rows == [["1", "Số lượt"]]                           # the old table untouched (the undo's)
    assert with_block(t, 0, 0, [["Số TT"]]).header == ["Số TT", "Chỉ tiêu"]


def test_cells_go_to_the_clipboard_as_a_spreadsheet_puts_them_and_come_back():
    from tudanhgia.domain.appendix import from_tsv, to_tsv
    cells = [["lượt", "Còn 2 đơn\nđang xác minh"], ["", "a\tb"]]
    assert to_tsv([["lượt", "30"], ["", "12"]]) == "lượt\t30\n\t12\n"
    assert from_tsv(to_tsv(cells)) == cells
    assert from_tsv("x\ty\r\n1\t2\r\n") == [["x", "y"], ["1", "2"]]   # as Excel copies
    assert from_tsv("") == []
