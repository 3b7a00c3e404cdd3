"""Editor ⇄ store is lossless: RichText → QTextDocument → RichText gives back the same text,
bold/italic runs and footnotes (property test), and the officer's '- ' and '+ ' stay text."""
import unicodedata

from hypothesis import HealthCheck, given, settings, strategies as st

from tudanhgia.domain.richtext import Footnote, Paragraph, RichText, Run
from tudanhgia.ui.richtext_qt import from_document, to_document

# what a keyboard produces: letters with Vietnamese marks, digits, punctuation, spaces, tabs and
# line breaks (Shift+Enter); no control characters (cleaned at paste) — NFC as typed text is kept
chars = st.characters(categories=("L", "N", "P", "S", "Zs"), exclude_characters="\u2028\u2029\ufffc\u2217")
text = st.text(st.one_of(chars, st.sampled_from(["\t", "\n", "ơ", "ư", "đ", "Ấ", "ỹ"])), min_size=1, max_size=25) \
    .map(lambda t: unicodedata.normalize("NFC", t))
run = st.builds(Run, text, st.booleans(), st.booleans())
note = st.builds(lambda rs: Footnote(tuple(rs)), st.lists(st.builds(Run, text.filter(lambda t: "\n" not in t),
                                                                   st.booleans(), st.booleans()), max_size=2))
bodies = st.builds(lambda ps: RichText(tuple(Paragraph(tuple(p)) for p in ps)),
                   st.lists(st.lists(st.one_of(run, note), min_size=1, max_size=5), max_size=5))


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(body=bodies)
def test_editor_round_trip(qapp, body):
    got = from_document(to_document(body))
    assert got == body


def test_dashes_and_plus_stay_text(qapp):
    body = RichText.from_plain("- gạch đầu dòng\n+ dấu cộng")
    doc = to_document(body)
    assert doc.toPlainText() == "- gạch đầu dòng\n+ dấu cộng"
    assert from_document(doc) == body


def test_empty_editor_is_an_empty_body(qapp):
    assert from_document(to_document(RichText())) == RichText()
