"""The proposed classification against the score and the level's other conditions (Quy định
366-QĐ/TW, Điều 11), and the state of an earlier limitation's remedy. Warnings, never a block:
the officer may have reasons the program cannot see, and the superior body decides."""
from __future__ import annotations

from collections.abc import Sequence
from enum import Enum

from .model import Limitation, MeasureStatus, Report
from .numbers import number_text   # 73,63 as the officer writes it
from .ratings import ChatLuong


class RemedyState(Enum):
    """How far an earlier limitation has been remedied (the three states of Mẫu 01, part A.III)."""

    DONE = "da-khac-phuc"
    PARTIAL = "dang-khac-phuc"
    NONE = "chua-khac-phuc"

    @property
    def label(self) -> str:
        return {"da-khac-phuc": "Đã được khắc phục", "dang-khac-phuc": "Đang khắc phục",
                "chua-khac-phuc": "Chưa được khắc phục"}[self.value]


def remedy_state(lim: Limitation) -> RemedyState:
    """From the statuses of its measures: all done → remedied; some done or under way → being
    remedied; none started (or no measure at all) → not remedied."""
    statuses = [m.status for m in lim.measures]
    if statuses and all(st is MeasureStatus.DONE for st in statuses):
        return RemedyState.DONE
    if any(st is not MeasureStatus.NOT_STARTED for st in statuses):
        return RemedyState.PARTIAL
    return RemedyState.NONE


class ConditionCheck(Enum):
    """The conditions of a level that the program can verify from what it keeps."""

    EARLIER_REMEDIED = "earlier-limitations-remedied"


# Levels from the highest: a proposal "above" the score's band is the one to question.
_RANK = {level: i for i, level in enumerate(ChatLuong)}


def _first_words(lim: Limitation, limit: int = 60) -> str:
    text = lim.text.paragraphs[0].text.strip() if lim.text.paragraphs else ""
    return text if len(text) <= limit else text[:limit - 1] + "…"


def unremedied_earlier(report: Report, earlier: Sequence[Limitation] = ()) -> list[Limitation]:
    """Earlier limitations not yet remedied: those of the linked plans (`earlier`, from the chain)
    and those of an earlier year the report itself still lists (carried over)."""
    carried = [lim for lim in report.limitations
               if lim.origin is not None and lim.origin.year < report.period.year]
    return [lim for lim in (*earlier, *carried) if remedy_state(lim) is not RemedyState.DONE]


def _band_range(report: Report, level: ChatLuong) -> str:
    """'từ 70 đến dưới 90 điểm' for the band of `level`."""
    scoring = report.scoring
    assert scoring is not None
    mins = sorted(b.min for b in scoring.bands)
    low = next(b.min for b in scoring.bands if b.level is level)
    higher = [m for m in mins if m > low]
    if higher:
        return f"từ {low:g} đến dưới {higher[0]:g} điểm" if low > 0 else f"dưới {higher[0]:g} điểm"
    return f"từ {low:g} điểm"


def classification_issues(report: Report, earlier: Sequence[Limitation] = ()) -> list[tuple[str, str, bool]]:
    """(code, Vietnamese message, is_warning) for the proposed classification: above what the
    total score gives (warning) or below it (a note asking for the reason); a condition of the
    proposed level the program can see unmet (warning); the ones it cannot see, as a reminder."""
    proposed, scoring = report.classification, report.scoring
    if proposed is None or scoring is None:
        return []
    out: list[tuple[str, str, bool]] = []
    scored = [s for s in report.walk() if s.is_scored]
    total = report.score_total()
    if scoring.bands and scored and total is not None and all(report.section_score(s) is not None for s in scored):
        band = scoring.band_for(total)
        if band is not None and _RANK[proposed] < _RANK[band]:
            out.append(("classification-above-score",
                        f"Tổng điểm tự chấm {number_text(total)}/{number_text(report.score_max())} thuộc mức "
                        f"“{band.label}” "
                        f"({_band_range(report, band)}); mức đề nghị “{proposed.label}” cao hơn mức theo điểm.",
                        True))
        elif band is not None and _RANK[proposed] > _RANK[band]:
            out.append(("classification-below-score",
                        f"Mức đề nghị “{proposed.label}” thấp hơn mức theo tổng điểm ({band.label}): "
                        "nêu rõ lý do trong báo cáo.", False))
    reminders = []
    for cond in scoring.conditions:
        if cond.level is not proposed:
            continue
        if cond.check == ConditionCheck.EARLIER_REMEDIED.value:
            open_ = unremedied_earlier(report, earlier)
            if open_:
                names = "; ".join(f"“{_first_words(lim)}”" for lim in open_[:3])
                more = f" và {len(open_) - 3} hạn chế khác" if len(open_) > 3 else ""
                out.append(("classification-condition",
                            f"Mức “{proposed.label}” đòi hỏi {cond.text}, nhưng còn {len(open_)} hạn chế, khuyết "
                            f"điểm của các kỳ trước chưa khắc phục xong: {names}{more}.", True))
        else:
            reminders.append(cond.text)
    if reminders:
        out.append(("classification-reminder",
                    f"Mức “{proposed.label}” còn đòi hỏi: {'; '.join(reminders)} — phần mềm không tự kiểm tra "
                    "được, hãy đối chiếu trước khi ký.", False))
    return out
