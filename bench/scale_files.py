"""Benchmark: the file side of issue 12 at scale — Excel export and import of 100 and 1,000
measures, DOCX import of a 300-section report, and the whole `tudanhgia export` process — each
against a plain baseline of the same size measured in the same run (medians and p95 of
interleaved runs, and the ratio of the fastest runs, which other programs' load disturbs least),
with the issue's targets (≤ 2× each, on the medians).

Data are made through the services from a copy of the sample database: a plan whose 1,000 (and
100) measures are the sample plan's measures repeated under limitations of four measures each,
every text numbered so no two rows are alike; and a report of 300 sections (the sample reports'
outlines repeated) with 150 limitations × 3 measures, exported by our DOCX backend — the DOCX the
import reads.

    python bench/scale_files.py               # every row
    python bench/scale_files.py --rows xlsx   # only the rows whose name starts with "xlsx"

Baselines:
- xlsx export: plain openpyxl writing the same sheet the ordinary way (the same values, a font,
  border and alignment set on each cell, bold grey headers, the columns' widths) to a file; no
  fitting, finishing or reading back. The values alone, unstyled, are timed too and shown;
- xlsx import: openpyxl loading the sheet as our reader does (the whole workbook: the read-only
  mode knows no merged cells, which the reader must find) and reading its rows, then plain sqlite3
  updating the same rows' status and result in one transaction;
- docx import: python-docx opening the file and reading every paragraph's and table cell's text;
- cli export: a python-docx script writing the same paragraphs, as a whole process each.
"""
from __future__ import annotations

import argparse
import copy
import json
import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from _common import ROOT, sample_db, tmpdir

from tudanhgia.domain.model import Limitation, Measure, MeasureStatus, Report
from tudanhgia.domain.richtext import RichText
from tudanhgia.services import ReportService

PYTHON = sys.executable
ENV = {**os.environ, "PYTHONPATH": str(ROOT / "desktop")}
MEASURES_PER_LIMITATION = 4


# --- timing ------------------------------------------------------------------------------------------
@dataclass
class Result:
    name: str
    ours: list[float]
    plain: list[float]
    target: float | None = 2.0     # None: a row of the cost curve, not one of the targets
    note: str = ""

    @staticmethod
    def p95(values: list[float]) -> float:
        values = sorted(values)
        return values[min(len(values) - 1, round(0.95 * (len(values) - 1)))]

    def line(self) -> str:
        o, p = statistics.median(self.ours), statistics.median(self.plain)
        ratio, p95 = o / p, self.p95(self.ours) / self.p95(self.plain)
        if self.target is None:
            verdict = "(cost curve; the target is at 1,000)"
        else:
            ok = "ok" if ratio <= self.target and p95 <= 2 * self.target else "OVER"
            verdict = f"target ≤ {self.target:g}  {ok}"
        return (f"{self.name:<30} ours {o * 1000:7.1f} ms (p95 {self.p95(self.ours) * 1000:7.1f})  "
                f"plain {p * 1000:7.1f} ms (p95 {self.p95(self.plain) * 1000:7.1f})  "
                f"ratio {ratio:5.2f} (p95 {p95:5.2f}, best {min(self.ours) / min(self.plain):4.2f})  "
                f"{verdict}{self.note}")


def interleaved(ours: Callable[[], object], plain: Callable[[], object], repeat: int,
                *more: Callable[[], object]) -> tuple[list[float], ...]:
    """Alternate the functions (one warm-up each, not counted), so load changes hit all alike:
    the times of `ours`, `plain` and each of `more`."""
    funcs = (ours, plain, *more)
    for fn in funcs:
        fn()
    times: tuple[list[float], ...] = tuple([] for _ in funcs)
    for _ in range(repeat):
        for fn, out in zip(funcs, times, strict=True):
            t0 = time.perf_counter()
            fn()
            out.append(time.perf_counter() - t0)
    return times


# --- data --------------------------------------------------------------------------------------------
def open_copy(folder: Path) -> ReportService:
    db = folder / "scale-files.sqlite"
    shutil.copy(sample_db(), db)
    return ReportService.open(db, create=False)


def _fresh(report: Report) -> Report:
    """A copy of `report` to store as a new one: outline and fields kept, no ids, no items."""
    new = copy.deepcopy(report)
    new.id, new.source_report_id, new.created_at, new.updated_at = None, None, None, None
    for s in new.walk():
        s.id = None
    for ind in new.indicators:
        ind.id = None
    new.limitations, new.measures = [], []
    return new


def _numbered(text: RichText, n: int) -> RichText:
    return RichText.from_plain(f"{text.plain} (nội dung {n})")


def _limitations(source: Report, count: int, per: int) -> list[Limitation]:
    """`count` limitations of `per` measures each, texts taken in turn from `source` and numbered."""
    lims = source.limitations
    measures = [m for lim in lims for m in lim.measures] + source.measures
    out = []
    for i in range(count):
        base = lims[i % len(lims)]
        lim = Limitation(text=_numbered(base.text, i + 1), cause_subjective=base.cause_subjective,
                         cause_objective=base.cause_objective, origin=base.origin)
        for j in range(per):
            m = measures[(i * per + j) % len(measures)]
            n = i * per + j + 1
            lim.measures.append(Measure(
                content=m.content, measure=_numbered(m.measure, n), directed_by=m.directed_by,
                lead_unit=m.lead_unit, cooperating=m.cooperating, timeframe=m.timeframe, due=m.due,
                status=m.status, result=m.result and f"{m.result} (đợt {n})"))
        out.append(lim)
    return out


def measures_report(service: ReportService, n: int) -> int:
    """A plan with `n` measures (limitations of four), stored through the service."""
    plan = service.get_report(2)
    report = _fresh(plan)
    report.limitations = _limitations(plan, n // MEASURES_PER_LIMITATION, MEASURES_PER_LIMITATION)
    return service.add_report(report).id


def big_report(service: ReportService, sections: int = 300, limitations: int = 150, per: int = 3) -> int:
    """The sample reports' outlines repeated to `sections` sections, with limitations × measures."""
    parts = [service.get_report(i) for i in (1, 3)]
    report = _fresh(parts[1])
    report.sections = []
    i = 0
    while sum(1 for _ in report.walk()) < sections:
        for top in _fresh(parts[i % 2]).sections:
            if sum(1 for _ in report.walk()) + sum(1 for _ in top.walk()) <= sections:
                report.sections.append(top)
        i += 1
        if i > 4 * sections:
            break
    report.limitations = _limitations(service.get_report(2), limitations, per)
    return service.add_report(report).id


# --- Excel -------------------------------------------------------------------------------------------
def plain_sheet(values: list[list], title: str, path: Path) -> None:
    """The measures sheet written the ordinary openpyxl way: a font, border and alignment set on
    each cell, bold grey headers, the columns' widths; no fitting, finishing or reading back."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter

    from tudanhgia.render.xlsx import _MEASURE_COLUMNS
    font, bold = Font(name="Times New Roman", size=12), Font(name="Times New Roman", size=12, bold=True)
    thin = Side(style="thin")
    border, fill = Border(left=thin, right=thin, top=thin, bottom=thin), PatternFill("solid", fgColor="D9D9D9")
    wrap = Alignment(vertical="top", wrap_text=True)
    wb = Workbook()
    ws = wb.active
    ws.cell(1, 1).value = title
    for c, label in enumerate((c[1] for c in _MEASURE_COLUMNS), 1):
        cell = ws.cell(2, c)
        cell.value, cell.font, cell.border, cell.fill, cell.alignment = label, bold, border, fill, wrap
    for r, row in enumerate(values, 3):
        for c, value in enumerate(row, 1):
            cell = ws.cell(r, c)
            cell.value, cell.font, cell.border, cell.alignment = value, font, border, wrap
    for i, c in enumerate(_MEASURE_COLUMNS, 1):
        ws.column_dimensions[get_column_letter(i)].width = c[2]
    wb.save(path)


def xlsx_export(service: ReportService, folder: Path, n: int, repeat: int) -> Result:
    from openpyxl import Workbook

    from tudanhgia.render.xlsx import _MEASURE_COLUMNS, _measure_values
    from tudanhgia.services.xlsx import export_measures, measures_sheet_title, rows_for_report

    report = service.get_report(measures_report(service, n))
    rows = rows_for_report(report)
    assert len(rows) == n, len(rows)
    title, subtitle = measures_sheet_title(report)
    keys = [c[0] for c in _MEASURE_COLUMNS]
    values = [[v[k] for k in keys] for v in (_measure_values(r, i) for i, r in enumerate(rows, 1))]

    def plain() -> None:
        plain_sheet(values, title, folder / f"plain-{n}.xlsx")

    def values_only() -> None:
        wb = Workbook()
        ws = wb.active
        ws.append([title])
        ws.append([c[1] for c in _MEASURE_COLUMNS])
        for row in values:
            ws.append(row)
        wb.save(folder / f"values-{n}.xlsx")

    ours, base, bare = interleaved(
        lambda: export_measures(service, rows, folder / f"ours-{n}.xlsx", title, subtitle), plain, repeat, values_only)
    return Result(f"xlsx export, {n:,} measures", ours, base, 2.0 if n >= 1000 else None,
                  note=f"  (values only, no styles: {statistics.median(bare) * 1000:.1f} ms, "
                       f"ratio {statistics.median(ours) / statistics.median(bare):.2f})")


def xlsx_export_reports(service: ReportService, folder: Path, reports: int, repeat: int) -> Result:
    """The measures board's sheet of many reports (12 measures each, as a unit's plans): the sheet
    keeps a version of every report it lists (issue 17). Before each run every report gets one
    changed measure (untimed), so every run keeps a new version of each, as the first export after
    a day's work does; the baseline is plain openpyxl writing the same values as xlsx_export's."""
    from tudanhgia.render.xlsx import _MEASURE_COLUMNS, _measure_values
    from tudanhgia.services.xlsx import export_measures, rows_for_report

    plan = service.get_report(2)
    ids = []
    for _ in range(reports):
        report = _fresh(plan)
        report.limitations = _limitations(plan, 3, MEASURES_PER_LIMITATION)
        ids.append(service.add_report(report).id)
    loaded = [service.get_report(i) for i in ids]
    rows = [row for report in loaded for row in rows_for_report(report)]
    keys = [c[0] for c in _MEASURE_COLUMNS]
    values = [[v[k] for k in keys] for v in (_measure_values(r, i) for i, r in enumerate(rows, 1))]
    firsts = [report.limitations[0].measures[0] for report in loaded]

    def touch(k: int) -> None:
        for m in firsts:
            m.result = f"Kết quả lần {k}"
            service.update_measure(m)

    def plain() -> None:
        plain_sheet(values, "Biện pháp khắc phục", folder / "plain-board.xlsx")

    ours_t: list[float] = []
    plain_t: list[float] = []
    again_t: list[float] = []
    for k in range(repeat + 1):   # the first round warms up, not counted
        touch(k)
        t0 = time.perf_counter()
        export_measures(service, rows, folder / "ours-board.xlsx", "Biện pháp khắc phục", "")
        t1 = time.perf_counter()
        plain()
        t2 = time.perf_counter()
        export_measures(service, rows, folder / "ours-board-again.xlsx", "Biện pháp khắc phục", "")
        t3 = time.perf_counter()
        if k:
            ours_t.append(t1 - t0)
            plain_t.append(t2 - t1)
            again_t.append(t3 - t2)
    return Result(f"xlsx export, {len(rows):,} measures of {reports} reports", ours_t, plain_t, 2.0,
                  note=f"  (a new version of every report each run; the same sheet again, nothing changed: "
                       f"{statistics.median(again_t) * 1000:.1f} ms, "
                       f"ratio {statistics.median(again_t) / statistics.median(plain_t):.2f})")


def _edited_sheets(path: Path, folder: Path) -> list[Path]:
    """Two copies of an exported sheet, each changing every row's status and result (the runs
    alternate between them, so every run applies every row)."""
    import openpyxl
    out = []
    for k, status in enumerate((MeasureStatus.DONE, MeasureStatus.IN_PROGRESS)):
        wb = openpyxl.load_workbook(path)
        ws = wb.active
        header = next(r for r in range(1, 10) if ws.cell(r, 1).value == "STT")
        cols = {ws.cell(header, c).value: c for c in range(1, ws.max_column + 1)}
        for r in range(header + 1, ws.max_row + 1):
            ws.cell(r, cols["Trạng thái"]).value = status.label
            ws.cell(r, cols["Kết quả thực hiện"]).value = f"Đã báo cáo kết quả đợt {k + 1}, dòng {r}"
        target = folder / f"edited-{len(out)}-{path.name}"
        wb.save(target)
        out.append(target)
    return out


def xlsx_import(service: ReportService, folder: Path, n: int, repeat: int) -> Result:
    import openpyxl

    from tudanhgia.services.xlsx import (apply_measure_updates, export_measures, measures_sheet_title,
                                         read_measure_updates, rows_for_report)

    report = service.get_report(measures_report(service, n))
    title, subtitle = measures_sheet_title(report)
    sheets = _edited_sheets(export_measures(service, rows_for_report(report), folder / f"out-{n}.xlsx",
                                            title, subtitle), folder)
    plain_db = folder / f"plain-{n}.sqlite"
    shutil.copy(service.repo.db.path, plain_db)     # after the export: the same measures
    status_code = {s.label: s.value for s in MeasureStatus}
    turn = {"ours": 0, "plain": 0}

    def ours() -> None:
        sheet = sheets[turn["ours"] % 2]
        turn["ours"] += 1
        changed = apply_measure_updates(service, read_measure_updates(service, sheet))
        assert changed == n, changed

    def plain() -> None:
        sheet = sheets[turn["plain"] % 2]
        turn["plain"] += 1
        wb = openpyxl.load_workbook(sheet, data_only=True)
        ws = wb.active
        rows = iter(ws.iter_rows(values_only=True))
        head = next(r for r in rows if r and r[0] == "STT")
        status, result, code = (head.index(h) for h in ("Trạng thái", "Kết quả thực hiện", "Mã (không sửa)"))
        updates = [(status_code[r[status]], r[result], int(r[code][3:])) for r in rows if r[code]]
        wb.close()
        con = sqlite3.connect(plain_db)
        with con:
            con.executemany("UPDATE measure SET status = ?, result = ? WHERE id = ?", updates)
        con.close()
        assert len(updates) == n

    ours_t, base = interleaved(ours, plain, repeat)
    return Result(f"xlsx import, {n:,} changes", ours_t, base, 2.0 if n >= 1000 else None,
                  note="  (one transaction)" if n >= 1000 else "")


# --- DOCX --------------------------------------------------------------------------------------------
def docx_of_big_report(service: ReportService, folder: Path) -> tuple[int, Path]:
    report_id = big_report(service)
    path = service.export_docx(report_id, folder / "big-300.docx")
    return report_id, path


def docx_import(service: ReportService, path: Path, repeat: int) -> Result:
    from docx import Document

    from tudanhgia.importer.docx_reader import read_any
    from tudanhgia.services.importing import recognise

    def plain() -> list[str]:
        doc = Document(str(path))
        texts = [p.text for p in doc.paragraphs]
        for table in doc.tables:
            for row in table.rows:
                texts += [c.text for c in row.cells]
        return texts

    result = recognise(service, read_any(path))
    sections = sum(1 for _ in result.report.walk())
    ours, base = interleaved(lambda: recognise(service, read_any(path)), plain, repeat)
    return Result("docx import, 300 sections", ours, base,
                  note=f"  (read + recognition; {sections} sections recognised)")


PLAIN_SCRIPT = """
import json, sys
from docx import Document
doc = Document()
for text in json.load(open(sys.argv[1], encoding="utf-8")):
    doc.add_paragraph(text)
doc.save(sys.argv[2])
"""


def cli_export(service: ReportService, report_id: int, folder: Path, repeat: int) -> tuple[Result, str]:
    from tudanhgia.render.layout import layout
    from tudanhgia.render.text import to_paragraphs

    paragraphs = folder / "paragraphs.json"
    paragraphs.write_text(json.dumps(to_paragraphs(layout(service.get_report(report_id))), ensure_ascii=False),
                          encoding="utf-8")
    script = folder / "plain_docx.py"
    script.write_text(PLAIN_SCRIPT, encoding="utf-8")
    db, data = service.repo.db.path, folder / "data"
    cmd = [PYTHON, "-m", "tudanhgia", "export", str(report_id), "--db", str(db), "--data-dir", str(data),
           "--out", str(folder / "cli.docx")]

    def run(argv: list[str]) -> Callable[[], None]:
        def go() -> None:
            done = subprocess.run(argv, env=ENV, capture_output=True, text=True, timeout=120)
            assert done.returncode == 0, done.stderr
        return go

    ours, base = interleaved(run(cmd), run([PYTHON, str(script), str(paragraphs), str(folder / "plain.docx")]),
                             repeat)
    done = subprocess.run([PYTHON, "-X", "importtime", *cmd[1:]], env=ENV, capture_output=True, text=True,
                          timeout=120)
    loaded = {line.split("|")[-1].strip().split(".")[0] for line in done.stderr.splitlines()
              if line.startswith("import time:")}
    heavy = ["PySide6", "openpyxl", "alembic", "sqlalchemy", "docx", "lxml"]
    imports = "modules the export command loads: " + ", ".join(
        f"{name} {'yes' if name in loaded else 'no'}" for name in heavy)
    return Result("cli export (whole process)", ours, base, note="  (300 sections, 150 × 3 measures)"), imports


# --- main --------------------------------------------------------------------------------------------
def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", default="", help="only the rows whose name starts with this")
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    folder = tmpdir()
    service = open_copy(folder)
    results: list[Result] = []

    def wanted(name: str) -> bool:
        return name.startswith(args.rows)

    try:
        for what, run in (("xlsx export", xlsx_export), ("xlsx import", xlsx_import)):
            if wanted(what):
                for n in (100, 1000):
                    results.append(run(service, folder, n, args.repeat))
                    print(results[-1].line(), flush=True)
                if what == "xlsx export":
                    results.append(xlsx_export_reports(service, folder, 100, args.repeat))
                    print(results[-1].line(), flush=True)
        imports = ""
        if wanted("docx import") or wanted("cli export"):
            report_id, path = docx_of_big_report(service, folder)
            if wanted("docx import"):
                results.append(docx_import(service, path, args.repeat))
                print(results[-1].line(), flush=True)
            if wanted("cli export"):
                result, imports = cli_export(service, report_id, folder, args.repeat)
                results.append(result)
                print(result.line(), flush=True)
        by_name = {r.name: r for r in results}
        for what, unit in (("xlsx export", "measures"), ("xlsx import", "changes")):
            small, large = by_name.get(f"{what}, 100 {unit}"), by_name.get(f"{what}, 1,000 {unit}")
            if small and large:
                ours = statistics.median(large.ours) / statistics.median(small.ours)
                plain = statistics.median(large.plain) / statistics.median(small.plain)
                print(f"cost per 10× data, {what} (100 → 1,000 {unit}): ours ×{ours:.1f}, plain ×{plain:.1f}")
        if imports:
            print(imports)
    finally:
        service.close()
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
