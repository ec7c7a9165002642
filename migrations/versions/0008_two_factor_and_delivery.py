"""two-factor login for staff (TOTP, recovery codes, half-finished sessions); WhatsApp delivery
of handover replies (encrypted contact, the 24-hour window, announced replies); handover
statistics without ids

Revision ID: 0008_two_factor_and_delivery
Revises: 0007_handovers
Create Date: 2026-12-01 14:40:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0008_two_factor_and_delivery'
down_revision = '0007_handovers'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('staff_users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('totp_secret', sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column('totp_last_step', sa.Integer(), nullable=True))
    with op.batch_alter_table('staff_sessions', schema=None) as batch_op:
        batch_op.add_column(sa.Column('pending', sa.String(length=10), nullable=True))
        batch_op.add_column(sa.Column('enrol_secret', sa.String(length=64), nullable=True))
    op.create_table('staff_recovery_codes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('code_hash', sa.String(length=64), nullable=False),
    sa.Column('used_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['user_id'], ['staff_users.id'],
                            name=op.f('fk_staff_recovery_codes_user_id_staff_users'),
                            ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_staff_recovery_codes'))
    )
    with op.batch_alter_table('staff_recovery_codes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_staff_recovery_codes_user_id'), ['user_id'])
    with op.batch_alter_table('handovers', schema=None) as batch_op:
        batch_op.add_column(sa.Column('contact', sa.String(length=300), nullable=True))
        batch_op.add_column(sa.Column('last_worker_at', sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column('stats_id', sa.Integer(), nullable=True))
    with op.batch_alter_table('handover_replies', schema=None) as batch_op:
        batch_op.add_column(sa.Column('announced_at', sa.DateTime(), nullable=True))
    op.create_table('handover_stats',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('week', sa.String(length=8), nullable=False),
    sa.Column('region', sa.String(length=100), nullable=False),
    sa.Column('language', sa.String(length=5), nullable=False),
    sa.Column('channel', sa.String(length=20), nullable=False),
    sa.Column('first_reply_minutes', sa.Integer(), nullable=True),
    sa.Column('within_working_day', sa.Integer(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_handover_stats'))
    )
    with op.batch_alter_table('handover_stats', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_handover_stats_week'), ['week'])


def downgrade() -> None:
    op.drop_table('handover_stats')
    with op.batch_alter_table('handover_replies', schema=None) as batch_op:
        batch_op.drop_column('announced_at')
    with op.batch_alter_table('handovers', schema=None) as batch_op:
        batch_op.drop_column('stats_id')
        batch_op.drop_column('last_worker_at')
        batch_op.drop_column('contact')
    op.drop_table('staff_recovery_codes')
    with op.batch_alter_table('staff_sessions', schema=None) as batch_op:
        batch_op.drop_column('enrol_secret')
        batch_op.drop_column('pending')
    with op.batch_alter_table('staff_users', schema=None) as batch_op:
        batch_op.drop_column('totp_last_step')
        batch_op.drop_column('totp_secret')
