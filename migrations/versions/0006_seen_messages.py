"""seen WhatsApp message ids (hashes), so replay protection survives a restart

Revision ID: 0006_seen_messages
Revises: 0005_fact_revisions
Create Date: 2026-12-01 10:40:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0006_seen_messages'
down_revision = '0005_fact_revisions'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('seen_messages',
    sa.Column('id_hash', sa.String(length=64), nullable=False),
    sa.Column('seen_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id_hash', name=op.f('pk_seen_messages'))
    )
    with op.batch_alter_table('seen_messages', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_seen_messages_seen_at'), ['seen_at'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('seen_messages', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_seen_messages_seen_at'))
    op.drop_table('seen_messages')
