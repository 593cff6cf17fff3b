"""Guard of every GUI test: no database call on the GUI thread from GUI code.

``Database.read()`` and ``Database.write()`` are wrapped for the whole test. When one
runs on the main (GUI) thread while a frame of GUI code (a module under ``kiosk.ui.`` or
``window_client.``) is on the call stack, the call is recorded (it still runs, so the
test goes on as it would in the hall) and the test fails at teardown with the stack of
the first one: an exception raised inside a Qt slot would be swallowed, a record is not.
Test code itself may call core functions on the main thread to set up or check state:
no GUI frame is on the stack then.
"""
from __future__ import annotations

import sys
import threading
import traceback

import pytest
from pytestqt.qtbot import QtBot

#: how long a GUI test waits by default for a screen to settle. A wait ends as soon as
#: its condition holds, so this only decides when to give up: pytest-qt's 5 s was not
#: enough on a loaded 2-core CI machine (a worker's read queued behind a feed batch
#: and an argon2 check), and a wait that gives up early is a flaky test, not a finding.
PATIENT_WAIT_MS = 20_000
_wait_until = QtBot.waitUntil


def _patient_wait_until(self, callback, *, timeout: int = PATIENT_WAIT_MS) -> None:
    _wait_until(self, callback, timeout=timeout)


QtBot.waitUntil = _patient_wait_until

#: Start-up code that may read the database before the event loop runs: each app's
#: ``run`` (``start`` for the window client), which calls ``kiosk.bootstrap.start`` to
#: open the database, migrate it and read the snapshot the first screens are built
#: from. Allowed only while no event loop runs (a slot called from ``app.exec()``
#: inside ``run`` is GUI code like any other). (module, function)
STARTUP_ALLOWED: frozenset[tuple[str, str]] = frozenset({
    ("kiosk.ui.kiosk.app", "run"),
    ("kiosk.ui.manager.app", "run"),
    ("kiosk.ui.display.app", "run"),
    ("window_client.clerk.app", "start"),
    ("window_client.pad.app", "run"),
})

GUI_PREFIXES = ("kiosk.ui.", "window_client.")


def _event_loop_running() -> bool:
    from PySide6.QtCore import QThread

    return QThread.currentThread().loopLevel() > 0


def gui_frame(frame) -> str | None:
    """The module of the innermost GUI frame on ``frame``'s stack, if any (None when
    the call comes from allowed start-up code before the event loop)."""
    found = None
    while frame is not None:
        module = frame.f_globals.get("__name__", "") or ""
        if (module, frame.f_code.co_name) in STARTUP_ALLOWED \
                and not _event_loop_running():
            return None
        if found is None and module.startswith(GUI_PREFIXES):
            found = module
        frame = frame.f_back
    return found


class GuiThreadDbGuard:
    """Records every database unit of work GUI code opens on the main thread."""

    def __init__(self) -> None:
        self.violations: list[tuple[str, str, str]] = []   # (kind, module, stack)

    def check(self, kind: str) -> None:
        if threading.current_thread() is not threading.main_thread():
            return
        caller = sys._getframe(2)          # the frame that called Database.read/write
        module = gui_frame(caller)
        if module is None:
            return
        stack = "".join(traceback.format_stack(caller))
        self.violations.append((kind, module, stack))

    def report(self) -> str:
        kind, module, stack = self.violations[0]
        others = sorted({f"{k} from {m}" for k, m, _ in self.violations[1:]})
        more = ("\nand %d more: %s" % (len(self.violations) - 1, "; ".join(others))
                if others else "")
        return (f"Database.{kind}() ran on the GUI thread from {module} "
                f"({len(self.violations)} call(s) in all); first call:\n{stack}{more}")


@pytest.fixture(autouse=True)
def no_database_on_gui_thread():
    """Fails the test if GUI code opened a database unit of work on the GUI thread."""
    from kiosk.queue.store.db import Database

    guard = GuiThreadDbGuard()
    original_read, original_write = Database.read, Database.write

    def read(self):
        guard.check("read")
        return original_read(self)

    def write(self):
        guard.check("write")
        return original_write(self)

    Database.read, Database.write = read, write
    try:
        yield guard
    finally:
        Database.read, Database.write = original_read, original_write
    if guard.violations:
        pytest.fail(guard.report(), pytrace=False)


@pytest.fixture(scope="session", autouse=True)
def shipped_fonts(qapp):
    """The apps register their own Chinese font at start-up (kiosk.ui.startup); tests
    draw with it too, as a fresh PC would."""
    from kiosk.ui.theme import register_shipped_fonts

    return register_shipped_fonts()
