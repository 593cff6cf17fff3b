"""What leaves the hall: call reminders left for a ticket, and the outbox of messages
(text messages, rating reports) waiting for their sender."""
from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import Date, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from kiosk.queue.store.models.base import Base, BigId


class Reminder(Base):
    """到号提醒: a phone left for one ticket. The number itself is kept only sealed
    (encrypted with the hall key) until the day is over; matching uses the keyed hash."""

    __tablename__ = "reminder"
    __table_args__ = (UniqueConstraint("ticket_id"),
                      Index("ix_reminder_day_phone", "hall_id", "day", "phone_hash"))
    id: Mapped[int] = mapped_column(primary_key=True)
    hall_id: Mapped[int] = mapped_column(ForeignKey("hall.id"))
    ticket_id: Mapped[int] = mapped_column(BigId, ForeignKey("ticket.id"))
    day: Mapped[dt.date] = mapped_column(Date)
    phone_masked: Mapped[str] = mapped_column(String(20))
    phone_hash: Mapped[str] = mapped_column(String(80))
    phone_sealed: Mapped[str | None] = mapped_column(Text)
    #: send "N ahead" when this many are ahead; NULL when the citizen joined closer
    ahead: Mapped[int | None]
    ahead_sent_at: Mapped[dt.datetime | None]
    called_sent_at: Mapped[dt.datetime | None]
    created_at: Mapped[dt.datetime]


class Outbox(Base):
    """One message for the outside world, written in the transaction of the action that
    caused it. ``idem_key`` is unique (the same cause never queues twice) and is sent
    along so the receiver can drop a repeat after a lost acknowledgement."""

    __tablename__ = "outbox"
    __table_args__ = (UniqueConstraint("idem_key"),
                      Index("ix_outbox_due", "channel", "state", "next_attempt_at"),
                      Index("ix_outbox_ticket", "channel", "ticket_id"))
    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    hall_id: Mapped[int] = mapped_column(ForeignKey("hall.id"))
    channel: Mapped[str] = mapped_column(String(20))  # "reminder", "province"
    idem_key: Mapped[str] = mapped_column(String(100))
    payload: Mapped[dict[str, Any]]
    recipient_hash: Mapped[str | None] = mapped_column(String(80))  # per-phone rate limit
    ticket_id: Mapped[int | None] = mapped_column(BigId)
    state: Mapped[str] = mapped_column(String(12), default="pending",
                                       server_default="pending")  # pending|sent|failed|dropped
    attempts: Mapped[int] = mapped_column(default=0, server_default="0")
    next_attempt_at: Mapped[dt.datetime]
    claimed_until: Mapped[dt.datetime | None]
    last_error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[dt.datetime]
    sent_at: Mapped[dt.datetime | None]
    #: the receiver's acknowledgement id (the 好差评 platform's, migration 0013)
    ack_id: Mapped[str | None] = mapped_column(String(100))
