"""The program's open and save dialogs never open the files they list (ui/file_dialogs.py): Qt's
own dialog read each file to tell its type, and on Linux closing that read dropped the locks
SQLite holds on the open database — another program then took the window for gone and deleted
the WAL the window was writing into (found by the GUI tester: saves lost, database corrupt)."""
from __future__ import annotations

import sqlite3
import subprocess
import sys
import time

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QFileSystemModel

from tudanhgia.ui import file_dialogs
from tudanhgia.ui.app import make_application

OTHER_PROGRAM = ("import sqlite3, sys\n"
                 "c = sqlite3.connect(sys.argv[1]); c.execute('select count(*) from t').fetchall(); c.close()")


def _browse_then_cancel(folder, seen: dict) -> None:
    """As the officer does: the dialog shows the folder, they look, then press Hủy."""
    started = time.monotonic()

    def look():
        dialog = QApplication.activeModalWidget()
        model = dialog.findChild(QFileSystemModel) if isinstance(dialog, QFileDialog) else None
        listed = model.rowCount(model.index(str(folder))) if model is not None else 0
        if listed >= 3 or time.monotonic() - started > 10:
            seen.update(listed=listed, native=not dialog.testOption(QFileDialog.Option.DontUseNativeDialog),
                        types={model.index(r, 0, model.index(str(folder))).data():
                               model.index(r, 2, model.index(str(folder))).data() for r in range(listed)})
            QTimer.singleShot(600, dialog.reject)    # time for the folder's details to be gathered
            return
        QTimer.singleShot(20, look)

    QTimer.singleShot(0, look)


@pytest.mark.skipif(sys.platform == "win32", reason="Windows keeps its native dialog; its locks are per handle")
@pytest.mark.parametrize("ask", [file_dialogs.open_file_name, file_dialogs.save_file_name])
def test_browsing_the_databases_folder_keeps_its_locks(qtbot, tmp_path, ask):
    make_application()
    db = tmp_path / "du-lieu.sqlite"
    con = sqlite3.connect(db)
    con.execute("pragma journal_mode=wal")
    con.execute("create table t(x)")
    con.execute("insert into t values (1)")
    con.commit()
    con.execute("select count(*) from t").fetchall()
    wal = tmp_path / "du-lieu.sqlite-wal"
    assert wal.exists()
    (tmp_path / "bao-cao.docx").write_bytes(b"PK")
    seen: dict = {}
    _browse_then_cancel(tmp_path, seen)
    assert ask(None, "Mở cơ sở dữ liệu", str(tmp_path), "Mọi tệp (*)") == ("", "")
    assert seen["listed"] >= 3 and not seen["native"]
    assert seen["types"]["bao-cao.docx"] == "Tệp DOCX" and seen["types"]["du-lieu.sqlite"] == "Tệp SQLite"
    assert seen["types"]["du-lieu.sqlite-wal"] == "Tệp SQLite-WAL"
    # another program opens and closes the database: finding this one still connected, it keeps the WAL
    subprocess.run([sys.executable, "-c", OTHER_PROGRAM, str(db)], check=True, timeout=60)
    assert wal.exists(), "the window's locks were dropped: the other program deleted the WAL it writes into"
    con.execute("insert into t values (2)")
    con.commit()
    con.close()
    assert sqlite3.connect(db).execute("select count(*) from t").fetchone() == (2,)


@pytest.mark.parametrize(("name", "shown"), [
    ("du-lieu.sqlite", "Tệp SQLite"), ("DU-LIEU.SQLITE", "Tệp SQLite"), ("cu.sqlite3", "Tệp SQLite3"),
    ("du-lieu.sqlite-wal", "Tệp SQLite-WAL"), ("du-lieu.sqlite-shm", "Tệp SQLite-SHM"),
    ("bao-cao.docx", "Tệp DOCX"), ("bang.xlsx", "Tệp XLSX"), ("ban-in.pdf", "Tệp PDF"), ("ghi-chu.txt", "Tệp TXT"),
    ("sao-luu.tar.gz", "Tệp GZ"), ("README", "Tệp")])
def test_a_files_type_reads_as_its_kind_is_written(qtbot, tmp_path, name, shown):
    """The Loại column: SQLite as it is spelled ("Tệp SQLITE" read oddly), initials in capitals."""
    from PySide6.QtCore import QFileInfo
    make_application()
    (tmp_path / name).write_bytes(b"")
    assert file_dialogs.NameOnlyIcons().type(QFileInfo(str(tmp_path / name))) == shown
    assert file_dialogs.NameOnlyIcons().type(QFileInfo(str(tmp_path))) == "Thư mục"


def test_every_open_and_save_dialog_of_the_window_goes_through_file_dialogs():
    """Qt's static dialogs list a folder with its own type reading: none is called directly."""
    from pathlib import Path
    ui = Path(file_dialogs.__file__).parent
    direct = [f"{p.name}:{n}" for p in sorted(ui.glob("*.py")) if p.name != "file_dialogs.py"
              for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
              if "QFileDialog.get" in line or "QFileDialog(" in line]
    assert direct == []


@pytest.mark.skipif(sys.platform == "win32", reason="Windows keeps its native dialog")
def test_the_save_dialogs_detail_columns_read_whole(qtbot, tmp_path):
    """A GUI test found Qt's dialog opening small with its columns sized for English: “Kích thướ”,
    “42....KiB”, “Tệ...CX”, “29 11 2...6 21:10”."""
    from PySide6.QtWidgets import QStyle, QTreeView
    make_application()
    (tmp_path / "BC-2026-ban-hanh.docx").write_bytes(b"PK" * 21_700)   # 42,4 KiB, as the tester's
    seen: dict = {}
    started = time.monotonic()

    def look():
        dialog = QApplication.activeModalWidget()
        model = dialog.findChild(QFileSystemModel) if isinstance(dialog, QFileDialog) else None
        folder = model.index(str(tmp_path)) if model is not None else None
        ready = folder is not None and model.rowCount(folder) == 1 and model.index(0, 3, folder).data()
        if not ready and time.monotonic() - started < 10:
            QTimer.singleShot(20, look)
            return
        view = dialog.findChild(QTreeView, "treeView")
        header, metrics, style = view.header(), view.fontMetrics(), view.style()
        cell_margin = 2 * (style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, view) + 1)
        head_margin = 2 * style.pixelMetric(QStyle.PixelMetric.PM_HeaderMargin, None, header)
        for column in (1, 2, 3):
            value, label = model.index(0, column, folder).data(), model.headerData(column, header.orientation())
            need = max(metrics.horizontalAdvance(value) + cell_margin, metrics.horizontalAdvance(label) + head_margin)
            seen[label] = (value, header.sectionSize(column), need)
        seen["right edge"] = (header.sectionViewportPosition(3) + header.sectionSize(3), view.viewport().width())
        dialog.reject()

    QTimer.singleShot(0, look)
    target = str(tmp_path / "BC.docx")
    assert file_dialogs.save_file_name(None, "Xuất DOCX", target, "Văn bản Word (*.docx)") == ("", "")
    assert {"Kích thước", "Loại", "Ngày sửa"} <= seen.keys(), seen
    for label in ("Kích thước", "Loại", "Ngày sửa"):
        value, width, need = seen[label]
        assert width >= need, (label, value, width, need)
    edge, visible = seen["right edge"]
    assert edge <= visible, "every column shows without scrolling sideways"
