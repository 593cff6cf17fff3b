"""Taking tickets: numbering, priority, limits, hours, estimates."""
import datetime as dt

import pytest
from sqlalchemy import func, select

from kiosk.errors import InvalidInput, NotFound, ServiceUnavailable
from kiosk.queue.actions import issuing, staff
from kiosk.queue.store.models import Event, Ticket
from tests.conftest import HALL_TZ
from tests.helpers import open_window, serve_next, take


def count(ctx, model):
    with ctx.db.read() as session:
        return session.scalar(select(func.count()).select_from(model))


def test_numbers_run_per_prefix_and_show_as_codes(ctx):
    first = take(ctx, "SCJG-001")
    second = take(ctx, "SCJG-002")
    social = take(ctx, "RSJ-001")
    assert [first.ticket.code, second.ticket.code] == ["A001", "A002"]
    assert social.ticket.code == "C001"
    assert first.ticket.item_name == "个体工商户设立登记"
    assert first.window_numbers == (1, 2, 4, 19)


def test_numbering_restarts_on_the_next_hall_day(ctx, clock):
    take(ctx)
    take(ctx)
    clock.set(dt.datetime(2026, 11, 24, 9, 5, tzinfo=HALL_TZ))
    assert take(ctx).ticket.code == "A001"


def test_hall_day_follows_the_hall_zone_not_utc(ctx, clock):
    # 09:05 in Shanghai is 01:05 UTC: still the same hall day as 16:00 Shanghai
    clock.set(dt.datetime(2026, 11, 23, 9, 5, tzinfo=HALL_TZ))
    morning = take(ctx)
    clock.set(dt.datetime(2026, 11, 23, 16, 0, tzinfo=HALL_TZ))
    afternoon = take(ctx)
    assert morning.ticket.day == afternoon.ticket.day == dt.date(2026, 11, 23)
    assert afternoon.ticket.code == "A002"
    assert morning.ticket.issued_at.tzinfo is not None


def test_people_ahead_and_estimate_grow_with_the_queue(ctx):
    results = [take(ctx, "MZJ-001") for _ in range(3)]  # queue I, windows 17 and 20
    assert [r.people_ahead for r in results] == [0, 1, 2]
    # no window open yet: one server assumed, default 8 minutes each
    assert results[2].estimated_wait_minutes == 16


def test_estimate_uses_open_windows_and_recent_handling(ctx, clock):
    open_window(ctx, 17)
    open_window(ctx, 20)
    take(ctx, "MZJ-001")
    from kiosk.queue.actions import calling, serving

    calling.call_next(ctx, window=17, staff_no="1017")
    clock.advance(minutes=4)
    serving.finish(ctx, window=17, staff_no="1017", outcome="completed")
    for _ in range(4):
        last = take(ctx, "MZJ-001")
    assert last.people_ahead == 3
    # 3 ahead, 2 open windows, 4 minutes each -> 6 minutes
    assert last.estimated_wait_minutes == 6


def test_an_estimate_of_whole_minutes_is_not_rounded_up_a_minute_more(ctx, clock):
    """Handled in 60, 60 and 80 s: a pace of 66.67 s, computed by the database; nine
    ahead at one window is exactly 10 minutes, not 11."""
    from kiosk.queue.actions import calling, serving

    open_window(ctx, 1)
    for seconds in (60, 60, 80):
        take(ctx)
        calling.call_next(ctx, window=1, staff_no="1001")
        clock.advance(seconds=seconds)
        serving.finish(ctx, window=1, staff_no="1001", outcome="completed")
    for _ in range(9):
        take(ctx)
    last = take(ctx)
    assert last.people_ahead == 9
    assert last.estimated_wait_minutes == 10


def test_priority_ticket_counts_only_priority_ahead(ctx):
    take(ctx)
    take(ctx)
    elder = take(ctx, priority="elderly")
    assert elder.ticket.priority == "elderly"
    assert elder.people_ahead == 0


def test_daily_limit_refuses_with_a_clear_message_and_gives_no_number(ctx):
    staff.set_hall_setting(ctx, name="queue.recall_max", value=3)  # unrelated change
    from kiosk.queue.store.models import Service

    with ctx.db.write() as session:
        session.scalar(select(Service).where(Service.prefix == "F")).daily_limit = 2
    take(ctx, "ZRZY-001")
    take(ctx, "ZRZY-001")
    before = count(ctx, Event)
    with pytest.raises(ServiceUnavailable) as err:
        take(ctx, "ZRZY-001")
    assert "号已取完" in err.value.message_zh
    assert count(ctx, Event) == before
    with ctx.db.read() as session:
        assert session.scalar(select(func.count()).select_from(Ticket)
                              .where(Ticket.prefix == "F")) == 2


def test_out_of_hours_is_refused(ctx, clock):
    clock.set(dt.datetime(2026, 11, 23, 12, 30, tzinfo=HALL_TZ))  # lunch break
    with pytest.raises(ServiceUnavailable) as err:
        take(ctx)
    assert "09:00-12:00" in err.value.message_zh
    clock.set(dt.datetime(2026, 11, 22, 10, 0, tzinfo=HALL_TZ))  # Sunday
    with pytest.raises(ServiceUnavailable):
        take(ctx)


def test_saturday_service_is_open_on_saturday(ctx, clock):
    clock.set(dt.datetime(2026, 11, 28, 10, 0, tzinfo=HALL_TZ))
    assert take(ctx, "GAJ-001").ticket.code == "H001"
    with pytest.raises(ServiceUnavailable):
        take(ctx, "SCJG-001")


def test_issue_cutoff_stops_tickets_before_the_period_ends(ctx, clock):
    staff.set_hall_setting(ctx, name="queue.issue_cutoff_minutes", value=30)
    clock.set(dt.datetime(2026, 11, 23, 16, 40, tzinfo=HALL_TZ))
    with pytest.raises(ServiceUnavailable):
        take(ctx)
    clock.set(dt.datetime(2026, 11, 23, 16, 20, tzinfo=HALL_TZ))
    assert take(ctx).ticket.number == 1


def test_unknown_item_and_bad_priority_change_nothing(ctx):
    before = count(ctx, Ticket), count(ctx, Event)
    with pytest.raises(NotFound) as err:
        take(ctx, "NOPE-1")
    assert "NOPE-1" in err.value.message_zh
    with pytest.raises(InvalidInput):
        take(ctx, priority="vip")
    with pytest.raises(InvalidInput):
        issuing.issue_ticket(ctx)
    assert (count(ctx, Ticket), count(ctx, Event)) == before


def test_item_and_prefix_must_agree(ctx):
    with pytest.raises(InvalidInput):
        issuing.issue_ticket(ctx, item_code="SCJG-001", prefix="C")
    assert issuing.issue_ticket(ctx, item_code="SWJ-001", prefix="K").ticket.code == "K001"


def test_a_retried_issue_is_not_applied_twice(ctx):
    first = take(ctx, request_id="kiosk1-42")
    again = take(ctx, request_id="kiosk1-42")
    assert again.replayed and again.ticket.code == first.ticket.code
    assert count(ctx, Ticket) == 1


def test_issue_appends_one_event(ctx):
    result = take(ctx)
    with ctx.db.read() as session:
        event = session.get(Event, result.event_id)
        assert (event.action, event.actor, event.payload["code"]) == \
            ("ticket_issued", "kiosk", "A001")


def test_handled_ticket_lowers_people_ahead(ctx):
    open_window(ctx, 1)
    take(ctx)
    take(ctx)
    serve_next(ctx, 1)
    assert take(ctx).people_ahead == 1


def test_the_demo_hall_can_be_opened_around_the_clock(ctx, clock):
    from kiosk.queue import demo

    clock.set(dt.datetime(2026, 11, 22, 21, 0, tzinfo=HALL_TZ))  # Sunday evening
    assert not demo.any_service_open(ctx)
    demo.open_around_the_clock(ctx)
    assert demo.any_service_open(ctx)
    assert take(ctx).ticket.code == "A001"


def test_issue_result_describes_the_stored_ticket(ctx):
    # the result is built from what was written, not read back: it must say the same
    from kiosk.queue.snapshots import TicketView

    result = issuing.issue_ticket(ctx, item_code="SCJG-001", priority="elderly")
    with ctx.db.read() as session:
        stored = TicketView.of(session.get(Ticket, result.ticket.id))
    assert result.ticket == stored


def test_issuing_reuses_its_compiled_statements(ctx):
    # Issuing is the hall's hottest write. Every statement after the first ticket must
    # come from SQLAlchemy's compiled cache: one that is compiled on each call (as the
    # dialects' INSERT ... ON CONFLICT constructs are) costs half a millisecond per ticket.
    from sqlalchemy import event
    from sqlalchemy.engine.interfaces import CacheStats

    take(ctx)
    seen = []

    def record(conn, cursor, statement, params, context, executemany):
        if context.compiled is not None:
            seen.append((context.cache_hit, statement.split()[0:3]))

    event.listen(ctx.db.engine, "after_cursor_execute", record)
    try:
        take(ctx)
    finally:
        event.remove(ctx.db.engine, "after_cursor_execute", record)
    assert len(seen) <= 8  # 8th: the work calendar's entry for today (holidays)
    assert [s for s in seen if s[0] is not CacheStats.CACHE_HIT] == []


def test_the_ticket_issued_event_is_the_last_statement_of_an_issue(ctx):
    """The event's insert takes the lock that orders every writer of the hall (on
    PostgreSQL, the event log's advisory lock, held to commit): whatever the kiosk
    shows is read before it, so writers wait on each other as briefly as possible."""
    from sqlalchemy import event

    take(ctx)
    statements = []

    def record(conn, cursor, statement, params, context, executemany):
        statements.append(" ".join(statement.split()[:3]).upper())

    event.listen(ctx.db.engine, "before_cursor_execute", record)
    try:
        result = take(ctx)
    finally:
        event.remove(ctx.db.engine, "before_cursor_execute", record)
    assert result.people_ahead == 1 and result.window_numbers
    assert statements[-1].startswith("INSERT INTO EVENT"), statements
