"""domain/find.py: what Find and Replace (issue 13 point 9) calls a match, and a replacement in
formatted text."""
from tudanhgia.domain.find import Query, replace_rich, replace_text
from tudanhgia.domain.richtext import Footnote, Paragraph, RichText, Run

TEXT = "Lãnh đạo đi đảo; ĐẢO xa, đảoxa, Đảo."


def found(query: Query, text: str = TEXT) -> list[str]:
    return [text[a:b] for a, b in query.spans(text)]


def test_diacritics_always_matter_case_only_when_asked():
    assert found(Query("đảo")) == ["đảo", "ĐẢO", "đảo", "Đảo"]           # never "đạo"
    assert found(Query("đảo", match_case=True)) == ["đảo", "đảo"]
    assert found(Query("dao")) == []


def test_whole_word_needs_no_letter_or_digit_beside_it():
    assert found(Query("đảo", whole_word=True)) == ["đảo", "ĐẢO", "Đảo"]
    assert found(Query("đảo", whole_word=True), "đảo2 (đảo) đảo-xa") == ["đảo", "đảo"]


def test_a_decomposed_query_finds_the_composed_text_and_the_text_is_literal():
    assert found(Query("đa\u0309o")) == ["đảo", "ĐẢO", "đảo", "Đảo"]
    assert found(Query("a.b"), "axb a.b") == ["a.b"]
    assert Query("").spans(TEXT) == [] and not Query("").found_in(TEXT)


def test_replace_text_counts():
    assert replace_text("đảo, Đảo, đạo", Query("đảo"), "cù lao") == ("cù lao, cù lao, đạo", 2)


def test_replace_rich_keeps_the_format_around_and_footnotes():
    note = Footnote((Run("chú thích đảo"),))
    rt = RichText((Paragraph((Run("Ra "), Run("đả", bold=True), Run("o lớn", italic=True), note, Run(" đảo"))),))
    new, n = replace_rich(rt, Query("đảo"), "cù lao")
    assert n == 2
    assert new.paragraphs[0].items == (Run("Ra "), Run("cù lao", bold=True), Run(" lớn", italic=True), note,
                                       Run(" cù lao"))
    assert replace_rich(rt, Query("không có"), "x") == (rt, 0)
