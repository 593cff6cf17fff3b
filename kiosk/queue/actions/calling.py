"""叫号: call next, call a given number, recall, no-show and requeue.

Tickets are called in the order ``store.call_order`` defines (due appointments, then
priority, then everyone else, each by place in line). After
``queue.priority_streak_limit`` (N) tier-0/1 calls in a row at one window, the oldest
ordinary ticket goes next if one waits, so priority never starves the others.
"""
from __future__ import annotations

import dataclasses

from sqlalchemy import select

from kiosk.errors import IllegalTransition, NotPermitted
from kiosk.queue.actions import counter_rows, reminders
from kiosk.queue.actions.at_window import (
    AtCounter,
    AtWindow,
    counter_action,
    counter_window,
    window_action,
)
from kiosk.queue.actions.counter_rows import CounterWindow, TicketRow
from kiosk.queue.actions.day import closes_past_days, require_past_days_closed
from kiosk.queue.actions.results import replay, result
from kiosk.queue.rules.at_counter import no_show_too_soon
from kiosk.queue.snapshots import ActionResult, TicketView
from kiosk.queue.store.call_order import CANDIDATES, call_params
from kiosk.queue.store.context import HallContext, Scope
from kiosk.queue.store.context import scope as open_scope
from kiosk.queue.store.events import NewEvent, append_event, staff_actor
from kiosk.queue.store.lookup import scope_with_window, staff_by_no, ticket_by_code
from kiosk.queue.store.models import (
    ACTIVE_STATES,
    WAITING_STATES,
    Priority,
    Ticket,
    TicketState,
    Window,
    WindowState,
)

STATE_ZH = {
    TicketState.WAITING: "等候中", TicketState.CALLED: "已叫号", TicketState.SERVING: "办理中",
    TicketState.FINISHED: "已办结", TicketState.NO_SHOW: "已过号",
    TicketState.TRANSFERRED: "已转办待叫", TicketState.EXPIRED: "已作废",
}


_ACTIVE = {state.value for state in ACTIVE_STATES}


def pick_next(at: AtCounter) -> TicketRow | None:
    """The next ticket in call order for the window, locked (SKIP LOCKED: two windows
    calling at once take different tickets); None when nobody waits."""
    params = call_params(at.scope, at.window.id)
    if at.window.priority_streak >= at.scope.settings.get("queue.priority_streak_limit"):
        ticket = counter_rows.next_ticket(at.conn, params, ordinary_only=True)
        if ticket is not None:
            return ticket
    return counter_rows.next_ticket(at.conn, params, ordinary_only=False)


def _require_free(window: CounterWindow) -> None:
    if window.state == WindowState.PAUSED:
        raise IllegalTransition("窗口处于暂停状态，请先恢复服务",
                                f"window {window.number} is paused")
    current = window.current
    if current is not None and current.view.state in _ACTIVE:
        raise IllegalTransition(
            f"请先办结、过号或转办当前的 {current.view.code} 号",
            f"window {window.number} still has {current.view.code} ({current.view.state})")


def call_ticket(at: AtCounter, ticket: TicketRow, *, after_finishing: TicketView | None = None,
                finished_event: NewEvent | None = None) -> ActionResult:
    """Call ``ticket`` to the window; ``after_finishing``: the ticket the same press
    finished (办结并叫号), named in the event so a replay can say so too, and
    ``finished_event``, its event, goes in just before the call's."""
    scope, window, waiting = at.scope, at.window, ticket.view
    tier = 0 if waiting.due_at is not None and waiting.due_at <= scope.now else \
        1 if waiting.priority != Priority.NONE.value else 2
    at.write(counter_rows.SET_CALLED, {
        "t_id": waiting.id, "t_at": scope.now, "t_window": window.id,
        "t_staff": window.staff_id})
    at.write(counter_rows.SET_WINDOW, {
        "w_id": window.id, "w_ticket": waiting.id,
        "w_streak": window.priority_streak + 1 if tier < 2 else 0})
    called = dataclasses.replace(
        waiting, state=TicketState.CALLED.value, called_at=scope.now, started_at=None,
        recall_count=0, window_id=window.id, staff_id=window.staff_id,
        target_window_id=None)
    payload = {"code": called.code, "window": window.number, "window_name": window.name,
               "priority": called.priority, "appointment": called.appointment_id is not None}
    if after_finishing is not None:
        payload["finished"] = after_finishing.code
        payload["finished_id"] = after_finishing.id
    if reminders.any_on_call(scope, called):  # its messages, in this transaction
        at.send_writes()  # the reminders' code reads the tickets
        reminders.on_call(scope, called, window.number)
    event = at.event("ticket_called", called, payload, preceded_by=finished_event)
    return ActionResult(event_id=event.id, ticket=called,
                        window=window.view(current_ticket_id=called.id),
                        finished=after_finishing)


@closes_past_days
def call_next(ctx: HallContext, *, window: int, staff_no: str,
              request_id: str | None = None) -> ActionResult:
    """Call the next ticket for the window; ``ticket`` is None when nobody waits.

    On SQLite a call that finds nobody is answered from a read: only a call with
    someone to call takes the database's single write lock, so windows pressing 叫号
    at an empty queue never hold up the kiosks issuing tickets."""
    if ctx.db.backend == "sqlite":
        answered = _answer_if_nobody_waits(ctx, window, staff_no, request_id)
        if answered is not None:
            return answered
    return _call_next(ctx, window=window, staff_no=staff_no, request_id=request_id)


@counter_action
def _call_next(at: AtCounter) -> ActionResult:
    _require_free(at.window)
    ticket = pick_next(at)
    if ticket is None:
        return ActionResult(event_id=None, window=at.window.view())
    return call_ticket(at, ticket)


_ANYONE_WAITING = select(CANDIDATES.exists())


def _answer_if_nobody_waits(ctx: HallContext, window: int, staff_no: str,
                            request_id: str | None) -> ActionResult | None:
    """The empty call's answer (or a retried call's earlier one) from one read, with
    the same checks and refusals as the call itself; None when someone waits."""
    with ctx.db.read() as session:
        scope, window_id = scope_with_window(ctx, session, window)
        require_past_days_closed(scope)
        if (done := replay(scope, request_id)) is not None:
            return done
        row = counter_window(scope, window, staff_no, window_id)
        _require_free(row)
        if scope.session.scalar(_ANYONE_WAITING, call_params(scope, row.id)):
            return None
        return ActionResult(event_id=None, window=row.view())


@counter_action
def call_number(at: AtCounter, *, code: str) -> ActionResult:
    """指定叫号: call a given ticket of this window's queues, out of turn. A no-show who
    came back to the counter may be called this way too."""
    _require_free(at.window)
    found = ticket_by_code(at.scope, code)
    if found.state not in (*WAITING_STATES, TicketState.NO_SHOW):
        raise IllegalTransition(f"{found.code} 号{STATE_ZH[found.state]}，不能叫号",
                                f"{found.code} is {found.state.value}: cannot call")
    mine = found.target_window_id == at.window.id or (
        found.target_window_id is None and found.service_id in at.window.service_ids)
    if not mine:
        raise NotPermitted(f"{found.code} 号不属于本窗口的业务",
                           f"{found.code} is not served at window {at.window.number}")
    at.scope.session.expunge(found)  # the call changes its row below the ORM
    return call_ticket(at, counter_rows.ticket_by_id(at.conn, found.id))


def current_ticket(scope: Scope, window: Window, *states: TicketState) -> Ticket:
    """The window's ticket when it is in one of ``states``, else a readable refusal."""
    ticket = scope.session.get(Ticket, window.current_ticket_id) \
        if window.current_ticket_id else None
    if ticket is None or ticket.state not in states:
        raise _nothing_called(window.number, states)
    return ticket


def current_ticket_row(at: AtCounter, *states: TicketState) -> TicketRow:
    """``current_ticket`` for a press on Core rows."""
    ticket = at.window.current
    if ticket is None or ticket.view.state not in {s.value for s in states}:
        raise _nothing_called(at.window.number, states)
    return ticket


def _nothing_called(number: int, states: tuple[TicketState, ...]) -> IllegalTransition:
    return IllegalTransition("本窗口当前没有正在叫号的号码",
                             f"window {number} has no ticket in "
                             f"{'/'.join(s.value for s in states)}")


@window_action
def recall(at: AtWindow) -> ActionResult:
    """重呼: announce the current ticket again, up to ``queue.recall_max`` times."""
    ticket = current_ticket(at.scope, at.window, TicketState.CALLED)
    limit = at.scope.settings.get("queue.recall_max")
    if ticket.recall_count >= limit:
        raise IllegalTransition(f"{ticket.code} 号已重呼 {limit} 次，可按过号处理",
                                f"{ticket.code} was recalled {limit} times already")
    ticket.recall_count += 1
    event = at.event("ticket_recalled", ticket,
                     {"code": ticket.code, "window": at.window.number,
                      "window_name": at.window.name, "recall_count": ticket.recall_count})
    return result(event, ticket, at.window)


@window_action
def no_show(at: AtWindow, *, confirmed: bool = False) -> ActionResult:
    """过号: the citizen did not come; the window is free for the next call. Pressed
    right after the call (``rules.at_counter.no_show_too_soon``) it needs ``confirmed``,
    so a citizen walking up from the far seats is not dropped by a stray key."""
    ticket = current_ticket(at.scope, at.window, TicketState.CALLED)
    settings = at.scope.settings
    min_recalls = settings.get("queue.no_show_min_recalls")
    min_seconds = settings.get("queue.no_show_min_seconds")
    if not confirmed and no_show_too_soon(ticket.recall_count, ticket.called_at,
                                          at.scope.now, min_recalls, min_seconds):
        waited = max(0, round((at.scope.now - ticket.called_at).total_seconds()))
        raise IllegalTransition(
            f"{ticket.code} 号叫号才 {waited} 秒、重呼 {ticket.recall_count} 次：请先重呼"
            f"（满 {min_recalls} 次）或叫号满 {min_seconds} 秒后再过号；确认群众确实未到"
            f"可确认过号",
            f"{ticket.code} was called {waited} s ago and recalled {ticket.recall_count} "
            f"times: no-show needs confirmation", needs_confirmation=True)
    ticket.state = TicketState.NO_SHOW
    ticket.no_show_count += 1
    at.window.current_ticket_id = None
    event = at.event("ticket_no_show", ticket,
                     {"code": ticket.code, "window": at.window.number,
                      "confirmed": confirmed})
    return result(event, ticket, at.window)


def requeue(ctx: HallContext, *, code: str, staff_no: str,
            request_id: str | None = None) -> ActionResult:
    """过号重排: a no-show who came back waits again, at the end of the line or at its
    old place (``queue.requeue_position``)."""
    with ctx.db.write() as session:
        scope = open_scope(ctx, session)
        if (done := replay(scope, request_id)) is not None:
            return done
        staff_by_no(scope, staff_no)
        ticket = ticket_by_code(scope, code)
        if ticket.state != TicketState.NO_SHOW:
            raise IllegalTransition(f"{ticket.code} 号{STATE_ZH[ticket.state]}，不是过号",
                                    f"{ticket.code} is {ticket.state.value}, not no_show")
        ticket.state = TicketState.WAITING
        if scope.settings.get("queue.requeue_position") == "end":
            ticket.queue_at = scope.now
        # waiting again, like a transferred ticket: the earlier call stays in the events
        ticket.window_id = None
        ticket.called_at = None
        event = append_event(scope, staff_actor(staff_no), "ticket_requeued",
                             ticket_id=ticket.id,
                             payload={"code": ticket.code,
                                      "position": scope.settings.get("queue.requeue_position")},
                             request_id=request_id)
        return result(event, ticket)
