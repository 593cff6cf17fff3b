"""Rehearsing an app's first action at start, rolled back, so the first citizen does not
pay for it.

The first ticket a process issues costs ~10 ms more CPU than the next ones (SQLAlchemy
compiles and caches each statement the first time it runs): 60-150 ms on a busy hall PC,
once per kiosk start, and the longest issues of a busy morning. A kiosk rehearses one
ticket as it starts: every statement runs, then the transaction rolls back, so no number
is used, no event is written and nobody sees anything (``Database.rehearsing``).
"""
from __future__ import annotations

import logging

from kiosk.errors import KioskError
from kiosk.queue.actions.day import close_past_days
from kiosk.queue.actions.issuing import issue_ticket
from kiosk.queue.store.context import HallContext
from kiosk.queue.store.db import Rehearsed

log = logging.getLogger(__name__)


def rehearse_issue(ctx: HallContext, item_code: str) -> bool:
    """Issue a ticket of ``item_code`` and roll it back; True when it ran to the end (a
    refusal, such as a queue not open yet, ends it early: the rest stays cold)."""
    close_past_days(ctx)  # for real (as every start does): the issue is what rehearses
    try:
        with ctx.db.rehearsing():
            issue_ticket(ctx, item_code=item_code)
    except Rehearsed:
        return True
    except KioskError as refusal:
        log.info("issue rehearsal of %s ended early: %s", item_code, refusal.message_en)
        return False
    raise AssertionError("a write under rehearsal committed")
