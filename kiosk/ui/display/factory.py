"""Builds a display from its parts, every part injectable: the hall context, this
machine's settings, the announcer, and (for tests) the feed bridge."""
from __future__ import annotations

import dataclasses

from PySide6.QtWidgets import QWidget

from kiosk.clock import hall_day
from kiosk.errors import InvalidInput
from kiosk.queue.reads.display import DisplayArea, DisplayState, display_state
from kiosk.settings import Settings
from kiosk.ui.display.controller import DisplayController
from kiosk.ui.display.loader import StateLoader
from kiosk.ui.display.speech_hookup import SpeechHookup, fault_recorder, recovery_recorder

#: calls kept in the state: the newest plus the longest list display.recent_calls allows
MAX_CALLS = 21


@dataclasses.dataclass
class Display:
    """A built display: ``screen`` to show, ``controller`` that feeds it."""

    screen: QWidget
    controller: DisplayController
    mode: str

    def start(self) -> None:
        self.controller.start()
        self.screen.start()

    def stop(self) -> None:
        self.screen.stop()
        self.controller.stop()


def waiting_state(ctx, timezone: str = "Asia/Shanghai") -> DisplayState:
    """What a display shows before its first read has come back: no hall, no calls."""
    return DisplayState(hall_id=0, hall_name="", timezone=timezone,
                        day=hall_day(ctx.clock.now(), timezone), last_event_id=0,
                        calls=(), windows=(), services=())


def build_display(ctx, settings: Settings, announcer, *, mode: str | None = None,
                  portrait: bool | None = None, window: int | None = None,
                  hookup: SpeechHookup | None = None, bridge=None,
                  speak: bool | None = None, feed_wait_s: float = 0.5,
                  state: DisplayState | None = None, area: DisplayArea | None = None
                  ) -> Display:
    """The hall display (``mode`` "hall") or one window's screen ("window").

    ``speak``: announce calls (default: the hall display does, a window screen does not,
    since the hall display already speaks every call).
    ``settings``: this machine's options (display.mode, display.portrait, window.number
    are the defaults of ``mode``, ``portrait`` and ``window``); the hall's stored options
    come from the database on top. ``announcer`` speaks the calls (a window screen
    speaks only its own window's calls). ``bridge`` defaults to a FeedBridge on
    ``ctx.db`` (``feed_wait_s``: how long one feed wait lasts, i.e. how quickly it
    notices stop).

    Nothing is read here: the first state is read by the loader's thread once the
    display starts, and the feed then follows from that snapshot's event id, so no
    event falls between. ``state``: a snapshot start-up code already read (before the
    event loop); the screens are drawn from it at once and the feed follows from it.
    ``area``: a per-area hall screen (``--area`` / ``--queues``): its windows, calls
    and queues only.
    """
    from kiosk.ui.feed_bridge import FeedBridge

    mode = mode or settings.get("display.mode")
    portrait = settings.get("display.portrait") if portrait is None else portrait
    if mode == "window":
        window = window or settings.get("window.number")
        if not window:
            raise InvalidInput("窗口屏需要指定窗口号（--window N）",
                               "window-screen mode needs a window number: --window N")
    elif mode != "hall":
        raise InvalidInput(f"未知的显示模式：{mode}", f"unknown display mode {mode!r}")
    if speak is None:
        speak = mode == "hall"
    loaded = state is not None
    if state is None:
        state = waiting_state(ctx)
    if hookup is None:
        hookup = SpeechHookup(fault_recorder(ctx), recovery_recorder(ctx))
    hookup.attach(announcer)
    if bridge is None:
        bridge = FeedBridge(ctx.db, after_event_id=state.last_event_id if loaded else None,
                            wait_s=feed_wait_s)
    loader = StateLoader(lambda: display_state(ctx, calls=MAX_CALLS, area=area))
    controller = DisplayController(ctx, settings, state, bridge, loader, hookup,
                                   loaded=loaded, area=area,
                                   speak=speak, calls_kept=MAX_CALLS,
                                   speak_window=window if mode == "window" else None)
    if mode == "window":
        from kiosk.ui.display.window_screen import WindowScreen

        screen = WindowScreen(controller, window, portrait=portrait)
    else:
        from kiosk.ui.display.hall_screen import HallScreen

        screen = HallScreen(controller, portrait=portrait)
    return Display(screen=screen, controller=controller, mode=mode)
