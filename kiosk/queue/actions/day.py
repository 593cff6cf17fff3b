"""Closing a hall day: whatever was not served becomes expired; nothing is deleted."""
from __future__ import annotations

import dataclasses
import datetime as dt

from sqlalchemy import distinct, select

from kiosk.clock import hall_day

from kiosk.errors import InvalidInput
from kiosk.queue.store.context import HallContext, load_hall, scope as open_scope
from kiosk.queue.store.events import SYSTEM, Actor, append_event
from kiosk.queue.store.models import (
    ACTIVE_STATES, WAITING_STATES, Appointment, AppointmentState, Ticket, TicketState,
    Window, WindowState,
)


@dataclasses.dataclass(frozen=True)
class DayClosed:
    day: dt.date
    expired: int
    appointments_missed: int
    windows_closed: int
    event_id: int


def close_day(ctx: HallContext, *, day: dt.date | None = None,
              actor: Actor = SYSTEM) -> DayClosed:
    """Expire the day's unserved tickets (waiting, called, serving, no-show), mark unused
    bookings missed, and sign every window out when closing today."""
    with ctx.db.write() as session:
        scope = open_scope(ctx, session)
        day = day or scope.today
        if day > scope.today:
            raise InvalidInput("不能关闭尚未到来的日期", f"cannot close future day {day}")
        open_states = (*WAITING_STATES, *ACTIVE_STATES, TicketState.NO_SHOW)
        tickets = session.scalars(select(Ticket).where(
            Ticket.hall_id == scope.hall.id, Ticket.day == day,
            Ticket.state.in_(open_states)).with_for_update()).all()
        for ticket in tickets:
            ticket.state = TicketState.EXPIRED
        bookings = session.scalars(select(Appointment).where(
            Appointment.hall_id == scope.hall.id, Appointment.day == day,
            Appointment.state == AppointmentState.BOOKED)).all()
        for booking in bookings:
            booking.state = AppointmentState.MISSED
        windows = []
        if day == scope.today:
            windows = session.scalars(select(Window).where(
                Window.hall_id == scope.hall.id, Window.state != WindowState.CLOSED)
                .with_for_update()).all()
            for window in windows:
                window.state = WindowState.CLOSED
                window.staff_id = None
                window.current_ticket_id = None
                window.pause_reason = window.paused_at = window.pause_back_at = None
                window.priority_streak = 0
        event = append_event(scope, actor, "day_closed",
                             payload={"day": day.isoformat(), "expired": len(tickets),
                                      "appointments_missed": len(bookings),
                                      "windows_closed": len(windows)})
        return DayClosed(day, len(tickets), len(bookings), len(windows), event.id)


def close_past_days(ctx: HallContext, actor: Actor = SYSTEM) -> list[DayClosed]:
    """Close every earlier hall day that still has unserved tickets (a PC that was off
    at closing time); safe to run at every start."""
    with ctx.db.read() as session:
        hall = load_hall(session, ctx.hall_code)
        today = hall_day(ctx.clock.now(), hall.timezone)
        open_states = (*WAITING_STATES, *ACTIVE_STATES, TicketState.NO_SHOW)
        days = session.scalars(select(distinct(Ticket.day)).where(
            Ticket.hall_id == hall.id, Ticket.day < today,
            Ticket.state.in_(open_states)).order_by(Ticket.day)).all()
    return [close_day(ctx, day=day, actor=actor) for day in days]
