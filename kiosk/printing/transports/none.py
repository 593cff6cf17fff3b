"""No printer: the kiosk shows the ticket on screen only (printer.kind = none)."""
from __future__ import annotations

from kiosk.printing.transports.base import Transport


class NoPrinter(Transport):
    """Accepts every job and drops it; ``is_printer`` tells the kiosk nothing printed."""

    kind = "none"
    is_printer = False

    def describe(self) -> str:
        return "no printer"

    def _write(self, data: bytes, timeout: float) -> None:
        pass

    def send(self, data: bytes, timeout: float) -> bool:
        """Do nothing, at once (no thread); nothing is confirmed."""
        return False
