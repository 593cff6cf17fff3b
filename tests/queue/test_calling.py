"""Calling: order, priority without starvation, appointments, recall, no-show, requeue."""
import datetime as dt

import pytest
from sqlalchemy import func, select

from kiosk.errors import IllegalTransition, NotFound, NotPermitted
from kiosk.queue.actions import appointments, calling, serving, staff
from kiosk.queue.store.models import Event, Ticket
from tests.conftest import HALL_TZ
from tests.helpers import open_window, take


def call(ctx, window=1):
    from kiosk.queue.demo import clerk_no

    return calling.call_next(ctx, window=window, staff_no=clerk_no(window))


def finish(ctx, window=1, outcome="completed"):
    from kiosk.queue.demo import clerk_no

    return serving.finish(ctx, window=window, staff_no=clerk_no(window), outcome=outcome)


def events(ctx):
    with ctx.db.read() as session:
        return session.scalar(select(func.count()).select_from(Event))


def test_first_come_first_called(ctx, clock):
    open_window(ctx, 1)
    for _ in range(3):
        take(ctx)
        clock.advance(seconds=10)
    codes = []
    for _ in range(3):
        codes.append(call(ctx).ticket.code)
        finish(ctx)
    assert codes == ["A001", "A002", "A003"]


def test_a_window_calls_across_its_queues_by_issue_time(ctx, clock):
    open_window(ctx, 2)  # serves A and B
    take(ctx, "WJW-002")       # B001
    clock.advance(seconds=5)
    take(ctx, "SCJG-001")      # A001
    first = call(ctx, 2)
    finish(ctx, 2)
    second = call(ctx, 2)
    assert (first.ticket.code, second.ticket.code) == ("B001", "A001")


def test_empty_queue_returns_no_ticket_and_no_event(ctx):
    open_window(ctx, 1)
    before = events(ctx)
    result = call(ctx)
    assert result.ticket is None and result.event_id is None
    assert events(ctx) == before


def test_call_shows_window_and_staff_on_the_ticket(ctx):
    open_window(ctx, 1)
    take(ctx)
    called = call(ctx).ticket
    assert called.state == "called" and called.called_at is not None
    with ctx.db.read() as session:
        ticket = session.get(Ticket, called.id)
        assert ticket.window_id is not None and ticket.staff_id is not None


def test_priority_first_but_never_starving_ordinary(ctx, clock):
    staff.set_hall_setting(ctx, name="queue.priority_streak_limit", value=2)
    open_window(ctx, 1)
    take(ctx)                                      # A001 ordinary, oldest
    for _ in range(4):
        clock.advance(seconds=10)
        take(ctx, priority="elderly")              # A002..A005 priority
    order = []
    for _ in range(5):
        order.append(call(ctx).ticket.code)
        finish(ctx)
    # two priority, then the waiting ordinary ticket, then the rest of priority
    assert order == ["A002", "A003", "A001", "A004", "A005"]


def test_due_appointment_goes_before_priority(ctx, clock):
    code = appointments.record_booking(
        ctx, item_code="SCJG-001", day=dt.date(2026, 11, 23), slot_start=dt.time(9, 30),
        slot_minutes=30, name="张三", phone="13800000000")
    open_window(ctx, 1)
    take(ctx, priority="disabled")
    clock.advance(minutes=1)
    booked = appointments.check_in(ctx, code=code, phone_last_four="0000")
    assert call(ctx).ticket.code == booked.ticket.code
    assert booked.ticket.appointment_id is not None


def test_early_appointment_waits_as_ordinary_until_its_slot(ctx, clock):
    appointments.record_booking(
        ctx, item_code="SCJG-001", day=dt.date(2026, 11, 23), slot_start=dt.time(10, 0),
        slot_minutes=30, name="李四", phone="13900000000")
    open_window(ctx, 1)
    take(ctx)                       # A001, ordinary, earlier
    clock.advance(minutes=5)        # 09:35, slot at 10:00, early window 30 min
    booked = appointments.check_in(ctx, phone="13900000000")
    assert booked.ticket.code == "A002"
    assert call(ctx).ticket.code == "A001"
    finish(ctx)
    clock.set(dt.datetime(2026, 11, 23, 10, 0, tzinfo=HALL_TZ))
    take(ctx)                       # A003 ordinary; the appointment is due now
    assert call(ctx).ticket.code == "A002"


def test_call_number_calls_out_of_turn_within_the_window_queues(ctx):
    open_window(ctx, 1)
    take(ctx)
    take(ctx)
    result = calling.call_number(ctx, window=1, staff_no="1001", code="a002")
    assert result.ticket.code == "A002"
    finish(ctx)
    assert call(ctx).ticket.code == "A001"


def test_call_number_refuses_other_queues_and_finished_tickets(ctx):
    open_window(ctx, 1)
    take(ctx, "RSJ-001")  # C001, not served at window 1
    with pytest.raises(NotPermitted):
        calling.call_number(ctx, window=1, staff_no="1001", code="C001")
    take(ctx)
    call(ctx)
    finish(ctx)
    with pytest.raises(IllegalTransition) as err:
        calling.call_number(ctx, window=1, staff_no="1001", code="A001")
    assert "已办结" in err.value.message_zh
    with pytest.raises(NotFound):
        calling.call_number(ctx, window=1, staff_no="1001", code="A999")


def test_a_window_with_an_active_ticket_cannot_call_again(ctx):
    open_window(ctx, 1)
    take(ctx)
    take(ctx)
    call(ctx)
    before = events(ctx)
    with pytest.raises(IllegalTransition) as err:
        call(ctx)
    assert "A001" in err.value.message_zh
    assert events(ctx) == before


def test_acting_on_a_window_you_are_not_signed_in_to_is_refused(ctx):
    take(ctx)
    with pytest.raises(NotPermitted):
        calling.call_next(ctx, window=1, staff_no="1001")
    open_window(ctx, 1)
    with pytest.raises(NotPermitted):
        calling.call_next(ctx, window=1, staff_no="1002")
    with pytest.raises(NotFound):
        calling.call_next(ctx, window=99, staff_no="1001")


def test_recall_counts_up_to_the_maximum(ctx):
    staff.set_hall_setting(ctx, name="queue.recall_max", value=2)
    open_window(ctx, 1)
    take(ctx)
    call(ctx)
    assert calling.recall(ctx, window=1, staff_no="1001").ticket.recall_count == 1
    assert calling.recall(ctx, window=1, staff_no="1001").ticket.recall_count == 2
    with pytest.raises(IllegalTransition) as err:
        calling.recall(ctx, window=1, staff_no="1001")
    assert "过号" in err.value.message_zh


def test_recall_needs_a_called_ticket(ctx):
    open_window(ctx, 1)
    with pytest.raises(IllegalTransition):
        calling.recall(ctx, window=1, staff_no="1001")


def test_no_show_frees_the_window_and_requeue_puts_it_at_the_end(ctx, clock):
    open_window(ctx, 1)
    take(ctx)
    clock.advance(seconds=10)
    take(ctx)
    call(ctx)
    clock.advance(seconds=60)
    gone = calling.no_show(ctx, window=1, staff_no="1001")
    assert gone.ticket.state == "no_show" and gone.window.current_ticket_id is None
    clock.advance(minutes=2)
    back = calling.requeue(ctx, code="A001", staff_no="1001")
    assert back.ticket.state == "waiting" and back.ticket.called_at is None
    assert back.ticket.issued_at < back.ticket.queue_at
    assert call(ctx).ticket.code == "A002"
    finish(ctx)
    assert call(ctx).ticket.code == "A001"


def test_requeue_keep_position_returns_to_the_original_place(ctx, clock):
    staff.set_hall_setting(ctx, name="queue.requeue_position", value="keep")
    open_window(ctx, 1)
    take(ctx)
    clock.advance(seconds=10)
    take(ctx)
    call(ctx)
    clock.advance(seconds=60)
    calling.no_show(ctx, window=1, staff_no="1001")
    calling.requeue(ctx, code="A001", staff_no="1001")
    assert call(ctx).ticket.code == "A001"


def test_requeue_only_for_no_shows(ctx):
    take(ctx)
    with pytest.raises(IllegalTransition):
        calling.requeue(ctx, code="A001", staff_no="1001")


def test_a_no_show_who_comes_to_the_counter_can_be_called_by_number(ctx):
    open_window(ctx, 1)
    take(ctx)
    call(ctx)
    calling.no_show(ctx, window=1, staff_no="1001", confirmed=True)
    again = calling.call_number(ctx, window=1, staff_no="1001", code="A001")
    assert again.ticket.state == "called" and again.ticket.no_show_count == 1


def test_retried_call_next_is_not_applied_twice(ctx):
    open_window(ctx, 1)
    take(ctx)
    take(ctx)
    first = calling.call_next(ctx, window=1, staff_no="1001", request_id="w1-7")
    again = calling.call_next(ctx, window=1, staff_no="1001", request_id="w1-7")
    assert again.replayed and again.ticket.code == first.ticket.code == "A001"
    with ctx.db.read() as session:
        called = session.scalar(select(func.count()).select_from(Ticket)
                                .where(Ticket.state == "called"))
    assert called == 1


def test_an_empty_call_on_sqlite_never_waits_for_the_write_lock(sqlite_ctx):
    """Windows pressing 叫号 at an empty queue must not queue up behind (or hold up)
    the kiosks: while another process holds SQLite's write lock, the empty call is
    answered at once from a read."""
    import sqlite3

    from sqlalchemy.engine import make_url

    open_window(sqlite_ctx, 1)
    writer = sqlite3.connect(make_url(sqlite_ctx.db.url).database, isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")  # a kiosk in the middle of issuing
    try:
        result = call(sqlite_ctx)
    finally:
        writer.execute("ROLLBACK")
        writer.close()
    assert result.ticket is None and result.window.number == 1


def test_a_retried_call_is_replayed_even_once_the_queue_is_empty(ctx):
    open_window(ctx, 1)
    take(ctx)
    first = calling.call_next(ctx, window=1, staff_no="1001", request_id="w1-9")
    finish(ctx)
    again = calling.call_next(ctx, window=1, staff_no="1001", request_id="w1-9")
    assert again.replayed and again.ticket.code == first.ticket.code == "A001"


def test_an_empty_call_at_a_paused_window_is_refused_as_before(ctx):
    from kiosk.queue.actions import windows

    open_window(ctx, 1)
    windows.pause(ctx, window=1, staff_no="1001", reason="break")
    with pytest.raises(IllegalTransition):
        call(ctx)


@pytest.mark.parametrize("code", ["A" + "9" * 40, "AAAAA1", "号1", "A-1"])
def test_calling_a_malformed_number_is_refused_before_the_database(ctx, code):
    """A typed or scanned number too long for the columns is a clear refusal, not a
    database error (an integer overflow on PostgreSQL)."""
    open_window(ctx, 1)
    with pytest.raises(NotFound) as refused:
        calling.call_number(ctx, window=1, staff_no="1001", code=code)
    assert "格式不对" in refused.value.message_zh and len(refused.value.message_zh) < 60
