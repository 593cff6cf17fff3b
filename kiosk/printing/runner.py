"""Printing in the background, so the kiosk screen never waits for the printer.

One worker thread renders and sends jobs in order (a printer takes one slip at a
time). ``submit`` returns a ``Future`` at once; the future always resolves to a
``PrintResult`` within about the configured timeout, since transports bound every send
(see ``transports.base``). Faults are also reported through ``on_fault`` so the kiosk
can record a printer-fault event and tell the citizen to note the number. A fault
does not stop the queue: the next job is tried afresh.

No Qt here: ``on_fault`` and future callbacks run in the worker thread, so a Qt
caller must hand them to the GUI thread (a queued signal) before touching widgets.
"""
from __future__ import annotations

import concurrent.futures
import dataclasses
import logging
import threading
from collections.abc import Callable

from kiosk.printing.errors import CITIZEN_HINT_ZH, UNCONFIRMED_HINT_ZH, PrinterError
from kiosk.printing.render import PrintFormat, render
from kiosk.printing.slips import Slip
from kiosk.printing.transports.base import Transport
from kiosk.printing.transports.factory import printer_from_settings

log = logging.getLogger(__name__)

#: on_fault(kind, message_en, message_zh); kind is a PrinterError.kind or "internal"
FaultCallback = Callable[[str, str, str], None]

PRINTED, UNCONFIRMED, NO_PRINTER, FAILED = "printed", "unconfirmed", "no_printer", "failed"


@dataclasses.dataclass(frozen=True)
class PrintResult:
    """How one job ended. ``printed`` only when the printer confirmed it; otherwise
    show the number on screen and ``citizen_hint_zh`` (sent unconfirmed, no printer,
    or a fault described by the messages)."""

    status: str  # PRINTED, UNCONFIRMED, NO_PRINTER or FAILED
    byte_count: int = 0
    fault_kind: str | None = None
    message_en: str = ""
    message_zh: str = ""

    @property
    def printed(self) -> bool:
        return self.status == PRINTED

    @property
    def citizen_hint_zh(self) -> str | None:
        if self.printed:
            return None
        return UNCONFIRMED_HINT_ZH if self.status == UNCONFIRMED else CITIZEN_HINT_ZH


class PrintQueue:
    """Renders and sends slips on one background thread."""

    def __init__(self, transport: Transport, fmt: PrintFormat, timeout_s: float, *,
                 on_fault: FaultCallback | None = None) -> None:
        self.transport = transport
        self.format = fmt
        self.timeout_s = timeout_s
        self._on_fault = on_fault
        self._lock = threading.Lock()
        self._last_fault: PrintResult | None = None
        self._executor = concurrent.futures.ThreadPoolExecutor(
            max_workers=1, thread_name_prefix="print-queue")

    @classmethod
    def from_settings(cls, settings, *, on_fault: FaultCallback | None = None,
                      font_path: str | None = None) -> PrintQueue:
        return cls(printer_from_settings(settings), PrintFormat.from_settings(settings, font_path),
                   settings.get("printer.timeout_s"), on_fault=on_fault)

    @property
    def printer_present(self) -> bool:
        """False when the kiosk has no printer configured (show tickets on screen)."""
        return self.transport.is_printer

    @property
    def last_fault(self) -> PrintResult | None:
        """The most recent failure, cleared by the next successful print."""
        with self._lock:
            return self._last_fault

    def submit(self, slip: Slip) -> concurrent.futures.Future[PrintResult]:
        """Queue ``slip``; never blocks. The future never raises for printer faults."""
        return self._executor.submit(self._run, slip)

    def close(self, wait: bool = True) -> None:
        """Stop taking jobs; with ``wait``, finish the queued ones first."""
        self._executor.shutdown(wait=wait, cancel_futures=not wait)

    def __enter__(self) -> PrintQueue:
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()

    def _run(self, slip: Slip) -> PrintResult:
        if not self.transport.is_printer:
            return PrintResult(NO_PRINTER, message_en="no printer configured",
                               message_zh="本机未配置打印机")
        try:
            data = render(slip, self.format)
            confirmed = self.transport.send(data, self.timeout_s)
        except PrinterError as exc:
            return self._fault(exc.kind, exc.message_en, exc.message_zh)
        except Exception as exc:  # a bug must not kill the queue nor go unseen
            log.exception("printing %s failed", type(slip).__name__)
            return self._fault("internal", f"printing failed: {exc!r}", "打印程序出错")
        with self._lock:
            self._last_fault = None
        if not confirmed:
            return PrintResult(UNCONFIRMED, byte_count=len(data),
                               message_en=f"sent to {self.transport.describe()}, which "
                                          "cannot confirm printing")
        return PrintResult(PRINTED, byte_count=len(data))

    def _fault(self, kind: str, message_en: str, message_zh: str) -> PrintResult:
        result = PrintResult(FAILED, fault_kind=kind, message_en=message_en,
                             message_zh=message_zh)
        with self._lock:
            self._last_fault = result
        log.warning("printer fault (%s): %s", kind, message_en)
        if self._on_fault is not None:
            try:
                self._on_fault(kind, message_en, message_zh)
            except Exception:
                log.exception("on_fault callback failed")
        return result
