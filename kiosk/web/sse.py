"""A minimal Server-Sent Events answer for the ticket pages' live part.

Plain ASGI rather than sse-starlette's EventSourceResponse: with 1,000 pages open, a
call's updates leave in one pass of the event loop, and each costs one ``send`` of
preformatted bytes (the library's per-event task group, timeouts and encoding tripled
the fan-out time in ``bench/web_bench.py``). A comment line every ``ping_s`` keeps
proxies and phones from closing an idle stream; a client that goes away is noticed at
once (its disconnect closes the subscription), not at the next ping.
"""
from __future__ import annotations

import asyncio
import functools
import json

from kiosk.queue.reads.phone import LiveView
from kiosk.web.feed_hub import FeedHub, Subscription

PING = b": ping\n\n"


@functools.lru_cache(maxsize=4096)
def update(view: LiveView) -> bytes:
    """The ``update`` event of ``view``: encoded once for all the pages showing it."""
    text = json.dumps(view.as_dict(), ensure_ascii=False, separators=(",", ":"))
    return f"event: update\ndata: {text}\n\n".encode()


class EventStream:
    """Streams ``sub``'s changed views as ``update`` events until the client leaves."""

    def __init__(self, hub: FeedHub, sub: Subscription, *, ping_s: float = 15.0) -> None:
        self.hub, self.sub, self.ping_s = hub, sub, ping_s

    async def __call__(self, scope, receive, send) -> None:
        sub = self.sub

        async def watch() -> None:
            while (await receive())["type"] != "http.disconnect":
                pass
            sub.close()

        watcher = asyncio.create_task(watch())
        try:
            await send({"type": "http.response.start", "status": 200, "headers": [
                (b"content-type", b"text/event-stream; charset=utf-8"),
                (b"x-accel-buffering", b"no")]})
            while not sub.closed:
                view = await sub.next(self.ping_s)
                if sub.closed:
                    break
                body = PING if view is None else update(view)
                await send({"type": "http.response.body", "body": body, "more_body": True})
        except OSError:  # the connection broke mid-send
            pass
        finally:
            watcher.cancel()
            self.hub.unsubscribe(sub)
