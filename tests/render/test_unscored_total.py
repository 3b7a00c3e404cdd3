"""Audit gap 3 of issue 15: a draft whose criteria are not scored yet prints the total and its band as
blanks to fill ("…"), in the DOCX and in Xem trước alike; it printed "Tổng điểm tự chấm: 0/100" and
"Mức xếp loại tương ứng với tổng điểm: Không hoàn thành nhiệm vụ.", a verdict nobody gave. Once a
criterion is scored the sum prints as before. Expected lines written from the kind's 30 + 70 form."""
import html
import re

from docx_read import open_docx, text_paragraphs
from tudanhgia.domain.richtext import RichText
from tudanhgia.render.html import report_html
from tudanhgia.services.export import export_docx

TOTAL, BAND = "Tổng điểm tự chấm: ", "Mức xếp loại tương ứng với tổng điểm: "


def _preview_lines(report) -> list[str]:
    """The paragraphs of Xem trước as the officer reads them (tags dropped)."""
    blocks = re.findall(r"<p\b[^>]*>(.*?)</p>", report_html(report), re.S)
    return [" ".join(html.unescape(re.sub(r"<[^>]+>", "", b)).split()) for b in blocks]


def _printed(service, report_id, tmp_path) -> tuple[list[str], list[str]]:
    docx = text_paragraphs(open_docx(export_docx(service, report_id, tmp_path / f"{report_id}.docx")))
    preview = _preview_lines(service.get_report(report_id))
    return ([p for p in docx if p.startswith((TOTAL, BAND))], [p for p in preview if p.startswith((TOTAL, BAND))])


def test_an_unscored_2025_draft_prints_blanks_for_the_total_and_its_band(service, tmp_path):
    report = service.create_report("kiem-diem-tap-the-2025", "2025")
    docx, preview = _printed(service, report.id, tmp_path)
    assert docx == ["Tổng điểm tự chấm: …/100 điểm", "Mức xếp loại tương ứng với tổng điểm: …"]
    assert preview == docx


def test_the_total_prints_once_a_criterion_is_scored(service, tmp_path):
    report = service.create_report("kiem-diem-tap-the-2025", "2025")
    general = next(s for s in report.walk() if s.key == "tieu-chi.chung")
    service.update_section(general.id, score=26, body=RichText.from_plain("Căn cứ mục A."))
    docx, preview = _printed(service, report.id, tmp_path)
    assert docx == ["Tổng điểm tự chấm: 26/100 điểm",
                    "Mức xếp loại tương ứng với tổng điểm: Không hoàn thành nhiệm vụ."]
    assert preview == docx


def test_an_unscored_culture_review_prints_a_blank_verdict_against_its_pass_mark(service, tmp_path):
    report = service.create_report("van-hoa", "2025")
    docx = text_paragraphs(open_docx(export_docx(service, report.id, tmp_path / "vh.docx")))
    lines = [p for p in docx if p.startswith((TOTAL, "Đối chiếu điểm chuẩn"))]
    assert lines[0].startswith("Tổng điểm tự chấm: …/") and lines[0].endswith(" điểm")
    assert lines[1].startswith("Đối chiếu điểm chuẩn (") and lines[1].endswith("): …")
