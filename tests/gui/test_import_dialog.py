"""Importing last year's Word file from the window: the outline beside the source, levels fixed
by hand, the kind chosen, then saved and opened like any other report."""
from PySide6.QtCore import QSettings

from tudanhgia.ui import file_dialogs
from tudanhgia.services.export import export_docx
from tudanhgia.ui import messages
from tudanhgia.ui.app import make_application
from tudanhgia.ui.import_dialog import ImportReviewDialog
from tudanhgia.ui.main_window import MainWindow


def test_review_fix_levels_and_save(qtbot, sample_service, tmp_path, monkeypatch):
    make_application()
    path = export_docx(sample_service, 1, tmp_path / "kd.docx")
    dialog = ImportReviewDialog(sample_service, path)
    qtbot.addWidget(dialog)
    top = [dialog.tree.topLevelItem(i).text(0) for i in range(dialog.tree.topLevelItemCount())]
    assert top[0] == "I. Ưu điểm, kết quả đạt được" and top[2].startswith("III. Giải trình")
    assert "Báo cáo kiểm điểm tập thể (mẫu 2019)" in dialog.summary.text()
    item = dialog.tree.topLevelItem(0).child(1).child(1)  # 2.2.
    assert item.text(0).startswith("2.2. Về công tác kiểm soát thủ tục hành chính")
    dialog.tree.setCurrentItem(item)
    assert "Về công tác kiểm soát thủ tục hành chính" in dialog.source.textCursor().selectedText()
    dialog.indent()  # 2.2. becomes đ) under 2.1., after its a)–d)
    moved = dialog.tree.currentItem()
    assert moved.text(0).startswith("đ) Về công tác kiểm soát thủ tục hành chính")
    dialog.outdent()
    assert dialog.tree.currentItem().text(0).startswith("2.2. Về công tác kiểm soát")
    dialog.kind.setCurrentIndex(dialog.kind.findData("kiem-diem-tap-the-2023"))
    assert "mẫu 2023" in dialog.summary.text()
    dialog.kind.setCurrentIndex(0)
    dialog.accept()
    saved = sample_service.get_report(dialog.saved.id)
    assert saved.unit_name == "Văn phòng UBND tỉnh Quảng Ngãi"
    assert [s.heading for s in saved.sections][:2] == ["Ưu điểm, kết quả đạt được", "Hạn chế, khuyết điểm, nguyên nhân"]


def test_window_import_opens_the_new_report_and_refuses_bad_files(qtbot, sample_service, tmp_path, monkeypatch):
    make_application()
    warned = []
    monkeypatch.setattr(messages, "warn", lambda parent, text: warned.append(text))
    w = MainWindow(sample_service, settings=QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(w)
    bad = tmp_path / "hong.docx"
    bad.write_bytes(b"PK\x03\x04 broken")
    monkeypatch.setattr(file_dialogs, "open_file_name", lambda *a, **k: (str(bad), ""))
    before = len(sample_service.list_reports())
    w.import_report()
    assert warned and len(sample_service.list_reports()) == before
    good = export_docx(sample_service, 2, tmp_path / "kh.docx")
    monkeypatch.setattr(file_dialogs, "open_file_name", lambda *a, **k: (str(good), ""))
    monkeypatch.setattr(ImportReviewDialog, "exec", lambda self: self.accept() or 1)
    w.import_report()
    assert w.ctx is not None and w.ctx.report().kind_id == "ke-hoach-khac-phuc"
    assert len(sample_service.list_reports()) == before + 1
