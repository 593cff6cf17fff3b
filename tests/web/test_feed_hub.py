"""The feed hub: one subscription per process, a few queries per batch of events
however many pages are open, only changed views sent, slow pages dropped to latest."""
from __future__ import annotations

import asyncio
import concurrent.futures
import threading

from sqlalchemy import event

from kiosk.queue.actions import calling
from kiosk.queue.demo import clerk_no
from kiosk.queue.reads.phone import LiveView, live_views, ticket_page
from kiosk.web.feed_hub import FeedHub, Subscription
from tests.helpers import open_window, take

WAIT_S = 15



def run_apart(coroutine):
    """``asyncio.run`` on a thread of its own: Playwright's sync API (the browser
    tests) keeps an event loop running on the main thread for the whole session."""
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coroutine).result()

def _hub_statements(ctx) -> list[str]:
    seen: list[str] = []

    def count(conn, cursor, statement, *args):
        if threading.current_thread().name == "web-feed-hub":
            seen.append(statement)

    event.listen(ctx.db.engine, "before_cursor_execute", count)
    return seen


async def _changed(sub: Subscription) -> LiveView:
    view = await sub.next(WAIT_S)
    assert view is not None, "no update arrived"
    return view


def test_a_call_reaches_a_thousand_pages_in_a_few_queries(ctx):
    mine = [take(ctx).ticket for _ in range(25)]
    other_queue = take(ctx, item_code="SCJG-004").ticket  # queue B: not moved by A's call
    assert other_queue.service_id != mine[0].service_id
    open_window(ctx, 4)
    statements = _hub_statements(ctx)

    async def scenario():
        hub = FeedHub(ctx, wait_s=0.2)
        await hub.start()
        try:
            subs = [hub.subscribe(t.id, ticket_page(ctx, t.web_token).live)
                    for t in (mine * 40)]  # 1,000 open pages
            quiet = hub.subscribe(other_queue.id,
                                  ticket_page(ctx, other_queue.web_token).live)
            assert hub.open_pages == 1001
            statements.clear()
            await asyncio.to_thread(calling.call_next, ctx, window=4, staff_no=clerk_no(4))
            first = await _changed(subs[0])
            assert (first.state, first.window_number) == ("called", 4)
            second = await _changed(subs[1])
            assert (second.state, second.ahead) == ("waiting", 0)
            last = await _changed(subs[24 + 25 * 39])
            assert last.ahead == 23
            assert not quiet._ready.is_set()  # nothing for a page of another queue
            return len(statements), hub.batches
        finally:
            await hub.stop()

    queries, batches = run_apart(scenario())
    # per batch: the hall and settings, the watched tickets, their queues' waiting
    # tickets, open windows, windows, one pace per queue: never one per page
    assert queries <= 12 * batches, (queries, batches)


def test_the_live_view_agrees_with_the_page(ctx):
    tickets = [take(ctx).ticket for _ in range(4)]
    open_window(ctx, 4)
    calling.call_next(ctx, window=4, staff_no=clerk_no(4))
    views = live_views(ctx, [t.id for t in tickets])
    for ticket in tickets:
        assert views[ticket.id] == ticket_page(ctx, ticket.web_token).live


def test_a_slow_page_gets_only_the_latest_view():
    async def scenario():
        sub = Subscription(1, LiveView("waiting", 5, 40))
        for ahead in (4, 3, 2):
            sub.offer(LiveView("waiting", ahead, ahead * 8))
        assert (await sub.next(1)).ahead == 2
        sub.offer(LiveView("waiting", 2, 16))  # what it shows already: nothing to send
        assert not sub._ready.is_set()

    run_apart(scenario())


def test_tickets_queued_at_the_same_instant_count_in_call_order(ctx):
    """The manual clock stands still, so every ticket has one queue_at: the ones
    issued later are not ahead (position's count, and the hub's, follow call order)."""
    tickets = [take(ctx).ticket for _ in range(3)]
    assert [ticket_page(ctx, t.web_token).ahead for t in tickets] == [0, 1, 2]
    views = live_views(ctx, [t.id for t in tickets])
    assert [views[t.id].ahead for t in tickets] == [0, 1, 2]


def test_a_cached_page_lasts_until_the_next_event(ctx, live_web):
    import httpx

    ticket = take(ctx).ticket
    hub = live_web.app.state.hub
    url = live_web.url(f"/t/{ticket.web_token}")
    statements = []
    event.listen(ctx.db.engine, "before_cursor_execute",
                 lambda *a: statements.append(threading.current_thread().name))
    with httpx.Client(timeout=WAIT_S) as client:
        assert 'id="ahead">0<' in client.get(url).text
        read = len(statements)
        assert 'id="ahead">0<' in client.get(url).text
        assert len(statements) == read  # nothing happened since: no query
        seen = hub.generation
        open_window(ctx, 4)
        calling.call_next(ctx, window=4, staff_no=clerk_no(4))
        assert hub.wait_past(seen, WAIT_S)
        html = client.get(url).text  # read again: the hall moved
        assert 'id="window">4<' in html and "已叫号" in html


def test_a_page_that_goes_away_is_forgotten_at_once(ctx, live_web):
    import httpx

    ticket = take(ctx).ticket
    hub = live_web.app.state.hub
    url = live_web.url(f"/t/{ticket.web_token}/events")
    with httpx.Client(timeout=WAIT_S) as client, client.stream("GET", url) as answer:
        assert answer.headers["content-type"].startswith("text/event-stream")
        assert answer.headers["cache-control"] == "no-store"
        lines = answer.iter_lines()
        assert next(lines) == "event: update"
        assert '"state":"waiting"' in next(lines)
        assert hub.wait_open_pages(1, WAIT_S)
    assert hub.wait_open_pages(0, WAIT_S)  # not at the next ping, 15 s later
