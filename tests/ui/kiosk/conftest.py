"""Fixtures for the kiosk GUI tests: a kiosk built on the test hall (SQLite), shown at
its design size offscreen, with a printer the test chooses."""
from __future__ import annotations

import socket
import threading

import pytest
from PySide6.QtCore import Qt

from kiosk.printing import PrintFormat, PrintQueue
from kiosk.printing.transports.base import Transport
from kiosk.queue.reads import hall as hall_reads


WAIT_MS = 20_000  # generous bound for waitUntil; never reached when things work


class RecordingPrinter(Transport):
    """A working printer that keeps every job's bytes and confirms each (as a printer
    answering status does); ``gate`` can hold jobs back."""

    kind = "recording"

    def __init__(self) -> None:
        super().__init__()
        self.jobs: list[bytes] = []
        self.gate = threading.Event()
        self.gate.set()

    def describe(self) -> str:
        return "recording test printer"

    def _write(self, data: bytes, timeout: float) -> bool:
        if not self.gate.wait(timeout + 5):
            return False
        self.jobs.append(data)
        return True


def closed_port() -> int:
    """A port on 127.0.0.1 that refuses connections (bound, then released)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def click(qtbot, widget) -> None:
    """Tap a widget as a citizen would (through the event system and the idle filter)."""
    assert widget.isVisible(), f"{widget!r} is not on screen"
    assert widget.isEnabled(), f"{widget!r} is disabled"
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def settled(qtbot, kiosk) -> None:
    """Wait until the kiosk's reads (catalog, lists, counts) have come back."""
    controller = kiosk.controller
    qtbot.waitUntil(lambda: controller.catalog is not None and controller.reads.idle,
                    timeout=WAIT_MS)


def open_guide(qtbot, kiosk, item_code: str) -> None:
    """Open an item's guide as a tap does, and wait for it on screen (it is read on a
    worker thread)."""
    w = kiosk.window
    with qtbot.waitSignal(kiosk.controller.guide_shown, timeout=WAIT_MS,
                          check_params_cb=lambda code: code == item_code):
        kiosk.controller.open_guide(item_code)
    assert w.current() is w.guide and w.guide.guide.code == item_code


def tap_and_wait(qtbot, kiosk, widget) -> None:
    """Tap a button that takes a ticket or checks in, and wait for the outcome on
    screen (the kiosk runs those on a worker thread)."""
    with qtbot.waitSignal(kiosk.controller.action_ended, timeout=WAIT_MS):
        click(qtbot, widget)


@pytest.fixture
def printer() -> RecordingPrinter:
    return RecordingPrinter()


@pytest.fixture
def make_kiosk(qtbot, sqlite_ctx, printer):
    """``make_kiosk(queue=None, settings=None, portrait=False, elder=False, feed=None,
    ctx=sqlite_ctx)``."""
    from kiosk.ui.kiosk.app import build_kiosk

    made = []

    def make(*, queue=None, settings=None, portrait=False, elder=False, feed=None,
             ctx=None):
        ctx = ctx or sqlite_ctx
        settings = settings or hall_reads.effective_settings(ctx)
        queue = queue or PrintQueue(printer, PrintFormat(80, "gb18030"), 2.0)
        kiosk = build_kiosk(ctx, settings, queue, feed=feed, portrait=portrait,
                            elder=elder)
        made.append(kiosk)
        kiosk.window.resize(*kiosk.window.design_size())
        kiosk.window.show()
        qtbot.waitExposed(kiosk.window)
        settled(qtbot, kiosk)  # home shows the catalog read on the worker
        return kiosk

    yield make
    for kiosk in made:
        kiosk.close()


@pytest.fixture
def kiosk(make_kiosk):
    return make_kiosk()


def feed_from_start(ctx, wait_s: float = 0.1):
    """A feed bridge following from the newest event now, read before the kiosk's first
    screen, as ``kiosk.bootstrap`` starts it: no change made after this is missed."""
    from kiosk.queue.store.feed import last_event_id
    from kiosk.ui.feed_bridge import FeedBridge

    return FeedBridge(ctx.db, after_event_id=last_event_id(ctx.db), wait_s=wait_s)
