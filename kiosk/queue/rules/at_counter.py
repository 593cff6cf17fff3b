"""Rules the window applies to the citizen in front of it, shared by the actions that
enforce them and the window client that asks before sending (so both say the same)."""
from __future__ import annotations

import datetime as dt

#: ticket.priority_check: the window still has to check / has checked / the ID card did
CLAIMED, CONFIRMED, BY_AGE = "claimed", "confirmed", "by_age"


def needs_check(priority: str, priority_check: str | None) -> bool:
    """A 绿色通道 ticket whose claim nobody has checked yet (NULL: issued before the kiosk
    recorded "claimed")."""
    return priority != "none" and priority_check in (None, CLAIMED)


def no_show_too_soon(recall_count: int, called_at: dt.datetime | None, now: dt.datetime,
                     min_recalls: int, min_seconds: int) -> bool:
    """True while 过号 still needs the clerk's confirmation: the call was neither recalled
    ``min_recalls`` times nor made ``min_seconds`` ago (0 recalls turns the guard off)."""
    if min_recalls <= 0 or recall_count >= min_recalls:
        return False
    return called_at is None or (now - called_at).total_seconds() < min_seconds
