import datetime as dt

import pytest

from tudanhgia.domain import CapDo, ChatLuong, Limitation, Measure, MeasureStatus, Period, RichText
from tudanhgia.services import NotFound, ServiceError


def numbered(report):
    n = report.numbering()
    return [(n[s], s.heading) for s in report.walk()]


def test_create_from_kind_fills_meta_from_unit(service, unit):
    r = service.create_report("kiem-diem-tap-the", "2025", unit.id, today=dt.date(2025, 12, 3))
    assert r.kind_id == "kiem-diem-tap-the-2025"  # the family's newest form
    loaded = service.get_report(r.id)
    m = loaded.meta
    assert (m.parent_agency, m.issuing_agency, m.symbol, m.place) == ("UBND TỈNH QUẢNG NGÃI", "VĂN PHÒNG",
                                                                       "BC-VP", "Quảng Ngãi")
    assert (m.date.year, m.date.month, m.date.day, m.number) == (2025, 12, None, "")
    assert loaded.signer.name == "Lê Quốc Đạt" and loaded.signer.authority.value == "KT."
    assert [x.text for x in loaded.recipients.lines][:2] == ["CT, PCT UBND tỉnh", "Sở Nội vụ"]
    assert "Ban Tổ chức Tỉnh ủy" in [x.text for x in loaded.recipients.lines]  # added by the kind, once
    assert len({x.text for x in loaded.recipients.lines}) == len(loaded.recipients.lines)
    assert loaded.recipients.archive == "VT, HC-TC"
    assert "2025" in m.subject


def test_unknown_kind_is_a_clear_error(service):
    with pytest.raises(ServiceError, match="Không có loại báo cáo"):
        service.create_report("khong-co", "2024")


def test_sections_add_move_delete_renumber_and_persist(service, unit):
    r = service.create_report("ke-hoach-khac-phuc", "2024", unit.id)
    noi_dung = r.find(key="noi-dung")
    new = service.add_section(r.id, noi_dung.id, 0, "Nhiệm vụ mới")
    got = numbered(service.get_report(r.id))
    assert ("1.", "Nhiệm vụ mới") in got and got.index(("1.", "Nhiệm vụ mới")) == 4
    assert [h for num, h in got if num == "2."][1].startswith("Nhiệm vụ, giải pháp phát huy")
    # move it to the end of part I
    muc_dich = r.find(key="muc-dich")
    service.move_section(new.id, muc_dich.id, 99)
    got = numbered(service.get_report(r.id))
    assert got[3] == ("3.", "Nhiệm vụ mới")
    assert got[5][0] == "1."  # part II's items renumbered back
    service.delete_section(new.id)
    assert ("3.", "Nhiệm vụ mới") not in numbered(service.get_report(r.id))


def test_moving_a_section_into_itself_is_refused(service, unit):
    r = service.create_report("ke-hoach-khac-phuc", "2024", unit.id)
    parent = service.add_section(r.id, None, None, "Phần thêm")
    child = service.add_section(r.id, parent.id, None, "Con")
    with pytest.raises(ServiceError, match="chính nó"):
        service.move_section(parent.id, child.id, 0)


def test_fixed_sections_cannot_be_deleted_or_renamed(service, unit):
    r = service.create_report("kiem-diem-tap-the-2019", "2024", unit.id)
    fixed = r.find(key="uu-diem")
    assert fixed.fixed
    with pytest.raises(ServiceError, match="không xóa"):
        service.delete_section(fixed.id)
    with pytest.raises(ServiceError, match="không đổi tên"):
        service.update_section(fixed.id, heading="Tên khác")


def test_ratings_and_scores_are_validated(service, unit):
    # the 2025 form as issued scores instead of rating its items: the 2023 form has the four-level ratings
    rated_report = service.create_report("kiem-diem-tap-the-2023", "2025", unit.id)
    rated = next(s for s in rated_report.walk() if s.rating_scale and s.rating_scale.value == "cap-do")
    service.update_section(rated.id, rating=CapDo.TOT)
    assert service.get_report(rated_report.id).find(rated.id).rating is CapDo.TOT
    service.update_section(rated.id, rating="Xuất sắc")
    assert service.get_report(rated_report.id).find(rated.id).rating is CapDo.XUAT_SAC
    service.update_section(rated.id, rating=None)  # unchecking is allowed
    assert service.get_report(rated_report.id).find(rated.id).rating is None
    r = service.create_report("kiem-diem-tap-the-2025", "2025", unit.id)
    with pytest.raises(ServiceError):
        service.update_section(rated.id, rating=ChatLuong.HTT)
    scored = next(s for s in r.walk() if s.is_scored)
    with pytest.raises(ServiceError, match="Điểm phải"):
        service.update_section(scored.id, score=scored.max_score + 1)
    service.update_section(scored.id, score=scored.max_score)
    assert service.get_report(r.id).score_total() == scored.max_score
    plain = next(s for s in r.walk() if not s.is_scored and s.rating_scale is None)
    with pytest.raises(ServiceError):
        service.update_section(plain.id, score=1)


def test_limitations_and_measures_crud_and_order(service, unit):
    r = service.create_report("ke-hoach-khac-phuc", "2024", unit.id)
    a = service.add_limitation(r.id, Limitation(RichText.from_plain("Hạn chế A")))
    b = service.add_limitation(r.id, Limitation(RichText.from_plain("Hạn chế B")))
    service.move_limitation(b.id, 0)
    m1 = service.add_measure(r.id, Measure(measure=RichText.from_plain("Biện pháp 1"), timeframe="Quý II năm 2024"),
                             a.id)
    service.add_measure(r.id, Measure(measure=RichText.from_plain("Biện pháp 2")), a.id, index=0)
    loaded = service.get_report(r.id)
    assert [lim.text.plain for lim in loaded.limitations] == ["Hạn chế B", "Hạn chế A"]
    assert loaded.limitations[1].origin == Period(2024)
    assert [m.measure.plain for m in loaded.limitations[1].measures] == ["Biện pháp 2", "Biện pháp 1"]
    m1.status, m1.result = MeasureStatus.DONE, "Đã hoàn thành"
    service.update_measure(m1)
    service.set_measure_status(m1.id, MeasureStatus.IN_PROGRESS)
    got = service.get_report(r.id).limitations[1].measures[1]
    assert (got.status, got.result) == (MeasureStatus.IN_PROGRESS, "Đã hoàn thành")
    service.delete_limitation(a.id)  # its measures go with it
    loaded = service.get_report(r.id)
    assert len(loaded.limitations) == 1 and loaded.all_measures() == []
    with pytest.raises(NotFound):
        service.delete_measure(m1.id)


def test_copy_from_previous_period(sample_service):
    new = sample_service.copy_report(3, "2024", today=dt.date(2024, 11, 20))
    old = sample_service.get_report(3)
    got = sample_service.get_report(new.id)
    assert got.period == Period(2024) and got.source_report_id == 3
    assert got.meta.subject == "Tự đánh giá kết quả thực hiện nhiệm vụ năm 2024"
    assert any(s.heading == "Kết quả thực hiện nhiệm vụ năm 2024" for s in got.walk())
    assert [s.body for s in got.walk()] == [s.body for s in old.walk()]  # texts to revise
    assert all(s.rating is None for s in got.walk())
    assert got.limitations == [] and got.meta.number == ""
    assert (got.meta.date.year, got.meta.date.month, got.meta.date.day) == (2024, 11, None)
    assert sample_service.get_report(3).meta.subject.endswith("2023")  # the old one is untouched


def test_duplicate_delete_restore_purge(sample_service):
    dup = sample_service.duplicate_report(2)
    got = sample_service.get_report(dup.id)
    assert len(got.limitations) == 5 and len(got.all_measures()) == 12
    sample_service.delete_report(dup.id)
    assert dup.id not in [r.id for r in sample_service.list_reports()]
    assert [r.id for r in sample_service.list_reports(deleted=True)] == [dup.id]
    sample_service.restore_report(dup.id)
    assert dup.id in [r.id for r in sample_service.list_reports()]
    with pytest.raises(ServiceError, match="thùng rác"):
        sample_service.purge_report(dup.id)
    sample_service.delete_report(dup.id)
    sample_service.purge_report(dup.id)
    with pytest.raises(NotFound):
        sample_service.get_report(dup.id)
    assert len(sample_service.get_report(2).all_measures()) == 12  # the original keeps its measures


def test_list_filters(sample_service):
    assert [r.id for r in sample_service.list_reports(kind="kiem-diem-tap-the")] == [1]
    assert [r.id for r in sample_service.list_reports(period="2022")] == [2]
    assert [r.id for r in sample_service.list_reports(period="2023")] == [3]
    unit = sample_service.list_units()[0]
    assert len(sample_service.list_reports(unit_id=unit.id)) == 3
    assert [r.id for r in sample_service.list_reports(text="kế hoạch phát huy")] == [2]
    # full text: a phrase from a section body only
    assert [r.id for r in sample_service.list_reports(text="thanh toán không dùng tiền mặt")] == [3]


def test_unit_names_are_unique(service, unit):
    from tudanhgia.domain import UnitProfile
    with pytest.raises(ServiceError, match="Đã có đơn vị"):
        service.save_unit(UnitProfile(name="Văn phòng UBND tỉnh Quảng Ngãi"))
    with pytest.raises(ServiceError, match="không được để trống"):
        service.save_unit(UnitProfile(name="  "))


def test_delete_and_restore_keep_ids_and_links(sample_service):
    report = sample_service.get_report(1)
    target = report.find(key="uu-diem.2").children[0]  # 2.1., concerned by limitation a)
    before = sample_service.get_report(1)
    snap = sample_service.section_snapshot(target.id)
    sample_service.delete_section(target.id)
    gone = sample_service.get_report(1)
    assert gone.find(target.id) is None and gone.limitations[0].concerns is None
    sample_service.restore_section(snap)
    back = sample_service.get_report(1)
    assert [(s.id, s.heading, s.body) for s in back.walk()] == [(s.id, s.heading, s.body) for s in before.walk()]
    assert back.limitations[0].concerns.id == target.id
    assert back.numbering()[back.find(target.id)] == "2.1."


def test_limitation_and_measure_restore_keep_ids(sample_service):
    report = sample_service.get_report(2)
    lim = report.limitations[2]
    rid, snap, index = sample_service.limitation_snapshot(lim.id)
    sample_service.delete_limitation(lim.id)
    sample_service.restore_limitation(rid, snap, index)
    again = sample_service.get_report(2)
    assert [x.id for x in again.limitations] == [x.id for x in report.limitations]
    assert again.limitations[2].measures[0].id == lim.measures[0].id
    measure = report.measures[1]
    rid, m, lim_id, index = sample_service.measure_snapshot(measure.id)
    sample_service.delete_measure(measure.id)
    sample_service.restore_measure(rid, m, lim_id, index)
    again = sample_service.get_report(2)
    assert [x.id for x in again.measures] == [x.id for x in report.measures]
    assert again.measures[1].section.id == measure.section.id


def test_default_unit_can_be_changed(service, unit):
    from tudanhgia.domain import UnitProfile
    other = service.save_unit(UnitProfile(name="Sở Nội vụ tỉnh Quảng Ngãi", abbreviation="SNV"))
    assert service.default_unit().id == unit.id
    service.set_default_unit(other.id)
    assert service.default_unit().id == other.id
    assert service.create_report("tu-danh-gia-nam", "2024").unit_name == "Sở Nội vụ tỉnh Quảng Ngãi"


def test_objects_never_saved_are_not_found_rather_than_looked_up_by_none(service, unit):
    """An id of None (an object built in memory, never saved) is refused by name, not passed to the store."""
    report = service.create_report("kiem-diem-tap-the-2025", "2025", unit.id)
    unsaved_report = service.get_report(report.id)
    unsaved_report.id = None
    with pytest.raises(NotFound, match="báo cáo số None"):
        service.update_report(unsaved_report)
    with pytest.raises(NotFound):
        service.update_limitation(Limitation(text=RichText.from_plain("Chưa lưu")))
    with pytest.raises(NotFound):
        service.update_measure(Measure(measure=RichText.from_plain("Chưa lưu")))
