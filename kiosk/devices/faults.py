"""What a device thread tells its owner: results through callbacks that can never kill
the thread, and faults logged once each (a reader unplugged for an hour is one warning,
not one a second) and logged again when the device is back."""
from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

log = logging.getLogger(__name__)


class FaultReporter:
    """One per device thread; ``device`` names it in the log ("ID card reader")."""

    def __init__(self, device: str, url: str, on_error: Callable | None) -> None:
        self.device, self.url, self.on_error = device, url, on_error
        self.last_fault: str | None = None

    def call(self, callback: Callable | None, *value: Any) -> None:
        """``callback(*value)``; an exception in it is logged and the thread goes on."""
        if callback is None:
            return
        try:
            callback(*value)
        except Exception:
            log.exception("%s callback %r failed", self.device, callback)

    def fault(self, exc) -> None:
        """A fault (an error with ``kind`` and ``message_en``): logged when it is new,
        always handed to ``on_error``."""
        if exc.kind != self.last_fault:
            log.warning("%s %s: %s", self.device, self.url, exc.message_en)
            self.last_fault = exc.kind
        self.call(self.on_error, exc)

    def working(self) -> None:
        """The device answers: log its return once after a fault."""
        if self.last_fault is not None:
            log.info("%s %s works again", self.device, self.url)
            self.last_fault = None
