"""kiosk.speech.commands.say, as `python -m kiosk say A012 3 [--wav out.wav]` calls it."""
import io
import wave

from speech_fakes import RecordingEngine, RecordingPlayer, Timeline

from kiosk.settings import Settings
from kiosk.speech.commands import say

SPOKEN = "请 A 零 一 二 号到 三 号窗口办理"


def run(*args, **kw):
    out, err = io.StringIO(), io.StringIO()
    code = say(*args, stdout=out, stderr=err, **kw)
    return code, out.getvalue(), err.getvalue()


def test_say_writes_the_announcement_once_to_a_wav(tmp_path):
    path = tmp_path / "out.wav"
    code, out, err = run("A012", "3", str(path), Settings())
    assert (code, out, err) == (0, SPOKEN + "\n", "")
    with wave.open(str(path)) as wav:
        seconds = wav.getnframes() / wav.getframerate()
    assert 1.5 <= seconds <= 12.0  # once: two repeats would be twice as long


def test_say_prints_only_the_spoken_text_on_real_stdout(tmp_path, capfd):
    assert say("A012", 3, str(tmp_path / "out.wav"), Settings()) == 0
    captured = capfd.readouterr()  # pyttsx3's own "Audio saved to ..." must not leak
    assert (captured.out, captured.err) == (SPOKEN + "\n", "")


def test_digits_as_number_setting(tmp_path):
    settings = Settings().with_values(speech__digits_one_by_one=False)
    code, out, _ = run("A012", 12, str(tmp_path / "o.wav"), settings)
    assert (code, out) == (0, "请 A 十二 号到 十二 号窗口办理\n")


def test_bad_template_exits_1_with_an_english_error(tmp_path):
    settings = Settings().with_values(speech__template="请 {number} 号")
    code, out, err = run("A012", 3, str(tmp_path / "o.wav"), settings)
    assert (code, out) == (1, "")
    assert err.startswith("error: unknown placeholder {number}")
    assert not (tmp_path / "o.wav").exists()


def test_unwritable_wav_exits_1(tmp_path):
    code, _, err = run("A012", 3, str(tmp_path / "no" / "o.wav"), Settings())
    assert code == 1 and err.startswith("error: cannot write a WAV file")


def test_aloud_plays_chime_then_speech_once():
    timeline = Timeline()
    code, out, err = run("A012", 3, None, Settings(), engine=RecordingEngine(timeline),
                         player=RecordingPlayer(timeline))
    assert (code, out, err) == (0, SPOKEN + "\n", "")
    assert timeline.events == ["chime", SPOKEN]


def test_aloud_without_chime_setting():
    timeline = Timeline()
    settings = Settings().with_values(speech__chime=False)
    assert run("A012", 3, None, settings, engine=RecordingEngine(timeline),
               player=RecordingPlayer(timeline))[0] == 0
    assert timeline.events == [SPOKEN]


def test_aloud_without_any_player_exits_1():
    code, _, err = run("A012", 3, None, Settings(), engine=RecordingEngine(Timeline()), player=None)
    assert code == 1 and "no audio player found" in err


def test_aloud_with_a_failing_device_exits_1():
    class BrokenPlayer:
        def play(self, path):
            from kiosk.speech.faults import AUDIO_DEVICE, SpeechFault
            raise SpeechFault(AUDIO_DEVICE, "无法播放声音", "aplay failed with exit code 1: no card")

    code, _, err = run("A012", 3, None, Settings(), engine=RecordingEngine(Timeline()),
                       player=BrokenPlayer())
    assert (code, err) == (1, "error: aplay failed with exit code 1: no card\n")
