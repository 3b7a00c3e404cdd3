"""Issue 13 point 11: Qt's own file and print dialogs (shown where the platform has no native one)
speak Vietnamese; the CLI's help and --version lines too."""
import re
import subprocess
import sys

import pytest
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (QAbstractButton, QComboBox, QFileDialog, QGroupBox, QHeaderView, QLabel, QLineEdit,
                               QTabWidget, QWidget)

from tudanhgia import cli
from tudanhgia.ui.app import make_application

# English words a user of these dialogs would see untranslated (written here by hand)
ENGLISH = frozenset(re.findall(r"\w+", """
look file files name type types folder directory directories open save cancel choose back forward
parent create new list detail view sidebar places bookmarks size date modified computer drive unknown rename delete
show hidden print printer properties location preview output options copies collate reverse color grayscale
sided printing binding long short side range pages page all odd even current selection from to set paper width
height source orientation portrait landscape margins margin top left right bottom layout order per sheet custom
millimeters inches points local write settings off"""))


def visible_texts(dialog: QWidget) -> list[str]:
    """Every label, button, tooltip, title, tab, group title, combo item, placeholder and column
    header of the dialog, and the texts of its actions (context menus)."""
    out = [dialog.windowTitle()]
    for w in dialog.findChildren(QWidget):
        if w.objectName() in ("lookInCombo", "fileNameEdit"):
            continue                                   # paths and file names, not interface text
        out.append(w.toolTip())
        if isinstance(w, (QLabel, QAbstractButton)):
            out.append(w.text())
        if isinstance(w, QGroupBox):
            out.append(w.title())
        if isinstance(w, QLineEdit):
            out.append(w.placeholderText())
        if isinstance(w, QComboBox):
            out += [w.itemText(i) for i in range(w.count())]
        if isinstance(w, QTabWidget):
            out += [w.tabText(i) for i in range(w.count())]
        if isinstance(w, QHeaderView) and w.model() is not None:
            out += [str(w.model().headerData(i, Qt.Orientation.Horizontal) or "") for i in range(w.count())]
        out += [a.text() for a in w.actions()]
    return [t for t in out if t]


def english_in(texts: list[str]) -> list[str]:
    bad = []
    for t in texts:
        words = re.findall(r"[A-Za-z]+", t.replace("&", ""))
        if any(w.lower() in ENGLISH for w in words) and not re.search(r"\(\*\.\w+\)", t):
            bad.append(t)
    return bad


@pytest.mark.parametrize("mode", ["open", "save", "folder"])
def test_point11_widget_file_dialog_is_vietnamese(qtbot, tmp_path, mode):
    make_application()
    (tmp_path / "bao-cao.docx").write_bytes(b"x")
    d = QFileDialog(None, "Xuất báo cáo", str(tmp_path), "Tài liệu Word (*.docx)")
    d.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    if mode == "save":
        d.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    if mode == "folder":
        d.setFileMode(QFileDialog.FileMode.Directory)
    qtbot.addWidget(d)
    d.show()
    qtbot.waitExposed(d)
    d.setViewMode(QFileDialog.ViewMode.Detail)
    texts = visible_texts(d)
    assert english_in(texts) == []
    # the labels and columns an officer reads first
    assert {"Tìm trong:", "Tên tệp:", "Kiểu tệp:"} <= {t.replace("&", "") for t in texts} or mode == "folder"
    assert {"Tên", "Kích thước", "Loại", "Ngày sửa"} <= set(texts)
    assert ({"Mở", "Lưu", "Chọn"} & {t.replace("&", "") for t in texts}) and "Hủy" in texts


def test_point11_print_dialog_is_vietnamese(qtbot):
    make_application()
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    d = QPrintDialog(printer)
    qtbot.addWidget(d)
    d.show()
    qtbot.waitExposed(d)
    more = next(b for b in d.findChildren(QAbstractButton) if b.text().replace("&", "").startswith("Tùy chọn"))
    qtbot.mouseClick(more, Qt.MouseButton.LeftButton)     # the options part: copies, range, pages per sheet
    texts = visible_texts(d)
    assert english_in(texts) == []
    assert d.windowTitle() == "In" and "Máy in" in texts
    assert {"Phạm vi in", "Số bản:"} <= set(texts)
    d.reject()


def test_point11_cli_help_is_vietnamese(capsys):
    with pytest.raises(SystemExit) as exit_:
        cli.main(["--help"])
    assert exit_.value.code == 0
    out = capsys.readouterr().out
    for english in ("usage:", "show this help message and exit", "show program's version number and exit",
                    "positional arguments", "options:"):
        assert english not in out
    assert out.startswith("cách dùng: tudanhgia")
    assert "hiện phần trợ giúp này rồi thoát" in out and "hiện số phiên bản của chương trình rồi thoát" in out
    assert "\ntham số:\n" in out and "\ntùy chọn:\n" in out


def test_point11_cli_subcommand_help_and_errors_are_vietnamese(capsys):
    with pytest.raises(SystemExit):
        cli.main(["measures", "--help"])
    out = capsys.readouterr().out
    assert "usage:" not in out and "show this help" not in out and "\ntùy chọn:\n" in out
    with pytest.raises(SystemExit) as exit_:
        cli.main(["measures", "--khong-co"])
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    assert "unrecognized arguments" not in err and "error:" not in err
    assert "tham số không hiểu: --khong-co" in err


def test_point11_cli_version_in_a_real_process():
    run = subprocess.run([sys.executable, "-m", "tudanhgia", "--help"], capture_output=True, text=True,
                         encoding="utf-8", timeout=60)
    assert run.returncode == 0 and "show program's version" not in run.stdout
    assert "hiện số phiên bản của chương trình rồi thoát" in run.stdout


def test_point11_cli_help_lists_options_once_and_leaves_argparse_alone(capsys):
    import argparse
    with pytest.raises(SystemExit):
        cli.main(["--help"])
    out = capsys.readouterr().out
    assert out.count("\ntùy chọn:\n") == 1 and "--db TỆP" in out.split("\ntùy chọn:\n")[1]
    # another argparse user in the same process keeps argparse's own words
    other = argparse.ArgumentParser(prog="khac")
    assert "show this help message and exit" in other.format_help()
