"""The queue's phone fields (reminders, remote tickets, booking) in the catalog file:
validated with Chinese refusals, loaded into the queue, exported back."""
import copy

import pytest
import yaml
from sqlalchemy import select

from kiosk.queue import catalog
from kiosk.queue.catalog.schema import validate
from kiosk.queue.demo import SAMPLE_CATALOG
from kiosk.queue.store.models import Service


@pytest.fixture(scope="module")
def sample():
    return yaml.safe_load(SAMPLE_CATALOG.read_text(encoding="utf-8"))


def test_the_sample_sets_them_and_they_round_trip(ctx, sample):
    queues = {s["prefix"]: s for s in catalog.export_catalog(ctx)["services"]}
    assert queues["C"]["remote_ticket"] is True and queues["C"]["booking_slot_capacity"] == 6
    assert "remote_ticket" not in queues["A"]  # defaults stay out of the file
    data = copy.deepcopy(sample)
    data["services"][0].update(remind_ahead=0, remote_ticket=True, remote_daily_per_phone=2,
                               booking_share=0, booking_slot_minutes=15,
                               booking_slot_capacity=9)
    catalog.import_catalog(ctx, data)
    with ctx.db.read() as session:
        a = session.scalar(select(Service).where(Service.prefix == "A"))
        assert (a.remind_ahead, a.remote_ticket, a.remote_daily_per_phone, a.booking_share,
                a.booking_slot_minutes, a.booking_slot_capacity) == (0, True, 2, 0, 15, 9)
    exported = catalog.export_catalog(ctx)["services"][0]
    assert {k: exported[k] for k in ("remind_ahead", "remote_ticket", "booking_share")} == \
        {"remind_ahead": 0, "remote_ticket": True, "booking_share": 0}
    del data["services"][0]["remote_ticket"]  # left out: back to the default
    catalog.import_catalog(ctx, data)
    with ctx.db.read() as session:
        assert session.scalar(select(Service.remote_ticket).where(Service.prefix == "A")) \
            is False


@pytest.mark.parametrize("field, value, zh", [
    ("remote_ticket", "yes", "应为 true 或 false"),
    ("booking_share", 101, "应为不大于 100 的整数"),
    ("booking_slot_minutes", 0, "应为不小于 5 的整数"),
    ("booking_slot_capacity", -1, "应为不小于 0 的整数"),
    ("remote_daily_per_phone", 1.5, "应为整数"),
    ("remind_ahead", True, "应为整数"),
])
def test_bad_values_are_refused_in_chinese(sample, field, value, zh):
    data = copy.deepcopy(sample)
    data["services"][2][field] = value
    problems = validate(data, "hall.yaml")
    assert len(problems) == 1
    problem = problems[0]
    assert (problem.entry, problem.field) == ("services[2] C", field)
    assert zh in problem.message_zh and problem.chinese()
