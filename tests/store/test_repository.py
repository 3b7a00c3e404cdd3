"""The repository's units of work and the rows behind the services: what only the store sees."""
import openpyxl
import pytest
from sqlalchemy import select

from tudanhgia.domain import Indicator, Limitation, Measure, RichText
from tudanhgia.services.xlsx import export_indicators, read_indicators
from tudanhgia.store.schema import IndicatorRow, LimitationRow, MeasureRow, SectionRow

HEADER_ROW = 4   # the indicators sheet: title, subtitle, a spacer, then the header


def positions(service, row_type, **where):
    with service.db.sessions() as s:
        rows = s.scalars(select(row_type).filter_by(**where).order_by(row_type.position, row_type.id))
        return [(r.id, r.position) for r in rows]


def test_a_failed_unit_of_work_writes_nothing(service, unit):
    with pytest.raises(RuntimeError), service.repo.transaction() as tx:
        tx.set_setting("default_unit", "999")
        raise RuntimeError
    assert service.default_unit() == unit
    with service.repo.reading() as r:
        r.set_setting("default_unit", "999")   # a reading unit never commits
    assert service.default_unit() == unit


def test_sibling_positions_stay_dense_after_every_edit(service, unit):
    report = service.create_report("kiem-diem-tap-the", "2024", unit.id)
    top = [s.id for s in report.sections]
    added = service.add_section(report.id, None, 1, "Mục thêm")
    service.move_section(top[0], None, 99)
    service.delete_section(added.id)
    kept = positions(service, SectionRow, report_id=report.id, parent_id=None)
    assert [p for _, p in kept] == list(range(len(top)))
    assert [i for i, _ in kept] == top[1:] + top[:1]

    lims = [service.add_limitation(report.id, Limitation(RichText.from_plain(t))) for t in "abc"]
    service.move_limitation(lims[2].id, 0)
    service.delete_limitation(lims[0].id)
    assert positions(service, LimitationRow, report_id=report.id) == [(lims[2].id, 0), (lims[1].id, 1)]

    ms = [service.add_measure(report.id, Measure(measure=RichText.from_plain(t)), lims[1].id) for t in "xyz"]
    service.move_measure(ms[0].id, 2)
    service.delete_measure(ms[1].id)
    assert positions(service, MeasureRow, limitation_id=lims[1].id) == [(ms[2].id, 0), (ms[0].id, 1)]


def test_indicator_texts_with_control_characters_export(service, unit, tmp_path):
    report = service.create_report("chuyen-de", "2024-H1", unit.id)
    service.set_indicators(report.id, [Indicator("Số cuộc đối thoại", "cuộc", 12)])
    with service.db.sessions() as s, s.begin():   # as an old database or an import could hold them
        row = s.query(IndicatorRow).filter_by(report_id=report.id, position=0).one()
        row.name = "Số cuộc\x0bđối thoại\x01 trực tiếp"
        row.unit = "cuộc\x1f"
    path = export_indicators(service, report.id, tmp_path / "so-lieu.xlsx")
    ws = openpyxl.load_workbook(path).active
    assert ws.cell(HEADER_ROW + 1, 2).value == "Số cuộc\nđối thoại trực tiếp"
    assert ws.cell(HEADER_ROW + 1, 3).value == "cuộc"
    names = [i.name for i in read_indicators(path)[0]]
    assert names[0] == "Số cuộc đối thoại trực tiếp"
