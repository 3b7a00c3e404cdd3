"""Limits of the file formats never stop an export: a realistic 231-character subject made the DOCX
export fail (the title property is "Báo cáo …" + subject, and Word's core properties hold 255
characters); the property is cut at a word, the printed title block keeps the whole subject and
wraps it."""
import io
import os
import shutil
import subprocess

import openpyxl
import pytest
from docx import Document

from docx_read import text_paragraphs
from tudanhgia.render.docx_writer import write_docx
from tudanhgia.services.export import export_docx
from tudanhgia.services.xlsx import export_indicators, export_measures, measures_sheet_title, rows_for_report

SUBJECT = ("Kết quả thực hiện nhiệm vụ chính trị, công tác xây dựng Đảng, chính quyền, các đoàn thể và việc khắc phục "
           "những hạn chế, khuyết điểm đã được chỉ ra qua kiểm điểm năm 2023 của Văn phòng Ủy ban nhân dân tỉnh "
           "Quảng Ngãi trong năm 2023")
UNIT = "Văn phòng Ủy ban nhân dân tỉnh Quảng Ngãi " * 8


def test_the_realistic_subject_is_231_characters_and_its_title_over_255():
    assert len(SUBJECT) == 231
    assert len("Báo cáo kiểm điểm tập thể " + SUBJECT) > 255


@pytest.fixture
def long_subject(sample_service):
    sample_service.update_meta(1, subject=SUBJECT)
    return sample_service


def test_a_231_character_subject_exports_with_the_title_property_cut_at_a_word(long_subject, tmp_path):
    doc = Document(str(export_docx(long_subject, 1, tmp_path / "bao-cao.docx")))
    title = doc.core_properties.title
    assert len(title) <= 255 and title.endswith("…")
    full = "Báo cáo kiểm điểm tập thể " + SUBJECT[:1].lower() + SUBJECT[1:]
    assert full.startswith(title[:-1]) and full[len(title) - 1] == " "   # a whole word
    printed = " ".join(text_paragraphs(doc))
    assert SUBJECT in printed                                           # the document prints it whole


def test_a_long_unit_name_and_a_megabyte_subject_export(sample_service):
    report = sample_service.get_report(1)
    report.unit_name = UNIT
    report.meta.subject = "Kết quả " + "rất dài " * 125_000
    buf = io.BytesIO()
    write_docx(report, buf)
    props = Document(io.BytesIO(buf.getvalue())).core_properties
    assert len(props.author) <= 255 and len(props.title) <= 255
    assert props.author.startswith("Văn phòng Ủy ban nhân dân tỉnh Quảng Ngãi")


def test_the_excel_sheets_take_a_long_subject(long_subject, tmp_path):
    report = long_subject.get_report(1)
    title, subtitle = measures_sheet_title(report)
    assert len(title) > 255
    for path in (export_measures(long_subject, rows_for_report(report), tmp_path / "bp.xlsx", title, subtitle),
                 export_indicators(long_subject, 1, tmp_path / "sl.xlsx")):
        wb = openpyxl.load_workbook(path)
        assert 0 < len(wb.properties.title or "x") <= 255
    assert openpyxl.load_workbook(tmp_path / "bp.xlsx").active.cell(1, 1).value == title


@pytest.mark.slow
def test_the_long_subject_wraps_in_the_printed_title_block(long_subject, tmp_path):
    soffice, pdftotext = shutil.which("soffice"), shutil.which("pdftotext")
    if not (soffice and pdftotext):
        if os.environ.get("CI"):
            pytest.fail("LibreOffice and poppler are installed by .ci/run")
        pytest.skip("soffice/pdftotext not installed")
    path = export_docx(long_subject, 1, tmp_path / "bao-cao.docx")
    subprocess.run([soffice, f"-env:UserInstallation={(tmp_path / 'lo').as_uri()}", "--headless", "--convert-to",
                    "pdf", "--outdir", str(tmp_path), str(path)], check=True, capture_output=True, timeout=240)
    text = subprocess.run([pdftotext, "-f", "1", "-l", "1", str(tmp_path / "bao-cao.pdf"), "-"],
                          capture_output=True, text=True, check=True).stdout
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    start = lines.index("BÁO CÁO KIỂM ĐIỂM TẬP THỂ") + 1
    words = SUBJECT.split()
    subject_lines = []
    while sum(len(x.split()) for x in subject_lines) < len(words):
        subject_lines.append(lines[start + len(subject_lines)])
    assert " ".join(subject_lines).split() == words        # whole, in order, nothing cut
    assert 3 <= len(subject_lines) <= 6                     # wrapped across the text width, not on one line
    assert lines[start + len(subject_lines)].startswith("Thực hiện")  # the body follows the title block
