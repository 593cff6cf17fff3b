"""Alerts on the simulated Monday morning: raised from a realistic hall, all acknowledged."""
from __future__ import annotations

from kiosk.queue.actions import alerts
from kiosk.reports import live


def test_the_busy_morning_raises_alerts_and_the_manager_clears_them(sim_ctx):
    raised = alerts.evaluate(sim_ctx, by="9001")
    kinds = {a.kind for a in raised}
    assert {"wait", "unstaffed", "bad_rating"} <= kinds
    status = live.live_status(sim_ctx, by="9001")
    waiting_long = {s.prefix for s in status.services
                    if s.longest_wait_s is not None and s.longest_wait_s > 30 * 60}
    assert {a.prefix for a in raised if a.kind == "wait"} == waiting_long
    overdue = {w.number for w in status.windows if w.pause_overdue}
    assert {a.window_number for a in raised if a.kind == "pause_overdue"} == overdue
    assert len({a.key for a in raised}) == len(raised)
    assert [a.level for a in raised] == sorted((a.level for a in raised),
                                               key=lambda level: level != "critical")
    for alert in raised:
        alerts.acknowledge(sim_ctx, alert.key, by="9001")
    assert alerts.evaluate(sim_ctx, by="9001") == []
    shown = alerts.evaluate(sim_ctx, by="9001", include_acknowledged=True)
    assert len(shown) == len(raised)
