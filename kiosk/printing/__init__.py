"""Ticket and notice-slip printing: layout -> ESC/POS bytes -> a printer transport.

No Qt: the kiosk builds a slip, hands it to a ``PrintQueue`` and learns the outcome
from the returned future (or the ``on_fault`` callback). See ``runner`` for threading.
"""
from kiosk.printing.case_notice import CaseNoticeSlip
from kiosk.printing.errors import (
    CITIZEN_HINT_ZH,
    CoverOpen,
    CutterError,
    FontNotFound,
    PaperOut,
    PrinterConfigError,
    PrinterError,
    PrinterHardwareError,
    PrinterNoResponse,
    PrinterOffline,
    PrinterTimeout,
)
from kiosk.printing.render import PrintFormat, render
from kiosk.printing.runner import PrintQueue, PrintResult
from kiosk.printing.slips import Material, NoticeSlip, TestPage, TicketSlip
from kiosk.printing.transports import Transport, printer_from_settings

__all__ = [
    "CITIZEN_HINT_ZH", "CaseNoticeSlip", "CoverOpen", "CutterError", "FontNotFound", "Material", "NoticeSlip", "PaperOut", "PrintFormat",
    "PrintQueue", "PrintResult", "PrinterConfigError", "PrinterError", "PrinterHardwareError",
    "PrinterNoResponse", "PrinterOffline",
    "PrinterTimeout", "TestPage", "TicketSlip", "Transport", "printer_from_settings", "render",
]
