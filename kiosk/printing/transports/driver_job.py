"""One print job through a python-escpos device class (Usb, Serial, Win32Raw).

Shared by the driver-backed transports so each maps the library's failures the same
way: cannot open -> PrinterOffline, write timed out -> PrinterTimeout, any other
write failure -> PrinterOffline; the device is always closed again, so the next job
reopens it (a replugged printer just works).
"""
from __future__ import annotations

from collections.abc import Callable

from kiosk.printing.errors import PrinterError, PrinterOffline, PrinterTimeout


def looks_like_timeout(exc: BaseException) -> bool:
    """pyusb's USBTimeoutError, pyserial's SerialTimeoutException, TimeoutError."""
    return isinstance(exc, TimeoutError) or "Timeout" in type(exc).__name__


def run_driver_job(printer, data: bytes, *, what: str, open_kwargs: dict | None = None,
                   before_write: Callable[[object], None] | None = None,
                   after_write: Callable[[object], bool] | None = None) -> bool:
    """Returns what ``after_write`` says (True: the printer confirmed the job), else
    False: the bytes were handed over, nothing more is known."""
    from escpos.exceptions import DeviceNotFoundError

    try:
        try:
            printer.open(**(open_kwargs or {}))
        except DeviceNotFoundError as exc:
            raise PrinterOffline("打印机未连接", f"{what} not found: {exc}") from None
        if before_write is not None:
            before_write(printer)
        printer._raw(data)
        return after_write(printer) if after_write is not None else False
    except PrinterError:
        raise
    except Exception as exc:
        if looks_like_timeout(exc):
            raise PrinterTimeout("打印机无响应（打印超时）",
                                 f"{what} did not take the job: {exc}") from None
        raise PrinterOffline("打印机连接出错", f"{what} write failed: {exc}") from None
    finally:
        printer.close()
