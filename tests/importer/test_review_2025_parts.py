"""Issue 15 (audit gap 1): the 2025 collective review (Mẫu 01, Hướng dẫn 43-HD/BTCTW) has two parts
"A. NỘI DUNG KIỂM ĐIỂM" and "B. NỘI DUNG TỰ ĐÁNH GIÁ, XẾP LOẠI" and an unnumbered "Tổng điểm" line
under B.I. The importer read neither: the app's own export came back with parts I…VIII at the top,
A. and B. as body paragraphs, and an empty-headed total section. The expected outline is the issue's
(written here by hand), the Word file of the second test is written with python-docx."""
from docx_read import open_docx, text_paragraphs
from tudanhgia.domain import ChatLuong
from tudanhgia.domain.numbering import NumberStyle
from tudanhgia.domain.richtext import RichText
from tudanhgia.importer.docx_reader import read_docx
from tudanhgia.importer.recognize import Recognizer
from tudanhgia.kinds import KindRegistry
from tudanhgia.paths import shipped_kinds_dir
from tudanhgia.services.export import export_docx
from tudanhgia.services.importing import import_file
from wordlike import WordReport

KIND = "kiem-diem-tap-the-2025"
# (key, heading) by depth as Mẫu 01 lays the form out (issue 15, point 1)
OUTLINE = [
    ("kiem-diem", [
        ("uu-diem", ["uu-diem.tap-trung-dan-chu", "uu-diem.nhiem-vu", "uu-diem.xay-dung-dang",
                     "uu-diem.trach-nhiem-lanh-dao"]),
        ("han-che", ["han-che.1", "han-che.2"]),
        ("khac-phuc", []), ("giai-trinh", []), ("trach-nhiem", []), ("phuong-huong", [])]),
    ("tu-danh-gia", [
        ("tieu-chi", ["tieu-chi.chung", "tieu-chi.nhiem-vu", "tieu-chi.tong"]),
        ("xep-loai", [])]),
]
# the printed headings, in order, as the form writes them
PRINTED = ["A. NỘI DUNG KIỂM ĐIỂM", "I. Ưu điểm, kết quả đạt được", "II. Hạn chế, khuyết điểm và nguyên nhân",
           "III. Kết quả khắc phục những hạn chế, khuyết điểm đã được cấp có thẩm quyền kết luận hoặc được chỉ ra "
           "ở các kỳ kiểm điểm trước", "IV. Giải trình những vấn đề được gợi ý kiểm điểm (nếu có)",
           "V. Trách nhiệm của tập thể, cá nhân", "VI. Phương hướng, biện pháp khắc phục hạn chế, khuyết điểm",
           "B. NỘI DUNG TỰ ĐÁNH GIÁ, XẾP LOẠI", "I. Đánh giá theo các nhóm tiêu chí", "1. Nhóm tiêu chí chung",
           "2. Nhóm tiêu chí về kết quả thực hiện nhiệm vụ", "Tổng điểm", "II. Đề xuất xếp loại mức chất lượng"]


def _outline(report):
    return [(root.key, [(s.key, [c.key for c in s.children]) for s in root.children]) for root in report.sections]


def _recognise(w: WordReport, tmp_path):
    return Recognizer(read_docx(w.save(tmp_path / "kd.docx")), KindRegistry.load(shipped_kinds_dir())).run()


def _scored_review(service) -> int:
    report = service.create_report(KIND, "2025")
    sections = {s.key: s for s in report.walk()}
    texts = {"uu-diem.tap-trung-dan-chu": "Tập thể giữ nghiêm nguyên tắc tập trung dân chủ.",
             "uu-diem.nhiem-vu": "Hoàn thành 42/42 nhiệm vụ, 15 nhiệm vụ vượt mức.",
             "trach-nhiem": "Trách nhiệm chính thuộc người đứng đầu.",
             "phuong-huong": "Hoàn thiện quy chế làm việc trong quý I/2026.",
             "tieu-chi.chung": "Căn cứ mục A.I.1 và A.I.3."}
    for key, text in texts.items():
        service.update_section(sections[key].id, body=RichText.from_plain(text))
    service.update_section(sections["tieu-chi.chung"].id, score=26)
    service.update_section(sections["tieu-chi.nhiem-vu"].id, score=60)
    service.update_section(sections["xep-loai"].id, rating=ChatLuong.HTT)
    return report.id


def test_export_import_export_keeps_the_a_b_outline_and_text(sample_service, tmp_path):
    first = export_docx(sample_service, _scored_review(sample_service), tmp_path / "1.docx")
    result = import_file(sample_service, first)
    assert result.kind.id == KIND and result.unplaced == 0
    got = result.report
    assert _outline(got) == OUTLINE
    assert got.levels[0].number is NumberStyle.UPPER_LETTER
    by_key = {s.key: s for s in got.walk()}
    assert by_key["kiem-diem"].heading == "NỘI DUNG KIỂM ĐIỂM"
    assert by_key["tu-danh-gia"].heading == "NỘI DUNG TỰ ĐÁNH GIÁ, XẾP LOẠI"
    assert by_key["tieu-chi.tong"].heading == "Tổng điểm"
    assert by_key["tieu-chi.tong"].body.is_empty()
    assert by_key["tieu-chi.nhiem-vu"].body.is_empty()      # "Tổng điểm" is no text of item 2
    assert by_key["phuong-huong"].body.plain == "Hoàn thiện quy chế làm việc trong quý I/2026."
    assert (by_key["tieu-chi.chung"].score, by_key["tieu-chi.nhiem-vu"].score) == (26, 60)
    assert got.classification is ChatLuong.HTT
    second = export_docx(sample_service, got.id, tmp_path / "2.docx")
    before, after = text_paragraphs(open_docx(first)), text_paragraphs(open_docx(second))
    assert after == before
    headings = [line for line in after if line in PRINTED or line.startswith(PRINTED[3])]
    assert headings == PRINTED
    assert "Tổng điểm tự chấm: 86/100 điểm" in after


def test_a_word_file_of_the_2025_form_is_read_into_its_parts(tmp_path):
    w = WordReport()
    w.header("ĐẢNG BỘ TỈNH QUẢNG NGÃI", "ĐẢNG ỦY XÃ TỊNH HÀ", "Số 05-BC/ĐU", "Tịnh Hà, ngày 05 tháng 12 năm 2025")
    w.title("BÁO CÁO", "Kiểm điểm, đánh giá, xếp loại chất lượng tập thể lãnh đạo năm 2025")
    w.heading("A. NỘI DUNG KIỂM ĐIỂM")
    w.heading("I. Ưu điểm, kết quả đạt được")
    w.heading("1. Việc chấp hành nguyên tắc tổ chức và hoạt động, nhất là nguyên tắc tập trung dân chủ; "
              "thực hiện quy chế làm việc.")
    w.para("Đảng ủy ban hành quy chế làm việc nhiệm kỳ mới.")
    w.heading("II. Hạn chế, khuyết điểm và nguyên nhân")
    w.para("Còn chậm triển khai một số nghị quyết chuyên đề.")
    w.heading("V. Trách nhiệm của tập thể, cá nhân")
    w.para("Trách nhiệm thuộc Ban Thường vụ.")
    w.heading("B. NỘI DUNG TỰ ĐÁNH GIÁ, XẾP LOẠI")
    w.heading("I. Đánh giá theo các nhóm tiêu chí")
    w.heading("1. Nhóm tiêu chí chung")
    w.para("Điểm tự chấm: 27/30 điểm")
    w.heading("2. Nhóm tiêu chí về kết quả thực hiện nhiệm vụ")
    w.para("Điểm tự chấm: 65/70 điểm")
    w.heading("Tổng điểm")
    w.para("Tổng điểm tự chấm: 92/100 điểm")
    w.heading("II. Đề xuất xếp loại mức chất lượng")
    w.choices([lv.label for lv in ChatLuong], 0)
    w.closing(["- Ban Tổ chức Tỉnh ủy;", "- Lưu Đảng ủy."], ["T/M ĐẢNG ỦY", "BÍ THƯ"], "Lê Văn Bình")
    result = _recognise(w, tmp_path)
    assert result.kind.id == KIND
    report = result.report
    assert [(s.heading, [c.heading for c in s.children]) for s in report.sections] == [
        ("NỘI DUNG KIỂM ĐIỂM", ["Ưu điểm, kết quả đạt được", "Hạn chế, khuyết điểm và nguyên nhân",
                                "Trách nhiệm của tập thể, cá nhân"]),
        ("NỘI DUNG TỰ ĐÁNH GIÁ, XẾP LOẠI", ["Đánh giá theo các nhóm tiêu chí", "Đề xuất xếp loại mức chất lượng"])]
    criteria = report.sections[1].children[0]
    assert [(c.key, c.heading, c.score) for c in criteria.children] == [
        ("tieu-chi.chung", "Nhóm tiêu chí chung", 27), ("tieu-chi.nhiem-vu", "Nhóm tiêu chí về kết quả thực hiện "
                                                                              "nhiệm vụ", 65),
        ("tieu-chi.tong", "Tổng điểm", None)]
    assert report.sections[0].children[2].body.plain == "Trách nhiệm thuộc Ban Thường vụ."
    assert report.classification is ChatLuong.HTXS
    assert result.unplaced == 0
    assert not any("NỘI DUNG" in p.text for p in report.meta.preamble.paragraphs)


def test_a_sentence_after_a_capital_letter_stays_text(tmp_path):
    """Only a title reads as a lettered part: "B. Kết quả …." is a sentence of the section's text."""
    w = WordReport()
    w.title("BÁO CÁO", "Kiểm điểm tập thể lãnh đạo năm 2023")
    w.heading("I. Ưu điểm, kết quả đạt được")
    w.para("B. Kết quả: đơn vị hoàn thành 95% chỉ tiêu được giao, vượt 5% so với năm trước.")
    w.heading("II. Hạn chế, khuyết điểm và nguyên nhân")
    w.para("Còn chậm.")
    report = _recognise(w, tmp_path).report
    assert [s.heading for s in report.sections] == ["Ưu điểm, kết quả đạt được", "Hạn chế, khuyết điểm và nguyên nhân"]
    assert report.sections[0].body.plain == ("B. Kết quả: đơn vị hoàn thành 95% chỉ tiêu được giao, vượt 5% so với "
                                             "năm trước.")
    assert report.levels[0].number is NumberStyle.ROMAN


def test_an_unscored_draft_comes_back_with_its_blanks(sample_service, tmp_path):
    """Nothing scored: the total and its band print as "…" and read back as nothing typed."""
    report = sample_service.create_report(KIND, "2025")
    first = export_docx(sample_service, report.id, tmp_path / "1.docx")
    result = import_file(sample_service, first)
    assert _outline(result.report) == OUTLINE and result.unplaced == 0
    assert all(s.score is None for s in result.report.walk())
    second = export_docx(sample_service, result.report.id, tmp_path / "2.docx")
    after = text_paragraphs(open_docx(second))
    assert after == text_paragraphs(open_docx(first))
    totals = [p for p in after if p.startswith(("Tổng điểm tự chấm", "Mức xếp loại tương ứng"))]
    assert totals == ["Tổng điểm tự chấm: …/100 điểm", "Mức xếp loại tương ứng với tổng điểm: …"]
