"""办件红牌 as alerts: a department's overdue cases and overdue 容缺 materials raise an
alert like a queue's long wait, acknowledged the same way, raised again when another
case turns red; and the 电子监察 filter for overdue 容缺 materials alone."""
from __future__ import annotations

import datetime as dt

from kiosk.queue.actions import alerts, case_moves
from kiosk.queue.demo import clerk_no
from kiosk.queue.reads import cases
from tests.conftest import HALL_TZ
from tests.helpers import open_window
from tests.queue.test_cases import accept, at

D = dt.date
MANAGER = "9001"


def _case_alerts(ctx, **kwargs) -> dict[str, alerts.Alert]:
    return {a.key: a for a in alerts.evaluate(ctx, by=MANAGER, **kwargs)
            if a.key.startswith("case:")}


def test_an_overdue_case_raises_an_alert_until_acknowledged(ctx, clock):
    open_window(ctx, 11)                            # GJJ-001: 1 working day
    first = accept(ctx, 11).case_no                 # Monday 23rd, due Tuesday 24th
    at(clock, D(2026, 11, 24))
    open_window(ctx, 11)
    second = accept(ctx, 11).case_no                # due Wednesday 25th
    at(clock, D(2026, 11, 24), 23, 59)
    assert _case_alerts(ctx) == {}                  # due today: yellow, not red
    at(clock, D(2026, 11, 25))
    (alert,) = _case_alerts(ctx).values()
    assert alert.key == "case:overdue:GJJ" and alert.kind == "case_overdue"
    assert alert.level == "critical" and alert.title_zh == "办件超期"
    assert alert.raised_at == dt.datetime(2026, 11, 25, tzinfo=HALL_TZ)
    assert "1 件办件超期未办结（红牌）" in alert.message_zh
    assert "2026-11-24" in alert.message_zh

    alerts.acknowledge(ctx, alert.key, by=MANAGER)
    assert _case_alerts(ctx) == {}
    (seen,) = _case_alerts(ctx, include_acknowledged=True).values()
    assert seen.acknowledged_by == MANAGER

    at(clock, D(2026, 11, 26))                      # the second case turns red too
    (again,) = _case_alerts(ctx).values()
    assert again.key == alert.key and not again.acknowledged
    assert "2 件办件超期未办结" in again.message_zh
    for case_no in (first, second):
        case_moves.conclude(ctx, case_no, by=clerk_no(11), approved=True)
    assert _case_alerts(ctx, include_acknowledged=True) == {}


def test_overdue_supply_later_materials_raise_their_own_alert(ctx, clock):
    open_window(ctx, 2)                             # SCJG-004: 5 days, 容缺 5 days
    owing = accept(ctx, 2, outcome="supply_later").case_no
    plain = accept(ctx, 2).case_no
    at(clock, D(2026, 11, 30))
    assert _case_alerts(ctx) == {}                  # both due today
    at(clock, D(2026, 12, 1))
    found = _case_alerts(ctx)
    assert set(found) == {"case:overdue:SCJG", "case:supply:SCJG"}
    supply = found["case:supply:SCJG"]
    assert supply.kind == "supply_overdue" and supply.title_zh == "容缺材料逾期"
    assert supply.level == "warning" and "1 件办件的容缺材料逾期未补齐" in supply.message_zh
    assert "2 件办件超期" in found["case:overdue:SCJG"].message_zh

    # the page's 容缺逾期 filter: materials overdue, whatever the case's own card
    only = cases.supervision(ctx, card="supply_red")
    assert [r.case_no for r in only.rows] == [owing] and only.matching == 1
    assert {r.case_no for r in cases.supervision(ctx, card="red").rows} == {owing, plain}

    for material in cases.case_detail(ctx, owing).materials:
        case_moves.receive_supplied(ctx, owing, by=clerk_no(2), material=material.name)
    assert set(_case_alerts(ctx)) == {"case:overdue:SCJG"}
    assert cases.supervision(ctx, card="supply_red").matching == 0
