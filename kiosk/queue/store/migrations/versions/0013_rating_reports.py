"""Ratings reported to the provincial 好差评 platform (issue 16).

- outbox.ack_id: the receiver's acknowledgement id of a sent message (the platform's
  id for a rating report), kept for the monthly reconciliation. The outbox row already
  is the report's delivery record (state, attempts, last error, sent time), so a column
  there beats a second table that the deliverer would have to keep in step.
- ix_outbox_ticket: a rating's report is found by its ticket (one rating per ticket).

Revision ID: 0013
Revises: 0012
"""
import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("outbox", sa.Column("ack_id", sa.String(100)))
    op.create_index("ix_outbox_ticket", "outbox", ["channel", "ticket_id"])


def downgrade() -> None:
    op.drop_index("ix_outbox_ticket", "outbox")
    with op.batch_alter_table("outbox") as batch:
        batch.drop_column("ack_id")
