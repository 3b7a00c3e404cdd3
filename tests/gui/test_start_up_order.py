"""What runs where after the first paint (issue 12: no freeze after it). The worker that opens the
service also asks whether to offer the unit's set-up (its queries were ~25 ms of the UI thread at
10,000 reports); the list's own model paints before that worker starts (a paint made while the
worker runs Python waited for the interpreter at each of its calls into the model); the search
thread's list lines never replace a search waiting for it. (The stall itself is bench/scale.py's.)"""
from __future__ import annotations

import threading
import time

import pytest
from PySide6.QtCore import QEvent, QObject

from tudanhgia.domain import UnitProfile
from tudanhgia.paths import AppPaths
from tudanhgia.services import ReportService
from tudanhgia.ui.app import make_application, start_window


@pytest.fixture
def unit_without_agency(tmp_path):
    """A database whose only unit has no issuing agency, with one report: the set-up is offered."""
    db = tmp_path / "don-vi.sqlite"
    service = ReportService.open(db)
    try:
        unit = service.save_unit(UnitProfile(name="Phòng Nội vụ huyện Sơn Tịnh"))
        service.create_report("ke-hoach-khac-phuc", "2024", unit.id)
    finally:
        service.close()
    return db


class Paints(QObject):
    """When a widget was painted, and whether the list showed its own model then."""

    def __init__(self, page):
        super().__init__(page)
        self.page = page
        self.own_model: list[float] = []

    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.Type.Paint and self.page.reports.model() is self.page.model:
            self.own_model.append(time.perf_counter())
        return False


def test_the_set_up_is_asked_on_the_worker_after_the_list_painted(qtbot, tmp_path, unit_without_agency,
                                                                   monkeypatch):
    import tudanhgia.services.unit_setup as service_side
    import tudanhgia.ui.unit_setup as window_side
    asked: list[str] = []
    real = service_side.unit_setup_needed

    def needed(service, unit_id=None):
        asked.append(threading.current_thread().name)
        return real(service, unit_id)
    monkeypatch.setattr(service_side, "unit_setup_needed", needed)
    monkeypatch.setattr(window_side, "unit_setup_needed", needed)
    opened: list[float] = []
    import tudanhgia.ui.app as app_module
    real_import = app_module._import_core_without_qt_hook

    def core():
        opened.append(time.perf_counter())
        return real_import()
    monkeypatch.setattr(app_module, "_import_core_without_qt_hook", core)

    make_application()
    session = start_window(unit_without_agency, AppPaths.default(tmp_path / "data"), interactive=False)
    assert not isinstance(session, int)
    window = session.window
    qtbot.addWidget(window)
    try:
        qtbot.waitExposed(window)
        window.finish_first_frame()   # the window's start does this on the turn after the paint
        paints = Paints(window.start)
        window.start.reports.viewport().installEventFilter(paints)
        ready: list[bool] = []
        session.attach_in_background(lambda: ready.append(True))
        qtbot.waitUntil(lambda: bool(ready), timeout=20000)
        bar = window.unit_setup_banner
        assert bar.isVisible()
        assert "“Phòng Nội vụ huyện Sơn Tịnh” chưa ghi tên cơ quan ban hành" in bar.label.text()
        assert asked == ["open-service"]   # never on the UI thread
        # the list painted with its own model before the worker began opening the service
        assert paints.own_model and opened and paints.own_model[0] < opened[0]
        assert window.start.count_label.text() == "1 báo cáo"
    finally:
        session.close()


def test_a_failing_question_on_the_worker_is_asked_again_at_attach(qtbot, tmp_path, unit_without_agency,
                                                                    monkeypatch):
    import tudanhgia.services.unit_setup as service_side
    import tudanhgia.ui.unit_setup as window_side
    asked: list[str] = []
    real = service_side.unit_setup_needed

    def needed(service, unit_id=None):
        asked.append(threading.current_thread().name)
        if len(asked) == 1:
            raise RuntimeError("the file was busy")
        return real(service, unit_id)
    monkeypatch.setattr(service_side, "unit_setup_needed", needed)
    monkeypatch.setattr(window_side, "unit_setup_needed", needed)
    make_application()
    session = start_window(unit_without_agency, AppPaths.default(tmp_path / "data"), interactive=False)
    assert not isinstance(session, int)
    window = session.window
    qtbot.addWidget(window)
    try:
        ready: list[bool] = []
        session.attach_in_background(lambda: ready.append(True))
        qtbot.waitUntil(lambda: bool(ready), timeout=20000)
        assert session.attached and window.service is not None
        assert asked == ["open-service", "MainThread"]
        assert "chưa ghi tên cơ quan ban hành" in window.unit_setup_banner.label.text()
        assert window.unit_setup_banner.isVisible()
    finally:
        session.close()


def test_the_list_lines_never_replace_a_search_waiting(qtbot, tmp_path, unit_without_agency):
    from PySide6.QtWidgets import QWidget

    from tudanhgia.ui.search_worker import SearchWorker
    service = ReportService.open(unit_without_agency, create=False)
    owner = QWidget()
    qtbot.addWidget(owner)
    try:
        worker = SearchWorker(owner)
        got: list = []
        worker.found.connect(got.append)
        rows = service.list_reports()
        with worker._cond:   # the thread cannot take the search before the lines are asked for
            worker.submit(7, service.db.path, "sơn tịnh", rows)
            worker.warm(service.db.path, rows)
        qtbot.waitUntil(lambda: bool(got), timeout=10000)
        generation, found = got[0]
        assert generation == 7 and [r.id for r in found] == [r.id for r in rows]
    finally:
        worker.stop()
        service.close()
