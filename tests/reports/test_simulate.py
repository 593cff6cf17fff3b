"""The simulated day: reproducible from its seed, and it exercises what the reports count."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select

from kiosk.clock import ManualClock
from kiosk.queue.store.context import HallContext
from kiosk.queue.store.db import Database
from kiosk.queue.store.models import Event, Followup, Rating, Ticket
from kiosk.reports.simulate import simulate_day
from tests.conftest import KEYED, sqlite_copy
from tests.reports.conftest import LAST_WEEK, NOW


def _run(template: str, folder, seed: int):
    url = sqlite_copy(template, folder)
    clock = ManualClock(NOW)
    ctx = HallContext(db=Database(url), clock=clock, machine_settings=dict(KEYED))
    summary = simulate_day(ctx, clock, day=LAST_WEEK, tickets=80, window_numbers=[1, 6, 9],
                           bookings=5, seed=seed)
    with ctx.db.read() as session:
        tickets = session.execute(select(
            Ticket.code, Ticket.state, Ticket.outcome, Ticket.issued_at, Ticket.called_at,
            Ticket.finished_at, Ticket.window_id).order_by(Ticket.id)).all()
        ratings = session.execute(select(Rating.ticket_id, Rating.level)
                                  .order_by(Rating.id)).all()
        actions = session.scalars(select(Event.action).order_by(Event.id)).all()
    ctx.db.dispose()
    return summary, tickets, ratings, actions


def test_the_same_seed_gives_the_same_day(sqlite_template, tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    first = _run(sqlite_template, tmp_path / "a", seed=7)
    again = _run(sqlite_template, tmp_path / "b", seed=7)
    assert first == again
    summary, tickets, ratings, actions = first
    assert summary.counts["issued"] + summary.counts.get("checked_in", 0) == len(tickets)
    assert {"ticket_issued", "ticket_called", "service_started", "service_finished",
            "ticket_rated", "window_paused", "day_closed"} <= set(actions)
    assert all(t.state.value in ("finished", "expired") for t in tickets)


def test_the_full_simulated_day_has_every_kind_of_event(simulated_file):
    db = Database(f"sqlite:///{simulated_file}")
    with db.read() as session:
        actions = set(session.scalars(select(Event.action).distinct()))
        bad = session.scalar(select(func.count()).select_from(Rating).where(
            Rating.level <= 2))
        followups = session.scalar(select(func.count()).select_from(Followup))
        last_week = session.execute(select(Ticket.window_id, Ticket.issued_at).where(
            Ticket.day == LAST_WEEK)).all()
    db.dispose()
    assert {"ticket_no_show", "ticket_requeued", "ticket_transferred", "ticket_recalled",
            "window_paused", "window_resumed", "ticket_unrated", "appointment_checked_in",
            "day_closed"} <= actions
    assert followups == bad > 0  # every 差评 has its follow-up
    assert len(last_week) >= 1500
    assert len({t.window_id for t in last_week if t.window_id}) == 12
    assert dt.time(9) <= min(t.issued_at for t in last_week).astimezone(
        NOW.tzinfo).time() < dt.time(9, 30)
