"""Issue 15 points 3 and 4 through the services: a unit's and a report's document standard (stored,
read by both readers, used by export and the pre-print check), and the tone-mark style of each
standard — on the text the program generates, and offered for the officer's text (listed first,
changed only when asked). Expected words are written here, not computed by the code under test."""
from __future__ import annotations

import subprocess

import pytest
from docx import Document

from tudanhgia.domain.model import Limitation
from tudanhgia.domain.richtext import RichText
from tudanhgia.errors import ServiceError
from tudanhgia.render import standards as standards_module
from tudanhgia.render.standards import StandardRegistry, shipped_standards_dir
from tudanhgia.services.chain import pre_print_check
from tudanhgia.services.export import export_docx
from tudanhgia.services.standards import (normalise_tone, set_report_standard, set_unit_standard, standard_of,
                                          tone_changes)
from tudanhgia.store.direct import ReportFile


@pytest.fixture
def new_style_standard(tmp_path, monkeypatch):
    """A unit's own standard that writes hoà, thuỷ (its own folder, as a unit would add it)."""
    own = tmp_path / "standards"
    own.mkdir()
    (own / "moi.toml").write_text('id = "kieu-moi"\nname = "Thể thức của đơn vị (kiểu bỏ dấu mới)"\n'
                                  '[text]\ntone_marks = "new"\n', encoding="utf-8")
    monkeypatch.setattr(standards_module, "_REGISTRY", StandardRegistry.load(shipped_standards_dir(), own))
    return "kieu-moi"


def test_the_units_standard_is_stored_in_its_settings_and_read_with_every_report(sample_service, sample_db):
    unit = sample_service.default_unit()
    set_unit_standard(sample_service, unit.id, "hd05-vptw")
    import sqlite3
    with sqlite3.connect(sample_db) as con:
        stored = con.execute("SELECT settings_json FROM unit_profile WHERE id = ?", (unit.id,)).fetchone()[0]
    assert '"document_standard": "hd05-vptw"' in stored
    assert sample_service.get_report(1).standard_id == "hd05-vptw"
    direct = ReportFile(sample_db)   # the command line's sqlite3-only reader says the same
    try:
        assert direct.load_report(1).standard_id == "hd05-vptw"
    finally:
        direct.close()
    set_unit_standard(sample_service, unit.id, "Nghị định 30/2020/NĐ-CP")   # by name too
    assert sample_service.default_unit().document_standard == ""
    with pytest.raises(ServiceError, match="không có thể thức văn bản “ND 30”"):
        set_unit_standard(sample_service, unit.id, "ND 30")


def test_a_report_overrides_its_unit_and_export_and_check_follow_it(sample_service, tmp_path):
    set_report_standard(sample_service, 1, "hd05-vptw")
    report = sample_service.get_report(1)
    assert (report.document_standard, standard_of(report).standard_id) == ("hd05-vptw", "hd05-vptw")
    doc = Document(str(export_docx(sample_service, 1, tmp_path / "r1.docx")))
    texts = [p.text for t in doc.tables for row in t.rows for c in row.cells for p in c.paragraphs]
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in texts and "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" not in texts
    assert "- Lưu HC-TC." in texts   # the report's "VT, HC-TC" without "VT"
    notes = [i.message for i in pre_print_check(sample_service, report, spelling=False) if i.code == "archive-dropped"]
    assert notes == ["Thể thức Hướng dẫn 05-HD/VPTW (văn bản của Đảng) không ghi “VT” ở dòng Lưu; văn bản in: "
                     "“- Lưu HC-TC.”."]   # the officer's "VT, HC-TC": what prints is said, never silently
    report.recipients.archive = "Văn phòng Đảng ủy"   # no "VT": right in the Party's format
    sample_service.update_report(report)
    issues = pre_print_check(sample_service, sample_service.get_report(1), spelling=False)
    codes = [i.code for i in issues]
    assert "archive-format" not in codes and "archive-dropped" not in codes
    assert issues[-1].message == "Văn bản được trình bày theo thể thức: Hướng dẫn 05-HD/VPTW (văn bản của Đảng)."
    set_report_standard(sample_service, 1, "unit")
    report = sample_service.get_report(1)
    assert report.document_standard == "" and standard_of(report).standard_id == "nd30"
    codes = [i.code for i in pre_print_check(sample_service, sample_service.get_report(1), spelling=False)]
    assert "archive-format" in codes   # Nghị định 30 wants "Lưu: VT, …"


def test_generated_text_follows_the_units_tone_mark_style(sample_service, new_style_standard):
    unit = sample_service.default_unit()
    old = sample_service.create_report("kiem-diem-tap-the-2025", "2025", unit.id)
    assert "hóa" in old.meta.preamble.plain + "".join(s.guidance.plain for s in old.walk())
    set_unit_standard(sample_service, unit.id, new_style_standard)
    new = sample_service.create_report("kiem-diem-tap-the-2025", "2025", unit.id)
    generated = new.meta.preamble.plain + "".join(s.guidance.plain + s.heading for s in new.walk())
    assert "cụ thể hoá" in generated and "cụ thể hóa" not in generated
    # the document's own fixed words follow it as well
    from tudanhgia.render.layout import layout
    header = layout(sample_service.get_report(new.id)).blocks[0]
    assert header.national == "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM"


def test_the_officers_words_are_listed_then_changed_only_when_asked(sample_service):
    report = sample_service.get_report(1)
    section = next(s for s in report.walk() if not s.body.is_empty())
    sample_service.update_section(section.id, body=RichText.from_markup("Chăm lo **sức khoẻ**, giữ gìn hoà khí."))
    lim = sample_service.add_limitation(1, Limitation(RichText.from_plain("Công tác thuỷ lợi còn chậm.")))
    changes = tone_changes(sample_service.get_report(1), "old")
    assert [(c.word, c.replacement) for c in changes] == [("khoẻ", "khỏe"), ("hoà", "hòa"), ("thuỷ", "thủy")]
    assert changes[-1].where.startswith("Hạn chế ")
    assert sample_service.get_report(1).find(section.id).body.to_markup() == "Chăm lo **sức khoẻ**, giữ gìn hoà khí."
    assert normalise_tone(sample_service, 1, "old") == 3
    after = sample_service.get_report(1)
    assert after.find(section.id).body.to_markup() == "Chăm lo **sức khỏe**, giữ gìn hòa khí."   # bold kept
    assert next(x for x in after.limitations if x.id == lim.id).text.plain == "Công tác thủy lợi còn chậm."
    assert tone_changes(after, "old") == [] and normalise_tone(sample_service, 1, "old") == 0


def test_the_party_document_through_libreoffice(sample_service, tmp_path):
    import shutil
    if shutil.which("soffice") is None or shutil.which("pdftotext") is None:
        pytest.skip("soffice/pdftotext not installed (Debian: libreoffice-writer-nogui, poppler-utils)")
    set_report_standard(sample_service, 1, "hd05-vptw")
    sample_service.update_meta(1, number="5")
    docx = export_docx(sample_service, 1, tmp_path / "party.docx")
    profile = tmp_path / "lo-profile"
    subprocess.run(["soffice", f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(tmp_path), str(docx)], check=True, capture_output=True, timeout=240)
    text = subprocess.run(["pdftotext", "-layout", str(tmp_path / "party.pdf"), "-"], capture_output=True,
                          text=True, check=True).stdout
    flat = " ".join(text.split())
    for printed in ("ĐẢNG CỘNG SẢN VIỆT NAM", "Số 05-BC/VP", "Nơi nhận:", "- Lưu HC-TC."):
        assert printed in flat, printed
    assert "Độc lập - Tự do - Hạnh phúc" not in flat and "Số:" not in flat
