"""Closing the day: unserved tickets expire, nothing is deleted, numbering restarts;
a day nobody closed closes itself at the first action or start of a later day."""
import datetime as dt
import multiprocessing
import traceback

import pytest
from sqlalchemy import func, select

from kiosk.errors import IllegalTransition, InvalidInput, NotPermitted
from kiosk.queue.actions import appointments, calling, serving
from kiosk.queue.actions.day import close_day, close_past_days
from kiosk.queue.store.models import Appointment, Event, Ticket, Window
from tests.conftest import HALL_TZ
from tests.helpers import open_window, serve_next, take

MON, TUE = dt.date(2026, 11, 23), dt.date(2026, 11, 24)
TUESDAY_0900 = dt.datetime(2026, 11, 24, 9, 0, tzinfo=HALL_TZ)


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
    calling.no_show(ctx, window=1, staff_no="1001", confirmed=True)  # A002 no-show
    calling.call_next(ctx, window=2, staff_no="1002")  # A003 called at window 2
    appointments.record_booking(ctx, item_code="RSJ-001", day=dt.date(2026, 11, 23),
                                  slot_start=dt.time(15, 0), slot_minutes=30, name="王五",
                                  phone="13700000000")
    clock.set(dt.datetime(2026, 11, 23, 17, 30, tzinfo=HALL_TZ))
    closed = close_day(ctx, by="9001")
    assert (closed.expired, closed.appointments_missed, closed.windows_closed) == (3, 1, 2)
    assert states(ctx) == {"A001": "finished", "A002": "expired", "A003": "expired",
                           "A004": "expired"}
    with ctx.db.read() as session:
        assert session.scalar(select(Appointment.state)) == "missed"
    clock.set(TUESDAY_0900)
    assert take(ctx).ticket.code == "A001"
    with ctx.db.read() as session:
        assert session.scalar(select(func.count()).select_from(Ticket)) == 5
    assert [e.payload["day"] for e in events(ctx, "day_closed")] == ["2026-11-23"]


def test_a_past_day_can_be_closed_later_without_touching_today(ctx, clock):
    take(ctx)
    clock.set(dt.datetime(2026, 11, 24, 9, 10, tzinfo=HALL_TZ))
    closed = close_day(ctx, by="9001", day=MON)
    assert closed.expired == 1 and closed.windows_closed == 0
    take(ctx)
    with ctx.db.read() as session:
        assert session.scalar(select(Ticket.state).where(Ticket.day == TUE)) == "waiting"
    assert len(events(ctx, "day_closed")) == 1  # nothing left for the day to close


def test_a_future_day_cannot_be_closed(ctx):
    with pytest.raises(InvalidInput):
        close_day(ctx, by="9001", day=dt.date(2026, 12, 1))


def test_only_a_manager_or_admin_closes_the_day(ctx):
    open_window(ctx, 1)
    take(ctx)
    with pytest.raises(NotPermitted):
        close_day(ctx, by="1001")
    assert states(ctx) == {"A001": "waiting"}
    assert close_day(ctx, by="9000").expired == 1
    assert [e.actor for e in events(ctx, "day_closed")] == ["staff:9000"]
    assert close_day(ctx, by=None).expired == 0      # the PC's operator, at the command line
    assert [e.actor for e in events(ctx, "day_closed")] == ["staff:9000", "system"]


def test_forgotten_days_are_closed_at_the_next_start(ctx, clock):
    take(ctx)
    appointments.record_booking(ctx, item_code="RSJ-001", day=TUE,
                                  slot_start=dt.time(10, 0), slot_minutes=30, name="王五",
                                  phone="13700000000")
    clock.set(dt.datetime(2026, 11, 26, 9, 10, tzinfo=HALL_TZ))
    closed = close_past_days(ctx)
    assert [(c.day, c.expired, c.appointments_missed) for c in closed] == [
        (MON, 1, 0), (TUE, 0, 1)]
    assert close_past_days(ctx) == []
    take(ctx)
    assert [e.payload["day"] for e in events(ctx, "day_closed")] == [
        "2026-11-23", "2026-11-24"]
    with ctx.db.read() as session:
        assert session.scalar(select(func.count()).select_from(Ticket).where(
            Ticket.state == "waiting")) == 1


def events(ctx, action):
    """(actor, payload) of each event of ``action``, oldest first."""
    with ctx.db.read() as session:
        return session.execute(select(Event.actor, Event.payload).where(
            Event.action == action).order_by(Event.id)).all()


def windows(ctx):
    with ctx.db.read() as session:
        return {w.number: (w.state.value, w.staff_id, w.current_ticket_id)
                for w in session.scalars(select(Window).where(Window.number <= 3))}


def _monday_left_open(ctx):
    """Window 1 has A001 called, window 2 is serving A002, A003 waits, a booking is
    unused, and nobody closes the day."""
    open_window(ctx, 1)
    open_window(ctx, 2)
    for _ in range(3):
        take(ctx)
    calling.call_next(ctx, window=1, staff_no="1001")
    calling.call_next(ctx, window=2, staff_no="1002")
    serving.start(ctx, window=2, staff_no="1002")
    appointments.record_booking(ctx, item_code="RSJ-001", day=MON,
                                  slot_start=dt.time(15, 0), slot_minutes=30, name="王五",
                                  phone="13700000000")


def test_finishing_yesterdays_ticket_next_morning_is_refused(ctx, clock):
    _monday_left_open(ctx)
    clock.set(TUESDAY_0900)
    with pytest.raises(IllegalTransition) as refused:
        serving.finish(ctx, window=1, staff_no="1001", outcome="completed")
    assert "A001 号已于前一日闭厅时作废" in refused.value.message_zh
    assert states(ctx) == {"A001": "expired", "A002": "expired", "A003": "expired"}
    assert windows(ctx) == {1: ("closed", None, None), 2: ("closed", None, None),
                            3: ("closed", None, None)}
    with ctx.db.read() as session:
        assert session.scalar(select(Appointment.state)) == "missed"
    expired = {e.payload["code"]: e.payload for e in events(ctx, "ticket_expired")}
    assert {code: (p["was"], p["window"], p["staff_no"], p["reason"])
            for code, p in expired.items()} == {
        "A001": ("called", 1, "1001", "day_closed"),
        "A002": ("serving", 2, "1002", "day_closed")}
    assert [(e.actor, e.payload["day"], e.payload["windows_closed"])
            for e in events(ctx, "day_closed")] == [("system", "2026-11-23", 2)]
    assert sorted((p["window"], p["staff_no"], p["reason"])
                  for _, p in events(ctx, "window_signed_out")) == [
        (1, "1001", "day_closed"), (2, "1002", "day_closed")]
    assert events(ctx, "service_finished") == []       # no handling time across a night
    with pytest.raises(IllegalTransition) as refused:
        serving.finish(ctx, window=2, staff_no="1002", outcome="completed")
    assert "A002 号已于前一日闭厅时作废" in refused.value.message_zh


def test_the_next_morning_windows_call_and_other_clerks_sign_in(ctx, clock):
    _monday_left_open(ctx)
    clock.set(TUESDAY_0900)
    open_window(ctx, 1, staff_no="1005")    # neither window 1's A岗 nor its B岗
    assert len(events(ctx, "day_closed")) == 1
    take(ctx)
    called = calling.call_next(ctx, window=1, staff_no="1005")
    assert (called.ticket.code, called.ticket.day) == ("A001", TUE)
    finished = serving.finish(ctx, window=1, staff_no="1005", outcome="completed")
    assert finished.ticket.state == "finished"
    open_window(ctx, 2)                     # yesterday's clerk signs in again
    assert calling.call_next(ctx, window=2, staff_no="1002").ticket is None
    assert len(events(ctx, "day_closed")) == 1


def test_the_first_call_of_the_day_closes_yesterday(ctx, clock):
    _monday_left_open(ctx)
    clock.set(TUESDAY_0900)
    with pytest.raises(IllegalTransition) as refused:
        calling.call_next(ctx, window=1, staff_no="1001")
    assert "A001 号已于前一日闭厅时作废" in refused.value.message_zh
    open_window(ctx, 1)
    take(ctx)
    assert calling.call_next(ctx, window=1, staff_no="1001").ticket.code == "A001"


def test_the_first_ticket_of_the_day_closes_yesterday(ctx, clock):
    _monday_left_open(ctx)
    clock.set(TUESDAY_0900)
    assert take(ctx).ticket.code == "A001"
    assert states(ctx)["A003"] == "expired"
    assert [e.payload["day"] for e in events(ctx, "day_closed")] == ["2026-11-23"]


def test_only_the_first_action_of_a_day_looks_for_days_to_close(ctx, clock):
    from sqlalchemy import event

    def closing_statements():
        statements = []

        def record(conn, cursor, statement, params, context, executemany):
            statements.append(" ".join(statement.split()[:2]).upper())

        event.listen(ctx.db.engine, "before_cursor_execute", record)
        try:
            take(ctx)
        finally:
            event.remove(ctx.db.engine, "before_cursor_execute", record)
        return [s for s in statements
                if s in ("SELECT HALL.CLOSED_THROUGH", "SELECT DISTINCT")]

    take(ctx)
    clock.set(TUESDAY_0900)
    assert closing_statements()           # the day's first action: closes Monday
    assert closing_statements() == []     # every later one: the hall row says it's done
    assert len(events(ctx, "day_closed")) == 1


# --- PCs acting at once at the start of a new day ------------------------------------

def _first_action(url: str, start_iso: str, kind: str, barrier, results) -> None:
    """One PC's first action of the day: a kiosk issuing, or a clerk signing in."""
    from kiosk.clock import ManualClock
    from kiosk.queue.actions import windows
    from kiosk.queue.store.context import HallContext
    from kiosk.queue.store.db import Database

    ctx = HallContext(db=Database(url), clock=ManualClock(dt.datetime.fromisoformat(
        start_iso)), hall_code="demo")
    try:
        barrier.wait(timeout=60)
        if kind == "kiosk":
            take(ctx)
        else:
            windows.sign_in(ctx, staff_no=kind, password="123456", window=int(kind[2:]))
        results.put((kind, None))
    except Exception:  # noqa: BLE001 - reported to the parent
        results.put((kind, traceback.format_exc()))
    finally:
        ctx.db.dispose()


@pytest.mark.slow
def test_pcs_acting_at_once_close_each_past_day_once(make_ctx, db_url, clock):
    ctx = make_ctx(db_url)
    _monday_left_open(ctx)
    clock.set(TUESDAY_0900)
    appointments.record_booking(ctx, item_code="RSJ-001", day=dt.date(2026, 11, 25),
                                  slot_start=dt.time(10, 0), slot_minutes=30, name="赵六",
                                  phone="13800000000")
    clock.set(dt.datetime(2026, 11, 26, 9, 0, tzinfo=HALL_TZ))
    kinds = ["kiosk", "kiosk", "1003", "1004"]
    spawn = multiprocessing.get_context("spawn")
    barrier = spawn.Barrier(len(kinds))
    results = spawn.Queue()
    processes = [spawn.Process(target=_first_action, args=(
        db_url, clock.now().isoformat(), kind, barrier, results)) for kind in kinds]
    for process in processes:
        process.start()
    try:
        errors = [results.get(timeout=120) for _ in processes]
    finally:
        for process in processes:
            process.join(timeout=30)
            if process.is_alive():
                process.kill()
    assert [error for _, error in errors if error] == []
    assert [e.payload["day"] for e in events(ctx, "day_closed")] == [
        "2026-11-23", "2026-11-25"]
    assert [e.payload["code"] for e in events(ctx, "ticket_expired")] == ["A001", "A002"]
    assert sorted(states(ctx).values()).count("waiting") == 2   # today's two tickets
