"""The editor as an officer uses it: type, rate, restructure, walk, undo, export — and the
database (opened afresh) holds everything without any explicit save."""
import time
from pathlib import Path

import pytest
from docx import Document
from PySide6.QtCore import QMimeData, QSettings, Qt

from tudanhgia.ui import file_dialogs
from tudanhgia.domain import CapDo, RichText
from tudanhgia.services import ReportService
from tudanhgia.ui import messages
from tudanhgia.ui.app import make_application
from tudanhgia.ui.editor import Target
from tudanhgia.ui.main_window import MainWindow
from qt_keys import press, type_text


@pytest.fixture
def said(monkeypatch):
    """Message boxes answered automatically; what was shown is recorded."""
    log = []
    monkeypatch.setattr(messages, "warn", lambda parent, text: log.append(("warn", text)))
    monkeypatch.setattr(messages, "error", lambda parent, text: log.append(("error", text)))
    monkeypatch.setattr(messages, "info", lambda parent, text: log.append(("info", text)))
    monkeypatch.setattr(messages, "confirm", lambda parent, text, yes="", no="": log.append(("confirm", text))
                        or yes != "Mở thư mục")
    return log


def open_window(qtbot, service, tmp_path, report_id=None):
    make_application()
    w = MainWindow(service, settings=QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(w)
    w.resize(1366, 768)
    w.show()
    if report_id is not None:
        w.open_report(report_id)
    return w


def fresh(path: Path):
    """The database as another program (or the next start) would see it."""
    svc = ReportService.open(path, create=False)
    try:
        return svc
    finally:
        pass


def db_path(service) -> Path:
    return service.db.path


@pytest.mark.parametrize("kind_id", ["kiem-diem-tap-the-2025", "kiem-diem-tap-the-2019", "tu-danh-gia-nam",
                                     "ke-hoach-khac-phuc", "van-hoa", "chuyen-de"])
def test_report_from_each_kind_opens_with_its_whole_outline(qtbot, service, unit, tmp_path, said, kind_id):
    report = service.create_report(kind_id, "2025", unit.id)
    w = open_window(qtbot, service, tmp_path, report.id)
    editor = w.editor
    numbers = report.numbering()
    shown = [editor._items[s.id].text(0) for s in report.walk()]
    for s, text in zip(report.walk(), shown, strict=True):
        assert f"{numbers[s]} {s.heading[:40]}".strip() in text
    assert editor.tree.topLevelItem(0).text(0).endswith("Phần mở đầu")
    assert w.windowTitle().startswith(report.title)
    shown_tabs = [editor.tabs.tabText(i).replace("&", "") for i in range(editor.tabs.count())]   # "&": Alt+letter
    assert shown_tabs[0] == "Nội dung mục"
    assert "Thông tin văn bản" in shown_tabs


def test_typing_autosaves_within_two_seconds_without_saving(qtbot, sample_service, tmp_path, said):
    w = open_window(qtbot, sample_service, tmp_path, 1)
    editor = w.editor
    section = sample_service.get_report(1).find(key="trach-nhiem")
    editor.select(section.id)
    page = editor.page
    page.editor.setFocus()
    page.editor.moveCursor(page.editor.textCursor().MoveOperation.End)
    press(page.editor, Qt.Key.Key_Return)
    type_text(page.editor, "Tập thể lãnh đạo nghiêm túc tự phê bình, phê bình; "
                           "đồng chí Chánh Văn phòng chịu trách nhiệm chính.")
    started = time.monotonic()
    qtbot.waitUntil(lambda: "chịu trách nhiệm chính" in fresh(db_path(sample_service)).get_report(1)
                    .find(section.id).body.plain, timeout=3000)
    assert time.monotonic() - started < 2.0
    assert w.save_label.text().startswith("Đã lưu lúc")
    body = fresh(db_path(sample_service)).get_report(1).find(section.id).body
    assert body.paragraphs[-1].text == ("Tập thể lãnh đạo nghiêm túc tự phê bình, phê bình; đồng chí Chánh Văn phòng "
                                        "chịu trách nhiệm chính.")
    assert body.paragraphs[0].text.startswith("Trách nhiệm của những tồn tại")  # nothing else lost


def test_rating_checkboxes_are_exclusive_and_can_be_unchecked(qtbot, sample_service, tmp_path, said):
    w = open_window(qtbot, sample_service, tmp_path, 1)
    section = sample_service.get_report(1).find(key="uu-diem.3")
    w.editor.select(section.id)
    checks = w.editor.page.rating_checks
    assert [c.text() for c in checks] == ["Xuất sắc", "Tốt", "Trung bình", "Kém"]
    assert [c.isChecked() for c in checks] == [False, True, False, False]
    qtbot.mouseClick(checks[0], Qt.MouseButton.LeftButton)
    assert [c.isChecked() for c in checks] == [True, False, False, False]
    assert fresh(db_path(sample_service)).get_report(1).find(section.id).rating is CapDo.XUAT_SAC
    qtbot.mouseClick(checks[0], Qt.MouseButton.LeftButton)
    assert not any(c.isChecked() for c in checks)
    assert fresh(db_path(sample_service)).get_report(1).find(section.id).rating is None
    assert "⚠" in w.editor._items[section.id].text(0)  # the navigator warns about the missing rating
    w.undo()  # Ctrl+Z outside a text field: the rating comes back
    assert fresh(db_path(sample_service)).get_report(1).find(section.id).rating is CapDo.XUAT_SAC
    assert checks[0].isChecked()
    w.undo()
    assert fresh(db_path(sample_service)).get_report(1).find(section.id).rating is CapDo.TOT
    w.redo()
    assert fresh(db_path(sample_service)).get_report(1).find(section.id).rating is CapDo.XUAT_SAC
    assert w.act_undo.text() == "Hoàn tác: Tự đánh giá “Xuất sắc”"


def test_walking_next_through_all_sections_with_progress(qtbot, sample_service, tmp_path, said):
    w = open_window(qtbot, sample_service, tmp_path, 3)
    editor = w.editor
    targets = editor.targets()
    editor.select(targets[0].key)
    seen = [editor.current_target()]
    for _ in range(len(targets) - 1):
        editor.act_next.trigger()
        seen.append(editor.current_target())
    assert seen == targets
    assert not editor.act_next.isEnabled() and editor.act_prev.isEnabled()
    editor.select(targets[7].key)
    assert editor.progress_label.text() == f"Mục 7/{len(targets) - 2} — 100% hoàn thành"
    editor.act_prev.trigger()
    assert editor.current_target() == targets[6]


def test_structure_edits_renumber_and_undo_redo(qtbot, sample_service, tmp_path, said):
    w = open_window(qtbot, sample_service, tmp_path, 1)
    editor = w.editor
    report = sample_service.get_report(1)
    first_sub = report.find(key="uu-diem.2").children[0]   # 2.1.
    editor.select(first_sub.id)
    editor.act_add.trigger()                                 # a new 2.2. after 2.1.
    new_id = editor.current_target().section_id
    type_text(editor.page.heading, "Về công tác thi đua")
    editor.page._save_heading()
    numbers = lambda: {s.heading: n for s, n in fresh(db_path(sample_service)).get_report(1).numbering().items()}  # noqa: E731
    got = numbers()
    assert got["Về công tác thi đua"] == "2.2." and got["Về công tác kiểm soát thủ tục hành chính"] == "2.3."
    editor.act_up.trigger()
    assert numbers()["Về công tác thi đua"] == "2.1."
    editor.act_indent.trigger()  # impossible: first of its level; a message explains
    assert said[-1][0] == "info"
    editor.select(new_id)
    editor.act_down.trigger()
    editor.act_indent.trigger()  # now under "Về công tác tham mưu tổng hợp"
    assert numbers()["Về công tác thi đua"] == "đ)"  # after a) b) c) d): the Vietnamese alphabet
    w.undo()
    w.undo()
    assert numbers()["Về công tác thi đua"] == "2.1."
    w.redo()
    w.redo()
    assert numbers()["Về công tác thi đua"] == "đ)"
    editor.select(new_id)
    editor.act_delete.trigger()                              # confirmed by the fixture
    assert "Về công tác thi đua" not in numbers()
    w.undo()                                                 # back with the same id and place
    assert numbers()["Về công tác thi đua"] == "đ)"
    assert fresh(db_path(sample_service)).get_report(1).find(new_id).heading == "Về công tác thi đua"
    fixed = report.find(key="uu-diem")
    editor.select(fixed.id)
    assert not editor.act_delete.isEnabled() and editor.page.heading.isReadOnly()


def test_paste_from_word_keeps_bold_italic_and_paragraphs_only(qtbot, sample_service, tmp_path, said):
    w = open_window(qtbot, sample_service, tmp_path, 1)
    section = sample_service.get_report(1).find(key="giai-trinh")
    w.editor.select(section.id)
    edit = w.editor.page.editor
    edit.selectAll()
    mime = QMimeData()
    mime.setHtml('<html><body><p class=MsoNormal style="font-family:Arial;color:red;font-size:20pt">'
                 '<b>Đậm</b> và <i>nghiêng</i> và <span style="background:yellow">tô nền</span><br>dòng</p>'
                 '<p style="margin-left:3cm"><u>gạch</u> chân</p></body></html>')
    edit.insertFromMimeData(mime)
    w.editor.page.save_now()
    body = fresh(db_path(sample_service)).get_report(1).find(section.id).body
    assert [p.text for p in body.paragraphs] == ["Đậm và nghiêng và tô nền\ndòng", "gạch chân"]
    runs = list(body.paragraphs[0].runs())
    assert runs[0].text == "Đậm" and runs[0].bold and not runs[0].italic
    assert any(r.text == "nghiêng" and r.italic for r in runs)
    assert all(not r.bold for r in body.paragraphs[1].runs())


def test_footnote_inserted_at_cursor_reaches_the_docx(qtbot, sample_service, tmp_path, said, monkeypatch):
    w = open_window(qtbot, sample_service, tmp_path, 1)
    section = sample_service.get_report(1).find(key="giai-trinh")
    w.editor.select(section.id)
    page = w.editor.page
    page.editor.moveCursor(page.editor.textCursor().MoveOperation.End)
    monkeypatch.setattr("PySide6.QtWidgets.QInputDialog.getMultiLineText",
                        lambda *a, **k: ("Theo Công văn số 5294/UBND-NC ngày 30/10/2020.", True))
    page.act_footnote.trigger()
    page.save_now()
    body = fresh(db_path(sample_service)).get_report(1).find(section.id).body
    assert body.paragraphs[-1].footnotes[0].text == "Theo Công văn số 5294/UBND-NC ngày 30/10/2020."
    out = tmp_path / "fn.docx"
    monkeypatch.setattr(file_dialogs, "save_file_name", lambda *a, **k: (str(out), ""))
    monkeypatch.setattr("tudanhgia.ui.dialogs.CompletenessDialog.exec", lambda self: 1)
    assert w.export_docx() == out
    import zipfile
    with zipfile.ZipFile(out) as z:
        assert "Theo Công văn số 5294/UBND-NC" in z.read("word/footnotes.xml").decode()


def test_export_finds_typed_text_and_checked_rating(qtbot, service, unit, tmp_path, said, monkeypatch):
    report = service.create_report("kiem-diem-tap-the-2019", "2024", unit.id)
    w = open_window(qtbot, service, tmp_path, report.id)
    item = report.find(key="uu-diem.1")
    w.editor.select(item.id)
    w.editor.page.editor.setFocus()
    type_text(w.editor.page.editor, "Quán triệt đầy đủ các nghị quyết của Đảng năm 2024.")
    qtbot.mouseClick(w.editor.page.rating_checks[2], Qt.MouseButton.LeftButton)  # Trung bình
    out = tmp_path / "bao-cao.docx"
    asked = []
    monkeypatch.setattr(file_dialogs, "save_file_name",
                        lambda parent, caption, start, filters: asked.append(start) or (str(out), ""))
    shown = []
    monkeypatch.setattr("tudanhgia.ui.dialogs.CompletenessDialog.exec", lambda self: shown.append(self) or 1)
    w.act_export.trigger()  # Ctrl+E; a draft: the check is shown first, then the export goes on
    assert out.exists()
    assert shown and shown[0].list.count() > 0
    assert Path(asked[0]).name == "BC-kiem-diem-tap-the-2024.docx"
    paras = [p.text for p in Document(str(out)).paragraphs]
    assert "Quán triệt đầy đủ các nghị quyết của Đảng năm 2024." in paras
    line = next(p for p in paras if "Trung bình" in p and "Kém" in p)
    assert "☒\u00a0Trung bình" in line and line.count("☒") == 1
    assert w.settings.value("export/last_dir") == str(tmp_path)


def test_check_dialog_jumps_to_the_section(qtbot, service, unit, tmp_path, said, monkeypatch):
    report = service.create_report("kiem-diem-tap-the-2019", "2024", unit.id)
    w = open_window(qtbot, service, tmp_path, report.id)
    captured = []

    def run(dialog):
        captured.append(dialog)
        item = next(dialog.list.item(i) for i in range(dialog.list.count())
                    if "chưa chọn cấp độ tự đánh giá" in dialog.list.item(i).text())
        dialog.list.itemActivated.emit(item)
        return 0
    monkeypatch.setattr("tudanhgia.ui.dialogs.CompletenessDialog.exec", run)
    w.show_check()
    rated = report.find(key="uu-diem.1")
    assert w.editor.current_target() == Target("section", rated.id)


def test_close_and_reopen_finds_everything(qtbot, sample_service, tmp_path, said):
    w = open_window(qtbot, sample_service, tmp_path, 2)
    section = sample_service.get_report(2).find(key="to-chuc")
    w.editor.select(section.id)
    w.editor.page.editor.setFocus()
    type_text(w.editor.page.editor, " Thêm câu cuối.")
    w.close()  # no "save?" question: the flush on close writes it
    assert not [m for m in said if m[0] == "confirm"]
    again = fresh(db_path(sample_service))
    assert again.get_report(2).find(section.id).body.plain.endswith("Thêm câu cuối.")
    w2 = open_window(qtbot, again, tmp_path, 2)
    w2.editor.select(section.id)
    assert w2.editor.page.editor.toPlainText().endswith("Thêm câu cuối.")


def test_switching_sections_in_a_300_section_report_is_fast(qtbot, service, unit, tmp_path, said):
    from tudanhgia.domain import LevelStyle, NumberStyle, Paragraph, Period, Report, Run, Section
    body = RichText(tuple(Paragraph((Run("Nội dung đoạn văn của mục, có số liệu 1.234 hồ sơ. " * 8),))
                          for _ in range(4)))
    big = Report("tu-danh-gia-nam", Period(2024), kind_name="Thử", unit_id=unit.id,
                 levels=[LevelStyle(NumberStyle.ROMAN), LevelStyle(NumberStyle.ARABIC), LevelStyle(NumberStyle.LETTER)],
                 sections=[Section(f"Phần {i}", body, children=[Section(f"Mục {i}.{j}", body) for j in range(29)])
                           for i in range(10)])
    service.add_report(big)
    w = open_window(qtbot, service, tmp_path, big.id)
    editor = w.editor
    targets = editor.targets()
    assert len(targets) == 302
    times = []
    for target in targets[1:80]:
        t0 = time.perf_counter()
        editor.select(target.key)
        times.append(time.perf_counter() - t0)
    assert max(times) < 0.1, f"slowest switch {max(times) * 1000:.0f} ms"


def test_section_page_word_undo_is_the_text_widgets_own(qtbot, sample_service, tmp_path, said):
    w = open_window(qtbot, sample_service, tmp_path, 1)
    section = sample_service.get_report(1).find(key="giai-trinh")
    w.editor.select(section.id)
    edit = w.editor.page.editor
    edit.setFocus()
    edit.moveCursor(edit.textCursor().MoveOperation.End)
    type_text(edit, " abc")
    assert edit.toPlainText().endswith(" abc")
    press(edit, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert not edit.toPlainText().endswith(" abc")
    # switching away and back keeps the widget's history for that section
    w.editor.step(1)
    w.editor.step(-1)
    assert w.editor.page.editor.document().isRedoAvailable()


def test_plan_then_next_period_from_the_window(qtbot, sample_service, tmp_path, said, monkeypatch):
    from tudanhgia.ui.dialogs import PlanDialog
    w = open_window(qtbot, sample_service, tmp_path, 1)

    def fill(dialog):
        type_text(dialog.conclusion, "Kết luận số 25-KL/ĐU ngày 15/3/2021")
        dialog.added.setPlainText("Công tác lưu trữ hồ sơ điện tử chưa kịp thời.")
        return 1
    monkeypatch.setattr(PlanDialog, "exec", fill)
    w.make_plan()
    plan = sample_service.get_report(w.ctx.report_id)
    assert plan.kind_id == "ke-hoach-khac-phuc" and len(plan.limitations) == 4
    assert plan.limitations[3].raised_by == "Kết luận số 25-KL/ĐU ngày 15/3/2021"
    w.show_start()
    w.start.select_report(1)
    w.new_from_previous()  # the fixture answers "yes": the four open limitations come along
    new = sample_service.get_report(w.ctx.report_id)
    assert new.period.year == 2021 and len(new.limitations) == 4
    follow = next(s for s in new.walk() if s.key == "khac-phuc")
    assert "Nhiều nội dung của Chương trình công tác" in follow.body.plain
    assert any("điền sẵn từ kế hoạch (4 hạn chế)" in text for kind, text in said if kind == "info")


def test_scored_checklist_total_is_live(qtbot, service, unit, tmp_path, said):
    report = service.create_report("van-hoa", "2025", unit.id)
    w = open_window(qtbot, service, tmp_path, report.id)
    scored = [s for s in report.walk() if s.is_scored]
    # nothing scored yet: no sum and no verdict ("0/100 — chưa đạt"), as the printed "…"
    assert w.editor.score_label.text() == f"Tổng điểm tự chấm: …/100; còn {len(scored)} tiêu chí chưa chấm"
    for s in scored:
        w.editor.select(s.id)
        field = w.editor.page.score
        assert field.maximum() == s.max_score
        field.selectAll()
        type_text(field, f"{s.max_score:g}".replace(".", ","))
        press(field, Qt.Key.Key_Return)
    label = w.editor.score_label.text()
    assert label == "Tổng điểm tự chấm: 100/100 — đạt (điểm chuẩn 80)"
    stored = fresh(db_path(service)).get_report(report.id)
    assert stored.score_total() == sum(s.max_score for s in scored) == 100
    for s in scored[:3]:  # three criteria at zero
        w.editor.select(s.id)
        w.editor.page.score.selectAll()
        type_text(w.editor.page.score, "0")
        press(w.editor.page.score, Qt.Key.Key_Return)
    total = 100 - sum(s.max_score for s in scored[:3])
    verdict = "đạt" if total >= 80 else "chưa đạt"
    assert w.editor.score_label.text() == f"Tổng điểm tự chấm: {total:g}/100 — {verdict} (điểm chuẩn 80)"


def test_indicators_out_to_excel_and_back_with_undo(qtbot, service, unit, tmp_path, said, monkeypatch):
    import openpyxl
    report = service.create_report("chuyen-de", "2024-H1", unit.id)
    w = open_window(qtbot, service, tmp_path, report.id)
    panel = w.editor.panels["indicators"]
    assert panel.table.rowCount() == len(report.indicators) > 0  # the kind's indicators to fill
    out = tmp_path / "phu-luc.xlsx"
    monkeypatch.setattr(file_dialogs, "save_file_name", lambda *a, **k: (str(out), ""))
    assert panel.export_xlsx() == out
    wb = openpyxl.load_workbook(out)
    ws = wb.active
    header = next(r for r in range(1, 10) if any(str(c.value or "") == "Kết quả" for c in ws[r]))
    col = next(c.column for c in ws[header] if str(c.value or "") == "Kết quả")
    ws.cell(header + 1, col, 7)
    wb.save(out)
    monkeypatch.setattr(file_dialogs, "open_file_name", lambda *a, **k: (str(out), ""))
    assert panel.import_xlsx()
    assert fresh(db_path(service)).get_report(report.id).indicators[0].value == 7
    w.undo()
    assert fresh(db_path(service)).get_report(report.id).indicators[0].value is None


def test_the_pre_print_check_judges_xuat_sac_with_the_earlier_limitations(qtbot, sample_service, tmp_path, said,
                                                                         monkeypatch):
    """The window's F7 check, like the CLI's: "xuất sắc" proposed while the unit's 2022 plan (the
    sample's, its measures not done) still has limitations open is a warning."""
    from tudanhgia.domain import ChatLuong
    unit_id = sample_service.get_report(2).unit_id
    report = sample_service.create_report("kiem-diem-tap-the-2025", "2025", unit_id)
    sections = {s.key: s for s in report.walk()}
    sample_service.update_section(sections["tieu-chi.chung"].id, score=28)
    sample_service.update_section(sections["tieu-chi.nhiem-vu"].id, score=64)
    sample_service.update_section(sections["xep-loai"].id, rating=ChatLuong.HTXS)
    w = open_window(qtbot, sample_service, tmp_path, report.id)
    shown = []

    def run(dialog):
        shown.extend(dialog.list.item(i).text() for i in range(dialog.list.count()))
        return 0
    monkeypatch.setattr("tudanhgia.ui.dialogs.CompletenessDialog.exec", run)
    w.show_check()
    assert any("⚠" in line and "đòi hỏi mọi hạn chế, khuyết điểm" in line and "còn 5 hạn chế" in line
               for line in shown), shown
