"""Runs hall actions and screen reads off the GUI thread: actions one at a time on one
worker, reads on another (a keypress never waits behind a screen refresh, and a dead
LAN link never freezes a screen). The window client and the kiosk both use it.

Each action gets a request id. When the database stops answering in the middle of an
action, nobody knows whether it committed; the runner keeps that action and retries it
later with the SAME request id, so the core replays the committed one instead of
applying it twice (a clerk never calls two tickets for one keypress). A refused action
(a KioskError) is final and reported at once. A read that may have started before the
latest action committed is read again rather than shown, so a refresh never puts the
screen back to the state before the clerk's own action.

An action the core cannot replay (it takes no request id) is submitted with
``retry=False``: it runs once, and a lost answer is reported as a failure (the
connection error) instead of being tried again, so it is never applied twice.
"""
from __future__ import annotations

import concurrent.futures
import dataclasses
import logging
import queue
import sqlite3
import threading
import time
import uuid
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from sqlalchemy import exc as sa_exc

from kiosk.errors import KioskError

log = logging.getLogger(__name__)

#: waits before retrying an action whose outcome is unknown (the last one repeats)
RETRY_DELAYS_MS = (250, 500, 1000, 2000, 5000)


def is_connection_error(error: BaseException) -> bool:
    """True when the database did not answer (the outcome may be unknown); False for a
    definite answer such as a broken rule or a bug."""
    if isinstance(error, KioskError):
        return False
    if isinstance(error, sa_exc.DBAPIError):
        return error.connection_invalidated or isinstance(
            error, (sa_exc.OperationalError, sa_exc.InterfaceError))
    if isinstance(error, (sa_exc.DisconnectionError, sa_exc.TimeoutError,
                          sa_exc.PendingRollbackError, sqlite3.OperationalError,
                          sqlite3.InterfaceError, ConnectionError, TimeoutError, OSError)):
        return True
    try:
        import psycopg
    except ImportError:  # pragma: no cover - psycopg is a dependency
        return False
    return isinstance(error, (psycopg.OperationalError, psycopg.InterfaceError))


def process_events_until(condition: Callable[[], bool], timeout_s: float = 10.0) -> bool:
    """Let the GUI thread process events until ``condition()`` holds (False on timeout).
    For command-line tools that drive screens (screenshots); tests use qtbot."""
    from PySide6.QtWidgets import QApplication

    deadline = time.monotonic() + timeout_s
    while not condition():
        if time.monotonic() > deadline:
            return False
        QApplication.processEvents()
        time.sleep(0.01)
    return True


def off_gui_thread(fn: Callable[..., Any], *args: Any, timeout_s: float = 120.0) -> Any:
    """``fn(*args)`` on a worker thread, the GUI thread processing events meanwhile; its
    result (or its exception). For command-line tools that need an answer before they
    go on (screenshots); screens use ``ActionRunner``."""
    with concurrent.futures.ThreadPoolExecutor(1, thread_name_prefix="tool-db") as pool:
        future = pool.submit(fn, *args)
        process_events_until(future.done, timeout_s)
        return future.result(timeout=0)


@dataclasses.dataclass(frozen=True)
class Job:
    kind: str                      # "action" or "read"
    name: str
    fn: Callable[..., Any]
    args: tuple
    kwargs: dict
    request_id: str | None = None
    #: False: an action whose answer was lost is reported as failed, never run again
    retry: bool = True
    #: set by ``abandon()``: a job still waiting in the worker's queue is then skipped
    cancelled: threading.Event = dataclasses.field(default_factory=threading.Event,
                                                   compare=False, repr=False)

    def run(self) -> Any:
        if self.request_id is not None:
            return self.fn(*self.args, request_id=self.request_id, **self.kwargs)
        return self.fn(*self.args, **self.kwargs)


class ActionRunner(QObject):
    """One worker thread; results come back as signals in the GUI thread."""

    #: an action was applied (or replayed): (action name, its result)
    action_succeeded = Signal(str, object)
    #: an action was refused by the hall's rules: (action name, KioskError or Exception)
    action_failed = Signal(str, object)
    #: a read finished: (read name, its result)
    read_succeeded = Signal(str, object)
    #: a read was refused: (read name, KioskError or Exception)
    read_failed = Signal(str, object)
    #: the database stopped answering (English reason)
    went_offline = Signal(str)
    #: the database answers again
    came_online = Signal()
    #: True while an action runs or waits to be retried
    busy_changed = Signal(bool)
    # worker -> GUI thread: (job, "ok" | "refused" | "lost", value, action epoch)
    _job_ended = Signal(object, str, object, int)

    def __init__(self, retry_delays_ms: Sequence[int] = RETRY_DELAYS_MS,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._delays = tuple(retry_delays_ms) or RETRY_DELAYS_MS
        self._queues: dict[str, queue.Queue[Job | None]] = {
            "action": queue.Queue(), "read": queue.Queue()}
        self._attempted = 0                 # actions attempted (by the action worker)
        self._stopping = False
        self._action: Job | None = None     # running, or waiting for its retry
        self._action_waiting = False
        self._offline = False
        self._attempt = 0
        self._failed_reads: dict[str, Job] = {}
        self._reads_running: set[str] = set()
        self._reads_again: dict[str, Job] = {}
        self._reads_after_action: dict[str, Job] = {}
        self._retry_timer = QTimer(self)
        self._retry_timer.setSingleShot(True)
        self._retry_timer.timeout.connect(self.retry_now)
        self._job_ended.connect(self._on_job_ended, Qt.ConnectionType.QueuedConnection)
        self._threads = [threading.Thread(target=self._work, args=(kind,), daemon=True,
                                          name=f"hall-{kind}s") for kind in self._queues]
        for thread in self._threads:
            thread.start()

    # --- state ------------------------------------------------------------------------

    @property
    def offline(self) -> bool:
        return self._offline

    @property
    def busy(self) -> bool:
        return self._action is not None

    @property
    def current_action(self) -> Job | None:
        """The action running or waiting for its retry."""
        return self._action

    @property
    def awaiting_retry(self) -> bool:
        """True when the action's answer was lost and it waits to be tried again."""
        return self._action is not None and self._action_waiting

    @property
    def pending_request_id(self) -> str | None:
        """The request id of the action running or waiting for its retry."""
        return self._action.request_id if self._action else None

    @property
    def retry_timer(self) -> QTimer:
        return self._retry_timer

    @property
    def idle(self) -> bool:
        """Nothing runs, waits to run again or waits for a retry."""
        return (self._action is None and not self._reads_running
                and not self._reads_again and not self._reads_after_action
                and not self._failed_reads)

    # --- submitting ---------------------------------------------------------------------

    def submit(self, name: str, fn: Callable[..., Any], /, *args: Any,
               idempotent: bool = True, request_id: str | None = None,
               retry: bool = True, **kwargs: Any) -> bool:
        """Run an action; False (and nothing runs) while another action is under way or
        the database is out of reach. ``idempotent`` actions get a fresh request id, or
        ``request_id`` when the caller repeats an action it gave up on. ``retry=False``:
        a lost answer ends the action as failed instead of trying it again (for core
        functions that cannot replay a request)."""
        if self._action is not None or self._offline or self._stopping:
            return False
        if idempotent:
            request_id = request_id or uuid.uuid4().hex
        self._action = Job("action", name, fn, args, kwargs, request_id, retry)
        self._action_waiting = False
        self.busy_changed.emit(True)
        self._queues["action"].put(self._action)
        return True

    def read(self, name: str, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> None:
        """Run a read; a read of the same name already running is run again after it
        (so a burst of feed events costs two reads, not one per event)."""
        if self._stopping:
            return
        job = Job("read", name, fn, args, kwargs)
        if name in self._reads_running:
            self._reads_again[name] = job
            return
        self._failed_reads.pop(name, None)
        self._reads_running.add(name)
        self._queues["read"].put(job)

    def retry_now(self) -> None:
        """Retry what failed for want of a connection (the feed saw the database again,
        or the back-off timer fired)."""
        self._retry_timer.stop()
        if self._action is not None and self._action_waiting:
            self._action_waiting = False
            log.info("retrying %s with request id %s", self._action.name,
                     self._action.request_id)
            self._queues["action"].put(self._action)
        for name, job in list(self._failed_reads.items()):
            if name not in self._reads_running:
                del self._failed_reads[name]
                self._reads_running.add(name)
                self._queues["read"].put(job)

    def abandon(self) -> None:
        """Nobody waits for the current action any more (the citizen left the kiosk):
        drop it if it waits for a retry, ignore its outcome if it is running, and let
        the next action find out afresh whether the database answers."""
        if self._action is None:
            return
        log.info("abandoning %s (request id %s)", self._action.name,
                 self._action.request_id)
        self._action.cancelled.set()
        self._action = None
        self._action_waiting = False
        if not self._failed_reads:
            self._retry_timer.stop()
            self._offline = False
            self._attempt = 0
        self.busy_changed.emit(False)

    def shutdown(self, timeout_s: float = 10.0) -> None:
        if self._stopping:
            return
        self._stopping = True
        self._retry_timer.stop()
        for jobs in self._queues.values():
            jobs.put(None)
        for thread in self._threads:
            thread.join(timeout_s)

    # --- the worker thread ------------------------------------------------------------

    def _work(self, kind: str) -> None:
        jobs = self._queues[kind]
        while True:
            job = jobs.get()
            if job is None:
                return
            if job.cancelled.is_set():
                log.info("skipping abandoned %s %s", job.kind, job.name)
                continue
            epoch = self._attempted           # reads: actions attempted before this one
            try:
                status, value = "ok", job.run()
            except Exception as error:  # noqa: BLE001 - every outcome goes back to the GUI
                if is_connection_error(error):
                    status, value = "lost", error
                else:
                    status, value = "refused", error
                    if not isinstance(error, KioskError):
                        log.exception("%s %s failed", job.kind, job.name)
            if kind == "action":
                self._attempted += 1          # only this thread writes it
            if self._stopping:
                return
            try:
                self._job_ended.emit(job, status, value, epoch)
            except RuntimeError:  # the runner was deleted while this job hung
                return

    # --- back in the GUI thread ---------------------------------------------------------

    def _on_job_ended(self, job: Job, status: str, value: Any, epoch: int) -> None:
        if self._stopping:
            return
        if job.kind == "action" and job is not self._action:
            code = getattr(getattr(value, "ticket", None), "code", "")
            log.warning("%s ended after it was abandoned: %s %s (request id %s)",
                        job.name, status, code, job.request_id)
            return
        if status == "lost":
            if job.kind == "action" and not job.retry:
                # its outcome is unknown and it cannot be replayed: say so, never repeat
                log.warning("%s: database unreachable, not retried (%s)", job.name,
                            str(value).splitlines()[0] if str(value) else type(value).__name__)
                self._action = None
                self.busy_changed.emit(False)
                self.action_failed.emit(job.name, value)
                self._read_postponed()
                return
            self._lost(job, value)
            return
        if self._offline:
            self._offline = False
            self._attempt = 0
            log.info("database answers again")
            self.came_online.emit()
            self.retry_now()
        if job.kind == "action":
            self._action = None
            self.busy_changed.emit(False)
            signal = self.action_succeeded if status == "ok" else self.action_failed
            signal.emit(job.name, value)
            self._read_postponed()
            return
        self._reads_running.discard(job.name)
        again = self._reads_again.pop(job.name, None)
        if status == "ok" and (epoch != self._attempted or self._action is not None):
            # an action ran (or runs) meanwhile: this snapshot may predate it
            again = again or job
            if self._action is not None:      # read again once the action is over
                self._reads_after_action[job.name] = again
                again = None
        else:
            signal = self.read_succeeded if status == "ok" else self.read_failed
            signal.emit(job.name, value)
        if again is not None:
            self.read(again.name, again.fn, *again.args, **again.kwargs)

    def _read_postponed(self) -> None:
        """The reads that waited for the action to end run now."""
        for name, read in list(self._reads_after_action.items()):
            del self._reads_after_action[name]
            self.read(read.name, read.fn, *read.args, **read.kwargs)

    def _lost(self, job: Job, error: BaseException) -> None:
        log.warning("%s %s: database unreachable (%s)", job.kind, job.name,
                    str(error).splitlines()[0] if str(error) else type(error).__name__)
        if job.kind == "action":
            self._action_waiting = True      # same job, same request id, later
        else:
            self._reads_running.discard(job.name)
            self._failed_reads[job.name] = self._reads_again.pop(job.name, job)
        if not self._offline:
            self._offline = True
            self.went_offline.emit(str(error))
        delay = self._delays[min(self._attempt, len(self._delays) - 1)]
        self._attempt += 1
        if not self._retry_timer.isActive():
            self._retry_timer.start(delay)
