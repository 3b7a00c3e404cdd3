"""Audit gap 6 of issue 15 in Xem trước: the preview keeps a heading with the next paragraph as the
DOCX does, so it must let go of headings with nothing under them as the DOCX now does — a Party
draft of the 2025 review with only A.I.1 written filled page 1, the empty headings after the text
following it, not moved together to page 2 (the DOCX through LibreOffice prints them on page 1)."""
from party_draft import party_draft
from tudanhgia.ui.preview import PagedDocument


def _page_of(paged: PagedDocument, start: str) -> int:
    block = paged.doc.begin()
    while block.isValid() and not block.text().startswith(start):
        block = block.next()
    assert block.isValid(), start
    return paged._page_of(paged._line_top(block))


def test_empty_headings_after_the_first_text_stay_on_page_one(qtbot, service):
    paged = PagedDocument(service.get_report(party_draft(service)))
    assert _page_of(paged, "Tập thể đoàn kết, thống nhất") == 0
    assert _page_of(paged, "2. Kết quả thực hiện các mục tiêu") == 0
    assert _page_of(paged, "II. Hạn chế, khuyết điểm và nguyên nhân") == 0
    # a heading with something under it still never ends a page: "I." of part B with its "1."
    assert _page_of(paged, "I. Đánh giá theo các nhóm tiêu chí") == _page_of(paged, "1. Nhóm tiêu chí chung")
