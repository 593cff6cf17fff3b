"""The ID card reader and a serial code scanner, as Qt signals in the GUI thread.

The devices (``kiosk.devices``) poll their ports on threads of their own and call back
there; each callback only emits a signal, which Qt queues to the GUI thread. Nothing
here touches the database or waits on a port, so a reader that stops answering never
freezes the kiosk: its faults arrive as signals and the kiosk carries on.
"""
from __future__ import annotations

import logging

from PySide6.QtCore import QObject, QTimer, Signal

from kiosk.devices.idcard.errors import IdCardError
from kiosk.devices.idcard.reader import CardReader
from kiosk.errors import KioskError
from kiosk.queue.rules.personal import CardReading
from kiosk.settings import Settings

log = logging.getLogger(__name__)

#: faults of the reader itself (someone must see to it), not of the card placed
READER_DOWN = frozenset({"unavailable", "timeout", "fault"})


def _emit(signal, *values) -> None:
    try:
        signal.emit(*values)
    except RuntimeError:  # the kiosk was closed while the device thread still ran
        pass


class CardBridge(QObject):
    """Runs a ``CardReader`` and turns its callbacks into signals."""

    card_read = Signal(object)        # a card was placed and read (a CardReading)
    card_removed = Signal()           # the card read (or tried) left the reader
    card_failed = Signal(object)      # the card placed could not be read (IdCardError)
    reader_down = Signal(object)      # the reader does not answer or fails (IdCardError)
    reader_back = Signal()            # no reader fault for a while after one
    _down = Signal(object)            # reader thread -> GUI thread (restarts the timer)

    def __init__(self, url: str, *, baudrate: int = 115200,
                 parent: QObject | None = None, **options) -> None:
        super().__init__(parent)
        self.problem: IdCardError | None = None
        self.reader = CardReader(url, self._card, self._error, baudrate=baudrate,
                                 on_removed=lambda: _emit(self.card_removed), **options)
        # a reader that is down reports again at every retry: when reports stop, it is up
        quiet_s = self.reader.retry_s + 2 * self.reader.timeout_s + 1
        self._quiet = QTimer(self)
        self._quiet.setSingleShot(True)
        self._quiet.setInterval(round(quiet_s * 1000))
        self._quiet.timeout.connect(self._recovered)
        self._down.connect(self._reader_down)

    def start(self) -> None:
        self.reader.start()

    def stop(self) -> None:
        """Returns at once; the thread ends within about one port timeout."""
        self._quiet.stop()
        self.reader.stop(timeout=0)

    # --- on the reader's thread ------------------------------------------------------

    def _card(self, card) -> None:
        _emit(self.card_read, CardReading.of(card))  # the card's other fields stay here

    def _error(self, error: IdCardError) -> None:
        _emit(self._down if error.kind in READER_DOWN else self.card_failed, error)

    # --- in the GUI thread -----------------------------------------------------------

    def _reader_down(self, error: IdCardError) -> None:
        self._quiet.start()
        if self.problem is None or self.problem.kind != error.kind:
            self.problem = error
            self.reader_down.emit(error)

    def _recovered(self) -> None:
        if self.problem is not None:
            self.problem = None
            log.info("ID card reader answers again")
            self.reader_back.emit()


class SerialScanBridge(QObject):
    """Runs a serial ``SerialScanner``; each code arrives as ``code_scanned``."""

    code_scanned = Signal(str)        # a code the scanner sent
    scanner_failed = Signal(object)   # the scanner cannot be opened or was pulled out

    def __init__(self, scanner_factory, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.scanner = scanner_factory(lambda code: _emit(self.code_scanned, code),
                                       lambda error: _emit(self.scanner_failed, error))

    def start(self) -> None:
        self.scanner.start()

    def stop(self) -> None:
        """Returns at once; a read in progress is cancelled."""
        self.scanner.close(timeout=0)


def card_bridge(settings: Settings, parent: QObject | None = None,
                **options) -> CardBridge | None:
    """The reader this PC's idcard.* settings describe, not yet started; None when it
    has none or the settings name no port (logged: the kiosk works without it)."""
    if settings.get("idcard.kind") != "serial":
        return None
    device = settings.get("idcard.serial_device").strip()
    if not device:
        log.error("idcard.kind is serial but idcard.serial_device is empty: "
                  "no ID card reader")
        return None
    return CardBridge(device, baudrate=settings.get("idcard.baudrate"), parent=parent,
                      **options)


def scan_bridge(settings: Settings, parent: QObject | None = None,
                **options) -> SerialScanBridge | None:
    """The serial scanner of scanner.kind = serial, not yet started, else None."""
    from kiosk.devices.scanner.config import serial_scanner

    if settings.get("scanner.kind") != "serial":
        return None
    try:
        return SerialScanBridge(
            lambda on_code, on_error: serial_scanner(settings, on_code, on_error, **options),
            parent)
    except KioskError as exc:
        log.error("no serial scanner: %s", exc.message_en)
        return None
