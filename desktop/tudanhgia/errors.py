"""Errors shown to the officer (Vietnamese messages), importable without the heavy layers."""


class ServiceError(Exception):
    """A refused request; the message is Vietnamese, for the user."""


class NotFound(ServiceError):
    pass
