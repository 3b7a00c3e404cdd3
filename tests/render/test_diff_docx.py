"""The comparison as a Word document with tracked changes, read back from its XML."""
from __future__ import annotations

import datetime as _dt
import zipfile

import pytest
from lxml import etree

from tudanhgia.domain.diff import compare
from tudanhgia.domain.richtext import RichText
from tudanhgia.render.diff_html import DEL_STYLE, INS_STYLE, diff_html

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _xml(path, part="word/document.xml"):
    with zipfile.ZipFile(path) as z:
        return etree.fromstring(z.read(part))


def _revised(sample_service, tmp_path):
    svc = sample_service
    report = svc.get_report(3)
    section = next(s for s in report.walk() if s.body.paragraphs)
    first = section.body.paragraphs[0].text
    svc.save_version(3, "Dự thảo lần 1")
    svc.write_section_body(section.id, RichText.from_plain(
        first.replace(first.split()[0], "Năm qua,", 1) + " Đơn vị hoàn thành xuất sắc nhiệm vụ."))
    svc.save_version(3, "Trình ký")
    return svc, first


def test_changes_are_tracked_insertions_and_deletions_with_author_and_date(sample_service, tmp_path):
    svc, first = _revised(sample_service, tmp_path)
    out = svc.diff_docx(3, 1, 2, tmp_path / "so-sanh.docx")
    root = _xml(out)
    inserted = ["".join(t.text for t in ins.iter(f"{W}t")) for ins in root.iter(f"{W}ins")]
    deleted = ["".join(t.text for t in d.iter(f"{W}delText")) for d in root.iter(f"{W}del")]
    assert "Năm qua," in inserted
    assert " Đơn vị hoàn thành xuất sắc nhiệm vụ." in inserted
    assert first.split()[0] in deleted
    # the section's later paragraphs were dropped: whole paragraphs deleted, their marks too
    assert any(len(text) > 40 for text in deleted)
    assert root.find(f".//{W}pPr/{W}rPr/{W}del") is not None
    version = svc.list_versions(3)[1]
    for mark in [*root.iter(f"{W}ins"), *root.iter(f"{W}del")]:
        assert mark.get(f"{W}author") == version.user
        assert mark.get(f"{W}date") == version.created_at.strftime("%Y-%m-%dT%H:%M:%SZ")
    ids = [m.get(f"{W}id") for m in [*root.iter(f"{W}ins"), *root.iter(f"{W}del")]]
    assert len(ids) == len(set(ids))
    assert _xml(out, "word/settings.xml").find(f"{W}trackRevisions") is not None
    # deleted text is never plain text: accepting every change leaves the newer version's words
    kept = "".join(t.text for t in root.iter(f"{W}t"))
    assert "Đơn vị hoàn thành xuất sắc nhiệm vụ." in kept


def test_the_printable_view_colours_insertions_and_deletions(sample_service, tmp_path):
    svc, first = _revised(sample_service, tmp_path)
    diff = svc.compare_versions(3, 1, 2)
    page = diff_html(diff, "Báo cáo 2023")
    assert f'<span style="{INS_STYLE}">Năm qua,</span>' in page
    assert f'<span style="{DEL_STYLE}">{first.split()[0]}</span>' in page
    assert "1 mục thay đổi" in page


def test_identical_versions_say_so(sample_service, tmp_path):
    svc = sample_service
    svc.save_version(2, "A")
    svc.save_version(2, "B")
    diff = svc.compare_versions(2, 1, None)
    assert not diff.has_changes and "giống hệt nhau" in diff_html(diff, "x")
    root = _xml(svc.diff_docx(2, 1, 2, tmp_path / "x.docx"))
    assert root.find(f".//{W}ins") is None and root.find(f".//{W}del") is None


def test_author_and_date_come_from_the_arguments(tmp_path):
    from tudanhgia.domain.model import Report, Section
    from tudanhgia.domain.period import Period
    from tudanhgia.render.diff_docx import write_diff_docx
    old = Report("x", Period.parse("2023"), sections=[Section(heading="A", body=RichText.from_plain("một"), id=1)])
    new = Report("x", Period.parse("2023"), sections=[Section(heading="A", body=RichText.from_plain("hai"), id=1)])
    path = tmp_path / "d.docx"
    write_diff_docx(compare(old, new, "1", "2"), "T", str(path), "Nguyễn Văn A", _dt.datetime(2025, 6, 30, 8, 5))
    marks = [*_xml(path).iter(f"{W}ins"), *_xml(path).iter(f"{W}del")]
    assert {(m.get(f"{W}author"), m.get(f"{W}date")) for m in marks} == {("Nguyễn Văn A", "2025-06-30T08:05:00Z")}


@pytest.mark.slow
def test_libreoffice_opens_it_with_the_changes_shown(sample_service, tmp_path):
    """LibreOffice prints tracked changes as they are shown: inserted and deleted words both on the
    page, in the author's colour (coloured pixels where a plain document has only black)."""
    import shutil
    import subprocess
    soffice, pdftoppm, pdftotext = (shutil.which(n) for n in ("soffice", "pdftoppm", "pdftotext"))
    if not (soffice and pdftoppm and pdftotext):
        pytest.skip("LibreOffice or poppler-utils not installed")
    svc, first = _revised(sample_service, tmp_path)
    docx = svc.diff_docx(3, 1, 2, tmp_path / "so-sanh.docx")
    profile = tmp_path / "lo-profile"
    subprocess.run([soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(tmp_path), str(docx)], check=True, capture_output=True, timeout=240)
    pdf = tmp_path / "so-sanh.pdf"
    text = subprocess.run([pdftotext, str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    flat = " ".join(text.split())
    assert "Năm qua," in flat and "Đơn vị hoàn thành xuất sắc nhiệm vụ." in flat and first.split()[0] in flat
    subprocess.run([pdftoppm, "-r", "60", "-f", "1", "-l", "1", str(pdf), str(tmp_path / "p")], check=True)
    data = next(tmp_path.glob("p*.ppm")).read_bytes()
    _magic, _w, _h, _max, pixels = data.split(maxsplit=4)
    coloured = sum(1 for i in range(0, len(pixels) - 2, 3)
                   if max(pixels[i:i + 3]) - min(pixels[i:i + 3]) > 80)
    assert coloured > 200, "no coloured (tracked) text on the first page"


def test_the_printable_views_summary_names_the_document_fields_changed(sample_service, tmp_path):
    """Gap 5: only the number and the date changed: the summary says so, not "0 từ … 0 mục"."""
    from tudanhgia.domain.period import DocDate
    svc = sample_service
    svc.save_version(3, "Dự thảo")
    svc.update_meta(3, number="15", date=DocDate(2023, 4, 20))
    page = diff_html(svc.compare_versions(3, 1, None), "Báo cáo 2023")
    assert "Thông tin văn bản: Số văn bản, Ngày văn bản." in page
    assert "0 từ" not in page and "0 mục" not in page
    # the Word document's opening says the same
    root = _xml(svc.diff_docx(3, 1, None, tmp_path / "so-sanh.docx"))
    paragraphs = ["".join(t.text or "" for t in p.iter(f"{W}t")) for p in root.iter(f"{W}p")]
    intro = next(p for p in paragraphs if "Review" in p)
    assert intro.startswith("Thông tin văn bản: Số văn bản, Ngày văn bản. ") and "0 từ" not in intro
