"""What can go wrong between the kiosk and its ID card reader, typed by what the
citizen or the installer has to do about it (place the card again, call someone)."""
from __future__ import annotations

from kiosk.errors import KioskError

PLACE_AGAIN_ZH = "读卡失败，请将身份证重新放在读卡区并保持不动"


class IdCardError(KioskError):
    """Base of every reader fault; ``kind`` is stable for the kiosk's fault log."""

    code = "idcard_error"
    kind = "error"


class ReaderUnavailable(IdCardError):
    """The port cannot be opened (unplugged, wrong name, pyserial missing)."""

    code = "idcard_reader_unavailable"
    kind = "unavailable"

    def __init__(self, message_en: str) -> None:
        super().__init__("身份证阅读器未连接，请联系工作人员", message_en)


class ReaderTimeout(IdCardError):
    """The reader did not answer in time: switched off, wrong baud rate, hung."""

    code = "idcard_reader_timeout"
    kind = "timeout"

    def __init__(self, message_en: str) -> None:
        super().__init__("身份证阅读器无响应，请联系工作人员", message_en)


class FrameError(IdCardError):
    """Bytes that are no valid frame (bad checksum or length, a frame cut short)."""

    code = "idcard_frame_error"
    kind = "frame"

    def __init__(self, message_en: str) -> None:
        super().__init__(PLACE_AGAIN_ZH, message_en)


class CardReadFailed(IdCardError):
    """The card was found but could not be read (moved away, authentication failed)."""

    code = "idcard_read_failed"
    kind = "read_failed"

    def __init__(self, message_en: str, sw3: int | None = None) -> None:
        super().__init__(PLACE_AGAIN_ZH, message_en, sw3=sw3)


class ReaderFault(IdCardError):
    """The reader's SAM module refuses to work (self-test failed, not authorised)."""

    code = "idcard_reader_fault"
    kind = "fault"

    def __init__(self, message_en: str, sw3: int | None = None) -> None:
        super().__init__("身份证阅读器故障，请联系工作人员", message_en, sw3=sw3)


class UnsupportedCard(IdCardError):
    """A card whose text block this kiosk does not know how to read."""

    code = "idcard_unsupported"
    kind = "unsupported"

    def __init__(self, message_en: str) -> None:
        super().__init__("暂不支持此类证件，请使用居民身份证或联系工作人员", message_en)


class NoCard(IdCardError):
    """No card was placed before the caller's deadline (the command line's test)."""

    code = "idcard_no_card"
    kind = "no_card"

    def __init__(self, message_en: str) -> None:
        super().__init__("未检测到身份证，请将身份证放在读卡区", message_en)
