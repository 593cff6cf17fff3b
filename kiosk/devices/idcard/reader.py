"""The reader thread: polls the ID card reader and hands each card, once, to a callback.

A kiosk screen must never wait on a serial port, so the conversation runs on its own
thread (``threading``: the core knows no Qt; the app turns the callbacks into signals).
Every read is bounded by the port's timeout; a silent or faulty reader is reported
through ``on_error`` and retried after ``retry_s`` with the port opened afresh.

A card is read once per placing: after a read (or a failed one: the citizen is asked
to place it again) the thread waits until the reader stops finding a card. Logs name
the step and the reader's status, never a field of the card.
"""
from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any, Protocol

from kiosk.devices.faults import FaultReporter
from kiosk.devices.serial_port import DeviceThread, close_quietly, open_serial
from kiosk.devices.idcard import protocol as p
from kiosk.devices.idcard.errors import (
    CardReadFailed,
    FrameError,
    IdCardError,
    NoCard,
    ReaderFault,
    ReaderUnavailable,
    UnsupportedCard,
)
from kiosk.devices.idcard.text import CardText, decode

log = logging.getLogger(__name__)

DEFAULT_BAUD = 115200
#: reader statuses after which nothing works until someone sees to the reader
_FATAL = {0x60, 0x66}
#: the reader says our frame reached it damaged: line noise, worth another try
_GARBLED = {0x10, 0x11}


class Port(Protocol):
    def read(self, size: int) -> bytes: ...
    def write(self, data: bytes) -> Any: ...
    def reset_input_buffer(self) -> None: ...
    def close(self) -> None: ...


def open_port(url: str, baudrate: int = DEFAULT_BAUD, timeout_s: float = 1.5) -> Port:
    """The port by name (COM3, /dev/ttyUSB0, a pseudo-terminal) or pyserial URL."""
    return open_serial(url, device="ID card reader", unavailable=ReaderUnavailable,
                       baudrate=baudrate, timeout=timeout_s, write_timeout=timeout_s)


class Session:
    """One conversation with a reader over an open port: one command, one answer."""

    def __init__(self, port: Port) -> None:
        self.port = port

    def exchange(self, cmd: tuple[int, int], data: bytes = b"") -> p.Response:
        self.port.reset_input_buffer()  # a late answer to an earlier command is stale
        self.port.write(p.command(cmd, data))
        return p.parse_response(p.read_payload(self.port.read))

    def check_sam(self) -> None:
        """The reader's security module answers and works (before the first card)."""
        answer = self.exchange(p.SAM_STATUS)
        if answer.sw3 != p.OK:
            raise ReaderFault(f"SAM status check: {p.describe(answer.sw3)}", answer.sw3)

    def card_present(self) -> bool:
        answer = self.exchange(p.FIND_CARD)
        if answer.sw3 == p.FOUND:
            return True
        if answer.sw3 == p.NO_CARD:
            return False
        raise _failure("find card", answer.sw3)

    def read_card(self) -> CardText:
        """Select the card found and read its text block."""
        answer = self.exchange(p.SELECT_CARD)
        if answer.sw3 != p.OK:
            raise _failure("select card", answer.sw3)
        answer = self.exchange(p.READ_TEXT)
        if answer.sw3 != p.OK:
            raise _failure("read card", answer.sw3)
        return decode(p.text_block(answer.data))


def _failure(step: str, sw3: int) -> IdCardError:
    message = f"{step}: {p.describe(sw3)}"
    if sw3 in _FATAL:
        return ReaderFault(message, sw3)
    if sw3 in _GARBLED:
        return FrameError(message)
    return CardReadFailed(message, sw3)


class CardReader(DeviceThread):
    """Polls the reader on its own thread; ``on_card``, ``on_error`` and ``on_removed``
    (the card read or tried has left the reader) run there.

    ``start`` and ``stop`` return at once / within about one port timeout, whatever
    the reader does.
    """

    thread_name = "idcard-reader"

    def __init__(self, url: str, on_card: Callable[[CardText], None],
                 on_error: Callable[[IdCardError], None] | None = None, *,
                 baudrate: int = DEFAULT_BAUD, timeout_s: float = 1.5,
                 poll_s: float = 0.3, retry_s: float = 3.0,
                 opener: Callable[..., Port] = open_port,
                 on_removed: Callable[[], None] | None = None) -> None:
        self.url, self.baudrate, self.timeout_s = url, baudrate, timeout_s
        self.poll_s, self.retry_s = poll_s, retry_s
        self.on_card, self.on_error, self.on_removed = on_card, on_error, on_removed
        self._opener = opener
        super().__init__()
        self._faults = FaultReporter("ID card reader", url, on_error)
        #: a card was read (or tried) and has not left the reader since: kept across a
        #: reopened port, so a reader's hiccup does not read the same card twice
        self._placed = False

    def stop(self, timeout: float | None = None) -> bool:
        """Ask the thread to end; True when it has (within ``timeout``)."""
        self._stop.set()
        return self._join(timeout)

    def _run(self) -> None:
        while not self._stop.is_set():
            port = None
            try:
                port = self._opener(self.url, self.baudrate, self.timeout_s)
                session = Session(port)
                session.check_sam()
                self._faults.working()
                self._poll(session)
            except IdCardError as exc:
                self._faults.fault(exc)
                self._stop.wait(self.retry_s)
            except Exception:
                log.exception("ID card reader thread failed; retrying")
                self._stop.wait(self.retry_s)
            finally:
                if port is not None:
                    close_quietly(port, "ID card reader")

    def _poll(self, session: Session) -> None:
        """Find, read once, wait for the card to go; returns only when stopped.
        A silent or faulty reader raises (the caller reopens the port)."""
        while not self._stop.is_set():
            try:
                found = session.card_present()
                if found and not self._placed:
                    self._placed = True
                    card = session.read_card()
                    self._faults.working()
                    log.info("ID card read (%s)", card.kind)
                    self._faults.call(self.on_card, card)
                elif not found and self._placed:
                    self._placed = False
                    self._faults.call(self.on_removed)
            except (CardReadFailed, FrameError, UnsupportedCard) as exc:
                self._faults.fault(exc)  # the citizen places the card again
            self._stop.wait(self.poll_s)






def read_one(url: str, *, baudrate: int = DEFAULT_BAUD, wait_s: float = 15.0,
             timeout_s: float = 1.5, poll_s: float = 0.3,
             opener: Callable[..., Port] = open_port) -> CardText:
    """Read the next card placed within ``wait_s`` through the reader thread (the
    installer's test); raises the first fault, or NoCard."""
    done = threading.Event()
    result: list[CardText | IdCardError] = []

    def finish(value: CardText | IdCardError) -> None:
        if not done.is_set():
            result.append(value)
            done.set()

    reader = CardReader(url, finish, finish, baudrate=baudrate, timeout_s=timeout_s,
                        poll_s=poll_s, opener=opener)
    reader.start()
    try:
        if not done.wait(wait_s):
            raise NoCard(f"no card was placed on the reader at {url} within {wait_s:g} s")
    finally:
        reader.stop(timeout_s * 3 + 1)
    if isinstance(result[0], IdCardError):
        raise result[0]
    return result[0]
