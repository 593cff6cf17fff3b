"""办件查询 by number and phone digits, with the limit on wrong tries (rules.lookup_tries).

The kiosk counts its wrong tries under one key (someone standing at it cannot walk the
digits of a case); the phone pages count them per case number (a script cannot either,
from however many addresses). The limits are the hall's settings, read with each
lookup so a manager's change applies at once.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Hashable

from kiosk.errors import NotFound
from kiosk.queue.reads.cases import CitizenView, lookup_for_citizen
from kiosk.queue.reads.hall import effective_settings
from kiosk.queue.rules.lookup_tries import WrongTries
from kiosk.queue.store.context import HallContext

#: the longest 办件编号 looked at; anything longer is no case number of ours
CASE_NO_MAX = 40


def case_key(case_no: str) -> str:
    """A case number as the phone pages count tries for it (as the lookup reads it)."""
    return (case_no or "").strip().upper()[:CASE_NO_MAX]


def lookup_limited(ctx: HallContext, tries: WrongTries, case_no: str, phone_last_four: str, *,
                   key: Hashable | None = None) -> CitizenView:
    """``reads.cases.lookup_for_citizen`` counted in ``tries`` under ``key`` (default:
    the case number): raises TooManyTries while refused; only a wrong number or wrong
    digits (NotFound) stay counted."""
    settings = effective_settings(ctx)
    tries.set_limits(settings.get("cases.lookup_tries"),
                     dt.timedelta(minutes=settings.get("cases.lookup_minutes")))
    key = case_key(case_no) if key is None else key
    stamp = tries.attempt(key)
    try:
        view = lookup_for_citizen(ctx, (case_no or "")[:CASE_NO_MAX], phone_last_four)
    except NotFound:
        raise
    except BaseException:
        tries.forgive(key, stamp)  # four digits not typed, or no answer: no guess made
        raise
    tries.forgive(key, stamp)
    return view
