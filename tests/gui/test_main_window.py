from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QDialogButtonBox

from tudanhgia.ui.app import make_application
from tudanhgia.ui.main_window import MainWindow
from qt_keys import type_text


def reports_shown(window):
    return window.start.shown_titles()


def row_text(window, row: int, column: int = 0) -> str:
    return window.start.model.index(row, column).data()


def click_report(window, containing: str = "") -> None:
    """Select (as a click does) the first report whose title holds `containing`."""
    model = window.start.model
    row = next(r for r in range(model.rowCount()) if not model.is_heading(r) and containing in row_text(window, r))
    window.reports.setCurrentIndex(model.index(row, 0))


def make_window(qtbot, sample_service, tmp_path):
    make_application()
    w = MainWindow(sample_service, settings=QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    return w


def test_lists_the_sample_reports_grouped_by_unit(qtbot, sample_service, tmp_path):
    w = make_window(qtbot, sample_service, tmp_path)
    assert row_text(w, 0) == "Văn phòng UBND tỉnh Quảng Ngãi"  # the unit's heading, then its reports
    assert [row_text(w, r, 1) for r in range(1, 4)] == ["Năm 2023", "Năm 2022", "Năm 2020"]
    assert len(reports_shown(w)) == 3
    assert w.count_label.text() == "3 báo cáo"


def test_typing_vietnamese_in_search_filters(qtbot, sample_service, tmp_path):
    w = make_window(qtbot, sample_service, tmp_path)
    w.search.setFocus()
    type_text(w.search, "kiểm điểm tập thể năm 2020")
    qtbot.waitUntil(lambda: len(reports_shown(w)) == 1)
    assert reports_shown(w)[0] == "Báo cáo kiểm điểm tập thể năm 2020"
    w.search.clear()
    qtbot.waitUntil(lambda: len(reports_shown(w)) == 3)


def test_kind_filter(qtbot, sample_service, tmp_path):
    w = make_window(qtbot, sample_service, tmp_path)
    w.kind_filter.setCurrentIndex(w.kind_filter.findData("ke-hoach-khac-phuc"))
    assert reports_shown(w) == ["Kế hoạch phát huy ưu điểm, khắc phục những hạn chế, khuyết điểm của tập thể "
                                "Lãnh đạo Văn phòng UBND tỉnh trong năm 2022"]


def test_selecting_a_report_shows_its_numbered_outline(qtbot, sample_service, tmp_path):
    w = make_window(qtbot, sample_service, tmp_path)
    click_report(w, "kiểm điểm")
    assert w.report_title.text() == "Báo cáo kiểm điểm tập thể năm 2020"
    top = [w.outline.topLevelItem(i).text(0) for i in range(w.outline.topLevelItemCount())]
    assert top[0] == "I. Ưu điểm, kết quả đạt được"
    assert top[2].startswith("III. Giải trình") and top[3].startswith("IV. Kết quả khắc phục")
    first = w.outline.topLevelItem(0).child(0)
    assert first.text(0).startswith("1. Việc quán triệt") and first.text(2) == "Tốt"
    assert "Hoàn thành" in w.report_info.text()


def test_standard_buttons_are_vietnamese(qtbot):
    make_application()
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    qtbot.addWidget(box)
    assert sorted(b.text() for b in box.buttons()) == ["Hủy", "Đồng ý"]


def test_window_remembers_its_size(qtbot, sample_service, tmp_path):
    w = make_window(qtbot, sample_service, tmp_path)
    size = (max(700, w.minimumSizeHint().width()), 500)  # the offscreen screen is only 800 wide
    w.resize(*size)
    w.close()
    w2 = make_window(qtbot, sample_service, tmp_path)
    assert (w2.width(), w2.height()) == size


def test_untranslated_qt_strings_keep_their_text(qtbot):
    from PySide6.QtCore import QCoreApplication
    make_application()
    assert QCoreApplication.translate("QShortcut", "Print") == "Print"   # the key's name: not the dialog's
    assert QCoreApplication.translate("QPrintDialog", "Print") == "In"
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Hủy"


def test_window_paints_from_the_catalog_then_takes_the_service(qtbot, sample_db, tmp_path):
    from tudanhgia.services import ReportService
    from tudanhgia.store.catalog import read_catalog
    make_application()
    w = MainWindow(None, settings=QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat),
                   catalog=read_catalog(sample_db), db_path=sample_db)
    qtbot.addWidget(w)
    w.show()
    assert sorted(reports_shown(w)) == sorted(r.title for r in read_catalog(sample_db).reports)
    assert w.start.kind_filter.count() == 1  # the kinds arrive with the service
    assert not w.act_new.isEnabled()  # nothing that needs the database until the service is there
    click_report(w)
    w.open_report(w.start.current_report_id())  # ignored until attached
    assert w.editor is None
    service = ReportService.open(sample_db, create=False)
    w.attach_service(service)
    assert w.act_new.isEnabled() and w.act_export.isEnabled()
    assert w.outline.topLevelItemCount() > 0  # the selected report's outline appears
    assert len(reports_shown(w)) == 3
    kinds = [w.start.kind_filter.itemText(i) for i in range(1, w.start.kind_filter.count())]
    assert "Báo cáo kiểm điểm tập thể" in " ".join(kinds) and len(kinds) >= 5
    service.close()


def test_core_import_bypasses_then_restores_the_qt_import_hook():
    """In the application's own import order (our package before Qt): the services are imported
    without PySide6's hook, which stays installed for everything else."""
    import subprocess
    import sys
    code = ("import builtins, sys\n"
            "import tudanhgia\n"
            "from tudanhgia.ui.app import _import_core_without_qt_hook\n"
            "hooked = builtins.__import__\n"
            "assert hooked is not tudanhgia.ORIGINAL_IMPORT\n"
            "seen = []\n"
            "feature = sys.modules['shibokensupport.feature']\n"
            "original = feature.feature_imported\n"
            "feature.feature_imported = lambda *a, **k: seen.append(a) or original(*a, **k)\n"
            "@@STATEMENT@@\n"
            "assert 'sqlalchemy' in sys.modules and builtins.__import__ is hooked\n"
            "print(len(seen))\n")

    def hook_calls(statement: str) -> int:
        out = subprocess.run([sys.executable, "-c", code.replace("@@STATEMENT@@", statement)], capture_output=True,
                             text=True, timeout=120)
        assert out.returncode == 0, out.stderr[-800:]
        return int(out.stdout.strip())
    bypassed = hook_calls("_import_core_without_qt_hook()")
    plain = hook_calls("import tudanhgia.services.reports")   # the package itself loads it lazily
    assert plain > 100 and bypassed < plain / 20, (bypassed, plain)


FIRST_PAINT = """
import os, sys
os.environ["TUDANHGIA_EXIT_AFTER_SHOW"] = "1"
import tudanhgia.ui.app as app
seen = {}
report = app._report
def spy(marker):
    if marker == "SHOWN":
        seen["loaded"] = sorted({m.split(".")[0] for m in sys.modules} & {"sqlalchemy", "alembic", "docx", "openpyxl"})
    report(marker)
app._report = spy
from tudanhgia.cli import main
main(["--db", sys.argv[1], "--data-dir", sys.argv[2]])
print("LOADED", seen.get("loaded"))
"""


def test_the_first_paint_loads_no_sqlalchemy(sample_db, tmp_path):
    """The window is painted from the stdlib catalog; SQLAlchemy (a third of a second) loads after.
    One module-level import of the services package from anything the first paint imports (once:
    ui/context.py importing services.changes) silently doubled the start-up."""
    import os
    import subprocess
    import sys
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    out = subprocess.run([sys.executable, "-c", FIRST_PAINT, str(sample_db), str(tmp_path / "d")],
                         capture_output=True, text=True, env=env, timeout=120)
    assert "SHOWN" in out.stdout and "READY" in out.stdout, out.stderr
    assert "LOADED []" in out.stdout, out.stdout


def _toolbar_groups(window) -> list[list[str]]:
    """The toolbar as the officer sees it: its visible buttons, split where a separator line is drawn."""
    groups: list[list[str]] = [[]]
    for act in window.toolbar_nav.actions():
        if not act.isVisible():
            continue
        if act.isSeparator():
            groups.append([])
        else:
            groups[-1].append(act.text())
    return groups


def test_the_toolbar_draws_no_double_line_with_or_without_a_report_open(qtbot, sample_service, tmp_path):
    w = make_window(qtbot, sample_service, tmp_path)
    assert [] not in _toolbar_groups(w), _toolbar_groups(w)       # the start page: no empty group
    w.open_report(sample_service.list_reports()[0].id)
    groups = _toolbar_groups(w)
    assert [] not in groups and [w.editor.act_prev.text(), w.editor.act_next.text()] in groups, groups
    assert w.close_report()
    assert [] not in _toolbar_groups(w), _toolbar_groups(w)
