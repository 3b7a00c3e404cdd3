"""Shared fixtures. Every test runs with the user data directory redirected to a temp folder."""
from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "tests" / "data" / "samples"  # copies of the shared samples (README there)
sys.path.insert(0, str(ROOT / "sample_db"))


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "gui" in Path(str(item.fspath)).relative_to(ROOT / "tests").parts[:1]:
            item.add_marker(pytest.mark.gui)


@pytest.fixture(autouse=True)
def user_data_dir(tmp_path, monkeypatch) -> Path:
    d = tmp_path / "userdata"
    monkeypatch.setenv("TUDANHGIA_DATA_DIR", str(d))
    return d


@pytest.fixture(scope="session")
def samples_dir() -> Path:
    if not SAMPLES.is_dir():
        pytest.fail(f"the sample texts are missing: {SAMPLES}")
    return SAMPLES


@pytest.fixture(scope="session")
def sample_db_master(tmp_path_factory) -> Path:
    """The sample database, built once per session from sample_db/sources."""
    import build as sample_build
    return sample_build.build(tmp_path_factory.mktemp("sample") / "sample.sqlite", quiet=True)


@pytest.fixture
def sample_db(sample_db_master, tmp_path) -> Path:
    target = tmp_path / "sample.sqlite"
    shutil.copy(sample_db_master, target)
    return target


@pytest.fixture
def sample_service(sample_db):
    from tudanhgia.services import ReportService
    service = ReportService.open(sample_db, create=False)
    yield service
    service.close()


@pytest.fixture
def service(tmp_path):
    from tudanhgia.services import ReportService
    service = ReportService.open(tmp_path / "test.sqlite")
    yield service
    service.close()


@pytest.fixture
def unit(service):
    from tudanhgia.domain import Authority, Recipient, Recipients, Signer, UnitProfile
    return service.save_unit(UnitProfile(
        name="Văn phòng UBND tỉnh Quảng Ngãi", parent_agency="UBND TỈNH QUẢNG NGÃI", issuing_agency="VĂN PHÒNG",
        abbreviation="VP", place="Quảng Ngãi",
        signer=Signer(Authority.KT, "CHÁNH VĂN PHÒNG", "PHÓ CHÁNH VĂN PHÒNG", "Lê Quốc Đạt"),
        recipients=Recipients([Recipient("CT, PCT UBND tỉnh", "báo cáo"), Recipient("Sở Nội vụ")], "VT, HC-TC")))
