"""search: outbox and the PostgreSQL backend's documents

Revision ID: 0006_search
Revises: 0001_foundation
Create Date: 2026-11-22 03:10:00

"""
import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

# revision identifiers, used by Alembic.
revision = '0006_search'
down_revision = '0001_foundation'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('search_outbox',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=32), nullable=False),
    sa.Column('object_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_search_outbox'))
    )
    op.create_table('search_document',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=32), nullable=False),
    sa.Column('object_id', sa.Integer(), nullable=False),
    sa.Column('title', sa.Text(), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('category', sa.String(length=40), nullable=False),
    sa.Column('status', sa.String(length=40), nullable=False),
    sa.Column('area_path', sa.String(length=255), nullable=False),
    sa.Column('institution_ids', sa.String(length=255), nullable=False),
    sa.Column('is_published', sa.Boolean(), nullable=False),
    sa.Column('day', sa.Date(), nullable=True),
    sa.Column('digest', sa.String(length=64), nullable=False),
    sa.Column('tokens', sa.Text().with_variant(postgresql.TSVECTOR(), 'postgresql'), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_search_document')),
    sa.UniqueConstraint('kind', 'object_id', name='uq_search_document_kind_object')
    )
    with op.batch_alter_table('search_document', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_search_document_area_path'), ['area_path'], unique=False)
        batch_op.create_index(batch_op.f('ix_search_document_kind'), ['kind'], unique=False)
    op.create_index('ix_search_document_tokens', 'search_document', ['tokens'], unique=False,
                    postgresql_using='gin')


def downgrade():
    op.drop_index('ix_search_document_tokens', table_name='search_document')
    with op.batch_alter_table('search_document', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_search_document_kind'))
        batch_op.drop_index(batch_op.f('ix_search_document_area_path'))
    op.drop_table('search_document')
    op.drop_table('search_outbox')
