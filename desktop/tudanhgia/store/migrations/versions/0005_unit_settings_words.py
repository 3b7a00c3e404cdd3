"""Per-unit settings (the document standard a unit issues under, and later choices of a unit) and the
unit's own spelling dictionary (words an officer added, never flagged again).

Revision ID: 0005_unit_settings_words
Revises: 0004_report_search
"""
from alembic import op
import sqlalchemy as sa

revision = "0005_unit_settings_words"
down_revision = "0004_report_search"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("unit_profile", schema=None) as batch_op:
        batch_op.add_column(sa.Column("settings_json", sa.Text(), nullable=False, server_default="{}"))
    op.create_table(
        "dictionary_word",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("word", sa.String(), nullable=False),
        sa.Column("added_at", sa.DateTime(), nullable=False),
        sa.Column("user", sa.String(), nullable=False, server_default=""),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_dictionary_word")),
        sa.UniqueConstraint("word", name=op.f("uq_dictionary_word_word")),
    )


def downgrade() -> None:
    op.drop_table("dictionary_word")
    with op.batch_alter_table("unit_profile", schema=None) as batch_op:
        batch_op.drop_column("settings_json")
