"""A corrected period renames the opening and closing sentences (services/frame.py); the editors
already holding those texts show the renamed ones, so typing there never writes the old period
back — and undoing the correction shows them as they were (tester's D2)."""
from __future__ import annotations

from PySide6.QtGui import QTextCursor
from qt_keys import type_text
from test_editor import open_window   # tests/gui is on the path

from tudanhgia.domain import Period

THEMATIC = "chuyen-de"
QUARTERLY = "danh-gia-cong-chuc-quy"


def _open(qtbot, service, tmp_path, kind: str, period: Period):
    report = service.add_report(service.kinds.get(kind).create_report(period))
    w = open_window(qtbot, service, tmp_path, report.id)
    for key in ("preamble", "closing"):   # both documents loaded before the correction
        w.editor.select(key)
    w.editor.select(w.editor.ctx.index().order[0].id)   # section I, as in the report
    return report, w


def _type_at_end(w, key: str, text: str) -> None:
    w.editor.select(key)
    page = w.editor.page
    page.editor.setFocus()
    page.editor.moveCursor(QTextCursor.MoveOperation.End)
    type_text(page.editor, text)
    page.save_now()


def test_the_opening_typed_after_a_corrected_period_keeps_the_new_period(qtbot, service, tmp_path):
    report, w = _open(qtbot, service, tmp_path, THEMATIC, Period(2026, quarter=4))
    assert "quý IV/2026" in service.get_report(report.id).meta.preamble.plain
    form = w.editor.panels["meta"]
    form.period.type.setCurrentIndex(form.period.type.findText("6 tháng cuối năm"))   # as a click in the list
    assert form.flush()
    stored = service.get_report(report.id)
    assert stored.period == Period(2026, half=2)
    assert "6 tháng cuối năm 2026" in stored.meta.preamble.plain

    w.editor.select("preamble")
    assert "6 tháng cuối năm 2026" in w.editor.page.editor.toPlainText()   # what the officer sees
    assert "quý IV/2026" not in w.editor.page.editor.toPlainText()
    _type_at_end(w, "preamble", " x")
    preamble = service.get_report(report.id).meta.preamble.plain
    assert "6 tháng cuối năm 2026" in preamble and "quý IV" not in preamble and preamble.endswith(" x")
    w.editor.select("closing")   # the closing sentence names the period too
    assert "công tác dân vận chính quyền 6 tháng cuối năm 2026 của" in w.editor.page.editor.toPlainText()
    _type_at_end(w, "closing", " z")
    closing = service.get_report(report.id).meta.closing.plain
    assert "6 tháng cuối năm 2026" in closing and "quý IV" not in closing and closing.endswith(" z")


def test_undoing_the_correction_shows_the_opening_as_it_was(qtbot, service, tmp_path):
    report, w = _open(qtbot, service, tmp_path, QUARTERLY, Period(2026, quarter=3))
    preamble_before = service.get_report(report.id).meta.preamble.plain
    assert "nhiệm vụ quý III/2026 như sau:" in preamble_before
    form = w.editor.panels["meta"]
    form.period.type.setCurrentIndex(form.period.type.findText("Quý II"))
    assert form.flush()
    w.editor.select("preamble")
    assert "nhiệm vụ quý II/2026 như sau:" in w.editor.page.editor.toPlainText()

    w.editor.ctx.undo_stack.undo()   # the correction undone, the opening on the page
    assert service.get_report(report.id).period == Period(2026, quarter=3)
    assert w.editor.page.editor.toPlainText() == preamble_before
    _type_at_end(w, "preamble", " y")
    assert service.get_report(report.id).meta.preamble.plain == preamble_before + " y"
