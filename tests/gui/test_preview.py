"""Print preview, Print and Xuất PDF without Word: the pages as the officer sees and prints them."""
import os
import re
import shutil
import stat
import subprocess

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtGui import QColor
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QDialog, QWidget

from tudanhgia.ui import file_dialogs
from tudanhgia.domain import Indicator
from tudanhgia.render.text import to_paragraphs
from tudanhgia.render.layout import layout
from tudanhgia.services.files import OutputError
from tudanhgia.ui import messages, preview
from tudanhgia.ui.app import make_application
from tudanhgia.ui.preview import PagedDocument, PreviewDialog, a4_printer, export_pdf, print_report

REPORT_1 = "Báo cáo kiểm điểm tập thể năm 2020"


def _tool(name):
    path = shutil.which(name)
    if path is None:
        if os.environ.get("CI"):
            pytest.fail(f"{name} is missing: .ci/run installs it")
        pytest.skip(f"{name} not installed (Debian: poppler-utils)")
    return path


def page_text(pdf, page: int) -> list[str]:
    text = subprocess.run([_tool("pdftotext"), "-layout", "-f", str(page), "-l", str(page), str(pdf), "-"],
                          capture_output=True, text=True, check=True).stdout
    return [line.strip() for line in text.splitlines() if line.strip()]


def all_text(pdf) -> str:
    return subprocess.run([_tool("pdftotext"), str(pdf), "-"], capture_output=True, text=True, check=True).stdout


def header_on_top(lines: list[str]) -> bool:
    """The two-column header opens the page. pdftotext puts the parent agency and the national
    name on one line or on two, in either order, depending on fractions of a point in their
    heights (PITFALLS), so only the set of the first two lines is checked."""
    top = " ".join(lines[:2])
    return "UBND TỈNH QUẢNG NGÃI" in top and "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in top


def page_count(pdf) -> int:
    info = subprocess.run([_tool("pdfinfo"), str(pdf)], capture_output=True, text=True, check=True).stdout
    return int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))


def leftovers(folder):
    return [p.name for p in folder.rglob("*.tmp")]  # beside the target or in its hidden temporary folder


@pytest.fixture(autouse=True)
def app(qapp):
    return make_application()


@pytest.fixture
def no_message_boxes(monkeypatch):
    shown = []
    monkeypatch.setattr(messages, "warn", lambda parent, text: shown.append(text))
    return shown


@pytest.fixture
def theme_report(sample_service):
    """A report with an appendix of indicators (own page, page numbers restart: A1)."""
    unit = sample_service.list_units()[0]
    theme = sample_service.create_report("chuyen-de", "2024-H1", unit.id)
    sample_service.set_indicators(theme.id, [Indicator("Số vụ việc được giải quyết", "vụ", 2, 2),
                                             Indicator("Số hồ sơ trả đúng hạn", "hồ sơ", 62224, 64690)])
    return theme.id


def make_dialog(qtbot, service, report_id, tmp_path):
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    dialog = PreviewDialog(service, report_id, settings=settings)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


# --- the PDF -------------------------------------------------------------------------------------
def test_pdf_of_report_1_page_numbers_from_page_2(sample_service, tmp_path):
    pdf = export_pdf(sample_service, 1, tmp_path / "kiem-diem.pdf")
    assert pdf == tmp_path / "kiem-diem.pdf" and pdf.read_bytes().startswith(b"%PDF")
    assert page_count(pdf) >= 10
    first = page_text(pdf, 1)
    assert header_on_top(first)
    assert not any(line.isdigit() for line in first), "no page number on page 1 (P4)"
    assert page_text(pdf, 2)[0] == "2"
    assert page_text(pdf, 3)[0] == "3"
    text = all_text(pdf)
    assert "Lê Quốc Đạt" in text and "KT. CHÁNH VĂN PHÒNG" in text
    assert text.count("☒") == 6 and text.count("☐") == 5 * 3 + 3, "five self-ratings and the classification"


@pytest.mark.parametrize("report_id", [1, 2, 3])
def test_every_paragraph_reaches_the_pdf(sample_service, tmp_path, report_id):
    """Nothing is lost between the layout and the paper (a lazily laid-out page once was)."""
    pdf = export_pdf(sample_service, report_id, tmp_path / "r.pdf")
    printed = re.sub(r"\s+", "", all_text(pdf))
    lay = layout(sample_service.get_report(report_id))
    paragraphs = to_paragraphs(lay)
    if lay.footnotes:  # a note's superscript number is extracted apart from its text
        paragraphs[-len(lay.footnotes):] = [note.plain for note in lay.footnotes]
    # The header's cells are read in an order that changes with tiny layout differences
    # ("Số:" of one cell, then the national name, then "/BC-VP"): check their words on page 1,
    # in any order; everything after the header as text streams.
    head = paragraphs.index(lay.blocks[1].kind_name)
    page_one = page_text(pdf, 1)
    words = " ".join(page_one).split()
    assert all(w in words for line in paragraphs[:head] for w in line.split()), (paragraphs[:head], page_one)
    missing = [p for p in paragraphs[head:] if re.sub(r"\s+", "", p)[:40] not in printed]
    assert not missing


def test_footnotes_of_report_3_are_printed(sample_service, tmp_path):
    text = all_text(export_pdf(sample_service, 3, tmp_path / "r3.pdf"))
    assert "41 Quyết định quy phạm; 1226 Quyết định của UBND tỉnh" in text
    assert "Cử 01 viên chức tham gia học lớp cao cấp lý luận chính trị" in text


def test_appendix_starts_a_page_and_restarts_numbering(sample_service, tmp_path, theme_report):
    pdf = export_pdf(sample_service, theme_report, tmp_path / "chuyen-de.pdf")
    last = page_text(pdf, page_count(pdf))
    assert last[0] == "PHỤ LỤC SỐ LIỆU", "the appendix starts a page, with no number on it"
    numbers = PagedDocument(sample_service.get_report(theme_report)).numbers
    assert numbers[0] is None and numbers[-1] is None


def test_a_heading_never_ends_a_page(sample_service):
    paged = PagedDocument(sample_service.get_report(1))
    block = paged.doc.begin()
    checked = 0
    while block.isValid():
        if block.userState() == preview.KEEP_WITH_NEXT and block.next().isValid():
            assert paged._page_of(paged._line_top(block)) == paged._page_of(paged._line_top(block.next())), \
                block.text()
            checked += 1
        block = block.next()
    assert checked > 20


def test_suffix_added(sample_service, tmp_path):
    assert export_pdf(sample_service, 2, tmp_path / "ke-hoach").name == "ke-hoach.pdf"


def test_read_only_target_keeps_old_file(sample_service, tmp_path):
    target = tmp_path / "cu.pdf"
    target.write_bytes(b"old contents")
    target.chmod(0o444)
    assert not target.stat().st_mode & stat.S_IWUSR, "read-only by its permission bits (root ignores them)"
    with pytest.raises(OutputError, match="chỉ cho phép đọc"):
        export_pdf(sample_service, 1, target)
    assert target.read_bytes() == b"old contents" and not leftovers(tmp_path)


# --- printing --------------------------------------------------------------------------------------
def pdf_printer(path) -> QPrinter:
    printer = a4_printer()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    return printer


def test_print_report_paginates_like_the_pdf(sample_service, tmp_path):
    out = tmp_path / "in.pdf"
    sent = print_report(sample_service, 1, pdf_printer(out))
    assert sent == page_count(out) == page_count(export_pdf(sample_service, 1, tmp_path / "x.pdf"))
    assert not any(line.isdigit() for line in page_text(out, 1))
    assert page_text(out, 2)[0] == "2"


def test_print_puts_the_pages_on_a4_whatever_the_printer_default(sample_service, tmp_path):
    out = tmp_path / "mac-dinh.pdf"
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)  # as a caller might pass it, no page size set
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(out))
    print_report(sample_service, 2, printer)
    info = subprocess.run([_tool("pdfinfo"), str(out)], capture_output=True, text=True, check=True).stdout
    size = next(line for line in info.splitlines() if line.startswith("Page size:"))
    width, height = (float(x) for x in re.findall(r"[\d.]+", size)[:2])
    assert (round(width * 25.4 / 72), round(height * 25.4 / 72)) == (210, 297), size


def test_print_honours_the_page_range(sample_service, tmp_path):
    out = tmp_path / "trang-2-3.pdf"
    printer = pdf_printer(out)
    printer.setPrintRange(QPrinter.PrintRange.PageRange)
    printer.setFromTo(2, 3)
    assert print_report(sample_service, 1, printer) == 2
    assert page_count(out) == 2 and page_text(out, 1)[0] == "2" and page_text(out, 2)[0] == "3"


# --- the dialog ------------------------------------------------------------------------------------
def test_dialog_shows_report_1_on_paper_pages(qtbot, sample_service, tmp_path):
    dialog = make_dialog(qtbot, sample_service, 1, tmp_path)
    assert REPORT_1 in dialog.windowTitle()
    text = dialog.document.toPlainText()
    assert "BÁO CÁO KIỂM ĐIỂM TẬP THỂ" in text and "Năm 2020" in text and "Lê Quốc Đạt" in text
    assert len(dialog.pages) == dialog.paged.page_count >= 10
    assert dialog.page_label.text() == f"Trang 1/{dialog.paged.page_count}"
    assert [a.text() for a in (dialog.act_print, dialog.act_pdf, dialog.act_close)] == ["In…", "Xuất PDF…", "Đóng"]
    shot = dialog.view.viewport().grab().toImage()
    colours = {QColor(shot.pixel(x, y)).name() for x in range(0, shot.width(), 7) for y in range(0, shot.height(), 7)}
    assert "#ffffff" in colours, "white paper"
    assert any(QColor(c).lightness() < 60 for c in colours), "black text on it"
    assert any(QColor(c) == dialog.view.backgroundBrush().color() for c in colours), "the desk around the page"


def test_zoom_in_and_out(qtbot, sample_service, tmp_path):
    dialog = make_dialog(qtbot, sample_service, 2, tmp_path)
    dialog.set_zoom(1.0)
    dialog.act_zoom_in.trigger()
    assert dialog.zoom > 1.0 and dialog.zoom_label.text() == f"{round(dialog.zoom * 100)}%"
    assert dialog.view.transform().m11() == pytest.approx(dialog.zoom)
    dialog.act_zoom_out.trigger()
    dialog.act_zoom_out.trigger()
    assert dialog.zoom < 1.0
    for _ in range(30):
        dialog.act_zoom_out.trigger()
    assert not dialog.act_zoom_out.isEnabled() and dialog.act_zoom_in.isEnabled()


def test_dialog_exports_pdf_and_remembers_the_folder(qtbot, sample_service, tmp_path, monkeypatch,
                                                      no_message_boxes):
    dialog = make_dialog(qtbot, sample_service, 1, tmp_path)
    folder = tmp_path / "xuat"
    folder.mkdir()
    asked = []

    def save_name(parent, caption, start, filters):
        asked.append(start)
        return str(folder / "bao-cao.pdf"), filters
    monkeypatch.setattr(file_dialogs, "save_file_name", save_name)
    dialog.act_pdf.trigger()
    assert os.path.basename(asked[0]) == "BC-kiem-diem-tap-the-2020.pdf"
    pdf = folder / "bao-cao.pdf"
    assert pdf.read_bytes().startswith(b"%PDF") and page_count(pdf) == dialog.paged.page_count
    assert dialog.settings.value("export/last_dir") == str(folder)
    assert "Đã lưu tệp PDF" in dialog.status.text()
    from tudanhgia.services.export import export_history
    history = export_history(sample_service, 1)        # recorded like Tệp ▸ Xuất PDF
    assert [(h.format, h.path) for h in history] == [("pdf", str(pdf.resolve()))]
    dialog.act_pdf.trigger()
    assert os.path.dirname(asked[1]) == str(folder), "the last folder is offered again"
    assert no_message_boxes == []


def test_dialog_read_only_target_warns_in_vietnamese_and_keeps_old_file(qtbot, sample_service, tmp_path,
                                                                        monkeypatch, no_message_boxes):
    dialog = make_dialog(qtbot, sample_service, 1, tmp_path)
    target = tmp_path / "cu.pdf"
    target.write_bytes(b"old contents")
    target.chmod(0o444)
    assert not target.stat().st_mode & stat.S_IWUSR
    monkeypatch.setattr(file_dialogs, "save_file_name", lambda *args: (str(target), "Tệp PDF (*.pdf)"))
    dialog.act_pdf.trigger()
    assert len(no_message_boxes) == 1
    assert "cu.pdf" in no_message_boxes[0] and "chỉ cho phép đọc" in no_message_boxes[0]
    assert "tệp cũ vẫn được giữ nguyên" in no_message_boxes[0]
    assert target.read_bytes() == b"old contents" and not leftovers(tmp_path)
    assert dialog.settings.value("export/last_dir") is None


def test_cancelled_save_dialog_writes_nothing(qtbot, sample_service, tmp_path, monkeypatch, no_message_boxes):
    dialog = make_dialog(qtbot, sample_service, 1, tmp_path)
    monkeypatch.setattr(file_dialogs, "save_file_name", lambda *args: ("", ""))
    dialog.act_pdf.trigger()
    assert not list(tmp_path.glob("*.pdf")) and no_message_boxes == [] and dialog.status.text() == ""


class FakePrintDialog:
    """Stands in for QPrintDialog: the officer picks "print to file" and confirms."""
    target = None

    def __init__(self, printer, parent=None):
        self.printer = printer

    def setWindowTitle(self, title):
        pass

    def setMinMax(self, low, high):
        self.range = (low, high)

    def setOption(self, option, on=True):
        pass

    def exec(self):
        self.printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        self.printer.setOutputFileName(str(self.target))
        return QDialog.DialogCode.Accepted


def test_dialog_prints_through_the_print_dialog(qtbot, sample_service, tmp_path, monkeypatch, no_message_boxes):
    dialog = make_dialog(qtbot, sample_service, 1, tmp_path)
    FakePrintDialog.target = tmp_path / "may-in.pdf"
    monkeypatch.setattr(preview, "QPrintDialog", FakePrintDialog)
    dialog.act_print.trigger()
    assert page_count(FakePrintDialog.target) == dialog.paged.page_count
    assert dialog.status.text() == f"Đã gửi {dialog.paged.page_count} trang tới máy in."
    assert no_message_boxes == []


@pytest.mark.qt_log_ignore("QPainter::begin", "QPdfWriter", "QPrinter")
def test_printer_failure_is_a_vietnamese_warning(qtbot, sample_service, tmp_path, monkeypatch, no_message_boxes):
    dialog = make_dialog(qtbot, sample_service, 1, tmp_path)
    FakePrintDialog.target = tmp_path / "khong-co-thu-muc" / "may-in.pdf"
    monkeypatch.setattr(preview, "QPrintDialog", FakePrintDialog)
    dialog.act_print.trigger()
    assert len(no_message_boxes) == 1 and no_message_boxes[0].startswith("Không gửi được báo cáo tới")
    from tudanhgia.services.export import export_history   # nothing printed: nothing recorded (issue 17)
    assert sample_service.list_versions(1) == [] and export_history(sample_service, 1) == []


def test_settings_come_from_the_window_above(qtbot, sample_service, tmp_path):
    class Window(QWidget):
        def __init__(self):
            super().__init__()
            self.settings = QSettings(str(tmp_path / "window.ini"), QSettings.Format.IniFormat)
    window = Window()
    qtbot.addWidget(window)
    dialog = PreviewDialog(sample_service, 2, parent=window)
    assert dialog.settings is window.settings


def test_pdf_export_is_recorded_in_the_history(sample_service, tmp_path):
    from tudanhgia.services.export import export_history
    from tudanhgia.ui.preview import export_pdf
    path = export_pdf(sample_service, 1, tmp_path / "bc.pdf")
    history = export_history(sample_service, 1)
    assert [(h.format, h.path) for h in history] == [("pdf", str(path.resolve()))]


def test_a_print_is_recorded_and_kept_as_a_version(qtbot, sample_service, tmp_path, monkeypatch, no_message_boxes):
    """Issue 17, gap 2: In… goes through the service: the report's history names the print and a
    version "In" keeps the report as printed."""
    from tudanhgia.services.export import export_history
    dialog = make_dialog(qtbot, sample_service, 2, tmp_path)
    FakePrintDialog.target = tmp_path / "may-in.pdf"
    monkeypatch.setattr(preview, "QPrintDialog", FakePrintDialog)
    dialog.act_print.trigger()
    pages = dialog.paged.page_count
    (info,) = sample_service.list_versions(2)
    assert (info.reason, info.name) == ("print", f"In trên “{tmp_path / 'may-in.pdf'}” ({pages} trang)")
    (record,) = export_history(sample_service, 2)
    assert (record.format, record.path) == ("print", str(tmp_path / "may-in.pdf"))
    assert no_message_boxes == []



def test_the_windows_print_is_recorded_and_kept_as_a_version(sample_service, tmp_path):
    """The main window's In… (Ctrl+P, without the preview) prints through print_report: kept too."""
    from tudanhgia.services.export import export_history
    out = tmp_path / "in.pdf"
    sent = print_report(sample_service, 2, pdf_printer(out))
    (info,) = sample_service.list_versions(2)
    assert (info.reason, info.name) == ("print", f"In trên “{out}” ({sent} trang)")
    assert [(r.format, r.path) for r in export_history(sample_service, 2)] == [("print", str(out))]
