"""What is still missing or wrong in a report before it goes to print."""
from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import Enum

from .classification import classification_issues
from .model import ContentKind, Limitation, Report, Section
from .names import section_name
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
                                    f"Điểm của mục “{name(s)}” phải từ 0 đến {s.max_score:g}.", s.id, s))

    section = report.classification_section
    for code, message, warning in classification_issues(report, earlier):
        issues.append(Issue(code, message, section.id if section else None, section,
                            Severity.WARNING if warning else Severity.INFO))

    if report.signer.is_empty():
        issues.append(Issue("signer-missing", "Chưa có người ký (chức vụ, họ tên)."))
    elif not report.signer.name.strip():
        issues.append(Issue("signer-name", "Chưa có họ tên người ký."))
    if report.recipients.is_empty():
        issues.append(Issue("recipients-missing", "Chưa có danh sách “Nơi nhận”."))
    archive = report.recipients.archive.strip()
    if not re.match(r"^VT\s*(,|$)", archive):
        issues.append(Issue("archive-format", "Dòng “Lưu” phải bắt đầu bằng “VT”, ví dụ “Lưu: VT, HC-TC.”."))

    meta = report.meta
    if re.match(r"^\s*TP\.?\s", meta.place):
        issues.append(Issue("place-abbrev", f"Địa danh “{meta.place}” không được viết tắt "
                            "(viết “Quảng Ngãi” hoặc “Thành phố Quảng Ngãi”)."))
    if not meta.place.strip():
        issues.append(Issue("place-missing", "Chưa có địa danh ở dòng ngày tháng."))
    if not meta.subject.strip():
        issues.append(Issue("subject-missing", "Chưa có trích yếu nội dung (tên báo cáo)."))
    if not meta.symbol.strip():
        issues.append(Issue("symbol-missing", "Chưa có ký hiệu văn bản (ví dụ BC-VP)."))
    if meta.date.year is None:
        issues.append(Issue("date-year", "Chưa có năm ở dòng ngày tháng."))
    last_text = _last_body_text(report)
    if last_text and not last_text.rstrip().endswith("./."):
        issues.append(Issue("closing-mark", "Câu kết thúc nội dung văn bản phải kết thúc bằng “./.”.",
                            severity=Severity.INFO))
    if not meta.number.strip():
        issues.append(Issue("number-blank", "Số văn bản để trống (văn thư sẽ ghi khi phát hành).",
                            severity=Severity.INFO))
    if not meta.date.is_complete():
        issues.append(Issue("date-blank", "Ngày, tháng văn bản còn để trống.", severity=Severity.INFO))
    return issues


def _last_body_text(report: Report) -> str:
    if not report.meta.closing.is_empty():
        return report.meta.closing.paragraphs[-1].text
    last = ""
    for s in report.walk():
        if not s.body.is_empty():
            last = s.body.paragraphs[-1].text
    return last


def progress(report: Report) -> tuple[int, int]:
    """(complete sections, all sections) for the progress indicator."""
    states = [section_state(report, s) for s in report.walk()]
    return sum(st is SectionState.COMPLETE for st in states), len(states)
