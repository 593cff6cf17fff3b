"""网上预约 as the database has it: a queue's booking rules, its days, its slots' places.

Shared by the booking pages' reads (``reads.booking``) and the booking action
(``actions.appointments``), so the page offers exactly what booking accepts. An item is
booked in its first active queue (the one its check-in ticket goes to), and a queue's
bookings are those of the items it is first for: an item in two queues counts once.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from sqlalchemy import select

from kiosk.clock import at_hall_time
from kiosk.errors import InvalidInput, NotFound, ServiceUnavailable
from kiosk.queue.rules import booking as rules
from kiosk.queue.rules.hours import WEEK_WORKDAYS
from kiosk.queue.store.context import Scope
from kiosk.queue.store.models import (
    Appointment, AppointmentState, Item, Service, WorkCalendarDay, service_item,
)


@dataclasses.dataclass(frozen=True)
class BookingQueue:
    """A queue's booking rules, and the items whose bookings it counts."""

    id: int
    prefix: str
    name: str
    hours: dict[str, Any]
    daily_limit: int
    share: int
    slot_minutes: int
    capacity: int
    item_ids: tuple[int, ...]

    @property
    def enabled(self) -> bool:
        return self.share > 0 and self.capacity > 0

    @property
    def cap(self) -> int | None:
        return rules.day_cap(self.daily_limit, self.share)


@dataclasses.dataclass(frozen=True)
class SlotView:
    """One slot of a day on the hall's wall clock; ``open``: it can be booked."""

    start: dt.time
    end: dt.time
    capacity: int
    left: int

    @property
    def open(self) -> bool:
        return self.left > 0


def first_queues(scope: Scope) -> dict[int, int]:
    """item id -> the id of its first active queue (the one it is booked in)."""
    rows = scope.session.execute(
        select(service_item.c.item_id, Service.id)
        .join(Service, Service.id == service_item.c.service_id)
        .where(Service.hall_id == scope.hall.id, Service.active.is_(True))
        .order_by(service_item.c.item_id, Service.sort, Service.id))
    first: dict[int, int] = {}
    for item_id, service_id in rows:
        first.setdefault(item_id, service_id)
    return first


def booking_queue(scope: Scope, item: Item, *, lock: bool = False) -> BookingQueue:
    """The queue ``item`` is booked in, or a refusal when it takes no bookings.
    ``lock``: hold the queue's row until commit (PostgreSQL), so two bookings of its
    last place run one after the other; SQLite's write transaction already does."""
    first = first_queues(scope)
    service_id = first.get(item.id)
    query = select(Service).where(Service.id == service_id)
    service = scope.session.scalar(query.with_for_update() if lock else query) \
        if service_id is not None else None
    if service is None or not (service.booking_share > 0 and service.booking_slot_capacity > 0):
        raise ServiceUnavailable(f"事项“{item.name}”暂不提供网上预约",
                                 f"item {item.code} takes no bookings", item=item.code)
    return BookingQueue(
        id=service.id, prefix=service.prefix, name=service.name, hours=service.hours,
        daily_limit=service.daily_limit, share=service.booking_share,
        slot_minutes=service.booking_slot_minutes, capacity=service.booking_slot_capacity,
        item_ids=tuple(i for i, s in first.items() if s == service.id))


def bookable_item(scope: Scope, code: str) -> Item:
    item = scope.session.scalar(select(Item).where(
        Item.hall_id == scope.hall.id, Item.code == code, Item.active.is_(True)))
    if item is None:
        raise NotFound(f"没有编号为 {code} 的事项", f"unknown item {code!r}", item=code)
    return item


def calendar_entries(scope: Scope) -> dict[dt.date, bool]:
    """The work calendar's overrides from tomorrow as far as booking looks."""
    end = scope.today + dt.timedelta(days=rules.MAX_LOOKAHEAD_DAYS)
    rows = scope.session.execute(select(WorkCalendarDay.day, WorkCalendarDay.is_workday).where(
        WorkCalendarDay.hall_id == scope.hall.id, WorkCalendarDay.day > scope.today,
        WorkCalendarDay.day <= end))
    return {day: workday for day, workday in rows}


def booking_days(scope: Scope, entries: dict[dt.date, bool] | None = None) -> list[dt.date]:
    """The next ``booking.days_ahead`` working days of the hall calendar (not today)."""
    entries = calendar_entries(scope) if entries is None else entries
    return rules.working_days_after(
        scope.today, scope.settings.get("booking.days_ahead"),
        lambda day: entries.get(day, day.isoweekday() in WEEK_WORKDAYS))


def require_day(scope: Scope, day: dt.date) -> dict[dt.date, bool]:
    """The calendar entries, or a refusal when ``day`` is not one of the booking days."""
    entries = calendar_entries(scope)
    days = booking_days(scope, entries)
    if day not in days:
        first, last = (days[0], days[-1]) if days else (scope.today, scope.today)
        raise InvalidInput(
            f"{day:%Y年%m月%d日}不可预约，可预约 {first:%m月%d日} 至 {last:%m月%d日} 的工作日",
            f"{day} is not a booking day ({first} .. {last})", day=day.isoformat())
    return entries


def day_slots(scope: Scope, queue: BookingQueue, day: dt.date,
              entries: dict[dt.date, bool]) -> list[SlotView]:
    """The queue's slots on ``day`` with the places left (cancelled bookings free
    theirs; booked, checked-in and missed ones hold them)."""
    times = rules.day_slots(queue.hours, day, queue.slot_minutes, entries.get(day))
    if not times:
        return []
    taken = scope.session.scalars(select(Appointment.slot_start).where(
        Appointment.hall_id == scope.hall.id, Appointment.day == day,
        Appointment.item_id.in_(queue.item_ids),
        Appointment.state != AppointmentState.CANCELLED)).all()
    tz = scope.hall.timezone
    bounds = [(at_hall_time(day, start, tz), at_hall_time(day, end, tz))
              for start, end in times]
    return [SlotView(start, end, queue.capacity, rules.places_left(
                queue.capacity, sum(1 for t in taken if lo <= t < hi), queue.cap, len(taken)))
            for (start, end), (lo, hi) in zip(times, bounds)]


@dataclasses.dataclass(frozen=True)
class BookingView:
    """A booking as its phone page shows it; times on the hall's wall clock.
    ``cancellable``: it can still be cancelled (booked, before ``can_cancel_until``)."""

    code: str
    web_token: str | None
    item_code: str
    item_name: str
    day: dt.date
    slot_start: dt.time
    slot_end: dt.time
    phone_masked: str
    state: str
    can_cancel_until: dt.datetime
    cancellable: bool


def cancel_deadline(scope: Scope, appointment: Appointment) -> dt.datetime:
    minutes = scope.settings.get("booking.cancel_before_minutes")
    return appointment.slot_start - dt.timedelta(minutes=minutes)


def booking_view(scope: Scope, appointment: Appointment) -> BookingView:
    until = cancel_deadline(scope, appointment)
    return BookingView(
        code=appointment.code, web_token=appointment.web_token,
        item_code=appointment.item.code, item_name=appointment.item.name,
        day=appointment.day, slot_start=scope.local(appointment.slot_start).time(),
        slot_end=scope.local(appointment.slot_end).time(),
        phone_masked=appointment.phone_masked, state=appointment.state.value,
        can_cancel_until=scope.local(until),
        cancellable=appointment.state == AppointmentState.BOOKED and scope.now <= until)


#: a token is 24 URL-safe characters; anything else is looked up by nobody
_TOKEN_MAX = 32


def booking_by_token(scope: Scope, web_token: str, *, lock: bool = False) -> Appointment:
    """The booking of a phone page's token; the same NotFound for unknown and
    malformed tokens."""
    found = None
    if isinstance(web_token, str) and 0 < len(web_token) <= _TOKEN_MAX:
        query = select(Appointment).where(Appointment.hall_id == scope.hall.id,
                                          Appointment.web_token == web_token)
        found = scope.session.scalar(query.with_for_update() if lock else query)
    if found is None:
        raise NotFound("没有找到该预约，请核对链接", "no booking has that token")
    return found
