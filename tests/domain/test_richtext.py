import json

from hypothesis import given, strategies as st

from tudanhgia.domain.richtext import Footnote, Paragraph, RichText, Run, clean_text

text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=30)
runs = st.lists(st.builds(Run, text, st.booleans(), st.booleans()), max_size=5)
inline = st.one_of(st.builds(Run, text, st.booleans(), st.booleans()),
                   st.builds(lambda rs: Footnote(tuple(rs)), runs))
bodies = st.builds(lambda ps: RichText(tuple(Paragraph(tuple(p)) for p in ps)),
                   st.lists(st.lists(inline, max_size=6), max_size=5))


@given(bodies)
def test_markup_round_trip(rt):
    assert RichText.from_markup(rt.to_markup()) == rt


@given(bodies)
def test_json_round_trip(rt):
    assert RichText.from_json(rt.to_json()) == rt


def test_markup_reads_bold_italic_and_footnotes():
    rt = RichText.from_markup("Tổng số **66.263** hồ sơ (*đạt 96,1%*)[^Chi tiết tại **phụ lục**]\n- dòng hai")
    p = rt.paragraphs[0]
    assert p.text == "Tổng số 66.263 hồ sơ (đạt 96,1%)"
    assert Run("66.263", bold=True) in p.items and Run("đạt 96,1%", italic=True) in p.items
    assert p.footnotes[0].runs == (Run("Chi tiết tại "), Run("phụ lục", bold=True))
    assert rt.paragraphs[1].text == "- dòng hai"  # the officer's dash stays text


def test_adjacent_runs_merge_and_empty_runs_vanish():
    p = Paragraph((Run("a"), Run(""), Run("b"), Run("c", bold=True)))
    assert p.items == (Run("ab"), Run("c", bold=True))


def test_clean_text_maps_word_breaks_and_drops_controls():
    assert clean_text("a\x0bb\x0cc\u2028d") == "a\nb\nc\nd"
    assert clean_text("x\x00y\x07z\ufffe\ud800") == "xyz"
    assert clean_text("Hoa\u0300") == "Hoà"  # NFD from Unikey "tổ hợp" → NFC
    assert clean_text("a\r\nb") == "a\nb"


def test_json_is_utf8_text_and_a_lone_surrogate_stays_escaped():
    rt = RichText((Paragraph((Run("Kế hoạch “số” 🎯", bold=True),)),))
    data = rt.to_json()
    assert data == '{"v":1,"p":[[["Kế hoạch “số” 🎯",1]]]}'
    assert RichText.from_json(data) == rt
    odd = Run("x")
    object.__setattr__(odd, "text", "x\ud800y")  # as an older release could hold it
    data = RichText((Paragraph((odd,)),)).to_json()
    data.encode("utf-8")  # what SQLite stores; a raw lone surrogate would refuse the whole save
    assert data == '{"v":1,"p":[[["x\\ud800y",0]]]}'
    assert json.loads(data)["p"][0][0][0] == "x\ud800y"


@given(bodies)
def test_plain_words_read_straight_from_the_json_are_the_texts_plain(body):
    from tudanhgia.domain.richtext import plain_from_json
    assert plain_from_json(body.to_json()) == RichText.from_json(body.to_json()).plain == body.plain
    assert plain_from_json("") == plain_from_json(None) == ""
