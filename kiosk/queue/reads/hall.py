"""Read models for screens: what the kiosk, windows, display and manager show.

Screens call these (never SQL of their own); each runs in one read transaction and
returns plain snapshots.
"""
from __future__ import annotations

import dataclasses
import datetime as dt

from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from kiosk.clock import hall_day
from kiosk.errors import NotFound
from kiosk.queue.store.context import HallContext, hall_settings, load_hall
from kiosk.queue.store.models import (
    WAITING_STATES, Department, Event, Item, Role, Service, Staff, Ticket, TicketState,
    Window,
)
from kiosk.queue.snapshots import TicketView, WindowView
from kiosk.settings import Settings


@dataclasses.dataclass(frozen=True)
class ServiceQueue:
    prefix: str
    name: str
    waiting: int
    daily_limit: int
    issued_today: int


def hall_info(ctx: HallContext) -> tuple[str, str]:
    """(hall name, time zone)."""
    with ctx.db.read() as session:
        hall = load_hall(session, ctx.hall_code)
        return hall.name, hall.timezone


def today(ctx: HallContext) -> dt.date:
    with ctx.db.read() as session:
        hall = load_hall(session, ctx.hall_code)
        return hall_day(ctx.clock.now(), hall.timezone)


def service_queues(ctx: HallContext) -> list[ServiceQueue]:
    """Waiting and issued counts per active queue, today."""
    with ctx.db.read() as session:
        hall = load_hall(session, ctx.hall_code)
        day = hall_day(ctx.clock.now(), hall.timezone)
        waiting = dict(session.execute(
            select(Ticket.service_id, func.count()).where(
                Ticket.hall_id == hall.id, Ticket.day == day,
                Ticket.state.in_(WAITING_STATES)).group_by(Ticket.service_id)).all())
        issued = dict(session.execute(
            select(Ticket.prefix, func.count()).where(
                Ticket.hall_id == hall.id, Ticket.day == day).group_by(Ticket.prefix)).all())
        services = session.scalars(select(Service).where(
            Service.hall_id == hall.id, Service.active.is_(True)).order_by(Service.sort))
        return [ServiceQueue(s.prefix, s.name, waiting.get(s.id, 0), s.daily_limit,
                             issued.get(s.prefix, 0)) for s in services]


def windows(ctx: HallContext) -> list[WindowView]:
    with ctx.db.read() as session:
        hall = load_hall(session, ctx.hall_code)
        rows = session.scalars(select(Window).where(
            Window.hall_id == hall.id, Window.active.is_(True)).order_by(Window.number)
            .options(selectinload(Window.services), selectinload(Window.staff)))
        return [WindowView.of(w) for w in rows]


def ticket(ctx: HallContext, ticket_id: int) -> TicketView | None:
    with ctx.db.read() as session:
        row = session.get(Ticket, ticket_id)
        return TicketView.of(row) if row else None


def departments_with_items(ctx: HallContext) -> list[tuple[str, str, list[tuple[str, str]]]]:
    """[(department code, name, [(item code, item name), ...]), ...] of active items."""
    with ctx.db.read() as session:
        hall = load_hall(session, ctx.hall_code)
        departments = session.scalars(select(Department).where(
            Department.hall_id == hall.id).order_by(Department.sort)
            .options(selectinload(Department.items)))
        return [(d.code, d.name, [(i.code, i.name) for i in d.items if i.active])
                for d in departments]


def handled_counts(ctx: HallContext, item_code: str) -> tuple[int, int]:
    """办理数量 of an item: (this year, today), counted from finished tickets."""
    with ctx.db.read() as session:
        hall = load_hall(session, ctx.hall_code)
        day = hall_day(ctx.clock.now(), hall.timezone)
        base = select(func.count()).select_from(Ticket).join(Item).where(
            Ticket.hall_id == hall.id, Item.code == item_code,
            Ticket.state == TicketState.FINISHED)
        year = session.scalar(base.where(Ticket.day >= dt.date(day.year, 1, 1)))
        today_count = session.scalar(base.where(Ticket.day == day))
        return year, today_count


def has_admin(ctx: HallContext) -> bool:
    with ctx.db.read() as session:
        hall = load_hall(session, ctx.hall_code)
        return session.scalar(select(func.count()).select_from(Staff).where(
            Staff.hall_id == hall.id, Staff.role == Role.ADMIN)) > 0


@dataclasses.dataclass(frozen=True)
class MaterialGuide:
    name: str
    form: str            # original / copy / both
    copies: int
    required: bool
    may_supply_later: bool
    note: str | None


@dataclasses.dataclass(frozen=True)
class ItemGuide:
    """An item's 八公开 plus where it is handled."""

    code: str
    name: str
    department_code: str
    department_name: str
    kind: str            # instant / promised
    legal_basis: str
    conditions: str
    procedure: tuple[str, ...]
    legal_days: int
    promised_days: int
    materials: tuple[MaterialGuide, ...]
    sample_form: str
    fees: str
    contact: str | None
    service_prefixes: tuple[str, ...]
    window_numbers: tuple[int, ...]
    window_names: tuple[str, ...]


def item_guide(ctx: HallContext, item_code: str) -> ItemGuide:
    with ctx.db.read() as session:
        hall = load_hall(session, ctx.hall_code)
        item = session.scalar(select(Item).where(Item.hall_id == hall.id,
                                                 Item.code == item_code))
        if item is None or not item.active:
            raise NotFound(f"没有编号为 {item_code} 的事项", f"unknown item {item_code!r}")
        services = [s for s in item.services if s.active]
        windows_ = sorted({w.number: w for s in services for w in s.windows
                           if w.active}.values(), key=lambda w: w.number)
        return ItemGuide(
            code=item.code, name=item.name, department_code=item.department.code,
            department_name=item.department.name, kind=item.kind.value,
            legal_basis=item.legal_basis, conditions=item.conditions,
            procedure=tuple(item.procedure), legal_days=item.legal_days,
            promised_days=item.promised_days,
            materials=tuple(MaterialGuide(m.name, m.form.value, m.copies, m.required,
                                          m.may_supply_later, m.note)
                            for m in item.materials),
            sample_form=item.sample_form, fees=item.fees, contact=item.contact,
            service_prefixes=tuple(s.prefix for s in services),
            window_numbers=tuple(w.number for w in windows_),
            window_names=tuple(w.name for w in windows_))


def most_used_items(ctx: HallContext, limit: int = 8, days: int = 30) -> list[tuple[str, str]]:
    """The items most tickets were taken for over the last ``days`` (catalog order when
    there is no history yet)."""
    with ctx.db.read() as session:
        hall = load_hall(session, ctx.hall_code)
        since = hall_day(ctx.clock.now(), hall.timezone) - dt.timedelta(days=days)
        rows = session.execute(
            select(Item.code, Item.name, func.count(Ticket.id).label("n"))
            .join(Ticket, Ticket.item_id == Item.id)
            .where(Item.hall_id == hall.id, Item.active.is_(True), Ticket.day >= since)
            .group_by(Item.code, Item.name).order_by(func.count(Ticket.id).desc(), Item.code)
            .limit(limit)).all()
        picked = [(code, name) for code, name, _ in rows]
        if len(picked) < limit:
            extra = session.execute(select(Item.code, Item.name).where(
                Item.hall_id == hall.id, Item.active.is_(True)).order_by(Item.sort)
                .limit(limit * 2)).all()
            for code, name in extra:
                if len(picked) >= limit:
                    break
                if (code, name) not in picked:
                    picked.append((code, name))
        return picked


def effective_settings(ctx: HallContext) -> Settings:
    """This machine's options over the hall's stored options over the declared
    defaults (the same view every hall action gets), read in one transaction."""
    with ctx.db.read() as session:
        hall = load_hall(session, ctx.hall_code)
        return Settings(machine=ctx.machine_settings, hall=hall_settings(session, hall.id))


def start_snapshot(ctx: HallContext) -> tuple[Settings, int]:
    """An app's first read: its settings and the newest event id, in one snapshot, so
    its feed can follow from exactly there (``kiosk.bootstrap``)."""
    with ctx.db.read() as session:
        last_id = session.scalar(select(func.coalesce(func.max(Event.id), 0)))
        hall = load_hall(session, ctx.hall_code)
        settings = Settings(machine=ctx.machine_settings,
                            hall=hall_settings(session, hall.id))
        return settings, last_id
