"""Issue 14 (audit): an appendix whose title is not all capitals ("Phụ lục 01", "Biểu số liệu"),
two appendices in one report, a header number without its colon, a Party signature ("T/M CHI BỘ"
/ "BÍ THƯ"). Written here with python-docx; expected values are what the test put in."""
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH

from tudanhgia.domain.model import Authority
from tudanhgia.domain.richtext import RichText
from tudanhgia.importer.coverage import measure
from tudanhgia.importer.docx_reader import read_docx
from tudanhgia.importer.recognize import Recognizer
from tudanhgia.render.layout import layout
from tudanhgia.render.text import to_paragraphs
from wordlike import WordReport

HEADER = ["TT", "Nội dung", "ĐVT", "Số lượng"]
ROWS = [["1", "Hồ sơ tiếp nhận", "hồ sơ", "1.250"], ["", "- Trực tuyến", "hồ sơ", ""],
        ["2", "Có bộ phận một cửa", "", "Có"]]
ROWS2 = [["1", "Cuộc họp dân", "cuộc", "12"], ["2", "Ý kiến kiến nghị", "ý kiến", "37"]]


def _table(w: WordReport, rows: list[list[str]]) -> None:
    table = w.doc.add_table(rows=len(rows), cols=len(rows[0]))
    for values, row in zip(rows, table.rows, strict=True):
        for value, cell in zip(values, row.cells, strict=True):
            cell.paragraphs[0].add_run(value)


def _centred(w: WordReport, text: str) -> None:
    w.doc.add_paragraph(text).alignment = WD_ALIGN_PARAGRAPH.CENTER


def report(number: str = "Số: 08/BC-UBND", authority: tuple[str, ...] = ("CHỦ TỊCH",), name: str = "Phan Thị Lan",
           body_mention: bool = False, extra: str = "") -> WordReport:
    w = WordReport()
    w.header("UBND HUYỆN BA TƠ", "UBND XÃ BA ĐIỀN", number, "Ba Điền, ngày 3 tháng 6 năm 2025")
    w.title("BÁO CÁO", "Kết quả giải quyết thủ tục hành chính 6 tháng đầu năm 2025")
    w.heading("I. KẾT QUẢ ĐẠT ĐƯỢC")
    w.para("Tiếp nhận hồ sơ đúng hạn.")
    if extra:
        w.para(extra)
    if body_mention:
        w.para("Phụ lục kèm theo")      # a short line that merely names the appendix, no table after it
        w.para("Số liệu chi tiết theo Phụ lục kèm theo báo cáo này.")
    w.para("UBND xã kính báo cáo./.")
    w.closing(["- UBND huyện;", "- Lưu: VT."], list(authority), name)
    return w


@pytest.mark.parametrize("title", ["Phụ lục 01", "Phụ lục số 02", "Phụ lục I", "PHỤ LỤC II", "Biểu số liệu",
                                   "Biểu số 01", "phụ lục"])
def test_an_appendix_title_in_any_case_starts_the_appendix(sample_service, tmp_path, title):
    w = report(body_mention=True)
    w.page_break()
    _centred(w, title)
    _centred(w, "Kết quả giải quyết hồ sơ")
    _centred(w, "(Kèm theo Báo cáo số 08/BC-UBND ngày 03/6/2025 của UBND xã Ba Điền)")
    _table(w, [HEADER, *ROWS])
    result = Recognizer(read_docx(w.save(tmp_path / "pl.docx")), sample_service.kinds).run()
    got = result.report
    assert got.appendix_table is not None and got.appendix_table.header == HEADER
    assert got.appendix_table.rows == ROWS
    assert got.appendix_title == f"{title}\nKết quả giải quyết hồ sơ"
    assert got.signer.name == "Phan Thị Lan" and got.signer.position == "CHỦ TỊCH"
    assert [r.text for r in got.recipients.lines] == ["UBND huyện"]
    printed = to_paragraphs(layout(got))
    assert "Số liệu chi tiết theo Phụ lục kèm theo báo cáo này." in printed     # a body sentence stays body
    assert "Phụ lục kèm theo" in printed
    assert result.coverage.complete, result.coverage.lines()


def test_a_title_without_a_table_after_it_is_no_appendix(sample_service, tmp_path):
    w = WordReport()     # no closing block: nothing says where the body ends
    w.header("UBND HUYỆN BA TƠ", "UBND XÃ BA ĐIỀN", "Số: 08/BC-UBND", "Ba Điền, ngày 3 tháng 6 năm 2025")
    w.title("BÁO CÁO", "Kết quả công tác thi đua năm 2025")
    w.heading("I. KẾT QUẢ ĐẠT ĐƯỢC")
    w.para("Phụ lục 01 sẽ gửi sau.")
    w.para("Biểu dương các tập thể")       # a body line beginning with "Biểu", a table after it
    _table(w, [["1", "Thôn Làng Trăng"], ["2", "Thôn Nước Lầy"]])
    result = Recognizer(read_docx(w.save(tmp_path / "pl.docx")), sample_service.kinds).run()
    assert result.report.appendix_table is None and result.report.appendix_title == ""
    assert result.coverage.complete, result.coverage.lines()


def test_two_appendices_keep_each_title_with_its_table_in_order(sample_service, tmp_path):
    w = report()
    w.page_break()
    _centred(w, "Phụ lục 01")
    _centred(w, "(Kèm theo Báo cáo số 08/BC-UBND ngày 03/6/2025 của UBND xã Ba Điền)")
    _table(w, [HEADER, *ROWS])
    w.page_break()
    _centred(w, "Phụ lục 02")
    _centred(w, "Kết quả tiếp xúc cử tri")
    _table(w, [HEADER, *ROWS2])
    result = Recognizer(read_docx(w.save(tmp_path / "pl.docx")), sample_service.kinds).run()
    got = result.report
    assert got.appendix_title == "Phụ lục 01"
    table = got.appendix_table
    assert table is not None and table.header == HEADER
    # the second appendix follows the first table: its title lines as group-heading rows, then its own table
    assert table.rows == [*ROWS, ["", "Phụ lục 02", "", ""], ["", "Kết quả tiếp xúc cử tri", "", ""],
                          HEADER, *ROWS2]
    assert result.unplaced == 0
    assert result.coverage.complete, result.coverage.lines()


@pytest.mark.parametrize("line", ["Số 37/BC-UBND", "Số: 37/BC-UBND", "Số:37/BC-UBND", "Số\u00a037/BC-UBND",
                                  "Số : 37 / BC-UBND"])
def test_the_header_number_is_read_with_or_without_its_colon(sample_service, tmp_path, line):
    result = Recognizer(read_docx(report(number=line).save(tmp_path / "so.docx")), sample_service.kinds).run()
    assert (result.report.meta.number, result.report.meta.symbol) == ("37", "BC-UBND")
    assert result.coverage.complete, result.coverage.lines()


def test_a_number_lost_anywhere_is_counted_not_taken_for_a_label(sample_service, tmp_path):
    w = report(number="Số: 37/BC-UBND", extra="Đã giải quyết 5 hồ sơ tồn đọng.")
    doc = read_docx(w.save(tmp_path / "so.docx"))
    got = Recognizer(doc, sample_service.kinds).run().report
    got.meta.number = ""                                          # the header's number lost
    section = next(s for s in got.walk() if "tồn đọng" in s.body.plain)
    section.body = RichText.from_plain(section.body.plain.replace(" 5 ", " "))    # a count lost
    cov = measure(doc, got)
    assert not cov.complete
    assert sorted(m.which for m in cov.missed) == [("37",), ("5",)]


def party_report(authority: tuple[str, str], name: str) -> WordReport:
    """A Party committee's report (Hướng dẫn 05-HD/VPTW): "ĐẢNG CỘNG SẢN VIỆT NAM" at the right,
    the committee and its star at the left, "Số 15-BC/CB", a "T/M" signature."""
    w = WordReport()
    table = w.doc.add_table(rows=2, cols=2)
    (left, right), (number, date) = (row.cells for row in table.rows)
    left.paragraphs[0].add_run("ĐẢNG BỘ XÃ TỊNH HÀ")
    left.add_paragraph().add_run("CHI BỘ THÔN AN PHÚ").bold = True
    left.add_paragraph("*")
    right.paragraphs[0].add_run("ĐẢNG CỘNG SẢN VIỆT NAM").bold = True
    number.paragraphs[0].add_run("Số 15-BC/CB")
    date.paragraphs[0].add_run("Tịnh Hà, ngày 5 tháng 12 năm 2025")
    w.title("BÁO CÁO", "Kết quả lãnh đạo thực hiện nhiệm vụ năm 2025")
    w.heading("I. KẾT QUẢ LÃNH ĐẠO")
    w.para("Chi bộ duy trì sinh hoạt định kỳ.")
    w.closing(["- Đảng ủy xã;", "- Lưu Chi bộ."], list(authority), name)
    return w


@pytest.mark.parametrize(("authority", "name"), [(("T/M CHI BỘ", "BÍ THƯ"), "Trần Văn Ba"),
                                                 (("T/M BAN CHẤP HÀNH", "PHÓ BÍ THƯ"), "Nguyễn Thị Hoa"),
                                                 (("T/M BAN THƯỜNG VỤ", "BÍ THƯ"), "Lê Minh")])
def test_a_party_signature_keeps_its_position_and_prints_back(sample_service, tmp_path, authority, name):
    result = Recognizer(read_docx(party_report(authority, name).save(tmp_path / "cb.docx")),
                        sample_service.kinds).run()
    got = result.report
    signer = got.signer
    assert (signer.authority, signer.authority_position, signer.position, signer.name) == \
        (Authority.TM, authority[0].removeprefix("T/M "), authority[1], name)
    assert got.document_standard == "hd05-vptw"
    assert (got.meta.issuing_agency, got.meta.parent_agency) == ("CHI BỘ THÔN AN PHÚ", "ĐẢNG BỘ XÃ TỊNH HÀ")
    printed = to_paragraphs(layout(got))
    assert authority[0] in printed and authority[1] in printed and name in printed
    assert any(line.startswith("Số 15-BC/CB") for line in printed)
    assert result.coverage.complete, result.coverage.lines()


def test_a_party_signature_under_a_state_header_keeps_every_word(sample_service, tmp_path):
    w = report(authority=("T/M CHI BỘ", "BÍ THƯ"), name="Trần Văn Ba")
    result = Recognizer(read_docx(w.save(tmp_path / "cb.docx")), sample_service.kinds).run()
    signer = result.report.signer
    assert (signer.authority, signer.authority_position, signer.position, signer.name) == \
        (Authority.TM, "CHI BỘ", "BÍ THƯ", "Trần Văn Ba")
    assert result.coverage.complete, result.coverage.lines()


def test_a_party_report_and_two_appendices_survive_export_and_import(sample_service, tmp_path):
    from tudanhgia.render.docx_writer import write_docx
    w = party_report(("T/M CHI BỘ", "BÍ THƯ"), "Trần Văn Ba")
    w.page_break()
    for title, rows in (("Phụ lục 01", ROWS), ("Biểu số 02", ROWS2)):
        _centred(w, title)
        _table(w, [HEADER, *rows])
    first = Recognizer(read_docx(w.save(tmp_path / "cb.docx")), sample_service.kinds).run().report
    write_docx(first, tmp_path / "out.docx")
    again = Recognizer(read_docx(tmp_path / "out.docx"), sample_service.kinds, first.kind_id).run().report
    write_docx(again, tmp_path / "again.docx")
    texts = [[ln.text for ln in read_docx(tmp_path / name).lines] for name in ("out.docx", "again.docx")]
    assert texts[0] == texts[1]
    assert "T/M CHI BỘ" in texts[1] and "Biểu số 02" in texts[1] and "Cuộc họp dân" in texts[1]
