"""Plain-text reports (.txt) → SourceDocument: one SourceLine per rebuilt paragraph.

Text files of reports come from three places, each leaving its own debris:
- a PDF extraction: every line hard-wrapped (often each followed by a blank line), the footnote
  texts dumped where a page ended — sometimes in the middle of a paragraph —, link targets as
  stray URL lines, a stray space at the start of a page's first line;
- "Save as text" from Word: one paragraph per line (with or without blank lines between), some
  paragraphs split in two where a page broke;
- old files in the TCVN3 (ABC) or VNI encodings.
The reader decodes, converts legacy encodings, rebuilds the paragraphs and puts the PDF footnote
texts back at their reference marks. Standard library only.
"""
from __future__ import annotations

import codecs
import os
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from ..domain.richtext import Footnote, Inline, Paragraph, Run
from ..domain.text import safe_chars
from ..render.metrics import text_width_pt
from . import legacy
from .limits import TEXT_FILE_BYTES, mb
from .source import ImportFailure, SourceDocument, SourceLine

MAX_BYTES = TEXT_FILE_BYTES   # a text this big is no report, and rebuilding it would be slow

# --- loading and decoding ------------------------------------------------------------------------
_SIGNATURES = (
    (b"PK\x03\x04", "một tệp nén (có thể là .docx hoặc .odt)"),
    (b"%PDF", "một tệp PDF"),
    (b"\xd0\xcf\x11\xe0", "một tệp Word cũ (.doc)"),
    (b"{\\rtf", "một tệp RTF"),
)


def _label(name: str) -> str:
    return f"Tệp {name}" if name else "Tệp"


def _too_big(name: str, size: int) -> ImportFailure:
    return ImportFailure(f"{_label(name)} quá lớn ({mb(size)} MB); chỉ nhập được tệp văn bản thuần không quá "
                         f"{mb(MAX_BYTES)} MB (một báo cáo 100 trang chỉ khoảng 0,3 MB).")


def _load(source: str | os.PathLike | bytes | bytearray, name: str) -> tuple[bytes, str]:
    if isinstance(source, (bytes, bytearray)):
        data = bytes(source)
        if len(data) > MAX_BYTES:
            raise _too_big(name, len(data))
        return data, name
    path = Path(source)
    name = name or path.name
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise _too_big(name, size)
        return path.read_bytes(), name
    except FileNotFoundError:
        raise ImportFailure(f"Không tìm thấy tệp {name}.") from None
    except IsADirectoryError:
        raise ImportFailure(f"{name} là một thư mục, không phải tệp văn bản.") from None
    except PermissionError:
        raise ImportFailure(f"Không có quyền đọc tệp {name}.") from None
    except OSError as exc:
        raise ImportFailure(f"Không đọc được tệp {name} ({exc.strerror or exc}).") from None


def _not_text(name: str, what: str = "") -> ImportFailure:
    if what:
        return ImportFailure(f"{_label(name)} là {what}, không phải văn bản thuần (.txt).")
    return ImportFailure(f"{_label(name)} không phải văn bản thuần (.txt): nội dung là dữ liệu nhị phân, "
                         "không đọc được thành chữ.")


def _utf16_without_bom(data: bytes) -> str | None:
    """Text saved as UTF-16 without a byte order mark: mostly-ASCII text has a NUL in every
    other byte, on the odd positions (little endian) or the even ones (big endian)."""
    if len(data) < 4 or len(data) % 2:
        return None
    half = len(data) // 2
    odd = data[1::2].count(0) / half
    even = data[0::2].count(0) / half
    for share, codec in ((odd, "utf-16-le"), (even, "utf-16-be")):
        if share > 0.3:
            try:
                return data.decode(codec)
            except UnicodeDecodeError:
                return None
    return None


def decode(data: bytes, name: str = "") -> tuple[str, list[str]]:
    """Bytes → text and Vietnamese notes on how it was read. Raises ImportFailure for files that
    are not text."""
    notes: list[str] = []
    if not data.strip(b" \t\r\n\x00\x0c\xef\xbb\xbf\xff\xfe"):
        raise ImportFailure(f"{_label(name)} trống, không có nội dung để nhập.")
    for magic, what in _SIGNATURES:
        if data.startswith(magic):
            raise _not_text(name, what)
    text: str | None = None
    # Byte order marks (UTF-32's start like UTF-16's, so it is tried first).
    for bom, codec in ((codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
                       (codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
                       (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(bom):
            try:
                text = data[len(bom):].decode(codec)
            except UnicodeDecodeError:
                text = data[len(bom):].decode(codec, errors="replace")
                notes.append("Một số ký tự trong tệp bị lỗi mã hóa và được thay bằng dấu \u201c\ufffd\u201d.")
            break
    if text is None and b"\x00" in data:
        text = _utf16_without_bom(data)
        if text is None:
            raise _not_text(name)
    if text is None:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = _decode_8bit(data, notes)
    if _looks_binary(text):
        raise _not_text(name)
    encoding = legacy.detect(text)
    if encoding:
        text = legacy.to_unicode(text, encoding)
        notes.append(f"Đã chuyển văn bản mã {legacy.NAMES[encoding]} sang Unicode.")
    return text, notes


def _decode_8bit(data: bytes, notes: list[str]) -> str:
    """A file that is not UTF-8: legacy Vietnamese fonts saved as Windows-1252 characters, or
    Windows-1258 (Vietnamese), or Windows-1252."""
    western = data.decode("cp1252", errors="strict") if _decodes(data, "cp1252") else data.decode("latin-1")
    if legacy.detect(western):
        return western          # converted by the caller, which adds the note
    if _decodes(data, "cp1258"):
        vietnamese = data.decode("cp1258")
        if legacy.vietnamese_words(unicodedata.normalize("NFC", vietnamese)) > legacy.vietnamese_words(western):
            notes.append("Tệp không ở mã UTF-8; đã đọc theo bảng mã Windows-1258 (tiếng Việt).")
            return vietnamese
    notes.append("Tệp không ở mã UTF-8; đã đọc theo bảng mã Windows-1252, cần kiểm tra lại chữ có dấu.")
    return western


def _decodes(data: bytes, codec: str) -> bool:
    try:
        data.decode(codec)
    except UnicodeDecodeError:
        return False
    return True


_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f]")


def _looks_binary(text: str) -> bool:
    sample = text[:65536]
    bad = len(_CONTROL.findall(sample)) + sample.count("\ufffd")
    return bad > max(8, len(sample) // 100)


# --- normalising into lines --------------------------------------------------------------------------
_BREAKS = re.compile("\r\n|[\r\x0b\u2028\u2029\x85]")
_SENTINEL = re.compile("\x00(.)", re.S)     # a footnote placed in the body: NUL + one code point
_NOTE_BASE = 0xF0000                          # supplementary private use: never in a report's text


@dataclass
class _Line:
    text: str                 # without the surrounding white space
    indented: bool = False    # began with white space (in PDF extractions: a page's first line)
    page_start: bool = False  # after a form feed
    blank_before: bool = False
    separator: bool = False   # the white-space or "____" line a PDF prints above its footnotes

    @property
    def visible(self) -> str:
        return _SENTINEL.sub("", self.text)


def _lines(text: str) -> list[_Line]:
    text = _BREAKS.sub("\n", text)
    text = safe_chars(text)
    out: list[_Line] = []
    blank = False
    page = False
    for raw in text.split("\n"):
        parts = raw.split("\x0c")
        for i, part in enumerate(parts):
            if i:
                page = True
            stripped = part.strip(" \t\u00a0\u3000")
            if not stripped:
                # a long run of spaces is the PDF's footnote rule, which ends a page's text
                if len(part) >= 10 and out:
                    out.append(_Line("", separator=True))
                blank = True
                continue
            if re.fullmatch(r"[_\-–—]{10,}", stripped):
                out.append(_Line("", separator=True))
                blank = True
                continue
            out.append(_Line(stripped, indented=part[:1].isspace(), page_start=page, blank_before=blank))
            blank = page = False
    return out


# --- line classes --------------------------------------------------------------------------------
_ROMAN = r"[IVXLC]+"
# "2.1." and "2.1" are headings, "31.284" (a number) is not
_HEADING = re.compile(rf"^(?:{_ROMAN}\.|\d{{1,2}}\.(?:\d{{1,2}}\.)*(?:\d{{1,2}})?|\d{{1,2}}\)|[a-zđ]\))(?=\s|$)"
                      rf"|^Phần(?: thứ)? (?:{_ROMAN}|\w+)(?:\s*$|[.:])")
_BULLET = re.compile(r"^[-+–•▪◦●■*] ")
_NEW_LINE_WORDS = re.compile(r"^(?:Nơi nhận\s*:|KT\.|TM\.|TL\.|TUQ\.|Q\.)")
_URL = re.compile(r"^(?:https?://|www\.)\S+$", re.I)
_PAGE_NUMBER = re.compile(r"^(?:[-–]\s*)?\d{1,3}(?:\s*[-–])?$"
                          r"|^(?:Trang|Page)\s+\d{1,3}(?:\s*(?:/|trên|of)\s*\d{1,3})?$", re.I)
# a sentence (or clause) ends: . ! ? ; : … possibly followed by closing quotes or brackets
_ENDS = re.compile(r"[.!?;:…][\"”’')\]]*$")


def _starts_paragraph(text: str) -> bool:
    return bool(_HEADING.match(text) or _BULLET.match(text) or _NEW_LINE_WORDS.match(text))


def _is_caps(text: str) -> bool:
    return text.isupper() and len(re.findall(r"[^\W\d_]", text)) >= 4


def _starts_lower(text: str) -> bool:
    return text[:1].islower()


def _ends_sentence(text: str) -> bool:
    return bool(_ENDS.search(text))


_CHAR_WIDTHS: dict[str, float] = {}


def _width(text: str) -> float:
    """Printed width in Times New Roman 14 pt: what a PDF line holds, better than a character
    count for telling a paragraph's short last line from a full one."""
    total = 0.0
    for ch in text:
        w = _CHAR_WIDTHS.get(ch)
        if w is None:
            w = _CHAR_WIDTHS[ch] = text_width_pt(ch, 14) if ch != "\x00" else 0.0
        total += w
    return total


# --- PDF footnotes -------------------------------------------------------------------------------
_UNITS = {"m", "km", "cm", "mm", "dm", "ha", "f", "co", "h", "o", "pm", "kv", "kw", "mw", "kwh"}


def _marks(text: str, number: int) -> list[tuple[float, int, int]]:
    """Where footnote `number` may be cited in `text`: (score, start, end) of the digits. The mark is
    glued to the cited word or to punctuation ("tỉnh.1", "TTHC2.", "định3."), or to a year
    ("năm 20234." is 2023 + note 4)."""
    n = str(number)
    found: list[tuple[float, int, int]] = []
    visible = text
    for m in re.finditer(rf"(?<=[^\W\d_]){n}(?![^\W_])", visible):
        word = re.search(r"[^\W\d_]+$", visible[:m.start()]).group(0)
        if word.lower() in _UNITS:
            continue
        tail = visible[m.end():m.end() + 1]
        found.append((2.0 if tail in ("", ".", ",", ";", ":", ")", "\x00") else 1.0, m.start(), m.end()))
    for m in re.finditer(rf"(?<=[.,;:!?)\]”\"’…]){n}(?![^\W_])", visible):
        before = visible[:m.start()]
        if before[-1] in ".," and before[-2:-1].isdigit():
            continue        # 2.3 or 41.373: a number, not a mark
        found.append((3.0, m.start(), m.end()))
    for m in re.finditer(rf"(?<![\d.,])(?:19|20)\d\d({n})(?![^\W_]|[/.,]\d)", visible):
        tail = visible[m.end():m.end() + 1]
        found.append((2.0 if tail in ("", ".", ",", ";", ":", ")") else 0.5, m.start(1), m.end(1)))
    return found


@dataclass
class _Note:
    number: int
    lines: list[str]
    placed: bool = False


class _Footnotes:
    """Finds footnote blocks in the line stream, takes them out of the body and puts a sentinel
    at each note's reference mark."""

    def __init__(self):
        self.notes: list[_Note] = []
        self.cursor = (0, 0)        # (body line, offset) after the last placed mark: marks follow in order

    def find_mark(self, body: list[_Line], number: int, commit: bool) -> bool:
        line0, off0 = self.cursor
        # a note is printed on the page that cites it: look back one page or so, not further
        if len(body) - line0 > _PAGE_LINES:
            line0, off0 = len(body) - _PAGE_LINES, 0
        best: tuple[float, int, int, int] | None = None
        for li in range(line0, len(body)):
            text = body[li].text
            start = off0 if li == line0 else 0
            for score, s, e in _marks(text, number):
                if s < start or score < 1:
                    continue
                # the latest best candidate: the mark is on the page the notes end
                if best is None or score >= best[0]:
                    best = (score, li, s, e)
        if best is None:
            return False
        if commit:
            _, li, s, e = best
            sentinel = "\x00" + chr(_NOTE_BASE + len(self.notes) - 1)
            body[li].text = body[li].text[:s] + sentinel + body[li].text[e:]
            self.cursor = (li, s + len(sentinel))
        return True

    def place(self, body: list[_Line], block: list[_Note]) -> None:
        for note in block:
            self.notes.append(note)
            if body and self.find_mark(body, note.number, commit=True):
                note.placed = True
            elif body:
                # no mark found: keep the note with the text the page ended on
                body[-1].text += "\x00" + chr(_NOTE_BASE + len(self.notes) - 1)
                self.cursor = (len(body) - 1, len(body[-1].text))


_PAGE_LINES = 120
_NOTE_START = "^{n}\\s+\\S"


def _split_footnotes(lines: list[_Line]) -> tuple[list[_Line], _Footnotes]:
    """The body lines (URL and page-number debris dropped) and the footnotes found."""
    body: list[_Line] = []
    notes = _Footnotes()
    expected = 1
    i = 0
    last_url = ""
    while i < len(lines):
        line = lines[i]
        if line.separator:
            i += 1
            continue
        after_rule = i > 0 and lines[i - 1].separator
        if body and re.match(_NOTE_START.format(n=expected), line.text) and (
                after_rule or notes.find_mark(body, expected, commit=False)):
            block, i = _read_block(lines, i, expected)
            notes.place(body, block)
            expected += len(block)
            continue
        if _URL.match(line.text):
            # a link target the PDF printed at the page end, inside a paragraph (or repeated)
            prev = body[-1].visible if body else ""
            if line.text == last_url or (prev and not _ends_sentence(prev)):
                last_url = line.text
                i += 1
                continue
        last_url = ""
        if _PAGE_NUMBER.match(line.text):
            i += 1
            continue
        body.append(line)
        i += 1
    return body, notes


def _read_block(lines: list[_Line], i: int, number: int) -> tuple[list[_Note], int]:
    """The footnotes starting at line i: up to the next page's first line (a form feed or a line
    with a stray leading space), a new paragraph after a finished note, or the end."""
    block = [_Note(number, [re.sub(rf"^{number}\s+", "", lines[i].text, count=1)])]
    widest = _width(lines[i].text)
    i += 1
    while i < len(lines):
        line = lines[i]
        if line.separator:
            i += 1
            continue
        if line.indented or line.page_start:
            break
        nxt = block[-1].number + 1
        if re.match(_NOTE_START.format(n=nxt), line.text):
            block.append(_Note(nxt, [re.sub(rf"^{nxt}\s+", "", line.text, count=1)]))
            widest = max(widest, _width(line.text))
            i += 1
            continue
        last = block[-1].lines[-1]
        if _ends_sentence(last) and _width(last) < 0.8 * widest and (
                _starts_paragraph(line.text) or not _starts_lower(line.text)):
            break
        block[-1].lines.append(line.text)
        widest = max(widest, _width(line.text))
        i += 1
    return block, i


# --- rebuilding paragraphs -------------------------------------------------------------------------
def _percentile(values: list[float], q: float) -> float:
    s = sorted(values)
    return s[min(len(s) - 1, int(len(s) * q))] if s else 0.0


@dataclass
class _Layout:
    wrapped: bool           # lines are hard-wrapped at a common width
    blank_is_break: bool    # a blank line separates paragraphs
    full: float             # the width of a full line (pt of Times New Roman 14)


def _layout(lines: list[_Line]) -> _Layout:
    texts = [ln.visible for ln in lines if ln.text]
    widths = [_width(t) for t in texts]
    if len(widths) < 6:
        return _Layout(False, True, 0.0)
    full = _percentile(widths, 0.9)
    in_band = sum(1 for w in widths if 0.75 * full <= w <= 1.1 * full) / len(widths)
    wrapped = in_band >= 0.5 and full <= 1100     # ≈ 150 characters: longer lines are paragraphs
    spaced = sum(1 for ln in lines[1:] if ln.blank_before) / max(1, len(lines) - 1)
    # "every line followed by a blank line" carries no information about paragraphs
    return _Layout(wrapped, not (wrapped and spaced >= 0.8), full)


def _continues(prev: _Line, line: _Line, lay: _Layout, start: str) -> bool:
    """Whether `line` continues the paragraph that begins with `start` and ends with `prev`."""
    p, t = prev.visible, line.text
    ends = _ends_sentence(p)
    hard = (line.blank_before and lay.blank_is_break) or not lay.wrapped
    if _starts_paragraph(t):
        if hard or _starts_paragraph_strict(t):
            return False
        # "- " after a line filled to the margin that did not end is a wrapped phrase
        # ("Trưởng phòng Hành chính" + "- Quản trị"); a heading without a stop is rarely that wide
        return not ends and _width(p) >= 0.95 * lay.full
    if re.fullmatch(r"Phần(?: thứ)? \S+", p) or p.endswith("./."):
        return False        # a part label stands alone; "./." closes a document's last paragraph
    if hard:
        # a paragraph split by a page break: it stops mid-sentence, the rest starts in lower case
        return not ends and _starts_lower(t)
    if p.endswith(","):
        return True         # a list of names wrapped after a comma ("CVP, PCVP," + "Công đoàn, …")
    if _is_caps(p) != _is_caps(t):
        return False
    if _is_caps(p):
        return _width(p) >= 0.85 * lay.full
    if _starts_lower(t):
        return True
    short = _width(p) < 0.85 * lay.full
    if ends:
        # the last line of a paragraph is short; a sentence ending on a full line goes on
        return not short
    if short and _HEADING.match(start):
        return False        # a numbered heading's last line, without a stop
    return _width(p) >= 0.7 * lay.full


def _starts_paragraph_strict(text: str) -> bool:
    """Markers that never begin a wrapped line: all but the dashes and bullets (a "- " may be the
    hyphen of a wrapped phrase)."""
    return bool(_HEADING.match(text) or _NEW_LINE_WORDS.match(text)) or text.startswith("+ ")


def _joiner(a: str, b: str) -> str:
    """What goes between a paragraph ending in `a` and its next line `b`: nothing after a word
    hyphenated at the line end ("26/CT-" + "TTg", "2021-" + "2026"), else a space. Only the
    paragraph's tail is passed and looked at: searching all of it made a long paragraph quadratic."""
    tail = a[-64:]
    if len(a) > 64 and a[-65] == "\x00":
        tail = tail[1:]       # the cut-off half of a footnote sentinel
    return "" if re.search(r"[^\W_]-$", _SENTINEL.sub("", tail)) and b[:1].isalnum() else " "


def _glue(a: str, b: str) -> str:
    return a + _joiner(a, b) + b


def _tail(pieces: list[str], n: int = 65) -> str:
    out, size = [], 0
    for piece in reversed(pieces):
        out.append(piece)
        size += len(piece)
        if size >= n:
            break
    return "".join(reversed(out))[-n:]


def rebuild(lines: list[_Line]) -> tuple[list[str], _Footnotes]:
    body, notes = _split_footnotes(lines)
    lay = _layout(body)
    # each paragraph as pieces joined once at the end (growing one string per line is quadratic)
    paras: list[list[str]] = []
    head = ""                 # the current paragraph's beginning, all _continues looks at
    prev: _Line | None = None
    for line in body:
        if prev is not None and paras and _continues(prev, line, lay, head):
            pieces = paras[-1]
            pieces += (_joiner(_tail(pieces), line.text), line.text)
            if len(head) < 256:
                head = "".join(pieces)[:256]
        else:
            paras.append([line.text])
            head = line.text[:256]
        prev = line
    return [re.sub(r" {2,}", " ", "".join(p)).strip() for p in paras], notes


# --- bold and italic ---------------------------------------------------------------------------------
def _formatted(paragraphs: list[str]) -> list[list[tuple[str, bool, bool]]]:
    """Split on balanced **bold** / *italic* / ***both*** markers (emphasis opens before a
    non-space and closes after one, as in Markdown); unmatched asterisks stay text. A pair may
    span two neighbouring paragraphs (a bold signature block of two lines), no more."""
    tokens: list[tuple[int, str, bool, bool]] = []      # (paragraph, text, can_open, can_close)
    for pi, text in enumerate(paragraphs):
        pos = 0
        for m in re.finditer(r"\*{1,3}", text):
            if m.start() > pos:
                tokens.append((pi, text[pos:m.start()], False, False))
            before = text[m.start() - 1] if m.start() else " "
            after = text[m.end()] if m.end() < len(text) else " "
            can_open = (after.isalnum() or after in "\"“‘'([\x00") and not before.isalnum()
            can_close = (before.isalnum() or before in ".,;:!?\"”’')]…\x00") and not after.isalnum()
            tokens.append((pi, m.group(0), can_open, can_close))
            pos = m.end()
        if pos < len(text):
            tokens.append((pi, text[pos:], False, False))
    # pair each closer with the nearest opener of the same length
    paired: set[int] = set()
    stack: list[int] = []
    for idx, (pi, tok, can_open, can_close) in enumerate(tokens):
        if not (can_open or can_close):
            continue
        if can_close:
            match = next((j for j in range(len(stack) - 1, -1, -1)
                          if tokens[stack[j]][1] == tok and tokens[stack[j]][0] >= pi - 1), None)
            if match is not None:
                paired.update((stack[match], idx))
                del stack[match:]
                continue
        if can_open:
            stack.append(idx)
    out: list[list[tuple[str, bool, bool]]] = [[] for _ in paragraphs]
    bold = italic = False
    for idx, (pi, tok, _can_open, _can_close) in enumerate(tokens):
        if idx in paired:
            if len(tok) >= 2:
                bold = not bold
            if len(tok) != 2:
                italic = not italic
        else:
            out[pi].append((tok, bold, italic))
    return out


def _paragraph(chunks: list[tuple[str, bool, bool]], notes: list[Paragraph]) -> Paragraph:
    items: list[Inline] = []
    for chunk, bold, italic in chunks:
        pos = 0
        for m in _SENTINEL.finditer(chunk):
            items.append(Run(chunk[pos:m.start()], bold, italic))
            items.append(Footnote(tuple(notes[ord(m.group(1)) - _NOTE_BASE].runs())))
            pos = m.end()
        items.append(Run(chunk[pos:], bold, italic))
    return Paragraph(tuple(items))


# --- entry point -------------------------------------------------------------------------------------
def read_text(path_or_bytes: str | os.PathLike | bytes, name: str = "") -> SourceDocument:
    """Read a plain-text report: decode it, convert legacy encodings, rebuild its paragraphs and
    footnotes. Raises ImportFailure (Vietnamese message) for empty, binary or oversized files."""
    data, name = _load(path_or_bytes, name)
    text, notes = decode(data, name)
    lines = _lines(text)
    if not lines or not any(ln.text for ln in lines):
        raise ImportFailure(f"{_label(name)} trống, không có nội dung để nhập.")
    paragraphs, found = rebuild(lines)
    note_texts = []
    for note in found.notes:
        joined = ""
        for part in note.lines:
            joined = _glue(joined, part) if joined else part
        note_texts.append(re.sub(r" {2,}", " ", joined).strip())
    note_paras = [_paragraph(chunks, []) for chunks in _formatted(note_texts)]
    doc_lines = [SourceLine(_paragraph(chunks, note_paras), number=i + 1)
                 for i, chunks in enumerate(_formatted(paragraphs))]
    if found.notes:
        notes.append(f"Đã gắn {len(found.notes)} chú thích cuối trang vào chỗ đánh dấu trong đoạn văn.")
        lost = [str(n.number) for n in found.notes if not n.placed]
        if lost:
            notes.append(f"Không tìm thấy chỗ đánh dấu của chú thích {', '.join(lost)}; chú thích được đặt ở "
                         "cuối đoạn văn đứng trước nó, cần kiểm tra lại.")
    return SourceDocument(doc_lines, name=name, notes=notes)


__all__ = ["read_text", "decode", "MAX_BYTES"]
