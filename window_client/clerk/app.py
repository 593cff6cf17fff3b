"""``python -m kiosk window [--window N] [--windowed]``: the window clerk's app (窗口叫号).

``build_window_client`` is the factory tests and the benchmark use: it takes the hall
context and settings, so nothing here opens a database or a QApplication on import.
"""
from __future__ import annotations

import argparse
from collections.abc import Sequence

from kiosk.queue.store.context import HallContext
from kiosk.settings import Settings
from kiosk.ui.runner import RETRY_DELAYS_MS


def parse_args(app_argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m kiosk window",
        description="The window clerk's app: login, call, serve, transfer, pause.")
    parser.add_argument("--window", type=int, default=None,
                        help="window number of this PC (else the setting window.number; "
                             "0 or unset = chosen at login)")
    parser.add_argument("--windowed", action="store_true",
                        help="a normal window instead of a maximised one")
    return parser.parse_args(list(app_argv))


def build_window_client(ctx: HallContext, settings: Settings, *, window: int | None = None,
                        feed=None, after_event_id: int | None = None,
                        start_feed: bool = True,
                        retry_delays_ms: Sequence[int] = RETRY_DELAYS_MS):
    """The clerk's app for one PC. ``window`` (or ``window.number``) fixes the window;
    ``feed`` defaults to a FeedBridge on ``ctx.db`` following events after
    ``after_event_id`` (the start-up snapshot's; None: from now on)."""
    from kiosk.ui.feed_bridge import FeedBridge
    from window_client.clerk.client import WindowClient
    from kiosk.ui.runner import ActionRunner

    fixed = window or settings.get("window.number") or None
    if feed is None:
        feed = FeedBridge(ctx.db, after_event_id=after_event_id)
    runner = ActionRunner(retry_delays_ms)
    client = WindowClient(ctx, settings, fixed_window=fixed, runner=runner, feed=feed)
    runner.setParent(client)
    if start_feed:
        feed.start()
    return client


def start(args, app_argv: Sequence[str]):
    """Everything ``run`` does before the event loop: (QApplication, context, client)."""
    from kiosk import bootstrap
    from kiosk.ui.startup import qt_app

    options = parse_args(app_argv)
    app = qt_app("window-client")
    started = bootstrap.start(bootstrap.Options.from_args(args))
    ctx = started.ctx
    client = build_window_client(ctx, started.settings, window=options.window,
                                 after_event_id=started.event_id)
    if options.windowed:
        client.resize(1280, 860)
        client.show()
    else:
        client.showMaximized()
    return app, ctx, client


def run(args, app_argv: Sequence[str]) -> int:
    from kiosk.bootstrap import ClockWatch

    app, ctx, client = start(args, app_argv)
    clock_watch = ClockWatch(ctx).start()
    try:
        return app.exec()
    finally:
        clock_watch.stop()
        client.shutdown()
        ctx.db.dispose()
