"""Issue 14 point 1: a statistics appendix laid out as a table loses nothing — sub-rows with an
empty STT, text values, blank cells, group headings (merged cells), a cell of two paragraphs —
every row and cell in order; numbers parsed where they are numbers; the officer's own "(Kèm theo
…)" line kept as written; acronyms in headings not lower-cased. Written here with python-docx."""
from docx.enum.text import WD_ALIGN_PARAGRAPH

from tudanhgia.importer.docx_reader import read_docx
from tudanhgia.importer.recognize import Recognizer
from tudanhgia.render.layout import layout
from tudanhgia.render.text import to_paragraphs
from tudanhgia.services.export import export_docx
from tudanhgia.services.importing import import_file
from wordlike import WordReport

ATTACHED = "(Kèm theo Báo cáo số 15/BC-XYZ ngày 10/7/2024 của Phòng XYZ)"
HEADER = ["STT", "Chỉ tiêu", "Đơn vị tính", "Kết quả", "Ghi chú"]
ROWS = [
    ["I", "CÔNG TÁC KIỂM TRA CỦA PHÒNG XYZ", "", "", ""],          # a group heading across the columns
    ["1", "Số cuộc kiểm tra", "cuộc", "15 trong đó: Đảng ủy: 02; chính quyền: 13", ""],
    ["", "- Tổng số đoàn kiểm tra", "đoàn", "4", ""],
    ["", "- Tổng số đoàn kiểm tra", "đoàn", "", "Chưa tổng hợp"],
    ["2", "Có quy chế phối hợp", "", "CÓ", ""],
    ["3", "Đơn thư đã giải quyết", "đơn/ đơn, đạt %", "", ""],
    ["4", "Số hồ sơ trả đúng hạn", "hồ sơ", "62.224", "Tăng 3%\nso với cùng kỳ"],   # two paragraphs
]


def with_appendix(w: WordReport) -> WordReport:
    w.page_break()
    for text in ("PHỤ LỤC", "KẾT QUẢ CÔNG TÁC KIỂM TRA NĂM 2024", ATTACHED):
        w.doc.add_paragraph(text).alignment = WD_ALIGN_PARAGRAPH.CENTER
    table = w.doc.add_table(rows=1 + len(ROWS), cols=len(HEADER))
    for values, row in zip([HEADER, *ROWS], table.rows, strict=True):
        cells = row.cells
        if values[0] == "I":
            cells[1].merge(cells[4])
        for value, cell in zip(values, cells, strict=True):
            if not value or (values[0] == "I" and cell is not cells[1] and cell._tc is cells[1]._tc):
                continue
            first, *rest = value.split("\n")
            cell.paragraphs[0].add_run(first)
            for more in rest:
                cell.add_paragraph(more)
    return w


def report() -> WordReport:
    w = WordReport()
    w.header("UBND HUYỆN SƠN TỊNH", "PHÒNG XYZ", "Số: 15/BC-XYZ", "Sơn Tịnh, ngày 10 tháng 7 năm 2024")
    w.title("BÁO CÁO", "Kết quả công tác kiểm tra năm 2024")
    w.heading("I. CÔNG TÁC CỦA PHÒNG XYZ VÀ UBND XÃ")
    w.para("Đã kiểm tra 15 cuộc.")
    w.para("Phòng XYZ kính báo cáo./.")
    w.closing(["- UBND huyện;", "- Lưu: VT."], ["TRƯỞNG PHÒNG"], "Ngô Văn Hùng")
    return with_appendix(w)


def test_every_row_and_cell_is_kept_in_order(sample_service, tmp_path):
    result = Recognizer(read_docx(report().save(tmp_path / "pl.docx")), sample_service.kinds).run()
    got = result.report
    table = got.appendix_table
    assert table is not None and table.header == HEADER
    assert table.rows == ROWS
    assert got.appendix_attached == ATTACHED                       # the officer's line, as written
    assert got.appendix_title == "PHỤ LỤC\nKẾT QUẢ CÔNG TÁC KIỂM TRA NĂM 2024"
    # numbers where they are numbers, text where not
    assert [table.number(r, 3) for r in range(len(ROWS))] == [None, None, 4, None, None, None, 62224]
    assert result.coverage.complete, result.coverage.lines()
    printed = to_paragraphs(layout(got))
    assert ATTACHED in printed
    assert "\t".join(ROWS[1]) in printed and printed.count("\t".join(ROWS[2])) == 1


def test_acronyms_in_headings_keep_their_capitals(sample_service, tmp_path):
    got = Recognizer(read_docx(report().save(tmp_path / "pl.docx")), sample_service.kinds).run().report
    assert next(s.heading for s in got.walk()) == "Công tác của phòng XYZ và UBND xã"


def test_the_table_survives_the_store_and_a_round_trip(sample_service, tmp_path):
    first = import_file(sample_service, report().save(tmp_path / "pl.docx"))
    stored = sample_service.get_report(first.report.id)
    assert stored.appendix_table.rows == ROWS and stored.appendix_attached == ATTACHED
    again = import_file(sample_service, export_docx(sample_service, stored.id, tmp_path / "lai.docx"))
    assert again.coverage.complete
    back = sample_service.get_report(again.report.id)
    assert to_paragraphs(layout(back)) == to_paragraphs(layout(stored))
    assert back.appendix_table.rows == ROWS


def test_indicators_added_after_the_import_print_after_the_kept_table(sample_service, tmp_path):
    from tudanhgia.domain.model import Indicator
    first = import_file(sample_service, report().save(tmp_path / "pl.docx"))
    sample_service.set_indicators(first.report.id, [Indicator("Số cuộc kiểm tra bổ sung", "cuộc", 3, None)])
    printed = to_paragraphs(layout(sample_service.get_report(first.report.id)))
    kept_at = printed.index("\t".join(ROWS[1]))
    added = next(i for i, line in enumerate(printed) if "Số cuộc kiểm tra bổ sung" in line)
    assert added > kept_at       # both tables print: the officer's added indicator is not dropped


def test_the_officer_may_regenerate_the_attached_line_in_the_review(qtbot, sample_service, tmp_path):
    from tudanhgia.ui.import_dialog import ImportReviewDialog
    path = report().save(tmp_path / "pl.docx")
    for regenerate in (False, True):
        dialog = ImportReviewDialog(sample_service, path)
        qtbot.addWidget(dialog)
        dialog.show()
        assert dialog.regenerate.isVisible() and dialog.regenerate.toolTip() == ATTACHED
        dialog.regenerate.setChecked(regenerate)
        dialog.accept()
        printed = to_paragraphs(layout(sample_service.get_report(dialog.saved.id)))
        assert (ATTACHED in printed) is not regenerate
        assert any(line.startswith("(Kèm theo Báo cáo số 15/BC-XYZ") for line in printed)


def test_the_cli_keeps_or_regenerates_the_attached_line(tmp_path, capsys):
    from tudanhgia import cli
    from tudanhgia.paths import AppPaths
    from tudanhgia.services import ReportService
    path, folder = report().save(tmp_path / "pl.docx"), str(tmp_path / "d")
    assert cli.main(["import", str(path), "--data-dir", folder]) == 0
    assert cli.main(["import", str(path), "--regenerate-attached", "--data-dir", folder]) == 0
    service = ReportService.open(AppPaths.default(folder).database, create=False)
    try:
        kept, made = (to_paragraphs(layout(service.get_report(r.id))) for r in
                      sorted(service.list_reports(), key=lambda r: r.id))
    finally:
        service.close()
    assert ATTACHED in kept and ATTACHED not in made
    assert any(line.startswith("(Kèm theo Báo cáo số 15/BC-XYZ") for line in made)
