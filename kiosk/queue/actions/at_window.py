"""The frame of every action taken at a window: one write transaction, a retried
request replayed instead of applied twice, and the clerk checked against the window.

An action is written as ``body(at: AtWindow, **options)`` and decorated with
``window_action``; callers use ``action(ctx, *, window, staff_no, request_id=None,
**options)``. The first action of a new hall day closes the earlier days first
(``actions.day``), so no clerk acts on yesterday's ticket.

The clerk's frequent presses (叫号, 办结, 办结并叫号) are decorated with
``counter_action`` instead: the same frame, with the window as a locked row
(``actions.counter_rows``) that the body changes with Core statements.
"""
from __future__ import annotations

import dataclasses
import functools
from collections.abc import Callable
from typing import Any, Protocol

from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session
from sqlalchemy.sql.dml import UpdateBase

from kiosk.errors import NotPermitted
from kiosk.queue.actions.counter_rows import CounterWindow, window_at_counter
from kiosk.queue.actions.day import (
    closes_past_days,
    explain_refusal,
    require_past_days_closed,
)
from kiosk.queue.actions.results import replay
from kiosk.queue.snapshots import ActionResult
from kiosk.queue.store.context import HallContext, Scope
from kiosk.queue.store.context import scope as open_scope
from kiosk.queue.store.events import (
    Appended,
    NewEvent,
    append_event,
    Write,
    append_events,
    staff_actor,
)
from kiosk.queue.store.lookup import (
    scope_with_window,
    staffed_window,
    window_by_number,
)
from kiosk.queue.store.models import Ticket, Window, WindowState


@dataclasses.dataclass(frozen=True)
class AtWindow:
    """An action in progress at a window whose clerk has been checked."""

    scope: Scope
    window: Window
    staff_no: str
    request_id: str | None

    def event(self, action: str, ticket: Ticket | None, payload: dict[str, Any]) -> Appended:
        """Append the action's event (its last statement), by this clerk at this window."""
        return append_event(self.scope, staff_actor(self.staff_no), action,
                            ticket_id=ticket.id if ticket else None,
                            window_id=self.window.id, payload=payload,
                            request_id=self.request_id)


def clerk_window(scope: Scope, number: int, staff_no: str) -> Window:
    """The window, locked, with ``staff_no`` signed in there; a clerk whose window was
    signed out by closing the day is told what became of the ticket in hand."""
    try:
        return staffed_window(scope, number, staff_no)
    except NotPermitted:
        explain_refusal(scope, window_by_number(scope, number), staff_no)
        raise


class HasId(Protocol):
    id: int


@dataclasses.dataclass(frozen=True)
class AtCounter:
    """A frequent press in progress at a window whose clerk has been checked: the
    window is a locked row, changed with Core statements on ``conn``. The press's row
    writes wait for its events and go with them (``events.append_events``: on
    PostgreSQL, in one round trip)."""

    scope: Scope
    window: CounterWindow
    staff_no: str
    request_id: str | None
    conn: Connection
    writes: list[Write] = dataclasses.field(default_factory=list)

    @classmethod
    def at(cls, scope: Scope, window: CounterWindow, staff_no: str,
           request_id: str | None) -> AtCounter:
        return cls(scope, window, staff_no, request_id, scope.session.connection())

    def write(self, update: UpdateBase, values: dict[str, Any]) -> None:
        """A row write of this press, sent with its events."""
        self.writes.append((update, values))

    def send_writes(self) -> None:
        """Send the writes now: the ORM code that follows reads those rows."""
        for update, values in self.writes:
            self.conn.execute(update, values)
        self.writes.clear()

    def new_event(self, action: str, ticket: HasId | None,
                  payload: dict[str, Any]) -> NewEvent:
        """The press's event, by this clerk at this window."""
        return NewEvent(staff_actor(self.staff_no), action,
                        ticket_id=ticket.id if ticket else None, window_id=self.window.id,
                        payload=payload, request_id=self.request_id)

    def append(self, *events: NewEvent) -> Appended:
        """The press's last statement: its writes, then ``events``."""
        writes = tuple(self.writes)
        self.writes.clear()
        return append_events(self.scope, *events, writes=writes)

    def event(self, action: str, ticket: HasId | None, payload: dict[str, Any], *,
              preceded_by: NewEvent | None = None) -> Appended:
        """Append the press's event, after ``preceded_by`` (办结并叫号: the finish,
        then the call)."""
        mine = self.new_event(action, ticket, payload)
        return self.append(*(preceded_by, mine) if preceded_by else (mine,))


def counter_window(scope: Scope, number: int, staff_no: str,
                   window_id: int | None) -> CounterWindow:
    """``clerk_window``'s check on window ``number`` as a row (``window_id``: from
    ``lookup.scope_with_window``); a refusal is worded by ``clerk_window`` itself."""
    row = window_at_counter(scope.session.connection(), window_id)
    if row is not None and row.state != WindowState.CLOSED and row.staff_no == staff_no \
            and row.staff_active:
        return row
    clerk_window(scope, number, staff_no)  # raises what the clerk is told
    raise AssertionError(f"window {number} refused {staff_no} as a row only")


def _framed(body: Callable[..., ActionResult],
            open_scope_at: Callable[[HallContext, Session, int], tuple[Scope, int | None]],
            checked_window: Callable[..., Any],
            at_kind: Callable[..., Any]) -> Callable[..., ActionResult]:
    @functools.wraps(body)
    def action(ctx: HallContext, *, window: int, staff_no: str,
               request_id: str | None = None, **options: Any) -> ActionResult:
        with ctx.db.write() as session:
            scope, window_id = open_scope_at(ctx, session, window)
            require_past_days_closed(scope)
            if (done := replay(scope, request_id)) is not None:
                return done
            row = checked_window(scope, window, staff_no, window_id)
            return body(at_kind(scope, row, staff_no, request_id), **options)

    return closes_past_days(action)


def _scope(ctx: HallContext, session: Session, number: int) -> tuple[Scope, None]:
    return open_scope(ctx, session), None


def _clerk_window(scope: Scope, number: int, staff_no: str, window_id: None) -> Window:
    return clerk_window(scope, number, staff_no)  # locks the window itself


def window_action(body: Callable[..., ActionResult]) -> Callable[..., ActionResult]:
    return _framed(body, _scope, _clerk_window, AtWindow)


def counter_action(body: Callable[..., ActionResult]) -> Callable[..., ActionResult]:
    @functools.wraps(body)
    def sending_every_write(at: AtCounter, **options: Any) -> ActionResult:
        done = body(at, **options)
        if at.writes:  # a press that changed rows ends by appending its event
            raise AssertionError(f"{body.__name__} left {len(at.writes)} writes unsent")
        return done

    return _framed(sending_every_write, scope_with_window, counter_window, AtCounter.at)
