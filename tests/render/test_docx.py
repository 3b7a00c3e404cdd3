"""The exported DOCX read back: every rule of spec/nd30.md that can be checked in the file."""
import re
import zipfile

import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm

from docx_read import (all_paragraphs, body_items, footnote_texts, footnotes_part, open_docx, run_font)
from tudanhgia.services.export import export_docx

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def test_page_setup_p1_p2(docs):
    for doc in docs.values():
        for sec in doc.sections:
            assert (round(sec.page_width.mm), round(sec.page_height.mm)) == (210, 297)
            mm = lambda length: round(length.mm, 1)  # noqa: E731 - Word stores twips
            assert 20 <= mm(sec.top_margin) <= 25 and 20 <= mm(sec.bottom_margin) <= 25
            assert 30 <= mm(sec.left_margin) <= 35 and 15 <= mm(sec.right_margin) <= 20


def test_times_new_roman_everywhere_p3(exported):
    with zipfile.ZipFile(exported[1]) as z:
        styles = z.read("word/styles.xml").decode()
        document = z.read("word/document.xml").decode()
    assert "Theme=" not in styles and "w:cstheme" not in styles, "theme fonts would override Times New Roman"
    defaults = re.search(r"<w:rPrDefault>.*?</w:rPrDefault>", styles, re.S).group(0)
    for slot in ("ascii", "hAnsi", "eastAsia", "cs"):
        assert f'w:{slot}="Times New Roman"' in defaults
    assert 'w:val="vi-VN"' in defaults
    fonts = set(re.findall(r'w:ascii="([^"]+)"', styles + document))
    assert fonts <= {"Times New Roman", "Segoe UI Symbol"}


def test_every_run_is_times_new_roman_and_sized(docs):
    for doc in docs.values():
        for p in all_paragraphs(doc):
            for run in p.runs:
                if not run.text.strip():
                    continue
                name, size, _, _ = run_font(run)
                if run.text in ("☐", "☒"):
                    assert name == "Segoe UI Symbol"
                else:
                    assert name == "Times New Roman", run.text
                assert size is not None and 10 <= size <= 14, (run.text, size)


def _header_table(doc):
    return next(i for i in body_items(doc) if hasattr(i, "rows"))


def _cell_lines(cell):
    return [(p.text, p) for p in cell.paragraphs if p.text.strip()]


def test_header_table_h1_h6(docs):
    table = _header_table(docs[1])
    (tl, tr), (bl, br) = (row.cells for row in table.rows)
    (h1, p1), (h2, p2) = _cell_lines(tl)
    assert (h1, h2) == ("UBND TỈNH QUẢNG NGÃI", "VĂN PHÒNG")
    assert run_font(p1.runs[0])[1:3] == (12, False) and run_font(p2.runs[0])[1:3] == (12, True)
    (h3, p3), (h4, p4) = _cell_lines(tr)
    assert (h3, h4) == ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc")
    assert run_font(p3.runs[0])[2] and run_font(p4.runs[0])[1:3] == (13, True)
    number = _cell_lines(bl)[0][0]
    assert re.fullmatch(r"Số:\s+/BC-VP", number.replace("\u00a0", " ")), number
    date, pd = _cell_lines(br)[0]
    assert re.fullmatch(r"Quảng Ngãi, ngày\s+tháng 12 năm 2020", date.replace("\u00a0", " "))
    assert run_font(pd.runs[0])[3], "place and date in italics (H6)"
    for p in (p1, p2, p3, p4, pd):
        assert WD_ALIGN_PARAGRAPH.CENTER in (p.alignment, p.style.paragraph_format.alignment)


def test_header_table_is_borderless_with_widths_for_word_and_libreoffice(docs):
    table = _header_table(docs[1])
    tbl = table._tbl
    assert tbl.find(f".//{W}tblBorders") is None or all(
        b.get(f"{W}val") in ("nil", "none") for b in tbl.find(f".//{W}tblBorders"))
    grid = [int(g.get(f"{W}w")) for g in tbl.find(f"{W}tblGrid")]
    assert [round(Mm(0).mm + g / 56.6929) for g in grid] == [65, 100]  # twips → mm, LibreOffice reads these
    for row in table.rows:
        assert [round(c.width.mm) for c in row.cells] == [65, 100]  # Word reads tcW


def test_rules_under_agency_motto_and_subject(docs):
    table = _header_table(docs[1])
    (tl, tr), _ = (row.cells for row in table.rows)
    def rule_length(cell_or_doc, width):
        p = next(p for p in cell_or_doc.paragraphs if p._p.find(f".//{W}pBdr/{W}bottom") is not None)
        pf = p.paragraph_format
        return width - pf.left_indent.mm - pf.right_indent.mm
    agency = rule_length(tl, 65)
    motto = rule_length(tr, 100)
    from tudanhgia.render.metrics import text_width_pt
    name_mm = text_width_pt("VĂN PHÒNG", 12, True) * 25.4 / 72
    motto_mm = text_width_pt("Độc lập - Tự do - Hạnh phúc", 13, True) * 25.4 / 72
    assert name_mm / 3 - 0.5 <= agency <= name_mm / 2 + 0.5      # H2: 1/3–1/2
    assert abs(motto - motto_mm) < 1                             # H4: as long as the text
    assert 50 < motto_mm < 60


def test_title_t1_t2(docs):
    paras = [p for p in body_items(docs[1]) if not hasattr(p, "rows")]
    t1 = next(p for p in paras if p.text == "BÁO CÁO KIỂM ĐIỂM TẬP THỂ")
    t2 = next(p for p in paras if p.text == "Năm 2020")
    for p in (t1, t2):
        assert p.style.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.CENTER
        assert run_font(p.runs[0])[1:3] == (14, True)
    t1_plan = next(p for p in body_items(docs[2]) if not hasattr(p, "rows") and p.text == "KẾ HOẠCH")
    assert t1_plan is not None


def test_body_paragraphs_b1(docs):
    body = [p for p in docs[1].paragraphs if p.text.startswith("Năm 2020, Văn phòng UBND tỉnh đã thường xuyên")]
    assert body
    pf = body[0].style.paragraph_format
    assert pf.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY
    assert round(pf.first_line_indent.mm) in (10, 13)
    assert pf.space_after.pt >= 6
    assert 1.0 <= (pf.line_spacing or 1.0) <= 1.5
    assert run_font(body[0].runs[0])[1] == 14


def test_headings_b3_b6(docs):
    paras = docs[1].paragraphs
    roman = next(p for p in paras if p.text == "I. Ưu điểm, kết quả đạt được")
    arabic = next(p for p in paras if p.text.startswith("1. Việc quán triệt"))
    nested = next(p for p in paras if p.text == "2.1. Về công tác tham mưu tổng hợp")
    letter = next(p for p in paras if p.text == "a) Xây dựng Chương trình công tác của UBND tỉnh")
    assert run_font(roman.runs[0])[2] and run_font(arabic.runs[0])[2]
    assert run_font(nested.runs[0])[2:] == (True, True)  # house style: bold italic
    assert run_font(letter.runs[0])[2:] == (True, False)  # B6: titled → bold, upright
    item = next(p for p in paras if p.text.startswith("a) Nhiều nội dung của Chương trình công tác"))
    assert run_font(item.runs[0])[2:] == (False, False)  # an untitled lettered item is body text
    caps = next(p for p in docs[2].paragraphs if p.text.startswith("I. "))
    assert caps.text == "I. MỤC ĐÍCH, YÊU CẦU"
    part = [p.text for p in docs[3].paragraphs if p.text.startswith("Phần")]
    assert part == ["Phần I", "Phần II"]  # one style for the whole document (B2)
    title = docs[3].paragraphs[[p.text for p in docs[3].paragraphs].index("Phần I") + 1]
    assert title.text == "KHÁI QUÁT ĐẶC ĐIỂM, TÌNH HÌNH"
    assert title.style.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.CENTER


def test_officers_dashes_stay_text_b7(docs):
    dashes = [p for p in docs[1].paragraphs if p.text.startswith("- Năm 2020, đã tham mưu")]
    assert dashes and dashes[0]._p.find(f".//{W}numPr") is None


def test_self_rating_checkboxes_match_stored_ratings_r1(docs, sample_service):
    report = sample_service.get_report(1)
    stored = [s.rating.label for s in report.rated_sections()]
    lines = [p for p in docs[1].paragraphs if "Xuất sắc" in p.text and "Kém" in p.text]
    assert len(lines) == len(stored) == 5
    prompts = [p for p in docs[1].paragraphs if p.text == "Tự đánh giá về cấp độ thực hiện:"]
    assert len(prompts) == 5
    for line, chosen in zip(lines, stored, strict=True):
        marks = re.findall(r"([☐☒])\s*(Xuất sắc|Tốt|Trung bình|Kém)", line.text.replace("\u00a0", " "))
        assert [lv for box, lv in marks if box == "☒"] == [chosen]
        assert len(marks) == 4


def test_classification_r2(docs):
    options = [p.text for p in docs[1].paragraphs if "hoàn thành" in p.text.lower() and p.text[:1] in "☐☒"]
    assert options == ["☐ Hoàn thành xuất sắc nhiệm vụ;", "☒ Hoàn thành tốt nhiệm vụ;",
                       "☐ Hoàn thành nhiệm vụ;", "☐ Không hoàn thành nhiệm vụ."]
    inline = [p.text for p in docs[3].paragraphs if p.text.startswith("V. Đề nghị xếp loại")]
    assert inline == ["V. Đề nghị xếp loại mức chất lượng: Hoàn thành xuất sắc nhiệm vụ."]


def test_plan_items_with_italic_labels(docs):
    paras = docs[2].paragraphs
    labels = ["Biện pháp khắc phục:", "Chỉ đạo thực hiện:", "Đơn vị tham mưu thực hiện:", "Thời gian thực hiện:"]
    start = next(i for i, p in enumerate(paras) if p.text.startswith("a) Nhiều nội dung của Chương trình công tác"))
    end = next(i for i, p in enumerate(paras) if i > start and p.text.startswith("b) "))
    following = paras[start + 1: end]
    found = []
    for p in following:
        for label in labels:
            if p.text.startswith(f"- {label}"):
                italic = [r for r in p.runs if r.text.strip() == label]
                assert italic and run_font(italic[0])[3], f"{label} in italics"
                found.append(label)
    assert found == labels
    assert any(p.text.startswith("đ) Việc thực hiện lưu trữ hồ sơ điện tử") for p in paras)
    assert any(p.text.startswith("a) Nội dung: Thường xuyên, tăng cường công tác giáo dục") for p in paras)


def test_closing_b8_and_signature_block_c1_c7(docs):
    paras = docs[1].paragraphs
    assert any(p.text == "Văn phòng UBND tỉnh kính báo cáo cấp thẩm quyền quan tâm chỉ đạo./." for p in paras)
    table = [t for t in body_items(docs[1]) if hasattr(t, "rows")][-1]
    left, right = table.rows[0].cells
    head = left.paragraphs[0]
    assert head.text == "Nơi nhận:" and run_font(head.runs[0])[1:] == (12, True, True)
    recipients = [p for p in left.paragraphs[1:] if p.text]
    assert recipients[0].text == "- CT, PCT UBND tỉnh (báo cáo);"
    assert recipients[-1].text == "- Lưu: VT, HC-TC."
    assert all(run_font(p.runs[0])[1:3] == (11, False) for p in recipients)
    lines = list(right.paragraphs)
    assert [p.text for p in lines if p.text][:2] == ["KT. CHÁNH VĂN PHÒNG", "PHÓ CHÁNH VĂN PHÒNG"]
    assert all(run_font(p.runs[0])[1:3] == (14, True) for p in lines if p.text)
    blank = [p for p in lines if not p.text]
    assert 3 <= len(blank) <= 5  # room for signature and seal (C6)
    assert lines[-1].text == "Lê Quốc Đạt" and run_font(lines[-1].runs[0])[2]
    assert [round(c.width.mm) for c in table.rows[0].cells] in ([55, 110], [58, 107])


def test_real_footnotes_f1(docs, exported):
    doc = docs[3]
    part = footnotes_part(doc)
    assert part is not None
    notes = footnote_texts(doc)
    assert sorted(notes) == [1, 2, 3, 4]
    assert notes[1].startswith("41 Quyết định quy phạm")
    assert notes[3].startswith("Thực hiện điều động và bổ nhiệm 01 công chức")
    with zipfile.ZipFile(exported[3]) as z:
        document = z.read("word/document.xml").decode()
        settings = z.read("word/settings.xml").decode()
        types = z.read("[Content_Types].xml").decode()
    refs = re.findall(r'<w:footnoteReference w:id="(\d+)"/>', document)
    assert refs == ["1", "2", "3", "4"]
    assert "footnotes+xml" in types and "<w:footnotePr>" in settings
    ref_style = doc.styles["Footnote Reference"]
    assert ref_style.font.superscript
    assert 10 <= doc.styles["Footnote Text"].font.size.pt <= 12
    assert footnotes_part(docs[1]) is None  # no notes, no empty part


def test_page_numbers_in_header_not_on_page_1_p4(docs, exported):
    doc = docs[1]
    sec = doc.sections[0]
    assert sec.different_first_page_header_footer
    header_xml = sec.header._element.xml
    assert "PAGE" in header_xml and 'w:fldCharType="begin"' in header_xml
    assert "PAGE" not in sec.first_page_header._element.xml
    p = sec.header.paragraphs[0]
    assert p.style.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.CENTER and p.style.font.size.pt in (13, 14)


def test_appendix_a1_a4(docs, sample_service):
    doc = docs["theme"]
    assert len(doc.sections) == 2
    sect = doc.sections[1]._sectPr
    assert sect.find(f"{W}pgNumType").get(f"{W}start") == "1"
    paras = [p.text for p in doc.paragraphs]
    assert "PHỤ LỤC SỐ LIỆU" in paras
    attached = next(p for p in doc.paragraphs if p.text.startswith("(Kèm theo Báo cáo số"))
    assert run_font(attached.runs[0])[3]
    assert re.search(r"/BC-VP ngày\s+tháng \d+ năm \d{4} của Văn phòng UBND tỉnh Quảng Ngãi\)$",
                     attached.text.replace("\u00a0", " "))
    table = [t for t in body_items(doc) if hasattr(t, "rows")][-1]
    assert table.rows[0]._tr.find(f".//{W}tblHeader") is not None
    rows = [[c.text for c in r.cells] for r in table.rows]
    assert rows[1][-1] == "100%" and rows[2][3] == "62.224" and rows[2][-1] == "96,2%"
    assert rows[3][-1] == "" and rows[3][3] == ""
    assert table.rows[2].cells[3].paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.RIGHT


def test_secrecy_and_urgency_marks_h7_h8(sample_service, tmp_path):
    sample_service.update_meta(2, secrecy="MẬT", urgency="HỎA TỐC")
    path = export_docx(sample_service, 2, tmp_path / "mat.docx")
    table = _header_table(open_docx(path))
    texts = [p.text for p in table.rows[1].cells[0].paragraphs]
    assert texts[1:] == ["MẬT", "HỎA TỐC"]
    urgent = table.rows[1].cells[0].paragraphs[2]
    assert all(urgent._p.find(f".//{W}pBdr/{W}{side}") is not None for side in ("top", "left", "bottom", "right"))


@pytest.mark.parametrize("kind_id,share,verdict", [
    ("van-hoa", 0.9, "Đối chiếu điểm chuẩn (80 điểm): đạt."),
    ("van-hoa", 0.5, "Đối chiếu điểm chuẩn (80 điểm): chưa đạt."),
    ("kiem-diem-tap-the-2025", 0.8, "Mức xếp loại tương ứng với tổng điểm: Hoàn thành tốt nhiệm vụ."),
    ("kiem-diem-tap-the-2025", 0.95, "Mức xếp loại tương ứng với tổng điểm: Hoàn thành xuất sắc nhiệm vụ.")])
def test_score_total_is_computed_and_printed_r3(sample_service, tmp_path, kind_id, share, verdict):
    unit = sample_service.list_units()[0]
    report = sample_service.create_report(kind_id, "2025", unit.id)
    scored = [s for s in report.walk() if s.is_scored]
    scores = [round(s.max_score * share * 2) / 2 for s in scored]  # half points allowed
    for s, score in zip(scored, scores, strict=True):
        sample_service.update_section(s.id, score=score)
    total = sum(scores)
    assert sample_service.get_report(report.id).score_total() == total
    text = f"{total:g}".replace(".", ",")
    doc = open_docx(export_docx(sample_service, report.id, tmp_path / "diem.docx"))
    paras = [p.text for p in doc.paragraphs]
    line = f"Tổng điểm tự chấm: {text}/100 điểm"
    assert paras.count(line) == 1 and verdict in paras
    # printed inside the kind's own section, right after its heading and body
    heading = next(i for i, p in enumerate(paras) if p.casefold().endswith("tổng điểm tự chấm")
                   or p.casefold() == "tổng điểm"  # the 2025 form's unnumbered line under the criteria
                   or p.casefold().endswith("đề nghị xếp loại mức chất lượng"))
    assert heading < paras.index(line) <= heading + 3
    item = next(p for p in paras if p.startswith("Điểm tự chấm: "))
    assert re.fullmatch(r"Điểm tự chấm: \d+(,\d+)?/\d+ điểm", item)
