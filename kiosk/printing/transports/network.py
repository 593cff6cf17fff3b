"""A network printer on a raw TCP port (printer.kind = network; usually port 9100).

The socket module directly, not ``escpos.printer.Network``, so the timeout is one
deadline for the whole job: connect, (optional) status query and sending all bytes
share it, and ``sendall`` gives up once it passes (Python >= 3.5 bounds the total
``sendall`` time by the socket timeout). A printer that accepts but stops reading is
caught when its buffers fill; a short slip that fits in them is indistinguishable at
the TCP level from one that printed, which is as far as raw port 9100 can tell.

Paper-out is detectable only by asking: with ``check_paper`` the transport first sends
the real-time status request ``DLE EOT 4`` and reads one status byte (a silent printer
is taken as fine). It is off by default because some printers never answer, which
would add ``status_timeout`` to every slip.
"""
from __future__ import annotations

import socket
import time

from kiosk.printing.errors import PaperOut, PrinterOffline, PrinterTimeout
from kiosk.printing.transports.base import Transport

PAPER_STATUS_REQUEST = b"\x10\x04\x04"  # DLE EOT 4: roll paper sensor status


def paper_is_out(status: int) -> bool | None:
    """Read a ``DLE EOT 4`` reply: True if the roll is empty, None if not a status byte."""
    if status & 0b1001_0011 != 0b0001_0010:  # fixed bits: 1 and 4 set, 0 and 7 clear
        return None
    return status & 0b0110_0000 == 0b0110_0000


class NetworkTransport(Transport):
    kind = "network"
    bounds_itself = True

    def __init__(self, host: str, port: int = 9100, *, check_paper: bool = False,
                 status_timeout: float = 0.5) -> None:
        super().__init__()
        self.host = host
        self.port = port
        self.check_paper = check_paper
        self.status_timeout = status_timeout

    def describe(self) -> str:
        return f"network printer {self.host}:{self.port}"

    def _write(self, data: bytes, timeout: float) -> None:
        deadline = time.monotonic() + timeout

        def remaining() -> float:
            left = deadline - time.monotonic()
            if left <= 0:
                raise socket.timeout("deadline passed")
            return left

        where = f"{self.host}:{self.port}"
        try:
            sock = socket.create_connection((self.host, self.port), timeout=remaining())
        except socket.timeout:
            raise PrinterTimeout("打印机无响应（连接超时）",
                                 f"connecting to {where} timed out after {timeout:g} s") from None
        except OSError as exc:
            raise PrinterOffline("打印机未连接或未开机",
                                 f"cannot connect to printer at {where}: {exc}") from None
        try:
            with sock:
                if self.check_paper:
                    self._check_paper(sock, remaining)
                sock.settimeout(remaining())
                sock.sendall(data)
                sock.shutdown(socket.SHUT_WR)  # end of job: lets the printer finish
        except socket.timeout:
            raise PrinterTimeout("打印机无响应（打印超时）",
                                 f"printer at {where} stopped taking data; gave up after "
                                 f"{timeout:g} s") from None
        except OSError as exc:
            raise PrinterOffline("打印机连接中断",
                                 f"connection to printer at {where} broke: {exc}") from None

    def _check_paper(self, sock: socket.socket, remaining) -> None:
        sock.settimeout(remaining())
        sock.sendall(PAPER_STATUS_REQUEST)
        sock.settimeout(min(self.status_timeout, remaining()))
        try:
            reply = sock.recv(1)
        except socket.timeout:
            return  # printer does not answer status requests: print anyway
        if reply and paper_is_out(reply[0]):
            raise PaperOut("打印机缺纸", f"printer at {self.host}:{self.port} is out of paper")
