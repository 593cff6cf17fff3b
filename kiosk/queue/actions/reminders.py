"""到号提醒: a phone left for a waiting ticket gets one message when N people are ahead
(N = the queue's ``remind_ahead``; only when it was left further back) and one when the
ticket is called. The messages go to the outbox in the transaction of the call that
causes them (``actions.calling`` hooks ``on_call``), so a call that fails queues none
and a call that commits cannot lose its message.

The number is kept only sealed (``rules.sealing``), and copied sealed into the outbox;
events and logs carry the masked form. Closing the day deletes the day's reminders and
strips the sealed numbers from its messages (``purge_day``).
"""
from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable

from sqlalchemy import ColumnElement, and_, bindparam, delete, or_, select

from kiosk.clock import at_hall_time
from kiosk.errors import IllegalTransition, InvalidInput, NotFound, ServiceUnavailable
from kiosk.queue.actions.keys import personal_keys
from kiosk.queue.position import people_ahead
from kiosk.queue.rules.personal import KeyRing, clean_mobile, mask_phone
from kiosk.queue.rules.sealing import seal
from kiosk.queue.snapshots import TicketView
from kiosk.queue.store import outbox
from kiosk.queue.store.context import HallContext, Scope
from kiosk.queue.store.context import scope as open_scope
from kiosk.queue.store.events import Actor, append_event
from kiosk.queue.store.fixed_in import fixed_in
from kiosk.queue.store.lookup import ticket_by_id
from kiosk.queue.store.models import WAITING_STATES, Reminder, Ticket

CHANNEL = "reminder"
#: the payload key holding the sealed phone (stripped when the day closes)
SEALED = "to_sealed"
KIOSK = Actor("kiosk")


@dataclasses.dataclass(frozen=True)
class ReminderView:
    ticket_id: int
    phone_masked: str
    ahead: int | None  # the "N ahead" message is due at this many; None: not sent


def leave_phone(ctx: HallContext, *, ticket_id: int | None = None,
                web_token: str | None = None, phone: str,
                actor: Actor = KIOSK) -> ReminderView:
    """Leave (or replace) the phone for a waiting ticket of today."""
    phone = clean_mobile(phone)
    if (ticket_id is None) == (web_token is None):
        raise InvalidInput("请指定号票", "leave_phone needs a ticket id or a web token")
    ring = personal_keys(ctx)
    with ctx.db.write() as session:
        scope = open_scope(ctx, session)
        if not scope.settings.get("reminders.enabled"):
            raise ServiceUnavailable("本大厅暂未开通到号提醒",
                                     "call reminders are off in this hall (reminders.enabled)")
        if web_token is not None:
            ticket_id = session.scalar(select(Ticket.id).where(
                Ticket.hall_id == scope.hall.id, Ticket.web_token == web_token))
            if ticket_id is None:
                raise NotFound("找不到这张号票", "no ticket with this web token")
        ticket = ticket_by_id(scope, ticket_id)
        reminder = attach_phone(scope, ticket.id, phone, ring)
        append_event(scope, actor, "reminder_left", ticket_id=ticket.id,
                     payload={"code": ticket.code, "phone": reminder.phone_masked,
                              "ahead": reminder.ahead})
        return ReminderView(ticket.id, reminder.phone_masked, reminder.ahead)


def attach_phone(scope: Scope, ticket_id: int, phone: str, ring: KeyRing) -> Reminder:
    """Inside an open write transaction: the ticket's reminder, new or with its phone
    replaced (a message already sent is not sent again)."""
    phone = clean_mobile(phone)
    ticket = ticket_by_id(scope, ticket_id)
    if ticket.day != scope.today:
        raise IllegalTransition("这不是今天的号票，不能留手机号",
                                f"{ticket.code} is of {ticket.day}, not of today")
    if ticket.state not in WAITING_STATES:
        raise IllegalTransition(f"{ticket.code} 号已不在等候中，无需提醒",
                                f"{ticket.code} is {ticket.state.value}: not waiting")
    reminder = scope.session.scalar(select(Reminder).where(Reminder.ticket_id == ticket.id))
    if reminder is None:
        reminder = Reminder(hall_id=scope.hall.id, ticket_id=ticket.id, day=ticket.day,
                            created_at=scope.now)
        scope.session.add(reminder)
    reminder.phone_masked = mask_phone(phone)
    reminder.phone_hash = ring.hash("phone", phone)
    reminder.phone_sealed = seal(ring, phone)
    if reminder.ahead_sent_at is None:
        threshold = ticket.service.remind_ahead
        ahead = people_ahead(scope, TicketView.of(ticket))
        reminder.ahead = threshold if 0 < threshold < ahead else None
    scope.session.flush()
    return reminder


def _on_call_where(in_queues: ColumnElement[bool]) -> tuple[ColumnElement[bool], ...]:
    """Today's reminders of the called ticket (not yet told) or of waiting tickets
    ``in_queues`` (still to be told "N ahead")."""
    return (Reminder.hall_id == bindparam("hall_id"), Reminder.day == bindparam("day"),
            or_(and_(Reminder.ticket_id == bindparam("ticket_id"),
                     Reminder.called_sent_at.is_(None)),
                and_(Reminder.ahead.is_not(None), Reminder.ahead_sent_at.is_(None),
                     in_queues, fixed_in(Ticket.state, WAITING_STATES))))


_ON_CALL = (select(Reminder, Ticket).join(Ticket, Ticket.id == Reminder.ticket_id)
            .where(*_on_call_where(
                Ticket.service_id.in_(bindparam("service_ids", expanding=True))))
            .order_by(Reminder.id))
#: the one query a call costs when no reminder waits, run on the connection (loading
#: none through the ORM still costs a call more than the query), for the called
#: ticket's one queue (a list would render its SQL on every call)
_ANY_ON_CALL = (select(Reminder.__table__.c.id)
                .join(Ticket.__table__, Ticket.__table__.c.id == Reminder.__table__.c.ticket_id)
                .where(*_on_call_where(Ticket.service_id == bindparam("service_id")))
                .limit(1))


def any_on_call(scope: Scope, ticket: TicketView) -> bool:
    """Whether a call of ``ticket`` has a message to queue (``on_call``): one indexed
    query, the only one a call costs when nobody there left a phone."""
    return scope.session.connection().scalar(_ANY_ON_CALL, {
        "hall_id": scope.hall.id, "day": scope.today, "ticket_id": ticket.id,
        "service_id": ticket.service_id}) is not None


def on_call(scope: Scope, ticket: TicketView, window_number: int) -> None:
    """The hook of a call (when ``any_on_call``): the called ticket's message, and "N
    ahead" for those its queue moved up."""
    for reminder, waiting in scope.session.execute(_ON_CALL, {
            "hall_id": scope.hall.id, "day": scope.today, "ticket_id": ticket.id,
            "service_ids": [ticket.service_id]}).all():
        if waiting.id == ticket.id:
            _called(scope, reminder, waiting, window_number)
        else:
            _maybe_ahead(scope, reminder, waiting)


def after_queue_moved(scope: Scope, service_ids: Iterable[int]) -> None:
    """Queue "N ahead" for the waiting tickets of ``service_ids`` now close enough."""
    rows = scope.session.execute(_ON_CALL, {
        "hall_id": scope.hall.id, "day": scope.today, "ticket_id": None,
        "service_ids": list(service_ids)}).all()
    for reminder, waiting in rows:
        _maybe_ahead(scope, reminder, waiting)


def after_ticket_called(scope: Scope, ticket_id: int, window_number: int) -> None:
    reminder = scope.session.scalar(select(Reminder).where(
        Reminder.ticket_id == ticket_id, Reminder.day == scope.today,
        Reminder.called_sent_at.is_(None)))
    if reminder is not None:
        _called(scope, reminder, ticket_by_id(scope, ticket_id, for_update=False),
                window_number)


def _key(scope: Scope, ticket: Ticket, kind: str) -> str:
    return f"{scope.hall.code}:{ticket.day.isoformat()}:t{ticket.id}:{kind}"


def _send(scope: Scope, reminder: Reminder, ticket: Ticket, kind: str, text: str,
          **data) -> None:
    if reminder.phone_sealed is None:
        return
    outbox.enqueue(scope, channel=CHANNEL, idem_key=_key(scope, ticket, kind),
                   payload={SEALED: reminder.phone_sealed, "text": text, "kind": kind,
                            "code": ticket.code, "masked": reminder.phone_masked, **data},
                   recipient_hash=reminder.phone_hash, ticket_id=ticket.id)


def _called(scope: Scope, reminder: Reminder, ticket: Ticket, window_number: int) -> None:
    reminder.called_sent_at = scope.now
    _send(scope, reminder, ticket, "called",
          f"【{scope.hall.name}】请 {ticket.code} 号到 {window_number} 号窗口办理",
          window=window_number)


def _maybe_ahead(scope: Scope, reminder: Reminder, ticket: Ticket) -> None:
    scope.session.flush()  # the call's own change first: it is no longer ahead
    ahead = people_ahead(scope, TicketView.of(ticket))
    if ahead > reminder.ahead:
        return
    reminder.ahead_sent_at = scope.now
    _send(scope, reminder, ticket, "ahead",
          f"【{scope.hall.name}】您的 {ticket.code} 号前面还有 {ahead} 人，"
          "请回到大厅留意叫号", ahead=ahead)


def purge_day(scope: Scope, before: dt.date) -> int:
    """Day close: the reminders of days before ``before`` are deleted (masked form and
    hash too: nothing needs them once the tickets are over), their pending messages
    dropped and the sealed numbers stripped from every message of those days. Returns
    the reminders deleted."""
    start = at_hall_time(before, dt.time(0), scope.hall.timezone)
    outbox.strip_before(scope, CHANNEL, start, (SEALED,))
    return scope.session.execute(delete(Reminder).where(
        Reminder.hall_id == scope.hall.id, Reminder.day < before)).rowcount
