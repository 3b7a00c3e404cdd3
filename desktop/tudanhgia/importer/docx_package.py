"""A Word file checked before it is read: its size, what its bytes really are (a zip package,
an old .doc, an encrypted Office file, RTF, PDF, text…), and the package's parts read through
zipguard (sizes and elements counted while unpacking, no DTD, no entities, no network). Every refusal is an
`ImportFailure` with a Vietnamese message; also the XML names the other readers use."""
from __future__ import annotations

import posixpath
import struct
from pathlib import Path

from .limits import PACKAGE, Progress, mb
from .source import ImportFailure
from .zipguard import GuardedZip

MAX_BYTES = PACKAGE.file_bytes

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"
M_NS = "http://schemas.openxmlformats.org/officeDocument/2006/math"
REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"


def _w(tag: str) -> str:
    return f"{{{W_NS}}}{tag}"


def first_child(parent, tag: str):
    """`parent.find(tag)` for one qualified tag name, asked of every paragraph and run: lxml's
    `find` parses its path each time (~2.5 µs), a look at the few children costs a third of it."""
    for el in parent:
        if el.tag == tag:
            return el
    return None


W_P, W_R, W_T, W_TBL, W_TR, W_TC = _w("p"), _w("r"), _w("t"), _w("tbl"), _w("tr"), _w("tc")
W_PPR, W_RPR, W_PSTYLE, W_RSTYLE, W_VAL = _w("pPr"), _w("rPr"), _w("pStyle"), _w("rStyle"), _w("val")
W_SDT, W_SDTCONTENT, W_SECTPR, W_TYPE, W_ID = _w("sdt"), _w("sdtContent"), _w("sectPr"), _w("type"), _w("id")
W_TXBX = _w("txbxContent")
MC_ALT, MC_CHOICE, MC_FALLBACK = f"{{{MC_NS}}}AlternateContent", f"{{{MC_NS}}}Choice", f"{{{MC_NS}}}Fallback"
M_T = f"{{{M_NS}}}t"
M_MATH = {f"{{{M_NS}}}oMath", f"{{{M_NS}}}oMathPara"}


_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP = (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")


# --- checks before reading ----------------------------------------------------------------------------
def check_file(path: Path, max_bytes: int) -> int:
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
        raise ImportFailure(f"Tệp {path.name} quá lớn ({mb(st.st_size)} MB); chỉ nhập được tệp "
                            f"không quá {mb(max_bytes)} MB.")
    return st.st_size


def sniff(path: Path) -> str:
    """What the bytes are: zip, doc, encrypted, excel-old, ppt-old, rtf, pdf, wordxml, text, binary."""
    try:
        with open(path, "rb") as f:
            head = f.read(65536)
    except OSError as exc:
        raise ImportFailure(f"Không đọc được tệp {path.name}: {exc.strerror or exc}.") from None
    if head.startswith(_ZIP):
        return "zip"
    if head.startswith(_OLE2):
        return ole_kind(path)
    if head.startswith(b"{\\rtf"):
        return "rtf"
    if head.startswith(b"%PDF"):
        return "pdf"
    if b"progid=\"Word.Document\"" in head[:4096] or b"<w:wordDocument" in head[:4096]:
        return "wordxml"
    if head.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" not in head:
        return "text"
    return "binary"


def refusal(kind: str, name: str) -> str:
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


def ole_kind(path: Path) -> str:
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
def open_zip(path: Path, progress: Progress | None = None, name: str | None = None) -> GuardedZip:
    """The package under the limits of limits.PACKAGE (see zipguard: sizes counted while unpacking)."""
    return GuardedZip(path, name or path.name, progress=progress)


def zip_flavour(path: Path) -> str:
    with open_zip(path) as zf:
        return flavour_of(zf)


def flavour_of(zf: GuardedZip) -> str:
    names = zf.names
    if any(n.startswith("word/") for n in names):
        return "word"
    if any(n.startswith("xl/") for n in names):
        return "excel"
    if any(n.startswith("ppt/") for n in names):
        return "powerpoint"
    if "mimetype" in names and zf.infos["mimetype"].file_size <= 100:
        try:
            mime = zf.read("mimetype") or b""
        except ImportFailure:
            return "other"
        if mime.startswith(b"application/vnd.oasis.opendocument.text"):
            return "odt"
    return "other"


def read_part(zf: GuardedZip, part: str):
    """The part's XML root, or None when the package has no such part."""
    return zf.parse(part)


def relationships(zf: GuardedZip, part: str) -> dict[str, str]:
    """Relationship type suffix (e.g. "styles") → target part name, for `part`."""
    folder, base = posixpath.split(part)
    rels = read_part(zf, posixpath.join(folder, "_rels", base + ".rels"))
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
