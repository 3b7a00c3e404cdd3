"""Audit gap 2 of issue 15: "Báo cáo mới…" on the 2025 review form drafts A.III ("Kết quả khắc phục …")
from the unit's earlier remediation plan, as "Từ kỳ trước" does — the plan the pre-print check holds
the review against. A unit with no earlier plan gets an empty A.III. Driven like an officer: the menu
action, the dialog's year typed, "Tạo báo cáo" clicked, the section clicked in the outline."""
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QTreeWidgetItemIterator

from tudanhgia.domain import UnitProfile
from tudanhgia.ui.main_window import MainWindow
from tudanhgia.ui.new_report import NewReportDialog
from qt_keys import type_text
from test_main_window import make_window   # tests/gui is on the path

A_III = "III. Kết quả khắc phục những hạn chế, khuyết điểm"


def _through_dialog(qtbot, w: MainWindow, family: str, year: int, then=None) -> None:
    """Báo cáo mới…: the family and the year typed, `then(dialog)` for the rest, "Tạo báo cáo" clicked."""
    def fill() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, NewReportDialog):
            QTimer.singleShot(20, fill)
            return
        dialog.family.setCurrentIndex(dialog.family.findData(family))
        dialog.year.lineEdit().selectAll()
        type_text(dialog.year.lineEdit(), str(year))
        if then is not None:
            then(dialog)
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    QTimer.singleShot(0, fill)
    w.act_new.trigger()


def _new_2025_review(qtbot, w: MainWindow, unit: str) -> None:
    """The collective review (its 2025 form is the default) of the unit for 2025, on the empty outline."""
    seen: list[str] = []

    def choose(dialog: NewReportDialog) -> None:
        dialog.unit.setCurrentIndex(dialog.unit.findText(unit))
        seen.append(dialog.version.currentText())
        dialog.blank_radio.setChecked(True)
    _through_dialog(qtbot, w, "kiem-diem-tap-the", 2025, choose)
    assert seen == ["Mẫu 2025 (mặc định)"]


def _open_a_iii(qtbot, w: MainWindow) -> tuple[str, str]:
    """A.III clicked in the editor's outline: (its line there, with the written/empty mark; its text)."""
    tree = w.editor.tree
    it = QTreeWidgetItemIterator(tree)
    while it.value() is not None and A_III not in it.value().text(0):
        it += 1
    item = it.value()
    assert item is not None
    tree.scrollToItem(item)
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=tree.visualItemRect(item).center())
    return item.text(0), w.editor.page.editor.toPlainText()


def test_new_2025_review_drafts_a_iii_from_the_units_2022_plan(qtbot, sample_service, tmp_path, said):
    w = make_window(qtbot, sample_service, tmp_path)
    _new_2025_review(qtbot, w, "Văn phòng UBND tỉnh Quảng Ngãi")
    assert said["warn"] == []
    qtbot.waitUntil(lambda: w.ctx is not None)
    assert w.ctx.report().title == "Báo cáo kiểm điểm, đánh giá, xếp loại chất lượng tập thể lãnh đạo năm 2025"
    line, body = _open_a_iii(qtbot, w)
    assert line.startswith(f"● {A_III}")          # written
    text = body.split("\n")
    # the sample's 2022 plan (Kết luận 1621-KL/TU): five limitations, each measure under way
    assert text[0].startswith("Thực hiện Kế hoạch phát huy ưu điểm, khắc phục những hạn chế, khuyết điểm")
    assert "- Việc thực hiện lưu trữ hồ sơ điện tử chưa đầy đủ, kịp thời." in " ".join(text)
    assert sum(1 for ln in text if ln.startswith("Đánh giá: Đang khắc phục, mức độ khắc phục: đã hoàn thành "
                                                 "0/1 biện pháp.")) == 5


def test_new_2025_review_of_a_unit_without_earlier_plans_leaves_a_iii_empty(qtbot, sample_service, tmp_path, said):
    sample_service.save_unit(UnitProfile(name="Đảng ủy xã Tịnh Hà", issuing_agency="ĐẢNG ỦY XÃ TỊNH HÀ",
                                         place="Tịnh Hà"))
    w = make_window(qtbot, sample_service, tmp_path)
    _new_2025_review(qtbot, w, "Đảng ủy xã Tịnh Hà")
    qtbot.waitUntil(lambda: w.ctx is not None)
    assert w.ctx.report().unit_name == "Đảng ủy xã Tịnh Hà"
    line, body = _open_a_iii(qtbot, w)
    assert line.startswith(f"○ {A_III}") and body == ""


def test_a_copy_of_last_years_review_drafts_a_iii_from_the_plan_made_from_it(qtbot, sample_service, tmp_path,
                                                                             said):
    """"Báo cáo mới…" offering last year's 2025-form review to copy: its text comes along, but A.III
    answers for the plan made from that review, as "Từ kỳ trước" drafts it — not the copied A.III,
    which answered for the plan of the year before."""
    from tudanhgia.domain import Limitation, RichText
    from tudanhgia.services.chain import create_report, plan_from_review
    last, _ = create_report(sample_service, "kiem-diem-tap-the-2025", "2025", 1)
    sample_service.add_limitation(last.id, Limitation(RichText.from_plain("Chậm số hóa hồ sơ lưu trữ.")))
    plan_from_review(sample_service, last.id)
    w = make_window(qtbot, sample_service, tmp_path)
    seen = []
    _through_dialog(qtbot, w, "kiem-diem-tap-the", 2026,
                    lambda dialog: seen.append((dialog.copy_radio.isChecked(), dialog.source.currentData())))
    assert seen == [(True, last.id)]       # last year's review, same form: copied by default
    qtbot.waitUntil(lambda: w.ctx is not None)
    assert w.ctx.report().source_report_id == last.id
    _line, body = _open_a_iii(qtbot, w)
    lines = body.split("\n")
    assert "- Chậm số hóa hồ sơ lưu trữ. (nêu năm 2025)" in lines
    assert lines[-1] == "Đánh giá: Chưa được khắc phục. Khó khăn, vướng mắc: …; trách nhiệm: …"
    assert not any("Việc thực hiện lưu trữ hồ sơ điện tử" in ln for ln in lines)   # the 2022 plan's
