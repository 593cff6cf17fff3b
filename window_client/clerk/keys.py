"""The clerk's keyboard shortcuts: ``window.keys`` (JSON action -> key) over the
declared default, so a caller keypad (which types keys) drives every action.

A machine that sets only some keys keeps the declared default for the others.
"""
from __future__ import annotations

import json
import logging

from PySide6.QtGui import QKeySequence

from kiosk.settings import OPTIONS, Settings

log = logging.getLogger(__name__)

#: every action of the clerk's action bar, in the order the buttons appear
ACTIONS = ("call_next", "recall", "start", "no_show", "finish", "finish_and_call",
           "transfer", "call_number", "requeue", "pause", "inquiry", "sign_out")


def _parse(raw: str, source: str) -> dict[str, str]:
    if not raw or not str(raw).strip():
        return {}
    try:
        value = json.loads(raw)
    except ValueError:
        log.warning("window.keys from %s is not JSON; ignored: %r", source, raw)
        return {}
    if not isinstance(value, dict):
        log.warning("window.keys from %s is not an object; ignored", source)
        return {}
    return {str(k): str(v) for k, v in value.items()}


def key_map(settings: Settings) -> dict[str, QKeySequence]:
    """action -> key sequence; actions without a key are left out."""
    merged = _parse(OPTIONS["window.keys"].default, "the declared default")
    merged.update(_parse(settings.get("window.keys"), "the settings"))
    keys: dict[str, QKeySequence] = {}
    taken: dict[str, str] = {}
    for action, text in merged.items():
        if action not in ACTIONS:
            log.warning("window.keys: unknown action %r ignored", action)
            continue
        sequence = QKeySequence(text)
        if sequence.isEmpty():
            if text.strip():
                log.warning("window.keys: %s=%r is not a key; ignored", action, text)
            continue
        name = sequence.toString()
        if name in taken:
            log.warning("window.keys: %s and %s share the key %s; %s keeps it",
                        taken[name], action, name, taken[name])
            continue
        taken[name] = action
        keys[action] = sequence
    return keys
