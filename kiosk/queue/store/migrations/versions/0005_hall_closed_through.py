"""hall.closed_through: the last hall day closed by itself

The first action of a new hall day closes the earlier days nobody closed; the marker
comes with the hall row every action reads, so that check costs no query.

Revision ID: 0005
Revises: 0004
"""
import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("hall", sa.Column("closed_through", sa.Date(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("hall") as batch:
        batch.drop_column("closed_through")
