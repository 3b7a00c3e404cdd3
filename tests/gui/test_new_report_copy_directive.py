"""Báo cáo mới… → Sao chép từ báo cáo kỳ trước: the 2020 review copied to 2026 no longer cites the
2020 directive with its number and date; the blanks are asked for by the check (GUI tester's b13/b24)."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from tudanhgia.services.chain import pre_print_check
from test_new_report import make_dialog, type_year


def test_the_copy_leaves_the_old_directive_blank_and_the_check_asks(qtbot, sample_service, said):
    assert "Công văn số 5294/UBND-NC ngày 30/10/2020" in sample_service.get_report(1).meta.preamble.plain
    dialog = make_dialog(qtbot, sample_service)
    type_year(dialog, 2026)
    at = dialog.source.findData(1)   # "Năm 2020 · Báo cáo kiểm điểm tập thể năm 2020"
    dialog.source.setCurrentIndex(at)
    dialog.source.activated.emit(at)
    assert dialog.copy_radio.isChecked()
    assert "số, ngày văn bản chỉ đạo của kỳ cũ ở phần mở đầu để trống" in dialog.copy_note.text()
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted and said["warn"] == []
    copied = sample_service.get_report(dialog.created_report().id)
    assert copied.meta.preamble.plain == (
        "Thực hiện chỉ đạo của Chủ tịch UBND tỉnh tại Công văn số … ngày … về việc đánh giá, xếp loại chất "
        "lượng cán bộ, công chức, viên chức năm 2026; tập thể lãnh đạo Văn phòng UBND tỉnh kiểm điểm kết quả "
        "thực hiện nhiệm vụ năm 2026 như sau:")
    found = [i for i in pre_print_check(sample_service, copied, spelling=False) if i.place == "preamble"]
    assert [i.code for i in found] == ["placeholder"]
    assert found[0].message.startswith("Phần mở đầu còn chỗ để trống")
