"""At the counter: start serving, finish with an outcome (办结), transfer (转办)."""
from __future__ import annotations

import dataclasses

from kiosk.errors import IllegalTransition, InvalidInput
from kiosk.queue.actions import cases, counter_rows
from kiosk.queue.actions.at_window import (
    AtCounter,
    AtWindow,
    counter_action,
    window_action,
)
from kiosk.queue.actions.calling import (
    call_ticket,
    current_ticket,
    current_ticket_row,
    pick_next,
)
from kiosk.queue.actions.counter_rows import TicketRow
from kiosk.queue.actions.results import result
from kiosk.queue.rules.text_input import TICKET_NOTE, clean_optional
from kiosk.queue.snapshots import ActionResult, TicketView
from kiosk.queue.store.context import HallContext
from kiosk.queue.store.events import NewEvent
from kiosk.queue.store.lookup import service_by_prefix, window_by_number
from kiosk.queue.store.models import Outcome, Ticket, TicketState, WindowState


@window_action
def start(at: AtWindow) -> ActionResult:
    """The called citizen has arrived at the counter: handling starts now."""
    ticket = current_ticket(at.scope, at.window, TicketState.CALLED)
    ticket.state = TicketState.SERVING
    ticket.started_at = at.scope.now
    event = at.event("service_started", ticket,
                     {"code": ticket.code, "window": at.window.number})
    return result(event, ticket, at.window)


def finish(ctx: HallContext, *, window: int, staff_no: str, outcome: str,
           note: str | None = None, missing_materials: list[str] | None = None,
           applicant_phone: str | None = None, request_id: str | None = None) -> ActionResult:
    """办结 the current ticket. Finishing a ticket that was only called counts its
    handling from the call. ``accepted`` (受理) is for promised items only;
    ``supply_later`` (容缺受理) also needs an item with materials that may follow
    (``missing_materials``: their names or ids; default all of them). Both register a
    case (办件) in this transaction; the result's ``case_no`` names it.
    ``applicant_phone`` (受理 only): the mobile the case is looked up by (办件查询)."""
    return _finish(ctx, window=window, staff_no=staff_no, request_id=request_id,
                   outcome=outcome, note=note, missing_materials=missing_materials,
                   phone=cases.applicant_phone(ctx, applicant_phone))


@counter_action
def _finish(at: AtCounter, *, outcome: str, note: str | None,
            missing_materials: list[str] | None,
            phone: cases.ApplicantPhone | None) -> ActionResult:
    current = current_ticket_row(at, TicketState.CALLED, TicketState.SERVING)
    finished = _finish_ticket(at, current, outcome=outcome, note=note,
                              missing_materials=missing_materials, phone=phone)
    return finished.appended(at)


@dataclasses.dataclass(frozen=True)
class Finished:
    """A ticket finished in this transaction, its row write and event not sent yet:
    办结并叫号 sends them with the call's, in one statement."""

    ticket: TicketView
    payload: dict
    case_no: str | None

    def event(self, at: AtCounter) -> NewEvent:
        return at.new_event("service_finished", self.ticket, self.payload)

    def appended(self, at: AtCounter) -> ActionResult:
        """The press ends with this finish: the window is free, the event appended."""
        at.write(counter_rows.FREE_WINDOW, {"w_id": at.window.id})
        event = at.append(self.event(at))
        return ActionResult(event_id=event.id, ticket=self.ticket,
                            window=at.window.view(current_ticket_id=None),
                            case_no=self.case_no)


_CASE_OUTCOMES = (Outcome.ACCEPTED, Outcome.SUPPLY_LATER)


def _finish_ticket(at: AtCounter, ticket: TicketRow, *, outcome: str, note: str | None,
                   missing_materials: list[str] | None,
                   phone: cases.ApplicantPhone | None) -> Finished:
    """办结 ``ticket``, the window's current one; the window row and the event are the
    caller's to write (办结并叫号 writes the window once, for the call)."""
    try:
        result_kind = Outcome(outcome)
    except ValueError:
        raise InvalidInput(f"未知的办理结果：{outcome}", f"unknown outcome {outcome!r}")
    note = clean_optional(note, TICKET_NOTE)
    if result_kind in _CASE_OUTCOMES and not ticket.promised:
        raise InvalidInput("“受理”只适用于承诺件，即办件请选“办结”",
                           f"outcome {result_kind.value!r} applies to promised items only")
    # the ORM ticket only for a case: its item's materials, and the case's own rows
    with_case = at.scope.session.get(Ticket, ticket.view.id) \
        if result_kind in _CASE_OUTCOMES else None
    if result_kind == Outcome.SUPPLY_LATER and not any(
            m.may_supply_later for m in with_case.item.materials):
        raise InvalidInput("该事项没有可容缺后补的材料，请选“受理”或“一次性告知”",
                           "no material of this item may be supplied later")
    missing = cases.supply_later_materials(with_case, result_kind, missing_materials)
    if phone is not None and result_kind not in _CASE_OUTCOMES:
        raise InvalidInput("只有受理（或容缺受理）的办件需要登记申请人手机号",
                           "an applicant phone goes with accepted / supply_later only")
    scope, view = at.scope, ticket.view
    started = view.started_at or view.called_at
    at.write(counter_rows.SET_FINISHED, {
        "f_id": view.id, "f_outcome": result_kind, "f_started": started,
        "f_at": scope.now, "f_note": note or None})
    done = dataclasses.replace(view, state=TicketState.FINISHED.value,
                               outcome=result_kind.value, started_at=started,
                               finished_at=scope.now, note=note or view.note)
    case = None
    if with_case is not None:
        at.send_writes()  # the case's rows read the ticket's
        scope.session.expire(with_case)  # its row changed below the ORM
        case = cases.register_case(scope, with_case, at.window, result_kind, missing, phone)
    payload = {"code": done.code, "window": at.window.number, "outcome": result_kind.value,
               "handling_s": round((scope.now - started).total_seconds())}
    if case is not None:
        payload.update(case_no=case.case_no, promised_date=case.promised_date.isoformat())
    return Finished(done, payload, case.case_no if case is not None else None)


def finish_and_call_next(ctx: HallContext, *, window: int, staff_no: str, outcome: str,
                         note: str | None = None, missing_materials: list[str] | None = None,
                         applicant_phone: str | None = None,
                         request_id: str | None = None) -> ActionResult:
    """办结并叫号: finish the current ticket with ``outcome`` (as ``finish``) and call the
    next one, in one transaction (one commit for the clerk's most frequent press). The
    result's ``ticket`` is the one called (None when nobody waits) and ``finished`` the
    one finished; the rating pad asks for the finished ticket's rating as after
    ``finish``."""
    return _finish_and_call_next(ctx, window=window, staff_no=staff_no,
                                 request_id=request_id, outcome=outcome, note=note,
                                 missing_materials=missing_materials,
                                 phone=cases.applicant_phone(ctx, applicant_phone))


@counter_action
def _finish_and_call_next(at: AtCounter, *, outcome: str, note: str | None,
                          missing_materials: list[str] | None,
                          phone: cases.ApplicantPhone | None) -> ActionResult:
    """The next ticket is locked before anything changes, so the request id goes on the
    press's last event: the call, or the finish when nobody waits. The window row is
    written once, by the call (or emptied when nobody waits)."""
    current = current_ticket_row(at, TicketState.CALLED, TicketState.SERVING)
    following = pick_next(at)
    finished = _finish_ticket(at, current, outcome=outcome, note=note,
                              missing_materials=missing_materials, phone=phone)
    if following is None:
        return finished.appended(at)
    quiet = dataclasses.replace(at, request_id=None)  # the request id goes on the call's
    called = call_ticket(at, following, after_finishing=finished.ticket,
                         finished_event=finished.event(quiet))
    return dataclasses.replace(called, case_no=finished.case_no)


@window_action
def transfer(at: AtWindow, *, to_prefix: str | None = None, to_window: int | None = None,
             note: str | None = None) -> ActionResult:
    """转办: send the current ticket to another queue or to a given window. It keeps its
    number and its place in time (一票到底), so it is called there ahead of later ones."""
    if (to_prefix is None) == (to_window is None):
        raise InvalidInput("请选择转往的业务或窗口（二选一）",
                           "transfer needs exactly one of to_prefix and to_window")
    note = clean_optional(note, TICKET_NOTE)
    scope = at.scope
    ticket = current_ticket(scope, at.window, TicketState.CALLED, TicketState.SERVING)
    if to_window is not None:
        if to_window == at.window.number:
            raise InvalidInput("不能转给本窗口", "cannot transfer to the same window")
        target = window_by_number(scope, to_window)
        if target.state == WindowState.CLOSED:
            raise IllegalTransition(
                f"{target.number}号窗口未开放，不能转入，请转给开放的窗口或业务",
                f"window {target.number} is closed: cannot transfer to it")
        ticket.target_window_id = target.id
        target_text = f"{target.number}号窗口"
    else:
        service = service_by_prefix(scope, to_prefix)
        if not service.active:
            raise IllegalTransition(f"{service.name}今日暂停办理",
                                    f"queue {service.prefix} is closed")
        ticket.service = service
        ticket.target_window_id = None
        target_text = service.name
    began = ticket.started_at or ticket.called_at
    handling_s = round((scope.now - began).total_seconds()) if began else 0
    ticket.state = TicketState.TRANSFERRED
    ticket.transfer_count += 1
    ticket.called_at = ticket.started_at = None
    if note:
        ticket.note = note
    at.window.current_ticket_id = None
    event = at.event("ticket_transferred", ticket, {
        "code": ticket.code, "from_window": at.window.number, "to_prefix": to_prefix,
        "to_window": to_window, "to": target_text, "note": note, "handling_s": handling_s})
    return result(event, ticket, at.window)
