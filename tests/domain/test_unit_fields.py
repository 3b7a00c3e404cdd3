"""A unit profile's fields as the unit form keeps them, whoever writes them (domain/unit_fields.py):
each field on one line, the abbreviation without spaces, a recipient pasted from an old document
without its dash and semicolon. Expected values written by hand from what a document prints."""
from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from tudanhgia.domain.model import Authority, Recipient, Recipients, Signer, UnitProfile
from tudanhgia.domain.unit_fields import recipient_purpose, recipient_text, tidy_recipients, tidy_unit


def test_a_pasted_recipient_line_loses_its_dash_and_end_mark():
    assert recipient_text("- Sở Nội vụ;") == "Sở Nội vụ"
    assert recipient_text("– UBND các huyện, thị xã,") == "UBND các huyện, thị xã"
    assert recipient_text("•\tBan Tổ chức\nTỉnh ủy.") == "Ban Tổ chức Tỉnh ủy"
    assert recipient_text("Thường trực HĐND tỉnh") == "Thường trực HĐND tỉnh"


def test_a_purpose_is_stored_without_its_brackets():
    assert recipient_purpose("(báo cáo);") == "báo cáo"
    assert recipient_purpose(" để\tbiết. ") == "để biết"


def test_recipients_drop_empty_lines_and_keep_an_archive():
    tidy = tidy_recipients(Recipients([Recipient("- Sở Nội vụ;", "(b/c)"), Recipient(" ;", ""),
                                       Recipient("Lãnh đạo\nVăn phòng", "")], archive=" VT, HC-TC. "))
    assert tidy.lines == [Recipient("Sở Nội vụ", "b/c"), Recipient("Lãnh đạo Văn phòng", "")]
    assert tidy.archive == "VT, HC-TC"
    assert tidy_recipients(Recipients([], archive=" . ")).archive == "VT"   # "- Lưu: VT." at least


def test_every_field_of_a_unit_is_one_line_and_the_original_is_left_alone():
    unit = UnitProfile(name="Văn phòng\tUBND tỉnh", parent_agency="UBND TỈNH\nQUẢNG NGÃI",
                       issuing_agency=" VĂN PHÒNG\x0b", abbreviation="V P\t", place="Quảng\tNgãi",
                       signer=Signer(Authority.KT, "CHÁNH\nVĂN PHÒNG", "PHÓ CHÁNH VĂN PHÒNG\r\n", "Nguyễn\tVăn A"),
                       recipients=Recipients([Recipient("- Sở Nội vụ;")]), document_standard="hd-05", id=7)
    tidy = tidy_unit(unit)
    assert (tidy.name, tidy.parent_agency, tidy.issuing_agency, tidy.abbreviation, tidy.place) == (
        "Văn phòng UBND tỉnh", "UBND TỈNH QUẢNG NGÃI", "VĂN PHÒNG", "VP", "Quảng Ngãi")
    assert tidy.signer == Signer(Authority.KT, "CHÁNH VĂN PHÒNG", "PHÓ CHÁNH VĂN PHÒNG", "Nguyễn Văn A")
    assert tidy.recipients.lines == [Recipient("Sở Nội vụ")]
    assert (tidy.document_standard, tidy.id) == ("hd-05", 7)
    assert unit.name == "Văn phòng\tUBND tỉnh" and unit.signer.name == "Nguyễn\tVăn A"   # a copy was tidied


@given(st.text(alphabet=st.sampled_from("aăâ Đ\t\n\r\x0b\x0c\x00;-–.,()"), max_size=40))
def test_no_field_ever_keeps_a_line_break_or_a_tab(text):
    tidy = tidy_unit(UnitProfile(name=text, place=text, abbreviation=text,
                                 signer=Signer(Authority.NONE, text, text, text),
                                 recipients=Recipients([Recipient(text, text)], archive=text)))
    fields = [tidy.name, tidy.place, tidy.abbreviation, tidy.signer.authority_position, tidy.signer.position,
              tidy.signer.name, tidy.recipients.archive,
              *(x for r in tidy.recipients.lines for x in (r.text, r.purpose))]
    for value in fields:
        assert not any(c in value for c in "\t\n\r\x0b\x0c\x00"), repr(value)
        assert value == value.strip()
    assert " " not in tidy.abbreviation
