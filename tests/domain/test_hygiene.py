"""'Chuẩn hóa văn bản': each slip found as a change to preview; expected texts written by hand."""
from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tudanhgia.domain.hygiene import apply, context, fixes


def fixed(text: str, quotes="typographic") -> str:
    return apply(text, fixes(text, quotes))


@pytest.mark.parametrize(("before", "after"), [
    ("Đã triển khai  kịp thời.", "Đã triển khai kịp thời."),
    ("tốt , hiệu quả ; kịp thời .", "tốt, hiệu quả; kịp thời."),
    ("Ghi chú : xem ( nếu có ) và [ phụ lục ] !", "Ghi chú: xem (nếu có) và [phụ lục]!"),
    ('Phong trào "Dân vận khéo" được triển khai.', "Phong trào “Dân vận khéo” được triển khai."),
    ("Khẩu hiệu 'Nói đi đôi với làm'.", "Khẩu hiệu ‘Nói đi đôi với làm’."),
    ("Huyện Ea H'leo", "Huyện Ea H'leo"),   # an apostrophe inside a name stays
    ("Đúng thể thức.", "Đúng thể thức."),
    ("Số: 05/BC-VP ngày 12/3/2025", "Số: 05/BC-VP ngày 12/3/2025"),
    ("… kính báo cáo./.", "… kính báo cáo./."),
])
def test_each_slip_is_fixed(before, after):
    assert fixed(before) == after


def test_straight_quotes_when_the_standard_wants_them():
    assert fixed("Phong trào “Dân vận khéo” và ‘thi đua’", "straight") == "Phong trào \"Dân vận khéo\" và 'thi đua'"
    assert fixed('Phong trào "Dân vận khéo"', None) == 'Phong trào "Dân vận khéo"'


def test_decomposed_words_become_nfc_and_the_preview_shows_each_change():
    nfd = unicodedata.normalize("NFD", "Hòa giải")
    found = fixes(f"{nfd}  tốt .")
    assert [(f.code, f.after) for f in found] == [("nfc", "Hòa"), ("nfc", "giải"), ("double-space", " "),
                                                  ("space-before-punctuation", "")]
    assert found[0].reason.startswith("Chữ tổ hợp")
    text = "Công tác cải cách hành chính đạt kết quả tốt , hiệu quả."
    assert context(text, fixes(text)[0], 10) == ("…ết quả tốt|·|, hiệu quả…", "…ết quả tốt||, hiệu quả…")
    double = "Triển khai  kịp thời."
    assert context(double, fixes(double)[0]) == ("Triển khai|··|kịp thời.", "Triển khai|·|kịp thời.")


def test_a_changed_text_is_not_patched_blindly():
    text = "tốt , hiệu quả"
    found = fixes(text)
    with pytest.raises(ValueError):
        apply("tốt,, hiệu quả", found)


@given(st.lists(st.sampled_from([*"ab ,.;()\"'“”", "Hòa", "\u0301", "  "]), max_size=30).map("".join))
def test_fixing_twice_changes_nothing_more_and_keeps_the_words(text):
    once = fixed(text)
    assert fixed(once) == fixed(fixed(once))   # converges (overlapping changes may need a second run)
    letters = [c for c in unicodedata.normalize("NFC", text) if c.isalnum()]
    assert [c for c in once if c.isalnum()] == letters
