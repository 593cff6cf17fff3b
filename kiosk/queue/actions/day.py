"""Closing a hall day: whatever was not served becomes expired; nothing is deleted.

A manager (or the command line) closes the day in the evening. When nobody does, the
day closes itself: the first action of a later hall day, and every start-up, closes the
earlier days first, so no clerk inherits yesterday's ticket or window and no handling
time spans a night. ``hall.closed_through`` records the last day closed that way; it
comes with the hall row every action reads anyway, so the check costs no query.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import functools
from collections.abc import Callable
from typing import TypeVar

from sqlalchemy import bindparam, distinct, select, update

from kiosk.clock import at_hall_time, hall_day
from kiosk.errors import IllegalTransition, InvalidInput
from kiosk.queue.store.context import HallContext, Scope, scope as open_scope
from kiosk.queue.store.events import SYSTEM, Actor, append_event, staff_actor
from kiosk.queue.store.lookup import require_role
from kiosk.queue.actions.reminders import purge_day
from kiosk.queue.store.models import (
    ACTIVE_STATES, WAITING_STATES, Appointment, AppointmentState, Event, Hall, Role,
    Staff, Ticket, TicketState, Window, WindowState,
)

ONE_DAY = dt.timedelta(days=1)
OPEN_STATES = (*WAITING_STATES, *ACTIVE_STATES, TicketState.NO_SHOW)
#: why a ticket in hand expired, or a window was signed out (the events' ``reason``)
REASON_DAY_CLOSED = "day_closed"


@dataclasses.dataclass(frozen=True)
class DayClosed:
    day: dt.date
    expired: int
    appointments_missed: int
    windows_closed: int
    event_id: int


class PastDaysOpen(Exception):
    """Raised inside an action's transaction when an earlier hall day is not closed yet;
    ``closes_past_days`` closes it in a transaction of its own and runs the action again
    (so a refused action never rolls the closing back)."""


def require_past_days_closed(scope: Scope) -> None:
    """Cheap: reads the hall row the action has loaded already."""
    closed = scope.hall.closed_through
    if closed is None or closed < scope.today - ONE_DAY:
        raise PastDaysOpen


Action = TypeVar("Action", bound=Callable)


def closes_past_days(action: Action) -> Action:
    """Decorate an action that calls ``require_past_days_closed`` in its transaction."""
    @functools.wraps(action)
    def run(ctx: HallContext, *args, **kwargs):
        for attempt in range(3):
            try:
                return action(ctx, *args, **kwargs)
            except PastDaysOpen:
                if attempt == 2:  # the hall day turned twice while closing: give up
                    raise
                close_past_days(ctx)

    return run  # type: ignore[return-value]


def close_day(ctx: HallContext, *, by: str | None, day: dt.date | None = None
              ) -> DayClosed:
    """Expire the day's unserved tickets (waiting, called, serving, no-show), mark unused
    bookings missed, and sign every window out when closing today. ``by``: the manager
    or admin closing it; None only for the local command line (the PC's operator)."""
    with ctx.db.write() as session:
        scope = open_scope(ctx, session)
        actor = SYSTEM
        if by is not None:
            require_role(scope, by, Role.MANAGER, Role.ADMIN)
            actor = staff_actor(by)
        day = day or scope.today
        if day > scope.today:
            raise InvalidInput("不能关闭尚未到来的日期", f"cannot close future day {day}")
        windows = []
        if day == scope.today:
            windows = session.scalars(select(Window).where(
                Window.hall_id == scope.hall.id, Window.state != WindowState.CLOSED)
                .with_for_update()).all()
        return _close(scope, day, actor, windows)


def close_past_days(ctx: HallContext) -> list[DayClosed]:
    """Close every earlier hall day left open (a PC that was off at closing time, or
    nobody closed it): safe to run at any time, on any number of PCs at once."""
    with ctx.db.write() as session:
        return _close_past(open_scope(ctx, session))


#: the marker, locked: PCs closing at once queue here, and the later ones find it done
#: (NO KEY UPDATE, so tickets inserted meanwhile, which key-share the hall row, go on)
_LOCK_MARKER = (select(Hall.closed_through).where(Hall.id == bindparam("hall_id"))
                .with_for_update(key_share=True))


def _close_past(scope: Scope) -> list[DayClosed]:
    session, hall = scope.session, scope.hall
    yesterday = scope.today - ONE_DAY
    closed = session.scalar(_LOCK_MARKER, {"hall_id": hall.id})
    if closed is not None and closed >= yesterday:
        return []
    after = closed or dt.date.min  # days up to the marker were closed before
    days = set(session.scalars(select(distinct(Ticket.day)).where(
        Ticket.hall_id == hall.id, Ticket.day > after, Ticket.day < scope.today,
        Ticket.state.in_(OPEN_STATES))))
    days |= set(session.scalars(select(distinct(Appointment.day)).where(
        Appointment.hall_id == hall.id, Appointment.day > after,
        Appointment.day < scope.today, Appointment.state == AppointmentState.BOOKED)))
    today_start = at_hall_time(scope.today, dt.time(0), hall.timezone)
    stale = session.scalars(select(Window).where(
        Window.hall_id == hall.id, Window.state != WindowState.CLOSED,
        Window.signed_in_at < today_start).with_for_update()).all()
    signed_in_on = {w.id: hall_day(w.signed_in_at, hall.timezone) for w in stale}
    days |= set(signed_in_on.values())
    done = [_close(scope, day, SYSTEM, [w for w in stale if signed_in_on[w.id] == day])
            for day in sorted(days)]
    purge_day(scope, scope.today)  # also days that had nothing left open to close
    session.execute(update(Hall).where(Hall.id == hall.id)
                    .values(closed_through=yesterday))
    return done


def _close(scope: Scope, day: dt.date, actor: Actor, windows: list[Window]) -> DayClosed:
    """Close ``day``: its open tickets expire (the ones in hand at a window each with a
    ``ticket_expired`` event saying why), its bookings are missed, ``windows`` sign out
    (each with a ``window_signed_out`` event)."""
    session = scope.session
    signed_out = [(window, window.staff.staff_no if window.staff else None)
                  for window in windows]
    for window in windows:
        _sign_out(window)
    tickets = session.scalars(select(Ticket).where(
        Ticket.hall_id == scope.hall.id, Ticket.day == day,
        Ticket.state.in_(OPEN_STATES)).with_for_update()).all()
    in_hand = [(t, t.state) for t in tickets if t.state in ACTIVE_STATES]
    for ticket in tickets:
        ticket.state = TicketState.EXPIRED
    bookings = session.scalars(select(Appointment).where(
        Appointment.hall_id == scope.hall.id, Appointment.day == day,
        Appointment.state == AppointmentState.BOOKED)).all()
    for booking in bookings:
        booking.state = AppointmentState.MISSED
    for window, staff_no in signed_out:  # the pads and screens of each window follow
        append_event(scope, actor, "window_signed_out", window_id=window.id,
                     payload={"window": window.number, "staff_no": staff_no,
                              "reason": REASON_DAY_CLOSED})
    for ticket, was in in_hand:
        _expire_in_hand(scope, ticket, was, actor)
    purge_day(scope, day + ONE_DAY)  # phones left for reminders go with the day
    event = append_event(scope, actor, "day_closed",
                         payload={"day": day.isoformat(), "expired": len(tickets),
                                  "appointments_missed": len(bookings),
                                  "windows_closed": len(windows)})
    return DayClosed(day, len(tickets), len(bookings), len(windows), event.id)


def _sign_out(window: Window) -> None:
    window.state = WindowState.CLOSED
    window.staff = None
    window.staff_id = None
    window.current_ticket_id = None
    window.pause_reason = window.paused_at = window.pause_back_at = None
    window.priority_streak = 0


def _expire_in_hand(scope: Scope, ticket: Ticket, was: TicketState, actor: Actor) -> None:
    """The window lets go of it; the event names the clerk, so the clerk's next action
    can say what became of the ticket (see ``explain_refusal``)."""
    session = scope.session
    window = session.scalar(select(Window).where(Window.id == ticket.window_id)
                            .with_for_update()) if ticket.window_id else None
    if window is not None and window.current_ticket_id == ticket.id:
        window.current_ticket_id = None
    clerk = session.scalar(select(Staff.staff_no).where(Staff.id == ticket.staff_id)) \
        if ticket.staff_id else None
    append_event(scope, actor, "ticket_expired", ticket_id=ticket.id,
                 window_id=ticket.window_id,
                 payload={"code": ticket.code, "day": ticket.day.isoformat(),
                          "window": window.number if window else None, "staff_no": clerk,
                          "was": was.value, "reason": REASON_DAY_CLOSED})


_EXPIRED_AT_WINDOW = (
    select(Event.payload).where(
        Event.hall_id == bindparam("hall_id"), Event.action == "ticket_expired",
        Event.at >= bindparam("since"), Event.window_id == bindparam("window_id"))
    .order_by(Event.id.desc()).limit(1))


def explain_refusal(scope: Scope, window: Window, staff_no: str) -> None:
    """A clerk refused at a window that closing the day signed out: raise why, naming the
    ticket that was in hand (“A001 号已于前一日闭厅时作废”). Returns when that is not it."""
    if window.state != WindowState.CLOSED or window.signed_in_at is None:
        return
    payload = scope.session.scalar(_EXPIRED_AT_WINDOW, {
        "hall_id": scope.hall.id, "since": window.signed_in_at, "window_id": window.id})
    if not payload or payload.get("staff_no") != staff_no:
        return
    code, day = payload["code"], dt.date.fromisoformat(payload["day"])
    when = {scope.today: "今日", scope.today - ONE_DAY: "前一日"}.get(
        day, f"{day.month}月{day.day}日")
    raise IllegalTransition(
        f"{code} 号已于{when}闭厅时作废，{window.number} 号窗口已随闭厅退出，请重新登录",
        f"{code} expired when hall day {day} was closed; window {window.number} was "
        "signed out then: sign in again", code=code, window=window.number)
