"""Issue 14 point 6, typography as written, on Word files written here with python-docx: "Phần
thứ II" stays so (the level's style learned from the document, a part written otherwise keeps its
own), and a cultural-standard report's stated "TỔNG ĐIỂM TỰ CHẤM: 98/100 điểm" becomes the report's
score total, the items' scores left blank for the officer, instead of heading text."""
import pytest

from tudanhgia.importer.docx_reader import read_docx
from tudanhgia.importer.recognize import Recognizer
from tudanhgia.render.layout import layout
from tudanhgia.render.text import to_paragraphs
from wordlike import WordReport


def recognise(w, tmp_path, sample_service):
    return Recognizer(read_docx(w.save(tmp_path / "bc.docx")), sample_service.kinds).run()


@pytest.mark.parametrize("labels", [("Phần I", "Phần thứ II"), ("Phần thứ I", "Phần thứ II"),
                                    ("Phần thứ nhất", "Phần thứ hai")])
def test_part_labels_stay_as_written(tmp_path, sample_service, labels):
    w = WordReport()
    w.title("BÁO CÁO", "Tự đánh giá kết quả thực hiện nhiệm vụ năm 2023")
    w.heading(labels[0])
    w.heading("KHÁI QUÁT ĐẶC ĐIỂM, TÌNH HÌNH")
    w.para("Văn phòng có 12 phòng.")
    w.heading(labels[1])
    w.heading("KẾT QUẢ THỰC HIỆN NHIỆM VỤ NĂM 2023")
    w.para("Hoàn thành các nhiệm vụ.")
    result = recognise(w, tmp_path, sample_service)
    got = result.report
    n = got.numbering()
    assert [n[s] for s in got.sections] == list(labels)
    printed = to_paragraphs(layout(got))
    assert labels[0] in printed and labels[1] in printed
    assert result.coverage.complete, result.coverage.lines()


def cultural(total_as_heading: bool) -> WordReport:
    w = WordReport()
    w.title("BÁO CÁO", "Kết quả xây dựng cơ quan đạt chuẩn văn hóa năm 2024")
    w.heading("I. Tình hình chung")
    w.para("Cơ quan có 40 công chức.")
    w.heading("II. Kết quả thực hiện")
    w.heading("1. Hoàn thành tốt nhiệm vụ")
    w.para("Cơ quan hoàn thành tốt nhiệm vụ năm 2024.")
    w.heading("III. Nhận xét, đánh giá")
    w.heading("1. Ưu điểm")
    w.para("Đoàn kết.")
    if total_as_heading:
        w.heading("IV. TỔNG ĐIỂM TỰ CHẤM: 98/100 điểm")
    else:
        w.heading("IV. Tổng điểm tự chấm")
        w.heading("TỔNG ĐIỂM TỰ CHẤM: 98/100 điểm")
    w.para("Cơ quan đề nghị công nhận đạt chuẩn văn hóa.")
    return w


@pytest.mark.parametrize("total_as_heading", [True, False], ids=["in-the-heading", "own-line"])
def test_the_stated_total_is_the_reports_score_total(tmp_path, sample_service, total_as_heading):
    result = recognise(cultural(total_as_heading), tmp_path, sample_service)
    got = result.report
    assert result.kind.id == "van-hoa"
    total = next(s for s in got.walk() if s.key == "tong-diem")
    assert total.heading == "Tổng điểm tự chấm"
    assert got.score_total() == 98
    assert all(s.score is None for s in got.walk() if s.is_scored)   # left blank for the officer
    printed = to_paragraphs(layout(got))
    assert "Tổng điểm tự chấm: 98/100 điểm" in printed
    assert not any("98/100" in s.heading for s in got.walk())
    assert result.coverage.complete, result.coverage.lines()


ITEM_3 = "Việc thực hiện nguyên tắc tập trung dân chủ và các quy định, quy chế làm việc."


@pytest.mark.parametrize("ending", ["rating-line", "classification-option"])
def test_a_rated_items_closing_mark_survives(tmp_path, sample_service, ending):
    from tudanhgia.domain import CapDo, ChatLuong
    w = WordReport()
    w.title("BÁO CÁO", "Kiểm điểm tập thể lãnh đạo năm 2021")
    w.heading("I. Ưu điểm, kết quả đạt được")
    w.heading(f"1. {ITEM_3}")
    w.para("Đã thực hiện tốt.")
    w.para("Tự đánh giá về cấp độ thực hiện:")
    if ending == "rating-line":
        w.para("☐ Xuất sắc ☒ Tốt ☐ Trung bình ☐ Kém./.")
    else:
        w.para("☐ Xuất sắc ☒ Tốt ☐ Trung bình ☐ Kém")
        w.heading("II. Đề nghị xếp loại mức chất lượng")
        w.para("☐ Hoàn thành xuất sắc nhiệm vụ;")
        w.para("☒ Hoàn thành tốt nhiệm vụ./.")
    w.closing(["- Lưu: VT."], ["TRƯỞNG PHÒNG"], "Trần Thị Lan")
    result = recognise(w, tmp_path, sample_service)
    got = result.report
    assert got.rated_sections()[0].rating is CapDo.TOT
    if ending != "rating-line":
        assert got.classification is ChatLuong.HTT
    printed = to_paragraphs(layout(got))
    assert printed[printed.index("Nơi nhận:") - 1].endswith("./.")
    assert result.coverage.complete, result.coverage.lines()


def test_a_heading_right_after_the_rating_prompt_is_not_taken_for_the_options(tmp_path, sample_service):
    from tudanhgia.domain import ChatLuong
    w = WordReport()
    w.title("BÁO CÁO", "Kiểm điểm tập thể lãnh đạo năm 2021")
    w.heading("I. Ưu điểm, kết quả đạt được")
    w.heading(f"1. {ITEM_3}")
    w.para("Tự đánh giá về cấp độ thực hiện:")
    w.heading("II. Đề nghị xếp loại mức chất lượng: Hoàn thành tốt nhiệm vụ./.")
    result = recognise(w, tmp_path, sample_service)
    got = result.report
    assert [s.heading for s in got.sections] == ["Ưu điểm, kết quả đạt được", "Đề nghị xếp loại mức chất lượng"]
    assert got.classification is ChatLuong.HTT
    assert got.rated_sections()[0].rating is None
    assert any("chưa có ô nào" in n for n in result.notes)
    printed = to_paragraphs(layout(got))      # stated in the heading, printed so, its closing mark kept
    assert "II. Đề nghị xếp loại mức chất lượng: Hoàn thành tốt nhiệm vụ." in printed
    assert printed[printed.index("Nơi nhận:") - 1].endswith("./.")
    assert result.coverage.complete, result.coverage.lines()
