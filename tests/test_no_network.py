"""The program never opens an internet socket: the window's start, the exports (DOCX, PDF, Excel) and
the imports run in a child process with an audit hook that records and refuses every socket that is
not a local AF_UNIX one (X11 and D-Bus use those) and every name lookup; Qt's network module is
never loaded; and on Linux, strace (when installed) shows no AF_INET/AF_INET6 socket made by any
thread of the process, C++ (Qt) included, which an audit hook cannot see."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

GUARD = textwrap.dedent("""
    import atexit, json, os, socket, sys
    _seen = []
    _LOCAL = getattr(socket, "AF_UNIX", None)
    _LOOKUPS = {"socket.getaddrinfo", "socket.gethostbyname", "socket.gethostbyname_ex", "socket.gethostbyaddr",
                "socket.getnameinfo"}

    def _hook(event, args):
        if not event.startswith("socket."):
            return
        family = None
        if event in ("socket.__new__", "socket.connect", "socket.bind", "socket.sendto", "socket.sendmsg"):
            sock = args[0]
            family = args[1] if event == "socket.__new__" else getattr(sock, "family", None)
            if family == _LOCAL:
                return
        elif event not in _LOOKUPS:
            return  # gethostname and the like: no traffic
        _seen.append([event, repr(args)[:200]])
        raise PermissionError("network use refused by the test")

    sys.addaudithook(_hook)

    def _done():
        maps = open("/proc/self/maps").read() if os.path.exists("/proc/self/maps") else ""
        with open(os.environ["NO_NETWORK_REPORT"], "w") as f:
            json.dump({"events": _seen, "qtnetwork_module": "PySide6.QtNetwork" in sys.modules,
                       "qtnetwork_library": "Qt6Network" in maps or "QtNetwork" in maps}, f)
    atexit.register(_done)
""")

SCENARIOS = {
    "window": "from tudanhgia.cli import main\nsys.exit(main(['--db', os.environ['DB']]))\n",
    "export": ("from tudanhgia.cli import main\n"
               "for argv in (['export', '1', '--out', os.environ['OUT'] + '/r.docx'],\n"
               "             ['xlsx-export', '2', '--out', os.environ['OUT'] + '/bp.xlsx'],\n"
               "             ['xlsx-export', '3', '--indicators', '--out', os.environ['OUT'] + '/sl.xlsx']):\n"
               "    assert main(argv + ['--db', os.environ['DB']]) == 0, argv\n"),
    "pdf": ("from tudanhgia.ui.app import make_application\nfrom tudanhgia.services import ReportService\n"
            "from tudanhgia.ui.preview import export_pdf\nmake_application()\n"
            "svc = ReportService.open(os.environ['DB'], create=False)\n"
            "export_pdf(svc, 1, os.environ['OUT'] + '/r.pdf')\nsvc.close()\n"),
    "import": ("from tudanhgia.cli import main\n"
               "for f in (os.environ['TXT'], os.environ['DOCX']):\n"
               "    assert main(['import', f, '--db', os.environ['DB']]) == 0, f\n"),
}


@pytest.fixture(scope="module")
def material(sample_db_master, samples_dir, tmp_path_factory):
    d = tmp_path_factory.mktemp("offline")
    db = d / "s.sqlite"
    shutil.copy(sample_db_master, db)
    from tudanhgia.services import ReportService
    from tudanhgia.services.export import export_docx
    svc = ReportService.open(db, create=False)
    docx = export_docx(svc, 2, d / "nhap.docx")
    svc.close()
    return {"DB": str(db), "TXT": str(samples_dir / "kiem-diem-tap-the-2020.txt"), "DOCX": str(docx), "dir": d}


def run(scenario: str, material, tmp_path, wrapper: list[str] | None = None):
    report = tmp_path / "report.json"
    out = tmp_path / "out"
    out.mkdir(exist_ok=True)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", TUDANHGIA_EXIT_AFTER_SHOW="1",
               TUDANHGIA_DATA_DIR=str(tmp_path / "data"), NO_NETWORK_REPORT=str(report), OUT=str(out),
               DB=material["DB"], TXT=material["TXT"], DOCX=material["DOCX"])
    code = GUARD + "import os, sys\n" + SCENARIOS[scenario]
    proc = subprocess.run([*(wrapper or []), sys.executable, "-c", code], capture_output=True, text=True, env=env,
                          cwd=ROOT, timeout=180)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return json.loads(report.read_text()), out


@pytest.mark.parametrize("scenario", list(SCENARIOS))
def test_no_internet_socket_and_no_name_lookup(scenario, material, tmp_path):
    seen, out = run(scenario, material, tmp_path)
    assert seen["events"] == []
    assert not seen["qtnetwork_module"] and not seen["qtnetwork_library"]
    if scenario in ("export", "pdf"):
        wanted = [".pdf"] if scenario == "pdf" else [".docx", ".xlsx", ".xlsx"]
        assert sorted(p.suffix for p in out.iterdir()) == wanted


def test_the_guard_sees_a_connection(material, tmp_path):
    """The hook is not blind: a name lookup and an internet socket are recorded."""
    SCENARIOS["probe"] = ("import socket\nfor call in (lambda: socket.getaddrinfo('example.org', 80),\n"
                          "             lambda: socket.socket(socket.AF_INET, socket.SOCK_STREAM)):\n"
                          "    try:\n        call()\n    except OSError:\n        pass\n")
    try:
        seen, _ = run("probe", material, tmp_path)
    finally:
        del SCENARIOS["probe"]
    assert [e[0] for e in seen["events"]] == ["socket.getaddrinfo", "socket.__new__"]


@pytest.mark.skipif(not sys.platform.startswith("linux") or shutil.which("strace") is None,
                    reason="strace is Linux only and optional")
@pytest.mark.parametrize("scenario", ["window", "pdf"])
def test_no_inet_socket_even_from_qt(scenario, material, tmp_path):
    trace = tmp_path / "strace.txt"
    try:
        run(scenario, material, tmp_path, ["strace", "-f", "-qq", "-e", "trace=socket,connect", "-o", str(trace)])
    except AssertionError as exc:
        if "ptrace" in str(exc) or "Operation not permitted" in str(exc):
            pytest.skip("ptrace is not allowed here")
        raise
    inet = [line for line in trace.read_text().splitlines() if "AF_INET" in line]
    assert inet == [], inet[:5]
    # and strace does see one when it is made
    probe = tmp_path / "probe.txt"
    subprocess.run(["strace", "-f", "-qq", "-e", "trace=socket", "-o", str(probe), sys.executable, "-c",
                    "import socket; socket.socket(socket.AF_INET6 if socket.has_ipv6 else socket.AF_INET)"],
                   check=True, timeout=60)
    assert "AF_INET" in probe.read_text()
