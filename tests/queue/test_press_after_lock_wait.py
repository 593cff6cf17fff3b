"""Two clients of one window on PostgreSQL: an action that waited for the window's
lock acts on the window as the action it waited for left it.

Under READ COMMITTED a locking statement reads the rows it joins as they were when it
began, so actions at a window lock its row first and read its clerk, queues and ticket
in hand after (``store.lookup.lock_window``). Each test holds a real action's commit until the
other client's press is seen waiting on the lock (pg_stat_activity), then lets it go.
"""
from __future__ import annotations

import threading
import time

import psycopg
import pytest
from sqlalchemy import event as sa_event, select
from sqlalchemy.engine import make_url

from kiosk.errors import IllegalTransition, NotPermitted
from kiosk.queue.actions import calling, serving, windows
from kiosk.queue.store.models import Ticket, TicketState
from tests.helpers import open_window, take


def _waiting_on_a_lock(admin_url: str, database: str, timeout_s: float = 20) -> None:
    """Return once a session of ``database`` waits on a lock (polling the server)."""
    deadline = time.monotonic() + timeout_s
    with psycopg.connect(admin_url, autocommit=True) as admin:
        while time.monotonic() < deadline:
            waiting = admin.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = %s "
                "AND wait_event_type = 'Lock'", (database,)).fetchone()[0]
            if waiting:
                return
    raise TimeoutError("the other press never waited on the window's lock")


class _Other:
    """The other client's press, started while this one's commit is held back."""

    def __init__(self, press) -> None:
        self.result = self.error = None
        self.thread = threading.Thread(target=self._run, args=(press,))

    def _run(self, press) -> None:
        try:
            self.result = press()
        except Exception as exc:  # noqa: BLE001 - the test looks at it
            self.error = exc


def _while_committing(first_ctx, pg_url, pg_admin_url, other_press, first_press):
    """Run ``first_press``; just before it commits, start ``other_press`` and wait until
    it waits on the window's lock. Returns the other press once it is done."""
    other = _Other(other_press)
    database = make_url(pg_url).database

    def before_commit(conn) -> None:
        if not other.thread.is_alive() and other.result is None and other.error is None:
            other.thread.start()
            _waiting_on_a_lock(pg_admin_url, database)

    sa_event.listen(first_ctx.db.engine, "commit", before_commit)
    try:
        first_press()
    finally:
        sa_event.remove(first_ctx.db.engine, "commit", before_commit)
    other.thread.join(30)
    assert not other.thread.is_alive()
    return other


@pytest.fixture
def two_clients(make_ctx, pg_url):
    """Two sessions of window 1 (one clerk, two PCs or a retried client)."""
    first, second = make_ctx(pg_url), make_ctx(pg_url)
    open_window(first, 1)
    return first, second


def test_a_call_that_waited_for_another_call_is_refused_not_doubled(
        two_clients, pg_url, pg_admin_url):
    first, second = two_clients
    take(first)
    take(first)
    other = _while_committing(
        first, pg_url, pg_admin_url,
        lambda: calling.call_next(second, window=1, staff_no="1001"),
        lambda: calling.call_next(first, window=1, staff_no="1001"))
    assert isinstance(other.error, IllegalTransition)
    assert "请先办结" in other.error.message_zh and "A001" in other.error.message_zh
    with first.db.read() as session:
        states = dict(session.execute(select(Ticket.code, Ticket.state)).all())
    assert states == {"A001": TicketState.CALLED, "A002": TicketState.WAITING}


def test_a_finish_that_waited_for_start_keeps_the_start_time(
        two_clients, clock, pg_url, pg_admin_url):
    first, second = two_clients
    take(first)
    take(first)
    called = calling.call_next(first, window=1, staff_no="1001")
    clock.advance(minutes=2)
    holder = {}
    other = _while_committing(
        first, pg_url, pg_admin_url,
        lambda: serving.finish_and_call_next(second, window=1, staff_no="1001",
                                             outcome="completed"),
        lambda: holder.update(started=serving.start(first, window=1, staff_no="1001")))
    assert other.error is None
    started_at = holder["started"].ticket.started_at
    assert started_at > called.ticket.called_at
    assert other.result.finished.code == "A001"
    assert other.result.finished.started_at == started_at   # not the call's time
    assert other.result.ticket.code == "A002"


def test_an_action_that_waited_for_a_sign_out_is_refused(two_clients, pg_url, pg_admin_url):
    """The other actions at a window (here 暂停) read the clerk after the lock too: a
    clerk signed out meanwhile cannot pause the window it no longer holds."""
    first, second = two_clients
    other = _while_committing(
        first, pg_url, pg_admin_url,
        lambda: windows.pause(second, window=1, staff_no="1001", reason="午休"),
        lambda: windows.sign_out(first, window=1, staff_no="1001"))
    assert isinstance(other.error, NotPermitted)
    assert "未在 1 号窗口登录" in other.error.message_zh


def test_a_press_waiting_for_its_ticket_holds_up_no_other_event(
        make_ctx, pg_url, pg_admin_url):
    """A press's writes travel with its events in one statement (``append_events``),
    and the events take the lock that orders every writer of the hall. The writes run
    first: a finish waiting for its ticket's row (a citizen rating or leaving a phone
    holds it a moment) holds no lock that a kiosk's ticket would wait for."""
    clerk, kiosk = make_ctx(pg_url), make_ctx(pg_url)
    open_window(clerk, 1)
    take(clerk)
    called = calling.call_next(clerk, window=1, staff_no="1001").ticket
    plain = make_url(pg_url).set(drivername="postgresql").render_as_string(
        hide_password=False)
    database = make_url(pg_url).database
    with psycopg.connect(plain) as citizen:
        citizen.execute("SELECT id FROM ticket WHERE id = %s FOR UPDATE", (called.id,))
        press = _Other(lambda: serving.finish(clerk, window=1, staff_no="1001",
                                              outcome="completed"))
        press.thread.start()
        _waiting_on_a_lock(pg_admin_url, database)
        with psycopg.connect(pg_admin_url, autocommit=True) as admin:
            advisory = admin.execute(
                "SELECT count(*) FROM pg_locks JOIN pg_stat_activity USING (pid) "
                "WHERE datname = %s AND locktype = 'advisory'", (database,)).fetchone()[0]
        assert advisory == 0
        assert take(kiosk).ticket.code == "A002"   # not held up by the waiting press
        citizen.rollback()
    press.thread.join(30)
    assert press.error is None and press.result.ticket.code == "A001"
    assert press.result.ticket.state == "finished"
