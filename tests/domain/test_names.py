"""The shared display names: a section's name where it is listed, and the progress marks."""
from tudanhgia.domain.completeness import SectionState
from tudanhgia.domain.model import Section
from tudanhgia.domain.names import percent_done, section_name, shorten, state_mark, state_text
from tudanhgia.domain.richtext import RichText


def test_a_section_is_named_by_its_heading_or_the_start_of_its_body():
    untitled = Section("", RichText.from_plain("Văn phòng đã hoàn thành tốt nhiệm vụ được giao.\nĐoạn hai."))
    assert section_name(Section("Ưu điểm", RichText.from_plain("x" * 100)), 5) == "Ưu điểm"
    assert section_name(untitled) == "Văn phòng đã hoàn thành tốt nhiệm vụ được giao."
    assert section_name(untitled, 9) == "Văn phòng…"
    assert section_name(untitled, 9, ellipsis="") == "Văn phòng"
    assert section_name(untitled, 200) == "Văn phòng đã hoàn thành tốt nhiệm vụ được giao."
    assert section_name(Section(""), empty="(mục chưa có tên)") == "(mục chưa có tên)"


def test_shorten_keeps_the_limit_with_the_ellipsis():
    assert shorten("abcdef", 6) == "abcdef"
    assert shorten("abcdefg", 6) == "abcde…"


def test_shorten_and_section_name_cut_after_a_whole_word():
    heading = "III. Kết quả khắc phục những hạn chế, khuyết điểm đã được cấp có thẩm quyền kết luận"
    assert shorten(heading, 60) == "III. Kết quả khắc phục những hạn chế, khuyết điểm đã được…"
    assert shorten("Kết quả khắc phục, hạn chế", 20) == "Kết quả khắc phục…"   # no comma before the "…"
    assert shorten("Văn phòng đã", 12) == "Văn phòng đã"
    untitled = Section("", RichText.from_plain("Văn phòng đã hoàn thành tốt nhiệm vụ được giao."))
    assert section_name(untitled, 14) == "Văn phòng đã…"
    assert section_name(untitled, 14, ellipsis="") == "Văn phòng đã"


def test_progress_marks_and_percent():
    assert [state_mark(s) for s in SectionState] == ["○", "◐", "●"]
    assert state_text(SectionState.IN_PROGRESS) == "◐ Đang viết"
    assert (percent_done(1, 3), percent_done(2, 3), percent_done(0, 0)) == (33, 67, 0)
