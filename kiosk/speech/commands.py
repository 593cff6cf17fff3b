"""``python -m kiosk say A012 3 [--wav out.wav]``: hear (or record) one announcement.

A tool for setting up a hall PC: it shows exactly what the TTS engine is given and proves
the voice and the loudspeaker work. Decisions:

* ``--wav`` writes the announcement spoken ONCE, without the chime: a clean clip of the
  voice, whose length says something about the sentence (tests rely on that).
* Without ``--wav`` it plays what the hall hears for one call, but spoken once: the chime
  (if speech.chime) and then the sentence, through the same player as the announcer.
* speech.enabled is ignored: asking for it on the command line is the point.
"""
from __future__ import annotations

import sys
import tempfile
from pathlib import Path
from typing import TextIO

from kiosk.errors import KioskError
from kiosk.speech.chime import ensure_chime
from kiosk.speech.engine import Pyttsx3Engine, SpeechEngine
from kiosk.speech.player import Player, find_player, no_player_fault
from kiosk.speech.text import announcement_from_settings

_FIND_PLAYER = object()


def say(code: str, window: str | int, wav: str | None, settings, *,
        engine: SpeechEngine | None = None, player: Player | None | object = _FIND_PLAYER,
        stdout: TextIO | None = None, stderr: TextIO | None = None) -> int:
    """Print the spoken text, then write it to ``wav`` or speak it; 0 on success, else 1.

    ``engine`` and ``player`` exist for tests; the CLI passes neither.
    """
    stdout = stdout or sys.stdout
    stderr = stderr or sys.stderr
    try:
        announcement = announcement_from_settings(code, window, settings)
        print(announcement.spoken, file=stdout, flush=True)
        if player is _FIND_PLAYER:
            player = None if wav else find_player()
        engine = engine or Pyttsx3Engine.from_settings(settings, player=player)
        if wav:
            engine.synthesize_to_wav(announcement.spoken, wav)
            return 0
        if player is None:
            raise no_player_fault()
        if settings.get("speech.chime"):
            with tempfile.TemporaryDirectory(prefix="kiosk-speech-") as folder:
                player.play(ensure_chime(Path(folder) / "chime.wav"))
        engine.say(announcement.spoken)
        return 0
    except KioskError as exc:
        print(f"error: {exc.message_en}", file=stderr)
    except OSError as exc:
        print(f"error: {exc}", file=stderr)
    return 1
