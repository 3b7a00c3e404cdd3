"""Shared fixtures. Every test runs with the user data directory redirected to a temp folder."""
from __future__ import annotations

import gc
import os
import shutil
import sys
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "tests" / "data" / "samples"  # copies of the shared samples (README there)
sys.path.insert(0, str(ROOT / "sample_db"))


def pytest_configure(config):
    """The coverage floor of desktop/tudanhgia/domain (pyproject [tool.coverage.report]) judges the
    whole suite; a run of chosen files, or narrowed by -k, -m or --deselect, cannot reach it."""
    whole = (config.args_source is pytest.Config.ArgsSource.TESTPATHS and not config.option.keyword
             and not config.option.markexpr and not config.getoption("deselect", None))
    cov = config.pluginmanager.get_plugin("_cov")  # pytest-cov keeps its own copy of the options
    if not whole and cov is not None:
        cov.options.cov_fail_under = None
    config.stash[_WHOLE] = whole


_WHOLE = pytest.StashKey[bool]()


def _coverage(config):
    cov = config.pluginmanager.get_plugin("_cov")
    return getattr(cov, "cov_controller", None)


# tests of domain modules that live beside the feature they serve (the spell check's word rules, the
# quarterly form's task points, the fields an exported DOCX keeps for the next import): traced too
DOMAIN_TESTS_ELSEWHERE = {"spelling/test_spelling.py", "kinds/test_quarterly.py",
                          "services/test_import_roundtrip_point10.py"}


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_protocol(item, nextitem):
    """Coverage is traced during the domain's own tests only: they meet its floor, and tracing
    everything (sys.settrace on Python 3.11) made the services tests twice as slow."""
    ctl = _coverage(item.config)
    if ctl is None:
        return
    where = Path(str(item.fspath)).relative_to(ROOT / "tests")
    domain = where.parts[:1] == ("domain",) or where.as_posix() in DOMAIN_TESTS_ELSEWHERE
    if domain and not ctl.started:
        ctl.resume()
    elif not domain and ctl.started:
        ctl.pause()


@pytest.hookimpl(hookwrapper=True, trylast=True)
def pytest_runtestloop(session):
    yield
    ctl = _coverage(session.config)
    if ctl is not None and not ctl.started:
        ctl.resume()  # pytest-cov stops and reports after this: it expects a running collector


def pytest_collection_finish(session):
    """In a whole run (the one the floor judges), every domain module imported while coverage still
    runs: one first imported by a services or GUI test (tracing paused) had its imports, constants
    and `def` lines counted as never run. A run of chosen files leaves them to their tests.

    Then what is alive (the modules, the kinds, the sample sources) is moved out of the garbage
    collector's sight: it is never garbage, and full collections scanning it again and again cost
    the GUI tests time (see pytest_runtest_teardown)."""
    import importlib
    import pkgutil

    import tudanhgia.domain
    if session.config.stash.get(_WHOLE, False) and _coverage(session.config) is not None:
        for module in pkgutil.iter_modules(tudanhgia.domain.__path__):
            importlib.import_module(f"tudanhgia.domain.{module.name}")
    gc.collect()
    gc.freeze()


@pytest.hookimpl(hookwrapper=True, trylast=True)
def pytest_runtest_teardown(item, nextitem):
    """After a Qt test, once its fixtures are gone (qtbot has closed its widgets), the garbage it left
    is collected here, and what survives is frozen like the collected modules. Windows and dialogs
    sit in reference cycles (a lambda kept by a child that names the window); left to the collector,
    one was destroyed whenever it next ran: inside a later test's modal exec() while that test's
    reader thread worked, which crashed the process (SIGSEGV, "Garbage-collecting" in the
    faulthandler dump; seen in a trial with two pytest-xdist workers). CI's crash in _process_events()
    at the setup after a failing GUI test is the same kind: pytest keeps a failure's traceback in
    sys.last_traceback, and with it the test's frames and its window, shown, timers running, until
    the next test's call — through that test's setup. Collecting only what the test made costs a
    few ms; a full collection here took ~170 ms a test."""
    yield
    used = getattr(item, "fixturenames", ())
    if "qtbot" in used or "qapp" in used or item.get_closest_marker("gui"):
        for name in ("last_type", "last_value", "last_traceback", "last_exc"):
            if hasattr(sys, name):
                delattr(sys, name)   # what pytest does itself, but only at the next test's call
        gc.collect()
        gc.freeze()


def pytest_runtest_logreport(report):
    """A failure's reason printed the moment it happens: a crash later in the run (a segfault at
    some teardown) ends the process before pytest's summary, and CI then showed only an "F"."""
    if report.failed:
        sys.stderr.write(f"\n--- FAILED {report.nodeid} ({report.when}) ---\n{report.longreprtext}\n")
        sys.stderr.flush()


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


@pytest.hookimpl(trylast=True)
def pytest_sessionfinish(session, exitstatus):
    _empty_clipboard()


def _empty_clipboard() -> None:
    """The cause of the segfault at the end of the suite (exit status 139 for a green run, which an
    os._exit here used to hide): a QMimeData made in Python (the paste tests put one on the
    clipboard) was deleted by Qt's own exit handler after the interpreter was finalized, and
    PySide's wrapper then touched Python (Shiboken::Object::destroy -> _PyErr_Fetch with no thread
    state; five lines reproduce it). Emptied while Python still runs, it is deleted now, safely, and
    the process ends by itself."""
    if "PySide6.QtGui" not in sys.modules:
        return
    from PySide6.QtGui import QGuiApplication
    if QGuiApplication.instance() is not None:
        QGuiApplication.clipboard().clear()
