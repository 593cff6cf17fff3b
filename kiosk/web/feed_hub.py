"""One event-feed subscription per server process, fanned out to every open page.

A background thread follows the feed (``kiosk.queue.store.feed``: SQLite polls, PostgreSQL
LISTEN/NOTIFY). After each batch of events it reads the live view of every ticket
that has an open page in ONE ``reads.phone.live_views`` call (a few queries whatever
the number of pages), then hands the results to the event loop in ONE
``call_soon_threadsafe``. Each page's subscription keeps only the newest view it has not
sent yet (drop-to-latest), so a slow phone never holds up the others or grows memory.
"""
from __future__ import annotations

import asyncio
import logging
import threading
import time
import zlib
from collections import OrderedDict
from collections.abc import Callable, Iterable

from kiosk.queue.reads.phone import LiveView, live_views
from kiosk.queue.store.context import HallContext
from kiosk.queue.store.feed import FeedUnavailable, subscribe

log = logging.getLogger(__name__)


class Subscription:
    """One open page: the newest view not yet sent, and a wake-up."""

    __slots__ = ("_pending", "_ready", "closed", "last", "ticket_id")

    def __init__(self, ticket_id: int, last: LiveView | None) -> None:
        self.ticket_id = ticket_id
        self.last = last
        self.closed = False
        self._pending: LiveView | None = None
        self._ready = asyncio.Event()

    def offer(self, view: LiveView) -> None:
        """On the loop: keep ``view`` if it differs from what the page shows."""
        if view == self.last:
            self._pending = None
            return
        self._pending = view
        self._ready.set()

    def close(self) -> None:
        """The page went away: wake its stream so that it ends."""
        self.closed = True
        self._ready.set()

    async def next(self, timeout: float) -> LiveView | None:
        """The next changed view, or None after ``timeout`` seconds (time to ping) or
        once closed."""
        try:
            async with asyncio.timeout(timeout):  # no task per wait, unlike wait_for
                await self._ready.wait()
        except TimeoutError:
            return None
        self._ready.clear()
        view, self._pending = self._pending, None
        if view is not None:
            self.last = view
        return view


class FeedHub:
    def __init__(self, ctx: HallContext, *, wait_s: float = 0.5,
                 reader: Callable[[HallContext, Iterable[int]], dict[int, LiveView]]
                 = live_views) -> None:
        self.ctx = ctx
        self.wait_s = wait_s
        self._reader = reader
        self._subs: dict[int, set[Subscription]] = {}
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._thread: threading.Thread | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        #: batches read and fanned out (tests and the benchmark watch it)
        self.batches = 0
        #: bumped on every batch of events, before it is read: what was read from the
        #: database under an older generation may be out of date (``PageCache``)
        self.generation = 0
        self.following = False
        self._moved = threading.Condition()

    # --- the event loop's side --------------------------------------------------------

    async def start(self) -> None:
        self._loop = asyncio.get_running_loop()
        self._stopping.clear()
        self._thread = threading.Thread(target=self._run, name="web-feed-hub", daemon=True)
        self._thread.start()

    async def stop(self) -> None:
        self._stopping.set()
        thread, self._thread = self._thread, None
        if thread is not None:
            await asyncio.get_running_loop().run_in_executor(None, thread.join, 10)

    def subscribe(self, ticket_id: int, shown: LiveView | None = None) -> Subscription:
        sub = Subscription(ticket_id, shown)
        with self._lock:
            self._subs.setdefault(ticket_id, set()).add(sub)
        with self._moved:
            self._moved.notify_all()
        return sub

    def unsubscribe(self, sub: Subscription) -> None:
        with self._lock:
            subs = self._subs.get(sub.ticket_id)
            if subs is not None:
                subs.discard(sub)
                if not subs:
                    del self._subs[sub.ticket_id]
        with self._moved:
            self._moved.notify_all()

    def wait_past(self, generation: int, timeout: float) -> bool:
        """Block until a batch of events newer than ``generation`` arrived (tests)."""
        with self._moved:
            return self._moved.wait_for(lambda: self.generation > generation, timeout)

    def wait_open_pages(self, count: int, timeout: float) -> bool:
        """Block until exactly ``count`` pages are open (tests, the benchmark)."""
        with self._moved:
            return self._moved.wait_for(lambda: self.open_pages == count, timeout)

    @property
    def open_pages(self) -> int:
        with self._lock:
            return sum(len(subs) for subs in self._subs.values())

    def _deliver(self, views: dict[int, LiveView]) -> None:
        with self._lock:
            targets = [(sub, views[tid]) for tid, subs in self._subs.items()
                       if tid in views for sub in subs]
        for sub, view in targets:
            sub.offer(view)

    # --- the feed thread --------------------------------------------------------------

    def _run(self) -> None:
        feed = None
        after = None
        while not self._stopping.is_set():
            try:
                if feed is None:
                    feed = subscribe(self.ctx.db, after)
                self.following = True
                events = feed.wait(self.wait_s)
                after = feed.last_id
                if events:
                    with self._moved:
                        self.generation += 1
                        self._moved.notify_all()
                    self._fan_out()
            except FeedUnavailable as exc:
                self.following = False  # no news of changes: nothing may be cached
                log.warning("web feed lost: %s", exc.message_en)
                after = feed.last_id if feed is not None else after
                feed = self._drop(feed)
                self._stopping.wait(0.5)
            except Exception:
                self.following = False
                log.exception("web feed hub failed")
                after = feed.last_id if feed is not None else after
                feed = self._drop(feed)
                self._stopping.wait(0.5)
        self.following = False
        self._drop(feed)

    def _fan_out(self) -> None:
        with self._lock:
            ids = list(self._subs)
        if not ids or self._loop is None:
            return
        views = self._reader(self.ctx, ids)
        self.batches += 1
        try:
            self._loop.call_soon_threadsafe(self._deliver, views)
        except RuntimeError:  # the loop closed while shutting down
            pass

    @staticmethod
    def _drop(feed):
        if feed is not None:
            feed.close()


class PageCache:
    """Ticket pages as last read, kept until the hub sees the next batch of events (or
    ``ttl_s``, for what only the clock changes): a phone reloading its page, or 200 a
    second, costs no query while nothing happens in the hall. Nothing is kept while the
    hub does not follow the feed."""

    def __init__(self, hub: FeedHub, *, ttl_s: float = 5.0, size: int = 10_000,
                 now: Callable[[], float] = time.monotonic) -> None:
        self.hub, self.ttl_s, self.size, self._now = hub, ttl_s, size, now
        self._pages: OrderedDict[str, tuple[tuple, float, object]] = OrderedDict()
        self._drops = 0

    def generation(self) -> tuple | None:
        """Take this BEFORE reading; None: do not cache."""
        return (self.hub.generation, self._drops) if self.hub.following else None

    def drop(self, key: str) -> None:
        """This process just changed ``key``'s ticket: its next read must be fresh (and
        no read already under way may store what it found)."""
        self._drops += 1
        self._pages.pop(key, None)

    def get(self, key: str):
        entry = self._pages.get(key)
        if entry is None:
            return None
        generation, at, page = entry
        if generation != self.generation() or self._now() - at > self._ttl(key):
            self._pages.pop(key, None)
            return None
        return page

    def _ttl(self, key: str) -> float:
        """Between half and all of ``ttl_s``, fixed per page: pages read together (a
        burst of phones) do not all expire at the same instant and come back to the
        database at once (that was a 0.5 s tail at 200 pages a second)."""
        return self.ttl_s * (0.5 + (zlib.crc32(key.encode()) % 1000) / 2000)

    def put(self, key: str, generation: tuple | None, page) -> None:
        if generation is None or generation != self.generation():
            return
        self._pages[key] = (generation, self._now(), page)
        self._pages.move_to_end(key)
        while len(self._pages) > self.size:
            self._pages.popitem(last=False)
