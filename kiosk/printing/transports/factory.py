"""Build the configured transport from the machine's printer.* settings."""
from __future__ import annotations

from kiosk.printing.errors import PrinterConfigError
from kiosk.printing.transports.base import Transport
from kiosk.printing.transports.file import FileTransport
from kiosk.printing.transports.network import NetworkTransport
from kiosk.printing.transports.none import NoPrinter
from kiosk.printing.transports.serial import SerialTransport
from kiosk.printing.transports.usb import UsbTransport
from kiosk.printing.transports.win32raw import Win32RawTransport


def parse_usb_id(name: str, raw: str) -> int:
    """USB ids are written in hex, with or without 0x: "0x0416", "0416"."""
    try:
        value = int(str(raw).strip(), 16)
    except ValueError:
        value = -1
    if not 0 <= value <= 0xFFFF:
        raise PrinterConfigError(f"USB 编号无效：{raw}",
                                 f"{name} must be a hex number up to 0xFFFF, not {raw!r}")
    return value


def printer_from_settings(settings) -> Transport:
    """The transport printer.kind names. Builds objects only: nothing is opened or
    imported for a kind that is not chosen, so a kiosk without pyusb starts fine."""
    kind = settings.get("printer.kind")
    if kind == "none":
        return NoPrinter()
    if kind == "network":
        return NetworkTransport(settings.get("printer.host"), settings.get("printer.port"),
                                status_query=settings.get("printer.status_query"))
    if kind == "usb":
        return UsbTransport(parse_usb_id("printer.usb_vendor", settings.get("printer.usb_vendor")),
                            parse_usb_id("printer.usb_product",
                                         settings.get("printer.usb_product")))
    if kind == "serial":
        return SerialTransport(settings.get("printer.serial_device"),
                               settings.get("printer.baudrate"),
                               status_query=settings.get("printer.status_query"))
    if kind == "file":
        return FileTransport(settings.get("printer.path"))
    if kind == "win32raw":
        return Win32RawTransport(settings.get("printer.win32_name"))
    raise PrinterConfigError(f"未知的打印机类型：{kind}", f"unknown printer.kind {kind!r}")
