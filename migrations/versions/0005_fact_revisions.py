"""fact revisions: dated facts proposed and approved by staff (four eyes)

Revision ID: 0005_fact_revisions
Revises: 0004_help_point_source_date
Create Date: 2026-12-01 09:30:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0005_fact_revisions'
down_revision = '0004_help_point_source_date'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('fact_revisions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('fact', sa.String(length=40), nullable=False),
    sa.Column('valid_from', sa.Date(), nullable=False),
    sa.Column('valid_until', sa.Date(), nullable=False),
    sa.Column('value', sa.Text(), nullable=False),
    sa.Column('source_url', sa.String(length=500), nullable=False),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('proposed_by', sa.String(length=80), nullable=False),
    sa.Column('proposed_at', sa.DateTime(), nullable=False),
    sa.Column('decided_by', sa.String(length=80), nullable=True),
    sa.Column('decided_at', sa.DateTime(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_fact_revisions'))
    )
    with op.batch_alter_table('fact_revisions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_fact_revisions_fact'), ['fact'], unique=False)
        batch_op.create_index(batch_op.f('ix_fact_revisions_status'), ['status'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('fact_revisions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_fact_revisions_status'))
        batch_op.drop_index(batch_op.f('ix_fact_revisions_fact'))
    op.drop_table('fact_revisions')
