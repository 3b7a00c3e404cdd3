"""Body text as typed by the officer and as written in the hand-edited markup (docs/formats.md §1)
and stored as JSON: bold/italic runs, footnotes at their reference point, escapes."""
import json

import pytest

from tudanhgia.domain.richtext import (EMPTY, Footnote, Paragraph, RichText, Run, clean_richtext, clean_text,
                                       to_plain_lines)

B, IT, BI = {"bold": True}, {"italic": True}, {"bold": True, "italic": True}


def test_formatting_flags_of_the_stored_form():
    assert (Run("a").flags, Run("a", **B).flags, Run("a", **IT).flags, Run("a", **BI).flags) == (0, 1, 2, 3)
    assert Run("a", **B).same_format(Run("b", **B)) and not Run("a", **B).same_format(Run("b", **BI))
    assert not Run("a").same_format(Run("b", **IT))


def test_the_stored_json_form():
    rt = RichText((Paragraph((Run("Tổng "), Run("66.263", **B), Footnote((Run("Chi tiết"), Run(" ở đây", **IT))))),
                   Paragraph((Run("x", **BI),))))
    assert json.loads(rt.to_json()) == {"v": 1, "p": [[["Tổng ", 0], ["66.263", 1],
                                                       {"fn": [["Chi tiết", 0], [" ở đây", 2]]}],
                                                      [["x", 3]]]}
    # compact UTF-8 (schema 0003): the letters themselves, not \u escapes
    assert '"Tổng "' in rt.to_json() and "\\u" not in rt.to_json()
    assert ", " not in rt.to_json() and ": " not in rt.to_json()
    assert RichText.from_json(rt.to_json()) == rt
    assert RichText.from_json(None) == EMPTY and RichText.from_json("") == EMPTY
    assert RichText.from_json('{"v": 1}') == EMPTY


def test_runs_merge_and_empties_vanish_also_inside_footnotes():
    p = Paragraph((Run("a", **B), Run("b", **B), Footnote((Run("c"), Run(""), Run("d"))), Run(""), Run("e")))
    assert p.items == (Run("ab", **B), Footnote((Run("cd"),)), Run("e"))
    assert p.text == "abe" and [f.text for f in p.footnotes] == ["cd"]
    assert Footnote((Run("Chi tiết "), Run("phụ lục", **B))).text == "Chi tiết phụ lục"
    assert list(p.runs()) == [Run("ab", **B), Run("e")]
    assert Paragraph((Run("a"), Run("b", **IT))).items == (Run("a"), Run("b", **IT))


def test_a_prefix_joins_the_first_run_when_formatted_alike():
    p = Paragraph((Run("Tham mưu"), Run(" kịp thời", **B))).prefixed([Run("1. ")])
    assert p.items == (Run("1. Tham mưu"), Run(" kịp thời", **B))


def test_plain_text_one_paragraph_per_line():
    rt = RichText.from_plain("Dòng một\n\n   \nDòng hai")
    assert [p.text for p in rt.paragraphs] == ["Dòng một", "Dòng hai"]
    assert rt.plain == "Dòng một\nDòng hai" and to_plain_lines(rt) == ["Dòng một", "Dòng hai"]
    assert Paragraph.plain("x") == Paragraph((Run("x"),))


def test_emptiness_words_and_joining():
    assert EMPTY.is_empty() and not EMPTY and RichText.from_plain("  ").is_empty()
    assert RichText((Paragraph((Run("  "),)),)).is_empty()
    note_only = RichText((Paragraph((Footnote((Run("ghi chú"),)),)),))
    assert not note_only.is_empty() and bool(note_only)
    assert RichText.from_plain("Một hai  ba\nbốn").word_count() == 4
    assert (RichText.from_plain("a") + RichText.from_plain("b")).plain == "a\nb"


@pytest.mark.parametrize("markup,items", [
    ("**đậm** thường", (Run("đậm", **B), Run(" thường"))),
    ("*nghiêng*", (Run("nghiêng", **IT),)),
    ("***cả hai***x", (Run("cả hai", **BI), Run("x"))),
    ("**a***b*", (Run("a", **B), Run("b", **IT))),
    (r"a\*b\\c\[d\]e", (Run("a*b\\c[d]e"),)),
    (r"dòng\nngắt\rx", (Run("dòng\nngắt\rx"),)),
    ("x[^ghi **chú**]y", (Run("x"), Footnote((Run("ghi "), Run("chú", **B))), Run("y"))),
    (r"[^a\]b]", (Footnote((Run("a]b"),)),)),
    ("**đậm[^chú]tiếp**", (Run("đậm", **B), Footnote((Run("chú"),)), Run("tiếp", **B))),
    ("[không phải chú]", (Run("[không phải chú]"),)),
    ("cuối\\", (Run("cuối\\"),)),
    ("****a", (Run("a", **B),)),
])
def test_reading_markup(markup, items):
    assert RichText.from_markup(markup).paragraphs[0].items == items


def test_markup_paragraphs_and_the_empty_paragraph():
    rt = RichText.from_markup("một\n\n\\\nhai")
    assert [p.items for p in rt.paragraphs] == [(Run("một"),), (), (Run("hai"),)]


@pytest.mark.parametrize("items,markup", [
    ((Run("đậm", **B), Run(" thường")), "**đậm** thường"),
    ((Run("nghiêng", **IT),), "*nghiêng*"),
    ((Run("cả hai", **BI),), "***cả hai***"),
    ((Run("a", **B), Run("b", **IT)), "**a***b*"),
    ((Run("a", **B), Run("b", **BI)), "**a*b***"),
    ((Run("a", **IT), Run("b", **BI)), "*a**b***"),
    ((Run("a*b\\c"),), r"a\*b\\c"),
    ((Run("a\nb\tc"),), "a\\nb\tc"),
    ((Run("[x] [^y"),), r"[x] \[^y"),
    ((Run("x"), Footnote((Run("a[b]", **IT),)), Run("y")), r"x[^*a\[b\]*]y"),
    ((), "\\"),
    ((Run("[a]"), Footnote((Run("n"),)), Run("c")), "[a][^n]c"),
    ((Run("  "),), "\\ \\ "),
])
def test_writing_markup(items, markup):
    p = Paragraph(items)
    assert RichText((p,)).to_markup() == markup
    assert RichText.from_markup(markup).paragraphs == (p,)


def test_a_run_holds_the_normalised_text_and_an_old_carriage_return_reads_as_a_line_break():
    assert Run("a\r\nb\rc\x00\u2028d\ud800e\x85f", **B) == Run("a\nb\nc\nde\nf", **B)
    assert RichText.from_markup(r"a\rb").paragraphs[0].items == (Run("a\nb"),)


def test_several_paragraphs_in_markup():
    assert RichText.from_plain("a\nb").to_markup() == "a\nb"


def test_cleaning_pasted_text():
    assert clean_text("") == "" and clean_text("a\rb") == "a\nb" and clean_text("a\u2029b") == "a\nb"
    assert clean_text("a\x1fb\x7fc\uffff") == "abc" and clean_text("\tx\n") == "\tx\n"
    rt = RichText((Paragraph((Run("Hoa\u0300\x0bx", **B), Footnote((Run("y\x00", **IT),)))),))
    assert clean_richtext(rt) == RichText((Paragraph((Run("Hoà\nx", **B), Footnote((Run("y", **IT),)))),))
