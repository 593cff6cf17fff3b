"""The one source of "now", injectable so tests can run a hall day at any hour.

The hall has one clock: the database's. Every action reads the database's time inside
its own transaction (``kiosk.queue.store.context.scope``) and hands it to ``stamp``;
``ServerClock`` stamps with it, so a PC whose clock is fast or on the wrong date can
neither jump the queue nor file tickets under another day. On PostgreSQL that is the
server's clock; on SQLite (one PC, one file) it is this PC's own clock, read by SQLite.
``ManualClock`` ignores it, so tests can run a hall day at any hour.

Everything stores timezone-aware UTC; the hall's own zone decides the hall day and the
opening hours (see ``hall_time``).
"""
from __future__ import annotations

import datetime as dt
from typing import Protocol
from zoneinfo import ZoneInfo

UTC = dt.timezone.utc


class Clock(Protocol):
    def now(self) -> dt.datetime:
        """The current hall time, timezone-aware, outside any transaction (clocks on
        screens, which day a screen shows)."""

    def stamp(self, server_now: dt.datetime) -> dt.datetime:
        """The time an action stamps and orders by, given the database's own time
        read inside the action's transaction."""


class SystemClock:
    """This PC's own clock; as a hall clock it still stamps with the database's time."""

    def now(self) -> dt.datetime:
        return dt.datetime.now(UTC)

    def stamp(self, server_now: dt.datetime) -> dt.datetime:
        return server_now


class ServerClock:
    """The hall clock of production: stamps with the database's time and remembers how
    far this PC's clock (``machine``) is off, so ``now`` shows hall time too."""

    def __init__(self, machine: Clock | None = None) -> None:
        self.machine = machine or SystemClock()
        #: this PC's clock minus the database's, as last seen (None: not read yet)
        self.skew: dt.timedelta | None = None

    def now(self) -> dt.datetime:
        return self.machine.now() - (self.skew or dt.timedelta(0))

    def stamp(self, server_now: dt.datetime) -> dt.datetime:
        self.skew = self.machine.now() - server_now
        return server_now


class ManualClock:
    """A clock that only moves when told to: for tests and simulations."""

    def __init__(self, start: dt.datetime) -> None:
        if start.tzinfo is None:
            raise ValueError("ManualClock needs a timezone-aware start time")
        self._now = start.astimezone(UTC)

    def now(self) -> dt.datetime:
        return self._now

    def stamp(self, server_now: dt.datetime) -> dt.datetime:
        return self._now

    def set(self, when: dt.datetime) -> None:
        if when.tzinfo is None:
            raise ValueError("ManualClock needs timezone-aware times")
        self._now = when.astimezone(UTC)

    def advance(self, **delta: float) -> dt.datetime:
        self._now += dt.timedelta(**delta)
        return self._now


def hall_time(when: dt.datetime, timezone: str) -> dt.datetime:
    """``when`` seen on the hall's wall clock."""
    if when.tzinfo is None:
        raise ValueError("naive datetime: every time in the system must be aware")
    return when.astimezone(ZoneInfo(timezone))


def hall_day(when: dt.datetime, timezone: str) -> dt.date:
    """The hall day ``when`` falls on, in the hall's own zone (never UTC by accident)."""
    return hall_time(when, timezone).date()


def at_hall_time(day: dt.date, clock_time: dt.time, timezone: str) -> dt.datetime:
    """The aware instant of ``clock_time`` on ``day`` in the hall's zone, in UTC."""
    local = dt.datetime.combine(day, clock_time, tzinfo=ZoneInfo(timezone))
    return local.astimezone(UTC)
