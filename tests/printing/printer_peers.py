"""Fake port-9100 printers on 127.0.0.1: real TCP peers, each a small thread.

``PrinterPeer`` accepts any number of connections (one job each) and behaves as told:
never read; read and answer every ``DLE EOT n`` it finds with ``status[n]`` (and
``then[n]`` once the first four were answered: a printer that runs out of paper during
a job), at most ``answers`` of them; answer only once ``gate`` is set, or ``delay``
seconds late (a slow printer); reset the connection after ``reset_after`` bytes. Status bytes are Epson's: 0x12 is
"all fine" for every n.
"""
from __future__ import annotations

import socket
import struct
import threading

GOOD = {1: 0x12, 2: 0x12, 3: 0x12, 4: 0x12}
PAPER_OUT = GOOD | {1: 0x1A, 2: 0x32, 4: 0x72}  # offline, stopped at paper end, sensor
COVER_OPEN = GOOD | {1: 0x1A, 2: 0x16}
CUTTER_ERROR = GOOD | {1: 0x1A, 2: 0x52, 3: 0x1A}
WAIT = 10  # bound on every blocking call, never reached when things work


class PrinterPeer:
    def __init__(self, *, reads: bool = True, status: dict[int, int] | None = None,
                 then: dict[int, int] | None = None, delay: float = 0.0,
                 gated: bool = False, reset_after: int | None = None,
                 answers: int | None = None,
                 rcvbuf: int | None = None) -> None:
        self.server = socket.socket()
        if rcvbuf is not None:  # inherited by accepted sockets
            self.server.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, rcvbuf)
        self.server.bind(("127.0.0.1", 0))
        self.server.listen(8)
        self.port = self.server.getsockname()[1]
        self.reads, self.status, self.then = reads, status, then
        self.delay, self.reset_after, self.answers = delay, reset_after, answers
        self.gate = threading.Event()
        if not gated:
            self.gate.set()
        self.asked = threading.Event()      # a status request arrived
        self.received = bytearray()         # every byte of every connection
        self.requests: list[int] = []       # the n of every DLE EOT answered or pending
        self._stop = threading.Event()
        self._conns: list[socket.socket] = []
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()

    def _accept(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self.server.accept()
            except OSError:
                return
            self._conns.append(conn)
            if self.reads:
                threading.Thread(target=self._serve, args=(conn,), daemon=True).start()

    def _serve(self, conn: socket.socket) -> None:
        buffer = bytearray()
        scanned = 0
        conn.settimeout(WAIT)
        try:
            while chunk := conn.recv(65536):
                if self.reset_after is not None:
                    chunk = chunk[:self.reset_after - len(buffer)]
                buffer += chunk
                self.received += chunk
                scanned = self._answer(conn, buffer, scanned)
                if self.reset_after is not None and len(buffer) >= self.reset_after:
                    conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER,
                                    struct.pack("ii", 1, 0))  # close = RST
                    break
        except OSError:
            pass
        finally:
            conn.close()

    def _answer(self, conn: socket.socket, buffer: bytearray, scanned: int) -> int:
        while (found := buffer.find(b"\x10\x04", scanned)) >= 0:
            if found + 2 >= len(buffer):
                return found  # the request's last byte is still on its way
            n = buffer[found + 2]
            scanned = found + 3
            if self.status is None or n not in self.status:
                continue
            if self.answers is not None and len(self.requests) >= self.answers:
                continue
            self.requests.append(n)
            self.asked.set()
            if not self.gate.wait(WAIT) or self._stop.is_set():
                return scanned
            if self.delay:
                self._stop.wait(self.delay)  # a slow printer, not a test sleeping
            table = self.then if self.then and len(self.requests) > 4 else self.status
            conn.sendall(bytes([table[n]]))
        return max(scanned, len(buffer) - 1)  # a trailing DLE may start a request

    def close(self) -> None:
        self._stop.set()
        self.gate.set()
        self.server.close()
        for conn in self._conns:
            conn.close()

    def __enter__(self) -> PrinterPeer:
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()


def closed_port() -> int:
    """A port on 127.0.0.1 that refuses connections (bound, then released)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]
