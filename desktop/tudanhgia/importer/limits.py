"""How much an imported file may hold, and the checks of what was read against it before anything
is saved. A real report is a few hundred paragraphs and a few hundred thousand characters; the
limits sit far above that (about 50 times) and far below what would make the program slow,
swallow memory or break the editor and the exports. Every refusal names the file and says, in
Vietnamese, what is too big and by how much."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..domain.model import Report
from .source import ImportFailure, SourceDocument

MB = 1024 * 1024

# What reading may be told: the fraction done (0..1). The callable may raise ImportCancelled to
# stop the reading where it is (the UI's Cancel button); readers call it often enough for that.
Progress = Callable[[float], None]


@dataclass(frozen=True)
class PackageLimits:
    """A zip package (.docx, .xlsx): checked while it is unpacked, never from what its headers say."""
    file_bytes: int = 50 * MB         # the file on disk, from the file system, before opening it
    directory_bytes: int = 4 * MB     # the zip's list of parts (a real one: a few KB)
    entries: int = 5000               # parts in the package (Word writes 10–100)
    part_bytes: int = 40 * MB         # one part, unpacked, counted as it is decompressed
    total_bytes: int = 120 * MB       # every part read, unpacked, together
    elements: int = 600_000           # XML elements in every part read, together


PACKAGE = PackageLimits()

TEXT_FILE_BYTES = 10 * MB             # a .txt report (a 100-page report is about 0.3 MB)
MAX_PARAGRAPHS = 20_000               # paragraphs of the source (about 400 pages of reports)
MAX_TEXT_CHARS = 4_000_000            # characters of the whole report (about 2 000 pages)
MAX_SECTION_CHARS = 1_000_000         # one section's heading and body
MAX_SECTIONS = 2_000
MAX_DEPTH = 8                         # outline levels: the DOCX export has styles for eight

XLSX_MAX_ROWS = 20_000                # rows holding a value, in all sheets
XLSX_MAX_CELLS = 200_000              # cells written in the file, and shared strings (openpyxl keeps each)


def _n(value: int) -> str:
    """12345 → "12 345" (Vietnamese documents group thousands with a space or a dot)."""
    return f"{value:,}".replace(",", " ")


def mb(n: int) -> str:
    value = n / MB
    return f"{value:.0f}" if value >= 10 else f"{value:.1f}".replace(".", ",")


# --- the source, before recognition -------------------------------------------------------------------
def too_many_paragraphs(name: str) -> ImportFailure:
    return ImportFailure(f"Tệp {name} có hơn {_n(MAX_PARAGRAPHS)} đoạn văn; chỉ nhập được báo cáo tối đa "
                         f"{_n(MAX_PARAGRAPHS)} đoạn (khoảng 400 trang). Nội dung này không giống một báo cáo: "
                         "hãy kiểm tra lại tệp, hoặc tách thành nhiều tệp nhỏ hơn.")


def too_much_text(name: str, chars: int) -> ImportFailure:
    return ImportFailure(f"Tệp {name} có khoảng {_n(chars)} ký tự; chỉ nhập được báo cáo tối đa "
                         f"{_n(MAX_TEXT_CHARS)} ký tự (khoảng 2 000 trang). Hãy kiểm tra lại tệp, hoặc tách "
                         "thành nhiều tệp nhỏ hơn.")


def check_source(doc: SourceDocument) -> None:
    """Refuse a source too big to be a report, before the (slower) recognition looks at it."""
    name = doc.name or "đã chọn"
    if len(doc.lines) > MAX_PARAGRAPHS:
        raise too_many_paragraphs(name)
    total = 0
    for line in doc.lines:
        size = len(line.text) + sum(len(f.text) for f in line.paragraph.footnotes)
        if size > MAX_SECTION_CHARS:
            raise ImportFailure(f"Tệp {name} có một đoạn văn dài {_n(size)} ký tự (đoạn thứ {_n(line.number)}); "
                                f"mỗi mục của báo cáo chỉ được tối đa {_n(MAX_SECTION_CHARS)} ký tự. Hãy kiểm "
                                "tra lại tệp (có thể các dòng đã bị nối liền thành một đoạn).")
        total += size
        if total > MAX_TEXT_CHARS:
            raise too_much_text(name, sum(len(ln.text) for ln in doc.lines))


# --- the recognised report, before it is saved ------------------------------------------------------
def _chars(rich) -> int:
    return sum(len(p.text) + sum(len(f.text) for f in p.footnotes) for p in rich.paragraphs)


def check_report(report: Report, name: str = "") -> None:
    """Refuse an outline or a text the editor and the exports are not made for (numbering depth,
    section count, text per section and in all). Called on the recognised report and again on
    the officer's corrected outline, right before it is saved."""
    what = f"Báo cáo nhập từ tệp {name}" if name else "Báo cáo nhập vào"
    total = 0
    for sections, (section, depth) in enumerate(report.walk_with_depth(), 1):
        if sections > MAX_SECTIONS:
            count = sum(1 for _ in report.walk())
            raise ImportFailure(f"{what} có {_n(count)} mục; chỉ nhập được tối đa {_n(MAX_SECTIONS)} mục. "
                                "Hãy kiểm tra lại tệp: có thể nhiều đoạn văn đã bị nhận nhầm thành đề mục.")
        if depth > MAX_DEPTH:
            raise ImportFailure(f"{what} có dàn ý sâu tới {depth} cấp (mục “{_short(section.heading)}”); chỉ hỗ "
                                f"trợ tối đa {MAX_DEPTH} cấp. Hãy đưa các mục quá sâu lên cấp trên rồi nhập lại.")
        size = len(section.heading) + _chars(section.body)
        if size > MAX_SECTION_CHARS:
            raise ImportFailure(f"{what} có mục “{_short(section.heading)}” dài {_n(size)} ký tự; mỗi mục chỉ được "
                                f"tối đa {_n(MAX_SECTION_CHARS)} ký tự. Hãy tách mục này ra rồi nhập lại.")
        total += size
    for lim in report.limitations:
        total += _chars(lim.text) + _chars(lim.cause_subjective) + _chars(lim.cause_objective)
        total += sum(_chars(m.content) + _chars(m.measure) for m in lim.measures)
    total += sum(_chars(m.content) + _chars(m.measure) for m in report.measures)
    if total > MAX_TEXT_CHARS:
        raise ImportFailure(f"{what} có khoảng {_n(total)} ký tự; chỉ nhập được báo cáo tối đa "
                            f"{_n(MAX_TEXT_CHARS)} ký tự (khoảng 2 000 trang).")


def _short(text: str, size: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= size else text[:size - 1] + "…"
