"""Benchmark: our DOCX export of a 60+ page report vs plain python-docx writing the same text.

The report is the three sample reports concatenated (sections, limitations, measures, footnotes),
repeated until it holds about 60 pages of text. "Plain" writes the same paragraphs with
python-docx's defaults: no header table, styles, footnotes or numbering logic. Both run in this
process, interleaved; the medians and their ratio are printed. Target: ratio ≤ 1.5.
"""
from __future__ import annotations

import copy
import io
import shutil
import subprocess

from _common import median_times, sample_db, tmpdir

from tudanhgia.domain.model import Report
from tudanhgia.render.docx_writer import build_docx
from tudanhgia.render.layout import layout
from tudanhgia.render.text import to_paragraphs
from tudanhgia.services import ReportService

WORDS_PER_PAGE = 420  # Times New Roman 14 pt, 165 mm lines, 1.15 spacing (measured: 23944 words, 57 pages)


def big_report(service: ReportService, pages: int = 60) -> Report:
    parts = [service.get_report(i) for i in (1, 2, 3)]
    big = copy.deepcopy(parts[0])
    big.sections, big.limitations, big.measures = [], [], []
    i = 0
    while big.word_count() < pages * WORDS_PER_PAGE:
        r = copy.deepcopy(parts[i % len(parts)])
        big.sections += r.sections
        big.limitations += r.limitations
        big.measures += r.measures
        i += 1
    big.levels = parts[2].levels if len(parts[2].levels) >= len(big.levels) else big.levels
    return big


def ours(report: Report):
    def run():
        buf = io.BytesIO()
        build_docx(layout(report), report.levels, report.title, report.unit_name).save(buf)
        return buf
    return run


def plain(paragraphs: list[str]):
    from docx import Document

    def run():
        doc = Document()
        for text in paragraphs:
            doc.add_paragraph(text)
        buf = io.BytesIO()
        doc.save(buf)
        return buf
    return run


def pdf_pages(data: bytes) -> int | None:
    soffice = shutil.which("soffice")
    if not soffice:
        return None
    d = tmpdir()
    (d / "big.docx").write_bytes(data)
    subprocess.run([soffice, f"-env:UserInstallation={(d / 'profile').as_uri()}", "--headless", "--convert-to",
                    "pdf", "--outdir", str(d), str(d / "big.docx")], capture_output=True, timeout=300)
    info = subprocess.run(["pdfinfo", str(d / "big.pdf")], capture_output=True, text=True).stdout
    pages = next((int(line.split()[-1]) for line in info.splitlines() if line.startswith("Pages:")), None)
    shutil.rmtree(d, ignore_errors=True)
    return pages


def main() -> None:
    service = ReportService.open(sample_db(), create=False)
    report = big_report(service)
    paragraphs = to_paragraphs(layout(report))
    pages = pdf_pages(ours(report)().getvalue())
    result = median_times({"ours": ours(report), "plain": plain(paragraphs)})
    print(f"report: {len(paragraphs)} paragraphs, {report.word_count()} words, "
          f"{pages if pages else '?'} pages in LibreOffice, "
          f"{sum(len(p.footnotes) for s in report.walk() for p in s.body.paragraphs)} footnotes")
    print(f"ours  (layout + DOCX with Nghị định 30 formatting): {result['ours'] * 1000:7.1f} ms median")
    print(f"plain (python-docx, same paragraphs, defaults):     {result['plain'] * 1000:7.1f} ms median")
    print(f"ratio ours/plain: {result['ours'] / result['plain']:.2f}  (target ≤ 1.5)")
    service.close()


if __name__ == "__main__":
    main()
