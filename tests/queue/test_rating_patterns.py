"""Suspicious ratings for the manager: a burst of top ratings from one pad within
seconds, and ratings given long after 办结."""
import datetime as dt

from kiosk.queue.actions import rating
from kiosk.queue.reads.rating_patterns import suspicious
from tests.helpers import open_window, serve_next, take

DAY = dt.date(2026, 11, 23)


def finished(ctx, window, n):
    open_window(ctx, window)
    for _ in range(n):
        take(ctx)
    return [serve_next(ctx, window).ticket for _ in range(n)]


def test_a_burst_of_top_ratings_from_one_pad(ctx, clock):
    one = finished(ctx, 1, 6)
    two = finished(ctx, 2, 2)
    for ticket in one[:3]:  # three 5s within 20 s at window 1
        rating.rate(ctx, ticket_id=ticket.id, level=5)
        clock.advance(seconds=10)
    rating.rate(ctx, ticket_id=two[0].id, level=5)  # another pad: not part of it
    clock.advance(seconds=5)
    rating.rate(ctx, ticket_id=one[3].id, level=4)  # not a top rating
    clock.advance(minutes=10)
    rating.rate(ctx, ticket_id=one[4].id, level=5)  # long after: alone
    clock.advance(seconds=30)
    rating.rate(ctx, ticket_id=two[1].id, level=5)  # window 2: two within 60 s only
    rating.rate(ctx, ticket_id=one[5].id, level=5)
    rows = suspicious(ctx, start=DAY, end=DAY)
    assert [(r.kind, r.window_number, len(r.rating_ids)) for r in rows] == [("burst", 1, 3)]
    burst = rows[0]
    assert "1 号窗口评价器在 20 秒内" in burst.message_zh and "3 个非常满意" in burst.message_zh
    assert burst.key.startswith("burst:pad:")
    assert suspicious(ctx, start=DAY, end=DAY) == rows  # the same key each time
    assert suspicious(ctx, start=DAY + dt.timedelta(days=1), end=DAY + dt.timedelta(days=1)) == []


def test_overlapping_bursts_merge_into_one_row(ctx, clock):
    tickets = finished(ctx, 1, 5)
    for ticket in tickets:
        rating.rate(ctx, ticket_id=ticket.id, level=5)
        clock.advance(seconds=40)  # any three within 60 s? no: 80 s apart. Two: yes
    assert suspicious(ctx, start=DAY, end=DAY) == []
    clock.advance(minutes=5)
    more = finished(ctx, 1, 4)
    for ticket in more:
        rating.rate(ctx, ticket_id=ticket.id, level=5)
        clock.advance(seconds=15)
    (row,) = suspicious(ctx, start=DAY, end=DAY)
    assert len(row.rating_ids) == 4


def test_a_rating_long_after_it_was_finished(ctx, clock):
    soon, late = finished(ctx, 1, 2)
    rating.mark_unrated(ctx, ticket_id=late.id)
    clock.advance(days=1)
    rating.rate_by_token(ctx, web_token=soon.web_token, level=4)
    clock.advance(days=3)
    rating.rate_by_token(ctx, web_token=late.web_token, level=5)
    today = DAY + dt.timedelta(days=4)
    (row,) = suspicious(ctx, start=DAY, end=today)
    assert (row.kind, row.channel, row.window_number) == ("late", "phone", 1)
    assert f"{late.code} 号办结 4 天后才评价" in row.message_zh
