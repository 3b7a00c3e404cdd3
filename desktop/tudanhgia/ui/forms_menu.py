"""The window's actions of issue 15, in the "Công cụ" menu: the report's document standard, the
tone-mark normalisation with its preview, and a civil servant's task table (Nghị định 335/2025).
Light at start-up: ui/forms_dialogs.py is loaded when one is asked for."""
from __future__ import annotations

from typing import TYPE_CHECKING

from . import messages

if TYPE_CHECKING:
    from .main_window import MainWindow


def install_actions(w: MainWindow, act, menu) -> None:
    def run(name: str) -> None:
        rid = w._report_id() if w.service is not None else None
        if rid is None:
            messages.info(w, "Hãy mở hoặc chọn một báo cáo trước.")
            return
        from . import forms_dialogs
        getattr(forms_dialogs, name)(w, rid)

    w.act_standard = act("Thể thức văn bản…", lambda: run("choose_standard"),
                         tip="Thể thức trình bày của báo cáo: theo hồ sơ đơn vị, Nghị định 30 hoặc văn bản của Đảng")
    w.act_tone = act("Chuẩn hóa kiểu bỏ dấu…", lambda: run("normalise_tone"),
                     tip="Viết thống nhất hòa/hoà, thủy/thuỷ, khỏe/khoẻ theo thể thức văn bản (xem trước khi sửa)")
    w.act_tasks = act("Bảng nhiệm vụ…", lambda: run("edit_tasks"),
                      tip="Nhiệm vụ, sản phẩm của kỳ (phiếu tự đánh giá công chức theo quý, tháng): tự tính điểm")
    w.act_tally = act("Tổng hợp từ phiếu cá nhân", lambda: run("tally_forms"),
                      tip="Báo cáo tổng hợp đánh giá công chức theo quý: đếm lại số liệu từ các phiếu tự đánh giá")
    menu.addSeparator()
    menu.addActions([w.act_standard, w.act_tone, w.act_tasks, w.act_tally])
