"""The measures sheet as written, cell by cell: values, each column's look, the widths the fitting
gives and the row heights — expected values worked out by hand from Times New Roman's advance
widths (a = 444/1000 em, space = 250: a ten-letter word "aaaaaaaaaa" is 53.28 pt at 12 pt, a
space 3 pt), not taken from the code under test."""
import datetime as dt
import io

import openpyxl
from hypothesis import given, settings, strategies as st

from tudanhgia.domain.model import MeasureStatus
from tudanhgia.render.xlsx import MeasureRow, measures_workbook, package

WORD = "aaaaaaaaaa"
HEADER = 4   # title, subtitle, a spacer row, then the header


def rows():
    return [
        # 60 words: at the base width 25 (room 6·25 − 4 = 146 pt) two words a line, 30 lines — more than
        # the 25 lines (409 pt) Excel allows; three words a line need 3·53.28 + 2·3 = 165.84 ≤ 6w − 4, w = 29
        MeasureRow(11, 7, "Kế hoạch", "năm 2024", "Hạn chế một", "", " ".join([WORD] * 60),
                   due=dt.date(2025, 6, 30), status=MeasureStatus.NOT_STARTED, number="I.a"),
        # 200 words never fit: the column grows a unit at a time from 10.5 while under its cap of 20
        MeasureRow(12, 7, "Kế hoạch", "năm 2024", "Hạn chế hai", "", "Biện pháp hai",
                   directed_by=" ".join([WORD] * 200), status=MeasureStatus.DONE, result="Đã xong"),
        MeasureRow(13, 7, "Kế hoạch", "năm 2024", "", "Nội dung ba", "=Biện pháp ba",
                   lead_unit="Văn phòng", cooperating="Các phòng", timeframe="Quý III",
                   status=MeasureStatus.IN_PROGRESS, number="II.1.a"),
    ]


def written():
    wb, first = measures_workbook(rows(), "DANH SÁCH BIỆN PHÁP", "Đơn vị cập nhật cột Trạng thái")
    assert first == HEADER + 1
    return openpyxl.load_workbook(io.BytesIO(package(wb, first))).active


def look(cell):
    """A cell's style as the officer sees it."""
    f, a = cell.font, cell.alignment
    fill = cell.fill.fgColor.rgb if cell.fill.fill_type == "solid" else None
    border = (cell.border.left.style, cell.border.right.style, cell.border.top.style, cell.border.bottom.style)
    return (f.name, f.sz, bool(f.b), bool(f.i), f.color.rgb if f.color is not None else None,
            a.horizontal, a.vertical, bool(a.wrap_text), fill, border)


THIN = ("thin",) * 4
NONE = (None,) * 4
TEXT = ("Times New Roman", 12, False, False, None, "left", "top", True, None, THIN)
CENTER = ("Times New Roman", 12, False, False, None, "center", "top", True, None, THIN)
CODE = ("Times New Roman", 9, False, False, "00808080", "center", "top", True, "00F2F2F2", THIN)
HEAD = ("Times New Roman", 12, True, False, None, "center", "center", True, "00D9D9D9", THIN)
CODE_HEAD = ("Times New Roman", 9, True, False, "00808080", "center", "center", True, "00F2F2F2", THIN)
COLUMN_LOOKS = [CENTER, TEXT, TEXT, TEXT, TEXT, TEXT, TEXT, CENTER, CENTER, TEXT, CODE]


def test_every_cell_holds_its_value_and_look():
    ws = written()
    assert ws.max_row == HEADER + 3 and ws.max_column == 11
    assert ws["A1"].value == "DANH SÁCH BIỆN PHÁP"
    assert look(ws["A1"]) == ("Times New Roman", 14, True, False, None, "center", "center", True, None, NONE)
    assert ws["A2"].value == "Đơn vị cập nhật cột Trạng thái"
    assert look(ws["A2"]) == ("Times New Roman", 12, False, True, None, "center", "center", True, None, NONE)
    assert [ws.cell(3, c).value for c in range(1, 12)] == [None] * 11
    assert [ws.cell(HEADER, c).value for c in range(1, 12)] == [
        "STT", "Hạn chế, khuyết điểm / Nội dung", "Biện pháp", "Chỉ đạo thực hiện", "Đơn vị tham mưu/chủ trì",
        "Phối hợp", "Thời gian thực hiện", "Hạn hoàn thành", "Trạng thái", "Kết quả thực hiện", "Mã (không sửa)"]
    assert [look(ws.cell(HEADER, c)) for c in range(1, 12)] == [HEAD] * 10 + [CODE_HEAD]
    expected = [
        ["I.a", "Hạn chế một", " ".join([WORD] * 60), None, None, None, None, dt.datetime(2025, 6, 30),
         "Chưa thực hiện", None, "BP-11"],
        ["2", "Hạn chế hai", "Biện pháp hai", " ".join([WORD] * 200), None, None, None, None, "Hoàn thành",
         "Đã xong", "BP-12"],
        ["II.1.a", "Nội dung ba", "=Biện pháp ba", None, "Văn phòng", "Các phòng", "Quý III", None,
         "Đang thực hiện", None, "BP-13"],
    ]
    for i, values in enumerate(expected, 1):
        r = HEADER + i
        assert [ws.cell(r, c).value for c in range(1, 12)] == values, r
        assert [look(ws.cell(r, c)) for c in range(1, 12)] == COLUMN_LOOKS, r
        assert [ws.cell(r, c).number_format for c in range(1, 12)] == \
            ["General"] * 7 + ["DD/MM/YYYY" if i == 1 else "General"] + ["General"] * 3, r
    assert ws.cell(HEADER + 3, 3).data_type == "s"     # the officer's words, not a formula


def test_columns_widen_to_fit_excels_row_limit_and_rows_fit_their_text():
    ws = written()
    widths = [ws.column_dimensions[c].width for c in "ABCDEFGHIJK"]
    # Biện pháp 25 → 29 (see rows()); Chỉ đạo 10.5 → 20.5, the first step not under its cap of 20
    assert widths == [6, 23, 29, 20.5, 11.5, 10, 11.5, 10.5, 10.5, 19, 6.5]
    heights = [ws.row_dimensions[HEADER + i].height for i in (1, 2, 3)]
    # 60 words three a line: 20 lines of 15.75 pt + 4; 200 words: above Excel's 409 pt, held there;
    # row 3's tallest cell is the status "Đang thực hiện" in 10.5 units (room 59 pt): "Đang thực" is
    # 25.992 + 3 + 20.664 = 49.656 pt, "hiện" goes on a second line: 2 lines, 35.5 pt
    assert heights == [319.0, 409.0, 35.5]


def test_the_title_is_measured_in_bold_14_pt_across_the_table():
    # the table is 158 units wide (the widths above): room 158·6 − 4 = 944 pt. "mmmmmmmmmm" in bold
    # 14 pt is 10·833·14/1000 = 116.62 pt, a space 3.5: seven words a line (8 would be 960.96 pt;
    # in regular, 108.92 pt a word, eight fit): 56 words are 8 lines of 15.75·14/12 pt, + 4, + 4 of air
    wb, first = measures_workbook(rows(), " ".join(["mmmmmmmmmm"] * 56), "Đơn vị cập nhật cột Trạng thái")
    ws = openpyxl.load_workbook(io.BytesIO(package(wb, first))).active
    assert ws.row_dimensions[1].height == 155.0
    assert ws.row_dimensions[2].height == 19.75   # one line of 12 pt
    assert ws.row_dimensions[HEADER].height == 35.5   # "Đơn vị tham mưu/chủ trì" bold in 11.5 units: 2 lines


def test_every_part_is_compressed_and_the_file_says_when_it_was_written():
    import zipfile
    wb, first = measures_workbook(rows(), "DANH SÁCH BIỆN PHÁP")
    with zipfile.ZipFile(io.BytesIO(package(wb, first))) as z:
        assert {i.compress_type for i in z.infolist()} == {zipfile.ZIP_DEFLATED}
        core = z.read("docProps/core.xml").decode()
    assert f">{dt.date.today().year}-" in core.split("<dcterms:modified", 1)[1]


def greedy_lines(text, width, size=12.0, bold=False):
    """The wrap as first written (before each text was split and measured once, and one-line
    paragraphs skipped): every word measured anew, every paragraph walked."""
    from tudanhgia.render.metrics import text_width_pt
    room = max(1.0, width * 6.0 - 4.0)
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
            extra, used = divmod(w, room)
            lines += int(extra) if used or not extra else int(extra) - 1
            used = used or (room if extra else 0)
    return max(1, lines)


WORDS = st.text(alphabet="aimWĐởậ—,.1", min_size=1, max_size=40)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.lists(WORDS, max_size=12).map(" ".join), min_size=1, max_size=4).map("\n".join),
       st.floats(min_value=0.5, max_value=60), st.booleans())
def test_the_wrap_counts_the_lines_the_first_version_counted(text, width, bold):
    from tudanhgia.render.xlsx import _Wrap
    wrap = _Wrap(12, bold)
    assert wrap.lines(text, width) == greedy_lines(text, width, 12, bold)
    assert wrap.lines(text, width + 1) == greedy_lines(text, width + 1, 12, bold)   # measured words reused
