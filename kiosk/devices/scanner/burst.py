"""Telling a keyboard-wedge scanner from a person at a keyboard, by timing alone.

A USB scanner in keyboard mode "types" the code as keystrokes a few milliseconds apart
and ends it with Enter; a person's keys come a few hundred milliseconds apart, and
only now and then two of them within a few tens of milliseconds (rollover). So a scan
is: at least ``min_chars`` characters, every gap (Enter's included) at most
``max_gap_s``, ending with Enter. Anything else is handed back as typed.

Defaults, from what scanners and people do:

* a USB scanner was measured sending a key every ~7-8 ms, now and then ~16 ms (a
  missed USB poll); an extra inter-character delay is a scanner setting (Datalogic:
  0-990 ms, 0 = none). Odoo's barcode module waited at most 55 ms between keys and
  raised it to 100 ms only for slower RFID readers. 50 ms keeps three times the worst
  scanner gap seen, for OS and event-loop jitter, and is far under a person's pace;
  a scanner set to a longer delay needs ``scanner.max_gap_ms`` raised to match;
* 6 characters: our shortest code is an 8-digit booking code, and six keys plus
  Enter each within 50 ms is beyond a person, however fast.

The detector knows no toolkit and no clock: the caller passes each key's text and a
timestamp in seconds (one monotonic clock for ``feed`` and ``expire``) and gets back
what was scanned, or the keys to deliver as typed. A key held for a possible scan is
delivered late by at most ``max_gap_s``, which nobody notices.
"""
from __future__ import annotations

import dataclasses
from typing import Any

DEFAULT_MAX_GAP_S = 0.050
DEFAULT_MIN_CHARS = 6
#: longer than any QR code's text (2953 bytes in version 40); more is a stuck key
DEFAULT_MAX_CHARS = 4096
ENTER = ("\r", "\n")


@dataclasses.dataclass(frozen=True)
class Key:
    """One key event: its text, when it came, and the caller's own event (a copy of
    the toolkit's key event, say) handed back untouched when it is released."""

    text: str
    at: float
    source: Any = None


@dataclasses.dataclass(frozen=True)
class Outcome:
    """What one ``feed`` or ``expire`` decided: a scan's text, and keys that were not
    part of a scan, in the order they came (deliver them as if just typed)."""

    scan: str | None = None
    release: tuple[Key, ...] = ()


NOTHING = Outcome()


class BurstDetector:
    """Feed it every key event that is not meant for a focused text field."""

    def __init__(self, *, max_gap_s: float = DEFAULT_MAX_GAP_S,
                 min_chars: int = DEFAULT_MIN_CHARS, max_chars: int = DEFAULT_MAX_CHARS,
                 enter: tuple[str, ...] = ENTER) -> None:
        if max_gap_s <= 0 or min_chars < 1 or max_chars < min_chars:
            raise ValueError("need max_gap_s > 0 and 1 <= min_chars <= max_chars")
        self.max_gap_s, self.min_chars, self.max_chars = max_gap_s, min_chars, max_chars
        self.enter = enter
        self._held: list[Key] = []
        self._last_at: float | None = None
        #: the burst grew past max_chars: no scan, its keys go straight through
        self._overflow = False
        #: when the last scan's Enter came (a second line-end right after is its own)
        self._scanned_at: float | None = None

    @property
    def deadline(self) -> float | None:
        """When ``expire`` will release the held keys if no key comes first (arm a
        timer for it), or None when nothing is held."""
        return None if self._last_at is None else self._last_at + self.max_gap_s

    def feed(self, text: str, at: float, source: Any = None) -> Outcome:
        """One key press. Keys without text (Shift, which scanners press for capitals)
        neither count nor break a burst."""
        if not text:
            return NOTHING
        key = Key(text, at, source)
        deadline = self.deadline
        late = deadline is not None and at > deadline
        released = self._end_burst() if late else ()
        scanned_at, self._scanned_at = self._scanned_at, None
        if text in self.enter:
            if len(self._held) >= self.min_chars and not self._overflow:
                scan = "".join(k.text for k in self._held)
                self._end_burst()
                self._scanned_at = at
                return Outcome(scan=scan, release=released)
            if scanned_at is not None and at <= scanned_at + self.max_gap_s:
                return NOTHING  # the LF of a scanner that ends codes with CR LF
            return Outcome(release=released + self._end_burst() + (key,))
        self._last_at = at
        if self._overflow:
            return Outcome(release=released + (key,))
        self._held.append(key)
        if len(self._held) > self.max_chars:
            self._overflow = True
            held, self._held = tuple(self._held), []
            return Outcome(release=released + held)
        return Outcome(release=released) if released else NOTHING

    def expire(self, now: float) -> Outcome:
        """The timer at ``deadline`` fired: a burst that went quiet without Enter was
        typed (or is a scanner set without Enter); release it."""
        deadline = self.deadline
        if deadline is None or now < deadline:
            return NOTHING
        return Outcome(release=self._end_burst())

    def reset(self) -> tuple[Key, ...]:
        """Forget the burst under way (the screen changed); returns its keys."""
        return self._end_burst()

    def _end_burst(self) -> tuple[Key, ...]:
        held = tuple(self._held)
        self._held, self._last_at, self._overflow = [], None, False
        return held
