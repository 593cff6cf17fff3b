"""The manager's records: the work calendar, 差评 follow-ups and alert acknowledgements."""
from __future__ import annotations

import datetime as dt
import enum

from sqlalchemy import Date, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship
from kiosk.queue.rules import limits
from kiosk.queue.store.models.base import Base, BigId, enum_column

class WorkCalendarDay(Base):
    """An exception to the Monday-Friday week, edited by the manager: a holiday
    (``is_workday`` False) or a make-up workday (调休上班, True). Days without a row
    follow the week. Follow-up deadlines count working days on this calendar."""

    __tablename__ = "work_calendar"
    hall_id: Mapped[int] = mapped_column(ForeignKey("hall.id"), primary_key=True)
    day: Mapped[dt.date] = mapped_column(Date, primary_key=True)
    is_workday: Mapped[bool]
    note: Mapped[str] = mapped_column(String(limits.CALENDAR_NOTE_MAX), default="")
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
    state: Mapped[FollowupState] = mapped_column(enum_column(FollowupState, "followup_state"),
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

