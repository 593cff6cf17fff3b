"""Notices when nobody has touched the kiosk for a while.

A citizen who walks away mid-flow must not leave their half-typed phone number or elder
mode to the next person. One single-shot QTimer is restarted by an application-wide
event filter on every touch, click or key; its timeout is the reset.
"""
from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer, Signal

#: events that mean a person is using the kiosk
_INPUT_EVENTS = frozenset({
    QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonRelease,
    QEvent.Type.MouseButtonDblClick, QEvent.Type.TouchBegin, QEvent.Type.TouchUpdate,
    QEvent.Type.TouchEnd, QEvent.Type.KeyPress, QEvent.Type.Wheel,
    QEvent.Type.InputMethod,
})


class IdleWatcher(QObject):
    """Install on the QApplication with ``start(app)``; emits ``idle_timed_out``."""

    idle_timed_out = Signal()  # nobody touched the kiosk for the whole timeout

    def __init__(self, timeout_s: float, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(round(timeout_s * 1000))
        self.timer.timeout.connect(self.idle_timed_out)
        self._app: QObject | None = None

    def start(self, app: QObject) -> None:
        self._app = app
        app.installEventFilter(self)
        self.timer.start()

    def stop(self) -> None:
        if self._app is not None:
            self._app.removeEventFilter(self)
            self._app = None
        self.timer.stop()

    def set_timeout(self, timeout_s: float) -> None:
        self.timer.setInterval(round(timeout_s * 1000))
        if self.timer.isActive():
            self.timer.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        kind = event.type()
        if kind in _INPUT_EVENTS or (kind == QEvent.Type.MouseMove and event.buttons()):
            self.timer.start()
        return False
