"""The rows a clerk's frequent presses act on, read and written with Core statements.

叫号, 办结 and 办结并叫号 are the hall's most frequent writes, and on the window PC the
ORM's part of them (loading objects, tracking changes, the unit of work's flush) cost
more CPU than the database did. Here each is a handful of statements built once, whose
rows become the frozen views the screens get (``TicketView``, ``WindowView``) without
an ORM object in between. The rarer actions at a window keep the ORM
(``actions.at_window.window_action``).
"""
from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from sqlalchemy import bindparam, func, select, update
from sqlalchemy.engine import Connection, Row

from kiosk.queue.snapshots import TicketView, WindowView
from kiosk.queue.store.call_order import CALL_ORDER, CALL_TIER, MAY_CALL
from kiosk.queue.store.models import (
    Item,
    ItemKind,
    Service,
    Staff,
    Ticket,
    TicketState,
    Window,
    WindowState,
    window_service,
)

_TICKET = Ticket.__table__
_WINDOW = Window.__table__

#: a ticket's columns named as ``TicketView``'s fields, and its item's kind
_TICKET_COLUMNS = (
    *(_TICKET.c[f.name] for f in dataclasses.fields(TicketView) if f.name in _TICKET.c),
    Service.prefix.label("service_prefix"), Service.name.label("service_name"),
    Item.code.label("item_code"), Item.name.label("item_name"), Item.kind.label("item_kind"))
_TICKETS = (select(*_TICKET_COLUMNS)
            .join(Service.__table__, Service.id == _TICKET.c.service_id)
            .outerjoin(Item.__table__, Item.id == _TICKET.c.item_id))
_ENUMS = ("state", "outcome", "priority")


@dataclasses.dataclass(frozen=True)
class TicketRow:
    """A ticket as the press reads it: its view, and what the press's rules look at."""

    view: TicketView
    promised: bool   # its item is a 承诺件 (受理 applies)


def ticket_row(row: Row | dict[str, Any]) -> TicketRow:
    fields = dict(row) if isinstance(row, dict) else dict(row._mapping)
    kind = fields.pop("item_kind")
    for name in _ENUMS:
        if fields[name] is not None:
            fields[name] = fields[name].value
    return TicketRow(TicketView(**fields), kind == ItemKind.PROMISED)


_TICKET_BY_ID = _TICKETS.where(_TICKET.c.id == bindparam("ticket_id"))


def ticket_by_id(conn: Connection, ticket_id: int) -> TicketRow | None:
    row = conn.execute(_TICKET_BY_ID, {"ticket_id": ticket_id}).first()
    return ticket_row(row) if row is not None else None


#: the next ticket in call order (``store.call_order``), locked: SKIP LOCKED, so two
#: windows calling at once take different tickets
_NEXT = (_TICKETS.where(*MAY_CALL).order_by(*CALL_ORDER).limit(1)
         .with_for_update(skip_locked=True, of=_TICKET))
_NEXT_ORDINARY = (_TICKETS.where(*MAY_CALL, CALL_TIER == 2)
                  .order_by(_TICKET.c.queue_at, _TICKET.c.id).limit(1)
                  .with_for_update(skip_locked=True, of=_TICKET))


def next_ticket(conn: Connection, params: dict, *, ordinary_only: bool) -> TicketRow | None:
    row = conn.execute(_NEXT_ORDINARY if ordinary_only else _NEXT, params).first()
    return ticket_row(row) if row is not None else None


@dataclasses.dataclass(frozen=True)
class CounterWindow:
    """A window row, locked, with its clerk and its queues (one statement)."""

    id: int
    number: int
    name: str
    state: WindowState
    staff_id: int | None
    staff_no: str | None
    staff_name: str | None
    staff_active: bool | None
    current_ticket_id: int | None
    priority_streak: int
    pause_reason: str | None
    paused_at: dt.datetime | None
    pause_back_at: dt.datetime | None
    service_ids: tuple[int, ...]
    service_prefixes: tuple[str, ...]
    #: the ticket ``current_ticket_id`` names, in whatever state it is
    current: TicketRow | None

    def view(self, **changes: Any) -> WindowView:
        """What the screens get, with ``changes`` (current_ticket_id) applied."""
        return WindowView(
            id=self.id, number=self.number, name=self.name, state=self.state.value,
            staff_no=self.staff_no, staff_name=self.staff_name,
            current_ticket_id=changes.get("current_ticket_id", self.current_ticket_id),
            pause_reason=self.pause_reason, paused_at=self.paused_at,
            pause_back_at=self.pause_back_at, service_prefixes=self.service_prefixes)


_W = _WINDOW.c
_CURRENT = _TICKET.alias("current")
_CURRENT_SERVICE = Service.__table__.alias("current_service")
_CURRENT_ITEM = Item.__table__.alias("current_item")
_CURRENT_COLUMNS = (
    *(_CURRENT.c[f.name].label(f"current_{f.name}") for f in dataclasses.fields(TicketView)
      if f.name in _CURRENT.c),
    _CURRENT_SERVICE.c.prefix.label("current_service_prefix"),
    _CURRENT_SERVICE.c.name.label("current_service_name"),
    _CURRENT_ITEM.c.code.label("current_item_code"),
    _CURRENT_ITEM.c.name.label("current_item_name"),
    _CURRENT_ITEM.c.kind.label("current_item_kind"))
_WINDOW_AT_COUNTER = (
    select(_W.id, _W.number, _W.name, _W.state, _W.staff_id,
           Staff.staff_no, Staff.name.label("staff_name"), Staff.active.label("staff_active"),
           _W.current_ticket_id, _W.priority_streak, _W.pause_reason,
           _W.paused_at, _W.pause_back_at, Service.id.label("service_id"), Service.prefix,
           *_CURRENT_COLUMNS)
    .outerjoin(Staff.__table__, Staff.id == _W.staff_id)
    .outerjoin(window_service, window_service.c.window_id == _W.id)
    .outerjoin(Service.__table__, Service.id == window_service.c.service_id)
    # the ticket in hand comes along: a press finishes it, a call checks it is done
    .outerjoin(_CURRENT, _CURRENT.c.id == _W.current_ticket_id)
    .outerjoin(_CURRENT_SERVICE, _CURRENT_SERVICE.c.id == _CURRENT.c.service_id)
    .outerjoin(_CURRENT_ITEM, _CURRENT_ITEM.c.id == _CURRENT.c.item_id)
    .where(_W.id == bindparam("window_id"))
    .order_by(Service.prefix))
_CURRENT_PREFIX = len("current_")


def window_at_counter(conn: Connection, window_id: int | None) -> CounterWindow | None:
    """The window ``lookup.scope_with_window`` found (and locked), with its clerk, its
    queues and its ticket in hand, read after the lock; None when there is none."""
    rows = [] if window_id is None else conn.execute(
        _WINDOW_AT_COUNTER, {"window_id": window_id}).all()
    if not rows:
        return None
    first = rows[0]
    queues = [(r.service_id, r.prefix) for r in rows if r.service_id is not None]
    current = None
    if first.current_id is not None:
        current = ticket_row({name[_CURRENT_PREFIX:]: value
                              for name, value in first._mapping.items()
                              if name.startswith("current_") and name != "current_ticket_id"})
    return CounterWindow(
        id=first.id, number=first.number, name=first.name, state=first.state,
        staff_id=first.staff_id, staff_no=first.staff_no, staff_name=first.staff_name,
        staff_active=first.staff_active,
        current_ticket_id=first.current_ticket_id, priority_streak=first.priority_streak,
        pause_reason=first.pause_reason, paused_at=first.paused_at,
        pause_back_at=first.pause_back_at, service_ids=tuple(i for i, _ in queues),
        service_prefixes=tuple(p for _, p in queues), current=current)


#: the window holds nothing now (its ticket was finished and nobody was called)
FREE_WINDOW = (update(_WINDOW).where(_W.id == bindparam("w_id"))
               .values(current_ticket_id=None))
#: the window holds the ticket it called, and its run of priority calls
SET_WINDOW = (update(_WINDOW).where(_W.id == bindparam("w_id"))
              .values(current_ticket_id=bindparam("w_ticket", type_=_W.current_ticket_id.type),
                      priority_streak=bindparam("w_streak", type_=_W.priority_streak.type)))
_T = _TICKET.c
_AT = _T.called_at.type
SET_CALLED = (update(_TICKET).where(_T.id == bindparam("t_id"))
              .values(state=TicketState.CALLED, called_at=bindparam("t_at", type_=_AT),
                      started_at=None, recall_count=0,
                      window_id=bindparam("t_window", type_=_T.window_id.type),
                      staff_id=bindparam("t_staff", type_=_T.staff_id.type),
                      target_window_id=None))
#: a note left empty keeps the one the ticket has; its own parameter names, since a
#: press sends it with SET_CALLED (``events.append_events``)
SET_FINISHED = (update(_TICKET).where(_T.id == bindparam("f_id"))
                .values(state=TicketState.FINISHED,
                        outcome=bindparam("f_outcome", type_=_T.outcome.type),
                        started_at=bindparam("f_started", type_=_AT),
                        finished_at=bindparam("f_at", type_=_AT),
                        note=func.coalesce(bindparam("f_note", type_=_T.note.type),
                                           _T.note)))
