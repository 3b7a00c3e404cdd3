"""Issue 13 point 10: what the officer kept about each limitation and measure survives export →
import — the objective causes, the limitation's "Liên quan đến mục" link, its period and who
raised it, each measure's every field (the due date, status and result are not printed). The
expected values are the ones put in, not read from the program."""
import datetime as dt

import pytest

from tudanhgia.domain import Limitation, Measure, MeasureStatus, Period, RichText
from tudanhgia.services.export import export_docx
from tudanhgia.services.importing import import_file

T = RichText.from_plain


def _fields(report):
    """Every field the officer keeps about limitations and measures, as plain values."""
    def measure(m):
        return (m.content.plain, m.measure.plain, m.directed_by, m.lead_unit, m.cooperating, m.timeframe, m.due,
                m.status, m.result, m.section.heading if m.section is not None else None)
    return ([(lim.text.plain, lim.cause_subjective.plain, lim.cause_objective.plain,
              lim.concerns.heading if lim.concerns is not None else None, lim.origin, lim.raised_by,
              [measure(m) for m in lim.measures]) for lim in report.limitations],
            [measure(m) for m in report.measures])


def _fill(service, kind: str):
    unit = service.list_units()[0]
    report = service.create_report(kind, "2025", unit.id)
    first = next(s for s in report.walk() if s.heading and not s.children and not s.content and not s.rating_scale
                 and not s.is_scored)
    service.add_limitation(report.id, Limitation(
        T("Việc tham mưu còn chậm so với yêu cầu."), cause_subjective=T("Chưa sâu sát trong chỉ đạo."),
        cause_objective=T("Khối lượng công việc lớn, biên chế ít."), concerns=first, origin=Period(2024),
        raised_by="Kết luận số 1621-KL/TU ngày 30/3/2025 của Ban Thường vụ Tỉnh ủy"))
    lim2 = service.add_limitation(report.id, Limitation(
        T("Chưa kiểm tra thường xuyên."), cause_objective=T("Địa bàn rộng, đi lại khó khăn.")))
    service.add_limitation(report.id, Limitation(T("Ứng dụng công nghệ thông tin còn hạn chế.")))
    service.add_measure(report.id, Measure(
        content=T("Kiểm tra việc thực hiện quy chế"), measure=T("Rà soát quy chế làm việc"),
        directed_by="Chánh Văn phòng", lead_unit="Phòng HC-TC", cooperating="Các phòng", timeframe="Quý II năm 2026",
        due=dt.date(2026, 6, 30), status=MeasureStatus.IN_PROGRESS, result="Đã rà soát 3/5 quy chế."), lim2.id)
    general = next((s for s in service.get_report(report.id).walk() if s.content and s.content.value == "measures"),
                   None)
    if general is not None:
        service.add_measure(report.id, Measure(content=T("Tập huấn nghiệp vụ"), measure=T("Mở 2 lớp"),
                                               timeframe="Thường xuyên", status=MeasureStatus.DONE,
                                               result="Đã mở 2 lớp.", section=general))
    return service.get_report(report.id)


@pytest.mark.parametrize("kind", ["kiem-diem-tap-the-2025", "tu-danh-gia-nam", "ke-hoach-khac-phuc"])
def test_point10_every_field_survives_docx_export_then_import(sample_service, tmp_path, kind):
    original = _fill(sample_service, kind)
    result = import_file(sample_service, export_docx(sample_service, original.id, tmp_path / "a.docx"), kind)
    imported = sample_service.get_report(result.report.id)
    assert imported.id != original.id
    assert _fields(imported) == _fields(original)


def _rewrite(path, edit):
    """The DOCX at `path` with each part's bytes passed through edit(name, data) — what Word's save does."""
    import zipfile
    with zipfile.ZipFile(path) as z:
        parts = [(i.filename, z.read(i)) for i in z.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts:
            name, data = edit(name, data)
            z.writestr(name, data)


def test_point10_the_kept_part_renamed_by_word_is_still_read(sample_service, tmp_path):
    original = _fill(sample_service, "kiem-diem-tap-the-2025")
    path = export_docx(sample_service, original.id, tmp_path / "a.docx")

    def as_word_saves(name, data):
        renamed = {"customXml/item_tudanhgia.xml": "customXml/item2.xml",
                   "customXml/itemProps_tudanhgia.xml": "customXml/itemProps2.xml",
                   "customXml/_rels/item_tudanhgia.xml.rels": "customXml/_rels/item2.xml.rels"}
        return renamed.get(name, name), data.replace(b"item_tudanhgia.xml", b"item2.xml").replace(
            b"itemProps_tudanhgia.xml", b"itemProps2.xml")
    _rewrite(path, as_word_saves)
    imported = sample_service.get_report(import_file(sample_service, path, "kiem-diem-tap-the-2025").report.id)
    assert _fields(imported) == _fields(original)


def test_point10_causes_edited_in_word_are_read_from_the_file(sample_service, tmp_path):
    """The officer changed a cause in Word after exporting: the file says what the report says now."""
    original = _fill(sample_service, "kiem-diem-tap-the-2025")
    path = export_docx(sample_service, original.id, tmp_path / "a.docx")
    _rewrite(path, lambda name, data: (name, data.replace("biên chế ít".encode(), "thiếu biên chế".encode())
                                       if name == "word/document.xml" else data))
    imported = sample_service.get_report(import_file(sample_service, path, "kiem-diem-tap-the-2025").report.id)
    causes = [(lim.cause_subjective.plain, lim.cause_objective.plain) for lim in imported.limitations]
    assert causes[0] == ("Chưa sâu sát trong chỉ đạo.\nKhối lượng công việc lớn, thiếu biên chế.", "")
    # what Word cannot have changed (never printed) is still restored
    assert imported.limitations[0].origin == Period(2024)
    assert imported.limitations[1].measures[0].due == dt.date(2026, 6, 30)


def test_point10_a_file_without_the_part_imports_as_before(sample_service, tmp_path):
    original = _fill(sample_service, "kiem-diem-tap-the-2025")
    path = export_docx(sample_service, original.id, tmp_path / "a.docx")
    _rewrite(path, lambda name, data: (name, b"<x/>" if name == "customXml/item_tudanhgia.xml" else data))
    result = import_file(sample_service, path, "kiem-diem-tap-the-2025")
    imported = sample_service.get_report(result.report.id)
    assert imported.limitations[0].cause_objective.plain == ""   # merged, as the print shows it
    assert not any("khôi phục" in n for n in result.notes)
