"""Coalescing the event feed: a busy hall commits dozens of events a second, and the
console redraws once per burst, not once per event."""
from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal

SETTLE_MS = 150


class EventCoalescer(QObject):
    """Collects feed batches and hands them on together after ``settle_ms`` of quiet
    (at most one burst's delay: the timer is not restarted by later batches)."""

    #: every event that arrived during one burst, in order
    events_settled = Signal(list)

    def __init__(self, settle_ms: int = SETTLE_MS, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pending: list = []
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(settle_ms)
        self._timer.timeout.connect(self._flush)

    def add(self, events: list) -> None:
        self._pending.extend(events)
        if not self._timer.isActive():
            self._timer.start()

    def _flush(self) -> None:
        events, self._pending = self._pending, []
        if events:
            self.events_settled.emit(events)
