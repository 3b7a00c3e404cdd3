"""Which lengths of period each kind takes (`periods` in its TOML file): the annual review takes a
year only, the quarterly form (Nghị định 335/2025) a quarter first or a month; a file that says it
wrongly is refused with a Vietnamese message naming the file and line; a file that does not say it
takes any period (a unit's own kind written before the field existed)."""
from __future__ import annotations

import tomllib

import pytest

from tudanhgia.domain import Period
from tudanhgia.kinds import KindError, KindRegistry, parse_kind
from tudanhgia.paths import shipped_kinds_dir

ANNUAL = {"kiem-diem-tap-the-2019", "kiem-diem-tap-the-2023", "kiem-diem-tap-the-2025", "tu-danh-gia-nam",
          "van-hoa"}
QUARTERLY = {"danh-gia-cong-chuc-quy", "tong-hop-danh-gia-quy"}

MINIMAL = '''id = "thu-nghiem"
name = "Báo cáo thử nghiệm"
{periods}
[document]
subject = "Thử nghiệm {{period}}"
{in_document}
[[levels]]
number = "roman"
[[section]]
key = "a"
heading = "Mục A"
'''


def kind_text(periods: str = "", in_document: str = "") -> str:
    return MINIMAL.format(periods=periods, in_document=in_document)


@pytest.fixture(scope="module")
def registry():
    return KindRegistry.load(shipped_kinds_dir())


def test_every_shipped_kind_says_which_periods_it_takes(registry):
    for path in shipped_kinds_dir().glob("*.toml"):
        declared = tomllib.loads(path.read_text(encoding="utf-8")).get("periods")
        assert declared, f"{path.name} has no periods"
        assert registry.get(path.stem).periods == tuple(declared)
    assert {k.id for k in registry.all() if k.periods == ("nam",)} == ANNUAL
    assert {k.id for k in registry.all() if k.periods == ("quy", "thang")} == QUARTERLY
    assert registry.get("khac").periods == ("nam", "6thang", "quy", "thang")
    assert registry.get("chuyen-de").periods[0] == "6thang"


@pytest.mark.parametrize("period,annual,quarterly", [
    (Period(2026), True, False),
    (Period(2026, half=1), False, False),
    (Period(2026, quarter=1), False, True),
    (Period(2026, month=3), False, True),
])
def test_a_kind_takes_only_its_periods(registry, period, annual, quarterly):
    review, form = registry.get("kiem-diem-tap-the-2025"), registry.get("danh-gia-cong-chuc-quy")
    assert (review.takes(period), form.takes(period)) == (annual, quarterly)
    assert registry.get("khac").takes(period)
    mismatch = review.period_mismatch(period)
    assert (mismatch == "") is annual
    if not annual:
        assert mismatch == f"Mẫu “Báo cáo kiểm điểm tập thể (mẫu 2025)” lập theo năm; kỳ {period.label} không phù hợp."


def test_a_kind_file_without_periods_takes_every_period():
    assert parse_kind(kind_text()).periods == ("nam", "6thang", "quy", "thang")
    assert parse_kind(kind_text('periods = ["thang", "quy"]')).periods == ("thang", "quy")


@pytest.mark.parametrize("periods,in_document,words", [
    ('periods = "quy"', "", "“periods” phải là danh sách các kỳ báo cáo"),
    ("periods = []", "", "“periods” phải là danh sách các kỳ báo cáo"),
    ("periods = [3]", "", "“periods” phải là danh sách các kỳ báo cáo"),
    ('periods = ["quý"]', "", "kỳ báo cáo “quý” trong “periods” không hợp lệ (chọn trong: “nam” (năm), "
                              "“6thang” (6 tháng), “quy” (quý), “thang” (tháng))"),
    ('periods = ["quy", "quy"]', "", "kỳ báo cáo “quy” ghi hai lần trong “periods”"),
    ("", 'periods = ["quy"]', "“periods” phải ghi ở phần đầu tệp, trước bảng [document]"),
])
def test_a_wrong_periods_field_is_refused_naming_the_file_and_line(tmp_path, periods, in_document, words):
    own = tmp_path / "kinds"
    own.mkdir()
    bad = own / "thu-nghiem.toml"
    text = kind_text(periods, in_document)
    bad.write_text(text, encoding="utf-8")
    (own / "tot.toml").write_text(kind_text().replace('"thu-nghiem"', '"tot"'), encoding="utf-8")
    reg = KindRegistry.load(shipped_kinds_dir(), own)
    assert "tot" in reg and "thu-nghiem" not in reg     # the good file beside it still loads
    (err,) = reg.errors
    line = next(i for i, ln in enumerate(text.splitlines(), 1) if ln.startswith("periods"))
    assert str(err).startswith(f"{bad}, dòng {line}: {words}")
    with pytest.raises(KindError):
        parse_kind(text, bad)
