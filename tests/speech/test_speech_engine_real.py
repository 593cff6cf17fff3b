"""The real pyttsx3 side: espeak-ng on Linux (a Chinese SAPI5 voice elsewhere).

On Linux these tests need the Debian packages espeak-ng and libespeak-ng1 and fail
without them: a hall PC without a voice must not pass CI by skipping.
"""
import array
import math
import sys
import threading
import wave

import pytest
from speech_fakes import WAIT_S, Faults, Timeline

from kiosk.settings import Settings
from kiosk.speech.announcer import Announcer
from kiosk.speech.engine import Pyttsx3Engine
from kiosk.speech.faults import ENGINE_ERROR, NO_ENGINE, NO_VOICE, SpeechFault
from kiosk.speech.player import wav_seconds

SENTENCE = "请 A 零 一 二 号到 三 号窗口办理"
LINUX = sys.platform.startswith("linux")


def wav_stats(path) -> tuple[float, float, tuple[int, int]]:
    """(seconds, RMS of 16-bit samples, (channels, sample width))."""
    with wave.open(str(path), "rb") as wav:
        frames = wav.readframes(wav.getnframes())
        shape = (wav.getnchannels(), wav.getsampwidth())
        seconds = wav.getnframes() / wav.getframerate()
    samples = array.array("h", frames)
    if sys.byteorder == "big":
        samples.byteswap()
    return seconds, math.sqrt(sum(s * s for s in samples) / max(1, len(samples))), shape


@pytest.fixture
def engine() -> Pyttsx3Engine:
    engine = Pyttsx3Engine.from_settings(Settings())
    if not LINUX:
        try:
            engine.voice_id
        except SpeechFault as fault:
            pytest.skip(f"no usable TTS voice on this {sys.platform} machine: {fault}")
    return engine


def test_real_synthesis_is_a_plausible_non_silent_wav(engine, tmp_path):
    out = tmp_path / "call.wav"
    engine.synthesize_to_wav(SENTENCE, out)
    seconds, rms, shape = wav_stats(out)
    assert 1.5 <= seconds <= 12.0
    assert rms > 300  # silence is 0; espeak speech is ~3000
    assert shape == (1, 2)
    assert [p.name for p in tmp_path.iterdir()] == ["call.wav"]  # no temp file left


@pytest.mark.skipif(not LINUX, reason="espeak-ng voice ids")
def test_espeak_uses_the_mandarin_pinyin_voice(engine):
    assert engine.voice_id == "sit/cmn-latn-pinyin"


def test_reused_engine_with_changing_rate_never_loses_an_utterance(tmp_path):
    """pyttsx3's espeak driver cancels an utterance whose runAndWait starts while a
    property change is still queued; the engine must hide that."""
    slow = Pyttsx3Engine.from_settings(Settings())
    fast = Pyttsx3Engine.from_settings(Settings(machine={"speech.rate": 300}))
    durations = {"slow": [], "fast": []}
    for i in range(12):
        name, eng = ("fast", fast) if i % 2 else ("slow", slow)
        eng.synthesize_to_wav(SENTENCE, tmp_path / f"{i}.wav")
        durations[name].append(wav_seconds(tmp_path / f"{i}.wav"))
    assert max(durations["fast"]) < min(durations["slow"])
    assert max(durations["slow"]) - min(durations["slow"]) < 0.05


def test_louder_volume_gives_a_louder_wav(tmp_path):
    loud = Pyttsx3Engine.from_settings(Settings())
    quiet = Pyttsx3Engine.from_settings(Settings(machine={"speech.volume": 0.3}))
    loud.synthesize_to_wav(SENTENCE, tmp_path / "loud.wav")
    quiet.synthesize_to_wav(SENTENCE, tmp_path / "quiet.wav")
    assert wav_stats(tmp_path / "quiet.wav")[1] < 0.6 * wav_stats(tmp_path / "loud.wav")[1]


def test_synthesis_from_other_threads_is_serialised(tmp_path):
    engine = Pyttsx3Engine.from_settings(Settings())
    errors: list[BaseException] = []

    def work(i: int) -> None:
        try:
            engine.synthesize_to_wav(SENTENCE, tmp_path / f"t{i}.wav")
        except BaseException as exc:  # reported below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(i,)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(WAIT_S)
    assert not errors
    seconds = [wav_seconds(tmp_path / f"t{i}.wav") for i in range(4)]
    # espeak's length varies by a few samples right after a rate change elsewhere
    assert max(seconds) - min(seconds) < 0.05 and min(seconds) >= 1.5


def test_say_plays_a_real_wav_through_the_player(tmp_path):
    timeline = Timeline()
    heard = []

    class CheckingPlayer:
        def play(self, path):
            heard.append(wav_stats(path))
            timeline.sound("speech")

    Pyttsx3Engine.from_settings(Settings(), player=CheckingPlayer()).say(SENTENCE)
    (seconds, rms, _), = heard
    assert 1.5 <= seconds <= 12.0 and rms > 300


def test_announcer_with_the_real_engine_plays_chime_then_speech_twice(tmp_path):
    timeline = Timeline()
    heard = []

    class CheckingPlayer:
        name = "checking"

        def play(self, path):
            heard.append(round(wav_seconds(path), 2))
            timeline.sound("chime" if str(path).endswith("chime.wav") else "speech")

    faults = Faults()
    with Announcer(Settings(), player=CheckingPlayer(), on_fault=faults,
                   chime_path=tmp_path / "chime.wav") as announcer:
        announcer.announce("A012", 3)
        assert announcer.wait_idle(WAIT_S * 3)
    assert faults.calls == []
    assert timeline.events == ["chime", "speech", "speech"]
    assert heard[0] < 2.0 and 1.5 <= heard[1] == heard[2] <= 12.0


def test_write_failure_is_an_engine_error(engine, tmp_path):
    with pytest.raises(SpeechFault) as caught:
        engine.synthesize_to_wav(SENTENCE, tmp_path / "missing-dir" / "x.wav")
    assert caught.value.kind == ENGINE_ERROR
    with pytest.raises(SpeechFault) as caught:
        engine.synthesize_to_wav("  ", tmp_path / "x.wav")
    assert caught.value.kind == ENGINE_ERROR


def test_driver_that_cannot_load_is_no_engine(tmp_path):
    with pytest.raises(SpeechFault) as caught:
        Pyttsx3Engine(voice="", rate=150, volume=1.0, driver="nosuch").synthesize_to_wav(
            SENTENCE, tmp_path / "x.wav")
    assert caught.value.kind == NO_ENGINE and "nosuch" in caught.value.message_en


def test_pyttsx3_driver_without_chinese_voice_is_no_voice(tmp_path):
    # pyttsx3's own "dummy" driver lists English voices only
    with pytest.raises(SpeechFault) as caught:
        Pyttsx3Engine(voice="", rate=150, volume=1.0, driver="dummy").voice_id
    assert caught.value.kind == NO_VOICE


def test_exception_inside_pyttsx3_becomes_an_engine_error(tmp_path):
    # the dummy driver has no save_to_file: pyttsx3 reports it through its "error" event
    engine = Pyttsx3Engine(voice="dummy.voice1", rate=150, volume=1.0, driver="dummy")
    with pytest.raises(SpeechFault) as caught:
        engine.synthesize_to_wav(SENTENCE, tmp_path / "x.wav")
    assert caught.value.kind == ENGINE_ERROR and "save_to_file" in caught.value.message_en
    assert not (tmp_path / "x.wav").exists()
