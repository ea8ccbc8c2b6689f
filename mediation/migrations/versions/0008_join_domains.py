"""join the domain branches

Revision ID: 0008_join_domains
Revises: 0005_deliberations, 0006_search, 0007_referrals
Create Date: 2026-11-22 03:30:16.842365

"""


# revision identifiers, used by Alembic.
revision = '0008_join_domains'
down_revision = ('0005_deliberations', '0006_search', '0007_referrals')
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
