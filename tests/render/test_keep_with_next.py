"""Audit gap 6 of issue 15: a draft of the 2025 review (Party format, only A.I.1 written) printed
page 1 half blank in LibreOffice: the empty headings 2., 3., 4., II. … VI., B. … all kept with the
next paragraph, so the whole run went to page 2 with the first text below it. A heading keeps with
what follows only when that is its own content (its text, its first sub-heading); a heading with
nothing under it before the next heading of its level or above keeps with nothing."""
import shutil
import subprocess

import pytest

from docx_read import open_docx
from party_draft import party_draft
from tudanhgia.services.export import export_docx


def _party_draft(service, tmp_path):
    return export_docx(service, party_draft(service), tmp_path / "du-thao.docx")


def _keeps(path) -> dict[str, bool]:
    """Each paragraph's text → whether it is kept with the next one (its own setting, else its style's)."""
    out = {}
    for p in open_docx(path).paragraphs:
        own = p.paragraph_format.keep_with_next
        out[p.text] = bool(own if own is not None else p.style.paragraph_format.keep_with_next)
    return out


def test_only_headings_with_something_under_them_keep_with_the_next_paragraph(service, tmp_path):
    keeps = _keeps(_party_draft(service, tmp_path))
    kept = {  # written from the form's outline: what follows each heading in this draft
        "A. NỘI DUNG KIỂM ĐIỂM": True,                       # its I.
        "I. Ưu điểm, kết quả đạt được": True,                 # its 1.
        "1. Việc chấp hành nguyên tắc tổ chức và hoạt động, nhất là nguyên tắc tập trung dân chủ; thực hiện quy "
        "chế làm việc.": True,                                # its text
        "2. Kết quả thực hiện các mục tiêu, chỉ tiêu, nhiệm vụ được đề ra trong nghị quyết đại hội nhiệm kỳ, kế "
        "hoạch, chương trình công tác năm.": False,           # then 3.
        "4. Trách nhiệm của tập thể lãnh đạo, quản lý trong triển khai thực hiện các chủ trương, đường lối, nghị "
        "quyết, văn bản chỉ đạo của Đảng, của cấp trên.": False,   # then II.
        "II. Hạn chế, khuyết điểm và nguyên nhân": True,      # its 1.
        "2. Nguyên nhân của hạn chế, khuyết điểm": False,     # then III.
        "VI. Phương hướng, biện pháp khắc phục hạn chế, khuyết điểm": False,   # then B.
        "B. NỘI DUNG TỰ ĐÁNH GIÁ, XẾP LOẠI": True,
        "1. Nhóm tiêu chí chung": True,                       # its "Điểm tự chấm: …/30 điểm"
        "Tổng điểm": True,                                    # its total line
        "II. Đề xuất xếp loại mức chất lượng": True,          # its four options
    }
    assert {text: keeps[text] for text in kept} == kept


@pytest.mark.slow
def test_libreoffice_fills_page_one_before_turning(service, tmp_path):
    soffice, pdftotext = shutil.which("soffice"), shutil.which("pdftotext")
    if not (soffice and pdftotext):
        pytest.skip("LibreOffice or poppler-utils not installed")
    docx = _party_draft(service, tmp_path)
    profile = tmp_path / "lo-profile"
    subprocess.run([soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(tmp_path), str(docx)], check=True, capture_output=True, timeout=240)
    page1 = subprocess.run([pdftotext, "-f", "1", "-l", "1", str(tmp_path / "du-thao.pdf"), "-"],
                           capture_output=True, text=True, check=True).stdout
    flat = " ".join(page1.split())
    # the empty headings after the first text follow it on page 1 instead of all moving to page 2
    assert "Tập thể đoàn kết, thống nhất" in flat
    assert "2. Kết quả thực hiện các mục tiêu" in flat and "II. Hạn chế, khuyết điểm và nguyên nhân" in flat


def test_the_last_heading_keeps_with_the_closing_sentence(sample_service, tmp_path):
    """Sample 3 ends "V. Đề nghị xếp loại …: Hoàn thành xuất sắc nhiệm vụ." then the closing
    sentence. Not kept with it, LibreOffice ended a page with the heading alone and put the closing
    on the next (12 blank lines before the heading did it); kept, the two turn the page together."""
    keeps = _keeps(export_docx(sample_service, 3, tmp_path / "mau-3.docx"))
    heading = "V. Đề nghị xếp loại mức chất lượng: Hoàn thành xuất sắc nhiệm vụ."
    closing = next(text for text in keeps if text.endswith("./."))
    texts = list(keeps)
    assert texts[texts.index(heading) + 1] == closing     # the closing right after it
    assert keeps[heading] is True
