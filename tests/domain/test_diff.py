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
