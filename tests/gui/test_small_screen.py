"""Issue 13 point 7: the window on a small screen (1024×600 in Qt's units: a small laptop at 125 %)
shows every control of the section page and the whole measures table (headers wrapped, the text
columns sharing the free width, no column pushed out of sight), and remembers its layout between
runs (size, splitters, the widths the officer gave the measures' columns)."""
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QHeaderView, QToolButton

from tudanhgia.ui.app import make_application
from tudanhgia.ui.main_window import MainWindow
from tudanhgia.ui.measures_model import COL_DUE, COL_MEASURE, COL_STATUS

SMALL = (1024, 600)


def window(qtbot, service, settings_path, size=SMALL):
    make_application()
    w = MainWindow(service, settings=QSettings(str(settings_path), QSettings.Format.IniFormat))
    qtbot.addWidget(w)
    if size is not None:
        w.resize(*size)
    w.show()
    qtbot.waitExposed(w)
    return w


def inside(widget, w) -> bool:
    """The widget is shown whole inside the window's client area."""
    if not widget.isVisible():
        return False
    top_left = widget.mapTo(w, widget.rect().topLeft())
    bottom_right = widget.mapTo(w, widget.rect().bottomRight())
    return w.rect().contains(top_left) and w.rect().contains(bottom_right)


def test_point7_the_window_fits_1024x600(qtbot, sample_service, tmp_path, said):
    w = window(qtbot, sample_service, tmp_path / "ui.ini")
    for report_id in (1, 2, 3):
        w.open_report(report_id)
        hint = w.minimumSizeHint()
        assert hint.width() <= SMALL[0] and hint.height() <= SMALL[1], (report_id, hint)
    assert (w.width(), w.height()) == SMALL


def test_point7_section_page_shows_every_control_at_1024x600(qtbot, sample_service, tmp_path, said):
    w = window(qtbot, sample_service, tmp_path / "ui.ini")
    w.open_report(1)
    e = w.editor
    e.select(sample_service.get_report(1).find(key="uu-diem.3").id)
    qtbot.wait(50)
    page = e.page
    for box in page.rating_checks:
        assert inside(box, w), box.text()
    assert inside(page.heading, w) and inside(page.editor, w)
    assert page.editor.height() >= 5 * page.editor.fontMetrics().lineSpacing()   # room to write
    # every outline command reachable on screen, none pushed behind the toolbar's "»"
    buttons = e.splitter.widget(0).findChildren(QToolButton)
    for act in (e.act_add, e.act_add_child, e.act_delete, e.act_up, e.act_down, e.act_indent, e.act_outdent,
                getattr(e, "act_add_before", None)):
        shown = [b for b in buttons if inside(b, w) and (b.defaultAction() is act
                                                         or (b.menu() is not None and act in b.menu().actions()))]
        assert shown, act.text() if act is not None else "Thêm mục trước"
    assert inside(e.prev_button, w) and inside(e.next_button, w)


def test_point7_measures_table_fits_its_width_with_wrapped_headers(qtbot, sample_service, tmp_path, said):
    w = window(qtbot, sample_service, tmp_path / "ui.ini")
    w.open_report(2)
    panel = w.editor.panels["limitations"]
    w.editor.tabs.setCurrentWidget(panel)
    report = sample_service.get_report(2)
    panel.select_limitation(max(report.limitations, key=lambda x: len(x.measures)).id)
    qtbot.wait(50)
    view = panel.measures.view
    header = view.horizontalHeader()
    shown = [c for c in range(header.count()) if not header.isSectionHidden(c)]
    assert not view.horizontalScrollBar().isVisible()                     # no column out of sight
    assert sum(view.columnWidth(c) for c in shown) <= view.viewport().width()
    assert sum(view.columnWidth(c) for c in shown) >= view.viewport().width() - len(shown)   # … and the width used
    words = max(view.fontMetrics().horizontalAdvance(word) for word in ("Đang", "thực", "hiện", "Hoàn", "thành"))
    assert view.columnWidth(COL_STATUS) >= words                             # a status wraps, never cut in a word
    texts = [c for c in shown if c not in (COL_DUE, COL_STATUS)]
    assert view.columnWidth(COL_MEASURE) == max(view.columnWidth(c) for c in texts)   # the main text the widest
    assert header.height() > 2 * header.fontMetrics().height()              # "Đơn vị tham mưu/chủ trì" wraps
    assert header.sectionResizeMode(shown[0]) == QHeaderView.ResizeMode.Interactive
    assert inside(view, w)


def test_point7_the_window_remembers_its_layout(qtbot, sample_service, tmp_path, said):
    ini = tmp_path / "ui.ini"
    screen = QApplication.primaryScreen().availableGeometry()   # restoreGeometry keeps a window on it
    size = (min(1100, screen.width() - 20), min(700, screen.height() - 40))
    w = window(qtbot, sample_service, ini, size=size)
    w.open_report(2)
    e = w.editor
    panel = e.panels["limitations"]
    e.tabs.setCurrentWidget(panel)
    report = sample_service.get_report(2)
    panel.select_limitation(max(report.limitations, key=lambda x: len(x.measures)).id)
    qtbot.wait(50)
    # the offscreen screen is 800 pixels wide: the window at its narrowest leaves the outline no
    # room to move; the limitation's form over its measures has room (vertical)
    split = panel.editor_split
    fields = split.sizes()[0] - 41
    split.setSizes([fields, sum(split.sizes()) - fields])
    split.splitterMoved.emit(fields, 1)             # as the officer's drag reports it
    assert split.sizes()[0] == fields
    view = panel.measures.view
    view.user_sized = True                          # … and a column dragged wider (the press on the header)
    view.horizontalHeader().resizeSection(COL_STATUS, 190)
    widths = [view.columnWidth(c) for c in range(view.model().columnCount())]
    size = (w.width(), w.height())
    w.close()
    again = window(qtbot, sample_service, ini, size=None)
    again.open_report(2)
    assert (again.width(), again.height()) == size
    panel = again.editor.panels["limitations"]
    again.editor.tabs.setCurrentWidget(panel)
    panel.select_limitation(max(report.limitations, key=lambda x: len(x.measures)).id)
    qtbot.wait(50)
    assert panel.editor_split.sizes()[0] == fields
    view = panel.measures.view
    assert view.columnWidth(COL_STATUS) == 190
    assert [view.columnWidth(c) for c in range(view.model().columnCount())] == widths
    assert QApplication.instance() is not None


def test_point7_the_limitation_form_shows_its_year_whole_at_1024x600(qtbot, sample_service, tmp_path, said):
    w = window(qtbot, sample_service, tmp_path / "ui.ini")
    w.open_report(2)
    panel = w.editor.panels["limitations"]
    w.editor.tabs.setCurrentWidget(panel)
    report = sample_service.get_report(2)
    panel.select_limitation(report.limitations[0].id)
    qtbot.wait(50)
    edit = panel.origin_edit
    assert edit.text() == "2022"
    assert edit.width() >= edit.fontMetrics().horizontalAdvance("2022") + 8   # "022" before
    assert inside(edit, w)


def test_point7_a_long_measure_is_shown_whole_when_the_table_has_room(qtbot, sample_service, tmp_path, said):
    w = window(qtbot, sample_service, tmp_path / "ui.ini", size=(1600, 1000))
    w.open_report(2)
    panel = w.editor.panels["limitations"]
    w.editor.tabs.setCurrentWidget(panel)
    report = sample_service.get_report(2)
    panel.select_limitation(report.limitations[0].id)
    qtbot.wait(50)
    view = panel.measures.view
    assert view.model().rowCount() == 1
    seven_lines = view.fontMetrics().lineSpacing() * 7 + 2
    assert view.sizeHintForRow(0) > seven_lines            # the sample's first measure: more than 7 lines
    assert view.rowHeight(0) >= view.sizeHintForRow(0)      # shown whole, not cut to "…", the room is there


def test_point7_the_document_form_needs_no_sideways_scrolling_at_1024x600(qtbot, sample_service, tmp_path, said):
    w = window(qtbot, sample_service, tmp_path / "ui.ini")
    w.open_report(1)
    form = w.editor.panels["meta"]
    w.editor.tabs.setCurrentWidget(form)
    # before: "Năm" and the signer out of sight, behind a sideways scroll bar
    qtbot.waitUntil(lambda: not form.scroll.horizontalScrollBar().isVisible(), timeout=2000)
    viewport = form.scroll.viewport()
    for field in (form.year, form.place, form.parent_agency, form.symbol):
        right = field.mapTo(viewport, field.rect().topRight()).x()
        assert right <= viewport.width(), field.toolTip() or field.placeholderText()
    def top(field):
        return field.mapTo(form, field.rect().topLeft())
    assert top(form.place).y() > top(form.symbol).y()               # the header's two columns one under the other
    w.resize(1600, 1000)                                          # room again: the printed header's two columns
    qtbot.waitUntil(lambda: top(form.place).x() > top(form.parent_agency).x() + form.parent_agency.width(),
                    timeout=2000)
