"""网上预约 on the phone: days on the hall calendar, slots with places, capacity, the
day's share, one a day per person, no-show blocks, cancelling before the cut-off."""
import datetime as dt

import pytest
from sqlalchemy import select, update

from kiosk.errors import IllegalTransition, InvalidInput, NotFound, ServiceUnavailable
from kiosk.queue.actions import appointments, booking_checks, calendar
from kiosk.queue.reads import booking as reads
from kiosk.queue.store.models import Appointment, AppointmentState, Service
from tests.conftest import HALL_TZ

MON, TUE, WED, THU, FRI = (dt.date(2026, 11, 23) + dt.timedelta(days=n) for n in range(5))
SAT, SUN, NEXT_MON = (dt.date(2026, 11, 28) + dt.timedelta(days=n) for n in range(3))
ID = "11010519491231002X"
OTHER_ID = "440101199001011233"


def set_queue(ctx, prefix, **fields):
    with ctx.db.write() as session:
        session.execute(update(Service).where(Service.prefix == prefix).values(**fields))


def book(ctx, item="RSJ-001", day=TUE, slot=dt.time(9, 0), phone="13812345678",
         id_number=None, name="赵六"):
    return appointments.book_appointment(ctx, item_code=item, day=day, slot_start=slot,
                                         name=name, phone=phone, id_number=id_number)


def test_booking_days_are_the_next_working_days_across_a_holiday_and_a_tiaoxiu_day(ctx):
    assert reads.booking_days(ctx) == [TUE, WED, THU, FRI, NEXT_MON]
    calendar.set_day(ctx, WED, False, "测试假日", by="9001")
    calendar.set_day(ctx, SAT, True, "调休上班", by="9001")
    assert reads.booking_days(ctx) == [TUE, THU, FRI, SAT, NEXT_MON]
    assert reads.slots(ctx, "RSJ-001", SAT)[0].start == dt.time(9, 0)  # a weekday queue opens
    with pytest.raises(InvalidInput) as err:
        reads.slots(ctx, "RSJ-001", WED)
    assert "不可预约" in err.value.message_zh
    with pytest.raises(InvalidInput):
        book(ctx, day=WED)
    assert book(ctx, day=SAT).day == SAT
    with pytest.raises(InvalidInput):
        book(ctx, day=MON, slot=dt.time(10, 0))  # today: not bookable


def test_slots_follow_the_hours_and_bookable_items(ctx):
    slots = reads.slots(ctx, "RSJ-001", TUE)
    assert [(s.start, s.end) for s in slots[:2]] == [(dt.time(9, 0), dt.time(9, 30)),
                                                     (dt.time(9, 30), dt.time(10, 0))]
    assert len(slots) == 6 + 7 and slots[6].start == dt.time(13, 30)
    assert all(s.left == 6 and s.open for s in slots)
    long = reads.slots(ctx, "ZRZY-001", TUE)  # 60-minute slots; 16:30-17:00 is too short
    assert [s.start for s in long][-1] == dt.time(15, 30)
    items = {i.code: i for i in reads.bookable_items(ctx)}
    assert items["RSJ-001"].service_prefix == "C" and items["RSJ-001"].department
    set_queue(ctx, "C", booking_share=0)
    assert "RSJ-001" not in {i.code for i in reads.bookable_items(ctx)}
    with pytest.raises(ServiceUnavailable) as err:
        book(ctx)
    assert "暂不提供网上预约" in err.value.message_zh
    with pytest.raises(InvalidInput) as err:
        book(ctx, item="ZRZY-001", slot=dt.time(9, 30))
    assert "09:30 不是可预约的时段" in err.value.message_zh
    with pytest.raises(NotFound):
        reads.slots(ctx, "NOPE-1", TUE)


def test_a_booking_and_its_view_keep_personal_data_masked(ctx):
    view = book(ctx, id_number=ID)
    assert len(view.code) == 8 and len(view.web_token) == 24
    assert (view.item_code, view.day, view.slot_start, view.slot_end) == \
        ("RSJ-001", TUE, dt.time(9, 0), dt.time(9, 30))
    assert view.phone_masked == "138****5678" and view.state == "booked"
    assert view.can_cancel_until == dt.datetime(2026, 11, 24, 7, 0, tzinfo=HALL_TZ)
    assert view.cancellable
    assert appointments.booking_by_token(ctx, view.web_token) == view
    assert reads.booking_by_token(ctx, view.web_token) == view
    for bad in ("x" * 24, "", "../../etc", "x" * 500):
        with pytest.raises(NotFound):
            appointments.booking_by_token(ctx, bad)
    with ctx.db.read() as session:
        row = session.scalar(select(Appointment))
        stored = " ".join(str(v) for v in vars(row).values())
        assert "13812345678" not in stored and ID not in stored
        assert row.person_hash and row.id_number_masked == "1101**********002X"
    assert reads.slots(ctx, "RSJ-001", TUE)[0].left == 5


def test_bad_input_is_refused(ctx):
    with pytest.raises(InvalidInput) as err:
        book(ctx, id_number="110105194912310021")  # wrong check digit
    assert "身份证号码不正确" in err.value.message_zh
    with pytest.raises(InvalidInput):
        book(ctx, phone="12345")
    with pytest.raises(InvalidInput):
        book(ctx, name="  ")


def test_a_full_slot_is_refused_and_a_cancel_frees_it(ctx):
    set_queue(ctx, "C", booking_slot_capacity=2)
    first = book(ctx, phone="13800000001")
    book(ctx, phone="13800000002")
    assert reads.slots(ctx, "RSJ-001", TUE)[0].left == 0
    assert not reads.slots(ctx, "RSJ-001", TUE)[0].open
    with pytest.raises(booking_checks.SlotFull) as err:
        book(ctx, phone="13800000003")
    assert "09:00-09:30 时段已约满" in err.value.message_zh
    cancelled = appointments.cancel_booking(ctx, web_token=first.web_token)
    assert cancelled.state == "cancelled" and not cancelled.cancellable
    assert appointments.cancel_booking(ctx, web_token=first.web_token) == cancelled  # again
    assert reads.slots(ctx, "RSJ-001", TUE)[0].left == 1
    book(ctx, phone="13800000003")


def test_the_days_share_of_the_daily_limit_caps_bookings(ctx):
    set_queue(ctx, "C", daily_limit=10, booking_share=30)  # 3 bookings a day
    for n in range(3):
        book(ctx, phone=f"1380000000{n}", slot=dt.time(9 + n, 0))
    assert all(s.left == 0 for s in reads.slots(ctx, "RSJ-001", TUE))
    with pytest.raises(booking_checks.DayFull) as err:
        book(ctx, phone="13800000009", slot=dt.time(14, 0))
    assert "预约名额已满（3 个）" in err.value.message_zh
    book(ctx, phone="13800000009", slot=dt.time(14, 0), day=WED)  # another day has room
    set_queue(ctx, "C", daily_limit=0)  # no limit: the slots decide
    book(ctx, phone="13800000009", slot=dt.time(14, 0))


def test_one_booking_per_person_a_day_by_id_number_else_phone(ctx):
    book(ctx, id_number=ID, phone="13800000001")
    with pytest.raises(booking_checks.AlreadyBooked) as err:
        book(ctx, id_number=ID.lower(), phone="13800000002", item="GJJ-001")
    assert "该身份证号" in err.value.message_zh and "每人每天只能预约一次" in err.value.message_zh
    book(ctx, id_number=ID, phone="13800000001", day=WED)
    book(ctx, phone="13900000001")
    with pytest.raises(booking_checks.AlreadyBooked) as err:
        book(ctx, phone="13900000001", slot=dt.time(10, 0))
    assert "该手机号" in err.value.message_zh
    book(ctx, id_number=OTHER_ID, phone="13900000001")  # another person, same phone


def _missed(ctx, days_ago, phone="13812345678", id_number=None):
    day = MON - dt.timedelta(days=days_ago)
    code = appointments.record_booking(ctx, item_code="RSJ-001", day=day,
                                       slot_start=dt.time(9, 0), slot_minutes=30,
                                       name="赵六", phone=phone, id_number=id_number)
    with ctx.db.write() as session:
        session.execute(update(Appointment).where(Appointment.code == code)
                        .values(state=AppointmentState.MISSED))


def test_three_no_shows_in_the_window_block_booking_and_say_until_when(ctx):
    _missed(ctx, 200)  # outside the 180-day window
    _missed(ctx, 40)
    _missed(ctx, 20)
    book(ctx, day=WED).web_token  # two within the window: allowed
    _missed(ctx, 10)
    with pytest.raises(booking_checks.NoShowBlocked) as err:
        book(ctx, phone="13812345678", id_number=ID)  # found by the phone too
    # the latest no-show was on 11-13: blocked for 30 days, bookable again on 12-13
    assert "2026年12月12日" in err.value.message_zh and "12月13日起" in err.value.message_zh
    book(ctx, phone="13911112222")  # somebody else


def test_cancel_is_refused_after_the_cut_off_with_until_when(ctx, clock):
    view = book(ctx, slot=dt.time(10, 0))  # cancellable until 08:00 on Tuesday
    clock.set(dt.datetime(2026, 11, 24, 8, 1, tzinfo=HALL_TZ))
    assert not appointments.booking_by_token(ctx, view.web_token).cancellable
    with pytest.raises(IllegalTransition) as err:
        appointments.cancel_booking(ctx, web_token=view.web_token)
    assert "11月24日 08:00" in err.value.message_zh
    clock.set(dt.datetime(2026, 11, 24, 8, 0, tzinfo=HALL_TZ))
    assert appointments.cancel_booking(ctx, web_token=view.web_token).state == "cancelled"


def test_a_checked_in_booking_cannot_be_cancelled(ctx, clock):
    view = book(ctx, slot=dt.time(10, 0))
    clock.set(dt.datetime(2026, 11, 24, 9, 45, tzinfo=HALL_TZ))
    appointments.check_in(ctx, code=view.code, phone_last_four="5678")
    with pytest.raises(IllegalTransition) as err:
        appointments.cancel_booking(ctx, web_token=view.web_token)
    assert "已签到" in err.value.message_zh
    with pytest.raises(NotFound):
        appointments.cancel_booking(ctx, web_token="nope")
