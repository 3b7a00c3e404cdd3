"""The main window's actions: each QAction with its shortcut and tip, the menus, the toolbar and
the start page's buttons. Every action is made by `action`, which writes what was typed before
its slot runs (the save manager's guard), so no action of the window can skip the flush."""
from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QPushButton, QWidget

from .save_manager import guarded

if TYPE_CHECKING:
    from .main_window import MainWindow


def action(owner: QWidget, flush: Callable[[], bool], text: str, slot, shortcut=None, tip: str = "") -> QAction:
    act = QAction(text, owner)
    if shortcut is not None:   # (setShortcut's overloads would build the Qt namespace's enums: setShortcuts)
        act.setShortcuts([QKeySequence(shortcut)])
    if tip:
        act.setToolTip(tip)
        act.setStatusTip(tip)
    # every action of the window writes what was typed before it runs (the start page's
    # buttons trigger these actions); typing the database refuses makes the action wait
    act.triggered.connect(guarded(flush, slot))
    return act


def install(w: MainWindow, menus_later: bool = False) -> Callable[[], None] | None:
    """Create the window's actions (as `w.act_*`), its menus, toolbar and the start page's buttons.
    `menus_later`: the menus' lines (and the actions only they hold) are returned as a function
    to call right after the first paint (ui/app.py), which shows only the menus' titles."""
    def act(text: str, slot, shortcut=None, tip: str = "") -> QAction:
        return action(w, w.flush_for_action, text, slot, shortcut, tip)

    S = QKeySequence.StandardKey
    w.act_home = act("Danh sách báo cáo", w.show_start, "Ctrl+L", "Về danh sách báo cáo (Ctrl+L)")
    w.act_new = act("Báo cáo mới…", w.new_report, S.New, "Tạo báo cáo mới theo mẫu (Ctrl+N)")
    w.act_new_from = act("Báo cáo mới từ kỳ trước…", w.new_from_previous,
                         tip="Sao chép dàn ý và nội dung của báo cáo đang chọn sang kỳ mới")
    w.act_open = act("Mở báo cáo", w._open_selected, tip="Mở báo cáo đang chọn")
    w.act_import = act("Nhập báo cáo có sẵn…", w.import_report,
                       tip="Đưa báo cáo Word (hoặc văn bản) của kỳ trước vào chương trình")
    w.act_plan = act("Lập kế hoạch khắc phục…", w.make_plan,
                     tip="Tạo kế hoạch khắc phục từ các hạn chế, khuyết điểm của báo cáo đang chọn")
    w.act_duplicate = act("Nhân bản báo cáo", w.duplicate_report,
                          tip="Tạo một bản sao y hệt của báo cáo đang chọn")
    w.act_delete = act("Xóa báo cáo…", w.delete_report, tip="Chuyển báo cáo vào thùng rác")
    w.act_trash = act("Thùng rác…", w.show_trash, tip="Khôi phục báo cáo đã xóa")
    w.act_save = act("Lưu ngay", w.save_now, S.Save,
                     "Mọi thay đổi được lưu tự động; Ctrl+S ghi ngay lập tức")
    w.act_check = act("Kiểm tra trước khi in…", w.show_check, "F7",
                      "Liệt kê mục còn trống, tự đánh giá chưa chọn, thiếu người ký… (F7)")
    w.act_preview = act("Xem trước…", w.preview, "Ctrl+Shift+P", "Xem văn bản như khi in")
    w.act_print = act("In…", w.print_report, S.Print, "In văn bản (Ctrl+P)")
    w.act_export = act("Xuất DOCX…", w.export_docx, "Ctrl+E",
                       "Xuất văn bản Word đúng thể thức Nghị định 30 (Ctrl+E)")
    w.act_export_pdf = act("Xuất PDF…", w.export_pdf, tip="Xuất văn bản PDF (cho máy không có Word)")
    w.act_unit = act("Hồ sơ đơn vị…", w.edit_unit,
                     tip="Tên cơ quan, chữ viết tắt, địa danh, người ký và nơi nhận thường dùng")
    w.act_other_db = act("Mở cơ sở dữ liệu khác…", w.choose_database)
    w.act_new_db = act("Tạo cơ sở dữ liệu mới…", w.create_database,
                       tip="Một tệp dữ liệu trống, ví dụ để chuyển từ dữ liệu mẫu sang dữ liệu của đơn vị")
    def restore_backup() -> None:  # its module loads the services: only when asked for
        from .restore_dialog import show_restore_dialog
        show_restore_dialog(w)
    w.act_restore = act("Khôi phục từ bản sao lưu…", restore_backup,
                        tip="Các bản sao lưu tự động: xem lại báo cáo trong đó và khôi phục")
    w.act_quit = QAction("Thoát", w)
    w.act_quit.setShortcuts([QKeySequence("Ctrl+Q")])
    w.act_quit.triggered.connect(w.close)   # closing writes what was typed, or asks what to do with it
    w.act_undo = act("Hoàn tác", w.undo, S.Undo, "Hoàn tác (Ctrl+Z)")
    w.act_redo = act("Làm lại", w.redo, S.Redo, "Làm lại (Ctrl+Y)")
    from .undo import set_shortcuts
    set_shortcuts(w.act_undo, w.act_redo)   # Ctrl+Z, Ctrl+Y and Ctrl+Shift+Z on every platform
    w.act_board = act("Bảng theo dõi biện pháp…", w.show_board, "F8",
                      "Mọi biện pháp khắc phục của đơn vị: hạn, trạng thái, kết quả; xuất/nhập Excel (F8)")
    w.act_log = act("Mở thư mục nhật ký", w.open_log_folder)
    def show_guide() -> None:   # the guide's module only when asked for
        from .guide import show_guide as show
        show(w)
    w.act_guide = act("Hướng dẫn sử dụng", show_guide, QKeySequence.StandardKey.HelpContents,
                      "Hướng dẫn ngắn về cách dùng chương trình (F1)")
    w.act_about = act("Giới thiệu", w.show_about)

    bar = w.menuBar()
    m = bar.addMenu("&Tệp")
    w.edit_menu = bar.addMenu("&Sửa")
    w.section_menu = bar.addMenu("&Mục")
    versions = bar.addMenu("P&hiên bản")
    tools = bar.addMenu("&Công cụ")
    help_menu = bar.addMenu("Trợ &giúp")

    def fill_menus() -> None:
        m.addActions([w.act_home, w.act_new, w.act_new_from, w.act_plan, w.act_import, w.act_open])
        m.addSeparator()
        m.addActions([w.act_duplicate, w.act_delete, w.act_trash])
        m.addSeparator()
        m.addActions([w.act_save, w.act_check, w.act_preview, w.act_print, w.act_export,
                      w.act_export_pdf])
        m.addSeparator()
        m.addActions([w.act_unit, w.act_other_db, w.act_new_db, w.act_restore])
        m.addSeparator()
        m.addAction(w.act_quit)
        from .versions_menu import install_actions as install_versions   # "Phiên bản" (issue 17)
        install_versions(w, act, versions)

        def find(replace: bool = False, again: bool | None = None) -> None:   # ui/find_replace.py, when asked for
            from . import find_replace
            find_replace.open_find(w, replace) if again is None else find_replace.find_again(w, again)
        w.act_find = act("Tìm…", find, S.Find, "Tìm trong toàn bộ báo cáo (Ctrl+F)")
        w.act_replace = act("Thay thế…", lambda: find(True), "Ctrl+H",
                            "Tìm và thay thế trong toàn bộ báo cáo (Ctrl+H)")
        w.act_find_next = act("Tìm tiếp", lambda: find(again=True), "F3", "Chỗ tìm thấy tiếp theo (F3)")
        w.act_find_prev = act("Tìm lùi", lambda: find(again=False), "Shift+F3",
                              "Chỗ tìm thấy phía trước (Shift+F3)")
        w.addActions([w.act_find, w.act_replace, w.act_find_next, w.act_find_prev])   # keys whatever the menu holds
        fill_edit_menu(w)
        tools.addActions([w.act_check, w.act_board, w.act_log])
        from .forms_menu import install_actions as install_forms   # thể thức, kiểu bỏ dấu, bảng nhiệm vụ (issue 15)
        install_forms(w, act, tools)
        from .text_menu import install_actions as install_text   # chuẩn hóa văn bản, chuyển mã (issue 16)
        install_text(w, act, tools)
        help_menu.addActions([w.act_guide, w.act_about])

    tb = w.addToolBar("Thanh công cụ")
    tb.setObjectName("main-toolbar")
    # Qt.ToolButtonStyle.ToolButtonTextOnly by value: nothing before the first paint builds the
    # Qt namespace's enums (~18 ms; StartPage's `first_frame`)
    tb.setProperty("toolButtonStyle", 1)
    tb.addActions([w.act_home, w.act_new])
    tb.addSeparator()
    tb.addActions([w.act_undo, w.act_redo])
    tb.addSeparator()
    w.toolbar_nav = tb
    w.nav_separator = tb.addSeparator()   # shown with the section buttons only: no double line without them
    w.nav_separator.setVisible(False)
    tb.addActions([w.act_check, w.act_preview, w.act_export])

    for i, (text, target) in enumerate((("Báo cáo mới…", w.act_new), ("Từ kỳ trước…", w.act_new_from),
                                        ("Nhập báo cáo…", w.act_import), ("Lập kế hoạch…", w.act_plan),
                                        ("Nhân bản", w.act_duplicate), ("Xóa…", w.act_delete)), 1):
        button = QPushButton(text)
        button.setToolTip(target.toolTip())
        button.clicked.connect(target.trigger)
        w.start.buttons.addWidget(button, i // 4, i % 4)
    if menus_later:
        return fill_menus
    fill_menus()
    return None


def fill_edit_menu(w) -> None:
    """The Sửa menu as it is without an open report: undo, redo and Find (an open report adds its
    formatting commands; closing it comes back here — it used to drop Find, Ctrl+F and F3 with them)."""
    w.edit_menu.clear()
    w.edit_menu.addActions([w.act_undo, w.act_redo])
    w.edit_menu.addSeparator()
    from .text_menu import clipboard_actions   # Cắt, Sao chép, Dán, Chọn tất cả on the field being typed in
    w.edit_menu.addActions(clipboard_actions(w))
    w.edit_menu.addSeparator()
    w.edit_menu.addActions([w.act_find, w.act_replace, w.act_find_next, w.act_find_prev])
