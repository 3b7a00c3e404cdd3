"""Issue 14, points 2–4, on Word files written here with python-docx (`wordlike.py`): a mark after
its option belongs to that option (two marks or none: unset and listed); the closest kind wins on
evidence, not on size, with the three closest shown; the period comes from the report's words."""
import pytest

from tudanhgia.domain import CapDo, ChatLuong
from tudanhgia.domain.period import Period
from tudanhgia.importer.docx_reader import read_docx
from tudanhgia.importer.recognize import Recognizer
from wordlike import WordReport

ITEM_3 = "Việc thực hiện nguyên tắc tập trung dân chủ và các quy định, quy chế làm việc."
ITEM_5 = "Kết quả lãnh đạo, chỉ đạo, thực hiện công tác kiểm tra, giám sát, kỷ luật và thi đua, khen thưởng."


def recognise(w: WordReport, tmp_path, name="bao-cao.docx"):
    return Recognizer(read_docx(w.save(tmp_path / name)), _kinds()).run()


def _kinds():
    from tudanhgia.kinds import KindRegistry
    from tudanhgia.paths import shipped_kinds_dir
    return KindRegistry.load(shipped_kinds_dir())


def review(rating_lines: list[str], class_lines: list[str]) -> WordReport:
    w = WordReport()
    w.title("BÁO CÁO", "Kiểm điểm tập thể lãnh đạo năm 2021")
    w.heading("I. Ưu điểm, kết quả đạt được")
    for i, line in enumerate(rating_lines):
        w.heading(f"{i + 1}. {(ITEM_3, ITEM_5)[i % 2]}")
        w.para("Đã thực hiện.")
        w.para("Tự đánh giá về cấp độ thực hiện:")
        w.para(line)
    w.heading("II. Đề nghị xếp loại mức chất lượng")
    for line in class_lines:
        w.para(line)
    return w


# --- point 2: the mark after its option ---------------------------------------------------------------
def test_a_box_after_each_option_marks_that_option(tmp_path):
    result = recognise(review(["Xuất sắc ☒  Tốt ☐  Trung bình ☐  Kém ☐",
                               "Xuất sắc ☐  Tốt ☐  Trung bình ☒  Kém ☐"],
                              ["Hoàn thành xuất sắc nhiệm vụ; ☐", "Hoàn thành tốt nhiệm vụ; ☒",
                               "Hoàn thành nhiệm vụ; ☐", "Không hoàn thành nhiệm vụ. ☐"]), tmp_path)
    got = result.report
    assert [s.rating for s in got.rated_sections()][:2] == [CapDo.XUAT_SAC, CapDo.TRUNG_BINH]
    assert got.classification is ChatLuong.HTT


def test_the_box_before_layout_still_reads(tmp_path):
    got = recognise(review(["☐ Xuất sắc  ☒ Tốt  ☐ Trung bình  ☐ Kém", "☐ Xuất sắc ☐ Tốt ☐ Trung bình ☒ Kém"],
                           ["☒ Hoàn thành xuất sắc nhiệm vụ;", "☐ Hoàn thành tốt nhiệm vụ;"]), tmp_path).report
    assert [s.rating for s in got.rated_sections()][:2] == [CapDo.TOT, CapDo.KEM]
    assert got.classification is ChatLuong.HTXS


def test_two_marks_or_none_stay_unset_and_are_listed(tmp_path):
    result = recognise(review(["Xuất sắc ☒  Tốt ☒  Trung bình ☐  Kém ☐", "Xuất sắc ☐  Tốt ☐  Trung bình ☐  Kém ☐"],
                              ["Hoàn thành xuất sắc nhiệm vụ; ☒", "Hoàn thành tốt nhiệm vụ; ☒"]), tmp_path)
    got = result.report
    assert [s.rating for s in got.rated_sections()][:2] == [None, None]
    assert got.classification is None
    listed = [n for n in result.notes if "đánh dấu" in n]
    assert len(listed) == 3, result.notes
    assert "hai ô" in listed[0] and "Xuất sắc ☒  Tốt ☒" in listed[0]
    assert "chưa có ô nào" in listed[1]


# --- point 3: the closest kind on evidence --------------------------------------------------------------
def dan_van(title: str) -> WordReport:
    """A thematic report whose headings are worded a little differently from the kind's."""
    w = WordReport()
    w.title("BÁO CÁO", title)
    w.heading("I. Công tác lãnh đạo, chỉ đạo, quán triệt triển khai thực hiện")
    w.para("Ban hành 03 kế hoạch.")
    w.heading("II. Kết quả thực hiện")
    w.heading("1. Về thực hiện dân chủ ở cơ sở")
    w.para("Tổ chức hội nghị cán bộ, công chức.")
    w.heading("2. Tiếp công dân, giải quyết khiếu nại, tố cáo")
    w.para("Tiếp 12 lượt công dân.")
    w.heading("III. Đánh giá chung")
    w.heading("1. Những kết quả đạt được và nguyên nhân")
    w.para("Công tác dân vận có chuyển biến.")
    w.heading("2. Những hạn chế, yếu kém và nguyên nhân")
    w.para("Còn chậm.")
    w.heading("IV. Nhiệm vụ, giải pháp thời gian tới")
    w.para("Tiếp tục thực hiện.")
    return w


def test_the_catch_all_kind_does_not_win_on_one_heading(tmp_path):
    result = recognise(dan_van("Kết quả công tác dân vận 6 tháng đầu năm 2021"), tmp_path)
    assert result.kind.id == "chuyen-de"
    keys = {s.key for s in result.report.walk() if s.key}
    # "Những kết quả đạt được và nguyên nhân" ≈ "Kết quả đạt được và nguyên nhân"
    assert {"danh-gia.ket-qua", "danh-gia.han-che", "ket-qua.dan-chu", "nhiem-vu"} <= keys
    # the three closest kinds with their scores, the chosen one first
    assert len(result.candidates) == 3 and result.candidates[0][0].id == "chuyen-de"
    scores = [score for _, score in result.candidates]
    assert scores == sorted(scores, reverse=True) and scores[0] > scores[1]
    assert result.candidates[1][0].id != "khac" or scores[1] < scores[0] / 2


def test_the_title_weighs_in(tmp_path):
    w = WordReport()
    w.title("BÁO CÁO", "Kết quả xây dựng cơ quan đạt chuẩn văn hóa năm 2024")
    w.heading("I. Tình hình chung")
    w.para("Cơ quan có 40 công chức.")
    w.heading("II. Kết quả thực hiện")
    w.para("Đạt các tiêu chuẩn.")
    assert recognise(w, tmp_path).kind.id == "van-hoa"
    w = WordReport()
    w.title("BÁO CÁO", "Kết quả thực hiện công tác dân vận chính quyền 6 tháng đầu năm 2024")
    w.heading("I. Kết quả thực hiện")
    w.para("Đạt các chỉ tiêu.")
    assert recognise(w, tmp_path, "b.docx").kind.id == "chuyen-de"


# --- point 4: the period from the report's own words ----------------------------------------------------
@pytest.mark.parametrize("subject,date,period", [
    ("Kết quả công tác dân vận 6 tháng đầu năm 2021", "ngày 10 tháng 7 năm 2021", Period(2021, half=1)),
    ("Kết quả công tác dân vận 6 tháng cuối năm 2021", "ngày 10 tháng 1 năm 2022", Period(2021, half=2)),
    ("Kết quả công tác dân vận Quý III năm 2026", "ngày 02 tháng 10 năm 2026", Period(2026, quarter=3)),
    ("Khắc phục những hạn chế, khuyết điểm của tập thể lãnh đạo năm 2022", "ngày 15 tháng 3 năm 2023",
     Period(2022)),
])
def test_the_period_comes_from_the_reports_words(tmp_path, subject, date, period):
    w = WordReport()
    w.header("UBND HUYỆN SƠN TỊNH", "PHÒNG NỘI VỤ", "Số: 07/BC-PNV", f"Sơn Tịnh, {date}")
    w.title("BÁO CÁO" if "dân vận" in subject else "KẾ HOẠCH", subject)
    w.heading("I. Kết quả thực hiện")
    w.para("Nội dung.")
    assert recognise(w, tmp_path).report.period == period


# --- point 5: a recipient wrapped inside the closing table's cell -----------------------------------------
def test_a_recipient_wrapped_in_its_cell_stays_one_recipient(tmp_path):
    w = WordReport()
    w.title("BÁO CÁO", "Kiểm điểm tập thể lãnh đạo năm 2021")
    w.heading("I. Ưu điểm, kết quả đạt được")
    w.para("Đã thực hiện./.")
    w.closing(["- Ban Tổ chức Huyện ủy", "(báo cáo);", "- Các phòng, ban chuyên môn thuộc", "UBND huyện;",
               "- UBND các xã, thị trấn;", "- Lưu: VT, Phòng", "Nội vụ."], ["TRƯỞNG PHÒNG"], "Trần Thị Lan")
    got = recognise(w, tmp_path).report
    assert [(r.text, r.purpose) for r in got.recipients.lines] == [
        ("Ban Tổ chức Huyện ủy", "báo cáo"), ("Các phòng, ban chuyên môn thuộc UBND huyện", ""),
        ("UBND các xã, thị trấn", "")]
    assert got.recipients.archive == "VT, Phòng Nội vụ"
    assert got.signer.name == "Trần Thị Lan"
