import pytest

from tudanhgia.domain import DocDate, DocumentMeta, Period, Recipient, Recipients, Signer, Authority


@pytest.mark.parametrize("text,code,label", [
    ("2020", "2020", "năm 2020"), ("2021-H1", "2021-H1", "6 tháng đầu năm 2021"),
    ("2021-h2", "2021-H2", "6 tháng cuối năm 2021"), ("2022-Q3", "2022-Q3", "quý III/2022"),
    ("quý IV năm 2023", "2023-Q4", "quý IV/2023"), ("6 tháng đầu năm 2024", "2024-H1", "6 tháng đầu năm 2024"),
])
def test_period_parse(text, code, label):
    p = Period.parse(text)
    assert (p.code, p.label) == (code, label)


@pytest.mark.parametrize("bad", ["", "20", "2020-H3", "2020-Q5", "năm nay", "99999"])
def test_period_rejects_with_vietnamese_message(bad):
    with pytest.raises(ValueError, match="kỳ báo cáo"):
        Period.parse(bad)


def test_period_neighbours():
    assert Period.parse("2020-Q4").next() == Period(2021, quarter=1)
    assert Period.parse("2021-H1").previous() == Period(2020, half=2)
    assert Period(2022).next() == Period(2023)


def test_date_leading_zeros_per_h6():
    assert DocDate(2024, 1, 5).words() == "ngày 05 tháng 01 năm 2024"
    assert DocDate(2024, 2, 15).words() == "ngày 15 tháng 02 năm 2024"
    assert DocDate(2024, 3, 7).words() == "ngày 07 tháng 3 năm 2024"
    assert DocDate(2024, 12, 31).words() == "ngày 31 tháng 12 năm 2024"


def test_draft_date_keeps_blanks():
    words = DocDate(2020, 12).words()
    assert words.startswith("ngày ") and words.endswith(" tháng 12 năm 2020")
    assert words.split("ngày")[1].split("tháng")[0].strip("\u00a0 ") == ""
    assert "\u00a0" in words


def test_invalid_dates_refused():
    with pytest.raises(ValueError):
        DocDate(2023, 2, 30)
    with pytest.raises(ValueError):
        DocDate(2023, 13)


def test_number_line_h5():
    assert DocumentMeta(number="5", symbol="BC-VP").number_line() == "Số: 05/BC-VP"
    assert DocumentMeta(number="123", symbol="BC-VP").number_line() == "Số: 123/BC-VP"
    blank = DocumentMeta(number="", symbol="BC-VP").number_line()
    assert blank.startswith("Số: ") and blank.endswith("/BC-VP") and blank.strip("Số: /BC-VP\u00a0") == ""


def test_recipients_and_signer_lines_c2_c4():
    rec = Recipients([Recipient("CT, PCT UBND tỉnh", "báo cáo"), Recipient("Sở Nội vụ")], "VT, HC-TC")
    assert rec.printed() == ["- CT, PCT UBND tỉnh (báo cáo);", "- Sở Nội vụ;", "- Lưu: VT, HC-TC."]
    assert Signer(Authority.KT, "Chánh Văn phòng", "Phó Chánh Văn phòng", "Lê Quốc Đạt").title_lines() == [
        "KT. CHÁNH VĂN PHÒNG", "PHÓ CHÁNH VĂN PHÒNG"]
    assert Signer(Authority.NONE, "", "CHÁNH VĂN PHÒNG", "Vũ Minh Tâm").title_lines() == ["CHÁNH VĂN PHÒNG"]


@pytest.mark.parametrize("typed, printed", [("5", "05"), ("12", "12"), ("²", "²"), ("05", "05"), ("٣", "٣"), ("", "")])
def test_printed_number_pads_below_ten_and_keeps_other_digits_as_typed(typed, printed):
    """Spec H5 pads numbers below 10; a superscript "²" (str.isdigit, but not a number int()
    reads) is printed as typed instead of failing the export."""
    from tudanhgia.domain.model import DocumentMeta
    assert DocumentMeta(number=typed).printed_number() == printed
