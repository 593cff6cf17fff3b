"""Cases (办件): what a ticket finished as 受理 or 容缺受理 becomes, with its deadline
(migration 0012). ``case_file`` because "case" is an SQL keyword."""
from __future__ import annotations

import datetime as dt
import enum

from sqlalchemy import Date, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from kiosk.i18n_marks import QT_TRANSLATE_NOOP
from kiosk.queue.rules import limits
from kiosk.queue.store.models.base import Base, BigId


class CaseState(str, enum.Enum):
    ACCEPTED = "accepted"        # 已受理
    PROCESSING = "processing"    # 办理中
    CORRECTING = "correcting"    # 待补正: told what to bring, the clock stopped
    CONCLUDED = "concluded"      # 已办结 (准予 / 不予)
    DELIVERED = "delivered"      # 已送达
    COLLECTED = "collected"      # 已领取


#: what a state is called on every screen, slip and refusal
CASE_STATE_ZH = {"accepted": "已受理", "processing": "办理中", "correcting": "待补正",
                 "concluded": "已办结", "delivered": "已送达", "collected": "已领取"}

#: what a state means for the applicant, beyond its name (kiosk and phone alike)
CASE_STATE_NOTE = {
    "accepted": QT_TRANSLATE_NOOP("CaseState", "您的申请已受理，正在等待办理。"),
    "processing": QT_TRANSLATE_NOOP("CaseState", "您的申请正在办理中。"),
    "correcting": QT_TRANSLATE_NOOP(
        "CaseState", "请按补正告知书补交材料；补正期间暂停计时，材料补齐后承诺办结日期顺延。"),
    "concluded": QT_TRANSLATE_NOOP("CaseState", "您的申请已办结，请按通知领取结果或等待送达。"),
    "delivered": QT_TRANSLATE_NOOP("CaseState", "办理结果已送达。"),
    "collected": QT_TRANSLATE_NOOP("CaseState", "办理结果已领取。"),
}

#: the states whose clock runs (or is stopped by a 补正), i.e. not yet 办结
OPEN_CASE_STATES = (CaseState.ACCEPTED, CaseState.PROCESSING, CaseState.CORRECTING)


class CaseCounter(Base):
    """Last 办件 sequence number per hall and year (0 when the format has no year);
    bumped under the row's lock in the finishing transaction, so numbers have no gaps."""

    __tablename__ = "case_counter"
    hall_id: Mapped[int] = mapped_column(ForeignKey("hall.id"), primary_key=True)
    year: Mapped[int] = mapped_column(primary_key=True)
    last_number: Mapped[int]


class CaseFile(Base):
    """办件. ``promised_date``: promised at 受理; ``due_date``: due now (moved on by the
    working days 补正 stopped the clock); ``paused_since``: an open 补正告知's day."""

    __tablename__ = "case_file"
    __table_args__ = (
        UniqueConstraint("hall_id", "case_no", name="uq_case_file_hall_id"),
        UniqueConstraint("ticket_id", name="uq_case_file_ticket_id"),
        # 电子监察: the open cases by due date
        Index("ix_case_file_due", "hall_id", "state", "due_date"),
        # the monthly report: cases concluded in the month
        Index("ix_case_file_concluded", "hall_id", "concluded_day"),
        # 容缺 materials still owed, by their due date
        Index("ix_case_file_supply", "hall_id", "supply_due"),
        Index("uq_case_file_web_token", "web_token", unique=True),
    )
    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    hall_id: Mapped[int] = mapped_column(ForeignKey("hall.id"))
    case_no: Mapped[str] = mapped_column(String(40))
    item_id: Mapped[int] = mapped_column(ForeignKey("item.id"))
    department_id: Mapped[int] = mapped_column(ForeignKey("department.id"))
    ticket_id: Mapped[int | None] = mapped_column(BigId, ForeignKey("ticket.id"))
    window_id: Mapped[int | None] = mapped_column(ForeignKey("window.id"))
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    kind: Mapped[str] = mapped_column(String(20))  # ItemKind value: instant | promised
    state: Mapped[str] = mapped_column(String(20))  # CaseState value
    applicant_masked: Mapped[str | None] = mapped_column(String(40))
    phone_masked: Mapped[str | None] = mapped_column(String(20))
    phone_hash: Mapped[str | None] = mapped_column(String(80))
    accepted_at: Mapped[dt.datetime]
    accepted_day: Mapped[dt.date] = mapped_column(Date)
    promised_days: Mapped[int]
    promised_date: Mapped[dt.date] = mapped_column(Date)
    due_date: Mapped[dt.date] = mapped_column(Date)
    paused_since: Mapped[dt.date | None] = mapped_column(Date)
    stopped_days: Mapped[int] = mapped_column(default=0, server_default="0")
    #: the due date of the 容缺 materials still owed; NULL when none are
    supply_due: Mapped[dt.date | None] = mapped_column(Date)
    decision: Mapped[str | None] = mapped_column(String(12))  # approved | refused
    refusal_reason: Mapped[str | None] = mapped_column(Text)
    concluded_at: Mapped[dt.datetime | None]
    concluded_day: Mapped[dt.date | None] = mapped_column(Date)
    #: working days from 受理 to 办结, stopped days left out (set at 办结, for reports)
    workdays_used: Mapped[int | None]
    handed_over_at: Mapped[dt.datetime | None]
    #: the token in the notice's QR link ``<base>/c/<token>`` (144 bits)
    web_token: Mapped[str | None] = mapped_column(String(32))


class CaseMaterial(Base):
    """A material a case is owed: 容缺 (``reason`` supply_later, with its due date) or
    asked for by a 补正告知 (correction); received when ``received_at`` is set."""

    __tablename__ = "case_material"
    __table_args__ = (Index("ix_case_material_case", "case_id"),)
    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    case_id: Mapped[int] = mapped_column(BigId, ForeignKey("case_file.id"))
    material_id: Mapped[int | None] = mapped_column(ForeignKey("material.id"))
    name: Mapped[str] = mapped_column(String(limits.MATERIAL_NAME_MAX))
    reason: Mapped[str] = mapped_column(String(12))  # supply_later | correction
    due_date: Mapped[dt.date | None] = mapped_column(Date)
    asked_at: Mapped[dt.datetime]
    received_at: Mapped[dt.datetime | None]


class CaseStep(Base):
    """One 办理程序 step of a case with its own time limit: started when the case (or
    the step before) moves on, due ``days`` working days later, done at ``done_at``."""

    __tablename__ = "case_step"
    __table_args__ = (UniqueConstraint("case_id", "seq", name="uq_case_step_case_id"),
                      Index("ix_case_step_due", "due_date"))
    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    case_id: Mapped[int] = mapped_column(BigId, ForeignKey("case_file.id"))
    seq: Mapped[int]
    name: Mapped[str] = mapped_column(String(limits.PROCEDURE_STEP_MAX))
    days: Mapped[int]
    started_at: Mapped[dt.datetime | None]
    due_date: Mapped[dt.date | None] = mapped_column(Date)
    done_at: Mapped[dt.datetime | None]
