"""handovers to the informatiepunt team: questions, staff replies, an audit without text, and the
regions a staff member answers for

Revision ID: 0007_handovers
Revises: 0006_seen_messages
Create Date: 2026-12-01 12:40:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0007_handovers'
down_revision = '0006_seen_messages'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('handovers',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('public_id', sa.String(length=32), nullable=False),
    sa.Column('conversation', sa.String(length=128), nullable=False),
    sa.Column('channel', sa.String(length=20), nullable=False),
    sa.Column('language', sa.String(length=5), nullable=False),
    sa.Column('region', sa.String(length=100), nullable=False),
    sa.Column('question', sa.Text(), nullable=False),
    sa.Column('transcript', sa.Text(), nullable=True),
    sa.Column('status', sa.String(length=12), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('assigned_to', sa.String(length=80), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_handovers')),
    sa.UniqueConstraint('public_id', name=op.f('uq_handovers_public_id'))
    )
    with op.batch_alter_table('handovers', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_handovers_conversation'), ['conversation'])
        batch_op.create_index(batch_op.f('ix_handovers_region'), ['region'])
        batch_op.create_index(batch_op.f('ix_handovers_status'), ['status'])
    op.create_table('handover_replies',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('handover_id', sa.Integer(), nullable=False),
    sa.Column('staff', sa.String(length=80), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('delivered_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['handover_id'], ['handovers.id'],
                            name=op.f('fk_handover_replies_handover_id_handovers'),
                            ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_handover_replies'))
    )
    with op.batch_alter_table('handover_replies', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_handover_replies_handover_id'), ['handover_id'])
    op.create_table('handover_audit',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('handover_public_id', sa.String(length=32), nullable=False),
    sa.Column('staff', sa.String(length=80), nullable=False),
    sa.Column('action', sa.String(length=20), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_handover_audit'))
    )
    with op.batch_alter_table('handover_audit', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_handover_audit_handover_public_id'),
                              ['handover_public_id'])
    with op.batch_alter_table('staff_users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('regions', sa.String(length=1000), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('staff_users', schema=None) as batch_op:
        batch_op.drop_column('regions')
    op.drop_table('handover_audit')
    op.drop_table('handover_replies')
    op.drop_table('handovers')
