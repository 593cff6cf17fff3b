"""Hall time: the hall's own zone decides the day, whatever the machine's zone."""
import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from kiosk.clock import ManualClock, at_hall_time, hall_day

UTC = dt.timezone.utc


def test_hall_day_is_taken_in_the_hall_zone():
    late_utc = dt.datetime(2026, 11, 22, 17, 30, tzinfo=UTC)   # 01:30 next day in Shanghai
    assert hall_day(late_utc, "Asia/Shanghai") == dt.date(2026, 11, 23)
    assert hall_day(late_utc, "Asia/Urumqi") == dt.date(2026, 11, 22)  # UTC+6: 23:30


def test_naive_times_are_refused():
    with pytest.raises(ValueError):
        hall_day(dt.datetime(2026, 11, 23, 9, 0), "Asia/Shanghai")
    with pytest.raises(ValueError):
        ManualClock(dt.datetime(2026, 11, 23, 9, 0))


def test_manual_clock_moves_only_when_told():
    clock = ManualClock(dt.datetime(2026, 11, 23, 9, 0, tzinfo=ZoneInfo("Asia/Shanghai")))
    start = clock.now()
    assert clock.now() == start
    clock.advance(minutes=5)
    assert clock.now() - start == dt.timedelta(minutes=5)
    assert clock.now().tzinfo is not None


def test_at_hall_time_gives_the_utc_instant():
    assert at_hall_time(dt.date(2026, 11, 23), dt.time(9, 0), "Asia/Shanghai") == \
        dt.datetime(2026, 11, 23, 1, 0, tzinfo=UTC)


def test_the_server_clock_stamps_the_databases_time_and_shows_it_between_actions():
    from kiosk.clock import ServerClock

    pc = ManualClock(dt.datetime(2026, 11, 23, 1, 33, tzinfo=UTC))   # 3 minutes fast
    clock = ServerClock(machine=pc)
    assert clock.skew is None and clock.now() == pc.now()            # nothing read yet
    server = dt.datetime(2026, 11, 23, 1, 30, tzinfo=UTC)
    assert clock.stamp(server) == server
    assert clock.skew == dt.timedelta(minutes=3)
    pc.advance(seconds=10)
    assert clock.now() == server + dt.timedelta(seconds=10)          # hall time on screens


def test_a_manual_clock_keeps_its_own_time_whatever_the_database_says():
    clock = ManualClock(dt.datetime(2026, 11, 23, 9, 0, tzinfo=UTC))
    assert clock.stamp(dt.datetime(2030, 1, 1, tzinfo=UTC)) == clock.now()
