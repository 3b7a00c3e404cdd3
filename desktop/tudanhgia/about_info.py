"""What "Giới thiệu" and `python -m tudanhgia about` show: the version, where things live, and the
bundled components with their licences.

Pure Python (importlib.metadata only), so the command line can show it without Qt. Everything is
read at run time from the distributions' own metadata; in a frozen bundle the packaging collects
that metadata, and where it is missing we say so rather than guess.
"""
from __future__ import annotations

import contextlib
import importlib.metadata as metadata
import os
import platform
import re
import sys
import textwrap
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from . import APP_NAME, __version__
from .paths import resources_dir

DESCRIPTION = ("Soạn báo cáo tự đánh giá, kiểm điểm tập thể, kế hoạch khắc phục hạn chế, khuyết điểm "
               "và in đúng thể thức Nghị định 30/2020/NĐ-CP; chạy không cần mạng.")

# (shown name, distribution names to try, optional): the order is the order shown
_COMPONENTS: tuple[tuple[str, tuple[str, ...], bool], ...] = (
    ("PySide6 (Qt for Python, gồm thư viện Qt)", ("PySide6-Essentials", "PySide6"), False),
    ("shiboken6", ("shiboken6",), False),
    ("SQLAlchemy", ("SQLAlchemy",), False),
    ("Alembic", ("alembic",), False),
    ("Mako", ("Mako",), False),
    ("MarkupSafe", ("MarkupSafe",), False),
    ("python-docx", ("python-docx",), False),
    ("lxml (gồm libxml2, libxslt)", ("lxml",), False),
    ("openpyxl", ("openpyxl",), False),
    ("et_xmlfile", ("et_xmlfile",), False),
    ("platformdirs", ("platformdirs",), False),
    ("chunspell (Hunspell, kiểm tra chính tả)", ("chunspell",), False),
    ("typing_extensions", ("typing_extensions",), False),
    ("greenlet", ("greenlet",), True),
)

# files a distribution keeps its licence in, when it does not list them as License-File
_LICENCE_NAME = re.compile(r"^(licen[cs]e|copying|notice|authors)", re.IGNORECASE)


@dataclass(frozen=True)
class LicenceText:
    title: str  # the file it came from, or what it is
    text: str


@dataclass(frozen=True)
class Component:
    name: str
    version: str | None  # None: no metadata found
    licence: str  # "" when the metadata names none
    texts: tuple[LicenceText, ...] = field(default_factory=tuple)
    note: str = ""  # where the text came from, when not from the distribution itself

    @property
    def licence_label(self) -> str:
        return self.licence or "không rõ (thiếu thông tin gói)"

    def full_text(self) -> str:
        """Everything to show for this component; says so when no licence text was found."""
        head = [f"{self.name} {self.version or '(không rõ phiên bản)'}", f"Giấy phép: {self.licence_label}"]
        if self.note:
            head.append(textwrap.fill(self.note, 76))  # shown unwrapped, like the licence files
        if not self.texts:
            head.append("Không tìm thấy văn bản giấy phép đi kèm thành phần này.")
            return "\n".join(head) + "\n"
        parts = ["\n".join(head)]
        for t in self.texts:
            parts.append(f"──── {t.title} ────\n\n{t.text.rstrip()}")
        return "\n\n".join(parts) + "\n"


def _licence_name(meta) -> str:
    expression = (meta.get("License-Expression") or "").strip()
    if expression:
        return expression
    declared = (meta.get("License") or "").strip()
    # some packages paste the whole licence text into License: keep only a short name
    if declared and "\n" not in declared and len(declared) <= 120:
        return declared
    classifiers = [c.split("::")[-1].strip() for c in (meta.get_all("Classifier") or [])
                   if c.startswith("License ::") and c.count("::") >= 2]
    return "; ".join(classifiers)


def _read(dist, relative: str) -> str | None:
    try:
        return dist.read_text(relative)
    except (OSError, UnicodeDecodeError, ValueError):
        return None


def _distribution_texts(dist) -> list[LicenceText]:
    """Licence files the distribution ships: its License-File entries, then any licenses/ entry or
    LICENSE*/COPYING* file inside its .dist-info folder."""
    found: dict[str, str] = {}
    for name in dist.metadata.get_all("License-File") or []:
        for relative in (f"licenses/{name}", name):
            text = _read(dist, relative)
            if text:
                found.setdefault(PurePosixPath(name).name, text)
                break
    for entry in dist.files or []:
        parts = PurePosixPath(str(entry)).parts
        if len(parts) < 2 or not parts[0].endswith((".dist-info", ".egg-info")):
            continue
        inner = "/".join(parts[1:])
        if (parts[1] == "licenses" or (len(parts) == 2 and _LICENCE_NAME.match(parts[1]))) \
                and parts[-1] not in found:
                text = _read(dist, inner)
                if text:
                    found[parts[-1]] = text
    return [LicenceText(title, text) for title, text in found.items()]


def _shipped_texts(licence: str) -> list[LicenceText]:
    """Texts we ship ourselves (resources/licenses/) for licences a package names but does not
    include — PySide6's wheels carry no LGPL text. The LGPL is a set of permissions added to the
    GPL, so its text comes with the GPL's."""
    folder = resources_dir() / "licenses"
    ids = re.findall(r"\b(L?GPL-\d\.\d)", licence)
    wanted = ["LGPL-3.0", "GPL-3.0"] if "LGPL-3.0" in ids else ids[:1]
    out = []
    for spdx in wanted:
        path = folder / f"{spdx}.txt"
        with contextlib.suppress(OSError):
            out.append(LicenceText(f"{spdx} (văn bản đi kèm chương trình)", path.read_text(encoding="utf-8")))
    return out


def _component(name: str, dists: tuple[str, ...]) -> Component | None:
    for dist_name in dists:
        try:
            dist = metadata.distribution(dist_name)
        except metadata.PackageNotFoundError:
            continue
        licence = _licence_name(dist.metadata)
        texts = _distribution_texts(dist)
        note = ""
        if not texts:
            texts = _shipped_texts(licence)
            if texts:
                note = ("Gói cài đặt của thành phần này không kèm văn bản giấy phép; văn bản dưới đây do "
                        "chương trình mang theo.")
                if texts[0].title.startswith("LGPL-3.0"):
                    note += " Chương trình dùng thành phần này theo LGPL-3.0 (kèm GPL-3.0, mà LGPL-3.0 dẫn chiếu)."
        return Component(name, dist.version, licence, tuple(texts), note)
    return None


def _python_component() -> Component:
    """CPython itself: its LICENSE.txt sits next to the standard library (or the interpreter on
    Windows); a frozen bundle may not carry it."""
    stdlib = Path(os.__file__).resolve().parent
    candidates = (stdlib / "LICENSE.txt", Path(sys.base_prefix) / "LICENSE.txt",
                  Path(sys.base_prefix) / "lib" / f"python{sys.version_info[0]}.{sys.version_info[1]}" / "LICENSE.txt")
    texts: tuple[LicenceText, ...] = ()
    for path in candidates:
        try:
            texts = (LicenceText("LICENSE.txt", path.read_text(encoding="utf-8")),)
            break
        except OSError:
            continue
    return Component("Python (CPython)", platform.python_version(), "PSF-2.0", texts)


def components() -> list[Component]:
    """The bundled components, each with version, licence name and licence texts. A required one
    whose metadata is missing is still listed (version and licence unknown); optional ones that
    are not installed are left out."""
    out = []
    for name, dists, optional in _COMPONENTS:
        found = _component(name, dists)
        if found is not None:
            out.append(found)
        elif not optional:
            out.append(Component(name, None, ""))
    out.append(_python_component())
    out.append(_dictionary_component())
    return out


def _dictionary_component() -> Component:
    """The Vietnamese spelling dictionary: a data file (Debian's hunspell-vi, GPL-2) read at run
    time, shipped with its licence text next to it (resources/dictionaries/)."""
    path = resources_dir() / "dictionaries" / "COPYING-vi_VN.txt"
    texts: tuple[LicenceText, ...] = ()
    with contextlib.suppress(OSError):
        texts = (LicenceText(path.name, path.read_text(encoding="utf-8")),)
    return Component("Từ điển chính tả tiếng Việt vi_VN (hunspell-vi, tệp dữ liệu riêng)", "Debian 1:7.5.0-1",
                     "GPL-2.0", texts, "Tệp dữ liệu đọc khi chạy, không biên dịch vào chương trình: "
                     "resources/dictionaries/vi_VN.aff, vi_VN.dic.")


def summary_lines(data_dir: Path, database: Path, log_dir: Path) -> list[str]:
    """The facts shown at the top of "Giới thiệu" and by `about`, with Vietnamese labels."""
    return [f"{APP_NAME} {__version__}", DESCRIPTION, "",
            f"Thư mục dữ liệu: {data_dir}",
            f"Cơ sở dữ liệu: {database}",
            f"Thư mục nhật ký: {log_dir}",
            f"Python: {platform.python_version()} ({platform.system()} {platform.machine()})"]
