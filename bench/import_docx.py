"""Benchmark: reading a 60-page report's DOCX for import (our guarded reader: sizes counted while
unzipping, element counts, no DTDs) vs a plain read of the same package (zipfile + lxml parse of
the document part, every paragraph's text joined), and the whole import (read + recognise).

The DOCX is our own export of the three sample reports repeated to about 60 pages (as in
bench/export.py). Both run in this process, interleaved; medians and the ratio are printed.
The guarded reader also builds rich paragraphs, styles, numbering and notes, so the ratio is
large by nature (6–11 on this machine, depending on its load); what matters is that the guards
do not move it: see docs/reliability.md, "Hostile files", for the before/after figure."""
from __future__ import annotations

import zipfile

from _common import median_times, sample_db, tmpdir
from export import big_report

from lxml import etree

from tudanhgia.importer.docx_reader import read_any
from tudanhgia.render.docx_writer import build_docx
from tudanhgia.render.layout import layout
from tudanhgia.services import ReportService
from tudanhgia.services.importing import recognise

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def plain(path):
    def run():
        with zipfile.ZipFile(path) as zf:
            root = etree.fromstring(zf.read("word/document.xml"))
        return ["".join(t.text or "" for t in p.iter(f"{W}t")) for p in root.iter(f"{W}p")]
    return run


def main() -> None:
    service = ReportService.open(sample_db(), create=False)
    report = big_report(service)
    path = tmpdir() / "big.docx"
    build_docx(layout(report), report.levels, report.title, report.unit_name).save(str(path))
    doc = read_any(path)
    result = median_times({"ours": lambda: read_any(path), "plain": plain(path),
                           "import": lambda: recognise(service, read_any(path))})
    print(f"document: {path.stat().st_size // 1024} KB, {len(doc.lines)} source lines")
    print(f"ours   (guarded read into rich source lines):     {result['ours'] * 1000:7.1f} ms median")
    print(f"plain  (zipfile + lxml, paragraph texts):          {result['plain'] * 1000:7.1f} ms median")
    print(f"import (guarded read + recognition):               {result['import'] * 1000:7.1f} ms median")
    print(f"ratio ours/plain: {result['ours'] / result['plain']:.2f}")
    print(f"ratio import/plain: {result['import'] / result['plain']:.2f}")
    service.close()


if __name__ == "__main__":
    main()
