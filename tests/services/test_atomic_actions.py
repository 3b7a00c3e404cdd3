"""Actions of several writes are all or nothing (ReportService.atomic): the tone normalisation over
many sections and the tasks with the score they give. A write refused midway (database locked)
used to leave the first ones written, and the window's step was dropped, so Ctrl+Z could not take
them back (found by review)."""
import pytest

from tudanhgia.domain.richtext import RichText
from tudanhgia.errors import StorageError
from tudanhgia.services import standards


def test_a_normalisation_refused_midway_writes_nothing(sample_service, monkeypatch):
    svc = sample_service
    sections = list(svc.get_report(1).walk())[:3]
    for s in sections:
        svc.update_section(s.id, body=RichText.from_plain("Hoà bình, thuỷ lợi, khoẻ mạnh."))
    report = svc.get_report(1)
    real, calls = svc.update_section, []

    def refused_second(*a, **k):
        calls.append(1)
        if len(calls) == 2:
            raise StorageError("cơ sở dữ liệu đang bị khóa")
        return real(*a, **k)
    monkeypatch.setattr(svc, "update_section", refused_second)
    with pytest.raises(StorageError):
        standards.write_texts(svc, standards.converted(report, "old"), report)
    now = svc.get_report(1)
    assert [now.find(s.id).body.plain for s in sections] == ["Hoà bình, thuỷ lợi, khoẻ mạnh."] * 3
    monkeypatch.setattr(svc, "update_section", real)
    standards.write_texts(svc, standards.converted(report, "old"), report)     # and whole when it can
    now = svc.get_report(1)
    assert [now.find(s.id).body.plain for s in sections] == ["Hòa bình, thủy lợi, khỏe mạnh."] * 3


def test_joined_use_cases_commit_together(sample_service):
    svc = sample_service
    a, b = list(svc.get_report(1).walk())[:2]
    with pytest.raises(RuntimeError), svc.atomic():
        svc.update_section(a.id, body=RichText.from_plain("một"))
        svc.update_section(b.id, body=RichText.from_plain("hai"))
        raise RuntimeError("stopped before the end")
    now = svc.get_report(1)
    assert (now.find(a.id).body, now.find(b.id).body) == (a.body, b.body)
    with svc.atomic():
        svc.update_section(a.id, body=RichText.from_plain("một"))
        svc.update_section(b.id, body=RichText.from_plain("hai"))
    now = svc.get_report(1)
    assert (now.find(a.id).body.plain, now.find(b.id).body.plain) == ("một", "hai")
