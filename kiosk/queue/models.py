"""The hall's tables, as SQLAlchemy 2 typed mappings.

Names follow the glossary in GUIDE.md. Models hold data and small derived facts only;
every change goes through a service function (``kiosk.queue.actions``).
"""
from __future__ import annotations

import datetime as dt
import enum
from typing import Any

from sqlalchemy import (
    JSON, BigInteger, CheckConstraint, Column, Date, Enum, ForeignKey, Index,
    Integer, MetaData, String, Table, Text, UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from kiosk.queue.types import UTCDateTime

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

# BIGINT on PostgreSQL; INTEGER on SQLite, where only INTEGER PRIMARY KEY autoincrements.
BigId = BigInteger().with_variant(Integer(), "sqlite")


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map = {dict[str, Any]: JSON, list[Any]: JSON, dt.datetime: UTCDateTime}


def _enum(cls: type[enum.Enum], name: str) -> Enum:
    return Enum(cls, name=name, native_enum=False, length=20,
                values_callable=lambda members: [m.value for m in members],
                validate_strings=True)


class ItemKind(str, enum.Enum):
    INSTANT = "instant"      # 即办件
    PROMISED = "promised"    # 承诺件


class MaterialForm(str, enum.Enum):
    ORIGINAL = "original"    # 原件
    COPY = "copy"            # 复印件
    BOTH = "both"            # 原件和复印件


class Role(str, enum.Enum):
    WINDOW = "window"
    MANAGER = "manager"
    ADMIN = "admin"


class WindowState(str, enum.Enum):
    CLOSED = "closed"        # nobody logged in
    OPEN = "open"            # staffed and calling
    PAUSED = "paused"        # 暂停服务 / 临时离岗


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


class Hall(Base):
    __tablename__ = "hall"
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(100))
    timezone: Mapped[str] = mapped_column(String(64), default="Asia/Shanghai")


class HallSetting(Base):
    """A hall-scope option's stored value (see kiosk.settings for the declarations)."""

    __tablename__ = "hall_setting"
    hall_id: Mapped[int] = mapped_column(ForeignKey("hall.id"), primary_key=True)
    name: Mapped[str] = mapped_column(String(80), primary_key=True)
    value: Mapped[Any] = mapped_column(JSON)


class Department(Base):
    __tablename__ = "department"
    __table_args__ = (UniqueConstraint("hall_id", "code"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    hall_id: Mapped[int] = mapped_column(ForeignKey("hall.id"))
    code: Mapped[str] = mapped_column(String(32))
    name: Mapped[str] = mapped_column(String(100))
    sort: Mapped[int] = mapped_column(default=0)
    items: Mapped[list[Item]] = relationship(back_populates="department",
                                             order_by="Item.sort")


service_item = Table(
    "service_item", Base.metadata,
    Column("service_id", ForeignKey("service.id"), primary_key=True),
    Column("item_id", ForeignKey("item.id"), primary_key=True),
)

window_service = Table(
    "window_service", Base.metadata,
    Column("window_id", ForeignKey("window.id"), primary_key=True),
    Column("service_id", ForeignKey("service.id"), primary_key=True),
)


class Item(Base):
    """事项 with its 八公开 guide."""

    __tablename__ = "item"
    __table_args__ = (
        UniqueConstraint("hall_id", "code"),
        CheckConstraint("promised_days <= legal_days", name="promised_within_legal"),
        CheckConstraint("promised_days >= 0", name="promised_not_negative"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    hall_id: Mapped[int] = mapped_column(ForeignKey("hall.id"))
    department_id: Mapped[int] = mapped_column(ForeignKey("department.id"))
    code: Mapped[str] = mapped_column(String(40))
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[ItemKind] = mapped_column(_enum(ItemKind, "item_kind"))
    legal_basis: Mapped[str] = mapped_column(Text)
    conditions: Mapped[str] = mapped_column(Text)
    procedure: Mapped[list[Any]] = mapped_column(JSON)  # ordered steps
    legal_days: Mapped[int]
    promised_days: Mapped[int]
    sample_form: Mapped[str] = mapped_column(Text)
    fees: Mapped[str] = mapped_column(Text)
    contact: Mapped[str | None] = mapped_column(String(100))
    sort: Mapped[int] = mapped_column(default=0)
    active: Mapped[bool] = mapped_column(default=True)
    department: Mapped[Department] = relationship(back_populates="items")
    materials: Mapped[list[Material]] = relationship(
        back_populates="item", order_by="Material.seq", cascade="all, delete-orphan")
    services: Mapped[list[Service]] = relationship(secondary=service_item,
                                                   back_populates="items")


class Material(Base):
    """One entry of an item's 全部材料目录."""

    __tablename__ = "material"
    __table_args__ = (CheckConstraint("copies >= 1", name="copies_positive"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("item.id"))
    seq: Mapped[int]
    name: Mapped[str] = mapped_column(String(200))
    form: Mapped[MaterialForm] = mapped_column(_enum(MaterialForm, "material_form"))
    copies: Mapped[int] = mapped_column(default=1)
    required: Mapped[bool] = mapped_column(default=True)
    may_supply_later: Mapped[bool] = mapped_column(default=False)  # 容缺
    note: Mapped[str | None] = mapped_column(Text)
    item: Mapped[Item] = relationship(back_populates="materials")


class Service(Base):
    """取号业务: a queue with a letter prefix."""

    __tablename__ = "service"
    __table_args__ = (UniqueConstraint("hall_id", "prefix"),
                      CheckConstraint("daily_limit >= 0", name="limit_not_negative"))
    id: Mapped[int] = mapped_column(primary_key=True)
    hall_id: Mapped[int] = mapped_column(ForeignKey("hall.id"))
    prefix: Mapped[str] = mapped_column(String(4))
    name: Mapped[str] = mapped_column(String(100))
    daily_limit: Mapped[int] = mapped_column(default=0)  # 0 = unlimited
    hours: Mapped[dict[str, Any]] = mapped_column(JSON)  # {"weekdays": [...], "periods": [...]}
    active: Mapped[bool] = mapped_column(default=True)
    sort: Mapped[int] = mapped_column(default=0)
    items: Mapped[list[Item]] = relationship(secondary=service_item,
                                             back_populates="services")
    windows: Mapped[list[Window]] = relationship(secondary=window_service,
                                                 back_populates="services")


class Staff(Base):
    __tablename__ = "staff"
    __table_args__ = (UniqueConstraint("hall_id", "staff_no"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    hall_id: Mapped[int] = mapped_column(ForeignKey("hall.id"))
    staff_no: Mapped[str] = mapped_column(String(20))
    name: Mapped[str] = mapped_column(String(50))
    role: Mapped[Role] = mapped_column(_enum(Role, "staff_role"))
    department_id: Mapped[int | None] = mapped_column(ForeignKey("department.id"))
    password_hash: Mapped[str] = mapped_column(String(200))
    failed_logins: Mapped[int] = mapped_column(default=0)
    locked_until: Mapped[dt.datetime | None]
    photo: Mapped[str | None] = mapped_column(String(300))
    active: Mapped[bool] = mapped_column(default=True)


class Window(Base):
    """窗口: a counter, the queues it serves, who sits there now and what it is doing."""

    __tablename__ = "window"
    __table_args__ = (UniqueConstraint("hall_id", "number"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    hall_id: Mapped[int] = mapped_column(ForeignKey("hall.id"))
    number: Mapped[int]
    name: Mapped[str] = mapped_column(String(100))
    department_id: Mapped[int | None] = mapped_column(ForeignKey("department.id"))
    state: Mapped[WindowState] = mapped_column(_enum(WindowState, "window_state"),
                                               default=WindowState.CLOSED)
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    primary_staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))  # A岗
    backup_staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))   # B岗
    signed_in_at: Mapped[dt.datetime | None]
    current_ticket_id: Mapped[int | None] = mapped_column(
        ForeignKey("ticket.id", use_alter=True))
    pause_reason: Mapped[str | None] = mapped_column(String(100))
    paused_at: Mapped[dt.datetime | None]
    pause_back_at: Mapped[dt.datetime | None]
    priority_streak: Mapped[int] = mapped_column(default=0)
    active: Mapped[bool] = mapped_column(default=True)
    services: Mapped[list[Service]] = relationship(secondary=window_service,
                                                   back_populates="windows",
                                                   order_by="Service.prefix")
    staff: Mapped[Staff | None] = relationship(foreign_keys=[staff_id])


class Appointment(Base):
    """预约. Personal data is kept minimal: a name, a masked phone and ID, and hashes
    that let the kiosk find the booking by phone without storing the number."""

    __tablename__ = "appointment"
    __table_args__ = (UniqueConstraint("hall_id", "code"),
                      Index("ix_appointment_phone", "hall_id", "phone_hash", "day"))
    id: Mapped[int] = mapped_column(primary_key=True)
    hall_id: Mapped[int] = mapped_column(ForeignKey("hall.id"))
    code: Mapped[str] = mapped_column(String(20))
    item_id: Mapped[int] = mapped_column(ForeignKey("item.id"))
    day: Mapped[dt.date] = mapped_column(Date)
    slot_start: Mapped[dt.datetime]
    slot_end: Mapped[dt.datetime]
    name: Mapped[str] = mapped_column(String(50))
    phone_masked: Mapped[str] = mapped_column(String(20))
    phone_hash: Mapped[str] = mapped_column(String(64))
    id_number_masked: Mapped[str | None] = mapped_column(String(24))
    state: Mapped[AppointmentState] = mapped_column(
        _enum(AppointmentState, "appointment_state"), default=AppointmentState.BOOKED)
    checked_in_at: Mapped[dt.datetime | None]
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
    )
    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    hall_id: Mapped[int] = mapped_column(ForeignKey("hall.id"))
    day: Mapped[dt.date] = mapped_column(Date)
    prefix: Mapped[str] = mapped_column(String(4))
    number: Mapped[int]
    code: Mapped[str] = mapped_column(String(12))
    service_id: Mapped[int] = mapped_column(ForeignKey("service.id"))
    item_id: Mapped[int | None] = mapped_column(ForeignKey("item.id"))
    priority: Mapped[Priority] = mapped_column(_enum(Priority, "priority"),
                                               default=Priority.NONE)
    appointment_id: Mapped[int | None] = mapped_column(ForeignKey("appointment.id"))
    due_at: Mapped[dt.datetime | None]  # appointment slot start: served first from then
    state: Mapped[TicketState] = mapped_column(_enum(TicketState, "ticket_state"),
                                               default=TicketState.WAITING)
    outcome: Mapped[Outcome | None] = mapped_column(_enum(Outcome, "outcome"))
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
    referred_to: Mapped[str | None] = mapped_column(String(200))


# --- the manager console (issue 6): work calendar, 差评 follow-up, alert acknowledgements


class WorkCalendarDay(Base):
    """An exception to the Monday-Friday week, edited by the manager: a holiday
    (``is_workday`` False) or a make-up workday (调休上班, True). Days without a row
    follow the week. Follow-up deadlines count working days on this calendar."""

    __tablename__ = "work_calendar"
    hall_id: Mapped[int] = mapped_column(ForeignKey("hall.id"), primary_key=True)
    day: Mapped[dt.date] = mapped_column(Date, primary_key=True)
    is_workday: Mapped[bool]
    note: Mapped[str] = mapped_column(String(100), default="")
    set_by: Mapped[str] = mapped_column(String(60))
    set_at: Mapped[dt.datetime]


class FollowupState(str, enum.Enum):
    TO_VERIFY = "to_verify"  # 待核实
    VERIFIED = "verified"    # 已核实
    FIXING = "fixing"        # 整改中
    FIXED = "fixed"          # 已整改
    REVISITED = "revisited"  # 已回访 (closed)
    APPEALED = "appealed"    # 申诉: the rating was found mistaken (closed)


class Followup(Base):
    """差评跟进: opened for every rating of level 1-2, assigned to the department of the
    window that was rated; its steps say who did what and when."""

    __tablename__ = "followup"
    __table_args__ = (UniqueConstraint("rating_id"),
                      Index("ix_followup_hall_state", "hall_id", "state"))
    id: Mapped[int] = mapped_column(primary_key=True)
    hall_id: Mapped[int] = mapped_column(ForeignKey("hall.id"))
    rating_id: Mapped[int] = mapped_column(BigId, ForeignKey("rating.id"))
    ticket_id: Mapped[int] = mapped_column(BigId, ForeignKey("ticket.id"))
    window_id: Mapped[int | None] = mapped_column(ForeignKey("window.id"))
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))  # the clerk rated
    department_id: Mapped[int | None] = mapped_column(ForeignKey("department.id"))
    level: Mapped[int]
    state: Mapped[FollowupState] = mapped_column(_enum(FollowupState, "followup_state"),
                                                 default=FollowupState.TO_VERIFY)
    opened_at: Mapped[dt.datetime]
    verify_due: Mapped[dt.date] = mapped_column(Date)
    fix_due: Mapped[dt.date | None] = mapped_column(Date)
    closed_at: Mapped[dt.datetime | None]
    steps: Mapped[list[FollowupStep]] = relationship(order_by="FollowupStep.id",
                                                     cascade="all, delete-orphan")


class FollowupStep(Base):
    """One step of a follow-up: who (actor), when (at), what (note), from which state."""

    __tablename__ = "followup_step"
    __table_args__ = (Index("ix_followup_step_followup", "followup_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    followup_id: Mapped[int] = mapped_column(ForeignKey("followup.id"))
    at: Mapped[dt.datetime]
    actor: Mapped[str] = mapped_column(String(60))
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    from_state: Mapped[str | None] = mapped_column(String(20))
    to_state: Mapped[str] = mapped_column(String(20))
    note: Mapped[str] = mapped_column(Text)


class AlertAck(Base):
    """The latest acknowledgement of an alert key; an alert raised again after it
    (``raised_at`` later) shows again. Every acknowledgement is also an event."""

    __tablename__ = "alert_ack"
    hall_id: Mapped[int] = mapped_column(ForeignKey("hall.id"), primary_key=True)
    key: Mapped[str] = mapped_column(String(120), primary_key=True)
    acknowledged_at: Mapped[dt.datetime]
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff.id"))
    event_id: Mapped[int] = mapped_column(BigId)


# reports count no-shows and transfers from the event log by action and time
Index("ix_event_hall_action_at", Event.hall_id, Event.action, Event.at)
