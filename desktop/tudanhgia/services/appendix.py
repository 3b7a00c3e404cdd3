"""The appendix table kept from an imported report (Report.appendix_table): replaced as a whole by
the window's edits (each one an undo step holding the table before and after), or dropped.

A write carries the table the officer saw (`before`): when another program changed the stored
table meanwhile to something else, it is refused (ConcurrentChange) rather than overwritten. The
table this service itself wrote last counts as seen: the window merges a burst of typing into one
undo step, whose undo carries the burst's first table as `before` while the store holds its last."""
from __future__ import annotations

import copy
import weakref
from typing import TYPE_CHECKING

from ..domain.appendix import cleaned, same
from ..domain.model import AppendixTable
from ..errors import ConcurrentChange, ServiceError

if TYPE_CHECKING:
    from .reports import ReportService

WHAT = "Bảng phụ lục"
UNSEEN = object()   # `before` not given: written as asked (the command line reads and writes in one go)

# service → report id → the table it wrote last (None: dropped)
_written: weakref.WeakKeyDictionary[ReportService, dict[int, AppendixTable | None]] = weakref.WeakKeyDictionary()


def set_appendix_table(service: ReportService, report_id: int, table: AppendixTable | None,
                       before: object = UNSEEN) -> AppendixTable | None:
    """Store `table` as the report's kept appendix table (None drops it); returns what was stored
    before. With `before` (the table as the officer saw it, None for none), refused when another
    program changed it meanwhile."""
    new = cleaned(table) if table is not None else None
    if new is not None and not any(c for c in (*new.header, *(c for r in new.rows for c in r))) and not new.rows:
        raise ServiceError("Bảng phụ lục trống; muốn bỏ bảng, hãy chọn “Bỏ bảng phụ lục đã nhập”.")
    mine = _written.setdefault(service, {})
    old: list[AppendixTable | None] = []

    seen = before if isinstance(before, AppendixTable) or before is None else UNSEEN

    def edit(report) -> None:
        stored = report.appendix_table
        if seen is not UNSEEN and not same(stored, seen if isinstance(seen, AppendixTable) else None) \
                and not same(stored, new) and not (report_id in mine and same(stored, mine[report_id])):
            raise ConcurrentChange(WHAT)
        old[:] = [copy.deepcopy(stored)]
        report.appendix_table = copy.deepcopy(new)
    service.edit_report(report_id, edit)
    mine[report_id] = copy.deepcopy(new)
    service.note_change(report_id, indicators=True)   # the appendix page shows it
    return old[0] if old else None


__all__ = ["UNSEEN", "set_appendix_table"]
