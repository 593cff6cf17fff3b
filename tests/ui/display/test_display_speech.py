"""Calls reach the real kiosk.speech Announcer (with a fake engine at its engine seam):
in order, recalls again, never blocking the GUI thread; a failing engine leaves the
display working, shows a discreet mark and records a device fault."""
from __future__ import annotations

import threading

from sqlalchemy import select

from kiosk.queue.actions import calling, staff
from kiosk.queue.demo import clerk_no
from kiosk.queue.store.models import Event
from kiosk.settings import Settings
from kiosk.speech.faults import NO_ENGINE, SpeechFault
from kiosk.ui.display.speech_hookup import (
    SpeechHookup, fault_recorder, make_announcer, recovery_recorder)
from tests.helpers import open_window, take

WAIT_MS = 8000
QUIET = Settings().with_values(speech__chime=False, speech__repeat=1)


class ScriptEngine:
    """A SpeechEngine that records what it says; ``gate`` holds each sentence until
    the test opens it (a voice still speaking)."""

    def __init__(self, gate: threading.Event | None = None) -> None:
        self.said: list[str] = []
        self.speaking = threading.Event()
        self.gate = gate

    def say(self, text: str) -> None:
        self.speaking.set()
        if self.gate is not None:
            assert self.gate.wait(10), "the test never let the voice finish"
        self.said.append(text)

    def synthesize_to_wav(self, text, path) -> None:
        raise AssertionError("the display never writes WAV files")


def real_announcer(ctx, engine_factory):
    hookup = SpeechHookup(fault_recorder(ctx), recovery_recorder(ctx))
    return hookup, make_announcer(QUIET, hookup, engine_factory=engine_factory, player=None)


def fault_events(ctx) -> list[dict]:
    with ctx.db.read() as session:
        return [e.payload for e in session.scalars(
            select(Event).where(Event.action == "device_fault"))]


def test_calls_and_recalls_are_spoken_in_order(sqlite_ctx, make_display, qtbot):
    ctx = sqlite_ctx
    engine = ScriptEngine()
    hookup, announcer = real_announcer(ctx, lambda settings: engine)
    open_window(ctx, 1)
    open_window(ctx, 3)
    take(ctx, "SCJG-001")
    take(ctx, "WJW-002")
    make_display(ctx, announcer, settings=QUIET, hookup=hookup)

    calling.call_next(ctx, window=1, staff_no=clerk_no(1))
    calling.call_next(ctx, window=3, staff_no=clerk_no(3))
    calling.recall(ctx, window=1, staff_no=clerk_no(1))

    qtbot.waitUntil(lambda: len(engine.said) == 3, timeout=WAIT_MS)
    assert engine.said == ["请 A 零 零 一 号到 一 号窗口办理",
                           "请 B 零 零 一 号到 三 号窗口办理",
                           "请 A 零 零 一 号到 一 号窗口办理"]


def test_the_display_moves_on_while_a_call_is_being_spoken(sqlite_ctx, make_display, qtbot):
    ctx = sqlite_ctx
    gate = threading.Event()
    engine = ScriptEngine(gate)
    hookup, announcer = real_announcer(ctx, lambda settings: engine)
    open_window(ctx, 1)
    open_window(ctx, 3)
    take(ctx, "SCJG-001")
    take(ctx, "WJW-002")
    display = make_display(ctx, announcer, settings=QUIET, hookup=hookup)
    try:
        calling.call_next(ctx, window=1, staff_no=clerk_no(1))
        qtbot.waitUntil(engine.speaking.is_set, timeout=WAIT_MS)   # A001 is being spoken
        calling.call_next(ctx, window=3, staff_no=clerk_no(3))
        qtbot.waitUntil(lambda: display.screen.newest.code.text() == "B001", timeout=WAIT_MS)
        assert engine.said == []                                   # still on the first
    finally:
        gate.set()
    qtbot.waitUntil(lambda: len(engine.said) == 2, timeout=WAIT_MS)
    assert [text.split()[1] for text in engine.said] == ["A", "B"]


def test_a_missing_engine_does_not_stop_the_display(ctx, make_display, qtbot):
    def no_engine(settings):
        raise SpeechFault(NO_ENGINE, "语音引擎无法启动", "pyttsx3 driver 'espeak' failed")

    hookup, announcer = real_announcer(ctx, no_engine)
    open_window(ctx, 1)
    take(ctx, "SCJG-001")
    take(ctx, "SCJG-001")
    display = make_display(ctx, announcer, settings=QUIET, hookup=hookup)
    header = display.screen.header

    with qtbot.waitSignal(hookup.fault_reported, timeout=WAIT_MS):
        calling.call_next(ctx, window=1, staff_no=clerk_no(1))
    qtbot.waitUntil(lambda: display.screen.newest.code.text() == "A001", timeout=WAIT_MS)
    qtbot.waitUntil(lambda: header.speech_mark.isVisibleTo(header), timeout=WAIT_MS)
    assert header.speech_mark.text() == "⚠ 语音播报不可用"
    qtbot.waitUntil(lambda: len(fault_events(ctx)) == 1, timeout=WAIT_MS)
    fault = fault_events(ctx)[0]
    assert (fault["device"], fault["kind"]) == ("speech", NO_ENGINE)

    calling.recall(ctx, window=1, staff_no=clerk_no(1))   # the display goes on
    qtbot.waitUntil(lambda: display.screen.newest.tag.isVisibleTo(display.screen.newest),
                    timeout=WAIT_MS)
    assert len(fault_events(ctx)) == 1   # recorded once, not once per call


def test_speech_that_comes_back_clears_the_mark_and_tells_the_manager(sqlite_ctx,
                                                                      make_display, qtbot):
    ctx = sqlite_ctx
    engine = ScriptEngine()
    broken = [True]

    def flaky_engine(settings):
        if broken[0]:
            raise SpeechFault(NO_ENGINE, "语音引擎无法启动", "no audio device yet")
        return engine

    hookup, announcer = real_announcer(ctx, flaky_engine)
    open_window(ctx, 1)
    take(ctx, "SCJG-001")
    take(ctx, "SCJG-001")
    display = make_display(ctx, announcer, settings=QUIET, hookup=hookup)
    header = display.screen.header
    calling.call_next(ctx, window=1, staff_no=clerk_no(1))
    qtbot.waitUntil(lambda: header.speech_mark.isVisibleTo(header), timeout=WAIT_MS)
    broken[0] = False                                      # the speakers are plugged in
    with qtbot.waitSignal(hookup.speech_recovered, timeout=WAIT_MS):
        calling.recall(ctx, window=1, staff_no=clerk_no(1))
    qtbot.waitUntil(lambda: not header.speech_mark.isVisibleTo(header), timeout=WAIT_MS)
    assert engine.said == ["请 A 零 零 一 号到 一 号窗口办理"]

    def recovered():
        with ctx.db.read() as session:
            return session.scalars(select(Event.payload).where(
                Event.action == "device_recovered")).all()

    qtbot.waitUntil(lambda: recovered() == [{"device": "speech"}], timeout=WAIT_MS)


def test_an_engine_that_crashes_mid_sentence_is_contained(sqlite_ctx, make_display, qtbot):
    class Crashing:
        def say(self, text):
            raise OSError("ALSA: no such device")

    hookup, announcer = real_announcer(sqlite_ctx, lambda settings: Crashing())
    open_window(sqlite_ctx, 1)
    take(sqlite_ctx, "SCJG-001")
    display = make_display(sqlite_ctx, announcer, settings=QUIET, hookup=hookup)
    with qtbot.waitSignal(hookup.fault_reported, timeout=WAIT_MS,
                          check_params_cb=lambda kind, _en: kind == "engine_error"):
        calling.call_next(sqlite_ctx, window=1, staff_no=clerk_no(1))
    qtbot.waitUntil(lambda: display.screen.newest.code.text() == "A001", timeout=WAIT_MS)
    qtbot.waitUntil(lambda: len(fault_events(sqlite_ctx)) == 1, timeout=WAIT_MS)


def test_speech_settings_reach_the_announcer_live(sqlite_ctx, make_display, announcer,
                                                   qtbot):
    display = make_display(sqlite_ctx, announcer)
    assert announcer.settings.get("speech.repeat") == 2
    staff.set_hall_setting(sqlite_ctx, name="speech.repeat", value=3)
    qtbot.waitUntil(lambda: announcer.settings.get("speech.repeat") == 3, timeout=WAIT_MS)
    assert display.controller.settings.get("speech.repeat") == 3


def test_speech_off_uses_a_silent_announcer(sqlite_ctx, make_display, qtbot):
    from kiosk.ui.display.speech_hookup import NullAnnouncer

    open_window(sqlite_ctx, 1)
    take(sqlite_ctx, "SCJG-001")
    display = make_display(sqlite_ctx, NullAnnouncer())
    calling.call_next(sqlite_ctx, window=1, staff_no=clerk_no(1))
    qtbot.waitUntil(lambda: display.screen.newest.code.text() == "A001", timeout=WAIT_MS)
