"""The live view's headline tiles against a hall state built by hand on the test clock:
the figures a manager checks first, and the thresholds they breach."""
from __future__ import annotations

import pytest

from kiosk.queue.actions import alerts, faults, rating, windows
from kiosk.queue.store.events import Actor
from kiosk.reports import live
from tests.helpers import open_window, serve_next, take

MANAGER = "9001"


@pytest.fixture
def morning(ctx, clock):
    """09:30 three A tickets, 09:40 two C; one of each served and rated (非常满意,
    不满意); window 7 paused; at 10:05 A002 and A003 have waited 35 minutes."""
    for number in (1, 6, 7):
        open_window(ctx, number)
    for _ in range(3):
        take(ctx)                      # A: 09:30
    clock.advance(minutes=10)
    for _ in range(2):
        take(ctx, "RSJ-001")           # C: 09:40
    for number, level in ((1, 5), (6, 2)):
        served = serve_next(ctx, number)
        rating.rate(ctx, ticket_id=served.ticket.id, level=level,
                    reasons=["排队时间长"] if level == 2 else None)
    windows.pause(ctx, window=7, staff_no="1007", reason="用餐")
    clock.advance(minutes=25)          # 10:05
    return ctx


def test_the_tiles_show_what_a_manager_checks(morning):
    status = live.live_status(morning, by=MANAGER)
    k = status.kpis
    assert k.waiting == 3
    assert k.longest_wait_s == pytest.approx(35 * 60) and k.longest_prefix == "A"
    assert k.wait_limit_s == 30 * 60 and k.wait_breached
    assert k.over_limit == 2           # A002, A003; C002 has waited 25 minutes
    assert {s.prefix: s.over_limit for s in status.services if s.over_limit} == {"A": 2}
    assert k.served == 2
    assert (k.open_windows, k.paused_windows) == (2, 1)
    assert k.windows == len(status.windows) == 20
    assert (k.satisfaction_rate, k.rated, k.bad) == (0.5, 2, 1)
    shown = alerts.evaluate(morning, by=MANAGER)
    assert k.open_alerts == len(shown) >= 2       # the wait and the bad rating at least
    assert k.critical_alerts == 1                  # the 不满意
    assert k.speech_down == ()


def test_under_the_threshold_nothing_is_breached(ctx, clock):
    open_window(ctx, 1)
    take(ctx)
    clock.advance(minutes=30)          # exactly the threshold: not over it
    k = live.live_status(ctx, by=MANAGER).kpis
    assert (k.waiting, k.longest_wait_s, k.over_limit) == (1, 30 * 60, 0)
    assert not k.wait_breached
    assert (k.satisfaction_rate, k.served, k.open_windows) == (None, 0, 1)


def test_speech_unavailable_stays_on_the_tiles_until_it_recovers(morning, clock):
    faults.record_device_fault(morning, device="speech", kind="no_voice",
                               message_en="no Chinese voice", message_zh="没有可用的中文语音",
                               actor=Actor("display"))
    k = live.live_status(morning, by=MANAGER).kpis
    (down,) = k.speech_down
    assert (down.machine, down.message_zh) == ("display", "没有可用的中文语音")
    assert k.critical_alerts == 2
    speech = next(a for a in alerts.evaluate(morning, by=MANAGER)
                  if a.kind == "speech_fault")
    alerts.acknowledge(morning, speech.key, by=MANAGER)
    k = live.live_status(morning, by=MANAGER).kpis
    assert k.critical_alerts == 1 and len(k.speech_down) == 1  # seen, still silent
    clock.advance(minutes=1)
    faults.record_device_recovered(morning, device="speech", actor=Actor("display"))
    assert live.live_status(morning, by=MANAGER).kpis.speech_down == ()


def test_the_hourly_chart_covers_the_halls_whole_day(morning):
    hourly = live.live_status(morning, by=MANAGER).hourly
    assert [h.hour for h in hourly] == list(range(9, 17))   # 09:00-17:00, lunch included
    assert {h.hour: h.today for h in hourly if h.today} == {9: 5}
    assert all(h.last_week == 0 for h in hourly)
