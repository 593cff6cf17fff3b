"""The event feed delivers every committed event, in order, to another process."""
import subprocess
import sys
import threading

import pytest

from kiosk.queue import calling
from kiosk.queue.feed import FeedUnavailable, subscribe
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
from kiosk.queue.context import HallContext
from kiosk.queue.db import Database
from kiosk.queue import issuing
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
    from kiosk.queue.db import Database
    from kiosk.queue.feed import PostgresFeed

    feed = PostgresFeed(Database("postgresql://nobody@127.0.0.1:1/none"), 0)
    with pytest.raises(FeedUnavailable) as err:
        feed.wait(0.1)
    assert "连接中断" in err.value.message_zh
