"""A kiosk rehearses its first ticket at start: every statement runs, nothing stays."""
import datetime as dt

from sqlalchemy import func, select

from kiosk.queue.actions.rehearsal import rehearse_issue
from kiosk.queue.store.models import Event, Ticket, TicketCounter
from tests.conftest import HALL_TZ
from tests.helpers import take


def counts(ctx) -> tuple[int, int, int]:
    with ctx.db.read() as session:
        return tuple(session.scalar(select(func.count()).select_from(model))
                     for model in (Ticket, Event, TicketCounter))


def test_a_rehearsed_ticket_uses_no_number_and_leaves_no_trace(ctx):
    before = counts(ctx)
    assert rehearse_issue(ctx, "SCJG-001") is True
    assert counts(ctx) == before
    assert take(ctx).ticket.code == "A001"           # the first real ticket is still 001
    assert rehearse_issue(ctx, "SCJG-001") is True
    assert take(ctx).ticket.code == "A002"


def test_writes_after_a_rehearsal_commit_again(ctx):
    rehearse_issue(ctx, "SCJG-001")
    take(ctx)
    with ctx.db.read() as session:
        assert session.scalar(select(func.count()).select_from(Ticket)) == 1


def test_a_refused_rehearsal_ends_early_and_changes_nothing(ctx, clock):
    clock.set(dt.datetime(2026, 11, 23, 12, 30, tzinfo=HALL_TZ))  # lunch break
    before = counts(ctx)
    assert rehearse_issue(ctx, "SCJG-001") is False
    assert counts(ctx) == before


def test_the_rehearsal_runs_every_statement_the_first_real_ticket_runs(ctx):
    """What warms the statement cache is running them: the rehearsal must reach the
    ticket's insert and its event, not stop at the first check."""
    from sqlalchemy import event

    seen: list[str] = []

    def record(conn, cursor, statement, parameters, context, executemany):
        seen.append(statement)

    rehearse_issue(ctx, "SCJG-001")   # closes the past days for real first
    seen.clear()
    event.listen(ctx.db.engine, "before_cursor_execute", record)
    try:
        rehearse_issue(ctx, "SCJG-001")
        rehearsed = set(seen)
        seen.clear()
        take(ctx)
        assert set(seen) <= rehearsed
        assert any(s.startswith("INSERT INTO ticket ") for s in rehearsed)
        assert any(s.startswith("INSERT INTO event ") for s in rehearsed)
    finally:
        event.remove(ctx.db.engine, "before_cursor_execute", record)
