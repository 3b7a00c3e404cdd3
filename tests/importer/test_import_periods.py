"""The period of an imported report and the kind's periods: a period the document's title states
is kept even when the recognised kind does not take it (the kind is the guess), and the review says
so; a period only guessed from the signing date is made one the kind takes; a month in the title
is read as a month ("Tháng 3/2026"), a date's month is not."""
from __future__ import annotations

import pytest

from tudanhgia.domain.period import Period
from tudanhgia.importer.docx_reader import read_docx
from tudanhgia.importer.recognize import Recognizer, period_in_words
from tudanhgia.kinds import KindRegistry
from tudanhgia.paths import shipped_kinds_dir
from wordlike import WordReport

FORM = "danh-gia-cong-chuc-quy"


def document(subject: str, date: str, kind_name: str = "BÁO CÁO") -> WordReport:
    w = WordReport()
    w.header("UBND HUYỆN SƠN TỊNH", "PHÒNG NỘI VỤ", "Số: 07/BC-PNV", f"Sơn Tịnh, {date}")
    w.title(kind_name, subject)
    w.heading("I. Kết quả thực hiện")
    w.para("Nội dung.")
    return w


def recognise(w: WordReport, tmp_path, kind: str | None = None):
    return Recognizer(read_docx(w.save(tmp_path / "bao-cao.docx")), KindRegistry.load(shipped_kinds_dir()), kind).run()


def test_a_period_the_title_states_is_kept_and_the_review_says_the_kind_does_not_take_it(tmp_path):
    w = document("Kiểm điểm tập thể lãnh đạo quý I năm 2026", "ngày 02 tháng 4 năm 2026")
    result = recognise(w, tmp_path, "kiem-diem-tap-the-2025")
    assert result.report.period == Period(2026, quarter=1)
    assert ("Văn bản ghi kỳ quý I/2026, còn mẫu “Báo cáo kiểm điểm tập thể (mẫu 2025)” lập theo năm: đã giữ kỳ "
            "của văn bản. Nếu chương trình nhận sai loại báo cáo, hãy chọn lại loại.") in result.notes


def test_a_period_guessed_from_the_date_is_made_one_the_kind_takes(tmp_path):
    w = document("Kết quả thực hiện nhiệm vụ của công chức", "ngày 30 tháng 3 năm 2026", "PHIẾU TỰ ĐÁNH GIÁ")
    result = recognise(w, tmp_path, FORM)
    assert result.report.period == Period(2026, quarter=1)
    assert any(n.startswith("Văn bản không ghi kỳ báo cáo ở trích yếu; đã chọn quý I/2026") for n in result.notes)


def test_a_period_that_fits_adds_no_note(tmp_path):
    result = recognise(document("Kết quả thực hiện nhiệm vụ của công chức quý II năm 2026",
                                "ngày 30 tháng 6 năm 2026", "PHIẾU TỰ ĐÁNH GIÁ"), tmp_path, FORM)
    assert result.report.period == Period(2026, quarter=2)
    assert not [n for n in result.notes if "kỳ" in n]


@pytest.mark.parametrize("text,period", [
    ("Kết quả thực hiện nhiệm vụ tháng 3/2026", Period(2026, month=3)),
    ("Kết quả thực hiện nhiệm vụ tháng 03 năm 2026", Period(2026, month=3)),
    ("Thực hiện Kế hoạch ngày 15 tháng 3 năm 2026", Period(2026)),        # a date, not a month
    ("Kết quả 6 tháng đầu năm 2026", Period(2026, half=1)),
    ("Kết quả 9 tháng năm 2026", Period(2026)),
])
def test_a_month_in_the_title_is_a_month(text, period):
    assert period_in_words(text) == period


def test_an_imported_monthly_form_is_stored_for_its_month(tmp_path, service):
    from tudanhgia.services.importing import import_file
    path = document("Kết quả thực hiện nhiệm vụ của công chức tháng 3/2026", "ngày 31 tháng 3 năm 2026",
                    "PHIẾU TỰ ĐÁNH GIÁ").save(tmp_path / "phieu.docx")
    result = import_file(service, path, FORM)
    assert service.get_report(result.report.id).period == Period(2026, month=3)
