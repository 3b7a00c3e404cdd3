"""The search index's long sections are re-indexed after the write that changed them, not in it:
the update trigger keeps the values the index holds in `section_search_stale` for a body of 32 K
characters or more (a copy: a few ms for 1 MB, where the re-index cost 100-540 ms of the officer's
typing write), and store/search.refresh_stale brings those rows up to date later (store/search.py).
The index itself is unchanged: in step with the sections, no stale row yet.

Revision ID: 0007_search_stale
Revises: 0006_report_versions
"""
from alembic import op

from tudanhgia.store import search

revision = "0007_search_stale"
down_revision = "0006_report_versions"
branch_labels = None
depends_on = None


def upgrade() -> None:
    search.install_triggers(op.get_bind())


def downgrade() -> None:
    search.legacy_triggers(op.get_bind())
