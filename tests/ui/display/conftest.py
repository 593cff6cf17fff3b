"""Fixtures for the display tests: a display built on the test hall, started on the
real feed (or on a stand-in bridge the test drives), with a recording announcer."""
from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import QObject, Signal

from kiosk.settings import Settings


class RecordingAnnouncer:
    """Announcer stand-in: remembers what it was asked to say, from any thread."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, str, int]] = []  # (announce|recall, code, window)
        self.settings = None
        self.closed = False
        self._lock = threading.Lock()

    def announce(self, code, window) -> None:
        with self._lock:
            self.calls.append(("announce", code, window))

    def recall(self, code, window) -> None:
        with self._lock:
            self.calls.append(("recall", code, window))

    def set_settings(self, settings) -> None:
        self.settings = settings

    def close(self, timeout=None) -> bool:
        self.closed = True
        return True


class StubBridge(QObject):
    """A FeedBridge the test drives by emitting its signals."""

    #: a batch of new FeedEvent objects, in order
    events_arrived = Signal(list)
    #: the database is out of reach (English reason)
    connection_lost = Signal(str)
    #: the database answers again after a loss
    connection_restored = Signal()

    def start(self) -> None:
        pass

    def stop(self) -> None:
        pass


@pytest.fixture
def announcer() -> RecordingAnnouncer:
    return RecordingAnnouncer()


@pytest.fixture
def make_display(qtbot):
    """``make_display(ctx, **build_display options)`` -> a started Display."""
    from kiosk.ui.display.factory import build_display
    from kiosk.ui.display.speech_hookup import SpeechHookup, fault_recorder

    built = []

    def make(ctx, announcer=None, settings: Settings | None = None, **options):
        options.setdefault("feed_wait_s", 0.1)
        options.setdefault("hookup", SpeechHookup(fault_recorder(ctx)))
        display = build_display(ctx, settings or Settings(),
                                announcer if announcer is not None else RecordingAnnouncer(),
                                **options)
        qtbot.addWidget(display.screen)
        display.start()
        built.append(display)
        # the first state is read on the loader's thread, never on the GUI thread
        qtbot.waitUntil(lambda: display.controller.loaded, timeout=10_000)
        return display

    yield make
    for display in built:
        display.stop()
