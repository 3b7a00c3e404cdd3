"""domain/find.replace_at: stretches of a formatted text's plain text replaced where they stand
(the old directive blanked in a copy), formatting and footnotes kept."""
from tudanhgia.domain.find import replace_at
from tudanhgia.domain.richtext import Footnote, Paragraph, RichText, Run


def test_only_the_given_positions_are_replaced_even_when_the_words_repeat():
    rt = RichText.from_plain("15 hội nghị, số 15\n15 ngày")
    got = replace_at(rt, [(16, 18, "…"), (19, 21, "…")])   # the second "15" and the third (next paragraph)
    assert got.plain == "15 hội nghị, số …\n… ngày"


def test_formatting_and_footnotes_are_kept():
    note = Footnote((Run("chú thích"),))
    rt = RichText((Paragraph((Run("số "), Run("77/SNV", bold=True), note, Run(" ngày 10/11/2020", italic=True))),))
    got = replace_at(rt, [(3, 9, "…"), (15, 25, "…")])
    assert got.paragraphs[0].items == (Run("số "), Run("…", bold=True), note, Run(" ngày …", italic=True))


def test_a_stretch_across_a_footnote_is_replaced_on_both_sides_once():
    note = Footnote((Run("n"),))
    rt = RichText((Paragraph((Run("ab"), note, Run("cd"))),))
    got = replace_at(rt, [(1, 3, "Q")])
    assert got.paragraphs[0].items == (Run("aQ"), note, Run("d"))


def test_nothing_to_replace_gives_the_same_text():
    rt = RichText.from_plain("không đổi")
    assert replace_at(rt, []) is rt
