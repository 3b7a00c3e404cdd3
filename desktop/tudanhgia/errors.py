"""Errors shown to the officer (Vietnamese messages), importable without the heavy layers."""


class ServiceError(Exception):
    """A refused request; the message is Vietnamese, for the user."""


class NotFound(ServiceError):
    pass


class XlsxError(ServiceError):
    """An Excel file that cannot be written or read; the message is Vietnamese, for the user."""
