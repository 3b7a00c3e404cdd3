import datetime as dt

import pytest

from tudanhgia.domain import ChatLuong, Period, RatingScale
from tudanhgia.domain.model import placeholder_values, substitute
from tudanhgia.kinds import KindError, KindRegistry, parse_kind
from tudanhgia.paths import shipped_kinds_dir

SHIPPED = sorted(p.stem for p in shipped_kinds_dir().glob("*.toml"))


@pytest.fixture(scope="module")
def registry():
    return KindRegistry.load(shipped_kinds_dir())


def test_all_shipped_kinds_load(registry):
    assert not registry.errors, [str(e) for e in registry.errors]
    families = registry.families()
    assert {"kiem-diem-tap-the", "tu-danh-gia-nam", "ke-hoach-khac-phuc", "co-quan-van-hoa",
            "bao-cao-chuyen-de"} <= set(families)
    assert [k.version for k in families["kiem-diem-tap-the"]] and \
        {k.version for k in families["kiem-diem-tap-the"]} == {"2019", "2023", "2025"}


def test_newest_review_form_is_the_default(registry):
    assert registry.default_for("kiem-diem-tap-the").version == "2025"
    assert registry.resolve("kiem-diem-tap-the").id == "kiem-diem-tap-the-2025"


@pytest.mark.parametrize("kind_id", SHIPPED)
def test_report_from_kind_has_the_whole_outline(registry, kind_id):
    kind = registry.get(kind_id)
    period = Period(2024)
    report = kind.create_report(period, None, dt.date(2024, 12, 1))
    values = placeholder_values(period, None)
    got = [(s.key, s.heading, depth) for s, depth in report.walk_with_depth()]
    want = [(ks.key, substitute(ks.heading, values), ks.level) for ks in kind.sections]
    assert got == want
    assert all("{" not in h for _, h, _ in got)
    assert all(not s.guidance.is_empty() for s in report.walk()), "every section carries guidance"
    assert report.meta.closing.plain.endswith("./.")


def test_review_2019_follows_the_sample(registry):
    kind = registry.get("kiem-diem-tap-the-2019")
    rated = [ks.key for ks in kind.sections if ks.rating is RatingScale.CAP_DO]
    assert rated == [f"uu-diem.{i}" for i in range(1, 6)]
    assert [ks.key for ks in kind.sections if ks.rating is RatingScale.CHAT_LUONG] == ["xep-loai"]


def test_review_2023_rates_the_follow_up(registry):
    kind = registry.get("kiem-diem-tap-the-2023")
    follow = next(ks for ks in kind.sections if ks.key == "khac-phuc")
    assert follow.rating is RatingScale.CAP_DO
    assert len([ks for ks in kind.sections if ks.rating is RatingScale.CAP_DO and ks.key.startswith("uu-diem")]) == 4


@pytest.mark.parametrize("kind_id", ["kiem-diem-tap-the-2025", "van-hoa"])
def test_scored_kinds_total_100(registry, kind_id):
    kind = registry.get(kind_id)
    assert sum(ks.max_score or 0 for ks in kind.sections) == 100 == kind.scoring.max_total


def test_2025_bands(registry):
    scoring = registry.get("kiem-diem-tap-the-2025").scoring
    assert scoring.band_for(95) is ChatLuong.HTXS
    assert scoring.band_for(90) is ChatLuong.HTXS
    assert scoring.band_for(89.5) is ChatLuong.HTT
    assert scoring.band_for(70) is ChatLuong.HTT
    assert scoring.band_for(69) is ChatLuong.HT
    assert scoring.band_for(49) is ChatLuong.KHT


def test_cultural_kind_has_pass_mark(registry):
    assert registry.get("van-hoa").scoring.pass_mark is not None


def test_thematic_kind_has_an_appendix(registry):
    kind = registry.get("chuyen-de")
    assert kind.appendix_title == "PHỤ LỤC SỐ LIỆU" and kind.appendix_indicators


MINIMAL = '''id = "thu-nghiem"
name = "Báo cáo thử nghiệm"
[document]
subject = "Thử nghiệm năm {year}"
[[levels]]
number = "roman"
[[section]]
key = "a"
heading = "Mục A"
'''


def test_user_kind_overrides_and_adds(tmp_path):
    own = tmp_path / "kinds"
    own.mkdir()
    text = (shipped_kinds_dir() / "ke-hoach-khac-phuc.toml").read_text(encoding="utf-8")
    renamed = text.replace('heading = "Tổ chức thực hiện"', 'heading = "Tổ chức thực hiện kế hoạch"')
    (own / "ke-hoach-khac-phuc.toml").write_text(renamed, encoding="utf-8")
    (own / "thu-nghiem.toml").write_text(MINIMAL, encoding="utf-8")
    reg = KindRegistry.load(shipped_kinds_dir(), own)
    assert not reg.errors
    assert reg.get("ke-hoach-khac-phuc").section("to-chuc").heading == "Tổ chức thực hiện kế hoạch"
    assert reg.get("ke-hoach-khac-phuc").user_defined
    assert reg.get("thu-nghiem").create_report(Period(2025)).meta.subject == "Thử nghiệm năm 2025"


@pytest.mark.parametrize("text,line,message", [
    (MINIMAL.replace('heading = "Mục A"', 'heading = "Mục A'), 9, "cú pháp TOML"),
    (MINIMAL + '[[section]]\nkey = "b"\nlevel = 1\nrating = "tam-tam"\n', 10, "thang đánh giá"),
    (MINIMAL + '[[section]]\nkey = "a"\n', 10, "bị trùng"),
    (MINIMAL + '[[section]]\nkey = "c"\nlevel = 3\n', 10, "không có mục cha"),
    (MINIMAL.replace('id = "thu-nghiem"', 'id = "Thử nghiệm"'), 1, "mã loại báo cáo"),
])
def test_malformed_kind_reports_path_and_line(tmp_path, text, line, message):
    own = tmp_path / "kinds"
    own.mkdir()
    bad = own / "hong.toml"
    bad.write_text(text, encoding="utf-8")
    (own / "tot.toml").write_text(MINIMAL, encoding="utf-8")
    reg = KindRegistry.load(shipped_kinds_dir(), own)  # never raises
    assert "thu-nghiem" in reg  # the good file next to it still loads
    assert len(reg.errors) == 1
    err = reg.errors[0]
    assert err.path == str(bad) and err.line == line and message in str(err)
    assert f"dòng {line}" in str(err)


def test_kind_file_not_utf8_is_reported(tmp_path):
    own = tmp_path / "kinds"
    own.mkdir()
    (own / "cu.toml").write_bytes("id = 'cu'\nname = 'Báo cáo'".encode("cp1258"))
    reg = KindRegistry.load(own)
    assert reg.errors and "UTF-8" in str(reg.errors[0])


def test_parse_kind_requires_levels():
    with pytest.raises(KindError, match="levels"):
        parse_kind('id = "x"\nname = "X"\n[[section]]\nkey = "a"\n')


def test_thematic_report_starts_with_the_kinds_indicators(registry):
    kind = registry.get("chuyen-de")
    report = kind.create_report(Period(2024, half=1))
    assert [i.name for i in report.indicators] == [d.name for d in kind.appendix_indicators]
    assert all(i.value is None for i in report.indicators)


def test_toml_syntax_error_is_told_in_vietnamese_without_the_parser_words(tmp_path):
    own = tmp_path / "kinds"
    own.mkdir()
    (own / "hong.toml").write_text(MINIMAL.replace('heading = "Mục A"', 'heading = "Mục A'), encoding="utf-8")
    err = KindRegistry.load(shipped_kinds_dir(), own).errors[0]
    assert "dòng 9" in str(err) and "cột" in str(err)
    assert not any(word in str(err) for word in ("Invalid", "Expected", "line", "column", "Unterminated"))
