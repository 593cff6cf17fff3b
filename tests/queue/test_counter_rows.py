"""The clerk's frequent presses (叫号, 办结, 办结并叫号, 指定叫号) run on Core rows
(``actions.counter_rows``), and describe what they did without reading it back: what they
hand the window client must be exactly what a fresh read of the database shows."""
from sqlalchemy import event as sa_event

from kiosk.queue.actions import calling, serving
from kiosk.queue.snapshots import TicketView, WindowView
from kiosk.queue.store.context import scope as open_scope
from kiosk.queue.store.lookup import ticket_by_id, window_by_number
from tests.helpers import open_window, take


def _stored_ticket(ctx, ticket_id: int) -> TicketView:
    with ctx.db.read() as session:
        return TicketView.of(ticket_by_id(open_scope(ctx, session), ticket_id,
                                          for_update=False))


def _stored_window(ctx, number: int) -> WindowView:
    with ctx.db.read() as session:
        return WindowView.of(window_by_number(open_scope(ctx, session), number))


def test_each_press_returns_the_rows_as_they_were_stored(ctx, clock):
    open_window(ctx, 1)
    for _ in range(4):
        take(ctx)
    called = calling.call_next(ctx, window=1, staff_no="1001")
    assert called.ticket == _stored_ticket(ctx, called.ticket.id)
    assert called.window == _stored_window(ctx, 1)

    clock.advance(minutes=4)
    pressed = serving.finish_and_call_next(ctx, window=1, staff_no="1001",
                                           outcome="consultation", note="已咨询")
    assert pressed.finished == _stored_ticket(ctx, called.ticket.id)
    assert pressed.finished.note == "已咨询" and pressed.finished.outcome == "consultation"
    assert pressed.ticket == _stored_ticket(ctx, pressed.ticket.id)
    assert pressed.window == _stored_window(ctx, 1)

    clock.advance(minutes=2)
    done = serving.finish(ctx, window=1, staff_no="1001", outcome="completed")
    assert done.ticket == _stored_ticket(ctx, pressed.ticket.id)
    assert done.ticket.note is None
    assert done.window == _stored_window(ctx, 1) and done.window.current_ticket_id is None

    out_of_turn = calling.call_number(ctx, window=1, staff_no="1001", code="A004")
    assert out_of_turn.ticket == _stored_ticket(ctx, out_of_turn.ticket.id)
    assert out_of_turn.window == _stored_window(ctx, 1)


def test_a_case_finished_by_the_press_is_returned_as_stored(ctx, clock):
    """受理 loads the ticket's item for the case; the finish still describes the row."""
    clerk = open_window(ctx, 2)
    take(ctx, "SCJG-004")   # a promised item, queue B (window 2)
    take(ctx, "SCJG-004")
    called = calling.call_next(ctx, window=2, staff_no=clerk)
    serving.start(ctx, window=2, staff_no=clerk)
    clock.advance(minutes=9)
    pressed = serving.finish_and_call_next(ctx, window=2, staff_no=clerk,
                                           outcome="accepted")
    assert pressed.case_no
    assert pressed.finished == _stored_ticket(ctx, called.ticket.id)
    assert pressed.finished.outcome == "accepted"
    assert pressed.ticket == _stored_ticket(ctx, pressed.ticket.id)


def test_a_press_is_five_round_trips_on_postgresql_when_nobody_left_a_phone(ctx):
    """办结并叫号 between BEGIN and COMMIT. Each statement is a round trip on the LAN,
    so one more is a regression a clerk feels at a busy hall. On PostgreSQL: the hall,
    its settings and the window's lock; the window's clerk, queues and ticket in hand;
    the next ticket; the reminder check; one statement writing both tickets, the window
    and both events. SQLite has no round trips; there the window is read at once (the
    transaction holds the write lock) and the writes go one by one: 8 statements."""
    open_window(ctx, 1)
    take(ctx)
    take(ctx)
    calling.call_next(ctx, window=1, staff_no="1001")
    statements = []

    def executed(conn, cursor, statement, *args):
        if not statement.lstrip().upper().startswith("BEGIN"):
            statements.append(statement)

    sa_event.listen(ctx.db.engine, "before_cursor_execute", executed)
    try:
        serving.finish_and_call_next(ctx, window=1, staff_no="1001", outcome="completed")
    finally:
        sa_event.remove(ctx.db.engine, "before_cursor_execute", executed)
    expected = 5 if ctx.db.backend == "postgresql" else 8
    assert len(statements) == expected, "\n".join(statements)
