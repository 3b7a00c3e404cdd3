"""What only Windows runs, checked under Wine with the Windows CPython of the build
(`bash build/spec/windows.sh checks`, also a step of `make package-windows-test`):

- the database lock (store/file_lock.py: LockFile through msvcrt.locking, far beyond the data):
  a second process is refused while it is held and gets it once released; SQLite reads and writes
  the file meanwhile;
- `process_alive` (OpenProcess / GetExitCodeProcess) and the export's temporary folder: hidden
  (FILE_ATTRIBUTE_HIDDEN) while a file is written, gone after; a killed export's file removed by
  the next export at once;
- the session end: WM_QUERYENDSESSION / WM_ENDSESSION sent to a window of the application reach
  `install_session_end`'s flush (Qt's windows platform turns them into commitDataRequest);
- the import worker thread (ui/import_dialog.ProgressDialog, its 16 MB stack): a DOCX nested as
  deep as the XML reader allows is read there without the thread dying.

Run from the repository: `python.exe build\\spec\\wine_checks.py` (it finds desktop/ itself).
Prints one "ok:" line per check; exits 1 at the first failure.
"""
from __future__ import annotations

import ctypes
import os
import sqlite3
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "desktop"))

from tudanhgia.services.files import TEMP_FOLDER, atomic_write, process_alive  # noqa: E402
from tudanhgia.store.file_lock import lock_database_file  # noqa: E402

FILE_ATTRIBUTE_HIDDEN = 0x2


def ok(text: str) -> None:
    print(f"    ok: {text}", flush=True)


def fail(text: str) -> None:
    print(f"FAILED: {text}", flush=True)
    sys.exit(1)


def child(code: str, *args: str, wait: bool = True) -> subprocess.Popen | subprocess.CompletedProcess:
    prelude = f"import sys; sys.path.insert(0, {str(ROOT / 'desktop')!r})\n"
    cmd = [sys.executable, "-c", prelude + code, *args]
    if wait:
        return subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    return subprocess.Popen(cmd, stdout=subprocess.PIPE, text=True)


def check_database_lock(folder: Path) -> None:
    db = folder / "du-lieu.sqlite"
    con = sqlite3.connect(db)
    con.execute("CREATE TABLE t (x)")
    con.commit()
    lock = lock_database_file(db)
    if lock is None or not lock.held:
        fail("the first window did not get the database lock")
    probe = ("from tudanhgia.store.file_lock import lock_database_file\n"
             "lock = lock_database_file(sys.argv[1])\n"
             "print('refused' if lock is None else 'held' if lock.held else 'unheld')")
    out = child(probe, str(db)).stdout.strip()
    if out != "refused":
        fail(f"a second process was not refused the lock: {out!r}")
    con.execute("INSERT INTO t VALUES (1)")
    con.commit()
    if con.execute("SELECT count(*) FROM t").fetchone() != (1,):
        fail("SQLite could not write the locked file")
    lock.unlock()
    out = child(probe, str(db)).stdout.strip()
    if out != "held":
        fail(f"the lock was not given to a second process once released: {out!r}")
    con.close()
    ok("database lock: a second process refused while held, given once released; SQLite writes meanwhile")


def hidden(path: Path) -> bool:
    attrs = ctypes.windll.kernel32.GetFileAttributesW(str(path))
    return attrs != -1 and attrs != 0xFFFFFFFF and bool(attrs & FILE_ATTRIBUTE_HIDDEN)


def check_process_alive() -> None:
    running = child("import time; time.sleep(60)", wait=False)
    try:
        if not process_alive(running.pid) or not process_alive(os.getpid()):
            fail("process_alive says a running process is gone")
    finally:
        running.kill()
        running.wait(30)
    if process_alive(running.pid):
        fail("process_alive says a finished process is running")
    ok("process_alive: running and finished processes told apart (OpenProcess, GetExitCodeProcess)")


def check_export_temp(folder: Path) -> None:
    target = folder / "bao-cao.docx"
    seen: dict[str, bool] = {}

    def write(tmp: Path) -> None:
        seen["hidden"] = hidden(tmp.parent) and tmp.parent.name == TEMP_FOLDER
        tmp.write_bytes(b"PK\x03\x04 mot bao cao")

    atomic_write(target, write)
    if not seen.get("hidden"):
        fail(f"the temporary folder {TEMP_FOLDER} was not hidden while the file was written")
    if (folder / TEMP_FOLDER).exists() or target.read_bytes()[:2] != b"PK":
        fail("after the export the temporary folder is still there, or the file is not in place")
    ok(f"export: the temporary file is written in a hidden folder ({TEMP_FOLDER}), removed after")

    hang = ("from tudanhgia.services.files import atomic_write\nimport time\n"
            "def write(tmp):\n"
            "    tmp.write_bytes(b'PK half')\n"
            "    print('writing', flush=True)\n"
            "    time.sleep(120)\n"
            "atomic_write(sys.argv[1], write)\n")
    proc = child(hang, str(target), wait=False)
    if proc.stdout.readline().strip() != "writing":
        fail("the export to be killed did not start")
    proc.kill()                 # TerminateProcess: no clean-up runs
    proc.wait(30)
    left = list((folder / TEMP_FOLDER).glob("*.tmp"))
    if len(left) != 1:
        fail(f"a killed export left {len(left)} temporary files, expected 1")
    atomic_write(target, lambda tmp: tmp.write_bytes(b"PK\x03\x04 lan hai"))
    if (folder / TEMP_FOLDER).exists():
        fail("the next export did not remove the killed export's temporary file")
    ok("export: a killed export's temporary file is removed by the next export at once")


def check_session_end() -> None:
    from PySide6.QtWidgets import QApplication, QWidget

    from tudanhgia.ui.app import install_session_end

    class Window(QWidget):
        session_ending = False
        flushed = 0

        def flush_all(self) -> bool:
            Window.flushed += 1
            return True

    app = QApplication.instance() or QApplication([sys.argv[0], "-platform", "windows"])
    if app.platformName() != "windows":
        fail(f"Qt's platform is {app.platformName()!r}, not windows")
    window = Window()
    window.show()
    app.processEvents()
    install_session_end(app, window, paths=None)   # end_session uses paths only when a flush fails
    user32 = ctypes.windll.user32
    user32.SendMessageW.argtypes = [ctypes.c_void_p, ctypes.c_uint, ctypes.c_size_t, ctypes.c_ssize_t]
    user32.SendMessageW.restype = ctypes.c_ssize_t
    hwnd = int(window.winId())
    answer = user32.SendMessageW(hwnd, 0x0011, 0, 0x80000000)   # WM_QUERYENDSESSION, ENDSESSION_LOGOFF
    app.processEvents()
    if Window.flushed < 1 or not window.session_ending:
        fail(f"WM_QUERYENDSESSION did not flush the window (answer {answer})")
    user32.SendMessageW(hwnd, 0x0016, 1, 0x80000000)            # WM_ENDSESSION (ending)
    app.processEvents()
    ok(f"session end: WM_QUERYENDSESSION reached the flush ({Window.flushed}×), the window may close "
       f"(answer {answer})")
    window.close()


def nested_docx(path: Path, depth: int) -> Path:
    ns = ('xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
          'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"')
    body = ("<w:sdt><w:sdtContent>" * depth + "<w:p><w:r><w:t>BÁO CÁO sâu</w:t></w:r></w:p>"
            + "</w:sdtContent></w:sdt>" * depth)
    document = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {ns}><w:body>{body}'
                '</w:body></w:document>')
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("[Content_Types].xml",
                   '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
                   'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
                   'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override '
                   'PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.'
                   'wordprocessingml.document.main+xml"/></Types>')
        z.writestr("_rels/.rels",
                   '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/'
                   'package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
                   'officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>')
        z.writestr("word/document.xml", document)
    return path


def check_import_thread(folder: Path) -> None:
    from PySide6.QtWidgets import QApplication

    from tudanhgia.kinds.loader import KindRegistry
    from tudanhgia.paths import shipped_kinds_dir
    from tudanhgia.services.importing import prepare
    from tudanhgia.ui.import_dialog import run_in_background
    app = QApplication.instance() or QApplication([sys.argv[0], "-platform", "windows"])
    kinds = KindRegistry.load(shipped_kinds_dir())
    path = nested_docx(folder / "long-sau.docx", 120)   # 240 elements deep and the body: libxml2 stops at 256
    started = time.perf_counter()
    prepared = run_in_background(None, "Nhập báo cáo", "Đang đọc…", lambda progress: prepare(kinds, path,
                                                                                           progress=progress))
    app.processEvents()
    if prepared is None or not any("BÁO CÁO sâu" in line.paragraph.text for line in prepared.document.lines):
        fail("the import worker thread did not read the deeply nested DOCX")
    ok(f"import worker thread: a DOCX 245 elements deep read in {time.perf_counter() - started:.1f} s, no crash")


def main() -> int:
    if sys.platform != "win32":
        fail("run these checks with the Windows Python (under Wine, or on Windows)")
    with tempfile.TemporaryDirectory(prefix="tdg-wine-") as tmp:
        folder = Path(tmp)
        check_database_lock(folder)
        check_process_alive()
        check_export_temp(folder)
        check_session_end()
        check_import_thread(folder)
    print("all Windows-only checks passed", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
