"""`Changes` and `ChangeLog` live in domain/changes.py (plain data): the window's first paint
imports them without importing the services package, which loads SQLAlchemy."""
from ..domain.changes import ChangeLog, Changes

__all__ = ["ChangeLog", "Changes"]
