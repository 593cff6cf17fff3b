"""What the phone's booking pages show: items, days and slots with places left.

Each function is one read transaction; the rules are ``store.booking``'s, the same the
booking action checks, so a slot offered here is one booking accepts (until it fills).
"""
from __future__ import annotations

import dataclasses
import datetime as dt

from sqlalchemy import select

from kiosk.queue.store import booking as store
from kiosk.queue.store.booking import BookingView, SlotView
from kiosk.queue.store.context import HallContext, scope as open_scope
from kiosk.queue.store.models import Department, Item, Service

__all__ = ["BookableItem", "BookingView", "SlotView", "booking_by_token", "bookable_items",
           "booking_days", "slots"]


@dataclasses.dataclass(frozen=True)
class BookableItem:
    code: str
    name: str
    department: str       # the department's name
    service_prefix: str
    service_name: str


def bookable_items(ctx: HallContext) -> list[BookableItem]:
    """Items whose queue takes bookings, in the catalog's order."""
    with ctx.db.read() as session:
        scope = open_scope(ctx, session)
        first = store.first_queues(scope)
        queues = {s.id: s for s in session.scalars(select(Service).where(
            Service.hall_id == scope.hall.id, Service.active.is_(True),
            Service.booking_share > 0, Service.booking_slot_capacity > 0))}
        rows = session.execute(select(Item, Department.name).join(
            Department, Department.id == Item.department_id).where(
            Item.hall_id == scope.hall.id, Item.active.is_(True)).order_by(Item.sort, Item.code))
        return [BookableItem(item.code, item.name, department,
                             queues[first[item.id]].prefix, queues[first[item.id]].name)
                for item, department in rows if first.get(item.id) in queues]


def booking_days(ctx: HallContext) -> list[dt.date]:
    """The next ``booking.days_ahead`` working days on the hall calendar."""
    with ctx.db.read() as session:
        return store.booking_days(open_scope(ctx, session))


def slots(ctx: HallContext, item_code: str, day: dt.date) -> list[SlotView]:
    """The item's slots on ``day`` (its queue's hours) with the places left; refused
    for an unknown item, one that takes no bookings, or a day that is not bookable.
    An empty list: the queue does not open that day."""
    with ctx.db.read() as session:
        scope = open_scope(ctx, session)
        queue = store.booking_queue(scope, store.bookable_item(scope, item_code))
        entries = store.require_day(scope, day)
        return store.day_slots(scope, queue, day, entries)


def booking_by_token(ctx: HallContext, web_token: str) -> BookingView:
    """The booking behind a phone page's token; NotFound for unknown tokens."""
    with ctx.db.read() as session:
        scope = open_scope(ctx, session)
        return store.booking_view(scope, store.booking_by_token(scope, web_token))
