"""Baseline schema. Never edit this file: later schema changes add new revisions.

Revision ID: 0001_baseline
Revises: 
Create Date: 2026-11-24 19:11:54.932974
"""
from alembic import op
import sqlalchemy as sa


revision = '0001_baseline'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('app_setting',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(), nullable=False),
    sa.Column('value', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_app_setting')),
    sa.UniqueConstraint('key', name=op.f('uq_app_setting_key'))
    )
    op.create_table('unit_profile',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(), nullable=False),
    sa.Column('parent_agency', sa.String(), nullable=False),
    sa.Column('issuing_agency', sa.String(), nullable=False),
    sa.Column('abbreviation', sa.String(), nullable=False),
    sa.Column('place', sa.String(), nullable=False),
    sa.Column('signer_authority', sa.String(), nullable=False),
    sa.Column('signer_authority_position', sa.String(), nullable=False),
    sa.Column('signer_position', sa.String(), nullable=False),
    sa.Column('signer_name', sa.String(), nullable=False),
    sa.Column('recipients_json', sa.Text(), nullable=False),
    sa.Column('archive', sa.String(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_unit_profile')),
    sa.UniqueConstraint('name', name=op.f('uq_unit_profile_name'))
    )
    op.create_table('report',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind_id', sa.String(), nullable=False),
    sa.Column('kind_name', sa.String(), nullable=False),
    sa.Column('kind_version', sa.String(), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=True),
    sa.Column('unit_name', sa.String(), nullable=False),
    sa.Column('period', sa.String(), nullable=False),
    sa.Column('period_year', sa.Integer(), nullable=False),
    sa.Column('parent_agency', sa.String(), nullable=False),
    sa.Column('issuing_agency', sa.String(), nullable=False),
    sa.Column('number', sa.String(), nullable=False),
    sa.Column('symbol', sa.String(), nullable=False),
    sa.Column('place', sa.String(), nullable=False),
    sa.Column('date_year', sa.Integer(), nullable=True),
    sa.Column('date_month', sa.Integer(), nullable=True),
    sa.Column('date_day', sa.Integer(), nullable=True),
    sa.Column('doc_kind_name', sa.String(), nullable=False),
    sa.Column('subject', sa.String(), nullable=False),
    sa.Column('secrecy', sa.String(), nullable=False),
    sa.Column('urgency', sa.String(), nullable=False),
    sa.Column('preamble_json', sa.Text(), nullable=False),
    sa.Column('closing_json', sa.Text(), nullable=False),
    sa.Column('signer_authority', sa.String(), nullable=False),
    sa.Column('signer_authority_position', sa.String(), nullable=False),
    sa.Column('signer_position', sa.String(), nullable=False),
    sa.Column('signer_name', sa.String(), nullable=False),
    sa.Column('archive', sa.String(), nullable=False),
    sa.Column('classification_style', sa.String(), nullable=False),
    sa.Column('settings_json', sa.Text(), nullable=False),
    sa.Column('source_report_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['source_report_id'], ['report.id'], name=op.f('fk_report_source_report_id_report'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['unit_id'], ['unit_profile.id'], name=op.f('fk_report_unit_id_unit_profile'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_report'))
    )
    with op.batch_alter_table('report', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_report_deleted_at'), ['deleted_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_report_period_year'), ['period_year'], unique=False)
        batch_op.create_index(batch_op.f('ix_report_unit_id'), ['unit_id'], unique=False)

    op.create_table('indicator',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('report_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('name', sa.Text(), nullable=False),
    sa.Column('unit', sa.String(), nullable=False),
    sa.Column('value', sa.Float(), nullable=True),
    sa.Column('denominator', sa.Float(), nullable=True),
    sa.ForeignKeyConstraint(['report_id'], ['report.id'], name=op.f('fk_indicator_report_id_report'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_indicator'))
    )
    with op.batch_alter_table('indicator', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_indicator_report_id'), ['report_id'], unique=False)

    op.create_table('recipient',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('report_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('purpose', sa.String(), nullable=False),
    sa.ForeignKeyConstraint(['report_id'], ['report.id'], name=op.f('fk_recipient_report_id_report'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_recipient'))
    )
    with op.batch_alter_table('recipient', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_recipient_report_id'), ['report_id'], unique=False)

    op.create_table('section',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('report_id', sa.Integer(), nullable=False),
    sa.Column('parent_id', sa.Integer(), nullable=True),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(), nullable=True),
    sa.Column('heading', sa.Text(), nullable=False),
    sa.Column('body_json', sa.Text(), nullable=False),
    sa.Column('guidance_json', sa.Text(), nullable=False),
    sa.Column('rating_scale', sa.String(), nullable=True),
    sa.Column('rating', sa.String(), nullable=True),
    sa.Column('max_score', sa.Float(), nullable=True),
    sa.Column('score', sa.Float(), nullable=True),
    sa.Column('content', sa.String(), nullable=True),
    sa.Column('optional', sa.Boolean(), nullable=False),
    sa.Column('fixed', sa.Boolean(), nullable=False),
    sa.Column('number_style', sa.String(), nullable=True),
    sa.Column('content_label', sa.String(), nullable=False),
    sa.Column('measure_label', sa.String(), nullable=False),
    sa.ForeignKeyConstraint(['parent_id'], ['section.id'], name=op.f('fk_section_parent_id_section'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['report_id'], ['report.id'], name=op.f('fk_section_report_id_report'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_section'))
    )
    with op.batch_alter_table('section', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_section_parent_id'), ['parent_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_section_report_id'), ['report_id'], unique=False)

    op.create_table('limitation',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('report_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('text_json', sa.Text(), nullable=False),
    sa.Column('cause_subjective_json', sa.Text(), nullable=False),
    sa.Column('cause_objective_json', sa.Text(), nullable=False),
    sa.Column('concerns_section_id', sa.Integer(), nullable=True),
    sa.Column('origin_period', sa.String(), nullable=True),
    sa.Column('raised_by', sa.Text(), nullable=False),
    sa.Column('source_limitation_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['concerns_section_id'], ['section.id'], name=op.f('fk_limitation_concerns_section_id_section'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['report_id'], ['report.id'], name=op.f('fk_limitation_report_id_report'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['source_limitation_id'], ['limitation.id'], name=op.f('fk_limitation_source_limitation_id_limitation'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_limitation'))
    )
    with op.batch_alter_table('limitation', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_limitation_report_id'), ['report_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_limitation_source_limitation_id'), ['source_limitation_id'], unique=False)

    op.create_table('measure',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('report_id', sa.Integer(), nullable=False),
    sa.Column('limitation_id', sa.Integer(), nullable=True),
    sa.Column('section_id', sa.Integer(), nullable=True),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('content_json', sa.Text(), nullable=False),
    sa.Column('measure_json', sa.Text(), nullable=False),
    sa.Column('directed_by', sa.Text(), nullable=False),
    sa.Column('lead_unit', sa.Text(), nullable=False),
    sa.Column('cooperating', sa.Text(), nullable=False),
    sa.Column('timeframe', sa.Text(), nullable=False),
    sa.Column('due_date', sa.Date(), nullable=True),
    sa.Column('status', sa.String(), nullable=False),
    sa.Column('result', sa.Text(), nullable=False),
    sa.Column('source_measure_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['limitation_id'], ['limitation.id'], name=op.f('fk_measure_limitation_id_limitation'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['report_id'], ['report.id'], name=op.f('fk_measure_report_id_report'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['section_id'], ['section.id'], name=op.f('fk_measure_section_id_section'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['source_measure_id'], ['measure.id'], name=op.f('fk_measure_source_measure_id_measure'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_measure'))
    )
    with op.batch_alter_table('measure', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_measure_limitation_id'), ['limitation_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_measure_report_id'), ['report_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_measure_source_measure_id'), ['source_measure_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('measure', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_measure_source_measure_id'))
        batch_op.drop_index(batch_op.f('ix_measure_report_id'))
        batch_op.drop_index(batch_op.f('ix_measure_limitation_id'))

    op.drop_table('measure')
    with op.batch_alter_table('limitation', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_limitation_source_limitation_id'))
        batch_op.drop_index(batch_op.f('ix_limitation_report_id'))

    op.drop_table('limitation')
    with op.batch_alter_table('section', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_section_report_id'))
        batch_op.drop_index(batch_op.f('ix_section_parent_id'))

    op.drop_table('section')
    with op.batch_alter_table('recipient', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_recipient_report_id'))

    op.drop_table('recipient')
    with op.batch_alter_table('indicator', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_indicator_report_id'))

    op.drop_table('indicator')
    with op.batch_alter_table('report', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_report_unit_id'))
        batch_op.drop_index(batch_op.f('ix_report_period_year'))
        batch_op.drop_index(batch_op.f('ix_report_deleted_at'))

    op.drop_table('report')
    op.drop_table('unit_profile')
    op.drop_table('app_setting')
