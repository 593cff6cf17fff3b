"""The announcer: speaks calls in order on one worker thread, never blocking the caller.

The hall display's GUI thread calls ``announce(code, window)`` and returns at once; the
worker plays the chime, then speaks the call ``speech.repeat`` times, one call after the
other. Nothing it does can raise into the caller: every failure becomes a log line in
English and an ``on_fault(kind, message_en, message_zh)`` call, and the failed call is
dropped (a call spoken late, after the citizen has read the screen, misleads more than
it helps); the next call is tried afresh.

``on_fault`` runs on the worker thread: a Qt display should emit a signal from it (a
queued connection brings it to the GUI thread).
"""
from __future__ import annotations

import dataclasses
import logging
import queue
import shutil
import tempfile
import threading
from collections.abc import Callable
from pathlib import Path

from kiosk import settings as settings_registry
from kiosk.errors import InvalidInput
from kiosk.speech.chime import ensure_chime
from kiosk.speech.engine import Pyttsx3Engine, SpeechEngine
from kiosk.speech.faults import (BAD_INPUT, BAD_TEMPLATE, ENGINE_ERROR, NO_ENGINE,
                                 NO_VOICE, SpeechFault)
from kiosk.speech.player import Player, find_player
from kiosk.speech.text import Announcement, build_announcement

log = logging.getLogger(__name__)

FaultHandler = Callable[[str, str, str], None]
EngineFactory = Callable[[object], SpeechEngine]
_FIND_PLAYER = object()
_STOP = object()
# Faults after which the engine is rebuilt for the next call (the player is kept).
_REBUILD_ENGINE = {NO_ENGINE, NO_VOICE, ENGINE_ERROR}


@dataclasses.dataclass(frozen=True)
class _Job:
    code: str
    window: str | int
    settings: object  # the Settings in force when the call was made


class Announcer:
    """One worker thread, one queue; see the module docstring.

    ``engine_factory(settings)`` builds the engine inside the worker thread (SAPI5 needs
    that); the default is a Pyttsx3Engine playing through ``player``. ``player`` plays
    the chime; by default the first player program found (None: no chime).
    """

    def __init__(self, settings, *, on_fault: FaultHandler | None = None,
                 on_spoken: Callable[[], None] | None = None,
                 engine_factory: EngineFactory | None = None,
                 player: Player | None | object = _FIND_PLAYER,
                 chime_path: str | Path | None = None) -> None:
        self._settings = settings
        self._on_fault = on_fault
        self._on_spoken = on_spoken
        self._player = find_player() if player is _FIND_PLAYER else player
        self._engine_factory = engine_factory or self._default_engine
        self._chime_path = Path(chime_path) if chime_path else None
        self._temp_dir: str | None = None
        self._engine: SpeechEngine | None = None
        self._engine_settings: object = None
        self._queue: queue.Queue = queue.Queue()
        self._pending = 0
        self._idle = threading.Condition()
        self._closing = threading.Event()
        self._logged: set[tuple[str, str]] = set()  # faults logged since the last success
        self._told_no_player = False
        self._thread = threading.Thread(target=self._work, name="speech-announcer", daemon=True)
        self._thread.start()

    # --- called from the GUI thread: cheap, never raises --------------------------------

    def announce(self, code: str, window: str | int) -> None:
        """Queue one call to be spoken; returns at once."""
        settings = self._settings
        try:
            enabled = settings.get("speech.enabled")
        except Exception:  # a broken settings object must not reach the caller
            log.exception("cannot read speech.enabled; speaking anyway")
            enabled = True
        if not enabled:
            return
        with self._idle:  # the same lock as close(): no call slips in behind the stop
            if self._closing.is_set():
                log.debug("announcer closed: dropping call %s -> %s", code, window)
                return
            self._pending += 1
            self._queue.put(_Job(code, window, settings))

    def recall(self, code: str, window: str | int) -> None:
        """A recall (重呼) is announced again, behind calls already waiting."""
        self.announce(code, window)

    def set_settings(self, settings) -> None:
        """New settings for later calls; the engine is rebuilt if voice/rate/volume change."""
        self._settings = settings

    @property
    def pending(self) -> int:
        """Calls queued or being spoken."""
        with self._idle:
            return self._pending

    def wait_idle(self, timeout: float | None = None) -> bool:
        """Block until every queued call is done; False on timeout. For tests and the CLI."""
        with self._idle:
            return self._idle.wait_for(lambda: self._pending == 0, timeout)

    def close(self, timeout: float | None = 10.0) -> bool:
        """Stop the worker: the utterance playing finishes, queued calls are dropped.

        Returns True if the worker ended within ``timeout``. Later announces are ignored.
        """
        with self._idle:
            if not self._closing.is_set():
                self._closing.set()
                self._queue.put(_STOP)
        if threading.current_thread() is self._thread:
            return False  # called from on_fault: the worker stops after this call
        self._thread.join(timeout)
        stopped = not self._thread.is_alive()
        if stopped and self._temp_dir:
            shutil.rmtree(self._temp_dir, ignore_errors=True)
        return stopped

    def __enter__(self) -> Announcer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- the worker thread -----------------------------------------------------------

    def _work(self) -> None:
        while True:
            job = self._queue.get()
            if job is _STOP:
                break
            try:
                if not self._closing.is_set():
                    self._speak(job)
            except Exception as exc:  # the worker must survive anything
                log.exception("unexpected error while announcing")
                self._report(SpeechFault(ENGINE_ERROR, "语音播报出错",
                                         f"unexpected {type(exc).__name__}: {exc}"))
            finally:
                with self._idle:
                    self._pending -= 1
                    self._idle.notify_all()
        with self._idle:  # calls queued behind the stop are dropped
            while not self._queue.empty():
                if self._queue.get_nowait() is not _STOP:
                    self._pending -= 1
            self._idle.notify_all()

    def _speak(self, job: _Job) -> None:
        announcement = self._text(job)
        if announcement is None:
            return
        try:
            engine = self._engine_for(job.settings)
            if job.settings.get("speech.chime"):
                self._play_chime()
            for _ in range(job.settings.get("speech.repeat")):
                if self._closing.is_set():
                    return
                engine.say(announcement.spoken)
        except SpeechFault as fault:
            if fault.kind in _REBUILD_ENGINE:
                self._engine = None
            self._report(fault)
            return
        except Exception as exc:  # an engine is third-party code: contain it
            self._engine = None
            self._report(SpeechFault(ENGINE_ERROR, "语音引擎出错",
                                     f"speech engine raised {type(exc).__name__}: {exc}"))
            return
        # a success: a fault of the audio path is news again (a bad template is not)
        self._logged = {key for key in self._logged if key[0] == BAD_TEMPLATE}
        if self._on_spoken is not None:
            try:
                self._on_spoken()  # lets a screen clear its "no voice" mark
            except Exception:  # noqa: BLE001 - a handler must not stop the worker
                log.exception("on_spoken handler raised")

    def _text(self, job: _Job) -> Announcement | None:
        template = job.settings.get("speech.template")
        digits = job.settings.get("speech.digits_one_by_one")
        try:
            return build_announcement(job.code, job.window, template=template,
                                      digits_one_by_one=digits)
        except InvalidInput as exc:
            if "template" not in exc.details:
                self._report(SpeechFault(BAD_INPUT, exc.message_zh, exc.message_en))
                return None
            self._report(SpeechFault(BAD_TEMPLATE, exc.message_zh + "，已使用默认模板",
                                     exc.message_en + "; using the default template"))
        default = settings_registry.option("speech.template").default
        try:
            return build_announcement(job.code, job.window, template=default,
                                      digits_one_by_one=digits)
        except InvalidInput as exc:
            self._report(SpeechFault(BAD_INPUT, exc.message_zh, exc.message_en))
            return None

    def _engine_for(self, settings) -> SpeechEngine:
        if self._engine is not None and self._engine_settings is not settings:
            if _voice_options(self._engine_settings) != _voice_options(settings):
                self._engine = None
        if self._engine is None:
            self._engine = self._engine_factory(settings)
        self._engine_settings = settings
        return self._engine

    def _default_engine(self, settings) -> SpeechEngine:
        return Pyttsx3Engine.from_settings(settings, player=self._player)

    def _play_chime(self) -> None:
        if self._player is None:
            if not self._told_no_player:
                self._told_no_player = True
                log.warning("no audio player found: calls are announced without a chime")
            return
        if self._chime_path is None:
            self._temp_dir = tempfile.mkdtemp(prefix="kiosk-speech-")
            self._chime_path = Path(self._temp_dir) / "chime.wav"
        self._player.play(ensure_chime(self._chime_path))

    def _report(self, fault: SpeechFault) -> None:
        """Log (a repeated fault only at debug level) and tell on_fault, every time."""
        key = (fault.kind, fault.message_en)
        level = logging.DEBUG if key in self._logged else logging.WARNING
        self._logged.add(key)
        log.log(level, "speech fault [%s]: %s", fault.kind, fault.message_en)
        if self._on_fault is None:
            return
        try:
            self._on_fault(fault.kind, fault.message_en, fault.message_zh)
        except Exception:
            log.exception("on_fault handler raised")


def _voice_options(settings) -> tuple:
    if settings is None:
        return ()
    return tuple(settings.get(name) for name in ("speech.voice", "speech.rate", "speech.volume"))
