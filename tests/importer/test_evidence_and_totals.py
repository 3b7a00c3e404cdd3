"""Issue 14, points 3 and 6 as the audit found them still open, on Word files written here with
python-docx: a plain report is not taken for another document kind on its title's words alone;
headings worded with the same words reordered or a word added still match (unrelated ones do
not); part labels typed in capitals print back in capitals; a stated score total becomes the
report's total however it is written, no word lost."""
import copy

import pytest

from tudanhgia.importer.docx_reader import read_docx
from tudanhgia.importer.recognize import Recognizer, _similar
from tudanhgia.render.layout import layout
from tudanhgia.services.importing import recognise_file
from tudanhgia.render.text import to_paragraphs
from tudanhgia.store.rows import settings_from_json, settings_to_json
from wordlike import WordReport


def recognise(w: WordReport, tmp_path, sample_service):
    return Recognizer(read_docx(w.save(tmp_path / "bc.docx")), sample_service.kinds).run()


# --- point 3: evidence, not the title's words alone --------------------------------------------------
def test_a_plain_report_is_not_taken_for_the_individual_form(tmp_path, sample_service):
    w = WordReport()
    w.header("UBND HUYỆN SƠN TỊNH", "UBND XÃ TỊNH HÀ", "Số: 22/BC-UBND", "Tịnh Hà, ngày 05 tháng 12 năm 2025")
    w.title("BÁO CÁO", "Kết quả thực hiện nhiệm vụ năm 2025")
    w.heading("I. Kết quả thực hiện")
    w.para("Đã hoàn thành 18/20 nhiệm vụ.")
    w.heading("II. Phương hướng nhiệm vụ năm 2026")
    w.para("Tiếp tục thực hiện.")
    w.closing(["- UBND huyện;", "- Lưu: VT."], ["CHỦ TỊCH"], "Lê Văn Tám")
    result = recognise(w, tmp_path, sample_service)
    # the form is a "PHIẾU TỰ ĐÁNH GIÁ", this a "BÁO CÁO" with none of the form's headings
    assert result.kind.id == "khac", [(k.id, s) for k, s in result.candidates]
    printed = to_paragraphs(layout(result.report))
    assert "Nơi nhận:" in printed
    assert "NGƯỜI TỰ ĐÁNH GIÁ" not in printed and "NGƯỜI QUẢN LÝ TRỰC TIẾP" not in printed
    assert result.coverage.complete, result.coverage.lines()


@pytest.mark.parametrize(("source", "kind_heading"), [
    ("Kiến nghị, đề xuất", "Đề xuất, kiến nghị"),                      # the same words reordered
    ("Phương hướng, nhiệm vụ, giải pháp trong thời gian tới", "Nhiệm vụ, giải pháp trong thời gian tới"),
])
def test_headings_worded_a_little_differently_match(source, kind_heading):
    assert _similar(source, kind_heading)


@pytest.mark.parametrize(("source", "kind_heading"), [
    ("Ưu điểm, hạn chế và nguyên nhân", "Hạn chế, khuyết điểm và nguyên nhân"),
    ("Kết quả đạt được", "Kết quả đạt được và nguyên nhân của hạn chế"),
    ("Hạn chế và nguyên nhân", "Ưu điểm, hạn chế và nguyên nhân"),
    ("Nhiệm vụ trọng tâm", "Nhiệm vụ, giải pháp trong thời gian tới"),
    ("Đề xuất", "Kiến nghị"),
    ("Tình hình chung", "Tình hình kinh tế, xã hội chung của địa phương"),
])
def test_unrelated_headings_do_not_match(source, kind_heading):
    assert not _similar(source, kind_heading)


# --- point 6: typography as written -------------------------------------------------------------------
@pytest.mark.parametrize("labels", [("PHẦN THỨ NHẤT", "PHẦN THỨ HAI"), ("PHẦN I", "PHẦN II"),
                                    ("Phần thứ nhất", "Phần thứ hai")])
def test_part_labels_in_capitals_print_in_capitals(tmp_path, sample_service, labels):
    w = WordReport()
    w.title("BÁO CÁO", "Tổng kết công tác năm 2025")
    for label, title, text in zip(labels, ("KẾT QUẢ NĂM 2025", "PHƯƠNG HƯỚNG NĂM 2026"), ("Đạt.", "Tiếp tục."),
                                  strict=True):
        w.heading(label).heading(title).para(text)
    result = recognise(w, tmp_path, sample_service)
    printed = to_paragraphs(layout(result.report))
    assert [p for p in printed if p.casefold().startswith("phần")] == list(labels)
    assert "KẾT QUẢ NĂM 2025" in printed and "PHƯƠNG HƯỚNG NĂM 2026" in printed
    assert result.coverage.complete, result.coverage.lines()
    stored = copy.deepcopy(result.report)      # the learned style survives the database
    settings_from_json(stored, settings_to_json(result.report))
    assert [p for p in to_paragraphs(layout(stored)) if p.casefold().startswith("phần")] == list(labels)


@pytest.mark.parametrize(("lines", "total"), [
    ([("TỔNG ĐIỂM TỰ CHẤM: 92/100 điểm", True)], 92),                            # alone, no heading
    ([("III. TỔNG ĐIỂM TỰ CHẤM: 95 ĐIỂM", True)], 95),                           # in the heading, no "/100"
    ([("III. Tổng điểm tự chấm", True), ("Tổng điểm tự chấm: 95 điểm.", False)], 95),   # under its heading
], ids=["alone", "heading-without-maximum", "under-its-heading"])
def test_a_stated_total_is_the_reports_total_however_written(tmp_path, sample_service, lines, total):
    w = WordReport()
    w.title("BÁO CÁO", "Kết quả xây dựng cơ quan đạt chuẩn văn hóa năm 2025")
    w.heading("I. Tình hình chung")
    w.para("Có 15 công chức.")
    w.heading("II. Kết quả thực hiện")
    w.heading("1. Hoàn thành tốt nhiệm vụ")
    w.para("Đạt.")
    for text, bold in lines:
        (w.heading if bold else w.para)(text)
    w.para("UBND xã đề nghị công nhận./.")
    result = recognise(w, tmp_path, sample_service)
    got = result.report
    assert result.kind.id == "van-hoa"
    assert got.stated_total() == total and got.score_total() == total
    assert not any("điểm" in s.heading.casefold() and any(c.isdigit() for c in s.heading) for s in got.walk())
    printed = to_paragraphs(layout(got))
    assert any(p.startswith(f"Tổng điểm tự chấm: {total}") for p in printed), printed
    assert result.coverage.complete, result.coverage.lines()


@pytest.mark.parametrize("kind_id", ["khac", "tu-danh-gia-nam", "van-hoa", "chuyen-de", "ke-hoach-khac-phuc"])
def test_a_fresh_export_reads_back_as_its_own_kind(tmp_path, service, kind_id):
    """Our own export of a new report, read again: the same kind (a fresh "Báo cáo khác" was read
    as the individual quarterly form on its subject's words)."""
    report = service.create_report(kind_id, "2025")
    out = service.export_docx(report.id, tmp_path / "bc.docx")
    assert recognise_file(service, out).kind.id == kind_id
