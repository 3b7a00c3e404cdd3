"""The export history of each report (path, time, file hash, user).

Revision ID: 0002_export_record
Revises: 0001_baseline
"""
from alembic import op
import sqlalchemy as sa

revision = "0002_export_record"
down_revision = "0001_baseline"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "export_record",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("report_id", sa.Integer(), nullable=False),
        sa.Column("format", sa.String(), nullable=False),
        sa.Column("path", sa.Text(), nullable=False),
        sa.Column("sha256", sa.String(), nullable=False),
        sa.Column("exported_at", sa.DateTime(), nullable=False),
        sa.Column("user", sa.String(), nullable=False),
        sa.ForeignKeyConstraint(["report_id"], ["report.id"], name=op.f("fk_export_record_report_id_report"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_export_record")),
    )
    with op.batch_alter_table("export_record", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_export_record_report_id"), ["report_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("export_record", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_export_record_report_id"))
    op.drop_table("export_record")
