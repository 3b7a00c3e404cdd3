"""Print preview, Print and Xuất PDF for machines without Word.

The report goes through the same layout step as the DOCX (render.layout → render.html), is
laid out once on A4 pages with the decree's margins (P1, P2) and drawn from that one layout
on screen, into a PDF and onto a printer, so what the officer sees is what comes out. Page
numbers are drawn centred in the top margin from page 2 on, none on page 1, restarting at each
appendix (P4, A1).

The document is laid out for a fixed 1200 dpi device, not for the screen or the printer, so
its page breaks do not depend on either (and glyph advances are close to the fonts' design
metrics, as in Word); every target scales the same pages.
"""
from __future__ import annotations

import logging
from pathlib import Path
from collections.abc import Callable, Iterable

from PySide6.QtCore import QMarginsF, QRectF, QSettings, QSizeF, Qt
from PySide6.QtGui import (QAbstractTextDocumentLayout, QAction, QColor, QFont, QGuiApplication, QImage,
                           QKeySequence, QPageLayout, QPageSize, QPagedPaintDevice, QPainter, QPalette, QPdfWriter,
                           QPen, QTextBlock, QTextBlockFormat, QTextCursor, QTextDocument, QTextFormat, QTransform)
from PySide6.QtPrintSupport import QAbstractPrintDialog, QPrintDialog, QPrinter
from PySide6.QtWidgets import (QApplication, QDialog, QGraphicsItem, QGraphicsScene, QGraphicsView,
                               QHBoxLayout, QLabel, QSizePolicy, QToolBar, QVBoxLayout, QWidget)

from .. import APP_NAME
from ..domain.model import Report
from ..paths import AppPaths
from ..render.html import APPENDIX_START, KEEP_WITH_NEXT, SIGNATURE, report_style, to_html
from ..render.layout import layout
from ..render.style import PAGE_H_MM, PAGE_W_MM
from ..services import ReportService
from ..services.export import default_docx_name
from ..services.files import OutputError, atomic_write, verify_pdf
from . import file_dialogs, messages

log = logging.getLogger("tudanhgia.ui")

LAYOUT_DPI = 1200          # the device the pages are laid out for (QPdfWriter's default resolution)
SCREEN_DPI = 96            # 100 % on screen: Qt's logical pixel, a CSS px (actual size on Windows)
PAGE_GAP = 18              # screen px between pages in the preview
ZOOM_STEPS = (0.25, 0.33, 0.5, 0.67, 0.75, 0.85, 1.0, 1.15, 1.3, 1.5, 1.75, 2.0, 2.5, 3.0)
LAST_DIR_KEY = "export/last_dir"


def a4() -> QPageSize:
    """A4 (P1), by size and named: QPageSize(PageSizeId.A4) asks the translators for its name,
    and one that answers "" for strings it does not know leaves the page size invalid."""
    return QPageSize(QSizeF(PAGE_W_MM, PAGE_H_MM), QPageSize.Unit.Millimeter, "A4")


def qt_default_dpi() -> float:
    """The DPI at which QTextDocument reads CSS px and frame margins (Qt's qt_defaultDpiY); it
    scales them from there to the layout device, so lengths are given at this DPI."""
    if QGuiApplication.instance() is None:
        raise RuntimeError("the preview, Print and PDF export need a QGuiApplication")
    if QGuiApplication.testAttribute(Qt.ApplicationAttribute.AA_Use96Dpi):
        return 96.0
    screen = QGuiApplication.primaryScreen()
    return float(round(screen.logicalDotsPerInchY())) if screen is not None else 100.0


def _scale_text_indents(doc: QTextDocument, factor: float) -> None:
    """QTextDocument scales margins from its default DPI to the layout device but uses the
    first-line indent as device pixels; scale it like the rest (B1: 1 cm)."""
    block = doc.begin()
    while block.isValid():
        indent = block.blockFormat().textIndent()
        if indent:
            fmt = QTextBlockFormat()
            fmt.setTextIndent(indent * factor)
            QTextCursor(block).mergeBlockFormat(fmt)
        block = block.next()


class PagedDocument:
    """One report laid out on A4 pages; the preview, the printer and the PDF all draw these pages."""

    def __init__(self, report: Report):
        self.style = style = report_style(report)   # the report's document standard
        self.title = report.title
        self.author = report.unit_name
        dev = LAYOUT_DPI / 25.4
        self.page_w, self.page_h = PAGE_W_MM * dev, PAGE_H_MM * dev
        top, bottom, left, right = style.margins_mm
        self.margins = (top * dev, bottom * dev, left * dev, right * dev)
        # a QImage is the cheapest paint device with a chosen resolution; only its DPI is used
        self._device = QImage(1, 1, QImage.Format.Format_Mono)
        dots_per_metre = round(LAYOUT_DPI / 0.0254)
        self._device.setDotsPerMeterX(dots_per_metre)
        self._device.setDotsPerMeterY(dots_per_metre)
        default_dpi = qt_default_dpi()

        doc = QTextDocument()
        doc.setUndoRedoEnabled(False)
        font = QFont(style.font)
        font.setPointSizeF(style.body_pt)
        doc.setDefaultFont(font)
        doc.setHtml(to_html(layout(report, style), style, px_per_inch=default_dpi))
        doc.documentLayout().setPaintDevice(self._device)
        _scale_text_indents(doc, LAYOUT_DPI / default_dpi)
        frame = doc.rootFrame().frameFormat()
        px = default_dpi / 25.4  # frame margins are scaled from the default DPI like CSS px
        frame.setTopMargin(top * px)
        frame.setBottomMargin(bottom * px)
        frame.setLeftMargin(left * px)
        frame.setRightMargin(right * px)
        frame.setPadding(0)
        frame.setBorder(0)
        doc.rootFrame().setFrameFormat(frame)
        doc.setPageSize(QSizeF(self.page_w, self.page_h))  # in device pixels: QTextDocument paginates
        self.doc = doc
        self._keep_with_next()
        self._keep_signature_whole()
        self.numbers = self._page_numbers()

    # --- pagination ---------------------------------------------------------------------------
    @property
    def page_count(self) -> int:
        return max(1, self.doc.pageCount())

    def _page_of(self, y: float) -> int:
        return int(y // self.page_h)

    def _line_top(self, block: QTextBlock) -> float:
        """Where the block's first line is on the long strip of pages (Qt moves lines that do
        not fit to the next page inside the block's layout)."""
        rect = self.doc.documentLayout().blockBoundingRect(block)
        text_layout = block.layout()
        return rect.top() + (text_layout.lineAt(0).y() if text_layout.lineCount() else 0.0)

    def _keep_with_next(self) -> None:
        """Word's keep-with-next, which Qt lacks: a heading (or a run of headings) whose next
        paragraph starts on a later page moves to that page, as in the DOCX (styles keep=True)."""
        top_margin = self.margins[0]
        self.doc.pageCount()  # lays the whole document out: positions asked of a lazy layout that
        # is then changed leave later blocks without lines (Qt 6.12)
        block = self.doc.begin()
        while block.isValid():
            if block.userState() != KEEP_WITH_NEXT:
                block = block.next()
                continue
            first, following = block, block.next()
            while following.isValid() and following.userState() == KEEP_WITH_NEXT:
                following = following.next()
            if not following.isValid():
                break
            start = self._line_top(first)
            page = self._page_of(start)
            at_page_top = start - page * self.page_h <= top_margin + 1
            forced = bool(following.blockFormat().pageBreakPolicy() & QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
            if not at_page_top and not forced and self._page_of(self._line_top(following)) > page:
                fmt = QTextBlockFormat()
                fmt.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
                QTextCursor(first).mergeBlockFormat(fmt)
                self.doc.pageCount()
            block = following

    def _keep_signature_whole(self) -> None:
        """The DOCX's signature row cannot split (w:cantSplit), which Qt lacks: a closing block
        (Nơi nhận, the signer's title and name) that crosses a page boundary moves whole to the
        next page, rather than leave the name alone at the top of it."""
        block = self.doc.begin()
        while block.isValid() and block.userState() != SIGNATURE:
            block = block.next()
        table = QTextCursor(block.next()).currentTable() if block.next().isValid() else None
        if table is None:
            return
        first = self.doc.findBlock(table.firstPosition())
        start = self._line_top(first)
        pages = set()
        block = first
        while block.isValid() and block.position() <= table.lastPosition():
            top = self.doc.documentLayout().blockBoundingRect(block).top()
            lines = block.layout()
            pages |= {self._page_of(top + lines.lineAt(i).y()) for i in range(lines.lineCount())}
            block = block.next()
        at_page_top = start - self._page_of(start) * self.page_h <= self.margins[0] + 1
        if len(pages) > 1 and not at_page_top:   # a block taller than a page splits anyway, as in Word
            fmt = table.format()
            fmt.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
            table.setFormat(fmt)
            self.doc.pageCount()

    def _page_numbers(self) -> list[int | None]:
        """The number printed on each page: none on page 1 (P4) and none on an appendix's first
        page, where numbering restarts at 1 (A1), as in the DOCX's sections."""
        restarts = set()
        block = self.doc.begin()
        while block.isValid():
            if block.userState() == APPENDIX_START:
                restarts.add(self._page_of(self._line_top(block)))
            block = block.next()
        numbers: list[int | None] = []
        first = 0
        for page in range(self.page_count):
            if page in restarts:
                first = page
            n = page - first + 1
            numbers.append(n if n > 1 else None)
        return numbers

    # --- drawing ------------------------------------------------------------------------------
    def paint_page(self, painter: QPainter, index: int) -> None:
        """Draw page `index` (0-based) with the paper's top-left corner at the painter's origin,
        in layout pixels (1/1200 inch): the caller scales to its device."""
        page = QRectF(0, 0, self.page_w, self.page_h)
        painter.save()
        painter.setClipRect(page)  # a paragraph continued on the next page is drawn whole otherwise
        painter.translate(0, -index * self.page_h)
        context = QAbstractTextDocumentLayout.PaintContext()
        context.clip = QRectF(0, index * self.page_h, self.page_w, self.page_h)
        palette = QPalette()
        for role in (QPalette.ColorRole.Text, QPalette.ColorRole.WindowText):  # black on paper whatever the theme
            palette.setColor(role, QColor(Qt.GlobalColor.black))
        context.palette = palette
        self.doc.documentLayout().draw(painter, context)
        painter.restore()
        number = self.numbers[index] if index < len(self.numbers) else None
        if number is not None:
            painter.save()
            font = QFont(self.style.font)
            font.setPixelSize(round(self.style.page_number_pt / 72 * LAYOUT_DPI))
            painter.setFont(font)
            painter.setPen(QPen(QColor(Qt.GlobalColor.black)))
            top, _, left, right = self.margins
            header_top = self.style.header_distance_mm / 25.4 * LAYOUT_DPI  # where Word puts it too
            painter.drawText(QRectF(left, header_top, self.page_w - left - right, top - header_top),
                             int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop), str(number))
            painter.restore()

    def _paint_pages(self, device: QPagedPaintDevice, new_page: Callable[[], bool], pages: Iterable[int],
                     failure: str) -> None:
        painter = QPainter()
        if not painter.begin(device):
            raise OutputError(failure)
        try:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
            painter.scale(device.logicalDpiX() / LAYOUT_DPI, device.logicalDpiY() / LAYOUT_DPI)
            for n, index in enumerate(pages):
                if n and not new_page():
                    raise OutputError(failure)
                self.paint_page(painter, index)
        finally:
            painter.end()

    def write_pdf(self, path: str | Path) -> None:
        writer = QPdfWriter(str(path))
        writer.setResolution(LAYOUT_DPI)
        writer.setPageLayout(QPageLayout(a4(), QPageLayout.Orientation.Portrait, QMarginsF(0, 0, 0, 0)))
        writer.setTitle(self.title)
        writer.setCreator(APP_NAME)
        if hasattr(writer, "setAuthor"):  # Qt ≥ 6.8
            writer.setAuthor(self.author)
        self._paint_pages(writer, writer.newPage, range(self.page_count),
                          f"Không tạo được tệp PDF “{Path(path).name}”.")

    def print_to(self, printer: QPrinter) -> int:
        """Print on `printer` (its page range honoured); returns the number of pages sent."""
        printer.setFullPage(True)  # our margins are measured from the paper's edge (P2)
        if printer.pageLayout().pageSize().id() != QPageSize.PageSizeId.A4:
            # the pages are A4 (P1); a printer left on its default (Letter in some locales, or an
            # invalid layout) would get them cut or shifted
            printer.setPageSize(a4())
        printer.setPageOrientation(QPageLayout.Orientation.Portrait)
        printer.setDocName(self.title)
        first, last = 1, self.page_count
        if printer.printRange() == QPrinter.PrintRange.PageRange and printer.fromPage() > 0:
            first = max(1, printer.fromPage())
            last = min(self.page_count, printer.toPage() or self.page_count)
        pages = range(first - 1, last)
        if not pages:
            raise OutputError(f"Báo cáo chỉ có {self.page_count} trang; khoảng trang đã chọn không có trang nào để in.")
        name = printer.printerName() or printer.outputFileName()
        where = f"máy in “{name}”" if name else "máy in"
        self._paint_pages(printer, printer.newPage, pages,
                          f"Không gửi được báo cáo tới {where}. Hãy kiểm tra máy in rồi thử lại.")
        if printer.printerState() == QPrinter.PrinterState.Error:
            raise OutputError(f"{where.capitalize()} báo lỗi khi in. Hãy kiểm tra máy in rồi thử lại.")
        return len(pages)


# --- what the editor calls, without dialogs ------------------------------------------------------------
def save_pdf(paged: PagedDocument, path: str | Path) -> Path:
    """Write the laid-out pages to `path` (".pdf" added when missing), atomically."""
    target = Path(path).expanduser()
    if target.suffix.lower() != ".pdf":
        target = target.with_name(target.name + ".pdf")
    try:
        return atomic_write(target, paged.write_pdf, verify_pdf)
    except OutputError:
        raise
    except Exception:  # logged in full; the user gets one sentence, never the library's words
        log.exception("PDF export to %s failed", target)
        raise OutputError("Không xuất được tệp PDF do một lỗi của chương trình; tệp cũ (nếu có) vẫn được giữ "
                          "nguyên. Chi tiết đã ghi vào tệp nhật ký.") from None


def export_pdf(service: ReportService, report_id: int, path: str | Path) -> Path:
    """The report as a PDF at `path`; a locked or read-only target raises OutputError (Vietnamese)
    and the old file stays as it was."""
    return service.export_drawn(report_id, path, lambda report, target: save_pdf(PagedDocument(report), target),
                                "pdf")


def print_report(service: ReportService, report_id: int, printer: QPrinter) -> int:
    """Print the report on an already configured printer; returns the number of pages sent. The
    print is noted in the report's history and the printed report kept as a version (issue 17)."""
    return service.print_drawn(report_id, lambda report: PagedDocument(report).print_to(printer),
                               printer_words(printer))


def printer_words(printer: QPrinter) -> str:
    """The printer as the report's history names it: its name, or the file a "print to file" writes."""
    return printer.printerName() or printer.outputFileName()


def a4_printer() -> QPrinter:
    """A printer set up for our pages: A4 portrait, high resolution, full page."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageSize(a4())
    printer.setPageOrientation(QPageLayout.Orientation.Portrait)
    printer.setFullPage(True)
    return printer


# --- the dialog -----------------------------------------------------------------------------------------
class PageItem(QGraphicsItem):
    """One sheet of paper in the preview, drawn from the shared layout."""

    SHADOW = 5

    def __init__(self, paged: PagedDocument, index: int):
        super().__init__()
        self.paged, self.index = paged, index
        self.scale_to_screen = SCREEN_DPI / LAYOUT_DPI
        self.w, self.h = paged.page_w * self.scale_to_screen, paged.page_h * self.scale_to_screen
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)  # scrolling does not re-render text

    def boundingRect(self) -> QRectF:
        return QRectF(0, 0, self.w + self.SHADOW, self.h + self.SHADOW)

    def paint(self, painter: QPainter, option, widget=None) -> None:
        painter.fillRect(QRectF(self.SHADOW, self.SHADOW, self.w, self.h), QColor(0, 0, 0, 90))
        painter.fillRect(QRectF(0, 0, self.w, self.h), QColor(Qt.GlobalColor.white))
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        painter.save()
        painter.scale(self.scale_to_screen, self.scale_to_screen)
        self.paged.paint_page(painter, self.index)
        painter.restore()


class PageView(QGraphicsView):
    """The pages on a grey desk; Ctrl + mouse wheel zooms."""

    def __init__(self, dialog: PreviewDialog):
        super().__init__()
        self.dialog = dialog
        self.setBackgroundBrush(QColor(0x6e, 0x72, 0x78))
        self.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing
                            | QPainter.RenderHint.SmoothPixmapTransform)
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.SmartViewportUpdate)

    def wheelEvent(self, event) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            if event.angleDelta().y() > 0:
                self.dialog.zoom_in()
            elif event.angleDelta().y() < 0:
                self.dialog.zoom_out()
            event.accept()
            return
        super().wheelEvent(event)


def _find_settings(widget: QWidget | None) -> QSettings:
    """The application's settings: those of a window above us, else the settings file run_app uses."""
    while widget is not None:
        settings = getattr(widget, "settings", None)
        if isinstance(settings, QSettings):
            return settings
        widget = widget.parentWidget()
    return QSettings(str(AppPaths.default().data_dir / "settings.ini"), QSettings.Format.IniFormat)


class PreviewDialog(QDialog):
    """The report page by page as it will print, with In…, Xuất PDF…, zoom and Đóng.
    A report that cannot be loaded raises the service's error (the caller shows it)."""

    def __init__(self, service: ReportService, report_id: int, parent: QWidget | None = None,
                 settings: QSettings | None = None):
        super().__init__(parent)
        self.service, self.report_id = service, report_id
        self.settings = settings if settings is not None else _find_settings(parent)
        self.report = service.get_report(report_id)
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            self.paged = PagedDocument(self.report)
        finally:
            QApplication.restoreOverrideCursor()
        self.zoom = 1.0
        self.setWindowTitle(f"Xem trước bản in — {self.report.title}")
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)
        self._build_ui()
        self._fill_pages()
        screen = (parent.screen() if parent is not None else None) or QGuiApplication.primaryScreen()
        if screen is not None:
            avail = screen.availableGeometry()
            self.resize(min(1100, int(avail.width() * 0.9)), int(avail.height() * 0.92))
            if parent is None:
                self.move(avail.center() - self.rect().center())
        else:
            self.resize(1000, 700)
        self._zoom_fitted = False
        self.set_zoom(1.0)

    @property
    def document(self) -> QTextDocument:
        return self.paged.doc

    # --- construction -------------------------------------------------------------------------
    def _build_ui(self) -> None:
        bar = QToolBar("Xem trước")
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.act_print = QAction("In…", self)
        self.act_print.setShortcut(QKeySequence.StandardKey.Print)
        self.act_print.setToolTip("In báo cáo ra máy in (Ctrl+P)")
        self.act_print.triggered.connect(self.print_document)
        self.act_pdf = QAction("Xuất PDF…", self)
        self.act_pdf.setToolTip("Lưu báo cáo thành tệp PDF đúng như bản xem trước")
        self.act_pdf.triggered.connect(self.export_pdf)
        self.act_zoom_out = QAction("Thu nhỏ", self)
        self.act_zoom_out.setShortcut(QKeySequence.StandardKey.ZoomOut)
        self.act_zoom_out.setToolTip("Thu nhỏ (Ctrl+−, hoặc Ctrl + lăn chuột)")
        self.act_zoom_out.triggered.connect(self.zoom_out)
        self.act_zoom_in = QAction("Phóng to", self)
        self.act_zoom_in.setShortcuts([QKeySequence.StandardKey.ZoomIn, QKeySequence("Ctrl+=")])
        self.act_zoom_in.setToolTip("Phóng to (Ctrl++, hoặc Ctrl + lăn chuột)")
        self.act_zoom_in.triggered.connect(self.zoom_in)
        self.act_fit = QAction("Vừa chiều rộng", self)
        self.act_fit.setToolTip("Cỡ trang vừa khung xem")
        self.act_fit.triggered.connect(lambda: self.set_zoom(self._fitting_zoom(cap=False)))
        self.act_actual = QAction("Cỡ thật", self)
        self.act_actual.setToolTip("Đúng cỡ giấy A4 (100%)")
        self.act_actual.triggered.connect(lambda: self.set_zoom(1.0))
        self.act_close = QAction("Đóng", self)
        self.act_close.triggered.connect(self.reject)
        self.zoom_label = QLabel()
        self.zoom_label.setMinimumWidth(48)
        self.zoom_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        bar.addAction(self.act_print)
        bar.addAction(self.act_pdf)
        bar.addSeparator()
        bar.addAction(self.act_zoom_out)
        bar.addWidget(self.zoom_label)
        bar.addAction(self.act_zoom_in)
        bar.addAction(self.act_fit)
        bar.addAction(self.act_actual)
        spacer = QWidget()
        spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        bar.addWidget(spacer)
        bar.addAction(self.act_close)

        self.scene = QGraphicsScene(self)
        self.view = PageView(self)
        self.view.setScene(self.scene)
        self.view.verticalScrollBar().valueChanged.connect(self._update_page_label)

        self.page_label = QLabel()
        self.status = QLabel()
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        top, bottom, left, right = self.paged.style.margins_mm
        paper = QLabel(f"Khổ A4 · lề trên {top:g} mm, dưới {bottom:g} mm, trái {left:g} mm, phải {right:g} mm")
        status_row = QHBoxLayout()
        status_row.setContentsMargins(8, 2, 8, 4)
        status_row.addWidget(self.page_label)
        status_row.addSpacing(16)
        status_row.addWidget(self.status, 1)
        status_row.addWidget(paper)

        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(0)
        box.addWidget(bar)
        box.addWidget(self.view, 1)
        box.addLayout(status_row)

    def _fill_pages(self) -> None:
        self.pages: list[PageItem] = []
        y = PAGE_GAP
        for i in range(self.paged.page_count):
            item = PageItem(self.paged, i)
            item.setPos(0, y)
            self.scene.addItem(item)
            self.pages.append(item)
            y += item.h + PAGE_GAP
        width = self.pages[0].w if self.pages else 0
        self.scene.setSceneRect(QRectF(-PAGE_GAP, 0, width + 2 * PAGE_GAP, y))

    # --- zoom and pages -----------------------------------------------------------------------
    def _fitting_zoom(self, cap: bool = True) -> float:
        """The page's width in the view (never above 100 % when opening)."""
        if not self.pages:
            return 1.0
        available = self.view.viewport().width() - 2 * PAGE_GAP - self.view.verticalScrollBar().sizeHint().width()
        zoom = max(ZOOM_STEPS[0], available / (self.pages[0].w + PageItem.SHADOW))
        return min(zoom, 1.0) if cap else min(zoom, ZOOM_STEPS[-1])

    def set_zoom(self, zoom: float) -> None:
        self.zoom = max(ZOOM_STEPS[0], min(ZOOM_STEPS[-1], zoom))
        self.view.setTransform(QTransform.fromScale(self.zoom, self.zoom))
        self.zoom_label.setText(f"{round(self.zoom * 100)}%")
        self.act_zoom_out.setEnabled(self.zoom > ZOOM_STEPS[0] + 1e-6)
        self.act_zoom_in.setEnabled(self.zoom < ZOOM_STEPS[-1] - 1e-6)
        self._update_page_label()

    def zoom_in(self) -> None:
        self.set_zoom(next((z for z in ZOOM_STEPS if z > self.zoom + 1e-6), ZOOM_STEPS[-1]))

    def zoom_out(self) -> None:
        self.set_zoom(next((z for z in reversed(ZOOM_STEPS) if z < self.zoom - 1e-6), ZOOM_STEPS[0]))

    def current_page(self) -> int:
        """1-based number of the page in the middle of the view."""
        centre = self.view.mapToScene(self.view.viewport().rect().center()).y()
        for i, item in enumerate(self.pages):
            if centre < item.y() + item.h + PAGE_GAP / 2:
                return i + 1
        return len(self.pages)

    def _update_page_label(self, *_args) -> None:
        self.page_label.setText(f"Trang {self.current_page()}/{self.paged.page_count}")

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if not self._zoom_fitted:  # the view has its real width only now
            self._zoom_fitted = True
            self.set_zoom(self._fitting_zoom())

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._update_page_label()

    # --- actions ------------------------------------------------------------------------------
    def _show_status(self, text: str) -> None:
        self.status.setText(text)

    def export_pdf(self) -> None:
        last = str(self.settings.value(LAST_DIR_KEY, "") or "")
        folder = Path(last) if last and Path(last).is_dir() else Path.home()
        name = Path(default_docx_name(self.report)).with_suffix(".pdf").name
        path, _ = file_dialogs.save_file_name(self, "Xuất PDF", str(folder / name), "Tệp PDF (*.pdf)")
        if not path:
            return
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:  # the export use case: written atomically and recorded in the report's history
            saved = self.service.export_drawn(self.report_id, path,
                                              lambda _report, target: save_pdf(self.paged, target), "pdf")
        except OutputError as exc:
            QApplication.restoreOverrideCursor()
            messages.warn(self, str(exc))
            return
        QApplication.restoreOverrideCursor()
        self.settings.setValue(LAST_DIR_KEY, str(saved.parent))
        self._show_status(f"Đã lưu tệp PDF: {saved}")

    def print_document(self) -> None:
        printer = a4_printer()
        printer.setDocName(self.report.title)
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle("In báo cáo")
        dialog.setMinMax(1, self.paged.page_count)
        dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintSelection, False)
        dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintPageRange, True)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        # through the service: the print is noted in the report's history and the printed report
        # kept as a version (issue 17), as an export is
        try:
            sent = self.service.print_drawn(self.report_id, lambda _report: self.paged.print_to(printer),
                                            printer_words(printer))
        except OutputError as exc:
            QApplication.restoreOverrideCursor()
            messages.warn(self, str(exc))
            return
        QApplication.restoreOverrideCursor()
        self._show_status(f"Đã gửi {sent} trang tới máy in.")


__all__ = ["PagedDocument", "PreviewDialog", "a4", "a4_printer", "export_pdf", "print_report", "save_pdf"]
