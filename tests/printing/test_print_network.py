"""The network transport against real TCP sockets on 127.0.0.1."""
import socket
import threading
import time

import pytest

from kiosk.printing.errors import PaperOut, PrinterOffline, PrinterTimeout
from kiosk.printing.render import PrintFormat, render
from kiosk.printing.runner import PrintQueue
from kiosk.printing.transports.network import (
    PAPER_STATUS_REQUEST,
    NetworkTransport,
    paper_is_out,
)
from tests.printing.slip_samples import ticket

WAIT = 10  # generous upper bound for thread joins; never reached when things work


class Sink:
    """A fake port-9100 printer: accepts one connection and reads until the peer closes.
    With ``status_reply`` it first answers a DLE EOT 4 status request."""

    def __init__(self, status_reply: bytes | None = None) -> None:
        self.server = socket.create_server(("127.0.0.1", 0))
        self.port = self.server.getsockname()[1]
        self.received = bytearray()
        self.status_reply = status_reply
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self) -> None:
        conn, _ = self.server.accept()
        with conn:
            conn.settimeout(WAIT)
            if self.status_reply is not None:
                while len(self.received) < len(PAPER_STATUS_REQUEST):
                    self.received += conn.recv(3 - len(self.received))
                conn.sendall(self.status_reply)
            while chunk := conn.recv(65536):
                self.received += chunk

    def result(self) -> bytes:
        self.thread.join(WAIT)
        assert not self.thread.is_alive()
        self.server.close()
        return bytes(self.received)


def test_ticket_bytes_arrive_unchanged():
    data = render(ticket(), PrintFormat(80, "raster"))
    sink = Sink()
    NetworkTransport("127.0.0.1", sink.port).send(data, timeout=5)
    assert sink.result() == data


def test_print_queue_over_tcp():
    fmt = PrintFormat(58, "gb18030")
    sink = Sink()
    with PrintQueue(NetworkTransport("127.0.0.1", sink.port), fmt, 5) as queue:
        result = queue.submit(ticket()).result(timeout=WAIT)
    assert result.printed and result.byte_count == len(render(ticket(), fmt))
    assert sink.result() == render(ticket(), fmt)


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_refused_connection_is_offline_at_once():
    transport = NetworkTransport("127.0.0.1", _closed_port())
    started = time.monotonic()
    with pytest.raises(PrinterOffline) as caught:
        transport.send(b"x", timeout=5)
    assert time.monotonic() - started < 1
    assert "refused" in caught.value.message_en.lower()
    assert caught.value.kind == "offline"


def test_printer_that_stops_reading_times_out_within_the_timeout():
    server = socket.socket()
    server.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 1)  # inherited by accepted sockets
    server.bind(("127.0.0.1", 0))
    server.listen(1)
    accepted = []
    acceptor = threading.Thread(target=lambda: accepted.append(server.accept()), daemon=True)
    acceptor.start()
    timeout = 0.5
    started = time.monotonic()
    with pytest.raises(PrinterTimeout):
        NetworkTransport("127.0.0.1", server.getsockname()[1]).send(b"\0" * (32 << 20), timeout)
    elapsed = time.monotonic() - started
    assert timeout * 0.8 <= elapsed < timeout + 0.4
    acceptor.join(WAIT)
    for conn, _ in accepted:
        conn.close()
    server.close()


def test_printer_that_never_accepts_times_out_within_the_timeout():
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(0)
    address = server.getsockname()
    fillers = []
    for _ in range(3):  # fill the accept backlog; later SYNs go unanswered
        filler = socket.socket()
        filler.setblocking(False)
        filler.connect_ex(address)
        fillers.append(filler)
    timeout = 0.5
    started = time.monotonic()
    with pytest.raises(PrinterTimeout) as caught:
        NetworkTransport(*address).send(b"x", timeout)
    elapsed = time.monotonic() - started
    assert timeout * 0.8 <= elapsed < timeout + 0.4
    assert "connect" in caught.value.message_en
    for filler in fillers:
        filler.close()
    server.close()


def test_paper_out_is_reported_when_the_printer_answers_status():
    sink = Sink(status_reply=bytes([0x72]))  # DLE EOT 4: paper end sensor on
    transport = NetworkTransport("127.0.0.1", sink.port, check_paper=True)
    with pytest.raises(PaperOut):
        transport.send(b"ticket", timeout=5)
    assert sink.result() == PAPER_STATUS_REQUEST


def test_paper_present_prints_after_the_status_request():
    sink = Sink(status_reply=bytes([0x12]))
    NetworkTransport("127.0.0.1", sink.port, check_paper=True).send(b"ticket", timeout=5)
    assert sink.result() == PAPER_STATUS_REQUEST + b"ticket"


def test_silent_printer_is_printed_to_anyway():
    sink = Sink()  # never answers the status request
    transport = NetworkTransport("127.0.0.1", sink.port, check_paper=True, status_timeout=0.05)
    transport.send(b"ticket", timeout=5)
    assert sink.result() == PAPER_STATUS_REQUEST + b"ticket"


def test_status_byte_reading():
    assert paper_is_out(0x12) is False
    assert paper_is_out(0x1E) is False  # near end only
    assert paper_is_out(0x72) is True
    assert paper_is_out(0x00) is None  # not a status byte
