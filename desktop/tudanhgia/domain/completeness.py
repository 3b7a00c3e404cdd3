"""What is still missing or wrong in a report before it goes to print."""
from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import Enum

from .appendix import same
from .classification import classification_issues
from .deadlines import read_deadline
from .model import ContentKind, Limitation, Measure, Report, Section
from .names import section_name, shorten
from .numbering import letter
from .numbers import number_text
from .ratings import RatingScale


class Severity(Enum):
    WARNING = "warning"   # the document can be printed but should not be signed like this
    INFO = "info"


class SectionState(Enum):
    EMPTY = "empty"
    IN_PROGRESS = "in-progress"
    COMPLETE = "complete"

    @property
    def label(self) -> str:
        return {"empty": "Chưa viết", "in-progress": "Đang viết", "complete": "Đã xong"}[self.value]


@dataclass(frozen=True)
class Issue:
    code: str
    message: str                   # Vietnamese, shown to the officer
    section_id: int | None = None
    section: Section | None = None
    severity: Severity = Severity.WARNING
    place: str = ""                 # without a section: "preamble", "closing" or "meta" (the document's fields)
    limitation_id: int | None = None
    measure_id: int | None = None   # with limitation_id (its limitation's) or section_id (a general list's)
    field: str = ""                 # with place "meta": the field of the document it is about ("subject", "signer"…)
    cell: tuple[int, int] | None = None   # with place "appendix": (row, column) of the kept table, row 0 the header


APPENDIX_COPIED = "Bảng phụ lục được chép từ báo cáo kỳ trước: hãy cập nhật số liệu trước khi in."


def _has_generated_content(report: Report, s: Section) -> bool:
    c = s.content
    if c in (ContentKind.LIMITATIONS, ContentKind.LIMITATIONS_WITH_MEASURES):
        return bool(report.limitations)
    if c is ContentKind.CAUSES:
        return any(not lim.causes.is_empty() for lim in report.limitations)
    if c is ContentKind.CAUSES_SUBJECTIVE:
        return any(not lim.cause_subjective.is_empty() for lim in report.limitations)
    if c is ContentKind.CAUSES_OBJECTIVE:
        return any(not lim.cause_objective.is_empty() for lim in report.limitations)
    if c is ContentKind.MEASURES:
        return bool(report.general_measures_of(s))
    if c is ContentKind.SCORE_TOTAL:
        return all(x.score is not None for x in report.walk() if x.is_scored)
    return False


def _score_in_range(s: Section) -> bool:
    """A scored section's score is given and within 0 … its maximum (what `score-range` checks)."""
    return s.score is not None and 0 <= s.score <= (s.max_score or 0)


def section_state(report: Report, s: Section,
                  child_state: Callable[[Section], SectionState] | None = None) -> SectionState:
    """Empty (nothing written or chosen), in progress, or complete: own text or generated
    content (or complete subsections), the rating and score chosen, subsections complete.
    `child_state` gives a subsection's state when it is known already (domain/outline.py keeps them)."""
    if s.rating_scale is RatingScale.CHAT_LUONG and s.body.is_empty() and not s.children:
        return SectionState.COMPLETE if s.rating is not None else SectionState.EMPTY
    own_text = not s.body.is_empty() or _has_generated_content(report, s)
    state_of = child_state or (lambda c: section_state(report, c))
    kids = [(c, state_of(c)) for c in s.children]
    if not own_text and s.rating is None and s.score is None \
            and all(st is SectionState.EMPTY for _, st in kids):
        return SectionState.EMPTY
    # an out-of-range score is not a choice: the section stays in progress while `score-range` warns
    chosen = (s.rating_scale is None or s.rating is not None) and (not s.is_scored or _score_in_range(s))
    kids_done = all(st is SectionState.COMPLETE or c.optional for c, st in kids)
    if chosen and kids_done and (own_text or kids):
        return SectionState.COMPLETE
    return SectionState.IN_PROGRESS


def check(report: Report, earlier: Sequence[Limitation] = ()) -> list[Issue]:
    """Empty sections, unchosen ratings and scores, the proposed classification against the score
    and its level's conditions (`earlier`: the limitations of the linked earlier plans, from the
    chain), missing signer/recipients, and the mistakes of the samples that the standard forbids
    (spec nd30 'What the samples get wrong')."""
    issues: list[Issue] = []
    numbers = report.numbering()

    def name(s: Section) -> str:
        head = section_name(s, 60, empty="(mục không tên)")
        return f"{numbers.get(s, '')} {head}".strip()

    for s in report.walk():
        if s.rating_scale is RatingScale.CHAT_LUONG:
            if s.rating is None:
                issues.append(Issue("classification-missing", "Chưa chọn mức xếp loại chất lượng.", s.id, s))
            continue
        if s.content is ContentKind.FOLLOW_UP:   # an empty body with children is fine: they hold the items
            empty = s.body.is_empty() and not s.children
        else:
            empty = section_state(report, s) is SectionState.EMPTY and not s.optional
        if empty:
            issues.append(Issue("section-empty", f"Mục “{name(s)}” chưa có nội dung.", s.id, s))
        if s.rating_scale is RatingScale.CAP_DO and s.rating is None:
            issues.append(Issue("rating-missing", f"Mục “{name(s)}” chưa chọn cấp độ tự đánh giá.", s.id, s))
        if s.is_scored:
            if s.score is None:
                issues.append(Issue("score-missing", f"Mục “{name(s)}” chưa tự chấm điểm.", s.id, s))
            elif not _score_in_range(s):
                issues.append(Issue("score-range",
                                    f"Điểm của mục “{name(s)}” phải từ 0 đến {number_text(s.max_score)}.", s.id, s))

    section = report.classification_section
    for code, message, warning in classification_issues(report, earlier):
        issues.append(Issue(code, message, section.id if section else None, section,
                            Severity.WARNING if warning else Severity.INFO))

    if report.signer.is_empty():
        issues.append(Issue("signer-missing", "Chưa có người ký (chức vụ, họ tên).", place="meta", field="signer"))
    elif not report.signer.name.strip():
        issues.append(Issue("signer-name", "Chưa có họ tên người ký.", place="meta", field="signer"))
    if report.recipients.is_empty():
        issues.append(Issue("recipients-missing", "Chưa có danh sách “Nơi nhận”.", place="meta",
                            field="recipients"))
    archive = report.recipients.archive.strip()
    if not re.match(r"^VT\s*(,|$)", archive):
        issues.append(Issue("archive-format", "Dòng “Lưu” phải bắt đầu bằng “VT”, ví dụ “Lưu: VT, HC-TC.”.",
                            place="meta", field="recipients"))

    meta = report.meta
    if re.match(r"^\s*TP\.?\s", meta.place):
        issues.append(Issue("place-abbrev", f"Địa danh “{meta.place}” không được viết tắt "
                            "(viết “Quảng Ngãi” hoặc “Thành phố Quảng Ngãi”).", place="meta", field="place"))
    if not meta.place.strip():
        issues.append(Issue("place-missing", "Chưa có địa danh ở dòng ngày tháng.", place="meta", field="place"))
    if not meta.subject.strip():
        issues.append(Issue("subject-missing", "Chưa có trích yếu nội dung (tên báo cáo).", place="meta",
                            field="subject"))
    if not meta.symbol.strip():
        issues.append(Issue("symbol-missing", "Chưa có ký hiệu văn bản (ví dụ BC-VP).", place="meta",
                            field="symbol"))
    if meta.date.year is None:
        issues.append(Issue("date-year", "Chưa có năm ở dòng ngày tháng.", place="meta", field="date"))
    last_text, last = _last_body_text(report)
    if last_text and not last_text.rstrip().endswith("./."):
        issues.append(Issue("closing-mark", "Câu kết thúc nội dung văn bản phải kết thúc bằng “./.”.",
                            last.id if last else None, last, Severity.INFO, "" if last else "closing"))
    if not meta.number.strip():
        issues.append(Issue("number-blank", "Số văn bản để trống (văn thư sẽ ghi khi phát hành).",
                            severity=Severity.INFO, place="meta", field="number"))
    if not meta.date.is_complete():
        issues.append(Issue("date-blank", "Ngày, tháng văn bản còn để trống.", severity=Severity.INFO,
                            place="meta", field="date"))
    if not meta.issuing_agency.strip():
        issues.append(Issue("issuing-agency-missing", "Chưa có tên cơ quan ban hành: tiêu đề văn bản sẽ in trống. "
                            "Chọn đơn vị hoặc điền ở “Thông tin văn bản”.", place="meta",
                            field="issuing_agency"))
    if report.appendix_copied is not None and report.appendix_table is not None and same(
            report.appendix_table, report.appendix_copied):
        issues.append(Issue("appendix-copied", APPENDIX_COPIED, place="appendix", cell=(1, 0)))
    issues += _text_issues(report, name)
    issues += _measure_issues(report, name)
    return issues


# --- what a reviewer reads for: blanks left to fill, last period's year, measures ------------------------

# A blank to fill: a run of four dots or more ("Số: ........"), or an ellipsis standing alone
# ("Công văn số … ngày …", "(…)", "trách nhiệm: …"). An ellipsis stuck to a word ("v.v...",
# "các nhiệm vụ khác…") or after a comma ("giáo dục, y tế, …", "đất đai, xây dựng,... đảm bảo":
# the written "vân vân") is ordinary writing.
_DOTS = re.compile(r"\.{4,}|…{2,}")
_ELLIPSIS = re.compile(r"(?<![\w.…,])(?<!,\s)(?:…|\.{3})(?![\w.…])")


def placeholders(text: str) -> list[int]:
    """Where `text` still has a blank left to fill (offsets), as a reviewer would see one."""
    if "…" not in text and "..." not in text:   # most text: no regex run at all
        return []
    return sorted({m.start() for m in (*_DOTS.finditer(text), *_ELLIPSIS.finditer(text))})


def _sentences(text: str) -> list[str]:
    """Sentences of a paragraph: a full stop, ! or ? followed by a capital starts the next."""
    out: list[str] = []
    for piece in re.split(r"(?<=[.!?])\s+", text):
        if out and piece[:1] and not piece[:1].isupper():
            out[-1] += " " + piece
        elif piece.strip():
            out.append(piece.strip())
    return out


# What makes a mention of last year legitimate in this year's report: a comparison ("so với năm
# 2024", "cùng kỳ", "năm trước"), a span from it ("từ tháng 6 năm 2024", "đến nay", "giai đoạn"),
# the remedy of its limitations ("khắc phục", "kết luận", "chỉ ra") or a cited document ("số 12/…").
_LEGIT = re.compile(r"so với|so sánh|cùng kỳ|kỳ trước|năm trước|các kỳ|đến nay|chuyển sang|giai đoạn|khắc phục"
                    r"|kết luận|chỉ ra|\bsố\s*\d")
# A document or meeting of last year named as such ("các chỉ tiêu Nghị quyết Hội nghị cán bộ, công
# chức năm 2024 đã đề ra") is a citation; last year's plan or programme is not: "Thực hiện Kế
# hoạch công tác năm 2024, …" in a 2025 report is the typical sentence left from last year.
_CITED = re.compile(r"(?:nghị quyết|quyết định|chỉ thị|hướng dẫn|công văn|thông báo|hội nghị|đại hội|nghị định"
                    r"|thông tư|luật)\b[^.;:]{0,100}$")


def previous_year_sentences(text: str, year: int) -> list[str]:
    """The sentences of `text` that speak of year-1 ("năm 2024") on their own, in a report of
    `year`: neither naming `year` too nor comparing with it, starting a span from it, remedying
    its limitations or citing a document. Such a sentence is nearly always one copied from last
    year's report and not updated; a mention with any of those is how reports legitimately
    speak of last year, so it is left alone."""
    prev = year - 1
    if str(prev) not in text:   # most text: no sentence split, no regex run
        return []
    mention = re.compile(rf"(?<![\d/.\-])năm\s+{prev}(?!\d)", re.IGNORECASE)
    since = re.compile(rf"\btừ\s+(?:\S+\s+){{0,3}}năm\s+{prev}(?!\d)", re.IGNORECASE)
    own = re.compile(rf"(?<!\d){year}(?!\d)")
    out = []
    for sentence in _sentences(text):
        if str(prev) not in sentence:
            continue
        low = sentence.lower()
        hit = mention.search(low)
        if hit and not own.search(low) and not since.search(low) and not _LEGIT.search(low) \
                and not _CITED.search(low[:hit.start()]):
            out.append(sentence)
    return out


@dataclass(frozen=True)
class _Place:
    """A piece of the report a text rule reads, with what the issue says and where it goes."""
    where: str                     # "Mục “I. Kết quả”", "Phần mở đầu" …
    texts: tuple[str, ...]
    section: Section | None = None
    place: str = ""
    limitation_id: int | None = None
    measure_id: int | None = None
    dated: bool = True             # read for last year's mentions
    field: str = ""

    def issue(self, code: str, message: str, severity: Severity = Severity.WARNING) -> Issue:
        return Issue(code, message, self.section.id if self.section else None, self.section, severity,
                     self.place, self.limitation_id, self.measure_id, self.field)


def _rich(*texts) -> tuple[str, ...]:
    return tuple(t.plain if hasattr(t, "plain") else t for t in texts)


def _limitation_name(i: int, lim: Limitation) -> str:
    return f"Hạn chế {letter(i + 1)})"


def _measure_places(report: Report, name: Callable[[Section], str]) -> list[tuple[_Place, Measure, str, int]]:
    """Every measure with its place, the words naming its owner ("hạn chế a", "mục “II.1. …”") and
    its row in the owner's table."""
    out = []
    for i, lim in enumerate(report.limitations):
        for row, m in enumerate(lim.measures, 1):
            owner = f"hạn chế {letter(i + 1)}"
            out.append((_Place(f"Biện pháp {row} của {owner})", (), None, "", lim.id, m.id), m, owner, row))
    rows: dict[int, int] = {}
    for m in report.measures:
        rows[id(m.section)] = row = rows.get(id(m.section), 0) + 1
        owner = f"mục “{name(m.section)}”" if m.section is not None else "nhiệm vụ chung"
        out.append((_Place(f"Biện pháp {row} của {owner}", (), m.section, "", None, m.id), m, owner, row))
    return out


def _text_places(report: Report, name: Callable[[Section], str]) -> list[_Place]:
    meta = report.meta
    places = [_Place("Phần mở đầu", _rich(meta.preamble), place="preamble"),
              _Place("Trích yếu", (meta.subject,), place="meta", field="subject"),
              _Place("Thông tin văn bản", (meta.place, meta.symbol, report.signer.position, report.signer.name),
                     place="meta", dated=False)]
    skip: set[int] = set()   # the follow-up of earlier limitations speaks of the earlier period by nature
    for s in report.walk():
        if s.content is ContentKind.FOLLOW_UP:
            skip.update(id(x) for x in s.walk())
        places.append(_Place(f"Mục “{name(s)}”", (s.heading, *_rich(s.body)), s, dated=id(s) not in skip))
    for i, lim in enumerate(report.limitations):
        own_period = lim.origin is None or lim.origin.year >= report.period.year
        places.append(_Place(_limitation_name(i, lim), (*_rich(lim.text, lim.cause_subjective, lim.cause_objective),
                                                      lim.raised_by), limitation_id=lim.id, dated=own_period))
    for place, m, _owner, _row in _measure_places(report, name):
        texts = (*_rich(m.content, m.measure), m.directed_by, m.lead_unit, m.cooperating, m.timeframe, m.result)
        places.append(_Place(place.where, texts, place.section, "", place.limitation_id, place.measure_id,
                             dated=False))
    places.append(_Place("Câu kết thúc", _rich(meta.closing), place="closing"))
    return places


def _text_issues(report: Report, name: Callable[[Section], str]) -> list[Issue]:
    issues: list[Issue] = []
    year = report.period.year
    annual = report.period.code == str(year)  # a quarter's report may well speak of the year before
    for p in _text_places(report, name):
        for text in p.texts:
            for line in text.split("\n"):
                at = placeholders(line)
                if at:
                    around = next(x for x in _sentences(line) if line.find(x) + len(x) > at[0])
                    issues.append(p.issue("placeholder", f"{p.where} còn chỗ để trống “…” chưa điền: "
                                                         f"“{shorten(around, 50)}”."))
                    break
            else:
                continue
            break
        if not (annual and p.dated):
            continue
        found = [x for text in p.texts for x in previous_year_sentences(text, year)]
        if found:
            more = f" (và {len(found) - 1} câu khác)" if len(found) > 1 else ""
            issues.append(p.issue("previous-year", f"{p.where} nói về năm {year - 1} (kỳ trước) mà không so sánh với "
                                                   f"năm {year}: “{shorten(found[0], 90)}”{more} — có thể chép từ "
                                                   "báo cáo kỳ trước."))
    return issues


def _measure_issues(report: Report, name: Callable[[Section], str]) -> list[Issue]:
    """Blank measure rows, measures without a deadline (a standing duty has one: read_deadline),
    and in a plan (its limitations printed with their measures) a limitation without any."""
    issues: list[Issue] = []
    for p, m, owner, row in _measure_places(report, name):
        what = (m.measure if not m.measure.is_empty() else m.content).plain.strip()
        if not what:
            issues.append(p.issue("measure-blank", f"Dòng biện pháp {row} của {owner} để trống: "
                                                   "điền hoặc xóa dòng này."))
            continue
        label = f"Biện pháp “{shorten(' '.join(what.split()), 60)}” ({owner})"
        if m.due is None and not m.timeframe.strip():
            issues.append(p.issue("measure-no-deadline", f"{label} chưa có thời gian thực hiện."))
            continue
        deadline = read_deadline(m.timeframe, m.due, report.period.year)
        if not deadline.understood:   # a standing duty ("Thường xuyên") reads as understood: no date asked
            issues.append(p.issue("measure-deadline-unclear",
                                  f"{label}: thời gian thực hiện “{m.timeframe.strip()}” chưa nêu rõ thời hạn "
                                  "(ví dụ “Quý II năm 2026”, “Trước ngày 30/6/2026” hoặc “Thường xuyên”).",
                                  Severity.INFO))
    if any(s.content is ContentKind.LIMITATIONS_WITH_MEASURES for s in report.walk()):
        for i, lim in enumerate(report.limitations):
            if not lim.measures:
                text = " ".join(lim.text.plain.split())
                issues.append(Issue("limitation-no-measure",
                                    f"{_limitation_name(i, lim)} “{shorten(text, 60)}” chưa có biện pháp khắc phục "
                                    "trong kế hoạch.", limitation_id=lim.id))
    return issues


def _last_body_text(report: Report) -> tuple[str, Section | None]:
    """The last paragraph printed before the signature, and its section (None: the closing)."""
    if not report.meta.closing.is_empty():
        return report.meta.closing.paragraphs[-1].text, None
    last, where = "", None
    for s in report.walk():
        if not s.body.is_empty():
            last, where = s.body.paragraphs[-1].text, s
    return last, where


def progress(report: Report) -> tuple[int, int]:
    """(complete sections, all sections) for the progress indicator."""
    states = [section_state(report, s) for s in report.walk()]
    return sum(st is SectionState.COMPLETE for st in states), len(states)
