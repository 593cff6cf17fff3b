"""What can go wrong between the kiosk and a serial code scanner, typed by what the
installer has to do about it (the citizen can only be told to ask someone)."""
from __future__ import annotations

from kiosk.errors import KioskError


class ScannerError(KioskError):
    """Base of every scanner fault; ``kind`` is stable for the kiosk's fault log."""

    code = "scanner_error"
    kind = "error"


class ScannerUnavailable(ScannerError):
    """The port cannot be opened (unplugged, wrong name, pyserial missing)."""

    code = "scanner_unavailable"
    kind = "unavailable"

    def __init__(self, message_en: str) -> None:
        super().__init__("扫码器未连接，请联系工作人员", message_en)


class ScannerDisconnected(ScannerError):
    """The open port failed while reading (a USB-serial scanner pulled out)."""

    code = "scanner_disconnected"
    kind = "disconnected"

    def __init__(self, message_en: str) -> None:
        super().__init__("扫码器连接中断，正在重新连接", message_en)


class ScannerConfigError(ScannerError):
    """The scanner.* settings do not describe a scanner this kiosk can use."""

    code = "scanner_config"
    kind = "config"

    def __init__(self, message_zh: str, message_en: str) -> None:
        super().__init__(message_zh, message_en)
