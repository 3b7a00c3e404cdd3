"""About: version, folders and the bundled components' licences, read from their own metadata;
the `about` command prints them without loading Qt or SQLAlchemy."""
import importlib.metadata
import os
import subprocess
import sys
from pathlib import Path

from tudanhgia import __version__, about_info

ROOT = Path(__file__).resolve().parents[1]


def by_name(found, start):
    return next(c for c in found if c.name.startswith(start))


def test_components_carry_version_licence_and_the_real_texts():
    found = about_info.components()
    sqla = by_name(found, "SQLAlchemy")
    assert sqla.version == importlib.metadata.version("SQLAlchemy")
    assert sqla.licence == "MIT"
    assert "Permission is hereby granted, free of charge" in sqla.full_text()
    pyside = by_name(found, "PySide6")
    assert pyside.licence.startswith("LGPL-3.0")
    text = pyside.full_text()
    assert "GNU LESSER GENERAL PUBLIC LICENSE" in text and "GNU GENERAL PUBLIC LICENSE" in text
    assert "không kèm văn bản giấy phép" in text  # says where the text came from
    lxml = by_name(found, "lxml")
    assert lxml.licence == "BSD-3-Clause" and lxml.texts
    python = by_name(found, "Python")
    assert python.licence == "PSF-2.0" and "PYTHON SOFTWARE FOUNDATION LICENSE" in python.full_text()
    names = [c.name.split(" ")[0] for c in found]
    for expected in ("shiboken6", "Alembic", "Mako", "MarkupSafe", "python-docx", "openpyxl", "et_xmlfile",
                     "platformdirs", "typing_extensions"):
        assert expected in names
    assert "greenlet" not in names or by_name(found, "greenlet").version  # only when installed


def test_missing_metadata_is_said_not_invented(monkeypatch, tmp_path):
    """A frozen bundle without a distribution's metadata: listed, unknown version and licence."""
    real = importlib.metadata.distribution

    def distribution(name):
        if name.lower() == "sqlalchemy":
            raise importlib.metadata.PackageNotFoundError(name)
        return real(name)
    monkeypatch.setattr(about_info.metadata, "distribution", distribution)
    monkeypatch.setenv("TUDANHGIA_RESOURCES", str(tmp_path))  # and no texts of our own either
    found = about_info.components()
    sqla = by_name(found, "SQLAlchemy")
    assert sqla.version is None and sqla.licence == "" and not sqla.texts
    assert "không rõ" in sqla.full_text() and "Không tìm thấy văn bản giấy phép" in sqla.full_text()
    pyside = by_name(found, "PySide6")
    assert pyside.licence.startswith("LGPL-3.0") and not pyside.texts  # the name, not an invented text
    assert "Không tìm thấy văn bản giấy phép" in pyside.full_text()
    assert "greenlet" not in [c.name for c in found if c.version is None]  # optional: simply absent


def test_about_command_prints_version_folders_and_licences_without_qt(tmp_path):
    code = ("import sys\nfrom tudanhgia.cli import main\nrc = main(sys.argv[1:])\n"
            "heavy = sorted(m for m in sys.modules\n"
            "               if m.split('.')[0] in ('PySide6', 'sqlalchemy', 'docx', 'openpyxl'))\n"
            "print('HEAVY', heavy)\nsys.exit(rc)\n")
    env = dict(os.environ, PYTHONIOENCODING="utf-8")
    env.pop("TUDANHGIA_DATA_DIR", None)
    proc = subprocess.run([sys.executable, "-c", code, "about", "--data-dir", str(tmp_path / "d")],
                          capture_output=True, text=True, encoding="utf-8", env=env, cwd=ROOT, timeout=60)
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    assert f"Tự Đánh Giá {__version__}" in out
    assert f"Thư mục dữ liệu: {tmp_path / 'd'}" in out
    assert f"Cơ sở dữ liệu: {tmp_path / 'd' / 'tudanhgia.sqlite'}" in out
    assert "Thành phần đi kèm và giấy phép:" in out
    assert f"SQLAlchemy {importlib.metadata.version('SQLAlchemy')} — MIT" in out
    assert "PySide6" in out and "LGPL-3.0" in out
    assert "HEAVY []" in out
    full = subprocess.run([sys.executable, "-m", "tudanhgia", "about", "--licenses", "--data-dir", str(tmp_path / "d")],
                          capture_output=True, text=True, encoding="utf-8", env=env, cwd=ROOT, timeout=60)
    assert full.returncode == 0 and "GNU LESSER GENERAL PUBLIC LICENSE" in full.stdout
    assert "Permission is hereby granted" in full.stdout
