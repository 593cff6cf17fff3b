"""远程取号: an ordinary ticket taken on the phone, with a reminder, for the queues that
allow it; hours and daily limits as at the kiosk, and a per-phone daily limit."""
import datetime as dt

import pytest
from sqlalchemy import select, update

from kiosk.errors import InvalidInput, ServiceUnavailable
from kiosk.queue.actions import calendar, issuing, remote
from kiosk.queue.store.models import Reminder, Service, Ticket
from tests.conftest import HALL_TZ


def set_queue(ctx, prefix, **fields):
    with ctx.db.write() as session:
        session.execute(update(Service).where(Service.prefix == prefix).values(**fields))


def test_a_remote_ticket_is_a_ticket_with_a_reminder(ctx):
    result = remote.take_remote_ticket(ctx, item_code="RSJ-001", phone="13812345678")
    assert result.ticket.code == "C001" and len(result.ticket.web_token) == 24
    issuing.issue_ticket(ctx, item_code="RSJ-002")  # the kiosk's next number follows
    second = remote.take_remote_ticket(ctx, item_code="RSJ-003", phone="13912345678")
    assert second.ticket.code == "C003" and second.people_ahead == 2
    with ctx.db.read() as session:
        ticket = session.scalar(select(Ticket).where(Ticket.code == "C001"))
        reminder = session.scalar(select(Reminder).where(Reminder.ticket_id == ticket.id))
        assert ticket.kiosk == "web" and ticket.web_token == result.ticket.web_token
        assert reminder.phone_masked == "138****5678"
        assert "13812345678" not in " ".join(str(v) for v in vars(reminder).values())


def test_a_queue_without_remote_tickets_and_a_bad_phone_are_refused(ctx):
    with pytest.raises(remote.RemoteNotOffered) as err:
        remote.take_remote_ticket(ctx, item_code="SCJG-001", phone="13812345678")
    assert "不提供远程取号" in err.value.message_zh
    with pytest.raises(InvalidInput):
        remote.take_remote_ticket(ctx, item_code="RSJ-001", phone="1381234")


def test_remote_tickets_keep_the_opening_hours_and_the_calendar(ctx, clock):
    clock.set(dt.datetime(2026, 11, 23, 12, 30, tzinfo=HALL_TZ))
    assert remote.remote_items(ctx) == []
    with pytest.raises(ServiceUnavailable) as err:
        remote.take_remote_ticket(ctx, item_code="RSJ-001", phone="13812345678")
    assert "不是社保就业的取号时间" in err.value.message_zh
    clock.set(dt.datetime(2026, 11, 24, 9, 30, tzinfo=HALL_TZ))
    calendar.set_day(ctx, dt.date(2026, 11, 24), False, "测试假日", by="9001")
    assert remote.remote_items(ctx) == []
    with pytest.raises(ServiceUnavailable) as err:
        remote.take_remote_ticket(ctx, item_code="RSJ-001", phone="13812345678")
    assert "节假日" in err.value.message_zh


def test_remote_tickets_count_in_the_daily_limit(ctx):
    set_queue(ctx, "C", daily_limit=2)
    issuing.issue_ticket(ctx, item_code="RSJ-001")
    remote.take_remote_ticket(ctx, item_code="RSJ-001", phone="13812345678")
    assert "RSJ-001" not in {i.code for i in remote.remote_items(ctx)}  # sold out
    with pytest.raises(ServiceUnavailable) as err:
        remote.take_remote_ticket(ctx, item_code="RSJ-001", phone="13912345678")
    assert "号已取完" in err.value.message_zh


def test_one_phone_takes_the_queues_number_of_remote_tickets_a_day(ctx, clock):
    remote.take_remote_ticket(ctx, item_code="RSJ-001", phone="13812345678")
    with pytest.raises(remote.PhoneLimitReached) as err:
        remote.take_remote_ticket(ctx, item_code="RSJ-002", phone="13812345678")
    assert "每个手机每天限 1 个" in err.value.message_zh
    remote.take_remote_ticket(ctx, item_code="YBJ-001", phone="13812345678")  # another queue
    remote.take_remote_ticket(ctx, item_code="RSJ-002", phone="13912345678")  # another phone
    set_queue(ctx, "C", remote_daily_per_phone=2)
    remote.take_remote_ticket(ctx, item_code="RSJ-002", phone="13812345678")
    clock.set(dt.datetime(2026, 11, 24, 9, 30, tzinfo=HALL_TZ))  # a new day, a new count
    remote.take_remote_ticket(ctx, item_code="RSJ-001", phone="13812345678")


def test_remote_items_are_the_open_queues_that_allow_it(ctx):
    items = {i.code: i for i in remote.remote_items(ctx)}
    assert {i.service_prefix for i in items.values()} == {"C", "D"}
    assert items["RSJ-001"].service_name == "社保就业" and items["RSJ-001"].department
    remote.take_remote_ticket(ctx, item_code="RSJ-001", phone="13812345678")
    assert {i.code: i for i in remote.remote_items(ctx)}["RSJ-002"].waiting == 1
    set_queue(ctx, "D", remote_ticket=False)
    assert {i.service_prefix for i in remote.remote_items(ctx)} == {"C"}
