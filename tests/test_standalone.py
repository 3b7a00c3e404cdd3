"""A clone of the repository works alone: the README's Debian list is the one CI installs, it
covers what Qt's X11 plugin links against, and nothing reads outside the repository."""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _readme_debs() -> set[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"```sh\napt-get install (.*?)```", text, re.S)
    assert block, "the README has no apt-get install block"
    return set(block.group(1).replace("\\", " ").split())


def _ci_debs() -> set[str]:
    text = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    block = re.search(r"^debs=\((.*?)\)", text, re.S | re.M)
    assert block, ".ci/run has no debs=(…) list"
    return set(block.group(1).split())


def test_readme_and_ci_install_the_same_debian_packages():
    readme, ci = _readme_debs(), _ci_debs()
    assert readme == ci, f"only in README: {sorted(readme - ci)}; only in .ci/run: {sorted(ci - readme)}"
    # the two a real window needed and the first README lacked
    assert {"libxcb-icccm4", "libxcb-keysyms1", "libxkbcommon-x11-0", "libxcb-cursor0"} <= readme


@pytest.mark.skipif(not sys.platform.startswith("linux") or not shutil.which("ldd"), reason="ldd on Linux")
def test_qt_x11_plugin_finds_every_library():
    import PySide6
    qt = Path(PySide6.__file__).parent / "Qt"
    files = [qt / "plugins" / "platforms" / "libqxcb.so", qt / "lib" / "libQt6XcbQpa.so.6",
             qt / "lib" / "libQt6Widgets.so.6", qt / "lib" / "libQt6PrintSupport.so.6"]
    missing = []
    for f in files:
        assert f.exists(), f
        out = subprocess.run(["ldd", str(f)], capture_output=True, text=True, check=True).stdout
        missing += [f"{f.name}: {line.split()[0]}" for line in out.splitlines() if "not found" in line]
    assert not missing, "install the README's Debian list; missing: " + ", ".join(missing)


def test_nothing_reads_outside_the_repository():
    offenders = []
    for folder in ("desktop", "tests", "sample_db", "bench", "build"):
        for f in (ROOT / folder).rglob("*.py"):
            text = f.read_text(encoding="utf-8")
            if re.search(r"""parents?\[?\d?\]?\s*/\s*["']shared["']|\.\./shared""", text):
                offenders.append(str(f.relative_to(ROOT)))
    assert not offenders, offenders


def test_sample_texts_are_in_the_repository(samples_dir):
    assert samples_dir.is_relative_to(ROOT)
    names = sorted(p.name for p in samples_dir.glob("*.txt"))
    assert names == ["ke-hoach-khac-phuc-2022.txt", "kiem-diem-tap-the-2020.txt", "tu-danh-gia-nam-2023.txt"]
