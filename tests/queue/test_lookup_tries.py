"""The 办件查询 limit on wrong tries (rules.lookup_tries): in memory, on the caller's
clock, no database."""
from __future__ import annotations

import datetime as dt
import threading

import pytest

from kiosk.clock import ManualClock
from kiosk.queue.rules.lookup_tries import TooManyTries, WrongTries
from tests.conftest import MONDAY_0930

MINUTE = dt.timedelta(minutes=1)


def _tries(limit=5, minutes=10):
    clock = ManualClock(MONDAY_0930)
    return WrongTries(limit, minutes * MINUTE, clock=clock.now), clock


def test_five_wrong_tries_in_ten_minutes_refuse_until_the_oldest_is_ten_minutes_old():
    tries, clock = _tries()
    for _ in range(5):
        tries.attempt()
        clock.advance(minutes=1)
    assert tries.left() == 0
    with pytest.raises(TooManyTries) as refused:
        tries.attempt()
    # the first try was at 09:30, it is 09:35: five minutes to go
    assert refused.value.minutes == 5
    assert "请 5 分钟后再试" in refused.value.message_zh
    clock.advance(minutes=4, seconds=59)
    with pytest.raises(TooManyTries) as refused:
        tries.attempt()
    assert refused.value.minutes == 1  # never "0 分钟"
    clock.advance(seconds=1)
    tries.attempt()  # 09:40: the 09:30 try has left the window
    with pytest.raises(TooManyTries):
        tries.attempt()  # 09:31's is still in it


def test_a_right_try_is_given_back_and_refusals_add_no_tries():
    tries, clock = _tries(limit=2)
    tries.forgive("", tries.attempt())  # a right one
    tries.attempt()
    assert tries.left() == 1
    stamp = tries.attempt()
    for _ in range(3):
        with pytest.raises(TooManyTries):
            tries.attempt()
    clock.advance(minutes=10)
    assert tries.left() == 2  # the refusals did not extend the pause
    tries.forgive("", stamp)  # too late to matter, and harmless


def test_keys_are_counted_apart_and_their_number_is_bounded():
    clock = ManualClock(MONDAY_0930)
    tries = WrongTries(1, 10 * MINUTE, clock=clock.now, max_keys=3)
    tries.attempt("DEMO2026000001")
    with pytest.raises(TooManyTries):
        tries.attempt("DEMO2026000001")
    tries.attempt("DEMO2026000002")
    for key in ("a", "b", "c"):
        tries.attempt(key)
    assert len(tries._tries) == 3


def test_new_limits_apply_to_the_tries_already_counted():
    tries, _clock = _tries(limit=5)
    for _ in range(3):
        tries.attempt()
    tries.set_limits(3, 10 * MINUTE)
    with pytest.raises(TooManyTries):
        tries.attempt()


def test_racing_tries_never_pass_the_limit():
    tries, _clock = _tries(limit=5)
    passed, start = [], threading.Barrier(20)

    def one() -> None:
        start.wait()
        try:
            tries.attempt("x")
            passed.append(1)
        except TooManyTries:
            pass

    threads = [threading.Thread(target=one) for _ in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(passed) == 5
