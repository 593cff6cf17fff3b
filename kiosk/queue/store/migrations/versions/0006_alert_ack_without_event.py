"""alert_ack.event_id dropped: the acknowledgement's event is the action's last statement

An action's event is appended last, so the writers the event log orders wait on each
other as briefly as possible; an acknowledgement row written before its event cannot
hold the event's id. The event (alert_acknowledged, with the key) stays the record.

Revision ID: 0006
Revises: 0005
"""
import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("alert_ack") as batch:
        batch.drop_column("event_id")


def downgrade() -> None:
    with op.batch_alter_table("alert_ack") as batch:
        batch.add_column(sa.Column("event_id", sa.BigInteger().with_variant(
            sa.Integer(), "sqlite"), nullable=False, server_default="0"))
