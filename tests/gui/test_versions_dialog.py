"""Phiên bản ▸ the versions dialog, the comparison view, restore with undo, the issued state —
driven as an officer would (issue 17)."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QInputDialog, QPushButton

from tudanhgia.ui import file_dialogs
from tudanhgia.domain.period import DocDate
from tudanhgia.domain.model import AppendixTable
from tudanhgia.domain.richtext import RichText
from tudanhgia.paths import AppPaths
from tudanhgia.services import ReportService
from tudanhgia.ui import backups as ui_backups, messages
from tudanhgia.ui.app import make_application
from tudanhgia.ui.dialogs import CompletenessDialog
from tudanhgia.ui.editor import Target
from tudanhgia.ui.main_window import MainWindow
from tudanhgia.ui.versions import DiffDialog, VersionsDialog
from qt_keys import type_text

REPORT = 3


@pytest.fixture
def window(qtbot, sample_db, user_data_dir, monkeypatch, said):
    monkeypatch.setattr(ui_backups, "OPEN_DELAY_MS", 60_000)
    said["info"] = []
    monkeypatch.setattr(messages, "info", lambda parent, text: said["info"].append(text))
    make_application()
    paths = AppPaths.default().ensure()
    service = ReportService.open(sample_db, paths, create=False)
    w = MainWindow(service, paths, QSettings(str(paths.settings_file), QSettings.Format.IniFormat))
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    w.open_report(REPORT)
    yield w
    w.backups.wait(10)
    w.service.close()


def _section(w):
    return next(s for s in w.service.get_report(REPORT).walk() if s.body.paragraphs)


def _dialog(qtbot, w) -> VersionsDialog:
    d = VersionsDialog(w, REPORT)
    qtbot.addWidget(d)
    d.show()
    return d


def _rows(d: VersionsDialog) -> list[str]:
    return [d.table.item(r, 1).text() for r in range(d.table.rowCount())]


def test_save_compare_and_restore_with_undo(qtbot, window, said, monkeypatch):
    w = window
    d = _dialog(qtbot, w)
    type_text(d.name, "Dự thảo lần 2")
    qtbot.mouseClick(d.save_button, Qt.MouseButton.LeftButton)
    assert _rows(d) == ["Dự thảo lần 2"]
    section = _section(w)
    original = section.body.plain
    w.service.write_section_body(section.id, RichText.from_plain("Văn phòng đã hoàn thành xuất sắc nhiệm vụ."))
    w.ctx.reload_from_store()
    w.editor.select(Target("section", section.id).key)
    shown_text = w.editor.page.editor.toPlainText
    assert shown_text() == "Văn phòng đã hoàn thành xuất sắc nhiệm vụ."

    shown = []
    monkeypatch.setattr(DiffDialog, "exec", lambda self: shown.append(self) or 0)
    d.table.selectRow(0)
    qtbot.mouseClick(d.compare_now_button, Qt.MouseButton.LeftButton)
    (view,) = shown
    text = view.view.toPlainText()
    assert "1 mục thay đổi" in text and "xuất sắc" in text
    from tudanhgia.render.diff_html import DEL_STYLE, INS_STYLE
    assert f'<span style="{INS_STYLE}">' in view.html() and f'<span style="{DEL_STYLE}">' in view.html()

    said["answers"].append(True)
    qtbot.mouseClick(d.restore_button, Qt.MouseButton.LeftButton)
    assert w.service.get_report(REPORT).find(section.id).body.plain == original
    assert shown_text() == original                         # what the officer sees, too
    assert _rows(d)[0] == "Khôi phục từ phiên bản 1"       # the restore is a new version
    assert w.act_undo.isEnabled()
    w.act_undo.trigger()                                     # Ctrl+Z: the text before the restore
    assert w.service.get_report(REPORT).find(section.id).body.plain == "Văn phòng đã hoàn thành xuất sắc nhiệm vụ."
    assert shown_text() == "Văn phòng đã hoàn thành xuất sắc nhiệm vụ."
    w.act_redo.trigger()
    assert w.service.get_report(REPORT).find(section.id).body.plain == original
    # the state before the restore, then the restore; redo restores again without more versions
    assert [v.reason for v in w.service.list_versions(REPORT)] == ["manual", "before-restore", "restore"]


def test_restore_one_section_from_the_dialog(qtbot, window, said):
    w = window
    sections = [s for s in w.service.get_report(REPORT).walk() if s.body.paragraphs]
    a, b = sections[0], sections[1]
    w.service.save_version(REPORT, "Trước khi sửa")
    w.service.write_section_body(a.id, RichText.from_plain("Sửa A"))
    w.service.write_section_body(b.id, RichText.from_plain("Sửa B"))
    w.ctx.reload_from_store()
    d = _dialog(qtbot, w)
    d.table.selectRow(0)
    d.section_pick.setCurrentIndex(d.section_pick.findData(a.id))
    said["answers"].append(True)
    qtbot.mouseClick(d.restore_section_button, Qt.MouseButton.LeftButton)
    now = w.service.get_report(REPORT)
    assert now.find(a.id).body.plain == a.body.plain and now.find(b.id).body.plain == "Sửa B"


def test_issued_report_is_locked_with_a_banner_and_unlocked_with_a_reason(qtbot, window, said, monkeypatch,
                                                                         tmp_path):
    w = window
    w.service.update_meta(REPORT, number="25", date=DocDate(2023, 12, 20))
    w.open_report(REPORT)
    checked = []
    monkeypatch.setattr(MainWindow, "_check", lambda self, for_export, go_on="": checked.append(for_export) or True)
    d = _dialog(qtbot, w)
    said["answers"] += [True, True]   # issued despite the sample's spelling notes (asked first), then issued
    target = tmp_path / "ban-hanh.docx"
    monkeypatch.setattr(file_dialogs, "save_file_name", lambda *a, **k: (str(target), ""))
    qtbot.mouseClick(d.issue_button, Qt.MouseButton.LeftButton)
    assert checked == [True]                                # the pre-print check ran first, as for an export
    assert "sai chính tả" in said["confirm"][0]
    assert target.exists() and "SHA-256" in said["info"][-1]
    banner = w.editor.issued_banner
    assert banner.isVisible() and "25/" in banner.label.text() and "ngày 20 tháng 12 năm 2023" in banner.label.text()
    assert w.editor.page.editor.isReadOnly()
    assert not d.restore_button.isEnabled() and d.unlock_button.isEnabled() and not d.issue_button.isEnabled()
    assert w.service.check_issued_docx(REPORT, target).matches

    answers = iter([("", True), ("Sửa số liệu theo ý kiến lãnh đạo", True)])
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: next(answers))
    qtbot.mouseClick(d.unlock_button, Qt.MouseButton.LeftButton)
    assert "lý do" in said["warn"][-1]                        # an empty reason is asked again
    assert not w.editor.page.editor.isReadOnly()
    assert getattr(w.editor, "issued_banner", None) is None
    assert w.service.issue_history(REPORT)[-1].reason == "Sửa số liệu theo ý kiến lãnh đạo"
    assert "mở khóa" in d.state.text().lower()


def test_the_comparison_is_saved_as_a_pdf(qtbot, window, monkeypatch, tmp_path):
    w = window
    w.service.save_version(REPORT, "Một")
    section = _section(w)
    w.service.write_section_body(section.id, RichText.from_plain("Đoạn văn hoàn toàn mới của mục."))
    view = DiffDialog(w.service, REPORT, 1, None, w)
    qtbot.addWidget(view)
    target = tmp_path / "so-sanh.pdf"
    monkeypatch.setattr(file_dialogs, "save_file_name", lambda *a, **k: (str(target), ""))
    assert view.save_pdf() == target
    data = target.read_bytes()
    assert data.startswith(b"%PDF-") and len(data) > 5000


def test_an_issued_reports_banner_is_one_line_tall_and_exports_stay_usable(qtbot, window, tmp_path, said,
                                                                           monkeypatch):
    w = window
    w.resize(1200, 760)
    from tudanhgia.domain import Period
    report = w.service.create_report("khac", Period(2025), w.service.get_report(REPORT).unit_id)   # a short one
    w.service.update_meta(report.id, number="25", date=DocDate(2025, 12, 20))
    w.service.set_appendix_table(report.id, AppendixTable(["STT", "Chỉ tiêu", "Số liệu"], [["1", "Số hộ", "120"]]))
    w.open_report(report.id)
    w.editor.tabs.setCurrentWidget(w.editor.panels["meta"])   # where the tester was: the document's fields
    monkeypatch.setattr(MainWindow, "_check", lambda self, for_export, go_on="": True)
    monkeypatch.setattr(file_dialogs, "save_file_name", lambda *a, **k: (str(tmp_path / "ban-hanh.docx"), ""))
    said["answers"] += [True, True]   # issued despite spelling notes, if any, then issued
    d = VersionsDialog(w, report.id)
    qtbot.addWidget(d)
    d.show()
    qtbot.mouseClick(d.issue_button, Qt.MouseButton.LeftButton)
    qtbot.wait(50)
    banner = w.editor.issued_banner
    assert banner.isVisible()
    # as tall as its text (margins 6 + 6, a button at most), not a share of the window (it was ~250 px)
    text = banner.label.heightForWidth(banner.label.width())
    assert text < 3 * banner.fontMetrics().height()
    assert banner.height() <= max(text + 14, banner.findChild(QPushButton).sizeHint().height() + 14), banner.height()
    for act in (w.act_check, w.act_preview, w.act_print, w.act_export, w.act_export_pdf):
        assert act.isEnabled(), act.text()
    buttons = {b.text(): b for b in w.editor.panels["indicators"].findChildren(QPushButton)}
    assert buttons["Xuất Excel…"].isEnabled()   # exporting never changes the report
    target = tmp_path / "phu-luc.xlsx"
    monkeypatch.setattr(file_dialogs, "save_file_name", lambda *a, **k: (str(target), ""))
    qtbot.mouseClick(buttons["Xuất Excel…"], Qt.MouseButton.LeftButton)
    assert target.exists() and target.stat().st_size > 0
    assert not buttons["Nhập Excel…"].isEnabled()


def test_the_report_list_marks_an_issued_report(qtbot, window, tmp_path):
    w = window
    w.service.update_meta(REPORT, number="25", date=DocDate(2023, 12, 20))
    w.service.issue_report(REPORT, tmp_path / "ban-hanh.docx")
    w.start.refresh_reports()
    model = w.start.reports.model()

    def line(report_id):
        row = w.start.model.row_of(report_id)
        return model.index(row, 0).data(), model.index(row, 0).data(Qt.ItemDataRole.ToolTipRole)

    text, tip = line(REPORT)
    assert text.startswith("[Đã ban hành] Báo cáo")   # first: a long title is cut short at the column's edge
    assert "Đã ban hành số 25/BC-VP ngày 20 tháng 12 năm 2023" in tip and "chỉ đọc" in tip
    others = [r.id for r in w.service.list_reports() if r.id != REPORT]
    assert others and not any("ban hành" in line(i)[0] for i in others)
    w.start.reports.setCurrentIndex(model.index(w.start.model.row_of(REPORT), 0))
    qtbot.waitUntil(lambda: "Đã ban hành số 25/BC-VP ngày 20 tháng 12 năm 2023" in w.start.report_info.text())
    w.start.search.setText("tự đánh giá")   # a search's list shows it too
    w.start.apply_search_now()
    qtbot.waitUntil(lambda: w.start.model.row_of(REPORT) is not None)
    assert line(REPORT)[0].startswith("[Đã ban hành] ")


def test_the_comparisons_summary_names_what_changed_besides_words(qtbot, window, monkeypatch):
    """Gap 5: number, date and a rating changed: the line above the comparison says so."""
    w = window
    d = _dialog(qtbot, w)
    type_text(d.name, "Dự thảo")
    qtbot.mouseClick(d.save_button, Qt.MouseButton.LeftButton)
    w.service.update_meta(REPORT, number="25", date=DocDate(2023, 12, 20))
    shown = []
    monkeypatch.setattr(DiffDialog, "exec", lambda self: shown.append(self) or 0)
    d.table.selectRow(0)
    qtbot.mouseClick(d.compare_now_button, Qt.MouseButton.LeftButton)
    (view,) = shown
    qtbot.addWidget(view)
    assert view.summary.text() == "Thông tin văn bản: Số văn bản, Ngày văn bản."
    assert "Thông tin văn bản: Số văn bản, Ngày văn bản." in view.view.toPlainText()


def test_a_window_follows_an_issue_and_an_unlock_made_elsewhere(qtbot, window, tmp_path):
    """Gap 6: the command line (or a second window) issues the open report: the window, at its next
    look for outside changes, shows it locked with the banner, on the same section; unlocked
    elsewhere, it is editable again."""
    w = window
    section = _section(w)
    w.editor.select(section.id)
    other = ReportService.open(w.service.db.path, create=False)
    try:
        other.update_meta(REPORT, number="25", date=DocDate(2023, 12, 20))
        w.ctx.check_outside_changes()
        other.issue_report(REPORT, tmp_path / "ban-hanh.docx")
        assert w.ctx.check_outside_changes()
        qtbot.waitUntil(lambda: getattr(w.editor, "issued_banner", None) is not None)
        assert w.editor.issued_banner.isVisible() and "25/" in w.editor.issued_banner.label.text()
        assert w.editor.page.editor.isReadOnly()
        assert w.editor.current_target().section_id == section.id
        other.unlock_report(REPORT, "Sửa số liệu theo ý kiến lãnh đạo")
        assert w.ctx.check_outside_changes()
        qtbot.waitUntil(lambda: getattr(w.editor, "issued_banner", None) is None)
        assert not w.editor.page.editor.isReadOnly()
        assert w.editor.current_target().section_id == section.id
        assert "mở khóa" in w.statusBar().currentMessage()
    finally:
        other.close()


def test_issuing_an_issued_report_again_is_refused_before_any_question(qtbot, window, tmp_path, said, monkeypatch):
    """Gap 7: the menu disables the line, but issue_report itself (a shortcut, a stale dialog) refuses
    at once: no check, no question, no file asked, nothing written."""
    from tudanhgia.ui.versions import issue_report
    w = window
    w.service.update_meta(REPORT, number="25", date=DocDate(2023, 12, 20))
    w.service.issue_report(REPORT, tmp_path / "ban-hanh.docx")
    versions = len(w.service.list_versions(REPORT))
    checked, asked_file = [], []
    monkeypatch.setattr(MainWindow, "_check", lambda self, for_export, go_on="": checked.append(for_export) or True)
    monkeypatch.setattr(file_dialogs, "save_file_name", lambda *a, **k: asked_file.append(a) or ("", ""))
    assert issue_report(w, REPORT) is False
    assert said["warn"] == ["Báo cáo này đã ban hành (số 25/BC-VP ngày 20 tháng 12 năm 2023) từ trước. Muốn ban "
                            "hành lại bản khác, hãy mở khóa (Phiên bản ▸ Mở khóa để sửa…) và ghi rõ lý do."]
    assert checked == [] and said["confirm"] == [] and asked_file == []
    assert len(w.service.list_versions(REPORT)) == versions and len(w.service.issue_history(REPORT)) == 1


def test_a_print_of_an_unchanged_report_shows_on_the_latest_version(qtbot, window):
    """Review of d140c6c: three prints of an unchanged report were three identical versions. The
    dialog lists one, saying it was printed twice more (each print in its tooltip)."""
    w = window
    for _ in range(3):
        w.service.print_drawn(REPORT, lambda _report: 2, "HP LaserJet M404")
    d = _dialog(qtbot, w)
    (only,) = _rows(d)
    assert only.startswith("In trên “HP LaserJet M404” (2 trang) — sau đó in 2 lần (nội dung không đổi), lần cuối ")
    tip = d.table.item(0, 1).toolTip().splitlines()
    assert tip[0] == "Xuất/in lại với nội dung không đổi:" and len(tip) == 3
    assert all(line.endswith(": In trên “HP LaserJet M404” (2 trang)") for line in tip[1:])
    d.close()
    w.service.update_meta(REPORT, subject="về kết quả năm 2023 (bản sửa)")
    w.service.print_drawn(REPORT, lambda _report: 3, "HP LaserJet M404")
    d = _dialog(qtbot, w)
    assert _rows(d)[0] == "In trên “HP LaserJet M404” (3 trang)" and d.table.item(0, 1).toolTip() == ""


def _type_then_issued_elsewhere(qtbot, w, tmp_path, typed: str, autosave_first: bool = False):
    """The officer types `typed` at the end of a section's body; another program issues the report
    before the autosave writes it; the window looks for outside changes and shows it locked."""
    section = _section(w)
    w.editor.select(section.id)
    other = ReportService.open(w.service.db.path, create=False)
    try:
        other.update_meta(REPORT, number="25", date=DocDate(2023, 12, 20))
        w.ctx.check_outside_changes()
        body = w.editor.page.editor
        body.setFocus()
        body.moveCursor(body.textCursor().MoveOperation.End)
        type_text(body, typed)
        other.issue_report(REPORT, tmp_path / "ban-hanh.docx")   # before the autosave writes the typing
        if autosave_first:   # the pause after typing comes before the window's look for outside changes
            assert not w.ctx.saves.flush_all()
            assert "đã ban hành" in w.save_banner.text()
        assert w.ctx.check_outside_changes()
        qtbot.waitUntil(lambda: getattr(w.editor, "issued_banner", None) is not None)
    finally:
        other.close()
    assert w.editor.page.editor.isReadOnly()
    return section


@pytest.mark.parametrize("autosave_first", [False, True])
def test_typing_not_yet_saved_when_another_program_issues_the_report_is_kept_in_a_file(qtbot, window, tmp_path,
                                                                                         said, autosave_first):
    """Review of 745047c: the report issued elsewhere while the officer types: the typing not yet
    saved was refused ("đã ban hành") and lost when the window locked. It is written to a file in
    the data folder's chua-luu, the officer told where, before the window shows the report locked."""
    from tudanhgia.services.rescue import rescued_files
    w = window
    section = _type_then_issued_elsewhere(qtbot, w, tmp_path, " Bổ sung ý kiến của Thường trực.", autosave_first)
    (kept,) = rescued_files(w.paths.data_dir)
    text = kept.read_text(encoding="utf-8-sig")
    assert "Bổ sung ý kiến của Thường trực." in text and section.heading in text
    told = [t for t in said["warn"] if str(kept) in t]
    assert len(told) == 1 and "vừa được ban hành ở nơi khác (số 25/" in told[0]
    assert not any("thay đổi vừa rồi chưa được ghi" in t for t in said["warn"])   # no bare refusal first
    assert "Bổ sung ý kiến của Thường trực." not in w.service.get_report(REPORT).find(section.id).body.plain
    assert w.save_banner.isHidden()   # nothing left waiting to be written


def test_typing_refused_by_an_issue_elsewhere_goes_where_the_officer_says_when_the_data_folder_fails(
        qtbot, window, tmp_path, said, monkeypatch):
    """The data folder cannot be written (full, no rights): the officer is told and picks a file."""
    from tudanhgia.services import rescue as rescue_module
    from tudanhgia.services.files import OutputError

    def fails(*_args):
        raise OutputError("Ổ đĩa đã đầy.")
    monkeypatch.setattr(rescue_module, "rescue", fails)
    target = tmp_path / "giu-lai.txt"
    monkeypatch.setattr(file_dialogs, "save_file_name", lambda *_a, **_k: (str(target), ""))
    _type_then_issued_elsewhere(qtbot, window, tmp_path, " Ý kiến bổ sung.")
    assert any("Ổ đĩa đã đầy." in t and "hãy chọn nơi lưu" in t for t in said["warn"])
    assert "Ý kiến bổ sung." in target.read_text(encoding="utf-8-sig")


def test_issuing_goes_on_with_van_ban_hanh_and_stays_on_the_section(qtbot, window, said, monkeypatch, tmp_path):
    """A GUI test found the pre-print check shown before issuing going on with “Vẫn xuất văn bản”, and
    the issued report back on “Phần mở đầu” instead of the section the officer was on."""
    w = window
    w.service.update_meta(REPORT, number="25", date=DocDate(2023, 12, 20))
    written = [s for s in w.service.get_report(REPORT).walk() if s.body.paragraphs and not s.children]
    w.service.write_section_body(written[0].id, RichText())   # one section left empty: F7 has a warning
    section = written[2]
    w.open_report(REPORT)
    w.editor.select(Target("section", section.id).key)   # the officer is writing this section
    buttons: list[str] = []

    def check(dialog: CompletenessDialog) -> int:
        buttons.extend(b.text() for b in dialog.findChildren(QPushButton))
        return 1   # the officer goes on
    monkeypatch.setattr(CompletenessDialog, "exec", check)
    monkeypatch.setattr(file_dialogs, "save_file_name", lambda *a, **k: (str(tmp_path / "ban-hanh.docx"), ""))
    said["answers"] += [True, True]   # past the spelling notes, then "Đánh dấu đã ban hành"
    w.act_issue.trigger()
    assert "Vẫn ban hành" in buttons and "Vẫn xuất văn bản" not in buttons, buttons
    assert w.service.issued_state(REPORT) is not None and w.editor.issued_banner.isVisible()
    shown = w.editor.tree.currentItem().text(0)
    assert section.heading[:40] in shown, shown   # the outline shows the section, not “Phần mở đầu”
    assert w.editor.current_target() == Target("section", section.id)


def test_the_section_to_restore_is_the_one_open_in_the_editor(qtbot, window):
    """A GUI test found “Mục:” on the outline's first section, not on the section being edited."""
    w = window
    w.service.save_version(REPORT, "Dự thảo")
    section = [s for s in w.service.get_report(REPORT).walk() if s.body.paragraphs and not s.children][2]
    w.editor.select(Target("section", section.id).key)
    d = _dialog(qtbot, w)
    d.table.selectRow(0)
    assert d.section_pick.currentData() == section.id
    assert section.heading[:40] in d.section_pick.currentText()
