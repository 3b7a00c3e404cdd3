"""Use cases called by the UI and the CLI."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .reports import NotFound, ReportService, ReportSummary, ServiceError

__all__ = ["NotFound", "ReportService", "ReportSummary", "ServiceError"]


def __getattr__(name: str) -> Any:
    # loaded when first asked for: a use case module of its own (the command line's export,
    # services/direct.py) runs without the service's SQLAlchemy
    if name in __all__:
        from . import reports
        return getattr(reports, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
