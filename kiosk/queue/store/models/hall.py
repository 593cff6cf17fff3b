"""The hall as configured: departments, items with their 八公开, queues, windows, staff."""
from __future__ import annotations

import datetime as dt
import enum
from typing import Any

from sqlalchemy import (
    JSON, CheckConstraint, Column, Date, ForeignKey, Index, LargeBinary, String, Table,
    Text, UniqueConstraint, false, text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship
from kiosk.queue.rules import limits
from kiosk.queue.store.models.base import Base, enum_column

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



class Hall(Base):
    __tablename__ = "hall"
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(limits.HALL_CODE_MAX), unique=True)
    name: Mapped[str] = mapped_column(String(limits.HALL_NAME_MAX))
    timezone: Mapped[str] = mapped_column(String(limits.TIMEZONE_MAX),
                                          default="Asia/Shanghai")
    #: the last hall day closed by itself (actions.day): read with the hall row by every
    #: action, so seeing that a new day has begun costs no query
    closed_through: Mapped[dt.date | None] = mapped_column(Date)


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
    code: Mapped[str] = mapped_column(String(limits.DEPARTMENT_CODE_MAX))
    name: Mapped[str] = mapped_column(String(limits.DEPARTMENT_NAME_MAX))
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
    code: Mapped[str] = mapped_column(String(limits.ITEM_CODE_MAX))
    name: Mapped[str] = mapped_column(String(limits.ITEM_NAME_MAX))
    kind: Mapped[ItemKind] = mapped_column(enum_column(ItemKind, "item_kind"))
    legal_basis: Mapped[str] = mapped_column(Text)
    conditions: Mapped[str] = mapped_column(Text)
    procedure: Mapped[list[Any]] = mapped_column(JSON)  # ordered steps
    #: 办理环节 tracked after 受理, [{"name": ..., "days": working days}]; None: none
    case_steps: Mapped[list[Any] | None] = mapped_column(JSON)
    legal_days: Mapped[int]
    promised_days: Mapped[int]
    sample_form: Mapped[str] = mapped_column(Text)
    fees: Mapped[str] = mapped_column(Text)
    contact: Mapped[str | None] = mapped_column(String(limits.ITEM_CONTACT_MAX))
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
    name: Mapped[str] = mapped_column(String(limits.MATERIAL_NAME_MAX))
    form: Mapped[MaterialForm] = mapped_column(enum_column(MaterialForm, "material_form"))
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
    prefix: Mapped[str] = mapped_column(String(limits.SERVICE_PREFIX_MAX))
    name: Mapped[str] = mapped_column(String(limits.SERVICE_NAME_MAX))
    daily_limit: Mapped[int] = mapped_column(default=0)  # 0 = unlimited
    hours: Mapped[dict[str, Any]] = mapped_column(JSON)  # {"weekdays": [...], "periods": [...]}
    #: 刷身份证取号 (migration 0010): "required", "optional" or "off" (the card unused)
    id_card: Mapped[str] = mapped_column(String(8), default="off", server_default="off")
    #: tickets one person (by ID card) may take in this queue a day; 0 = unlimited
    per_person_daily_limit: Mapped[int] = mapped_column(default=0, server_default="0")
    #: the "N people ahead" reminder goes when this many are ahead of the ticket
    remind_ahead: Mapped[int] = mapped_column(default=3, server_default="3")
    #: a ticket may be taken from the phone (off by default), this many per phone a day
    remote_ticket: Mapped[bool] = mapped_column(default=False, server_default=false())
    remote_daily_per_phone: Mapped[int] = mapped_column(default=1, server_default="1")
    #: bookings take at most this percent of daily_limit; slots of this length and size
    booking_share: Mapped[int] = mapped_column(default=30, server_default="30")
    booking_slot_minutes: Mapped[int] = mapped_column(default=30, server_default="30")
    booking_slot_capacity: Mapped[int] = mapped_column(default=4, server_default="4")
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
    name: Mapped[str] = mapped_column(String(limits.STAFF_NAME_MAX))
    role: Mapped[Role] = mapped_column(enum_column(Role, "staff_role"))
    department_id: Mapped[int | None] = mapped_column(ForeignKey("department.id"))
    password_hash: Mapped[str] = mapped_column(String(200))
    failed_logins: Mapped[int] = mapped_column(default=0)
    locked_until: Mapped[dt.datetime | None]
    photo: Mapped[str | None] = mapped_column(String(300))
    #: the photo the rating pads show (a small JPEG, migration 0009): in the database so
    #: a pad on another PC of the LAN shows it; deferred, so loading a clerk stays cheap
    photo_jpeg: Mapped[bytes | None] = mapped_column(LargeBinary, deferred=True)
    active: Mapped[bool] = mapped_column(default=True)


class Window(Base):
    """窗口: a counter, the queues it serves, who sits there now and what it is doing."""

    __tablename__ = "window"
    __table_args__ = (
        UniqueConstraint("hall_id", "number"),
        # one window per clerk, held by the database: two sign-ins of one staff number
        # at two windows at the same instant cannot both commit (migration 0004)
        Index("ix_window_one_per_clerk", "staff_id", unique=True,
              sqlite_where=text("staff_id IS NOT NULL"),
              postgresql_where=text("staff_id IS NOT NULL")),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    hall_id: Mapped[int] = mapped_column(ForeignKey("hall.id"))
    number: Mapped[int]
    name: Mapped[str] = mapped_column(String(limits.WINDOW_NAME_MAX))
    department_id: Mapped[int | None] = mapped_column(ForeignKey("department.id"))
    state: Mapped[WindowState] = mapped_column(enum_column(WindowState, "window_state"),
                                               default=WindowState.CLOSED)
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    primary_staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))  # A岗
    backup_staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))   # B岗
    signed_in_at: Mapped[dt.datetime | None]
    current_ticket_id: Mapped[int | None] = mapped_column(
        ForeignKey("ticket.id", use_alter=True))
    pause_reason: Mapped[str | None] = mapped_column(String(limits.PAUSE_REASON_MAX))
    paused_at: Mapped[dt.datetime | None]
    pause_back_at: Mapped[dt.datetime | None]
    priority_streak: Mapped[int] = mapped_column(default=0)
    active: Mapped[bool] = mapped_column(default=True)
    services: Mapped[list[Service]] = relationship(secondary=window_service,
                                                   back_populates="windows",
                                                   order_by="Service.prefix")
    staff: Mapped[Staff | None] = relationship(foreign_keys=[staff_id])
