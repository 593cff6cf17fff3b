"""Pure steps from one display state to the next (no Qt, no database): applying a call
straight from its feed event, deciding which events need a reload, merging settings.

Applying a call from the event's own payload puts it on screen the moment the feed
delivers it; the reload that follows confirms the rest (waiting counts and so on).
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import logging
from collections.abc import Iterable
from typing import Any

from kiosk.queue.reads.display import CallView, DisplayState, distinct_calls
from kiosk.settings import OPTIONS, Settings

log = logging.getLogger(__name__)

#: events that change nothing the display shows (every other action triggers a reload,
#: so an action added later is shown rather than missed)
IGNORED_ACTIONS = frozenset({
    "device_fault", "device_recovered", "ticket_rated", "ticket_unrated", "login_failed",
    "staff_locked", "staff_unlocked", "staff_created", "password_reset",
    "manager_signed_in", "first_inquiry_recorded", "appointment_booked",
    "appointment_cancelled",
    "personal_key_rotated",
})
CALL_ACTIONS = frozenset({"ticket_called", "ticket_recalled"})
#: a call older than this when it reaches the display is shown but not spoken (after a
#: long outage, a backlog of old calls read aloud would send people to the wrong window)
SPEAK_MAX_AGE = dt.timedelta(minutes=2)


def needs_reload(action: str) -> bool:
    return action not in IGNORED_ACTIONS


def with_call(state: DisplayState, call: CallView, keep: int) -> DisplayState:
    """``state`` with ``call`` as the newest call and its window showing the number."""
    calls = distinct_calls((call, *state.calls), keep)
    windows = []
    for w in state.windows:
        if w.number == call.window:
            w = dataclasses.replace(w, current_code=call.code, current_state="called")
        elif w.current_code == call.code:  # one ticket is at one window only
            w = dataclasses.replace(w, current_code=None, current_state=None)
        windows.append(w)
    return dataclasses.replace(state, calls=calls, windows=tuple(windows),
                               last_event_id=max(state.last_event_id, call.event_id))


def worth_speaking(call: CallView, now: dt.datetime) -> bool:
    return now - call.at <= SPEAK_MAX_AGE


def merged_settings(base: Settings, stored: Iterable[tuple[str, Any]]) -> Settings:
    """``base`` (this machine) with the hall options stored in the database on top; a
    stored value that does not parse is skipped, with a log line."""
    values = {}
    for name, raw in stored:
        opt = OPTIONS.get(name)
        if opt is None or opt.scope != "hall":
            continue
        try:
            opt.parse(raw)
        except Exception as exc:  # noqa: BLE001 - InvalidInput, or a stranger value
            log.warning("hall option %s has an invalid value %r (%s): using the default",
                        name, raw, exc)
            continue
        values[name.replace(".", "__")] = raw
    return base.with_values(**values) if values else base


def same_options(a: Settings, b: Settings, prefix: str) -> bool:
    names = [name for name in OPTIONS if name.startswith(prefix)]
    return all(a.get(name) == b.get(name) for name in names)
