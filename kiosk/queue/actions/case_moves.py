"""Moving a case (办件) through its states after 受理: one write transaction and one
event per move, each checked against ``MOVES``, the one table of allowed transitions.

An item may name 办理环节 with their own time limits (catalog ``case_steps``): 开始办理
starts the first, each 环节完成 ends one and starts the next, each due its days after
it started; a 补正 moves the running step's due date on like the case's.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import functools
from collections.abc import Callable
from typing import Any

from sqlalchemy import select

from kiosk.errors import IllegalTransition, InvalidInput, NotFound
from kiosk.queue.actions.calendar import WorkCalendar
from kiosk.queue.rules import case_clock
from kiosk.queue.rules.text_input import CASE_MATERIAL, CASE_REASON, clean_text
from kiosk.queue.store.context import HallContext, Scope, scope as open_scope
from kiosk.queue.store.events import append_event, prior_event, staff_actor
from kiosk.queue.store.lookup import require_role
from kiosk.queue.store.models import (
    CASE_STATE_ZH, CaseFile, CaseMaterial, CaseState, CaseStep, Item, Role,
)

S = CaseState
#: move -> (the states it may start from, the state it leaves; None: unchanged)
MOVES: dict[str, tuple[frozenset[CaseState], CaseState | None]] = {
    "case_processing": (frozenset({S.ACCEPTED}), S.PROCESSING),
    "case_correction_noticed": (frozenset({S.ACCEPTED, S.PROCESSING}), S.CORRECTING),
    "case_correction_received": (frozenset({S.CORRECTING}), S.PROCESSING),
    "case_supply_received": (frozenset({S.ACCEPTED, S.PROCESSING, S.CORRECTING}), None),
    "case_step_done": (frozenset({S.PROCESSING}), None),
    "case_concluded": (frozenset({S.ACCEPTED, S.PROCESSING}), S.CONCLUDED),
    "case_delivered": (frozenset({S.CONCLUDED}), S.DELIVERED),
    "case_collected": (frozenset({S.CONCLUDED}), S.COLLECTED),
}
MOVE_ZH = {"case_processing": "开始办理", "case_correction_noticed": "补正告知",
           "case_correction_received": "补正材料接收", "case_supply_received": "容缺材料接收",
           "case_step_done": "完成办理环节",
           "case_concluded": "办结", "case_delivered": "送达", "case_collected": "领取"}


@dataclasses.dataclass(frozen=True)
class CaseMoved:
    event_id: int
    case_no: str
    state: str
    due_date: dt.date
    replayed: bool = False


def _check(case: CaseFile, move: str) -> CaseState | None:
    starts, to = MOVES[move]
    state = CaseState(case.state)
    if state in starts:
        return to
    if move == "case_correction_noticed" and state == S.CORRECTING:
        raise IllegalTransition("该办件已发出补正告知，材料补齐前不能再次告知（一次性告知）",
                                f"case {case.case_no} already has an open correction notice")
    if move == "case_concluded" and state == S.CORRECTING:
        raise IllegalTransition("补正材料尚未收到，不能办结",
                                f"case {case.case_no} waits for correction materials")
    raise IllegalTransition(f"办件{CASE_STATE_ZH[state.value]}，不能{MOVE_ZH[move]}",
                            f"case {case.case_no} is {state.value}: cannot {move}")


def case_move(move: str) -> Callable[..., Callable[..., CaseMoved]]:
    """The frame of a move: replay a committed retry, check the clerk and the state,
    apply ``body(scope, case, **options) -> payload``, append the event."""
    def wrap(body: Callable[..., dict[str, Any]]) -> Callable[..., CaseMoved]:
        @functools.wraps(body)
        def action(ctx: HallContext, case_no: str, *, by: str, request_id: str | None = None,
                   **options: Any) -> CaseMoved:
            with ctx.db.write() as session:
                scope = open_scope(ctx, session)
                if (prior := prior_event(scope, request_id)) is not None:
                    case = _case(scope, prior.payload["case_no"])
                    return CaseMoved(prior.id, case.case_no, case.state, case.due_date, True)
                require_role(scope, by, Role.WINDOW, Role.MANAGER, Role.ADMIN)
                case = _case(scope, case_no, lock=True)
                to = _check(case, move)
                payload = body(scope, case, **options)
                if to is not None:
                    case.state = to.value
                event = append_event(scope, staff_actor(by), move, ticket_id=case.ticket_id,
                                     payload={"case_no": case.case_no, "state": case.state,
                                              **payload}, request_id=request_id)
                return CaseMoved(event.id, case.case_no, case.state, case.due_date)
        return action
    return wrap


def _case(scope: Scope, case_no: str, lock: bool = False) -> CaseFile:
    query = select(CaseFile).where(CaseFile.hall_id == scope.hall.id,
                                   CaseFile.case_no == case_no)
    case = scope.session.scalar(query.with_for_update() if lock else query)
    if case is None:
        raise NotFound(f"找不到办件 {case_no}", f"no case {case_no!r}", case_no=case_no)
    return case


def _owed(scope: Scope, case: CaseFile, reason: str) -> list[CaseMaterial]:
    return list(scope.session.scalars(select(CaseMaterial).where(
        CaseMaterial.case_id == case.id, CaseMaterial.reason == reason,
        CaseMaterial.received_at.is_(None)).order_by(CaseMaterial.id)))


@case_move("case_processing")
def start_processing(scope: Scope, case: CaseFile) -> dict[str, Any]:
    """受理 → 办理中, starting the item's first 办理环节 when it has any."""
    return _begin_steps(scope, case)


def _begin_steps(scope: Scope, case: CaseFile) -> dict[str, Any]:
    """The case's steps from its item, the first one started (once per case)."""
    if scope.session.scalar(select(CaseStep.id).where(CaseStep.case_id == case.id)
                            .limit(1)) is not None:
        return {}
    specs = scope.session.get(Item, case.item_id).case_steps or []
    steps = [CaseStep(case_id=case.id, seq=seq, name=spec["name"], days=spec["days"])
             for seq, spec in enumerate(specs, start=1)]
    scope.session.add_all(steps)
    if not steps:
        return {}
    _start(scope, steps[0])
    return {"step": steps[0].name, "step_due": steps[0].due_date.isoformat()}


def _start(scope: Scope, step: CaseStep) -> None:
    step.started_at = scope.now
    step.due_date = case_clock.add_workdays(WorkCalendar.load(scope).is_workday,
                                            scope.today, step.days)


def _running_step(scope: Scope, case: CaseFile) -> CaseStep | None:
    return scope.session.scalar(select(CaseStep).where(
        CaseStep.case_id == case.id, CaseStep.started_at.is_not(None),
        CaseStep.done_at.is_(None)))


@case_move("case_step_done")
def finish_step(scope: Scope, case: CaseFile) -> dict[str, Any]:
    """环节完成: the running step is done, the next one (if any) starts today."""
    step = _running_step(scope, case)
    if step is None:
        raise IllegalTransition("该办件没有进行中的办理环节",
                                f"case {case.case_no} has no running step")
    step.done_at = scope.now
    late = scope.today > step.due_date
    following = scope.session.scalar(select(CaseStep).where(
        CaseStep.case_id == case.id, CaseStep.seq == step.seq + 1))
    if following is None:
        return {"step": step.name, "late": late, "next": None}
    _start(scope, following)
    return {"step": step.name, "late": late, "next": following.name,
            "next_due": following.due_date.isoformat()}


@case_move("case_correction_noticed")
def notice_correction(scope: Scope, case: CaseFile, *, materials: list[str]) -> dict[str, Any]:
    """补正告知: the materials asked for, all at once (一次性告知); the clock stops
    from today until they arrive."""
    names = [clean_text(name, CASE_MATERIAL, missing=("材料名称不能为空", "empty material name"))
             for name in materials]
    if not names:
        raise InvalidInput("请列出需要补正的全部材料", "a correction notice names its materials")
    for name in names:
        scope.session.add(CaseMaterial(case_id=case.id, name=name, reason="correction",
                                       asked_at=scope.now))
    case.paused_since = scope.today
    return {"materials": names}


@case_move("case_correction_received")
def receive_correction(scope: Scope, case: CaseFile) -> dict[str, Any]:
    """补正材料 arrived: the clock runs again, the due date moves on by the working days
    it stood still."""
    for material in _owed(scope, case, "correction"):
        material.received_at = scope.now
    calendar = WorkCalendar.load(scope)
    stopped = case_clock.stopped_workdays(calendar.is_workday, case.paused_since, scope.today)
    case.stopped_days += stopped
    case.due_date = case_clock.add_workdays(calendar.is_workday, case.due_date, stopped)
    if (step := _running_step(scope, case)) is not None:
        step.due_date = case_clock.add_workdays(calendar.is_workday, step.due_date, stopped)
    case.paused_since = None
    # a 补正 noticed straight after 受理 leads into 办理中 without 开始办理
    return {"stopped_days": stopped, "due_date": case.due_date.isoformat(),
            **_begin_steps(scope, case)}


@case_move("case_supply_received")
def receive_supplied(scope: Scope, case: CaseFile, *, material: str) -> dict[str, Any]:
    """One 容缺 material arrived (by name or id of the item's material)."""
    owed = _owed(scope, case, "supply_later")
    match = next((m for m in owed if material in (m.name, str(m.material_id))), None)
    if match is None:
        raise InvalidInput(f"“{material}”不是该办件待补的容缺材料",
                           f"{material!r} is not owed to case {case.case_no}")
    match.received_at = scope.now
    if len(owed) == 1:
        case.supply_due = None
    return {"material": match.name, "late": match.due_date is not None
            and scope.today > match.due_date}


@case_move("case_concluded")
def conclude(scope: Scope, case: CaseFile, *, approved: bool,
             reason: str | None = None) -> dict[str, Any]:
    """办结: 准予 (no 容缺 material may still be owed) or 不予 (the reason is required)."""
    if approved and case.supply_due is not None:
        raise IllegalTransition("容缺材料尚未补齐，不能准予办结",
                                f"case {case.case_no} still owes supply-later materials")
    if not approved:
        reason = clean_text(reason, CASE_REASON,
                            missing=("不予办结须写明理由", "a refusal needs its reason"))
    calendar = WorkCalendar.load(scope)
    case.supply_due = None  # a refused case owes nothing more
    case.decision = "approved" if approved else "refused"
    case.refusal_reason = None if approved else reason
    case.concluded_at = scope.now
    case.concluded_day = scope.today
    if (step := _running_step(scope, case)) is not None:
        step.done_at = scope.now
    used = case_clock.workdays_between(calendar.is_workday, case.accepted_day, scope.today)
    case.workdays_used = max(0, used - case.stopped_days)
    return {"decision": case.decision, "reason": case.refusal_reason,
            "on_time": scope.today <= case.due_date}


@case_move("case_delivered")
def deliver(scope: Scope, case: CaseFile) -> dict[str, Any]:
    """已送达 (sent to the applicant)."""
    case.handed_over_at = scope.now
    return {}


@case_move("case_collected")
def collect(scope: Scope, case: CaseFile) -> dict[str, Any]:
    """已领取 (collected at the window)."""
    case.handed_over_at = scope.now
    return {}
