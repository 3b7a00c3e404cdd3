"""Issue 14, must show: every sample report of the sample database, exported, imported and exported
again, gives identical text — the Word file's own text, tables cell by cell — also with an appendix
(the program's indicator table, and a table of the officer's kept as written); the import says
nothing was dropped."""
import copy

import pytest

from docx_read import open_docx, text_paragraphs
from tudanhgia.domain.model import AppendixTable, Indicator
from tudanhgia.services.export import export_docx
from tudanhgia.services.importing import import_file

KEPT = AppendixTable(
    ["STT", "Chỉ tiêu", "Đơn vị tính", "Kết quả", "Ghi chú"],
    [["I", "CÔNG TÁC KIỂM TRA", "", "", ""],
     ["1", "Số cuộc kiểm tra", "cuộc", "15 trong đó: Đảng ủy: 02; chính quyền: 13", ""],
     ["", "- Tổng số đoàn kiểm tra", "đoàn", "4", ""],
     ["2", "Có quy chế phối hợp", "", "CÓ", ""],
     ["3", "Đơn thư đã giải quyết", "đơn/ đơn, đạt %", "", "Chưa tổng hợp"],
     ["4", "Số hồ sơ trả đúng hạn", "hồ sơ", "62.224", "Tăng 3%\nso với cùng kỳ"]])
INDICATORS = [Indicator("Số vụ việc được giải quyết", "vụ", 2, 2),
              Indicator("Số hồ sơ trả đúng hạn", "hồ sơ", 62224, 64690), Indicator("Chỉ tiêu không áp dụng")]


def docx_text(path) -> list[str]:
    return text_paragraphs(open_docx(path))


def with_appendix(service, report_id: int, kind: str):
    """A copy of the sample with an appendix: the indicator table or a kept table."""
    report = copy.deepcopy(service.get_report(report_id))
    report.id = None
    report.appendix_title = "PHỤ LỤC SỐ LIỆU"
    if kind == "indicators":
        report.indicators = copy.deepcopy(INDICATORS)
    else:
        report.appendix_table = copy.deepcopy(KEPT)
        report.appendix_attached = "(Kèm theo Báo cáo số 15/BC-VP ngày 10/7/2024 của Văn phòng)"
    return service.add_report(report).id


def round_trip(service, report_id: int, tmp_path) -> tuple[list[str], list[str]]:
    first = export_docx(service, report_id, tmp_path / "1.docx")
    result = import_file(service, first)
    assert result.coverage.complete, result.coverage.lines()
    assert result.unplaced == 0
    second = export_docx(service, result.report.id, tmp_path / "2.docx")
    return docx_text(first), docx_text(second)


def test_every_sample_comes_back_with_identical_text(sample_service, tmp_path):
    ids = [r.id for r in sample_service.list_reports()]
    assert len(ids) >= 3
    for rid in ids:
        before, after = round_trip(sample_service, rid, tmp_path)
        assert after == before, rid


@pytest.mark.parametrize("appendix", ["indicators", "kept-table"])
def test_every_sample_with_an_appendix_table_comes_back_identical(sample_service, tmp_path, appendix):
    for summary in sample_service.list_reports():
        rid = with_appendix(sample_service, summary.id, appendix)
        before, after = round_trip(sample_service, rid, tmp_path)
        assert after == before, summary.id
        assert any("62.224" in line for line in after)
