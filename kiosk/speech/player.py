"""Playing a WAV file to the loudspeaker, blocking until it has been heard.

Speech and the chime both go through here, so they share one audio path and one way
of failing. pyttsx3's own espeak ``say()`` is not used on Linux because it plays with
``os.system("aplay ...")`` from espeak's callback thread: it returns before the sound
ends (calls would overlap), and a missing aplay or sound card is silently ignored.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import wave
from pathlib import Path
from typing import Protocol

from kiosk.speech.faults import AUDIO_DEVICE, SpeechFault

# Tried in this order; each takes the file as its last argument.
LINUX_PLAYERS: tuple[tuple[str, ...], ...] = (
    ("paplay",),           # PulseAudio / PipeWire-pulse (desktop sessions)
    ("pw-play",),          # PipeWire native
    ("aplay", "-q"),       # ALSA (alsa-utils)
    ("play", "-q"),        # SoX
)
MACOS_PLAYERS: tuple[tuple[str, ...], ...] = (("afplay",),)
_EXTRA_SECONDS = 15.0  # a player that runs this much longer than the sound has hung


class Player(Protocol):
    def play(self, path: str | os.PathLike) -> None:
        """Play a WAV file and return when it has finished; raise SpeechFault on failure."""


def wav_seconds(path: str | os.PathLike) -> float:
    """Duration of a WAV file (0.0 when unreadable)."""
    try:
        with wave.open(os.fspath(path), "rb") as wav:
            return wav.getnframes() / float(wav.getframerate() or 1)
    except (OSError, EOFError, wave.Error):
        return 0.0


def _fault(message_en: str, message_zh: str = "无法播放声音，请检查音箱或声卡") -> SpeechFault:
    return SpeechFault(AUDIO_DEVICE, message_zh, message_en)


class CommandPlayer:
    """Plays through an external program (paplay, aplay...), never through a shell."""

    def __init__(self, argv: tuple[str, ...] | list[str]) -> None:
        self.argv = tuple(argv)
        self.name = Path(self.argv[0]).name

    def __repr__(self) -> str:
        return f"CommandPlayer({self.argv!r})"

    def play(self, path: str | os.PathLike) -> None:
        timeout = wav_seconds(path) + _EXTRA_SECONDS
        try:
            done = subprocess.run([*self.argv, os.fspath(path)], stdin=subprocess.DEVNULL,
                                  capture_output=True, timeout=timeout, check=False)
        except subprocess.TimeoutExpired:
            raise _fault(f"{self.name} did not finish within {timeout:.0f} s") from None
        except OSError as exc:
            raise _fault(f"cannot run {self.name}: {exc}") from None
        if done.returncode != 0:
            detail = done.stderr.decode("utf-8", errors="replace").strip().splitlines()
            last = detail[-1] if detail else "no message"
            raise _fault(f"{self.name} failed with exit code {done.returncode}: {last}")


class WinsoundPlayer:
    """Windows: winsound.PlaySound is synchronous and needs no extra program."""

    name = "winsound"

    def play(self, path: str | os.PathLike) -> None:
        import winsound  # Windows only

        try:
            winsound.PlaySound(os.fspath(path), winsound.SND_FILENAME | winsound.SND_NODEFAULT)
        except RuntimeError as exc:
            raise _fault(f"winsound could not play {os.fspath(path)!r}: {exc}") from None


def find_player(platform: str | None = None) -> Player | None:
    """The first available player for this platform, or None when there is none."""
    platform = platform or sys.platform
    if platform == "win32":
        return WinsoundPlayer()
    candidates = MACOS_PLAYERS if platform == "darwin" else LINUX_PLAYERS
    for argv in candidates:
        found = shutil.which(argv[0])
        if found:
            return CommandPlayer((found, *argv[1:]))
    return None


def no_player_fault(platform: str | None = None) -> SpeechFault:
    """The fault to report when find_player() found nothing."""
    names = ", ".join(argv[0] for argv in
                      (MACOS_PLAYERS if (platform or sys.platform) == "darwin" else LINUX_PLAYERS))
    return _fault(f"no audio player found (tried {names}); install alsa-utils or "
                  "pulseaudio-utils",
                  "未找到播放程序，无法播报语音")
