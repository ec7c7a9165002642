"""regions, municipalities, places, postcodes, help points

Revision ID: 0001
Revises: 
Create Date: 2026-11-25 01:14:56.269289
"""
from alembic import op
import sqlalchemy as sa


revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:

    op.create_table('regions',
    sa.Column('code', sa.String(length=4), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.PrimaryKeyConstraint('code', name=op.f('pk_regions'))
    )
    op.create_table('help_points',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('region_code', sa.String(length=4), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('address', sa.Text(), nullable=False),
    sa.Column('email', sa.String(length=200), nullable=True),
    sa.Column('website', sa.String(length=300), nullable=True),
    sa.Column('phone', sa.String(length=50), nullable=True),
    sa.Column('opening_hours', sa.Text(), nullable=True),
    sa.Column('languages', sa.String(length=50), nullable=True),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('source', sa.String(length=500), nullable=False),
    sa.Column('last_checked', sa.Date(), nullable=False),
    sa.ForeignKeyConstraint(['region_code'], ['regions.code'], name=op.f('fk_help_points_region_code_regions')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_help_points'))
    )
    with op.batch_alter_table('help_points', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_help_points_region_code'), ['region_code'], unique=False)

    op.create_table('municipalities',
    sa.Column('cbs_code', sa.String(length=4), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('region_code', sa.String(length=4), nullable=False),
    sa.ForeignKeyConstraint(['region_code'], ['regions.code'], name=op.f('fk_municipalities_region_code_regions')),
    sa.PrimaryKeyConstraint('cbs_code', name=op.f('pk_municipalities'))
    )
    with op.batch_alter_table('municipalities', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_municipalities_region_code'), ['region_code'], unique=False)

    op.create_table('places',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('municipality_code', sa.String(length=4), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.ForeignKeyConstraint(['municipality_code'], ['municipalities.cbs_code'], name=op.f('fk_places_municipality_code_municipalities')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_places')),
    sa.UniqueConstraint('name', 'municipality_code', name='uq_places_name_municipality')
    )
    with op.batch_alter_table('places', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_places_name'), ['name'], unique=False)

    op.create_table('postcodes',
    sa.Column('pc4', sa.String(length=4), nullable=False),
    sa.Column('municipality_code', sa.String(length=4), nullable=False),
    sa.ForeignKeyConstraint(['municipality_code'], ['municipalities.cbs_code'], name=op.f('fk_postcodes_municipality_code_municipalities')),
    sa.PrimaryKeyConstraint('pc4', 'municipality_code', name=op.f('pk_postcodes'))
    )



def downgrade() -> None:

    op.drop_table('postcodes')
    with op.batch_alter_table('places', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_places_name'))

    op.drop_table('places')
    with op.batch_alter_table('municipalities', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_municipalities_region_code'))

    op.drop_table('municipalities')
    with op.batch_alter_table('help_points', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_help_points_region_code'))

    op.drop_table('help_points')
    op.drop_table('regions')

