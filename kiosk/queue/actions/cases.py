"""Registering a case (办件) when a clerk finishes a ticket as 受理 or 容缺受理.

Runs inside ``serving.finish``'s transaction: the case, its 办件编号 and the ticket's
outcome commit together or not at all. The lifecycle after that is ``case_moves``.
"""
from __future__ import annotations

import dataclasses

from sqlalchemy import Integer, bindparam, select, text

from kiosk.errors import InvalidInput
from kiosk.queue.actions.calendar import WorkCalendar
from kiosk.queue.actions.issuing import web_token
from kiosk.queue.actions.keys import personal_keys
from kiosk.queue.rules import case_clock
from kiosk.queue.rules.personal import clean_mobile, keyed_hash, mask_phone
from kiosk.queue.store.context import HallContext, Scope
from kiosk.queue.actions.counter_rows import CounterWindow
from kiosk.queue.store.models import (
    CaseFile, CaseMaterial, CaseState, ItemKind, Material, Outcome, Reminder,
    Ticket, Window,
)

#: the first case of a year creates the counter at 1, later ones add 1 under the row's
#: lock (PostgreSQL) or the write lock (SQLite); a rollback hands the number back
_BUMP = text(
    "INSERT INTO case_counter (hall_id, year, last_number) VALUES (:c_hall, :c_year, 1) "
    "ON CONFLICT (hall_id, year) DO UPDATE SET last_number = case_counter.last_number + 1 "
    "RETURNING last_number").columns(last_number=Integer)
_PHONE = select(Reminder.phone_masked, Reminder.phone_hash).where(
    Reminder.ticket_id == bindparam("ticket_id"))


@dataclasses.dataclass(frozen=True)
class ApplicantPhone:
    """The applicant's mobile as a case keeps it: masked (办件查询 checks its last four
    digits) and keyed-hashed, as a reminder's phone is; never in clear."""

    masked: str
    hash: str


def applicant_phone(ctx: HallContext, phone: str | None) -> ApplicantPhone | None:
    """The mobile the clerk typed at 受理, cleaned and sealed before the transaction
    (the key file is read outside it); None when left empty."""
    if phone is None or not phone.strip():
        return None
    phone = clean_mobile(phone)
    return ApplicantPhone(mask_phone(phone), keyed_hash(personal_keys(ctx), "phone", phone))


def next_case_no(scope: Scope) -> str:
    """The next 办件编号 of the hall, from the ``cases.number_format`` setting."""
    fmt = scope.settings.get("cases.number_format")
    year = scope.today.year
    seq = scope.session.connection().scalar(
        _BUMP, {"c_hall": scope.hall.id, "c_year": year if "{year" in fmt else 0})
    try:
        return fmt.format(hall=scope.hall.code.upper(), year=year, seq=seq)
    except (KeyError, IndexError, ValueError) as exc:
        raise InvalidInput("办件编号格式设置有误，请管理员检查“办件编号格式”",
                           f"bad cases.number_format {fmt!r}: {exc}") from None


def supply_later_materials(ticket: Ticket | None, outcome: Outcome,
                           missing: list[str] | None) -> list[Material]:
    """The 容缺 materials the applicant still owes: those named (by name or id), or all
    the item's may-supply-later ones when none are named."""
    if outcome != Outcome.SUPPLY_LATER:
        if missing:
            raise InvalidInput("“受理”不能登记缺少的材料，缺材料请选“容缺受理”",
                               "missing materials are only for supply_later")
        return []
    allowed = [m for m in ticket.item.materials if m.may_supply_later]
    if not missing:
        return allowed
    chosen = []
    for wanted in missing:
        match = next((m for m in allowed if wanted in (m.name, str(m.id))), None)
        if match is None:
            raise InvalidInput(f"“{wanted}”不是该事项可容缺后补的材料",
                               f"{wanted!r} is not a may-supply-later material of the item")
        if match not in chosen:
            chosen.append(match)
    return chosen


def register_case(scope: Scope, ticket: Ticket, window: Window | CounterWindow,
                  outcome: Outcome, missing: list[Material],
                  phone: ApplicantPhone | None = None) -> CaseFile:
    """The case a ticket finished as 受理 / 容缺受理 becomes, in the caller's transaction.
    ``phone``: typed by the clerk; else the reminder phone left on the ticket, if any."""
    item = ticket.item
    calendar = WorkCalendar.load(scope)
    today = scope.today
    promised = case_clock.promised_date(calendar.is_workday, today, item.promised_days)
    if phone is None:
        left = scope.session.execute(_PHONE, {"ticket_id": ticket.id}).first()
        phone = ApplicantPhone(*left) if left else None
    case = CaseFile(
        hall_id=scope.hall.id, case_no=next_case_no(scope), item_id=item.id,
        department_id=item.department_id, ticket_id=ticket.id, window_id=window.id,
        staff_id=window.staff_id, state=CaseState.ACCEPTED.value,
        kind=(ItemKind.INSTANT if item.promised_days == 0 else ItemKind.PROMISED).value,
        applicant_masked=ticket.holder_masked,
        phone_masked=phone.masked if phone else None, phone_hash=phone.hash if phone else None,
        accepted_at=scope.now, accepted_day=today, promised_days=item.promised_days,
        promised_date=promised, due_date=promised, stopped_days=0, web_token=web_token())
    if missing:
        due = case_clock.add_workdays(calendar.is_workday, today,
                                      scope.settings.get("cases.supply_later_workdays"))
        case.supply_due = due
    scope.session.add(case)
    scope.session.flush()
    for material in missing:
        scope.session.add(CaseMaterial(case_id=case.id, material_id=material.id,
                                       name=material.name, reason="supply_later",
                                       due_date=case.supply_due, asked_at=scope.now))
    return case


def case_no_of_ticket(scope: Scope, ticket_id: int) -> str | None:
    """The 办件编号 a ticket became, if it did (for replaying a finish)."""
    return scope.session.scalar(select(CaseFile.case_no).where(CaseFile.ticket_id == ticket_id))

