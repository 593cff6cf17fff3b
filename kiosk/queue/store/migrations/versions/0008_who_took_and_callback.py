"""Who took a ticket, how its priority was checked, and a rating's 回访 phone

- ticket.person_hash: a keyed hash of the ID number read at the kiosk, only to count a
  person's tickets a day (per-person limit); never the number.
- ticket.holder_masked: the card holder's masked name (张*) for the window's greeting.
- ticket.priority_check: how a 绿色通道 ticket earned its place: "claimed" (the
  citizen said so at the kiosk; the window checks), "confirmed" or "by_age" (the ID
  card's birth date); NULL for ordinary tickets.
- rating.callback_phone_masked / callback_phone_hash: the phone a dissatisfied citizen
  left for a call back, stored like the booking phones (masked, keyed hash).

Revision ID: 0008
Revises: 0007
"""
import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("ticket", sa.Column("person_hash", sa.String(80), nullable=True))
    op.add_column("ticket", sa.Column("holder_masked", sa.String(40), nullable=True))
    op.add_column("ticket", sa.Column("priority_check", sa.String(12), nullable=True))
    op.create_index("ix_ticket_person", "ticket", ["hall_id", "day", "person_hash"])
    op.add_column("rating", sa.Column("callback_phone_masked", sa.String(20), nullable=True))
    op.add_column("rating", sa.Column("callback_phone_hash", sa.String(80), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("rating") as batch:
        batch.drop_column("callback_phone_hash")
        batch.drop_column("callback_phone_masked")
    op.drop_index("ix_ticket_person", table_name="ticket")
    with op.batch_alter_table("ticket") as batch:
        batch.drop_column("priority_check")
        batch.drop_column("holder_masked")
        batch.drop_column("person_hash")
