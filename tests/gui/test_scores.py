"""Issue 13 point 4: scores typed as Vietnamese officers type them — "7,5" or "7.5" whatever the
locale, shown "7,5" in the editor, the list and the printed text; a score above the maximum is
refused with a visible message and what was typed stays; the total follows the typing."""

import pytest
from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QApplication

from tudanhgia.render.text import report_text
from tudanhgia.services import ReportService
from qt_keys import press, type_text
from test_keyboard import open_window


@pytest.fixture(params=["en_US", "vi_VN"])
def locale(request):
    """The computer's locale: the comma must mean the same under both."""
    before = QLocale()
    QLocale.setDefault(QLocale(request.param))
    yield request.param
    QLocale.setDefault(before)


def stored(service, report_id):
    return ReportService.open(service.db.path, create=False).get_report(report_id)


def open_scored(qtbot, service, unit, tmp_path):
    report = service.create_report("van-hoa", "2025", unit.id)
    w = open_window(qtbot, service, tmp_path, report.id)
    scored = [s for s in report.walk() if s.is_scored]
    assert scored[0].max_score == 10 and scored[1].max_score == 8   # resources/kinds/van-hoa.toml
    return w, report, scored


def type_score(w, section, text):
    w.editor.select(section.id)
    field = w.editor.page.score
    field.setFocus()
    field.selectAll()
    type_text(field, text)
    return field


def test_point4_comma_or_dot_in_any_locale_and_the_total_follows_the_typing(qtbot, service, unit, tmp_path, said,
                                                                          locale):
    w, report, scored = open_scored(qtbot, service, unit, tmp_path)
    field = type_score(w, scored[0], "7,5")
    # the field not left: the total follows the typing (the score is written within the pause; a
    # wall-clock bound would flake on a loaded machine, the focus still in the field proves it)
    qtbot.waitUntil(lambda: w.editor.score_label.text().startswith("Tổng điểm tự chấm: 7,5/100"), timeout=3000)
    assert QApplication.focusWidget() is field and field.text() == "7,5"
    assert stored(service, report.id).find(scored[0].id).score == 7.5
    field = type_score(w, scored[1], "6.5")
    qtbot.waitUntil(lambda: w.editor.score_label.text().startswith("Tổng điểm tự chấm: 14/100"), timeout=2000)
    assert stored(service, report.id).find(scored[1].id).score == 6.5
    press(field, Qt.Key.Key_Tab)
    w.editor.select(scored[0].id)
    assert w.editor.page.score.text() == "7,5"
    w.editor.select(scored[1].id)
    assert w.editor.page.score.text() == "6,5"                      # shown with a comma once read back
    assert w.editor.page.score_max.text() == "/ 8 điểm"
    printed = report_text(stored(service, report.id))
    assert "Điểm tự chấm: 7,5/10 điểm" in printed and "Điểm tự chấm: 6,5/8 điểm" in printed
    w.show_start()
    w.start.select_report(report.id)
    shown = []

    def walk(item):
        shown.append(item.text(2))
        for i in range(item.childCount()):
            walk(item.child(i))
    for i in range(w.start.outline.topLevelItemCount()):
        walk(w.start.outline.topLevelItem(i))
    assert "7,5/10 điểm" in shown and "6,5/8 điểm" in shown        # the list too
    assert not said["warn"]


def test_point4_above_the_maximum_is_refused_visibly_and_nothing_typed_is_lost(qtbot, service, unit, tmp_path,
                                                                              said):
    w, report, scored = open_scored(qtbot, service, unit, tmp_path)
    field = type_score(w, scored[1], "7")
    qtbot.waitUntil(lambda: stored(service, report.id).find(scored[1].id).score == 7, timeout=2000)
    type_text(field, "5")                                           # "75" in a criterion of 8 points
    problem = w.editor.page.score_problem
    assert field.text() == "75"                                     # kept as typed, not cut to "7" or "8"
    assert problem.isVisible()
    assert problem.text() == "Điểm tối đa của tiêu chí này là 8; “75” vượt quá nên chưa được ghi. Hãy sửa lại."
    press(field, Qt.Key.Key_Return)
    qtbot.wait(400)                                                 # longer than the autosave's pause
    assert stored(service, report.id).find(scored[1].id).score == 7   # not written, not capped
    assert w.editor.score_label.text().startswith("Tổng điểm tự chấm: 7/100")
    assert field.text() == "75" and problem.isVisible()
    press(field, Qt.Key.Key_Backspace)                              # corrected: taken, the message goes
    type_text(field, ",5")
    assert not problem.isVisible()
    qtbot.waitUntil(lambda: stored(service, report.id).find(scored[1].id).score == 7.5, timeout=2000)
    field.selectAll()
    type_text(field, "bảy")
    assert problem.isVisible() and problem.text().startswith("“bảy” không phải là số điểm")
    for _ in range(4):                                              # the word removed letter by letter
        press(field, Qt.Key.Key_Backspace)
    assert field.text() == "" and not problem.isVisible()            # blank: "not scored yet"
    qtbot.waitUntil(lambda: stored(service, report.id).find(scored[1].id).score is None, timeout=2000)
    assert not said["warn"]


def test_point4_arrow_keys_step_half_a_point_within_the_range(qtbot, service, unit, tmp_path, said):
    w, report, scored = open_scored(qtbot, service, unit, tmp_path)
    field = type_score(w, scored[1], "7")
    press(field, Qt.Key.Key_Up)
    assert field.text() == "7,5"
    press(field, Qt.Key.Key_Up)
    press(field, Qt.Key.Key_Up)
    assert field.text() == "8"                                      # the maximum, no further
    qtbot.waitUntil(lambda: stored(service, report.id).find(scored[1].id).score == 8, timeout=2000)
