"""The manager's actions take a request id: the console retries an action whose answer
was lost with the same id, and the core replays what committed instead of doing it
again (one event, the same answer)."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select

from kiosk.queue.actions import admin, alerts, calendar, faults, staff
from kiosk.queue.store.models import Event


def _events(ctx, action: str) -> int:
    with ctx.db.read() as session:
        return session.scalar(select(func.count()).select_from(Event)
                              .where(Event.action == action))


def test_a_repeated_request_is_replayed_not_repeated(ctx):
    faults.record_device_fault(ctx, device="printer", kind="paper_out",
                               message_en="paper out", message_zh="缺纸")
    [alert] = alerts.evaluate(ctx, by="9001")
    first = alerts.acknowledge(ctx, alert.key, by="9001", request_id="ack-1")
    assert alerts.acknowledge(ctx, alert.key, by="9001", request_id="ack-1") == first
    assert _events(ctx, "alert_acknowledged") == 1

    day = dt.date(2026, 12, 31)
    set_id = calendar.set_day(ctx, day, False, "元旦调休", by="9001", request_id="cal-1")
    assert calendar.set_day(ctx, day, False, "元旦调休", by="9001",
                            request_id="cal-1") == set_id
    assert calendar.clear_day(ctx, day, by="9001", request_id="cal-2") == \
        calendar.clear_day(ctx, day, by="9001", request_id="cal-2")
    assert _events(ctx, "calendar_day_set") == 1 and _events(ctx, "calendar_day_cleared") == 1

    for _ in range(2):
        assert staff.set_hall_setting(ctx, name="alerts.wait_minutes", value=20, by="9001",
                                      request_id="set-1") == 20
        staff.unlock_staff(ctx, staff_no="1003", by="9001", request_id="unlock-1")
        assert admin.update_service(ctx, prefix="F", by="9001", daily_limit=5,
                                    request_id="svc-1") == ["daily_limit"]
    assert _events(ctx, "setting_changed") == 1
    assert _events(ctx, "staff_unlocked") == 1
    assert _events(ctx, "service_updated") == 1
