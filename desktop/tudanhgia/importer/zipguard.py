"""Zip packages (.docx, .xlsx) opened under limits, for files that may be hostile.

Nothing a zip says about itself is trusted: the size of each part is counted as it is
decompressed (a part that claims 1 KB and unpacks to gigabytes stops at the limit, and so does
a zip whose header lies the other way), the parts read together have a budget (overlapping parts
sharing one compressed stream cannot multiply it), the list of parts is bounded before zipfile
reads it, and names that climb out of the package ("../", "/", "C:") or repeat are refused.
XML is fed to the parser as it is unpacked, its elements counted on the way, and any DTD
(`<!DOCTYPE`, `<!ENTITY`: entity expansion, "billion laughs", external entities reading local
files) is refused before it reaches a parser — Office never writes one. The parser itself also
resolves no entities, loads no DTD and opens no network (a second line, should a DTD slip by).

Every refusal is an `ImportFailure` whose Vietnamese message names the file; the officer's
Cancel arrives as `ImportCancelled` from the progress callback."""
from __future__ import annotations

import re
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path

from lxml import etree

from .limits import PACKAGE, PackageLimits, Progress, mb
from .source import ImportFailure

_CHUNK = 256 * 1024
# a DTD, in the encodings an XML part may use (UTF-8, UTF-16 either way round)
_DTD_MARKS = tuple(mark.encode(codec) for mark in ("<!DOCTYPE", "<!ENTITY")
                   for codec in ("utf-8", "utf-16-le", "utf-16-be"))
_OVERLAP = max(len(m) for m in _DTD_MARKS)
_BANG = (b"<!", b"<\x00!")          # what every mark starts with (UTF-16 big-endian: after a NUL)
_UNZIP_ERRORS = (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, EOFError, RuntimeError, NotImplementedError,
                 ValueError, OSError)


class PackageDamaged(ImportFailure):
    """Not a readable zip: truncated, a broken directory, a part that fails its checksum."""


def damaged(name: str, hint: str = "Hãy mở bằng Word (Word có thể sửa tệp) rồi lưu lại.") -> ImportFailure:
    return PackageDamaged(f"Tệp {name} bị hỏng hoặc không đầy đủ (có thể chưa tải về hay sao chép xong). {hint}")


def _hostile(name: str, what: str) -> ImportFailure:
    return ImportFailure(f"Tệp {name} {what}. Tệp như vậy có thể đã bị hỏng hoặc được tạo ra để gây hại, "
                         "nên không được nhập; không có gì bị thay đổi.")


def _shown(part: str, size: int = 40) -> str:
    part = part.encode("unicode_escape").decode("ascii") if not part.isprintable() else part
    return part if len(part) <= size else part[:size - 1] + "…"


def _bad_name(part: str) -> bool:
    """A name that would climb out of a folder if extracted: absolute, a drive, "..", a NUL."""
    if not part or "\x00" in part or part.startswith(("/", "\\")) or re.match(r"^[A-Za-z]:", part):
        return True
    return any(seg == ".." for seg in re.split(r"[/\\]", part))


class GuardedZip:
    """A zip package read part by part under `limits`; use as a context manager."""

    def __init__(self, path: Path, name: str, limits: PackageLimits = PACKAGE, progress: Progress | None = None,
                 hint: str = "Hãy mở bằng Word (Word có thể sửa tệp) rồi lưu lại."):
        self.name, self.limits, self.progress, self.hint = name, limits, progress, hint
        self.unpacked = 0           # bytes unpacked so far, all parts together
        self.elements = 0           # XML elements (upper bound) in the parts read so far
        self._done = 0              # compressed bytes of the parts read whole
        self._zf = self._open(path)
        try:
            self.infos = self._index()
        except BaseException:
            self._zf.close()
            raise
        # progress is the share of the XML parts' compressed bytes read (the parts readers read)
        self._planned = sum(i.compress_size for n, i in self.infos.items() if n.endswith((".xml", ".rels"))) or 1

    # --- opening ------------------------------------------------------------------------------------
    def _open(self, path: Path) -> zipfile.ZipFile:
        try:
            with open(path, "rb") as f:
                end = zipfile._EndRecData(f)  # type: ignore[attr-defined]  # the record zipfile itself uses
        except OSError as exc:
            raise ImportFailure(f"Không đọc được tệp {self.name}: {exc.strerror or exc}.") from None
        except _UNZIP_ERRORS:
            raise damaged(self.name, self.hint) from None
        if not end:
            raise damaged(self.name, self.hint)
        entries, directory = end[zipfile._ECD_ENTRIES_TOTAL], end[zipfile._ECD_SIZE]  # type: ignore[attr-defined]
        # zipfile reads the whole directory into memory and builds an object per entry: bound it first
        if entries > self.limits.entries:
            raise _hostile(self.name, f"chứa quá nhiều phần ({entries:,} phần; tệp Word, Excel thật chỉ có "
                                      "vài chục)".replace(",", " "))
        if directory > self.limits.directory_bytes:
            raise _hostile(self.name, f"có danh sách các phần quá lớn ({mb(directory)} MB; tệp Word, Excel thật "
                                      "chỉ vài KB)")
        try:
            return zipfile.ZipFile(path)
        except _UNZIP_ERRORS:
            raise damaged(self.name, self.hint) from None

    def _index(self) -> dict[str, zipfile.ZipInfo]:
        infos: dict[str, zipfile.ZipInfo] = {}
        listed = self._zf.infolist()
        if len(listed) > self.limits.entries:
            raise _hostile(self.name, f"chứa quá nhiều phần ({len(listed):,} phần)".replace(",", " "))
        for info in listed:
            if _bad_name(info.filename):
                raise _hostile(self.name, f"chứa một phần có tên không hợp lệ (“{_shown(info.filename)}”, "
                                          "trỏ ra ngoài tệp)")
            if info.filename in infos:
                raise _hostile(self.name, f"chứa hai phần cùng tên “{_shown(info.filename)}”")
            if info.flag_bits & 0x1:
                raise ImportFailure(f"Tệp {self.name} được nén kèm mật khẩu nên không đọc được. Hãy mở bằng "
                                    "chương trình đã tạo ra tệp, bỏ mật khẩu, lưu lại rồi nhập lại.")
            infos[info.filename] = info
        return infos

    def close(self) -> None:
        self._zf.close()

    def __enter__(self) -> GuardedZip:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @property
    def names(self) -> set[str]:
        return set(self.infos)

    # --- reading ------------------------------------------------------------------------------------
    def chunks(self, part: str) -> Iterator[bytes]:
        """The part's bytes as they are unpacked, counted against the limits and checked for a DTD."""
        info = self.infos[part]
        lim = self.limits
        got = 0
        carry = b""
        try:
            with self._zf.open(info) as f:
                while True:
                    chunk = f.read(_CHUNK)
                    if not chunk:
                        break
                    got += len(chunk)
                    self.unpacked += len(chunk)
                    if got > lim.part_bytes:
                        raise _hostile(self.name, f"có phần “{_shown(part)}” khi giải nén lớn hơn "
                                                  f"{mb(lim.part_bytes)} MB (tệp nén kiểu “bom giải nén”)")
                    if self.unpacked > lim.total_bytes:
                        raise _hostile(self.name, f"khi giải nén lớn hơn {mb(lim.total_bytes)} MB "
                                                  "(tệp nén kiểu “bom giải nén”)")
                    # "<!" is rare in Office XML: look for the marks only where it occurs (or across the seam)
                    seam = carry + chunk[:_OVERLAP]
                    if (b"!" in chunk and any(b in chunk for b in _BANG)) or any(b in seam for b in _BANG):
                        window = carry + chunk
                        if any(mark in window for mark in _DTD_MARKS):
                            raise _hostile(self.name, f"có phần “{_shown(part)}” chứa khai báo DTD hay thực thể XML "
                                                      "(<!DOCTYPE, <!ENTITY), điều tệp Word, Excel thật không bao giờ "
                                                      "có")
                    carry = chunk[-_OVERLAP:]
                    # every element opens with "<" and "</" closes one: an upper bound, counted cheaply
                    self.elements += chunk.count(b"<") - chunk.count(b"</")
                    if self.elements > lim.elements:
                        raise _hostile(self.name, f"có quá nhiều thành phần XML (hơn {lim.elements:,})"
                                       .replace(",", " "))
                    self._tick(info, got)
                    yield chunk
        except _UNZIP_ERRORS:
            raise damaged(self.name, self.hint) from None
        self._done += info.compress_size

    def _tick(self, info: zipfile.ZipInfo, got: int) -> None:
        if self.progress is not None:
            within = info.compress_size * min(1.0, got / info.file_size) if info.file_size else 0
            self.progress(min(1.0, (self._done + within) / self._planned))

    def not_xml(self, part: str, exc: etree.XMLSyntaxError) -> ImportFailure:
        """The refusal of a part the XML parser stopped on: beyond its own limits (a text node over
        10 MB, elements nested over 256 deep), or broken."""
        if "XML_PARSE_HUGE" in str(exc.msg):
            return _hostile(self.name, f"có phần “{_shown(part)}” vượt giới hạn của trình đọc XML (một đoạn chữ "
                                       "dài hơn 10 MB hoặc các thành phần lồng nhau quá 256 tầng)")
        return ImportFailure(f"Tệp {self.name} bị hỏng: phần nội dung {_shown(part)} không phải XML hợp lệ. "
                             f"{self.hint}")

    def read(self, part: str) -> bytes | None:
        """The whole part (None if the package has no such part), read under the limits."""
        if part not in self.infos:
            return None
        return b"".join(self.chunks(part))

    def parse(self, part: str):
        """The part's XML root (None if there is no such part), parsed while it is unpacked."""
        if part not in self.infos:
            return None
        parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False,
                                 remove_comments=True, remove_pis=True)
        try:
            for chunk in self.chunks(part):
                parser.feed(chunk)
            root = parser.close()
        except etree.XMLSyntaxError as exc:
            raise self.not_xml(part, exc) from None
        if root.getroottree().docinfo.internalDTD is not None:   # the scan above makes this unreachable
            raise _hostile(self.name, f"có phần “{_shown(part)}” chứa khai báo DTD")
        return root
