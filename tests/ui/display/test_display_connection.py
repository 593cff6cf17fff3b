"""When the database is out of reach the display keeps its last state with a discreet
"连接中断" mark, and catches up when the connection returns."""
from __future__ import annotations

import datetime as dt

import psycopg
import pytest
from sqlalchemy.engine import make_url

from kiosk.queue.actions import calling
from kiosk.queue.demo import clerk_no
from kiosk.queue.store.events import FeedEvent
from tests.helpers import open_window, take

from .conftest import StubBridge

WAIT_MS = 8000


def test_connection_lost_mark_then_catch_up(sqlite_ctx, make_display, qtbot):
    ctx = sqlite_ctx
    open_window(ctx, 3)
    take(ctx, "WJW-002")
    bridge = StubBridge()
    display = make_display(ctx, bridge=bridge)
    header = display.screen.header
    assert not header.connection_mark.isVisibleTo(header)

    with qtbot.waitSignal(display.controller.connection_changed,
                          check_params_cb=lambda ok: ok is False):
        bridge.connection_lost.emit("server closed the connection unexpectedly")
    assert header.connection_mark.isVisibleTo(header)
    assert header.connection_mark.text() == "⚠ 连接中断"

    calling.call_next(ctx, window=3, staff_no=clerk_no(3))  # the display hears nothing
    assert display.screen.newest.call is None                # the last state stays

    with qtbot.waitSignal(display.controller.connection_changed,
                          check_params_cb=lambda ok: ok is True):
        bridge.connection_restored.emit()
    qtbot.waitUntil(lambda: display.screen.newest.code.text() == "B001", timeout=WAIT_MS)
    assert not header.connection_mark.isVisibleTo(header)
    assert "B001" in display.screen.windows.cards[3].text()


def test_events_of_another_hall_are_ignored(sqlite_ctx, make_display, announcer):
    bridge = StubBridge()
    display = make_display(sqlite_ctx, announcer, bridge=bridge)
    other_hall = display.controller.state.hall_id + 1
    bridge.events_arrived.emit([FeedEvent(
        10_000, other_hall, sqlite_ctx.clock.now(), "staff:1", "ticket_called", 1, 1,
        {"code": "Z001", "window": 1, "window_name": "x"})])
    assert display.screen.newest.call is None
    assert announcer.calls == []


def test_a_call_that_arrives_late_is_shown_but_not_spoken(sqlite_ctx, make_display,
                                                         announcer, qtbot):
    bridge = StubBridge()
    display = make_display(sqlite_ctx, announcer, bridge=bridge)
    hall = display.controller.state.hall_id
    old = sqlite_ctx.clock.now() - dt.timedelta(minutes=10)
    payload = {"code": "A007", "window": 1, "window_name": "企业开办1号窗口"}
    bridge.events_arrived.emit([FeedEvent(10_000, hall, old, "staff:1001", "ticket_called",
                                          1, 1, payload)])
    assert display.screen.newest.code.text() == "A007"
    assert announcer.calls == []
    bridge.events_arrived.emit([FeedEvent(10_001, hall, sqlite_ctx.clock.now(),
                                          "staff:1001", "ticket_recalled", 1, 1, payload)])
    assert announcer.calls == [("recall", "A007", 1)]


# --- a real outage: PostgreSQL refuses the display's connections for a while ----------

APP_NAME = "kiosk_display_under_test"


def _admin(pg_admin_url: str, sql: str) -> None:
    with psycopg.connect(pg_admin_url, autocommit=True) as conn:
        conn.execute(sql)


@pytest.mark.postgres
def test_real_outage_on_postgresql(pg_url, pg_admin_url, make_ctx, make_display, qtbot):
    name = make_url(pg_url).database
    actor = make_ctx(pg_url)   # the window clerk's PC keeps its open connection
    open_window(actor, 3)
    take(actor, "WJW-002")
    display_url = make_url(pg_url).update_query_dict({"application_name": APP_NAME})
    ctx = make_ctx(display_url.render_as_string(hide_password=False))
    display = make_display(ctx)
    header = display.screen.header
    try:
        with qtbot.waitSignal(display.controller.connection_changed, timeout=WAIT_MS,
                              check_params_cb=lambda ok: ok is False):
            _admin(pg_admin_url, f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS false')
            _admin(pg_admin_url, "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                                 f"WHERE application_name = '{APP_NAME}'")
        assert header.connection_mark.isVisibleTo(header)
        calling.call_next(actor, window=3, staff_no=clerk_no(3))  # during the outage
        assert display.screen.newest.call is None
    finally:
        _admin(pg_admin_url, f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS true')
    qtbot.waitUntil(lambda: display.screen.newest.code.text() == "B001", timeout=WAIT_MS)
    qtbot.waitUntil(lambda: not header.connection_mark.isVisibleTo(header), timeout=WAIT_MS)
