"""The chime WAV and the player programs (through stand-in commands, not a sound card)."""
import array
import math
import sys
import wave

import pytest

from kiosk.speech.chime import SAMPLE_RATE, ensure_chime, write_chime
from kiosk.speech.faults import AUDIO_DEVICE, SpeechFault
from kiosk.speech.player import CommandPlayer, WinsoundPlayer, find_player, no_player_fault, wav_seconds


def rms(path) -> float:
    with wave.open(str(path), "rb") as wav:
        samples = array.array("h", wav.readframes(wav.getnframes()))
    if sys.byteorder == "big":
        samples.byteswap()
    return math.sqrt(sum(s * s for s in samples) / max(1, len(samples)))


def test_chime_is_a_short_audible_mono_wav(tmp_path):
    path = write_chime(tmp_path / "chime.wav")
    with wave.open(str(path), "rb") as wav:
        assert (wav.getnchannels(), wav.getsampwidth(), wav.getframerate()) == (1, 2, SAMPLE_RATE)
    assert 0.8 <= wav_seconds(path) <= 2.0
    assert rms(path) > 1000
    assert not list(tmp_path.glob("*.tmp*")) and len(list(tmp_path.iterdir())) == 1


def test_chime_is_reproducible_and_written_once(tmp_path):
    first = write_chime(tmp_path / "a.wav").read_bytes()
    assert write_chime(tmp_path / "b.wav").read_bytes() == first
    path = tmp_path / "c.wav"
    path.write_bytes(b"kept")
    assert ensure_chime(path).read_bytes() == b"kept"  # an existing file is reused
    assert ensure_chime(tmp_path / "sub" / "d.wav").read_bytes() == first


def test_wav_seconds_of_a_broken_file_is_zero(tmp_path):
    (tmp_path / "x.wav").write_bytes(b"RIFF????")
    assert wav_seconds(tmp_path / "x.wav") == 0.0
    assert wav_seconds(tmp_path / "missing.wav") == 0.0


def test_command_player_runs_without_a_shell_and_blocks_until_done(tmp_path):
    chime = write_chime(tmp_path / "chime.wav")
    marker = tmp_path / "played.txt"
    script = ("import sys, wave, pathlib; w = wave.open(sys.argv[2]); "
              "pathlib.Path(sys.argv[1]).write_text(str(w.getnframes()))")
    CommandPlayer([sys.executable, "-c", script, str(marker)]).play(chime)
    with wave.open(str(chime)) as wav:
        assert marker.read_text() == str(wav.getnframes())


def test_command_player_failure_is_an_audio_device_fault(tmp_path):
    chime = write_chime(tmp_path / "chime.wav")
    script = "import sys; sys.stderr.write('no default audio device\\n'); sys.exit(3)"
    with pytest.raises(SpeechFault) as caught:
        CommandPlayer([sys.executable, "-c", script]).play(chime)
    assert caught.value.kind == AUDIO_DEVICE
    assert "exit code 3" in caught.value.message_en
    assert "no default audio device" in caught.value.message_en
    with pytest.raises(SpeechFault) as caught:
        CommandPlayer([str(tmp_path / "no-such-player")]).play(chime)
    assert caught.value.kind == AUDIO_DEVICE


def test_find_player_per_platform(monkeypatch):
    assert isinstance(find_player("win32"), WinsoundPlayer)
    monkeypatch.setattr("shutil.which", lambda name: f"/usr/bin/{name}" if name == "aplay" else None)
    player = find_player("linux")
    assert player.argv == ("/usr/bin/aplay", "-q")
    monkeypatch.setattr("shutil.which", lambda name: None)
    assert find_player("linux") is None
    fault = no_player_fault("linux")
    assert fault.kind == AUDIO_DEVICE and "aplay" in fault.message_en and "paplay" in fault.message_en
