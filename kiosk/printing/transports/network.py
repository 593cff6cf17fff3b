"""A network printer on a raw TCP port (printer.kind = network; usually port 9100).

The socket module directly, not ``escpos.printer.Network``, so the timeout is one
deadline for the whole job: connect, status queries and sending all bytes share it,
and ``sendall`` gives up once it passes.

A printer that accepts the connection and never reads still swallows a whole slip
into the socket buffers, so "all bytes sent" proves nothing. With ``status_query``
(printer.status_query, on by default) each job is bracketed by the real-time status
requests of ``kiosk.printing.status``: before it, each answer must come within
``status_timeout`` (a silent printer is not printing: ``PrinterNoResponse``), after it
within what is left of the deadline, since the printer answers only once it has taken
the whole job in. Only a good final status counts as printed. Printers that cannot
answer are configured with status_query off: the job is then sent and reported
unconfirmed, never as printed.
"""
from __future__ import annotations

import socket
import time
from collections.abc import Callable

from kiosk.printing import status
from kiosk.printing.errors import PrinterOffline, PrinterTimeout
from kiosk.printing.transports.base import Transport


class NetworkTransport(Transport):
    kind = "network"
    bounds_itself = True

    def __init__(self, host: str, port: int = 9100, *, status_query: bool = True,
                 status_timeout: float = 1.0) -> None:
        super().__init__()
        self.host = host
        self.port = port
        self.status_query = status_query
        self.status_timeout = status_timeout

    def describe(self) -> str:
        return f"network printer {self.host}:{self.port}"

    def _write(self, data: bytes, timeout: float) -> bool:
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
        printer = f"printer at {where}"
        try:
            with sock:
                if self.status_query:
                    status.confirm(self._asker(sock, lambda: min(self.status_timeout,
                                                                 remaining())),
                                   printer, "before the job")
                sock.settimeout(remaining())
                sock.sendall(data)
                if not self.status_query:
                    sock.shutdown(socket.SHUT_WR)  # end of job: lets the printer finish
                    return False
                status.confirm(self._asker(sock, remaining), printer, "after the job")
                return True
        except socket.timeout:
            raise PrinterTimeout("打印机无响应（打印超时）",
                                 f"{printer} stopped taking data; gave up after "
                                 f"{timeout:g} s") from None
        except OSError as exc:
            raise PrinterOffline("打印机连接中断",
                                 f"connection to {printer} broke: {exc}") from None

    @staticmethod
    def _asker(sock: socket.socket, budget: Callable[[], float]) -> status.Ask:
        """One status request at a time: its reply byte, or None if none came in time."""

        def ask(request: bytes) -> int | None:
            sock.settimeout(budget())
            sock.sendall(request)
            try:
                sock.settimeout(budget())
                reply = sock.recv(1)
            except socket.timeout:
                return None
            if not reply:
                raise ConnectionResetError("the printer closed the connection")
            return reply[0]

        return ask
