"""Issuing a report is one transaction: the export's record, the version kept and the issued mark
are written together or not at all."""
from __future__ import annotations

import pytest

from tudanhgia.domain.period import DocDate
from tudanhgia.services.export import export_history
from tudanhgia.store.versions import VersionStore

PLAN = 2


def _what_is_recorded(svc, report_id: int) -> tuple:
    return (len(export_history(svc, report_id)), len(svc.list_versions(report_id)), len(svc.issue_history(report_id)),
            svc.issued_state(report_id))


class _Broken(Exception):
    pass


@pytest.mark.parametrize("step", ["add_issue_event", "save"])
def test_a_failing_step_of_issuing_leaves_nothing_of_the_others(sample_service, tmp_path, monkeypatch, step):
    svc = sample_service
    svc.update_meta(PLAN, number="12", date=DocDate(2023, 12, 15))
    before = _what_is_recorded(svc, PLAN)
    assert before == (0, 0, 0, None)

    def broken(*_args, **_kwargs):
        raise _Broken("disk gone")
    monkeypatch.setattr(VersionStore, step, broken)
    with pytest.raises(_Broken):
        svc.issue_report(PLAN, tmp_path / "ban-hanh.docx")
    monkeypatch.undo()
    assert _what_is_recorded(svc, PLAN) == before
    # the report is not locked: it can still be edited, and issued once the fault is gone
    svc.update_meta(PLAN, subject="Kế hoạch sau lần ban hành lỗi")
    event = svc.issue_report(PLAN, tmp_path / "ban-hanh.docx")
    exports, versions, issues, issued = _what_is_recorded(svc, PLAN)
    assert (exports, versions, issues) == (1, 1, 1) and issued == event
    assert event.version_number == svc.list_versions(PLAN)[-1].number
    assert svc.version_report(PLAN, event.version_number).meta.subject == "Kế hoạch sau lần ban hành lỗi"
