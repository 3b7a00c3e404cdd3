"""Excel round trips as a department does them: the measures sheet goes out, comes back edited
(statuses, results, a date; columns moved, extra columns and blank rows), and only those edits
reach the database. Malformed files give row-numbered problems or a clear error, never a write."""
import datetime as dt
import sqlite3
import subprocess
import sys
import zipfile
from copy import copy

import openpyxl
import pytest

from tudanhgia.domain import Indicator, MeasureStatus, RichText
from tudanhgia.services import ReportService
from tudanhgia.services.xlsx import (ImportProblem, MeasureChange, XlsxError, apply_measure_updates,
                                     default_measures_name, export_indicators, export_measures,
                                     import_indicators, measures_sheet_title, read_indicators,
                                     read_measure_updates, rows_for_report)

HEADERS = ["STT", "Hạn chế, khuyết điểm / Nội dung", "Biện pháp", "Chỉ đạo thực hiện", "Đơn vị tham mưu/chủ trì",
           "Phối hợp", "Thời gian thực hiện", "Hạn hoàn thành", "Trạng thái", "Kết quả thực hiện", "Mã (không sửa)"]
HEADER_ROW = 4   # title, subtitle, a spacer, then the header
IDS = list(range(1, 13))   # sample report 2: limitations' measures 1–5, then general measures 6–12


# --- helpers ----------------------------------------------------------------------------------------
def measures_snapshot(service):
    """Every measure of every report, field by field."""
    out = {}
    for summary in service.list_reports() + service.list_reports(deleted=True):
        for m in service.get_report(summary.id).all_measures():
            out[m.id] = (m.content.to_json(), m.measure.to_json(), m.directed_by, m.lead_unit, m.cooperating,
                         m.timeframe, m.due, m.status, m.result)
    return out


def export_sample(service, tmp_path, name="bien-phap.xlsx"):
    report = service.get_report(2)
    title, subtitle = measures_sheet_title(report, today=dt.date(2023, 1, 5))
    return export_measures(service, rows_for_report(report), tmp_path / name, title, subtitle)


def columns_of(ws, header_row):
    return {ws.cell(header_row, c).value: c for c in range(1, ws.max_column + 1) if ws.cell(header_row, c).value}


def row_of(ws, code, header_row=HEADER_ROW):
    col = columns_of(ws, header_row)["Mã (không sửa)"]
    return next(r for r in range(header_row + 1, ws.max_row + 1) if ws.cell(r, col).value == code)


def unmerge_all(ws):
    """Excel shifts merged ranges when rows or columns are inserted; openpyxl does not, so the
    edits below unmerge the title first and merge it again afterwards."""
    for rng in list(ws.merged_cells.ranges):
        ws.unmerge_cells(str(rng))


def move_column(ws, src, dst):
    """Cut column `src` and insert it before column `dst` (dst < src), as in Excel."""
    ws.insert_cols(dst)
    src += 1
    for r in range(1, ws.max_row + 1):
        old, new = ws.cell(r, src), ws.cell(r, dst)
        new.value = old.value
        new.font, new.border, new.alignment, new.number_format = (copy(old.font), copy(old.border),
                                                                  copy(old.alignment), old.number_format)
    ws.delete_cols(src)


def edit(path, change):
    wb = openpyxl.load_workbook(path)
    change(wb.active)
    wb.save(path)


# --- the sheet as exported ----------------------------------------------------------------------------
def test_rows_follow_the_printed_plan(sample_service):
    rows = rows_for_report(sample_service.get_report(2))
    assert [r.measure_id for r in rows] == IDS
    assert [r.number for r in rows] == ["II.2.a", "II.2.b", "II.2.c", "II.2.d", "II.2.đ",
                                        "II.1.a", "II.1.b", "II.1.c", "II.1.d", "II.3.a", "II.3.b", "II.3.c"]
    assert all(r.limitation for r in rows[:5]) and not any(r.limitation for r in rows[5:])
    assert rows[0].limitation.startswith("Nhiều nội dung của Chương trình công tác")
    assert rows[5].content.startswith("Thường xuyên, tăng cường công tác giáo dục chính trị")
    assert rows[0].period == "năm 2022" and rows[0].report_id == 2
    assert rows[0].status is MeasureStatus.IN_PROGRESS and rows[0].due == dt.date(2023, 12, 31)


def test_measures_sheet_prints_and_validates(sample_service, tmp_path):
    path = export_sample(sample_service, tmp_path)
    assert default_measures_name(sample_service.get_report(2)).endswith(".xlsx")
    wb = openpyxl.load_workbook(path)
    ws = wb.active
    # page: A4 landscape, one page wide, header repeated on every page, frozen under the header
    assert ws.page_setup.orientation == "landscape" and int(ws.page_setup.paperSize) == 9
    assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToWidth == 1
    assert ws.page_setup.fitToHeight == 0
    assert ws.print_title_rows == f"${HEADER_ROW}:${HEADER_ROW}"
    assert ws.freeze_panes == f"A{HEADER_ROW + 1}"
    # title and subtitle merged across the table
    assert "DANH SÁCH BIỆN PHÁP KHẮC PHỤC" in ws["A1"].value and ws["A1"].value.startswith("KẾ HOẠCH")
    assert {str(r) for r in ws.merged_cells.ranges} == {"A1:K1", "A2:K2"}
    assert "05/01/2023" in ws["A2"].value
    # header and data
    assert [ws.cell(HEADER_ROW, c).value for c in range(1, 12)] == HEADERS
    assert ws.max_row == HEADER_ROW + 12
    assert [ws.cell(HEADER_ROW + i, 11).value for i in range(1, 13)] == [f"BP-{i}" for i in IDS]
    for c in range(1, 11):
        head, body = ws.cell(HEADER_ROW, c), ws.cell(HEADER_ROW + 1, c)
        assert head.font.name == "Times New Roman" and head.font.b and head.font.sz == 12
        assert body.font.name == "Times New Roman" and body.font.sz == 12 and not body.font.b
        assert body.alignment.wrap_text and body.border.left.style == "thin" and body.border.bottom.style == "thin"
    due = ws.cell(HEADER_ROW + 1, 8)
    assert due.value == dt.datetime(2023, 12, 31) and due.number_format == "DD/MM/YYYY"
    assert ws.cell(HEADER_ROW + 1, 9).value == "Đang thực hiện"
    assert ws.cell(HEADER_ROW + 1, 2).value.startswith("Nhiều nội dung")
    # the id column: narrow and grey
    code = ws.cell(HEADER_ROW + 1, 11)
    assert ws.column_dimensions["K"].width < 8 < ws.column_dimensions["C"].width
    assert code.font.color.rgb.endswith("808080") and code.fill.fgColor.rgb.endswith("F2F2F2")
    # no row taller than Excel allows; every data row sized for its text
    heights = [ws.row_dimensions[HEADER_ROW + i].height for i in range(1, 13)]
    assert all(16 < h <= 409 for h in heights)
    # statuses from a list of the three labels
    lists = [dv for dv in ws.data_validations.dataValidation if dv.type == "list"]
    assert len(lists) == 1
    assert lists[0].formula1 == '"Chưa thực hiện,Đang thực hiện,Hoàn thành"'
    assert str(lists[0].sqref) == f"I{HEADER_ROW + 1}:I{HEADER_ROW + 12}"
    # what a department types is Times New Roman too (the workbook's default font)
    with zipfile.ZipFile(path) as z:
        styles = z.read("xl/styles.xml").decode()
    assert styles.split("<font>")[1].startswith('<name val="Times New Roman"/>')
    # the export is in the report's history
    from tudanhgia.services.export import export_history
    assert [h.format for h in export_history(sample_service, 2)] == ["xlsx"]


def test_reading_an_untouched_sheet_finds_nothing_to_change(sample_service, tmp_path):
    path = export_sample(sample_service, tmp_path)
    preview = read_measure_updates(sample_service, path)
    assert preview.changes == [] and preview.problems == [] and preview.unchanged == 12


# --- the department's round trip -----------------------------------------------------------------------
def department_edits(ws):
    """What a department does: two measures done with results, one new date, the status column
    moved to the front, a notes column added, two blank rows on top and one inside the table."""
    unmerge_all(ws)
    cols = columns_of(ws, HEADER_ROW)
    st, res, due = cols["Trạng thái"], cols["Kết quả thực hiện"], cols["Hạn hoàn thành"]
    r3, r10, r11 = row_of(ws, "BP-3"), row_of(ws, "BP-10"), row_of(ws, "BP-11")
    ws.cell(r3, st).value = "Hoàn thành"
    ws.cell(r3, res).value = "Đã chấn chỉnh việc phối hợp giữa các phòng; ban hành Quy chế sửa đổi ngày 15/8/2023."
    ws.cell(r10, st).value = "Hoàn thành"
    ws.cell(r10, res).value = "Đã trình UBND tỉnh; Quyết định số 12/2023/QĐ-UBND ngày 20/6/2023."
    ws.cell(r11, due).value = dt.datetime(2023, 9, 30)
    move_column(ws, st, 1)
    notes = ws.max_column + 1
    ws.cell(HEADER_ROW, notes).value = "Ghi chú của phòng"
    ws.cell(row_of(ws, "BP-5"), notes).value = "Đã báo cáo Lãnh đạo Văn phòng"
    ws.insert_rows(HEADER_ROW + 4)            # a blank row before BP-4
    ws.insert_rows(1, 2)                      # two blank rows above the title
    ws.merge_cells(start_row=3, start_column=2, end_row=3, end_column=12)   # the title, where Excel keeps it


def test_department_round_trip_changes_exactly_what_was_edited(sample_service, sample_db, tmp_path):
    before = measures_snapshot(sample_service)
    path = export_sample(sample_service, tmp_path)
    edit(path, department_edits)

    ws = openpyxl.load_workbook(path).active                 # the layout we expect to be read
    assert ws.cell(HEADER_ROW + 2, 1).value == "Trạng thái" and ws.cell(HEADER_ROW + 2, 12).value == "Ghi chú của phòng"

    data = path.read_bytes()
    preview = read_measure_updates(sample_service, path)
    assert path.read_bytes() == data and measures_snapshot(sample_service) == before   # reading writes nothing
    header = HEADER_ROW + 2
    row3, row10, row11 = header + 3, header + 10 + 1, header + 11 + 1     # the blank row shifts BP-4…
    assert preview.problems == []
    assert preview.unchanged == 9
    assert preview.changes == [
        MeasureChange(3, row3, "status", MeasureStatus.IN_PROGRESS, MeasureStatus.DONE),
        MeasureChange(3, row3, "result", "",
                      "Đã chấn chỉnh việc phối hợp giữa các phòng; ban hành Quy chế sửa đổi ngày 15/8/2023."),
        MeasureChange(10, row10, "status", MeasureStatus.NOT_STARTED, MeasureStatus.DONE),
        MeasureChange(10, row10, "result", "", "Đã trình UBND tỉnh; Quyết định số 12/2023/QĐ-UBND ngày 20/6/2023."),
        MeasureChange(11, row11, "due", dt.date(2023, 6, 30), dt.date(2023, 9, 30)),
    ]
    assert preview.changes[0].describe() == f"Dòng {row3}, BP-3, Trạng thái: Đang thực hiện → Hoàn thành"

    assert apply_measure_updates(sample_service, preview) == 3
    fresh = ReportService.open(sample_db, create=False)
    try:
        after = measures_snapshot(fresh)
    finally:
        fresh.close()
    changed = {k for k in before if before[k] != after[k]}
    assert changed == {3, 10, 11} and after.keys() == before.keys()
    assert after[3][7:] == (MeasureStatus.DONE, preview.changes[1].new)
    assert after[10][7:] == (MeasureStatus.DONE, preview.changes[3].new)
    assert after[11][6] == dt.date(2023, 9, 30)
    for k in (3, 10):       # nothing else of those measures moved
        assert after[k][:7] == before[k][:7]
    assert after[11][:6] == before[11][:6] and after[11][7:] == before[11][7:]
    # applying the same sheet again changes nothing
    assert read_measure_updates(sample_service, path).changes == []


# --- malformed sheets: problems with row numbers, the database untouched --------------------------------
def test_row_problems_are_reported_and_never_applied(sample_service, tmp_path):
    path = export_sample(sample_service, tmp_path)
    rows = {i: HEADER_ROW + n for n, i in enumerate(IDS, 1)}

    def damage(ws):
        ws.cell(rows[1], 11).value = "BP-999"                       # unknown id
        ws.cell(rows[1], 9).value = "Hoàn thành"
        ws.cell(rows[3], 11).value = "BP-2"                         # BP-2 twice (rows of BP-2 and BP-3)
        ws.cell(rows[3], 9).value = "Hoàn thành"
        ws.cell(rows[4], 9).value = "Xong rồi"                      # unreadable status
        ws.cell(rows[5], 8).value = "Quý II năm 2023"              # text in the date column
        ws.cell(rows[6], 8).value = "31/02/2023"                   # no such day
        ws.cell(rows[6], 10).value = "Đã triển khai"
        ws.cell(rows[7], 10).value = "Đã quán triệt"               # merged with the next row's result
        ws.merge_cells(start_row=rows[7], start_column=10, end_row=rows[8], end_column=10)
        ws.cell(rows[9], 11).value = None                          # no id but text
        ws.cell(rows[10], 11).value = "mã 10"                      # not an id
        ws.cell(rows[12], 8).value = "30/09/2023"                  # a date typed as text is fine
        ws.cell(rows[12], 10).value = "Đã ban hành\r\nQuyết định"    # a line break typed with Alt+Enter
        ws.cell(rows[12] + 2, 2).value = "Ghi chú: số liệu đến 30/6"   # a note under the table
    edit(path, damage)
    before = measures_snapshot(sample_service)
    preview = read_measure_updates(sample_service, path)
    assert measures_snapshot(sample_service) == before
    by_row = {p.row_number: p.message_vi for p in preview.problems}
    assert all(p.blocking for p in preview.problems)
    assert "BP-999" in by_row[rows[1]] and "đã bị xóa" in by_row[rows[1]]
    assert by_row[rows[3]] == f"Dòng {rows[3]}: mã BP-2 trùng với dòng {rows[2]}; biện pháp này không được cập nhật."
    assert "“Xong rồi” không hợp lệ" in by_row[rows[4]]
    assert "Quý II năm 2023" in by_row[rows[5]] and "không phải ngày" in by_row[rows[5]]
    assert "“31/02/2023” không có thật" in by_row[rows[6]]
    assert by_row[rows[7]].startswith(f"Dòng {rows[7]}–{rows[8]}: có ô gộp (J{rows[7]}:J{rows[8]})")
    assert by_row[rows[9]] == f"Dòng {rows[9]}: không có mã biện pháp, không cập nhật được."
    assert "“mã 10”" in by_row[rows[10]]
    assert by_row[rows[12] + 2] == f"Dòng {rows[12] + 2}: không có mã biện pháp, không cập nhật được."
    assert sorted(by_row) == sorted([rows[i] for i in (1, 3, 4, 5, 6, 7, 9, 10)] + [rows[12] + 2])
    # only the sound rows change: BP-12's date and result; BP-2 (duplicated) is left alone
    assert preview.changes == [
        MeasureChange(12, rows[12], "result", "", "Đã ban hành\nQuyết định"),
        MeasureChange(12, rows[12], "due", dt.date(2023, 12, 31), dt.date(2023, 9, 30)),
    ]
    assert preview.unchanged == 1     # BP-11
    assert apply_measure_updates(sample_service, preview) == 1
    after = measures_snapshot(sample_service)
    assert {k for k in before if before[k] != after[k]} == {12}


def test_foreign_and_deleted_measures_are_refused(sample_service, tmp_path):
    path = export_sample(sample_service, tmp_path)
    r1, r2 = HEADER_ROW + 1, HEADER_ROW + 2

    def swap(ws):   # ids swapped: the text no longer matches the measure (a sheet of another database)
        ws.cell(r1, 11).value, ws.cell(r2, 11).value = "BP-2", "BP-1"
        ws.cell(r1, 9).value = "Hoàn thành"
    edit(path, swap)
    preview = read_measure_updates(sample_service, path)
    assert [p.row_number for p in preview.problems] == [r1, r2]
    assert "không khớp với biện pháp BP-2" in preview.problems[0].message_vi
    assert preview.changes == [] and preview.unchanged == 10

    other = read_measure_updates(sample_service, path, report_id=3)   # the sheet is not report 3's
    assert len(other.problems) == 12 and "thuộc báo cáo khác" in other.problems[-1].message_vi

    sample_service.delete_report(2)
    trashed = read_measure_updates(sample_service, path)
    assert len(trashed.problems) == 12 and all("thùng rác" in p.message_vi for p in trashed.problems)


def _zip_with_encrypted_flag(src, dst):
    """A zip whose members claim encryption (bit 0 of the flags), as a password-zipped file does."""
    data = bytearray(src.read_bytes())
    for sig, offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        pos = data.find(sig)
        while pos != -1:
            data[pos + offset] |= 0x01
            pos = data.find(sig, pos + 4)
    dst.write_bytes(bytes(data))


@pytest.mark.parametrize("case, message", [
    ("text", "không phải tệp Excel"),
    ("empty-file", "rỗng"),
    ("truncated", "chưa được chép hết"),
    ("other-zip", "không phải sổ làm việc Excel"),
    ("ole", "đặt mật khẩu"),
    ("zip-password", "mật khẩu"),
    ("empty-workbook", "không có dữ liệu"),
    ("no-header", "Không tìm thấy dòng tiêu đề"),
    ("two-status-columns", "có hai cột"),
    ("missing", "Không tìm thấy tệp"),
])
def test_malformed_files_are_refused_clearly(sample_service, tmp_path, case, message):
    good = export_sample(sample_service, tmp_path)
    bad = tmp_path / f"{case}.xlsx"
    if case == "text":
        bad.write_text("STT;Biện pháp;Trạng thái\n1;…;Hoàn thành\n", encoding="utf-8")
    elif case == "empty-file":
        bad.write_bytes(b"")
    elif case == "truncated":
        bad.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    elif case == "other-zip":
        with zipfile.ZipFile(bad, "w") as z:
            z.writestr("word/document.xml", "<w:document/>")
    elif case == "ole":
        bad.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 1024)
    elif case == "zip-password":
        _zip_with_encrypted_flag(good, bad)
    elif case == "empty-workbook":
        openpyxl.Workbook().save(bad)
    elif case == "no-header":
        wb = openpyxl.Workbook()
        wb.active.append(["Danh sách gửi các phòng"])
        wb.active.append(["BP-1", "Hoàn thành", "Đã xong"])
        wb.save(bad)
    elif case == "two-status-columns":
        bad.write_bytes(good.read_bytes())
        edit(bad, lambda ws: ws.cell(HEADER_ROW, 12, "Trạng thái"))
    before = measures_snapshot(sample_service)
    with pytest.raises(XlsxError, match=message):
        read_measure_updates(sample_service, bad)
    assert measures_snapshot(sample_service) == before


# --- writing: control characters, formulas, locked targets ---------------------------------------------
def test_control_characters_and_formula_like_texts_export_safely(sample_service, tmp_path):
    report = sample_service.get_report(2)
    m = report.limitations[0].measures[0]
    m.measure = RichText.from_plain("=SUM(A1:A3) không phải công thức\x0bmà là chữ\x00 có\x1f ký tự lạ\ud800")
    sample_service.update_measure(m)
    lim = report.limitations[0]
    lim.text = RichText.from_plain("Hạn chế\x0ccó ngắt trang")
    sample_service.update_limitation(lim)
    path = export_sample(sample_service, tmp_path)
    ws = openpyxl.load_workbook(path).active
    cell = ws.cell(HEADER_ROW + 1, 3)
    assert cell.data_type == "s"
    assert cell.value == "=SUM(A1:A3) không phải công thức\nmà là chữ có ký tự lạ"
    assert ws.cell(HEADER_ROW + 1, 2).value == "Hạn chế\ncó ngắt trang"
    preview = read_measure_updates(sample_service, path)
    assert preview.changes == [] and preview.problems == []


def test_read_only_target_keeps_old_file(sample_service, tmp_path):
    target = tmp_path / "cu.xlsx"
    target.write_bytes(b"old contents")
    target.chmod(0o444)
    with pytest.raises(XlsxError, match="chỉ cho phép đọc"):
        export_sample(sample_service, tmp_path, "cu.xlsx")
    assert target.read_bytes() == b"old contents"
    assert not list(tmp_path.rglob("*.tmp"))


def test_rows_of_several_reports_name_their_report(sample_service, tmp_path):
    copy_id = sample_service.duplicate_report(2).id
    rows = rows_for_report(sample_service.get_report(2))[:2] + rows_for_report(sample_service.get_report(copy_id))[:1]
    path = export_measures(sample_service, rows, tmp_path / "nhieu.xlsx", "DANH SÁCH BIỆN PHÁP")
    ws = openpyxl.load_workbook(path).active
    assert ws.cell(3, 2).value == "Báo cáo / Kế hoạch" and ws.cell(4, 2).value.startswith("Kế hoạch phát huy")
    assert read_measure_updates(sample_service, path).unchanged == 3
    assert len(read_measure_updates(sample_service, path, report_id=2).problems) == 1


def test_openpyxl_is_loaded_only_when_used():
    code = "import sys, tudanhgia.services.xlsx; print('openpyxl' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "False"


# --- indicators ------------------------------------------------------------------------------------------
@pytest.fixture
def thematic(service, unit):
    report = service.create_report("chuyen-de", "2024-H1", unit.id)
    service.set_indicators(report.id, [
        Indicator("Số cuộc đối thoại giữa người đứng đầu với Nhân dân, doanh nghiệp", "cuộc", 12),
        Indicator("Số đơn khiếu nại, tố cáo thuộc thẩm quyền đã giải quyết", "đơn", 2, 3),
        Indicator("Số mô hình “Dân vận khéo” được công nhận", "mô hình"),
    ])
    return report


def indicator_tuples(indicators):
    return [(i.name, i.unit, i.value, i.denominator) for i in indicators]


def test_indicators_sheet_and_round_trip(service, thematic, tmp_path):
    path = export_indicators(service, thematic.id, tmp_path / "so-lieu")
    assert path.name == "so-lieu.xlsx"
    ws = openpyxl.load_workbook(path).active
    assert ws.page_setup.orientation == "portrait" and int(ws.page_setup.paperSize) == 9
    assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToWidth == 1
    assert ws["A1"].value == "PHỤ LỤC SỐ LIỆU"
    assert [ws.cell(HEADER_ROW, c).value for c in range(1, 7)] == ["STT", "Chỉ tiêu", "Đơn vị tính", "Kết quả",
                                                                 "Trên tổng số", "Tỷ lệ (%)"]
    assert ws.print_title_rows == f"${HEADER_ROW}:${HEADER_ROW}"
    rows = [[ws.cell(HEADER_ROW + i, c).value for c in range(1, 7)] for i in (1, 2, 3)]
    assert rows[0] == [1, "Số cuộc đối thoại giữa người đứng đầu với Nhân dân, doanh nghiệp", "cuộc", 12, None, None]
    assert rows[1][3:] == [2, 3, 66.67] and rows[2][3:] == [None, None, None]
    rate = ws.cell(HEADER_ROW + 2, 6)
    assert rate.data_type == "n" and rate.number_format == "0.0"     # a number, no formula
    assert ws.cell(HEADER_ROW + 1, 4).number_format == "#,##0"
    assert all(c.font.name == "Times New Roman" for row in ws.iter_rows(min_row=1, max_row=HEADER_ROW + 3)
               for c in row if c.value is not None)
    assert not any(c.data_type == "f" for row in ws.iter_rows() for c in row)

    assert indicator_tuples(read_indicators(path)[0]) == indicator_tuples(service.get_report(thematic.id).indicators)

    def fill(ws):   # values typed back, one as Vietnamese text; a blank row; a new indicator
        ws.cell(HEADER_ROW + 1, 4).value = 15
        ws.cell(HEADER_ROW + 3, 4).value = "1.234,5"
        ws.insert_rows(HEADER_ROW + 3)
        ws.cell(HEADER_ROW + 5, 2).value = "Số lượt công dân được tiếp"
        ws.cell(HEADER_ROW + 5, 3).value = "lượt"
        ws.cell(HEADER_ROW + 5, 4).value = 40
        ws.cell(HEADER_ROW + 5, 5).value = "-"
    edit(path, fill)
    problems = import_indicators(service, thematic.id, path)
    assert problems == [ImportProblem(HEADER_ROW + 3, f"Dòng {HEADER_ROW + 3}: dòng trống, bỏ qua.", blocking=False)]
    assert indicator_tuples(service.get_report(thematic.id).indicators) == [
        ("Số cuộc đối thoại giữa người đứng đầu với Nhân dân, doanh nghiệp", "cuộc", 15.0, None),
        ("Số đơn khiếu nại, tố cáo thuộc thẩm quyền đã giải quyết", "đơn", 2.0, 3.0),
        ("Số mô hình “Dân vận khéo” được công nhận", "mô hình", 1234.5, None),
        ("Số lượt công dân được tiếp", "lượt", 40.0, None),
    ]


def test_bad_indicator_cells_block_the_import(service, thematic, tmp_path):
    path = export_indicators(service, thematic.id, tmp_path / "so-lieu.xlsx")
    r1, r2, r3 = HEADER_ROW + 1, HEADER_ROW + 2, HEADER_ROW + 3

    def damage(ws):
        ws.cell(r1, 4).value = "khoảng 20"          # text in a number column
        ws.cell(r2, 5).value = "12.5"               # ambiguous: not a Vietnamese number
        ws.cell(r3, 2).value = None                 # numbers without a name
        ws.cell(r3, 4).value = 7
        ws.cell(r3 + 2, 2).value = "Chỉ tiêu gộp"   # merged cells under the header
        ws.merge_cells(start_row=r3 + 2, start_column=2, end_row=r3 + 2, end_column=3)
    edit(path, damage)
    before = indicator_tuples(service.get_report(thematic.id).indicators)
    problems = import_indicators(service, thematic.id, path)
    assert indicator_tuples(service.get_report(thematic.id).indicators) == before
    by_row = {p.row_number: p for p in problems}
    assert by_row[r1].message_vi == f"Dòng {r1}: cột “Kết quả” ghi “khoảng 20”, cần một số."
    assert "“12.5”" in by_row[r2].message_vi and by_row[r2].blocking
    assert by_row[r3].message_vi == f"Dòng {r3}: thiếu tên chỉ tiêu."
    assert by_row[r3 + 1].blocking is False and "dòng trống" in by_row[r3 + 1].message_vi
    assert f"có ô gộp (B{r3 + 2}:C{r3 + 2})" in by_row[r3 + 2].message_vi


def test_indicator_files_are_checked_like_measure_files(service, thematic, tmp_path):
    bad = tmp_path / "so-lieu.xlsx"
    bad.write_bytes(b"PK\x03\x04 not really")
    with pytest.raises(XlsxError, match="chưa được chép hết"):
        import_indicators(service, thematic.id, bad)
    measures_sheet = tmp_path / "khac.xlsx"
    wb = openpyxl.Workbook()
    wb.active.append(["STT", "Biện pháp", "Trạng thái"])
    wb.save(measures_sheet)
    data = measures_sheet.read_bytes()
    with pytest.raises(XlsxError, match="Không tìm thấy dòng tiêu đề của bảng số liệu"):
        read_indicators(measures_sheet)
    assert measures_sheet.read_bytes() == data


def test_an_emptied_result_cell_clears_the_result(sample_service, sample_db, tmp_path):
    """Deleting the text of a "Kết quả thực hiện" cell in Excel means the result is withdrawn:
    the import clears it (an emptied status cell, by contrast, is no news: a status is never blank)."""
    report = sample_service.get_report(2)
    m = next(x for x in report.all_measures() if x.id == 4)
    m.result = "Đã ban hành quy chế phối hợp."
    sample_service.update_measure(m)
    path = export_sample(sample_service, tmp_path)

    def empty(ws):
        cols = columns_of(ws, HEADER_ROW)
        r = row_of(ws, "BP-4")
        ws.cell(r, cols["Kết quả thực hiện"]).value = None
        ws.cell(r, cols["Trạng thái"]).value = None

    edit(path, empty)
    preview = read_measure_updates(sample_service, path)
    assert preview.problems == []
    assert preview.changes == [MeasureChange(4, row_of(openpyxl.load_workbook(path).active, "BP-4"), "result",
                                             "Đã ban hành quy chế phối hợp.", "")]
    assert apply_measure_updates(sample_service, preview) == 1
    after = next(x for x in sample_service.get_report(2).all_measures() if x.id == 4)
    assert after.result == "" and after.status is m.status


def test_an_import_reads_the_measures_once_and_writes_them_together(sample_service, tmp_path):
    """Every row of the sheet changed: the rows are read with one query and written in one flush,
    the report touched once — not reads, a flush and a touch per row (an import of 1,000 rows made
    6,000 queries and 2,000 flushes)."""
    path = export_sample(sample_service, tmp_path)

    def results(ws):
        col = columns_of(ws, HEADER_ROW)["Kết quả thực hiện"]
        for r in range(HEADER_ROW + 1, HEADER_ROW + 13):
            ws.cell(r, col).value = f"Đã thực hiện, báo cáo dòng {r}"

    edit(path, results)
    preview = read_measure_updates(sample_service, path)
    assert len(preview.changes) == 12 and not preview.problems
    from sqlalchemy import event
    from sqlalchemy.orm import Session
    sent, flushes = [], []

    def record(conn, cursor, statement, parameters, context, executemany):
        sent.append(" ".join(statement.split()))

    def flushed(session, context):
        flushes.append(len(session.dirty))

    event.listen(sample_service.db.engine, "before_cursor_execute", record)
    event.listen(Session, "after_flush", flushed)
    try:
        assert apply_measure_updates(sample_service, preview) == 12
    finally:
        event.remove(Session, "after_flush", flushed)
    assert len([s for s in sent if s.startswith("SELECT") and " FROM measure " in s]) == 1
    assert len([s for s in sent if s.startswith("UPDATE measure ")]) == 12
    assert len(flushes) == 2                  # the measures, then the report's row
    assert len([s for s in sent if s.startswith("UPDATE report ")]) == 1
    stored = {m.id: m.result for m in sample_service.get_report(2).all_measures()}
    assert stored == {mid: f"Đã thực hiện, báo cáo dòng {HEADER_ROW + i}" for i, mid in enumerate(IDS, 1)}


def test_a_row_changed_since_the_preview_is_named_not_every_code_of_the_file(sample_service, sample_db, tmp_path):
    path = export_sample(sample_service, tmp_path)

    def results(ws):
        col = columns_of(ws, HEADER_ROW)["Kết quả thực hiện"]
        for r in range(HEADER_ROW + 1, HEADER_ROW + 13):
            ws.cell(r, col).value = f"Đã thực hiện, báo cáo dòng {r}"

    edit(path, results)
    preview = read_measure_updates(sample_service, path)
    other = ReportService.open(sample_db, create=False)
    other.set_measure_status(7, MeasureStatus.DONE, "Sửa trong cửa sổ khác")
    other.close()
    before = measures_snapshot(sample_service)
    with pytest.raises(XlsxError) as caught:
        apply_measure_updates(sample_service, preview)
    message = str(caught.value)
    assert message.startswith("Biện pháp BP-7 trong tệp vừa được sửa ở nơi khác sau khi xem trước tệp.")
    assert "0 biện pháp được cập nhật" in message and "BP-12" not in message
    assert measures_snapshot(sample_service) == before


def test_a_row_written_elsewhere_during_the_import_names_the_first_codes(sample_service, sample_db, tmp_path,
                                                                         monkeypatch):
    """Another program writes a row between the import's read and its write: the store cannot say
    which row it was; the message names the file's first codes and counts the others."""
    from tudanhgia.store.repository import UnitOfWork
    path = export_sample(sample_service, tmp_path)

    def results(ws):
        col = columns_of(ws, HEADER_ROW)["Kết quả thực hiện"]
        for r in range(HEADER_ROW + 1, HEADER_ROW + 13):
            ws.cell(r, col).value = f"Đã thực hiện, báo cáo dòng {r}"

    edit(path, results)
    preview = read_measure_updates(sample_service, path)
    original = UnitOfWork.save_measures

    def meanwhile(self, changes):
        con = sqlite3.connect(sample_db)
        con.execute("UPDATE measure SET version = version + 1, result = 'Sửa ở máy khác' WHERE id = 9")
        con.commit()
        con.close()
        return original(self, changes)

    monkeypatch.setattr(UnitOfWork, "save_measures", meanwhile)
    with pytest.raises(XlsxError) as caught:
        apply_measure_updates(sample_service, preview)
    assert str(caught.value).startswith("Một biện pháp trong tệp (BP-1, BP-2, BP-3, BP-4, BP-5 và 7 biện pháp khác) "
                                        "vừa được sửa ở nơi khác sau khi xem trước tệp.")
    monkeypatch.undo()
    stored = {m.id: m.result for m in sample_service.get_report(2).all_measures()}
    assert stored[9] == "Sửa ở máy khác"
    assert not [r for r in stored.values() if r.startswith("Đã thực hiện, báo cáo dòng")]   # nothing of the file


def test_a_standing_duty_shows_its_phrase_as_deadline_and_comes_back_unchanged(sample_service, tmp_path):
    service = sample_service
    report = service.get_report(2)
    measure = report.all_measures()[0]
    measure.timeframe, measure.due = "Thường xuyên", None
    service.update_measure(measure)
    path = export_sample(service, tmp_path)
    ws = openpyxl.load_workbook(path).active
    due = columns_of(ws, HEADER_ROW)["Hạn hoàn thành"]
    assert ws.cell(row_of(ws, f"BP-{measure.id}"), due).value == "Thường xuyên"   # not a blank to fill in
    before = measures_snapshot(service)
    preview = read_measure_updates(service, path)
    assert not [c for c in preview.changes if c.measure_id == measure.id] and not preview.problems
    apply_measure_updates(service, preview)
    assert measures_snapshot(service) == before
