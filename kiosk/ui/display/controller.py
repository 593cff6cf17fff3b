"""What the display knows and when it changes: follows the feed bridge, reloads through
the state loader, speaks calls through the speech hookup, and tells the screens.

The screens never read the database; they draw what this object's signals carry, and
nothing here reads it on the GUI thread either: every read, the first one included, runs
on the loader's thread. The feed starts once the first state is in, following from that
snapshot's event id. Data changes arrive only through the FeedBridge (no table polling);
the only timer here is a once-a-second check for the hall day changing at midnight,
which then reloads.
"""
from __future__ import annotations

import logging

from PySide6.QtCore import QObject, QTimer, Signal

from kiosk.queue.reads.display import CallView, DisplayState
from kiosk.settings import Settings
from kiosk.ui.display import reducer
from kiosk.ui.display.loader import StateLoader
from kiosk.ui.display.speech_hookup import SpeechHookup

log = logging.getLogger(__name__)

RETRY_MS = 2000  # a failed read is retried once after this, when the feed still answers


class DisplayController(QObject):
    """Owns the display's state; ``start()`` begins following the feed, ``stop()`` ends
    every thread it started (feed, loader, announcer)."""

    #: the state to show changed (a DisplayState)
    state_changed = Signal(object)
    #: a call or recall just arrived from the feed (a CallView): highlight it
    call_arrived = Signal(object)
    #: the scrolling notice text changed
    notice_changed = Signal(str)
    #: the database became unreachable (False) or reachable again (True)
    connection_changed = Signal(bool)
    #: speech stopped working for a lasting reason (Chinese message)
    speech_failed = Signal(str)
    #: speech works again after a lasting fault
    speech_recovered = Signal()
    #: the first state was read: the screens show the hall from now on
    first_state_loaded = Signal()

    def __init__(self, ctx, settings: Settings, state: DisplayState, bridge, loader: StateLoader,
                 speech: SpeechHookup, *, speak_window: int | None = None,
                 speak: bool = True, calls_kept: int = 21, loaded: bool = True,
                 area=None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        #: a per-area screen's DisplayArea: other areas' calls are neither shown nor spoken
        self.area = area
        #: False until a state read from the database is in (``state`` is a stand-in)
        self.loaded = loaded
        self._following = False
        self.base_settings = settings
        self.state = state
        self.settings = reducer.merged_settings(settings, state.hall_settings)
        self.bridge = bridge
        self.loader = loader
        self.speech = speech
        self.connected = True
        self._feed_ok = True
        self._load_ok = True
        self._speak = speak
        self._calls_kept = calls_kept
        self._speak_window = speak_window  # window-screen mode: only its own calls
        self._relevant_id = state.last_event_id  # newest event that asked for a reload
        self._day = state.day
        bridge.events_arrived.connect(self._on_events)
        bridge.connection_lost.connect(self._on_connection_lost)
        bridge.connection_restored.connect(self._on_connection_restored)
        loader.state_loaded.connect(self._on_state_loaded)
        loader.load_failed.connect(self._on_load_failed)
        speech.speech_failed.connect(lambda _kind, zh: self.speech_failed.emit(zh))
        speech.speech_recovered.connect(self.speech_recovered)
        speech.set_settings(self.settings)
        self._day_timer = QTimer(self)
        self._day_timer.setInterval(1000)
        self._day_timer.timeout.connect(self._check_day)

    @property
    def notice(self) -> str:
        return self.settings.get("display.notice")

    @property
    def recent_limit(self) -> int:
        return self.settings.get("display.recent_calls")

    def start(self) -> None:
        self.loader.start()
        if self.loaded:
            self._follow_feed()
        else:
            self.loader.request()  # the feed starts from the snapshot it brings
        self._day_timer.start()

    def _follow_feed(self) -> None:
        if self._following:
            return
        self._following = True
        follow_from = getattr(self.bridge, "follow_from", None)
        if follow_from is not None and self.state.last_event_id:
            follow_from(self.state.last_event_id)
        self.bridge.start()

    def stop(self) -> None:
        self._day_timer.stop()
        for step in (self.bridge.stop, self.loader.stop, self.speech.close):
            try:
                step()
            except Exception:  # noqa: BLE001 - stop the rest whatever happens
                log.exception("display shutdown step failed")

    def reload(self) -> None:
        """Ask for a fresh read (it arrives as ``state_changed``)."""
        self.loader.request()

    # --- the feed --------------------------------------------------------------------

    def _on_events(self, events: list) -> None:
        reload = False
        for event in events:
            if event.hall_id != self.state.hall_id:
                continue
            if reducer.needs_reload(event.action):
                reload = True
                self._relevant_id = max(self._relevant_id, event.id)
            if event.action in reducer.CALL_ACTIONS:
                call = CallView.of_event(event.id, event.at, event.action, event.payload)
                if self.area is None or call.window in self.state.in_area:
                    self._on_call(call)
            elif event.action == "setting_changed":
                self._on_setting(event.payload)
        if reload:
            self.loader.request()

    def _on_call(self, call: CallView) -> None:
        self.state = reducer.with_call(self.state, call, self._calls_kept)
        self.call_arrived.emit(call)
        self.state_changed.emit(self.state)
        if not self._speak or (self._speak_window not in (None, call.window)):
            return
        if reducer.worth_speaking(call, self.ctx.clock.now()):
            self.speech.speak(call.code, call.window, call.recall)
        else:
            log.info("not speaking %s -> %s: called at %s, too long ago",
                     call.code, call.window, call.at.isoformat())

    def _on_setting(self, payload: dict) -> None:
        name, new = payload.get("name"), payload.get("new")
        if name == "display.notice" and isinstance(new, str):
            self.notice_changed.emit(new)  # at once; the reload confirms it

    def _on_connection_lost(self, reason: str) -> None:
        log.info("display: connection lost (%s)", reason)
        self._feed_ok = False
        self._update_connected()

    def _on_connection_restored(self) -> None:
        self._feed_ok = True
        self._update_connected()
        self.loader.request()  # catch up: whatever changed while we were away

    # --- the loader ------------------------------------------------------------------

    def _on_state_loaded(self, state: DisplayState) -> None:
        self._load_ok = True
        self._update_connected()
        if state.last_event_id < self._relevant_id:
            return  # read before an event we already saw: the read it asked for follows
        old_notice = self.notice
        first = not self.loaded
        self.loaded = True
        self.state = state
        self._day = state.day
        settings = reducer.merged_settings(self.base_settings, state.hall_settings)
        if not reducer.same_options(settings, self.settings, "speech."):
            self.speech.set_settings(settings)
        self.settings = settings
        self.state_changed.emit(state)
        if self.notice != old_notice:
            self.notice_changed.emit(self.notice)
        if first:
            self._follow_feed()
            self.first_state_loaded.emit()

    def _on_load_failed(self, reason: str) -> None:
        self._load_ok = False
        self._update_connected()
        if self._feed_ok:  # the feed still answers: try once more shortly
            QTimer.singleShot(RETRY_MS, self.loader, self.loader.request)

    def _update_connected(self) -> None:
        connected = self._feed_ok and self._load_ok
        if connected != self.connected:
            self.connected = connected
            self.connection_changed.emit(connected)

    def _check_day(self) -> None:
        from kiosk.clock import hall_day

        if hall_day(self.ctx.clock.now(), self.state.timezone) != self._day:
            self._day = hall_day(self.ctx.clock.now(), self.state.timezone)
            self.loader.request()  # yesterday's calls leave the screen
