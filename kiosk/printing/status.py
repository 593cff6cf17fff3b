"""Reading an ESC/POS printer's real-time status (``DLE EOT n``).

A printer that takes bytes has not necessarily printed them: a network printer's
socket buffers swallow a whole slip even when it never reads. Only its own answer
tells: ``DLE EOT 1`` (online?), ``2`` (offline cause), ``3`` (error cause) and ``4``
(paper roll sensor), each answered with one byte whose bits 1 and 4 are set and bits
0 and 7 clear (Epson ESC/POS reference; python-escpos reads them the same way).
Real-time requests are answered as they are received, so a request sent after a job
is answered only once the printer has taken the whole job in.
"""
from __future__ import annotations

from collections.abc import Callable

from kiosk.printing.errors import (
    CoverOpen, CutterError, PaperOut, PrinterHardwareError, PrinterNoResponse,
    PrinterOffline,
)

#: the four status requests, asked in this order
REQUESTS = {n: b"\x10\x04" + bytes([n]) for n in (1, 2, 3, 4)}

OFFLINE = 0x08            # n=1 bit 3
COVER_OPEN = 0x04         # n=2 bit 2
STOPPED_PAPER_END = 0x20  # n=2 bit 5
CUTTER_ERROR = 0x08       # n=3 bit 3
UNRECOVERABLE = 0x20      # n=3 bit 5
AUTO_RECOVERABLE = 0x40   # n=3 bit 6 (e.g. head too hot; clears by itself)
PAPER_NEAR_END = 0x0C     # n=4 bits 2-3: still prints
PAPER_END = 0x60          # n=4 bits 5-6


def is_status_byte(value: int) -> bool:
    """Fixed bits of every DLE EOT reply: 1 and 4 set, 0 and 7 clear."""
    return value & 0b1001_0011 == 0b0001_0010


#: ask(request) -> the printer's one-byte reply, or None if none came in time
Ask = Callable[[bytes], "int | None"]


def read_status(ask: Ask, where: str, when: str) -> dict[int, int]:
    """Ask all four requests; raise ``PrinterNoResponse`` on silence or garbage."""
    replies: dict[int, int] = {}
    for n, request in REQUESTS.items():
        reply = ask(request)
        if reply is None:
            raise PrinterNoResponse(
                "打印机无响应（未回答状态查询）",
                f"{where} did not answer status request DLE EOT {n} {when}")
        if not is_status_byte(reply):
            raise PrinterNoResponse(
                "打印机状态应答无法识别",
                f"{where} answered DLE EOT {n} {when} with 0x{reply:02x}, not a status byte")
        replies[n] = reply
    return replies


def check_status(replies: dict[int, int], where: str) -> None:
    """Raise the fault the replies describe; return if the printer can print."""
    online, cause, error, paper = (replies[n] for n in (1, 2, 3, 4))
    if paper & PAPER_END == PAPER_END or cause & STOPPED_PAPER_END:
        raise PaperOut("打印机缺纸", f"{where} reports paper out")
    if cause & COVER_OPEN:
        raise CoverOpen("打印机盖未合上", f"{where} reports its cover open")
    if error & CUTTER_ERROR:
        raise CutterError("打印机切刀故障", f"{where} reports an autocutter error")
    if error & UNRECOVERABLE:
        raise PrinterHardwareError("打印机故障（不可恢复错误，需要维修）",
                                   f"{where} reports an unrecoverable error")
    if online & OFFLINE or error & AUTO_RECOVERABLE:
        raise PrinterOffline("打印机离线", f"{where} reports itself offline "
                             f"(status 0x{online:02x} 0x{cause:02x} 0x{error:02x})")


def confirm(ask: Ask, where: str, when: str) -> None:
    """Read the status and raise unless the printer is ready and fault-free."""
    check_status(read_status(ask, where, when), where)
