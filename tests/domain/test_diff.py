"""Word-level differences on Vietnamese text (domain/diff.py), the expected pieces written by hand."""
from __future__ import annotations

import unicodedata

from tudanhgia.domain.diff import (CHANGED, DELETED, INSERTED, SAME, Segment, compare, paragraph_diff, tokens,
                                   word_diff)
from tudanhgia.domain.model import Report, Section
from tudanhgia.domain.period import Period
from tudanhgia.domain.ratings import CapDo, RatingScale
from tudanhgia.domain.richtext import RichText


def test_vietnamese_words_are_whole_tokens_with_their_tone_marks():
    assert tokens("Đảng ủy đã lãnh đạo, chỉ đạo.") == ["Đảng", " ", "ủy", " ", "đã", " ", "lãnh", " ", "đạo", ",",
                                                       " ", "chỉ", " ", "đạo", "."]


def test_a_changed_word_is_one_deletion_and_one_insertion():
    assert word_diff("Đơn vị hoàn thành tốt nhiệm vụ", "Đơn vị hoàn thành xuất sắc nhiệm vụ") == (
        Segment(SAME, "Đơn vị hoàn thành "), Segment(DELETED, "tốt"), Segment(INSERTED, "xuất sắc"),
        Segment(SAME, " nhiệm vụ"))


def test_a_word_differing_only_by_a_tone_mark_is_changed_not_kept():
    assert word_diff("kết quả tốt", "kết quá tốt") == (
        Segment(SAME, "kết "), Segment(DELETED, "quả"), Segment(INSERTED, "quá"), Segment(SAME, " tốt"))


def test_the_same_word_typed_with_combining_marks_is_unchanged():
    decomposed = unicodedata.normalize("NFD", "Nghị quyết của Đảng")
    assert word_diff("Nghị quyết của Đảng", decomposed) == (Segment(SAME, "Nghị quyết của Đảng"),)


def test_insertion_and_deletion_at_the_ends():
    assert word_diff("quán triệt nghị quyết", "Đã quán triệt nghị quyết đầy đủ") == (
        Segment(INSERTED, "Đã "), Segment(SAME, "quán triệt nghị quyết"), Segment(INSERTED, " đầy đủ"))
    assert word_diff("a b c", "a c") == (Segment(SAME, "a "), Segment(DELETED, "b "), Segment(SAME, "c"))


def test_paragraphs_are_matched_whole_before_words():
    old = ["Mở đầu.", "Đoạn giữa cũ.", "Kết thúc."]
    new = ["Mở đầu.", "Đoạn giữa mới.", "Đoạn thêm.", "Kết thúc."]
    out = paragraph_diff(old, new)
    assert [p.op for p in out] == [SAME, CHANGED, INSERTED, SAME]
    assert out[1].old_text == "Đoạn giữa cũ." and out[1].new_text == "Đoạn giữa mới."
    assert paragraph_diff(["Bỏ đi.", "Giữ lại."], ["Giữ lại."])[0].op == DELETED


def _report(body: str, rating=None, heading="Công tác lãnh đạo") -> Report:
    s = Section(heading=heading, body=RichText.from_plain(body), rating_scale=RatingScale.CAP_DO, rating=rating,
                id=7)
    gone = Section(heading="Mục sẽ xóa", body=RichText.from_plain("Nội dung cũ"), id=8)
    r = Report("x", Period.parse("2023"), sections=[s, gone], id=1)
    return r


def test_compare_lists_sections_ratings_and_removed_sections():
    old = _report("Lãnh đạo tốt.", CapDo.TOT)
    new = _report("Lãnh đạo rất tốt.", CapDo.XUAT_SAC, heading="Công tác lãnh đạo, chỉ đạo")
    new.sections = new.sections[:1]
    diff = compare(old, new, "Phiên bản 1", "Hiện tại")
    first, removed = diff.sections
    assert first.op == CHANGED and removed.op == DELETED and removed.heading == "Mục sẽ xóa"
    assert first.heading_segments == (Segment(SAME, "Công tác lãnh đạo"), Segment(INSERTED, ", chỉ đạo"))
    assert [(f.label, f.old, f.new) for f in first.fields] == [("Tự đánh giá", "Tốt", "Xuất sắc")]
    # inserted "rất", "chỉ đạo"; deleted with the section its heading "Mục sẽ xóa" and body "Nội dung cũ"
    assert diff.counts() == (3, 6)
    assert diff.has_changes and not compare(old, old, "a", "b").has_changes


def test_a_section_says_which_sections_it_is_under():
    inner = Section(heading="Xây dựng chương trình công tác", body=RichText.from_plain("cũ"), id=3)
    outer = Section(heading="Công tác tham mưu tổng hợp, chỉ đạo, điều hành", children=[inner], id=2)
    old = Report("x", Period.parse("2023"), sections=[outer], id=1)
    new = Report("x", Period.parse("2023"), sections=[Section(heading=outer.heading, id=2, children=[
        Section(heading=inner.heading, body=RichText.from_plain("mới"), id=3)])], id=1)
    (changed,) = compare(old, new, "a", "b").changed_sections
    assert changed.within == "Công tác tham mưu tổng hợp,…"   # its first six words


# --- limitations, measures, indicators and the kept appendix table (expected lines written by hand)
def _bare(**fields) -> Report:
    return Report("x", Period.parse("2023"), sections=[], id=1, **fields)


def _lines(changes) -> list[tuple[str, str, str]]:
    return [(c.label, c.old, c.new) for c in changes]


def test_limitations_and_measures_changed_added_and_removed():
    from tudanhgia.domain.model import Limitation, Measure, MeasureStatus
    kept = Limitation(text=RichText.from_plain("Cải cách hành chính còn chậm"), id=1,
                      cause_subjective=RichText.from_plain("Thiếu kiểm tra"),
                      measures=[Measure(measure=RichText.from_plain("Rà soát quy trình"), lead_unit="Phòng HC", id=11)])
    gone = Limitation(text=RichText.from_plain("Hồ sơ lưu trữ chưa đầy đủ"), id=2,
                      measures=[Measure(measure=RichText.from_plain("Số hóa hồ sơ"), id=12)])
    old = _bare(limitations=[kept, gone])
    now = Limitation(text=RichText.from_plain("Cải cách hành chính còn chậm"), id=1,
                     cause_subjective=RichText.from_plain("Thiếu kiểm tra, đôn đốc"),
                     measures=[Measure(measure=RichText.from_plain("Rà soát quy trình"), lead_unit="Phòng HC",
                                       status=MeasureStatus.DONE, id=11),
                               Measure(content=RichText.from_plain("Tập huấn cán bộ"), id=13)])
    added = Limitation(text=RichText.from_plain("Ứng dụng công nghệ thông tin chưa đồng bộ"), id=3)
    diff = compare(old, _bare(limitations=[now, added]), "a", "b")
    assert _lines(diff.items) == [
        ("Hạn chế 1 (Cải cách hành chính còn chậm): nguyên nhân chủ quan", "Thiếu kiểm tra",
         "Thiếu kiểm tra, đôn đốc"),
        ("Hạn chế 2 (Ứng dụng công nghệ thông tin chưa đồng…): thêm mới", "",   # its first eight words
         "Ứng dụng công nghệ thông tin chưa đồng bộ"),
        ("Hạn chế 2: đã xóa", "Hồ sơ lưu trữ chưa đầy đủ", ""),
        ("Biện pháp 1 (Rà soát quy trình): trạng thái", MeasureStatus.NOT_STARTED.label, MeasureStatus.DONE.label),
        ("Biện pháp 2 (Tập huấn cán bộ): thêm mới", "", "Tập huấn cán bộ"),
        ("Biện pháp đã xóa", "Số hóa hồ sơ", ""),
    ]
    assert diff.has_changes


def test_indicators_changed_added_and_removed():
    from tudanhgia.domain.model import Indicator
    old = _bare(indicators=[Indicator("Hồ sơ đúng hạn", value=95, denominator=100), Indicator("Cuộc họp", value=12)])
    new = _bare(indicators=[Indicator("Hồ sơ đúng hạn", value=98.5, denominator=100), Indicator("Văn bản đến")])
    assert _lines(compare(old, new, "a", "b").indicators) == [
        ("Chỉ tiêu “Hồ sơ đúng hạn”", "95/100", "98,5/100"),
        ("Chỉ tiêu “Văn bản đến”: thêm mới", "", ""),
        ("Chỉ tiêu “Cuộc họp”: đã xóa", "", ""),
    ]


HEADER = ["STT", "Chỉ tiêu", "Đơn vị tính", "Kết quả"]
ROWS = [["I", "CÔNG TÁC KIỂM TRA", "", ""], ["1", "Số cuộc kiểm tra", "cuộc", "15"],
        ["", "- Tổng số đoàn kiểm tra", "đoàn", "CÓ"], ["2", "Số đơn thư", "đơn", "4"]]


def test_the_kept_appendix_table_row_by_row():
    from tudanhgia.domain.model import AppendixTable
    old = _bare(appendix_table=AppendixTable(list(HEADER), [list(r) for r in ROWS]))
    rows = [list(r) for r in ROWS]
    rows[1][3] = "17"                                          # a figure updated
    rows.insert(3, ["", "- Số đoàn liên ngành", "đoàn", "2"])   # a sub-row added
    del rows[4]                                                # the last row dropped
    new = _bare(appendix_table=AppendixTable(["STT", "Chỉ tiêu", "Đơn vị tính", "Kết quả năm 2024"], rows))
    assert _lines(compare(old, new, "a", "b").indicators) == [
        ("Bảng phụ lục: dòng tiêu đề", "STT | Chỉ tiêu | Đơn vị tính | Kết quả",
         "STT | Chỉ tiêu | Đơn vị tính | Kết quả năm 2024"),
        ("Bảng phụ lục, dòng 2", "1 | Số cuộc kiểm tra | cuộc | 15", "1 | Số cuộc kiểm tra | cuộc | 17"),
        ("Bảng phụ lục, dòng 4", "2 | Số đơn thư | đơn | 4", " | - Số đoàn liên ngành | đoàn | 2"),
    ]
    same = _bare(appendix_table=AppendixTable(list(HEADER), [list(r) for r in ROWS]))
    assert not compare(old, same, "a", "b").has_changes


def test_a_row_inserted_in_the_appendix_shifts_no_other_row_into_a_change():
    from tudanhgia.domain.model import AppendixTable
    old = _bare(appendix_table=AppendixTable(list(HEADER), [list(r) for r in ROWS]))
    rows = [list(r) for r in ROWS]
    rows.insert(1, ["", "Ghi chú", "", ""])
    del rows[3]
    assert _lines(compare(old, _bare(appendix_table=AppendixTable(list(HEADER), rows)), "a", "b").indicators) == [
        ("Bảng phụ lục, dòng 2: thêm mới", "", " | Ghi chú |  | "),
        ("Bảng phụ lục, dòng 3 cũ: đã xóa", " | - Tổng số đoàn kiểm tra | đoàn | CÓ", ""),
    ]


def test_the_appendix_table_added_or_dropped_whole():
    from tudanhgia.domain.model import AppendixTable
    with_table = _bare(appendix_table=AppendixTable(list(HEADER), [list(r) for r in ROWS]))
    assert _lines(compare(_bare(), with_table, "a", "b").indicators) == [
        ("Bảng phụ lục đã nhập: thêm mới", "", "4 dòng")]
    dropped = compare(with_table, _bare(), "a", "b")
    assert _lines(dropped.indicators) == [("Bảng phụ lục đã nhập: đã bỏ", "4 dòng", "")] and dropped.has_changes
    assert not compare(_bare(), _bare(), "a", "b").has_changes


def test_the_summary_counts_and_names_what_changed_besides_words():
    """Gap 5: a change of the number and the date alone is not "0 words, 0 sections"."""
    from tudanhgia.domain.model import Limitation, Measure
    from tudanhgia.domain.period import DocDate
    old = _report("Lãnh đạo tốt.", CapDo.TOT)
    new = _report("Lãnh đạo tốt.", CapDo.TOT)
    new.meta.number, new.meta.date = "15", DocDate(2023, 4, 20)
    diff = compare(old, new, "Phiên bản 1", "Hiện tại")
    assert diff.summary() == "Thông tin văn bản: Số văn bản, Ngày văn bản."
    new.find(7).rating = CapDo.XUAT_SAC
    new.limitations = [Limitation(text=RichText.from_plain("Chậm báo cáo."), id=4,
                                  measures=[Measure(measure=RichText.from_plain("Báo cáo đúng hạn."), id=5)])]
    new.sections[0].body = RichText.from_plain("Lãnh đạo rất tốt.")
    diff = compare(old, new, "Phiên bản 1", "Hiện tại")
    assert diff.summary() == ("Thêm 1 từ, xóa 0 từ; 1 mục thay đổi; 1 mức tự đánh giá, xếp loại; "
                              "thông tin văn bản: Số văn bản, Ngày văn bản; hạn chế, khuyết điểm: 1 thay đổi; "
                              "biện pháp: 1 thay đổi.")
    assert compare(old, old, "a", "b").summary() == "Hai phiên bản giống hệt nhau."
