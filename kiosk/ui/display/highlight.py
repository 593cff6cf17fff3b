"""The few seconds a new call stands out: colours inverted, alternating during the first
half (slower than three flashes a second), then steady, then back to normal."""
from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer

from kiosk.ui.display import style


class Highlighter(QObject):
    """Calls ``paint(inverted)`` as the highlight goes on, alternates and ends."""

    def __init__(self, paint: Callable[[bool], None], parent: QObject | None = None,
                 seconds: float = style.HIGHLIGHT_S, blink_ms: int = style.BLINK_MS) -> None:
        super().__init__(parent)
        self._paint = paint
        self._seconds = seconds
        self.active = False
        self.inverted = False
        self._blinks_left = 0
        self._blink = QTimer(self)
        self._blink.setInterval(blink_ms)
        self._blink.timeout.connect(self._on_blink)
        self._end = QTimer(self)
        self._end.setSingleShot(True)
        self._end.timeout.connect(self.stop)
        self._blinks_per_run = max(1, int(seconds * 1000 / 2 / blink_ms)) | 1
        self._set(False)

    def start(self) -> None:
        self.active = True
        self._blinks_left = self._blinks_per_run
        self._set(True)
        self._blink.start()
        self._end.start(int(self._seconds * 1000))

    def stop(self) -> None:
        self._blink.stop()
        self._end.stop()
        self.active = False
        self._set(False)

    def _on_blink(self) -> None:
        self._blinks_left -= 1
        if self._blinks_left <= 0:
            self._blink.stop()
            self._set(True)  # steady until the end
            return
        self._set(not self.inverted)

    def _set(self, inverted: bool) -> None:
        self.inverted = inverted
        self._paint(inverted)
