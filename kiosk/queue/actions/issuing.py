"""Taking a ticket (取号) and checking in an appointment (预约签到)."""
from __future__ import annotations

import dataclasses
import datetime as dt
import secrets

from sqlalchemy import Integer, bindparam, func, insert, select, text

from kiosk.errors import InvalidInput, ServiceUnavailable
from kiosk.queue.actions.calendar import day_entry
from kiosk.queue.actions.day import closes_past_days, require_past_days_closed
from kiosk.queue.actions.keys import personal_keys
from kiosk.queue.rules import hours as opening
from kiosk.queue.rules.at_counter import BY_AGE, CLAIMED
from kiosk.queue.rules.personal import CardReading, age_on, mask_name
from kiosk.queue.store.context import HallContext, Scope, scope as open_scope
from kiosk.queue.store.events import Actor, append_event, prior_event
from kiosk.queue.position import queue_position
from kiosk.queue.store.lookup import (
    ItemRef, QueueRules, item_with_queues, queue_by_prefix, ticket_by_id,
)
from kiosk.queue.store.models import (
    Priority, Service, Ticket, TicketCounter, TicketState,
)
from kiosk.queue.snapshots import IssueResult, TicketView



class IdCardRequired(InvalidInput):
    """The queue takes tickets by ID card only (catalog ``id_card: required``)."""

    code = "id_card_required"


class PersonLimitReached(ServiceUnavailable):
    """The card's holder has taken the queue's per-person number of tickets today."""

    code = "person_daily_limit"


@dataclasses.dataclass(frozen=True, repr=False)
class Holder:
    """What a ticket keeps of the card it was taken with: a keyed hash of the number
    (``candidates``: under every key of the ring, to count), the name masked, and a
    priority earned by age."""

    person_hash: str
    candidates: tuple[str, ...]
    holder_masked: str
    priority_check: str | None


@closes_past_days
def issue_ticket(ctx: HallContext, *, item_code: str | None = None,
                 prefix: str | None = None, priority: str = "none",
                 actor: Actor = Actor("kiosk"), request_id: str | None = None,
                 card: CardReading | None = None) -> IssueResult:
    """Hand out the next number of the item's queue (or of ``prefix``'s queue).

    Checks the service is open now and under its daily limit; returns the ticket with the
    people ahead and an estimated wait. ``card``: the ID card it is taken with; a queue
    with ``id_card`` off ignores it, one with ``required`` refuses a ticket without it.
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
        holder = card_holder(ctx, scope, service, card)
        if holder is not None and holder.priority_check == BY_AGE:
            priority_class = Priority.ELDERLY
        ticket = new_ticket(scope, service, item, actor, priority=priority_class,
                            holder=holder)
        # read what the kiosk shows before the event: the event takes the lock that
        # orders every writer, so it is the transaction's last statement
        position = queue_position(scope, ticket)
        payload = {"code": ticket.code, "prefix": ticket.prefix,
                   "item": item.code if item else None, "priority": ticket.priority}
        if holder is not None:  # that it was by card, never whose card
            payload.update(by_card=True, priority_check=holder.priority_check)
        event = append_event(scope, actor, "ticket_issued", ticket_id=ticket.id,
                             payload=payload, request_id=request_id)
        return position.result(event.id)


def card_holder(ctx: HallContext, scope: Scope, service: QueueRules,
                card: CardReading | None) -> Holder | None:
    """What the ticket keeps of ``card`` under the queue's rule, or a refusal."""
    if service.id_card == "off":
        return None
    if card is None:
        if service.id_card == "required":
            raise IdCardRequired(
                f"{service.name}需刷身份证取号，请将身份证放在读卡区",
                f"queue {service.prefix} takes tickets by ID card only",
                prefix=service.prefix)
        return None
    ring = personal_keys(ctx)
    green_age = scope.settings.get("queue.green_channel_age")
    by_age = bool(green_age) and age_on(card.birth_date, scope.today) >= green_age
    return Holder(person_hash=card.person_hash(ring),
                  candidates=tuple(card.person_candidates(ring)),
                  holder_masked=mask_name(card.name),
                  priority_check=BY_AGE if by_age else None)


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
#: a person's tickets today, by queue (the index ix_ticket_person answers it)
_PERSON_TODAY = (
    select(Ticket.service_id, Service.prefix, Service.name, func.count())
    .join(Service, Service.id == Ticket.service_id)
    .where(Ticket.hall_id == bindparam("hall_id"), Ticket.day == bindparam("day"),
           Ticket.person_hash.in_(bindparam("hashes", expanding=True)))
    .group_by(Ticket.service_id, Service.prefix, Service.name).order_by(Service.prefix))


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


def _check_person_limit(scope: Scope, service: QueueRules, holder: Holder | None) -> None:
    """At most ``per_person_daily_limit`` tickets of the queue a day for one card.
    Runs after the counter is bumped: that row's lock (PostgreSQL) or the write lock
    (SQLite) makes a second kiosk wait here until the first one's ticket is committed,
    so two kiosks at the same instant cannot both see room for one more."""
    limit = service.per_person_daily_limit
    if not limit or holder is None:
        return
    taken = scope.session.connection().execute(_PERSON_TODAY, {
        "hall_id": scope.hall.id, "day": scope.today,
        "hashes": list(holder.candidates)}).all()
    here = sum(count for service_id, _, _, count in taken if service_id == service.id)
    if here < limit:
        return
    total = sum(count for *_, count in taken)
    listed_zh = "、".join(f"{prefix} {name} {count} 个" for _, prefix, name, count in taken)
    listed_en = ", ".join(f"{prefix} {count}" for _, prefix, _, count in taken)
    raise PersonLimitReached(
        f"您今日已取号 {total} 个（{listed_zh}），{service.name}每人每日限取 {limit} 个，"
        "请明天再来或网上预约",
        f"this card's holder already took {total} ticket(s) today ({listed_en}); "
        f"queue {service.prefix} allows {limit} per person a day",
        prefix=service.prefix, taken=total)


_INSERT_TICKET = insert(Ticket).returning(Ticket.id)


def new_ticket(scope: Scope, service: QueueRules, item: ItemRef | None, actor: Actor, *,
               priority: Priority = Priority.NONE, appointment_id: int | None = None,
               due_at: dt.datetime | None = None, holder: Holder | None = None
               ) -> TicketView:
    """Insert the ticket with a Core statement and describe it from what was written."""
    _check_open(scope, service)
    number = _next_number(scope, service)
    _check_person_limit(scope, service, holder)
    code = format_code(service.prefix, number)
    check = _priority_check(priority, holder)
    token = web_token()
    ticket_id = scope.session.connection().scalar(_INSERT_TICKET, {
        "hall_id": scope.hall.id, "day": scope.today, "prefix": service.prefix,
        "number": number, "code": code, "service_id": service.id,
        "item_id": item.id if item else None, "priority": priority,
        "appointment_id": appointment_id, "due_at": due_at, "state": TicketState.WAITING,
        "issued_at": scope.now, "queue_at": scope.now, "kiosk": actor.id or None,
        "person_hash": holder.person_hash if holder else None,
        "holder_masked": holder.holder_masked if holder else None,
        "priority_check": check, "web_token": token})
    return TicketView(
        id=ticket_id, code=code, day=scope.today, prefix=service.prefix, number=number,
        service_id=service.id, service_prefix=service.prefix, service_name=service.name,
        item_code=item.code if item else None, item_name=item.name if item else None,
        priority=priority.value, appointment_id=appointment_id, due_at=due_at,
        state=TicketState.WAITING.value, outcome=None, issued_at=scope.now,
        queue_at=scope.now, called_at=None, started_at=None, finished_at=None,
        recall_count=0, transfer_count=0, no_show_count=0, window_id=None,
        target_window_id=None, staff_id=None, note=None,
        holder_masked=holder.holder_masked if holder else None, priority_check=check,
        web_token=token)


def web_token() -> str:
    """144 random bits, URL-safe (24 characters): the ticket page's address."""
    return secrets.token_urlsafe(18)


def format_code(prefix: str, number: int) -> str:
    """A012: the prefix and at least three digits."""
    return f"{prefix}{number:03d}"


def _priority_check(priority: Priority, holder: Holder | None) -> str | None:
    """A 绿色通道 earned by the card's age needs no check; one the citizen chose at the
    kiosk is "claimed" until the window confirms or rejects it."""
    if holder is not None and holder.priority_check:
        return holder.priority_check
    return CLAIMED if priority != Priority.NONE else None


def replay_issue(scope: Scope, request_id: str | None) -> IssueResult | None:
    """A retried issue or check-in that committed before: its ticket as it stands now,
    instead of a second ticket."""
    prior = prior_event(scope, request_id)
    if prior is None:
        return None
    ticket = TicketView.of(ticket_by_id(scope, prior.ticket_id))
    return queue_position(scope, ticket).result(prior.id, replayed=True)

