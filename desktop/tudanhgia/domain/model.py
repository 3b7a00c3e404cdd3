"""The report and everything in it, as plain Python objects (no Qt, SQL or docx)."""
from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from enum import Enum
from collections.abc import Iterator
from typing import Any

from .numbering import NumberStyle, label as number_label, numeric_core
from .period import DocDate, Period
from .ratings import CapDo, ChatLuong, Rating, RatingScale
from .richtext import EMPTY, RichText
from .tasks import Task, TaskScoring, tasks_points
from .text import fold
from .title import report_title


class Authority(Enum):
    """Thẩm quyền ký (spec C4)."""

    NONE = ""
    KT = "KT."     # ký thay: a deputy for the head
    TM = "TM."     # thay mặt a collective
    Q = "Q."       # quyền (acting)
    TL = "TL."     # thừa lệnh
    TUQ = "TUQ."   # thừa ủy quyền

    @property
    def label(self) -> str:
        return {"": "Người đứng đầu ký", "KT.": "KT. (ký thay)", "TM.": "TM. (thay mặt)",
                "Q.": "Q. (quyền)", "TL.": "TL. (thừa lệnh)", "TUQ.": "TUQ. (thừa ủy quyền)"}[self.value]


SECRECY_MARKS = ("", "MẬT", "TỐI MẬT", "TUYỆT MẬT")
URGENCY_MARKS = ("", "KHẨN", "THƯỢNG KHẨN", "HỎA TỐC")


@dataclass
class Signer:
    authority: Authority = Authority.NONE
    authority_position: str = ""   # e.g. "CHÁNH VĂN PHÒNG" in "KT. CHÁNH VĂN PHÒNG"
    position: str = ""             # the signer's own position, e.g. "PHÓ CHÁNH VĂN PHÒNG"
    name: str = ""

    def title_lines(self) -> list[str]:
        """The capitalised lines above the signature space."""
        lines = []
        if self.authority is not Authority.NONE:
            lines.append(f"{self.authority.value} {self.authority_position.upper()}".strip())
        if self.position:
            lines.append(self.position.upper())
        return lines

    def is_empty(self) -> bool:
        return not (self.position.strip() or self.name.strip())


@dataclass
class Recipient:
    text: str
    purpose: str = ""  # e.g. "báo cáo", printed in brackets

    def line(self) -> str:
        return f"- {self.text} ({self.purpose});" if self.purpose else f"- {self.text};"


@dataclass
class Recipients:
    lines: list[Recipient] = field(default_factory=list)
    archive: str = "VT"  # printed "- Lưu: VT, HC-TC." (spec C3)

    def printed(self) -> list[str]:
        out = [r.line() for r in self.lines]
        archive = self.archive.strip().rstrip(".")
        out.append(f"- Lưu: {archive}.")
        return out

    def is_empty(self) -> bool:
        return not self.lines


@dataclass
class UnitProfile:
    name: str                      # "Văn phòng UBND tỉnh Quảng Ngãi"
    parent_agency: str = ""        # cơ quan chủ quản, "UBND TỈNH QUẢNG NGÃI"
    issuing_agency: str = ""       # cơ quan ban hành as printed, "VĂN PHÒNG"
    abbreviation: str = ""         # used in ký hiệu "BC-VP" and "Lưu: VT, …"
    place: str = ""                # "Quảng Ngãi"
    signer: Signer = field(default_factory=Signer)
    recipients: Recipients = field(default_factory=Recipients)
    document_standard: str = ""    # the unit's document standard (render/standards.py id); "" = Nghị định 30
    id: int | None = None


@dataclass
class LevelStyle:
    number: NumberStyle = NumberStyle.ARABIC
    bold: bool = True
    italic: bool = False
    caps: bool = False
    label_caps: bool = False   # a part's label as typed in capitals ("PHẦN THỨ NHẤT"): learned on import


class ContentKind(Enum):
    """Generated content printed after a section's own body (docs/formats.md)."""

    LIMITATIONS = "limitations"
    LIMITATIONS_WITH_MEASURES = "limitations-with-measures"
    CAUSES = "causes"
    CAUSES_SUBJECTIVE = "causes-subjective"
    CAUSES_OBJECTIVE = "causes-objective"
    MEASURES = "measures"
    FOLLOW_UP = "follow-up"
    SCORE_TOTAL = "score-total"
    TASKS = "tasks"                # the period's tasks as a table; the section's score is theirs (domain/tasks.py)


class MeasureStatus(Enum):
    NOT_STARTED = "chua-thuc-hien"
    IN_PROGRESS = "dang-thuc-hien"
    DONE = "hoan-thanh"

    @property
    def label(self) -> str:
        return {"chua-thuc-hien": "Chưa thực hiện", "dang-thuc-hien": "Đang thực hiện",
                "hoan-thanh": "Hoàn thành"}[self.value]

    @classmethod
    def from_label(cls, text: str) -> MeasureStatus:
        t = fold(text)
        for m in cls:
            if t in (m.value, m.label.casefold()):
                return m
        raise ValueError(f"trạng thái “{text}” không hợp lệ (Chưa thực hiện / Đang thực hiện / Hoàn thành)")


@dataclass(eq=False)
class Section:
    heading: str = ""
    body: RichText = EMPTY
    children: list[Section] = field(default_factory=list)
    key: str | None = None                 # the kind's section this is, if any
    guidance: RichText = EMPTY
    rating_scale: RatingScale | None = None
    rating: Rating | None = None
    max_score: float | None = None
    score: float | None = None
    content: ContentKind | None = None
    optional: bool = False
    fixed: bool = False
    number_style: NumberStyle | None = None  # overrides the level's style
    content_label: str = ""
    measure_label: str = ""
    id: int | None = None
    version: int = 0   # the stored row's write count when read (0: never stored); see store/schema.py

    def walk(self) -> Iterator[Section]:
        yield self
        for c in self.children:
            yield from c.walk()

    @property
    def is_scored(self) -> bool:
        return self.max_score is not None


@dataclass(eq=False)
class Measure:
    content: RichText = EMPTY        # the task ("Nội dung") where the measure stands on its own
    measure: RichText = EMPTY        # Biện pháp khắc phục / thực hiện
    directed_by: str = ""            # Chỉ đạo thực hiện
    lead_unit: str = ""              # Đơn vị tham mưu / chủ trì thực hiện
    cooperating: str = ""            # Phối hợp thực hiện
    timeframe: str = ""              # Thời gian thực hiện, the officer's own words
    due: _dt.date | None = None
    status: MeasureStatus = MeasureStatus.NOT_STARTED
    result: str = ""
    section: Section | None = None   # general measures: the section that lists them
    source_id: int | None = None     # the measure of an earlier report it continues
    id: int | None = None
    version: int = 0   # the stored row's write count when read (0: never stored); see store/schema.py


@dataclass(eq=False)
class Limitation:
    text: RichText = EMPTY
    cause_subjective: RichText = EMPTY
    cause_objective: RichText = EMPTY
    concerns: Section | None = None     # the section of the report this limitation is about
    origin: Period | None = None        # period in which it was first raised
    raised_by: str = ""                 # "" = the unit itself; else e.g. "Kết luận số 1621-KL/TU …"
    measures: list[Measure] = field(default_factory=list)
    source_id: int | None = None        # the limitation of an earlier report it continues
    id: int | None = None
    version: int = 0   # the stored row's write count when read (0: never stored); see store/schema.py

    @property
    def causes(self) -> RichText:
        return self.cause_subjective + self.cause_objective


@dataclass(eq=False)
class Indicator:
    name: str
    unit: str = ""
    value: float | None = None
    denominator: float | None = None
    id: int | None = None

    @property
    def rate(self) -> float | None:
        """value / denominator in percent; None when not applicable."""
        if self.value is None or not self.denominator:
            return None
        return 100.0 * self.value / self.denominator


@dataclass
class AppendixTable:
    """An appendix table kept as the officer wrote it (imported): the header and every row's cells
    as text, in order — sub-rows with an empty STT, group headings, text values ("CÓ", "15 trong
    đó: …") and blanks — printed back the same. Numbers are read from the cells when asked."""
    header: list[str]
    rows: list[list[str]] = field(default_factory=list)

    def number(self, row: int, column: int) -> float | None:
        """The cell's number (Vietnamese format, "62.224"), None for text or a blank."""
        from .numbers import parse_number
        cells = self.rows[row]
        try:
            return parse_number(cells[column]) if column < len(cells) and cells[column].strip() else None
        except ValueError:
            return None

    def numeric_columns(self) -> set[int]:
        """Columns whose filled cells are all numbers (printed right-aligned)."""
        width = max([len(self.header), *(len(r) for r in self.rows)])
        return {c for c in range(1, width)
                if any(c < len(r) and r[c].strip() for r in self.rows)
                and all(self.number(i, c) is not None for i, r in enumerate(self.rows) if c < len(r) and r[c].strip())}


@dataclass
class ScoreBand:
    min: float
    level: ChatLuong


@dataclass
class LevelCondition:
    """A condition a classification needs beyond its score band (Quy định 366, Điều 11: "xuất
    sắc" also needs every earlier limitation remedied …). `check` names what the program can
    verify itself (domain/classification.py); without it the condition is a reminder."""
    level: ChatLuong
    text: str
    check: str = ""


@dataclass
class Scoring:
    max_total: float = 100
    pass_mark: float | None = None
    bands: list[ScoreBand] = field(default_factory=list)
    conditions: list[LevelCondition] = field(default_factory=list)

    def band_for(self, total: float) -> ChatLuong | None:
        for b in sorted(self.bands, key=lambda b: -b.min):
            if total >= b.min:
                return b.level
        return None


@dataclass
class DocumentMeta:
    parent_agency: str = ""
    issuing_agency: str = ""
    number: str = ""                 # blank while unissued
    symbol: str = ""                 # "BC-VP"
    place: str = ""
    date: DocDate = field(default_factory=DocDate)
    kind_name: str = "BÁO CÁO"
    subject: str = ""
    secrecy: str = ""
    urgency: str = ""
    preamble: RichText = EMPTY
    closing: RichText = EMPTY

    def printed_number(self) -> str:
        """The number as printed: below 10 with a leading zero (spec H5); "" while unissued."""
        num = self.number.strip()
        # ASCII digits only: "²".isdigit() is true but int("²") fails (found by hypothesis)
        return f"{int(num):02d}" if num.isascii() and num.isdecimal() and int(num) < 10 else num

    def number_line(self, blank: str = "\u00a0" * 5) -> str:
        """'Số: 05/BC-VP', or 'Số:      /BC-VP' while unissued (spec H5)."""
        return f"Số: {self.printed_number() or blank}/{self.symbol}"


@dataclass(eq=False)
class Report:
    kind_id: str
    period: Period
    meta: DocumentMeta = field(default_factory=DocumentMeta)
    sections: list[Section] = field(default_factory=list)
    limitations: list[Limitation] = field(default_factory=list)
    measures: list[Measure] = field(default_factory=list)    # general, not tied to a limitation
    indicators: list[Indicator] = field(default_factory=list)
    signer: Signer = field(default_factory=Signer)
    recipients: Recipients = field(default_factory=Recipients)
    levels: list[LevelStyle] = field(default_factory=list)
    classification_style: str = "checkboxes"               # or "inline"
    scoring: Scoring | None = None
    appendix_title: str = ""                               # "" = no appendix
    appendix_attached: str = ""                            # the "(Kèm theo …)" line as written; "" = generated
    appendix_table: AppendixTable | None = None            # an imported table kept as written (else indicators)
    appendix_copied: AppendixTable | None = None           # the kept table as copied from the previous period's
                                                           # report: the check asks for new figures while unchanged
    kind_name: str = ""                                    # the kind's display name
    kind_version: str = ""
    unit_id: int | None = None
    unit_name: str = ""
    source_report_id: int | None = None                    # the report it was made from
    document_standard: str = ""                            # the report's own standard; "" = its unit's
    tasks: list[Task] = field(default_factory=list)        # a civil servant's tasks of the period
    task_scoring: TaskScoring | None = None                # how they score (kinds with a "tasks" section)
    signature_titles: tuple[str, ...] = ()                 # (manager, person): a form signed by both
    unit_standard: str = ""                                # its unit's standard, as read with the report
    # the standard's values as they were when the report was issued, and "own": its document_standard
    # before (services/versions.py): printed in those whatever the standard's file says since
    issued_standard: dict[str, Any] | None = None
    created_at: _dt.datetime | None = None
    updated_at: _dt.datetime | None = None
    id: int | None = None
    version: int = 0   # the stored row's write count when read (0: never stored); see store/schema.py

    @property
    def standard_id(self) -> str:
        """The document standard the report is printed in: its own choice, else its unit's ("" = the default)."""
        return self.document_standard or self.unit_standard

    # --- outline ------------------------------------------------------------------------
    def walk(self) -> Iterator[Section]:
        for s in self.sections:
            yield from s.walk()

    def walk_with_depth(self) -> Iterator[tuple[Section, int]]:
        def rec(items: list[Section], depth: int):
            for s in items:
                yield s, depth
                yield from rec(s.children, depth + 1)
        yield from rec(self.sections, 1)

    def find(self, section_id: int | None = None, key: str | None = None) -> Section | None:
        for s in self.walk():
            if (section_id is not None and s.id == section_id) or (key is not None and s.key == key):
                return s
        return None

    def parent_of(self, section: Section) -> Section | None:
        for s in self.walk():
            if any(c is section for c in s.children):
                return s
        return None

    def siblings_of(self, section: Section) -> list[Section]:
        parent = self.parent_of(section)
        return parent.children if parent else self.sections

    def level_style(self, depth: int) -> LevelStyle:
        if 1 <= depth <= len(self.levels):
            return self.levels[depth - 1]
        return LevelStyle(NumberStyle.NONE, bold=False)

    def style_of(self, section: Section, depth: int) -> NumberStyle:
        return section.number_style or self.level_style(depth).number

    def numbering(self) -> dict[Section, str]:
        """Every section's printed number, computed from the level styles (spec B9):
        siblings of one style count 1, 2, 3 …; nested numbers extend the parent's. An unnumbered
        section is transparent: its items count on with its siblings (one counter per style), so
        no number repeats under one numbered parent."""
        out: dict[Section, str] = {}
        self.number_into(out, self.sections, 1, None, {})
        return out

    def number_into(self, out: dict[Section, str], items: list[Section], depth: int, parent_label: str | None,
                    counters: dict[NumberStyle, int]) -> None:
        """`numbering` of `items` (siblings at `depth` under the section numbered `parent_label`)
        and their subsections, into `out`: under a numbered section the count starts afresh, so
        the sections under one are renumbered without the rest (domain/outline.py)."""
        for s in items:
            style = self.style_of(s, depth)
            if style is NumberStyle.NONE:
                out[s] = ""
                self.number_into(out, s.children, depth + 1, parent_label, counters)
                continue
            key = NumberStyle.PART if style.is_part else style   # "Phần I", "Phần thứ II": one count
            counters[key] = counters.get(key, 0) + 1
            out[s] = lbl = number_label(style, counters[key], parent_label and numeric_core(parent_label))
            self.number_into(out, s.children, depth + 1, lbl, {})

    # --- ratings and scores -----------------------------------------------------------------
    @property
    def classification_section(self) -> Section | None:
        return next((s for s in self.walk() if s.rating_scale is RatingScale.CHAT_LUONG), None)

    @property
    def classification(self) -> ChatLuong | None:
        s = self.classification_section
        return s.rating if s else None  # type: ignore[return-value]

    def rated_sections(self) -> list[Section]:
        return [s for s in self.walk() if s.rating_scale is RatingScale.CAP_DO]

    def stated_total(self) -> float | None:
        """The total an imported report stated ("TỔNG ĐIỂM TỰ CHẤM: 98/100 điểm"), kept on its
        score-total section while none of its items has a score yet; None otherwise."""
        if any(self.section_score(s) is not None for s in self.walk() if s.is_scored):
            return None
        return next((s.score for s in self.walk() if s.content is ContentKind.SCORE_TOTAL and s.score is not None),
                    None)

    def nothing_scored(self) -> bool:
        """No criterion scored and no total stated: the sum (0) is no score yet (printed "…")."""
        return self.stated_total() is None and all(self.section_score(s) is None for s in self.walk() if s.is_scored)

    def score_total(self) -> float | None:
        """Sum of the self-scores, never typed (spec R3); an imported report's stated total until its
        items are scored; None when nothing is scored."""
        stated = self.stated_total()
        if stated is not None:
            return stated
        scored = [s for s in self.walk() if s.is_scored]
        if not scored:
            return None
        return sum(min(self.section_score(s) or 0, s.max_score or 0) for s in scored)

    def section_score(self, s: Section) -> float | None:
        """A section's score: the tasks' computed points for the tasks section (once there are
        tasks), the officer's own otherwise."""
        if s.content is ContentKind.TASKS and self.tasks:
            return self.tasks_score()
        return s.score

    def tasks_score(self) -> float | None:
        """The task results' points, computed from the tasks (never typed); None without tasks."""
        return tasks_points(self.tasks, self.task_scoring or TaskScoring())

    def score_max(self) -> float | None:
        scored = [s for s in self.walk() if s.is_scored]
        if not scored and self.scoring is not None and self.stated_total() is not None:
            return self.scoring.max_total
        return sum(s.max_score or 0 for s in scored) if scored else None

    # --- limitations and measures -------------------------------------------------------------
    def all_measures(self) -> list[Measure]:
        return [m for lim in self.limitations for m in lim.measures] + list(self.measures)

    def general_measures_of(self, section: Section) -> list[Measure]:
        return [m for m in self.measures if m.section is section]

    # --- words ----------------------------------------------------------------------------------
    @property
    def title(self) -> str:
        """Short name for lists and window titles."""
        return report_title(self.meta.kind_name, self.meta.subject, self.kind_name, self.period)

    def word_count(self) -> int:
        n = self.meta.preamble.word_count() + self.meta.closing.word_count()
        n += sum(s.body.word_count() + len(s.heading.split()) for s in self.walk())
        n += sum(lim.text.word_count() + lim.causes.word_count() for lim in self.limitations)
        n += sum(m.content.word_count() + m.measure.word_count() for m in self.all_measures())
        return n


def substitute(text: str, values: dict[str, str]) -> str:
    """Replace {year}-style placeholders; unknown braces are left as typed."""
    out = text
    for k, v in values.items():
        out = out.replace("{" + k + "}", v)
    return out


def stored_id(item: Report | Section | Limitation | Measure | Indicator | UnitProfile) -> int:
    """The id of an object read from the store (always set there); ValueError for one never saved."""
    if item.id is None:
        raise ValueError(f"{type(item).__name__} has no id: it was never saved")
    return item.id


def placeholder_values(period: Period, unit: UnitProfile | None) -> dict[str, str]:
    return {
        "year": str(period.year),
        "prev_year": str(period.year - 1),
        "next_year": str(period.year + 1),
        "period": period.label,
        "unit": unit.name if unit else "",
        "abbr": unit.abbreviation if unit else "",
    }


__all__ = [
    "Authority", "CapDo", "ChatLuong", "ContentKind", "DocDate", "DocumentMeta", "Indicator",
    "LevelStyle", "Limitation", "Measure", "MeasureStatus", "Period", "Recipient", "Recipients",
    "Report", "RatingScale", "Scoring", "ScoreBand", "Section", "Signer", "UnitProfile",
    "SECRECY_MARKS", "URGENCY_MARKS", "placeholder_values", "report_title", "stored_id", "substitute",
]
