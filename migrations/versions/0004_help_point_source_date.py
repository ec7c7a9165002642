"""help points: the date of the source apart from the day the record was checked

Revision ID: 0004_help_point_source_date
Revises: 0003_staff_library
Create Date: 2026-12-01 09:10:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0004_help_point_source_date'
down_revision = '0003_staff_library'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('help_points', schema=None) as batch_op:
        batch_op.add_column(sa.Column('source_date', sa.Date(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('help_points', schema=None) as batch_op:
        batch_op.drop_column('source_date')
