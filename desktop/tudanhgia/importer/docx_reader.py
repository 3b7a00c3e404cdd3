"""Read an officer's Word report into `SourceDocument` lines.

The package is read with zipfile + lxml rather than python-docx: we need the raw body order
(paragraphs, tables, content controls, text boxes, revisions, fields), the footnotes part
whatever class python-docx would give it, and packages python-docx refuses (.docm, .dotx).
Every refusal is an `ImportFailure` with a Vietnamese message, raised before anything is saved.

This module is the entry (and the conversion of old formats with LibreOffice); the checks are
docx_package.py, styles and numbering docx_styles.py, the walk over the body docx_walk.py.
"""
from __future__ import annotations

import importlib
import os
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

from .docx_package import (MAX_BYTES, check_file, flavour_of, open_zip, read_part, refusal, relationships, sniff,
                           zip_flavour, _w)
from .docx_styles import Numbering, Styles, legacy_encoding
from .docx_walk import Reader
from .limits import Progress, check_source
from .source import ImportFailure, SourceDocument

CONVERT_TIMEOUT_S = 180


# --- public API -----------------------------------------------------------------------------------
def read_docx(path: str | Path, max_bytes: int = MAX_BYTES, progress: Progress | None = None) -> SourceDocument:
    """The body of a .docx (.docm, .dotx) as source lines; anything else is refused."""
    path = Path(path)
    check_file(path, max_bytes)
    kind = sniff(path)
    if kind != "zip":
        raise ImportFailure(refusal(kind, path.name))
    doc = _read_package(path, path.name, progress)
    check_source(doc)
    return doc


def read_any(path: str | Path, max_bytes: int = MAX_BYTES, progress: Progress | None = None) -> SourceDocument:
    """Dispatch on the content, not the suffix: .docx, old formats (converted with LibreOffice
    when it is installed) or plain text. The source is checked against limits.py before it is
    returned; `progress` hears the fraction read and may raise ImportCancelled."""
    path = Path(path)
    check_file(path, max_bytes)
    kind = sniff(path)
    if kind == "zip":
        if zip_flavour(path) == "odt" and find_soffice():
            doc = _read_converted(path, "văn bản OpenDocument (.odt)", progress)
        else:
            doc = _read_package(path, path.name, progress)
    elif kind in ("doc", "rtf", "wordxml") and find_soffice():
        label = {"doc": "Word cũ (.doc)", "rtf": "RTF", "wordxml": "Word XML 2003"}[kind]
        doc = _read_converted(path, label, progress)
    elif kind == "text":
        text_reader = importlib.import_module(f"{__package__}.text_reader")
        doc = text_reader.read_text(path)
    else:
        raise ImportFailure(refusal(kind, path.name))
    check_source(doc)
    if progress is not None:
        progress(1.0)
    return doc


def find_soffice() -> str | None:
    """LibreOffice's command, from PATH or its usual install places."""
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    candidates = []
    if sys.platform == "win32":
        for env in ("ProgramFiles", "ProgramFiles(x86)"):
            if os.environ.get(env):
                candidates.append(Path(os.environ[env]) / "LibreOffice" / "program" / "soffice.exe")
    elif sys.platform == "darwin":
        candidates.append(Path("/Applications/LibreOffice.app/Contents/MacOS/soffice"))
    return next((str(c) for c in candidates if c.is_file()), None)


def convert_doc(path: str | Path, out_dir: str | Path | None = None) -> Path:
    """Convert an old Word file (or RTF/ODT) to .docx with LibreOffice, headless and with a
    private profile (so a running LibreOffice of the officer neither blocks nor sees it).
    The result is written to `out_dir` (a new temporary folder if None; the caller removes it)."""
    path = Path(path)
    soffice = find_soffice()
    if soffice is None:
        raise ImportFailure(refusal("doc", path.name))
    out = Path(out_dir) if out_dir is not None else Path(tempfile.mkdtemp(prefix="tudanhgia-doc-"))
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="tudanhgia-lo-") as profile:
        cmd = [soffice, f"-env:UserInstallation={Path(profile).as_uri()}", "--headless", "--invisible",
               "--norestore", "--nologo", "--nodefault", "--nolockcheck",
               "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(out), str(path.resolve())]
        posix = os.name == "posix"
        proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                start_new_session=posix)
        try:
            _, err = proc.communicate(timeout=CONVERT_TIMEOUT_S)
        except subprocess.TimeoutExpired:
            # soffice is a launcher script: end its whole process group, not just the script
            if posix:
                os.killpg(proc.pid, signal.SIGKILL)
            else:
                proc.kill()
            proc.communicate()
            raise ImportFailure(f"LibreOffice không chuyển xong tệp {path.name} sau {CONVERT_TIMEOUT_S} giây. "
                                "Hãy mở tệp bằng Word và lưu lại dưới dạng .docx.") from None
    result = out / (path.stem + ".docx")
    if proc.returncode != 0 or not result.is_file():
        detail = err.decode("utf-8", "replace").strip().splitlines()[-1:] if err else []
        raise ImportFailure(f"Không chuyển được tệp {path.name} sang .docx bằng LibreOffice"
                            + (f" ({detail[0]})" if detail else "")
                            + ". Hãy mở tệp bằng Word và lưu lại dưới dạng .docx.")
    return result


def _read_package(path: Path, name: str, progress: Progress | None = None) -> SourceDocument:
    # reading the parts is 80 % of the work, walking the body the rest
    unpacking = (lambda f: progress(0.8 * f)) if progress is not None else None
    with open_zip(path, unpacking, name) as zf:
        names = zf.names
        main = relationships(zf, "").get("officeDocument")
        if main not in names:
            main = "word/document.xml" if "word/document.xml" in names else None
        if main is None:
            flavour = flavour_of(zf)
            raise ImportFailure({
                "excel": f"Tệp {name} là bảng tính Excel, không phải văn bản Word.",
                "powerpoint": f"Tệp {name} là bản trình chiếu PowerPoint, không phải văn bản Word.",
                "odt": f"Tệp {name} là văn bản OpenDocument (.odt). Hãy mở bằng Word hoặc LibreOffice và "
                       "lưu lại dưới dạng .docx.",
            }.get(flavour, f"Tệp {name} không phải là văn bản Word: trong tệp không có phần nội dung "
                           "(word/document.xml)."))
        rels = relationships(zf, main)
        document = read_part(zf, main)
        parts = {kind: read_part(zf, rels[kind]) if rels.get(kind) in names else None
                 for kind in ("styles", "footnotes", "endnotes", "numbering")}
    body = document.find(_w("body")) if document is not None else None
    if body is None:
        raise ImportFailure(f"Tệp {name} không có nội dung văn bản Word đọc được (thiếu phần thân văn bản).")
    reader = Reader(Styles(parts["styles"]), Numbering(parts["numbering"]), name,
                    (lambda f: progress(0.8 + 0.2 * f)) if progress is not None else None)
    reader.footnotes = reader.notes(parts["footnotes"], "footnote")
    reader.endnotes = reader.notes(parts["endnotes"], "endnote")
    reader.body(body)
    return SourceDocument(reader.lines, name=name, notes=reader.remarks())


def _read_converted(path: Path, label: str, progress: Progress | None = None) -> SourceDocument:
    with tempfile.TemporaryDirectory(prefix="tudanhgia-doc-") as tmp:
        converted = convert_doc(path, Path(tmp) / "out")
        doc = _read_package(converted, path.name, progress)
    doc.notes.insert(0, f"Tệp {path.name} ở định dạng {label} đã được chuyển sang .docx bằng LibreOffice "
                        "trước khi nhập; hãy kiểm tra kỹ nội dung.")
    return doc


__all__ = ["read_docx", "read_any", "convert_doc", "find_soffice", "legacy_encoding", "MAX_BYTES"]
