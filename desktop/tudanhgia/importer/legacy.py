"""Legacy Vietnamese 8-bit encodings (TCVN3/ABC and VNI Windows) → Unicode.

Text typed in the .VnTime fonts (TCVN3, TCVN 5712:1993 VN3) or the VNI-Times fonts reaches us as
Latin-1 characters: the file was saved or decoded as Windows-1252, so "Việt" arrives as "ViÖt"
(TCVN3) or "Vieät" (VNI). `detect` recognises such text by whether converting it turns words
that are not Vietnamese syllables into ones that are; real Unicode Vietnamese already consists of
valid syllables, so it is never converted. Standard library only.
"""
from __future__ import annotations

import re
import unicodedata

TCVN3 = "TCVN3"
VNI = "VNI"

# Display names for the officer's notes.
NAMES = {TCVN3: "TCVN3 (ABC)", VNI: "VNI"}

# --- TCVN3 ---------------------------------------------------------------------------------------
# One byte per letter. Lowercase vowels with each tone, in the order: no tone, huyền (grave),
# hỏi (hook), ngã (tilde), sắc (acute), nặng (dot below). Plain a/e/i/o/u/y stay ASCII.
_TCVN3_VOWELS = {
    "a": "aµ¶·¸¹", "ă": "¨»¼½¾Æ", "â": "©ÇÈÉÊË",
    "e": "eÌÎÏÐÑ", "ê": "ªÒÓÔÕÖ",
    "i": "i×ØÜÝÞ",
    "o": "oßáâãä", "ô": "«åæçèé", "ơ": "¬êëìíî",
    "u": "uïñòóô", "ư": "\u00adõö÷øù",
    "y": "yúûüýþ",
}
_TONES = ("", "\u0300", "\u0309", "\u0303", "\u0301", "\u0323")   # same order as above
# The plain font has capitals only for the letters without a tone; capitals with a tone were
# typed in the .VnTimeH font, which shows the lowercase codes as capitals (lost in a text file).
_TCVN3_OTHERS = {"®": "đ", "¡": "Ă", "¢": "Â", "£": "Ê", "¤": "Ô", "¥": "Ơ", "¦": "Ư", "§": "Đ"}


def _compose(base: str, tone: str) -> str:
    return unicodedata.normalize("NFC", base + tone)


def _tcvn3_table() -> dict[str, str]:
    table = dict(_TCVN3_OTHERS)
    for vowel, codes in _TCVN3_VOWELS.items():
        for code, tone in zip(codes, _TONES, strict=True):
            if not code.isascii():
                table[code] = _compose(vowel, tone)
    return table


TCVN3_TO_UNICODE: dict[str, str] = _tcvn3_table()
UNICODE_TO_TCVN3: dict[str, str] = {v: k for k, v in TCVN3_TO_UNICODE.items()}
_TCVN3_TRANS = str.maketrans(TCVN3_TO_UNICODE)

# TCVN3's "ư" is the soft hyphen (0xAD), which Unicode treats as an invisible hyphen: text copied out
# of a PDF made from a .VnTime document shows it as the minus sign U+2212 ("®−îc" for "được"). No
# 8-bit font could type a U+2212, so one touching a letter is that "ư"; one before a digit ("−5%")
# is a real minus and stays. (Other dashes are left alone: Unicode text uses them as hyphens.)
_PDF_SOFT_HYPHEN = re.compile(r"(?<=[^\W\d_])\u2212|\u2212(?=[^\W\d_])")


def restore_soft_hyphens(text: str) -> str:
    """`text` with the PDF's stand-in for TCVN3's "ư" given back its 8-bit code (same length)."""
    return _PDF_SOFT_HYPHEN.sub("\xad", text) if "\u2212" in text else text

# --- VNI Windows ---------------------------------------------------------------------------------
# A base letter followed by one mark character. Marks for lowercase letters (the font draws the
# capital forms higher; the keyboard emits the uppercase mark after a capital letter).
_VNI_TONE_MARKS = {"ø": "\u0300", "û": "\u0309", "õ": "\u0303", "ù": "\u0301", "ï": "\u0323"}
_VNI_CIRCUMFLEX = {"â": "", "à": "\u0300", "å": "\u0309", "ã": "\u0303", "á": "\u0301", "ä": "\u0323"}
_VNI_BREVE = {"ê": "", "è": "\u0300", "ú": "\u0309", "ü": "\u0303", "é": "\u0301", "ë": "\u0323"}
# Letters with their own code: ơ, ư, đ, and i/y with some tones.
_VNI_SINGLES = {
    "ô": "ơ", "ö": "ư", "ñ": "đ",
    "ì": "ì", "æ": "ỉ", "ó": "ĩ", "í": "í", "ò": "ị", "î": "ỵ",
    "Ô": "Ơ", "Ö": "Ư", "Ñ": "Đ",
    "Ì": "Ì", "Æ": "Ỉ", "Ó": "Ĩ", "Í": "Í", "Ò": "Ị", "Î": "Ỵ",
}


def _vni_pairs() -> dict[str, str]:
    """VNI sequence → Unicode letter, for every base letter and mark (both cases of each)."""
    pairs: dict[str, str] = {}

    def add(base: str, mark: str, letter: str):
        for b, m, u in ((base, mark, letter), (base.upper(), mark.upper(), letter.upper()),
                        (base.upper(), mark, letter.upper()), (base, mark.upper(), letter)):
            pairs.setdefault(b + m, u)

    for base in "aeiouy":
        for mark, tone in _VNI_TONE_MARKS.items():
            add(base, mark, _compose(base, tone))
    for base, hatted in (("a", "â"), ("e", "ê"), ("o", "ô")):
        for mark, tone in _VNI_CIRCUMFLEX.items():
            add(base, mark, _compose(hatted, tone))
    for mark, tone in _VNI_BREVE.items():
        add("a", mark, _compose("ă", tone))
    # ơ and ư are single codes ("ô", "ö") that take the tone marks too
    for code, letter in (("ô", "ơ"), ("ö", "ư")):
        for mark, tone in _VNI_TONE_MARKS.items():
            add(code, mark, _compose(letter, tone))
    return pairs


VNI_SEQUENCES: dict[str, str] = _vni_pairs()
# Reverse: one canonical spelling per letter (lowercase marks after lowercase, uppercase after capitals).
# Letters with a code of their own (ơ, ư, đ, i and ỵ with tones) are written with that code.
UNICODE_TO_VNI: dict[str, str] = {letter: code for code, letter in _VNI_SINGLES.items()}
for _seq, _letter in VNI_SEQUENCES.items():
    if (_seq[0].islower() and _seq[1].islower()) or (_seq[0].isupper() and _seq[1].isupper()):
        UNICODE_TO_VNI.setdefault(_letter, _seq)
del _seq, _letter

# Longest sequences first so that "ôù" (ớ) wins over "ô" (ơ).
_VNI_PATTERN = re.compile("|".join(re.escape(s) for s in sorted(set(VNI_SEQUENCES) | set(_VNI_SINGLES),
                                                                 key=len, reverse=True)))


def _vni_replace(m: re.Match) -> str:
    s = m.group(0)
    return VNI_SEQUENCES.get(s) or _VNI_SINGLES.get(s, s)


# --- conversion ----------------------------------------------------------------------------------
def _canonical(encoding: str) -> str:
    e = encoding.strip().upper().replace("-", "").replace(" ", "")
    if e in ("TCVN3", "TCVN", "ABC", "VN3", "TCVN5712"):
        return TCVN3
    if e in ("VNI", "VNIWIN", "VNIWINDOWS"):
        return VNI
    raise ValueError(f"unknown legacy encoding: {encoding!r}")


def to_unicode(text: str, encoding: str) -> str:
    """Convert text in a legacy encoding (as Latin-1 characters) to NFC Unicode."""
    enc = _canonical(encoding)
    out = restore_soft_hyphens(text).translate(_TCVN3_TRANS) if enc == TCVN3 else _VNI_PATTERN.sub(_vni_replace, text)
    return unicodedata.normalize("NFC", out)


def from_unicode(text: str, encoding: str) -> str:
    """The reverse mapping (letters a legacy font can show; others are kept as they are):
    to write test fixtures and to check conversions by round trip."""
    enc = _canonical(encoding)
    table = UNICODE_TO_TCVN3 if enc == TCVN3 else UNICODE_TO_VNI
    text = unicodedata.normalize("NFC", text)
    if enc == TCVN3:
        # no capitals with a tone in the plain font: write them lowercase, as .VnTimeH text is stored
        return "".join(table.get(c) or table.get(c.lower()) or c for c in text)
    return "".join(table.get(c, c) for c in text)


# --- detection -----------------------------------------------------------------------------------
_WORD = re.compile(r"[^\s\d.,;:!?()\[\]{}\"'“”‘’/\\<>|=+*&%$#@^~`_–—…-]+")
_ONSETS = "ngh|ng|gh|gi|kh|nh|ph|th|tr|ch|qu|[bcdđghklmnprstvx]"
_SYLLABLE = re.compile(rf"^(?:{_ONSETS})?[aăâeêioôơuưy]{{1,3}}(?:ch|ng|nh|[cmnpt])?$")
_TONE_MARKS = set(_TONES[1:])
# Characters of Unicode Vietnamese outside Latin-1: their presence means real Unicode text.
_VIETNAMESE_ONLY = re.compile("[ăĂâđĐĩĨũŨơƠưƯ\u1ea0-\u1ef9]")


def is_vietnamese_syllable(word: str) -> bool:
    """Whether `word` (one syllable) is spelt like Vietnamese: onset, vowels, final, ≤ 1 tone."""
    decomposed = unicodedata.normalize("NFD", word.lower())
    tones = sum(1 for c in decomposed if c in _TONE_MARKS)
    if tones > 1:
        return False
    bare = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in _TONE_MARKS))
    return bool(_SYLLABLE.match(bare))


def vietnamese_words(text: str) -> int:
    """How many words with non-ASCII letters in `text` are Vietnamese syllables (to choose
    between 8-bit code pages)."""
    return sum(1 for w in _WORD.findall(text) if not w.isascii() and is_vietnamese_syllable(w))


def _valid_words(words: list[str]) -> int:
    return sum(1 for w in words if is_vietnamese_syllable(w))


_ENOUGH_WORDS = 5000


def detect(text: str) -> str | None:
    """"TCVN3", "VNI" or None (Unicode or plain ASCII), from which reading makes the words with
    non-ASCII letters Vietnamese syllables. A conversion must clearly win over the text as it is."""
    text = restore_soft_hyphens(text)
    words = []
    for m in _WORD.finditer(text):
        if not m.group(0).isascii():
            words.append(m.group(0))
            if len(words) >= _ENOUGH_WORDS:
                break       # a few thousand words decide; a long file is not read twice
    if not words:
        return None
    # Only words made of Latin-1 characters can be legacy text; words with Unicode-only
    # Vietnamese letters are evidence for Unicode.
    legacy_words = [w for w in words if all(ord(c) < 0x100 for c in w)]
    unicode_words = len(words) - len(legacy_words)
    # mostly Unicode Vietnamese already: the Latin-1 words are foreign names or symbols (decided
    # before scoring the conversions, which cost most of a Unicode document's import read)
    if not legacy_words or unicode_words > len(legacy_words):
        return None
    as_is = _valid_words(legacy_words)
    best, best_score = None, as_is
    for enc in (TCVN3, VNI):
        converted = [to_unicode(w, enc) for w in legacy_words]
        score = _valid_words([c for c in converted if c])
        if score > best_score:
            best, best_score = enc, score
    if best is None:
        return None
    gain = best_score - as_is
    # the conversion must repair most of the broken words
    if gain < max(2, 0.5 * (len(legacy_words) - as_is)) and gain < 0.3 * len(legacy_words):
        return None
    return best


__all__ = ["TCVN3", "VNI", "NAMES", "detect", "to_unicode", "from_unicode", "is_vietnamese_syllable",
           "vietnamese_words", "restore_soft_hyphens"]
