"""Two window clients, each a real separate process with its own GUI, press call-next at
the same moment (a barrier releases them together), round after round, on a real SQLite
file and on PostgreSQL: every ticket is called exactly once, by exactly one window."""
from __future__ import annotations

import multiprocessing
import os
import traceback

import pytest
from sqlalchemy import func, select

from kiosk.queue.store.models import Event, Ticket
from tests.conftest import PASSWORD
from tests.helpers import take

ROUNDS = 6
CLERKS = ((1, "1001"), (2, "1002"))    # both windows serve queue A


def _wait_for(app, condition, timeout_ms: int = 20_000) -> None:
    """Run the event loop until ``condition()`` holds (no sleeping, no busy loop)."""
    from PySide6.QtCore import QElapsedTimer, QEventLoop, QTimer

    if condition():
        return
    loop = QEventLoop()
    clock = QElapsedTimer()
    clock.start()
    timer = QTimer()

    def check() -> None:
        if condition() or clock.elapsed() > timeout_ms:
            loop.quit()

    timer.timeout.connect(check)
    timer.start(5)
    loop.exec()
    timer.stop()
    if not condition():
        raise TimeoutError(f"condition not met within {timeout_ms} ms")


def _press(client, action: str) -> None:
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    combo = client.actions._keys[action][0]
    QTest.keyClick(QApplication.focusWidget() or client, combo.key(),
                   combo.keyboardModifiers())


def clerk_process(url: str, window: int, staff_no: str, start_iso: str, rounds: int,
                  barrier, results) -> None:
    """One window PC: log in by keyboard, then per round wait at the barrier, press the
    call-next key, read the ticket off the screen, and finish it by keys."""
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    os.environ["KIOSK_CONFIG"] = os.devnull
    client = ctx = None
    try:
        import datetime as dt

        from PySide6.QtCore import Qt
        from PySide6.QtTest import QTest
        from PySide6.QtWidgets import QApplication

        from kiosk.clock import ManualClock
        from kiosk.queue.store.context import HallContext
        from kiosk.queue.store.db import Database
        from kiosk.queue.reads.hall import effective_settings
        from window_client.clerk.app import build_window_client

        app = QApplication([])
        ctx = HallContext(db=Database(url), clock=ManualClock(dt.datetime.fromisoformat(
            start_iso)), hall_code="demo")
        client = build_window_client(ctx, effective_settings(ctx), window=window)
        client.resize(1280, 860)
        client.show()
        client.activateWindow()
        _wait_for(app, lambda: QApplication.activeWindow() is client
                  and bool(client.login_page._windows))
        page = client.login_page
        page.staff_no.setText(staff_no)
        page.password.setText(PASSWORD)
        QTest.keyClick(page.password, Qt.Key.Key_Return)
        _wait_for(app, lambda: client.signed_in and client.main._screen is not None)
        codes = []
        shown = client.main.ticket_panel.code
        for _ in range(rounds):
            barrier.wait(timeout=60)
            _press(client, "call_next")
            _wait_for(app, lambda: not client.runner.busy)
            codes.append(shown.text())
            if shown.text() != "—":
                _press(client, "finish")
                _press(client, "finish")
                _wait_for(app, lambda: shown.text() == "—" and not client.runner.busy)
        results.put((window, codes, None))
    except Exception:  # noqa: BLE001 - reported to the parent
        results.put((window, None, traceback.format_exc()))
        barrier.abort()
    finally:
        if client is not None:
            client.shutdown()
        if ctx is not None:
            ctx.db.dispose()


@pytest.mark.slow
def test_two_window_processes_calling_at_once_get_different_tickets(make_ctx, db_url,
                                                                    clock):
    ctx = make_ctx(db_url)
    for _ in range(2 * ROUNDS):
        take(ctx)
        clock.advance(seconds=5)
    spawn = multiprocessing.get_context("spawn")
    barrier = spawn.Barrier(len(CLERKS))
    results = spawn.Queue()
    processes = [spawn.Process(target=clerk_process,
                               args=(db_url, window, staff_no, clock.now().isoformat(),
                                     ROUNDS, barrier, results))
                 for window, staff_no in CLERKS]
    for process in processes:
        process.start()
    try:
        got = dict()
        for _ in processes:
            window, codes, error = results.get(timeout=180)
            assert error is None, f"window {window} failed:\n{error}"
            got[window] = codes
    finally:
        for process in processes:
            process.join(timeout=30)
            if process.is_alive():
                process.kill()
    assert all(process.exitcode == 0 for process in processes)
    called = got[1] + got[2]
    assert "—" not in called, got                       # nobody came away empty
    assert sorted(called) == [f"A{n:03d}" for n in range(1, 2 * ROUNDS + 1)], got
    with ctx.db.read() as session:
        per_ticket = dict(session.execute(
            select(Event.ticket_id, func.count()).where(Event.action == "ticket_called")
            .group_by(Event.ticket_id)).all())
        assert sorted(per_ticket.values()) == [1] * (2 * ROUNDS)
        states = session.scalars(select(Ticket.state)).all()
        assert {s.value for s in states} == {"finished"}
