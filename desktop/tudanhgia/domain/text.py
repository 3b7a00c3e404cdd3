"""Text made safe and texts compared: the one normalisation every typed, pasted, imported and stored
text goes through (docs/reliability.md, "Text normalisation"), a typed one-line field, a value cut
to a length limit, and the folded form in which labels, names and search words are compared.

The normalisation (`clean_text`), in order:
- CR LF and CR become LF; VT and FF (Word's line and page breaks), NEL (U+0085), LINE SEPARATOR
  (U+2028) and PARAGRAPH SEPARATOR (U+2029) become LF: a line break (in body text a paragraph
  break is made by the editor, which splits paragraphs at U+2029 when text is pasted);
- tab and LF are kept;
- every other C0 control (U+0000–U+0008, U+000E–U+001F), DEL (U+007F), every other C1 control
  (U+0080–U+009F), lone surrogates (U+D800–U+DFFF) and the non-characters U+FFFE and U+FFFF are
  removed: XML cannot hold them (C0) or they print as nothing or a box (C1, left over from a
  wrongly decoded Windows-1252 text);
- the result is NFC (the precomposed Vietnamese letters Word and Unikey produce).
Everything else is kept as typed: right-to-left text and its direction marks, zero-width joiners,
emoji and other characters beyond the BMP, no-break spaces, private-use characters."""
from __future__ import annotations

import dataclasses
import re
import unicodedata
from typing import Any

# what safe_chars drops: controls other than tab and line breaks, C1 controls but NEL,
# non-characters and lone surrogates
_ILLEGAL = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\ufffe\uffff]|[\ud800-\udfff]")
_BREAKS = re.compile("\r\n?|[\x0b\x0c\x85\u2028\u2029]")
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ufffe\uffff]|[\ud800-\udfff]")


def safe_chars(text: str) -> str:
    """`text` without the characters a document cannot hold, in NFC (line breaks untouched)."""
    return unicodedata.normalize("NFC", _ILLEGAL.sub("", text))


def clean_text(text: str) -> str:
    """Typed, pasted or imported text as it is stored and printed (the normalisation above)."""
    if not text:
        return text
    if _UNSAFE.search(text) is not None:  # most texts hold none: skip the two passes
        text = _ILLEGAL.sub("", _BREAKS.sub("\n", text))
    return unicodedata.normalize("NFC", text)


def one_line(text: str | None) -> str:
    """Typed or pasted text for a one-line field: made safe, every run of white space (line
    breaks, Word's \\x0b and \\x0c too) one space, no space at the ends."""
    return " ".join(safe_chars(text or "").split())


def clip(text: str, limit: int) -> str:
    """`text` on one line and at most `limit` characters: cut at a word boundary with "…" when
    longer (a document property of a 300-character subject must not stop an export)."""
    text = one_line(text)
    if len(text) <= limit:
        return text
    cut = text[:limit - 1]
    space = cut.rfind(" ")
    if space > limit // 2:
        cut = cut[:space]
    return cut.rstrip(" ,;:.-–—") + "…"


def clean_fields(obj: Any) -> Any:
    """Normalise (`clean_text`) every text field of a domain object in place, with the objects
    it holds (sections, limitations, measures, signer …); frozen values (RichText, periods) are
    clean already or hold no text. Returns `obj`."""
    seen: set[int] = set()

    def visit(o: Any) -> None:
        if isinstance(o, list):
            for item in o:
                visit(item)
            return
        if not dataclasses.is_dataclass(o) or isinstance(o, type) or id(o) in seen:
            return
        seen.add(id(o))
        if o.__dataclass_params__.frozen:  # type: ignore[attr-defined]
            return
        for f in dataclasses.fields(o):
            value = getattr(o, f.name)
            if isinstance(value, str):
                cleaned = clean_text(value)
                if cleaned is not value and cleaned != value:
                    setattr(o, f.name, cleaned)
            else:
                visit(value)

    visit(obj)
    return obj


def squeeze(text: str) -> str:
    """White space (no-break space too) folded to single spaces, none at either end: what
    " ".join(text.split()) gives, without splitting a long text that already is so."""
    # isprintable() is false for every white space but the ASCII space
    if text.isprintable() and "  " not in text and text[:1] != " " and text[-1:] != " ":
        return text
    return " ".join(text.split())


def fold(text: str) -> str:
    """A text as compared, never shown: NFC, white space (no-break space too) folded to single
    spaces, case folded."""
    return squeeze(unicodedata.normalize("NFC", text)).casefold()


# --- a name or heading typed in capitals, as a sentence -------------------------------------------------

_SYLLABLE = re.compile(r"(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnpqrstvx])?"
                       r"(?:[aeiouy]{1,3})(?:ch|ng|nh|[cmnpt])?")
_ROMAN_WORD = re.compile(r"[IVXLC]+")


def _is_syllable(word: str) -> bool:
    """A Vietnamese syllable ("PHÒNG", "XÃ"); acronyms ("UBND", "XYZ", "TTHC") are not."""
    bare = "".join(c for c in unicodedata.normalize("NFD", word.casefold()) if not unicodedata.combining(c))
    return bool(_SYLLABLE.fullmatch(bare.replace("đ", "d")))


def sentence_case(text: str) -> str:
    """A heading typed in capitals as a sentence: its first letter capital, the words lower case
    but for acronyms and Roman numerals ("PHÒNG XYZ VÀ UBND XÃ" → "Phòng XYZ và UBND xã")."""
    def word(m: re.Match[str]) -> str:
        w = m.group(0)
        return w if _ROMAN_WORD.fullmatch(w) or not _is_syllable(w) else w.lower()
    out = re.sub(r"[^\W\d_]+", word, text)
    return out[:1].upper() + out[1:]


# An administrative unit's word: what follows it is the place's proper name ("xã A", "tỉnh Quảng Ngãi").
_PLACE_WORD = re.compile(r"\b(?:thành phố|thị xã|thị trấn|xã|phường|huyện|quận|tỉnh)\s+(.+)$")


def agency_in_sentence(name: str) -> str:
    """An agency's name as a sentence names it ("ỦY BAN NHÂN DÂN XÃ A" → "Ủy ban nhân dân xã A"):
    typed in capitals, its words in lower case but for acronyms and the place's name after its unit
    word; typed otherwise, as typed."""
    if not name.isupper():
        return name
    out = sentence_case(name)
    place = _PLACE_WORD.search(out)
    if place is None:
        return out
    proper = re.sub(r"[^\W\d_]+", lambda m: m.group(0)[:1].upper() + m.group(0)[1:], place.group(1))
    return out[:place.start(1)] + proper
