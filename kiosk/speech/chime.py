"""The chime before a call: a two-tone "ding-dong" written with the wave module.

Generated instead of shipped so the package carries no binary asset and the sound is
reproducible byte for byte; it uses the same format as the espeak output (22050 Hz,
16-bit mono) so every player handles both alike.
"""
from __future__ import annotations

import array
import math
import os
import sys
import tempfile
import wave
from pathlib import Path

SAMPLE_RATE = 22050
_TONES = ((659.25, 0.45), (523.25, 0.75))  # E5 then C5, seconds each
_PEAK = 0.5 * 32767


def chime_samples() -> array.array:
    """The chime as signed 16-bit samples: each tone struck and decaying like a bell."""
    samples = array.array("h")
    for frequency, seconds in _TONES:
        count = int(SAMPLE_RATE * seconds)
        attack = int(SAMPLE_RATE * 0.005)  # 5 ms ramp: no click at the start
        for i in range(count):
            t = i / SAMPLE_RATE
            envelope = math.exp(-4.0 * t / seconds) * min(1.0, i / attack)
            phase = 2 * math.pi * frequency * t
            tone = math.sin(phase) + 0.3 * math.sin(2 * phase)
            samples.append(int(_PEAK * envelope * tone / 1.3))
    return samples


def write_chime(path: str | os.PathLike) -> Path:
    """Write the chime WAV to ``path`` atomically (readers never see half a file)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(suffix=".wav", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh, wave.open(fh, "wb") as wav:
            wav.setnchannels(1)
            wav.setsampwidth(2)
            wav.setframerate(SAMPLE_RATE)
            samples = chime_samples()
            if sys.byteorder == "big":
                samples.byteswap()  # WAV samples are little-endian
            wav.writeframes(samples.tobytes())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def ensure_chime(path: str | os.PathLike) -> Path:
    """The chime at ``path``, written on first use."""
    path = Path(path)
    if not path.is_file():
        write_chime(path)
    return path
