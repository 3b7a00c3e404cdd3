import pytest
from hypothesis import given, strategies as st

from tudanhgia.domain import LevelStyle, NumberStyle, Report, Section
from tudanhgia.domain.numbering import label, letter, ordinal_words, roman
from tudanhgia.domain.period import Period


def test_vietnamese_alphabet_has_dd_and_no_foreign_letters():
    letters = [letter(i) for i in range(1, 24)]
    assert letters[:6] == ["a", "b", "c", "d", "đ", "e"]
    assert letters[6] == "g"  # no f
    assert not {"f", "j", "w", "z"} & set(letters)
    assert letters[-1] == "y"
    assert letter(24) == "aa"


def test_labels_per_style():
    assert label(NumberStyle.PART, 2) == "Phần II"
    assert label(NumberStyle.PART_WORDS, 1) == "Phần thứ nhất"
    assert label(NumberStyle.PART_WORDS, 4) == "Phần thứ tư"
    assert label(NumberStyle.ROMAN, 4) == "IV."
    assert label(NumberStyle.ARABIC, 12) == "12."
    assert label(NumberStyle.NESTED, 3, "2") == "2.3."
    assert label(NumberStyle.NESTED, 1, "2.3") == "2.3.1."
    assert label(NumberStyle.LETTER, 5) == "đ)"
    assert label(NumberStyle.NONE, 1) == ""


def test_roman_and_ordinals():
    assert [roman(i) for i in (1, 4, 9, 14, 40, 90, 400, 1994)] == ["I", "IV", "IX", "XIV", "XL", "XC", "CD", "MCMXCIV"]
    assert [ordinal_words(i) for i in (1, 2, 3, 4, 5, 10, 11, 15, 20, 21, 24, 25)] == [
        "nhất", "hai", "ba", "tư", "năm", "mười", "mười một", "mười lăm", "hai mươi", "hai mươi mốt",
        "hai mươi tư", "hai mươi lăm"]


def _report(*sections, levels=("roman", "arabic", "nested", "letter")) -> Report:
    return Report("k", Period(2024), sections=list(sections),
                  levels=[LevelStyle(NumberStyle(x)) for x in levels])


def test_outline_numbers_and_renumbering_after_insert_and_move():
    a1, a2 = Section("a1"), Section("a2")
    b = Section("b", children=[Section("b1", children=[Section("x"), Section("y"), Section("z"),
                                                       Section("w"), Section("v")])])
    r = _report(Section("A", children=[a1, a2]), b, levels=("roman", "arabic", "letter"))
    n = r.numbering()
    assert n[r.sections[0]] == "I." and n[a2] == "2." and n[b] == "II."
    assert [n[s] for s in b.children[0].children] == ["a)", "b)", "c)", "d)", "đ)"]
    assert n[b.children[0]] == "1."
    r.sections[0].children.insert(0, Section("new"))
    n = r.numbering()
    assert (n[a1], n[a2]) == ("2.", "3.")
    r.sections.insert(0, r.sections.pop())  # move B first
    n = r.numbering()
    assert (n[b], n[r.sections[1]]) == ("I.", "II.")


def test_nested_numbers_extend_the_parent():
    inner = Section("2.1", children=[Section("2.1.1")])
    r = _report(Section("1", children=[]), Section("2", children=[inner]),
                levels=("arabic", "nested", "nested"))
    n = r.numbering()
    assert n[inner] == "2.1." and n[inner.children[0]] == "2.1.1."


def test_unnumbered_sections_do_not_count():
    plain = Section("Đánh giá chung", number_style=NumberStyle.NONE)
    r = _report(Section("A"), plain, Section("B"))
    n = r.numbering()
    assert [n[s] for s in r.sections] == ["I.", "", "II."]


def test_parts_then_roman():
    r = _report(Section("Khái quát"), Section("Kết quả", children=[Section("x"), Section("y")]),
                levels=("part", "roman"))
    n = r.numbering()
    assert [n[s] for s in r.sections] == ["Phần I", "Phần II"]
    assert [n[s] for s in r.sections[1].children] == ["I.", "II."]


@st.composite
def trees(draw, depth=0):
    count = draw(st.integers(0, 4 if depth < 3 else 0))
    return [Section(str(i), children=draw(trees(depth + 1))) for i in range(count)]


@given(trees())
def test_siblings_never_share_a_number(tree):
    r = _report(*tree)
    n = r.numbering()
    def check(items):
        labels = [n[s] for s in items]
        assert len(set(labels)) == len(labels)
        for s in items:
            check(s.children)
    check(r.sections)


ORDINALS = [
    (6, "sáu"), (9, "chín"), (11, "mười một"), (14, "mười bốn"), (15, "mười lăm"), (19, "mười chín"),
    (20, "hai mươi"), (21, "hai mươi mốt"), (24, "hai mươi tư"), (25, "hai mươi lăm"), (30, "ba mươi"),
    (31, "ba mươi mốt"), (40, "bốn mươi"), (41, "bốn mươi mốt"), (44, "bốn mươi tư"), (45, "bốn mươi lăm"),
    (54, "năm mươi tư"), (55, "năm mươi lăm"), (99, "chín mươi chín"), (100, "100")]


@pytest.mark.parametrize("n, words", ORDINALS, ids=[str(n) for n, _ in ORDINALS])
def test_ordinal_words_irregular_forms(n, words):
    """mốt (1) and tư (4) only after 'mươi', lăm (5) after any ten, bốn mươi (never 'tư mươi'),
    mười (never 'một mươi')."""
    assert ordinal_words(n) == words
    assert label(NumberStyle.PART_WORDS, n) == f"Phần thứ {words}"


def test_numbers_under_an_unnumbered_section_extend_the_nearest_numbered_ancestor():
    inner = Section("Kết quả cụ thể", number_style=NumberStyle.NONE,
                    children=[Section("x", children=[Section("x1")]), Section("y")])
    r = _report(Section("1"), Section("2", children=[inner]), levels=("arabic", "nested", "nested", "nested"))
    n = r.numbering()
    assert n[inner] == ""
    assert [n[s] for s in inner.children] == ["2.1.", "2.2."]
    assert n[inner.children[0].children[0]] == "2.1.1."
    top = Section("Mở đầu", number_style=NumberStyle.NONE, children=[Section("a"), Section("b")])
    r = _report(top, Section("A"), levels=("roman", "arabic"))
    n = r.numbering()
    assert [n[s] for s in r.walk()] == ["", "1.", "2.", "I."]


def test_items_of_an_unnumbered_section_continue_the_parents_sequence():
    """B9: no number twice under one parent. "2." holds A, an unnumbered heading with two items of
    its own, then B: the items count on after A, and B after them."""
    a, x, y, b = Section("A"), Section("X", children=[Section("X1")]), Section("Y"), Section("B")
    plain = Section("Kết quả cụ thể", number_style=NumberStyle.NONE, children=[x, y])
    two = Section("2", children=[a, plain, b])
    r = _report(Section("1", children=[Section("1a")]), two, Section("3"),
                levels=("arabic", "nested", "nested", "nested"))
    n = r.numbering()
    assert [(s.heading, n[s]) for s in r.walk()] == [
        ("1", "1."), ("1a", "1.1."),
        ("2", "2."), ("A", "2.1."), ("Kết quả cụ thể", ""), ("X", "2.2."), ("X1", "2.2.1."), ("Y", "2.3."),
        ("B", "2.4."),
        ("3", "3.")]


def test_two_unnumbered_headings_under_one_parent_share_the_count():
    """Lettered items under two unnumbered headings of one section: a) b) then c), never a) twice."""
    first = Section("Ưu điểm", number_style=NumberStyle.NONE, children=[Section("p"), Section("q")])
    second = Section("Hạn chế", number_style=NumberStyle.NONE, children=[Section("r")])
    after = Section("Kiến nghị")
    top = Section("I", children=[first, second, after])
    nxt = Section("II", children=[Section("s")])
    r = _report(top, nxt, levels=("roman", "letter", "letter"))
    n = r.numbering()
    assert [(s.heading, n[s]) for s in r.walk()] == [
        ("I", "I."), ("Ưu điểm", ""), ("p", "a)"), ("q", "b)"), ("Hạn chế", ""), ("r", "c)"), ("Kiến nghị", "d)"),
        ("II", "II."), ("s", "a)")]   # a new parent starts again
