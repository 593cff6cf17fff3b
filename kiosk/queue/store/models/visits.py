"""Citizens' visits: appointments, tickets and their numbering, ratings, the event log,
and the first-inquiry log."""
from __future__ import annotations

import datetime as dt
import enum
from typing import Any

from sqlalchemy import (
    JSON, CheckConstraint, Date, ForeignKey, Index, String, Text, UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship
from kiosk.queue.rules import limits
from kiosk.queue.store.models.base import Base, BigId, enum_column
from kiosk.queue.store.models.hall import Item, Service

class TicketState(str, enum.Enum):
    WAITING = "waiting"
    CALLED = "called"
    SERVING = "serving"
    FINISHED = "finished"
    NO_SHOW = "no_show"
    TRANSFERRED = "transferred"  # waiting again, in the queue it was transferred to
    EXPIRED = "expired"


WAITING_STATES = (TicketState.WAITING, TicketState.TRANSFERRED)
ACTIVE_STATES = (TicketState.CALLED, TicketState.SERVING)


class Outcome(str, enum.Enum):
    COMPLETED = "completed"        # 办结
    ACCEPTED = "accepted"          # 受理 (promised items)
    SUPPLY_LATER = "supply_later"  # 容缺受理: accepted, 容缺 materials to follow
    NOTICE_GIVEN = "notice_given"  # 一次性告知 / 补正
    CONSULTATION = "consultation"  # 咨询
    REJECTED = "rejected"          # 不予受理


class Priority(str, enum.Enum):
    NONE = "none"
    ELDERLY = "elderly"
    DISABLED = "disabled"
    MILITARY = "military"
    PREGNANT = "pregnant"


class AppointmentState(str, enum.Enum):
    BOOKED = "booked"
    CHECKED_IN = "checked_in"
    CANCELLED = "cancelled"
    MISSED = "missed"



class Appointment(Base):
    """预约. Personal data is kept minimal: a name, a masked phone and ID, and hashes
    that let the kiosk find the booking by phone without storing the number."""

    __tablename__ = "appointment"
    __table_args__ = (UniqueConstraint("hall_id", "code"),
                      UniqueConstraint("web_token"),
                      Index("ix_appointment_phone", "hall_id", "phone_hash", "day"),
                      Index("ix_appointment_person", "hall_id", "person_hash", "day"))
    id: Mapped[int] = mapped_column(primary_key=True)
    hall_id: Mapped[int] = mapped_column(ForeignKey("hall.id"))
    code: Mapped[str] = mapped_column(String(20))
    item_id: Mapped[int] = mapped_column(ForeignKey("item.id"))
    day: Mapped[dt.date] = mapped_column(Date)
    slot_start: Mapped[dt.datetime]
    slot_end: Mapped[dt.datetime]
    name: Mapped[str] = mapped_column(String(limits.BOOKING_NAME_MAX))
    phone_masked: Mapped[str] = mapped_column(String(20))
    phone_hash: Mapped[str] = mapped_column(String(64))
    id_number_masked: Mapped[str | None] = mapped_column(String(24))
    state: Mapped[AppointmentState] = mapped_column(
        enum_column(AppointmentState, "appointment_state"), default=AppointmentState.BOOKED)
    checked_in_at: Mapped[dt.datetime | None]
    cancelled_at: Mapped[dt.datetime | None]
    #: the token in the booking's phone page URL (>= 128 bits); NULL for older bookings
    web_token: Mapped[str | None] = mapped_column(String(32))
    #: keyed hash of the booker's ID number: one booking per person per day
    person_hash: Mapped[str | None] = mapped_column(String(80))
    item: Mapped[Item] = relationship()


class TicketCounter(Base):
    """Last number handed out per hall day and prefix; bumped in the issuing transaction,
    so numbers are gap-free and a rolled-back issue gives its number back."""

    __tablename__ = "ticket_counter"
    hall_id: Mapped[int] = mapped_column(ForeignKey("hall.id"), primary_key=True)
    day: Mapped[dt.date] = mapped_column(Date, primary_key=True)
    prefix: Mapped[str] = mapped_column(String(4), primary_key=True)
    last_number: Mapped[int] = mapped_column(default=0)


class Ticket(Base):
    """号票: one citizen visit, from issue to finish, across transfers (一票到底)."""

    __tablename__ = "ticket"
    __table_args__ = (
        UniqueConstraint("hall_id", "day", "prefix", "number", name="uq_ticket_number"),
        # call_next: the waiting tickets of today's queues, in queue order
        Index("ix_ticket_queue", "hall_id", "day", "state", "service_id", "queue_at"),
        Index("ix_ticket_window", "window_id", "state"),
        Index("ix_ticket_finished", "hall_id", "finished_at"),
        # the wait estimate: a queue's latest finished tickets, newest first
        Index("ix_ticket_service_finished", "hall_id", "service_id", "finished_at"),
        # the per-person daily limit: a person's tickets today
        Index("ix_ticket_person", "hall_id", "day", "person_hash"),
        UniqueConstraint("web_token", name="uq_ticket_web_token"),
    )
    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    hall_id: Mapped[int] = mapped_column(ForeignKey("hall.id"))
    day: Mapped[dt.date] = mapped_column(Date)
    prefix: Mapped[str] = mapped_column(String(4))
    number: Mapped[int]
    code: Mapped[str] = mapped_column(String(12))
    service_id: Mapped[int] = mapped_column(ForeignKey("service.id"))
    item_id: Mapped[int | None] = mapped_column(ForeignKey("item.id"))
    priority: Mapped[Priority] = mapped_column(enum_column(Priority, "priority"),
                                               default=Priority.NONE)
    appointment_id: Mapped[int | None] = mapped_column(ForeignKey("appointment.id"))
    due_at: Mapped[dt.datetime | None]  # appointment slot start: served first from then
    state: Mapped[TicketState] = mapped_column(enum_column(TicketState, "ticket_state"),
                                               default=TicketState.WAITING)
    outcome: Mapped[Outcome | None] = mapped_column(enum_column(Outcome, "outcome"))
    issued_at: Mapped[dt.datetime]
    queue_at: Mapped[dt.datetime]  # place in line: issue time, kept on transfer
    called_at: Mapped[dt.datetime | None]
    started_at: Mapped[dt.datetime | None]
    finished_at: Mapped[dt.datetime | None]
    recall_count: Mapped[int] = mapped_column(default=0)
    transfer_count: Mapped[int] = mapped_column(default=0)
    no_show_count: Mapped[int] = mapped_column(default=0)
    target_window_id: Mapped[int | None] = mapped_column(ForeignKey("window.id"))
    window_id: Mapped[int | None] = mapped_column(ForeignKey("window.id"))
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    kiosk: Mapped[str | None] = mapped_column(String(40))
    note: Mapped[str | None] = mapped_column(Text)
    #: keyed hash of the ID number read at the kiosk (rules.personal), never the number
    person_hash: Mapped[str | None] = mapped_column(String(80))
    holder_masked: Mapped[str | None] = mapped_column(String(40))  # 张*, for the greeting
    #: how a 绿色通道 ticket earned it: "claimed" (window checks), "confirmed", "by_age"
    priority_check: Mapped[str | None] = mapped_column(String(12))
    #: the token in the URL of the ticket's phone page (>= 128 bits); NULL for older rows
    web_token: Mapped[str | None] = mapped_column(String(32))
    service: Mapped[Service] = relationship()
    item: Mapped[Item | None] = relationship()


class Rating(Base):
    """好差评: one per ticket. ``level`` is NULL when the citizen did not rate (未评)."""

    __tablename__ = "rating"
    __table_args__ = (
        UniqueConstraint("ticket_id", name="uq_rating_ticket"),
        CheckConstraint("level IS NULL OR (level BETWEEN 1 AND 5)", name="level_range"),
    )
    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    hall_id: Mapped[int] = mapped_column(ForeignKey("hall.id"))
    ticket_id: Mapped[int] = mapped_column(ForeignKey("ticket.id"))
    window_id: Mapped[int | None] = mapped_column(ForeignKey("window.id"))
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    level: Mapped[int | None]
    reasons: Mapped[list[Any]] = mapped_column(JSON, default=list)
    comment: Mapped[str | None] = mapped_column(Text)
    rated_at: Mapped[dt.datetime]
    #: the phone left for 回访 after a poor rating, stored as the booking phones are
    callback_phone_masked: Mapped[str | None] = mapped_column(String(20))
    callback_phone_hash: Mapped[str | None] = mapped_column(String(80))
    #: where the rating came from: "pad" (评价器) or "phone" (the ticket's page, 二维码)
    channel: Mapped[str] = mapped_column(String(12), default="pad", server_default="pad")


class Event(Base):
    """Append-only: the change feed every screen follows and the audit trail (电子监察)."""

    __tablename__ = "event"
    __table_args__ = (Index("ix_event_ticket", "ticket_id"),
                      Index("ix_event_hall_at", "hall_id", "at"))
    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    hall_id: Mapped[int] = mapped_column(ForeignKey("hall.id"))
    at: Mapped[dt.datetime]
    actor: Mapped[str] = mapped_column(String(60))
    action: Mapped[str] = mapped_column(String(40))
    ticket_id: Mapped[int | None] = mapped_column(BigId)
    window_id: Mapped[int | None]
    payload: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    request_id: Mapped[str | None] = mapped_column(String(64), unique=True)


class FirstInquiry(Base):
    """首问登记: a question answered or referred without a ticket; the first staff asked
    owns it."""

    __tablename__ = "first_inquiry"
    __table_args__ = (Index("ix_first_inquiry_hall_at", "hall_id", "at"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    hall_id: Mapped[int] = mapped_column(ForeignKey("hall.id"))
    at: Mapped[dt.datetime]
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff.id"))
    window_id: Mapped[int | None] = mapped_column(ForeignKey("window.id"))
    question: Mapped[str] = mapped_column(Text)
    answer: Mapped[str | None] = mapped_column(Text)
    referred_to: Mapped[str | None] = mapped_column(
        String(limits.INQUIRY_REFERRED_TO_MAX))

# reports count no-shows and transfers from the event log by action and time
Index("ix_event_hall_action_at", Event.hall_id, Event.action, Event.at)
