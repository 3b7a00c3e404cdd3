"""A search's next key often finds the same reports ("k", "kế", "kế " at 10,000 reports): the list
then stays as it is — no reset of the model, no repaint, the selected line and the lines already
fetched kept — and changes as soon as a line, the count or an issued mark differs."""
from __future__ import annotations

from test_main_window import make_window
from tudanhgia.ui.start_page import ReportListModel


def resets(model: ReportListModel) -> list[int]:
    seen: list[int] = []
    model.modelReset.connect(lambda: seen.append(1))
    return seen


def test_the_same_lines_leave_the_list_as_it_is(qtbot, sample_service, tmp_path):
    w = make_window(qtbot, sample_service, tmp_path)
    page = w.start
    rows = sample_service.list_reports()
    assert len(rows) == 3
    page.select_report(rows[1].id)
    seen = resets(page.model)
    for text in ("n", "nă", "năm", "năm "):   # every sample report holds "năm"
        page.search.setText(text)
        page.apply_search_now()
        assert page.current_report_id() == rows[1].id and page.count_label.text() == "3 báo cáo"
    assert seen == []
    page.search.setText("")
    page.apply_search_now()
    assert seen == [] and page.current_report_id() == rows[1].id


def test_other_lines_a_count_or_a_mark_change_the_list(qtbot, sample_service):
    rows = sample_service.list_reports()
    model = ReportListModel()
    model.set_reports(rows)
    seen = resets(model)
    model.set_reports(list(rows))          # a new list of the same lines
    assert seen == []
    model.set_reports(rows[:2])
    assert len(seen) == 1 and model.titles() == [r.title for r in rows[:2]]
    model.set_reports(rows[:2], count=5)   # the first paint's lines, of more
    assert len(seen) == 2 and model.report_count == 5
    model.set_reports(rows[:2], count=5, issued={rows[0].id: ("[Đã ban hành] ", "Đã ban hành số 1/BC")})
    assert len(seen) == 3 and model.issued_words(rows[0].id) == "Đã ban hành số 1/BC"
    model.set_reports(rows)
    assert len(seen) == 4 and model.titles() == [r.title for r in rows] and model.report_count == 3
