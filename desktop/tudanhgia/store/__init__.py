"""SQLite store: schema, migrations, identity checks, rows ⇄ domain, and every query (repository)."""
from .db import (CorruptDatabase, Database, DatabaseError, NewerDatabase, NotOurDatabase, open_database)

__all__ = ["CorruptDatabase", "Database", "DatabaseError", "NewerDatabase", "NotOurDatabase", "open_database"]
