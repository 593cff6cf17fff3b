"""Where a waiting ticket stands: the people ahead of it, its queue's windows and the
estimated wait. Issuing, check-in and a scanned ticket's status all show it, so it
lives below the actions and the reads that use it."""
from __future__ import annotations

import dataclasses
import datetime as dt
import math

from sqlalchemy import bindparam, func, select

from kiosk.clock import at_hall_time
from kiosk.queue.snapshots import IssueResult, TicketView
from kiosk.queue.store.context import Scope
from kiosk.queue.store.durations import seconds_between
from kiosk.queue.store.fixed_in import fixed_in
from kiosk.queue.store.models import (
    WAITING_STATES, Priority, Ticket, TicketState, Window, WindowState, window_service,
)

# built once: building a statement costs more than running it
_AHEAD = select(func.count()).select_from(Ticket).where(
    Ticket.hall_id == bindparam("hall_id"), Ticket.day == bindparam("day"),
    Ticket.service_id == bindparam("service_id"), fixed_in(Ticket.state, WAITING_STATES),
    # call order is (queue_at, id): a ticket queued at the same instant (one
    # transaction's time, a manual clock) is ahead only if it was issued first
    (Ticket.queue_at < bindparam("queue_at")) | (
        (Ticket.queue_at == bindparam("queue_at")) & (Ticket.id < bindparam("ticket_id"))))
_AHEAD_OF_PRIORITY = _AHEAD.where(
    (Ticket.priority != Priority.NONE) | (Ticket.due_at.is_not(None)))
_RECENT_FINISHED = (select(Ticket.called_at, Ticket.finished_at).where(
    Ticket.hall_id == bindparam("hall_id"), Ticket.service_id == bindparam("service_id"),
    Ticket.finished_at >= bindparam("pace_day_start"),  # bounds the index walk to today
    Ticket.day == bindparam("pace_day"), Ticket.state == TicketState.FINISHED)
    .order_by(Ticket.finished_at.desc()).limit(bindparam("sample"))).subquery()
#: the queue's pace: the mean call-to-finish seconds of its last finished tickets
#: today (NULL when none)
_PACE = select(func.avg(seconds_between(_RECENT_FINISHED.c.called_at,
                                        _RECENT_FINISHED.c.finished_at)))
_SERVICE_WINDOWS = (select(Window.number, Window.state).join(window_service).where(
    window_service.c.service_id == bindparam("service_id"), Window.active.is_(True))
    .order_by(Window.number))
#: the queue's windows with the people ahead and the pace alongside: one round trip
#: for the result
_WINDOWS_AHEAD_AND_PACE = {
    first_class: _SERVICE_WINDOWS.add_columns(ahead.scalar_subquery(),
                                              _PACE.scalar_subquery())
    for first_class, ahead in ((False, _AHEAD), (True, _AHEAD_OF_PRIORITY))}


def people_ahead(scope: Scope, ticket: TicketView) -> int:
    """Waiting tickets of the same queue that will be called before this one."""
    return scope.session.scalar(_AHEAD_OF_PRIORITY if _first_class(ticket) else _AHEAD,
                                _ahead_params(scope, ticket))


def _first_class(ticket: TicketView) -> bool:
    return ticket.priority != Priority.NONE.value or ticket.due_at is not None


def _ahead_params(scope: Scope, ticket: TicketView) -> dict:
    return {"hall_id": scope.hall.id, "day": ticket.day, "service_id": ticket.service_id,
            "ticket_id": ticket.id, "queue_at": ticket.queue_at}


def average_handling_minutes(scope: Scope, service_id: int) -> float:
    """Mean call-to-finish time of the queue's last finished tickets today."""
    return _minutes(scope, scope.session.connection().scalar(
        _PACE, {"hall_id": scope.hall.id, "service_id": service_id, **_pace_params(scope)}))


def _pace_params(scope: Scope) -> dict:
    return {"pace_day_start": at_hall_time(scope.today, dt.time(0), scope.hall.timezone),
            "pace_day": scope.today, "sample": scope.settings.get("queue.estimate_sample")}


def _minutes(scope: Scope, pace_seconds: float | None) -> float:
    if pace_seconds is None:
        return scope.settings.get("queue.default_handling_minutes")
    return float(pace_seconds) / 60


#: how far above a whole minute an estimate may be and still show that minute:
#: SQLite's time arithmetic (``store.durations``) and float division leave far less
#: than a second either way, which must not add a minute to the estimate shown
_WHOLE_MINUTE_SLACK = 1e-3


def estimated_wait(ahead: int, open_windows: int, pace_minutes: float) -> int:
    """People ahead shared among the open windows, at the queue's recent pace, in whole
    minutes rounded up."""
    return math.ceil(ahead / max(open_windows, 1) * pace_minutes - _WHOLE_MINUTE_SLACK)


@dataclasses.dataclass(frozen=True)
class QueuePosition:
    """Where a new ticket stands: read before its event is appended."""

    ticket: TicketView
    people_ahead: int
    estimated_wait_minutes: int
    window_numbers: tuple[int, ...]

    def result(self, event_id: int, replayed: bool = False) -> IssueResult:
        return IssueResult(event_id=event_id, ticket=self.ticket,
                           people_ahead=self.people_ahead,
                           estimated_wait_minutes=self.estimated_wait_minutes,
                           window_numbers=self.window_numbers, replayed=replayed)


def queue_position(scope: Scope, ticket: TicketView) -> QueuePosition:
    """What the kiosk shows for a new ticket: its windows, the people ahead and the
    estimated wait (one query)."""
    rows = scope.session.connection().execute(
        _WINDOWS_AHEAD_AND_PACE[_first_class(ticket)],
        {**_ahead_params(scope, ticket), **_pace_params(scope)}).all()
    if rows:
        ahead, pace = rows[0][2], _minutes(scope, rows[0][3])
    else:  # a queue no window serves yet
        ahead = people_ahead(scope, ticket)
        pace = average_handling_minutes(scope, ticket.service_id)
    windows = [(number, state == WindowState.OPEN) for number, state, _, _ in rows]
    open_windows = sum(1 for _, is_open in windows if is_open)
    return QueuePosition(
        ticket=ticket, people_ahead=ahead,
        estimated_wait_minutes=estimated_wait(ahead, open_windows, pace),
        window_numbers=tuple(number for number, _ in windows))
