"""The DOCX as LibreOffice prints it: page numbers, footnotes, checkboxes, fonts (spec P4, F1, R1)."""
import os
import shutil
import subprocess

import pytest

pytestmark = pytest.mark.slow


def _tool(name):
    path = shutil.which(name)
    if path is None:
        if os.environ.get("CI"):
            pytest.fail(f"{name} is missing: .ci/run installs it")
        pytest.skip(f"{name} not installed (Debian: libreoffice-writer-nogui, poppler-utils)")
    return path


@pytest.fixture(scope="session")
def pdfs(exported, tmp_path_factory):
    soffice = _tool("soffice")
    _tool("pdftotext")
    out = tmp_path_factory.mktemp("pdf")
    profile = tmp_path_factory.mktemp("lo-profile")
    files = [str(exported[i]) for i in (1, 2, 3, "theme")]
    subprocess.run([soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(out), *files], check=True, capture_output=True, timeout=240)
    return {k: out / (exported[k].stem + ".pdf") for k in (1, 2, 3, "theme")}


def page_text(pdf, page: int) -> list[str]:
    text = subprocess.run(["pdftotext", "-layout", "-f", str(page), "-l", str(page), str(pdf), "-"],
                          capture_output=True, text=True, check=True).stdout
    return [line.strip() for line in text.splitlines() if line.strip()]


def page_count(pdf) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))


@pytest.mark.parametrize("key", [1, 2, 3])
def test_page_numbers_from_page_2_only(pdfs, key):
    assert page_count(pdfs[key]) >= 3
    first = page_text(pdfs[key], 1)
    assert "1" not in first, "no page number on page 1"
    # the two-column header opens the page; its cells may come out on one line or two, in either
    # order, with tiny layout differences (PITFALLS): check the set of the first two lines
    top = " ".join(first[:2])
    assert "UBND TỈNH QUẢNG NGÃI" in top and "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in top
    assert page_text(pdfs[key], 2)[0] == "2"
    assert page_text(pdfs[key], 3)[0] == "3"


def test_footnotes_print_at_the_page_foot(pdfs):
    pages = page_count(pdfs[3])
    text = "\n".join("\n".join(page_text(pdfs[3], p)) for p in range(1, pages + 1))
    assert "41 Quyết định quy phạm; 1226 Quyết định của UBND tỉnh" in text
    assert "Cử 01 viên chức tham gia học lớp cao cấp lý luận chính trị" in text


def test_checkboxes_print(pdfs):
    text = "\n".join("\n".join(page_text(pdfs[1], p)) for p in range(1, page_count(pdfs[1]) + 1))
    assert text.count("☒") == 6  # five self-ratings and the classification
    assert text.count("☐") == 5 * 3 + 3


def test_vietnamese_text_uses_times_metrics_font_without_fallback(pdfs):
    _tool("pdffonts")
    fonts = subprocess.run(["pdffonts", str(pdfs[1])], capture_output=True, text=True, check=True).stdout
    names = [line.split()[0] for line in fonts.splitlines()[2:]]
    serif = [n for n in names if "Serif" in n or "Times" in n]
    assert serif and all("Liberation" in n or "Times" in n for n in serif), names


def test_appendix_restarts_page_numbers(pdfs):
    pdf = pdfs["theme"]
    pages = page_count(pdf)
    last = page_text(pdf, pages)
    assert last[0] == "PHỤ LỤC SỐ LIỆU", "the appendix starts a page, with no number on it"
