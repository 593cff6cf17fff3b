"""Speech benchmark: how long one announcement takes to synthesize, printed as JSON.

    python bench/speech_bench.py [--runs 20]

Measures Pyttsx3Engine.synthesize_to_wav of the default announcement (target p50 and
p99 <= 100 ms), the first (cold) call separately since it loads the engine and lists
voices, and how long Announcer.announce() keeps its caller (the display's GUI thread).
"""
from __future__ import annotations

import argparse
import json
import platform
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # the checkout first

from bench.stats import summary  # noqa: E402

from kiosk.settings import Settings  # noqa: E402
from kiosk.speech.announcer import Announcer  # noqa: E402
from kiosk.speech.engine import Pyttsx3Engine  # noqa: E402
from kiosk.speech.player import wav_seconds  # noqa: E402
from kiosk.speech.text import announcement_from_settings  # noqa: E402

TARGET_MS = 100.0


class _NullEngine:
    def say(self, text: str) -> None:
        pass

    def synthesize_to_wav(self, text: str, path) -> None:
        pass


def bench_synthesis(runs: int) -> dict[str, object]:
    settings = Settings()
    text = announcement_from_settings("A012", 3, settings).spoken
    engine = Pyttsx3Engine.from_settings(settings)
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "call.wav"
        start = time.perf_counter()
        engine.synthesize_to_wav(text, out)
        cold_ms = (time.perf_counter() - start) * 1000
        warm: list[float] = []
        for _ in range(runs):
            start = time.perf_counter()
            engine.synthesize_to_wav(text, out)
            warm.append((time.perf_counter() - start) * 1000)
        audio_s = wav_seconds(out)
    stats = summary(warm)
    return {"text": text, "runs": runs, "cold_ms": round(cold_ms, 2), **stats,
            "audio_seconds": round(audio_s, 3), "target_ms": TARGET_MS,
            "within_target": stats["p99_ms"] <= TARGET_MS, **engine.describe()}


def bench_announce(calls: int) -> dict[str, object]:
    """Time spent in the caller per announce(): it must only queue."""
    null = _NullEngine()
    announcer = Announcer(Settings().with_values(speech__chime=False),
                          engine_factory=lambda s: null, player=None)
    spent = []
    try:
        for i in range(calls):
            start = time.perf_counter()
            announcer.announce(f"A{i:03d}", 3)
            spent.append((time.perf_counter() - start) * 1000)
        announcer.wait_idle(10)
    finally:
        announcer.close()
    return {"calls": calls, **summary(spent)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args(argv)
    result = {
        "benchmark": "speech",
        "python": platform.python_version(),
        "platform": platform.platform(),
        "synthesize_to_wav": bench_synthesis(args.runs),
        "announce_call": bench_announce(1000),
    }
    print(json.dumps(result, ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
