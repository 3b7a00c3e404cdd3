"""The two placements of the Vietnamese tone mark in the open syllables ending in "oa", "oe", "uy".

Vietnamese writes the same syllable two ways:
- the **traditional** placement ("kiểu cũ"), the mark on the first vowel: "hòa", "thủy", "khỏe",
  "Ủy ban", "CỘNG HÒA" — what Nghị định 30/2020/NĐ-CP's samples and most administrative texts use;
- the **new** placement ("kiểu mới", the school rule), the mark on the main (last) vowel: "hoà",
  "thuỷ", "khoẻ", "Uỷ ban" — the only one Debian's hunspell-vi dictionary knows.
(Some notes call the dictionary's placement "old"; the names here follow the linguists'.)

Only a syllable whose vowels are exactly "oa", "oe" or "uy" at its end, with no final consonant and
no third vowel, differs: "hoàn", "hoài", "thuyết", "khuya", "quý" (q + u is the initial) are the same
in both. Everything else in a text is left as it is, character for character, letter case too.
No Qt, no SQL: pure text."""
from __future__ import annotations

import re
import unicodedata
from typing import Literal

Placement = Literal["old", "new"]

# the five tone marks as combining characters (NFD); the shape marks (circumflex U+0302,
# breve U+0306, horn U+031B) belong to the letter and never move
_TONES = frozenset("\u0300\u0301\u0303\u0309\u0323")
_VOWELS = frozenset("aăâeêioôơuưy")
_CLUSTERS = frozenset({"oa", "oe", "uy"})
# a word: a run of letters, each with the combining marks that follow it in NFD text
_WORD = re.compile(r"(?:[^\W\d_][\u0300-\u036f]*)+")


def _letters(word: str) -> list[tuple[str, str]]:
    """`word` as (letter with its shape marks, tone mark or "") pairs, from its NFD form."""
    out: list[tuple[str, str]] = []
    for ch in unicodedata.normalize("NFD", word):
        if unicodedata.combining(ch) and out:
            base, tone = out[-1]
            if ch in _TONES:
                out[-1] = (base, tone + ch)
            else:
                out[-1] = (base + ch, tone)
        else:
            out.append((ch, ""))
    return out


def _convert_word(word: str, placement: Placement) -> str:
    letters = _letters(word)
    if len(letters) < 2:
        return word
    plain = [unicodedata.normalize("NFC", base).lower() for base, _ in letters]
    if "".join(plain[-2:]) not in _CLUSTERS:
        return word
    if len(letters) >= 3:
        before = plain[-3]
        # a third vowel before the pair, or the u of "qu" (quý, quỳ): not the two-vowel
        # nucleus the rule is about
        if before in _VOWELS or (plain[-2] == "u" and before == "q"):
            return word
    toned = [i for i, (_, tone) in enumerate(letters) if tone]
    if len(toned) != 1 or toned[0] < len(letters) - 2:
        return word  # no mark, several marks (not Vietnamese) or a mark elsewhere: leave it
    source = toned[0]
    target = len(letters) - 2 if placement == "old" else len(letters) - 1
    if source == target:
        return word
    tone = letters[source][1]
    letters[source] = (letters[source][0], "")
    letters[target] = (letters[target][0], tone)
    return unicodedata.normalize("NFC", "".join(base + mark for base, mark in letters))


def to_placement(text: str, placement: Placement) -> str:
    """`text` with every oa/oe/uy syllable written in `placement` ("old": hòa, "new": hoà), in NFC
    where a word changed; every other character as it was."""
    if placement not in ("old", "new"):
        raise ValueError(f"unknown tone-mark placement: {placement!r}")
    return _WORD.sub(lambda m: _convert_word(m.group(0), placement), text)


def to_old(text: str) -> str:
    """"hoà, thuỷ, khoẻ" → "hòa, thủy, khỏe" (the traditional placement)."""
    return to_placement(text, "old")


def to_new(text: str) -> str:
    """"hòa, thủy, khỏe" → "hoà, thuỷ, khoẻ" (the new placement, hunspell-vi's)."""
    return to_placement(text, "new")


def placement_of(word: str) -> Placement | None:
    """Which placement `word` is written in, None when both write it the same ("hoàn", "hoa")."""
    old = to_old(word)
    new = to_new(word)
    if old == new:
        return None
    return "old" if unicodedata.normalize("NFC", word) == old else "new"


def differing_words(text: str, placement: Placement) -> list[tuple[int, int, str, str]]:
    """(start, end, word as written, word in `placement`) for every word of `text` that the
    conversion would change: what a preview lists before the officer accepts it."""
    out: list[tuple[int, int, str, str]] = []
    for m in _WORD.finditer(text):
        converted = unicodedata.normalize("NFC", _convert_word(m.group(0), placement))
        if converted != unicodedata.normalize("NFC", m.group(0)):
            out.append((m.start(), m.end(), m.group(0), converted))
    return out
