"""The hall's working-day calendar: Monday to Friday, except the days the manager marks.

Government deadlines (差评 核实 within 1 working day, 整改 within 15) count working days,
and China moves them every year: public holidays close weekdays and 调休 makes some
Saturdays and Sundays working days. So the week gives the default and a row in
``work_calendar`` overrides one day; the manager enters each year's schedule.
"""
from __future__ import annotations

import dataclasses
import datetime as dt

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from kiosk.errors import InvalidInput
from kiosk.queue.store.context import HallContext, Scope, load_hall, scope as open_scope
from kiosk.queue.store.events import append_event, prior_event, staff_actor
from kiosk.queue.store.lookup import require_role
from kiosk.queue.store.models import Role, WorkCalendarDay
from kiosk.queue.rules import case_clock
from kiosk.queue.rules.hours import WEEK_WORKDAYS
from kiosk.queue.rules.text_input import CALENDAR_NOTE, clean_text


@dataclasses.dataclass(frozen=True)
class CalendarDay:
    """One override of the calendar, as the manager entered it."""

    day: dt.date
    is_workday: bool
    note: str
    set_by: str
    set_at: dt.datetime


class WorkCalendar:
    """Working days of one hall, read once from the database and then answered in memory
    (so counting 15 working days is not 15 queries)."""

    def __init__(self, overrides: dict[dt.date, bool] | None = None) -> None:
        self.overrides = dict(overrides or {})

    @classmethod
    def load(cls, scope: Scope) -> WorkCalendar:
        rows = scope.session.execute(select(WorkCalendarDay.day, WorkCalendarDay.is_workday)
                                     .where(WorkCalendarDay.hall_id == scope.hall.id))
        return cls({day: workday for day, workday in rows})

    def is_workday(self, day: dt.date) -> bool:
        if day in self.overrides:
            return self.overrides[day]
        return day.isoweekday() in WEEK_WORKDAYS

    def add_workdays(self, start: dt.date, days: int) -> dt.date:
        """The ``days``-th working day after ``start`` (``start`` itself never counts;
        0 gives ``start``). A bad rating on Friday with 1 working day to verify is due
        on Monday, or on Tuesday when Monday is a holiday."""
        try:
            return case_clock.add_workdays(self.is_workday, start, days)
        except ValueError as exc:
            if days < 0:
                raise
            raise InvalidInput("工作日历中找不到足够的工作日，请检查节假日设置",
                               str(exc)) from None

    def workdays_between(self, start: dt.date, end: dt.date) -> int:
        """Working days in (start, end]: how late something due on ``start`` is on ``end``."""
        return case_clock.workdays_between(self.is_workday, start, end)


#: one day's entry by primary key: what issuing asks on every ticket
_DAY_ENTRY = select(WorkCalendarDay.is_workday, WorkCalendarDay.note).where(
    WorkCalendarDay.hall_id == bindparam("hall_id"), WorkCalendarDay.day == bindparam("day"))


def day_entry(session: Session, hall_id: int, day: dt.date) -> tuple[bool, str] | None:
    """The manager's entry for ``day`` (is it a working day, and the note, e.g. 国庆节),
    or None when the week decides; opening hours follow it (``rules.hours``)."""
    row = session.execute(_DAY_ENTRY, {"hall_id": hall_id, "day": day}).first()
    return None if row is None else (row[0], row[1])


def _load(ctx: HallContext) -> WorkCalendar:
    with ctx.db.read() as session:
        hall = load_hall(session, ctx.hall_code)
        rows = session.execute(select(WorkCalendarDay.day, WorkCalendarDay.is_workday)
                               .where(WorkCalendarDay.hall_id == hall.id))
        return WorkCalendar({day: workday for day, workday in rows})


def is_workday(ctx: HallContext, day: dt.date) -> bool:
    return _load(ctx).is_workday(day)


def add_workdays(ctx: HallContext, start: dt.date, days: int) -> dt.date:
    return _load(ctx).add_workdays(start, days)


def set_day(ctx: HallContext, day: dt.date, is_workday: bool, note: str, by: str,
            request_id: str | None = None) -> int:
    """Mark ``day`` a holiday (False) or a working day (True), e.g. 调休上班 on a Sunday.
    Managers and admins only; returns the event id. Deadlines already set keep their
    dates; deadlines set from now on use the new calendar. ``request_id``: a retried
    request that committed before is replayed, not repeated."""
    note = clean_text(note, CALENDAR_NOTE)
    with ctx.db.write() as session:
        scope = open_scope(ctx, session)
        if (prior := prior_event(scope, request_id)) is not None:
            return prior.id
        require_role(scope, by, Role.MANAGER, Role.ADMIN)
        row = session.get(WorkCalendarDay, (scope.hall.id, day))
        old = None if row is None else row.is_workday
        if row is None:
            row = WorkCalendarDay(hall_id=scope.hall.id, day=day)
            session.add(row)
        row.is_workday = bool(is_workday)
        row.note = note
        row.set_by = by
        row.set_at = scope.now
        return append_event(scope, staff_actor(by), "calendar_day_set",
                            payload={"day": day.isoformat(), "is_workday": bool(is_workday),
                                     "old": old, "note": note}, request_id=request_id).id


def clear_day(ctx: HallContext, day: dt.date, by: str,
              request_id: str | None = None) -> int | None:
    """Remove the override of ``day`` (it follows the week again); None if there was
    none. ``request_id``: a retried request that committed before is replayed, not
    repeated."""
    with ctx.db.write() as session:
        scope = open_scope(ctx, session)
        if (prior := prior_event(scope, request_id)) is not None:
            return prior.id
        require_role(scope, by, Role.MANAGER, Role.ADMIN)
        row = session.get(WorkCalendarDay, (scope.hall.id, day))
        if row is None:
            return None
        old = row.is_workday
        session.delete(row)
        return append_event(scope, staff_actor(by), "calendar_day_cleared",
                            payload={"day": day.isoformat(), "old": old},
                            request_id=request_id).id


def list_days(ctx: HallContext, start: dt.date, end: dt.date) -> list[CalendarDay]:
    """The overrides between ``start`` and ``end`` inclusive, by date."""
    with ctx.db.read() as session:
        hall = load_hall(session, ctx.hall_code)
        rows = session.scalars(select(WorkCalendarDay).where(
            WorkCalendarDay.hall_id == hall.id, WorkCalendarDay.day >= start,
            WorkCalendarDay.day <= end).order_by(WorkCalendarDay.day))
        return [CalendarDay(r.day, r.is_workday, r.note, r.set_by, r.set_at) for r in rows]
