"""The frame of every action taken at a window: one write transaction, a retried
request replayed instead of applied twice, and the clerk checked against the window.

An action is written as ``body(at: AtWindow, **options)`` and decorated with
``window_action``; callers use ``action(ctx, *, window, staff_no, request_id=None,
**options)``.
"""
from __future__ import annotations

import dataclasses
import functools
from collections.abc import Callable
from typing import Any

from kiosk.queue.store.context import HallContext, Scope, scope as open_scope
from kiosk.queue.store.events import Appended, append_event, staff_actor
from kiosk.queue.store.lookup import staffed_window
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


def window_action(body: Callable[..., ActionResult]) -> Callable[..., ActionResult]:
    @functools.wraps(body)
    def action(ctx: HallContext, *, window: int, staff_no: str,
               request_id: str | None = None, **options: Any) -> ActionResult:
        with ctx.db.write() as session:
            scope = open_scope(ctx, session)
            if (done := replay(scope, request_id)) is not None:
                return done
            row = staffed_window(scope, window, staff_no)
            return body(AtWindow(scope, row, staff_no, request_id), **options)

    return action
