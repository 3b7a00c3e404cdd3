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
