"""A capital letter and a title ("A. Ưu điểm", "B. KHÓ KHĂN") inside a section is the officer's own
lettering, not one of the 2025 review's parts "A. NỘI DUNG KIỂM ĐIỂM" / "B. NỘI DUNG TỰ ĐÁNH GIÁ, XẾP
LOẠI" (issue 15, review of the parts' import). A line is a part only where a part can stand: letters
A, B, … in order at the top of the outline, each opening its own "I.", in capitals unless the kind
letters its parts. The Word files are written here with python-docx; the expected outlines by hand."""
import pytest

from tudanhgia.domain.numbering import NumberStyle
from tudanhgia.importer.docx_reader import read_docx
from tudanhgia.importer.recognize import Recognizer
from tudanhgia.kinds import KindRegistry
from tudanhgia.paths import shipped_kinds_dir
from wordlike import WordReport


def _recognise(w: WordReport, tmp_path):
    return Recognizer(read_docx(w.save(tmp_path / "bc.docx")), KindRegistry.load(shipped_kinds_dir())).run()


def _tree(sections):
    return [(s.heading, _tree(s.children)) for s in sections]


def _year_report(*lines: str) -> WordReport:
    """A commune's yearly self-evaluation; a line starting "# " is a bold heading, any other a paragraph."""
    w = WordReport()
    w.header("UBND HUYỆN SƠN TỊNH", "UBND XÃ TỊNH HÀ", "Số: 12/BC-UBND", "Tịnh Hà, ngày 10 tháng 12 năm 2025")
    w.title("BÁO CÁO", "Tự đánh giá kết quả thực hiện nhiệm vụ năm 2025")
    for line in lines:
        w.heading(line[2:]) if line.startswith("# ") else w.para(line)
    if lines:
        w.closing(["- UBND huyện;", "- Lưu: VT."], ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"], "Nguyễn Văn An")
    return w


def test_lettered_lines_inside_a_numbered_item_stay_its_text(tmp_path):
    w = _year_report("# I. Khái quát đặc điểm, tình hình", "Xã có 9 thôn, 3.120 hộ.",
                     "# II. Kết quả thực hiện nhiệm vụ năm 2025", "# 1. Công tác tổ chức",
                     "A. Ưu điểm", "Kiện toàn bộ máy sau sắp xếp đúng thời hạn.", "B. Hạn chế",
                     "Còn thiếu công chức địa chính.", "# 2. Công tác cán bộ", "Cử 4 công chức đi bồi dưỡng.",
                     "# III. Đề nghị xếp loại mức chất lượng", "Hoàn thành tốt nhiệm vụ.")
    result = _recognise(w, tmp_path)
    report = result.report
    assert result.kind.id == "tu-danh-gia-nam"
    assert _tree(report.sections) == [
        ("Khái quát đặc điểm, tình hình", []),
        ("Kết quả thực hiện nhiệm vụ năm 2025", [("Công tác tổ chức", []), ("Công tác cán bộ", [])]),
        ("Đề nghị xếp loại mức chất lượng", [])]
    item = report.sections[1].children[0]
    assert [p.text for p in item.body.paragraphs] == ["A. Ưu điểm", "Kiện toàn bộ máy sau sắp xếp đúng thời hạn.",
                                                      "B. Hạn chế", "Còn thiếu công chức địa chính."]
    assert "danh-gia.uu-diem" not in {s.key for s in report.walk()}
    assert [lv.number for lv in report.levels] == [NumberStyle.ROMAN, NumberStyle.ARABIC]
    assert result.unplaced == 0


def test_lettered_lines_in_capitals_inside_a_section_stay_its_text(tmp_path):
    w = _year_report("# I. Khái quát đặc điểm, tình hình", "A. THUẬN LỢI", "Được sự quan tâm của huyện.",
                     "B. KHÓ KHĂN", "Địa bàn rộng, dân cư phân tán.", "# II. Kết quả thực hiện nhiệm vụ năm 2025",
                     "Hoàn thành 18/20 chỉ tiêu.")
    report = _recognise(w, tmp_path).report
    assert _tree(report.sections) == [("Khái quát đặc điểm, tình hình", []),
                                      ("Kết quả thực hiện nhiệm vụ năm 2025", [])]
    assert [p.text for p in report.sections[0].body.paragraphs] == [
        "A. THUẬN LỢI", "Được sự quan tâm của huyện.", "B. KHÓ KHĂN", "Địa bàn rộng, dân cư phân tán."]
    assert report.levels[0].number is NumberStyle.ROMAN


def _review_2025(w: WordReport, a: str = "A. NỘI DUNG KIỂM ĐIỂM", b: str = "B. NỘI DUNG TỰ ĐÁNH GIÁ, XẾP LOẠI",
                 lettered_items: tuple[str, str] = ("A. Về nguyên tắc tập trung dân chủ", "B. Về quy chế làm việc")
                 ) -> WordReport:
    w.header("ĐẢNG BỘ TỈNH QUẢNG NGÃI", "ĐẢNG ỦY XÃ TỊNH HÀ", "Số 05-BC/ĐU", "Tịnh Hà, ngày 05 tháng 12 năm 2025")
    w.title("BÁO CÁO", "Kiểm điểm, đánh giá, xếp loại chất lượng tập thể lãnh đạo năm 2025")
    w.heading(a)
    w.heading("I. Ưu điểm, kết quả đạt được")
    w.heading("1. Việc chấp hành nguyên tắc tổ chức và hoạt động, nhất là nguyên tắc tập trung dân chủ; "
              "thực hiện quy chế làm việc.")
    w.para(lettered_items[0])
    w.para("Mọi chủ trương lớn đều đưa ra tập thể bàn.")
    w.para(lettered_items[1])
    w.para("Sửa đổi quy chế làm việc nhiệm kỳ.")
    w.heading("II. Hạn chế, khuyết điểm và nguyên nhân")
    w.para("Còn chậm triển khai một số nghị quyết chuyên đề.")
    w.heading(b)
    w.heading("I. Đánh giá theo các nhóm tiêu chí")
    w.heading("1. Nhóm tiêu chí chung")
    w.para("Điểm tự chấm: 27/30 điểm")
    w.heading("II. Đề xuất xếp loại mức chất lượng")
    w.closing(["- Ban Tổ chức Tỉnh ủy;", "- Lưu Đảng ủy."], ["T/M ĐẢNG ỦY", "BÍ THƯ"], "Lê Văn Bình")
    return w


REVIEW_TREE = [
    ("NỘI DUNG KIỂM ĐIỂM", [
        ("Ưu điểm, kết quả đạt được", [("Việc chấp hành nguyên tắc tổ chức và hoạt động, nhất là nguyên tắc tập "
                                       "trung dân chủ; thực hiện quy chế làm việc.", [])]),
        ("Hạn chế, khuyết điểm và nguyên nhân", [])]),
    ("NỘI DUNG TỰ ĐÁNH GIÁ, XẾP LOẠI", [
        ("Đánh giá theo các nhóm tiêu chí", [("Nhóm tiêu chí chung", [])]),
        ("Đề xuất xếp loại mức chất lượng", [])])]


def test_lettered_sub_items_inside_the_2025_review_stay_text_under_its_parts(tmp_path):
    for items in (("A. Về nguyên tắc tập trung dân chủ", "B. Về quy chế làm việc"),
                  ("A. VỀ NGUYÊN TẮC TẬP TRUNG DÂN CHỦ", "B. VỀ QUY CHẾ LÀM VIỆC")):
        result = _recognise(_review_2025(WordReport(), lettered_items=items), tmp_path)
        assert result.kind.id == "kiem-diem-tap-the-2025"
        report = result.report
        assert _tree(report.sections) == REVIEW_TREE, items
        item = report.sections[0].children[0].children[0]
        assert [p.text for p in item.body.paragraphs] == [items[0], "Mọi chủ trương lớn đều đưa ra tập thể bàn.",
                                                          items[1], "Sửa đổi quy chế làm việc nhiệm kỳ."]
        assert report.levels[0].number is NumberStyle.UPPER_LETTER
        assert result.unplaced == 0


def test_the_2025_review_s_parts_typed_in_sentence_case_are_still_its_parts(tmp_path):
    """The kind letters its parts: the officer's "A. Nội dung kiểm điểm" is that part."""
    w = _review_2025(WordReport(), "A. Nội dung kiểm điểm", "B. Nội dung tự đánh giá, xếp loại")
    report = _recognise(w, tmp_path).report
    assert [s.key for s in report.sections] == ["kiem-diem", "tu-danh-gia"]
    assert [len(s.children) for s in report.sections] == [2, 2]


def test_parts_in_capitals_each_opening_its_own_i_are_parts_in_any_kind(tmp_path):
    w = _year_report("# A. KẾT QUẢ NĂM 2025", "# I. Khái quát đặc điểm, tình hình", "Xã có 9 thôn.",
                     "# II. Kết quả thực hiện nhiệm vụ năm 2025", "Hoàn thành 18/20 chỉ tiêu.",
                     "# B. PHƯƠNG HƯỚNG NĂM 2026", "# I. Mục tiêu", "Giữ vững chỉ tiêu.")
    report = _recognise(w, tmp_path).report
    assert _tree(report.sections) == [
        ("Kết quả năm 2025", [("Khái quát đặc điểm, tình hình", []), ("Kết quả thực hiện nhiệm vụ năm 2025", [])]),
        ("Phương hướng năm 2026", [("Mục tiêu", [])])]
    assert [lv.number for lv in report.levels] == [NumberStyle.UPPER_LETTER, NumberStyle.ROMAN]


# each breaks one condition of a part: the letter out of order, a numbered heading above the first,
# no "I." after it, not in capitals in a kind without lettered parts
ONE_CONDITION_BROKEN = {
    "order": ["B. KẾT QUẢ NĂM 2025", "I. Khái quát đặc điểm, tình hình"],
    "numbered above": ["I. Khái quát đặc điểm, tình hình", "A. KẾT QUẢ NĂM 2025", "I. Về kinh tế"],
    "no I. after": ["A. KẾT QUẢ NĂM 2025", "II. Kết quả thực hiện nhiệm vụ năm 2025"],
    "sentence case": ["A. Kết quả năm 2025", "I. Khái quát đặc điểm, tình hình", "B. Phương hướng năm 2026",
                      "I. Mục tiêu"],
}


@pytest.mark.parametrize("case", ONE_CONDITION_BROKEN)
def test_a_lettered_line_where_no_part_can_stand_is_text(tmp_path, case):
    w = _year_report(*(x for line in ONE_CONDITION_BROKEN[case] for x in (f"# {line}", f"Nội dung sau {line[:2]}")))
    report = _recognise(w, tmp_path).report
    lettered = [line for line in ONE_CONDITION_BROKEN[case] if line[0] in "AB"]
    texts = [p.text for p in report.meta.preamble.paragraphs] + \
        [p.text for s in report.walk() for p in s.body.paragraphs]
    assert all(line in texts for line in lettered)
    assert report.levels[0].number is NumberStyle.ROMAN


def test_each_part_s_letters_start_again_at_a(tmp_path):
    w = _year_report("# Phần I. KIỂM ĐIỂM", "# A. TẬP THỂ", "# I. Ưu điểm", "Đoàn kết.", "# B. CÁ NHÂN", "# I. Ưu điểm",
                     "Gương mẫu.", "# Phần II. PHƯƠNG HƯỚNG", "# A. NĂM 2026", "# I. Ưu điểm", "Giữ vững.")
    report = _recognise(w, tmp_path).report
    assert _tree(report.sections) == [
        ("Kiểm điểm", [("Tập thể", [("Ưu điểm", [])]), ("Cá nhân", [("Ưu điểm", [])])]),
        ("Phương hướng", [("Năm 2026", [("Ưu điểm", [])])])]
