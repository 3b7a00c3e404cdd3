"""The limitations panel and the measures table, used as an officer uses them: typing with real
key events, the buttons, the cell editors; then the database opened afresh shows it all."""
from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QApplication, QComboBox

from tudanhgia.domain.model import Limitation, Measure, MeasureStatus
from tudanhgia.domain.period import Period
from tudanhgia.domain.richtext import RichText
from tudanhgia.services import ReportService
from tudanhgia.ui import messages
from tudanhgia.ui.app import make_application
from tudanhgia.ui.context import EditorContext
from tudanhgia.ui.limitations import NO_SECTION, LimitationsPanel
from tudanhgia.ui.measures import (COL_CONTENT, COL_COOPERATING, COL_DIRECTED_BY, COL_DUE, COL_LEAD_UNIT,
                                   COL_MEASURE, COL_RESULT, COL_STATUS, COL_TIMEFRAME, COLUMNS,
                                   CellTextEditor, DueDateEdit, MeasuresTable, share_width)
from qt_keys import press, type_text

EDIT = Qt.ItemDataRole.EditRole
SHOWN = Qt.ItemDataRole.DisplayRole


@pytest.fixture(autouse=True)
def dialogs(monkeypatch):
    """No modal box ever opens: confirmations answer from `answers`, messages are recorded."""
    shown: dict = {"confirm": [], "warn": [], "answer": True}

    def confirm(_parent, text, yes="Đồng ý", no="Hủy"):
        shown["confirm"].append(text)
        return shown["answer"]

    monkeypatch.setattr(messages, "confirm", confirm)
    for name in ("warn", "error", "info"):
        monkeypatch.setattr(messages, name, lambda _parent, text, name=name: shown.setdefault(name, []).append(text))
    return shown


def open_panel(qtbot, service, report_id: int) -> tuple[EditorContext, LimitationsPanel]:
    make_application()
    ctx = EditorContext(service, report_id)
    panel = LimitationsPanel(ctx)
    qtbot.addWidget(panel)
    panel.resize(1366, 768)
    panel.show()
    qtbot.waitExposed(panel)
    return ctx, panel


def list_texts(panel) -> list[str]:
    return [panel.list.item(i).text() for i in range(panel.list.count())]


def cell(table: MeasuresTable, row: int, col: int) -> str:
    return table.model.data(table.model.index(row, col), SHOWN)


def set_cell(table: MeasuresTable, row: int, col: int, value) -> bool:
    return table.model.setData(table.model.index(row, col), value, EDIT)


# --- the life of a new limitation ----------------------------------------------------------------------
def test_officer_writes_a_limitation_with_its_measures(qtbot, service, unit, dialogs):
    report = service.create_report("ke-hoach-khac-phuc", "2024", unit.id)
    ctx, panel = open_panel(qtbot, service, report.id)
    assert panel.list.count() == 0 and panel.editor_stack.currentIndex() == 0
    assert not panel.measures.btn_add.isEnabled()

    qtbot.mouseClick(panel.btn_add, Qt.MouseButton.LeftButton)
    assert panel.list.count() == 1 and panel.editor_stack.currentIndex() == 1
    lim_id = panel.current_limitation_id()
    assert lim_id is not None
    assert panel.origin_edit.text() == "2024"   # raised in the report's own period unless told
    assert ctx.undo_stack.count() == 1 and ctx.undo_stack.text(0) == "Thêm hạn chế"

    text = "Việc cập nhật dữ liệu vào phần mềm quản lý nhiệm vụ chưa đầy đủ"
    panel.text_edit.setFocus()
    type_text(panel.text_edit, text)
    type_text(panel.cause_subjective_edit, "Một số công chức chưa quyết liệt, còn chủ quan")
    type_text(panel.cause_objective_edit, "Phần mềm chưa đồng bộ với hồ sơ giấy")
    assert list_texts(panel) == [f"a) {text}"]          # the list follows the typing at once
    assert service.get_report(report.id).limitations[0].text.plain == ""   # the database after the pause

    qtbot.waitUntil(lambda: service.get_report(report.id).limitations[0].text.plain == text, timeout=3000)
    stored = service.get_report(report.id).limitations[0]
    assert stored.cause_subjective.plain == "Một số công chức chưa quyết liệt, còn chủ quan"
    assert stored.cause_objective.plain == "Phần mềm chưa đồng bộ với hồ sơ giấy"
    # three fields typed in one go: one undoable step
    assert ctx.undo_stack.count() == 2 and ctx.undo_stack.text(1) == "Sửa hạn chế"
    assert panel.text_edit.toPlainText() == text      # the reload did not touch what was typed

    panel.origin_edit.selectAll()
    type_text(panel.origin_edit, "2023")
    type_text(panel.raised_by_edit, "Kết luận số 1621-KL/TU ngày 30/3/2023 của Ban Thường vụ Tỉnh ủy")
    panel.flush()                                      # at once, without waiting for the pause
    combo = panel.concerns_combo
    target = next(i for i in range(combo.count())
                  if combo.itemText(i).startswith("    2. Nhiệm vụ, giải pháp khắc phục"))   # indented: II.2
    combo.setCurrentIndex(target)
    combo.activated.emit(target)
    stored = service.get_report(report.id).limitations[0]
    assert stored.origin == Period(2023)
    assert stored.raised_by == "Kết luận số 1621-KL/TU ngày 30/3/2023 của Ban Thường vụ Tỉnh ủy"
    assert stored.concerns is not None and stored.concerns.heading.startswith("Nhiệm vụ, giải pháp khắc phục")

    # two measures, filled in cell by cell as the editors do
    table = panel.measures
    assert table.title.text() == "Biện pháp khắc phục hạn chế a)"
    qtbot.mouseClick(table.btn_add, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(table.btn_add, Qt.MouseButton.LeftButton)
    assert table.model.rowCount() == 2
    first, second = (table.model.measure(r).id for r in range(2))
    assert table.view.isColumnHidden(COL_CONTENT)      # the limitation itself is the content
    before = ctx.undo_stack.count()
    assert set_cell(table, 0, COL_MEASURE, "Rà soát, cập nhật đầy đủ dữ liệu\nKiểm tra hằng tháng")
    assert set_cell(table, 0, COL_DIRECTED_BY, "Lãnh đạo Văn phòng")
    assert set_cell(table, 0, COL_LEAD_UNIT, "Phòng Hành chính - Tổ chức")
    assert set_cell(table, 0, COL_COOPERATING, "Các phòng, ban, đơn vị liên quan")
    assert set_cell(table, 0, COL_TIMEFRAME, "Thường xuyên trong năm 2024")
    assert set_cell(table, 0, COL_DUE, dt.date(2024, 6, 30))
    assert set_cell(table, 0, COL_STATUS, "Đang thực hiện")
    assert set_cell(table, 1, COL_MEASURE, "Đôn đốc xử lý hồ sơ thủ tục hành chính đúng hạn")
    assert set_cell(table, 1, COL_RESULT, "Đã xử lý 95% hồ sơ đúng hạn")
    assert ctx.undo_stack.count() == before + 9
    assert {ctx.undo_stack.text(i) for i in range(before, before + 9)} == {"Sửa biện pháp"}
    assert not set_cell(table, 0, COL_DIRECTED_BY, "Lãnh đạo Văn phòng")   # no change, no step
    assert ctx.undo_stack.count() == before + 9
    assert cell(table, 0, COL_DUE) == "30/06/2024" and cell(table, 0, COL_STATUS) == "Đang thực hiện"
    assert cell(table, 1, COL_DUE) == "—" and cell(table, 1, COL_STATUS) == "Chưa thực hiện"

    # reorder: the second goes up
    table.select_measure(second)
    qtbot.mouseClick(table.btn_up, Qt.MouseButton.LeftButton)
    assert [m.id for m in table.model.measures] == [second, first]
    assert table.current_measure_id() == second

    # delete one, undo: it comes back in its place with its id
    table.select_measure(first)
    qtbot.mouseClick(table.btn_delete, Qt.MouseButton.LeftButton)
    assert [m.id for m in table.model.measures] == [second]
    ctx.undo_stack.undo()
    assert [m.id for m in table.model.measures] == [second, first]
    assert cell(table, 1, COL_DUE) == "30/06/2024"

    # everything is in the file
    again = ReportService.open(service.db.path, create=False)
    try:
        lim = again.get_report(report.id).limitations[0]
    finally:
        again.close()
    assert lim.id == lim_id and lim.text.plain == text
    assert lim.cause_subjective.plain == "Một số công chức chưa quyết liệt, còn chủ quan"
    assert lim.origin == Period(2023) and lim.raised_by.startswith("Kết luận số 1621-KL/TU")
    assert lim.concerns is not None and lim.concerns.heading.startswith("Nhiệm vụ, giải pháp khắc phục")
    assert [m.id for m in lim.measures] == [second, first]
    m = lim.measures[1]
    assert m.measure.plain == "Rà soát, cập nhật đầy đủ dữ liệu\nKiểm tra hằng tháng"
    assert len(m.measure.paragraphs) == 2
    assert (m.directed_by, m.lead_unit, m.cooperating, m.timeframe) == (
        "Lãnh đạo Văn phòng", "Phòng Hành chính - Tổ chức", "Các phòng, ban, đơn vị liên quan",
        "Thường xuyên trong năm 2024")
    assert m.due == dt.date(2024, 6, 30) and m.status is MeasureStatus.IN_PROGRESS
    assert lim.measures[0].result == "Đã xử lý 95% hồ sơ đúng hạn"
    assert not dialogs.get("warn")


# --- the sample plan --------------------------------------------------------------------------------------
def test_sample_plan_shows_lettered_limitations_and_general_measures(qtbot, sample_service):
    ctx, panel = open_panel(qtbot, sample_service, 2)
    texts = list_texts(panel)
    assert [t.split(")")[0] for t in texts] == ["a", "b", "c", "d", "đ"]
    assert texts[0].startswith("a) Nhiều nội dung của Chương trình công tác")
    assert panel.tabs.tabText(0) == "Hạn chế, khuyết điểm (5)"
    assert panel.list.currentRow() == 0
    report = ctx.report()
    assert panel.text_edit.toPlainText() == report.limitations[0].text.plain
    assert panel.raised_by_edit.text() == "Kết luận số 1621-KL/TU ngày 30/3/2023 của Ban Thường vụ Tỉnh ủy"
    assert panel.concerns_combo.currentText() == NO_SECTION
    table = panel.measures
    assert table.model.rowCount() == 1
    assert cell(table, 0, COL_DIRECTED_BY) == "Lãnh đạo Văn phòng."
    assert cell(table, 0, COL_DUE) == "31/12/2023" and cell(table, 0, COL_STATUS) == "Đang thực hiện"
    assert [table.model.headerData(c, Qt.Orientation.Horizontal) for c in range(len(COLUMNS))] == [
        "Nội dung", "Biện pháp", "Chỉ đạo thực hiện", "Đơn vị tham mưu/chủ trì", "Phối hợp thực hiện",
        "Thời gian thực hiện", "Hạn hoàn thành", "Trạng thái", "Kết quả"]

    assert panel.tabs.tabText(1) == "Nhiệm vụ, biện pháp chung (7)"
    assert [t.model.rowCount() for t in panel.general_tables] == [4, 3]
    assert panel.general_tables[0].title.text() == "1. Nhiệm vụ, giải pháp phát huy ưu điểm"
    assert panel.general_tables[1].title.text().startswith("3. Giải pháp thực hiện đối với các nhiệm vụ")
    assert cell(panel.general_tables[1], 0, COL_TIMEFRAME) == "Quý II năm 2023."
    assert not panel.general_tables[0].view.isColumnHidden(COL_CONTENT)

    panel.list.setCurrentRow(4)
    assert table.title.text() == "Biện pháp khắc phục hạn chế đ)"
    assert cell(table, 0, COL_COOPERATING).startswith("Các phòng, ban, đơn vị liên qu")


def test_review_with_causes_and_no_measures(qtbot, sample_service):
    ctx, panel = open_panel(qtbot, sample_service, 1)
    assert panel.list.count() == 3
    lim = ctx.report().limitations[0]
    assert panel.cause_subjective_edit.toPlainText() == lim.cause_subjective.plain != ""
    assert panel.concerns_combo.currentText().strip().startswith("2.1.")
    assert panel.measures.model.rowCount() == 0 and panel.measures.btn_add.isEnabled()
    assert not panel.measures.btn_delete.isEnabled()
    assert not panel.general_tables and panel.tabs.tabText(1) == "Nhiệm vụ, biện pháp chung"


# --- undo and redo ----------------------------------------------------------------------------------------
def test_undo_redo_add_limitation_keeps_its_id(qtbot, sample_service):
    ctx, panel = open_panel(qtbot, sample_service, 2)
    new_id = panel.add_limitation()
    assert panel.list.count() == 6 and panel.current_limitation_id() == new_id
    assert list_texts(panel)[5] == "e) (chưa có nội dung)"
    type_text(panel.text_edit, "Hạn chế mới được bổ sung")
    panel.flush()
    ctx.undo_stack.undo()                  # the typing
    assert panel.text_edit.toPlainText() == ""
    ctx.undo_stack.undo()                  # the limitation
    assert panel.list.count() == 5 and new_id not in [x.id for x in sample_service.get_report(2).limitations]
    assert panel.current_limitation_id() == ctx.report().limitations[4].id
    ctx.undo_stack.redo()
    ctx.undo_stack.redo()
    assert panel.list.count() == 6
    lim = sample_service.get_report(2).limitations[5]
    assert lim.id == new_id and lim.text.plain == "Hạn chế mới được bổ sung"
    panel.select_limitation(new_id)
    assert panel.text_edit.toPlainText() == "Hạn chế mới được bổ sung"


def test_undo_redo_cell_edit(qtbot, sample_service):
    ctx, panel = open_panel(qtbot, sample_service, 2)
    table = panel.measures
    measure_id = table.model.measure(0).id
    assert set_cell(table, 0, COL_DIRECTED_BY, "Chánh Văn phòng")
    stored = lambda: sample_service.get_report(2).limitations[0].measures[0]  # noqa: E731
    assert stored().directed_by == "Chánh Văn phòng" and cell(table, 0, COL_DIRECTED_BY) == "Chánh Văn phòng"
    assert ctx.undo_stack.undoText() == "Sửa biện pháp"
    ctx.undo_stack.undo()
    assert stored().directed_by == "Lãnh đạo Văn phòng." and cell(table, 0, COL_DIRECTED_BY) == "Lãnh đạo Văn phòng."
    ctx.undo_stack.redo()
    assert stored().directed_by == "Chánh Văn phòng" and stored().id == measure_id
    assert set_cell(table, 0, COL_DUE, None)
    # its words, "Thường xuyên trong năm 2023", are a standing duty: no date shown or asked
    assert stored().due is None and cell(table, 0, COL_DUE) == "Thường xuyên"
    ctx.undo_stack.undo()
    assert stored().due == dt.date(2023, 12, 31)


def test_delete_limitation_asks_and_undo_brings_it_back_with_its_measures(qtbot, sample_service, dialogs):
    ctx, panel = open_panel(qtbot, sample_service, 2)
    panel.list.setCurrentRow(1)
    lim_id = panel.current_limitation_id()
    measure_ids = [m.id for m in panel.measures.model.measures]
    dialogs["answer"] = False
    qtbot.mouseClick(panel.btn_delete, Qt.MouseButton.LeftButton)
    assert panel.list.count() == 5 and "b)" in dialogs["confirm"][0] and "1 biện pháp" in dialogs["confirm"][0]
    dialogs["answer"] = True
    qtbot.mouseClick(panel.btn_delete, Qt.MouseButton.LeftButton)
    assert panel.list.count() == 4
    assert panel.current_limitation_id() == ctx.report().limitations[1].id   # the next one takes its place
    assert list_texts(panel)[3].startswith("d) Việc thực hiện lưu trữ")     # letters follow the order
    ctx.undo_stack.undo()
    report = sample_service.get_report(2)
    assert report.limitations[1].id == lim_id and [m.id for m in report.limitations[1].measures] == measure_ids
    assert panel.list.count() == 5


def test_move_limitation_relabels_and_undoes(qtbot, sample_service):
    ctx, panel = open_panel(qtbot, sample_service, 2)
    ids = [x.id for x in ctx.report().limitations]
    assert not panel.btn_up.isEnabled()
    qtbot.mouseClick(panel.btn_down, Qt.MouseButton.LeftButton)
    assert [x.id for x in sample_service.get_report(2).limitations] == [ids[1], ids[0], *ids[2:]]
    assert panel.current_limitation_id() == ids[0] and panel.list.currentRow() == 1
    assert list_texts(panel)[1].startswith("b) Nhiều nội dung")
    assert panel.measures.title.text() == "Biện pháp khắc phục hạn chế b)"
    ctx.undo_stack.undo()
    assert [x.id for x in sample_service.get_report(2).limitations] == ids


# --- typing and formatting ----------------------------------------------------------------------------------
def test_switching_limitation_saves_at_once_and_reload_keeps_typing(qtbot, sample_service):
    ctx, panel = open_panel(qtbot, sample_service, 2)
    first = ctx.report().limitations[0]
    panel.text_edit.setFocus()
    panel.text_edit.moveCursor(panel.text_edit.textCursor().MoveOperation.End)
    type_text(panel.text_edit, " thêm")
    # another change arrives while typing: the typed words stay
    set_cell(panel.measures, 0, COL_RESULT, "Đã hoàn thành một phần")
    assert panel.text_edit.toPlainText() == first.text.plain + " thêm"
    assert sample_service.get_report(2).limitations[0].text.plain == first.text.plain
    panel.list.setCurrentRow(2)            # no waiting: the words go with their limitation
    assert sample_service.get_report(2).limitations[0].text.plain == first.text.plain + " thêm"
    assert panel.text_edit.toPlainText() == ctx.report().limitations[2].text.plain
    assert ctx.undo_stack.undoText() == "Sửa hạn chế"


def test_unchanged_fields_keep_bold_and_italic(qtbot, service, unit):
    report = service.create_report("ke-hoach-khac-phuc", "2024", unit.id)
    rich = RichText.from_markup("Chưa **kịp thời** trong *xử lý* hồ sơ")
    lim = service.add_limitation(report.id, Limitation(text=rich, cause_subjective=rich))
    service.add_measure(report.id, Measure(measure=rich, directed_by="Lãnh đạo"), lim.id)
    _ctx, panel = open_panel(qtbot, service, report.id)
    assert panel.text_edit.toPlainText() == "Chưa kịp thời trong xử lý hồ sơ"
    type_text(panel.cause_objective_edit, "Khách quan")
    panel.flush()
    stored = service.get_report(report.id).limitations[0]
    assert stored.text == rich and stored.cause_subjective == rich
    assert stored.cause_objective.plain == "Khách quan"
    table = panel.measures
    assert not set_cell(table, 0, COL_MEASURE, "Chưa kịp thời trong xử lý hồ sơ")   # same words
    assert set_cell(table, 0, COL_DIRECTED_BY, "Lãnh đạo Văn phòng")
    assert service.get_report(report.id).limitations[0].measures[0].measure == rich
    # changed words are written as plain paragraphs
    panel.cause_subjective_edit.selectAll()
    type_text(panel.cause_subjective_edit, "Chủ quan")
    panel.flush()
    assert service.get_report(report.id).limitations[0].cause_subjective == RichText.from_plain("Chủ quan")


def test_invalid_period_is_not_saved_until_corrected(qtbot, sample_service):
    _ctx, panel = open_panel(qtbot, sample_service, 2)
    panel.origin_edit.selectAll()
    type_text(panel.origin_edit, "năm hai")
    panel.flush()
    assert sample_service.get_report(2).limitations[0].origin == Period(2022)
    assert panel.origin_edit.styleSheet()          # shown as wrong
    panel.origin_edit.selectAll()
    type_text(panel.origin_edit, "2023-H1")
    panel.flush()
    assert sample_service.get_report(2).limitations[0].origin == Period(2023, half=1)
    assert panel.origin_edit.styleSheet() == ""


# --- the cell editors ---------------------------------------------------------------------------------------
def open_editor(qtbot, table: MeasuresTable, row: int, col: int) -> None:
    index = table.model.index(row, col)
    table.view.setCurrentIndex(index)
    table.view.edit(index)
    qtbot.waitUntil(lambda: table.view.state() == table.view.State.EditingState)


def find_editor(table: MeasuresTable, kind):
    found = table.view.viewport().findChildren(kind)
    visible = [w for w in found if w.isVisible()]
    assert len(visible) == 1, visible
    return visible[0]


def test_text_editor_enter_is_new_line_and_ctrl_enter_commits(qtbot, sample_service):
    _ctx, panel = open_panel(qtbot, sample_service, 2)
    table = panel.measures
    open_editor(qtbot, table, 0, COL_MEASURE)
    editor = find_editor(table, CellTextEditor)
    assert editor.multiline
    editor.selectAll()
    type_text(editor, "Chỉ đạo rà soát")
    press(editor, Qt.Key.Key_Return)
    type_text(editor, "Báo cáo kết quả hằng quý")
    assert editor.toPlainText() == "Chỉ đạo rà soát\nBáo cáo kết quả hằng quý"
    press(editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: table.view.state() != table.view.State.EditingState)
    stored = sample_service.get_report(2).limitations[0].measures[0].measure
    assert [p.text for p in stored.paragraphs] == ["Chỉ đạo rà soát", "Báo cáo kết quả hằng quý"]

    # one-line fields: Enter finishes
    open_editor(qtbot, table, 0, COL_LEAD_UNIT)
    editor = find_editor(table, CellTextEditor)
    assert not editor.multiline
    editor.selectAll()
    type_text(editor, "Phòng Kiểm soát thủ tục hành chính")
    press(editor, Qt.Key.Key_Enter)
    qtbot.waitUntil(lambda: table.view.state() != table.view.State.EditingState)
    assert sample_service.get_report(2).limitations[0].measures[0].lead_unit == "Phòng Kiểm soát thủ tục hành chính"

    # Tab finishes and goes on to the next cell's editor
    open_editor(qtbot, table, 0, COL_DIRECTED_BY)
    editor = find_editor(table, CellTextEditor)
    editor.selectAll()
    type_text(editor, "Phó Chánh Văn phòng phụ trách")
    press(editor, Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: table.view.currentIndex().column() == COL_LEAD_UNIT)
    assert sample_service.get_report(2).limitations[0].measures[0].directed_by == "Phó Chánh Văn phòng phụ trách"
    assert table.view.state() == table.view.State.EditingState
    press(find_editor(table, CellTextEditor), Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: table.view.state() != table.view.State.EditingState)

    # Esc keeps what was stored
    open_editor(qtbot, table, 0, COL_TIMEFRAME)
    editor = find_editor(table, CellTextEditor)
    type_text(editor, " bỏ đi")
    press(editor, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: table.view.state() != table.view.State.EditingState)
    assert sample_service.get_report(2).limitations[0].measures[0].timeframe == "Thường xuyên trong năm 2023."


def test_date_and_status_editors(qtbot, sample_service):
    ctx, panel = open_panel(qtbot, sample_service, 2)
    table = panel.measures
    stored = lambda: sample_service.get_report(2).limitations[0].measures[0]  # noqa: E731

    open_editor(qtbot, table, 0, COL_DUE)
    editor = find_editor(table, DueDateEdit)
    assert editor.calendarPopup() and editor.displayFormat() == "dd/MM/yyyy"
    assert editor.due() == dt.date(2023, 12, 31)
    editor.set_due(dt.date(2024, 3, 15))
    table.delegate.commitData.emit(editor)
    table.delegate.closeEditor.emit(editor, table.delegate.EndEditHint.NoHint)
    assert stored().due == dt.date(2024, 3, 15) and cell(table, 0, COL_DUE) == "15/03/2024"

    open_editor(qtbot, table, 0, COL_DUE)
    editor = find_editor(table, DueDateEdit)
    editor.clear_action.trigger()          # the clear button: no due date, editor closed
    qtbot.waitUntil(lambda: table.view.state() != table.view.State.EditingState)
    # its words, "Thường xuyên trong năm 2023", are a standing duty: no date shown or asked
    assert stored().due is None and cell(table, 0, COL_DUE) == "Thường xuyên"

    open_editor(qtbot, table, 0, COL_STATUS)
    combo = find_editor(table, QComboBox)
    assert [combo.itemText(i) for i in range(combo.count())] == ["Chưa thực hiện", "Đang thực hiện", "Hoàn thành"]
    assert combo.currentText() == "Đang thực hiện"
    combo.setCurrentIndex(2)
    combo.activated.emit(2)
    qtbot.waitUntil(lambda: table.view.state() != table.view.State.EditingState)
    assert stored().status is MeasureStatus.DONE and cell(table, 0, COL_STATUS) == "Hoàn thành"
    assert [ctx.undo_stack.text(i) for i in range(ctx.undo_stack.count())] == ["Sửa biện pháp"] * 3


# --- general measures -----------------------------------------------------------------------------------------
def test_general_measures_move_within_their_section_and_add(qtbot, sample_service):
    ctx, panel = open_panel(qtbot, sample_service, 2)
    panel.show_general_measures()
    strengths, focus = panel.general_tables
    ids_a = [m.id for m in strengths.model.measures]
    ids_b = [m.id for m in focus.model.measures]
    focus.select_measure(ids_b[0])
    assert not focus.btn_up.isEnabled() and focus.btn_down.isEnabled()
    qtbot.mouseClick(focus.btn_down, Qt.MouseButton.LeftButton)
    assert [m.id for m in focus.model.measures] == [ids_b[1], ids_b[0], ids_b[2]]
    assert [m.id for m in strengths.model.measures] == ids_a
    strengths.select_measure(ids_a[3])
    qtbot.mouseClick(strengths.btn_up, Qt.MouseButton.LeftButton)
    assert [m.id for m in strengths.model.measures] == [ids_a[0], ids_a[1], ids_a[3], ids_a[2]]
    ctx.undo_stack.undo()
    ctx.undo_stack.undo()
    assert [m.id for m in strengths.model.measures] == ids_a and [m.id for m in focus.model.measures] == ids_b

    new_id = strengths.add_measure(edit=False)
    assert strengths.model.rowCount() == 5 and focus.model.rowCount() == 3
    assert set_cell(strengths, 4, COL_CONTENT, "Tăng cường ứng dụng công nghệ thông tin")
    report = sample_service.get_report(2)
    section = report.find(panel._general_ids[0])
    assert [m.id for m in report.general_measures_of(section)][-1] == new_id
    assert panel.tabs.tabText(1) == "Nhiệm vụ, biện pháp chung (8)"
    ctx.undo_stack.undo()
    ctx.undo_stack.undo()
    assert strengths.model.rowCount() == 4
    ctx.undo_stack.redo()
    assert strengths.model.measure(4).id == new_id


def test_delete_general_measure_and_undo(qtbot, sample_service):
    ctx, panel = open_panel(qtbot, sample_service, 2)
    focus = panel.general_tables[1]
    ids = [m.id for m in focus.model.measures]
    focus.select_measure(ids[1])
    qtbot.mouseClick(focus.btn_delete, Qt.MouseButton.LeftButton)
    assert [m.id for m in focus.model.measures] == [ids[0], ids[2]]
    assert focus.current_measure_id() == ids[2]
    ctx.undo_stack.undo()
    assert [m.id for m in focus.model.measures] == ids
    assert focus.model.measure(1).section is not None


# --- pieces -----------------------------------------------------------------------------------------------------
def test_share_width_fills_without_overflow():
    widths = share_width(700, {0: 4.0, 1: 1.0, 2: 1.0, 3: 2.0}, 80)
    assert sum(widths.values()) <= 700 and min(widths.values()) >= 80
    assert widths[0] > widths[3] > widths[1]


def test_reload_on_outside_change_keeps_selection(qtbot, sample_service):
    ctx, panel = open_panel(qtbot, sample_service, 2)
    panel.list.setCurrentRow(3)
    lim_id = panel.current_limitation_id()
    sample_service.update_measure(ctx.report().measures[0])
    ctx.notify()   # what the service noted
    assert panel.current_limitation_id() == lim_id and panel.list.currentRow() == 3
    panel.select_limitation(ctx.report().limitations[0].id)
    assert panel.list.currentRow() == 0 and panel.tabs.currentIndex() == 0


def test_general_tables_follow_the_outline(qtbot, sample_service):
    ctx, panel = open_panel(qtbot, sample_service, 2)
    first, second = panel._general_ids
    parent = ctx.report().parent_of(ctx.report().find(second))
    sample_service.move_section(second, parent.id, 0)       # the focus tasks now come first
    ctx.notify()
    assert panel._general_ids == [second, first]
    assert [t.model.rowCount() for t in panel.general_tables] == [3, 4]
    assert panel.general_tables[0].title.text().startswith("1. Giải pháp thực hiện")
    # the replaced tables are gone for good and no longer listen
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    ctx.notify()   # what the service noted
    assert [t.model.rowCount() for t in panel.general_tables] == [3, 4]


def test_due_cell_reads_the_officers_words_or_asks_for_a_date(qtbot, service, unit):
    from tudanhgia.domain import Measure, RichText
    from tudanhgia.ui.context import EditorContext
    from tudanhgia.ui.measures import MeasuresModel, COL_DUE
    from PySide6.QtCore import Qt
    report = service.create_report("ke-hoach-khac-phuc", "2024", unit.id)
    lim = service.add_limitation(report.id, __import__("tudanhgia.domain", fromlist=["Limitation"]).Limitation(
        RichText.from_plain("Hạn chế")))
    service.add_measure(report.id, Measure(measure=RichText.from_plain("A"), timeframe="Quý II năm 2099"), lim.id)
    service.add_measure(report.id, Measure(measure=RichText.from_plain("B"), timeframe="Khi có yêu cầu"), lim.id)
    ctx = EditorContext(service, report.id)
    model = MeasuresModel(ctx)
    model.set_owner(lim.id, None)
    read, unread = (model.index(r, COL_DUE) for r in range(2))
    assert model.data(read) == "≈ 30/06/2099"
    assert "01/04/2099 – 30/06/2099" in model.data(read, Qt.ItemDataRole.ToolTipRole)
    assert model.data(unread) == "⚠ chọn hạn"
    assert "Khi có yêu cầu" in model.data(unread, Qt.ItemDataRole.ToolTipRole)


# --- another program changed the limitation being typed (issue 11: nothing typed is lost) -----------------
def _type_cause_over_another_programs_change(qtbot, sample_service, sample_db, monkeypatch, answer):
    import dataclasses
    asked: list[str] = []
    monkeypatch.setattr(messages, "choose", lambda parent, text, options, cancel="": asked.append(text) or answer)
    report = sample_service.get_report(2)
    lim = report.limitations[0]
    ctx, panel = open_panel(qtbot, sample_service, 2)
    ctx.watch_outside_changes(False)   # typed before the window noticed
    other = ReportService.open(sample_db, create=False)
    try:
        other.update_limitation(dataclasses.replace(lim, cause_objective=RichText.from_plain("Do nơi khác ghi")), lim)
    finally:
        other.close()
    panel.cause_objective_edit.setFocus()
    panel.cause_objective_edit.selectAll()
    type_text(panel.cause_objective_edit, "Do cán bộ gõ")
    panel.flush()
    return lim, asked


def stored_cause(sample_db, lim_id) -> str:
    other = ReportService.open(sample_db, create=False)
    try:
        return next(x for x in other.get_report(2).limitations if x.id == lim_id).cause_objective.plain
    finally:
        other.close()


def test_a_cause_typed_over_another_programs_change_is_asked_and_the_other_taken(
        qtbot, sample_service, sample_db, monkeypatch, dialogs):
    lim, asked = _type_cause_over_another_programs_change(qtbot, sample_service, sample_db, monkeypatch, 0)
    assert len(asked) == 1 and not dialogs.get("warn")
    assert "Hạn chế vừa được thay đổi ở nơi khác" in asked[0]
    assert "Nguyên nhân khách quan — ở nơi khác: “Do nơi khác ghi”; bạn vừa nhập: “Do cán bộ gõ”" in asked[0]
    assert stored_cause(sample_db, lim.id) == "Do nơi khác ghi"


def test_a_cause_typed_over_another_programs_change_is_kept_when_the_officer_says_so(
        qtbot, sample_service, sample_db, monkeypatch):
    lim, asked = _type_cause_over_another_programs_change(qtbot, sample_service, sample_db, monkeypatch, None)
    assert len(asked) == 1
    assert stored_cause(sample_db, lim.id) == "Do cán bộ gõ"


def test_a_quarters_limitation_shows_its_period_as_officers_write_it(qtbot, service, unit, dialogs):
    """"Nêu ra từ kỳ" showed the internal code 2026-Q1 (found by the GUI tester)."""
    report = service.create_report("ke-hoach-khac-phuc", "2026-Q1", unit.id)
    _ctx, panel = open_panel(qtbot, service, report.id)
    qtbot.mouseClick(panel.btn_add, Qt.MouseButton.LeftButton)
    assert panel.origin_edit.text() == "Quý I/2026"
    panel.origin_edit.selectAll()
    type_text(panel.origin_edit, "Quý IV/2025")
    panel.flush()
    assert service.get_report(report.id).limitations[0].origin.code == "2025-Q4"
