"""How many wrong 办件查询 tries are allowed before lookups are refused for a while.

Four digits are only 10,000 guesses: without a limit, someone at a kiosk or a script
on the web could walk them for a case number read off a discarded notice. The rule:
``limit`` wrong tries within ``window`` refuse the key (a kiosk, a case number) until
the oldest of them is ``window`` old. A try is counted when it starts and given back
when it was right, so tries racing each other (two web requests, a double tap) cannot
slip past the count. In memory, no Qt, no database; the clock is the caller's.
"""
from __future__ import annotations

import datetime as dt
import math
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable

from kiosk.errors import NotPermitted


class TooManyTries(NotPermitted):
    code = "too_many_tries"

    def __init__(self, until: dt.datetime, now: dt.datetime) -> None:
        minutes = max(1, math.ceil((until - now).total_seconds() / 60))
        super().__init__(f"输错次数过多，办件查询已暂停，请 {minutes} 分钟后再试，"
                         "或到服务台咨询",
                         f"too many wrong case lookups; refused for {minutes} min",
                         until=until, minutes=minutes)
        self.minutes = minutes


class WrongTries:
    """Wrong tries per key in a sliding window (thread-safe, bounded in keys)."""

    def __init__(self, limit: int, window: dt.timedelta, *,
                 clock: Callable[[], dt.datetime], max_keys: int = 10_000) -> None:
        self.limit, self.window = limit, window
        self._clock = clock
        self._max_keys = max_keys
        self._tries: OrderedDict[Hashable, list[dt.datetime]] = OrderedDict()
        self._lock = threading.Lock()

    def set_limits(self, limit: int, window: dt.timedelta) -> None:
        """New settings; the tries already counted stay counted."""
        with self._lock:
            self.limit, self.window = limit, window

    def attempt(self, key: Hashable = "") -> dt.datetime:
        """Count a try for ``key`` as wrong until ``forgive`` says otherwise; raises
        TooManyTries while the key is refused. Returns the try's stamp."""
        now = self._clock()
        with self._lock:
            tries = self._recent(key, now)
            if self.limit > 0 and len(tries) >= self.limit:
                self._tries[key] = tries
                raise TooManyTries(tries[-self.limit] + self.window, now)
            tries.append(now)
            self._tries[key] = tries
            while len(self._tries) > self._max_keys:
                self._tries.popitem(last=False)
        return now

    def forgive(self, key: Hashable, stamp: dt.datetime) -> None:
        """The try made at ``stamp`` was right (or no guess at all): it does not count."""
        with self._lock:
            tries = self._tries.get(key)
            if tries and stamp in tries:
                tries.remove(stamp)

    def left(self, key: Hashable = "") -> int:
        """Wrong tries still allowed for ``key`` before it is refused."""
        now = self._clock()
        with self._lock:
            recent = [t for t in self._tries.get(key, ()) if now - t < self.window]
            return max(0, self.limit - len(recent))

    def _recent(self, key: Hashable, now: dt.datetime) -> list[dt.datetime]:
        """The key's tries still in the window, taken out (the caller puts them back
        last, as the most recently used key)."""
        return [t for t in self._tries.pop(key, ()) if now - t < self.window]
