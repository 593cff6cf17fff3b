"""A queue's ID card rules: 刷身份证取号 required/optional/off and a per-person daily limit

- service.id_card: "required" (no ticket without a card), "optional" or "off" (the
  card is not used for this queue); existing queues: off.
- service.per_person_daily_limit: tickets one person (counted by the keyed hash of the
  ID number, ticket.person_hash of 0008) may take in the queue a day; 0 = unlimited.

Revision ID: 0010
Revises: 0009
"""
import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("service", sa.Column("id_card", sa.String(8), nullable=False,
                                       server_default="off"))
    op.add_column("service", sa.Column("per_person_daily_limit", sa.Integer(),
                                       nullable=False, server_default="0"))


def downgrade() -> None:
    with op.batch_alter_table("service") as batch:
        batch.drop_column("per_person_daily_limit")
        batch.drop_column("id_card")
