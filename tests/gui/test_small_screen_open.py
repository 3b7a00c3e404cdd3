"""Issue 13 point 7, as the officer reaches the screens: the report opened by a double-click on the
start page's list (the usual way, not Enter nor a call to open_report), on a 1024×600 window."""
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication
from test_small_screen import window   # the main window on a 1024×600 (or given) size


def double_click_report(qtbot, w, report_id: int) -> None:
    """Double-click the report's row in the start page's list, as the officer opens it."""
    start = w.start
    qtbot.waitUntil(lambda: start.model.row_of(report_id) is not None, timeout=3000)
    index = start.model.index(start.model.row_of(report_id), 0)
    start.reports.scrollTo(index)
    centre = start.reports.visualRect(index).center()
    view, left = start.reports.viewport(), Qt.MouseButton.LeftButton
    # what the window system hands a widget for a double-click: press, release, press, double-click,
    # release (QTest's mouseDClick alone sends only the double-click event)
    qtbot.mouseClick(view, left, pos=centre)
    qtbot.mousePress(view, left, pos=centre)
    qtbot.mouseDClick(view, left, pos=centre)
    qtbot.mouseRelease(view, left, pos=centre)
    qtbot.waitUntil(lambda: w.stack.currentWidget() is w.editor and w.editor is not None, timeout=3000)
    assert w.ctx.report_id == report_id
    assert not QApplication.mouseButtons()      # the double-click is over; the button is up again


def click_tab(qtbot, w, title: str) -> None:
    bar = w.editor.tabs.tabBar()
    index = next(i for i in range(bar.count()) if bar.tabText(i).replace("&", "") == title)
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(index).center())
    assert w.editor.tabs.currentIndex() == index


def open_measures(qtbot, w, service, report_id: int):
    """The limitation with the most measures, chosen by a click in the limitations' list."""
    double_click_report(qtbot, w, report_id)
    click_tab(qtbot, w, "Hạn chế và biện pháp")
    panel = w.editor.panels["limitations"]
    report = service.get_report(report_id)
    most = max(report.limitations, key=lambda x: len(x.measures))
    row = [lim.id for lim in report.limitations].index(most.id)
    item = panel.list.item(row)
    panel.list.scrollToItem(item)
    qtbot.mouseClick(panel.list.viewport(), Qt.MouseButton.LeftButton,
                     pos=panel.list.visualItemRect(item).center())
    qtbot.wait(50)
    assert panel.measures.model.rowCount() == len(most.measures) >= 1
    return panel.measures.view


def shown_columns(view) -> list[int]:
    header = view.horizontalHeader()
    return [c for c in range(header.count()) if not header.isSectionHidden(c)]


def test_point7_measures_table_fits_after_a_double_click_open(qtbot, sample_service, tmp_path, said):
    w = window(qtbot, sample_service, tmp_path / "ui.ini")
    view = open_measures(qtbot, w, sample_service, 2)
    header = view.horizontalHeader()
    shown = shown_columns(view)
    qtbot.waitUntil(lambda: not view.horizontalScrollBar().isVisible(), timeout=2000)   # nothing out of sight
    assert sum(view.columnWidth(c) for c in shown) <= view.viewport().width()
    assert sum(view.columnWidth(c) for c in shown) >= view.viewport().width() - len(shown)
    assert header.height() > 2 * header.fontMetrics().height()      # "Đơn vị tham mưu/chủ trì" wraps
    assert not view.user_sized                                       # nobody dragged a column


def test_point7_measures_table_uses_the_free_width_after_a_double_click_open(qtbot, sample_service, tmp_path,
                                                                              said):
    w = window(qtbot, sample_service, tmp_path / "ui.ini", size=(1600, 1000))
    view = open_measures(qtbot, w, sample_service, 2)
    shown = shown_columns(view)
    used = sum(view.columnWidth(c) for c in shown)
    assert view.viewport().width() - len(shown) <= used <= view.viewport().width()


def test_point7_a_drag_on_the_header_still_keeps_the_officers_widths(qtbot, sample_service, tmp_path, said):
    w = window(qtbot, sample_service, tmp_path / "ui.ini")
    view = open_measures(qtbot, w, sample_service, 2)
    header = view.horizontalHeader()
    first = shown_columns(view)[0]
    edge = header.sectionViewportPosition(first) + header.sectionSize(first) - 1
    y = header.height() // 2
    before = header.sectionSize(first)
    qtbot.mousePress(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(edge, y))
    qtbot.mouseMove(header.viewport(), pos=QPoint(edge + 30, y))
    qtbot.mouseRelease(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(edge + 30, y))
    assert header.sectionSize(first) > before
    assert view.user_sized
    w.resize(1100, 650)
    qtbot.wait(50)
    assert header.sectionSize(first) > before      # the window's resize leaves the officer's width


def click_section(qtbot, w, key: str) -> None:
    """A click on the section's line in the outline."""
    e = w.editor
    item = e._items[w.ctx.report().find(key=key).id]
    e.tree.scrollToItem(item)
    qtbot.mouseClick(e.tree.viewport(), Qt.MouseButton.LeftButton, pos=e.tree.visualItemRect(item).center())
    assert e.tree.currentItem() is item


def test_point7_a_section_opens_at_its_first_line(qtbot, sample_service, tmp_path, said):
    w = window(qtbot, sample_service, tmp_path / "ui.ini")
    double_click_report(qtbot, w, 1)
    edit = w.editor.page.editor
    for key in ("uu-diem.3", "uu-diem.1", "uu-diem.3"):   # shown the first time, and again from the kept text
        click_section(qtbot, w, key)
        qtbot.wait(100)                                       # the long text laid out to its end
        assert edit.verticalScrollBar().maximum() > 0, key    # longer than the box: it could be scrolled
        assert edit.verticalScrollBar().value() == 0, key     # … but opens at its beginning
        assert edit.cursorForPosition(edit.viewport().rect().topLeft()).position() == 0, key


def test_point7_the_editor_tabs_open_by_keyboard(qtbot, sample_service, tmp_path, said):
    w = window(qtbot, sample_service, tmp_path / "ui.ini")
    double_click_report(qtbot, w, 1)
    w.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is w)
    tabs = w.editor.tabs
    click_section(qtbot, w, "uu-diem.3")   # rated "Tốt"
    body = w.editor.page.editor
    qtbot.mouseClick(body.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(20, 10))
    assert QApplication.focusWidget() is body
    alt = Qt.KeyboardModifier.AltModifier
    for letter, page in ((Qt.Key.Key_B, w.editor.panels["limitations"]), (Qt.Key.Key_V, w.editor.panels["meta"]),
                         (Qt.Key.Key_N, w.editor.page)):
        qtbot.keyClick(QApplication.focusWidget(), letter, alt)
        assert tabs.currentWidget() is page, letter
    # each tab names its key in its tooltip, and shows it underlined (the "&" before its letter)
    for i, key in enumerate(("Alt+N", "Alt+B", "Alt+V")):
        assert key in tabs.tabToolTip(i), tabs.tabText(i)
        assert f"&{key[-1].lower()}" in tabs.tabText(i).lower(), tabs.tabText(i)
    # no key taken twice in the window: the menus' letters, the tabs' letters
    letters = [t.split("&")[1][0].lower() for t in [m.title() for m in w.menuBar().findChildren(type(w.edit_menu))
                                                    if m.title()] + [tabs.tabText(i) for i in range(tabs.count())]
               if "&" in t]
    assert len(letters) == len(set(letters)) >= 6 + tabs.count(), letters
    # the ratings' Alt+1…4 still tick the boxes
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_1, alt)
    assert w.editor.page.rating_checks[0].isChecked() and not w.editor.page.rating_checks[1].isChecked()


def test_point7_a_measure_alone_uses_the_tables_height(qtbot, sample_service, tmp_path, said):
    w = window(qtbot, sample_service, tmp_path / "ui.ini")
    view = open_measures(qtbot, w, sample_service, 2)   # its one measure: longer than the view at 1024×600
    assert view.model().rowCount() == 1
    line = view.fontMetrics().lineSpacing()
    assert view.sizeHintForRow(0) > view.viewport().height()
    # cut to whole lines, but no more than a line of the view left empty under it (7 lines before)
    assert view.viewport().height() - line < view.rowHeight(0) <= view.viewport().height()


def test_point7_a_section_changed_elsewhere_stays_where_the_officer_was(qtbot, sample_service, tmp_path, said):
    from tudanhgia.domain.richtext import RichText
    w = window(qtbot, sample_service, tmp_path / "ui.ini")
    double_click_report(qtbot, w, 1)
    click_section(qtbot, w, "uu-diem.3")
    edit = w.editor.page.editor
    qtbot.wait(100)
    edit.verticalScrollBar().setValue(edit.verticalScrollBar().maximum() // 2)   # the officer scrolled…
    qtbot.mouseClick(edit.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(60, 40))   # … and clicked there
    at, scrolled = edit.textCursor().position(), edit.verticalScrollBar().value()
    assert 0 < at < edit.document().characterCount() - 1 and scrolled > 0
    # the measures board (or another panel) changes this section's last words: the page shows it again
    section = w.ctx.report().find(key="uu-diem.3")
    sample_service.update_section(section.id, body=RichText.from_plain(section.body.plain.rstrip() + " Bổ sung."))
    w.ctx.notify()
    qtbot.wait(50)
    assert edit.document().toPlainText().endswith("Bổ sung.")
    assert edit.textCursor().position() == at                  # (it jumped to the end)
    assert edit.verticalScrollBar().value() == scrolled
