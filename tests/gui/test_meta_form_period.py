"""The report's period in the document's form (Thông tin văn bản): only the periods its kind takes
are offered; a report stored for a period its kind does not take (the quarterly form made for
"Năm 2026" before kinds said which periods they take) shows it, marked, and the officer corrects
it there — the subject naming the old period follows — in one undoable step."""
from __future__ import annotations

from test_meta_form import make_form   # the form as the other form tests open it (tests/gui is on the path)

from tudanhgia.domain import Period

FORM = "danh-gia-cong-chuc-quy"
QUARTERS_AND_MONTHS = ["Quý I", "Quý II", "Quý III", "Quý IV", *(f"Tháng {m}" for m in range(1, 13))]


def offered(form) -> list[str]:
    return [form.period.type.itemText(i) for i in range(form.period.type.count())]


def test_a_quarterly_form_made_for_a_year_is_corrected_in_the_form(qtbot, sample_service, sample_db):
    misfit = sample_service.add_report(sample_service.kinds.get(FORM).create_report(Period(2026)))
    assert misfit.meta.subject == "Kết quả thực hiện nhiệm vụ của công chức năm 2026"
    ctx, form = make_form(qtbot, sample_service, misfit.id)
    assert offered(form) == [*QUARTERS_AND_MONTHS, "Năm (mẫu không dùng kỳ này)"]
    assert form.period.type.currentText() == "Năm (mẫu không dùng kỳ này)" and form.period.year.value() == 2026

    form.period.type.setCurrentIndex(form.period.type.findText("Quý I"))       # as a click in the list
    assert form.subject.toPlainText() == "Kết quả thực hiện nhiệm vụ của công chức quý I/2026"
    assert form.flush()
    stored = sample_service.get_report(misfit.id)
    assert stored.period == Period(2026, quarter=1)
    assert stored.meta.subject == "Kết quả thực hiện nhiệm vụ của công chức quý I/2026"
    # the opening sentence written from the old period names the new one too
    assert "tôi tự đánh giá kết quả thực hiện nhiệm vụ quý I/2026 như sau:" in stored.meta.preamble.plain
    assert "năm 2026" not in stored.meta.preamble.plain
    assert sample_service.kinds.period_note(stored) == ""                          # the check's note is gone
    assert offered(form) == QUARTERS_AND_MONTHS                                   # "Năm" is offered no more
    assert ctx.undo_stack.count() == 1
    # the year changes the same way; the annual choice is gone once the period fits
    form.period.year.setValue(2027)
    assert form.flush()
    assert sample_service.get_report(misfit.id).period == Period(2027, quarter=1)
    assert ctx.undo_stack.count() == 2
    assert "nhiệm vụ quý I/2027 như sau:" in sample_service.get_report(misfit.id).meta.preamble.plain
    ctx.undo_stack.undo()
    undone = sample_service.get_report(misfit.id)
    assert undone.period == Period(2026, quarter=1) and "nhiệm vụ quý I/2026 như sau:" in undone.meta.preamble.plain
    assert undone.meta.subject == "Kết quả thực hiện nhiệm vụ của công chức quý I/2026"
    assert form.period.type.currentText() == "Quý I" and form.period.year.value() == 2026
    assert form.subject.toPlainText() == "Kết quả thực hiện nhiệm vụ của công chức quý I/2026"


def test_an_annual_review_offers_only_the_year(qtbot, sample_service):
    _ctx, form = make_form(qtbot, sample_service, 1)     # the 2020 collective review
    assert offered(form) == ["Năm"] and form.period.value() == Period(2020)


def test_undoing_the_correction_back_to_a_period_the_kind_does_not_take_is_refused_and_said(
        qtbot, sample_service, monkeypatch):
    from tudanhgia.ui import messages
    said: list[str] = []
    monkeypatch.setattr(messages, "warn", lambda _parent, text, *a, **k: said.append(text))
    misfit = sample_service.add_report(sample_service.kinds.get(FORM).create_report(Period(2026)))
    ctx, form = make_form(qtbot, sample_service, misfit.id)
    errors: list[str] = []
    ctx.error.connect(errors.append)
    form.period.type.setCurrentIndex(form.period.type.findText("Quý II"))
    assert sample_service.get_report(misfit.id).period == Period(2026, quarter=2)
    ctx.undo_stack.undo()
    assert sample_service.get_report(misfit.id).period == Period(2026, quarter=2)
    told = " ".join(errors + said)
    assert "lập theo quý hoặc tháng; kỳ năm 2026 không phù hợp" in told
    assert form.period.type.currentText() == "Quý II"
