"""网上预约's arithmetic, without the database: which days, which slots, how many.

Slots are cut from the queue's opening hours (``rules.hours``) on the hall's wall
clock, ``slot_minutes`` long from each period's start; a tail shorter than a slot is
not offered (nobody books 11:50-12:00 for a 30-minute slot).
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from kiosk.queue.rules.hours import opens_on, parse_period

#: how far booking_days looks for working days (a calendar full of holidays ends it)
MAX_LOOKAHEAD_DAYS = 60


def working_days_after(today: dt.date, count: int,
                       is_workday: Callable[[dt.date], bool]) -> list[dt.date]:
    """The next ``count`` working days after ``today`` (today never counts)."""
    days, day = [], today
    for _ in range(MAX_LOOKAHEAD_DAYS):
        if len(days) >= count:
            break
        day += dt.timedelta(days=1)
        if is_workday(day):
            days.append(day)
    return days


def day_slots(hours: dict[str, Any], day: dt.date, slot_minutes: int,
              workday: bool | None = None) -> list[tuple[dt.time, dt.time]]:
    """(start, end) of every whole slot the queue has on ``day``; ``workday``: the
    work calendar's entry for the day, as for ``hours.opens_on``."""
    if slot_minutes <= 0 or not opens_on(hours, day, workday):
        return []
    step = dt.timedelta(minutes=slot_minutes)
    slots = []
    for text in sorted(hours.get("periods", [])):
        start, end = parse_period(str(text))
        at, last = dt.datetime.combine(day, start), dt.datetime.combine(day, end)
        while at + step <= last:
            slots.append((at.time(), (at + step).time()))
            at += step
    return slots


def day_cap(daily_limit: int, share_percent: int) -> int | None:
    """Bookings a queue takes a day: ``share_percent`` of ``daily_limit`` (rounded
    down); None when the queue has no daily limit (the slots' capacity decides)."""
    if daily_limit <= 0:
        return None
    return daily_limit * share_percent // 100


def places_left(capacity: int, booked_in_slot: int, cap: int | None,
                booked_in_day: int) -> int:
    """Places a slot still has: its own capacity, and the day's share."""
    left = capacity - booked_in_slot
    if cap is not None:
        left = min(left, cap - booked_in_day)
    return max(left, 0)


def block_until(missed_days: list[dt.date], limit: int, block_days: int) -> dt.date | None:
    """The first day one may book again after ``missed_days`` (the no-shows within the
    window), or None when they do not block: ``limit`` of them block booking for
    ``block_days`` from the latest one."""
    if limit <= 0 or len(missed_days) < limit:
        return None
    return max(missed_days) + dt.timedelta(days=block_days)
