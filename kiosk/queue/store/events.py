"""Appending to the event log: the audit trail and the change feed in one table.

Every action appends its event as its last statement. On PostgreSQL, triggers on the
event table (migration 0001) take a transaction-level advisory lock before giving the
row its id, so ids become visible in id order (a plain sequence would let id 11 commit
before id 10, and a reader at 11 would skip 10), and send NOTIFY, which PostgreSQL
delivers only when the transaction commits. Being triggers, they hold for any writer.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import operator
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Select, bindparam, func, insert, literal, select, union_all
from sqlalchemy.sql.dml import Insert, UpdateBase

from kiosk.queue.store.context import Scope
from kiosk.queue.store.models import Event

FEED_CHANNEL = "kiosk_events"
FEED_LOCK_KEY = 0x6B696F736B  # "kiosk" (461330412395): used by the event triggers


@dataclasses.dataclass(frozen=True)
class Actor:
    """Who did it: ``staff`` (by staff number), ``kiosk``, ``pad`` (the citizen's rating
    pad), ``display``, or ``system``."""

    kind: str
    id: str = ""

    def __str__(self) -> str:
        return f"{self.kind}:{self.id}" if self.id else self.kind

    @classmethod
    def parse(cls, text_: str) -> Actor:
        kind, _, ident = text_.partition(":")
        return cls(kind, ident)


SYSTEM = Actor("system")


def staff_actor(staff_no: str) -> Actor:
    return Actor("staff", staff_no)


def append_event(scope: Scope, actor: Actor, action: str, *, ticket_id: int | None = None,
                 window_id: int | None = None, payload: dict[str, Any] | None = None,
                 request_id: str | None = None) -> Appended:
    session = scope.session
    session.flush()  # row changes first, so the event is the transaction's tail
    # on the session's connection: a Core insert skips the ORM's bulk-insert machinery
    event_id = session.connection().scalar(_APPEND, {
        "e_hall": scope.hall.id, "e_at": scope.now, "e_actor": str(actor),
        "e_action": action, "e_ticket": ticket_id, "e_window": window_id,
        "e_payload": payload or {}, "e_request": request_id})
    return Appended(event_id)


@dataclasses.dataclass(frozen=True)
class NewEvent:
    """An event to append, with ``append_events``."""

    actor: Actor
    action: str
    ticket_id: int | None = None
    window_id: int | None = None
    payload: dict[str, Any] | None = None
    request_id: str | None = None


#: an action's row write sent with its events: an UPDATE built once, and its values
Write = tuple[UpdateBase, dict[str, Any]]


def append_events(scope: Scope, *events: NewEvent, writes: Sequence[Write] = ()) -> Appended:
    """Append the events of one action in one statement, in order (ids ascend with
    them); returns the last. ``writes``, the action's row updates, go first: on
    PostgreSQL in the same statement, as the insert's WITH clauses, so a clerk's
    press (its two tickets, its window and both events) is one round trip; on SQLite,
    where a statement costs no round trip, one by one."""
    if len(events) == 1 and not writes:
        one = events[0]
        return append_event(scope, one.actor, one.action, ticket_id=one.ticket_id,
                            window_id=one.window_id, payload=one.payload,
                            request_id=one.request_id)
    scope.session.flush()
    rows = [{"hall_id": scope.hall.id, "at": scope.now, "actor": str(one.actor),
             "action": one.action, "ticket_id": one.ticket_id, "window_id": one.window_id,
             "payload": one.payload or {}, "request_id": one.request_id} for one in events]
    conn = scope.session.connection()
    if writes and conn.dialect.name == "postgresql":
        values = _write_values(writes)
        for index, row in enumerate(rows):
            values.update({f"e{index}_{name}": value for name, value in row.items()})
        statement = _insert_after(tuple(update for update, _ in writes), len(rows))
        ids = conn.execute(statement, values).scalars().all()
    else:
        for update, values in writes:
            conn.execute(update, values)
        # executemany with RETURNING: SQLAlchemy sends the rows as one multi-row
        # INSERT, whose rows take ids in order
        ids = conn.execute(_APPEND_ROWS, rows).scalars().all()
    return Appended(max(ids))


def _write_values(writes: Sequence[Write]) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for _, more in writes:
        if values.keys() & more.keys():
            raise ValueError(f"writes share parameter names {values.keys() & more.keys()}")
        values.update(more)
    return values


@functools.lru_cache(maxsize=16)
def _insert_after(updates: tuple[UpdateBase, ...], count: int) -> Insert:
    """``WITH w0 AS (UPDATE … RETURNING 1), … INSERT INTO event SELECT … UNION ALL
    SELECT … WHERE <every wN counted> RETURNING id``, built once per shape of action (a
    multi-row VALUES would be compiled again on every execution: SQLAlchemy does not
    cache it).

    PostgreSQL runs a WITH clause the statement does not read only after the insert,
    that is after the event trigger took the lock that orders every writer: an update
    waiting there for a row lock would hold up every event of the hall. So the rows
    to insert pass a filter that counts every clause's rows: the updates run to
    completion before the first event row exists."""
    columns = Event.__table__.c
    written = [update.returning(literal(1)).cte(f"w{index}")
               for index, update in enumerate(updates)]
    after_writes = functools.reduce(operator.add, (
        select(func.count()).select_from(cte).scalar_subquery() for cte in written)) >= 0

    def row(index: int) -> Select:
        return select(*(bindparam(f"e{index}_{name}", type_=columns[name].type)
                        for name in _EVENT_COLUMNS)).where(after_writes)

    rows = row(0) if count == 1 else union_all(*(row(index) for index in range(count)))
    return (insert(Event).from_select(_EVENT_COLUMNS, rows).returning(Event.id)
            .add_cte(*written))


_EVENT_COLUMNS = ("hall_id", "at", "actor", "action", "ticket_id", "window_id", "payload",
                  "request_id")
_APPEND_ROWS = insert(Event).returning(Event.id)


@dataclasses.dataclass(frozen=True)
class Appended:
    """The event an action just appended (its id is what callers hand on)."""

    id: int


#: built once (building a statement costs more than running it)
_APPEND = insert(Event).values(
    hall_id=bindparam("e_hall"), at=bindparam("e_at", type_=Event.at.type),
    actor=bindparam("e_actor"), action=bindparam("e_action"),
    ticket_id=bindparam("e_ticket"), window_id=bindparam("e_window"),
    payload=bindparam("e_payload", type_=Event.payload.type),
    request_id=bindparam("e_request")).returning(Event.id)
_PRIOR = select(Event).where(Event.request_id == bindparam("request_id"))


def prior_event(scope: Scope, request_id: str | None) -> Event | None:
    """The event an earlier try of the same request left, if it committed."""
    if not request_id:
        return None
    return scope.session.scalar(_PRIOR, {"request_id": request_id})


@dataclasses.dataclass(frozen=True)
class FeedEvent:
    """One event as the feed hands it to screens."""

    id: int
    hall_id: int
    at: dt.datetime
    actor: str
    action: str
    ticket_id: int | None
    window_id: int | None
    payload: dict[str, Any]

    @classmethod
    def of(cls, event: Event) -> FeedEvent:
        return cls(event.id, event.hall_id, event.at, event.actor, event.action,
                   event.ticket_id, event.window_id, dict(event.payload or {}))
