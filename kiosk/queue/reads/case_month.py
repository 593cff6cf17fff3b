"""The monthly 限时办结 report: 按时办结率, 提前办结率, late and still-open overdue cases,
average working days, by department, item and clerk (the manager's exports, issue 16)."""
from __future__ import annotations

import dataclasses
import datetime as dt
from collections import defaultdict

from sqlalchemy import case as when, func, select

from kiosk.errors import InvalidInput
from kiosk.queue.reads.cases import OPEN, HallLookups
from kiosk.queue.store.context import HallContext, scope as open_scope
from kiosk.queue.store.models import CaseFile


@dataclasses.dataclass
class Rates:
    """限时办结 figures for the cases concluded in a month (rates None when none were)."""

    concluded: int = 0
    on_time: int = 0
    early: int = 0
    late: int = 0
    workdays: int = 0
    #: still open now and overdue today, due on or before the month's last day
    open_overdue: int = 0

    @property
    def on_time_rate(self) -> float | None:   # 按时办结率
        return self.on_time / self.concluded if self.concluded else None

    @property
    def early_rate(self) -> float | None:     # 提前办结率
        return self.early / self.concluded if self.concluded else None

    @property
    def average_workdays(self) -> float | None:
        return self.workdays / self.concluded if self.concluded else None


@dataclasses.dataclass(frozen=True)
class MonthlyReport:
    year: int
    month: int
    total: Rates
    by_department: dict[str, Rates]
    by_item: dict[str, Rates]
    by_staff: dict[str, Rates]


def monthly_report(ctx: HallContext, year: int, month: int) -> MonthlyReport:
    """按时办结率 (concluded on or before the due date), 提前办结率 (before it), late and
    still-open overdue cases, average working days used (补正 days left out); by
    department, item and clerk."""
    if not 1 <= month <= 12:
        raise InvalidInput("月份应在 1 到 12 之间", f"bad month {month}")
    first = dt.date(year, month, 1)
    last = (first + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
    with ctx.db.read() as session:
        hall = HallLookups(open_scope(ctx, session))
        hall_id = hall.scope.hall.id
        done = session.execute(
            select(CaseFile.department_id, CaseFile.item_id, CaseFile.staff_id, func.count(),
                   func.sum(when((CaseFile.concluded_day <= CaseFile.due_date, 1), else_=0)),
                   func.sum(when((CaseFile.concluded_day < CaseFile.due_date, 1), else_=0)),
                   func.coalesce(func.sum(CaseFile.workdays_used), 0))
            .where(CaseFile.hall_id == hall_id, CaseFile.concluded_day.between(first, last))
            .group_by(CaseFile.department_id, CaseFile.item_id, CaseFile.staff_id)).all()
        still_open = session.execute(
            select(CaseFile.department_id, CaseFile.item_id, CaseFile.staff_id, func.count())
            .where(CaseFile.hall_id == hall_id, CaseFile.state.in_(OPEN),
                   CaseFile.due_date < min(last + dt.timedelta(days=1), hall.today),
                   CaseFile.accepted_day <= last)
            .group_by(CaseFile.department_id, CaseFile.item_id, CaseFile.staff_id)).all()
    total, by_dep, by_item, by_staff = Rates(), defaultdict(Rates), defaultdict(Rates), \
        defaultdict(Rates)

    def targets(dep, item, who):
        found = [total, by_dep[hall.departments[dep][0]], by_item[hall.items[item][0]]]
        return found + ([by_staff[hall.staff[who][0]]] if who in hall.staff else [])

    for dep, item, who, count, on_time, early, workdays in done:
        for rates in targets(dep, item, who):
            rates.concluded += count
            rates.on_time += int(on_time)
            rates.early += int(early)
            rates.late += count - int(on_time)
            rates.workdays += int(workdays)
    for dep, item, who, count in still_open:
        for rates in targets(dep, item, who):
            rates.open_overdue += count
    return MonthlyReport(year, month, total, dict(by_dep), dict(by_item), dict(by_staff))
