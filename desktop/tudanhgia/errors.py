"""Errors shown to the officer (Vietnamese messages), importable without the heavy layers."""


class ServiceError(Exception):
    """A refused request; the message is Vietnamese, for the user."""


class NotFound(ServiceError):
    pass


class XlsxError(ServiceError):
    """An Excel file that cannot be written or read; the message is Vietnamese, for the user."""


class StorageError(ServiceError):
    """The database refused a write (locked by another program, disk full, read-only file): nothing
    of the request was written; the message is Vietnamese, for the user."""
