"""Import as the officer does it: last year's Word file in (written in the test with python-docx,
`wordlike.py`), a structured report out; the round trip export → import → export → import gives
the same outline and text; bad files save nothing."""
import pytest

from tudanhgia.importer.source import ImportFailure
from tudanhgia.render.layout import layout
from tudanhgia.render.text import to_paragraphs
from tudanhgia.services.export import export_docx
from tudanhgia.services.importing import import_file
from wordlike import Note, WordReport


def outline(report):
    n = report.numbering()
    return [(n[s], s.heading) for s in report.walk()]


def officers_plan(path):
    """Last year's remediation plan as the officer typed it in Word."""
    w = WordReport()
    w.header("UBND HUYỆN SƠN TỊNH", "PHÒNG NỘI VỤ", "Số: 09/KH-PNV", "Sơn Tịnh, ngày 15 tháng 3 năm 2022")
    w.title("KẾ HOẠCH", "Phát huy ưu điểm, khắc phục những hạn chế, khuyết điểm của tập thể Lãnh đạo "
                        "Phòng Nội vụ trong năm 2021")
    w.heading("I. Mục đích, yêu cầu")
    w.para("Khắc phục kịp thời", Note("Theo Kết luận số 12-KL/HU ngày 01/3/2022."), " các hạn chế đã chỉ ra.")
    w.dash("Bảo đảm đúng tiến độ;")
    w.heading("II. Tổ chức thực hiện")
    w.para("Các bộ phận triển khai thực hiện Kế hoạch này./.")
    w.closing(["- UBND huyện;", "- Lưu: VT, NV."], ["TRƯỞNG PHÒNG"], "Trần Thị Lan")
    return w.save(path)


def test_an_officers_word_file_is_imported(sample_service, tmp_path):
    before = len(sample_service.list_reports(kind="ke-hoach-khac-phuc"))
    result = import_file(sample_service, officers_plan(tmp_path / "kh.docx"))
    report = sample_service.get_report(result.report.id)
    assert result.kind.id == "ke-hoach-khac-phuc" and result.unplaced == 0
    assert report.unit_name == "Văn phòng UBND tỉnh Quảng Ngãi"   # the database's default unit
    assert len(sample_service.list_reports(kind="ke-hoach-khac-phuc")) == before + 1
    assert outline(report) == [("I.", "Mục đích, yêu cầu"), ("II.", "Tổ chức thực hiện")]
    first = report.sections[0].body.paragraphs
    assert [p.text for p in first] == ["Khắc phục kịp thời các hạn chế đã chỉ ra.", "- Bảo đảm đúng tiến độ;"]
    # the footnote comes back attached, at its mark, and survives the store
    assert [fn.text for fn in first[0].footnotes] == ["Theo Kết luận số 12-KL/HU ngày 01/3/2022."]
    assert first[0].items[0].text == "Khắc phục kịp thời"
    assert (report.meta.number, report.meta.symbol, report.meta.kind_name) == ("09", "KH-PNV", "KẾ HOẠCH")
    assert report.meta.closing.plain == "Các bộ phận triển khai thực hiện Kế hoạch này./."
    assert (report.signer.position, report.signer.name) == ("TRƯỞNG PHÒNG", "Trần Thị Lan")


@pytest.mark.parametrize("report_id", [1, 2, 3])
def test_round_trip_docx_gives_the_same_report(sample_service, tmp_path, report_id):
    """Export → import → export → import: what we print we read back, and the second pass is stable."""
    original = sample_service.get_report(report_id)
    first = import_file(sample_service, export_docx(sample_service, report_id, tmp_path / "a.docx"))
    imported = sample_service.get_report(first.report.id)
    assert imported.id != report_id and first.unplaced == 0
    assert outline(imported) == outline(original)
    assert to_paragraphs(layout(imported)) == to_paragraphs(layout(original))
    assert [s.rating for s in imported.walk()] == [s.rating for s in original.walk()]
    again = import_file(sample_service, export_docx(sample_service, imported.id, tmp_path / "b.docx"))
    assert outline(sample_service.get_report(again.report.id)) == outline(imported)
    assert to_paragraphs(layout(sample_service.get_report(again.report.id))) == to_paragraphs(layout(imported))
    notes = [fn.text for s in imported.walk() for p in s.body.paragraphs for fn in p.footnotes]
    assert notes == [fn.text for s in original.walk() for p in s.body.paragraphs for fn in p.footnotes]


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
