"""The announcer with fake engines: order, repeats, no overlap, faults, close()."""
import threading

import pytest
from speech_fakes import WAIT_S, RecordingEngine, RecordingPlayer, engine_error

from kiosk.speech.announcer import Announcer
from kiosk.speech.faults import AUDIO_DEVICE, BAD_INPUT, BAD_TEMPLATE, ENGINE_ERROR, NO_ENGINE, SpeechFault

A = "请 A 零 一 二 号到 三 号窗口办理"
B = "请 B 零 零 七 号到 十二 号窗口办理"


def make(settings, engine, *, faults=None, player=None, **kw) -> Announcer:
    return Announcer(settings, engine_factory=lambda s: engine, player=player,
                     on_fault=faults, **kw)


def test_calls_are_spoken_in_order_with_repeats_and_recall(settings, timeline):
    engine = RecordingEngine(timeline)
    with make(settings, engine) as announcer:
        announcer.announce("A012", 3)
        announcer.announce("B007", "12")
        announcer.recall("A012", 3)
        assert announcer.wait_idle(WAIT_S)
    assert timeline.events == [A, A, B, B, A, A]
    assert timeline.overlaps == []
    assert engine.threads == {"speech-announcer"}  # spoken on the worker, not the caller


def test_announce_returns_at_once_while_speech_is_playing(settings, timeline):
    gate = threading.Event()
    engine = RecordingEngine(timeline, gate=gate)
    with make(settings, engine) as announcer:
        announcer.announce("A012", 3)
        assert engine.started.wait(WAIT_S)       # the worker is now inside say()
        announcer.announce("B007", 12)           # these return although say() is blocked
        announcer.recall("A012", 3)
        assert announcer.pending == 3
        assert timeline.events == [A]
        gate.set()
        assert announcer.wait_idle(WAIT_S)
    assert timeline.events == [A, A, B, B, A, A]
    assert timeline.overlaps == []


def test_chime_plays_once_before_each_call_on_the_same_timeline(settings, timeline, tmp_path):
    player = RecordingPlayer(timeline)
    settings = settings.with_values(speech__chime=True, speech__repeat=3)
    with make(settings, RecordingEngine(timeline), player=player,
              chime_path=tmp_path / "chime.wav") as announcer:
        announcer.announce("A012", 3)
        announcer.announce("B007", 12)
        assert announcer.wait_idle(WAIT_S)
    assert timeline.events == ["chime", A, A, A, "chime", B, B, B]
    assert (tmp_path / "chime.wav").is_file() and player.played[0][0] > 0


def test_without_a_player_the_chime_is_skipped_and_logged_once(settings, timeline, caplog):
    settings = settings.with_values(speech__chime=True, speech__repeat=1)
    with make(settings, RecordingEngine(timeline), player=None) as announcer:
        announcer.announce("A012", 3)
        announcer.announce("A012", 3)
        assert announcer.wait_idle(WAIT_S)
    assert timeline.events == [A, A]
    assert caplog.text.count("without a chime") == 1


def test_speech_disabled_queues_nothing(settings, timeline):
    with make(settings.with_values(speech__enabled=False), RecordingEngine(timeline)) as announcer:
        announcer.announce("A012", 3)
        assert announcer.pending == 0
        assert announcer.wait_idle(WAIT_S)
    assert timeline.events == []


@pytest.mark.parametrize("failure", [engine_error("synth exploded"), RuntimeError("driver bug")])
def test_failing_engine_reports_a_fault_and_later_calls_are_spoken(settings, timeline, faults, failure):
    engine = RecordingEngine(timeline, fail_first=[failure])
    with make(settings, engine, faults=faults) as announcer:
        announcer.announce("A012", 3)  # must not raise although say() will
        announcer.announce("B007", 12)
        assert announcer.wait_idle(WAIT_S)
    assert timeline.events == [B, B]   # the failed call is dropped, not retried
    assert faults.kinds == [ENGINE_ERROR]
    kind, message_en, message_zh = faults.calls[0]
    assert ("synth exploded" in message_en) or ("RuntimeError: driver bug" in message_en)
    assert message_zh


def test_no_engine_is_reported_then_retried_on_the_next_call(settings, timeline, faults):
    engine = RecordingEngine(timeline)
    attempts = []

    def factory(s):
        attempts.append(s)
        if len(attempts) == 1:
            raise SpeechFault(NO_ENGINE, "语音引擎无法启动", "pyttsx3 driver 'espeak' failed to start")
        return engine

    with Announcer(settings, engine_factory=factory, player=None, on_fault=faults) as announcer:
        announcer.announce("A012", 3)
        announcer.announce("B007", 12)
        assert announcer.wait_idle(WAIT_S)
    assert faults.kinds == [NO_ENGINE]
    assert len(attempts) == 2
    assert timeline.events == [B, B]


def test_audio_fault_keeps_the_engine(settings, timeline, faults):
    no_device = SpeechFault(AUDIO_DEVICE, "无法播放声音", "aplay failed with exit code 1")
    engine = RecordingEngine(timeline, fail_first=[no_device, no_device])
    built = []
    with Announcer(settings, engine_factory=lambda s: built.append(s) or engine,
                   player=None, on_fault=faults) as announcer:
        for _ in range(3):
            announcer.announce("A012", 3)
        assert announcer.wait_idle(WAIT_S)
    assert faults.kinds == [AUDIO_DEVICE, AUDIO_DEVICE]
    assert len(built) == 1
    assert timeline.events == [A, A]


def test_a_raising_fault_handler_does_not_stop_the_worker(settings, timeline):
    def bad_handler(*args):
        raise ValueError("handler bug")

    engine = RecordingEngine(timeline, fail_first=[engine_error()])
    with make(settings, engine, faults=bad_handler) as announcer:
        announcer.announce("A012", 3)
        announcer.announce("B007", 12)
        assert announcer.wait_idle(WAIT_S)
    assert timeline.events == [B, B]


def test_bad_template_falls_back_to_the_declared_default(settings, timeline, faults):
    settings = settings.with_values(speech__template="请 {number} 号", speech__repeat=1)
    with make(settings, RecordingEngine(timeline), faults=faults) as announcer:
        announcer.announce("A012", 3)
        assert announcer.wait_idle(WAIT_S)
    assert timeline.events == [A]
    assert faults.kinds == [BAD_TEMPLATE]
    assert "{number}" in faults.calls[0][1] and "默认模板" in faults.calls[0][2]


def test_unreadable_call_is_reported_and_dropped(settings, timeline, faults):
    with make(settings.with_values(speech__repeat=1), RecordingEngine(timeline),
              faults=faults) as announcer:
        announcer.announce("", 3)
        announcer.announce("A012", -5)
        announcer.announce("A012", 3)
        assert announcer.wait_idle(WAIT_S)
    assert faults.kinds == [BAD_INPUT, BAD_INPUT]
    assert timeline.events == [A]


def test_settings_change_applies_to_later_calls_and_rebuilds_the_engine(settings, timeline):
    engine = RecordingEngine(timeline)
    built = []
    with Announcer(settings.with_values(speech__repeat=1), player=None,
                   engine_factory=lambda s: built.append(s.get("speech.rate")) or engine) as announcer:
        announcer.announce("A012", 3)
        assert announcer.wait_idle(WAIT_S)
        announcer.set_settings(settings.with_values(speech__repeat=1, speech__digits_one_by_one=False))
        announcer.announce("A012", 3)
        assert announcer.wait_idle(WAIT_S)
        announcer.set_settings(settings.with_values(speech__repeat=1, speech__rate=200))
        announcer.announce("A012", 3)
        assert announcer.wait_idle(WAIT_S)
    assert timeline.events == [A, "请 A 十二 号到 三 号窗口办理", A]
    assert built == [150, 200]  # rebuilt only when voice/rate/volume changed


def test_close_finishes_the_current_utterance_and_drops_the_rest(settings, timeline):
    gate = threading.Event()
    engine = RecordingEngine(timeline, gate=gate)
    announcer = make(settings, engine)
    announcer.announce("A012", 3)
    assert engine.started.wait(WAIT_S)
    announcer.announce("B007", 12)
    assert announcer.close(timeout=0) is False  # stopping, but A is still playing
    announcer.announce("C001", 1)               # ignored after close, never raises
    gate.set()
    assert announcer.close(timeout=WAIT_S) is True
    assert timeline.events == [A]               # no second repeat, B and C dropped
    assert announcer.pending == 0
    assert announcer.wait_idle(0)


def test_close_is_idempotent_and_stops_the_thread(settings, timeline):
    announcer = make(settings, RecordingEngine(timeline))
    assert announcer.close(WAIT_S) and announcer.close(WAIT_S)
    assert not announcer._thread.is_alive()


def test_close_from_the_fault_handler_does_not_deadlock(settings, timeline):
    holder = {}
    handled = threading.Event()

    def close_on_fault(kind, en, zh):
        holder["result"] = holder["announcer"].close(WAIT_S)
        handled.set()

    engine = RecordingEngine(timeline, fail_first=[engine_error()])
    announcer = make(settings, engine, faults=close_on_fault)
    holder["announcer"] = announcer
    announcer.announce("A012", 3)
    announcer.announce("B007", 12)
    assert handled.wait(WAIT_S)
    assert announcer.close(WAIT_S) is True
    assert holder["result"] is False and timeline.events == []


def test_repeated_faults_are_logged_once_but_always_reported(settings, timeline, faults, caplog):
    failures = [engine_error("device gone") for _ in range(3)]
    with make(settings, RecordingEngine(timeline, fail_first=failures), faults=faults) as announcer:
        for _ in range(4):
            announcer.announce("A012", 3)
        assert announcer.wait_idle(WAIT_S)
    assert faults.kinds == [ENGINE_ERROR] * 3
    assert caplog.text.count("device gone") == 1  # WARNING once; repeats go to DEBUG
    assert timeline.events == [A, A]
