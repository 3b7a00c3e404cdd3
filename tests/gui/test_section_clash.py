"""A section typed in the window and written meanwhile by another program (issue 11, point 6): the
window's next autosave does not overwrite the other text, the officer's text is kept on screen and
unsaved, and the officer chooses: keep it (written over the other), take the other (the own text one
Ctrl+Z away), or later (the banner, save elsewhere, asked again after more typing)."""
import pytest
from PySide6.QtGui import QTextCursor

from tudanhgia.domain import RichText
from tudanhgia.services import ReportService
from tudanhgia.ui import messages
from qt_keys import type_text
from test_editor import open_window
from test_editor_scale import long_report, open_long_body

THEIRS = "Đoạn do lệnh nhập ghi vào cùng mục."


@pytest.fixture
def asked(monkeypatch):
    """messages.choose answers from `asked.answers` (None: the cancel button) and records the question."""
    class Asked(list):
        def __init__(self):
            super().__init__()
            self.answers: list = []
    log = Asked()
    for name in ("warn", "error", "info"):
        monkeypatch.setattr(messages, name, lambda parent, text, name=name: log.append((name, text)))
    monkeypatch.setattr(messages, "choose", lambda parent, text, options, cancel="":
                        log.append(("choose", text, options)) or (log.answers.pop(0) if log.answers else None))
    return log


def other_writes(service, section_id: int, text: str = THEIRS) -> None:
    """Another program on the same file (the command line, a second window) writes the section's body."""
    other = ReportService.open(service.db.path, create=False)
    try:
        other.update_section(section_id, body=RichText.from_plain(text))
    finally:
        other.close()


def stored_body(service, report_id: int, section_id: int) -> str:
    other = ReportService.open(service.db.path, create=False)
    try:
        return other.get_report(report_id).find(section_id).body.plain
    finally:
        other.close()


def open_section(qtbot, service, unit, tmp_path):
    report = long_report(service, unit, chapters=2, items=2)
    section = report.sections[1].children[1]
    w = open_window(qtbot, service, tmp_path, report.id)
    w.editor.select(section.id)
    w.editor.page.editor.setFocus()
    w.editor.page.editor.moveCursor(QTextCursor.MoveOperation.End)
    return w, report, section


def test_the_next_autosave_does_not_overwrite_a_body_written_elsewhere_and_keeps_the_typing(
        qtbot, service, unit, tmp_path, asked):
    w, report, section = open_section(qtbot, service, unit, tmp_path)
    page = w.editor.page
    type_text(page.editor, " Ý của cán bộ.")
    other_writes(service, section.id)              # between the window's read and its write
    page.autosave.write()                          # the pause after typing
    assert stored_body(service, report.id, section.id) == THEIRS            # not overwritten
    assert page.editor.toPlainText().endswith("Ý của cán bộ.")             # the officer's text kept
    question = next(a for a in asked if a[0] == "choose")
    assert question[1].startswith("Mục “2. Nội dung 1.1” vừa được thay đổi ở nơi khác")
    assert question[2] == ["Giữ nội dung đang soạn", "Lấy bản ở nơi khác"]
    # "Để sau": unsaved, said by the banner, offered to save elsewhere; retries do not overwrite
    assert page.autosave.dirty and page.autosave.unsaved()[0][1].endswith("Ý của cán bộ.")
    assert w.save_banner.isVisible() and "Nội dung 1.1" in w.save_banner.text()
    asked.clear()
    w.flush_all()                                  # "Thử lưu lại", the retry timer, the 2-second watch
    assert stored_body(service, report.id, section.id) == THEIRS and not asked   # not asked per retry
    asked.answers = [0]                            # typed again: asked again; "Giữ nội dung đang soạn"
    type_text(page.editor, " Thêm.")
    page.autosave.write()
    assert any(a[0] == "choose" for a in asked)
    qtbot.waitUntil(lambda: stored_body(service, report.id, section.id).endswith("Ý của cán bộ. Thêm."),
                    timeout=5000)
    qtbot.waitUntil(lambda: not w.save_banner.isVisible(), timeout=5000)
    assert not page.autosave.dirty


def test_taking_the_other_text_keeps_the_officers_one_ctrl_z_away(qtbot, service, unit, tmp_path, asked):
    w, report, big = open_long_body(qtbot, service, unit, tmp_path)   # written on the worker thread
    page = w.editor.page
    type_text(page.editor, " giữ lại")
    other_writes(service, big.id)
    asked.answers = [1]                            # "Lấy bản ở nơi khác"
    page.autosave.write()
    qtbot.waitUntil(lambda: not w.ctx.background.busy, timeout=10_000)
    qtbot.waitUntil(lambda: page.editor.toPlainText() == THEIRS, timeout=5000)
    assert stored_body(service, report.id, big.id) == THEIRS
    assert w.act_undo.text() == "Hoàn tác: Lấy bản ở nơi khác"
    w.act_undo.trigger()                           # Sửa ▸ Hoàn tác: the officer's text is back
    assert page.editor.toPlainText().endswith("giữ lại")
    w.flush_all()
    assert stored_body(service, report.id, big.id).endswith("giữ lại")   # and written, by the officer's choice


def stored_heading(service, report_id: int, section_id: int) -> str:
    other = ReportService.open(service.db.path, create=False)
    try:
        return other.get_report(report_id).find(section_id).heading
    finally:
        other.close()


def rename_elsewhere_then_type(qtbot, service, unit, tmp_path):
    w, report, section = open_section(qtbot, service, unit, tmp_path)
    page = w.editor.page
    other = ReportService.open(service.db.path, create=False)
    try:
        other.update_section(section.id, heading="Tên do nơi khác đặt")
    finally:
        other.close()
    page.heading.setFocus()
    page.heading.selectAll()
    type_text(page.heading, "Tên cán bộ gõ")
    page.heading_autosave.write()
    return w, report, section


def test_a_heading_renamed_elsewhere_is_not_overwritten_and_taking_the_other_shows_it(
        qtbot, service, unit, tmp_path, asked):
    asked.answers = [0]                      # "Lấy giá trị ở nơi khác"
    w, report, section = rename_elsewhere_then_type(qtbot, service, unit, tmp_path)
    assert stored_heading(service, report.id, section.id) == "Tên do nơi khác đặt"
    [question] = [a for a in asked if a[0] == "choose"]
    assert "Tên mục vừa được thay đổi ở nơi khác" in question[1]
    assert "“Tên do nơi khác đặt”" in question[1] and "“Tên cán bộ gõ”" in question[1]   # both names, side by side
    assert not [a for a in asked if a[0] == "warn"]                                        # one question, no second box
    assert w.editor.page.heading.text() == "Tên do nơi khác đặt"
    w.flush_all()
    assert stored_heading(service, report.id, section.id) == "Tên do nơi khác đặt"


def test_a_heading_typed_over_another_programs_rename_is_kept_when_the_officer_says_so(
        qtbot, service, unit, tmp_path, asked):
    w, report, section = rename_elsewhere_then_type(qtbot, service, unit, tmp_path)   # Escape: keep
    assert any(a[0] == "choose" for a in asked)
    assert w.editor.page.heading.text() == "Tên cán bộ gõ"          # the typing is still on screen …
    w.flush_all()
    assert stored_heading(service, report.id, section.id) == "Tên cán bộ gõ"   # … and written over the other


def test_undo_of_the_windows_own_typing_and_rating_still_writes(qtbot, service, unit, tmp_path, asked):
    w, report, section = open_section(qtbot, service, unit, tmp_path)
    page = w.editor.page
    before = stored_body(service, report.id, section.id)
    type_text(page.editor, " một")
    page.autosave.write()
    type_text(page.editor, " hai")
    page.autosave.write()
    assert stored_body(service, report.id, section.id) == before + " một hai"
    page.editor.undo()
    page.autosave.write()
    assert stored_body(service, report.id, section.id) != before + " một hai"
    page.rating_checks[0].click()
    page.rating_checks[1].click()
    w.ctx.undo_stack.undo()
    w.ctx.undo_stack.undo()
    fresh = ReportService.open(service.db.path, create=False)
    try:
        assert fresh.get_report(report.id).find(section.id).rating is None
    finally:
        fresh.close()
    assert not asked


def test_the_preamble_typed_while_another_program_changed_it_is_kept_and_not_overwritten(
        qtbot, service, unit, tmp_path, asked):
    w, report, _section = open_section(qtbot, service, unit, tmp_path)
    page = w.editor.page
    w.editor.select("preamble")
    page.editor.setFocus()
    page.editor.moveCursor(QTextCursor.MoveOperation.End)
    type_text(page.editor, "Căn cứ Kế hoạch số 12.")
    other = ReportService.open(service.db.path, create=False)
    try:
        other.update_meta(report.id, preamble=RichText.from_plain(THEIRS))
        page.autosave.write()
        assert other.get_report(report.id).meta.preamble.plain == THEIRS
    finally:
        other.close()
    assert page.editor.toPlainText().endswith("Căn cứ Kế hoạch số 12.")
    assert any(a[0] == "choose" and "Phần mở đầu vừa được thay đổi" in a[1] for a in asked)
    assert page.autosave.dirty


def _type_place_over_another_programs(qtbot, sample_service, sample_db):
    from tudanhgia.ui.context import EditorContext
    from tudanhgia.ui.meta_form import DocumentMetaForm
    ctx = EditorContext(sample_service, 3)
    form = DocumentMetaForm(ctx)
    qtbot.addWidget(form)
    form.show()
    said: list[str] = []
    ctx.error.connect(said.append)      # what the window's message box shows
    other = ReportService.open(sample_db, create=False)
    try:
        other.update_meta(3, place="Đà Nẵng")
        form.place.setFocus()
        form.place.selectAll()
        type_text(form.place, "Huế")
        form.flush()
        assert other.get_report(3).meta.place == "Đà Nẵng"     # not written over by the first save
    finally:
        other.close()
    return form, said


def stored_place(sample_db) -> str:
    other = ReportService.open(sample_db, create=False)
    try:
        return other.get_report(3).meta.place
    finally:
        other.close()


def test_a_document_field_typed_over_another_programs_change_is_refused_then_the_other_taken(
        qtbot, sample_service, sample_db, asked):
    asked.answers = [0]
    form, said = _type_place_over_another_programs(qtbot, sample_service, sample_db)
    [question] = [a for a in asked if a[0] == "choose"]
    assert "Thông tin văn bản vừa được thay đổi ở nơi khác" in question[1]
    assert "Địa danh — ở nơi khác: “Đà Nẵng”; bạn vừa nhập: “Huế”" in question[1]
    assert said == []                    # one question, not a message as well
    assert form.place.text() == "Đà Nẵng" and not form.is_dirty()
    form.flush()
    assert stored_place(sample_db) == "Đà Nẵng"


def test_a_document_field_typed_over_another_programs_change_is_kept_when_the_officer_says_so(
        qtbot, sample_service, sample_db, asked):
    form, _said = _type_place_over_another_programs(qtbot, sample_service, sample_db)   # Escape: keep
    assert any(a[0] == "choose" for a in asked)
    assert form.place.text() == "Huế" and form.is_dirty()      # still on screen, still to be saved
    assert form.flush()
    assert stored_place(sample_db) == "Huế"


def test_a_save_while_the_question_is_open_does_not_overwrite(qtbot, service, unit, tmp_path, monkeypatch):
    """The question is modal, but timers still fire under it (the 2-second check, the retries)."""
    w, report, section = open_section(qtbot, service, unit, tmp_path)
    page = w.editor.page
    questions = []

    def choose(parent, text, options, cancel=""):
        questions.append(text)
        if len(questions) == 1:
            other_writes(service, section.id, THEIRS + " Lần hai.")   # written again meanwhile
            w.ctx.check_outside_changes()      # the 2-second check, while the box is open
            w.flush_all()                      # a retry
        return None                            # "Để sau"
    monkeypatch.setattr(messages, "choose", choose)
    monkeypatch.setattr(messages, "warn", lambda parent, text: questions.append(text))
    type_text(page.editor, " Ý của cán bộ.")
    other_writes(service, section.id)
    page.autosave.write()
    assert len(questions) == 1                                       # asked once
    assert stored_body(service, report.id, section.id) == THEIRS + " Lần hai."   # nothing overwritten
    assert page.editor.toPlainText().endswith("Ý của cán bộ.") and page.autosave.dirty
