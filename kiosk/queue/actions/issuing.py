"""Taking a ticket (取号) and checking in an appointment (预约签到)."""
from __future__ import annotations

import dataclasses
import datetime as dt
import math

from sqlalchemy import Integer, bindparam, func, insert, select, text

from kiosk.clock import at_hall_time
from kiosk.errors import InvalidInput, ServiceUnavailable
from kiosk.queue.actions.calendar import day_entry
from kiosk.queue.actions.day import closes_past_days, require_past_days_closed
from kiosk.queue.rules import hours as opening
from kiosk.queue.store.context import HallContext, Scope, scope as open_scope
from kiosk.queue.store.events import Actor, append_event, prior_event
from kiosk.queue.store.lookup import (
    ItemRef, QueueRules, item_with_queues, queue_by_prefix, ticket_by_id,
)
from kiosk.queue.store.models import (
    Priority, Ticket, TicketCounter, TicketState, WAITING_STATES, Window, WindowState,
    window_service,
)
from kiosk.queue.snapshots import IssueResult, TicketView


@closes_past_days
def issue_ticket(ctx: HallContext, *, item_code: str | None = None,
                 prefix: str | None = None, priority: str = "none",
                 actor: Actor = Actor("kiosk"), request_id: str | None = None
                 ) -> IssueResult:
    """Hand out the next number of the item's queue (or of ``prefix``'s queue).

    Checks the service is open now and under its daily limit; returns the ticket with the
    people ahead and an estimated wait.
    """
    try:
        priority_class = Priority(priority)
    except ValueError:
        raise InvalidInput(f"未知的优先类别：{priority}", f"unknown priority {priority!r}")
    with ctx.db.write() as session:
        scope = open_scope(ctx, session)
        require_past_days_closed(scope)
        if (done := replay_issue(scope, request_id)) is not None:
            return done
        item, service = item_and_service(scope, item_code, prefix)
        ticket = new_ticket(scope, service, item, actor, priority=priority_class)
        # read what the kiosk shows before the event: the event takes the lock that
        # orders every writer, so it is the transaction's last statement
        position = queue_position(scope, ticket)
        event = append_event(scope, actor, "ticket_issued", ticket_id=ticket.id,
                             payload={"code": ticket.code, "prefix": ticket.prefix,
                                      "item": item.code if item else None,
                                      "priority": ticket.priority},
                             request_id=request_id)
        return position.result(event.id)


def item_and_service(scope: Scope, item_code: str | None, prefix: str | None
                     ) -> tuple[ItemRef | None, QueueRules]:
    """The item and the queue a ticket is for (check-in uses it too), or a refusal."""
    if not item_code and not prefix:
        raise InvalidInput("请选择要办理的事项", "issue_ticket needs an item or a prefix")
    item = item_with_queues(scope, item_code) if item_code else None
    if prefix:
        service = queue_by_prefix(scope, prefix)
        if item is not None and service.id not in {q.id for q in item.queues}:
            raise InvalidInput(f"事项“{item.name}”不在 {service.prefix} 类业务中办理",
                               f"item {item.code} is not served by queue {service.prefix}")
    else:
        services = [q for q in item.queues if q.active]
        if not services:
            raise ServiceUnavailable(f"事项“{item.name}”暂不提供现场取号",
                                     f"item {item.code} has no active queue")
        service = services[0]
    return item, service


def _check_open(scope: Scope, service: QueueRules) -> None:
    """Open now by the queue's hours and the hall's work calendar (one key lookup)."""
    if not service.active:
        raise ServiceUnavailable(f"{service.name}今日暂停办理",
                                 f"queue {service.prefix} is closed", prefix=service.prefix)
    entry = day_entry(scope.session, scope.hall.id, scope.today)
    if entry is not None and not entry[0]:
        holiday = f"节假日（{entry[1]}）" if entry[1] else "节假日"
        raise ServiceUnavailable(f"今日为{holiday}，大厅休息，暂停取号",
                                 f"the hall is closed for the holiday {entry[1]!r}",
                                 prefix=service.prefix)
    cutoff = scope.settings.get("queue.issue_cutoff_minutes")
    if opening.open_period(service.hours, scope.local(scope.now), cutoff,
                           entry[0] if entry else None) is None:
        raise ServiceUnavailable(
            f"现在不是{service.name}的取号时间。办理时间：{opening.describe(service.hours)}",
            f"queue {service.prefix} is outside its opening hours", prefix=service.prefix)


#: One statement: the day's first ticket of a prefix creates its counter at 1, every later
#: one adds 1 under the row's lock; either way the new number comes back. Written as text
#: because the dialects' INSERT ... ON CONFLICT constructs are never cached (SQLAlchemy
#: compiles them on every call, half a millisecond each) and the SQL is the same on both.
_BUMP_COUNTER = text(
    "INSERT INTO ticket_counter (hall_id, day, prefix, last_number) "
    "VALUES (:c_hall, :c_day, :c_prefix, 1) "
    "ON CONFLICT (hall_id, day, prefix) "
    "DO UPDATE SET last_number = ticket_counter.last_number + 1 "
    "RETURNING last_number").bindparams(
    bindparam("c_day", type_=TicketCounter.day.type)).columns(last_number=Integer)
# The other statements of the issuing path, built once (building costs more than running).
_AHEAD = select(func.count()).select_from(Ticket).where(
    Ticket.hall_id == bindparam("hall_id"), Ticket.day == bindparam("day"),
    Ticket.service_id == bindparam("service_id"), Ticket.state.in_(WAITING_STATES),
    Ticket.id != bindparam("ticket_id"), Ticket.queue_at <= bindparam("queue_at"))
_AHEAD_OF_PRIORITY = _AHEAD.where(
    (Ticket.priority != Priority.NONE) | (Ticket.due_at.is_not(None)))
_SERVICE_WINDOWS = (select(Window.number, Window.state).join(window_service).where(
    window_service.c.service_id == bindparam("service_id"), Window.active.is_(True))
    .order_by(Window.number))
#: the queue's windows with the people ahead alongside: one round trip for the result
_WINDOWS_AND_AHEAD = {
    first_class: _SERVICE_WINDOWS.add_columns(ahead.scalar_subquery())
    for first_class, ahead in ((False, _AHEAD), (True, _AHEAD_OF_PRIORITY))}
_RECENT_FINISHED = (select(Ticket.called_at, Ticket.finished_at).where(
    Ticket.hall_id == bindparam("hall_id"), Ticket.service_id == bindparam("service_id"),
    Ticket.finished_at >= bindparam("day_start"),  # bounds the index walk to today
    Ticket.day == bindparam("day"), Ticket.state == TicketState.FINISHED)
    .order_by(Ticket.finished_at.desc()).limit(bindparam("sample")))


def _next_number(scope: Scope, service: QueueRules) -> int:
    """Bump the day's counter for the prefix; the row lock (PostgreSQL) or the write lock
    (SQLite) serialises issuers, and a rollback hands the number back."""
    session = scope.session
    key = {"c_hall": scope.hall.id, "c_day": scope.today, "c_prefix": service.prefix}
    number = session.connection().scalar(_BUMP_COUNTER, key)
    if service.daily_limit and number > service.daily_limit:
        raise ServiceUnavailable(
            f"{service.name}今日号已取完（限 {service.daily_limit} 个），请明天再来或网上预约",
            f"queue {service.prefix} reached its daily limit of {service.daily_limit}",
            prefix=service.prefix)
    return number


_INSERT_TICKET = insert(Ticket).returning(Ticket.id)


def new_ticket(scope: Scope, service: QueueRules, item: ItemRef | None, actor: Actor, *,
               priority: Priority = Priority.NONE, appointment_id: int | None = None,
               due_at: dt.datetime | None = None) -> TicketView:
    """Insert the ticket with a Core statement and describe it from what was written."""
    _check_open(scope, service)
    number = _next_number(scope, service)
    code = format_code(service.prefix, number)
    ticket_id = scope.session.connection().scalar(_INSERT_TICKET, {
        "hall_id": scope.hall.id, "day": scope.today, "prefix": service.prefix,
        "number": number, "code": code, "service_id": service.id,
        "item_id": item.id if item else None, "priority": priority,
        "appointment_id": appointment_id, "due_at": due_at, "state": TicketState.WAITING,
        "issued_at": scope.now, "queue_at": scope.now, "kiosk": actor.id or None})
    return TicketView(
        id=ticket_id, code=code, day=scope.today, prefix=service.prefix, number=number,
        service_id=service.id, service_prefix=service.prefix, service_name=service.name,
        item_code=item.code if item else None, item_name=item.name if item else None,
        priority=priority.value, appointment_id=appointment_id, due_at=due_at,
        state=TicketState.WAITING.value, outcome=None, issued_at=scope.now,
        queue_at=scope.now, called_at=None, started_at=None, finished_at=None,
        recall_count=0, transfer_count=0, no_show_count=0, window_id=None,
        target_window_id=None, staff_id=None, note=None)


def format_code(prefix: str, number: int) -> str:
    """A012: the prefix and at least three digits."""
    return f"{prefix}{number:03d}"


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
    sample = scope.settings.get("queue.estimate_sample")
    day_start = at_hall_time(scope.today, dt.time(0), scope.hall.timezone)
    rows = scope.session.connection().execute(_RECENT_FINISHED, {
        "hall_id": scope.hall.id, "service_id": service_id, "day_start": day_start,
        "day": scope.today, "sample": sample}).all()
    spans = [(end - start).total_seconds() / 60 for start, end in rows if start and end]
    if not spans:
        return scope.settings.get("queue.default_handling_minutes")
    return sum(spans) / len(spans)


def estimated_wait(scope: Scope, service_id: int, ahead: int, open_windows: int) -> int:
    """People ahead shared among the open windows, at the queue's recent pace."""
    servers = max(open_windows, 1)
    return math.ceil(ahead / servers * average_handling_minutes(scope, service_id))


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
    """What the kiosk shows for a new ticket: its windows and the people ahead."""
    rows = scope.session.connection().execute(_WINDOWS_AND_AHEAD[_first_class(ticket)],
                                              _ahead_params(scope, ticket)).all()
    ahead = rows[0][2] if rows else people_ahead(scope, ticket)
    windows = [(number, state == WindowState.OPEN) for number, state, _ in rows]
    open_windows = sum(1 for _, is_open in windows if is_open)
    return QueuePosition(
        ticket=ticket, people_ahead=ahead,
        estimated_wait_minutes=estimated_wait(scope, ticket.service_id, ahead, open_windows),
        window_numbers=tuple(number for number, _ in windows))


def replay_issue(scope: Scope, request_id: str | None) -> IssueResult | None:
    """A retried issue or check-in that committed before: its ticket as it stands now,
    instead of a second ticket."""
    prior = prior_event(scope, request_id)
    if prior is None:
        return None
    ticket = TicketView.of(ticket_by_id(scope, prior.ticket_id))
    return queue_position(scope, ticket).result(prior.id, replayed=True)

