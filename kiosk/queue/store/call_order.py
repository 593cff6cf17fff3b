"""The order a window calls tickets in, as statements built once (building one costs
more than running it); ``call_params`` supplies their values.

1. tier 0: appointment tickets whose slot has started, by slot start;
2. tier 1: priority tickets (绿色通道), by their place in line;
3. tier 2: everyone else, by their place in line (issue time, kept on transfer).

A window takes tickets of its own queues that were not sent to another window, and
tickets transferred to it by number. ``actions.calling`` calls in this order (plus the
priority streak rule); ``reads.window`` shows the next-up list in the same order.
"""
from __future__ import annotations

from sqlalchemy import bindparam, case, or_, select

from kiosk.queue.store.context import Scope
from kiosk.queue.store.fixed_in import fixed_in
from kiosk.queue.store.models import (
    WAITING_STATES,
    Priority,
    Ticket,
    window_service,
)

#: 0 due appointment, 1 priority, 2 ordinary (see the module docstring)
CALL_TIER = case((Ticket.due_at.is_not(None) & (Ticket.due_at <= bindparam("now")), 0),
                 (Ticket.priority != Priority.NONE, 1), else_=2)
#: the window's queues, as a subquery (a list of ids would make every execution
#: render its own SQL)
_WINDOW_QUEUES = select(window_service.c.service_id).where(
    window_service.c.window_id == bindparam("window_id"))
#: which waiting tickets a window may call
MAY_CALL = (
    Ticket.hall_id == bindparam("hall_id"), Ticket.day == bindparam("day"),
    fixed_in(Ticket.state, WAITING_STATES),
    or_(Ticket.target_window_id == bindparam("window_id"),
        Ticket.service_id.in_(_WINDOW_QUEUES) & Ticket.target_window_id.is_(None)))
#: the waiting tickets a window may call, unordered
CANDIDATES = select(Ticket).where(*MAY_CALL)
#: the order call_next takes them in, before the priority streak rule (which may move
#: the oldest ordinary ticket forward)
CALL_ORDER = (CALL_TIER, case((CALL_TIER == 0, Ticket.due_at), else_=Ticket.queue_at),
              Ticket.id)
IN_CALL_ORDER = CANDIDATES.order_by(*CALL_ORDER)


def call_params(scope: Scope, window_id: int) -> dict:
    """The values of the call-order statements for the window now."""
    return {"now": scope.now, "hall_id": scope.hall.id, "day": scope.today,
            "window_id": window_id}
