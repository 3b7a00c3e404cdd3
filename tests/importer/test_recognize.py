"""The recogniser rebuilds a report from its printed form: frame, outline with levels and
numbers, ratings, classification, limitations and causes, plan items with their five fields,
recipients and signer.

The independent tests read Word files written in the test with python-docx (`wordlike.py`) and
compare with values written by hand from what the test put in. The round-trip tests (a report's
own layout → recogniser → the same report) are kept as round trips: what we print, we read back."""
import pytest

from tudanhgia.domain import Authority, CapDo, ChatLuong
from tudanhgia.importer.docx_reader import read_docx
from tudanhgia.importer.recognize import UNPLACED, Recognizer
from tudanhgia.render.layout import layout
from tudanhgia.render.text import to_paragraphs
from wordlike import Bold, Note, WordReport

LEVELS = ["Xuất sắc", "Tốt", "Trung bình", "Kém"]
CLASSES = ["Hoàn thành xuất sắc nhiệm vụ", "Hoàn thành tốt nhiệm vụ", "Hoàn thành nhiệm vụ",
           "Không hoàn thành nhiệm vụ"]
ITEM_3 = "Việc thực hiện nguyên tắc tập trung dân chủ và các quy định, quy chế làm việc."
ITEM_5 = "Kết quả lãnh đạo, chỉ đạo, thực hiện công tác kiểm tra, giám sát, kỷ luật và thi đua, khen thưởng."


def review_2021(auto_numbers: bool = False) -> WordReport:
    """A district office's collective review of 2021, typed in Word: two of the five rated items,
    limitations and their causes, the classification, closing and signer."""
    w = WordReport()
    w.header("UBND HUYỆN SƠN TỊNH", "PHÒNG NỘI VỤ", "Số: 07/BC-PNV", "Sơn Tịnh, ngày 08 tháng 01 năm 2022")
    w.title("BÁO CÁO", "Kiểm điểm tập thể lãnh đạo năm 2021")
    w.para("Thực hiện Hướng dẫn số 21-HD/BTCTW, tập thể lãnh đạo Phòng Nội vụ kiểm điểm năm 2021 như sau:")

    def heading(number: str, text: str, level: int, italic: bool = False):
        if auto_numbers:
            w.auto_heading(text, level)
        else:
            w.heading(f"{number} {text}", italic=italic)
    heading("I.", "Ưu điểm, kết quả đạt được", 0)
    heading("1.", ITEM_3, 1)
    w.para("Tập thể lãnh đạo giữ vững nguyên tắc", Note("Quy chế làm việc ban hành ngày 05/01/2021."),
           " tập trung dân chủ.")
    w.dash("Họp giao ban hằng tuần;")
    heading("1.1.", "Về công tác tổ chức", 2, italic=True)
    w.para("Kiện toàn ", Bold("02"), " tổ chuyên môn.")
    w.rating(LEVELS, 1)
    heading("2.", ITEM_5, 1)
    w.para("Không có công chức vi phạm kỷ luật.")
    w.rating(LEVELS, None)   # not chosen yet
    heading("II.", "Hạn chế, khuyết điểm, nguyên nhân", 0)
    heading("1.", "Hạn chế, khuyết điểm", 1)
    w.para("a) Việc cập nhật hồ sơ cán bộ còn chậm.")
    w.para("b) Chưa số hóa hồ sơ lưu trữ.")
    heading("2.", "Nguyên nhân", 1)
    w.para("a) Công chức kiêm nhiệm nhiều việc.")
    w.para("b) Thiếu kinh phí số hóa.")
    heading("III.", "Đề nghị xếp loại mức chất lượng", 0)
    w.choices(CLASSES, 1)
    w.para("Phòng Nội vụ kính báo cáo Ban Thường vụ Huyện ủy./.")
    w.closing(["- Ban Tổ chức Huyện ủy;", "- UBND huyện;", "- Lưu: VT, NV."],
              ["KT. TRƯỞNG PHÒNG", "PHÓ TRƯỞNG PHÒNG"], "Trần Thị Lan")
    return w


@pytest.mark.parametrize("auto_numbers", [False, True], ids=["typed-numbers", "word-numbering"])
def test_a_word_users_review_is_recognised(sample_service, tmp_path, auto_numbers):
    source = read_docx(review_2021(auto_numbers).save(tmp_path / "kiem-diem-2021.docx"))
    result = Recognizer(source, sample_service.kinds).run()
    got = result.report
    assert result.kind.id == "kiem-diem-tap-the-2019" and result.unplaced == 0
    m = got.meta
    assert (m.number, m.symbol, m.place, (m.date.day, m.date.month, m.date.year)) == \
        ("07", "BC-PNV", "Sơn Tịnh", (8, 1, 2022))
    assert (m.kind_name, m.subject) == ("BÁO CÁO", "Kiểm điểm tập thể lãnh đạo năm 2021")
    assert m.preamble.plain == "Thực hiện Hướng dẫn số 21-HD/BTCTW, tập thể lãnh đạo Phòng Nội vụ kiểm điểm năm " \
                               "2021 như sau:"
    assert m.closing.plain == "Phòng Nội vụ kính báo cáo Ban Thường vụ Huyện ủy./."
    n = got.numbering()
    assert [(n[s], s.heading) for s in got.walk()] == [
        ("I.", "Ưu điểm, kết quả đạt được"), ("1.", ITEM_3), ("1.1.", "Về công tác tổ chức"), ("2.", ITEM_5),
        ("II.", "Hạn chế, khuyết điểm, nguyên nhân"), ("1.", "Hạn chế, khuyết điểm"), ("2.", "Nguyên nhân"),
        ("III.", "Đề nghị xếp loại mức chất lượng")]
    item3, sub, item5 = [s for s in got.walk() if s.heading in (ITEM_3, "Về công tác tổ chức", ITEM_5)]
    assert (item3.rating, item5.rating) == (CapDo.TOT, None)
    assert got.classification is ChatLuong.HTT
    # the body as typed: the footnote where it was, the dash line, the bold figure
    first, dash = item3.body.paragraphs
    assert first.text == "Tập thể lãnh đạo giữ vững nguyên tắc tập trung dân chủ."
    assert [fn.text for fn in first.footnotes] == ["Quy chế làm việc ban hành ngày 05/01/2021."]
    assert first.items[0].text == "Tập thể lãnh đạo giữ vững nguyên tắc"   # the note right after "nguyên tắc"
    assert dash.text == "- Họp giao ban hằng tuần;"
    assert [(r.text, r.bold) for r in sub.body.paragraphs[0].runs()] == [
        ("Kiện toàn ", False), ("02", True), (" tổ chuyên môn.", False)]
    assert item5.body.plain == "Không có công chức vi phạm kỷ luật."
    assert [lim.text.plain for lim in got.limitations] == ["Việc cập nhật hồ sơ cán bộ còn chậm.",
                                                           "Chưa số hóa hồ sơ lưu trữ."]
    assert [lim.causes.plain for lim in got.limitations] == ["Công chức kiêm nhiệm nhiều việc.",
                                                             "Thiếu kinh phí số hóa."]
    assert (got.signer.authority, got.signer.authority_position, got.signer.position, got.signer.name) == \
        (Authority.KT, "TRƯỞNG PHÒNG", "PHÓ TRƯỞNG PHÒNG", "Trần Thị Lan")
    assert [r.text for r in got.recipients.lines] == ["Ban Tổ chức Huyện ủy", "UBND huyện"]
    assert got.recipients.archive == "VT, NV"


def test_a_rating_marked_by_a_bold_option(sample_service, tmp_path):
    """No boxes: the officer made the chosen level bold."""
    w = WordReport()
    w.title("BÁO CÁO", "Kiểm điểm tập thể lãnh đạo năm 2021")
    w.heading("I. Ưu điểm, kết quả đạt được")
    w.heading(f"1. {ITEM_3}")
    w.para("Đã thực hiện tốt.")
    w.para("Tự đánh giá về cấp độ thực hiện:")
    w.para("Xuất sắc    ", Bold("Tốt"), "    Trung bình    Kém")
    got = Recognizer(read_docx(w.save(tmp_path / "dam.docx")), sample_service.kinds).run().report
    rated = [s for s in got.walk() if s.heading == ITEM_3]
    assert [s.rating for s in rated] == [CapDo.TOT]


def test_a_document_of_no_known_kind_keeps_everything(sample_service, tmp_path):
    w = WordReport()
    w.header("UBND XÃ TỊNH HÀ", "VĂN PHÒNG", "Số: 12/BC-VP", "Tịnh Hà, ngày 20 tháng 6 năm 2024")
    w.title("BÁO CÁO", "Sơ kết phong trào thi đua năm 2024")
    w.heading("I. Tình hình chung về phong trào thi đua")
    w.para("Đoạn một.")
    w.heading("II. Kết quả phong trào")
    w.para("Đoạn hai.")
    w.heading("1. Khối văn phòng", bold=False)
    w.para("Đoạn ba.")
    w.dash("Tổ chức 03 đợt thi đua.")
    w.closing(["- UBND huyện;", "- Lưu: VT."], ["CHÁNH VĂN PHÒNG"], "Ngô Văn Hùng")
    result = Recognizer(read_docx(w.save(tmp_path / "thi-dua.docx")), sample_service.kinds).run()
    got = result.report
    assert result.kind.id == "khac" and result.unplaced == 0
    n = got.numbering()
    assert [(n[s], s.heading, s.body.plain) for s in got.walk()] == [
        ("I.", "Tình hình chung về phong trào thi đua", "Đoạn một."),
        ("II.", "Kết quả phong trào", "Đoạn hai."),
        ("1.", "Khối văn phòng", "Đoạn ba.\n- Tổ chức 03 đợt thi đua.")]
    assert got.meta.subject == "Sơ kết phong trào thi đua năm 2024" and got.meta.number == "12"
    assert (got.signer.authority, got.signer.position, got.signer.name) == \
        (Authority.NONE, "CHÁNH VĂN PHÒNG", "Ngô Văn Hùng")


def test_text_before_any_heading_is_the_preamble(sample_service, tmp_path):
    w = WordReport()
    w.title("BÁO CÁO", "Kiểm điểm tập thể lãnh đạo năm 2021")
    w.para("Căn cứ Hướng dẫn số 21-HD/BTCTW ngày 20/11/2019;")
    w.para("Tập thể lãnh đạo Phòng Nội vụ báo cáo như sau:")
    w.heading("I. Ưu điểm, kết quả đạt được")
    w.para("Hoàn thành các nhiệm vụ được giao.")
    got = Recognizer(read_docx(w.save(tmp_path / "mo-dau.docx")), sample_service.kinds).run().report
    assert [p.text for p in got.meta.preamble.paragraphs] == [
        "Căn cứ Hướng dẫn số 21-HD/BTCTW ngày 20/11/2019;", "Tập thể lãnh đạo Phòng Nội vụ báo cáo như sau:"]
    assert [(s.heading, s.body.plain) for s in got.walk()] == [
        ("Ưu điểm, kết quả đạt được", "Hoàn thành các nhiệm vụ được giao.")]
    assert UNPLACED not in [s.heading for s in got.walk()]


def test_an_appendix_table_becomes_indicators(sample_service, tmp_path):
    w = WordReport()
    w.title("BÁO CÁO", "Kết quả thực hiện công tác dân vận chính quyền 6 tháng đầu năm 2024")
    w.heading("I. Kết quả thực hiện")
    w.para("Đã giải quyết dứt điểm các vụ việc.")
    w.para("Văn phòng kính báo cáo./.")
    w.closing(["- UBND tỉnh;", "- Lưu: VT, HC-TC."], ["CHÁNH VĂN PHÒNG"], "Vũ Minh Tâm")
    w.page_break()
    w.doc.add_paragraph("PHỤ LỤC SỐ LIỆU").alignment = 1
    w.doc.add_paragraph("(Kèm theo Báo cáo số 15/BC-VP ngày 10 tháng 7 năm 2024 của Văn phòng)").alignment = 1
    rows = [["STT", "Chỉ tiêu", "Đơn vị tính", "Kết quả", "Trên tổng số", "Tỷ lệ"],
            ["1", "Số vụ việc được giải quyết", "vụ", "2", "2", "100%"],
            ["2", "Số hồ sơ trả đúng hạn", "hồ sơ", "62.224", "64.690", "96,2%"],
            ["3", "Chỉ tiêu không áp dụng", "", "", "", ""]]
    table = w.doc.add_table(rows=len(rows), cols=len(rows[0]))
    for values, row in zip(rows, table.rows, strict=True):
        for value, cell in zip(values, row.cells, strict=True):
            cell.paragraphs[0].add_run(value)
    got = Recognizer(read_docx(w.save(tmp_path / "phu-luc.docx")), sample_service.kinds).run().report
    assert got.appendix_title == "PHỤ LỤC SỐ LIỆU"
    assert [(i.name, i.unit, i.value, i.denominator) for i in got.indicators] == \
        [("Số vụ việc được giải quyết", "vụ", 2, 2), ("Số hồ sơ trả đúng hạn", "hồ sơ", 62224, 64690),
         ("Chỉ tiêu không áp dụng", "", None, None)]


# --- round trips: a report's own layout, read back -------------------------------------------------
@pytest.mark.parametrize("report_id,kind", [(1, "kiem-diem-tap-the-2019"), (2, "ke-hoach-khac-phuc"),
                                            (3, "tu-danh-gia-nam")])
def test_round_trip_samples_come_back_identical(sample_service, layout_source, report_id, kind):
    original = sample_service.get_report(report_id)
    result = Recognizer(layout_source(original), sample_service.kinds).run()
    got = result.report
    assert result.kind.id == kind and result.unplaced == 0
    assert to_paragraphs(layout(got)) == to_paragraphs(layout(original))
    on, gn = original.numbering(), got.numbering()
    assert [(on[s], s.heading, s.key) for s in original.walk()] == [(gn[s], s.heading, s.key) for s in got.walk()]
    assert [s.rating for s in original.walk()] == [s.rating for s in got.walk()]
    assert [lim.text for lim in original.limitations] == [lim.text for lim in got.limitations]
    # causes printed by type (chủ quan / khách quan) cannot say whose they are: their order is kept
    for attr in ("cause_subjective", "cause_objective"):
        assert [p for lim in original.limitations for p in getattr(lim, attr).paragraphs] == \
            [p for lim in got.limitations for p in getattr(lim, attr).paragraphs]
    fields = lambda m: (m.content, m.measure, m.directed_by, m.lead_unit, m.cooperating, m.timeframe)  # noqa: E731
    assert [fields(m) for m in original.all_measures()] == [fields(m) for m in got.all_measures()]
    assert got.signer == original.signer and got.recipients == original.recipients
    meta, ometa = got.meta, original.meta
    assert (meta.number, meta.symbol, meta.place, meta.date, meta.kind_name, meta.subject) == \
        (ometa.number, ometa.symbol, ometa.place, ometa.date, ometa.kind_name, ometa.subject)


def test_round_trip_marked_ratings_are_read_from_the_boxes(sample_service, layout_source):
    report = sample_service.get_report(1)
    rated = report.rated_sections()
    sample_service.update_section(rated[0].id, rating=CapDo.XUAT_SAC)
    sample_service.update_section(rated[1].id, rating=None)
    sample_service.update_section(report.classification_section.id, rating=ChatLuong.HTXS)
    got = Recognizer(layout_source(sample_service.get_report(1)), sample_service.kinds).run().report
    ratings = [s.rating for s in got.rated_sections()]
    assert ratings[:3] == [CapDo.XUAT_SAC, None, CapDo.TOT]
    assert got.classification is ChatLuong.HTXS
