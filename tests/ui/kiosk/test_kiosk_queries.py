"""The kiosk's read models (Qt-free), on SQLite and PostgreSQL."""
from __future__ import annotations

import dataclasses

import pytest
from sqlalchemy import update

from kiosk.queue.actions import staff

from kiosk.queue.reads import hall as hall_reads, kiosk as kiosk_reads
from kiosk.queue.store.models import Item


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
