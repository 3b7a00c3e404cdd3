"""Which words of a text to check for spelling, and the check itself against a syllable dictionary.

The dictionary (Hunspell's vi_VN, loaded by services/spelling.py) is given as any object with
`spell(word) -> bool` and `suggest(word) -> list[str]`; this module stays pure Python. It knows
only the new tone-mark placement ("hoà", "thuỷ"), so a word it rejects is tried again in that
placement (domain/tone_marks.py): "hòa" and "hoà" are both correct.

Never flagged:
- a run of non-space characters holding a digit: numbers, dates, "5294/UBND-NC", "Số 05-BC/ĐU",
  "COVID-19", "12,5%"; an e-mail address or a web address;
- a document symbol without digits: capitals joined by "-", "/" or "&" ("UBND-NC", "NĐ-CP", "T/M");
- one letter ("a)", "b)"), a Roman numeral in capitals (I, IV, XII);
- the shipped administrative terms and place names (resources/dictionaries/thuat-ngu-hanh-chinh.txt,
  dia-danh.txt) and the unit's own words (its dictionary and the names of the units in the database)."""
from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator
from typing import NamedTuple, Protocol

from .tone_marks import _letters, placement_of, to_new, to_old

# a word: letters, each with the combining marks that may follow it (decomposed input); an apostrophe
# between letters belongs to the word ("Cư M'gar", "Ea H’leo"), quotes around a word do not. Parts
# joined by hyphens are one word ("e-Office", "tế-xã"): known when known whole or part by part.
_LETTERS = r"(?:[^\W\d_][\u0300-\u036f]*)+"
_PART = re.compile(rf"{_LETTERS}(?:['’]{_LETTERS})*")
_WORD = re.compile(rf"{_PART.pattern}(?:-{_PART.pattern})*")
_CHUNK = re.compile(r"\S+")
# in a run of non-space characters, what makes its words never checked: a digit, an e-mail or web
# address (the whole run is tested with search(), linear: no pattern that can backtrack on a long run)
_SKIP_MARK = re.compile(r"[\d@]|://|^(?:[(\[{\"'“‘«]*)www\.", re.IGNORECASE)
_EDGES = "()[]{}\"'“”‘’«»,.;:!?…"
# a document symbol without digits: capitals joined by "-", "/" or "&" ("UBND-NC", "NĐ-CP", "T/M")
_SYMBOL = re.compile(r"[A-ZĐ]+[A-ZĐa-zđ]*(?:[-/&][A-ZĐa-zđ]+)+")
_ROMAN = re.compile(r"^[IVXLCDM]+$")
CACHE_LIMIT = 100_000   # words remembered as known/unknown before the cache starts afresh
# longer than any word (Hunspell's own limit is 100 bytes): unknown at once, without the work of
# looking up a run of 100,000 letters and hyphens part by part
LONGEST_WORD = 100


class Dictionary(Protocol):
    def spell(self, word: str) -> bool: ...

    def suggest(self, word: str) -> Iterable[str]: ...


class Word(NamedTuple):   # a tuple: made for every word of a long text, a dataclass costs more
    start: int   # offsets in the text as given (str indices)
    end: int
    text: str


def _nfc(word: str) -> str:
    """NFC, with a typographic apostrophe written as the plain one ("H’leo" is "H'leo")."""
    return unicodedata.normalize("NFC", word).replace("’", "'")


# the letters a traditional placement puts the tone on ("hòa", "thủy"): a word (NFC) without one is
# already in the new placement, and to_new's work (a third of a new checker's terms) is skipped
_OLD_PLACEMENT = re.compile("[òóỏõọùúủũụÒÓỎÕỌÙÚỦŨỤ]")


def _new_placement(nfc: str) -> str:
    return to_new(nfc) if _OLD_PLACEMENT.search(nfc) else nfc


def fold(word: str) -> str:
    """The form words are compared in: NFC, the dictionary's tone placement, case folded."""
    return _new_placement(_nfc(word)).casefold()


def words(text: str) -> Iterator[Word]:
    """The words of `text` a spell check looks at (see the module's note for what is skipped)."""
    for chunk in _CHUNK.finditer(text):
        raw = chunk.group(0)
        if _SKIP_MARK.search(raw):
            continue
        if ("-" in raw or "/" in raw or "&" in raw) and _SYMBOL.fullmatch(raw.strip(_EDGES)):
            continue
        base = chunk.start()
        for m in _WORD.finditer(raw):
            w = m.group(0)
            if not _unchecked(w):
                yield Word(base + m.start(), base + m.end(), w)


def _unchecked(word: str) -> bool:
    """One letter ("a)", also decomposed "à"), a Roman numeral in capitals."""
    return len(word) < 2 or (len(word) <= 3 and len(unicodedata.normalize("NFC", word)) < 2) or bool(_ROMAN.match(word))


class Terms:
    """Words never flagged: written with a capital letter they match as written or in capitals;
    in lower case they match in any case. Either tone placement matches."""

    def __init__(self, terms: Iterable[str] = ()):
        self._exact: set[str] = set()
        self._folded: set[str] = set()
        self.add(terms)

    @classmethod
    def parse(cls, text: str) -> Terms:
        """One term per line, "#" starts a comment (resources/dictionaries/thuat-ngu-hanh-chinh.txt)."""
        terms = (line.split("#", 1)[0].strip() for line in text.splitlines())
        return cls(t for t in terms if t)

    def add(self, terms: Iterable[str]) -> None:
        for term in terms:
            term = _nfc(term.strip())
            if not term:
                continue
            # a term of several parts ("NĐ-CP", "T/M") also accepts each of its parts
            for part in {term, *(m.group(0) for m in _PART.finditer(term))}:
                if part == part.lower():
                    self._folded.add(fold(part))
                else:
                    for form in (part, part.upper()):
                        self._exact.add(_new_placement(form))

    def copy(self) -> Terms:
        twin = Terms()
        twin._exact, twin._folded = set(self._exact), set(self._folded)
        return twin

    def accepts(self, word: str) -> bool:
        word = _new_placement(_nfc(word))
        return word in self._exact or word.casefold() in self._folded

    def __len__(self) -> int:
        return len(self._exact) + len(self._folded)


class SpellChecker:
    """The dictionary, the administrative terms and the unit's words, with a cache of answers
    (one instance per thread: the dictionary object is not shared between threads)."""

    def __init__(self, dictionary: Dictionary, terms: Terms | None = None, unit_words: Iterable[str] = ()):
        self._dictionary = dictionary
        self.terms = terms or Terms()
        self._unit: set[str] = {fold(w) for w in unit_words if w.strip()}
        self._known: dict[str, bool] = {}

    def add_unit_words(self, unit_words: Iterable[str]) -> None:
        """Words the unit added (or unit names): accepted in any case and tone placement."""
        self._unit.update(fold(w) for w in unit_words if w.strip())
        self._known.clear()

    def set_unit_words(self, unit_words: Iterable[str]) -> None:
        self._unit = {fold(w) for w in unit_words if w.strip()}
        self._known.clear()

    def is_known(self, word: str) -> bool:
        answer = self._known.get(word)
        if answer is None:
            answer = self._look_up(word)
            if len(self._known) >= CACHE_LIMIT:
                self._known.clear()
            self._known[word] = answer
        return answer

    def cached(self, word: str) -> bool | None:
        """The answer for `word` if it was looked up already (no dictionary call)."""
        return self._known.get(word)

    def remember(self, answers: dict[str, bool]) -> None:
        """Answers found elsewhere (a worker thread's checker with the same words)."""
        if len(self._known) + len(answers) >= CACHE_LIMIT:
            self._known.clear()
        self._known.update(answers)

    def _look_up(self, word: str) -> bool:
        if len(word) > LONGEST_WORD:
            return False
        nfc = unicodedata.normalize("NFC", word)
        if self.terms.accepts(nfc) or fold(nfc) in self._unit:
            return True
        if self._dictionary.spell(nfc):
            return True
        if "-" in nfc:   # not known whole: each part (a one-letter prefix such as "e-" is no word to check)
            return all(_unchecked(part) or self.is_known(part) for part in nfc.split("-"))
        new = _new_placement(nfc)
        return new != nfc and self._dictionary.spell(new)

    def misspelt(self, text: str) -> list[Word]:
        """The words of `text` not known, in order, each time they occur."""
        known = self._known
        out = []
        for w in words(text):
            answer = known.get(w.text)
            if answer is None:
                answer = self.is_known(w.text)
            if not answer:
                out.append(w)
        return out

    def unknown_words(self, text: str) -> list[str]:
        """The unknown words of `text`, each once, in the order they first occur."""
        return list(dict.fromkeys(unicodedata.normalize("NFC", w.text) for w in self.misspelt(text)))

    def suggestions(self, word: str, limit: int = 7) -> list[str]:
        """Replacements for `word`, one syllable each like the word, written in the word's own tone
        placement (the traditional one when the word shows none), the likeliest first (see _closeness):
        Hunspell's own order puts "nguồi, nguội, ngươi" before "người" for "ngừoi"."""
        nfc = unicodedata.normalize("NFC", word)
        if len(nfc) > LONGEST_WORD:
            return []
        if "-" in nfc:   # a hyphenated word: its first unknown part corrected ("tế-xãa" → "tế-xã")
            parts = nfc.split("-")
            wrong = next((i for i, p in enumerate(parts) if p and not (_unchecked(p) or self.is_known(p))), None)
            if wrong is None:
                return []
            return ["-".join([*parts[:wrong], s, *parts[wrong + 1:]]) for s in self.suggestions(parts[wrong], limit)]
        placement = placement_of(nfc) or "old"
        found: list[str] = []
        # a capital's own suggestions miss words its small letter gets ("Lậy": no "Lấy"); case is
        # given back below
        lower = [*self._dictionary.suggest(to_new(nfc.lower()))] if nfc != nfc.lower() else []
        for s in [*self._dictionary.suggest(to_new(nfc)), *lower, *self._reordered(nfc)]:
            s = unicodedata.normalize("NFC", s)
            if " " in s or "-" in s:   # Hunspell's word splits ("ngừ oi"): not what was meant
                continue
            s = to_old(s) if placement == "old" else s
            if s.casefold() not in (f.casefold() for f in found) and s.casefold() != nfc.casefold():
                found.append(s)
        typo = _shape(nfc)
        ranked = sorted(found, key=lambda s: (*_rank(typo, s), found.index(s)))[:limit]
        if nfc.isupper() and len(nfc) > 1:
            return [s.upper() for s in ranked]
        if nfc[:1].isupper():
            return [s[:1].upper() + s[1:] for s in ranked]
        return ranked

    def _reordered(self, word: str) -> list[str]:
        """Dictionary words made of the letters of `word` with two neighbours swapped or the tone
        mark on another vowel ("cảu" → "của", which Hunspell does not offer)."""
        letters = [(unicodedata.normalize("NFC", base).lower(), tone) for base, tone in _letters(word)]
        tones = [tone for _, tone in letters if tone]
        if len(tones) > 1 or len(letters) > 8:
            return []
        bases = [base for base, _ in letters]
        orders = [bases, *([*bases[:i], bases[i + 1], bases[i], *bases[i + 2:]] for i in range(len(bases) - 1))]
        out = []
        for order in orders:
            vowels = [i for i, b in enumerate(order) if _strip_marks(b) in "aeiouy"] if tones else [-1]
            for v in vowels:
                candidate = unicodedata.normalize("NFC", "".join(b + (tones[0] if i == v else "")
                                                                 for i, b in enumerate(order)))
                if candidate != word.lower() and self._dictionary.spell(to_new(candidate)):
                    out.append(candidate)
        return out


_TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"
# Syllables met in nearly every administrative report (written for this program): between two
# suggestions equally close to the typo, the common word comes first ("đươc" → "được" before "đước").
_COMMON_WORDS = """
và của các được có trong là cho những đã với người không một này công tác thực hiện việc năm theo
đến về cán bộ đơn vị chỉ đạo kết quả triển khai quản lý nhà nước hành chính tỉnh huyện xã phường ban
nhân dân ủy hội đồng đảng chi đoàn thể tổ chức kế hoạch nhiệm vụ tiếp tục nâng cao chất lượng hiệu
phát kinh tế tình hình số còn chưa tốt trên địa bàn thời gian tháng ngày quý lãnh giải quyết
xây dựng tăng cường đề ra điều kiện hoạt động văn báo cáo tổng hợp phối cơ quan sở ngành trung ương
thành phố đầu tư dự án phương trình học giáo dục y môi trường tài nguyên đất đai an ninh quốc phòng
trật tự hạn chế khuyết điểm pháp đánh giá kiểm tra thanh giám sát tuyên truyền thông tin trách
năng đạt vượt mức tiêu chí hộ nghèo làm đời sống Việt Nam mới nhiều đều cần phải để khi
sau trước từ đó khác cùng bằng qua lại vào lên rất đang sẽ cũng như nhưng nên vì nếu tại
lấy ý kiến nhanh chóng kịp thời đúng hạn sự thống nhất chính sách chế độ người dân doanh nghiệp
"""
_COMMON = frozenset(fold(w) for w in _COMMON_WORDS.split())


def _strip_marks(letter: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", letter) if not unicodedata.combining(c))


class _Shape(NamedTuple):
    bases: str             # the letters without any mark, "đ" as "d": "nguoi" for "người"
    marked: Counter[str]   # each letter with its shape mark (ư, ơ, â, ă, ê, ô, đ): {"ư": 1, "ơ": 1}
    tone: str              # the syllable's tone mark (combining), "" for none


def _shape(word: str) -> _Shape:
    decomposed = unicodedata.normalize("NFD", word.lower())
    tone = "".join(c for c in decomposed if c in _TONE_MARKS)
    plain = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in _TONE_MARKS))
    bases = _strip_marks(plain).replace("đ", "d")
    return _Shape(bases, Counter(c for c in plain if not c.isascii()), tone)


def _closeness(typo: _Shape, candidate: _Shape) -> tuple[int, float]:
    """(group, marks apart) of a suggestion, smaller is likelier. Groups: 0 the same letters and
    tone in another order or with the tone on another vowel ("cảu" → "của", "tíên" → "tiến"); 1 the
    bare letters with two neighbours swapped ("nhữgn" → "những"); 2 the same bare letters with other
    marks ("ngừoi" → "người"); 3 the rest, in Hunspell's order. Marks apart: each shape mark added or
    dropped counts 1, another tone 1.5 (a missing hook or horn is a likelier slip than a wrong tone)."""
    apart = (sum((typo.marked - candidate.marked).values()) + sum((candidate.marked - typo.marked).values())
             + (1.5 if typo.tone != candidate.tone else 0.0))
    if not typo.marked and not typo.tone:
        apart = 0.0   # typed without any mark ("nguoi"): how far the marks are says nothing
    swapped = len(typo.bases) == len(candidate.bases) and _one_swap(typo.bases, candidate.bases)
    if (swapped or typo.bases == candidate.bases) and apart == 0 and (typo.marked or typo.tone):
        return 0, apart
    if swapped:
        return 1, apart
    if typo.bases == candidate.bases:
        return 2, apart
    return 3, 0.0


def _rank(typo: _Shape, word: str) -> tuple[int, float, float]:
    """Where a suggestion goes among the others (then in Hunspell's order): by _closeness; among
    the same bare letters with other marks, a common syllable first whatever its marks ("lậy" →
    "lấy" before "lạy", "lây": the officer meant the word he writes every day); among the rest, a
    common syllable the typo lacks one letter of first ("nhah" → "nhanh" before "nha", "chíh" →
    "chính" before "chí"); else, equally close, a common one first."""
    shape = _shape(word)
    group, apart = _closeness(typo, shape)
    common = fold(word) in _COMMON
    if group == 2:
        return group, float(not common), apart
    if group == 3:
        return group, float(not (common and _one_left_out(typo.bases, shape.bases))), float(not common)
    return group, apart, float(not common)


def _one_left_out(typed: str, word: str) -> bool:
    """Whether `word` is `typed` with one letter more (the one the typist left out)."""
    return len(word) == len(typed) + 1 and any(word[:i] + word[i + 1:] == typed for i in range(len(word)))


def _one_swap(a: str, b: str) -> bool:
    """Whether `b` is `a` with two neighbouring letters swapped."""
    diff = [i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
    return len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]]
