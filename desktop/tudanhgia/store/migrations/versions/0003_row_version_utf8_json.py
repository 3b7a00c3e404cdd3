"""Row versions for optimistic concurrency, and rich text JSON stored as UTF-8.

`version` on report, section, limitation and measure counts the writes to the row (SQLAlchemy's
version_id_col): an update that carries the version it read learns that another program (the
command line's Excel import, a second window) changed the row meanwhile.

The rich text columns held ASCII-escaped JSON ("\\u1ec7" for "ệ": 1.5× the UTF-8 size of a
Vietnamese text). They are rewritten as UTF-8; code points SQLite's UTF-8 cannot hold (lone
surrogates) stay escaped, exactly as RichText.to_json writes them from now on. Existing rows keep
version 1: a migration is not an edit.

Revision ID: 0003_row_version_utf8_json
Revises: 0002_export_record
"""
import json
import re

import sqlalchemy as sa
from alembic import op

revision = "0003_row_version_utf8_json"
down_revision = "0002_export_record"
branch_labels = None
depends_on = None

VERSIONED = ("report", "section", "limitation", "measure")
RICH_COLUMNS = {
    "report": ("preamble_json", "closing_json"),
    "section": ("body_json", "guidance_json"),
    "limitation": ("text_json", "cause_subjective_json", "cause_objective_json"),
    "measure": ("content_json", "measure_json"),
}
_SURROGATE = re.compile("[\ud800-\udfff]")


def _reencode(text: str, ensure_ascii: bool) -> str:
    # frozen copy of RichText.to_json's encoding: migrations do not import the domain
    out = json.dumps(json.loads(text), ensure_ascii=ensure_ascii, separators=(",", ":"))
    return out if ensure_ascii else _SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", out)


def _convert(ensure_ascii: bool) -> None:
    conn = op.get_bind()
    for table, columns in RICH_COLUMNS.items():
        cols = ", ".join(columns)
        rows = conn.exec_driver_sql(f"SELECT id, {cols} FROM {table}").fetchall()
        sets = ", ".join(f"{c} = ?" for c in columns)
        changed = []
        for row in rows:
            values = [_reencode(v, ensure_ascii) if v else v for v in row[1:]]
            if values != list(row[1:]):
                changed.append((*values, row[0]))
        if changed:
            conn.exec_driver_sql(f"UPDATE {table} SET {sets} WHERE id = ?", changed)


def upgrade() -> None:
    for table in VERSIONED:
        # a plain ALTER TABLE … ADD COLUMN: no copy of the table
        op.add_column(table, sa.Column("version", sa.Integer(), nullable=False, server_default="1"))
    _convert(ensure_ascii=False)


def downgrade() -> None:
    _convert(ensure_ascii=True)
    for table in VERSIONED:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column("version")
