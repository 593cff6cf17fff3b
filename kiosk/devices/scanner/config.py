"""The scanner this PC has, from its scanner.* settings (set like the printer's)."""
from __future__ import annotations

from collections.abc import Callable

from kiosk.devices.scanner.burst import ENTER, BurstDetector
from kiosk.devices.scanner.errors import ScannerConfigError, ScannerError
from kiosk.devices.scanner.serial_reader import SerialScanner
from kiosk.settings import Settings


def keyboard_detector(settings: Settings) -> BurstDetector | None:
    """The burst detector when scanner.kind is keyboard, else None (the kiosk then
    leaves its keys alone)."""
    if settings.get("scanner.kind") != "keyboard":
        return None
    return BurstDetector(max_gap_s=settings.get("scanner.max_gap_ms") / 1000, enter=ENTER)


def serial_scanner(settings: Settings, on_code: Callable[[str], None],
                   on_error: Callable[[ScannerError], None] | None = None,
                   **options) -> SerialScanner | None:
    """The serial scanner, not yet started, when scanner.kind is serial, else None.
    ``options``: SerialScanner's keywords (on_connected, retry_s, ...)."""
    if settings.get("scanner.kind") != "serial":
        return None
    device = settings.get("scanner.serial_device").strip()
    if not device:
        raise ScannerConfigError("扫码器为串口类型，但未设置串口",
                                 "scanner.kind is serial but scanner.serial_device is empty")
    return SerialScanner(device, on_code, on_error, baudrate=settings.get("scanner.baudrate"),
                         suffix=settings.get("scanner.suffix"), **options)
