"""A serial (RS-232 / USB-serial) printer (printer.kind = serial), via python-escpos.

``escpos.printer.Serial`` needs pyserial; it is imported when a job is sent, so a
missing pyserial fails only where serial is configured. pyserial's ``write_timeout``
bounds each write; with the default DSR/DTR flow control a printer that is off or out
of paper holds the line and the write times out. At 9600 baud a raster slip (30-60 KB)
takes longer than any sensible timeout: use gb18030 text mode or a high baud rate.
``_load_driver`` is the seam tests replace.
"""
from __future__ import annotations

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

    def __init__(self, device: str, baudrate: int = 9600) -> None:
        super().__init__()
        self.device = device
        self.baudrate = baudrate

    def describe(self) -> str:
        return f"serial printer {self.device} at {self.baudrate} baud"

    def _write(self, data: bytes, timeout: float) -> None:
        driver = _load_driver()
        printer = driver(devfile=self.device, baudrate=self.baudrate, timeout=timeout)

        def bound_writes(opened) -> None:
            opened.device.write_timeout = timeout

        run_driver_job(printer, data, what=self.describe(), before_write=bound_writes)
