"""Building an action's result, and replaying a request that already committed."""
from __future__ import annotations

from kiosk.queue.actions.cases import case_no_of_ticket
from kiosk.queue.store.context import Scope
from kiosk.queue.store.events import Appended, prior_event
from kiosk.queue.store.lookup import ticket_by_id
from kiosk.queue.store.models import Ticket, Window
from kiosk.queue.snapshots import ActionResult, TicketView, WindowView


def result(event: Appended | None, ticket: Ticket | None = None,
           window: Window | None = None, finished: Ticket | None = None) -> ActionResult:
    return ActionResult(event_id=event.id if event else None,
                        ticket=TicketView.of(ticket) if ticket else None,
                        window=WindowView.of(window) if window else None,
                        finished=TicketView.of(finished) if finished else None)


def replay(scope: Scope, request_id: str | None) -> ActionResult | None:
    """If this request committed before (the client lost the answer and retried),
    return what it did instead of doing it again."""
    event = prior_event(scope, request_id)
    if event is None:
        return None
    ticket = ticket_by_id(scope, event.ticket_id, for_update=False) if event.ticket_id else None
    window = scope.session.get(Window, event.window_id) if event.window_id else None
    finished_id = (event.payload or {}).get("finished_id")
    finished = ticket_by_id(scope, finished_id, for_update=False) if finished_id else None
    done_id = finished_id or (event.ticket_id if event.action == "service_finished" else None)
    return ActionResult(event_id=event.id, ticket=TicketView.of(ticket) if ticket else None,
                        window=WindowView.of(window) if window else None, replayed=True,
                        finished=TicketView.of(finished) if finished else None,
                        case_no=case_no_of_ticket(scope, done_id) if done_id else None)

