"""domain/paste.py: a paste of several lines keeps no blank line (issue 13 point 8)."""
from tudanhgia.domain.paste import tidy_paste, tidy_pasted_lines
from tudanhgia.domain.richtext import Footnote, Paragraph, RichText, Run


def texts(rt: RichText) -> list[str]:
    return [p.text for p in rt.paragraphs]


def test_blank_paragraphs_and_runs_of_soft_breaks_go_single_breaks_stay():
    rt = RichText((Paragraph((Run("\na "), Run("b", bold=True), Run("\nc\n \nd\n"))), Paragraph((Run("\xa0 "),)),
                   Paragraph(()), Paragraph((Run("e"),))))
    out = tidy_paste(rt)
    assert texts(out) == ["a b\nc", "d", "e"]
    assert out.paragraphs[0].items == (Run("a "), Run("b", bold=True), Run("\nc"))


def test_a_footnote_alone_is_not_blank_and_one_line_is_left_as_it_is():
    note = Footnote((Run("chú thích"),))
    assert tidy_paste(RichText((Paragraph((note,)), Paragraph(())))).paragraphs == (Paragraph((note,)),)
    space = RichText((Paragraph((Run(" "),)),))
    assert tidy_paste(space) == space


def test_plain_lines():
    assert tidy_pasted_lines("a\n\n \t\nb\n") == "a\nb"
    assert tidy_pasted_lines("  a  ") == "  a  "
    assert tidy_pasted_lines("\n\n") == ""
