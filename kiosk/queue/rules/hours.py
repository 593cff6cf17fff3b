"""Opening hours of a service, on the hall's wall clock.

Stored as ``{"weekdays": [1, 2, 3, 4, 5], "periods": ["09:00-12:00", "13:30-17:00"]}``
(ISO weekdays, 1 = Monday). The hall's work calendar (the one follow-up deadlines
count on) overrides the week: a holiday closes every queue, and a 调休 working day on a
weekend opens the queues that open Monday to Friday, with their usual periods.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any


def parse_period(text: str) -> tuple[dt.time, dt.time]:
    """'09:00-12:00' -> (09:00, 12:00); raises ValueError with the reason."""
    try:
        start_text, end_text = (part.strip() for part in text.split("-"))
        start = dt.time.fromisoformat(start_text)
        end = dt.time.fromisoformat(end_text)
    except ValueError:
        raise ValueError(f"period {text!r} is not like 09:00-12:00") from None
    if end <= start:
        raise ValueError(f"period {text!r} ends before it starts")
    return start, end


def validate_hours(hours: Any) -> list[str]:
    """Problems with an hours value, in English; empty when it is valid."""
    if not isinstance(hours, dict):
        return ["hours must be a mapping with weekdays and periods"]
    problems = []
    weekdays = hours.get("weekdays")
    if not isinstance(weekdays, list) or not weekdays or not all(
            isinstance(d, int) and 1 <= d <= 7 for d in weekdays):
        problems.append("weekdays must be a non-empty list of 1..7")
    periods = hours.get("periods")
    if not isinstance(periods, list) or not periods:
        problems.append("periods must be a non-empty list like ['09:00-12:00']")
    else:
        for period in periods:
            try:
                parse_period(str(period))
            except ValueError as exc:
                problems.append(str(exc))
    return problems


#: ISO weekdays that are working days unless the work calendar says otherwise
WEEK_WORKDAYS = frozenset({1, 2, 3, 4, 5})


def opens_on(hours: dict[str, Any], day: dt.date, workday: bool | None = None) -> bool:
    """Whether the queue opens at all on ``day``. ``workday`` is the work calendar's
    entry for the day (None: none, the week decides). A 调休 working day on a weekend
    stands in for a weekday; the periods are the same on every day a queue opens, so it
    opens if any of Monday to Friday is among its weekdays."""
    if workday is False:
        return False
    weekdays = hours.get("weekdays", [])
    if day.isoweekday() in weekdays:
        return True
    return bool(workday) and day.isoweekday() not in WEEK_WORKDAYS \
        and not WEEK_WORKDAYS.isdisjoint(weekdays)


def open_period(hours: dict[str, Any], local_now: dt.datetime,
                cutoff_minutes: int = 0, workday: bool | None = None
                ) -> tuple[dt.time, dt.time] | None:
    """The period ``local_now`` falls in (ending ``cutoff_minutes`` early), or None;
    ``workday`` as for ``opens_on``."""
    if not opens_on(hours, local_now.date(), workday):
        return None
    now = local_now.time()
    for text in hours.get("periods", []):
        start, end = parse_period(text)
        last = (dt.datetime.combine(local_now.date(), end)
                - dt.timedelta(minutes=cutoff_minutes)).time()
        if start <= now < last:
            return start, end
    return None


def describe(hours: dict[str, Any]) -> str:
    """Opening hours in Chinese, for messages: 周一至周五 09:00-12:00、13:30-17:00."""
    names = "一二三四五六日"
    days = sorted(hours.get("weekdays", []))
    if days and days == list(range(days[0], days[-1] + 1)) and len(days) > 2:
        day_text = f"周{names[days[0] - 1]}至周{names[days[-1] - 1]}"
    else:
        day_text = "、".join(f"周{names[d - 1]}" for d in days)
    return f"{day_text} {'、'.join(hours.get('periods', []))}"


def next_opening(hours: dict[str, Any], local_now: dt.datetime,
                 workday_of: Callable[[dt.date], bool | None] = lambda day: None,
                 days_ahead: int = 14) -> dt.datetime | None:
    """When tickets can next be taken after ``local_now`` (the start of the next period,
    on the hall's wall clock), or None if not within ``days_ahead``; ``workday_of`` gives
    the work calendar's entry for a day, as for ``opens_on``. The kiosk shows it on a
    closed queue's tile (13:30 后可取号) so nobody walks to the third screen to learn it."""
    for offset in range(days_ahead + 1):
        day = local_now.date() + dt.timedelta(days=offset)
        if not opens_on(hours, day, workday_of(day)):
            continue
        starts = sorted(parse_period(str(text))[0] for text in hours.get("periods", []))
        for start in starts:
            at = dt.datetime.combine(day, start, tzinfo=local_now.tzinfo)
            if at > local_now:
                return at
    return None


def period_last_moment(period: tuple[dt.time, dt.time], day: dt.date, tzinfo,
                       cutoff_minutes: int = 0) -> dt.datetime:
    """When issuing stops in ``period`` on ``day`` (its end, ``cutoff_minutes`` early)."""
    return (dt.datetime.combine(day, period[1], tzinfo=tzinfo)
            - dt.timedelta(minutes=cutoff_minutes))
