"""The working-day calendar: the week by default, holidays and make-up days on top;
deadlines and opening hours both follow it."""
from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from kiosk.errors import InvalidInput, NotFound, NotPermitted, ServiceUnavailable
from kiosk.queue import demo
from kiosk.queue.actions import calendar
from kiosk.queue.actions.calendar import WorkCalendar
from kiosk.queue.store.models import Event
from tests.conftest import HALL_TZ
from tests.helpers import take

FRI = dt.date(2026, 11, 27)
SAT, SUN, MON, TUE = (FRI + dt.timedelta(days=n) for n in (1, 2, 3, 4))


def test_the_week_alone():
    week = WorkCalendar()
    assert [week.is_workday(FRI + dt.timedelta(days=n)) for n in range(7)] == [
        True, False, False, True, True, True, True]
    assert week.add_workdays(FRI, 0) == FRI
    assert week.add_workdays(FRI, 1) == MON       # across the weekend
    assert week.add_workdays(SAT, 1) == MON       # from a rest day
    assert week.add_workdays(MON, 5) == MON + dt.timedelta(days=7)
    assert week.add_workdays(dt.date(2026, 11, 23), 15) == dt.date(2026, 12, 14)
    assert week.workdays_between(FRI, TUE) == 2
    with pytest.raises(ValueError):
        week.add_workdays(FRI, -1)


def test_holidays_and_make_up_days():
    cal = WorkCalendar({MON: False, SUN: True})
    assert not cal.is_workday(MON) and cal.is_workday(SUN)
    assert cal.add_workdays(FRI, 1) == SUN
    assert cal.add_workdays(FRI, 2) == TUE
    assert WorkCalendar({MON: False}).add_workdays(FRI, 1) == TUE


def test_a_calendar_of_only_holidays_is_reported():
    everything_off = WorkCalendar({FRI + dt.timedelta(days=n): False for n in range(1, 3700)})
    with pytest.raises(InvalidInput) as error:
        everything_off.add_workdays(FRI, 1)
    assert "工作日" in error.value.message_zh


def test_the_manager_edits_the_calendar(ctx):
    assert calendar.is_workday(ctx, MON)
    assert calendar.add_workdays(ctx, FRI, 1) == MON
    event_id = calendar.set_day(ctx, MON, False, "元旦调休（示例）", by="9001")
    calendar.set_day(ctx, SUN, True, "调休上班", by="9000")
    assert not calendar.is_workday(ctx, MON) and calendar.is_workday(ctx, SUN)
    assert calendar.add_workdays(ctx, FRI, 2) == TUE
    days = calendar.list_days(ctx, FRI, TUE)
    assert [(d.day, d.is_workday, d.note, d.set_by) for d in days] == [
        (SUN, True, "调休上班", "9000"), (MON, False, "元旦调休（示例）", "9001")]
    calendar.set_day(ctx, MON, True, "", by="9001")  # changed again: one row per day
    assert calendar.is_workday(ctx, MON) and len(calendar.list_days(ctx, MON, MON)) == 1
    assert calendar.clear_day(ctx, SUN, by="9001") is not None
    assert calendar.clear_day(ctx, SUN, by="9001") is None
    assert not calendar.is_workday(ctx, SUN)
    with ctx.db.read() as session:
        event = session.get(Event, event_id)
        seen = (event.actor, event.payload["day"], event.payload["is_workday"])
        actions = session.scalars(select(Event.action).where(
            Event.action.like("calendar_%")).order_by(Event.id)).all()
    assert seen == ("staff:9001", MON.isoformat(), False)
    assert actions == ["calendar_day_set"] * 3 + ["calendar_day_cleared"]


def test_window_clerks_may_not_edit_the_calendar(ctx):
    with pytest.raises(NotPermitted):
        calendar.set_day(ctx, MON, False, "", by="1001")
    with pytest.raises(NotPermitted):
        calendar.clear_day(ctx, MON, by="1001")
    with pytest.raises(NotFound):
        calendar.set_day(ctx, MON, False, "", by="nobody")
    with pytest.raises(InvalidInput):
        calendar.set_day(ctx, MON, False, "长" * 101, by="9001")
    assert calendar.is_workday(ctx, MON) and calendar.list_days(ctx, FRI, TUE) == []


# --- opening hours follow the calendar ------------------------------------------------

WEEKDAYS = {"weekdays": [1, 2, 3, 4, 5], "periods": ["09:00-12:00"]}
TUE_THU = {"weekdays": [2, 4], "periods": ["09:00-12:00"]}
WITH_SATURDAY = {"weekdays": [1, 2, 3, 4, 5, 6], "periods": ["09:00-12:00"]}


def test_a_holiday_closes_and_a_make_up_day_opens_by_the_rules():
    from kiosk.queue.rules.hours import opens_on

    assert opens_on(WEEKDAYS, MON) and not opens_on(WEEKDAYS, SAT)
    assert not opens_on(WEEKDAYS, MON, workday=False)
    assert not opens_on(WITH_SATURDAY, SAT, workday=False)
    assert opens_on(WEEKDAYS, SAT, workday=True)        # 调休: like a weekday
    assert opens_on(TUE_THU, SUN, workday=True)         # opens on some weekday
    assert opens_on({"weekdays": [6, 7], "periods": ["09:00-12:00"]}, SAT,
                    workday=True)                       # its own weekend day still
    assert not opens_on(TUE_THU, MON, workday=True)     # a weekday keeps its own rule


def test_the_kiosk_refuses_tickets_on_a_holiday(ctx, clock):
    monday = dt.date(2026, 11, 23)          # the clock's day, 09:30
    assert demo.any_service_open(ctx)
    calendar.set_day(ctx, monday, False, "示例假日", by="9001")
    with pytest.raises(ServiceUnavailable) as refused:
        take(ctx)
    assert "节假日（示例假日），大厅休息" in refused.value.message_zh
    with pytest.raises(ServiceUnavailable):
        take(ctx, "GAJ-001")                # every queue, the Saturday one too
    assert not demo.any_service_open(ctx)
    calendar.clear_day(ctx, monday, by="9001")
    assert take(ctx).ticket.code == "A001"


def test_the_kiosk_issues_on_a_make_up_saturday(ctx, clock):
    clock.set(dt.datetime(2026, 11, 28, 10, 0, tzinfo=HALL_TZ))   # Saturday
    with pytest.raises(ServiceUnavailable):
        take(ctx)
    calendar.set_day(ctx, SAT, True, "调休上班", by="9001")
    assert demo.any_service_open(ctx)
    assert take(ctx).ticket.code == "A001"
    assert take(ctx, "GAJ-001").ticket.code == "H001"
    clock.set(dt.datetime(2026, 11, 28, 12, 30, tzinfo=HALL_TZ))  # its lunch break
    with pytest.raises(ServiceUnavailable) as refused:
        take(ctx)
    assert "09:00-12:00" in refused.value.message_zh


def test_a_calendar_note_over_its_column_is_refused_alike_on_both_databases(ctx):
    from kiosk.queue.rules.limits import CALENDAR_NOTE_MAX

    with pytest.raises(InvalidInput) as refused:
        calendar.set_day(ctx, MON, False, "假" * (CALENDAR_NOTE_MAX + 1), by="9001")
    assert "备注太长" in refused.value.message_zh
    calendar.set_day(ctx, MON, False, "假" * CALENDAR_NOTE_MAX, by="9001")
    assert calendar.list_days(ctx, MON, MON)[0].note == "假" * CALENDAR_NOTE_MAX
