"""Printer connections, one module each, behind ``base.Transport``."""
from kiosk.printing.transports.base import Transport
from kiosk.printing.transports.factory import printer_from_settings

__all__ = ["Transport", "printer_from_settings"]
