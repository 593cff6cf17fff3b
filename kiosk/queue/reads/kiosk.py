"""Read models the touch-screen kiosk needs beyond ``queries``.

The kiosk starts often (every power-on) and must show its first screen fast, so the
whole catalog it shows comes from one read transaction here instead of several. Each
function is Qt-free, runs one read transaction and returns frozen snapshots.

Each queue's state (open, sold out, stopped, out of hours and when it reopens) and its
waiting count come with the catalog, so a tile says 已满 before anyone taps it; the
rules are issuing's (``actions.issuing``), evaluated without taking a ticket.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from kiosk.queue.rules import hours as opening
from kiosk.queue.store.context import HallContext, Scope, scope as open_scope
from kiosk.queue.store.models import (
    WAITING_STATES, Department, Service, Ticket, TicketCounter, WorkCalendarDay,
    service_item,
)

#: a queue's state for the kiosk
OPEN, SOLD_OUT, STOPPED, OUT_OF_HOURS = "open", "sold_out", "stopped", "out_of_hours"
#: how far ahead the kiosk looks for a queue's next opening
DAYS_AHEAD = 14


@dataclasses.dataclass(frozen=True)
class QueueState:
    """One queue as the kiosk shows it before a citizen chooses."""

    prefix: str               # "" for an item with no active queue
    name: str
    state: str                # OPEN, SOLD_OUT, STOPPED or OUT_OF_HOURS
    waiting: int = 0
    #: hall wall-clock time tickets can next be taken (out of hours, holiday), or None
    reopens_at: dt.datetime | None = None
    hours_text: str = ""      # 周一至周五 09:00-12:00、13:30-17:00
    daily_limit: int = 0
    holiday: str | None = None  # the work calendar's note when the hall is closed today
    id_card: str = "off"      # catalog rule: "required" takes tickets by ID card only

    @property
    def open(self) -> bool:
        return self.state == OPEN


#: the state of an item no active queue serves (issuing: 暂不提供现场取号)
NO_QUEUE = QueueState("", "", STOPPED)


@dataclasses.dataclass(frozen=True)
class KioskQueues:
    """Every queue's state at ``checked_at``; read again on feed events, and at
    ``valid_until`` (hall wall clock), when the clock alone changes a state."""

    states: Mapping[str, QueueState]
    checked_at: dt.datetime
    valid_until: dt.datetime

    def state(self, prefix: str | None) -> QueueState:
        return self.states.get(prefix or "", NO_QUEUE)


@dataclasses.dataclass(frozen=True)
class CatalogItem:
    code: str
    name: str
    department_code: str
    department_name: str
    prefix: str = ""          # the queue a ticket for it joins ("" when none is active)


@dataclasses.dataclass(frozen=True)
class CatalogDepartment:
    code: str
    name: str
    items: tuple[CatalogItem, ...]

    @property
    def prefixes(self) -> tuple[str, ...]:
        """Its items' queues, each once, in item order."""
        return tuple(dict.fromkeys(i.prefix for i in self.items))


@dataclasses.dataclass(frozen=True)
class KioskCatalog:
    """What the home, department and search screens list: active items by department,
    with their queues' states."""

    hall_name: str
    timezone: str
    departments: tuple[CatalogDepartment, ...]
    queues: KioskQueues | None = None

    @property
    def items(self) -> tuple[CatalogItem, ...]:
        return tuple(item for dept in self.departments for item in dept.items)

    def department(self, code: str) -> CatalogDepartment | None:
        return next((d for d in self.departments if d.code == code), None)

    def item(self, code: str) -> CatalogItem | None:
        return next((i for i in self.items if i.code == code), None)

    def item_state(self, item: CatalogItem) -> QueueState:
        return self.queues.state(item.prefix) if self.queues else QueueState(
            item.prefix, "", OPEN)

    def department_states(self, department: CatalogDepartment) -> tuple[QueueState, ...]:
        return tuple(self.queues.state(p) if self.queues else QueueState(p, "", OPEN)
                     for p in department.prefixes)

    def with_queues(self, queues: KioskQueues) -> KioskCatalog:
        return dataclasses.replace(self, queues=queues)


def kiosk_catalog(ctx: HallContext) -> KioskCatalog:
    """Hall name, zone and every department with its active items, in catalog order,
    with every queue's state. Departments without active items are left out (a tile
    leading nowhere confuses)."""
    with ctx.db.read() as session:
        scope = open_scope(ctx, session)
        hall = scope.hall
        rows = session.scalars(select(Department).where(Department.hall_id == hall.id)
                               .order_by(Department.sort, Department.id)
                               .options(selectinload(Department.items)))
        item_queue = _item_queues(session, hall.id)
        departments = []
        for dept in rows:
            items = tuple(CatalogItem(i.code, i.name, dept.code, dept.name,
                                      item_queue.get(i.id, ""))
                          for i in sorted(dept.items, key=lambda i: (i.sort, i.id))
                          if i.active)
            if items:
                departments.append(CatalogDepartment(dept.code, dept.name, items))
        return KioskCatalog(hall.name, hall.timezone, tuple(departments),
                            _queue_states(scope))


def queue_states(ctx: HallContext) -> KioskQueues:
    """Every queue's state now: what the kiosk reads again when the feed reports a
    change (a ticket taken, a queue edited, a holiday set) or the clock passes
    ``valid_until``."""
    with ctx.db.read() as session:
        return _queue_states(open_scope(ctx, session))


def _item_queues(session: Session, hall_id: int) -> dict[int, str]:
    """item id -> the prefix of the first active queue serving it (issuing's choice)."""
    rows = session.execute(
        select(service_item.c.item_id, Service.prefix)
        .join(Service, Service.id == service_item.c.service_id)
        .where(Service.hall_id == hall_id, Service.active.is_(True))
        .order_by(Service.sort, Service.id))
    chosen: dict[int, str] = {}
    for item_id, prefix in rows:
        chosen.setdefault(item_id, prefix)
    return chosen


def _queue_states(scope: Scope) -> KioskQueues:
    session, hall = scope.session, scope.hall
    local_now = scope.local(scope.now)
    today = scope.today
    cutoff = scope.settings.get("queue.issue_cutoff_minutes")
    calendar = {day: (workday, note) for day, workday, note in session.execute(
        select(WorkCalendarDay.day, WorkCalendarDay.is_workday, WorkCalendarDay.note)
        .where(WorkCalendarDay.hall_id == hall.id, WorkCalendarDay.day >= today,
               WorkCalendarDay.day <= today + dt.timedelta(days=DAYS_AHEAD)))}

    def workday_of(day: dt.date) -> bool | None:
        entry = calendar.get(day)
        return None if entry is None else entry[0]

    waiting = dict(session.execute(
        select(Ticket.service_id, func.count()).where(
            Ticket.hall_id == hall.id, Ticket.day == today,
            Ticket.state.in_(WAITING_STATES)).group_by(Ticket.service_id)).all())
    issued = dict(session.execute(
        select(TicketCounter.prefix, TicketCounter.last_number).where(
            TicketCounter.hall_id == hall.id, TicketCounter.day == today)).all())
    services = session.scalars(select(Service).where(Service.hall_id == hall.id)
                               .order_by(Service.sort, Service.id))
    # at midnight sold-out queues start afresh
    tomorrow = dt.datetime.combine(today + dt.timedelta(days=1), dt.time(0),
                                   tzinfo=local_now.tzinfo)
    valid_until = tomorrow
    today_entry = calendar.get(today)
    holiday = (today_entry[1] or "") if today_entry and not today_entry[0] else None
    states = {}
    for service in services:
        common = {"prefix": service.prefix, "name": service.name,
                  "waiting": waiting.get(service.id, 0),
                  "hours_text": opening.describe(service.hours),
                  "daily_limit": service.daily_limit or 0, "id_card": service.id_card}
        if not service.active:
            states[service.prefix] = QueueState(state=STOPPED, **common)
            continue
        period = opening.open_period(service.hours, local_now, cutoff, workday_of(today))
        if period is None:
            reopens = opening.next_opening(service.hours, local_now, workday_of, DAYS_AHEAD)
            if reopens is not None:
                valid_until = min(valid_until, reopens)
            states[service.prefix] = QueueState(
                state=STOPPED if holiday is not None else OUT_OF_HOURS,
                reopens_at=reopens, holiday=holiday, **common)
            continue
        valid_until = min(valid_until, opening.period_last_moment(
            period, today, local_now.tzinfo, cutoff))
        limit = service.daily_limit or 0
        if limit and issued.get(service.prefix, 0) >= limit:
            # tickets again at the next opening after today
            reopens = opening.next_opening(service.hours, tomorrow - dt.timedelta(seconds=1),
                                           workday_of, DAYS_AHEAD)
            states[service.prefix] = QueueState(state=SOLD_OUT, reopens_at=reopens, **common)
        else:
            states[service.prefix] = QueueState(state=OPEN, **common)
    return KioskQueues(states, local_now, valid_until)
