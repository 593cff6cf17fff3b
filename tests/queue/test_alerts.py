"""Alerts raised from the hall's state, shown until acknowledged, acknowledgements recorded."""
from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from kiosk.errors import InvalidInput, NotPermitted
from kiosk.queue.actions import alerts, faults, rating, staff, windows
from kiosk.queue.store.events import Actor
from kiosk.queue.store.models import AlertAck, Event
from tests.helpers import open_window, serve_next, take

DAY = "2026-11-23"


def _in_force(ctx, **kwargs) -> list[alerts.Alert]:
    return alerts.evaluate(ctx, by="9001", **kwargs)


def _keys(ctx, kind: str | None = None, **kwargs) -> list[str]:
    return sorted(a.key for a in _in_force(ctx, **kwargs)
                  if kind is None or a.kind == kind)


def test_a_long_wait_alerts_until_acknowledged_and_again_for_new_waits(ctx, clock):
    open_window(ctx, 4)                       # K and A: paused, so nobody calls
    windows.pause(ctx, window=4, staff_no="1004", reason="会议")
    take(ctx, "SCJG-001")
    take(ctx, "SCJG-002")
    clock.advance(minutes=30)
    assert _keys(ctx, "wait") == []           # exactly 30 minutes is not over 30
    clock.advance(minutes=1)
    (alert,) = [a for a in _in_force(ctx) if a.kind == "wait"]
    assert alert.key == f"wait:{DAY}:A" and alert.level == "warning"
    assert alert.message_zh == "A 企业开办：2 人等候超过 30 分钟，最长 31 分钟"
    assert _keys(ctx, "wait") == [alert.key]  # stable

    event_id = alerts.acknowledge(ctx, alert.key, by="9001")
    assert _keys(ctx, "wait") == []
    (shown,) = [a for a in _in_force(ctx, include_acknowledged=True)
                if a.kind == "wait"]
    assert shown.acknowledged and shown.acknowledged_by == "9001"

    take(ctx, "SCJG-003")                     # a newcomer crosses the threshold later
    clock.advance(minutes=31)
    (again,) = [a for a in _in_force(ctx) if a.kind == "wait"]
    assert again.key == alert.key and not again.acknowledged
    assert "3 人等候" in again.message_zh
    with ctx.db.read() as session:
        event = session.get(Event, event_id)
        recorded = (event.action, event.actor, event.payload)
        ack = session.get(AlertAck, (event.hall_id, alert.key))
        stored = (ack.acknowledged_at, event.at)
    assert recorded == ("alert_acknowledged", "staff:9001", {"key": alert.key})
    assert stored == (clock.now() - dt.timedelta(minutes=31),) * 2


def test_the_wait_threshold_comes_from_the_settings(ctx, clock):
    staff.set_hall_setting(ctx, name="alerts.wait_minutes", value=10, by="9001")
    take(ctx, "RSJ-001")
    clock.advance(minutes=11)
    assert _keys(ctx, "wait") == [f"wait:{DAY}:C"]


def test_a_pause_past_its_return_time(ctx, clock):
    open_window(ctx, 6)
    windows.pause(ctx, window=6, staff_no="1006", reason="临时离岗",
                  back_at=clock.now() + dt.timedelta(minutes=10))
    clock.advance(minutes=10)
    assert _keys(ctx, "pause_overdue") == []
    clock.advance(minutes=1)
    (alert,) = [a for a in _in_force(ctx) if a.kind == "pause_overdue"]
    assert alert.window_number == 6 and "临时离岗" in alert.message_zh
    assert "09:40" in alert.message_zh and "超时 1 分钟" in alert.message_zh
    staff.set_hall_setting(ctx, name="alerts.pause_overdue_minutes", value=5, by="9001")
    assert _keys(ctx, "pause_overdue") == []  # within the grace now
    clock.advance(minutes=5)
    assert _keys(ctx, "pause_overdue") == [alert.key]
    alerts.acknowledge(ctx, alert.key, by="9000")
    assert _keys(ctx, "pause_overdue") == []
    windows.resume(ctx, window=6, staff_no="1006")
    windows.pause(ctx, window=6, staff_no="1006", reason="用餐",
                  back_at=clock.now() + dt.timedelta(minutes=1))
    clock.advance(minutes=7)
    (second,) = _keys(ctx, "pause_overdue")   # a new pause is a new alert
    assert second != alert.key


def test_a_window_without_clerk_while_its_queue_waits(ctx):
    take(ctx, "RSJ-001")                      # queue C: windows 6, 7, 8 and 20
    assert _keys(ctx, "unstaffed") == sorted(f"unstaffed:{DAY}:{n}" for n in (6, 7, 8, 20))
    open_window(ctx, 6)
    assert _keys(ctx, "unstaffed") == sorted(f"unstaffed:{DAY}:{n}" for n in (7, 8, 20))
    (twenty,) = [a for a in _in_force(ctx) if a.key.endswith(":20")]
    assert "C 类 1 人" in twenty.message_zh and twenty.window_number == 20
    serve_next(ctx, 6)
    assert _keys(ctx, "unstaffed") == []


def test_a_new_bad_rating(ctx):
    open_window(ctx, 1)
    take(ctx)
    take(ctx)
    good = serve_next(ctx, 1)
    rating.rate(ctx, ticket_id=good.ticket.id, level=3)
    assert _keys(ctx, "bad_rating") == []
    bad = serve_next(ctx, 1)
    rating.rate(ctx, ticket_id=bad.ticket.id, level=1, reasons=["服务态度差"])
    (alert,) = [a for a in _in_force(ctx) if a.kind == "bad_rating"]
    assert alert.level == "critical" and alert.ticket_id == bad.ticket.id
    assert alert.message_zh == f"1号窗口收到差评（非常不满意，服务态度差），号码 {bad.ticket.code}"
    alerts.acknowledge(ctx, alert.key, by="9001")
    assert _keys(ctx, "bad_rating") == []


def test_printer_and_voice_faults_until_recovered_or_acknowledged(ctx):
    kiosk = Actor("kiosk", "K1")
    faults.record_device_fault(ctx, device="printer", kind="paper_out",
                               message_en="paper out", message_zh="缺纸", actor=kiosk)
    faults.record_device_fault(ctx, device="speech", kind="no_voice",
                               message_en="no Chinese voice", message_zh="没有中文语音",
                               actor=Actor("display", "D1"))
    faults.record_device_fault(ctx, device="display", kind="x", message_en="ignored")
    found = {a.kind: a for a in _in_force(ctx)}
    assert set(found) == {"printer_fault", "speech_fault"}
    assert found["printer_fault"].message_zh == "kiosk:K1 打印机故障：缺纸"
    assert found["speech_fault"].level == "critical"
    faults.record_device_recovered(ctx, device="printer", actor=kiosk)
    assert [a.kind for a in _in_force(ctx)] == ["speech_fault"]
    alerts.acknowledge(ctx, found["speech_fault"].key, by="9001")
    assert _in_force(ctx) == []
    faults.record_device_fault(ctx, device="speech", kind="no_voice",
                               message_en="again", actor=Actor("display", "D1"))
    assert [a.kind for a in _in_force(ctx)] == ["speech_fault"]  # a new fault


def test_only_managers_acknowledge(ctx, clock):
    take(ctx, "SCJG-001")
    clock.advance(minutes=45)
    key = f"wait:{DAY}:A"
    assert key in _keys(ctx)
    with pytest.raises(NotPermitted):
        alerts.acknowledge(ctx, key, by="1001")
    with pytest.raises(InvalidInput):
        alerts.acknowledge(ctx, "whatever", by="9001")
    assert key in _keys(ctx)
    with ctx.db.read() as session:
        assert session.scalars(select(Event).where(
            Event.action == "alert_acknowledged")).all() == []


def test_acknowledging_appends_its_event_last(ctx):
    """The event takes the lock that orders the hall's writers: nothing after it."""
    from sqlalchemy import event as sa_event

    from kiosk.queue.actions import alerts

    statements = []

    def record(conn, cursor, statement, params, context, executemany):
        statements.append(" ".join(statement.split()[:3]).upper())

    sa_event.listen(ctx.db.engine, "before_cursor_execute", record)
    try:
        alerts.acknowledge(ctx, "wait:2026-11-23:A", by="9001")
    finally:
        sa_event.remove(ctx.db.engine, "before_cursor_execute", record)
    assert statements[-1].startswith("INSERT INTO EVENT"), statements
