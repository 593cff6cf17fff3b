"""预约签到: by code or phone, early and late rules, minimal personal data."""
import datetime as dt

import pytest
from sqlalchemy import select

from kiosk.errors import InvalidInput, NotFound, ServiceUnavailable
from kiosk.queue.actions import appointments
from kiosk.queue.store.models import Appointment
from tests.conftest import HALL_TZ


def book(ctx, slot=dt.time(10, 0), phone="13812345678", **kwargs):
    return appointments.book_appointment(
        ctx, item_code="GJJ-001", day=dt.date(2026, 11, 23), slot_start=slot,
        slot_minutes=30, name="赵六", phone=phone, id_number="440101199001011234", **kwargs)


def test_personal_data_is_stored_masked(ctx):
    book(ctx)
    with ctx.db.read() as session:
        row = session.scalar(select(Appointment))
        assert row.phone_masked == "138****5678"
        assert row.id_number_masked == "4401**********1234"
        stored = " ".join(str(v) for v in vars(row).values())
        assert "13812345678" not in stored and "440101199001011234" not in stored


def test_check_in_by_code_and_by_phone(ctx, clock):
    code = book(ctx)
    clock.set(dt.datetime(2026, 11, 23, 9, 45, tzinfo=HALL_TZ))
    result = appointments.check_in(ctx, code=code)
    assert result.ticket.code == "E001"
    assert result.ticket.due_at == dt.datetime(2026, 11, 23, 10, 0, tzinfo=HALL_TZ)
    book(ctx, slot=dt.time(10, 30), phone="13911112222")
    clock.set(dt.datetime(2026, 11, 23, 10, 20, tzinfo=HALL_TZ))
    assert appointments.check_in(ctx, phone="13911112222").ticket.code == "E002"


def test_too_early_is_refused_with_the_opening_time(ctx, clock):
    code = book(ctx, slot=dt.time(11, 0))
    with pytest.raises(ServiceUnavailable) as err:  # 09:30, opens 10:30
        appointments.check_in(ctx, code=code)
    assert "10:30" in err.value.message_zh


def test_too_late_is_refused_and_says_take_an_ordinary_ticket(ctx, clock):
    code = book(ctx, slot=dt.time(9, 0))  # late limit 09:15; it is 09:30
    with pytest.raises(ServiceUnavailable) as err:
        appointments.check_in(ctx, code=code)
    assert "普通号" in err.value.message_zh


def test_twice_and_unknown_are_refused(ctx, clock):
    code = book(ctx, slot=dt.time(9, 30))
    appointments.check_in(ctx, code=code)
    with pytest.raises(ServiceUnavailable) as err:
        appointments.check_in(ctx, code=code)
    assert "已签到" in err.value.message_zh
    with pytest.raises(NotFound):
        appointments.check_in(ctx, code="000000")
    with pytest.raises(InvalidInput):
        appointments.check_in(ctx, phone="12345")
    with pytest.raises(InvalidInput):
        appointments.check_in(ctx)
