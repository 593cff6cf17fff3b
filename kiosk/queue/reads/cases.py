"""What is read about cases (办件): the 电子监察 page's model, one case, and the
``cases list`` of the command line. The citizen's 办件查询 is ``case_lookup``'s, the
monthly 限时办结 report ``case_month``'s.

Cards come from ``rules.case_clock``; the page stays fast over a million cases because
it only touches open cases (index ix_case_file_due) and counts them grouped by due
date in SQL, so the rule runs once per group, not once per case.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
from collections import Counter, defaultdict
from typing import Any

from sqlalchemy import and_, false, func, or_, select

from kiosk.errors import InvalidInput, NotFound
from kiosk.queue.rules import case_clock
from kiosk.queue.store.context import HallContext, Scope, scope as open_scope
from kiosk.queue.store.models import (
    CASE_STATE_ZH, OPEN_CASE_STATES, CaseFile, CaseMaterial, CaseState, CaseStep, Department,
    Item, Staff, Window, WorkCalendarDay,
)

OPEN = [s.value for s in OPEN_CASE_STATES]
CORRECTING = CaseState.CORRECTING.value
STATE_ZH = CASE_STATE_ZH


@dataclasses.dataclass(frozen=True)
class CaseRow:
    case_no: str
    item: str
    department: str
    window: int | None
    staff_no: str | None
    state: str
    applicant: str | None
    accepted_day: dt.date
    promised_date: dt.date
    due_date: dt.date
    card: str | None          # "yellow", "red" or None
    supply_due: dt.date | None
    supply_card: str | None   # 容缺 materials still owed
    step: str | None = None          # the running 办理环节, if the item has steps
    step_due: dt.date | None = None
    step_card: str | None = None


@dataclasses.dataclass
class Cards:
    """Open cases and their cards for one department, window or clerk."""

    open: int = 0
    yellow: int = 0
    red: int = 0
    supply_yellow: int = 0
    supply_red: int = 0
    step_yellow: int = 0
    step_red: int = 0
    due_today: int = 0


@dataclasses.dataclass(frozen=True)
class Supervision:
    rows: list[CaseRow]           # the filtered open cases, by due date (at most ``limit``)
    matching: int                 # how many match the filters in all
    total: Cards
    by_department: dict[str, Cards]
    by_window: dict[int, Cards]
    by_staff: dict[str, Cards]


class HallLookups:
    """One read's lookups: calendar, thresholds and the small tables, each one query."""

    def __init__(self, scope: Scope) -> None:
        session, hall_id = scope.session, scope.hall.id
        self.scope, self.today = scope, scope.today
        self.is_workday = case_clock.week_calendar(dict(session.execute(
            select(WorkCalendarDay.day, WorkCalendarDay.is_workday)
            .where(WorkCalendarDay.hall_id == hall_id)).all()))
        get = scope.settings.get
        self.thresholds = {"yellow_workdays": get("cases.yellow_workdays"),
                           "yellow_share": get("cases.yellow_share")}
        self.supply_days = get("cases.supply_later_workdays")
        self.departments = {i: (code, name) for i, code, name in session.execute(
            select(Department.id, Department.code, Department.name)
            .where(Department.hall_id == hall_id))}
        self.items = {i: (code, name) for i, code, name in session.execute(
            select(Item.id, Item.code, Item.name).where(Item.hall_id == hall_id))}
        self.windows = dict(session.execute(select(Window.id, Window.number)
                                            .where(Window.hall_id == hall_id)).all())
        self.staff = {i: (no, name) for i, no, name in session.execute(
            select(Staff.id, Staff.staff_no, Staff.name).where(Staff.hall_id == hall_id))}
        self._cards: dict[tuple, str | None] = {}

    def card(self, due: dt.date, limit_days: int, paused: dt.date | None) -> str | None:
        key = (due, limit_days, paused)
        if key not in self._cards:
            self._cards[key] = case_clock.card(self.is_workday, due=due, today=self.today,
                                               limit_days=limit_days, paused_since=paused,
                                               **self.thresholds)
        return self._cards[key]

    def supply_card(self, due: dt.date | None) -> str | None:
        return None if due is None else self.card(due, self.supply_days, None)

    def id_of(self, table: dict, wanted: Any, what: str) -> int:
        for key, value in table.items():
            if (value[0] if isinstance(value, tuple) else value) == wanted:
                return key
        raise InvalidInput(f"没有{what}“{wanted}”", f"no {what} {wanted!r}")


def _filters(hall: HallLookups, department, window, staff) -> list:
    where = [CaseFile.hall_id == hall.scope.hall.id, CaseFile.state.in_(OPEN)]
    if department is not None:
        where.append(CaseFile.department_id == hall.id_of(hall.departments, department, "部门"))
    if window is not None:
        where.append(CaseFile.window_id == hall.id_of(hall.windows, window, "窗口"))
    if staff is not None:
        where.append(CaseFile.staff_id == hall.id_of(hall.staff, staff, "工号"))
    return where


#: a case's running 办理环节 (started, not done)
_RUNNING_STEP = and_(CaseStep.case_id == CaseFile.id, CaseStep.started_at.is_not(None),
                     CaseStep.done_at.is_(None))


def _card_sql(hall: HallLookups, card: str, limits: set[int], step_cards: dict[str, set[int]]):
    """The SQL condition for cases showing ``card`` ("yellow", "red", "any" or
    "supply_red") today, for the case or its 容缺 materials, from the same rules as
    ``HallLookups.card``; ``step_cards``: the ids of the cases whose running 办理环节 shows
    each card (a few hundred at most: an id list beats a subquery per open case)."""
    today, running = hall.today, CaseFile.state != CORRECTING
    red = or_(and_(running, CaseFile.due_date < today),
              and_(CaseFile.state == CORRECTING, CaseFile.due_date < CaseFile.paused_since),
              CaseFile.supply_due < today, CaseFile.id.in_(sorted(step_cards["red"])))
    yellow_parts = [CaseFile.id.in_(sorted(step_cards["yellow"]))]
    for limit in sorted(limits):
        until = case_clock.yellow_until(hall.is_workday, today, case_clock.yellow_margin(
            limit, **hall.thresholds))
        if until is not None:
            yellow_parts.append(and_(running, CaseFile.promised_days == limit,
                                     CaseFile.due_date.between(today, until)))
    supply_until = case_clock.yellow_until(hall.is_workday, today, case_clock.yellow_margin(
        hall.supply_days, **hall.thresholds))
    if supply_until is not None:
        yellow_parts.append(CaseFile.supply_due.between(today, supply_until))
    yellow = or_(*yellow_parts) if yellow_parts else false()
    return {"red": red, "yellow": yellow, "any": or_(red, yellow),
            "supply_red": CaseFile.supply_due < today}[card]


def supervision(ctx: HallContext, *, department: str | None = None,
                window: int | None = None, staff: str | None = None,
                card: str | None = None, due_today: bool = False,
                limit: int = 200) -> Supervision:
    """电子监察: open cases with their 黄牌/红牌 (case and 容缺 materials) and the counts
    by department, window and clerk. ``card``: "yellow", "red" or "any" (either, of
    the case or its 容缺 materials), "supply_red" (容缺 materials overdue);
    ``due_today``: only cases due today."""
    if card not in (None, "yellow", "red", "any", "supply_red"):
        raise InvalidInput(f"未知的预警类别：{card}", f"unknown card {card!r}")
    with ctx.db.read() as session:
        hall = HallLookups(open_scope(ctx, session))
        where = _filters(hall, department, window, staff)
        groups = session.execute(
            select(CaseFile.department_id, CaseFile.window_id, CaseFile.staff_id,
                   CaseFile.promised_days, CaseFile.due_date, CaseFile.paused_since,
                   CaseFile.supply_due, func.count())
            .where(*where).group_by(CaseFile.department_id, CaseFile.window_id,
                                    CaseFile.staff_id, CaseFile.promised_days,
                                    CaseFile.due_date, CaseFile.paused_since,
                                    CaseFile.supply_due)).all()
        total, by_dep, by_win, by_staff = Cards(), defaultdict(Cards), defaultdict(Cards), \
            defaultdict(Cards)
        for dep, win, who, limit_days, due, paused, supply, count in groups:
            marks = Counter({"open": count})
            marks[hall.card(due, limit_days, paused) or "none"] += count
            marks[f"supply_{hall.supply_card(supply)}"] += count
            marks["due_today"] += count if due == hall.today else 0
            targets = [total, by_dep[hall.departments[dep][0]]]
            targets += [by_win[hall.windows[win]]] if win in hall.windows else []
            targets += [by_staff[hall.staff[who][0]]] if who in hall.staff else []
            for target in targets:
                for name in ("open", "yellow", "red", "supply_yellow", "supply_red",
                             "due_today"):
                    setattr(target, name, getattr(target, name) + marks[name])
        step_cards = _count_step_cards(session, hall, where, total, by_dep, by_win, by_staff)
        if card is not None:
            where.append(_card_sql(hall, card, {g[3] for g in groups}, step_cards))
        if due_today:
            where.append(CaseFile.due_date == hall.today)
        matching = session.scalar(select(func.count()).select_from(CaseFile).where(*where))
        cases = session.scalars(select(CaseFile).where(*where)
                                .order_by(CaseFile.due_date, CaseFile.case_no).limit(limit))
        cases = list(cases)
        steps = _running_steps(session, [c.id for c in cases])
        rows = [_row(hall, c, steps.get(c.id)) for c in cases]
        return Supervision(rows, matching, total, dict(by_dep), dict(by_win), dict(by_staff))


def _count_step_cards(session, hall: HallLookups, where: list, *targets_by) -> dict[str, set[int]]:
    """Adds the running steps' cards to the counts; returns the ids of the cases whose
    step shows each card."""
    total, by_dep, by_win, by_staff = targets_by
    marked: dict[str, set[int]] = {"red": set(), "yellow": set()}
    for case_id, dep, win, who, days, due, paused in session.execute(
            select(CaseFile.id, CaseFile.department_id, CaseFile.window_id,
                   CaseFile.staff_id, CaseStep.days, CaseStep.due_date,
                   CaseFile.paused_since).join(CaseStep, _RUNNING_STEP).where(*where)):
        mark = hall.card(due, days, paused)
        if mark is None:
            continue
        marked[mark].add(case_id)
        targets = [total, by_dep[hall.departments[dep][0]]]
        targets += [by_win[hall.windows[win]]] if win in hall.windows else []
        targets += [by_staff[hall.staff[who][0]]] if who in hall.staff else []
        for target in targets:
            setattr(target, f"step_{mark}", getattr(target, f"step_{mark}") + 1)
    return marked


def _running_steps(session, case_ids: list[int]) -> dict[int, CaseStep]:
    if not case_ids:
        return {}
    return {step.case_id: step for step in session.scalars(select(CaseStep).where(
        CaseStep.case_id.in_(case_ids), CaseStep.started_at.is_not(None),
        CaseStep.done_at.is_(None)))}


def _row(hall: HallLookups, case: CaseFile, step: CaseStep | None = None) -> CaseRow:
    is_open = case.state in OPEN
    return CaseRow(
        case.case_no, hall.items[case.item_id][1], hall.departments[case.department_id][1],
        hall.windows.get(case.window_id), hall.staff.get(case.staff_id, (None,))[0],
        case.state, case.applicant_masked, case.accepted_day, case.promised_date,
        case.due_date, hall.card(case.due_date, case.promised_days, case.paused_since)
        if is_open else None, case.supply_due, hall.supply_card(case.supply_due),
        step.name if step else None, step.due_date if step else None,
        hall.card(step.due_date, step.days, case.paused_since) if step and is_open else None)


@dataclasses.dataclass(frozen=True)
class MaterialRow:
    name: str
    reason: str             # "supply_later" (容缺) or "correction" (补正)
    due_date: dt.date | None
    received_at: dt.datetime | None
    card: str | None


@dataclasses.dataclass(frozen=True)
class StepRow:
    """One 办理环节 of a case: not started (no due date), running, or done."""

    name: str
    days: int
    due_date: dt.date | None
    done_at: dt.datetime | None
    card: str | None


@dataclasses.dataclass(frozen=True)
class CaseDetail:
    row: CaseRow
    kind: str
    stopped_days: int
    paused_since: dt.date | None
    decision: str | None
    refusal_reason: str | None
    concluded_day: dt.date | None
    workdays_used: int | None
    materials: list[MaterialRow]
    steps: list[StepRow] = dataclasses.field(default_factory=list)


def find_case(session, scope: Scope, case_no: str) -> CaseFile | None:
    return session.scalar(select(CaseFile).where(CaseFile.hall_id == scope.hall.id,
                                                 CaseFile.case_no == case_no))


def case_materials(session, case: CaseFile) -> list[CaseMaterial]:
    return list(session.scalars(select(CaseMaterial).where(CaseMaterial.case_id == case.id)
                                .order_by(CaseMaterial.id)))


def case_detail(ctx: HallContext, case_no: str) -> CaseDetail:
    """One case with its materials owed or received, for the window and the manager."""
    with ctx.db.read() as session:
        hall = HallLookups(open_scope(ctx, session))
        case = find_case(session, hall.scope, case_no)
        if case is None:
            raise NotFound(f"找不到办件 {case_no}", f"no case {case_no!r}", case_no=case_no)
        materials = [MaterialRow(
            m.name, m.reason, m.due_date, m.received_at,
            hall.supply_card(m.due_date) if m.received_at is None else None)
            for m in case_materials(session, case)]
        steps = list(session.scalars(select(CaseStep).where(CaseStep.case_id == case.id)
                                     .order_by(CaseStep.seq)))
        running = next((st for st in steps if st.started_at and not st.done_at), None)
        row = _row(hall, case, running)
        step_rows = [StepRow(st.name, st.days, st.due_date, st.done_at,
                             row.step_card if st is running else None) for st in steps]
        return CaseDetail(row, case.kind, case.stopped_days, case.paused_since,
                          case.decision, case.refusal_reason, case.concluded_day,
                          case.workdays_used, materials, step_rows)


def case_list(ctx: HallContext, *, overdue: bool = False, due_within: int | None = None,
              department: str | None = None, limit: int = 1000) -> list[CaseRow]:
    """Open cases by due date for ``cases list``: the overdue ones and/or those due
    within ``due_within`` working days (both: either); neither: every open case."""
    with ctx.db.read() as session:
        hall = HallLookups(open_scope(ctx, session))
        where = _filters(hall, department, None, None)
        wanted = []
        if overdue:
            wanted.append(or_(and_(CaseFile.state != CORRECTING, CaseFile.due_date < hall.today),
                              and_(CaseFile.state == CORRECTING,
                                   CaseFile.due_date < CaseFile.paused_since)))
        if due_within is not None:
            if due_within < 0:
                raise InvalidInput("天数不能为负数", "due_within must not be negative")
            until = case_clock.add_workdays(hall.is_workday, hall.today, due_within)
            wanted.append(CaseFile.due_date.between(hall.today, until))
        if wanted:
            where.append(or_(*wanted))
        found = session.scalars(select(CaseFile).where(*where)
                                .order_by(CaseFile.due_date, CaseFile.case_no).limit(limit))
        return [_row(hall, c) for c in found]
