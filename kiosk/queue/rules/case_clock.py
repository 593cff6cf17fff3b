"""限时办结: a case's promised date, its stopped clock and its 黄牌/红牌, on working days.

Pure: every function takes the calendar as a predicate ``is_workday(day) -> bool``
(``actions.calendar.WorkCalendar.is_workday``), so the rules are tested without a
database and the reads can turn them into date ranges for one SQL query.

Counting: ``n`` working days after a day never count that day itself (受理 on Friday
with 1 working day is due Monday). A 补正告知 stops the clock: the working days after
the notice day up to and including the day the materials arrive do not count, so the
due date moves on by that many working days.

Cards: 红牌 when today is past the due date. 黄牌 when the working days left (after
today, up to the due date) are at most ``yellow_workdays`` OR at most ``yellow_share``
percent of the time limit: both rules apply and whichever warns first (the larger
margin) wins; 0 turns a rule off. While a 补正 is open the clock is stopped: such a
case keeps the card it had on the notice day for red, and shows no 黄牌 (the next move
is the applicant's).
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from kiosk.queue.rules.hours import WEEK_WORKDAYS

IsWorkday = Callable[[dt.date], bool]

YELLOW = "yellow"
RED = "red"
#: never look further than this for working days (a calendar of nothing but holidays)
MAX_SPAN_DAYS = 3660
_DAY = dt.timedelta(days=1)


def add_workdays(is_workday: IsWorkday, start: dt.date, days: int) -> dt.date:
    """The ``days``-th working day after ``start`` (0 gives ``start``)."""
    if days < 0:
        raise ValueError("days must not be negative")
    day, left = start, days
    for _ in range(MAX_SPAN_DAYS):
        if left == 0:
            return day
        day += _DAY
        if is_workday(day):
            left -= 1
    raise ValueError(f"no {days} working days within {MAX_SPAN_DAYS} days of {start}")


def workdays_between(is_workday: IsWorkday, start: dt.date, end: dt.date) -> int:
    """Working days in (start, end]; 0 when ``end`` is not after ``start``."""
    count, day = 0, start
    while day < end:
        day += _DAY
        count += bool(is_workday(day))
    return count


def promised_date(is_workday: IsWorkday, accepted: dt.date, promised_days: int) -> dt.date:
    """承诺期限 counted from the day of 受理; a 即办件 (0 days) is due the same day."""
    return add_workdays(is_workday, accepted, promised_days)


def stopped_workdays(is_workday: IsWorkday, notice: dt.date, received: dt.date) -> int:
    """Working days a 补正 stopped the clock: after the notice day, up to the arrival."""
    return workdays_between(is_workday, notice, received)


def yellow_margin(limit_days: int, yellow_workdays: int, yellow_share: int) -> int | None:
    """The most working days left that still earn a 黄牌 for a limit of ``limit_days``
    working days; None when neither rule ever warns."""
    margins = []
    if yellow_workdays > 0:
        margins.append(yellow_workdays)
    if yellow_share > 0 and limit_days > 0:
        margins.append(limit_days * yellow_share // 100)
    return max(margins) if margins else None


def yellow_until(is_workday: IsWorkday, today: dt.date, margin: int | None) -> dt.date | None:
    """The last due date that is yellow today: due dates in [today, this] are yellow
    (None: nothing is)."""
    if margin is None:
        return None
    return add_workdays(is_workday, today, margin + 1) - _DAY


def card(is_workday: IsWorkday, *, due: dt.date, today: dt.date, limit_days: int,
         yellow_workdays: int, yellow_share: int,
         paused_since: dt.date | None = None) -> str | None:
    """RED, YELLOW or None for something due on ``due`` with a limit of ``limit_days``."""
    if paused_since is not None:
        return RED if due < paused_since else None
    if due < today:
        return RED
    margin = yellow_margin(limit_days, yellow_workdays, yellow_share)
    if margin is not None and workdays_between(is_workday, today, due) <= margin:
        return YELLOW
    return None


def week_calendar(overrides: dict[dt.date, bool]) -> IsWorkday:
    """Monday to Friday, except the days the manager marked (``work_calendar`` rows):
    the same rule as ``actions.calendar.WorkCalendar``, for the reads."""
    def is_workday(day: dt.date) -> bool:
        marked = overrides.get(day)
        return day.isoweekday() in WEEK_WORKDAYS if marked is None else marked

    return is_workday
