"""Text made safe and texts compared: the characters XML and XLSX refuse dropped and the result
NFC (what `richtext.clean_text` and the importers share), a typed one-line field, and the folded
form in which labels, names and search words are compared."""
from __future__ import annotations

import re
import unicodedata

# control characters other than tab and line breaks, non-characters and lone surrogates
_ILLEGAL = re.compile("[\x00-\x08\x0e-\x1f\x7f\ufffe\uffff]|[\ud800-\udfff]")


def safe_chars(text: str) -> str:
    """`text` without the characters a document cannot hold, in NFC (line breaks untouched)."""
    return unicodedata.normalize("NFC", _ILLEGAL.sub("", text))


def one_line(text: str | None) -> str:
    """Typed or pasted text for a one-line field: made safe, every run of white space (line
    breaks, Word's \\x0b and \\x0c too) one space, no space at the ends."""
    return " ".join(safe_chars(text or "").split())


def fold(text: str) -> str:
    """A text as compared, never shown: NFC, white space (no-break space too) folded to single
    spaces, case folded."""
    return " ".join(unicodedata.normalize("NFC", text).split()).casefold()
