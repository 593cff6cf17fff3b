"""Fixtures of the window client tests: a real client (real database, real feed and
action worker) shown offscreen and active, so its key shortcuts fire as on a desk."""
from __future__ import annotations

import sys
import threading
import traceback

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from kiosk.queue.reads.hall import start_snapshot
from tests.helpers import PASSWORD

#: retries of an action whose outcome is unknown: quick, so tests need not wait
FAST_RETRY_MS = (20, 50)


def activate(qtbot, widget) -> None:
    """Make ``widget`` the active window: window shortcuts only fire there."""
    widget.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is widget, timeout=5000)


@pytest.fixture
def make_client(qtbot):
    from window_client.clerk.app import build_window_client

    made = []

    def make(ctx, window: int | None = 1, settings=None, retry_delays_ms=FAST_RETRY_MS):
        # as the app starts: the feed follows from the snapshot the screens start from
        stored, event_id = start_snapshot(ctx)
        client = build_window_client(ctx, settings or stored, window=window,
                                     after_event_id=event_id,
                                     retry_delays_ms=retry_delays_ms)
        qtbot.addWidget(client)
        made.append(client)
        client.resize(1280, 860)
        client.show()
        qtbot.waitExposed(client)
        activate(qtbot, client)
        # the login page lists the windows (and who holds them) once it has read them
        qtbot.waitUntil(lambda: bool(client.login_page._windows), timeout=5000)
        return client

    yield make
    for client in made:
        client.shutdown()


def login(qtbot, client, staff_no: str, password: str = PASSWORD) -> None:
    """Type the staff number and password and press Enter; wait for the main screen."""
    page = client.login_page
    page.staff_no.clear()
    qtbot.keyClicks(page.staff_no, staff_no)
    qtbot.keyClicks(page.password, password)
    qtbot.keyClick(page.password, Qt.Key.Key_Return)
    # sign-in is an argon2 check (64 MiB), a write and the first screen read, each on
    # the client's worker; on a loaded 2-core CI machine with PostgreSQL that once
    # took over 5 s, so the wait allows more (it ends as soon as the screen is there)
    try:
        qtbot.waitUntil(lambda: client.signed_in and client.main._screen is not None,
                        timeout=20_000)
    except qtbot.TimeoutError as error:
        raise AssertionError(f"not signed in: {state_of(client)}") from error


def state_of(client) -> str:
    """What the client shows and waits for: the message of a failed wait."""
    runner = client.runner
    return (f"page={type(client.stack.currentWidget()).__name__} "
            f"login_message={client.login_page.message.text()!r} "
            f"main_message={client.main.message.text()!r} "
            f"window={client.main.window_number} screen={client.main._screen is not None} "
            f"offline={runner.offline} action={runner.current_action and runner.current_action.name} "
            f"waiting_retry={runner.awaiting_retry} reads={sorted(runner._reads_running)} "
            f"failed_reads={sorted(runner._failed_reads)} "
            f"after_action={sorted(runner._reads_after_action)}\n{thread_stacks()}")


def thread_stacks() -> str:
    """Where every other thread is: a wait that never ends is usually one of them."""
    names = {thread.ident: thread.name for thread in threading.enumerate()}
    return "\n".join(
        f"--- {names.get(ident, ident)}\n" + "".join(traceback.format_stack(frame)[-8:])
        for ident, frame in sys._current_frames().items()
        if ident != threading.get_ident())


def try_login(qtbot, client, staff_no: str, password: str) -> str:
    """A login expected to fail: returns the message the page shows."""
    page = client.login_page
    page.staff_no.clear()
    qtbot.keyClicks(page.staff_no, staff_no)
    qtbot.keyClicks(page.password, password)
    qtbot.keyClick(page.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.login_button.isEnabled(), timeout=5000)
    return page.message.text()


def press(qtbot, client, action: str) -> None:
    """Press the key configured for ``action`` (as a USB caller keypad would)."""
    sequence = client.actions._keys[action]
    combo = sequence[0]
    target = QApplication.focusWidget() or client
    qtbot.keyClick(target, combo.key(), combo.keyboardModifiers())


def idle(qtbot, client) -> None:
    """Wait until the last action came back and the screen was refreshed."""
    qtbot.waitUntil(lambda: not client.runner.busy
                    and not client.runner._reads_running, timeout=5000)


@pytest.fixture
def make_pad(qtbot):
    from window_client.pad.app import build_rating_pad

    made = []

    def make(ctx, window: int = 1, settings=None):
        stored, event_id = start_snapshot(ctx)
        pad = build_rating_pad(ctx, settings or stored, window, after_event_id=event_id,
                               retry_delays_ms=FAST_RETRY_MS)
        qtbot.addWidget(pad)
        made.append(pad)
        pad.resize(1024, 700)
        pad.show()
        qtbot.waitExposed(pad)
        qtbot.waitUntil(lambda: pad.screen is not None, timeout=5000)
        return pad

    yield make
    for pad in made:
        pad.shutdown()


def ratings(ctx) -> list[tuple[str, int | None, list]]:
    """(ticket code, level, reasons) of every rating, in ticket order."""
    from sqlalchemy import select

    from kiosk.queue.store.models import Rating, Ticket

    with ctx.db.read() as session:
        rows = session.execute(select(Ticket.code, Rating.level, Rating.reasons)
                               .join(Rating, Rating.ticket_id == Ticket.id)
                               .order_by(Ticket.id)).all()
        return [tuple(row) for row in rows]
