"""远程取号: a ticket taken on the phone, for the queues whose catalog entry allows it.

It is an ordinary ticket (``issuing.new_ticket``: the queue's hours, calendar and daily
limit apply, and it takes the next number) with a call reminder to the phone it was
taken with, in one transaction. Its ``kiosk`` is "web"; a phone takes at most the
queue's ``remote_daily_per_phone`` of them a day, counted over those reminders.
"""
from __future__ import annotations

import dataclasses

from sqlalchemy import func, select

from kiosk.errors import ServiceUnavailable
from kiosk.queue.actions import reminders
from kiosk.queue.actions.calendar import day_entry
from kiosk.queue.actions.day import closes_past_days, require_past_days_closed
from kiosk.queue.actions.issuing import item_and_service, new_ticket
from kiosk.queue.actions.keys import personal_keys
from kiosk.queue.position import queue_position
from kiosk.queue.rules import hours as opening
from kiosk.queue.rules.personal import clean_mobile
from kiosk.queue.snapshots import IssueResult
from kiosk.queue.store.booking import first_queues
from kiosk.queue.store.context import HallContext, Scope, scope as open_scope
from kiosk.queue.store.events import Actor, append_event
from kiosk.queue.store.lookup import QueueRules
from kiosk.queue.store.models import (
    WAITING_STATES, Department, Item, Reminder, Service, Ticket, TicketCounter,
)

#: the ``kiosk`` of a ticket taken on the phone
WEB_KIOSK = "web"


class RemoteNotOffered(ServiceUnavailable):
    code = "remote_not_offered"


class PhoneLimitReached(ServiceUnavailable):
    code = "remote_phone_limit"


@dataclasses.dataclass(frozen=True)
class RemoteItem:
    code: str
    name: str
    department: str
    service_prefix: str
    service_name: str
    waiting: int


@closes_past_days
def take_remote_ticket(ctx: HallContext, *, item_code: str, phone: str,
                       actor: Actor = Actor("web")) -> IssueResult:
    """Take the item's next number from the phone, with a reminder to ``phone``."""
    phone = clean_mobile(phone)
    ring = personal_keys(ctx)
    with ctx.db.write() as session:
        scope = open_scope(ctx, session)
        require_past_days_closed(scope)
        item, service = item_and_service(scope, item_code, None)
        limit = _remote_limit(scope, service)
        ticket = new_ticket(scope, service, item, Actor(actor.kind, WEB_KIOSK))
        # after the number is bumped: its row lock (PostgreSQL) or the write lock
        # (SQLite) makes a second request of the same phone wait for this one's commit
        _check_phone_limit(scope, service, limit, ring.candidates("phone", phone))
        reminder = reminders.attach_phone(scope, ticket.id, phone, ring)
        position = queue_position(scope, ticket)  # before the event: it goes last
        event = append_event(scope, actor, "ticket_issued", ticket_id=ticket.id, payload={
            "code": ticket.code, "prefix": ticket.prefix, "item": item.code,
            "priority": ticket.priority, "remote": True, "phone": reminder.phone_masked})
        return position.result(event.id)


def _remote_limit(scope: Scope, service: QueueRules) -> int:
    row = scope.session.execute(select(Service.remote_ticket, Service.remote_daily_per_phone)
                                .where(Service.id == service.id)).one()
    if not row.remote_ticket:
        raise RemoteNotOffered(f"{service.name}不提供远程取号，请到大厅现场取号",
                               f"queue {service.prefix} takes no remote tickets",
                               prefix=service.prefix)
    return row.remote_daily_per_phone


def _check_phone_limit(scope: Scope, service: QueueRules, limit: int,
                       phones: list[str]) -> None:
    taken = scope.session.scalar(
        select(func.count()).select_from(Reminder)
        .join(Ticket, Ticket.id == Reminder.ticket_id)
        .where(Reminder.hall_id == scope.hall.id, Reminder.day == scope.today,
               Reminder.phone_hash.in_(phones), Ticket.kiosk == WEB_KIOSK,
               Ticket.day == scope.today, Ticket.service_id == service.id))
    if taken >= limit:
        raise PhoneLimitReached(
            f"该手机号今日已远程取{service.name}的号 {taken} 个，每个手机每天限 {limit} 个，"
            "请到大厅现场取号",
            f"this phone took {taken} remote ticket(s) of queue {service.prefix} today "
            f"(limit {limit})", prefix=service.prefix)


def remote_items(ctx: HallContext) -> list[RemoteItem]:
    """Items whose queue (their first active one) takes remote tickets and is open now:
    within its hours, not a holiday, not sold out; with the people waiting."""
    with ctx.db.read() as session:
        scope = open_scope(ctx, session)
        entry = day_entry(session, scope.hall.id, scope.today)
        if entry is not None and not entry[0]:
            return []
        cutoff = scope.settings.get("queue.issue_cutoff_minutes")
        local_now = scope.local(scope.now)
        issued = dict(session.execute(select(TicketCounter.prefix, TicketCounter.last_number)
                                      .where(TicketCounter.hall_id == scope.hall.id,
                                             TicketCounter.day == scope.today)).all())
        open_ids = {s.id: s for s in session.scalars(select(Service).where(
            Service.hall_id == scope.hall.id, Service.active.is_(True),
            Service.remote_ticket.is_(True)))
            if opening.open_period(s.hours, local_now, cutoff, entry[0] if entry else None)
            and not (s.daily_limit and issued.get(s.prefix, 0) >= s.daily_limit)}
        waiting = dict(session.execute(select(Ticket.service_id, func.count()).where(
            Ticket.hall_id == scope.hall.id, Ticket.day == scope.today,
            Ticket.state.in_(WAITING_STATES)).group_by(Ticket.service_id)).all())
        first = first_queues(scope)
        rows = session.execute(select(Item, Department.name).join(
            Department, Department.id == Item.department_id).where(
            Item.hall_id == scope.hall.id, Item.active.is_(True)).order_by(Item.sort, Item.code))
        return [RemoteItem(item.code, item.name, department, open_ids[sid].prefix,
                           open_ids[sid].name, waiting.get(sid, 0))
                for item, department in rows
                if (sid := first.get(item.id)) in open_ids]
