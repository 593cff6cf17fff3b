"""When no ticket can be given: a clear message on a panel, never a dead button, and
the kiosk carries on."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import select, update

from kiosk.queue.store.models import Service, Ticket
from tests.conftest import HALL_TZ
from tests.helpers import take
from tests.ui.kiosk.conftest import click, open_guide, tap_and_wait


def set_service(ctx, prefix: str, **values) -> None:
    with ctx.db.write() as session:
        session.execute(update(Service).where(Service.prefix == prefix).values(**values))


def try_ticket(qtbot, kiosk, item_code: str) -> None:
    w = kiosk.window
    open_guide(qtbot, kiosk, item_code)
    click(qtbot, w.guide.take_button)
    tap_and_wait(qtbot, kiosk, w.take.ordinary_button)


def codes(ctx) -> list[str]:
    with ctx.db.read() as session:
        return list(session.scalars(select(Ticket.code).order_by(Ticket.id)))


def test_daily_limit_reached_shows_the_message(qtbot, kiosk, sqlite_ctx):
    set_service(sqlite_ctx, "A", daily_limit=1)
    take(sqlite_ctx, "SCJG-002")
    w = kiosk.window
    with qtbot.waitSignal(kiosk.controller.error_shown) as shown:
        try_ticket(qtbot, kiosk, "SCJG-001")
    assert "今日号已取完" in shown.args[0]
    assert w.message.isVisible()
    assert "今日号已取完" in w.message.text() and "限 1 个" in w.message.text()
    assert w.message.title_label.text() == "⚠ 暂时无法办理"
    assert w.current() is w.take  # still where the citizen was
    click(qtbot, w.message.ok_button)
    assert not w.message.isVisible()
    try_ticket(qtbot, kiosk, "RSJ-001")  # other queues still work
    assert w.current() is w.ticket and w.ticket.code_label.text() == "C001"
    assert codes(sqlite_ctx) == ["A001", "C001"]


def test_out_of_hours_shows_the_opening_hours(qtbot, kiosk, sqlite_ctx, clock):
    clock.set(dt.datetime(2026, 11, 23, 19, 0, tzinfo=HALL_TZ))
    try_ticket(qtbot, kiosk, "SCJG-001")
    w = kiosk.window
    assert w.message.isVisible()
    assert "不是企业开办的取号时间" in w.message.text()
    assert "09:00-12:00、13:30-17:00" in w.message.text()
    assert codes(sqlite_ctx) == []


def test_closed_service_shows_a_message(qtbot, kiosk, sqlite_ctx):
    set_service(sqlite_ctx, "C", active=False)
    try_ticket(qtbot, kiosk, "RSJ-001")
    w = kiosk.window
    assert w.message.isVisible()
    assert "暂不提供现场取号" in w.message.text()
