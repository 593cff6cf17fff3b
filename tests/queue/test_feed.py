"""The event feed delivers every committed event, in order, to another process."""
import subprocess
import sys
import threading

import pytest

from kiosk.queue.actions import calling
from kiosk.queue.store.feed import FeedUnavailable, subscribe
from tests.helpers import open_window, take


def test_feed_delivers_new_events_in_order(ctx):
    feed = subscribe(ctx.db)
    try:
        take(ctx)
        take(ctx)
        open_window(ctx, 1)
        calling.call_next(ctx, window=1, staff_no="1001")
        seen = []
        while len(seen) < 4:
            seen += feed.wait(5)
        assert [e.action for e in seen] == ["ticket_issued", "ticket_issued",
                                            "window_signed_in", "ticket_called"]
        assert seen[-1].payload["code"] == "A001" and seen[-1].payload["window"] == 1
        assert [e.id for e in seen] == sorted(e.id for e in seen)
    finally:
        feed.close()


def test_feed_times_out_empty_when_nothing_happens(ctx):
    feed = subscribe(ctx.db)
    try:
        assert feed.wait(0.2) == []
    finally:
        feed.close()


def test_feed_resumes_after_a_given_event(ctx):
    first = take(ctx)
    take(ctx)
    feed = subscribe(ctx.db, after_event_id=first.event_id)
    try:
        events = feed.wait(5)
        assert [e.payload["code"] for e in events] == ["A002"]
    finally:
        feed.close()


WRITER = """
import sys
from kiosk.queue.store.context import HallContext
from kiosk.queue.store.db import Database
from kiosk.queue.actions import issuing
from kiosk.clock import ManualClock
import datetime as dt, zoneinfo
ctx = HallContext(db=Database(sys.argv[1]), clock=ManualClock(
    dt.datetime(2026, 11, 23, 10, 0, tzinfo=zoneinfo.ZoneInfo("Asia/Shanghai"))))
for _ in range(int(sys.argv[2])):
    issuing.issue_ticket(ctx, item_code="RSJ-001")
"""


def test_events_committed_by_another_process_arrive_in_order(ctx):
    feed = subscribe(ctx.db)
    received = []

    def follow():
        while len(received) < 30:
            received.extend(feed.wait(5))

    follower = threading.Thread(target=follow)
    follower.start()
    writers = [subprocess.Popen([sys.executable, "-c", WRITER, ctx.db.url, "15"])
               for _ in range(2)]
    assert [w.wait(120) for w in writers] == [0, 0]
    follower.join(60)
    feed.close()
    codes = sorted(e.payload["code"] for e in received)
    assert codes == [f"C{n:03d}" for n in range(1, 31)]
    assert [e.id for e in received] == sorted(e.id for e in received)


def test_unreachable_database_raises_feed_unavailable(tmp_path):
    from kiosk.queue.store.db import Database
    from kiosk.queue.store.feed import PostgresFeed

    feed = PostgresFeed(Database("postgresql://nobody@127.0.0.1:1/none"), 0)
    with pytest.raises(FeedUnavailable) as err:
        feed.wait(0.1)
    assert "连接中断" in err.value.message_zh


def _append_many(ctx, count: int) -> None:
    """``count`` events in one transaction (a busy hour's worth, at once)."""
    from kiosk.queue.store.context import scope as open_scope
    from kiosk.queue.store.events import SYSTEM, append_event

    with ctx.db.write() as session:
        scope = open_scope(ctx, session)
        for n in range(count):
            append_event(scope, SYSTEM, "backlog_test", payload={"n": n})


def test_a_backlog_longer_than_one_batch_arrives_whole_without_another_commit(ctx):
    """A screen that was away catches up on everything, even when nothing else commits
    afterwards (a quiet hall): the feed keeps reading while batches come back full."""
    from kiosk.queue.store.feed import BATCH

    feed = subscribe(ctx.db)
    try:
        _append_many(ctx, 2 * BATCH + 7)
        seen = []
        for _ in range(10):
            seen += feed.wait(0.1)
        assert [e.payload["n"] for e in seen] == list(range(2 * BATCH + 7))
    finally:
        feed.close()


@pytest.mark.postgres
def test_the_feed_recovers_once_the_server_is_back(make_ctx, pg_url, pg_admin):
    """After the server went away, one wait reports the loss; once it is back the
    next wait delivers events (no second 连接中断 on a dead LISTEN connection)."""
    ctx = make_ctx(pg_url)
    feed = subscribe(ctx.db)
    try:
        take(ctx)
        assert [e.action for e in feed.wait(5)] == ["ticket_issued"]
        pg_admin.cut()
        with pytest.raises(FeedUnavailable):
            feed.wait(0.5)
        pg_admin.restore()
        take(ctx)
        seen = []
        for _ in range(3):
            seen += feed.wait(2)
            if seen:
                break
        assert [e.action for e in seen] == ["ticket_issued"]
        assert feed.wait(0.3) == []  # a quiet hall after the outage: no error either
        take(ctx)
        assert [e.action for e in feed.wait(5)] == ["ticket_issued"]
    finally:
        feed.close()


def test_a_read_is_one_snapshot_while_others_commit(ctx):
    """Two statements of one screen's read see the same hall, even when a kiosk
    commits a ticket between them (PostgreSQL: REPEATABLE READ, read-only)."""
    from sqlalchemy import func, select

    from kiosk.queue.store.models import Ticket

    take(ctx)
    with ctx.db.read() as session:
        before = session.scalar(select(func.count()).select_from(Ticket))
        take(ctx)  # another connection commits meanwhile
        after = session.scalar(select(func.count()).select_from(Ticket))
    assert after == before == 1
