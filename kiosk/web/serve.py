"""``python -m kiosk web``: uvicorn over ``create_app``, with the reminders' outbox
deliverer in the same process (so the single-PC hall needs one command more, not two),
and the rating reports' deliverer beside it when ``province.url`` is set.

uvicorn believes ``X-Forwarded-For``/``-Proto`` only from ``web.trusted_proxies`` (and
the app checks the same list again for its own rate limits); uvicorn's own access log
is off: ours (``kiosk.web.access``) leaves tokens and addresses out.
"""
from __future__ import annotations

import gc
import logging
import threading

from kiosk.errors import KioskError
from kiosk.queue.store.context import HallContext
from kiosk.settings import Settings

log = logging.getLogger(__name__)


def _deliverer(ctx: HallContext):
    try:
        from kiosk.delivery.worker import Deliverer, reminder_sender_from_settings
    except ImportError:  # a build without the delivery package: pages work, no texts
        log.warning("no reminder deliverer in this build: reminders stay in the outbox")
        return None
    return Deliverer.from_settings(ctx, "reminder", reminder_sender_from_settings(ctx))


def _province_deliverer(ctx: HallContext):
    if not Settings(machine=ctx.machine_settings).get("province.url"):
        return None
    try:
        from kiosk.delivery.province import province_deliverer
    except ImportError:
        log.warning("no rating report deliverer in this build: reports stay in the outbox")
        return None
    try:
        return province_deliverer(ctx)
    except KioskError as exc:  # a bad province.* setting: the phones' pages still serve
        log.error("rating reports not delivered: %s", exc.message_en)
        return None


def serve(ctx: HallContext, *, host: str = "127.0.0.1", port: int = 8080,
          deliver: bool = True) -> int:
    import uvicorn

    from kiosk.web.app import create_app

    trusted = [str(p) for p in Settings(machine=ctx.machine_settings)
               .get("web.trusted_proxies")]
    app = create_app(ctx)
    deliverers = [d for d in (_deliverer(ctx), _province_deliverer(ctx))
                  if d is not None] if deliver else []
    config = uvicorn.Config(app, host=host, port=port, access_log=False,
                            proxy_headers=bool(trusted),
                            forwarded_allow_ips=",".join(trusted) or None,
                            server_header=False, log_config=None,
                            timeout_graceful_shutdown=5)
    note = f"trusted proxies: {', '.join(trusted) or 'none'}"

    class Server(uvicorn.Server):
        async def startup(self, sockets=None) -> None:
            await super().startup(sockets)
            if self.started:  # the address really listened on (``--port 0``: any)
                settle_gc()
                bound = self.servers[0].sockets[0].getsockname()
                print(f"web service for phones at http://{_shown(bound[0])}:{bound[1]}/ "
                      f"({note})", flush=True)

    for deliverer in deliverers:
        deliverer.start()
    try:
        Server(config).run()
    finally:
        for deliverer in deliverers:
            deliverer.stop()
    return 0


def settle_gc() -> None:
    """Once started: freeze what start-up built and collect far less often. With 1,000
    pages open, a full collection walks every stream's objects and stalls the event loop
    for 100-150 ms; one such pause during a call took the p99 of the call reaching every
    page from 70-90 ms to 180-200 ms on PostgreSQL (``bench/web_bench.py``). Garbage in
    cycles is still collected, later."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(100_000, 50, 100)


def _shown(host: str) -> str:
    return f"[{host}]" if ":" in host else host


class ThreadedServer:
    """uvicorn in a thread of this process, on a free port of 127.0.0.1, that says when
    it listens (an Event, no polling): for the tests and the benchmark."""

    def __init__(self, app, *, wait_s: float = 30, **options) -> None:
        import uvicorn

        started = threading.Event()

        class Server(uvicorn.Server):
            async def startup(self, sockets=None):
                await super().startup(sockets)
                started.set()

        self.started, self.wait_s = started, wait_s
        self.server = Server(uvicorn.Config(app, host="127.0.0.1", port=0,
                                            log_level="warning", access_log=False,
                                            timeout_graceful_shutdown=2, **options))
        self.thread = threading.Thread(target=self.server.run, name="web", daemon=True)

    def start(self) -> str:
        """Starts serving; returns the base URL."""
        self.thread.start()
        if not self.started.wait(self.wait_s) or not self.server.started:
            raise RuntimeError("the web server did not start")
        return f"http://127.0.0.1:{self.server.servers[0].sockets[0].getsockname()[1]}"

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(self.wait_s)
