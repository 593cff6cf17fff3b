"""限时办结 for the exports: ``kiosk.queue.reads.case_month.monthly_report`` for every calendar
month a report's date range touches, labelled with names, in the rows the xlsx sheet and
the PDF section print (by department, item and clerk, each with its total).

The figures are the core's (one definition, in ``monthly_report``): a case counts in the
month it was concluded; 按时 = concluded on or before its due date (moved on by the
working days a 补正 stopped the clock), 提前 = before it; 超期未办结 = still open and
past its due date by the month's end (or today, for the current month); average days
are working days from 受理 to 办结 without the stopped ones.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable

from sqlalchemy import select

from kiosk.queue.reads import case_month
from kiosk.queue.store.context import HallContext, scope as open_scope
from kiosk.queue.store.models import Department, Item, Staff
from kiosk.reports.report import authorise, check_range
from kiosk.reports.stats import Figure

CASE_FIGURES: tuple[Figure, ...] = (
    Figure("concluded", "办结数", "count", "cases concluded in the month", "当月办结的办件数"),
    Figure("on_time", "按时办结数", "count", "concluded on or before the due date",
           "在应办结日期（含补正顺延）当日或之前办结的办件数"),
    Figure("on_time_rate", "按时办结率", "rate", "on_time / concluded", "按时办结数 ÷ 办结数"),
    Figure("early", "提前办结数", "count", "concluded before the due date",
           "在应办结日期之前办结的办件数"),
    Figure("early_rate", "提前办结率", "rate", "early / concluded", "提前办结数 ÷ 办结数"),
    Figure("late", "超期办结数", "count", "concluded after the due date",
           "超过应办结日期才办结的办件数"),
    Figure("open_overdue", "超期未办结数", "count",
           "open and past the due date at the month's end (today for this month)",
           "月末（本月为今天）仍未办结且已超过应办结日期的办件数"),
    Figure("average_workdays", "平均用时(工作日)", "days",
           "mean working days from acceptance to conclusion, 补正 days left out",
           "受理到办结的平均工作日数（不含补正停止计时的天数）"),
)
#: the sections of each month: (MonthlyReport attribute, the group's header)
SECTIONS = (("by_department", "部门"), ("by_item", "事项"), ("by_staff", "经办人"))
Progress = Callable[[int, int], object]


@dataclasses.dataclass(frozen=True)
class CaseGroup:
    key: str | None        # department / item code, staff number; None: the total
    label: str
    rates: case_month.Rates

    def value(self, figure: Figure):
        return getattr(self.rates, figure.name)


@dataclasses.dataclass(frozen=True)
class CaseMonth:
    year: int
    month: int
    total: case_month.Rates
    sections: tuple[tuple[str, tuple[CaseGroup, ...]], ...]   # (header, groups)

    @property
    def title_zh(self) -> str:
        return f"{self.year}年{self.month}月"


@dataclasses.dataclass(frozen=True)
class CaseReport:
    hall_name: str
    months: tuple[CaseMonth, ...]

    @property
    def title_zh(self) -> str:
        return f"{self.hall_name} 限时办结统计"


def months_of(start: dt.date, end: dt.date) -> list[tuple[int, int]]:
    """The calendar months ``start``..``end`` touches, in order."""
    months, year, month = [], start.year, start.month
    while (year, month) <= (end.year, end.month):
        months.append((year, month))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def _labels(ctx: HallContext, by: str | None) -> tuple[str, dict[str, dict]]:
    with ctx.db.read() as session:
        scope = open_scope(ctx, session)
        authorise(scope, by)
        hall_id = scope.hall.id
        departments = {code: (name, (sort, code)) for code, name, sort in session.execute(
            select(Department.code, Department.name, Department.sort)
            .where(Department.hall_id == hall_id))}
        items = {code: (name, (sort, code)) for code, name, sort in session.execute(
            select(Item.code, Item.name, Item.sort).where(Item.hall_id == hall_id))}
        staff = {no: (f"{name}（{no}）", (0, no)) for no, name in session.execute(
            select(Staff.staff_no, Staff.name).where(Staff.hall_id == hall_id))}
        return scope.hall.name, {"by_department": departments, "by_item": items,
                                 "by_staff": staff}


def case_report(ctx: HallContext, *, start: dt.date, end: dt.date, by: str | None,
                progress: Progress | None = None) -> CaseReport:
    """限时办结 for each month of ``start``..``end``, for ``by`` (a manager or admin;
    None: the local operator, see ``report.authorise``). ``progress(done, months)``
    after each month (a background task's raises to cancel)."""
    check_range(start, end)
    hall_name, labels = _labels(ctx, by)
    wanted = months_of(start, end)
    months = []
    for done, (year, month) in enumerate(wanted, 1):
        found = case_month.monthly_report(ctx, year, month)
        sections = []
        for attribute, header in SECTIONS:
            named = labels[attribute]
            groups = getattr(found, attribute)
            order = sorted(groups, key=lambda k: (named[k][1] if k in named else (1e9, k)))
            sections.append((header, tuple(
                CaseGroup(k, named[k][0] if k in named else k, groups[k]) for k in order)))
        months.append(CaseMonth(year, month, found.total, tuple(sections)))
        if progress is not None:
            progress(done, len(wanted))
    return CaseReport(hall_name, tuple(months))


def format_figure(figure: Figure, value) -> str:
    """A figure as the PDF and the console print it: rates in percent, days with one
    decimal, a dash where there is no denominator."""
    if value is None:
        return "—"
    if figure.kind == "rate":
        return f"{value * 100:.1f}%"
    if figure.kind == "days":
        return f"{value:.1f}"
    return str(value)
