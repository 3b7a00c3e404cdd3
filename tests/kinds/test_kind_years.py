"""The years a kind applies to (`from_year` / `to_year` in its TOML file): the 2025 collective
review from 2025, the 2019 and 2023 forms their own spans; a report of another year is noted,
never refused (GUI tester's b28: a "Mẫu 2025" review made for 2021 said nothing)."""
from __future__ import annotations

import datetime as dt

import pytest

from tudanhgia.domain import Period
from tudanhgia.kinds import KindError, KindRegistry, parse_kind
from tudanhgia.paths import shipped_kinds_dir
from tudanhgia.services.chain import pre_print_check

MINIMAL = '''id = "thu-nghiem"
name = "Báo cáo thử nghiệm"
{years}
[document]
subject = "Thử nghiệm {{period}}"
[[levels]]
number = "roman"
[[section]]
key = "a"
heading = "Mục A"
'''


@pytest.fixture(scope="module")
def registry():
    return KindRegistry.load(shipped_kinds_dir())


def test_the_collective_review_forms_say_their_years(registry):
    spans = {k.id: (k.from_year, k.to_year) for k in registry.all()}
    assert spans["kiem-diem-tap-the-2019"] == (2019, 2022)
    assert spans["kiem-diem-tap-the-2023"] == (2023, 2024)
    assert spans["kiem-diem-tap-the-2025"] == (2025, None)
    assert spans["tu-danh-gia-nam"] == (None, None)   # a kind without the keys applies to any year


def test_years_mismatch_words(registry):
    form_2025 = registry.get("kiem-diem-tap-the-2025")
    assert form_2025.years_mismatch(Period(2025)) == form_2025.years_mismatch(Period(2030)) == ""
    assert form_2025.years_mismatch(Period(2021)) == (
        "Mẫu “Báo cáo kiểm điểm tập thể (mẫu 2025)” áp dụng từ năm 2025; kỳ năm 2021 nằm ngoài thời gian "
        "áp dụng của mẫu này.")
    form_2019 = registry.get("kiem-diem-tap-the-2019")
    assert form_2019.years_mismatch(Period(2022)) == ""
    assert "áp dụng cho các năm 2019–2022" in form_2019.years_mismatch(Period(2026))
    assert "áp dụng cho các năm 2019–2022" in form_2019.years_mismatch(Period(2018))


def test_a_report_outside_the_years_is_made_and_noted(service, unit):
    report = service.create_report("kiem-diem-tap-the-2025", "2021", unit.id, today=dt.date(2021, 12, 1))
    assert "43-HD/BTCTW ngày 31/10/2025" in report.meta.preamble.plain   # made all the same
    notes = [i for i in pre_print_check(service, report, spelling=False) if i.code == "period-note"]
    assert len(notes) == 1 and notes[0].severity.value == "info"
    assert "áp dụng từ năm 2025; kỳ năm 2021 nằm ngoài" in notes[0].message
    inside = service.create_report("kiem-diem-tap-the-2025", "2025", unit.id)
    assert "period-note" not in [i.code for i in pre_print_check(service, inside, spelling=False)]


@pytest.mark.parametrize(("years", "message"), [
    ('from_year = "2025"', "“from_year” phải là một năm"),
    ("to_year = true", "“to_year” phải là một năm"),
    ("from_year = 25", "“from_year” phải là một năm"),
    ("from_year = 2025\nto_year = 2023", "from_year = 2025 sau to_year = 2023"),
])
def test_wrong_years_are_refused_in_vietnamese(years, message):
    with pytest.raises(KindError, match=message):
        parse_kind(MINIMAL.format(years=years), "thu.toml")


def test_years_under_document_are_refused():
    text = MINIMAL.format(years="").replace('[document]\n', '[document]\nfrom_year = 2025\n')
    with pytest.raises(KindError, match="phần đầu tệp"):
        parse_kind(text, "thu.toml")


def test_read_from_a_kind_file():
    kind = parse_kind(MINIMAL.format(years="from_year = 2020\nto_year = 2020"), "thu.toml")
    assert (kind.from_year, kind.to_year) == (2020, 2020)
    assert "áp dụng cho năm 2020;" in kind.years_mismatch(Period(2021))


def test_cli_new_warns_and_makes_the_report(tmp_path):
    import os
    import subprocess
    import sys
    from pathlib import Path
    env = dict(os.environ, PYTHONIOENCODING="utf-8")
    env.pop("TUDANHGIA_DATA_DIR", None)
    root = Path(__file__).resolve().parents[2]

    def new(year: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "tudanhgia", "new", "--kind", "kiem-diem-tap-the", "--period",
                               year, "--data-dir", str(tmp_path)], capture_output=True, text=True, encoding="utf-8",
                              env=env, cwd=root, timeout=60)
    old = new("2021")
    assert old.returncode == 0 and old.stdout.startswith("1\t")
    assert "Lưu ý: Mẫu “Báo cáo kiểm điểm tập thể (mẫu 2025)” áp dụng từ năm 2025; kỳ năm 2021" in old.stderr
    fits = new("2025")
    assert fits.returncode == 0 and fits.stderr == ""
