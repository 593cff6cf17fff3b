"""Printed slips built from what the queue returned (no Qt, no database).

The same QR payload (``rules.ticket_code``) goes on the screen and on paper, so a photo
of the screen is as good as the slip.
"""
from __future__ import annotations

import datetime as dt

from kiosk.clock import hall_time
from kiosk.printing import Material, NoticeSlip, TicketSlip
from kiosk.queue.rules import ticket_code
from kiosk.queue.rules.at_counter import BY_AGE
from kiosk.queue.rules.names import PRIORITY_ZH
from kiosk.queue.reads.hall import ItemGuide
from kiosk.queue.snapshots import IssueResult

FORM_PRINTED = {"original": "原件", "copy": "复印件", "both": "原件和复印件"}
KIND_PRINTED = {"instant": "即办件", "promised": "承诺件"}


def ticket_qr_payload(hall_code: str, day: dt.date, code: str, *, hall_name: str = "",
                      queue_name: str = "", web_base: str = "",
                      web_token: str | None = None) -> str:
    """What the ticket's QR code holds: readable on a phone, parsed back by
    ``ticket_code.parse`` (a link to the ticket's page once ``web_base`` is set)."""
    return ticket_code.build(hall_code, day, code, hall_name=hall_name,
                             queue_name=queue_name, web_base=web_base, web_token=web_token)


def window_labels(numbers: tuple[int, ...]) -> tuple[str, ...]:
    """("9号", "10号", "20号窗口"): joined with 、 it reads as on the screen and keeps
    the line short enough for 58 mm paper."""
    labels = [f"{n}号" for n in numbers]
    if labels:
        labels[-1] += "窗口"
    return tuple(labels)


def priority_label(priority: str, priority_check: str | None) -> str | None:
    """The slip's 绿色通道 line: earned by the ID card's age (no check at the window),
    or claimed at the kiosk (the window confirms it)."""
    if priority_check == BY_AGE:
        return "绿色通道（按年龄自动）"
    name = PRIORITY_ZH.get(priority)
    return f"绿色通道·{name}（待窗口确认）" if name else None


def ticket_slip(result: IssueResult, *, hall_name: str, hall_code: str, timezone: str,
                appointment_label: str | None = None, web_base: str = "") -> TicketSlip:
    ticket = result.ticket
    return TicketSlip(
        hall_name=hall_name, code=ticket.code, service_name=ticket.service_name,
        item_name=ticket.item_name or "", windows=window_labels(result.window_numbers),
        people_ahead=result.people_ahead,
        estimated_wait_minutes=result.estimated_wait_minutes,
        issued_at_local=hall_time(ticket.issued_at, timezone),
        priority_label=priority_label(ticket.priority, ticket.priority_check),
        appointment_label=appointment_label, holder_masked=ticket.holder_masked,
        qr_payload=ticket_qr_payload(hall_code, ticket.day, ticket.code, hall_name=hall_name,
                                     queue_name=ticket.service_name, web_base=web_base,
                                     web_token=ticket.web_token))


def notice_slip(guide: ItemGuide, *, hall_name: str, printed_at: dt.datetime) -> NoticeSlip:
    return NoticeSlip(
        hall_name=hall_name, item_code=guide.code, item_name=guide.name,
        department_name=guide.department_name,
        kind_label=KIND_PRINTED.get(guide.kind, guide.kind),
        legal_days=guide.legal_days, promised_days=guide.promised_days,
        materials=tuple(Material(m.name, FORM_PRINTED.get(m.form, m.form), m.copies,
                                 m.required, m.may_supply_later, m.note or "")
                        for m in guide.materials),
        windows=window_labels(guide.window_numbers), contact=guide.contact,
        qr_payload=guide.code, printed_at_local=printed_at)
