"""Fixtures of the manager console tests: the console (or one page) built on a copy of
the sample hall, following the real event feed, shown offscreen."""
from __future__ import annotations

import pytest

from kiosk.queue.actions.manager_auth import sign_in_manager
from kiosk.settings import Settings
from tests.helpers import PASSWORD
from tests.ui.manager.boxes import settle



@pytest.fixture
def feed(qtbot, sqlite_ctx):
    """The real feed of the test hall, following from the newest event now (before
    any page reads), as the console's start-up does."""
    from kiosk.queue.store.feed import last_event_id
    from kiosk.ui.feed_bridge import FeedBridge

    bridge = FeedBridge(sqlite_ctx.db, after_event_id=last_event_id(sqlite_ctx.db),
                        wait_s=0.2)
    bridge.start()
    yield bridge
    bridge.stop()


@pytest.fixture
def make_console(qtbot, sqlite_ctx, feed):
    """make_console(staff_no, pages=None) -> a shown ManagerConsole following the feed."""
    from kiosk.ui.manager.console import build_console

    def make(staff_no: str = "9001", pages: set[str] | None = None):
        user = sign_in_manager(sqlite_ctx, staff_no, PASSWORD)
        console = build_console(sqlite_ctx, Settings(), user,
                                only=None if pages is None else pages.__contains__)
        qtbot.addWidget(console)
        console.connect_feed(feed)
        console.resize(1440, 900)
        console.show()
        qtbot.waitExposed(console)
        settle(qtbot, console)  # every page has read what it shows
        return console

    return make
