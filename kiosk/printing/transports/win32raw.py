"""A Windows printer queue, sent as a RAW job (printer.kind = win32raw).

For printers installed with the vendor's Windows driver (the usual case for kiosk
PCs): the bytes bypass the driver's rendering and reach the printer unchanged through
the spooler. Needs pywin32 and Windows; both are checked when a job is sent, so the
other platforms never import win32print. An empty printer.win32_name means the
Windows default printer. The spooler accepts a job even when the printer is off, so
faults show up only as jobs waiting in the queue.
``_load_driver`` is the seam tests replace.
"""
from __future__ import annotations

import sys

from kiosk.printing.errors import PrinterConfigError
from kiosk.printing.transports.base import Transport
from kiosk.printing.transports.driver_job import run_driver_job

JOB_NAME = "kiosk-hall slip"


def _load_driver():
    if sys.platform != "win32":
        raise PrinterConfigError("win32raw 打印方式只能在 Windows 上使用",
                                 "printer.kind win32raw works only on Windows")
    from escpos.printer.win32raw import Win32Raw

    if not Win32Raw.is_usable():
        raise PrinterConfigError("本机未安装 pywin32", "win32raw printing needs pywin32: "
                                 "pip install pywin32")
    return Win32Raw


class Win32RawTransport(Transport):
    kind = "win32raw"

    def __init__(self, printer_name: str = "") -> None:
        super().__init__()
        self.printer_name = printer_name

    def describe(self) -> str:
        return f"Windows printer {self.printer_name or '(default)'}"

    def _write(self, data: bytes, timeout: float) -> None:
        driver = _load_driver()
        printer = driver(printer_name=self.printer_name)
        run_driver_job(printer, data, what=self.describe(), open_kwargs={"job_name": JOB_NAME})
