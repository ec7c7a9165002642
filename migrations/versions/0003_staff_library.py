"""staff users, sessions, login failures, answer library and revisions

Revision ID: 0003_staff_library
Revises: 0002_usage_stats
Create Date: 2026-11-25 02:20:50.874628
"""
from alembic import op
import sqlalchemy as sa


revision = '0003_staff_library'
down_revision = '0002_usage_stats'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('library_topics',
    sa.Column('topic', sa.String(length=60), nullable=False),
    sa.Column('last_checked', sa.Date(), nullable=False),
    sa.PrimaryKeyConstraint('topic', name=op.f('pk_library_topics'))
    )
    op.create_table('staff_login_failures',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=64), nullable=False),
    sa.Column('failed_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_staff_login_failures'))
    )
    with op.batch_alter_table('staff_login_failures', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_staff_login_failures_key'), ['key'], unique=False)

    op.create_table('staff_users',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=80), nullable=False),
    sa.Column('password_hash', sa.String(length=200), nullable=False),
    sa.Column('role', sa.String(length=10), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_staff_users')),
    sa.UniqueConstraint('name', name=op.f('uq_staff_users_name'))
    )
    op.create_table('answer_revisions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('topic', sa.String(length=60), nullable=False),
    sa.Column('language', sa.String(length=8), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('proposed_by', sa.String(length=80), nullable=False),
    sa.Column('proposed_at', sa.DateTime(), nullable=False),
    sa.Column('decided_by', sa.String(length=80), nullable=True),
    sa.Column('decided_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['topic'], ['library_topics.topic'], name=op.f('fk_answer_revisions_topic_library_topics')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_answer_revisions')),
    sa.UniqueConstraint('topic', 'language', 'number', name='uq_answer_revisions_topic_language_number')
    )
    with op.batch_alter_table('answer_revisions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_answer_revisions_status'), ['status'], unique=False)
        batch_op.create_index(batch_op.f('ix_answer_revisions_topic'), ['topic'], unique=False)

    op.create_table('library_sources',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('topic', sa.String(length=60), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('url', sa.String(length=500), nullable=True),
    sa.ForeignKeyConstraint(['topic'], ['library_topics.topic'], name=op.f('fk_library_sources_topic_library_topics')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_library_sources'))
    )
    with op.batch_alter_table('library_sources', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_library_sources_topic'), ['topic'], unique=False)

    op.create_table('staff_sessions',
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('csrf_token', sa.String(length=64), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('last_seen', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['staff_users.id'], name=op.f('fk_staff_sessions_user_id_staff_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('token_hash', name=op.f('pk_staff_sessions'))
    )
    with op.batch_alter_table('staff_sessions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_staff_sessions_user_id'), ['user_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('staff_sessions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_staff_sessions_user_id'))

    op.drop_table('staff_sessions')
    with op.batch_alter_table('library_sources', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_library_sources_topic'))

    op.drop_table('library_sources')
    with op.batch_alter_table('answer_revisions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_answer_revisions_topic'))
        batch_op.drop_index(batch_op.f('ix_answer_revisions_status'))

    op.drop_table('answer_revisions')
    op.drop_table('staff_users')
    with op.batch_alter_table('staff_login_failures', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_staff_login_failures_key'))

    op.drop_table('staff_login_failures')
    op.drop_table('library_topics')
