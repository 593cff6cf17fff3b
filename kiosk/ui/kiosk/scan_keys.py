"""A keyboard-wedge scanner on any kiosk screen: key bursts become ``code_scanned``.

An application-level event filter sees every key press in the kiosk's window. While a
text field has focus (the search field, the check-in keypad's field) keys go to it
untouched: a scan typed there is what the citizen meant. Otherwise each key goes
through a ``BurstDetector``: a burst ending with Enter is a scan; keys that were no
scan are sent on to the widget they were meant for, as typed (a press and a release),
at most ``max_gap`` later. The detector's timestamps come from ``clock`` (tests give
their own), and a QTimer armed at the detector's deadline lets a quiet burst go.
"""
from __future__ import annotations

import math
import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractSpinBox, QApplication, QLineEdit, QPlainTextEdit, QTextEdit, QWidget,
)
from shiboken6 import isValid

from kiosk.devices.scanner.burst import BurstDetector

_TEXT_INPUTS = (QLineEdit, QTextEdit, QPlainTextEdit, QAbstractSpinBox)
_KEYS = (QEvent.Type.KeyPress, QEvent.Type.KeyRelease)


def typing_into_field(window: QWidget, receiver: QObject) -> bool:
    """A text field on screen has the focus (or gets the key): the keys are the
    citizen's, or a scan typed there on purpose. The window's own focus widget counts
    even while the window is not the active one (a kiosk has no other)."""
    if isinstance(receiver, _TEXT_INPUTS):
        return True
    focus = window.focusWidget()
    return isinstance(focus, _TEXT_INPUTS) and focus.isVisible() and focus.isEnabled()


class ScanKeys(QObject):
    """``start(app)`` installs the filter; scans come out as ``code_scanned``."""

    code_scanned = Signal(str)        # the text of a scan (without its Enter)

    def __init__(self, detector: BurstDetector, window: QWidget, *,
                 clock: Callable[[], float] = time.monotonic,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.detector = detector
        self.window = window
        self.clock = clock
        self._app: QObject | None = None
        self._replaying = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._expire)

    def start(self, app: QObject) -> None:
        self._app = app
        app.installEventFilter(self)

    def stop(self) -> None:
        self._timer.stop()
        if self._app is not None:
            self._app.removeEventFilter(self)
            self._app = None

    def flush(self) -> None:
        """Let a burst under way go as typed now (tests; the kiosk closing)."""
        self._timer.stop()
        self._release(self.detector.reset())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if event.type() not in _KEYS or self._replaying or not self._ours(watched):
            return False
        if typing_into_field(self.window, watched):
            return False
        if event.type() == QEvent.Type.KeyRelease:
            # a press held or scanned is sent again with its own release, later
            return bool(event.text()) and not event.isAutoRepeat()
        text = event.text()
        if not text:
            return False  # Shift, arrows: not part of any code, never held
        key = (watched, event.key(), event.modifiers(), text)
        now = self.clock()
        outcome = self.detector.feed(text, now, key)
        self._release(outcome.release)
        self._arm(now)
        if outcome.scan is not None:
            self.code_scanned.emit(outcome.scan)
        return True

    def _ours(self, watched: QObject) -> bool:
        return isinstance(watched, QWidget) and (
            watched is self.window or self.window.isAncestorOf(watched))

    def _arm(self, now: float) -> None:
        deadline = self.detector.deadline
        if deadline is None:
            self._timer.stop()
            return
        self._timer.start(max(1, math.ceil((deadline - now) * 1000)))

    def _expire(self) -> None:
        now = self.clock()
        outcome = self.detector.expire(now)
        self._release(outcome.release)
        self._arm(now)  # not yet due by this clock: look again at the deadline

    def _release(self, keys) -> None:
        """Send keys that were no scan to their widget, as if typed just now."""
        for held in keys:
            receiver, key, modifiers, text = held.source
            if not isValid(receiver):
                receiver = self.window.focusWidget() or self.window
            self._replaying = True
            try:
                for kind in _KEYS:
                    QApplication.sendEvent(receiver, QKeyEvent(kind, key, modifiers, text))
            finally:
                self._replaying = False
