"""Numbering as an officer reads it in a printed report (spec nd30 B2, B6, B9): Roman numerals,
the Vietnamese alphabet for lettered items, "Phần thứ …" in words, nested numbers."""
import pytest

from tudanhgia.domain import LevelStyle, NumberStyle, Period, Report, Section, VI_LETTERS
from tudanhgia.domain.numbering import label, letter, numeric_core, ordinal_words, roman


def test_kind_files_name_the_numbering_styles_by_these_codes():
    codes = {"part": NumberStyle.PART, "part-words": NumberStyle.PART_WORDS, "roman": NumberStyle.ROMAN,
             "arabic": NumberStyle.ARABIC, "nested": NumberStyle.NESTED, "letter": NumberStyle.LETTER,
             "none": NumberStyle.NONE}
    assert {code: NumberStyle(code) for code in codes} == codes


def test_only_the_two_part_styles_are_parts():
    assert NumberStyle.PART.is_part and NumberStyle.PART_WORDS.is_part
    assert not any(s.is_part for s in (NumberStyle.ROMAN, NumberStyle.ARABIC, NumberStyle.NESTED,
                                       NumberStyle.LETTER, NumberStyle.NONE))


@pytest.mark.parametrize("n,expected", [
    (1, "I"), (2, "II"), (3, "III"), (4, "IV"), (5, "V"), (6, "VI"), (7, "VII"), (8, "VIII"), (9, "IX"),
    (10, "X"), (11, "XI"), (19, "XIX"), (39, "XXXIX"), (40, "XL"), (49, "XLIX"), (50, "L"), (89, "LXXXIX"),
    (90, "XC"), (99, "XCIX"), (100, "C"), (399, "CCCXCIX"), (400, "CD"), (499, "CDXCIX"), (500, "D"),
    (899, "DCCCXCIX"), (900, "CM"), (999, "CMXCIX"), (1000, "M"), (2024, "MMXXIV"), (3999, "MMMCMXCIX"),
])
def test_roman_numerals(n, expected):
    assert roman(n) == expected


@pytest.mark.parametrize("n", [0, -1, 4000])
def test_roman_numerals_exist_only_from_1_to_3999(n):
    with pytest.raises(ValueError):
        roman(n)


def test_the_vietnamese_alphabet_of_lettered_items():
    assert VI_LETTERS == ["a", "b", "c", "d", "đ", "e", "g", "h", "i", "k", "l", "m", "n", "o", "p", "q", "r",
                          "s", "t", "u", "v", "x", "y"]
    assert [letter(n) for n in range(1, 24)] == VI_LETTERS


def test_beyond_y_items_take_two_letters():
    assert [letter(n) for n in (24, 25, 28, 46, 47)] == ["aa", "ab", "ađ", "ay", "ba"]


@pytest.mark.parametrize("n", [0, -3])
def test_there_is_no_letter_before_a(n):
    with pytest.raises(ValueError):
        letter(n)


@pytest.mark.parametrize("n,words", [
    (1, "nhất"), (2, "hai"), (3, "ba"), (4, "tư"), (5, "năm"), (6, "sáu"), (7, "bảy"), (8, "tám"), (9, "chín"),
    (10, "mười"), (11, "mười một"), (14, "mười bốn"), (15, "mười lăm"), (19, "mười chín"), (20, "hai mươi"),
    (21, "hai mươi mốt"), (24, "hai mươi tư"), (25, "hai mươi lăm"), (30, "ba mươi"), (31, "ba mươi mốt"),
    (40, "bốn mươi"), (41, "bốn mươi mốt"), (44, "bốn mươi tư"), (45, "bốn mươi lăm"), (99, "chín mươi chín"),
])
def test_part_ordinals_in_words(n, words):
    assert ordinal_words(n) == words


def test_labels_as_printed():
    assert label(NumberStyle.PART, 3) == "Phần III"
    assert label(NumberStyle.PART_WORDS, 2) == "Phần thứ hai"
    assert label(NumberStyle.ROMAN, 9) == "IX."
    assert label(NumberStyle.ARABIC, 1) == "1."
    assert label(NumberStyle.NESTED, 2, "1") == "1.2."
    assert label(NumberStyle.NESTED, 2) == "2."           # nothing numeric above it
    assert label(NumberStyle.NESTED, 2, "") == "2."
    assert label(NumberStyle.LETTER, 6) == "e)"
    assert label(NumberStyle.NONE, 3) == ""


@pytest.mark.parametrize("lbl,core", [("2.1.", "2.1"), ("3.", "3"), ("12.", "12"), ("1.2.3.", "1.2.3"),
                                      ("IV.", None), ("a)", None), ("", None), ("Phần I", None), ("2.a.", None)])
def test_only_arabic_numbers_can_prefix_a_nested_number(lbl, core):
    assert numeric_core(lbl) == core


def _report(*sections, levels):
    return Report("k", Period(2024), sections=list(sections), levels=[LevelStyle(NumberStyle(x)) for x in levels])


def test_nested_items_under_a_roman_section_start_a_fresh_arabic_count():
    kids = [Section("x"), Section("y")]
    r = _report(Section("A", children=kids), levels=("roman", "nested"))
    n = r.numbering()
    assert [n[s] for s in kids] == ["1.", "2."]


def test_three_levels_of_nested_numbers():
    deep = Section("c")
    mid = Section("b", children=[Section("b0"), deep])
    r = _report(Section("a0"), Section("a", children=[Section("z"), mid]), levels=("arabic", "nested", "nested"))
    n = r.numbering()
    assert (n[mid], n[deep]) == ("2.2.", "2.2.2.")


def test_a_section_may_override_its_level_style():
    odd = Section("đánh giá chung", number_style=NumberStyle.LETTER)
    r = _report(Section("A"), odd, Section("B"), levels=("roman",))
    n = r.numbering()
    assert [n[s] for s in r.sections] == ["I.", "a)", "II."]


def test_levels_beyond_the_kind_are_unnumbered():
    deep = Section("deep")
    r = _report(Section("A", children=[deep]), levels=("roman",))
    assert r.numbering()[deep] == ""
