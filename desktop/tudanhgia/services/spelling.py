"""Offline spell check: the Vietnamese Hunspell dictionary shipped in resources/dictionaries/ (Debian's
hunspell-vi, GPL-2, a separate data file with its licence text), read through chunspell (the
`hunspell` module); the shipped administrative terms; the unit's own dictionary (table
dictionary_word) and the names of the units in the database. The word rules are in
domain/spelling.py.

A checker is cheap to make (the dictionary loads in a few milliseconds): each thread makes its own."""
from __future__ import annotations

import functools
import getpass
import logging
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import cast

from ..domain.completeness import Issue, Severity
from ..domain.model import Measure, Report, Section
from ..domain.names import section_name, shorten
from ..domain.text import clean_text
from ..domain.spelling import Dictionary, SpellChecker, Terms, fold, words
from ..errors import ServiceError
from ..paths import resources_dir
from .reports import ReportService
from .text_hygiene import legacy_paragraphs

log = logging.getLogger("tudanhgia.services")

LANGUAGE = "vi_VN"
TERMS_FILE = "thuat-ngu-hanh-chinh.txt"
PLACES_FILE = "dia-danh.txt"   # place names and peoples, same format as the terms
LICENCE_FILE = "COPYING-vi_VN.txt"
ISSUE_CODE = "spelling"
SHOWN_WORDS = 12   # unknown words listed per section in the pre-print check (then "và N từ khác")
PREAMBLE_TARGET, CLOSING_TARGET = "preamble", "closing"   # Issue.place
APPENDIX_TARGET = "appendix"   # Issue.place of a cell of the kept appendix table (Issue.cell)


class SpellingUnavailable(ServiceError):
    """The dictionary files are missing or unreadable (a damaged installation)."""


def dictionary_dir() -> Path:
    return resources_dir() / "dictionaries"


def open_dictionary(folder: Path | None = None) -> Dictionary:
    """The Hunspell vi_VN dictionary (a new object: Hunspell objects are not shared between threads)."""
    folder = folder or dictionary_dir()
    try:
        import hunspell  # type: ignore[import-untyped]  # chunspell; loaded on first use, not at start-up
        return cast(Dictionary, hunspell.Hunspell(LANGUAGE, hunspell_data_dir=str(folder)))
    except Exception as exc:   # missing module, files or a damaged file: one clear message
        log.warning("spelling dictionary not loaded from %s: %r", folder, exc)
        raise SpellingUnavailable("Không mở được từ điển chính tả tiếng Việt đi kèm chương trình (thư mục "
                                  f"{folder}). Cài lại chương trình để dùng kiểm tra chính tả.") from None


@functools.lru_cache(maxsize=4)
def _terms_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except OSError as exc:
        log.warning("administrative terms not read from %s: %r", path, exc)
        return ""


@functools.lru_cache(maxsize=4)
def _parsed_terms(folder: Path) -> Terms:
    return Terms.parse(_terms_text(folder / TERMS_FILE) + "\n" + _terms_text(folder / PLACES_FILE))


def shipped_terms(folder: Path | None = None) -> Terms:
    """The shipped terms and place names, parsed once (a thousand lines: a new checker for each
    thread and database would parse them again); each caller gets its own copy."""
    return _parsed_terms(folder or dictionary_dir()).copy()


# --- the unit's words ------------------------------------------------------------------------------
_NAME_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")   # "Cư M'gar": the apostrophe inside a word


def unit_words(service: ReportService) -> list[str]:
    """The unit's dictionary and every word of the units' names, agencies, places and signers."""
    with service.repo.reading() as r:
        added = r.dictionary_words()
        units = r.units()
    names: list[str] = []
    for u in units:
        for text in (u.name, u.parent_agency, u.issuing_agency, u.abbreviation, u.place, u.signer.name):
            names.extend(_NAME_WORD.findall(text or ""))
    return added + names


def dictionary_words(service: ReportService) -> list[str]:
    """What "Thêm vào từ điển của đơn vị" added, sorted."""
    with service.repo.reading() as r:
        return r.dictionary_words()


def add_word(service: ReportService, word: str, user: str | None = None) -> bool:
    """Add `word` to the unit's dictionary (False: it was there). A blank word or one with spaces
    is refused with a message."""
    word = clean_text(word).strip().replace("’", "'")   # "H’Bông" as "H'Bông": one spelling kept
    if not word or any(c.isspace() for c in word):
        raise ServiceError("Chỉ thêm được một từ (không có dấu cách) vào từ điển của đơn vị.")
    if not all(c.isalnum() or c in "-'./" for c in word) or not any(c.isalpha() for c in word):
        raise ServiceError(f"“{word}” không phải một từ: chỉ thêm được từ gồm chữ cái, chữ số và dấu gạch nối.")
    if len(word) > 64:
        raise ServiceError("Từ quá dài để thêm vào từ điển (tối đa 64 ký tự).")
    with service.repo.transaction(report_written=False) as tx:
        return tx.add_dictionary_word(word, user if user is not None else _user())


def remove_word(service: ReportService, word: str) -> bool:
    with service.repo.transaction(report_written=False) as tx:
        return tx.remove_dictionary_word(unicodedata.normalize("NFC", word.strip()))


def _user() -> str:
    try:
        return getpass.getuser()
    except Exception:   # no login name on some Windows set-ups
        return ""


def new_checker(service: ReportService | None = None, extra_words: Iterable[str] = (),
                folder: Path | None = None) -> SpellChecker:
    """A checker with the dictionary, the terms and (with `service`) the unit's words."""
    known = list(extra_words) + (unit_words(service) if service is not None else [])
    return SpellChecker(open_dictionary(folder), shipped_terms(folder), known)


# --- the pre-print check ---------------------------------------------------------------------------
@dataclass(frozen=True)
class SpellingPlace:
    """One place of the report with its unknown words, and where "go there" leads (as in Issue)."""
    label: str
    words: tuple[str, ...]
    section: Section | None = None
    place: str = ""                  # "preamble" or "closing" (no section)
    limitation_id: int | None = None
    measure_id: int | None = None    # a general measure of `section`
    legacy: int = 0                  # paragraphs typed in an old 8-bit encoding (TCVN3/VNI)
    cell: tuple[int, int] | None = None   # the kept appendix table's (row, column), row 0 its header

    @property
    def section_id(self) -> int | None:
        return self.section.id if self.section is not None else None


def _unique(texts: Iterable[str], checker: SpellChecker) -> tuple[str, ...]:
    found: dict[str, None] = {}
    for text in texts:
        for w in checker.unknown_words(text):
            found.setdefault(w, None)
    return tuple(found)


def _measure_texts(m: Measure) -> list[str]:
    return [m.content.plain, m.measure.plain, m.directed_by, m.lead_unit, m.cooperating, m.timeframe, m.result]


def spelling_places(report: Report, checker: SpellChecker) -> list[SpellingPlace]:
    """Every place with unknown words, in document order: the preamble, each section (heading and
    body), the closing, each limitation (its causes and measures with it), each general measure."""
    out: list[SpellingPlace] = []
    numbers = report.numbering()

    def add(label: str, texts: Iterable[str], **where) -> None:
        texts = list(texts)
        found = _unique(texts, checker)
        if found:
            paragraphs = [p for t in texts for p in t.split("\n")]
            out.append(SpellingPlace(label, found, **where, legacy=len(legacy_paragraphs(paragraphs))))

    add("Phần mở đầu", [report.meta.preamble.plain], place=PREAMBLE_TARGET)
    for s in report.walk():
        label = f"{numbers.get(s, '')} {section_name(s, 60, empty='(mục không tên)')}".strip()
        add(f"Mục “{label}”", [s.heading, s.body.plain], section=s)
    add("Câu kết thúc", [report.meta.closing.plain], place=CLOSING_TARGET)
    for n, lim in enumerate(report.limitations, 1):
        texts = [lim.text.plain, lim.cause_subjective.plain, lim.cause_objective.plain]
        for m in lim.measures:
            texts += _measure_texts(m)
        add(f"Hạn chế {n} “{shorten(lim.text.plain, 50)}”", texts, limitation_id=lim.id)
    for s in report.walk():
        for m in report.general_measures_of(s):
            label = f"{numbers.get(s, '')} {section_name(s, 40, empty='(mục không tên)')}".strip()
            add(f"Nhiệm vụ của mục “{label}” “{shorten(m.content.plain or m.measure.plain, 40)}”",
                _measure_texts(m), section=s, measure_id=m.id)
    table = report.appendix_table
    if table is not None:   # the imported table kept as written: one place a row, named as its grid numbers it
        for r, cells in enumerate((table.header, *table.rows)):
            first = next((c for c, text in enumerate(cells) if checker.unknown_words(text)), None)
            if first is not None:
                add(f"Phụ lục, dòng {r}" if r else "Phụ lục, dòng tiêu đề", cells, place=APPENDIX_TARGET,
                    cell=(r, first))
    return out


def spelling_issues(report: Report, checker: SpellChecker) -> list[Issue]:
    """One note per place with unknown words (the pre-print check's "Chính tả" group): the words,
    and the place to go to."""
    issues = []
    for p in spelling_places(report, checker):
        # a "word" can be a 200,000-letter run without a space: the note shows its start
        shown = ", ".join(shorten(w, 40) for w in p.words[:SHOWN_WORDS])
        more = len(p.words) - SHOWN_WORDS
        tail = f" và {more} từ khác" if more > 0 else ""
        legacy = (f" Có {p.legacy} đoạn gõ bằng bảng mã cũ (TCVN3/VNI): dùng Công cụ ▸ Chuyển mã TCVN3/VNI…"
                  if p.legacy else "")
        issues.append(Issue(ISSUE_CODE, f"Chính tả — {p.label}: {shown}{tail}.{legacy}", p.section_id, p.section,
                            Severity.INFO, place=p.place, limitation_id=p.limitation_id, measure_id=p.measure_id,
                            cell=p.cell))
    return issues


def report_spelling_issues(service: ReportService, report: Report) -> list[Issue]:
    """The "Chính tả" group for `report` with the unit's words; when the dictionary cannot be
    opened, one note saying so (the rest of the check goes on)."""
    try:
        checker = new_checker(service)
    except SpellingUnavailable as exc:
        return [Issue(ISSUE_CODE, str(exc), severity=Severity.INFO)]
    return spelling_issues(report, checker)


__all__ = ["APPENDIX_TARGET", "SpellingUnavailable", "SpellingPlace", "open_dictionary", "shipped_terms", "unit_words",
           "dictionary_words", "add_word", "remove_word", "new_checker", "spelling_places", "spelling_issues",
           "report_spelling_issues", "fold", "words"]
