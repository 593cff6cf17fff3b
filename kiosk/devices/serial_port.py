"""Opening, closing and reading on a device's serial port, and the thread each device
reads it on: what the ID card reader and the serial code scanner have in common."""
from __future__ import annotations

import logging
import threading
from typing import Any

log = logging.getLogger(__name__)


def open_serial(url: str, *, device: str, unavailable: type[Exception],
                **options: Any) -> Any:
    """The port by name (COM3, /dev/ttyUSB0, a pseudo-terminal) or pyserial URL; any
    failure, pyserial missing included, raises ``unavailable`` naming the device."""
    try:
        import serial
    except ImportError:
        raise unavailable("pyserial is not installed: pip install 'kiosk-hall[serial]'") \
            from None
    try:
        return serial.serial_for_url(url, **options)
    except (serial.SerialException, ValueError, OSError) as exc:
        raise unavailable(f"cannot open the {device} at {url}: {exc}") from None


def close_quietly(port: Any, device: str) -> None:
    """Close a port that may already be broken (unplugged): never raises."""
    try:
        port.close()
    except Exception:
        log.debug("closing the %s port failed", device, exc_info=True)


class DeviceThread:
    """One daemon thread per device, ended by ``_stop``; subclasses write ``_run``,
    which must return soon after ``_stop`` is set (wait on it, never sleep)."""

    thread_name = "device"

    def __init__(self) -> None:
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        if self._thread is not None:
            raise RuntimeError(f"the {self.thread_name} thread runs already")
        self._thread = threading.Thread(target=self._run, name=self.thread_name,
                                        daemon=True)
        self._thread.start()

    def _join(self, timeout: float | None) -> bool:
        if self._thread is None:
            return True
        self._thread.join(timeout)
        return not self._thread.is_alive()

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def _run(self) -> None:
        raise NotImplementedError
