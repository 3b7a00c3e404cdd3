"""Xem trước keeps the closing block on one page, as the DOCX does (its signature row cannot split):
a GUI test found a new 2025 collective review whose preview ended page 4 with "CHÁNH VĂN PHÒNG"
after Nơi nhận and put the signer's name "Vũ Minh Tâm" alone at the top of page 5."""
import pytest
from PySide6.QtCore import QSettings

from tudanhgia.domain.period import DocDate
from tudanhgia.domain.richtext import RichText
from tudanhgia.ui.app import make_application
from tudanhgia.ui.preview import PreviewDialog

TITLE, NAME = "CHÁNH VĂN PHÒNG", "Vũ Minh Tâm"   # the sample unit's signer
LINE = "Tập thể lãnh đạo duy trì nền nếp giao ban hằng tuần."


@pytest.fixture(autouse=True)
def app(qapp):
    return make_application()


def _pages_of(dialog: PreviewDialog, text: str) -> set[int]:
    """The pages (0-based) on which the preview prints the lines of the paragraph reading `text`."""
    doc = dialog.document
    block = doc.begin()
    while block.isValid() and block.text() != text:
        block = block.next()
    assert block.isValid(), text
    top = doc.documentLayout().blockBoundingRect(block).top()
    lines = block.layout()
    return {int((top + lines.lineAt(i).y()) // dialog.paged.page_h) for i in range(lines.lineCount())}


def test_signer_title_and_name_share_a_page_whatever_the_length(qtbot, sample_service, tmp_path):
    unit = sample_service.list_units()[0]
    report = sample_service.create_report("kiem-diem-tap-the-2025", "2026", unit.id)
    sample_service.update_meta(report.id, number="15", date=DocDate(2026, 11, 28))
    first = next(s for s in report.walk() if s.key == "uu-diem.tap-trung-dan-chu")
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    title_pages = set()
    # one more line of text at a time moves the page's end through the whole closing block
    for count in range(1, 46):
        sample_service.update_section(first.id, body=RichText.from_plain("\n".join([LINE] * count)))
        dialog = PreviewDialog(sample_service, report.id, settings=settings)
        qtbot.addWidget(dialog)
        title, name = _pages_of(dialog, TITLE), _pages_of(dialog, NAME)
        assert len(title) == 1 and title == name, (count, title, name)
        assert _pages_of(dialog, "Nơi nhận:") == title, count
        title_pages |= title
        dialog.close()
    assert len(title_pages) > 1, "the lines added carried the closing block over a page boundary"
