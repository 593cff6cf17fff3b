"""Taking a ticket (取号) and checking in an appointment (预约签到)."""
from __future__ import annotations

import datetime as dt
import math

from sqlalchemy import bindparam, func, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from kiosk.clock import at_hall_time
from kiosk.errors import InvalidInput, ServiceUnavailable
from kiosk.queue import hours as opening
from kiosk.queue.context import HallContext, Scope, scope as open_scope
from kiosk.queue.events import Actor, append_event, prior_event
from kiosk.queue.lookup import item_by_code, service_by_prefix, ticket_by_id
from kiosk.queue.models import (
    Item, Priority, Service, Ticket, TicketCounter, TicketState, WAITING_STATES, Window,
    WindowState, window_service,
)
from kiosk.queue.views import IssueResult, TicketView


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
        if (prior := prior_event(scope, request_id)) is not None:
            return _result(scope, ticket_by_id(scope, prior.ticket_id), prior.id,
                           replayed=True)
        item, service = _item_and_service(scope, item_code, prefix)
        ticket = _new_ticket(scope, service, item, actor, priority=priority_class)
        event = append_event(scope, actor, "ticket_issued", ticket_id=ticket.id,
                             payload={"code": ticket.code, "prefix": ticket.prefix,
                                      "item": item.code if item else None,
                                      "priority": ticket.priority.value},
                             request_id=request_id)
        return _result(scope, ticket, event.id)


def _item_and_service(scope: Scope, item_code: str | None, prefix: str | None
                      ) -> tuple[Item | None, Service]:
    if not item_code and not prefix:
        raise InvalidInput("请选择要办理的事项", "issue_ticket needs an item or a prefix")
    item = item_by_code(scope, item_code) if item_code else None
    if prefix:
        service = service_by_prefix(scope, prefix)
        if item is not None and service not in item.services:
            raise InvalidInput(f"事项“{item.name}”不在 {service.prefix} 类业务中办理",
                               f"item {item.code} is not served by queue {service.prefix}")
    else:
        services = sorted((s for s in item.services if s.active), key=lambda s: s.sort)
        if not services:
            raise ServiceUnavailable(f"事项“{item.name}”暂不提供现场取号",
                                     f"item {item.code} has no active queue")
        service = services[0]
    return item, service


def _check_open(scope: Scope, service: Service) -> None:
    if not service.active:
        raise ServiceUnavailable(f"{service.name}今日暂停办理",
                                 f"queue {service.prefix} is closed", prefix=service.prefix)
    cutoff = scope.settings.get("queue.issue_cutoff_minutes")
    if opening.open_period(service.hours, scope.local(scope.now), cutoff) is None:
        raise ServiceUnavailable(
            f"现在不是{service.name}的取号时间。办理时间：{opening.describe(service.hours)}",
            f"queue {service.prefix} is outside its opening hours", prefix=service.prefix)


def _bump_counter(insert):
    """One statement: the day's first ticket of a prefix creates its counter at 1, every
    later one adds 1 under the row's lock; either way the new number comes back."""
    return (insert(TicketCounter).values(
        hall_id=bindparam("c_hall"), day=bindparam("c_day"), prefix=bindparam("c_prefix"),
        last_number=1)
        .on_conflict_do_update(index_elements=["hall_id", "day", "prefix"],
                               set_={"last_number": TicketCounter.last_number + 1})
        .returning(TicketCounter.last_number))


# The statements of the issuing path, built once (building costs more than running).
_BUMP_COUNTER = {"postgresql": _bump_counter(pg_insert), "sqlite": _bump_counter(sqlite_insert)}
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


def _next_number(scope: Scope, service: Service) -> int:
    """Bump the day's counter for the prefix; the row lock (PostgreSQL) or the write lock
    (SQLite) serialises issuers, and a rollback hands the number back."""
    session = scope.session
    key = {"c_hall": scope.hall.id, "c_day": scope.today, "c_prefix": service.prefix}
    number = session.scalar(_BUMP_COUNTER[session.get_bind().dialect.name], key)
    if service.daily_limit and number > service.daily_limit:
        raise ServiceUnavailable(
            f"{service.name}今日号已取完（限 {service.daily_limit} 个），请明天再来或网上预约",
            f"queue {service.prefix} reached its daily limit of {service.daily_limit}",
            prefix=service.prefix)
    return number


def _new_ticket(scope: Scope, service: Service, item: Item | None, actor: Actor, *,
                priority: Priority = Priority.NONE, appointment_id: int | None = None,
                due_at: dt.datetime | None = None) -> Ticket:
    _check_open(scope, service)
    number = _next_number(scope, service)
    ticket = Ticket(hall_id=scope.hall.id, day=scope.today, prefix=service.prefix,
                    number=number, code=format_code(service.prefix, number),
                    service=service, item=item, priority=priority,
                    appointment_id=appointment_id, due_at=due_at,
                    state=TicketState.WAITING, issued_at=scope.now, queue_at=scope.now,
                    kiosk=actor.id or None)
    scope.session.add(ticket)
    scope.session.flush()
    return ticket


def format_code(prefix: str, number: int) -> str:
    """A012: the prefix and at least three digits."""
    return f"{prefix}{number:03d}"


def people_ahead(scope: Scope, ticket: Ticket) -> int:
    """Waiting tickets of the same queue that will be called before this one."""
    return scope.session.scalar(_AHEAD_OF_PRIORITY if _first_class(ticket) else _AHEAD,
                                _ahead_params(scope, ticket))


def _first_class(ticket: Ticket) -> bool:
    return ticket.priority != Priority.NONE or ticket.due_at is not None


def _ahead_params(scope: Scope, ticket: Ticket) -> dict:
    return {"hall_id": scope.hall.id, "day": ticket.day, "service_id": ticket.service_id,
            "ticket_id": ticket.id, "queue_at": ticket.queue_at}


def average_handling_minutes(scope: Scope, service_id: int) -> float:
    """Mean call-to-finish time of the queue's last finished tickets today."""
    sample = scope.settings.get("queue.estimate_sample")
    day_start = at_hall_time(scope.today, dt.time(0), scope.hall.timezone)
    rows = scope.session.execute(_RECENT_FINISHED, {
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


def _result(scope: Scope, ticket: Ticket, event_id: int, replayed: bool = False
            ) -> IssueResult:
    rows = scope.session.execute(_WINDOWS_AND_AHEAD[_first_class(ticket)],
                                 _ahead_params(scope, ticket)).all()
    ahead = rows[0][2] if rows else people_ahead(scope, ticket)
    windows = [(number, state == WindowState.OPEN) for number, state, _ in rows]
    open_windows = sum(1 for _, is_open in windows if is_open)
    return IssueResult(
        event_id=event_id, ticket=TicketView.of(ticket), people_ahead=ahead,
        estimated_wait_minutes=estimated_wait(scope, ticket.service_id, ahead, open_windows),
        window_numbers=tuple(number for number, _ in windows), replayed=replayed)

