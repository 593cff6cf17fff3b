"""Monthly registers shaped like the hall's paper forms: 预约办理登记表 and 容缺后补登记表.

Both have the paper columns 序号, 申请事由, 申请人, 时间, 内容 (see docs/manager.md for
what goes where). A ticket is on the 容缺 register when the clerk finished it as 容缺受理
(outcome ``supply_later``: accepted with materials to follow); the item's materials
marked ``may_supply_later`` and the clerk's note say what is to follow. That register
adds 补齐期限: finishing a ticket records no due date of its own, so the materials are
due within the item's 承诺期限 (working days on the hall's calendar from acceptance),
when the decision is due. Its applicant is a personal name, so it is masked (张*).
"""
from __future__ import annotations

import dataclasses
import datetime as dt
from zoneinfo import ZoneInfo

from sqlalchemy import select

from kiosk.i18n_marks import QT_TRANSLATE_NOOP
from kiosk.errors import InvalidInput
from kiosk.queue.actions.calendar import WorkCalendar
from kiosk.queue.rules.personal import mask_name
from kiosk.queue.store.context import HallContext, scope as open_scope
from kiosk.queue.store.models import (
    Appointment, Item, Material, Outcome, Staff, Ticket, TicketState, Window,
)
from kiosk.queue.rules.names import OUTCOME_ZH
from kiosk.reports.details import STATE_ZH
from kiosk.reports.report import authorise

COLUMNS = (QT_TRANSLATE_NOOP("Registers", "序号"), QT_TRANSLATE_NOOP("Registers", "申请事由"),
           QT_TRANSLATE_NOOP("Registers", "申请人"), QT_TRANSLATE_NOOP("Registers", "时间"),
           QT_TRANSLATE_NOOP("Registers", "内容"))
#: the 容缺 register's columns: the paper form's, with the deadline before 内容
SUPPLY_LATER_COLUMNS = (*COLUMNS[:4], QT_TRANSLATE_NOOP("Registers", "补齐期限"), COLUMNS[4])


@dataclasses.dataclass(frozen=True)
class RegisterRow:
    seq: int
    reason: str      # 申请事由
    applicant: str   # 申请人
    time: str        # 时间
    content: str     # 内容
    due: str | None = None   # 补齐期限 (the 容缺 register only)

    def values(self) -> tuple:
        due = () if self.due is None else (self.due,)
        return (self.seq, self.reason, self.applicant, self.time, *due, self.content)


@dataclasses.dataclass(frozen=True)
class Register:
    kind: str        # appointment / supply_later
    title: str
    hall_name: str
    year: int
    month: int
    rows: tuple[RegisterRow, ...]
    columns: tuple[str, ...] = COLUMNS

    @property
    def period_zh(self) -> str:
        return f"{self.year}年{self.month}月"


def _month(year: int, month: int) -> tuple[dt.date, dt.date]:
    if not 1 <= month <= 12 or not 1900 < year < 3000:
        raise InvalidInput(f"月份无效：{year}-{month}", f"invalid month {year}-{month}")
    first = dt.date(year, month, 1)
    following = dt.date(year + (month == 12), month % 12 + 1, 1)
    return first, following - dt.timedelta(days=1)


def _where(hall_id: int, year: int, month: int):
    first, last = _month(year, month)
    return (Ticket.hall_id == hall_id, Ticket.day >= first, Ticket.day <= last)


def _text(when: dt.datetime | None, zone: ZoneInfo, fmt: str = "%Y-%m-%d %H:%M") -> str:
    return when.astimezone(zone).strftime(fmt) if when else ""


def _status(ticket: Ticket, window_number: int | None) -> str:
    place = f"{window_number}号窗口" if window_number else "未叫号"
    done = OUTCOME_ZH[ticket.outcome.value] if ticket.outcome else STATE_ZH[ticket.state.value]
    return f"{ticket.code} 号，{place}，{done}"


def appointment_register(ctx: HallContext, *, year: int, month: int,
                         by: str | None) -> Register:
    """预约办理登记表: every ticket of the month that came from a booking, in issue order."""
    with ctx.db.read() as session:
        scope = open_scope(ctx, session)
        authorise(scope, by)
        zone = ZoneInfo(scope.hall.timezone)
        rows = session.execute(
            select(Ticket, Appointment, Item.name, Window.number)
            .join(Appointment, Appointment.id == Ticket.appointment_id)
            .join(Item, Item.id == Appointment.item_id)
            .outerjoin(Window, Window.id == Ticket.window_id)
            .where(*_where(scope.hall.id, year, month))
            .order_by(Ticket.issued_at, Ticket.id)).all()
        out = []
        for seq, (ticket, booking, item_name, window_number) in enumerate(rows, 1):
            slot = f"{_text(booking.slot_start, zone)}-{_text(booking.slot_end, zone, '%H:%M')}"
            content = (f"预约号 {booking.code}，电话 {booking.phone_masked}；"
                       f"{_text(booking.checked_in_at, zone, '%H:%M')} 签到；"
                       + _status(ticket, window_number))
            out.append(RegisterRow(seq, item_name, booking.name, slot, content))
        return Register("appointment", "预约办理登记表", scope.hall.name, year, month,
                        tuple(out))


def supply_later_register(ctx: HallContext, *, year: int, month: int,
                          by: str | None) -> Register:
    """容缺后补登记表: the month's tickets finished as 容缺受理 (accepted with materials to
    follow), with the item's 容缺 materials and the clerk's note on what is missing."""
    with ctx.db.read() as session:
        scope = open_scope(ctx, session)
        authorise(scope, by)
        zone = ZoneInfo(scope.hall.timezone)
        later: dict[int, list[str]] = {}
        for item_id, name in session.execute(
                select(Material.item_id, Material.name).join(Item)
                .where(Item.hall_id == scope.hall.id, Material.may_supply_later.is_(True))
                .order_by(Material.item_id, Material.seq)):
            later.setdefault(item_id, []).append(name)
        if not later:
            rows = []
        else:
            rows = session.execute(
                select(Ticket, Item.name, Appointment.name, Window.number, Staff.name,
                       Item.promised_days)
                .join(Item, Item.id == Ticket.item_id)
                .outerjoin(Appointment, Appointment.id == Ticket.appointment_id)
                .outerjoin(Window, Window.id == Ticket.window_id)
                .outerjoin(Staff, Staff.id == Ticket.staff_id)
                .where(*_where(scope.hall.id, year, month),
                       Ticket.state == TicketState.FINISHED,
                       Ticket.outcome == Outcome.SUPPLY_LATER)
                .order_by(Ticket.finished_at, Ticket.id)).all()
        calendar = WorkCalendar.load(scope)
        out = []
        for seq, (ticket, item_name, booked_name, window_number, clerk, days) in enumerate(
                rows, 1):
            content = (f"容缺受理，可后补材料：{'、'.join(later.get(ticket.item_id, []))}"
                       f"，{days} 个工作日内补齐；"
                       f"{ticket.code} 号，{window_number}号窗口 {clerk or ''}".rstrip())
            if ticket.note:
                content += f"；备注：{ticket.note}"
            accepted = ticket.finished_at.astimezone(zone).date()
            due = f"{calendar.add_workdays(accepted, days):%Y-%m-%d}"
            out.append(RegisterRow(seq, item_name, applicant(ticket, booked_name),
                                   _text(ticket.finished_at, zone), content, due))
        return Register("supply_later", "容缺后补登记表", scope.hall.name, year, month,
                        tuple(out), SUPPLY_LATER_COLUMNS)


def applicant(ticket: Ticket, booked_name: str | None) -> str:
    """Who applied, masked: the ID card's holder (read at the kiosk), else the booking's
    name; a walk-in without either is named by its ticket."""
    return (ticket.holder_masked or (mask_name(booked_name) if booked_name else None)
            or f"未登记（{ticket.code} 号）")
