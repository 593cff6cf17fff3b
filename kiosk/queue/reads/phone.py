"""The ticket's phone page (扫码看号): what a citizen holding the ticket's link sees.

``ticket_page`` reads one ticket by its web token. An unknown token and a malformed one
get the same ``NotFound``, so the answer never says whether a token exists.

``live_views`` is what the web service's feed hub reads once per batch of events for
*all* the tickets whose pages are open: one query for those tickets, one for the
waiting tickets of their queues (people ahead counted in memory), and the wait
estimate's pace once per queue, so 1,000 open pages cost the same few queries as one.
"""
from __future__ import annotations

import bisect
import dataclasses
import datetime as dt
import math
import re
from collections import defaultdict
from collections.abc import Iterable

from sqlalchemy import func, select
from sqlalchemy.orm import joinedload

from kiosk.clock import hall_day
from kiosk.errors import NotFound
from kiosk.queue.position import average_handling_minutes, queue_position
from kiosk.queue.rules.names import LEVEL_ZH
from kiosk.queue.snapshots import TicketView
from kiosk.queue.store.context import HallContext, Scope
from kiosk.queue.store.context import scope as open_scope
from kiosk.queue.store.models import (
    WAITING_STATES,
    Priority,
    Rating,
    Reminder,
    Ticket,
    TicketState,
    Window,
    WindowState,
    window_service,
)

#: the form of ``issuing.web_token()`` (and of a booking's): URL-safe base64
TOKEN = re.compile(r"[A-Za-z0-9_-]{16,32}")

# TicketPage.state
WAITING, CALLED, SERVING, FINISHED, NO_SHOW, EXPIRED = (
    "waiting", "called", "serving", "finished", "no_show", "expired")
_STATE = {TicketState.WAITING: WAITING, TicketState.TRANSFERRED: WAITING,
          TicketState.CALLED: CALLED, TicketState.SERVING: SERVING,
          TicketState.FINISHED: FINISHED, TicketState.NO_SHOW: NO_SHOW,
          TicketState.EXPIRED: EXPIRED}
#: how the page names each state
STATE_ZH = {WAITING: "排队等候中", CALLED: "已叫号，请前往窗口", SERVING: "正在办理",
            FINISHED: "已办结", NO_SHOW: "已过号，请到窗口咨询", EXPIRED: "号票已失效"}
#: the chunk of ticket ids one query asks for (well under every driver's bind limit)
CHUNK = 500


@dataclasses.dataclass(frozen=True)
class LiveView:
    """What changes live on an open page (sent over SSE when it changes)."""

    state: str
    ahead: int | None = None
    wait_minutes: int | None = None
    window_number: int | None = None
    can_rate: bool = False

    def as_dict(self) -> dict:
        return {"state": self.state, "state_zh": STATE_ZH[self.state], "ahead": self.ahead,
                "wait": self.wait_minutes, "window": self.window_number,
                "can_rate": self.can_rate}


@dataclasses.dataclass(frozen=True)
class TicketPage:
    ticket_id: int
    service_id: int
    code: str
    item_name: str | None
    service_name: str
    state: str
    ahead: int | None
    wait_minutes: int | None
    window_number: int | None
    can_rate: bool
    rated_level: int | None       # a level given on either channel
    rated_channel: str | None     # "pad" or "phone"
    reminder_masked: str | None
    hall_name: str
    issued_at_local: dt.datetime
    today: bool                   # a ticket of today (a reminder may be left)

    @property
    def state_zh(self) -> str:
        return STATE_ZH[self.state]

    @property
    def rated_zh(self) -> str | None:
        return LEVEL_ZH.get(self.rated_level) if self.rated_level else None

    @property
    def live(self) -> LiveView:
        return LiveView(self.state, self.ahead, self.wait_minutes, self.window_number,
                        self.can_rate)


def _not_found() -> NotFound:
    return NotFound("没有找到这张号票，请核对二维码", "no ticket for this link")


def ticket_page(ctx: HallContext, web_token: str) -> TicketPage:
    """The page of the ticket whose link holds ``web_token`` (NotFound otherwise)."""
    if not isinstance(web_token, str) or not TOKEN.fullmatch(web_token):
        raise _not_found()
    with ctx.db.read() as session:
        scope = open_scope(ctx, session)
        ticket = session.scalar(select(Ticket).where(
            Ticket.hall_id == scope.hall.id, Ticket.web_token == web_token)
            .options(joinedload(Ticket.service), joinedload(Ticket.item)))
        if ticket is None:
            raise _not_found()
        view = TicketView.of(ticket)
        state = _STATE[ticket.state]
        ahead = wait = window = None
        if state == WAITING and ticket.day == scope.today:
            position = queue_position(scope, view)
            ahead, wait = position.people_ahead, position.estimated_wait_minutes
        elif ticket.window_id is not None:
            window = session.scalar(select(Window.number).where(Window.id == ticket.window_id))
        rating = session.execute(select(Rating.level, Rating.channel).where(
            Rating.ticket_id == ticket.id)).first()
        level, channel = (rating if rating and rating[0] is not None else (None, None))
        masked = session.scalar(select(Reminder.phone_masked).where(
            Reminder.ticket_id == ticket.id))
        return TicketPage(
            ticket_id=ticket.id, service_id=ticket.service_id, code=view.code,
            item_name=view.item_name, service_name=view.service_name, state=state,
            ahead=ahead, wait_minutes=wait, window_number=window,
            can_rate=_can_rate(scope, ticket, level), rated_level=level,
            rated_channel=channel, reminder_masked=masked, hall_name=scope.hall.name,
            issued_at_local=scope.local(ticket.issued_at), today=ticket.day == scope.today)


def _can_rate(scope: Scope, ticket: Ticket, level: int | None) -> bool:
    if ticket.state != TicketState.FINISHED or level is not None:
        return False
    finished = hall_day(ticket.finished_at or ticket.issued_at, scope.hall.timezone)
    return scope.today <= finished + dt.timedelta(days=scope.settings.get("rating.phone_days"))


def live_views(ctx: HallContext, ticket_ids: Iterable[int]) -> dict[int, LiveView]:
    """The live part of every page in ``ticket_ids``, in a few queries (see module)."""
    ids = sorted(set(ticket_ids))
    if not ids:
        return {}
    with ctx.db.read() as session:
        scope = open_scope(ctx, session)
        tickets = []
        for start in range(0, len(ids), CHUNK):
            tickets.extend(session.execute(select(
                Ticket.id, Ticket.service_id, Ticket.day, Ticket.state, Ticket.queue_at,
                Ticket.priority, Ticket.due_at, Ticket.window_id, Ticket.finished_at,
                Ticket.issued_at, Rating.level,
            ).outerjoin(Rating, Rating.ticket_id == Ticket.id).where(
                Ticket.hall_id == scope.hall.id, Ticket.id.in_(ids[start:start + CHUNK]))))
        waiting_services = {t.service_id for t in tickets
                            if t.state in WAITING_STATES and t.day == scope.today}
        queues = _queues(scope, waiting_services)
        windows = dict(session.execute(select(Window.id, Window.number).where(
            Window.hall_id == scope.hall.id)).all())
        views = {}
        for t in tickets:
            state = _STATE[t.state]
            if state == WAITING and t.day == scope.today:
                queue = queues[t.service_id]
                ahead = queue.ahead(t.id, t.queue_at, _is_first(t.priority, t.due_at))
                views[t.id] = LiveView(state, ahead, queue.wait(scope, ahead))
            else:
                views[t.id] = LiveView(
                    state, window_number=windows.get(t.window_id),
                    can_rate=_can_rate(scope, t, t.level))
        return views


def _is_first(priority, due_at) -> bool:
    return Priority(priority) != Priority.NONE or due_at is not None


@dataclasses.dataclass
class _Queue:
    """One queue's waiting tickets, sorted by when they queued (as ``position`` counts)."""

    service_id: int
    open_windows: int
    everyone: list = dataclasses.field(default_factory=list)     # (queue_at, id)
    first_class: list = dataclasses.field(default_factory=list)
    _pace: float | None = None

    def ahead(self, ticket_id: int, queue_at: dt.datetime, first: bool) -> int:
        """Tickets before this one in call order (queue_at, id), as ``position``."""
        return bisect.bisect_left(self.first_class if first else self.everyone,
                                  (queue_at, ticket_id))

    def wait(self, scope: Scope, ahead: int) -> int:
        if self._pace is None:  # once per queue and batch: one query
            self._pace = average_handling_minutes(scope, self.service_id)
        return math.ceil(ahead / max(self.open_windows, 1) * self._pace)


def _queues(scope: Scope, service_ids: set[int]) -> dict[int, _Queue]:
    if not service_ids:
        return {}
    session = scope.session
    open_windows = dict(session.execute(
        select(window_service.c.service_id, func.count()).join(
            Window, Window.id == window_service.c.window_id).where(
            window_service.c.service_id.in_(service_ids), Window.active.is_(True),
            Window.state == WindowState.OPEN).group_by(window_service.c.service_id)).all())
    queues = {sid: _Queue(sid, open_windows.get(sid, 0)) for sid in service_ids}
    rows = session.execute(select(
        Ticket.service_id, Ticket.queue_at, Ticket.id, Ticket.priority, Ticket.due_at,
    ).where(Ticket.hall_id == scope.hall.id, Ticket.day == scope.today,
            Ticket.service_id.in_(service_ids), Ticket.state.in_(WAITING_STATES)))
    by_service = defaultdict(list)
    for service_id, queue_at, ticket_id, priority, due_at in rows:
        by_service[service_id].append((queue_at, ticket_id, _is_first(priority, due_at)))
    for service_id, waiting in by_service.items():
        waiting.sort()
        queue = queues[service_id]
        queue.everyone = [(at, tid) for at, tid, _ in waiting]
        queue.first_class = [(at, tid) for at, tid, first in waiting if first]
    return queues
