"""The hall display's read model: everything a display shows, in one read.

One function, ``display_state``, so a screen reloads with a single call after any event;
the event id is read first, so the snapshot is never older than the id it carries (on
PostgreSQL each statement of a READ COMMITTED transaction may see newer rows, never
older ones). Qt-free; returns frozen snapshots only.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from kiosk.clock import at_hall_time, hall_day
from kiosk.errors import InvalidInput
from kiosk.queue.store.context import HallContext, hall_settings, load_hall
from kiosk.queue.store.models import (
    ACTIVE_STATES, WAITING_STATES, Department, Event, Service, Ticket, TicketState, Window,
)
from kiosk.settings import Settings

CALL_ACTIONS = ("ticket_called", "ticket_recalled")


@dataclasses.dataclass(frozen=True)
class CallView:
    """One call or recall as the display lists it."""

    event_id: int
    at: dt.datetime
    code: str
    window: int
    window_name: str
    recall: bool = False
    no_show: bool = False          # the citizen did not come (过号): said in words

    @classmethod
    def of_event(cls, event_id: int, at: dt.datetime, action: str,
                 payload: dict[str, Any]) -> CallView:
        return cls(event_id=event_id, at=at, code=str(payload.get("code", "")),
                   window=int(payload.get("window", 0)),
                   window_name=str(payload.get("window_name", "")),
                   recall=action == "ticket_recalled")


@dataclasses.dataclass(frozen=True)
class WindowStatus:
    """A window as the hall sees it: who sits there and what it is doing."""

    number: int
    name: str
    state: str                     # open / paused / closed
    staff_no: str | None
    staff_name: str | None
    current_code: str | None       # the ticket called or being served, if any
    current_state: str | None      # called / serving
    pause_reason: str | None
    pause_back_at: dt.datetime | None
    service_prefixes: tuple[str, ...]
    department: str | None = None  # the department's code (per-area screens)


@dataclasses.dataclass(frozen=True)
class ServiceWaiting:
    prefix: str
    name: str
    waiting: int


@dataclasses.dataclass(frozen=True)
class DisplayState:
    """The whole display in one snapshot; ``last_event_id`` is the newest event (of any
    hall) the snapshot includes, so a screen can tell an old reload from a new one."""

    hall_id: int
    hall_name: str
    timezone: str
    day: dt.date
    last_event_id: int
    calls: tuple[CallView, ...]            # newest first, one per (code, window)
    windows: tuple[WindowStatus, ...]      # by window number
    services: tuple[ServiceWaiting, ...]   # in the hall's service order
    hall_settings: tuple[tuple[str, Any], ...] = ()  # stored hall options (raw)
    area_name: str = ""                    # a per-area screen: the area it shows

    @property
    def newest_call(self) -> CallView | None:
        return self.calls[0] if self.calls else None

    @property
    def current_call(self) -> CallView | None:
        """The newest call whose ticket is still called or served at its window: once
        it is finished (or the window pauses) the big panel must not keep sending
        people there."""
        for call in self.calls:
            status = self.window(call.window)
            if status is not None and status.current_code == call.code:
                return call
        return None

    @property
    def in_area(self) -> frozenset[int]:
        """The window numbers this display shows (every window, or its area's)."""
        return frozenset(w.number for w in self.windows)

    def window(self, number: int) -> WindowStatus | None:
        return next((w for w in self.windows if w.number == number), None)


@dataclasses.dataclass(frozen=True)
class DisplayArea:
    """A per-area screen (one floor or zone of a big hall): the windows of these
    departments (codes) and the windows serving these queues (prefixes)."""

    departments: tuple[str, ...] = ()
    queues: tuple[str, ...] = ()

    @classmethod
    def parse(cls, department: str | None = None, queues: str | None = None
              ) -> DisplayArea | None:
        """``--area SCJG`` / ``--queues A,B`` as given on the command line."""
        codes = tuple(c.strip() for c in (department or "").split(",") if c.strip())
        prefixes = tuple(p.strip().upper() for p in (queues or "").split(",") if p.strip())
        return cls(codes, prefixes) if codes or prefixes else None

    def covers(self, window: WindowStatus) -> bool:
        return (window.department in self.departments
                or any(p in self.queues for p in window.service_prefixes))


def resolve_area(session, hall_id: int, area: DisplayArea,
                 services: tuple[ServiceWaiting, ...]) -> str:
    """The area's name for the header; a code the hall does not have is refused."""
    names = dict(session.execute(select(Department.code, Department.name).where(
        Department.hall_id == hall_id)).all())
    unknown = [c for c in area.departments if c not in names]
    if unknown:
        raise InvalidInput(f"没有这个部门：{'、'.join(unknown)}",
                           f"unknown department code(s) for --area: {', '.join(unknown)}; "
                           f"the hall has: {', '.join(sorted(names))}")
    prefixes = {s.prefix for s in services}
    unknown = [p for p in area.queues if p not in prefixes]
    if unknown:
        raise InvalidInput(f"没有这个取号业务：{'、'.join(unknown)}",
                           f"unknown queue prefix(es) for --queues: {', '.join(unknown)}; "
                           f"the hall has: {', '.join(sorted(prefixes))}")
    return "、".join([names[c] for c in area.departments]
                    + [s.name for s in services if s.prefix in area.queues])


def distinct_calls(calls, limit: int) -> tuple[CallView, ...]:
    """Newest first, keeping only the newest entry of a ticket at a window (a recall
    moves the call back to the top instead of listing it twice)."""
    seen: set[tuple[str, int]] = set()
    kept: list[CallView] = []
    for call in calls:
        key = (call.code, call.window)
        if key in seen:
            continue
        seen.add(key)
        kept.append(call)
        if len(kept) >= limit:
            break
    return tuple(kept)



def display_state(ctx: HallContext, calls: int | None = None,
                  area: DisplayArea | None = None) -> DisplayState:
    """Everything the hall display and window screens show. ``calls``: how many distinct
    calls to return (default: display.recent_calls + 1, the newest plus the list).
    ``area``: only that area's windows, their calls and their queues (InvalidInput when
    it names a department or queue the hall does not have)."""
    with ctx.db.read() as session:
        last_id = session.scalar(select(func.coalesce(func.max(Event.id), 0)))
        hall = load_hall(session, ctx.hall_code)
        stored = hall_settings(session, hall.id)
        if calls is None:
            settings = Settings(machine=ctx.machine_settings, hall=_valid(stored))
            calls = settings.get("display.recent_calls") + 1
        day = hall_day(ctx.clock.now(), hall.timezone)
        windows = _windows(session, hall.id)
        services = _services(session, hall.id, day)
        area_name = ""
        if area is not None:
            area_name = resolve_area(session, hall.id, area, services)
            windows = tuple(w for w in windows if area.covers(w))
            served = {p for w in windows for p in w.service_prefixes} | set(area.queues)
            services = tuple(s for s in services if s.prefix in served)
        since = at_hall_time(day, dt.time(0), hall.timezone)
        numbers = {w.number for w in windows} if area is not None else None
        return DisplayState(
            hall_id=hall.id, hall_name=hall.name, timezone=hall.timezone, day=day,
            last_event_id=last_id,
            calls=_calls(session, hall.id, day, since, calls, numbers),
            windows=windows, services=services,
            hall_settings=tuple(sorted(stored.items())), area_name=area_name,
        )


def _valid(stored: dict[str, Any]) -> dict[str, Any]:
    """Stored hall options that parse; a bad value falls back to its default here
    (the manager's console is where it gets fixed, not the display)."""
    from kiosk.settings import OPTIONS

    good = {}
    for name, raw in stored.items():
        opt = OPTIONS.get(name)
        if opt is None or opt.scope != "hall":
            continue
        try:
            opt.parse(raw)
        except Exception:  # noqa: BLE001 - InvalidInput; any other parse error alike
            continue
        good[name] = raw
    return good


def _calls(session, hall_id: int, day: dt.date, since: dt.datetime, limit: int,
           windows: set[int] | None) -> tuple[CallView, ...]:
    # an area screen skips the other areas' calls, so it looks further back
    scan = max(limit, 1) * (4 if windows is None else 40)
    rows = session.scalars(select(Event).where(
        Event.hall_id == hall_id, Event.action.in_(CALL_ACTIONS), Event.at >= since)
        .order_by(Event.id.desc()).limit(scan))
    views = (CallView.of_event(e.id, e.at, e.action, e.payload or {}) for e in rows)
    kept = distinct_calls((c for c in views if windows is None or c.window in windows),
                          limit)
    if not kept:
        return kept
    missed = set(session.scalars(select(Ticket.code).where(
        Ticket.hall_id == hall_id, Ticket.day == day,
        Ticket.code.in_({c.code for c in kept}), Ticket.state == TicketState.NO_SHOW)))
    return tuple(dataclasses.replace(c, no_show=True) if c.code in missed else c
                 for c in kept)


def _windows(session, hall_id: int) -> tuple[WindowStatus, ...]:
    rows = session.scalars(select(Window).where(
        Window.hall_id == hall_id, Window.active.is_(True)).order_by(Window.number)
        .options(selectinload(Window.services), selectinload(Window.staff))).all()
    departments = dict(session.execute(select(Department.id, Department.code).where(
        Department.hall_id == hall_id)).all())
    current_ids = [w.current_ticket_id for w in rows if w.current_ticket_id]
    current = {}
    if current_ids:
        current = {t.id: t for t in session.scalars(select(Ticket).where(
            Ticket.id.in_(current_ids), Ticket.state.in_(ACTIVE_STATES)))}
    statuses = []
    for w in rows:
        ticket = current.get(w.current_ticket_id)
        statuses.append(WindowStatus(
            number=w.number, name=w.name, state=w.state.value,
            staff_no=w.staff.staff_no if w.staff else None,
            staff_name=w.staff.name if w.staff else None,
            current_code=ticket.code if ticket else None,
            current_state=ticket.state.value if ticket else None,
            pause_reason=w.pause_reason, pause_back_at=w.pause_back_at,
            service_prefixes=tuple(s.prefix for s in w.services),
            department=departments.get(w.department_id)))
    return tuple(statuses)


def _services(session, hall_id: int, day: dt.date) -> tuple[ServiceWaiting, ...]:
    waiting = dict(session.execute(
        select(Ticket.service_id, func.count()).where(
            Ticket.hall_id == hall_id, Ticket.day == day,
            Ticket.state.in_(WAITING_STATES)).group_by(Ticket.service_id)).all())
    services = session.scalars(select(Service).where(
        Service.hall_id == hall_id, Service.active.is_(True)).order_by(Service.sort,
                                                                       Service.prefix))
    return tuple(ServiceWaiting(s.prefix, s.name, waiting.get(s.id, 0)) for s in services)
