"""Fakes for the speech seams: a timeline every fake engine and player writes to, so a
test sees the exact order of chime and speech and any overlap between them."""
from __future__ import annotations

import array
import math
import threading
import wave

from kiosk.speech.faults import ENGINE_ERROR, SpeechFault

WAIT_S = 10.0  # generous upper bound for any wait; tests never sleep


class Timeline:
    """Ordered record of everything "heard"; fails loudly if two sounds overlap."""

    def __init__(self) -> None:
        self.events: list[str] = []
        self.overlaps: list[str] = []
        self._busy = threading.Lock()
        self._changed = threading.Condition()

    def sound(self, label: str, gate: threading.Event | None = None,
              started: threading.Event | None = None) -> None:
        if not self._busy.acquire(blocking=False):
            self.overlaps.append(label)
            raise AssertionError(f"{label!r} started while another sound was playing")
        try:
            with self._changed:
                self.events.append(label)
                self._changed.notify_all()
            if started is not None:
                started.set()
            if gate is not None:
                assert gate.wait(WAIT_S), "test never opened the gate"
        finally:
            self._busy.release()

    def wait_for(self, count: int, timeout: float = WAIT_S) -> bool:
        with self._changed:
            return self._changed.wait_for(lambda: len(self.events) >= count, timeout)


class RecordingEngine:
    """SpeechEngine fake: each say() is one sound on the timeline.

    ``gate``: when given, every say() holds the "loudspeaker" until the test opens it.
    ``fail_first``: exceptions raised by the first say() calls, in order.
    """

    def __init__(self, timeline: Timeline, *, gate: threading.Event | None = None,
                 fail_first: list[BaseException] | None = None) -> None:
        self.timeline = timeline
        self.gate = gate
        self.started = threading.Event()
        self.failures = list(fail_first or [])
        self.threads: set[str] = set()

    def say(self, text: str) -> None:
        self.threads.add(threading.current_thread().name)
        if self.failures:
            raise self.failures.pop(0)
        self.timeline.sound(text, self.gate, self.started)

    def synthesize_to_wav(self, text: str, path) -> None:
        write_tone(path, seconds=0.5)


class RecordingPlayer:
    """Player fake: records the WAV it was asked to play (its frames and rate too)."""

    def __init__(self, timeline: Timeline, label_of=None) -> None:
        self.timeline = timeline
        self.played: list[tuple[int, int]] = []  # (frames, rate)
        self.label_of = label_of or (lambda path: "chime")

    def play(self, path) -> None:
        with wave.open(str(path), "rb") as wav:
            self.played.append((wav.getnframes(), wav.getframerate()))
        self.timeline.sound(self.label_of(path))


class Faults:
    """on_fault callback that records (kind, en, zh) and lets a test wait for them."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, str, str]] = []
        self._changed = threading.Condition()

    def __call__(self, kind: str, message_en: str, message_zh: str) -> None:
        with self._changed:
            self.calls.append((kind, message_en, message_zh))
            self._changed.notify_all()

    @property
    def kinds(self) -> list[str]:
        return [kind for kind, _, _ in self.calls]


def write_tone(path, seconds: float, rate: int = 22050) -> None:
    samples = array.array("h", (int(8000 * math.sin(2 * math.pi * 440 * i / rate))
                                for i in range(int(rate * seconds))))
    with wave.open(str(path), "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(rate)
        wav.writeframes(samples.tobytes())


def engine_error(message: str = "boom") -> SpeechFault:
    return SpeechFault(ENGINE_ERROR, "语音引擎出错", message)
