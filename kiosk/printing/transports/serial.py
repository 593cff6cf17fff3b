"""A serial (RS-232 / USB-serial) printer (printer.kind = serial), via python-escpos.

``escpos.printer.Serial`` needs pyserial; it is imported when a job is sent, so a
missing pyserial fails only where serial is configured. pyserial's ``write_timeout``
bounds each write; with the default DSR/DTR flow control a printer that is off or out
of paper holds the line and the write times out. At 9600 baud a raster slip (30-60 KB)
takes longer than any sensible timeout: use gb18030 text mode or a high baud rate.
With ``status_query`` the job is bracketed by the ``DLE EOT`` status requests of
``kiosk.printing.status`` over the same line, as for network printers: only a good
final status counts as printed.
``_load_driver`` is the seam tests replace.
"""
from __future__ import annotations

import time
from collections.abc import Callable

from kiosk.printing import status
from kiosk.printing.errors import PrinterConfigError
from kiosk.printing.transports.base import Transport
from kiosk.printing.transports.driver_job import run_driver_job


def _load_driver():
    from escpos.printer.serial import Serial

    if not Serial.is_usable():
        raise PrinterConfigError("本机未安装串口打印支持（pyserial）",
                                 "serial printing needs pyserial: pip install pyserial")
    return Serial


class SerialTransport(Transport):
    kind = "serial"

    def __init__(self, device: str, baudrate: int = 9600, *, status_query: bool = True,
                 status_timeout: float = 1.0) -> None:
        super().__init__()
        self.device = device
        self.baudrate = baudrate
        self.status_query = status_query
        self.status_timeout = status_timeout

    def describe(self) -> str:
        return f"serial printer {self.device} at {self.baudrate} baud"

    def _write(self, data: bytes, timeout: float) -> bool:
        driver = _load_driver()
        printer = driver(devfile=self.device, baudrate=self.baudrate, timeout=timeout)
        deadline = time.monotonic() + timeout
        what = self.describe()

        def left() -> float:
            return deadline - time.monotonic()

        def before(opened) -> None:
            opened.device.write_timeout = timeout
            if self.status_query:
                status.confirm(_asker(opened.device, lambda: min(self.status_timeout, left())),
                               what, "before the job")

        def after(opened) -> bool:
            if not self.status_query:
                return False
            status.confirm(_asker(opened.device, left), what, "after the job")
            return True

        return run_driver_job(printer, data, what=what, before_write=before, after_write=after)


def _asker(line, budget: Callable[[], float]) -> status.Ask:
    """One request at a time on a pyserial line: its reply byte, or None in time."""

    def ask(request: bytes) -> int | None:
        wait = budget()
        if wait <= 0:
            return None
        line.write(request)
        line.timeout = wait
        reply = line.read(1)
        return reply[0] if reply else None

    return ask
