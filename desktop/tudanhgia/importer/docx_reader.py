"""Read an officer's Word report into `SourceDocument` lines.

The package is read with zipfile + lxml rather than python-docx: we need the raw body order
(paragraphs, tables, content controls, text boxes, revisions, fields), the footnotes part
whatever class python-docx would give it, and packages python-docx refuses (.docm, .dotx).
Every refusal is an `ImportFailure` with a Vietnamese message, raised before anything is saved.
"""
from __future__ import annotations

import importlib
import os
import posixpath
import re
import shutil
import signal
import struct
import subprocess
import sys
import tempfile
import zipfile
import zlib
from pathlib import Path

from lxml import etree

from ..domain.richtext import Footnote, Paragraph, Run, clean_text
from . import legacy
from .source import ImportFailure, SourceDocument, SourceLine

MAX_BYTES = 50 * 1024 * 1024
MAX_PART_BYTES = 400 * 1024 * 1024   # one unpacked XML part; guards against zip bombs
CONVERT_TIMEOUT_S = 180

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"
M_NS = "http://schemas.openxmlformats.org/officeDocument/2006/math"
REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"


def _w(tag: str) -> str:
    return f"{{{W_NS}}}{tag}"


W_P, W_R, W_T, W_TBL, W_TR, W_TC = _w("p"), _w("r"), _w("t"), _w("tbl"), _w("tr"), _w("tc")
W_PPR, W_RPR, W_PSTYLE, W_RSTYLE, W_VAL = _w("pPr"), _w("rPr"), _w("pStyle"), _w("rStyle"), _w("val")
W_SDT, W_SDTCONTENT, W_SECTPR, W_TYPE, W_ID = _w("sdt"), _w("sdtContent"), _w("sectPr"), _w("type"), _w("id")
W_TXBX = _w("txbxContent")
MC_ALT, MC_CHOICE, MC_FALLBACK = f"{{{MC_NS}}}AlternateContent", f"{{{MC_NS}}}Choice", f"{{{MC_NS}}}Fallback"
M_T = f"{{{M_NS}}}t"
M_MATH = {f"{{{M_NS}}}oMath", f"{{{M_NS}}}oMathPara"}

# containers whose children are read as if they stood in their place
_INLINE_WRAPPERS = {_w(t) for t in ("hyperlink", "smartTag", "customXml", "ins", "moveTo", "fldSimple", "dir", "bdo")}
_BLOCK_WRAPPERS = {_w(t) for t in ("customXml", "ins", "moveTo")}
_DROPPED = {_w(t) for t in ("del", "moveFrom")}     # deleted / moved-away revisions: not the document's text
_SHAPES = {_w(t) for t in ("drawing", "pict", "object")}

_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP = (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")

# Wingdings check boxes typed as symbols: the ratings of a report are marked with them
_SYMBOL_BOXES = {
    "wingdings": {0xA8: "☐", 0x6F: "☐", 0x78: "☒", 0xFD: "☒", 0xFE: "☑"},
    "wingdings 2": {0xA3: "☐", 0x53: "☒", 0x54: "☒", 0x52: "☑"},
}


class _Break:
    """A page break inside a paragraph: the text after it starts a new line on a new page."""


_BREAK = _Break()


# --- public API -----------------------------------------------------------------------------------
def read_docx(path: str | Path, max_bytes: int = MAX_BYTES) -> SourceDocument:
    """The body of a .docx (.docm, .dotx) as source lines; anything else is refused."""
    path = Path(path)
    _check_file(path, max_bytes)
    kind = _sniff(path)
    if kind != "zip":
        raise ImportFailure(_refusal(kind, path.name))
    return _read_package(path, path.name)


def read_any(path: str | Path, max_bytes: int = MAX_BYTES) -> SourceDocument:
    """Dispatch on the content, not the suffix: .docx, old formats (converted with LibreOffice
    when it is installed) or plain text."""
    path = Path(path)
    _check_file(path, max_bytes)
    kind = _sniff(path)
    if kind == "zip":
        if _zip_flavour(path) == "odt" and find_soffice():
            return _read_converted(path, "văn bản OpenDocument (.odt)")
        return _read_package(path, path.name)
    if kind in ("doc", "rtf", "wordxml") and find_soffice():
        label = {"doc": "Word cũ (.doc)", "rtf": "RTF", "wordxml": "Word XML 2003"}[kind]
        return _read_converted(path, label)
    if kind == "text":
        try:   # written separately; until it exists, text files are refused with a clear message
            text_reader = importlib.import_module(f"{__package__}.text_reader")
        except ModuleNotFoundError as exc:
            if exc.name != f"{__package__}.text_reader":
                raise
            raise ImportFailure(f"Tệp {path.name} là văn bản thuần. Chức năng nhập văn bản thuần chưa có; "
                                "hãy dán nội dung vào Word, lưu dưới dạng .docx rồi nhập tệp đó.") from None
        return text_reader.read_text(path)
    raise ImportFailure(_refusal(kind, path.name))


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
        raise ImportFailure(_refusal("doc", path.name))
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


# --- checks before reading ----------------------------------------------------------------------------
def _check_file(path: Path, max_bytes: int) -> int:
    """Size first (from the file system), so an oversized file is never read."""
    try:
        st = path.stat()
    except FileNotFoundError:
        raise ImportFailure(f"Không tìm thấy tệp {path.name}.") from None
    except OSError as exc:
        raise ImportFailure(f"Không mở được tệp {path.name}: {exc.strerror or exc}.") from None
    if path.is_dir():
        raise ImportFailure(f"{path.name} là một thư mục, không phải tệp văn bản.")
    if st.st_size == 0:
        raise ImportFailure(f"Tệp {path.name} trống (0 byte), không có nội dung để nhập.")
    if st.st_size > max_bytes:
        raise ImportFailure(f"Tệp {path.name} quá lớn ({_mb(st.st_size)} MB); chỉ nhập được tệp "
                            f"không quá {_mb(max_bytes)} MB.")
    return st.st_size


def _mb(n: int) -> str:
    value = n / (1024 * 1024)
    return f"{value:.0f}" if value >= 10 else f"{value:.1f}".replace(".", ",")


def _sniff(path: Path) -> str:
    """What the bytes are: zip, doc, encrypted, excel-old, ppt-old, rtf, pdf, wordxml, text, binary."""
    try:
        with open(path, "rb") as f:
            head = f.read(65536)
    except OSError as exc:
        raise ImportFailure(f"Không đọc được tệp {path.name}: {exc.strerror or exc}.") from None
    if head.startswith(_ZIP):
        return "zip"
    if head.startswith(_OLE2):
        return _ole_kind(path)
    if head.startswith(b"{\\rtf"):
        return "rtf"
    if head.startswith(b"%PDF"):
        return "pdf"
    if b"progid=\"Word.Document\"" in head[:4096] or b"<w:wordDocument" in head[:4096]:
        return "wordxml"
    if head.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" not in head:
        return "text"
    return "binary"


def _refusal(kind: str, name: str) -> str:
    resave = "Hãy mở bằng Word và lưu lại dưới dạng .docx."
    return {
        "doc": f"Tệp {name} là định dạng Word cũ (.doc). {resave}",
        "encrypted": f"Tệp {name} được bảo vệ bằng mật khẩu nên không đọc được. "
                     "Hãy mở bằng Word, gỡ mật khẩu rồi lưu lại và nhập lại.",
        "excel-old": f"Tệp {name} là bảng tính Excel, không phải văn bản Word.",
        "ppt-old": f"Tệp {name} là bản trình chiếu PowerPoint, không phải văn bản Word.",
        "rtf": f"Tệp {name} là định dạng RTF. {resave}",
        "wordxml": f"Tệp {name} là định dạng Word XML 2003. {resave}",
        "pdf": f"Tệp {name} là tệp PDF, không phải văn bản Word. Hãy chép nội dung sang Word, "
               "lưu dưới dạng .docx rồi nhập tệp đó.",
        "text": f"Tệp {name} không phải là văn bản Word (.docx): nội dung là văn bản thuần.",
    }.get(kind, f"Tệp {name} không phải là văn bản Word (.docx).")


# --- OLE2 (compound file): old .doc, or an encrypted OOXML package -----------------------------------
_END = 0xFFFFFFFA   # sector numbers from here up are markers (end of chain, free, FAT...)


def _ole_kind(path: Path) -> str:
    """Read the compound file's directory (names only) and the .doc header's encryption flag."""
    try:
        with open(path, "rb") as f:
            return _ole_kind_of(f)
    except (OSError, struct.error, ValueError, IndexError):
        return "doc"   # an unreadable compound file an officer picks as a report is an old .doc


def _ole_kind_of(f) -> str:
    header = f.read(512)
    shift = struct.unpack_from("<H", header, 30)[0]
    if shift not in (9, 12):
        return "doc"
    size = 1 << shift
    n_fat, dir_start = struct.unpack_from("<II", header, 44)
    mini_cutoff = struct.unpack_from("<I", header, 56)[0]
    difat_next, n_difat = struct.unpack_from("<II", header, 68)
    fat_sectors = [s for s in struct.unpack_from("<109I", header, 76) if s < _END]
    per = size // 4
    for _ in range(min(n_difat, 4096)):   # the DIFAT chain lists FAT sectors beyond the first 109
        if difat_next >= _END:
            break
        f.seek((difat_next + 1) * size)
        block = struct.unpack(f"<{per}I", f.read(size))
        fat_sectors += [s for s in block[:-1] if s < _END]
        difat_next = block[-1]
    fat_sectors = fat_sectors[:n_fat]
    fat_cache: dict[int, tuple[int, ...]] = {}

    def next_sector(s: int) -> int:
        idx = s // per
        if idx >= len(fat_sectors):
            return _END
        if idx not in fat_cache:
            f.seek((fat_sectors[idx] + 1) * size)
            fat_cache[idx] = struct.unpack(f"<{per}I", f.read(size))
        return fat_cache[idx][s % per]

    streams: dict[str, tuple[int, int]] = {}
    sector, seen = dir_start, set()
    while sector < _END and sector not in seen and len(seen) < 10000:
        seen.add(sector)
        f.seek((sector + 1) * size)
        data = f.read(size)
        for off in range(0, len(data) - 127, 128):
            name_len = struct.unpack_from("<H", data, off + 64)[0]
            if data[off + 66] == 2 and 2 <= name_len <= 64:   # a stream
                name = data[off:off + name_len - 2].decode("utf-16-le", "replace")
                start, length = struct.unpack_from("<II", data, off + 116)
                streams[name] = (start, length)
        sector = next_sector(sector)
    if "EncryptedPackage" in streams:
        return "encrypted"
    if "WordDocument" in streams:
        start, length = streams["WordDocument"]
        if length >= mini_cutoff and start < _END:
            f.seek((start + 1) * size)
            fib = f.read(12)
            # FIB: wIdent 0xA5EC, then flags at 0x0A whose bit fEncrypted marks a password
            if len(fib) == 12 and struct.unpack_from("<H", fib, 0)[0] == 0xA5EC \
                    and struct.unpack_from("<H", fib, 10)[0] & 0x0100:
                return "encrypted"
        return "doc"
    if "Workbook" in streams or "Book" in streams:
        return "excel-old"
    if "PowerPoint Document" in streams:
        return "ppt-old"
    return "doc"


# --- the package ------------------------------------------------------------------------------------
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, remove_comments=True, remove_pis=True)


def _damaged(name: str) -> ImportFailure:
    return ImportFailure(f"Tệp {name} bị hỏng hoặc không đầy đủ (có thể chưa tải về hay sao chép xong). "
                         "Hãy mở bằng Word (Word có thể sửa tệp) rồi lưu lại.")


def _open_zip(path: Path) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(path)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError, OSError):
        raise _damaged(path.name) from None


def _zip_flavour(path: Path) -> str:
    with _open_zip(path) as zf:
        return _flavour_of(zf, set(zf.namelist()))


def _flavour_of(zf: zipfile.ZipFile, names: set[str]) -> str:
    if any(n.startswith("word/") for n in names):
        return "word"
    if any(n.startswith("xl/") for n in names):
        return "excel"
    if any(n.startswith("ppt/") for n in names):
        return "powerpoint"
    if "mimetype" in names:
        try:
            mime = zf.read("mimetype")[:100]
        except (zipfile.BadZipFile, zlib.error, EOFError, RuntimeError, NotImplementedError, ValueError):
            return "other"
        if mime.startswith(b"application/vnd.oasis.opendocument.text"):
            return "odt"
    return "other"


def _read_part(zf: zipfile.ZipFile, part: str, name: str):
    try:
        info = zf.getinfo(part)
    except KeyError:
        return None
    if info.file_size > MAX_PART_BYTES:
        raise ImportFailure(f"Tệp {name} có phần nội dung quá lớn khi giải nén ({_mb(info.file_size)} MB); "
                            "không nhập được.")
    try:
        data = zf.read(info)
    except (zipfile.BadZipFile, zlib.error, EOFError, RuntimeError, NotImplementedError, ValueError, OSError):
        raise _damaged(name) from None
    try:
        return etree.fromstring(data, _PARSER)
    except etree.XMLSyntaxError:
        raise ImportFailure(f"Tệp {name} bị hỏng: phần nội dung {part} không phải XML hợp lệ. "
                            "Hãy mở bằng Word (Word có thể sửa tệp) rồi lưu lại.") from None


def _relationships(zf: zipfile.ZipFile, part: str, name: str) -> dict[str, str]:
    """Relationship type suffix (e.g. "styles") → target part name, for `part`."""
    folder, base = posixpath.split(part)
    rels = _read_part(zf, posixpath.join(folder, "_rels", base + ".rels"), name)
    out: dict[str, str] = {}
    if rels is None:
        return out
    for rel in rels.iter(f"{{{REL_NS}}}Relationship"):
        if rel.get("TargetMode") == "External" or not rel.get("Target"):
            continue
        target = rel.get("Target")
        target = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
        out.setdefault(rel.get("Type", "").rsplit("/", 1)[-1], target)
    return out


def _read_package(path: Path, name: str) -> SourceDocument:
    with _open_zip(path) as zf:
        names = set(zf.namelist())
        main = _relationships(zf, "", name).get("officeDocument")
        if main not in names:
            main = "word/document.xml" if "word/document.xml" in names else None
        if main is None:
            flavour = _flavour_of(zf, names)
            raise ImportFailure({
                "excel": f"Tệp {name} là bảng tính Excel, không phải văn bản Word.",
                "powerpoint": f"Tệp {name} là bản trình chiếu PowerPoint, không phải văn bản Word.",
                "odt": f"Tệp {name} là văn bản OpenDocument (.odt). Hãy mở bằng Word hoặc LibreOffice và "
                       "lưu lại dưới dạng .docx.",
            }.get(flavour, f"Tệp {name} không phải là văn bản Word: trong tệp không có phần nội dung "
                           "(word/document.xml)."))
        rels = _relationships(zf, main, name)
        document = _read_part(zf, main, name)
        parts = {kind: _read_part(zf, rels[kind], name) if rels.get(kind) in names else None
                 for kind in ("styles", "footnotes", "endnotes", "numbering")}
    body = document.find(_w("body")) if document is not None else None
    if body is None:
        raise ImportFailure(f"Tệp {name} không có nội dung văn bản Word đọc được (thiếu phần thân văn bản).")
    reader = _Reader(_Styles(parts["styles"]), _Numbering(parts["numbering"]))
    reader.footnotes = reader.notes(parts["footnotes"], "footnote")
    reader.endnotes = reader.notes(parts["endnotes"], "endnote")
    reader.body(body)
    return SourceDocument(reader.lines, name=name, notes=reader.remarks())


def _read_converted(path: Path, label: str) -> SourceDocument:
    with tempfile.TemporaryDirectory(prefix="tudanhgia-doc-") as tmp:
        converted = convert_doc(path, Path(tmp) / "out")
        doc = _read_package(converted, path.name)
    doc.notes.insert(0, f"Tệp {path.name} ở định dạng {label} đã được chuyển sang .docx bằng LibreOffice "
                        "trước khi nhập; hãy kiểm tra kỹ nội dung.")
    return doc


# --- styles -----------------------------------------------------------------------------------------
_ON = {"1", "true", "on"}
_TOGGLES = ("b", "i", "caps", "vanish")


def _on(el) -> bool | None:
    if el is None:
        return None
    return el.get(W_VAL, "true").lower() in _ON


def _run_props(rpr) -> dict:
    """The properties we use from a w:rPr: toggles and the font of the text."""
    out: dict = {}
    if rpr is None:
        return out
    for key in _TOGGLES:
        value = _on(rpr.find(_w(key)))
        if value is not None:
            out[key] = value
    fonts = rpr.find(_w("rFonts"))
    if fonts is not None:
        font = fonts.get(_w("hAnsi")) or fonts.get(_w("ascii"))
        if font:
            out["font"] = font
    return out


def _para_props(ppr) -> dict:
    out: dict = {}
    if ppr is None:
        return out
    jc = ppr.find(_w("jc"))
    if jc is not None and jc.get(W_VAL):
        out["jc"] = jc.get(W_VAL)
    pbb = _on(ppr.find(_w("pageBreakBefore")))
    if pbb is not None:
        out["pageBreakBefore"] = pbb
    num = ppr.find(_w("numPr"))
    if num is not None:
        num_id, ilvl = num.find(_w("numId")), num.find(_w("ilvl"))
        out["numId"] = num_id.get(W_VAL) if num_id is not None else None
        out["ilvl"] = _int(ilvl.get(W_VAL) if ilvl is not None else None, 0)
    return out


class _Numbering:
    """Word's automatic list numbers (numbering.xml): the label each numbered paragraph shows,
    counted in document order, so "I.", "1.", "a)" typed by Word's lists reach the recogniser."""

    def __init__(self, root):
        self.abstract: dict[str, dict[int, tuple[str, str, int]]] = {}   # id → level → fmt, text, start
        self.nums: dict[str, tuple[str, dict[int, int]]] = {}            # numId → abstract id, start overrides
        self.counters: dict[str, dict[int, int]] = {}
        if root is None:
            return
        for a in root.iter(_w("abstractNum")):
            levels = {}
            for lvl in a.iter(_w("lvl")):
                fmt, text, start = lvl.find(_w("numFmt")), lvl.find(_w("lvlText")), lvl.find(_w("start"))
                levels[_int(lvl.get(_w("ilvl")), 0)] = (fmt.get(W_VAL, "decimal") if fmt is not None else "decimal",
                                                       text.get(W_VAL, "") if text is not None else "",
                                                       _int(start.get(W_VAL) if start is not None else None, 1))
            self.abstract[a.get(_w("abstractNumId"))] = levels
        for n in root.iter(_w("num")):
            ref = n.find(_w("abstractNumId"))
            overrides = {}
            for o in n.iter(_w("lvlOverride")):
                start = o.find(_w("startOverride"))
                if start is not None:
                    overrides[_int(o.get(_w("ilvl")), 0)] = _int(start.get(W_VAL), 1)
            self.nums[n.get(_w("numId"))] = (ref.get(W_VAL) if ref is not None else "", overrides)

    def label(self, num_id: str | None, ilvl: int) -> str:
        if not num_id or num_id == "0" or num_id not in self.nums:
            return ""
        abstract_id, overrides = self.nums[num_id]
        levels = self.abstract.get(abstract_id, {})
        if ilvl not in levels:
            return ""
        counts = self.counters.setdefault(num_id, {})
        start = overrides.get(ilvl, levels[ilvl][2])
        counts[ilvl] = counts.get(ilvl, start - 1) + 1
        for deeper in [k for k in counts if k > ilvl]:   # a higher level restarts the ones below it
            del counts[deeper]
        fmt, text, _ = levels[ilvl]
        if fmt == "bullet":
            return "-"   # the officer's dash, kept as text (never a Word bullet)
        if fmt == "none":
            return ""

        def shown(match) -> str:
            k = int(match.group(1)) - 1
            value = counts.get(k, levels.get(k, ("decimal", "", 1))[2])
            return _format_number(value, levels.get(k, ("decimal",))[0])
        return re.sub(r"%(\d)", shown, text)


def _format_number(n: int, fmt: str) -> str:
    from ..domain.numbering import roman
    if fmt in ("upperRoman", "lowerRoman"):
        r = roman(n) if 0 < n < 4000 else str(n)
        return r if fmt == "upperRoman" else r.lower()
    if fmt in ("upperLetter", "lowerLetter"):
        letters, out = "abcdefghijklmnopqrstuvwxyz", ""
        while n > 0:
            n, r = divmod(n - 1, 26)
            out = letters[r] + out
        return out.upper() if fmt == "upperLetter" else out
    if fmt == "decimalZero":
        return f"{n:02d}"
    return str(n)


# Word stores built-in style names in lower case; show them as Word's UI (and python-docx) does
_BUILTIN_NAMES = {n.lower(): n for n in ["Caption", "Footer", "Header", "Title", "Subtitle", "Normal"]
                  + [f"Heading {i}" for i in range(1, 10)] + [f"TOC {i}" for i in range(1, 10)]}


class _Styles:
    def __init__(self, root):
        self.styles: dict[str, tuple[str, str | None, dict, dict]] = {}   # id → name, basedOn, rPr, pPr
        self.default_para: str | None = None
        self.run_defaults: dict = {}
        self.para_defaults: dict = {}
        self._cache: dict[tuple[str, str], object] = {}
        if root is None:
            return
        defaults = root.find(_w("docDefaults"))
        if defaults is not None:
            self.run_defaults = _run_props(defaults.find(f"{_w('rPrDefault')}/{W_RPR}"))
            self.para_defaults = _para_props(defaults.find(f"{_w('pPrDefault')}/{W_PPR}"))
        for st in root.iter(_w("style")):
            sid = st.get(_w("styleId"))
            if not sid:
                continue
            name_el, based = st.find(_w("name")), st.find(_w("basedOn"))
            name = name_el.get(W_VAL, sid) if name_el is not None else sid
            self.styles[sid] = (_BUILTIN_NAMES.get(name.lower(), name),
                                based.get(W_VAL) if based is not None else None,
                                _run_props(st.find(W_RPR)), _para_props(st.find(W_PPR)))
            if st.get(_w("type")) == "paragraph" and (st.get(_w("default")) or "").lower() in _ON:
                self.default_para = sid

    def para_style(self, sid: str | None) -> str | None:
        return sid if sid in self.styles else self.default_para

    def name(self, sid: str | None) -> str:
        sid = self.para_style(sid)
        return self.styles[sid][0] if sid else ""

    def lookup(self, sid: str | None, key: str, which: int):
        """A property along the basedOn chain of style `sid` (which: 2 = run, 3 = paragraph props)."""
        if not sid:
            return None
        cache_key = (sid, key + str(which))
        if cache_key in self._cache:
            return self._cache[cache_key]
        value, seen, cur = None, set(), sid
        while cur in self.styles and cur not in seen:   # basedOn loops exist in damaged files
            seen.add(cur)
            props = self.styles[cur][which]
            if key in props:
                value = props[key]
                break
            cur = self.styles[cur][1]
        self._cache[cache_key] = value
        return value

    def toggle(self, key: str, direct: dict, pstyle: str | None, cstyle: str | None) -> bool:
        """Bold/italic/caps/hidden as Word shows them: direct formatting wins; in styles these are
        toggle properties (ECMA-376 §17.7.3), so paragraph and character style values combine by XOR."""
        if key in direct:
            return direct[key]
        p, c = self.lookup(pstyle, key, 2), self.lookup(cstyle, key, 2)
        if p is None and c is None:
            return bool(self.run_defaults.get(key))
        return bool(p) ^ bool(c)

    def font(self, direct: dict, pstyle: str | None, cstyle: str | None) -> str:
        return (direct.get("font") or self.lookup(cstyle, "font", 2) or self.lookup(pstyle, "font", 2)
                or self.run_defaults.get("font") or "")

    def para(self, key: str, direct: dict, pstyle: str | None):
        if key in direct:
            return direct[key]
        value = self.lookup(pstyle, key, 3)
        return self.para_defaults.get(key) if value is None else value


_ALIGN = {"center": "center", "right": "right", "end": "right", "both": "justify", "distribute": "justify",
          "mediumKashida": "justify", "highKashida": "justify", "lowKashida": "justify",
          "thaiDistribute": "justify", "left": "left", "start": "left"}


def legacy_encoding(font: str) -> str | None:
    """The legacy Vietnamese encoding a font name implies (legacy.TCVN3 or legacy.VNI):
    ".VnTime", ".VnTimeH", ".VnArial"… are TCVN3; "VNI-Times"… are VNI."""
    f = font.strip().lower()
    if f.startswith(".vn"):
        return legacy.TCVN3
    if f.startswith(("vni-", "vni ")):
        return legacy.VNI
    return None


def _from_legacy(text: str, encoding: str, font: str) -> str | None:
    """The run's text in Unicode, or None when it is Unicode already (a converted text left in
    its old font has Vietnamese letters outside Latin-1; legacy text never has)."""
    if any(ord(c) > 0xFF and c.isalpha() for c in text):
        return None
    out = legacy.to_unicode(text, encoding)
    # TCVN3 capitals with a tone exist only in the "H" fonts (.VnTimeH), stored as lowercase codes
    if encoding == legacy.TCVN3 and font.strip().endswith("H"):
        out = out.upper()
    return out


# --- the reader -------------------------------------------------------------------------------------
class _Reader:
    def __init__(self, styles: _Styles, numbering: "_Numbering | None" = None):
        self.st = styles
        self.numbering = numbering or _Numbering(None)
        self.lines: list[SourceLine] = []
        self.footnotes: dict[str, Footnote] = {}
        self.endnotes: dict[str, Footnote] = {}
        self.fields: list[bool] = []         # open fields: True once past "separate" (showing the result)
        self.pending_break = False
        self.tables = 0
        self.section_types: list[str] = []
        self.section_index = 0
        self.legacy: dict[str, set[str]] = {}   # encoding → font names whose text was converted
        self.revisions = False
        self.textboxes = False

    # notes ---------------------------------------------------------------------------------------
    def notes(self, root, tag: str) -> dict[str, Footnote]:
        out: dict[str, Footnote] = {}
        if root is None:
            return out
        for note in root.iter(_w(tag)):
            nid = note.get(W_ID)
            # separator (-1) and continuation separator (0) are not notes
            if nid is None or note.get(W_TYPE) not in (None, "normal") or nid in ("-1", "0"):
                continue
            runs: list[Run] = []
            for p in note.iter(W_P):
                self.fields = []
                pieces, _ = self.collect(p)
                if runs:
                    runs.append(Run("\n"))
                runs += [x for x in pieces if isinstance(x, Run)]
            out[nid] = Footnote(tuple(_strip_runs(runs)))
        self.fields = []
        return out

    # blocks --------------------------------------------------------------------------------------
    def body(self, body) -> None:
        for sect in body.iter(W_SECTPR):
            if sect.getparent().tag in (W_PPR, body.tag):   # not the previous settings of a revision
                t = sect.find(W_TYPE)
                self.section_types.append(t.get(W_VAL, "nextPage") if t is not None else "nextPage")
        self.blocks(body, None, flat=False)

    def blocks(self, parent, cell, flat: bool) -> None:
        for child in parent:
            tag = child.tag
            if tag == W_P:
                self.paragraph(child, cell)
            elif tag == W_TBL:
                if cell is None and not flat:
                    self.table(child, self.tables, None)
                    self.tables += 1
                else:   # nested tables (and tables in text boxes) belong to the cell they stand in
                    self.table(child, None, cell)
            elif tag == W_SDT:
                content = child.find(W_SDTCONTENT)
                if content is not None:
                    self.blocks(content, cell, flat)
            elif tag in _BLOCK_WRAPPERS:
                self.blocks(child, cell, flat)
            elif tag == MC_ALT:
                branch = _branch(child)
                if branch is not None:
                    self.blocks(branch, cell, flat)
            elif tag in _DROPPED:
                self.revisions = True

    def table(self, tbl, index: int | None, cell) -> None:
        for r, tr in enumerate(_children(tbl, W_TR)):
            before = tr.find(f"{_w('trPr')}/{_w('gridBefore')}")
            col = _int(before.get(W_VAL) if before is not None else None, 0)
            for tc in _children(tr, W_TC):
                self.blocks(tc, cell if index is None else (index, r, col), flat=index is None and cell is None)
                span = tc.find(f"{_w('tcPr')}/{_w('gridSpan')}")
                col += max(1, _int(span.get(W_VAL) if span is not None else None, 1))

    def paragraph(self, p, cell) -> None:
        ppr = p.find(W_PPR)
        pstyle_el = ppr.find(W_PSTYLE) if ppr is not None else None
        pstyle = self.st.para_style(pstyle_el.get(W_VAL) if pstyle_el is not None else None)
        direct = _para_props(ppr)
        if self.st.para("pageBreakBefore", direct, pstyle):
            self.pending_break = True
        align = _ALIGN.get(self.st.para("jc", direct, pstyle) or "left", "left")
        style = self.st.name(pstyle)
        self.underlined_now = []
        pieces, boxes = self.collect(p, pstyle)
        num_id = direct.get("numId") or self.st.lookup(pstyle, "numId", 3)
        ilvl = direct["ilvl"] if "ilvl" in direct else (self.st.lookup(pstyle, "ilvl", 3) or 0)
        label = self.numbering.label(num_id, ilvl) if num_id else ""
        if label and any(isinstance(x, Run) and x.text.strip() for x in pieces if x is not _BREAK):
            pieces.insert(0, Run(label + " "))
        items: list = []
        for piece in pieces:
            if piece is _BREAK:
                self.emit(items, align, style, cell)
                items = []
                self.pending_break = True
            else:
                items.append(piece)
        self.emit(items, align, style, cell)
        for box in boxes:   # a text box's text follows the paragraph it is anchored to
            self.blocks(box, cell, flat=True)
        if ppr is not None and ppr.find(W_SECTPR) is not None:
            self.section_index += 1
            following = self.section_types[self.section_index:self.section_index + 1] or ["nextPage"]
            if following[0] != "continuous":
                self.pending_break = True

    def emit(self, items: list, align: str, style: str, cell) -> None:
        paragraph = Paragraph(tuple(items))
        if not paragraph.text.strip() and not paragraph.footnotes:
            return
        self.lines.append(SourceLine(paragraph, align, style, cell, self.pending_break, len(self.lines) + 1,
                                     tuple(getattr(self, "underlined_now", ()))))
        self.underlined_now = []
        self.pending_break = False

    # inline content ------------------------------------------------------------------------------
    def collect(self, p, pstyle: str | None = None) -> tuple[list, list]:
        """The paragraph's runs, notes and page breaks in order, and its text boxes."""
        if pstyle is None:
            ppr = p.find(W_PPR)
            el = ppr.find(W_PSTYLE) if ppr is not None else None
            pstyle = self.st.para_style(el.get(W_VAL) if el is not None else None)
        out: list = []
        boxes: list = []
        self._inline(p, pstyle, out, boxes)
        return out, boxes

    def _inline(self, parent, pstyle, out: list, boxes: list) -> None:
        for child in parent:
            tag = child.tag
            if tag == W_R:
                self._run(child, pstyle, out, boxes)
            elif tag in _INLINE_WRAPPERS:
                if tag in (_w("ins"), _w("moveTo")):
                    self.revisions = True
                self._inline(child, pstyle, out, boxes)
            elif tag == W_SDT:
                content = child.find(W_SDTCONTENT)
                if content is not None:
                    self._inline(content, pstyle, out, boxes)
            elif tag in _DROPPED:
                self.revisions = True
            elif tag == MC_ALT:
                branch = _branch(child)
                if branch is not None:
                    self._inline(branch, pstyle, out, boxes)
            elif tag in M_MATH:
                if self._visible():
                    out.append(Run(clean_text("".join(t.text or "" for t in child.iter(M_T)))))

    def _visible(self) -> bool:
        return all(self.fields)

    def _run(self, r, pstyle, out: list, boxes: list) -> None:
        rpr = r.find(W_RPR)
        direct = _run_props(rpr)
        cstyle_el = rpr.find(W_RSTYLE) if rpr is not None else None
        cstyle = cstyle_el.get(W_VAL) if cstyle_el is not None else None
        st = self.st
        bold, italic = st.toggle("b", direct, pstyle, cstyle), st.toggle("i", direct, pstyle, cstyle)
        caps, hidden = st.toggle("caps", direct, pstyle, cstyle), st.toggle("vanish", direct, pstyle, cstyle)
        font = st.font(direct, pstyle, cstyle)
        u = rpr.find(_w("u")) if rpr is not None else None
        underline = u is not None and u.get(W_VAL, "single") != "none"
        encoding = legacy_encoding(font) if font else None
        boxes_map = _SYMBOL_BOXES.get(font.lower()) if font else None
        buf: list[str] = []

        def flush():
            if buf and not hidden:
                text = "".join(buf)
                if encoding:
                    converted = _from_legacy(text, encoding, font)
                    if converted is not None:
                        text = converted
                        self.legacy.setdefault(encoding, set()).add(font)
                if boxes_map:
                    text = "".join(boxes_map.get(ord(c) & 0xFF, c) if ord(c) < 0x100 or 0xF000 <= ord(c) <= 0xF0FF
                                   else c for c in text)
                if caps:
                    text = text.upper()
                if underline and text.strip():
                    self.underlined_now.append(" ".join(clean_text(text).split()))
                out.append(Run(clean_text(text), bold, italic))
            buf.clear()

        for c in _run_content(r):
            tag = c.tag
            if tag == _w("fldChar"):
                kind = c.get(_w("fldCharType"))
                if kind == "begin":
                    box = c.find(f"{_w('ffData')}/{_w('checkBox')}")
                    if box is not None and self._visible():   # a form check box shows only its state
                        checked = _on(box.find(_w("checked")))
                        if checked is None:
                            checked = _on(box.find(_w("default"))) or False
                        buf.append("☒" if checked else "☐")
                    self.fields.append(False)
                elif kind == "separate" and self.fields:
                    self.fields[-1] = True
                elif kind == "end" and self.fields:
                    self.fields.pop()
                continue
            if not self._visible():
                continue
            if tag == W_T:
                buf.append(c.text or "")
            elif tag in (_w("tab"), _w("ptab")):
                buf.append("\t")
            elif tag == _w("br"):
                if c.get(W_TYPE) == "page":
                    flush()
                    out.append(_BREAK)
                else:
                    buf.append("\n")
            elif tag == _w("cr"):
                buf.append("\n")
            elif tag == _w("noBreakHyphen"):
                buf.append("-")
            elif tag == _w("sym"):
                code = _int(c.get(_w("char")), 0, 16)
                sym_font = (c.get(_w("font")) or "").lower()
                mapped = _SYMBOL_BOXES.get(sym_font, {}).get(code & 0xFF) if code >= 0xF000 or code < 0x100 else None
                if mapped:
                    buf.append(mapped)
                elif code and not 0xF000 <= code <= 0xF0FF:   # private-use symbol glyphs mean nothing as text
                    buf.append(chr(code))
            elif tag in (_w("footnoteReference"), _w("endnoteReference")):
                notes = self.footnotes if tag == _w("footnoteReference") else self.endnotes
                note = notes.get(c.get(W_ID) or "")
                if note is not None and not hidden:
                    flush()
                    out.append(note)
            elif tag in _SHAPES:
                found = _text_boxes(c)
                if found:
                    self.textboxes = True
                    boxes += found
        flush()

    def remarks(self) -> list[str]:
        out = []
        for enc, fonts in sorted(self.legacy.items()):
            out.append(f"Đã chuyển mã {legacy.NAMES[enc]} sang Unicode cho chữ ở phông {', '.join(sorted(fonts))}; "
                       "hãy kiểm tra lại các chữ có dấu.")
        if not self.legacy:
            sample = "\n".join(ln.text for ln in self.lines[:400])[:20000]
            enc = legacy.detect(sample)
            if enc:   # legacy text shown in a Unicode font: garbled in Word too, so only flagged
                out.append(f"Một phần văn bản có vẻ là chữ mã {legacy.NAMES[enc]} nhưng không dùng phông "
                           "của mã đó nên chưa được chuyển; hãy kiểm tra lại.")
        if self.revisions:
            out.append("Văn bản có theo dõi thay đổi (Track Changes): đã lấy nội dung như khi chấp nhận "
                       "mọi thay đổi (giữ phần chèn, bỏ phần xóa).")
        if self.textboxes:
            out.append("Chữ trong các khung (text box) được đặt ngay sau đoạn văn chứa khung.")
        return out


def _run_content(r):
    """A run's children, choosing one branch of mc:AlternateContent (Word repeats a text box in both)."""
    for c in r:
        if c.tag == MC_ALT:
            branch = _branch(c)
            if branch is not None:
                yield from _run_content(branch)
        elif c.tag != W_RPR:
            yield c


def _branch(alt):
    choice = alt.find(MC_CHOICE)
    return choice if choice is not None else alt.find(MC_FALLBACK)


def _text_boxes(shape) -> list:
    """The outermost w:txbxContent elements of a shape (a box inside a box is read with its parent)."""
    out = []
    for box in shape.iter(W_TXBX):
        anc = box.getparent()
        while anc is not None and anc is not shape and anc.tag != W_TXBX:
            anc = anc.getparent()
        if anc is None or anc is shape:
            if not _in_fallback(box, shape):
                out.append(box)
    return out


def _in_fallback(el, stop) -> bool:
    """A text box inside an mc:Fallback of the shape repeats the mc:Choice's text."""
    anc = el.getparent()
    while anc is not None and anc is not stop:
        if anc.tag == MC_FALLBACK:
            return True
        anc = anc.getparent()
    return False


def _children(parent, tag):
    """Rows of a table / cells of a row, also when wrapped in content controls or custom XML."""
    for child in parent:
        if child.tag == tag:
            yield child
        elif child.tag == W_SDT:
            content = child.find(W_SDTCONTENT)
            if content is not None:
                yield from _children(content, tag)
        elif child.tag in _BLOCK_WRAPPERS:
            yield from _children(child, tag)


def _strip_runs(runs: list[Run]) -> list[Run]:
    """A note's text without the space Word puts after the note mark, nor trailing blanks."""
    runs = [r for r in runs if r.text]
    while runs and not runs[0].text.strip():
        runs.pop(0)
    while runs and not runs[-1].text.strip():
        runs.pop()
    if runs:
        runs[0] = Run(runs[0].text.lstrip(), runs[0].bold, runs[0].italic)
        runs[-1] = Run(runs[-1].text.rstrip(), runs[-1].bold, runs[-1].italic)
    return runs


def _int(value: str | None, default: int, base: int = 10) -> int:
    try:
        return int(value, base) if value is not None else default
    except ValueError:
        return default


__all__ = ["read_docx", "read_any", "convert_doc", "find_soffice", "legacy_encoding", "MAX_BYTES"]
