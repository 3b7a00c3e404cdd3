"""Versions of a report (snapshots kept at every export and on demand, their parts stored once per
report by content hash, zlib-compressed) and the issued state's history (issued with the DOCX's
SHA-256, unlocked with a reason).

Revision ID: 0006_report_versions
Revises: 0005_unit_settings_words
"""
from alembic import op
import sqlalchemy as sa

revision = "0006_report_versions"
down_revision = "0005_unit_settings_words"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "version_blob",
        sa.Column("report_id", sa.Integer(), nullable=False),
        sa.Column("hash", sa.String(), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(["report_id"], ["report.id"], name=op.f("fk_version_blob_report_id_report"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("report_id", "hash", name=op.f("pk_version_blob")),
    )
    op.create_table(
        "report_version",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("report_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False, server_default=""),
        sa.Column("reason", sa.String(), nullable=False, server_default=""),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("user", sa.String(), nullable=False, server_default=""),
        sa.Column("manifest", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(["report_id"], ["report.id"], name=op.f("fk_report_version_report_id_report"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_report_version")),
        sa.UniqueConstraint("report_id", "number", name=op.f("uq_report_version_report_id")),
    )
    op.create_table(
        "report_issue_event",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("report_id", sa.Integer(), nullable=False),
        sa.Column("action", sa.String(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("user", sa.String(), nullable=False, server_default=""),
        sa.Column("reason", sa.Text(), nullable=False, server_default=""),
        sa.Column("number", sa.String(), nullable=False, server_default=""),
        sa.Column("date", sa.String(), nullable=False, server_default=""),
        sa.Column("docx_sha256", sa.String(), nullable=False, server_default=""),
        sa.Column("docx_path", sa.Text(), nullable=False, server_default=""),
        sa.Column("version_number", sa.Integer()),
        sa.ForeignKeyConstraint(["report_id"], ["report.id"],
                                name=op.f("fk_report_issue_event_report_id_report"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_report_issue_event")),
    )
    with op.batch_alter_table("report_issue_event", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_report_issue_event_report_id"), ["report_id"], unique=False)


def downgrade() -> None:
    op.drop_table("report_issue_event")
    op.drop_table("report_version")
    op.drop_table("version_blob")
