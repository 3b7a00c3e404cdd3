"""A report's title from its document fields: the report list's lines are titled with this alone
(the command line's `list` and the start page's first paint load no other domain module)."""
from __future__ import annotations

TYPE_CHECKING = False  # typing itself is ~2 ms of a command's start

if TYPE_CHECKING:
    from .period import Period


def report_title(doc_kind_name: str, subject: str, kind_name: str, period: Period) -> str:
    """'BÁO CÁO' + 'Tự đánh giá … năm 2023' → 'Báo cáo tự đánh giá … năm 2023'."""
    head = " ".join(doc_kind_name.split())
    head = head[:1].upper() + head[1:].lower() if head else (kind_name or "Báo cáo")
    subject = " ".join(subject.split())
    if not subject:
        return f"{kind_name or head} {period.label}"
    return f"{head} {subject[:1].lower()}{subject[1:]}"
