"""Import as the officer does it: last year's Word file in, a structured report out; the
round trip import → export → import gives the same outline and text; bad files save nothing."""
import pytest

from tudanhgia.importer.source import ImportFailure
from tudanhgia.render.layout import layout
from tudanhgia.render.text import to_paragraphs
from tudanhgia.services.export import export_docx
from tudanhgia.services.importing import import_file


def outline(report):
    n = report.numbering()
    return [(n[s], s.heading) for s in report.walk()]


@pytest.mark.parametrize("report_id", [1, 2, 3])
def test_docx_round_trip_gives_the_same_report(sample_service, tmp_path, report_id):
    original = sample_service.get_report(report_id)
    first = import_file(sample_service, export_docx(sample_service, report_id, tmp_path / "a.docx"))
    imported = sample_service.get_report(first.report.id)
    assert imported.id != report_id and first.unplaced == 0
    assert outline(imported) == outline(original)
    assert to_paragraphs(layout(imported)) == to_paragraphs(layout(original))
    assert [s.rating for s in imported.walk()] == [s.rating for s in original.walk()]
    # and once more: import → export → import is stable
    again = import_file(sample_service, export_docx(sample_service, imported.id, tmp_path / "b.docx"))
    assert outline(sample_service.get_report(again.report.id)) == outline(imported)
    assert to_paragraphs(layout(sample_service.get_report(again.report.id))) == to_paragraphs(layout(imported))


def test_footnotes_come_back_attached(sample_service, tmp_path):
    imported = import_file(sample_service, export_docx(sample_service, 3, tmp_path / "fn.docx")).report
    notes = [fn.text for s in imported.walk() for p in s.body.paragraphs for fn in p.footnotes]
    assert len(notes) == 4 and notes[0].startswith("41 Quyết định quy phạm")


def test_imported_report_belongs_to_the_default_unit(sample_service, tmp_path):
    result = import_file(sample_service, export_docx(sample_service, 2, tmp_path / "kh.docx"))
    assert result.report.unit_name == "Văn phòng UBND tỉnh Quảng Ngãi"
    assert len(sample_service.list_reports(kind="ke-hoach-khac-phuc")) == 2


@pytest.mark.parametrize("content,words", [
    (b"", "trống"),
    (b"PK\x03\x04" + b"\x00" * 40, "hỏng"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "Word"),
    (bytes(range(256)) * 40, "không"),
])
def test_bad_files_are_refused_and_nothing_is_saved(sample_service, tmp_path, content, words):
    bad = tmp_path / "bad.docx"
    bad.write_bytes(content)
    before = len(sample_service.list_reports())
    with pytest.raises(ImportFailure) as info:
        import_file(sample_service, bad)
    assert words.casefold() in str(info.value).casefold()
    assert len(sample_service.list_reports()) == before


def test_a_rating_marked_by_underlining_in_word(sample_service, tmp_path):
    """An officer's own Word file: the chosen level underlined, no boxes."""
    import docx
    from docx.enum.text import WD_UNDERLINE

    from tudanhgia.domain import CapDo
    d = docx.Document()
    d.add_paragraph("BÁO CÁO KIỂM ĐIỂM TẬP THỂ")
    d.add_paragraph("Năm 2021")
    d.add_paragraph("I. Ưu điểm, kết quả đạt được")
    d.add_paragraph("1. Việc thực hiện nguyên tắc tập trung dân chủ và các quy định, quy chế làm việc.")
    d.add_paragraph("Đã thực hiện tốt.")
    d.add_paragraph("Tự đánh giá về cấp độ thực hiện:")
    p = d.add_paragraph()
    for label in ("Xuất sắc", "Tốt", "Trung bình", "Kém"):
        run = p.add_run(label)
        if label == "Xuất sắc":
            run.font.underline = WD_UNDERLINE.SINGLE
        p.add_run("    ")
    path = tmp_path / "gach-chan.docx"
    d.save(path)
    report = import_file(sample_service, path, kind="kiem-diem-tap-the-2019").report
    rated = [s for s in report.walk() if s.rating_scale is not None and s.rating is not None]
    assert [s.rating for s in rated] == [CapDo.XUAT_SAC]
