"""The shared text helpers: safe characters, a typed one-line field, the folded comparison form."""
import unicodedata

from tudanhgia.domain.richtext import clean_text
from tudanhgia.domain.text import fold, one_line, safe_chars

NFD = unicodedata.normalize("NFD", "Đơn vị chủ trì")


def test_safe_chars_drops_what_a_document_cannot_hold_and_composes():
    assert safe_chars("a\x00b\x1fc\ud800d\ufffe\n\te") == "abcd\n\te"
    assert safe_chars(NFD) == "Đơn vị chủ trì"


def test_one_line_is_the_cleaned_text_with_its_white_space_folded():
    typed = "  Phòng\x0bTổng hợp\r\n\x07 và \u00a0 " + NFD + "\u2028"
    assert one_line(typed) == "Phòng Tổng hợp và Đơn vị chủ trì"
    assert one_line(typed) == " ".join(clean_text(typed).split())
    assert one_line(None) == one_line("") == ""


def test_fold_compares_case_spacing_and_composition_alike():
    assert fold("  KẾT QUẢ\u00a0 thực hiện ") == fold("kết quả thực hiện") == "kết quả thực hiện"
    assert fold(NFD) == fold("đơn vị CHỦ TRÌ")
