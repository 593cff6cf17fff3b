"""``python -m kiosk rating-pad --window N [--windowed]``: builds and runs the rating pad.

``build_rating_pad`` is the factory tests use: it takes the hall context and settings,
so nothing here opens a database or a QApplication on import.
"""
from __future__ import annotations

import argparse
from collections.abc import Sequence

from kiosk.queue.store.context import HallContext
from kiosk.settings import Settings
from kiosk.ui.runner import RETRY_DELAYS_MS, ActionRunner
from window_client.pad.pad import RatingPad


def build_rating_pad(ctx: HallContext, settings: Settings, window: int, *, feed=None,
                     after_event_id: int | None = None, start_feed: bool = True,
                     retry_delays_ms: Sequence[int] = RETRY_DELAYS_MS) -> RatingPad:
    """The pad facing ``window``; ``feed`` defaults to a FeedBridge following events
    after ``after_event_id`` (the start-up snapshot's; None: from now on)."""
    from kiosk.ui.feed_bridge import FeedBridge

    if feed is None:
        feed = FeedBridge(ctx.db, after_event_id=after_event_id)
    runner = ActionRunner(retry_delays_ms)
    pad = RatingPad(ctx, settings, window, runner=runner, feed=feed)
    runner.setParent(pad)
    if start_feed:
        feed.start()
    return pad


def parse_args(app_argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m kiosk rating-pad",
                                     description="The citizen's rating pad of one window.")
    parser.add_argument("--window", type=int, default=None,
                        help="the window this pad faces (else the setting window.number)")
    parser.add_argument("--windowed", action="store_true",
                        help="a normal window instead of full screen")
    return parser.parse_args(list(app_argv))


def run(args, app_argv: Sequence[str]) -> int:
    from kiosk import bootstrap
    from kiosk.errors import InvalidInput
    from kiosk.ui.startup import qt_app

    options = parse_args(app_argv)
    started = bootstrap.start(bootstrap.Options.from_args(args))
    ctx, settings = started.ctx, started.settings
    window = options.window or settings.get("window.number")
    if not window:
        ctx.db.dispose()
        raise InvalidInput("请用 --window 指定评价器所在的窗口",
                           "the rating pad needs --window N (or the setting window.number)")
    app = qt_app("rating-pad")
    pad = build_rating_pad(ctx, settings, window, after_event_id=started.event_id)
    clock_watch = bootstrap.ClockWatch(ctx).start()
    if options.windowed:
        pad.resize(1024, 700)
        pad.show()
    else:
        pad.showFullScreen()
    try:
        return app.exec()
    finally:
        clock_watch.stop()
        pad.shutdown()
        ctx.db.dispose()
