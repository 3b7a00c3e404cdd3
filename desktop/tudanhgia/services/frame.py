"""The document's frame (spec H1–H8, T1–T2, C1–C7): the fields the meta form owns, read and
written field by field so that undoing one form edit never reverts another panel's, and the
check of a typed date. Moved here from the form: they are use cases, not widgets."""
from __future__ import annotations

import calendar
import copy
import re
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Any

from ..domain.find import Query, replace_rich, replace_text
from ..domain.model import Report
from ..domain.period import DocDate, Period
from ..errors import ConcurrentChange, ServiceError

if TYPE_CHECKING:
    from .reports import ReportService

# The report's fields the form owns; preamble and closing belong to the text editors.
META_FIELDS = ("parent_agency", "issuing_agency", "number", "symbol", "place", "date", "kind_name", "subject",
               "secrecy", "urgency")
FRAME_FIELDS = (*META_FIELDS, "signer", "recipients", "period")   # a period its kind does not take is refused
TEXT_FIELDS = ("preamble", "closing")   # the document's own texts, typed in the section editor
TEXT_NAMES = {"preamble": "Phần mở đầu", "closing": "Câu kết thúc"}


class InvalidDate(ServiceError, ValueError):
    """A day that does not exist (31/02); the message is Vietnamese."""


def check_date(year: int | None, month: int | None, day: int | None) -> DocDate:
    """A DocDate, or InvalidDate with a message the officer understands."""
    if day is not None and month is not None:
        last = calendar.monthrange(year or 2000, month)[1]  # no year: allow 29/02
        if day > last:
            when = f"tháng {month} năm {year}" if year else f"tháng {month}"
            raise InvalidDate(f"Ngày {day:02d} tháng {month:02d}{f' năm {year}' if year else ''} không có thật: "
                              f"{when} chỉ có {last} ngày. Ngày tháng này chưa được lưu; hãy chọn lại ngày hoặc tháng.")
    return DocDate(year, month, day)


def frame_of(report: Report) -> dict[str, Any]:
    """The owned fields of `report`, copied."""
    out: dict[str, Any] = {f: getattr(report.meta, f) for f in META_FIELDS}
    out["signer"] = copy.deepcopy(report.signer)
    out["recipients"] = copy.deepcopy(report.recipients)
    out["period"] = report.period
    return out


def write_frame(service: ReportService, report_id: int, frame: dict[str, Any],
                seen: dict[str, Any] | None = None) -> dict[str, Any]:
    """Write some owned fields onto the stored report, leaving every other field as it is now
    (read and written in one transaction: another program's change to another field stays). With
    `seen` (those fields as the officer saw them), refused with `ConcurrentChange` when another
    program changed one of them meanwhile to something else. Returns the opening and closing texts
    a change of period renamed, as they were: an undo writes them back (naming the old period
    again would also rename a sentence that named the new one before, "so với năm 2025")."""
    renamed: dict[str, Any] = {}

    def edit(report: Report) -> None:
        renamed.clear()   # edit_report may read and try again
        if seen is not None:
            stored = {k: getattr(report.meta, k) if k in META_FIELDS or k in TEXT_FIELDS else getattr(report, k)
                      for k in frame if k in seen}
            if any(stored[k] not in (seen[k], frame[k]) for k in stored):
                raise ConcurrentChange(TEXT_NAMES.get(next(iter(frame)), "Thông tin văn bản")
                                       if len(frame) == 1 else "Thông tin văn bản")
        if "period" in frame and frame["period"] != report.period:
            renamed.update(name_the_period(report, report.period, frame["period"]))
        for key, value in frame.items():
            if key in META_FIELDS or key in TEXT_FIELDS:
                setattr(report.meta, key, value)
            elif key in FRAME_FIELDS:
                setattr(report, key, copy.deepcopy(value))
            else:
                raise ServiceError(f"Trường “{key}” không có trong thông tin văn bản.")
    service.edit_report(report_id, edit)
    return renamed


def name_the_period(report: Report, old: Period, new: Period) -> dict[str, Any]:
    """The opening and closing sentences that name the old period ("… nhiệm vụ năm 2026 như sau:",
    written from the kind's {period} when the report was made) name the new one: a corrected
    period, or a copy made for another one, leaves no sentence saying the other. Returns the texts
    it changed, as they were."""
    said = _Mention(old.label)
    before: dict[str, Any] = {}
    for key in TEXT_FIELDS:
        text, count = replace_rich(getattr(report.meta, key), said, new.label)
        if count:
            before[key] = getattr(report.meta, key)
            setattr(report.meta, key, text)
    return before


@dataclass(frozen=True)
class _Mention(Query):
    """A period's label where it names that period: whole words, case as written, and a year not
    as the end of a half-year's label ("năm 2026" in "6 tháng đầu năm 2026" names the half-year)."""

    @cached_property
    def regex(self) -> re.Pattern[str]:
        return re.compile(rf"(?<!tháng đầu )(?<!tháng cuối )(?<!\w){re.escape(self.text)}(?!\w)")


def renamed_period(text: str, old: Period, new: Period) -> str:
    """`text` (a subject) with each mention of period `old` naming `new` instead."""
    return replace_text(text, _Mention(old.label), new.label)[0]
