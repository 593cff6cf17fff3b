"""The frame of every action taken at a window: one write transaction, a retried
request replayed instead of applied twice, and the clerk checked against the window.

An action is written as ``body(at: AtWindow, **options)`` and decorated with
``window_action``; callers use ``action(ctx, *, window, staff_no, request_id=None,
**options)``. The first action of a new hall day closes the earlier days first
(``actions.day``), so no clerk acts on yesterday's ticket.
"""
from __future__ import annotations

import dataclasses
import functools
from collections.abc import Callable
from typing import Any

from kiosk.errors import NotPermitted
from kiosk.queue.store.context import HallContext, Scope, scope as open_scope
from kiosk.queue.store.events import Appended, append_event, staff_actor
from kiosk.queue.store.lookup import staffed_window, window_by_number
from kiosk.queue.actions.day import (
    closes_past_days, explain_refusal, require_past_days_closed,
)
from kiosk.queue.store.models import Ticket, Window
from kiosk.queue.actions.results import replay
from kiosk.queue.snapshots import ActionResult


@dataclasses.dataclass(frozen=True)
class AtWindow:
    """An action in progress at a window whose clerk has been checked."""

    scope: Scope
    window: Window
    staff_no: str
    request_id: str | None

    def event(self, action: str, ticket: Ticket | None, payload: dict[str, Any]) -> Appended:
        """Append the action's event (its last statement), by this clerk at this window."""
        return append_event(self.scope, staff_actor(self.staff_no), action,
                            ticket_id=ticket.id if ticket else None,
                            window_id=self.window.id, payload=payload,
                            request_id=self.request_id)


def clerk_window(scope: Scope, number: int, staff_no: str) -> Window:
    """The window, locked, with ``staff_no`` signed in there; a clerk whose window was
    signed out by closing the day is told what became of the ticket in hand."""
    try:
        return staffed_window(scope, number, staff_no)
    except NotPermitted:
        explain_refusal(scope, window_by_number(scope, number), staff_no)
        raise


def window_action(body: Callable[..., ActionResult]) -> Callable[..., ActionResult]:
    @functools.wraps(body)
    def action(ctx: HallContext, *, window: int, staff_no: str,
               request_id: str | None = None, **options: Any) -> ActionResult:
        with ctx.db.write() as session:
            scope = open_scope(ctx, session)
            require_past_days_closed(scope)
            if (done := replay(scope, request_id)) is not None:
                return done
            row = clerk_window(scope, window, staff_no)
            return body(AtWindow(scope, row, staff_no, request_id), **options)

    return closes_past_days(action)
