"""A code scanner on a serial or USB-serial port, read on its own thread.

Like the ID card reader (``devices.idcard.reader``): the kiosk never waits on the port;
each code goes to ``on_code`` on this thread (the app turns it into a signal), faults
to ``on_error``. A port that cannot be opened, or fails while open (a USB scanner
pulled out), is reported and opened afresh after a back-off that doubles up to
``max_retry_s``; ``close`` interrupts a read in progress and returns promptly.
Logs name the port and the fault, never a code read (a booking code checks a person in).
"""
from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import Protocol

from kiosk.devices.faults import FaultReporter
from kiosk.devices.serial_port import DeviceThread, close_quietly, open_serial
from kiosk.devices.scanner.errors import (
    ScannerDisconnected,
    ScannerError,
    ScannerUnavailable,
)
from kiosk.devices.scanner.lines import LineSplitter, decode

log = logging.getLogger(__name__)

DEFAULT_BAUD = 9600   # what serial scanners ship with
READ_TIMEOUT_S = 0.5  # bounds a read when the port cannot be interrupted


class Port(Protocol):
    in_waiting: int

    def read(self, size: int) -> bytes: ...
    def close(self) -> None: ...


def open_port(url: str, baudrate: int = DEFAULT_BAUD,
              timeout_s: float = READ_TIMEOUT_S) -> Port:
    """The port by name (COM3, /dev/ttyACM0, a pseudo-terminal) or pyserial URL."""
    return open_serial(url, device="code scanner", unavailable=ScannerUnavailable,
                       baudrate=baudrate, timeout=timeout_s)


class SerialScanner(DeviceThread):
    """Reads codes from ``url`` until closed; ``on_code(text)``, ``on_error(ScannerError)``
    and ``on_connected()`` (the port is open and read, first time or again) run on the
    scanner's thread."""

    thread_name = "code-scanner"

    def __init__(self, url: str, on_code: Callable[[str], None],
                 on_error: Callable[[ScannerError], None] | None = None, *,
                 baudrate: int = DEFAULT_BAUD, suffix: str = "enter",
                 timeout_s: float = READ_TIMEOUT_S, retry_s: float = 1.0,
                 max_retry_s: float = 10.0,
                 on_connected: Callable[[], None] | None = None,
                 opener: Callable[..., Port] = open_port) -> None:
        LineSplitter(suffix)  # an unknown suffix fails here, not on the thread
        self.url, self.baudrate, self.suffix, self.timeout_s = url, baudrate, suffix, timeout_s
        self.retry_s, self.max_retry_s = retry_s, max(max_retry_s, retry_s)
        self.on_code, self.on_error, self.on_connected = on_code, on_error, on_connected
        self._opener = opener
        super().__init__()
        self._port: Port | None = None
        self._port_lock = threading.Lock()
        self._faults = FaultReporter("code scanner", url, on_error)

    def close(self, timeout: float | None = 2.0) -> bool:
        """Stop reading and close the port; True when the thread has ended (within
        ``timeout``). A read in progress is cancelled, not waited out."""
        self._stop.set()
        with self._port_lock:
            port = self._port
        if port is not None:
            _cancel_read(port)
        return self._join(timeout)

    def _run(self) -> None:
        delay = self.retry_s
        while not self._stop.is_set():
            try:
                port = self._opener(self.url, self.baudrate, self.timeout_s)
            except ScannerError as exc:
                self._faults.fault(exc)
                self._pause(delay)
                delay = min(delay * 2, self.max_retry_s)
                continue
            except Exception:
                log.exception("opening the code scanner at %s failed", self.url)
                self._pause(delay)
                delay = min(delay * 2, self.max_retry_s)
                continue
            delay = self.retry_s
            try:
                with self._port_lock:
                    self._port = port
                if self._stop.is_set():  # closed while opening
                    break
                self._faults.working()
                self._faults.call(self.on_connected)
                self._read(port)
            except ScannerError as exc:
                self._faults.fault(exc)
                self._pause(self.retry_s)
            except Exception:
                log.exception("code scanner thread failed; reopening %s", self.url)
                self._pause(self.retry_s)
            finally:
                with self._port_lock:
                    self._port = None
                close_quietly(port, "code scanner")

    def _read(self, port: Port) -> None:
        """Hand over codes until stopped; a failing port raises ScannerDisconnected."""
        lines = LineSplitter(self.suffix)
        while not self._stop.is_set():
            try:
                data = port.read(max(1, port.in_waiting))
            except (OSError, ValueError, TypeError) as exc:
                # pyserial's SerialException is an OSError; a port closed under a read
                # raises TypeError or ValueError on some platforms
                raise ScannerDisconnected(f"code scanner {self.url} failed: {exc}") from None
            if self._stop.is_set():
                return
            now, dropped = time.monotonic(), lines.dropped
            codes = lines.feed(data, now) if data else []
            if not data:
                lines.idle(now)
            if lines.dropped != dropped:
                log.warning("code scanner %s: dropped bytes with no %s suffix (check "
                            "scanner.suffix and scanner.baudrate)", self.url, self.suffix)
            for raw in codes:
                self._faults.call(self.on_code, decode(raw))

    def _pause(self, seconds: float) -> None:
        """Wait before opening the port again; close() ends the wait."""
        self._stop.wait(seconds)




def _cancel_read(port: Port) -> None:
    cancel = getattr(port, "cancel_read", None)
    if cancel is None:
        return  # the read ends within its timeout
    try:
        cancel()
    except Exception:
        log.debug("cancelling the code scanner's read failed", exc_info=True)


