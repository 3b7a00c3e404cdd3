"""Use cases called by the UI and the CLI."""
from .reports import NotFound, ReportService, ReportSummary, ServiceError

__all__ = ["NotFound", "ReportService", "ReportSummary", "ServiceError"]
