"""绿色通道核验: the window confirms or rejects a priority the kiosk could not prove.

A citizen who says they are elderly, disabled, military or pregnant gets a priority
ticket at once and is told the window will check (``ticket.priority_check`` "claimed",
or NULL on tickets issued before that column was filled). The clerk, with the citizen
or their papers in front of them, confirms it ("confirmed") or finds it does not apply:
the ticket then loses its priority and waits as an ordinary one, at the place an
ordinary ticket taken at the same time has (its ``queue_at`` never moved).
"""
from __future__ import annotations

from kiosk.errors import IllegalTransition, NotPermitted
from kiosk.queue.actions.at_window import AtWindow, window_action
from kiosk.queue.actions.results import result
from kiosk.queue.rules.at_counter import BY_AGE, CONFIRMED
from kiosk.queue.store.lookup import ticket_by_code
from kiosk.queue.store.models import (
    ACTIVE_STATES, WAITING_STATES, Priority, Ticket, TicketState,
)
from kiosk.queue.snapshots import ActionResult


def _checkable(at: AtWindow, code: str) -> Ticket:
    """The priority ticket ``code``, in hand at this window or waiting for it."""
    ticket = ticket_by_code(at.scope, code)
    window = at.window
    if ticket.state in ACTIVE_STATES:
        if window.current_ticket_id != ticket.id:
            raise NotPermitted(f"{ticket.code} 号不在本窗口办理，不能核验绿色通道",
                               f"{ticket.code} is at another window, not {window.number}")
    elif ticket.state in WAITING_STATES:
        mine = ticket.target_window_id == window.id or (
            ticket.target_window_id is None and ticket.service in window.services)
        if not mine:
            raise NotPermitted(f"{ticket.code} 号不属于本窗口的业务，不能核验绿色通道",
                               f"{ticket.code} is not served at window {window.number}")
    else:
        raise IllegalTransition(f"{ticket.code} 号已办理完毕（或已过号、作废），不能再核验",
                                f"{ticket.code} is {ticket.state.value}: nothing to check")
    if ticket.priority == Priority.NONE:
        raise IllegalTransition(f"{ticket.code} 号不是绿色通道号，无需核验",
                                f"{ticket.code} has no priority to check")
    return ticket


@window_action
def confirm_priority(at: AtWindow, *, code: str) -> ActionResult:
    """The clerk saw the proof: the ticket keeps its priority, marked as checked."""
    ticket = _checkable(at, code)
    if ticket.priority_check in (CONFIRMED, BY_AGE):
        raise IllegalTransition(f"{ticket.code} 号的绿色通道已核验，无需再确认",
                                f"{ticket.code} priority is already {ticket.priority_check}")
    ticket.priority_check = CONFIRMED
    event = at.event("priority_confirmed", ticket, {
        "code": ticket.code, "window": at.window.number,
        "priority": ticket.priority.value})
    return result(event, ticket, at.window)


@window_action
def reject_priority(at: AtWindow, *, code: str) -> ActionResult:
    """不符合条件: the ticket becomes ordinary. In hand at the counter, it goes back to
    waiting (the window is free to call) and is called in ordinary order."""
    ticket = _checkable(at, code)
    claimed = ticket.priority
    was_current = ticket.state in ACTIVE_STATES
    ticket.priority = Priority.NONE
    ticket.priority_check = None
    if was_current:
        ticket.state = TicketState.WAITING
        ticket.called_at = ticket.started_at = None
        ticket.window_id = ticket.staff_id = None
        ticket.recall_count = 0
        at.window.current_ticket_id = None
        # the call counted as a priority call: it no longer delays the ordinary ones
        at.window.priority_streak = max(0, at.window.priority_streak - 1)
    event = at.event("priority_rejected", ticket, {
        "code": ticket.code, "window": at.window.number, "priority": claimed.value,
        "was_current": was_current})
    return result(event, ticket, at.window)
