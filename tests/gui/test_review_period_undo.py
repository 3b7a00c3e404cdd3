"""Review: undoing a corrected period puts the opening and closing sentences back exactly as they
were — a sentence that named the new period before the correction ("so với năm 2025") keeps it."""
from __future__ import annotations

from PySide6.QtCore import Qt
from test_meta_form import make_form   # tests/gui is on the path

from tudanhgia.domain import Period
from tudanhgia.domain.richtext import RichText

ANNUAL = "tu-danh-gia-nam"
OWN = "Kết quả năm 2026 cao hơn so với năm 2025."


def test_undoing_a_period_correction_leaves_a_sentence_naming_the_other_year(qtbot, sample_service):
    report = sample_service.add_report(sample_service.kinds.get(ANNUAL).create_report(Period(2026)))
    sample_service.update_frame(report.id, {"preamble": RichText.from_plain(OWN)})
    closing = sample_service.get_report(report.id).meta.closing.plain
    assert "năm 2026" in closing
    ctx, form = make_form(qtbot, sample_service, report.id)

    form.period.year.setFocus()
    qtbot.keyClick(form.period.year, Qt.Key.Key_Down)   # 2026 → 2025: saved at once, one undo step
    assert form.flush()
    corrected = sample_service.get_report(report.id)
    assert corrected.period == Period(2025)
    assert corrected.meta.preamble.plain == "Kết quả năm 2025 cao hơn so với năm 2025."
    ctx.undo_stack.undo()
    undone = sample_service.get_report(report.id)
    assert undone.period == Period(2026)
    assert undone.meta.preamble.plain == OWN   # not "… năm 2026 cao hơn so với năm 2026."
    assert undone.meta.closing.plain == closing
    ctx.undo_stack.redo()
    assert sample_service.get_report(report.id).meta.preamble.plain == "Kết quả năm 2025 cao hơn so với năm 2025."


THEMATIC = "chuyen-de"   # takes 6 months, a year or a quarter


def test_a_year_named_inside_a_half_year_is_not_renamed(qtbot, sample_service):
    """The report was made for 'Năm 2026' and its subject already says the half-year it is about:
    choosing '6 tháng đầu năm' must not write '6 tháng đầu 6 tháng đầu năm 2026'."""
    report = sample_service.add_report(sample_service.kinds.get(THEMATIC).create_report(Period(2026)))
    subject = "Sơ kết công tác dân vận chính quyền 6 tháng đầu năm 2026"
    preamble = "Tiếp theo báo cáo 6 tháng đầu năm 2026, báo cáo năm 2026 như sau:"
    sample_service.update_frame(report.id, {"subject": subject, "preamble": RichText.from_plain(preamble)})
    _ctx, form = make_form(qtbot, sample_service, report.id)
    form.period.type.setCurrentIndex(form.period.type.findText("6 tháng đầu năm"))   # as a click in the list
    assert form.subject.toPlainText() == subject
    assert form.flush()
    stored = sample_service.get_report(report.id)
    assert stored.period == Period(2026, half=1)
    assert stored.meta.subject == subject
    assert stored.meta.preamble.plain == "Tiếp theo báo cáo 6 tháng đầu năm 2026, báo cáo 6 tháng đầu năm 2026 như sau:"


def _wheel(widget) -> None:
    """One notch of the mouse wheel with the pointer over `widget` (the officer scrolling the page)."""
    from PySide6.QtCore import QPoint, QPointF
    from PySide6.QtGui import QWheelEvent
    from PySide6.QtWidgets import QApplication
    pos = QPointF(widget.rect().center())
    QApplication.sendEvent(widget, QWheelEvent(pos, QPointF(widget.mapToGlobal(pos.toPoint())), QPoint(0, 0),
                                               QPoint(0, -120), Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier,
                                               Qt.ScrollPhase.NoScrollPhase, False))


def test_scrolling_the_page_over_the_period_does_not_change_it(qtbot, sample_service):
    """The form scrolls with the wheel; passing over Kỳ báo cáo must not choose another period (each
    choice is written at once and renames the subject). Clicked into first, the wheel chooses."""
    report = sample_service.add_report(sample_service.kinds.get(THEMATIC).create_report(Period(2026)))
    ctx, form = make_form(qtbot, sample_service, report.id)
    form.activateWindow()
    qtbot.waitUntil(form.isActiveWindow)
    form.subject.setFocus()
    for widget in (form.period.type, form.period.year):
        _wheel(widget)
    assert form.flush()
    assert sample_service.get_report(report.id).period == Period(2026)
    assert ctx.undo_stack.count() == 0
    qtbot.mouseClick(form.period.year, Qt.MouseButton.LeftButton)   # the officer means it
    qtbot.waitUntil(form.period.year.hasFocus)
    _wheel(form.period.year)
    assert form.flush()
    assert sample_service.get_report(report.id).period == Period(2025)
