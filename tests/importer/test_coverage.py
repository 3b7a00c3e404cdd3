"""Issue 14 point 7 (and the three closest kinds of point 3, shown): after an import, a coverage
report in the CLI and the review dialog says how many source words landed in the report and lists
any source paragraph that did not, by position; the CLI exits non-zero when text was dropped."""
import pytest

from tudanhgia import cli
from tudanhgia.importer import recognize
from tudanhgia.importer.docx_reader import read_docx
from tudanhgia.importer.recognize import Recognizer
from wordlike import WordReport

LOST = "Đoạn này sẽ bị bỏ sót khi nhập."


def plan(path, extra: str = ""):
    w = WordReport()
    w.header("UBND HUYỆN SƠN TỊNH", "PHÒNG NỘI VỤ", "Số: 09/KH-PNV", "Sơn Tịnh, ngày 15 tháng 3 năm 2022")
    w.title("KẾ HOẠCH", "Phát huy ưu điểm, khắc phục những hạn chế, khuyết điểm của tập thể lãnh đạo năm 2021")
    w.heading("I. Mục đích, yêu cầu")
    w.para("Khắc phục kịp thời các hạn chế đã chỉ ra.")
    if extra:
        w.para(extra)
    w.heading("II. Tổ chức thực hiện")
    w.para("Các bộ phận triển khai thực hiện Kế hoạch này./.")
    w.closing(["- UBND huyện;", "- Lưu: VT, NV."], ["TRƯỞNG PHÒNG"], "Trần Thị Lan")
    return w.save(path)


@pytest.fixture
def dropping(monkeypatch):
    """A recogniser that loses one paragraph (the class of defect the report must reveal)."""
    plain = recognize._Outline.plain

    def losing(self, line):
        if line.text != LOST:
            plain(self, line)
    monkeypatch.setattr(recognize._Outline, "plain", losing)


def test_every_word_is_counted_and_a_lost_paragraph_is_listed_by_position(sample_service, tmp_path, dropping):
    source = read_docx(plan(tmp_path / "kh.docx", LOST))
    result = Recognizer(source, sample_service.kinds).run()
    cov = result.coverage
    lost_at = next(ln.number for ln in source.lines if ln.text == LOST)
    assert [(m.number, m.words) for m in cov.missed] == [(lost_at, 8)]     # "Đoạn này sẽ bị bỏ sót khi nhập"
    assert cov.words - cov.placed == 8 and not cov.complete
    assert f"Đoạn {lost_at}: thiếu 8 từ" in cov.lines()[0]


def test_a_heading_the_source_misnumbered_is_no_text_dropped(sample_service, tmp_path):
    """Two headings numbered "I." in the source: the outline prints them "I." and "II."."""
    w = WordReport()
    w.header("UBND HUYỆN SƠN TỊNH", "PHÒNG NỘI VỤ", "Số: 09/KH-PNV", "Sơn Tịnh, ngày 15 tháng 3 năm 2022")
    w.title("KẾ HOẠCH", "Phát huy ưu điểm, khắc phục những hạn chế, khuyết điểm của tập thể lãnh đạo năm 2021")
    w.heading("I. Mục đích, yêu cầu")
    w.para("Khắc phục kịp thời các hạn chế đã chỉ ra.")
    w.heading("I. Tổ chức thực hiện")
    w.para("Các bộ phận triển khai thực hiện Kế hoạch này./.")
    w.closing(["- UBND huyện;", "- Lưu: VT, NV."], ["TRƯỞNG PHÒNG"], "Trần Thị Lan")
    cov = Recognizer(read_docx(w.save(tmp_path / "kh.docx")), sample_service.kinds).run().coverage
    assert cov.complete, cov.lines()


def test_a_complete_import_says_so(sample_service, tmp_path):
    source = read_docx(plan(tmp_path / "kh.docx"))
    cov = Recognizer(source, sample_service.kinds).run().coverage
    words = sum(len(ln.text.replace("/", " ").replace(",", " ").split()) for ln in source.lines)
    assert cov.complete and cov.missed == []
    assert cov.words >= words - 10 and cov.summary().startswith(f"Đã đưa {cov.words}/{cov.words} từ")


def test_the_cli_prints_the_coverage_and_the_closest_kinds(tmp_path, capsys):
    folder = str(tmp_path / "d")
    assert cli.main(["import", str(plan(tmp_path / "kh.docx")), "--data-dir", folder]) == 0
    out = capsys.readouterr().out
    assert "Không bỏ sót đoạn nào." in out
    closest = next(line for line in out.splitlines() if line.startswith("Loại gần nhất: "))
    assert closest.startswith("Loại gần nhất: Kế hoạch phát huy ưu điểm") and closest.count("(0,") + \
        closest.count("(1,") == 3


def test_the_cli_exits_non_zero_when_text_was_dropped(tmp_path, capsys, dropping):
    folder = str(tmp_path / "d")
    assert cli.main(["import", str(plan(tmp_path / "kh.docx", LOST)), "--data-dir", folder]) == 1
    captured = capsys.readouterr()
    assert "thiếu 8 từ" in captured.out and "chưa được đưa đủ" in captured.err


def test_the_review_dialog_shows_kinds_scores_and_what_was_missed(qtbot, sample_service, tmp_path, dropping):
    from tudanhgia.ui.import_dialog import ImportReviewDialog
    dialog = ImportReviewDialog(sample_service, plan(tmp_path / "kh.docx", LOST))
    qtbot.addWidget(dialog)
    dialog.show()
    text = dialog.summary.text()
    assert "Loại gần nhất: Kế hoạch phát huy ưu điểm" in text and text.count("(0,") + text.count("(1,") >= 3
    assert "1 đoạn chưa vào đủ" in text
    assert dialog.missed.isVisible() and dialog.missed.count() == 1
    dialog.missed.setCurrentRow(0)          # the officer clicks it: the paragraph is shown selected
    assert dialog.source.textCursor().selectedText() == LOST
