"""The live view at 11:00 on the simulated Monday, against the rows themselves."""
from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest
from sqlalchemy import select

from kiosk.queue.store.models import Rating, Service, Staff, Ticket, Window
from kiosk.reports import live
from tests.reports.conftest import HALL_TZ, LAST_WEEK, NOW, TODAY

WAITING = ("waiting", "transferred")


def _rows(ctx):
    with ctx.db.read() as session:
        tickets = session.execute(select(Ticket.__table__).where(
            Ticket.day.in_((TODAY, LAST_WEEK)))).mappings().all()
        ratings = dict(session.execute(select(Rating.ticket_id, Rating.level)).all())
        services = session.execute(select(Service.__table__)).mappings().all()
        windows = session.execute(select(Window.__table__)).mappings().all()
        staff = {s.id: s for s in session.execute(select(Staff.__table__))}
    return tickets, ratings, services, windows, staff


def test_queues_windows_and_ratings_match_the_rows(sim_ctx):
    status = live.live_status(sim_ctx, by="9001")
    tickets, ratings, services, windows, staff = _rows(sim_ctx)
    now = NOW.astimezone(dt.timezone.utc)
    today = [t for t in tickets if t["day"] == TODAY]
    assert status.day == TODAY and status.at == now

    by_prefix = {s.prefix: s for s in status.services}
    assert list(by_prefix) == [s["prefix"] for s in sorted(
        (s for s in services if s["active"]), key=lambda s: (s["sort"], s["prefix"]))]
    for service in services:
        mine = [t for t in today if t["service_id"] == service["id"]]
        waiting = [t for t in mine if t["state"].value in WAITING]
        waits = [(t["called_at"] - t["issued_at"]).total_seconds() for t in mine
                 if t["called_at"]]
        issued = sum(t["prefix"] == service["prefix"] for t in today)
        got = by_prefix[service["prefix"]]
        assert got.waiting == len(waiting)
        assert got.longest_wait_s == (pytest.approx(
            (now - min(t["issued_at"] for t in waiting)).total_seconds(), abs=1e-3)
            if waiting else None)
        assert got.avg_wait_s == (pytest.approx(sum(waits) / len(waits), abs=1e-3)
                                  if waits else None)
        assert got.served == sum(t["state"].value == "finished" for t in mine)
        assert got.no_shows == sum(t["no_show_count"] > 0 for t in mine)
        assert got.issued == issued
        assert got.left == (max(service["daily_limit"] - issued, 0)
                            if service["daily_limit"] else None)
    assert sum(s.waiting for s in status.services) > 0  # mid-morning: people wait

    by_number = {w.number: w for w in status.windows}
    codes = {t["id"]: t for t in today}
    for window in windows:
        got = by_number[window["number"]]
        assert got.state == window["state"].value
        member = staff.get(window["staff_id"])
        assert got.staff_no == (member.staff_no if member else None)
        ticket = codes.get(window["current_ticket_id"])
        if ticket is not None and ticket["state"].value in ("called", "serving"):
            since = ticket["started_at"] or ticket["called_at"]
            assert (got.ticket_code, got.ticket_since) == (ticket["code"], since)
            assert got.ticket_for_s == pytest.approx((now - since).total_seconds())
        else:
            assert got.ticket_code is None
        if window["state"].value == "paused":
            assert got.pause_reason == window["pause_reason"]
            assert got.paused_for_s == pytest.approx(
                (now - window["paused_at"]).total_seconds())
            assert got.pause_overdue == bool(
                window["pause_back_at"] and now > window["pause_back_at"])
        else:
            assert got.paused_at is None and not got.pause_overdue
        assert got.served == sum(t["window_id"] == window["id"]
                                 and t["state"].value == "finished" for t in today)
    assert any(w.ticket_code for w in status.windows)

    finished = [t for t in today if t["state"].value == "finished"]
    levels = Counter(ratings.get(t["id"]) for t in finished)
    rated = sum(levels[n] for n in range(1, 6))
    assert status.ratings.levels == {n: levels[n] for n in (5, 4, 3, 2, 1)}
    assert status.ratings.finished == len(finished)
    assert status.ratings.unrated == len(finished) - rated
    assert status.ratings.satisfaction_rate == pytest.approx((levels[5] + levels[4]) / rated)
    assert status.ratings.bad == levels[1] + levels[2]


def test_hourly_counts_and_wait_buckets(sim_ctx):
    status = live.live_status(sim_ctx, by="9001")
    tickets, *_ = _rows(sim_ctx)
    hours = {day: Counter(t["issued_at"].astimezone(HALL_TZ).hour for t in tickets
                          if t["day"] == day) for day in (TODAY, LAST_WEEK)}
    assert {h.hour: h.today for h in status.hourly if h.today} == dict(hours[TODAY])
    assert {h.hour: h.last_week for h in status.hourly if h.last_week} == dict(
        hours[LAST_WEEK])
    hours_shown = [h.hour for h in status.hourly]
    assert hours_shown == list(range(9, 17))  # 9:00 to 16:59, lunch hour included

    now = NOW.astimezone(dt.timezone.utc)

    def bucket(minutes: float) -> str:
        for label, low, high in live.BUCKETS:
            if high is None or minutes < high:
                return label

    today = [t for t in tickets if t["day"] == TODAY]
    called = Counter(bucket((t["called_at"] - t["issued_at"]).total_seconds() / 60)
                     for t in today if t["called_at"])
    waiting = Counter(bucket((now - t["issued_at"]).total_seconds() / 60)
                      for t in today if t["state"].value in WAITING)
    assert {b.label: b.count for b in status.wait_buckets} == {
        label: called[label] for label, _, _ in live.BUCKETS}
    assert {b.label: b.count for b in status.waiting_buckets} == {
        label: waiting[label] for label, _, _ in live.BUCKETS}
    assert sum(b.count for b in status.wait_buckets) == sum(called.values()) > 0
