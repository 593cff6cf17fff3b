"""The kiosk's side of printing: hands slips to the background print queue and brings
each outcome back to the GUI thread as a signal.

The queue (``kiosk.printing.PrintQueue``) resolves a future in its worker thread; a
queued Qt signal carries the result over. Printer faults become ``device_fault`` events
(the manager sees them) once per change of state, not once per ticket, so an unplugged
printer does not flood the log; the next job the printer took (confirmed, or sent to a
printer configured not to answer status) records the recovery. The
database writes for that run on their own thread, so the screen never waits for them.
"""
from __future__ import annotations

import concurrent.futures
import logging
from typing import Protocol

from PySide6.QtCore import QObject, Signal

from kiosk.queue.actions import faults
from kiosk.queue.store.context import HallContext

log = logging.getLogger(__name__)


class SlipQueue(Protocol):
    """What the kiosk needs of a print queue (``kiosk.printing.PrintQueue`` is one)."""

    @property
    def printer_present(self) -> bool: ...

    def submit(self, slip) -> concurrent.futures.Future: ...

    def close(self, wait: bool = True) -> None: ...


class PrinterLink(QObject):
    """Prints slips without blocking; reports every outcome with ``job_finished``."""

    job_finished = Signal(str, object)  # (job token, kiosk.printing.PrintResult)
    fault_recorded = Signal(int)        # the device_fault event id, once written
    _result_arrived = Signal(str, object)  # worker thread -> GUI thread hop

    def __init__(self, queue: SlipQueue, ctx: HallContext,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.queue = queue
        self._ctx = ctx
        self._closed = False
        self._fault_kind: str | None = None  # the fault last recorded, None = working
        self._recorder = concurrent.futures.ThreadPoolExecutor(
            max_workers=1, thread_name_prefix="printer-faults")
        self._result_arrived.connect(self._on_result)

    @property
    def printer_present(self) -> bool:
        return self.queue.printer_present

    def print_slip(self, token: str, slip) -> None:
        """Queue ``slip``; ``job_finished(token, result)`` follows in the GUI thread."""
        try:
            future = self.queue.submit(slip)
        except RuntimeError as exc:  # the queue was shut down
            log.error("print queue refused a job: %s", exc)
            from kiosk.printing import PrintResult

            self._result_arrived.emit(token, PrintResult(
                "failed", fault_kind="internal", message_en=f"print queue closed: {exc}",
                message_zh="打印程序已停止"))
            return
        future.add_done_callback(lambda done: self._deliver(token, done))

    def _deliver(self, token: str, future: concurrent.futures.Future) -> None:
        if self._closed:
            return
        try:
            result = future.result()
        except Exception as exc:  # noqa: BLE001 - the queue promises not to, but be safe
            from kiosk.printing import PrintResult

            log.exception("print job %s raised", token)
            result = PrintResult("failed", fault_kind="internal",
                                 message_en=f"print job raised {exc!r}", message_zh="打印程序出错")
        try:
            self._result_arrived.emit(token, result)
        except RuntimeError:  # the link was deleted while the job ran
            pass

    def _on_result(self, token: str, result) -> None:
        if result.status == "failed" and result.fault_kind != self._fault_kind:
            self._fault_kind = result.fault_kind
            self._record(self._write_fault, result)
        elif result.status in ("printed", "unconfirmed") and self._fault_kind is not None:
            self._fault_kind = None
            self._record(self._write_recovered)
        self.job_finished.emit(token, result)

    def _record(self, write, *args) -> None:
        if not self._closed:
            self._recorder.submit(write, *args)

    def _write_fault(self, result) -> None:
        try:
            event_id = faults.record_device_fault(
                self._ctx, device="printer", kind=result.fault_kind or "error",
                message_en=result.message_en, message_zh=result.message_zh)
        except Exception as exc:  # noqa: BLE001 - a dead database must not stop printing
            log.error("could not record the printer fault (%s): %s", result.message_en, exc)
            self._fault_kind = None  # try again with the next failure
            return
        log.warning("printer fault recorded as event %s: %s", event_id, result.message_en)
        try:
            self.fault_recorded.emit(event_id)
        except RuntimeError:
            pass

    def _write_recovered(self) -> None:
        try:
            faults.record_device_recovered(self._ctx, device="printer")
        except Exception as exc:  # noqa: BLE001
            log.error("could not record the printer recovery: %s", exc)

    def close(self) -> None:
        """Stop: queued slips are dropped, pending fault records are written."""
        self._closed = True
        self.queue.close(wait=False)
        self._recorder.shutdown(wait=True)
