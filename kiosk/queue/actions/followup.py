"""差评跟进: every rating of level 1-2 opens a follow-up for the rated window's department.

States and who moves them (managers and admins only; window clerks are refused here,
in the service layer)::

    待核实 to_verify --verify--> 已核实 verified --start_fix--> 整改中 fixing
        --complete_fix--> 已整改 fixed --revisit--> 已回访 revisited (closed)
    待核实 / 已核实 --appeal--> 申诉 appealed (closed: the rating was mistaken)

Deadlines are hall days counted in working days on the calendar (``kiosk.queue.actions.calendar``):
verify by ``followup.verify_days`` working days after the rating, fix by
``followup.fix_days`` working days after verification. A follow-up is overdue when today
is past the deadline of the state it is in. Each step stores who, when and what, and
appends an event. Rater details (the ticket and any booking name) are shown to managers
only, and each viewing is an event.
"""
from __future__ import annotations

import dataclasses
import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from kiosk.errors import IllegalTransition, InvalidInput, NotFound
from kiosk.queue.actions.calendar import WorkCalendar
from kiosk.queue.store.context import HallContext, Scope, scope as open_scope
from kiosk.queue.store.events import SYSTEM, append_event, prior_event, staff_actor
from kiosk.queue.store.lookup import require_role
from kiosk.queue.store.models import (
    Appointment, Department, Followup, FollowupState, FollowupStep, Item, Rating, Role,
    Staff, Ticket, Window,
)
from kiosk.queue.rules.names import LEVEL_ZH
from kiosk.queue.rules.text_input import FOLLOWUP_NOTE, clean_text

S = FollowupState
STATE_ZH = {S.TO_VERIFY: "待核实", S.VERIFIED: "已核实", S.FIXING: "整改中",
            S.FIXED: "已整改", S.REVISITED: "已回访", S.APPEALED: "申诉"}
#: allowed moves: from-state -> to-states
TRANSITIONS = {S.TO_VERIFY: (S.VERIFIED, S.APPEALED), S.VERIFIED: (S.FIXING, S.APPEALED),
               S.FIXING: (S.FIXED,), S.FIXED: (S.REVISITED,)}
CLOSED = (S.REVISITED, S.APPEALED)
MANAGERS = (Role.MANAGER, Role.ADMIN)
BAD_LEVELS = (1, 2)


# --- opening ----------------------------------------------------------------------------

def _department_id(scope: Scope, ticket: Ticket, window_id: int | None) -> int | None:
    """The rated window's department; for a window shared by departments (综合受理), the
    ticket's item's department."""
    window = scope.session.get(Window, window_id) if window_id else None
    if window is not None and window.department_id is not None:
        return window.department_id
    return ticket.item.department_id if ticket.item is not None else None


def _open(scope: Scope, rating: Rating, calendar: WorkCalendar) -> Followup:
    ticket = scope.session.get(Ticket, rating.ticket_id)
    rated_day = scope.local(rating.rated_at).date()
    row = Followup(hall_id=scope.hall.id, rating_id=rating.id, ticket_id=rating.ticket_id,
                   window_id=rating.window_id, staff_id=rating.staff_id,
                   department_id=_department_id(scope, ticket, rating.window_id),
                   level=rating.level, state=S.TO_VERIFY, opened_at=rating.rated_at,
                   verify_due=calendar.add_workdays(
                       rated_day, scope.settings.get("followup.verify_days")))
    row.steps.append(FollowupStep(at=rating.rated_at, actor=str(SYSTEM), from_state=None,
                                  to_state=S.TO_VERIFY.value,
                                  note=f"收到差评（{LEVEL_ZH[rating.level]}），自动立案"))
    scope.session.add(row)
    return row


def open_for_ticket(scope: Scope, ticket_id: int) -> Followup | None:
    """The hook for ``rating.rate``: inside the rating's own transaction, before its event,
    open the follow-up if the ticket's rating is bad. Idempotent."""
    scope.session.flush()
    rating = scope.session.scalar(select(Rating).where(Rating.ticket_id == ticket_id))
    if rating is None or rating.level not in BAD_LEVELS:
        return None
    existing = scope.session.scalar(select(Followup).where(Followup.rating_id == rating.id))
    if existing is not None:
        return existing
    row = _open(scope, rating, WorkCalendar.load(scope))
    scope.session.flush()
    return row


def open_followups_for_new_bad_ratings(ctx: HallContext) -> list[int]:
    """Open a follow-up for every bad rating that has none yet (safe to run any time, e.g.
    at console start or after each ``ticket_rated`` event); returns the new ids."""
    with ctx.db.write() as session:
        scope = open_scope(ctx, session)
        ratings = session.scalars(select(Rating).where(
            Rating.hall_id == scope.hall.id, Rating.level.in_(BAD_LEVELS),
            ~select(Followup.id).where(Followup.rating_id == Rating.id).exists())
            .order_by(Rating.id)).all()
        if not ratings:
            return []
        calendar = WorkCalendar.load(scope)
        rows = [_open(scope, rating, calendar) for rating in ratings]
        session.flush()
        ids = [row.id for row in rows]
        append_event(scope, SYSTEM, "followups_opened", payload={"followup_ids": ids})
        return ids


# --- moving -----------------------------------------------------------------------------

def _for_update(scope: Scope, followup_id: int) -> Followup:
    row = scope.session.scalar(select(Followup).where(
        Followup.id == followup_id, Followup.hall_id == scope.hall.id).with_for_update())
    if row is None:
        raise NotFound("找不到该差评跟进记录", f"no follow-up {followup_id}",
                       followup_id=followup_id)
    return row


def advance(ctx: HallContext, followup_id: int, *, to: str, by: str, note: str,
            request_id: str | None = None) -> FollowupView:
    """Move a follow-up to state ``to`` (a FollowupState value); ``note`` says what was
    done (核实情况, 整改措施, 回访结果, 申诉理由) and is required. ``request_id``: a retried request
    that committed before is replayed, not repeated
    (the follow-up as it is now is returned)."""
    try:
        target = S(to)
    except ValueError:
        raise InvalidInput(f"未知的跟进状态：{to}", f"unknown follow-up state {to!r}") from None
    note = clean_text(note, FOLLOWUP_NOTE,
                      missing=("请填写处理情况说明", "each follow-up step needs a note"))
    with ctx.db.write() as session:
        scope = open_scope(ctx, session)
        if (prior := prior_event(scope, request_id)) is not None:
            return _view(scope, _for_update(scope, prior.payload["followup_id"]),
                         _names(scope))
        staff = require_role(scope, by, *MANAGERS)
        row = _for_update(scope, followup_id)
        if target not in TRANSITIONS.get(row.state, ()):
            raise IllegalTransition(
                f"该差评当前为“{STATE_ZH[row.state]}”，不能改为“{STATE_ZH[target]}”",
                f"follow-up {followup_id} is {row.state.value}: cannot go to {target.value}")
        before = row.state
        row.state = target
        if target == S.VERIFIED:
            row.fix_due = WorkCalendar.load(scope).add_workdays(
                scope.today, scope.settings.get("followup.fix_days"))
        if target in CLOSED:
            row.closed_at = scope.now
        row.steps.append(FollowupStep(at=scope.now, actor=str(staff_actor(by)),
                                      staff_id=staff.id, from_state=before.value,
                                      to_state=target.value, note=note))
        session.flush()
        append_event(scope, staff_actor(by), "followup_advanced",
                     ticket_id=row.ticket_id, window_id=row.window_id,
                     payload={"followup_id": row.id, "from": before.value,
                              "to": target.value, "note": note}, request_id=request_id)
        return _view(scope, row, _names(scope))


def verify(ctx: HallContext, followup_id: int, *, by: str, note: str) -> FollowupView:
    return advance(ctx, followup_id, to=S.VERIFIED.value, by=by, note=note)


def start_fix(ctx: HallContext, followup_id: int, *, by: str, note: str) -> FollowupView:
    return advance(ctx, followup_id, to=S.FIXING.value, by=by, note=note)


def complete_fix(ctx: HallContext, followup_id: int, *, by: str, note: str) -> FollowupView:
    return advance(ctx, followup_id, to=S.FIXED.value, by=by, note=note)


def revisit(ctx: HallContext, followup_id: int, *, by: str, note: str) -> FollowupView:
    return advance(ctx, followup_id, to=S.REVISITED.value, by=by, note=note)


def appeal(ctx: HallContext, followup_id: int, *, by: str, note: str) -> FollowupView:
    return advance(ctx, followup_id, to=S.APPEALED.value, by=by, note=note)


# --- reading ----------------------------------------------------------------------------

@dataclasses.dataclass(frozen=True)
class StepView:
    at: dt.datetime
    actor: str          # staff:9001 or system
    staff_name: str | None
    from_state: str | None
    to_state: str
    note: str


@dataclasses.dataclass(frozen=True)
class FollowupView:
    """A follow-up without the rater's details (those need ``rater_details``)."""

    id: int
    state: str
    state_zh: str
    level: int
    reasons: tuple[str, ...]
    comment: str | None
    rated_at: dt.datetime
    window_number: int | None
    window_name: str | None
    staff_no: str | None
    staff_name: str | None
    department_code: str | None
    department_name: str | None
    verify_due: dt.date
    fix_due: dt.date | None
    due: dt.date | None        # the deadline of the current state; None when closed
    overdue: bool
    closed_at: dt.datetime | None
    steps: tuple[StepView, ...]


@dataclasses.dataclass(frozen=True)
class RaterDetails:
    """Who rated: the ticket and, for a booked visit, the booking's (masked) details."""

    followup_id: int
    ticket_code: str
    ticket_day: dt.date
    issued_at: dt.datetime
    item_name: str | None
    kiosk: str | None
    level: int
    reasons: tuple[str, ...]
    comment: str | None
    rated_at: dt.datetime
    appointment_code: str | None
    applicant_name: str | None
    phone_masked: str | None
    id_number_masked: str | None
    #: the phone the citizen left on the pad for 回访 (masked), and the card holder (张*)
    callback_phone_masked: str | None = None
    holder_masked: str | None = None


def _names(scope: Scope) -> dict:
    session = scope.session
    hall_id = scope.hall.id
    return {
        "window": {w.id: w for w in session.scalars(select(Window).where(
            Window.hall_id == hall_id))},
        "staff": {s.id: s for s in session.scalars(select(Staff).where(
            Staff.hall_id == hall_id))},
        "department": {d.id: d for d in session.scalars(select(Department).where(
            Department.hall_id == hall_id))},
    }


def due_of(row: Followup) -> dt.date | None:
    if row.state == S.TO_VERIFY:
        return row.verify_due
    if row.state in (S.VERIFIED, S.FIXING):
        return row.fix_due
    return None


def _view(scope: Scope, row: Followup, names: dict) -> FollowupView:
    rating = scope.session.get(Rating, row.rating_id)
    window = names["window"].get(row.window_id)
    clerk = names["staff"].get(row.staff_id)
    dept = names["department"].get(row.department_id)
    due = due_of(row)
    steps = tuple(StepView(s.at, s.actor, getattr(names["staff"].get(s.staff_id), "name",
                                                  None),
                           s.from_state, s.to_state, s.note) for s in row.steps)
    return FollowupView(
        id=row.id, state=row.state.value, state_zh=STATE_ZH[row.state], level=row.level,
        reasons=tuple(rating.reasons or ()), comment=rating.comment, rated_at=rating.rated_at,
        window_number=window.number if window else None,
        window_name=window.name if window else None,
        staff_no=clerk.staff_no if clerk else None, staff_name=clerk.name if clerk else None,
        department_code=dept.code if dept else None, department_name=dept.name if dept else None,
        verify_due=row.verify_due, fix_due=row.fix_due, due=due,
        overdue=due is not None and scope.today > due, closed_at=row.closed_at, steps=steps)


def list_followups(ctx: HallContext, *, by: str, states: list[str] | None = None,
                   overdue_only: bool = False, department: str | None = None
                   ) -> list[FollowupView]:
    """Follow-ups, newest first; managers and admins only. ``department`` is a code."""
    with ctx.db.read() as session:
        scope = open_scope(ctx, session)
        require_role(scope, by, *MANAGERS)
        query = select(Followup).where(Followup.hall_id == scope.hall.id) \
            .options(selectinload(Followup.steps)).order_by(Followup.id.desc())
        if states:
            query = query.where(Followup.state.in_([S(s) for s in states]))
        if department:
            query = query.join(Department, Department.id == Followup.department_id) \
                .where(Department.code == department)
        names = _names(scope)
        views = [_view(scope, row, names) for row in session.scalars(query)]
        return [v for v in views if v.overdue] if overdue_only else views


def followup_detail(ctx: HallContext, followup_id: int, *, by: str) -> FollowupView:
    with ctx.db.read() as session:
        scope = open_scope(ctx, session)
        require_role(scope, by, *MANAGERS)
        row = session.scalar(select(Followup).where(
            Followup.id == followup_id, Followup.hall_id == scope.hall.id))
        if row is None:
            raise NotFound("找不到该差评跟进记录", f"no follow-up {followup_id}")
        return _view(scope, row, _names(scope))


def rater_details(ctx: HallContext, followup_id: int, *, by: str) -> RaterDetails:
    """Who gave the bad rating. Managers and admins only; every viewing is recorded as a
    ``rater_details_viewed`` event (who looked, at which follow-up, when)."""
    with ctx.db.write() as session:
        scope = open_scope(ctx, session)
        require_role(scope, by, *MANAGERS)
        row = _for_update(scope, followup_id)
        rating = session.get(Rating, row.rating_id)
        ticket = session.get(Ticket, row.ticket_id)
        item = session.get(Item, ticket.item_id) if ticket.item_id else None
        booking = session.get(Appointment, ticket.appointment_id) \
            if ticket.appointment_id else None
        append_event(scope, staff_actor(by), "rater_details_viewed", ticket_id=ticket.id,
                     window_id=row.window_id, payload={"followup_id": row.id})
        return RaterDetails(
            followup_id=row.id, ticket_code=ticket.code, ticket_day=ticket.day,
            issued_at=ticket.issued_at, item_name=item.name if item else None,
            kiosk=ticket.kiosk, level=rating.level, reasons=tuple(rating.reasons or ()),
            comment=rating.comment, rated_at=rating.rated_at,
            appointment_code=booking.code if booking else None,
            applicant_name=booking.name if booking else None,
            phone_masked=booking.phone_masked if booking else None,
            id_number_masked=booking.id_number_masked if booking else None,
            callback_phone_masked=rating.callback_phone_masked,
            holder_masked=ticket.holder_masked)
