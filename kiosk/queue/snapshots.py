"""Plain, immutable snapshots of rows that cross the service boundary.

Screens get these, never ORM objects, so no view can lazy-load or write by accident.
"""
from __future__ import annotations

import dataclasses
import datetime as dt

from kiosk.queue.store.models import Ticket, Window


@dataclasses.dataclass(frozen=True)
class TicketView:
    id: int
    code: str
    day: dt.date
    prefix: str
    number: int
    service_id: int
    service_prefix: str
    service_name: str
    item_code: str | None
    item_name: str | None
    priority: str
    appointment_id: int | None
    due_at: dt.datetime | None
    state: str
    outcome: str | None
    issued_at: dt.datetime
    queue_at: dt.datetime
    called_at: dt.datetime | None
    started_at: dt.datetime | None
    finished_at: dt.datetime | None
    recall_count: int
    transfer_count: int
    no_show_count: int
    window_id: int | None
    target_window_id: int | None
    staff_id: int | None
    note: str | None
    #: the card holder's masked name (张*) when the ticket was taken by ID card; never
    #: the name itself, which is not stored
    holder_masked: str | None = None
    #: how its 绿色通道 stands: "claimed" (the window checks), "confirmed", "by_age"
    #: (the ID card's birth date earned it), None (no priority)
    priority_check: str | None = None
    #: the secret in the URL of the ticket's phone page (its QR): whoever holds the
    #: printed ticket may follow it, nobody can guess another's
    web_token: str | None = None

    @classmethod
    def of(cls, ticket: Ticket) -> TicketView:
        return cls(
            id=ticket.id, code=ticket.code, day=ticket.day, prefix=ticket.prefix,
            number=ticket.number, service_id=ticket.service_id,
            service_prefix=ticket.service.prefix,
            service_name=ticket.service.name,
            item_code=ticket.item.code if ticket.item else None,
            item_name=ticket.item.name if ticket.item else None,
            priority=ticket.priority.value, appointment_id=ticket.appointment_id,
            due_at=ticket.due_at, state=ticket.state.value,
            outcome=ticket.outcome.value if ticket.outcome else None,
            issued_at=ticket.issued_at, queue_at=ticket.queue_at,
            called_at=ticket.called_at, started_at=ticket.started_at,
            finished_at=ticket.finished_at, recall_count=ticket.recall_count,
            transfer_count=ticket.transfer_count, no_show_count=ticket.no_show_count,
            window_id=ticket.window_id, target_window_id=ticket.target_window_id,
            staff_id=ticket.staff_id, note=ticket.note,
            holder_masked=ticket.holder_masked, priority_check=ticket.priority_check,
            web_token=ticket.web_token,
        )


@dataclasses.dataclass(frozen=True)
class WindowView:
    id: int
    number: int
    name: str
    state: str
    staff_no: str | None
    staff_name: str | None
    current_ticket_id: int | None
    pause_reason: str | None
    paused_at: dt.datetime | None
    pause_back_at: dt.datetime | None
    service_prefixes: tuple[str, ...]

    @classmethod
    def of(cls, window: Window) -> WindowView:
        return cls(
            id=window.id, number=window.number, name=window.name,
            state=window.state.value,
            staff_no=window.staff.staff_no if window.staff else None,
            staff_name=window.staff.name if window.staff else None,
            current_ticket_id=window.current_ticket_id,
            pause_reason=window.pause_reason, paused_at=window.paused_at,
            pause_back_at=window.pause_back_at,
            service_prefixes=tuple(s.prefix for s in window.services),
        )


@dataclasses.dataclass(frozen=True)
class ActionResult:
    """What one action changed. ``event_id`` is None when nothing changed (an empty
    queue on call next); ``replayed`` is True when a retried request was recognised by
    its request id and not applied again."""

    event_id: int | None
    ticket: TicketView | None = None
    window: WindowView | None = None
    replayed: bool = False
    #: the ticket the same press finished (办结并叫号), else None
    finished: TicketView | None = None
    #: the 办件编号 of the case the finish registered (受理 / 容缺受理), else None
    case_no: str | None = None


@dataclasses.dataclass(frozen=True)
class IssueResult:
    event_id: int
    ticket: TicketView
    people_ahead: int
    estimated_wait_minutes: int
    window_numbers: tuple[int, ...]
    replayed: bool = False

    @property
    def holder_masked(self) -> str | None:
        return self.ticket.holder_masked

    @property
    def priority_check(self) -> str | None:
        return self.ticket.priority_check
