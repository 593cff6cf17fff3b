"""The one source of "now", injectable so tests can run a hall day at any hour.

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
        """Return the current time, timezone-aware."""


class SystemClock:
    """The real wall clock."""

    def now(self) -> dt.datetime:
        return dt.datetime.now(UTC)


class ManualClock:
    """A clock that only moves when told to: for tests and simulations."""

    def __init__(self, start: dt.datetime) -> None:
        if start.tzinfo is None:
            raise ValueError("ManualClock needs a timezone-aware start time")
        self._now = start.astimezone(UTC)

    def now(self) -> dt.datetime:
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
