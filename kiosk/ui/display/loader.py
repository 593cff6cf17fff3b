"""Reads the display state off the GUI thread, one read at a time, on request.

The display asks for a reload after each relevant feed event; requests that come while a
read runs are merged into one more read, so a burst of events costs two reads, not fifty,
and a slow or unreachable database never freezes the screen.
"""
from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from PySide6.QtCore import QThread, Signal

log = logging.getLogger(__name__)


class StateLoader(QThread):
    """``request()`` from any thread; results arrive as signals in the GUI thread."""

    #: a fresh DisplayState was read
    state_loaded = Signal(object)
    #: a read failed (English reason); the screen keeps its last state
    load_failed = Signal(str)

    def __init__(self, read: Callable[[], object]) -> None:
        super().__init__()
        self._read = read
        self._wake = threading.Condition()
        self._wanted = False
        self._stopping = False

    def request(self) -> None:
        with self._wake:
            self._wanted = True
            self._wake.notify()

    @property
    def pending(self) -> bool:
        """A read was asked for and has not started yet."""
        with self._wake:
            return self._wanted

    def stop(self) -> None:
        with self._wake:
            self._stopping = True
            self._wake.notify()
        self.wait(10_000)

    def run(self) -> None:
        while True:
            with self._wake:
                self._wake.wait_for(lambda: self._wanted or self._stopping)
                if self._stopping:
                    return
                self._wanted = False
            try:
                state = self._read()
            except Exception as exc:  # noqa: BLE001 - any database trouble: keep going
                log.warning("display state could not be read: %s", exc)
                self.load_failed.emit(f"{type(exc).__name__}: {exc}")
                continue
            self.state_loaded.emit(state)
