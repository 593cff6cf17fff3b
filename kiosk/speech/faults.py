"""Speech faults: one error type whose ``kind`` tells the display what broke.

The announcer turns every failure into a fault report instead of an exception, so the
GUI thread that announces a call never sees speech trouble; the ``kind`` lets a screen
show the right status (no voice installed vs. no loudspeaker).
"""
from __future__ import annotations

from kiosk.errors import KioskError

NO_ENGINE = "no_engine"        # pyttsx3 or its platform backend cannot start
NO_VOICE = "no_voice"          # the engine runs but has no Chinese voice
AUDIO_DEVICE = "audio_device"  # no player program, no sound card, playback failed
ENGINE_ERROR = "engine_error"  # the TTS engine raised, timed out or wrote no audio
BAD_TEMPLATE = "bad_template"  # speech.template is invalid; the default was used
BAD_INPUT = "bad_input"        # the call itself (ticket code, window) is unreadable

KINDS = (NO_ENGINE, NO_VOICE, AUDIO_DEVICE, ENGINE_ERROR, BAD_TEMPLATE, BAD_INPUT)


class SpeechFault(KioskError):
    """Speech could not be produced; ``kind`` is one of ``KINDS``."""

    code = "speech_fault"

    def __init__(self, kind: str, message_zh: str, message_en: str, **details: object) -> None:
        assert kind in KINDS, kind
        super().__init__(message_zh, message_en, **details)
        self.kind = kind
