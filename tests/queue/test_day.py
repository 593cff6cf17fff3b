"""Closing the day: unserved tickets expire, nothing is deleted, numbering restarts."""
import datetime as dt

import pytest
from sqlalchemy import func, select

from kiosk.errors import InvalidInput
from kiosk.queue.actions import appointments, calling
from kiosk.queue.actions.day import close_day
from kiosk.queue.store.models import Appointment, Ticket
from tests.conftest import HALL_TZ
from tests.helpers import open_window, serve_next, take


def states(ctx):
    with ctx.db.read() as session:
        return dict(session.execute(select(Ticket.code, Ticket.state)).all())


def test_close_day_expires_the_unserved_and_keeps_everything(ctx, clock):
    open_window(ctx, 1)
    open_window(ctx, 2)
    for _ in range(4):
        take(ctx)
    serve_next(ctx, 1)                                # A001 finished
    calling.call_next(ctx, window=1, staff_no="1001")  # A002 called
    calling.no_show(ctx, window=1, staff_no="1001")    # A002 no-show
    calling.call_next(ctx, window=2, staff_no="1002")  # A003 called at window 2
    appointments.book_appointment(ctx, item_code="RSJ-001", day=dt.date(2026, 11, 23),
                                  slot_start=dt.time(15, 0), slot_minutes=30, name="王五",
                                  phone="13700000000")
    clock.set(dt.datetime(2026, 11, 23, 17, 30, tzinfo=HALL_TZ))
    closed = close_day(ctx)
    assert (closed.expired, closed.appointments_missed, closed.windows_closed) == (3, 1, 2)
    assert states(ctx) == {"A001": "finished", "A002": "expired", "A003": "expired",
                           "A004": "expired"}
    with ctx.db.read() as session:
        assert session.scalar(select(Appointment.state)) == "missed"
    clock.set(dt.datetime(2026, 11, 24, 9, 0, tzinfo=HALL_TZ))
    assert take(ctx).ticket.code == "A001"
    with ctx.db.read() as session:
        assert session.scalar(select(func.count()).select_from(Ticket)) == 5


def test_a_past_day_can_be_closed_later_without_touching_today(ctx, clock):
    take(ctx)
    clock.set(dt.datetime(2026, 11, 24, 9, 10, tzinfo=HALL_TZ))
    take(ctx)
    closed = close_day(ctx, day=dt.date(2026, 11, 23))
    assert closed.expired == 1 and closed.windows_closed == 0
    with ctx.db.read() as session:
        assert session.scalar(select(Ticket.state).where(
            Ticket.day == dt.date(2026, 11, 24))) == "waiting"


def test_a_future_day_cannot_be_closed(ctx):
    with pytest.raises(InvalidInput):
        close_day(ctx, day=dt.date(2026, 12, 1))


def test_forgotten_days_are_closed_at_the_next_start(ctx, clock):
    from kiosk.queue.actions.day import close_past_days

    take(ctx)
    clock.set(dt.datetime(2026, 11, 24, 9, 10, tzinfo=HALL_TZ))
    take(ctx)
    clock.set(dt.datetime(2026, 11, 26, 9, 10, tzinfo=HALL_TZ))
    take(ctx)
    closed = close_past_days(ctx)
    assert [c.day for c in closed] == [dt.date(2026, 11, 23), dt.date(2026, 11, 24)]
    assert close_past_days(ctx) == []
    with ctx.db.read() as session:
        assert session.scalar(select(func.count()).select_from(Ticket).where(
            Ticket.state == "waiting")) == 1
