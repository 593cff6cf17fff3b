"""The display's side of speech: turns calls into announcer requests and speech faults
into a status mark and a ``device_fault`` event for the manager.

The announcer (``kiosk.speech``) does all speaking on its own worker thread; ``announce``
returns at once, so the GUI thread never waits for a voice. Its ``on_fault`` callback
runs on that worker thread: ``SpeechHookup.on_fault`` only emits a signal (delivered
queued to the GUI thread) and hands the database write to a thread of its own, so a slow
database delays neither the screen nor the next announcement.
"""
from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

from PySide6.QtCore import QObject, Signal

log = logging.getLogger(__name__)

#: faults that mean "no speech until someone fixes the PC": shown on screen
LASTING_FAULTS = frozenset({"no_engine", "no_voice", "audio_device"})
RECORD_EVERY_S = 600.0  # one device_fault event per kind per 10 minutes, not per call

RecordFault = Callable[[str, str, str], None]  # (kind, message_en, message_zh)
RecordRecovered = Callable[[], None]


class NullAnnouncer:
    """Stands in when speech is off (--no-speech, or kiosk.speech cannot be loaded)."""

    pending = 0  # calls queued or being spoken: never any

    def announce(self, code: str, window) -> None:
        pass

    def recall(self, code: str, window) -> None:
        pass

    def set_settings(self, settings) -> None:
        pass

    def close(self, timeout: float | None = None) -> bool:
        return True


class SpeechHookup(QObject):
    """Pass ``hookup.on_fault`` to the Announcer; call ``speak`` for each fresh call."""

    #: a speech fault that lasts (no engine, no voice, no audio): (kind, Chinese message)
    speech_failed = Signal(str, str)
    #: any speech fault, lasting or not: (kind, English message) - for logs and tests
    fault_reported = Signal(str, str)
    #: a call was spoken again after a lasting fault
    speech_recovered = Signal()

    def __init__(self, record_fault: RecordFault | None = None,
                 record_recovered: RecordRecovered | None = None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.announcer = NullAnnouncer()
        self._record_fault = record_fault
        self._recorded: dict[str, float] = {}
        self._lock = threading.Lock()
        self._writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="speech-fault")
        self._faulted = False
        self._record_recovered = record_recovered

    def attach(self, announcer) -> None:
        self.announcer = announcer

    def speak(self, code: str, window: int, recall: bool) -> None:
        """Queue a call (or a recall) for the announcer; never raises, never waits."""
        try:
            if recall:
                self.announcer.recall(code, window)
            else:
                self.announcer.announce(code, window)
        except Exception:  # noqa: BLE001 - speech must never take the display down
            log.exception("announcer refused call %s -> %s", code, window)

    def set_settings(self, settings) -> None:
        try:
            self.announcer.set_settings(settings)
        except Exception:  # noqa: BLE001
            log.exception("announcer refused new settings")

    def on_spoken(self) -> None:
        """The announcer's success callback (worker thread): after a lasting fault, clear
        the mark and tell the manager the voice is back."""
        with self._lock:
            was_faulted, self._faulted = self._faulted, False
            self._recorded.clear()
        if not was_faulted:
            return
        self.speech_recovered.emit()
        if self._record_recovered is not None:
            try:
                self._writer.submit(self._record_recovered)
            except RuntimeError:  # closed: the display is shutting down
                pass

    def on_fault(self, kind: str, message_en: str, message_zh: str) -> None:
        """The announcer's fault callback (runs on its worker thread)."""
        self.fault_reported.emit(kind, message_en)
        if kind in LASTING_FAULTS:
            with self._lock:
                self._faulted = True
            self.speech_failed.emit(kind, message_zh)
        if self._record_fault is None or not self._due(kind):
            return
        try:
            self._writer.submit(self._record, kind, message_en, message_zh)
        except RuntimeError:  # closed: the display is shutting down
            pass

    def _due(self, kind: str) -> bool:
        now = time.monotonic()
        with self._lock:
            last = self._recorded.get(kind)
            if last is not None and now - last < RECORD_EVERY_S:
                return False
            self._recorded[kind] = now
            return True

    def _record(self, kind: str, message_en: str, message_zh: str) -> None:
        try:
            self._record_fault(kind, message_en, message_zh)
        except Exception as exc:  # noqa: BLE001 - the database may be the next fault
            log.warning("could not record the speech fault %s: %s", kind, exc)
            with self._lock:
                self._recorded.pop(kind, None)

    def close(self) -> None:
        """Stop the announcer (the sentence playing ends, queued calls are dropped)."""
        try:
            self.announcer.close(timeout=5.0)
        except Exception:  # noqa: BLE001
            log.exception("announcer did not close cleanly")
        self._writer.shutdown(wait=True, cancel_futures=False)


def fault_recorder(ctx) -> RecordFault:
    """Record speech faults as ``device_fault`` events of the hall."""
    from kiosk.queue.store.events import Actor
    from kiosk.queue.actions.faults import record_device_fault

    def record(kind: str, message_en: str, message_zh: str) -> None:
        record_device_fault(ctx, device="speech", kind=kind, message_en=message_en,
                            message_zh=message_zh, actor=Actor("display"))

    return record


def recovery_recorder(ctx) -> RecordRecovered:
    """Record that the display speaks again (``device_recovered``), closing the fault."""
    from kiosk.queue.store.events import Actor
    from kiosk.queue.actions.faults import record_device_recovered

    def record() -> None:
        try:
            record_device_recovered(ctx, device="speech", actor=Actor("display"))
        except Exception as exc:  # noqa: BLE001 - the database may be out of reach
            log.warning("could not record that speech recovered: %s", exc)

    return record


def make_announcer(settings, hookup: SpeechHookup, **announcer_kwargs):
    """A kiosk.speech Announcer wired to ``hookup`` (``engine_factory`` and ``player``
    may be passed through: that is the engine seam tests use). When the speech package
    cannot be loaded the display runs silent and says so."""
    try:
        from kiosk.speech import Announcer
    except Exception as exc:  # noqa: BLE001 - a broken install must not stop the screen
        log.warning("speech unavailable: %s", exc)
        hookup.on_fault("no_engine", f"kiosk.speech cannot be loaded: {exc}",
                        "语音模块无法加载")
        return NullAnnouncer()
    announcer = Announcer(settings, on_fault=hookup.on_fault, on_spoken=hookup.on_spoken,
                          **announcer_kwargs)
    hookup.attach(announcer)
    return announcer
