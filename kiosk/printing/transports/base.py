"""The one interface every printer connection offers: ``send(data, timeout)``.

``send`` returns True only when the printer itself confirmed the job (its status,
read after the job, was good); False means the bytes were handed over and nothing
more is known (a file or spooler cannot answer, or status queries are switched off).

A kiosk must never freeze because a printer hangs: a USB write or a device-file open
can block for ever on a printer that is off or jammed. So ``send`` runs the transport's
blocking ``_write`` on a short-lived daemon thread and gives up after ``timeout``
seconds with ``PrinterTimeout``. The stuck thread cannot be killed; until it returns
the transport counts as faulted and further sends fail at once with
``PrinterOffline`` instead of piling up more stuck threads. Transports whose own I/O
already honours the deadline (``bounds_itself``, e.g. TCP with socket timeouts) get a
little grace so their more precise error wins.

One job at a time: the print queue's single worker serializes sends.
"""
from __future__ import annotations

import abc
import threading
from typing import ClassVar

from kiosk.printing.errors import PrinterError, PrinterOffline, PrinterTimeout

#: extra seconds allowed to a transport that enforces the timeout itself
SELF_BOUNDED_GRACE = 0.5


class Transport(abc.ABC):
    """Sends finished ESC/POS bytes to one printer."""

    kind: ClassVar[str] = "?"
    #: False only for "no printer": the kiosk shows the ticket on screen instead
    is_printer: ClassVar[bool] = True
    #: True if ``_write`` itself returns within the timeout (socket timeouts)
    bounds_itself: ClassVar[bool] = False

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._stuck: threading.Thread | None = None

    @abc.abstractmethod
    def describe(self) -> str:
        """Where the bytes go, in English, for logs and ``print-test``."""

    @abc.abstractmethod
    def _write(self, data: bytes, timeout: float) -> bool | None:
        """Deliver ``data``; may block; raise a ``PrinterError`` on failure; return
        True if the printer's status confirmed the job."""

    def send(self, data: bytes, timeout: float) -> bool:
        """Deliver one print job, returning or raising within about ``timeout`` seconds.

        Returns whether the printer confirmed it (see the module docstring). Raises a
        ``PrinterError`` (offline, timeout, no response, paper out, cover open, ...);
        never blocks longer than the deadline.
        """
        with self._lock:
            if self._stuck is not None and self._stuck.is_alive():
                raise PrinterOffline(
                    "打印机无响应（上一张仍未打印完成）",
                    f"{self.describe()} is still stuck on an earlier job",
                )
            self._stuck = None
        outcome: list[BaseException] = []
        confirmed: list[bool] = []

        def run() -> None:
            try:
                confirmed.append(bool(self._write(data, timeout)))
            except BaseException as exc:  # handed to the caller's thread below
                outcome.append(exc)

        worker = threading.Thread(target=run, name=f"printer-{self.kind}", daemon=True)
        worker.start()
        worker.join(timeout + (SELF_BOUNDED_GRACE if self.bounds_itself else 0.0))
        if worker.is_alive():
            with self._lock:
                self._stuck = worker
            raise PrinterTimeout(
                "打印机无响应（打印超时）",
                f"{self.describe()} did not take the job within {timeout:g} s",
            )
        if outcome:
            error = outcome[0]
            if isinstance(error, PrinterError):
                raise error
            if isinstance(error, OSError):
                raise PrinterOffline(
                    "打印机连接出错", f"{self.describe()}: {error}") from error
            raise error
        return confirmed[0]

    def wait_idle(self, timeout: float | None = None) -> bool:
        """Wait for a stuck earlier job to give up; True if the transport is free."""
        with self._lock:
            stuck = self._stuck
        if stuck is not None:
            stuck.join(timeout)
            return not stuck.is_alive()
        return True

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.describe()}>"
