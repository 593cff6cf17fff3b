"""预约签到: by code (with the phone's last four digits) or phone, early and late rules,
random booking codes, minimal personal data."""
import datetime as dt
import threading

import pytest
from sqlalchemy import select

from kiosk.errors import InvalidInput, NotFound, ServiceUnavailable
from kiosk.queue.actions import appointments
from kiosk.queue.store.models import Appointment
from tests.conftest import HALL_TZ


def book(ctx, slot=dt.time(10, 0), phone="13812345678", **kwargs):
    return appointments.record_booking(
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
    result = appointments.check_in(ctx, code=code, phone_last_four="5678")
    assert result.ticket.code == "E001"
    assert result.ticket.due_at == dt.datetime(2026, 11, 23, 10, 0, tzinfo=HALL_TZ)
    book(ctx, slot=dt.time(10, 30), phone="13911112222")
    clock.set(dt.datetime(2026, 11, 23, 10, 20, tzinfo=HALL_TZ))
    assert appointments.check_in(ctx, phone="13911112222").ticket.code == "E002"


def test_too_early_is_refused_with_the_opening_time(ctx, clock):
    code = book(ctx, slot=dt.time(11, 0))
    with pytest.raises(ServiceUnavailable) as err:  # 09:30, opens 10:30
        appointments.check_in(ctx, code=code, phone_last_four="5678")
    assert "10:30" in err.value.message_zh


def test_too_late_is_refused_and_says_take_an_ordinary_ticket(ctx, clock):
    code = book(ctx, slot=dt.time(9, 0))  # late limit 09:15; it is 09:30
    with pytest.raises(ServiceUnavailable) as err:
        appointments.check_in(ctx, code=code, phone_last_four="5678")
    assert "普通号" in err.value.message_zh


def test_twice_and_unknown_are_refused(ctx, clock):
    code = book(ctx, slot=dt.time(9, 30))
    appointments.check_in(ctx, code=code, phone_last_four="5678")
    with pytest.raises(ServiceUnavailable) as err:
        appointments.check_in(ctx, code=code, phone_last_four="5678")
    assert "已签到" in err.value.message_zh
    with pytest.raises(NotFound):
        appointments.check_in(ctx, code="000000", phone_last_four="5678")
    with pytest.raises(InvalidInput):
        appointments.check_in(ctx, phone="12345")
    with pytest.raises(InvalidInput):
        appointments.check_in(ctx)


def test_codes_are_random_digits_short_enough_to_type(ctx):
    codes = [book(ctx) for _ in range(3)]
    assert all(len(code) == 8 and code.isdigit() for code in codes), codes
    assert len(set(codes)) == 3
    assert not any(code.startswith("261123") for code in codes)   # not date + count


def test_a_code_already_taken_is_replaced_by_a_fresh_one(ctx, monkeypatch):
    drawn = iter(["12345678", "12345678", "87654321"])
    monkeypatch.setattr(appointments, "new_code", lambda: next(drawn))
    assert book(ctx) == "12345678"
    assert book(ctx, slot=dt.time(10, 30)) == "87654321"
    with ctx.db.read() as session:
        assert sorted(session.scalars(select(Appointment.code))) == ["12345678", "87654321"]


def test_check_in_by_code_needs_the_phones_last_four_digits(ctx, clock):
    code = book(ctx, slot=dt.time(9, 30))
    with pytest.raises(InvalidInput) as missing:
        appointments.check_in(ctx, code=code)
    assert "后四位" in missing.value.message_zh
    with pytest.raises(InvalidInput):
        appointments.check_in(ctx, code=code, phone_last_four="56a8")
    with pytest.raises(NotFound) as wrong_digits:
        appointments.check_in(ctx, code=code, phone_last_four="1234")
    unknown_code = "00000000" if code != "00000000" else "00000001"
    with pytest.raises(NotFound) as unknown:
        appointments.check_in(ctx, code=unknown_code, phone_last_four="5678")
    # one answer for both: the digits never tell whether a code exists
    assert wrong_digits.value.message_zh == unknown.value.message_zh
    assert wrong_digits.value.message_en == unknown.value.message_en
    assert "后四位" in wrong_digits.value.message_zh
    checked_in = appointments.check_in(ctx, code=code, phone_last_four=" 5678 ")
    assert checked_in.ticket.code == "E001"


def test_a_checked_in_code_says_so_only_with_the_right_digits(ctx, clock):
    code = book(ctx, slot=dt.time(9, 30))
    appointments.check_in(ctx, code=code, phone_last_four="5678")
    with pytest.raises(NotFound):
        appointments.check_in(ctx, code=code, phone_last_four="0000")


def test_concurrent_bookings_all_succeed_with_distinct_codes(make_ctx, db_url):
    contexts = [make_ctx(db_url) for _ in range(6)]
    barrier = threading.Barrier(len(contexts))
    codes, failures = [], []

    def book_one(ctx, n):
        barrier.wait()
        try:
            codes.append(book(ctx, phone=f"1391111{n:04d}"))
        except Exception as exc:  # noqa: BLE001 - collected and asserted below
            failures.append(repr(exc))

    threads = [threading.Thread(target=book_one, args=(ctx, n))
               for n, ctx in enumerate(contexts)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert failures == []
    assert len(codes) == len(set(codes)) == len(contexts)


def test_the_booking_name_is_cleaned_and_checked_like_its_column(ctx):
    from kiosk.queue.rules.limits import BOOKING_NAME_MAX

    def book_as(name):
        return appointments.record_booking(
            ctx, item_code="GJJ-001", day=dt.date(2026, 11, 23), slot_start=dt.time(10),
            slot_minutes=30, name=name, phone="13812345678")

    for refused_name in ("赵\x00六", "赵" * (BOOKING_NAME_MAX + 1), "\x1b\x07"):
        with pytest.raises(InvalidInput) as refused:
            book_as(refused_name)
        assert "姓名" in refused.value.message_zh
    book_as("\u0639\u0644\u064a \x1b[0mZoe\u0308\n")
    with ctx.db.read() as session:
        assert session.scalars(select(Appointment.name)).all() == ["علي [0mZoë"]
