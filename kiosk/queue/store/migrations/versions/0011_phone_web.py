"""The citizen's phone (issue 15): ticket pages, reminders, phone ratings, booking rules,
remote tickets, and the outbox that carries messages out of the hall.

- ticket.web_token / appointment.web_token: the unguessable token in the URL of a
  ticket's or booking's phone page (>= 128 bits, URL-safe); NULL for older rows.
- appointment.person_hash: keyed hash of the booker's ID number (one booking per person
  per day); appointment.cancelled_at.
- rating.channel: where the rating came from: "pad" (评价器, existing rows) or "phone"
  (二维码, the ticket's page).
- service: remind_ahead (N for the "N people ahead" reminder), remote_ticket (a ticket
  may be taken from the phone), remote_daily_per_phone, booking_share (percent of the
  daily limit bookings may take), booking_slot_minutes, booking_slot_capacity.
- reminder: a phone left for one ticket's reminders: masked, keyed hash, and the number
  sealed (encrypted with the hall key) until the day is over.
- outbox: messages to the outside world, written in the transaction of the action that
  causes them and delivered by a sender with retries and an idempotency key.

Revision ID: 0011
Revises: 0010
"""
import sqlalchemy as sa
from alembic import op

from kiosk.queue.store.column_types import UTCDateTime

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

BigId = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    with op.batch_alter_table("ticket") as batch:
        batch.add_column(sa.Column("web_token", sa.String(32)))
        batch.create_unique_constraint("uq_ticket_web_token", ["web_token"])
    with op.batch_alter_table("appointment") as batch:
        batch.add_column(sa.Column("web_token", sa.String(32)))
        batch.add_column(sa.Column("person_hash", sa.String(80)))
        batch.add_column(sa.Column("cancelled_at", UTCDateTime(timezone=True)))
        batch.create_unique_constraint("uq_appointment_web_token", ["web_token"])
    op.create_index("ix_appointment_person", "appointment", ["hall_id", "person_hash", "day"])
    op.add_column("rating", sa.Column("channel", sa.String(12), nullable=False,
                                      server_default="pad"))
    for name, column in (
            ("remind_ahead", sa.Column("remind_ahead", sa.Integer(), nullable=False,
                                       server_default="3")),
            ("remote_ticket", sa.Column("remote_ticket", sa.Boolean(), nullable=False,
                                        server_default=sa.false())),
            ("remote_daily_per_phone", sa.Column("remote_daily_per_phone", sa.Integer(),
                                                 nullable=False, server_default="1")),
            ("booking_share", sa.Column("booking_share", sa.Integer(), nullable=False,
                                        server_default="30")),
            ("booking_slot_minutes", sa.Column("booking_slot_minutes", sa.Integer(),
                                               nullable=False, server_default="30")),
            ("booking_slot_capacity", sa.Column("booking_slot_capacity", sa.Integer(),
                                                nullable=False, server_default="4"))):
        op.add_column("service", column)
    op.create_table(
        "reminder",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("hall_id", sa.Integer(), sa.ForeignKey("hall.id"), nullable=False),
        sa.Column("ticket_id", BigId, sa.ForeignKey("ticket.id"), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("phone_masked", sa.String(20), nullable=False),
        sa.Column("phone_hash", sa.String(80), nullable=False),
        sa.Column("phone_sealed", sa.Text()),
        sa.Column("ahead", sa.Integer()),
        sa.Column("ahead_sent_at", UTCDateTime(timezone=True)),
        sa.Column("called_sent_at", UTCDateTime(timezone=True)),
        sa.Column("created_at", UTCDateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("ticket_id", name="uq_reminder_ticket_id"),
    )
    op.create_index("ix_reminder_day_phone", "reminder", ["hall_id", "day", "phone_hash"])
    op.create_table(
        "outbox",
        sa.Column("id", BigId, primary_key=True, autoincrement=True),
        sa.Column("hall_id", sa.Integer(), sa.ForeignKey("hall.id"), nullable=False),
        sa.Column("channel", sa.String(20), nullable=False),
        sa.Column("idem_key", sa.String(100), nullable=False),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.Column("recipient_hash", sa.String(80)),
        sa.Column("ticket_id", BigId),
        sa.Column("state", sa.String(12), nullable=False, server_default="pending"),
        sa.Column("attempts", sa.Integer(), nullable=False, server_default="0"),
        sa.Column("next_attempt_at", UTCDateTime(timezone=True), nullable=False),
        sa.Column("claimed_until", UTCDateTime(timezone=True)),
        sa.Column("last_error", sa.Text()),
        sa.Column("created_at", UTCDateTime(timezone=True), nullable=False),
        sa.Column("sent_at", UTCDateTime(timezone=True)),
        sa.UniqueConstraint("idem_key", name="uq_outbox_idem_key"),
    )
    op.create_index("ix_outbox_due", "outbox", ["channel", "state", "next_attempt_at"])


def downgrade() -> None:
    op.drop_index("ix_outbox_due", "outbox")
    op.drop_table("outbox")
    op.drop_index("ix_reminder_day_phone", "reminder")
    op.drop_table("reminder")
    with op.batch_alter_table("service") as batch:
        for name in ("booking_slot_capacity", "booking_slot_minutes", "booking_share",
                     "remote_daily_per_phone", "remote_ticket", "remind_ahead"):
            batch.drop_column(name)
    with op.batch_alter_table("rating") as batch:
        batch.drop_column("channel")
    op.drop_index("ix_appointment_person", "appointment")
    with op.batch_alter_table("appointment") as batch:
        batch.drop_constraint("uq_appointment_web_token", type_="unique")
        batch.drop_column("cancelled_at")
        batch.drop_column("person_hash")
        batch.drop_column("web_token")
    with op.batch_alter_table("ticket") as batch:
        batch.drop_constraint("uq_ticket_web_token", type_="unique")
        batch.drop_column("web_token")
