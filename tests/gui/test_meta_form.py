"""The document's frame form as an officer uses it: typing Vietnamese, blank day, signer,
recipients, one undoable step per burst, changes found in a freshly opened database."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from tudanhgia.domain import Authority, ChatLuong, DocDate, Recipient, Recipients, Signer
from tudanhgia.services import ReportService
from tudanhgia.ui import messages
from tudanhgia.ui.context import EditorContext
from tudanhgia.ui.meta_form import DocumentMetaForm, check_date, InvalidDate
from tudanhgia.ui.people import RecipientsEditor, SignerEditor
from qt_keys import press, type_text

SAVE_TIMEOUT = 5000


def retype(line_edit, text: str) -> None:
    line_edit.selectAll()
    type_text(line_edit, text)


def type_in_cell(qtbot, table, row: int, col: int, text: str) -> None:
    """Type into the cell's open editor and commit with Enter, as an officer does."""
    index = table.model().index(row, col)
    editor = table.indexWidget(index)
    assert editor is not None
    editor.selectAll()
    type_text(editor, text)
    press(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: table.indexWidget(index) is None)  # Qt commits on the next event loop turn


def edit_cell(qtbot, table, row: int, col: int, text: str) -> None:
    """Open the cell's editor as a double-click would, type, and commit."""
    table.setCurrentCell(row, col)
    table.editItem(table.item(row, col))
    type_in_cell(qtbot, table, row, col, text)


@pytest.fixture
def warnings(monkeypatch):
    shown: list[str] = []
    monkeypatch.setattr(messages, "warn", lambda parent, text: shown.append(text))
    monkeypatch.setattr(messages, "info", lambda parent, text: shown.append(text))
    return shown


def make_form(qtbot, service, report_id: int):
    ctx = EditorContext(service, report_id)
    form = DocumentMetaForm(ctx)
    qtbot.addWidget(form)
    form.resize(1000, 700)
    form.show()
    qtbot.waitExposed(form)
    return ctx, form


def fresh_report(db_path, report_id: int):
    """The report as a new connection to the file sees it."""
    service = ReportService.open(db_path, create=False)
    try:
        return service.get_report(report_id)
    finally:
        service.close()


def wait_saved(qtbot, form, ctx, count: int) -> None:
    qtbot.waitUntil(lambda: not form.is_dirty() and ctx.undo_stack.count() == count, timeout=SAVE_TIMEOUT)


def test_shows_the_report_frame(qtbot, sample_service):
    _ctx, form = make_form(qtbot, sample_service, 1)
    assert form.parent_agency.text() == "UBND TỈNH QUẢNG NGÃI"
    assert form.issuing_agency.text() == "VĂN PHÒNG"
    assert form.number.text() == "" and form.symbol.text() == "BC-VP"
    assert (form.day.currentText(), form.month.currentText(), form.year.value()) == ("—", "12", 2020)
    assert form.kind_name.currentText() == "BÁO CÁO KIỂM ĐIỂM TẬP THỂ"
    assert form.signer.value() == Signer(Authority.KT, "CHÁNH VĂN PHÒNG", "PHÓ CHÁNH VĂN PHÒNG", "Lê Quốc Đạt")
    assert form.recipients.value().archive == "VT, HC-TC"
    assert form.rating.isVisible() and form.rating.currentData() is ChatLuong.HTT
    # the blanks the clerk fills in are visible in the printed lines
    assert form.number_preview.text().startswith("Số: <span style='background")
    assert form.number_preview.text().endswith("/BC-VP")
    assert "Quảng Ngãi, ngày <span" in form.date_preview.text()
    assert "tháng 12 năm 2020" in form.date_preview.text()
    assert not form.is_dirty() and form._dirty == set() and _ctx.undo_stack.count() == 0


def test_a_burst_of_typing_is_saved_as_one_undoable_step(qtbot, sample_service, sample_db):
    ctx, form = make_form(qtbot, sample_service, 3)
    before = fresh_report(sample_db, 3)

    type_text(form.number, "5")
    retype(form.place, "Thành phố Quảng Ngãi")
    form.day.setCurrentIndex(form.day.findData(5))
    form.month.setCurrentIndex(form.month.findData(1))
    form.year.setValue(2024)
    form.subject.selectAll()
    type_text(form.subject, "Tự đánh giá kết quả thực hiện nhiệm vụ công tác năm 2023")
    form.urgency.setCurrentIndex(form.urgency.findData("KHẨN"))
    # the signer becomes the deputy signing for the head
    form.signer.authority.setCurrentIndex(form.signer.authority.findData(Authority.KT))
    assert form.signer.authority_position.isEnabled()
    type_text(form.signer.authority_position, "chánh văn phòng")
    retype(form.signer.position, "PHÓ CHÁNH VĂN PHÒNG")
    retype(form.signer.name, "Lê Quốc Đạt")
    # a new recipient, typed into the table, moved up to the top
    table = form.recipients.table
    qtbot.mouseClick(form.recipients.add_button, Qt.MouseButton.LeftButton)
    new_row = table.rowCount() - 1
    type_in_cell(qtbot, table, new_row, 0, "Ban Thường vụ Tỉnh ủy")
    edit_cell(qtbot, table, new_row, 1, "báo cáo")
    table.setCurrentCell(new_row, 0)
    for _ in range(new_row):
        qtbot.mouseClick(form.recipients.up_button, Qt.MouseButton.LeftButton)
    assert not form.recipients.up_button.isEnabled()
    retype(form.recipients.archive, "VT, HCQT")

    # what the officer sees while typing
    assert form.number_preview.text() == "Số: 05/BC-VP"
    assert form.date_preview.text() == "<i>Thành phố Quảng Ngãi, ngày 05 tháng 01 năm 2024</i>"
    assert "KT. CHÁNH VĂN PHÒNG" in form.signer.preview.text()
    assert "- Ban Thường vụ Tỉnh ủy (báo cáo);" in form.recipients.preview.text()

    wait_saved(qtbot, form, ctx, 1)
    assert ctx.undo_stack.text(0) == "Sửa thông tin văn bản"
    after = fresh_report(sample_db, 3)
    assert after.meta.number == "5" and after.meta.number_line() == "Số: 05/BC-VP"
    assert after.meta.place == "Thành phố Quảng Ngãi"
    assert after.meta.date == DocDate(2024, 1, 5)
    assert after.meta.date.place_line(after.meta.place) == "Thành phố Quảng Ngãi, ngày 05 tháng 01 năm 2024"
    assert after.meta.subject == "Tự đánh giá kết quả thực hiện nhiệm vụ công tác năm 2023"
    assert after.meta.urgency == "KHẨN"
    assert after.signer == Signer(Authority.KT, "chánh văn phòng", "PHÓ CHÁNH VĂN PHÒNG", "Lê Quốc Đạt")
    assert after.signer.title_lines() == ["KT. CHÁNH VĂN PHÒNG", "PHÓ CHÁNH VĂN PHÒNG"]
    assert after.recipients.lines[0] == Recipient("Ban Thường vụ Tỉnh ủy", "báo cáo")
    assert after.recipients.lines[1:] == before.recipients.lines
    assert after.recipients.printed()[-1] == "- Lưu: VT, HCQT."
    # what the form does not own is untouched
    assert after.meta.preamble == before.meta.preamble and after.meta.closing == before.meta.closing

    # undo puts every old value back, in the database and on screen
    ctx.undo_stack.undo()
    undone = fresh_report(sample_db, 3)
    assert undone.meta == before.meta
    assert undone.signer == before.signer and undone.recipients == before.recipients
    assert form.place.text() == "Quảng Ngãi" and form.number.text() == ""
    assert form.day.currentData() is None and form.month.currentData() == 11
    assert form.signer.value() == before.signer and not form.signer.authority_position.isEnabled()
    assert form.recipients.table.rowCount() == len(before.recipients.lines)
    # and redo brings the edit back
    ctx.undo_stack.redo()
    assert fresh_report(sample_db, 3).meta.date == DocDate(2024, 1, 5)


def test_blank_day_and_an_impossible_date(qtbot, sample_service, sample_db, warnings):
    ctx, form = make_form(qtbot, sample_service, 1)
    form.day.setCurrentIndex(form.day.findData(31))
    form.month.setCurrentIndex(form.month.findData(2))
    form.year.setValue(2024)
    retype(form.symbol, "BC-VP")   # unchanged: not a change
    type_text(form.number, "12")
    qtbot.waitUntil(form.date_error.isVisible, timeout=SAVE_TIMEOUT)
    assert "Ngày 31 tháng 02 năm 2024 không có thật" in form.date_error.text()
    assert "29 ngày" in form.date_error.text()
    assert "color:#b00020" in form.date_preview.text() and "ngày 31 tháng 02 năm 2024" in form.date_preview.text()
    # the number was saved; the impossible date was not, and is still on screen
    stored = fresh_report(sample_db, 1)
    assert stored.meta.number == "12" and stored.meta.date == DocDate(2020, 12, None)
    assert (form.day.currentData(), form.month.currentData(), form.year.value()) == (31, 2, 2024)
    assert form.is_dirty()
    # flushing (before export, closing …) tells the officer
    assert form.flush() is False
    assert warnings and "không có thật" in warnings[-1]

    # the officer leaves the day blank instead: the Home key picks "—"
    form.day.setFocus()
    press(form.day, Qt.Key.Key_Home)
    assert form.day.currentText() == "—"
    qtbot.waitUntil(lambda: not form.is_dirty(), timeout=SAVE_TIMEOUT)
    assert not form.date_error.isVisible()
    stored = fresh_report(sample_db, 1)
    assert stored.meta.date == DocDate(2024, 2, None)
    assert stored.meta.date.place_line("Quảng Ngãi", "_") == "Quảng Ngãi, ngày _ tháng 02 năm 2024"
    assert "ngày <span style='background" in form.date_preview.text()
    assert ctx.undo_stack.count() == 2


def test_check_date():
    assert check_date(2024, 2, 29) == DocDate(2024, 2, 29)
    assert check_date(None, 2, 29) == DocDate(None, 2, 29)
    assert check_date(2024, None, 31) == DocDate(2024, None, 31)
    with pytest.raises(InvalidDate, match="tháng 4 năm 2023 chỉ có 30 ngày"):
        check_date(2023, 4, 31)
    with pytest.raises(InvalidDate, match="tháng 2 chỉ có 29 ngày"):
        check_date(None, 2, 30)


def test_flush_saves_at_once(qtbot, sample_service, sample_db):
    ctx, form = make_form(qtbot, sample_service, 2)
    retype(form.issuing_agency, "VĂN PHÒNG UBND TỈNH")
    assert form.is_dirty()
    assert form.flush() is True
    assert not form.is_dirty() and ctx.undo_stack.count() == 1
    assert fresh_report(sample_db, 2).meta.issuing_agency == "VĂN PHÒNG UBND TỈNH"
    # nothing pending: nothing more is recorded
    assert form.flush() is True and ctx.undo_stack.count() == 1
    # a recipient still being typed when the officer exports is saved as typed
    form.recipients.add_line()
    table = form.recipients.table
    type_text(table.indexWidget(table.model().index(table.rowCount() - 1, 0)), "Sở Tài chính")
    assert form.flush() is True and ctx.undo_stack.count() == 2
    assert fresh_report(sample_db, 2).recipients.lines[-1] == Recipient("Sở Tài chính")


def test_changes_from_elsewhere_reload_without_losing_typing(qtbot, sample_service, sample_db):
    ctx, form = make_form(qtbot, sample_service, 3)
    service = sample_service
    # the officer is typing a place; before it is saved, another panel changes the subject
    retype(form.place, "Quảng Ngãi mới")
    ctx.run("Đổi trích yếu", lambda: service.update_meta(3, subject="Báo cáo thử nghiệm"),
            lambda: service.update_meta(3, subject="Tự đánh giá kết quả thực hiện nhiệm vụ năm 2023"))
    assert form.subject.toPlainText() == "Báo cáo thử nghiệm"
    assert form.place.text() == "Quảng Ngãi mới"
    wait_saved(qtbot, form, ctx, 2)
    stored = fresh_report(sample_db, 3)
    assert stored.meta.subject == "Báo cáo thử nghiệm" and stored.meta.place == "Quảng Ngãi mới"
    # undoing the form's step reverts only the place, not the other panel's subject
    ctx.undo_stack.undo()
    stored = fresh_report(sample_db, 3)
    assert stored.meta.place == "Quảng Ngãi" and stored.meta.subject == "Báo cáo thử nghiệm"
    assert form.place.text() == "Quảng Ngãi"


def test_own_save_does_not_clobber_the_field_being_typed(qtbot, sample_service, sample_db):
    ctx, form = make_form(qtbot, sample_service, 3)
    form.activateWindow()
    qtbot.waitUntil(form.isActiveWindow)
    form.subject.setFocus()
    qtbot.waitUntil(form.subject.hasFocus)
    form.subject.selectAll()
    type_text(form.subject, "Năm  2024 ")  # the officer pauses mid-sentence
    wait_saved(qtbot, form, ctx, 1)
    assert fresh_report(sample_db, 3).meta.subject == "Năm 2024"
    assert form.subject.toPlainText() == "Năm  2024 "  # the cursor and spaces are still theirs
    assert form.subject.textCursor().position() == len("Năm  2024 ")


def test_classification_is_an_undoable_choice(qtbot, sample_service, sample_db):
    ctx, form = make_form(qtbot, sample_service, 1)
    section_id = fresh_report(sample_db, 1).classification_section.id
    form.rating.setCurrentIndex(form.rating.findData(None))
    form.rating.setCurrentIndex(form.rating.findData(ChatLuong.HTXS))
    assert ctx.undo_stack.count() == 2
    assert ctx.undo_stack.text(1) == "Đề nghị xếp loại: Hoàn thành xuất sắc nhiệm vụ"
    stored = fresh_report(sample_db, 1)
    assert stored.classification is ChatLuong.HTXS and stored.classification_section.id == section_id
    ctx.undo_stack.undo()
    assert fresh_report(sample_db, 1).classification is None
    assert form.rating.currentText() == "— chưa chọn —"
    ctx.undo_stack.undo()
    assert fresh_report(sample_db, 1).classification is ChatLuong.HTT
    assert form.rating.currentData() is ChatLuong.HTT


def test_no_classification_row_for_a_plan(qtbot, sample_service):
    _ctx, form = make_form(qtbot, sample_service, 2)
    assert not form.rating.isVisible() and not form.rating_label.isVisible()


def test_fill_from_the_unit_profile(qtbot, sample_service, sample_db):
    ctx, form = make_form(qtbot, sample_service, 3)
    unit = sample_service.get_unit(1)
    unit.signer = Signer(Authority.KT, "CHÁNH VĂN PHÒNG", "PHÓ CHÁNH VĂN PHÒNG", "Đặng Ngọc Dũng")
    unit.abbreviation = "VPUB"
    sample_service.save_unit(unit)
    form.parent_agency.clear()
    retype(form.place, "Hà Nội")
    wait_saved(qtbot, form, ctx, 1)
    before = fresh_report(sample_db, 3)

    qtbot.mouseClick(form.fill_button, Qt.MouseButton.LeftButton)
    assert form.parent_agency.text() == "UBND TỈNH QUẢNG NGÃI" and form.place.text() == "Quảng Ngãi"
    assert form.symbol.text() == "BC-VPUB"
    assert form.signer.value() == unit.signer
    assert form.recipients.value() == unit.recipients
    assert ctx.undo_stack.count() == 2 and ctx.undo_stack.text(1) == "Lấy thông tin theo hồ sơ đơn vị"
    stored = fresh_report(sample_db, 3)
    assert (stored.meta.parent_agency, stored.meta.issuing_agency, stored.meta.place, stored.meta.symbol) == \
        ("UBND TỈNH QUẢNG NGÃI", "VĂN PHÒNG", "Quảng Ngãi", "BC-VPUB")
    assert stored.signer == unit.signer and stored.recipients == unit.recipients
    ctx.undo_stack.undo()
    undone = fresh_report(sample_db, 3)
    assert undone.meta == before.meta and undone.signer == before.signer and undone.recipients == before.recipients
    assert form.place.text() == "Hà Nội"


def test_fill_without_a_unit_says_why(qtbot, service, warnings):
    report = service.create_report("tu-danh-gia-nam", "2024")
    assert report.unit_id is None
    ctx, form = make_form(qtbot, service, report.id)
    assert form.fill_from_unit() is False
    assert warnings == ["Báo cáo này chưa gắn với đơn vị nào nên không có hồ sơ để lấy thông tin."]
    assert ctx.undo_stack.count() == 0


def test_form_fits_a_small_screen(qtbot, sample_service):
    _ctx, form = make_form(qtbot, sample_service, 1)
    form.resize(900, 620)
    qtbot.wait(10)
    # the fields scroll instead of pushing the window past a 1366×768 screen
    assert form.minimumSizeHint().height() < 600 and form.minimumSizeHint().width() < 900


# --- the two editors on their own -------------------------------------------------------------------
def test_recipients_editor(qtbot):
    editor = RecipientsEditor()
    qtbot.addWidget(editor)
    edits: list[None] = []
    editor.edited.connect(lambda: edits.append(None))
    editor.set_value(Recipients([Recipient("Sở Nội vụ"), Recipient("CT, PCT UBND tỉnh", "báo cáo")], "VT, VP"))
    assert edits == []  # loading is not editing
    assert editor.preview.text() == ("<b><i>Nơi nhận:</i></b><br>- Sở Nội vụ;<br>- CT, PCT UBND tỉnh (báo cáo);"
                                     "<br>- Lưu: VT, VP.")
    editor.table.setCurrentCell(1, 0)
    editor.move_current(-1)
    assert [r.text for r in editor.value().lines] == ["CT, PCT UBND tỉnh", "Sở Nội vụ"]
    assert editor.value().lines[0].purpose == "báo cáo"
    # lines pasted from an old document lose their dash, semicolon and brackets
    editor.add_line()
    row = editor.table.rowCount() - 1
    type_in_cell(qtbot, editor.table, row, 0, "- Ban Tổ chức Tỉnh ủy;")
    edit_cell(qtbot, editor.table, row, 1, "(để biết)")
    assert editor.value().lines[-1] == Recipient("Ban Tổ chức Tỉnh ủy", "để biết")
    editor.add_line()  # left empty: not a recipient
    assert len(editor.value().lines) == 3
    editor.table.setCurrentCell(0, 0)
    editor.remove_current()
    assert [r.text for r in editor.value().lines] == ["Sở Nội vụ", "Ban Tổ chức Tỉnh ủy"]
    editor.archive.setText("VT, VP.")
    assert editor.value().archive == "VT, VP" and editor.value().printed()[-1] == "- Lưu: VT, VP."
    editor.archive.clear()
    assert editor.value().archive == "VT"
    assert len(edits) >= 5


def test_signer_editor(qtbot):
    editor = SignerEditor()
    qtbot.addWidget(editor)
    edits: list[None] = []
    editor.edited.connect(lambda: edits.append(None))
    editor.set_value(Signer(Authority.TM, "Ủy ban nhân dân", "Chủ tịch", "Nguyễn Văn A"))
    assert edits == [] and editor.authority_position.isEnabled()
    assert editor.preview.text().startswith("<b>TM. ỦY BAN NHÂN DÂN</b><br><b>CHỦ TỊCH</b>")
    assert "<b>Nguyễn Văn A</b>" in editor.preview.text()
    assert [editor.authority.itemText(i) for i in range(editor.authority.count())] == [a.label for a in Authority]
    editor.authority.setCurrentIndex(editor.authority.findData(Authority.NONE))
    assert not editor.authority_position.isEnabled()
    assert editor.value().title_lines() == ["CHỦ TỊCH"]
    assert edits
    editor.name.clear()
    assert "chưa có họ tên người ký" in editor.preview.text()
