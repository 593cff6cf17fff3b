"""The live-event bridge: turns the database event feed into Qt signals in the GUI
thread. Every screen refreshes from these signals; none polls tables on its own timer.
"""
from __future__ import annotations

import logging

from PySide6.QtCore import QObject, QThread, Signal

from kiosk.queue.store.db import Database
from kiosk.queue.store.feed import FeedUnavailable, subscribe

log = logging.getLogger(__name__)


class _FeedThread(QThread):
    #: a batch of new FeedEvent objects, in order
    events_arrived = Signal(list)
    #: the database is out of reach (English reason)
    connection_lost = Signal(str)
    #: the database answers again after a loss
    connection_restored = Signal()
    #: a fault that is not an outage (a bug, bad data): English text, traceback in the log
    failed = Signal(str)

    def __init__(self, db: Database, after_event_id: int | None, wait_s: float) -> None:
        super().__init__()
        self._db = db
        self._after = after_event_id
        self._wait_s = wait_s
        self._stopping = False

    def stop(self) -> None:
        self._stopping = True

    def run(self) -> None:
        feed = None
        lost = False
        while not self._stopping:
            try:
                if feed is None:
                    feed = subscribe(self._db, self._after)
                events = feed.wait(self._wait_s)
                if lost:
                    lost = False
                    self.connection_restored.emit()
                if events:
                    self._after = events[-1].id
                    self.events_arrived.emit(events)
            except FeedUnavailable as exc:
                if not lost:
                    log.warning("event feed lost: %s", exc)
                    lost = True
                    self.connection_lost.emit(str(exc))
                feed = self._drop(feed)
                self.msleep(500)
            except Exception as exc:  # noqa: BLE001 - not an outage: say so, keep following
                log.exception("event feed failed")
                self.failed.emit(f"{type(exc).__name__}: {exc}")
                feed = self._drop(feed)
                self.msleep(500)
        if feed is not None:
            feed.close()

    def _drop(self, feed):
        """Close ``feed`` and remember where it was; the next pass subscribes anew."""
        if feed is not None:
            self._after = feed.last_id
            feed.close()
        return None


class FeedBridge(QObject):
    """Owns the feed thread; connect to its signals, call ``start()`` and ``stop()``."""

    #: a batch of new FeedEvent objects, in order
    events_arrived = Signal(list)
    #: the database is out of reach (English reason)
    connection_lost = Signal(str)
    #: the database answers again after a loss
    connection_restored = Signal()
    #: a fault that is not an outage (a bug, bad data): English text, traceback in the log
    failed = Signal(str)

    def __init__(self, db: Database, after_event_id: int | None = None,
                 wait_s: float = 0.5, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._thread = _FeedThread(db, after_event_id, wait_s)
        self._thread.events_arrived.connect(self.events_arrived)
        self._thread.connection_lost.connect(self.connection_lost)
        self._thread.connection_restored.connect(self.connection_restored)
        self._thread.failed.connect(self.failed)

    def follow_from(self, event_id: int) -> None:
        """Follow the events after ``event_id`` (the snapshot the screens were built
        from); call before ``start``."""
        if self._thread.isRunning():
            raise RuntimeError("the feed is already running")
        self._thread._after = event_id

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._thread.stop()
        self._thread.wait(5000)
