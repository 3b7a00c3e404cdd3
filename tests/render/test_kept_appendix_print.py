"""An imported appendix table prints as a table an officer would sign (found by the GUI tester):
columns sized by what they hold — not equal shares that made "STT" as wide as "Chỉ tiêu" — and
the group headings ("I | CÔNG TÁC TIẾP CÔNG DÂN") bold, in the DOCX and in Xem trước."""
from __future__ import annotations

import sys
from pathlib import Path

import docx
from docx.shared import Mm

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from appendix_docx import ROWS, imported   # the small Word report with its appendix, imported


def _kept_table(path: Path):
    tables = docx.Document(str(path)).tables
    return next(t for t in tables if t.rows[0].cells[0].text == "STT" and t.rows[0].cells[1].text == "Chỉ tiêu")


def test_the_kept_table_prints_with_columns_sized_by_their_text_and_bold_groups(service, tmp_path):
    from tudanhgia.services.export import export_docx
    report_id = imported(service, tmp_path)
    table = _kept_table(export_docx(service, report_id, tmp_path / "in.docx"))
    widths = [c.width for c in table.columns]
    assert abs(widths[0] - Mm(14)) < Mm(0.5)                       # STT: a number and its bold header fit
    assert widths[1] == max(widths) and widths[1] > Mm(60)         # Chỉ tiêu: the long texts
    assert all(Mm(16) - Mm(0.5) <= w <= Mm(35) + Mm(0.5) for w in widths[2:])   # short texts
    assert sum(widths[2:]) <= Mm(76) + Mm(0.5)
    for r, row in enumerate(ROWS, 1):
        runs = [run for cell in table.rows[r].cells for p in cell.paragraphs for run in p.runs]
        group = row[0] in ("I", "II")                              # written by hand: the two group rows
        assert runs and all(bool(run.bold) == group for run in runs), (row, [run.bold for run in runs])


def test_the_preview_shows_the_groups_bold_too(service, tmp_path):
    from tudanhgia.render.html import to_html
    from tudanhgia.render.layout import layout
    report = service.get_report(imported(service, tmp_path))
    html = to_html(layout(report))
    group = html[html.index("CÔNG TÁC TIẾP CÔNG DÂN") - 300:html.index("CÔNG TÁC TIẾP CÔNG DÂN")]
    item = html[html.index("Số lượt tiếp công dân") - 300:html.index("Số lượt tiếp công dân")]
    assert "font-weight:700" in group.rsplit("<td", 1)[-1] or "font-weight:bold" in group.rsplit("<td", 1)[-1]
    assert "font-weight:700" not in item.rsplit("<td", 1)[-1] and "font-weight:bold" not in item.rsplit("<td", 1)[-1]


def _attached_line(service, report_id: int, path: Path) -> str:
    from tudanhgia.services.export import export_docx
    paras = docx.Document(str(export_docx(service, report_id, path))).paragraphs
    return next(p.text for p in paras if p.text.startswith("(Kèm theo"))


def test_a_regenerated_attached_line_names_the_documents_issuing_agency(service, unit, tmp_path):
    """Found by the GUI tester: imported into the unit 'Văn phòng UBND tỉnh Quảng Ngãi' with 'Tạo lại
    dòng (Kèm theo …)', a report of ỦY BAN NHÂN DÂN XÃ A said 'của Văn phòng UBND tỉnh Quảng Ngãi'.
    The line names the agency that issues the document, its place name kept capital (Nghị định 30)."""
    from appendix_docx import write_report
    from tudanhgia.services.importing import import_file
    path = write_report(tmp_path / "xa-a.docx")
    rid = import_file(service, path, unit_id=unit.id, regenerate_attached=True).report.id
    report = service.get_report(rid)
    assert report.unit_name == "Văn phòng UBND tỉnh Quảng Ngãi" and report.appendix_attached == ""
    cases = [("UBND HUYỆN SƠN TỊNH", "ỦY BAN NHÂN DÂN XÃ A", "Ủy ban nhân dân xã A"),
             ("", "UBND THÀNH PHỐ HỒ CHÍ MINH", "UBND thành phố Hồ Chí Minh"),
             ("", "Ủy ban nhân dân thị xã Đức Phổ", "Ủy ban nhân dân thị xã Đức Phổ"),   # typed as it prints
             ("UBND TỈNH QUẢNG NGÃI", "VĂN PHÒNG", "Văn phòng UBND tỉnh Quảng Ngãi"),   # the unit's own: its full name
             ("", "", "Văn phòng UBND tỉnh Quảng Ngãi")]
    for i, (parent, agency, named) in enumerate(cases):
        report = service.get_report(rid)
        report.meta.parent_agency, report.meta.issuing_agency = parent, agency
        service.update_report(report)
        assert _attached_line(service, rid, tmp_path / f"in{i}.docx").endswith(f" của {named})"), agency


def test_a_kept_table_left_without_columns_or_rows_still_exports(service, tmp_path):
    """Rows emptied of every cell, or a header alone: the export must not fail (it raised on an
    empty max() while sizing the columns)."""
    from tudanhgia.domain.model import AppendixTable
    from tudanhgia.services.export import export_docx
    report_id = imported(service, tmp_path)
    for table in (AppendixTable([], [[], []]), AppendixTable(["Chỉ tiêu"], [])):
        service.set_appendix_table(report_id, table)
        out = export_docx(service, report_id, tmp_path / "rong.docx")
        texts = [c.text for t in docx.Document(str(out)).tables for row in t.rows for c in row.cells]
        assert "Số lượt tiếp công dân" not in texts
        assert not table.header or "Chỉ tiêu" in texts
