"""A USB printer by vendor and product id (printer.kind = usb), via python-escpos.

``escpos.printer.Usb`` needs pyusb and a libusb backend, which most kiosks (network or
Windows-spooler printers) never install; it is imported when a job is sent, so a
missing pyusb fails only on a machine configured for USB, with a clear message.
``_load_driver`` is the seam tests replace.
"""
from __future__ import annotations

from kiosk.printing.errors import PrinterConfigError
from kiosk.printing.transports.base import Transport
from kiosk.printing.transports.driver_job import run_driver_job


def _load_driver():
    from escpos.printer.usb import Usb

    if not Usb.is_usable():
        raise PrinterConfigError(
            "本机未安装 USB 打印支持（pyusb）",
            "USB printing needs pyusb and libusb: pip install pyusb, and on Windows a "
            "WinUSB/libusb driver for the printer (e.g. via Zadig)",
        )
    return Usb


class UsbTransport(Transport):
    kind = "usb"

    def __init__(self, vendor_id: int, product_id: int) -> None:
        super().__init__()
        self.vendor_id = vendor_id
        self.product_id = product_id

    def describe(self) -> str:
        return f"USB printer {self.vendor_id:04x}:{self.product_id:04x}"

    def _write(self, data: bytes, timeout: float) -> None:
        driver = _load_driver()
        printer = driver(self.vendor_id, self.product_id, timeout=max(1, int(timeout * 1000)))
        run_driver_job(printer, data, what=self.describe())
