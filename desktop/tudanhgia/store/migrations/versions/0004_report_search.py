"""The full-text index of the report texts (FTS5, two contentless tables) and the triggers that
keep it in step with the sections; filled from the sections already there (store/search.py).

Revision ID: 0004_report_search
Revises: 0003_row_version_utf8_json
"""
from alembic import op

from tudanhgia.store import search

revision = "0004_report_search"
down_revision = "0003_row_version_utf8_json"
branch_labels = None
depends_on = None


def upgrade() -> None:
    search.create_index(op.get_bind())


def downgrade() -> None:
    search.drop_index(op.get_bind())
