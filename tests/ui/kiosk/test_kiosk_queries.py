"""The kiosk's read models (Qt-free), on SQLite and PostgreSQL: the catalog and each
queue's state (open, sold out, stopped, out of hours and when it reopens; waiting)."""
from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from sqlalchemy import update

from kiosk.queue.actions import calendar, staff
from kiosk.queue.reads import hall as hall_reads, kiosk as kiosk_reads
from kiosk.queue.rules import hours as opening
from kiosk.queue.store.models import Item, Service
from tests.conftest import HALL_TZ
from tests.helpers import open_window, serve_next, take


def test_catalog_lists_departments_with_their_active_items(ctx):
    catalog = kiosk_reads.kiosk_catalog(ctx)
    assert catalog.hall_name == "示例市政务服务中心"
    assert catalog.timezone == "Asia/Shanghai"
    assert [d.code for d in catalog.departments][:3] == ["SCJG", "RSJ", "YBJ"]
    scjg = catalog.department("SCJG")
    assert [i.code for i in scjg.items] == [f"SCJG-00{n}" for n in range(1, 6)]
    assert scjg.items[0].name == "个体工商户设立登记"
    assert scjg.items[0].department_name == "市场监督管理局"
    assert len(catalog.items) == 39
    assert catalog.department("NOPE") is None
    with pytest.raises(dataclasses.FrozenInstanceError):
        catalog.hall_name = "x"


def test_inactive_items_and_empty_departments_are_left_out(ctx):
    with ctx.db.write() as session:
        session.execute(update(Item).where(Item.code.like("JTJ-%")).values(active=False))
        session.execute(update(Item).where(Item.code == "SCJG-002").values(active=False))
    catalog = kiosk_reads.kiosk_catalog(ctx)
    assert catalog.department("JTJ") is None
    assert "SCJG-002" not in [i.code for i in catalog.department("SCJG").items]


def test_effective_settings_read_the_hall_and_the_machine(ctx):
    assert hall_reads.effective_settings(ctx).get("kiosk.idle_timeout_s") == 60
    staff.set_hall_setting(ctx, name="kiosk.idle_timeout_s", value=90)
    ctx.machine_settings = {"printer.kind": "network"}
    settings = hall_reads.effective_settings(ctx)
    assert settings.get("kiosk.idle_timeout_s") == 90
    assert settings.get("printer.kind") == "network"


# --- queue states: what a tile says before anyone taps it ---------------------------


def _set_service(ctx, prefix, **values):
    with ctx.db.write() as session:
        session.execute(update(Service).where(Service.prefix == prefix).values(**values))


def test_catalog_items_carry_their_queue_and_every_queue_is_open_at_0930(ctx):
    catalog = kiosk_reads.kiosk_catalog(ctx)
    item = catalog.item("SCJG-001")
    assert item.prefix == "A"
    state = catalog.item_state(item)
    assert state.open and state.state == kiosk_reads.OPEN
    assert state.waiting == 0 and state.name == "企业开办"
    assert state.hours_text == "周一至周五 09:00-12:00、13:30-17:00"
    assert catalog.department("SCJG").prefixes[0] == "A"
    # nothing changes by the clock before the morning period ends at 12:00
    assert catalog.queues.valid_until == dt.datetime(2026, 11, 23, 12, 0, tzinfo=HALL_TZ)


def test_waiting_counts_follow_tickets_taken_and_called(ctx):
    take(ctx, "SCJG-001")
    take(ctx, "SCJG-002")
    take(ctx, "RSJ-001")
    states = kiosk_reads.queue_states(ctx)
    assert states.state("A").waiting == 2 and states.state("C").waiting == 1
    open_window(ctx, 1)
    serve_next(ctx, 1)
    assert kiosk_reads.queue_states(ctx).state("A").waiting == 1


def test_sold_out_queue_is_marked_before_anyone_taps(ctx):
    _set_service(ctx, "A", daily_limit=1)
    assert kiosk_reads.queue_states(ctx).state("A").state == kiosk_reads.OPEN
    take(ctx, "SCJG-001")
    state = kiosk_reads.queue_states(ctx).state("A")
    assert state.state == kiosk_reads.SOLD_OUT and state.daily_limit == 1
    assert state.reopens_at == dt.datetime(2026, 11, 24, 9, 0, tzinfo=HALL_TZ)
    assert kiosk_reads.queue_states(ctx).state("C").open


def test_out_of_hours_says_when_tickets_resume(ctx, clock):
    clock.set(dt.datetime(2026, 11, 23, 12, 10, tzinfo=HALL_TZ))
    state = kiosk_reads.queue_states(ctx).state("A")
    assert state.state == kiosk_reads.OUT_OF_HOURS
    assert state.reopens_at == dt.datetime(2026, 11, 23, 13, 30, tzinfo=HALL_TZ)
    clock.set(dt.datetime(2026, 11, 27, 17, 30, tzinfo=HALL_TZ))  # Friday evening
    queues = kiosk_reads.queue_states(ctx)
    assert queues.state("A").reopens_at == dt.datetime(2026, 11, 30, 9, 0, tzinfo=HALL_TZ)
    assert queues.state("H").reopens_at == dt.datetime(2026, 11, 28, 9, 0, tzinfo=HALL_TZ)
    assert queues.valid_until == dt.datetime(2026, 11, 28, 0, 0, tzinfo=HALL_TZ)


def test_stopped_queues_holidays_and_items_without_a_queue(ctx):
    _set_service(ctx, "C", active=False)
    catalog = kiosk_reads.kiosk_catalog(ctx)
    assert catalog.item("RSJ-001").prefix in ("", "C")
    assert catalog.item_state(catalog.item("RSJ-001")).state == kiosk_reads.STOPPED
    assert catalog.queues.state("C").state == kiosk_reads.STOPPED
    calendar.set_day(ctx, dt.date(2026, 11, 23), False, "测试假日", by="9001")
    state = kiosk_reads.queue_states(ctx).state("A")
    assert state.state == kiosk_reads.STOPPED and state.holiday == "测试假日"
    assert state.reopens_at == dt.datetime(2026, 11, 24, 9, 0, tzinfo=HALL_TZ)


def test_next_opening_rule():
    hours = {"weekdays": [1, 2, 3, 4, 5], "periods": ["13:30-17:00", "09:00-12:00"]}
    monday = dt.datetime(2026, 11, 23, 8, 0, tzinfo=HALL_TZ)
    assert opening.next_opening(hours, monday).time() == dt.time(9, 0)
    assert opening.next_opening(hours, monday.replace(hour=10)).time() == dt.time(13, 30)
    holiday = {dt.date(2026, 11, 24): False}
    after = opening.next_opening(hours, monday.replace(hour=18), holiday.get)
    assert after == dt.datetime(2026, 11, 25, 9, 0, tzinfo=HALL_TZ)
    assert opening.next_opening(hours, monday, lambda day: False) is None
