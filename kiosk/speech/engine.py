"""The TTS engine seam and its pyttsx3 implementation.

What works reliably with pyttsx3 2.99 (found by experiment on espeak-ng 1.51):

* All pyttsx3 work goes through ``save_to_file`` + ``runAndWait``; the WAV is then played
  by ``kiosk.speech.player``. The espeak driver's own ``say()`` plays with
  ``os.system("aplay")`` from espeak's thread after ``runAndWait`` has returned, so calls
  overlap and failures go unseen; and a driver that once saved a file writes every later
  ``say()`` into that same file.
* The espeak driver synthesizes on espeak's own thread: the first ``runAndWait`` of an
  engine returns after ~10 ms whether or not the WAV exists. So we also wait for the
  ``finished-utterance`` notification (sent after the file is closed) and for espeak's
  command queue to drain before the next utterance.
* Reusing an espeak engine: a rate/volume change is queued on espeak's thread, and if it
  is still queued when ``runAndWait`` starts, pyttsx3's ``endLoop`` sees "playing" and
  cancels the new utterance (``completed=False``). Hence: set only changed properties,
  wait for the queue to drain, and retry a cancelled utterance once.
* espeak is initialised once per process and has one global audio callback, which the
  newest driver takes and a garbage-collected driver clears. So there is one espeak
  backend per process, kept for good, and one lock serialises every pyttsx3 call.
  SAPI5 (Windows) objects belong to the COM apartment of the thread that made them, so
  there the backend is one per thread, made in that thread after CoInitialize; the
  announcer builds its engine inside its worker thread for that reason.
* SAPI5's ``save_to_file`` speaks synchronously into the file. Once the driver has run
  its first loop, pyttsx3 executes queued commands at once, so later files need no
  ``runAndWait`` at all; that avoids the loop that waits for an EndStream event, which
  hangs on some Windows PCs (pyttsx3 issues #57/#75, #224). (Not run on Windows here.)
"""
from __future__ import annotations

import atexit
import logging
import os
import sys
import tempfile
import threading
import time
import weakref
from pathlib import Path
from typing import Any, Protocol

from kiosk.speech.faults import ENGINE_ERROR, NO_ENGINE, NO_VOICE, SpeechFault
from kiosk.speech.player import Player, find_player, no_player_fault, wav_seconds
from kiosk.speech.voices import choose_voice

log = logging.getLogger(__name__)

SYNTH_TIMEOUT_S = 20.0            # far above the ~10 ms espeak needs for one call
_ASYNC_FILE_DRIVERS = {"espeak"}  # drivers whose runAndWait may return before the file
_LOCK = threading.RLock()         # every pyttsx3 call in the process
_SHARED: dict[str, Any] = {}      # process-wide backends (espeak), never released
_PER_THREAD = threading.local()   # per-thread backends (sapi5, nsss)
_APPLIED: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()  # backend -> last set


class SpeechEngine(Protocol):
    """What the announcer needs from a TTS engine; tests plug fakes in here."""

    def say(self, text: str) -> None:
        """Speak ``text`` aloud and return when it has been heard; raise SpeechFault."""

    def synthesize_to_wav(self, text: str, path: str | os.PathLike) -> None:
        """Write ``text`` as speech to a WAV file at ``path``; raise SpeechFault."""


def default_driver() -> str:
    return {"win32": "sapi5", "darwin": "nsss"}.get(sys.platform, "espeak")


# --- the pyttsx3 backends ---------------------------------------------------------------

def _driver_print(*args: object, **_: object) -> None:
    """Stands in for print() inside pyttsx3's espeak driver ("Audio saved to ...")."""
    log.debug("pyttsx3: %s", " ".join(map(str, args)))


def _init_com() -> None:
    try:
        import pythoncom

        pythoncom.CoInitialize()
    except ImportError:
        import comtypes

        comtypes.CoInitialize()


def _create_backend(driver: str) -> Any:
    try:
        if driver == "sapi5":
            _init_com()
        import pyttsx3

        backend = pyttsx3.Engine(driver)
    except ImportError as exc:
        raise SpeechFault(NO_ENGINE, "语音引擎未安装",
                          f"pyttsx3 driver {driver!r} cannot be loaded: {exc}") from None
    except Exception as exc:  # pyttsx3 raises RuntimeError/OSError when espeak is missing
        hint = "; install espeak-ng" if driver == "espeak" else ""
        raise SpeechFault(NO_ENGINE, "语音引擎无法启动",
                          f"pyttsx3 driver {driver!r} failed to start: {exc}{hint}") from None
    if driver == "espeak":
        module = sys.modules.get("pyttsx3.drivers.espeak")
        if module is not None:
            module.print = _driver_print  # its only prints are chatter on stdout
        backend.runAndWait()  # a new driver queues every command until its first loop
    return backend


def _release_backends() -> None:
    """Drop the engines while the interpreter is still whole: pyttsx3's DriverProxy.__del__
    prints a traceback when it runs during interpreter shutdown."""
    with _LOCK:
        _SHARED.clear()
        _APPLIED.clear()
        _PER_THREAD.__dict__.pop("backends", None)


def _backend(driver: str) -> Any:
    """The pyttsx3 engine for ``driver`` that this thread may use (call under _LOCK)."""
    atexit.unregister(_release_backends)  # register once, however often we get here
    atexit.register(_release_backends)
    if driver == "espeak":
        if driver not in _SHARED:
            _SHARED[driver] = _create_backend(driver)
        return _SHARED[driver]
    backends = _PER_THREAD.__dict__.setdefault("backends", {})
    if driver not in backends:
        backends[driver] = _create_backend(driver)
    return backends[driver]


def _apply_properties(backend: Any, wanted: tuple) -> None:
    """Set voice, rate and volume on the backend, only those that changed."""
    applied = _APPLIED.get(backend)
    for index, name in enumerate(("voice", "rate", "volume")):
        if applied is None or applied[index] != wanted[index]:
            backend.setProperty(name, wanted[index])
    _APPLIED[backend] = wanted


def _settle_espeak(deadline: float) -> None:
    """Wait until espeak's command queue is empty (property changes, last utterance)."""
    from pyttsx3.drivers import _espeak

    while _espeak.IsPlaying() and time.monotonic() < deadline:
        time.sleep(0.001)


def _pump_messages(driver: str) -> None:
    """SAPI5 posts its events to this thread's message queue; dispatch them now so they
    never pile up (runAndWait would do it, but it is also what hangs on some PCs)."""
    if driver == "sapi5":
        import pythoncom

        pythoncom.PumpWaitingMessages()


# --- the engine --------------------------------------------------------------------------

class Pyttsx3Engine:
    """A Mandarin pyttsx3 voice with the hall's rate and volume.

    Speaking is synthesize-to-WAV then play, so speech and chime share one audio path,
    ``say`` blocks until the sound ends, and a missing loudspeaker is reported.
    """

    def __init__(self, *, voice: str, rate: int, volume: float,
                 player: Player | None = None, driver: str | None = None) -> None:
        self.configured_voice = voice
        self.rate = rate
        self.volume = volume
        self.driver = driver or default_driver()
        self._player = player  # None: find one at the first say()
        self._voice_id: str | None = None

    @classmethod
    def from_settings(cls, settings, *, player: Player | None = None,
                      driver: str | None = None) -> Pyttsx3Engine:
        """An engine with speech.voice, speech.rate and speech.volume."""
        return cls(voice=settings.get("speech.voice"), rate=settings.get("speech.rate"),
                   volume=settings.get("speech.volume"), player=player, driver=driver)

    @property
    def voice_id(self) -> str:
        """The voice in use (resolved on first use; raises SpeechFault if none)."""
        with _LOCK:
            return self._prepare()[1]

    def describe(self) -> dict[str, object]:
        return {"driver": self.driver, "voice": self.voice_id, "rate": self.rate,
                "volume": self.volume, "player": getattr(self._player, "name", None)}

    def _prepare(self) -> tuple[Any, str]:
        backend = _backend(self.driver)
        if self._voice_id is None:
            voice = choose_voice(backend.getProperty("voices"), self.configured_voice)
            if voice is None:
                raise SpeechFault(
                    NO_VOICE, "未找到中文语音，请安装普通话语音",
                    f"no Chinese (Mandarin) voice in pyttsx3 driver {self.driver!r}; install "
                    "espeak-ng (Linux) or a Chinese SAPI5 voice such as Huihui (Windows)")
            self._voice_id = voice.id
            log.info("speech voice: %s (%s)", voice.id, getattr(voice, "name", ""))
        return backend, self._voice_id

    def synthesize_to_wav(self, text: str, path: str | os.PathLike) -> None:
        """Write ``text`` to ``path`` as a WAV file, atomically."""
        if not str(text or "").strip():
            raise SpeechFault(ENGINE_ERROR, "播报内容为空", "nothing to synthesize: empty text")
        target = Path(path)
        try:
            fd, tmp = tempfile.mkstemp(suffix=".wav", prefix=".speech-", dir=target.parent)
            os.close(fd)
        except OSError as exc:
            raise SpeechFault(ENGINE_ERROR, "无法写入语音文件",
                              f"cannot write a WAV file in {str(target.parent)!r}: {exc}") from None
        try:
            with _LOCK:
                self._run(text, tmp)
            if wav_seconds(tmp) <= 0.0:
                raise SpeechFault(ENGINE_ERROR, "语音引擎没有生成声音",
                                  f"pyttsx3 driver {self.driver!r} wrote no audio for {text!r}")
            os.replace(tmp, target)
        finally:
            Path(tmp).unlink(missing_ok=True)

    def say(self, text: str) -> None:
        """Synthesize to a temporary WAV and play it; returns when playback ends."""
        player = self._player or find_player()
        if player is None:
            raise no_player_fault()
        self._player = player
        fd, tmp = tempfile.mkstemp(suffix=".wav", prefix="kiosk-speech-")
        os.close(fd)
        try:
            self.synthesize_to_wav(text, tmp)
            player.play(tmp)
        finally:
            Path(tmp).unlink(missing_ok=True)

    def _run(self, text: str, path: str) -> None:
        backend, voice_id = self._prepare()
        _apply_properties(backend, (voice_id, self.rate, self.volume))
        for attempt in (1, 2):
            if not self._run_once(backend, text, path):
                return
            log.warning("pyttsx3 cancelled an utterance (attempt %d of 2)", attempt)
        raise SpeechFault(ENGINE_ERROR, "语音合成被中断",
                          f"pyttsx3 driver {self.driver!r} cancelled the utterance twice")

    def _run_once(self, backend: Any, text: str, path: str) -> bool:
        """One save_to_file + runAndWait; True if the driver cancelled the utterance."""
        finished = threading.Event()
        errors: list[BaseException] = []
        cancelled: list[bool] = []

        def on_finished(completed: bool = True, **_: object) -> None:
            if not completed:
                cancelled.append(True)
            finished.set()

        def on_error(exception: BaseException | None = None, **_: object) -> None:
            errors.append(exception or RuntimeError("unknown pyttsx3 error"))
            finished.set()

        is_async = self.driver in _ASYNC_FILE_DRIVERS
        deadline = time.monotonic() + SYNTH_TIMEOUT_S
        tokens = [backend.connect("finished-utterance", on_finished),
                  backend.connect("error", on_error)]
        try:
            Path(path).unlink(missing_ok=True)  # an old file must not pass for new audio
            if is_async:
                _settle_espeak(deadline)
            backend.save_to_file(text, path)
            if is_async:
                backend.runAndWait()
                if not finished.wait(max(0.0, deadline - time.monotonic())):
                    raise SpeechFault(ENGINE_ERROR, "语音引擎无响应",
                                      f"pyttsx3 driver {self.driver!r} did not finish within "
                                      f"{SYNTH_TIMEOUT_S:.0f} s")
                _settle_espeak(deadline)
            else:
                if backend.isBusy():  # a fresh driver queues commands until its first loop
                    backend.runAndWait()
                _pump_messages(self.driver)
        except SpeechFault:
            raise
        except Exception as exc:
            errors.append(exc)
        finally:
            for token in tokens:
                backend.disconnect(token)
        if errors:
            raise SpeechFault(ENGINE_ERROR, "语音合成失败",
                              f"pyttsx3 driver {self.driver!r} failed: {errors[0]}")
        return bool(cancelled)
