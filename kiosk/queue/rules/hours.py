"""Opening hours of a service, on the hall's wall clock.

Stored as ``{"weekdays": [1, 2, 3, 4, 5], "periods": ["09:00-12:00", "13:30-17:00"]}``
(ISO weekdays, 1 = Monday).
"""
from __future__ import annotations

import datetime as dt
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


def open_period(hours: dict[str, Any], local_now: dt.datetime,
                cutoff_minutes: int = 0) -> tuple[dt.time, dt.time] | None:
    """The period ``local_now`` falls in (ending ``cutoff_minutes`` early), or None."""
    if local_now.isoweekday() not in hours.get("weekdays", []):
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
