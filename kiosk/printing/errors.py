"""Typed printer faults.

Each carries a short ``kind`` so the kiosk can record a printer-fault event and pick
what to tell the citizen without parsing messages; the Chinese text is for the screen
and the fault log, the English one for logs and the command line.
"""
from __future__ import annotations

from kiosk.errors import KioskError

#: What the kiosk shows the citizen whenever a slip could not be printed.
CITIZEN_HINT_ZH = "打印失败，请拍照或记下您的号码"
#: ... and when the slip went to a printer that cannot say whether it came out.
UNCONFIRMED_HINT_ZH = "请确认号票已打印，如未出票请拍照记下号码"


class PrinterError(KioskError):
    """Base of every printing fault; nothing was (fully) printed when raised."""

    code = "printer_error"
    #: short fault kind passed to ``on_fault`` callbacks
    kind = "error"


class PrinterOffline(PrinterError):
    """The printer could not be reached: refused, unplugged, missing device, dropped."""

    code = "printer_offline"
    kind = "offline"


class PrinterTimeout(PrinterError):
    """The printer did not take the job within the configured time."""

    code = "printer_timeout"
    kind = "timeout"


class PaperOut(PrinterError):
    """The printer reported that its paper roll is empty."""

    code = "printer_paper_out"
    kind = "paper_out"


class PrinterNoResponse(PrinterError):
    """The printer did not answer a status request: it is not printing, whatever
    the connection took."""

    code = "printer_no_response"
    kind = "no_response"


class CoverOpen(PrinterError):
    """The printer reported its cover open."""

    code = "printer_cover_open"
    kind = "cover_open"


class CutterError(PrinterError):
    """The printer reported an autocutter error."""

    code = "printer_cutter_error"
    kind = "cutter_error"


class PrinterHardwareError(PrinterError):
    """The printer reported an unrecoverable error: it needs service."""

    code = "printer_hardware_error"
    kind = "hardware_error"


class PrinterConfigError(PrinterError):
    """The printer settings or this machine cannot work as configured
    (bad option value, missing driver library, wrong platform)."""

    code = "printer_config"
    kind = "config"


class FontNotFound(PrinterConfigError):
    """Raster mode needs a CJK font and none was found; ``searched`` lists where we looked."""

    code = "printer_font_not_found"

    def __init__(self, searched: list[str]) -> None:
        where = "; ".join(searched) if searched else "(nowhere: no font folders on this system)"
        super().__init__(
            "找不到中文字体，无法打印中文（请安装中文字体或改用 gb18030 打印方式）",
            "no CJK font found for raster printing; install one (e.g. fonts-noto-cjk or "
            "fonts-wqy-zenhei) or use printer.text_mode = gb18030. Searched: " + where,
            searched=list(searched),
        )
        self.searched = list(searched)
